//! Counts a division's days from its register rows, shows what an import
//! would change, and applies it.
//!
//! The rules (also in `docs/evaluation.md`):
//! - a row is one document (or dossier) on the day in its date column;
//! - a document dated on a weekend or holiday inside the campaign was still
//!   handled in it: it counts on the next working day (the last working day
//!   when none follows);
//! - secret documents and state-level commendation dossiers count only as
//!   exclusions;
//! - a document whose number appears twice in the same register is counted
//!   once;
//! - a register decides its counts for every working day from the start of
//!   the campaign to the last day it has a document for; the other counts
//!   (pages printed, registers not read) stay as they are.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::core::campaign::calendar::working_days;
use crate::core::campaign::model::{Campaign, DailyCounts, Workspace};
use crate::core::campaign::registers::{
    overwrite_shared, CountSource, Mark, RegisterKind, RegisterMapping, RememberedMappings,
    SavedMapping,
};
use crate::core::entry::edit::{daily_report, update_counts};
use crate::core::entry::history::Stamp;
use crate::core::entry::validation::CountField;
use crate::core::format;
use crate::core::register::mapping::{fold, remember_headers};
use crate::core::register::read::RegisterError;
use crate::core::register::table::{Cell, Workbook};

/// A date as registers write it: `15/07/2025`, `15/7/25`, `2025-07-15`,
/// each with or without a time after it.
pub fn parse_register_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let day_part = text
        .split([' ', 'T'])
        .next()
        .filter(|part| !part.is_empty())?;
    if let Some(day) = format::parse_date(day_part) {
        return Some(day);
    }
    // Two-digit years: `15/07/25`.
    let mut parts = day_part.split(['/', '-', '.']);
    let day = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let year: i32 = parts.next().filter(|y| y.len() == 2)?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(2000 + year, month, day)
}

/// An Excel serial day number (1900 system) as a date, for dates stored as
/// plain numbers. Only plausible days (years 1955–2119) are read.
fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(20_000.0..80_000.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(serial.floor() as i64))
}

/// A row that was not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    /// The row, numbered as the spreadsheet numbers it.
    pub row: usize,
    /// Why, in Vietnamese. Never quotes the document's number or excerpt.
    pub reason: String,
}

/// Documents dated on a day off, counted on a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedDay {
    /// The day off the register gives.
    pub from: NaiveDate,
    /// The working day they count on.
    pub to: NaiveDate,
    /// How many documents.
    pub documents: usize,
}

/// What one register file gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileCount {
    /// The file's name.
    pub file_name: String,
    /// Which register it is.
    pub kind: RegisterKind,
    /// Rows counted.
    pub counted: usize,
    /// Rows not counted, in order.
    pub skipped: Vec<SkippedRow>,
    /// Documents dated on days off.
    pub moved: Vec<MovedDay>,
}

/// What a set of register files gave, together.
/// (Serialised for `thidua-cli register --json`.)
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RegisterCount {
    /// Each file's summary, in the order given.
    pub files: Vec<FileCount>,
    /// The counts per working day, for the fields the registers decide.
    pub days: BTreeMap<NaiveDate, DailyCounts>,
    /// Per register, the last working day it has a document for: it
    /// decides its counts up to that day.
    pub covered_until: BTreeMap<RegisterKind, NaiveDate>,
}

impl RegisterCount {
    /// The registers that decide counts on `day`.
    pub fn kinds_on(&self, day: NaiveDate) -> Vec<RegisterKind> {
        self.covered_until
            .iter()
            .filter(|(_, until)| day <= **until)
            .map(|(kind, _)| *kind)
            .collect()
    }
}

/// Which marks a row carries.
struct RowMarks {
    electronic: bool,
    signed: bool,
    excluded_secret: bool,
    excluded_award: bool,
    interconnect: bool,
    external: bool,
}

/// Reads the marks of rows under one mapping. A mark column has at most a
/// few distinct values, so each value is folded and judged once and then
/// looked up (folding every cell was most of a 50,000-row import).
struct MarkReader<'a> {
    mapping: &'a RegisterMapping,
    /// Per mark (indexed by its discriminant), each value seen and its verdict;
    /// looked up by `&str`, so a value seen before costs no allocation.
    seen: [HashMap<String, bool>; Mark::ALL.len()],
}

impl<'a> MarkReader<'a> {
    fn new(mapping: &'a RegisterMapping) -> Self {
        MarkReader {
            mapping,
            seen: Default::default(),
        }
    }

