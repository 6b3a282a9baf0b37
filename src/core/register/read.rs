//! Reads a register file into a [`Workbook`]: XLSX through calamine, CSV
//! through the csv crate after decoding UTF-8 or UTF-16. Everything that can
//! go wrong with a file a clerk picks becomes a [`RegisterError`] in
//! Vietnamese that names the file; nothing here panics on bad bytes.

use std::fmt;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use crate::core::format;
use crate::core::register::table::{Cell, Sheet, Workbook};

/// The most rows a register sheet may have. A department's registers for a
/// year are a few tens of thousands of rows; a million-row sheet is refused
/// while it streams in, before it can fill the browser's memory.
pub const MAX_ROWS: usize = 200_000;

/// The most a register's ZIP entries may inflate to, all together. A real
/// 200,000-row register is about 60 MB of XML; a ZIP bomb declares gigabytes
/// (and the zip crate stops an entry that inflates past what it declared).
pub const MAX_INFLATED_BYTES: u64 = 400 * 1024 * 1024;

/// The largest file the page hands to the reader.
pub const MAX_FILE_BYTES: usize = 100 * 1024 * 1024;

/// Why a register could not be read (or counted), in words for the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterError {
    /// The file's name.
    pub file_name: String,
    /// The row (1-based, as the spreadsheet numbers it), where there is one.
    pub row: Option<usize>,
    /// What is wrong and what to do, in Vietnamese.
    pub reason: String,
}

impl RegisterError {
    pub(crate) fn new(file_name: &str, reason: impl Into<String>) -> Self {
        RegisterError {
            file_name: file_name.to_string(),
            row: None,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for RegisterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(row) => write!(f, "Tệp «{}», dòng {row}: {}", self.file_name, self.reason),
            None => write!(f, "Tệp «{}»: {}", self.file_name, self.reason),
        }
    }
}

impl std::error::Error for RegisterError {}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The OLE compound file: an encrypted (password-protected) XLSX, or an
/// Excel 97–2003 `.xls`.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Why a file of `size` bytes is not read at all (over [`MAX_FILE_BYTES`]).
pub fn too_large(file_name: &str, size: u64) -> RegisterError {
    RegisterError::new(
        file_name,
        format!(
            "tệp lớn {} MB, quá giới hạn {} MB của một sổ văn bản.",
            format::integer((size / (1024 * 1024)) as i64),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Reads a register, XLSX or CSV, told apart by their bytes (not the name).
pub fn read_register(file_name: &str, bytes: &[u8]) -> Result<Workbook, RegisterError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(file_name, bytes.len() as u64));
    }
    let workbook = if bytes.starts_with(ZIP_MAGIC) {
        read_xlsx(file_name, bytes)?
    } else if bytes.starts_with(CFB_MAGIC) {
        return Err(RegisterError::new(
            file_name,
            "tệp được đặt mật khẩu hoặc là tệp Excel 97–2003 (.xls). Hãy mở bằng Excel, \
             bỏ mật khẩu rồi lưu thành “Excel Workbook (.xlsx)” hoặc “CSV UTF-8”.",
        ));
    } else {
        read_csv(file_name, bytes)?
    };
    if workbook.sheets.iter().all(|sheet| sheet.rows.is_empty()) {
        return Err(RegisterError::new(
            file_name,
            "tệp không có dòng dữ liệu nào (trang tính trống).",
        ));
    }
    Ok(workbook)
}

fn not_a_spreadsheet(file_name: &str) -> RegisterError {
    RegisterError::new(
        file_name,
        "không phải bảng tính Excel (.xlsx) hay tệp CSV. Hãy xuất sổ văn bản từ hệ thống \
         quản lý văn bản dưới dạng Excel hoặc CSV.",
    )
}

fn too_many_rows(file_name: &str, sheet: &str) -> RegisterError {
    RegisterError::new(
        file_name,
        format!(
            "trang «{sheet}» có hơn {} dòng, quá giới hạn của một sổ văn bản. \
             Hãy xuất riêng khoảng thời gian của đợt thi đua.",
            format::integer(MAX_ROWS as i64)
        ),
    )
}

