//! One register import from the files picked to the counts: what the
//! register worker computes each time the person changes a mapping, and
//! what `thidua-cli register` computes once. Pure, so it is tested natively.

use crate::core::campaign::model::Campaign;
use crate::core::campaign::registers::{
    Mark, MarkRule, RegisterKind, RegisterMapping, SavedMapping,
};
use crate::core::register::count::{check_fits, count_registers, RegisterCount, RegisterOutcome};
use crate::core::register::mapping::{
    column_names, distinct_values, guess_mapping, mapping_for, means_yes,
};
use crate::core::register::read::RegisterError;
use crate::core::register::table::Workbook;

/// What the person chose for one file; every part optional (then guessed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileRequest {
    /// A mapping as edited on the screen: used as it is.
    pub mapping: Option<RegisterMapping>,
    /// Otherwise: guess for this sheet…
    pub sheet: Option<usize>,
    /// …with the header on this row (1-based).
    pub header_row: Option<usize>,
}

/// A column as the mapping screen offers it.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnView {
    /// Its name from the header row (“Cột C” where the header is empty).
    pub name: String,
    /// Its distinct values with how many rows have each; `None` for free
    /// text (too many to be a mark).
    pub values: Option<Vec<(String, usize)>>,
}

/// One file on the mapping screen.
#[derive(Debug, Clone, PartialEq)]
pub struct FileView {
    /// The file's name.
    pub file_name: String,
    /// Why the file cannot be counted, naming it; it is left out.
    pub error: Option<String>,
    /// Its sheets' names.
    pub sheets: Vec<String>,
    /// The mapping in use (none when there is no usable header).
    pub mapping: Option<RegisterMapping>,
    /// The columns under the mapping's header row.
    pub columns: Vec<ColumnView>,
}

/// Everything the mapping and preview screen shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegisterView {
    /// Each file, in the order picked.
    pub files: Vec<FileView>,
    /// What the files with a mapping count to, together.
    pub count: RegisterCount,
}

