//! The register import on real files: the sample registers `thidua-cli
//! sample` writes (XLSX by rust_xlsxwriter with a title block and merged
//! headers, UTF-16 text like Excel's “Unicode Text”) are read back by the
//! app's reader and must count to exactly the sample's data; hostile files
//! are refused with a Vietnamese reason naming the file.

mod common;

use common::cli;
use std::io::Write;
use std::path::{Path, PathBuf};

use thidua::core::campaign::calendar::working_days;
use thidua::core::entry::edit::daily_report;
use thidua::core::exchange::campaign_file::decode_campaign_file;
use thidua::core::exchange::envelope::decode_export;
use thidua::core::format::slug;
use thidua::core::register::read::{read_register, MAX_ROWS};
use thidua::core::register::session::view_registers;
use thidua::core::sample::{generate, SampleScale};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("thidua-registers-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The sample as `thidua-cli sample` writes it (seed 2025), in a folder of
/// the calling test's own (tests run in parallel).
fn sample_dir(test: &str) -> PathBuf {
    let dir = scratch(test);
    let (code, stdout, stderr) = cli(&[
        "sample",
        "--scale",
        "department",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("Đã ghi 24 sổ văn bản mẫu"), "{stdout}");
    dir
}

fn registers_of(dir: &Path, unit_name: &str) -> Vec<PathBuf> {
    let unit = slug(unit_name);
    ["so-van-ban-den", "so-van-ban-di", "ho-so-cong-viec"]
        .iter()
        .map(|register| {
            let stem = format!("{register}-{unit}");
            let xlsx = dir.join("so-van-ban").join(format!("{stem}.xlsx"));
            if xlsx.exists() {
                xlsx
            } else {
                dir.join("so-van-ban").join(format!("{stem}.csv"))
            }
        })
        .collect()
}

#[test]
fn the_sample_registers_read_back_to_exactly_the_sample_data() {
    let dir = sample_dir("read-back");
    let workspace = generate(SampleScale::Department, 2025);
    for unit in &workspace.campaign.units {
        let paths = registers_of(&dir, &unit.name);
        let books: Vec<_> = paths
            .iter()
            .map(|path| {
                let bytes = std::fs::read(path).unwrap();
                read_register(&path.file_name().unwrap().to_string_lossy(), &bytes)
            })
            .collect();
        let utf16 = std::fs::read(&paths[2]).unwrap();
        assert_eq!(
            &utf16[..2],
            &[0xFF, 0xFE],
            "the dossier list is UTF-16 with a BOM"
        );
        let view = view_registers(&books, &[], &workspace.campaign);
        for file in &view.files {
            assert_eq!(file.error, None, "{}", file.file_name);
            assert!(
                !file.mapping.as_ref().unwrap().marks.is_empty(),
                "{}: marks guessed",
                file.file_name
            );
        }
        for day in working_days(&workspace.campaign) {
            let stored = daily_report(&workspace, &unit.id, day).unwrap().counts;
            let mut counted = view.count.days.get(&day).copied().unwrap_or_default();
            counted.pages_printed = stored.pages_printed;
            counted.pages_printed_excluded = stored.pages_printed_excluded;
            assert_eq!(counted, stored, "{} on {day}", unit.name);
        }
    }
}

#[test]
fn the_cli_counts_registers_and_writes_a_division_export_that_says_where_counts_came_from() {
    let dir = sample_dir("cli");
    let workspace = generate(SampleScale::Department, 2025);
    let unit = &workspace.campaign.units[2];
    let campaign_path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("thiet-lap-phong-trao")
        })
        .unwrap();
    let out = dir.join("phong.json");
    let mut args = vec![
        "register".to_string(),
        "--campaign".into(),
        campaign_path.to_str().unwrap().into(),
        "--unit".into(),
        unit.id.clone(),
        "--out".into(),
        out.to_str().unwrap().into(),
    ];
    args.extend(
        registers_of(&dir, &unit.name)
            .iter()
            .map(|p| p.to_str().unwrap().to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = cli(&args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("Sổ văn bản đến — tính"), "{stdout}");
    assert!(stdout.contains("15/07/2025\t"), "{stdout}");
    let campaign = decode_campaign_file(&std::fs::read_to_string(&campaign_path).unwrap()).unwrap();
    let (file, _) = decode_export(&std::fs::read_to_string(&out).unwrap(), &campaign).unwrap();
    let first = working_days(&campaign)[0];
    let report = file
        .payload
        .daily_reports
        .iter()
        .find(|r| r.date == first)
        .unwrap();
    let stored = daily_report(&workspace, &unit.id, first).unwrap().counts;
    assert_eq!(report.counts.docs_received, stored.docs_received);
    assert_eq!(report.counts.docs_signed_online, stored.docs_signed_online);
    let source = report
        .source
        .as_ref()
        .expect("the export says where the counts came from");
    assert_eq!(source.files.len(), 3);
    // Only counts leave the registers: no document number or excerpt.
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        !text.contains("/UBND-VP") && !text.contains("Về việc"),
        "no document details exported"
    );

    let (code, stdout, _) = cli(&[&args[..5], &["--json"], &args[7..]].concat());
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        json["days"]["2025-07-15"]["docs_received"].is_u64(),
        "{stdout}"
    );
}