    fn has(&mut self, row: &[Cell], mark: Mark) -> Option<bool> {
        let rule = self.mapping.rule(mark)?;
        let text = row.get(rule.column).map(Cell::text).unwrap_or_default();
        let seen = &mut self.seen[mark as usize];
        if let Some(yes) = seen.get(text.as_ref()) {
            return Some(*yes);
        }
        let folded = fold(&text);
        let yes = rule.values.iter().any(|value| fold(value) == folded);
        seen.insert(text.into_owned(), yes);
        Some(yes)
    }

    fn marks(&mut self, row: &[Cell]) -> RowMarks {
        let interconnect = self.has(row, Mark::Interconnect).unwrap_or(false);
        RowMarks {
            electronic: self.has(row, Mark::Electronic).unwrap_or(false),
            signed: self.has(row, Mark::Signed).unwrap_or(false),
            excluded_secret: self.has(row, Mark::Secret).unwrap_or(false),
            excluded_award: self.has(row, Mark::StateAward).unwrap_or(false),
            interconnect,
            // Registers list what passes between the department and other
            // bodies: without a column saying otherwise, every row does.
            external: interconnect || self.has(row, Mark::External).unwrap_or(true),
        }
    }
}

/// Adds one row to a day's counts, by the rules of its register.
fn add_row(counts: &mut DailyCounts, kind: RegisterKind, marks: &RowMarks) {
    let excluded = marks.excluded_secret || marks.excluded_award;
    match kind {
        RegisterKind::Incoming => {
            counts.docs_received += 1;
            if excluded {
                counts.received_excluded += 1;
                return;
            }
            counts.docs_received_online += u32::from(marks.electronic);
            counts.interconnect_received += u32::from(marks.interconnect);
        }
        RegisterKind::Outgoing => {
            counts.docs_issued += 1;
            if marks.excluded_secret {
                counts.docs_excluded_secret += 1;
                return;
            }
            if marks.excluded_award {
                counts.docs_excluded_state_award += 1;
                return;
            }
            counts.docs_signed_online += u32::from(marks.signed && marks.electronic);
            counts.interconnect_sent += u32::from(marks.interconnect);
        }
        RegisterKind::Dossiers => {
            counts.dossiers += 1;
            if excluded {
                counts.received_excluded += 1;
                return;
            }
            counts.dossiers_online += u32::from(marks.electronic);
            return;
        }
    }
    counts.external_total += u32::from(marks.external);
}

/// The day a row is for, or why it has none.
fn row_date(cell: &Cell) -> Result<NaiveDate, String> {
    let shown = |text: &str| {
        let mut short: String = text.chars().take(30).collect();
        if text.chars().count() > 30 {
            short.push('…');
        }
        short
    };
    match cell {
        Cell::Date(day) => Ok(*day),
        Cell::Number(serial) => excel_serial_date(*serial)
            .ok_or_else(|| format!("«{}» không phải ngày.", cell.display())),
        Cell::Text(text) => {
            parse_register_date(text).ok_or_else(|| format!("«{}» không phải ngày.", shown(text)))
        }
        // A formula no spreadsheet ever computed reads as empty too.
        Cell::Empty => Err(
            "ô ngày trống (hoặc là công thức chưa có giá trị: hãy mở tệp bằng Excel và lưu lại)."
                .into(),
        ),
    }
}

/// Checks that a mapping fits its workbook, so counting cannot fail on it.
pub fn check_fits(workbook: &Workbook, mapping: &RegisterMapping) -> Result<(), RegisterError> {
    let sheet = workbook.sheets.get(mapping.sheet).ok_or_else(|| {
        RegisterError::new(
            &workbook.file_name,
            format!("không có trang tính thứ {}.", mapping.sheet + 1),
        )
    })?;
    if mapping.header_row == 0 || mapping.header_row > sheet.rows.len() {
        return Err(RegisterError::new(
            &workbook.file_name,
            format!(
                "dòng tiêu đề {} nằm ngoài trang «{}» (trang có {} dòng).",
                mapping.header_row,
                sheet.name,
                sheet.rows.len()
            ),
        ));
    }
    let width = sheet.width();
    let columns = std::iter::once(mapping.date_column)
        .chain(mapping.number_column)
        .chain(mapping.marks.iter().map(|rule| rule.column));
    if columns.into_iter().any(|column| column >= width) {
        return Err(RegisterError::new(
            &workbook.file_name,
            format!(
                "cách đọc sổ chỉ tới một cột không có trong trang «{}».",
                sheet.name
            ),
        ));
    }
    Ok(())
}

