//! Edits a division makes to its records: single cells, pasted blocks,
//! officers' records and initiatives. Every edit raises the record's `rev`
//! and stamps `updated_at`, which is what merging later relies on, and is
//! written into the change history (`history`) with who made it.

use chrono::{DateTime, NaiveDate, Utc};

use crate::core::campaign::model::{
    DailyCounts, DailyReport, Initiative, InitiativeOwner, Officer, OfficerRecord, RecordMeta,
    Text, Workspace,
};
use crate::core::entry::history::{self, Stamp};
use crate::core::entry::validation::{parse_count, CellError, CountField};

/// The live report of `unit_id` for `date`, if any.
pub fn daily_report<'a>(
    workspace: &'a Workspace,
    unit_id: &str,
    date: NaiveDate,
) -> Option<&'a DailyReport> {
    workspace
        .daily_reports
        .iter()
        .find(|r| !r.meta.deleted && r.unit_id == unit_id && r.date == date)
}

/// The identifier of the report of `unit_id` for `date`: one per pair, so
/// two browsers entering the same day produce the same key.
pub fn daily_report_id(unit_id: &str, date: NaiveDate) -> String {
    format!("{unit_id}/{date}")
}

fn touch(meta: &mut RecordMeta, now: DateTime<Utc>) {
    meta.rev += 1;
    meta.updated_at = now;
    meta.deleted = false;
}

fn new_meta(id: String, now: DateTime<Utc>) -> RecordMeta {
    RecordMeta {
        id,
        rev: 1,
        updated_at: now,
        deleted: false,
    }
}

/// Applies `change` to the counts of `unit_id` on `date`, creating the
/// report if needed. Returns whether anything changed (an unchanged value
/// leaves `rev` alone, so retyping a number does not count as an edit).
pub fn update_counts(
    workspace: &mut Workspace,
    unit_id: &str,
    date: NaiveDate,
    stamp: impl Into<Stamp>,
    change: impl FnOnce(&mut DailyCounts),
) -> bool {
    let stamp = stamp.into();
    let now = stamp.at;
    let id = daily_report_id(unit_id, date);
    let existing = workspace
        .daily_reports
        .iter()
        .position(|r| r.meta.id == id || (r.unit_id == unit_id && r.date == date));
    let blank = DailyReport {
        meta: new_meta(id.clone(), now),
        unit_id: unit_id.to_owned(),
        date,
        counts: DailyCounts::default(),
        source: None,
    };
    let before = existing.map(|at| workspace.daily_reports[at].clone());
    let changed = match existing {
        Some(at) => {
            let report = &mut workspace.daily_reports[at];
            let mut counts = if report.meta.deleted {
                DailyCounts::default()
            } else {
                report.counts
            };
            change(&mut counts);
            if counts == report.counts && !report.meta.deleted {
                return false;
            }
            // A day read from a register keeps saying so, and that a count
            // the register decided was then changed by hand.
            if let Some(source) = &mut report.source {
                if source.covers_change(&report.counts, &counts) {
                    source.edited_by_hand_at = Some(now);
                }
            }
            report.counts = counts;
            touch(&mut report.meta, now);
            at
        }
        None => {
            let mut counts = DailyCounts::default();
            change(&mut counts);
            if counts == DailyCounts::default() {
                return false;
            }
            workspace.daily_reports.push(DailyReport {
                counts,
                ..blank.clone()
            });
            workspace.daily_reports.len() - 1
        }
    };
    let after = workspace.daily_reports[changed].clone();
    history::record(workspace, unit_id, before.as_ref(), &after, &blank, &stamp);
    true
}

