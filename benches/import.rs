//! The import worker's own work on the province's 2,000 division files,
//! natively: each decoded into its records and checked (its digest given, as
//! WebCrypto gives it in the browser), then the dry run and the merge.
//! Prints figures; asserts only that the work was done. Against
//! `JSON.parse` it is measured in Chromium (`tests/worker_bench.rs`); here
//! it is the same code under callgrind's steady count. `cargo bench --bench import`
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it runs once on
//! the department sample, so the benchmark itself stays compiled and working.

use std::time::Instant;

use chrono::{TimeZone, Utc};
use thidua::core::campaign::model::Workspace;
use thidua::core::digest::sha256_hex;
use thidua::core::exchange::envelope::{encode_export, export_unit, sealed_part, Importer};
use thidua::core::exchange::import::{Decoded, ImportBatch};
use thidua::core::exchange::merge::Choices;
use thidua::core::sample::{generate, SampleScale};

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let scale = if benchmarking {
        SampleScale::Province
    } else {
        SampleScale::Department
    };
    let workspace = generate(scale, 2025);
    let at = Utc.with_ymd_and_hms(2025, 8, 15, 10, 0, 0).unwrap();
    let files: Vec<String> = workspace
        .campaign
        .units
        .iter()
        .map(|unit| encode_export(&export_unit(&workspace, &unit.id, at).expect("unit")))
        .collect();
    let digests: Vec<String> = files
        .iter()
        .map(|file| sha256_hex(sealed_part(file.as_bytes()).expect("sealed")))
        .collect();
    let bytes: usize = files.iter().map(String::len).sum();

    let importer = Importer::new(&workspace.campaign);
    let started = Instant::now();
    let decoded = decode_all(&importer, &files, &digests);
    let decoding = started.elapsed();
    let target = Workspace::new(workspace.campaign.clone());
    let started = Instant::now();
    let batch = ImportBatch::plan(&target, decoded);
    let planning = started.elapsed();
    assert_eq!(batch.good_files(), files.len(), "every file is good");
    let mut merged = target.clone();
    let started = Instant::now();
    merge_all(&batch, &mut merged, at);
    let merging = started.elapsed();
    assert_eq!(merged.daily_reports.len(), workspace.daily_reports.len());
    let ms = |elapsed: std::time::Duration| elapsed.as_secs_f64() * 1e3;
    println!(
        "import {scale:?}: {} files, {:.1} MB; decoded and checked (digests given) {:.0} ms, \
         dry run {:.0} ms, merge {:.0} ms",
        files.len(),
        bytes as f64 / 1e6,
        ms(decoding),
        ms(planning),
        ms(merging),
    );
}

/// Each file as the import worker decodes it. A function of its own, so
/// that callgrind can count it alone (`--toggle-collect=*decode_all*`).
#[inline(never)]
fn decode_all(importer: &Importer, files: &[String], digests: &[String]) -> Vec<(String, Decoded)> {
    files
        .iter()
        .zip(digests)
        .enumerate()
        .map(|(index, (file, digest))| {
            let result = importer
                .decode_bytes_with_digest(file.as_bytes(), Some(digest))
                .map_err(|error| error.to_string());
            (format!("{index}.json"), result)
        })
        .collect()
}

/// The merge the user applies (`--toggle-collect=*merge_all*`).
#[inline(never)]
fn merge_all(batch: &ImportBatch, merged: &mut Workspace, at: chrono::DateTime<Utc>) {
    batch.apply(merged, &Choices::new(), at);
}
