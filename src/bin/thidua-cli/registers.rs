//! `thidua-cli register` and the sample registers `thidua-cli sample`
//! writes: the same reading and counting as the app's register worker
//! (`core::register`), on files.

use std::path::Path;

use chrono::{Datelike, Utc};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook as XlsxWorkbook};
use thidua::core::campaign::calendar::working_days;
use thidua::core::campaign::model::{Campaign, RememberedMappings, SavedMapping, Workspace};
use thidua::core::campaign::registers::RegisterKind;
use thidua::core::entry::validation::CountField;
use thidua::core::exchange::envelope::{encode_export, export_unit};
use thidua::core::format;
use thidua::core::register::count::{apply_outcome, decided_fields};
use thidua::core::register::read::read_register;
use thidua::core::register::sample::{sample_file_stem, sample_registers, SampleRegister};
use thidua::core::register::session::{outcome, view_registers};
use thidua::core::register::table::Cell;

use crate::{write, Options, USAGE};

/// Writes `register` as the e-office system's Excel export looks: a title
/// block merged across the table, merged header cells, real dates.
fn write_xlsx(register: &SampleRegister, path: &Path) -> Result<(), String> {
    let mut book = XlsxWorkbook::new();
    let sheet = book.add_worksheet();
    let fail = |e: rust_xlsxwriter::XlsxError| format!("{}: không ghi được ({e}).", path.display());
    sheet.set_name(register.kind.label()).map_err(fail)?;
    let bold = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let layout = register.layout();
    let merges = register.merges();
    let in_merge = |row: usize, column: usize| {
        merges
            .iter()
            .any(|&(r1, c1, r2, c2)| (r1..=r2).contains(&row) && (c1..=c2).contains(&column))
    };
    for &(r1, c1, r2, c2) in &merges {
        let value = layout[r1][c1].display();
        sheet
            .merge_range(r1 as u32, c1 as u16, r2 as u32, c2 as u16, &value, &bold)
            .map_err(fail)?;
    }
    for (r, row) in layout.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if in_merge(r, c) {
                continue;
            }
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Date(day) => {
                    let value = ExcelDateTime::from_ymd(
                        day.year() as u16,
                        day.month() as u8,
                        day.day() as u8,
                    )
                    .map_err(fail)?;
                    sheet
                        .write_datetime_with_format(r, c, &value, &date)
                        .map_err(fail)?;
                }
                Cell::Number(value) => {
                    sheet.write_number(r, c, *value).map_err(fail)?;
                }
                Cell::Empty => {}
                Cell::Text(text) => {
                    sheet.write_string(r, c, text).map_err(fail)?;
                }
            }
        }
    }
    sheet.set_column_width(5, 40).map_err(fail)?;
    book.save(path).map_err(fail)
}

/// Writes `register` as Excel's “Unicode Text”: UTF-16 with a BOM, tabs
/// between cells.
fn write_utf16_text(register: &SampleRegister, path: &Path) -> Result<(), String> {
    let mut text = String::new();
    for row in register.layout() {
        let cells: Vec<String> = row.iter().map(Cell::display).collect();
        text.push_str(&cells.join("\t"));
        text.push_str("\r\n");
    }
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: không ghi được ({e}).", path.display()))
}

/// Writes every division's three sample registers into `dir`: returns how
/// many files.
pub fn write_sample_registers(workspace: &Workspace, dir: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: không tạo được thư mục ({e}).", dir.display()))?;
    let mut written = 0;
    for unit in &workspace.campaign.units {
        for register in sample_registers(workspace, &unit.id)? {
            let stem = sample_file_stem(register.kind, &format::slug(&unit.name));
            if register.kind == RegisterKind::Dossiers {
                write_utf16_text(&register, &dir.join(format!("{stem}.csv")))?;
            } else {
                write_xlsx(&register, &dir.join(format!("{stem}.xlsx")))?;
            }
            written += 1;
        }
    }
    Ok(written)
}