/// The mapping screen's content for `workbooks` under `requests` (one per
/// file; missing ones are guessed, using `campaign`'s remembered mappings).
pub fn view_registers(
    workbooks: &[Result<Workbook, RegisterError>],
    requests: &[FileRequest],
    campaign: &Campaign,
) -> RegisterView {
    let mut files = Vec::with_capacity(workbooks.len());
    let mut counted: Vec<(&Workbook, RegisterMapping)> = Vec::new();
    for (index, workbook) in workbooks.iter().enumerate() {
        let workbook = match workbook {
            Ok(workbook) => workbook,
            Err(error) => {
                files.push(FileView {
                    file_name: error.file_name.clone(),
                    error: Some(error.to_string()),
                    sheets: Vec::new(),
                    mapping: None,
                    columns: Vec::new(),
                });
                continue;
            }
        };
        let request = requests.get(index).cloned().unwrap_or_default();
        let chosen_sheet = request
            .sheet
            .unwrap_or(0)
            .min(workbook.sheets.len().saturating_sub(1));
        let mapping = match request.mapping {
            Some(mapping) => check_fits(workbook, &mapping).map(|()| mapping),
            None if request.sheet.is_some() || request.header_row.is_some() => {
                guess_mapping(workbook, chosen_sheet, request.header_row)
            }
            None => mapping_for(workbook, &campaign.register_mappings.list()),
        };
        let (sheet, header_row) = match &mapping {
            Ok(mapping) => (mapping.sheet, Some(mapping.header_row)),
            Err(_) => (chosen_sheet, request.header_row),
        };
        let columns = match (workbook.sheets.get(sheet), header_row) {
            (Some(data), Some(row)) if row >= 1 && row <= data.rows.len() => {
                column_names(data, row)
                    .into_iter()
                    .enumerate()
                    .map(|(column, name)| ColumnView {
                        name,
                        values: distinct_values(data, row, column),
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        files.push(FileView {
            file_name: workbook.file_name.clone(),
            error: mapping.as_ref().err().map(ToString::to_string),
            sheets: workbook.sheets.iter().map(|s| s.name.clone()).collect(),
            mapping: mapping.as_ref().ok().cloned(),
            columns,
        });
        if let Ok(mapping) = mapping {
            counted.push((workbook, mapping));
        }
    }
    let inputs: Vec<(&Workbook, &RegisterMapping)> = counted
        .iter()
        .map(|(book, mapping)| (*book, mapping))
        .collect();
    // Every mapping counted here fits its sheet (checked above, or guessed
    // from it), so counting cannot fail; the default is never reached.
    let count = count_registers(&inputs, campaign).unwrap_or_default();
    RegisterView { files, count }
}

/// A change the person makes on the mapping screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Another sheet (the mapping is guessed anew).
    Sheet(usize),
    /// Another header row (the mapping is guessed anew).
    HeaderRow(Option<usize>),
    /// Another register kind.
    Kind(RegisterKind),
    /// Another date column.
    DateColumn(usize),
    /// Another document-number column, or none.
    NumberColumn(Option<usize>),
    /// A mark read from another column, or from none.
    MarkColumn(Mark, Option<usize>),
    /// A value of a mark's column that does or does not mean “yes”.
    MarkValue(Mark, String, bool),
}

impl Edit {
    /// The edit a screen control reports: its `data-control`, its
    /// `data-mark`, its value and whether it is checked.
    pub fn from_control(control: &str, mark: &str, value: &str, checked: bool) -> Option<Edit> {
        let index = || value.trim().parse::<usize>().ok();
        Some(match control {
            "sheet" => Edit::Sheet(index()?),
            "header-row" => Edit::HeaderRow(index()),
            "kind" => Edit::Kind(RegisterKind::from_key(value)?),
            "date" => Edit::DateColumn(index()?),
            "number" => Edit::NumberColumn(index()),
            "mark" => Edit::MarkColumn(Mark::from_key(mark)?, index()),
            "value" => Edit::MarkValue(Mark::from_key(mark)?, value.to_string(), checked),
            _ => return None,
        })
    }
}

/// Applies `edit` to file `index`'s request, from what `view` shows now.
pub fn apply_edit(view: &RegisterView, requests: &mut Vec<FileRequest>, index: usize, edit: Edit) {
    let Some(file) = view.files.get(index) else {
        return;
    };
    if requests.len() <= index {
        requests.resize(index + 1, FileRequest::default());
    }
    let sheet = file
        .mapping
        .as_ref()
        .map_or(requests[index].sheet, |m| Some(m.sheet));
    let request = match edit {
        // A new sheet or header row: the mapping is guessed anew.
        Edit::Sheet(sheet) => FileRequest {
            sheet: Some(sheet),
            ..FileRequest::default()
        },
        Edit::HeaderRow(header_row) => FileRequest {
            sheet,
            header_row,
            mapping: None,
        },
        edit => {
            let Some(mut mapping) = file.mapping.clone() else {
                return;
            };
            edit_mapping(&mut mapping, file, edit);
            FileRequest {
                mapping: Some(mapping),
                ..FileRequest::default()
            }
        }
    };
    requests[index] = request;
}

/// Applies an edit of the mapping itself (a sheet or header row is not).
fn edit_mapping(mapping: &mut RegisterMapping, file: &FileView, edit: Edit) {
    match edit {
        Edit::Kind(kind) => {
            mapping.kind = kind;
            mapping
                .marks
                .retain(|rule| kind.marks().contains(&rule.mark));
        }
        Edit::DateColumn(column) => mapping.date_column = column,
        Edit::NumberColumn(column) => mapping.number_column = column,
        Edit::MarkColumn(mark, column) => {
            mapping.marks.retain(|rule| rule.mark != mark);
            if let Some(column) = column {
                // The column's values that read as “yes”, as a first guess.
                let values = file
                    .columns
                    .get(column)
                    .and_then(|c| c.values.clone())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(value, _)| value)
                    .filter(|value| means_yes(mark, value))
                    .collect();
                mapping.marks.push(MarkRule {
                    mark,
                    column,
                    values,
                });
            }
        }
        Edit::MarkValue(mark, value, yes) => {
            if let Some(rule) = mapping.marks.iter_mut().find(|rule| rule.mark == mark) {
                rule.values.retain(|v| *v != value);
                if yes {
                    rule.values.push(value);
                }
            }
        }
        Edit::Sheet(_) | Edit::HeaderRow(_) => {}
    }
}

/// What applying this view writes: the decided days, the files counted
/// and their mappings to remember.
pub fn outcome(view: &RegisterView, campaign: &Campaign) -> RegisterOutcome {
    RegisterOutcome {
        days: view.count.decided_days(campaign),
        files: view
            .files
            .iter()
            .filter(|f| f.mapping.is_some())
            .map(|f| f.file_name.clone())
            .collect(),
        mappings: view
            .files
            .iter()
            .filter_map(|file| {
                Some(SavedMapping {
                    headers: file.columns.iter().map(|c| c.name.clone()).collect(),
                    mapping: file.mapping.clone()?,
                })
            })
            .collect(),
    }
}