/// Counts the rows of each register under its mapping.
pub fn count_registers(
    inputs: &[(&Workbook, &RegisterMapping)],
    campaign: &Campaign,
) -> Result<RegisterCount, RegisterError> {
    let days = working_days(campaign);
    let (Some(&first_day), Some(&last_day)) = (days.first(), days.last()) else {
        return Ok(RegisterCount::default());
    };
    // The working day a day of the campaign counts on.
    let counted_on = |day: NaiveDate| -> NaiveDate {
        let next = days.partition_point(|working| *working < day);
        days.get(next).copied().unwrap_or(last_day)
    };
    let period = &campaign.period;
    let mut result = RegisterCount::default();
    // Document numbers seen per register: (file, row) of the first.
    let mut numbers: HashMap<(RegisterKind, String), (usize, usize)> = HashMap::new();
    for (file_index, (workbook, mapping)) in inputs.iter().enumerate() {
        check_fits(workbook, mapping)?;
        let sheet = &workbook.sheets[mapping.sheet];
        let mut file = FileCount {
            file_name: workbook.file_name.clone(),
            kind: mapping.kind,
            counted: 0,
            skipped: Vec::new(),
            moved: Vec::new(),
        };
        let mut moved: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut marks = MarkReader::new(mapping);
        for (index, row) in sheet.rows.iter().enumerate().skip(mapping.header_row) {
            let row_number = index + 1;
            if row.iter().all(Cell::is_empty) {
                continue;
            }
            let mut skip = |reason: String| {
                file.skipped.push(SkippedRow {
                    row: row_number,
                    reason,
                })
            };
            let date = match row_date(row.get(mapping.date_column).unwrap_or(&Cell::Empty)) {
                Ok(date) => date,
                Err(reason) => {
                    skip(reason);
                    continue;
                }
            };
            if date < period.start || date > period.end {
                skip(format!(
                    "ngày {} ngoài đợt thi đua ({} – {}).",
                    format::date(date),
                    format::date(period.start),
                    format::date(period.end)
                ));
                continue;
            }
            if let Some(column) = mapping.number_column {
                let number = fold(&row.get(column).map(Cell::text).unwrap_or_default());
                if !number.is_empty() {
                    let key = (mapping.kind, number);
                    if let Some((first_file, first_row)) = numbers.get(&key) {
                        let place = if *first_file == file_index {
                            format!("dòng {first_row}")
                        } else {
                            format!(
                                "dòng {first_row} của tệp «{}»",
                                inputs[*first_file].0.file_name
                            )
                        };
                        skip(format!("trùng số văn bản với {place}: chỉ tính một lần."));
                        continue;
                    }
                    numbers.insert(key, (file_index, row_number));
                }
            }
            let day = if date < first_day {
                first_day
            } else {
                counted_on(date)
            };
            if day != date {
                *moved.entry(date).or_default() += 1;
            }
            add_row(
                result.days.entry(day).or_default(),
                mapping.kind,
                &marks.marks(row),
            );
            let until = result.covered_until.entry(mapping.kind).or_insert(day);
            *until = (*until).max(day);
            file.counted += 1;
        }
        file.moved = moved
            .into_iter()
            .map(|(from, documents)| MovedDay {
                from,
                to: if from < first_day {
                    first_day
                } else {
                    counted_on(from)
                },
                documents,
            })
            .collect();
        result.files.push(file);
    }
    Ok(result)
}

/// The counts `kinds` of register decide, in the grid's order: read off
/// [`RegisterKind::overwrite`] itself, so the two cannot disagree.
pub fn decided_fields(kinds: &[RegisterKind]) -> Vec<CountField> {
    let mut ones = DailyCounts::default();
    for field in CountField::ALL {
        field.set(&mut ones, 1);
    }
    let mut decided = DailyCounts::default();
    for kind in kinds {
        kind.overwrite(&mut decided, &ones);
    }
    overwrite_shared(&mut decided, &ones, kinds);
    CountField::ALL
        .into_iter()
        .filter(|field| field.get(&decided) == 1)
        .collect()
}

/// One working day whose counts the registers decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedDay {
    /// The working day.
    pub date: NaiveDate,
    /// The counts the registers give (only their own fields matter).
    pub counts: DailyCounts,
    /// The registers that decide them.
    pub kinds: Vec<RegisterKind>,
}

