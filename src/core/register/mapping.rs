//! Guesses how a register's columns map onto the counts, from the
//! Vietnamese header names the e-office systems use, and lists each
//! column's values so a person can correct the guess.

use crate::core::campaign::registers::{
    Mark, MarkRule, RegisterKind, RegisterMapping, SavedMapping,
};
use crate::core::register::read::RegisterError;
use crate::core::register::table::{Cell, Sheet, Workbook};

/// How far down the header row is looked for (title blocks are a few rows).
const HEADER_SEARCH_ROWS: usize = 60;

/// A column with more distinct values than this is free text (an excerpt,
/// a sender): it is not offered as a mark.
pub const MAX_MARK_VALUES: usize = 20;

/// Lowercase without Vietnamese tone marks and with `đ` as `d`, so
/// “Ngày đến”, “NGAY DEN” and “ngay den” all read `ngay den`. Counting
/// folds every marked cell of a register, so this is a `match` (a jump
/// table), not a search through lists of letters: that search took a
/// quarter of a 50,000-row import.
pub fn fold(text: &str) -> String {
    let text = text.trim();
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(match c {
                '_' | '\t' | '\n' | '\r' => ' ',
                c => c.to_ascii_lowercase(),
            });
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let base = match lower {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => {
                'u'
            }
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            '\u{a0}' => ' ',
            // Combining marks, from a keyboard that decomposes letters.
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' | '\u{306}' | '\u{302}'
            | '\u{31b}' => continue,
            other => other,
        };
        folded.push(base);
    }
    folded
}

/// Whether `text` (folded) contains `word` as whole words.
fn has_words(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Words that appear in register headers: a row with several is the header.
const HEADER_WORDS: [&str; 16] = [
    "ngay",
    "so",
    "stt",
    "trich yeu",
    "ky hieu",
    "noi gui",
    "noi nhan",
    "hinh thuc",
    "do mat",
    "lien thong",
    "ho so",
    "nguoi ky",
    "don vi",
    "ghi chu",
    "ky so",
    "loai",
];

/// How many different header-like labels a row has (a title merged across
/// the sheet counts once), and whether one is a date (“Ngày …”).
fn header_score(row: &[Cell]) -> (usize, bool) {
    let mut seen: Vec<&str> = Vec::new();
    let mut score = 0;
    let mut has_date_word = false;
    for cell in row {
        if let Cell::Text(text) = cell {
            if seen.contains(&text.as_str()) {
                continue;
            }
            seen.push(text);
            let folded = fold(text);
            if HEADER_WORDS.iter().any(|word| has_words(&folded, word)) {
                score += 1;
            }
            has_date_word |= has_words(&folded, "ngay");
        }
    }
    (score, has_date_word)
}

/// A row of labels only: text, and at least two different ones (a title
/// merged across the sheet has one).
fn is_label_row(row: &[Cell]) -> bool {
    let mut texts: Vec<&str> = Vec::new();
    for cell in row {
        match cell {
            Cell::Text(text) if looks_like_date(text) => return false,
            Cell::Text(text) => {
                if !texts.contains(&text.as_str()) {
                    texts.push(text);
                }
            }
            Cell::Empty => {}
            _ => return false,
        }
    }
    texts.len() >= 2
}

fn looks_like_date(text: &str) -> bool {
    crate::core::register::count::parse_register_date(text).is_some()
}

/// The last header row (1-based) of `sheet`: the row with most header
/// words, one of them “Ngày”, and the row under it too when that one is a
/// second header level (e.g. “Hình thức” split into sub-columns).
pub fn detect_header_row(sheet: &Sheet) -> Option<usize> {
    let (best, _) = sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(index, row)| (index, header_score(row)))
        .filter(|(_, (score, has_date))| *score >= 2 && *has_date)
        .max_by_key(|(index, (score, _))| (*score, std::cmp::Reverse(*index)))?;
    let below = sheet.rows.get(best + 1);
    Some(if below.is_some_and(|row| is_label_row(row)) {
        best + 2
    } else {
        best + 1
    })
}

/// The column names under a header row (1-based): the header row's labels,
/// prefixed by the row above where that is a header level too
/// (“Thông tin xử lý / Hình thức”).
pub fn column_names(sheet: &Sheet, header_row: usize) -> Vec<String> {
    let row = header_row.saturating_sub(1);
    let parent = row
        .checked_sub(1)
        .filter(|above| sheet.rows.get(*above).is_some_and(|r| is_label_row(r)));
    (0..sheet.width())
        .map(|column| {
            let own = sheet.cell(row, column).display();
            let upper = parent.map(|above| sheet.cell(above, column).display());
            match upper {
                Some(upper) if !upper.is_empty() && upper != own && !own.is_empty() => {
                    format!("{upper} / {own}")
                }
                Some(upper) if own.is_empty() => upper,
                _ if own.is_empty() => format!("Cột {}", column_letter(column)),
                _ => own,
            }
        })
        .collect()
}

