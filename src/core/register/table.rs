//! A register as the reader hands it over: sheets of rows of cells, with no
//! meaning attached yet. XLSX and CSV both end up here, so the mapping and
//! the counting never care which format a register came in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One cell, as the spreadsheet stored it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing there.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number that is not formatted as a date.
    Number(f64),
    /// A real spreadsheet date (the time of day is dropped).
    Date(NaiveDate),
}

impl Cell {
    /// Whether the cell holds nothing a person would see.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.is_empty(),
            _ => false,
        }
    }

    /// The cell as a person reads it, borrowed where it is text.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(text) => std::borrow::Cow::Borrowed(text),
            other => std::borrow::Cow::Owned(other.display()),
        }
    }

    /// The cell as a person reads it (dates as dd/mm/yyyy).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
                format!("{}", *value as i64)
            }
            Cell::Number(value) => value.to_string(),
            Cell::Date(day) => crate::core::format::date(*day),
        }
    }
}

/// One sheet: its rows from the top, each as wide as the sheet's widest row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The sheet's tab name (“CSV” for a CSV file).
    pub name: String,
    /// Rows from row 1; `rows[i][j]` is row `i + 1`, column `j`.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at `row`, `column` (0-based); empty outside the sheet.
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|cells| cells.get(column))
            .unwrap_or(&Cell::Empty)
    }

    /// How many columns the widest row has.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// A register file as read: one or more sheets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    /// The file's name, as the user picked it: every message names it.
    pub file_name: String,
    /// Its sheets in tab order (one for a CSV file).
    pub sheets: Vec<Sheet>,
}
