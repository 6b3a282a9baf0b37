//! The exchange pipeline against real files: the valid exports of the
//! sample, a corpus of hostile files (tests/fixtures/exchange/hostile/, made
//! by generate-hostile.mjs), and `thidua-cli` run as a process.

mod common;

use common::cli;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use thidua::core::campaign::model::{Campaign, Workspace};
use thidua::core::exchange::campaign_file::decode_campaign_file;
use thidua::core::exchange::envelope::{
    decode_export, encode_export, export_unit, ExportError, LEGACY_FORMAT_WARNING, MAX_EXPORT_BYTES,
};
use thidua::core::exchange::signature::{self, SignatureCheck};
use thidua::core::sample::{generate, SampleScale};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange")
}

fn campaign() -> Campaign {
    let text = std::fs::read_to_string(fixtures().join("thiet-lap-phong-trao.json")).unwrap();
    decode_campaign_file(&text).unwrap()
}

#[test]
fn every_hostile_file_gets_its_own_vietnamese_message() {
    let campaign = campaign();
    let dir = fixtures().join("hostile");
    let expected: BTreeMap<String, Option<String>> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert!(expected.len() >= 14);
    for (name, phrase) in expected {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        // The pipeline as Hợp nhất and the CLI run it: the checks, then the signature.
        let decoded = decode_export(&text, &campaign)
            .map_err(|e| e.to_string())
            .and_then(
                |(file, warnings)| match signature::check_file(text.as_bytes(), &file) {
                    SignatureCheck::Invalid => Err(signature::INVALID_SIGNATURE.to_string()),
                    _ => Ok((file, warnings)),
                },
            );
        match (decoded, phrase) {
            (Ok(_), None) => {}
            (Err(message), Some(phrase)) => {
                assert!(
                    message.contains(&phrase),
                    "{name}: “{message}” lacks “{phrase}”"
                );
            }
            (result, phrase) => panic!("{name}: expected {phrase:?}, got {result:?}"),
        }
    }
}

#[test]
fn an_oversize_file_is_refused_before_parsing() {
    let text = " ".repeat(MAX_EXPORT_BYTES + 1);
    assert_eq!(
        decode_export(&text, &campaign()),
        Err(ExportError::TooLarge(MAX_EXPORT_BYTES + 1))
    );
}

#[test]
fn an_export_reads_back_as_it_was_written() {
    let workspace: Workspace = generate(SampleScale::Department, 2025);
    let at = Utc.with_ymd_and_hms(2025, 8, 15, 10, 0, 0).unwrap();
    for unit in &workspace.campaign.units {
        let file = export_unit(&workspace, &unit.id, at).unwrap();
        let (read, warnings) = decode_export(&encode_export(&file), &workspace.campaign).unwrap();
        assert_eq!(read, file);
        assert!(warnings.is_empty());
    }
    // The committed fixture was written the same way.
    let text = std::fs::read_to_string(fixtures().join("thidua-phong-phap-che.json")).unwrap();
    let file = export_unit(&workspace, "don-vi-0002", at).unwrap();
    assert_eq!(text, encode_export(&file));
}

#[test]
fn changed_criteria_are_a_warning_not_a_refusal() {
    let mut campaign = campaign();
    campaign.criteria[0].weight = 3.0;
    let text = std::fs::read_to_string(fixtures().join("thidua-van-phong.json")).unwrap();
    let (_, warnings) = decode_export(&text, &campaign).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("Tiêu chí"));
}

// A division's file written before the exempted-document counts, signing
// authority and the creativity bonus existed (tests/fixtures/exchange/older/)
// still imports: the new counts read as 0, and under today's criteria the
// reader is told the criteria differ.
#[test]
fn a_file_from_before_the_exemption_fields_still_imports() {
    let older = fixtures().join("older");
    let text = std::fs::read_to_string(older.join("thidua-van-phong.json")).unwrap();
    let old_campaign =
        decode_campaign_file(&std::fs::read_to_string(older.join("chien-dich.json")).unwrap())
            .unwrap();
    let (file, warnings) = decode_export(&text, &old_campaign).unwrap();
    assert_eq!(
        warnings,
        [LEGACY_FORMAT_WARNING],
        "marked as the old format"
    );
    assert!(file
        .payload
        .daily_reports
        .iter()
        .all(|r| { r.counts.received_excluded == 0 && r.counts.pages_printed_excluded == 0 }));
    assert!(old_campaign.criteria.iter().all(|c| !c.bonus));
    let (_, warnings) = decode_export(&text, &campaign()).unwrap();
    assert_eq!(warnings.len(), 2);
    assert!(warnings[1].contains("Tiêu chí"));
}