/// `A`, `B`, … `AA` for column `index` (0-based), as the spreadsheet shows it.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// A column's distinct values below the header, most frequent first, with
/// how many rows have each; `None` when there are more than
/// [`MAX_MARK_VALUES`] (free text).
pub fn distinct_values(
    sheet: &Sheet,
    header_row: usize,
    column: usize,
) -> Option<Vec<(String, usize)>> {
    let mut values: Vec<(String, usize)> = Vec::new();
    for row in sheet.rows.iter().skip(header_row) {
        let cell = row.get(column).unwrap_or(&Cell::Empty);
        // A date column is never a mark (and formatting 50,000 dates to find
        // that out took a tenth of a large import).
        if matches!(cell, Cell::Date(_)) {
            return None;
        }
        let text = cell.text();
        if let Some((_, count)) = values.iter_mut().find(|(value, _)| *value == text) {
            *count += 1;
        } else if values.len() == MAX_MARK_VALUES {
            return None;
        } else {
            values.push((text.into_owned(), 1));
        }
    }
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Some(values)
}

/// Header words for each mark, folded.
fn mark_header_words(mark: Mark) -> &'static [&'static str] {
    match mark {
        Mark::Electronic => &[
            "hinh thuc",
            "dien tu",
            "phuong thuc",
            "truc tuyen",
            "xu ly tren",
        ],
        Mark::Signed => &["ky so", "chu ky so"],
        Mark::Secret => &["do mat", "mat"],
        Mark::StateAward => &["khen thuong"],
        Mark::Interconnect => &["lien thong", "truc"],
        Mark::External => &["pham vi", "ben ngoai", "co quan ngoai", "ngoai so"],
    }
}

/// Whether a value (folded) means “yes” for `mark`.
pub fn means_yes(mark: Mark, value: &str) -> bool {
    let value = fold(value);
    const YES: [&str; 6] = ["co", "x", "1", "true", "dung", "✓"];
    if YES.contains(&value.as_str()) {
        return true;
    }
    let (words, not): (&[&str], &[&str]) = match mark {
        Mark::Electronic => (
            &["dien tu", "truc tuyen", "online", "mang"],
            &["giay", "khong", "chua"],
        ),
        Mark::Signed => (&["da ky", "ky so"], &["khong", "chua"]),
        Mark::Secret => (&["mat"], &["khong", "thuong"]),
        Mark::StateAward => (&["nha nuoc"], &["khong"]),
        Mark::Interconnect => (&["lien thong", "truc"], &["khong", "chua"]),
        Mark::External => (&["ngoai"], &["trong", "noi bo"]),
    };
    words.iter().any(|word| has_words(&value, word))
        && !not.iter().any(|word| has_words(&value, word))
}

/// Which register a sheet is, from its headers and the file's name.
fn guess_kind(names: &[String], file_name: &str) -> RegisterKind {
    let headers = fold(&names.join(" | "));
    let any = |words: &[&str]| words.iter().any(|word| has_words(&headers, word));
    if any(&["ngay den", "so den", "noi gui", "co quan gui"]) {
        return RegisterKind::Incoming;
    }
    if any(&[
        "ngay ban hanh",
        "noi nhan",
        "nguoi ky",
        "phat hanh",
        "so di",
    ]) {
        return RegisterKind::Outgoing;
    }
    if any(&["ho so", "ma ho so"]) {
        return RegisterKind::Dossiers;
    }
    let file = fold(file_name).replace(['-', '.'], " ");
    if has_words(&file, "di") {
        RegisterKind::Outgoing
    } else if has_words(&file, "ho so") {
        RegisterKind::Dossiers
    } else {
        RegisterKind::Incoming
    }
}

/// The first column whose (folded) name contains one of `words`, trying
/// the words in order.
fn find_column(names: &[String], words: &[&str], skip: &[usize]) -> Option<usize> {
    let folded: Vec<String> = names.iter().map(|name| fold(name)).collect();
    words.iter().find_map(|word| {
        folded
            .iter()
            .enumerate()
            .find(|(index, name)| !skip.contains(index) && has_words(name, word))
            .map(|(index, _)| index)
    })
}