/// A ZIP bomb: a small deflated entry whose headers declare that it
/// inflates to 3.75 GB. The reader sizes every entry from the central
/// directory before inflating anything (and the zip crate stops an entry
/// that inflates past what it declared, so a bomb cannot lie low).
fn zip_bomb() -> Vec<u8> {
    let mut bytes = zip_with("xl/worksheets/sheet1.xml", &vec![b'0'; 1 << 20]);
    let declared = 0xF000_0000u32.to_le_bytes();
    let patch = |bytes: &mut Vec<u8>, signature: &[u8], offset: usize| {
        let at = bytes.windows(4).position(|w| w == signature).unwrap();
        bytes[at + offset..at + offset + 4].copy_from_slice(&declared);
    };
    patch(&mut bytes, b"PK\x03\x04", 22);
    patch(&mut bytes, b"PK\x01\x02", 24);
    bytes
}

#[test]
fn hostile_registers_are_refused_naming_the_file() {
    let bomb = zip_bomb();
    assert!(bomb.len() < 10_000, "a small file");
    let error = read_register("bom.xlsx", &bomb).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("Tệp «bom.xlsx»: tệp nén giải ra tới 3.840 MB"),
        "{error}"
    );

    let rows = String::from("Ngày đến,Số đến\n") + &"15/07/2025,1\n".repeat(1_000_000);
    let error = read_register("trieu-dong.csv", rows.as_bytes()).unwrap_err();
    assert!(
        error.reason.contains(&format!("{}", MAX_ROWS / 1000)),
        "{error}"
    );

    let docx = zip_with("word/document.xml", b"<w:document/>");
    let error = read_register("bao-cao.xlsx", &docx).unwrap_err();
    assert!(error.reason.contains("không phải bảng tính"), "{error}");
}

fn zip_with(name: &str, contents: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(contents).unwrap();
        zip.finish().unwrap();
    }
    bytes
}

/// The registers the end-to-end test picks (tests/fixtures/registers/, as
/// `thidua-cli sample` wrote them) still count to Phòng Pháp chế's export
/// fixture, which is what that test expects to find after the import.
#[test]
fn the_committed_register_fixtures_count_to_the_committed_export() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let campaign = decode_campaign_file(
        &std::fs::read_to_string(root.join("exchange/thiet-lap-phong-trao.json")).unwrap(),
    )
    .unwrap();
    let export = std::fs::read_to_string(root.join("exchange/thidua-phong-phap-che.json")).unwrap();
    let (file, _) = decode_export(&export, &campaign).unwrap();
    let books: Vec<_> = [
        "so-van-ban-den-phong-phap-che.xlsx",
        "so-van-ban-di-phong-phap-che.xlsx",
        "ho-so-cong-viec-phong-phap-che.csv",
    ]
    .iter()
    .map(|name| {
        read_register(
            name,
            &std::fs::read(root.join("registers").join(name)).unwrap(),
        )
    })
    .collect();
    let view = view_registers(&books, &[], &campaign);
    for report in &file.payload.daily_reports {
        let mut counted = view
            .count
            .days
            .get(&report.date)
            .copied()
            .unwrap_or_default();
        counted.pages_printed = report.counts.pages_printed;
        counted.pages_printed_excluded = report.counts.pages_printed_excluded;
        assert_eq!(counted, report.counts, "{}", report.date);
    }
}