impl RegisterCount {
    /// Every working day of `campaign` that a register decides, in order.
    pub fn decided_days(&self, campaign: &Campaign) -> Vec<DecidedDay> {
        working_days(campaign)
            .into_iter()
            .filter_map(|date| {
                let kinds = self.kinds_on(date);
                (!kinds.is_empty()).then(|| DecidedDay {
                    date,
                    counts: self.days.get(&date).copied().unwrap_or_default(),
                    kinds,
                })
            })
            .collect()
    }
}

/// What an import applies ([`apply_outcome`]): the register worker and the
/// CLI make it from what the person confirmed on the mapping screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegisterOutcome {
    /// The days the registers decide.
    pub days: Vec<DecidedDay>,
    /// The files counted, by name.
    pub files: Vec<String>,
    /// Their mappings, to remember for registers with the same headers.
    pub mappings: Vec<SavedMapping>,
}

/// One working day of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    /// The working day.
    pub date: NaiveDate,
    /// The counts stored now.
    pub stored: DailyCounts,
    /// The counts after the import.
    pub proposed: DailyCounts,
    /// The registers that decide this day's counts.
    pub kinds: Vec<RegisterKind>,
}

/// What importing `decided` would change, day by day: each decided day's
/// `stored` counts beside the proposed ones, which keep every count the
/// registers do not decide.
pub fn plan_import(
    decided: &[DecidedDay],
    stored: impl Fn(NaiveDate) -> DailyCounts,
) -> Vec<DayPlan> {
    decided
        .iter()
        .map(|day| {
            let stored = stored(day.date);
            let mut proposed = stored;
            for kind in &day.kinds {
                kind.overwrite(&mut proposed, &day.counts);
            }
            overwrite_shared(&mut proposed, &day.counts, &day.kinds);
            DayPlan {
                date: day.date,
                stored,
                proposed,
                kinds: day.kinds.clone(),
            }
        })
        .collect()
}

/// The counts `unit_id` has stored for a day (zero where nothing is).
pub fn stored_counts<'a>(
    workspace: &'a Workspace,
    unit_id: &'a str,
) -> impl Fn(NaiveDate) -> DailyCounts + 'a {
    move |date| {
        daily_report(workspace, unit_id, date)
            .map(|report| report.counts)
            .unwrap_or_default()
    }
}

/// Applies `outcome` to `unit_id`: the counts, where they came from, and
/// the mappings remembered. Returns how many days changed.
pub fn apply_outcome(
    workspace: &mut Workspace,
    unit_id: &str,
    outcome: &RegisterOutcome,
    stamp: impl Into<Stamp>,
) -> usize {
    let plan = plan_import(&outcome.days, stored_counts(workspace, unit_id));
    let changed = apply_import(workspace, unit_id, &plan, &outcome.files, stamp);
    let mut remembered = workspace.campaign.register_mappings.list();
    for saved in &outcome.mappings {
        remember_headers(&mut remembered, saved.headers.clone(), &saved.mapping);
    }
    workspace.campaign.register_mappings = RememberedMappings::from_list(&remembered);
    changed
}