/// Refuses a ZIP whose entries would inflate past [`MAX_INFLATED_BYTES`],
/// before any of them is inflated.
fn check_inflated_size(file_name: &str, bytes: &[u8]) -> Result<(), RegisterError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| corrupt_xlsx(file_name))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|_| corrupt_xlsx(file_name))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_INFLATED_BYTES {
        return Err(RegisterError::new(
            file_name,
            format!(
                "tệp nén giải ra tới {} MB, quá giới hạn {} MB: không phải một sổ văn bản bình thường.",
                format::integer((total / (1024 * 1024)) as i64),
                MAX_INFLATED_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

fn corrupt_xlsx(file_name: &str) -> RegisterError {
    RegisterError::new(
        file_name,
        "tệp Excel bị hỏng hoặc không phải bảng tính (.xlsx). Hãy mở lại bằng Excel và lưu lại.",
    )
}

/// Merged cells are not read: a merged region keeps its value in its first
/// cell, and the header names take an empty cell's label from the row above
/// (`mapping::column_names`), which is all a merged header needs. Reading
/// the merges is a second pass over the sheet's XML: 40% of a 50,000-row
/// register's reading time.
fn read_xlsx(file_name: &str, bytes: &[u8]) -> Result<Workbook, RegisterError> {
    check_inflated_size(file_name, bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| corrupt_xlsx(file_name))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|_| corrupt_xlsx(file_name))?;
        while let Some(record) = reader.next_cell().map_err(|_| corrupt_xlsx(file_name))? {
            let (row, column) = record.get_position();
            let (row, column) = (row as usize, column as usize);
            if row >= MAX_ROWS {
                return Err(too_many_rows(file_name, &name));
            }
            let cell = cell_of(record.get_value());
            if cell.is_empty() || column >= 1024 {
                continue;
            }
            if rows.len() <= row {
                rows.resize_with(row + 1, Vec::new);
            }
            let cells = &mut rows[row];
            if cells.len() <= column {
                cells.resize(column + 1, Cell::Empty);
            }
            cells[column] = cell;
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(Workbook {
        file_name: file_name.to_string(),
        sheets,
    })
}

fn cell_of(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(number) => Cell::Number(*number as f64),
        DataRef::Float(number) => Cell::Number(*number),
        DataRef::String(text) => Cell::Text(text.trim().to_string()),
        DataRef::SharedString(text) => Cell::Text(text.trim().to_string()),
        DataRef::Bool(true) => Cell::Text("TRUE".to_string()),
        DataRef::Bool(false) => Cell::Text("FALSE".to_string()),
        DataRef::DateTime(moment) if moment.is_datetime() => {
            let (year, month, day, ..) = moment.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
                .map_or(Cell::Number(moment.as_f64()), Cell::Date)
        }
        DataRef::DateTime(moment) => Cell::Number(moment.as_f64()),
        DataRef::DateTimeIso(text) => text
            .get(..10)
            .and_then(format::parse_iso_date)
            .map_or_else(|| Cell::Text(text.clone()), Cell::Date),
        DataRef::DurationIso(text) => Cell::Text(text.clone()),
        DataRef::Error(error) => Cell::Text(error.to_string()),
    }
}

/// Text from a CSV file's bytes: UTF-8 with or without BOM, or UTF-16 (what
/// Excel writes as “Unicode Text”), with or without BOM. `None` for bytes
/// that are not text at all.
fn decode_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |body: &[u8], little_endian: bool| -> Option<String> {
        let units = body.chunks_exact(2).map(|pair| {
            if little_endian {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    let text = if let Some(body) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8(body.to_vec()).ok()?
    } else if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(body, true)?
    } else if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(body, false)?
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else {
        // UTF-16 without a BOM: ASCII letters leave every other byte zero.
        let sample = &bytes[..bytes.len().min(512)];
        let zeros_at = |parity: usize| {
            sample
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|b| **b == 0)
                .count()
        };
        let half = sample.len() / 4;
        if zeros_at(1) > half {
            utf16(bytes, true)?
        } else if zeros_at(0) > half {
            utf16(bytes, false)?
        } else {
            return None;
        }
    };
    // Text has no control characters but tabs and line ends.
    let binary = text
        .chars()
        .take(4096)
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    (!binary).then_some(text)
}

/// The separator a CSV file uses: of `,` `;` and tab, the one found most
/// often outside quotes in its first lines (tab first on a tie).
fn guess_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars().take(16_384) {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    [b'\t', b';', b','][best]
}

fn read_csv(file_name: &str, bytes: &[u8]) -> Result<Workbook, RegisterError> {
    let text = decode_text(bytes).ok_or_else(|| not_a_spreadsheet(file_name))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| RegisterError {
            row: error.position().map(|p| p.line() as usize),
            ..RegisterError::new(
                file_name,
                "dòng CSV không đọc được (dấu ngoặc kép không đóng?).",
            )
        })?;
        if rows.len() >= MAX_ROWS {
            return Err(too_many_rows(file_name, "CSV"));
        }
        rows.push(
            record
                .iter()
                .map(|field| {
                    let field = field.trim();
                    if field.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(field.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Workbook {
        file_name: file_name.to_string(),
        sheets: vec![Sheet {
            name: "CSV".to_string(),
            rows,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_rows(workbook: &Workbook) -> Vec<Vec<String>> {
        workbook.sheets[0]
            .rows
            .iter()
            .map(|row| row.iter().map(Cell::display).collect())
            .collect()
    }

    #[test]
    fn csv_in_utf8_utf8_bom_and_utf16_reads_the_same() {
        let text = "Ngày đến;Số đến;Trích yếu\n15/07/2025;1;\"Về việc A; B\"\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.replace('\n', "\r\n").encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let expected = vec![
            vec!["Ngày đến", "Số đến", "Trích yếu"],
            vec!["15/07/2025", "1", "Về việc A; B"],
        ];
        for bytes in [text.as_bytes().to_vec(), bom, utf16] {
            let book = read_register("so-den.csv", &bytes).unwrap();
            assert_eq!(text_rows(&book), expected);
        }
    }

    #[test]
    fn tab_and_comma_separated_files_are_told_apart() {
        let tabbed = read_register("a.txt", b"Ngay\tSo\n15/07/2025\t1, 2\n").unwrap();
        assert_eq!(text_rows(&tabbed)[1], vec!["15/07/2025", "1, 2"]);
        let commas = read_register("b.csv", b"Ngay,So\n15/07/2025,\"1; 2\"\n").unwrap();
        assert_eq!(text_rows(&commas)[1], vec!["15/07/2025", "1; 2"]);
    }

    #[test]
    fn files_that_are_not_registers_are_refused_with_a_reason() {
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0xFF,
        ];
        let error = read_register("anh.png", &png).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("Tệp «anh.png»: không phải bảng tính"));
        let mut encrypted = CFB_MAGIC.to_vec();
        encrypted.extend_from_slice(&[0; 512]);
        let error = read_register("mat-khau.xlsx", &encrypted).unwrap_err();
        assert!(error.reason.contains("mật khẩu"), "{error}");
        let error = read_register("hong.xlsx", b"PK\x03\x04 truncated").unwrap_err();
        assert!(error.reason.contains("bị hỏng"), "{error}");
        let error = read_register("trong.csv", b"").unwrap_err();
        assert!(error.reason.contains("trống"), "{error}");
    }

    #[test]
    fn a_csv_of_more_rows_than_a_register_has_is_refused() {
        let text = "Ngày\n".to_string() + &"15/07/2025\n".repeat(MAX_ROWS + 1);
        let error = read_register("lon.csv", text.as_bytes()).unwrap_err();
        assert!(error.reason.contains("200.000 dòng"), "{error}");
    }
}