/// A block of cells copied from Excel or LibreOffice: rows by line, cells by
/// tab. The trailing line break spreadsheets add is not a row.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    text.split('\n')
        .map(|line| {
            line.strip_suffix('\r')
                .unwrap_or(line)
                .split('\t')
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// Where a key moves the focus in a grid of `rows` × `columns` from `cell`
/// (row, column): arrows move one cell, Enter moves down as in a
/// spreadsheet; `None` at the edge or for any other key.
pub fn grid_step(
    key: &str,
    (row, column): (usize, usize),
    (rows, columns): (usize, usize),
) -> Option<(usize, usize)> {
    match key {
        "ArrowUp" => row.checked_sub(1).map(|r| (r, column)),
        "ArrowDown" | "Enter" => (row + 1 < rows).then_some((row + 1, column)),
        "ArrowLeft" => column.checked_sub(1).map(|c| (row, c)),
        "ArrowRight" => (column + 1 < columns).then_some((row, column + 1)),
        _ => None,
    }
}

/// A pasted cell that is not a count, by its place in the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteError {
    /// Row of the grid (0 = first working day).
    pub row: usize,
    /// Column of the grid (index into [`CountField::ALL`]).
    pub column: usize,
    /// What is wrong with it.
    pub error: CellError,
}

/// What a paste did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PasteOutcome {
    /// Cells written.
    pub cells: usize,
    /// Cells of the block that fell outside the grid and were left out.
    pub clipped: usize,
}