/// A register of `rows` incoming documents spread over the campaign, for
/// the benchmark of reading a large register.
pub fn write_large_register(campaign: &Campaign, rows: usize, path: &Path) -> Result<(), String> {
    let days = working_days(campaign);
    let mut register = SampleRegister {
        kind: RegisterKind::Incoming,
        title: vec!["SỔ VĂN BẢN ĐẾN".into()],
        groups: Vec::new(),
        header: [
            "STT",
            "Ngày đến",
            "Số đến",
            "Cơ quan gửi",
            "Trích yếu",
            "Hình thức",
            "Độ mật",
            "Liên thông",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::with_capacity(rows),
    };
    for n in 0..rows {
        let text = |value: &str| Cell::Text(value.to_string());
        register.rows.push(vec![
            Cell::Number((n + 1) as f64),
            Cell::Date(days[n % days.len()]),
            Cell::Number((n + 1) as f64),
            text(["UBND tỉnh", "Sở Tài chính", "Sở Nội vụ"][n % 3]),
            Cell::Text(format!("Về việc số {}", n + 1)),
            text(if n % 7 == 0 { "Giấy" } else { "Điện tử" }),
            text(if n % 50 == 0 { "Mật" } else { "Thường" }),
            text(if n % 3 == 0 { "Có" } else { "Không" }),
        ]);
    }
    write_xlsx(&register, path)
}

/// `thidua-cli register --campaign FILE --unit ID REGISTER… [--mapping FILE] [--json] [--out FILE]`
pub fn register(args: &[String]) -> Result<std::process::ExitCode, String> {
    let options = Options::parse(
        args,
        &["--campaign", "--unit", "--mapping", "--out"],
        &["--json"],
    )?;
    let campaign_path = options
        .value("--campaign")
        .ok_or(format!("Thiếu --campaign TỆP.\n\n{USAGE}"))?;
    let mut campaign = crate::read_campaign(Path::new(campaign_path))?;
    let unit_id = options
        .value("--unit")
        .ok_or(format!("Thiếu --unit MÃ_PHÒNG.\n\n{USAGE}"))?;
    if campaign.name_of(unit_id).is_none() {
        return Err(format!("Phong trào không có phòng mã «{unit_id}»."));
    }
    if let Some(path) = options.value("--mapping") {
        let text = crate::read(Path::new(path))?;
        let list = serde_json::from_str::<Vec<SavedMapping>>(&text)
            .map_err(|e| format!("{path}: không phải danh sách cách đọc sổ ({e})."))?;
        campaign.register_mappings = RememberedMappings::from_list(&list);
    }
    if options.files.is_empty() {
        return Err(format!("Chưa có tệp sổ văn bản nào.\n\n{USAGE}"));
    }
    let books: Vec<_> = options
        .files
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(path)
                .map_err(|e| format!("{}: không đọc được ({e}).", path.display()));
            match bytes {
                Ok(bytes) => read_register(&name, &bytes),
                Err(reason) => Err(thidua::core::register::read::RegisterError {
                    file_name: name,
                    row: None,
                    reason,
                }),
            }
        })
        .collect();
    let view = view_registers(&books, &[], &campaign);
    let mut refused = 0;
    for file in &view.files {
        if let Some(error) = &file.error {
            eprintln!("{error}");
            refused += 1;
        }
    }
    if options.flag("--json") {
        out!(
            "{}",
            serde_json::to_string_pretty(&view.count).expect("counts serialise")
        );
    } else {
        for file in &view.count.files {
            out!(
                "{}: {} — tính {} dòng, không tính {} dòng.",
                file.file_name,
                file.kind.label(),
                file.counted,
                file.skipped.len()
            );
            for skipped in &file.skipped {
                out!("  dòng {}: {}", skipped.row, skipped.reason);
            }
        }
        let kinds: Vec<RegisterKind> = view.count.covered_until.keys().copied().collect();
        let fields = decided_fields(&kinds);
        let header: Vec<&str> = fields.iter().map(|f| f.label()).collect();
        out!("Ngày\t{}", header.join("\t"));
        for (day, counts) in &view.count.days {
            let values: Vec<String> = fields
                .iter()
                .map(|f: &CountField| f.get(counts).to_string())
                .collect();
            out!("{}\t{}", format::date(*day), values.join("\t"));
        }
    }
    if let Some(out_path) = options.value("--out") {
        let result = outcome(&view, &campaign);
        let mut workspace = Workspace::new(campaign);
        let now = Utc::now();
        apply_outcome(&mut workspace, unit_id, &result, now);
        let file = export_unit(&workspace, unit_id, now).expect("the unit exists");
        write(Path::new(out_path), &encode_export(&file))?;
        eprintln!("Đã ghi tệp dữ liệu của phòng vào {out_path}.");
    }
    Ok(crate::exit_code(refused))
}