/// Writes the proposed counts and marks each day the registers decided
/// with where its counts came from. Returns how many days changed.
pub fn apply_import(
    workspace: &mut Workspace,
    unit_id: &str,
    plan: &[DayPlan],
    files: &[String],
    stamp: impl Into<Stamp>,
) -> usize {
    let stamp = stamp.into();
    let now = stamp.at;
    let mut changed = 0;
    for day in plan.iter().filter(|day| !day.kinds.is_empty()) {
        let source = CountSource {
            files: files.to_vec(),
            kinds: day.kinds.clone(),
            imported_at: now,
            edited_by_hand_at: None,
        };
        let proposed = day.proposed;
        let counts_changed = update_counts(workspace, unit_id, day.date, stamp.clone(), |counts| {
            *counts = proposed
        });
        let Some(report) = workspace
            .daily_reports
            .iter_mut()
            .find(|r| !r.meta.deleted && r.unit_id == unit_id && r.date == day.date)
        else {
            continue;
        };
        if counts_changed {
            report.source = Some(source);
            changed += 1;
        } else if report.source.as_ref().map(|s| (&s.files, &s.kinds))
            != Some((&source.files, &source.kinds))
        {
            // The same counts, now read from a register: a new revision, so
            // the provenance travels in the next export.
            report.source = Some(source);
            report.meta.rev += 1;
            report.meta.updated_at = now;
            changed += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::registers::MarkRule;
    use crate::core::campaign::template::seed_campaign;
    use crate::core::entry::validation::check_counts;
    use crate::core::register::table::Sheet;

    fn day(d: u32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn incoming(rows: &[[&str; 4]]) -> (Workbook, RegisterMapping) {
        let mut all = vec![["Ngày đến", "Số đến", "Hình thức", "Độ mật"]];
        all.extend_from_slice(rows);
        let sheet = Sheet {
            name: "CSV".into(),
            rows: all
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|v| {
                            if v.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(v.to_string())
                            }
                        })
                        .collect()
                })
                .collect(),
        };
        let mapping = RegisterMapping {
            kind: RegisterKind::Incoming,
            sheet: 0,
            header_row: 1,
            date_column: 0,
            number_column: Some(1),
            marks: vec![
                MarkRule {
                    mark: Mark::Electronic,
                    column: 2,
                    values: vec!["Điện tử".into()],
                },
                MarkRule {
                    mark: Mark::Secret,
                    column: 3,
                    values: vec!["Mật".into()],
                },
            ],
        };
        (
            Workbook {
                file_name: "so-den.csv".into(),
                sheets: vec![sheet],
            },
            mapping,
        )
    }

    #[test]
    fn each_register_decides_its_own_counts_and_never_pages() {
        use CountField::*;
        assert_eq!(
            decided_fields(&[RegisterKind::Incoming]),
            vec![
                DocsReceived,
                DocsReceivedOnline,
                InterconnectReceived,
                ExternalTotal,
                ReceivedExcluded
            ]
        );
        assert_eq!(
            decided_fields(&[RegisterKind::Dossiers]),
            vec![Dossiers, DossiersOnline, ReceivedExcluded]
        );
        let all = decided_fields(&RegisterKind::ALL);
        assert_eq!(all.len(), 12);
        assert!(!all.contains(&PagesPrinted) && !all.contains(&PagesPrintedExcluded));
    }

    #[test]
    fn register_dates_in_every_usual_form() {
        for text in [
            "15/07/2025",
            "15/7/25",
            "2025-07-15",
            "15/07/2025 08:30",
            "2025-07-15T08:30:00",
        ] {
            assert_eq!(parse_register_date(text), Some(day(15, 7)), "{text}");
        }
        assert_eq!(parse_register_date("Tổng cộng"), None);
        assert_eq!(excel_serial_date(45853.0), Some(day(15, 7)));
    }

    #[test]
    fn a_date_column_of_mixed_types_and_three_text_forms_is_read_cell_by_cell() {
        let campaign = seed_campaign("c");
        let (mut book, mapping) = incoming(&[
            ["", "1", "", ""],
            ["", "2", "", ""],
            ["", "3", "", ""],
            ["", "4", "", ""],
            ["", "5", "", ""],
        ]);
        let rows = &mut book.sheets[0].rows;
        rows[1][0] = Cell::Date(day(15, 7));
        rows[2][0] = Cell::Number(45_853.0);
        rows[3][0] = Cell::Text("15/7/25".into());
        rows[4][0] = Cell::Text("2025-07-15 08:30".into());
        rows[5][0] = Cell::Empty;
        let count = count_registers(&[(&book, &mapping)], &campaign).unwrap();
        assert_eq!(count.days[&day(15, 7)].docs_received, 4);
        let skipped = &count.files[0].skipped;
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].row, 6);
        assert!(
            skipped[0].reason.contains("công thức chưa có giá trị"),
            "a formula without a value is named"
        );
    }

    #[test]
    fn rows_become_counts_by_the_rules() {
        let campaign = seed_campaign("c");
        let (book, mapping) = incoming(&[
            ["15/07/2025", "1", "Điện tử", "Thường"],
            ["15/07/2025", "2", "Giấy", "Thường"],
            ["15/07/2025", "3", "Điện tử", "Mật"],
            // Saturday: counts on Monday 21/07.
            ["19/07/2025", "4", "Điện tử", "Thường"],
            ["21/07/2025", "1", "Điện tử", "Thường"],
            ["01/09/2025", "5", "Điện tử", "Thường"],
            ["Tổng cộng", "", "", ""],
            ["", "", "", ""],
        ]);
        let count = count_registers(&[(&book, &mapping)], &campaign).unwrap();
        let tuesday = count.days[&day(15, 7)];
        assert_eq!(
            (
                tuesday.docs_received,
                tuesday.docs_received_online,
                tuesday.received_excluded
            ),
            (3, 1, 1),
            "the secret one only as an exclusion"
        );
        assert_eq!(
            tuesday.external_total, 2,
            "without a column, every non-secret row is external"
        );
        assert!(check_counts(&tuesday).is_empty());
        assert_eq!(
            count.days[&day(21, 7)].docs_received,
            1,
            "the Saturday's document; the duplicate not"
        );
        let file = &count.files[0];
        assert_eq!(file.counted, 4);
        assert_eq!(
            file.moved,
            vec![MovedDay {
                from: day(19, 7),
                to: day(21, 7),
                documents: 1
            }]
        );
        let reasons: Vec<(usize, &str)> = file
            .skipped
            .iter()
            .map(|s| (s.row, s.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert_eq!(reasons[0].0, 6);
        assert!(
            reasons[0].1.contains("trùng số văn bản với dòng 2"),
            "{reasons:?}"
        );
        assert!(reasons[1].1.contains("ngoài đợt thi đua"), "{reasons:?}");
        assert!(
            reasons[2].1.contains("«Tổng cộng» không phải ngày"),
            "{reasons:?}"
        );
        assert_eq!(count.covered_until[&RegisterKind::Incoming], day(21, 7));
    }

    #[test]
    fn an_import_keeps_what_the_registers_do_not_decide_and_says_where_counts_came_from() {
        let mut workspace = Workspace::new(seed_campaign("c"));
        let unit = workspace.campaign.units[0].id.clone();
        let now: chrono::DateTime<chrono::Utc> = "2025-07-22T03:00:00Z".parse().unwrap();
        update_counts(&mut workspace, &unit, day(15, 7), now, |c| {
            c.docs_received = 9;
            c.pages_printed = 4;
            c.docs_issued = 2;
        });
        let (book, mapping) = incoming(&[
            ["15/07/2025", "1", "Điện tử", ""],
            ["16/07/2025", "2", "Giấy", ""],
        ]);
        let count = count_registers(&[(&book, &mapping)], &workspace.campaign).unwrap();
        let decided = count.decided_days(&workspace.campaign);
        let plan = plan_import(&decided, stored_counts(&workspace, &unit));
        let first = &plan[0];
        assert_eq!(first.stored.docs_received, 9);
        assert_eq!(first.proposed.docs_received, 1);
        assert_eq!(
            (first.proposed.pages_printed, first.proposed.docs_issued),
            (4, 2),
            "not the register's"
        );
        assert_eq!(
            plan.len(),
            2,
            "after the register's last day nothing is decided"
        );
        let files = vec!["so-den.csv".to_string()];
        assert_eq!(apply_import(&mut workspace, &unit, &plan, &files, now), 2);
        let report = daily_report(&workspace, &unit, day(15, 7)).unwrap();
        let source = report.source.clone().unwrap();
        assert_eq!((source.files, source.imported_at), (files.clone(), now));
        // Tổng quan and Hợp nhất say so.
        let evaluation = crate::core::evaluation::score::evaluate(&workspace);
        let unit_evaluation = evaluation.units.iter().find(|u| u.id == unit).unwrap();
        let said =
            crate::core::evaluation::explain::explain_provenance(&unit_evaluation.provenance)
                .unwrap();
        assert!(
            said.starts_with("Nguồn số liệu: 2/2 ngày đọc từ sổ văn bản (lần nhập gần nhất"),
            "{said}"
        );
        assert!(said.contains("so-den.csv"), "{said}");
        assert_eq!(
            crate::core::exchange::merge::register_days(&workspace)[unit.as_str()],
            (2, 2)
        );
        let again = plan_import(&decided, stored_counts(&workspace, &unit));
        assert_eq!(
            apply_import(&mut workspace, &unit, &again, &files, now),
            0,
            "nothing new"
        );
        // Pages are not the register's: typing them keeps the provenance clean.
        update_counts(&mut workspace, &unit, day(15, 7), now, |c| {
            c.pages_printed = 0
        });
        assert!(daily_report(&workspace, &unit, day(15, 7))
            .unwrap()
            .source
            .as_ref()
            .unwrap()
            .edited_by_hand_at
            .is_none());
        update_counts(&mut workspace, &unit, day(15, 7), now, |c| {
            c.docs_received = 5
        });
        assert_eq!(
            daily_report(&workspace, &unit, day(15, 7))
                .unwrap()
                .source
                .as_ref()
                .unwrap()
                .edited_by_hand_at,
            Some(now)
        );
    }
}