/// Pastes `text` into the grid of `unit_id` whose rows are `days`, with its
/// top-left cell at (`row`, `column`). All or nothing: if any cell is not a
/// count, nothing changes and every bad cell is reported.
pub fn paste_block(
    workspace: &mut Workspace,
    unit_id: &str,
    days: &[NaiveDate],
    (row, column): (usize, usize),
    text: &str,
    stamp: impl Into<Stamp>,
) -> Result<PasteOutcome, Vec<PasteError>> {
    let stamp = stamp.into();
    let mut values = Vec::new();
    let mut errors = Vec::new();
    let mut outcome = PasteOutcome::default();
    for (dr, line) in parse_tsv(text).into_iter().enumerate() {
        for (dc, cell) in line.into_iter().enumerate() {
            let (r, c) = (row + dr, column + dc);
            if r >= days.len() || c >= CountField::ALL.len() {
                outcome.clipped += 1;
                continue;
            }
            match parse_count(&cell) {
                Ok(value) => values.push((r, c, value)),
                Err(error) => errors.push(PasteError {
                    row: r,
                    column: c,
                    error,
                }),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // One edit per day, so the history has one change for a pasted row.
    outcome.cells = values.len();
    for row in values.chunk_by(|a, b| a.0 == b.0) {
        update_counts(
            workspace,
            unit_id,
            days[row[0].0],
            stamp.clone(),
            |counts| {
                for &(_, c, value) in row {
                    CountField::ALL[c].set(counts, value);
                }
            },
        );
    }
    Ok(outcome)
}

/// Column totals of a unit's live reports on `days`, in [`CountField::ALL`] order.
pub fn column_totals(workspace: &Workspace, unit_id: &str, days: &[NaiveDate]) -> Vec<u64> {
    let mut totals = vec![0u64; CountField::ALL.len()];
    for report in workspace
        .daily_reports
        .iter()
        .filter(|r| !r.meta.deleted && r.unit_id == unit_id && days.contains(&r.date))
    {
        for (total, field) in totals.iter_mut().zip(CountField::ALL) {
            *total += u64::from(field.get(&report.counts));
        }
    }
    totals
}

/// An officer as created with nothing entered, for the history.
fn blank_officer(id: &str, unit_id: &str, now: DateTime<Utc>) -> Officer {
    Officer {
        meta: new_meta(id.to_owned(), now),
        id: id.into(),
        unit_id: unit_id.to_owned(),
        name: Text::default(),
        position: String::new(),
    }
}

/// Puts a new officer on `unit_id`'s roster.
pub fn add_officer(
    workspace: &mut Workspace,
    id: String,
    unit_id: &str,
    name: &str,
    position: &str,
    stamp: impl Into<Stamp>,
) {
    let stamp = stamp.into();
    let blank = blank_officer(&id, unit_id, stamp.at);
    let officer = Officer {
        name: name.trim().into(),
        position: position.trim().to_owned(),
        ..blank.clone()
    };
    history::record(workspace, unit_id, None, &officer, &blank, &stamp);
    workspace.campaign.officers.push(officer);
}

/// Applies `change` to officer `id`, live again or removed (`remove`), and
/// records it; whether anything changed.
fn change_officer(
    workspace: &mut Workspace,
    id: &str,
    stamp: Stamp,
    remove: bool,
    change: impl FnOnce(&mut Officer),
) -> bool {
    let Some(officer) = workspace.campaign.officers.iter_mut().find(|o| o.id == id) else {
        return false;
    };
    let before = officer.clone();
    change(officer);
    if *officer == before && (!remove || before.meta.deleted) {
        return false;
    }
    officer.meta.id = officer.id.to_string();
    touch(&mut officer.meta, stamp.at);
    officer.meta.deleted = remove;
    let after = officer.clone();
    let blank = blank_officer(id, &before.unit_id, stamp.at);
    history::record(
        workspace,
        &before.unit_id,
        Some(&before),
        &after,
        &blank,
        &stamp,
    );
    true
}

/// Applies `change` to an officer's name or position, raising its `rev`
/// when something changed.
pub fn edit_officer(
    workspace: &mut Workspace,
    id: &str,
    stamp: impl Into<Stamp>,
    change: impl FnOnce(&mut Officer),
) -> bool {
    change_officer(workspace, id, stamp.into(), false, change)
}

/// Takes an officer off the roster, leaving a tombstone so the removal travels.
pub fn remove_officer(workspace: &mut Workspace, id: &str, stamp: impl Into<Stamp>) {
    change_officer(workspace, id, stamp.into(), true, |_| {});
}

/// The live record of an officer, if any.
pub fn officer_record<'a>(workspace: &'a Workspace, officer_id: &str) -> Option<&'a OfficerRecord> {
    workspace
        .officer_records
        .iter()
        .find(|r| !r.meta.deleted && r.officer_id == officer_id)
}

/// The division of officer `officer_id`, as the roster says.
fn officer_unit(workspace: &Workspace, officer_id: &str) -> String {
    workspace
        .campaign
        .officers
        .iter()
        .find(|o| o.id == officer_id)
        .map(|o| o.unit_id.clone())
        .unwrap_or_default()
}

/// Applies `change` to an officer's record, creating it if needed.
pub fn update_officer_record(
    workspace: &mut Workspace,
    officer_id: &str,
    stamp: impl Into<Stamp>,
    change: impl FnOnce(&mut OfficerRecord),
) -> bool {
    let stamp = stamp.into();
    let blank = OfficerRecord {
        meta: new_meta(format!("{officer_id}/kpi"), stamp.at),
        officer_id: officer_id.to_owned(),
        kpi_evaluated: false,
        kpi_score: None,
        docs_handled: 0,
        docs_handled_online: 0,
        docs_signed: 0,
        signing_authority: false,
    };
    let position = workspace
        .officer_records
        .iter()
        .position(|r| r.officer_id == officer_id);
    let index = position.unwrap_or_else(|| {
        workspace.officer_records.push(blank.clone());
        workspace.officer_records.len() - 1
    });
    let record = &mut workspace.officer_records[index];
    let before = position.is_some().then(|| record.clone());
    change(record);
    if before.as_ref() == Some(record) {
        return false;
    }
    if before.is_some() {
        touch(&mut record.meta, stamp.at);
    }
    let after = record.clone();
    let unit_id = officer_unit(workspace, officer_id);
    history::record(workspace, &unit_id, before.as_ref(), &after, &blank, &stamp);
    true
}

/// The division an initiative belongs to: its own, or its officer's.
fn initiative_unit(workspace: &Workspace, initiative: &Initiative) -> String {
    match &initiative.owner {
        InitiativeOwner::Unit(id) => id.clone(),
        InitiativeOwner::Officer(id) => officer_unit(workspace, id),
    }
}

/// An initiative as created with nothing entered, for the history: only
/// its owner and date are given.
fn blank_initiative(initiative: &Initiative) -> Initiative {
    Initiative {
        meta: RecordMeta {
            deleted: false,
            ..initiative.meta.clone()
        },
        title: String::new(),
        description: String::new(),
        council_score: None,
        ..initiative.clone()
    }
}

/// Adds or replaces an initiative (by id), raising its `rev`.
pub fn upsert_initiative(
    workspace: &mut Workspace,
    mut initiative: Initiative,
    stamp: impl Into<Stamp>,
) {
    let stamp = stamp.into();
    let existing = workspace
        .initiatives
        .iter()
        .position(|i| i.meta.id == initiative.meta.id);
    let before = existing.map(|at| workspace.initiatives[at].clone());
    match existing {
        Some(at) => {
            initiative.meta = workspace.initiatives[at].meta.clone();
            touch(&mut initiative.meta, stamp.at);
            workspace.initiatives[at] = initiative.clone();
        }
        None => {
            initiative.meta = new_meta(initiative.meta.id.clone(), stamp.at);
            workspace.initiatives.push(initiative.clone());
        }
    }
    let unit_id = initiative_unit(workspace, &initiative);
    let blank = blank_initiative(&initiative);
    history::record(
        workspace,
        &unit_id,
        before.as_ref(),
        &initiative,
        &blank,
        &stamp,
    );
}

/// Deletes an initiative, leaving a tombstone so the deletion travels.
pub fn delete_initiative(workspace: &mut Workspace, id: &str, stamp: impl Into<Stamp>) {
    let stamp = stamp.into();
    let Some(at) = workspace.initiatives.iter().position(|i| i.meta.id == id) else {
        return;
    };
    let before = workspace.initiatives[at].clone();
    let initiative = &mut workspace.initiatives[at];
    touch(&mut initiative.meta, stamp.at);
    initiative.meta.deleted = true;
    let after = initiative.clone();
    let unit_id = initiative_unit(workspace, &after);
    history::record(
        workspace,
        &unit_id,
        Some(&before),
        &after,
        &blank_initiative(&after),
        &stamp,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::calendar::working_days;
    use crate::core::campaign::template::seed_campaign;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 7, 16, 9, 0, 0).unwrap()
    }

    fn workspace() -> Workspace {
        Workspace::new(seed_campaign("t"))
    }

    #[test]
    fn editing_a_cell_creates_then_revises_the_report() {
        let mut ws = workspace();
        let day = working_days(&ws.campaign)[0];
        assert!(update_counts(&mut ws, "van-phong", day, now(), |c| c
            .docs_received =
            5));
        assert_eq!(ws.daily_reports[0].meta.rev, 1);
        assert!(!update_counts(&mut ws, "van-phong", day, now(), |c| c
            .docs_received =
            5));
        assert_eq!(
            ws.daily_reports[0].meta.rev, 1,
            "retyping the same value is no edit"
        );
        assert!(update_counts(&mut ws, "van-phong", day, now(), |c| c
            .docs_received =
            6));
        assert_eq!(ws.daily_reports[0].meta.rev, 2);
        assert_eq!(ws.daily_reports[0].meta.id, "van-phong/2025-07-15");
    }

    #[test]
    fn keys_move_like_a_spreadsheet_and_stop_at_the_edges() {
        let size = (24, 12);
        assert_eq!(grid_step("Enter", (0, 3), size), Some((1, 3)));
        assert_eq!(grid_step("ArrowDown", (23, 3), size), None);
        assert_eq!(grid_step("ArrowUp", (0, 3), size), None);
        assert_eq!(grid_step("ArrowLeft", (5, 0), size), None);
        assert_eq!(grid_step("ArrowRight", (5, 10), size), Some((5, 11)));
        assert_eq!(grid_step("ArrowRight", (5, 11), size), None);
        assert_eq!(grid_step("a", (5, 5), size), None);
    }

    #[test]
    fn spreadsheet_blocks_split_on_tabs_and_lines() {
        assert_eq!(
            parse_tsv("1\t2\r\n3\t4\r\n"),
            vec![vec!["1", "2"], vec!["3", "4"]]
        );
        assert_eq!(parse_tsv("7"), vec![vec!["7"]]);
    }

    #[test]
    fn a_pasted_week_fills_five_rows() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        let block = "10\t9\t4\t3\n12\t12\t5\t5\n8\t8\t0\t0\n11\t10\t2\t2\n9\t9\t1\t1\n";
        let outcome = paste_block(&mut ws, "van-phong", &days, (0, 0), block, now()).unwrap();
        assert_eq!(
            outcome,
            PasteOutcome {
                cells: 20,
                clipped: 0
            }
        );
        assert_eq!(
            column_totals(&ws, "van-phong", &days)[..4],
            [50, 48, 12, 11]
        );
    }

    // One bad cell in a paste must not leave half a block behind.
    #[test]
    fn a_paste_with_a_bad_cell_changes_nothing() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        let before = ws.clone();
        let errors = paste_block(
            &mut ws,
            "van-phong",
            &days,
            (0, 0),
            "1\t2\n3\t-4\nx\t5",
            now(),
        )
        .unwrap_err();
        assert_eq!(ws, before);
        assert_eq!(
            errors,
            [
                PasteError {
                    row: 1,
                    column: 1,
                    error: CellError::Negative
                },
                PasteError {
                    row: 2,
                    column: 0,
                    error: CellError::NotANumber
                },
            ]
        );
    }

    #[test]
    fn a_paste_past_the_grid_edge_is_clipped() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        let last_row = days.len() - 1;
        let outcome = paste_block(
            &mut ws,
            "van-phong",
            &days,
            (last_row, CountField::ALL.len() - 1),
            "1\t2\n3\t4",
            now(),
        )
        .unwrap();
        assert_eq!(
            outcome,
            PasteOutcome {
                cells: 1,
                clipped: 3
            }
        );
    }

    #[test]
    fn officer_records_are_created_and_revised() {
        let mut ws = workspace();
        assert!(update_officer_record(&mut ws, "o1", now(), |r| r
            .kpi_evaluated =
            true));
        assert!(officer_record(&ws, "o1").unwrap().kpi_evaluated);
        assert!(!update_officer_record(&mut ws, "o1", now(), |r| r
            .kpi_evaluated =
            true));
        assert!(update_officer_record(&mut ws, "o1", now(), |r| r
            .kpi_score =
            Some(90.0)));
        assert_eq!(officer_record(&ws, "o1").unwrap().meta.rev, 2);
    }

    #[test]
    fn deleting_an_initiative_leaves_a_tombstone() {
        let mut ws = workspace();
        let initiative = Initiative {
            meta: new_meta("i1".into(), now()),
            owner: crate::core::campaign::model::InitiativeOwner::Unit("van-phong".into()),
            title: "Ký số tờ trình".into(),
            description: String::new(),
            date: working_days(&ws.campaign)[3],
            council_score: None,
        };
        upsert_initiative(&mut ws, initiative.clone(), now());
        upsert_initiative(
            &mut ws,
            Initiative {
                title: "Ký số toàn trình".into(),
                ..initiative
            },
            now(),
        );
        assert_eq!(ws.initiatives.len(), 1);
        assert_eq!(ws.initiatives[0].meta.rev, 2);
        delete_initiative(&mut ws, "i1", now());
        assert!(ws.initiatives[0].meta.deleted);
        assert_eq!(ws.initiatives[0].meta.rev, 3);
    }

    #[test]
    fn officers_keep_a_revision_and_leave_a_tombstone() {
        let mut ws = workspace();
        add_officer(
            &mut ws,
            "o1".into(),
            "van-phong",
            " Lê Lan ",
            "Chuyên viên",
            now(),
        );
        assert_eq!(ws.campaign.officers[0].name, "Lê Lan");
        assert_eq!(ws.campaign.officers[0].meta.rev, 1);
        assert!(!edit_officer(&mut ws, "o1", now(), |o| o.name = "Lê Lan".into()));
        assert!(edit_officer(&mut ws, "o1", now(), |o| o.name = "Lê Thị Lan".into()));
        assert_eq!(ws.campaign.officers[0].meta.rev, 2);
        remove_officer(&mut ws, "o1", now());
        assert_eq!(ws.campaign.officers.len(), 1, "kept as a tombstone");
        assert!(ws.campaign.officers[0].meta.deleted);
        assert_eq!(ws.campaign.officers[0].meta.rev, 3);
        assert_eq!(ws.campaign.active_officers().count(), 0);
    }
}
