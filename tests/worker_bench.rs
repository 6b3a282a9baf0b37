//! Benchmarks of the workers' jobs in headless Chromium (not timed tests:
//! they print figures and assert only that the work was done). Run by
//! `./dev bench` in the workers' profile (`opt-level = 3`, as they ship;
//! `Cargo.toml`):
//!
//! - the import worker's job: the province's 2,000 division files checked
//!   and merged, against the browser's own `JSON.parse` of the same text;
//!   goal within 2×;
//! - the export worker's job at province scale: the workspace's JSON read,
//!   evaluated and written as XLSX (goal ≤ 400 ms) and as DOCX.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use thidua::core::campaign::model::Workspace;
use thidua::core::exchange::envelope::{encode_export, export_unit, sealed_part, Importer};
use thidua::core::exchange::import::{Decoded, ImportBatch};
use thidua::core::exchange::merge::Choices;
use thidua::core::exchange::persist::workspace_json;
use thidua::core::report::office::{office_document_from_json, OfficeFormat};
use thidua::core::sample::{generate, SampleScale};
use thidua::web::import_worker::{decode_files, PickedFile};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod timing;
use timing::{now_ms, time_runs};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn bench_province_import_and_merge() {
    let province = generate(SampleScale::Province, 2025);
    let at = Utc.with_ymd_and_hms(2025, 8, 15, 10, 0, 0).unwrap();
    // The files as the browser hands them over: JavaScript strings.
    let files: Vec<js_sys::JsString> = province
        .campaign
        .units
        .iter()
        .map(|unit| {
            let text = encode_export(&export_unit(&province, &unit.id, at).expect("unit"));
            js_sys::JsString::from(text)
        })
        .collect();
    let bytes: u32 = files.iter().map(|f| f.length()).sum();

    // The browser's own parser over the same text, as the baseline: called
    // on the JavaScript strings directly (js_sys::JSON::parse takes a Rust
    // &str and would count a copy into JavaScript against it).
    let json = js_sys::Reflect::get(&js_sys::global(), &"JSON".into()).expect("JSON");
    let parse: js_sys::Function = js_sys::Reflect::get(&json, &"parse".into())
        .expect("JSON.parse")
        .into();
    // The same files as the File API's arrayBuffer() gives them, which is
    // what the app reads (decoding bytes to a JavaScript string first and
    // copying it back out would cost ~100 ms for nothing).
    let buffers: Vec<js_sys::Uint8Array> = {
        let encoder = web_sys::TextEncoder::new().expect("TextEncoder");
        files
            .iter()
            .map(|f| encoder.encode_with_input(&String::from(f)))
            .map(|bytes| js_sys::Uint8Array::from(bytes.as_slice()))
            .collect()
    };
    // Where the time goes, step by step (each over all files).
    let started = now_ms();
    let texts: Vec<Vec<u8>> = buffers.iter().map(js_sys::Uint8Array::to_vec).collect();
    let to_rust = now_ms() - started;
    let started = now_ms();
    for text in &texts {
        black_box(thidua::core::digest::sha256_hex(text));
    }
    let hashing = now_ms() - started;
    let started = now_ms();
    for text in &texts {
        black_box(serde_json::from_slice::<serde_json::Value>(text).expect("JSON"));
    }
    let parse_value = now_ms() - started;
    // The decoding alone (UTF-8, parse into the records, their checks),
    // each file's digest given: what the import's checks cost beyond it is
    // the reads, WebCrypto and the waits between them.
    let digests: Vec<String> = texts
        .iter()
        .map(|text| thidua::core::digest::sha256_hex(sealed_part(text).expect("sealed")))
        .collect();
    let importer = Importer::new(&province.campaign);
    let started = now_ms();
    for (text, digest) in texts.iter().zip(&digests) {
        black_box(
            importer
                .decode_bytes_with_digest(text, Some(digest))
                .expect("good file"),
        );
    }
    let decoding = now_ms() - started;
    console_log!(
        "BENCH steps: bytes into wasm memory {to_rust:.0} ms, SHA-256 of whole files in wasm {hashing:.0} ms, serde_json to Value {parse_value:.0} ms, decoded into the records and checked (digests given) {decoding:.0} ms"
    );
    drop(texts);

    // Ours, as the import worker does it (`decode_files`: the reads handed
    // over as promises, each sealed envelope hashed by WebCrypto while the
    // files before it are decoded), the dry run behind the preview, then the
    // merge itself when the user applies. Five rounds, each against
    // JSON.parse in the same minute: this machine's speed drifts by ±30 %.
    let campaign = province.campaign.clone();
    let target = Workspace::new(campaign.clone());
    let mut rounds = Vec::new();
    for _ in 0..5 {
        let started = now_ms();
        for file in &files {
            black_box(
                parse
                    .call1(&json, &JsValue::from(file))
                    .expect("valid JSON"),
            );
        }
        let json_parse = now_ms() - started;

        let picked: Vec<PickedFile> = buffers
            .iter()
            .enumerate()
            .map(|(index, file)| {
                (
                    format!("{index}.json"),
                    Ok(js_sys::Promise::resolve(&JsValue::from(file.buffer()))),
                )
            })
            .collect();
        let started = now_ms();
        let importer = Importer::new(&campaign);
        let decoded: Vec<(String, Decoded)> = decode_files(&importer, picked, |_, _| {}).await;
        let checked = now_ms() - started;
        let started = now_ms();
        let batch = ImportBatch::plan(&target, decoded);
        let dry_run = now_ms() - started;
        assert_eq!(batch.good_files(), files.len(), "every file is good");
        let mut merged = target.clone();
        let started = now_ms();
        batch.apply(&mut merged, &Choices::new(), at);
        let merging = now_ms() - started;
        assert_eq!(merged.daily_reports.len(), province.daily_reports.len());
        rounds.push((
            (checked + merging) / json_parse,
            json_parse,
            checked,
            merging,
            dry_run,
        ));
    }
    rounds.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (ratio, json_parse, checked, merging, dry_run) = rounds[rounds.len() / 2];
    console_log!(
        "BENCH import: {} files, {:.1} M UTF-16 units of JSON; the median of 5 rounds by ratio (ratios {})",
        files.len(),
        f64::from(bytes) / 1e6,
        rounds
            .iter()
            .map(|r| format!("{:.2}", r.0))
            .collect::<Vec<_>>()
            .join(", ")
    );
    console_log!("BENCH JSON.parse of all files: {json_parse:.0} ms");
    console_log!(
        "BENCH thidua import: {:.0} ms = checks (bytes into wasm, UTF-8, SHA-256 by WebCrypto, parse, records, ownership) {checked:.0} ms + merge {merging:.0} ms; {ratio:.2}× JSON.parse (goal ≤ 2×)",
        checked + merging
    );
    console_log!(
        "BENCH the dry run behind the preview (each file against the stored data): {dry_run:.0} ms"
    );
}

#[wasm_bindgen_test]
fn bench_province_office_documents() {
    let province = generate(SampleScale::Province, 2025);
    let json = workspace_json(&province);
    for format in [OfficeFormat::Xlsx, OfficeFormat::Docx] {
        let mut size = 0;
        let (median, min, max) = time_runs(3, || {
            size = office_document_from_json(format.as_str(), &json, "")
                .expect("a document")
                .len();
        });
        assert!(size > 0);
        let goal = match format {
            OfficeFormat::Xlsx => " (goal ≤ 400 ms)",
            _ => "",
        };
        console_log!(
            "BENCH export worker, province {} from {:.1} MB of JSON: median {median:.0} ms{goal}, min {min:.0} ms, max {max:.0} ms over 3 runs, {:.2} MB",
            format.as_str(),
            json.len() as f64 / 1e6,
            size as f64 / 1e6,
        );
    }
}