#[test]
fn the_cli_samples_validates_merges_and_evaluates() {
    let dir = std::env::temp_dir().join(format!("thidua-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.to_str().unwrap();
    let (code, stdout, _) = cli(&["sample", "--scale", "department", "--out", out]);
    assert_eq!(code, 0, "{stdout}");
    // The sample registers have a folder of their own (tests/register_files.rs).
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| path.to_str().unwrap().to_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 9, "a campaign file and 8 divisions' files");
    let args = |command: &str| {
        let mut args = vec![command.to_string()];
        args.extend(files.iter().cloned());
        args
    };

    let validate = args("validate");
    let (code, stdout, stderr) = cli(&validate.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("8 tệp hợp lệ, 0 tệp bị từ chối."),
        "{stdout}"
    );

    let merged = dir.join("tong-hop.json");
    let mut merge = vec![
        "merge".to_string(),
        "--out".into(),
        merged.to_str().unwrap().into(),
    ];
    merge.extend(files.iter().cloned());
    let (code, stdout, stderr) = cli(&merge.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("8 phòng, 192 báo cáo ngày"), "{stdout}");

    // The merged file evaluates like the app: same ranking as the sample's own evaluation.
    let campaign_file = files
        .iter()
        .find(|f| f.contains("thiet-lap-phong-trao"))
        .unwrap();
    let (code, stdout, stderr) = cli(&[
        "evaluate",
        campaign_file,
        merged.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let expected =
        thidua::core::evaluation::score::evaluate(&generate(SampleScale::Department, 2025));
    let names: Vec<&str> = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    let expected_names: Vec<&str> = expected.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, expected_names);
    assert_eq!(json["officers"].as_array().unwrap().len(), 80);
    assert!(json["units"][0]["criteria"][0]["attainment"].is_number());

    // A consolidated file carries its campaign: it evaluates and reports alone.
    let (code, alone, stderr) = cli(&["evaluate", merged.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        alone, stdout,
        "the same evaluation as with the campaign file"
    );
    let alone_html = dir.join("mot-minh.html");
    let (code, _, stderr) = cli(&[
        "report",
        merged.to_str().unwrap(),
        "--html",
        alone_html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(&alone_html)
        .unwrap()
        .contains("Phòng Pháp chế"));
    // A division's own report, from the same merge.
    let unit_docx = dir.join("bao-cao-phong.docx");
    let unit_html = dir.join("bao-cao-phong.html");
    let (code, stdout, stderr) = cli(&[
        "report",
        merged.to_str().unwrap(),
        "--unit",
        "don-vi-0002",
        "--docx",
        unit_docx.to_str().unwrap(),
        "--html",
        unit_html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Đã ghi báo cáo của phòng"), "{stdout}");
    assert!(std::fs::read(&unit_docx)
        .unwrap()
        .starts_with(b"PK\x03\x04"));
    let page = std::fs::read_to_string(&unit_html).unwrap();
    assert!(page.contains("I. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ") && page.contains("Phòng Pháp chế"));
    let (code, _, stderr) = cli(&[
        "report",
        merged.to_str().unwrap(),
        "--unit",
        "khong-co",
        "--docx",
        unit_docx.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("Không có phòng “khong-co”"), "{stderr}");

    // The commendation dossier from the same merge.
    let dossier_dir = dir.join("ho-so");
    let (code, stdout, stderr) = cli(&[
        "dossier",
        merged.to_str().unwrap(),
        "--out",
        dossier_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Đã ghi 5 văn bản của hồ sơ khen thưởng"),
        "{stdout}"
    );
    let mut written: Vec<String> = std::fs::read_dir(&dossier_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written.len(), 6, "{written:?}");
    assert!(written.contains(&"ho-so-khen-thuong-to-trinh.docx".to_string()));
    assert!(written.contains(&"ho-so-khen-thuong.zip".to_string()));

    // A division's file alone still asks for the campaign file.
    let division = files
        .iter()
        .find(|f| f.contains("thidua-van-phong"))
        .unwrap();
    let (code, _, stderr) = cli(&["evaluate", division]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("Thiếu tệp thiết lập phong trào"),
        "{stderr}"
    );

    // The report's files from the same merge.
    let xlsx = dir.join("bao-cao.xlsx");
    let docx = dir.join("bao-cao.docx");
    let html = dir.join("bao-cao.html");
    let csv = dir.join("csv");
    let (code, stdout, stderr) = cli(&[
        "report",
        campaign_file,
        merged.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
        "--docx",
        docx.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Đã ghi 5 tệp CSV"), "{stdout}");
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..4], b"PK\x03\x04");
    let docx = std::fs::read(&docx).unwrap();
    let mut docx = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a ZIP");
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut docx.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    assert!(document.contains("Nơi nhận:") && document.contains("Phòng Pháp chế"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && page.contains("@page"));
    let units = std::fs::read_to_string(csv.join("ket-qua-cua-cac-phong.csv")).unwrap();
    assert_eq!(units.lines().count(), 1 + 8);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_cli_names_every_bad_file_and_exits_non_zero() {
    let hostile = fixtures().join("hostile");
    let campaign = fixtures().join("thiet-lap-phong-trao.json");
    let bad = hostile.join("tampered-digest.json");
    let good = fixtures().join("thidua-van-phong.json");
    let (code, stdout, stderr) = cli(&[
        "validate",
        "--campaign",
        campaign.to_str().unwrap(),
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("1 tệp hợp lệ, 1 tệp bị từ chối."),
        "{stdout}"
    );
    assert!(
        stderr.contains("tampered-digest.json: Nội dung tệp đã bị sửa sau khi xuất"),
        "{stderr}"
    );
    let (code, _, stderr) = cli(&["validate", good.to_str().unwrap()]);
    assert_eq!(code, 2, "no campaign");
    assert!(
        stderr.contains("Thiếu tệp thiết lập phong trào"),
        "{stderr}"
    );
    let (code, _, stderr) = cli(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("thidua-cli sample"));
}

// `thidua-cli evaluate … --json | head` must stop quietly when the reader
// closes the pipe, not panic.
#[test]
fn the_cli_stops_quietly_when_its_reader_goes_away() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = std::env::temp_dir().join(format!("thidua-cli-pipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.to_str().unwrap();
    let (code, _, stderr) = cli(&["sample", "--scale", "department", "--out", out]);
    assert_eq!(code, 0, "{stderr}");
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua-cli"))
        .arg("evaluate")
        .args(&files)
        .arg("--json")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone: the pipe is closed while much output remains.
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `text` with `from` replaced by `to` inside the sealed envelope only.
fn tamper(text: &str, from: &str, to: &str) -> String {
    let sealed_at = text.find("\"envelope\":").expect("a schema-2 file");
    let (open, sealed) = text.split_at(sealed_at);
    assert!(sealed.contains(from), "“{from}” is not in the envelope");
    format!("{open}{}", sealed.replacen(from, to, 1))
}

/// `text` with its envelope digest computed afresh, as a forger would.
fn resealed(text: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let start = text.find("\"envelope\":").unwrap() + "\"envelope\":".len();
    let sealed = &text[start..text.len() - 1];
    let old = value["envelope_sha256"].as_str().unwrap();
    text.replace(old, &thidua::core::digest::sha256_hex(sealed.as_bytes()))
}

// Schema 2 seals every field: changing any one of them without the digest is
// refused; the same change with the digest recomputed gets through the seal
// (a digest is no signature), which shows the seal is what refused it.
#[test]
fn changing_any_field_of_a_new_file_is_refused() {
    let workspace: Workspace = generate(SampleScale::Department, 2025);
    let at = Utc.with_ymd_and_hms(2025, 8, 15, 10, 0, 0).unwrap();
    let file = export_unit(&workspace, "don-vi-0002", at).unwrap();
    let text = encode_export(&file);
    let campaign = &workspace.campaign;
    assert!(decode_export(&text, campaign).unwrap().1.is_empty());
    let fingerprint = &file.criteria_fingerprint;
    let changes: [(&str, String, String); 8] = [
        (
            "app_version",
            "\"app_version\":\"0.1.0\"".into(),
            "\"app_version\":\"9.9.9\"".into(),
        ),
        (
            "campaign_id",
            format!("\"campaign_id\":\"{}\"", campaign.id),
            format!("\"campaign_id\":\"{}x\"", campaign.id),
        ),
        (
            "criteria_fingerprint",
            format!("\"criteria_fingerprint\":\"{fingerprint}\""),
            "\"criteria_fingerprint\":\"0000000000000000\"".into(),
        ),
        (
            "source.unit_id",
            "\"unit_id\":\"don-vi-0002\",\"unit_name\"".into(),
            "\"unit_id\":\"don-vi-0001\",\"unit_name\"".into(),
        ),
        (
            "source.unit_name",
            "\"unit_name\":\"Phòng Pháp chế\"".into(),
            "\"unit_name\":\"Văn phòng\"".into(),
        ),
        (
            "exported_at",
            "\"exported_at\":\"2025-08-15T10:00:00Z\"".into(),
            "\"exported_at\":\"2025-08-10T10:00:00Z\"".into(),
        ),
        (
            "payload",
            "\"docs_received\":".into(),
            "\"docs_received\":1".into(),
        ),
        (
            "format (sealed)",
            "\"format\":\"thidua-export\"".into(),
            "\"format\":\"thidua-exporx\"".into(),
        ),
    ];
    for (field, from, to) in changes {
        let changed = tamper(&text, &from, &to);
        assert_eq!(
            decode_export(&changed, campaign),
            Err(ExportError::DigestMismatch),
            "{field}"
        );
        assert_ne!(
            decode_export(&resealed(&changed), campaign).err(),
            Some(ExportError::DigestMismatch),
            "{field}: resealed, the digest holds"
        );
    }
    // The fields outside the seal must repeat it.
    let open_version = text.replacen("\"schema_version\":2", "\"schema_version\":1", 1);
    assert!(
        decode_export(&open_version, campaign).is_err(),
        "downgraded in the open"
    );
    let sealed_version = resealed(&tamper(
        &text,
        "\"schema_version\":2",
        "\"schema_version\":1",
    ));
    let error = decode_export(&sealed_version, campaign).unwrap_err();
    assert_eq!(error, ExportError::OpenFieldChanged("schema_version"));
    assert!(error.to_string().contains("“schema_version”"), "{error}");
    let digest = text.replacen("\"envelope_sha256\":\"", "\"envelope_sha256\":\"0", 1);
    assert_eq!(
        decode_export(&digest, campaign),
        Err(ExportError::DigestMismatch)
    );
}

// A schema-1 file still imports, marked as the old format, even with its
// (unprotected) export time moved.
#[test]
fn an_old_format_file_imports_with_its_warning() {
    let text =
        std::fs::read_to_string(fixtures().join("hostile/old-format-moved-time.json")).unwrap();
    let (file, warnings) = decode_export(&text, &campaign()).unwrap();
    assert_eq!(warnings[0], LEGACY_FORMAT_WARNING);
    assert_eq!(
        file.exported_at,
        Utc.with_ymd_and_hms(2025, 8, 1, 10, 0, 0).unwrap()
    );
}

// A file as the app writes it is read on a fast path (its envelope found
// without a parse, hashed by the caller if it likes, read once); any other
// layout of the same file goes the general way. Both must agree.
#[test]
fn the_fast_path_and_the_general_path_agree() {
    use thidua::core::digest::sha256_hex;
    use thidua::core::exchange::envelope::{sealed_part, Importer};
    let workspace: Workspace = generate(SampleScale::Department, 2025);
    let at = Utc.with_ymd_and_hms(2025, 8, 15, 10, 0, 0).unwrap();
    let file = export_unit(&workspace, "don-vi-0002", at).unwrap();
    let text = encode_export(&file);
    let importer = Importer::new(&workspace.campaign);

    let sealed = sealed_part(text.as_bytes()).expect("the app's own layout");
    let digest = sha256_hex(sealed);
    let fast = importer.decode_bytes_with_digest(text.as_bytes(), Some(&digest));
    assert_eq!(fast.as_ref().map(|(f, _)| f), Ok(&file));
    assert_eq!(
        importer.decode_bytes_with_digest(text.as_bytes(), Some(&"0".repeat(64))),
        Err(ExportError::DigestMismatch),
        "a digest taken over other bytes is refused"
    );

    // The same file with a space and a newline where the app writes none.
    let spaced = text.replacen("{\"format\"", "{ \"format\"", 1) + "\n";
    assert_eq!(sealed_part(spaced.as_bytes()), None);
    assert_eq!(decode_export(&spaced, &workspace.campaign), fast);
    // A hand-edited envelope on the fast path still gets its precise message.
    let negative = resealed(&tamper(&text, "\"docs_received\":", "\"docs_received\":-"));
    assert!(sealed_part(negative.as_bytes()).is_some());
    let message = decode_export(&negative, &workspace.campaign)
        .unwrap_err()
        .to_string();
    assert!(message.contains("có số âm"), "{message}");
}