/// The whole guess for sheet `sheet` of `workbook` with its header at
/// `header_row` (detected when `None`).
pub fn guess_mapping(
    workbook: &Workbook,
    sheet: usize,
    header_row: Option<usize>,
) -> Result<RegisterMapping, RegisterError> {
    let file_name = &workbook.file_name;
    let data = workbook.sheets.get(sheet).ok_or_else(|| {
        RegisterError::new(file_name, format!("không có trang tính thứ {}.", sheet + 1))
    })?;
    let header_row = match header_row {
        Some(row) => row,
        None => detect_header_row(data).ok_or_else(|| {
            RegisterError::new(
                file_name,
                format!(
                    "không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu của trang «{}» \
                     (cần một dòng có cột “Ngày …”, “Số …”). Hãy chọn dòng tiêu đề bằng tay.",
                    data.name
                ),
            )
        })?,
    };
    let names = column_names(data, header_row);
    let kind = guess_kind(&names, file_name);
    let date_words: &[&str] = match kind {
        RegisterKind::Incoming => &["ngay den", "ngay nhan", "ngay tiep nhan", "ngay"],
        RegisterKind::Outgoing => &[
            "ngay ban hanh",
            "ngay phat hanh",
            "ngay di",
            "ngay ky",
            "ngay",
        ],
        RegisterKind::Dossiers => &["ngay tiep nhan", "ngay mo", "ngay lap", "ngay tao", "ngay"],
    };
    let date_column = find_column(&names, date_words, &[]).ok_or_else(|| RegisterError {
        row: Some(header_row),
        ..RegisterError::new(
            file_name,
            "dòng tiêu đề không có cột ngày (“Ngày đến”, “Ngày ban hành”, “Ngày tiếp nhận”).",
        )
    })?;
    let number_words: &[&str] = match kind {
        RegisterKind::Incoming => &["so den", "so ky hieu", "so, ky hieu"],
        RegisterKind::Outgoing => &["so ky hieu", "so, ky hieu", "so van ban", "so di"],
        RegisterKind::Dossiers => &["ma ho so", "so ho so", "ma so"],
    };
    let number_column = find_column(&names, number_words, &[date_column]);
    let mut marks = Vec::new();
    let mut taken = vec![date_column];
    taken.extend(number_column);
    for &mark in kind.marks() {
        let candidates: Vec<usize> = (0..names.len())
            .filter(|index| !taken.contains(index))
            .filter(|index| has_any_word(&names[*index], mark_header_words(mark)))
            .collect();
        for column in candidates {
            let Some(values) = distinct_values(data, header_row, column) else {
                continue;
            };
            let yes: Vec<String> = values
                .into_iter()
                .map(|(value, _)| value)
                .filter(|value| means_yes(mark, value))
                .collect();
            if !yes.is_empty() {
                marks.push(MarkRule {
                    mark,
                    column,
                    values: yes,
                });
                taken.push(column);
                break;
            }
        }
    }
    Ok(RegisterMapping {
        kind,
        sheet,
        header_row,
        date_column,
        number_column,
        marks,
    })
}

fn has_any_word(name: &str, words: &[&str]) -> bool {
    let name = fold(name);
    words.iter().any(|word| has_words(&name, word))
}

/// The mapping for a freshly read register: the one remembered for its
/// headers if there is one, otherwise the guess for its first sheet with
/// data.
pub fn mapping_for(
    workbook: &Workbook,
    saved: &[SavedMapping],
) -> Result<RegisterMapping, RegisterError> {
    for remembered in saved {
        let mapping = &remembered.mapping;
        if let Some(sheet) = workbook.sheets.get(mapping.sheet) {
            if column_names(sheet, mapping.header_row) == remembered.headers {
                return Ok(mapping.clone());
            }
        }
    }
    let first = workbook
        .sheets
        .iter()
        .position(|sheet| detect_header_row(sheet).is_some())
        .unwrap_or(0);
    guess_mapping(workbook, first, None)
}

/// Remembers `mapping` for registers whose header row reads `headers`.
pub fn remember_headers(
    saved: &mut Vec<SavedMapping>,
    headers: Vec<String>,
    mapping: &RegisterMapping,
) {
    saved.retain(|remembered| remembered.headers != headers);
    saved.push(SavedMapping {
        headers,
        mapping: mapping.clone(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Cell {
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value.to_string())
        }
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "Sổ đến".into(),
            rows: rows
                .iter()
                .map(|row| row.iter().map(|v| text(v)).collect())
                .collect(),
        }
    }

    #[test]
    fn folding_reads_accented_and_plain_headers_alike() {
        assert_eq!(fold("  NGÀY ĐẾN "), "ngay den");
        assert_eq!(fold("Độ mật"), "do mat");
        assert_eq!(fold("Ký số"), fold("ky so"));
    }

    #[test]
    fn a_two_level_header_under_a_title_block_is_found_and_named() {
        let sheet = sheet(&[
            &[
                "SỞ THÔNG TIN",
                "SỞ THÔNG TIN",
                "SỞ THÔNG TIN",
                "SỞ THÔNG TIN",
            ],
            &[
                "SỔ VĂN BẢN ĐẾN",
                "SỔ VĂN BẢN ĐẾN",
                "SỔ VĂN BẢN ĐẾN",
                "SỔ VĂN BẢN ĐẾN",
            ],
            &[],
            &["Ngày đến", "Số đến", "Thông tin xử lý", "Thông tin xử lý"],
            &["Ngày đến", "Số đến", "Hình thức", "Độ mật"],
            &["15/07/2025", "1", "Điện tử", "Thường"],
            &["16/07/2025", "2", "Giấy", "Mật"],
        ]);
        assert_eq!(detect_header_row(&sheet), Some(5));
        assert_eq!(
            column_names(&sheet, 5),
            vec![
                "Ngày đến",
                "Số đến",
                "Thông tin xử lý / Hình thức",
                "Thông tin xử lý / Độ mật"
            ]
        );
        let book = Workbook {
            file_name: "so.xlsx".into(),
            sheets: vec![sheet],
        };
        let mapping = guess_mapping(&book, 0, None).unwrap();
        assert_eq!(mapping.kind, RegisterKind::Incoming);
        assert_eq!((mapping.date_column, mapping.number_column), (0, Some(1)));
        assert_eq!(
            mapping.marks,
            vec![
                MarkRule {
                    mark: Mark::Electronic,
                    column: 2,
                    values: vec!["Điện tử".into()]
                },
                MarkRule {
                    mark: Mark::Secret,
                    column: 3,
                    values: vec!["Mật".into()]
                },
            ]
        );
    }

    #[test]
    fn a_single_header_row_is_not_extended_into_the_data() {
        let sheet = sheet(&[
            &["Ngày ban hành", "Số, ký hiệu", "Ký số", "Nơi nhận"],
            &["15/07/2025", "12/QĐ-STTTT", "x", "UBND tỉnh"],
        ]);
        assert_eq!(detect_header_row(&sheet), Some(1));
        let book = Workbook {
            file_name: "di.csv".into(),
            sheets: vec![sheet],
        };
        let mapping = guess_mapping(&book, 0, None).unwrap();
        assert_eq!(mapping.kind, RegisterKind::Outgoing);
        assert_eq!(
            mapping.rule(Mark::Signed).unwrap().values,
            vec!["x".to_string()]
        );
    }

    #[test]
    fn a_sheet_without_a_header_row_says_so() {
        let book = Workbook {
            file_name: "lung-tung.xlsx".into(),
            sheets: vec![sheet(&[&["a", "b"], &["1", "2"]])],
        };
        let error = guess_mapping(&book, 0, None).unwrap_err();
        assert!(
            error.to_string().contains("không tìm thấy dòng tiêu đề"),
            "{error}"
        );
    }

    #[test]
    fn yes_values_are_read_in_vietnamese() {
        assert!(means_yes(Mark::Electronic, "Điện tử"));
        assert!(!means_yes(Mark::Electronic, "Giấy"));
        assert!(!means_yes(Mark::Electronic, "Không điện tử"));
        assert!(means_yes(Mark::Secret, "Tối mật"));
        assert!(!means_yes(Mark::Secret, "Thường"));
        assert!(means_yes(Mark::External, "Ngoài Sở"));
        assert!(!means_yes(Mark::External, "Trong Sở"));
        assert!(means_yes(Mark::Signed, "x"));
    }

    #[test]
    fn a_remembered_mapping_is_used_for_the_same_headers() {
        let sheet = sheet(&[
            &["Ngày đến", "Số đến", "Ghi chú"],
            &["15/07/2025", "1", "Điện tử"],
        ]);
        let book = Workbook {
            file_name: "a.csv".into(),
            sheets: vec![sheet],
        };
        let mut mapping = mapping_for(&book, &[]).unwrap();
        assert!(mapping.marks.is_empty(), "“Ghi chú” is no mark by its name");
        mapping.marks.push(MarkRule {
            mark: Mark::Electronic,
            column: 2,
            values: vec!["Điện tử".into()],
        });
        let mut saved = Vec::new();
        let headers = column_names(&book.sheets[0], mapping.header_row);
        remember_headers(&mut saved, headers.clone(), &mapping);
        remember_headers(&mut saved, headers, &mapping);
        assert_eq!(saved.len(), 1, "one mapping per set of headers");
        assert_eq!(mapping_for(&book, &saved).unwrap(), mapping);
    }
}
