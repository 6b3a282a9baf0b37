//! Merging records from exchange files into a workspace (DESIGN.md §4).
//!
//! Per record key: identical → skipped; the higher `rev` wins; equal `rev`
//! with different content is a conflict whose provisional winner is the
//! greater version in a total order (rev, then `updated_at`, then the
//! record's JSON), so the result never depends on the order files arrive in:
//! merging is idempotent, commutative and associative. Deletions are
//! records too (tombstones), so they travel and win like any edit.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

pub use crate::core::campaign::model::RecordKind;
use crate::core::campaign::model::{
    Campaign, DailyReport, Deadline, Initiative, Officer, OfficerRecord, RecordMeta, Submission,
    Workspace,
};
use crate::core::campaign::template::DIVISION_REPORT_DEADLINE;
use crate::core::entry::history::{field_label, field_value, merge_chains, Tracked};
use crate::core::exchange::envelope::{vietnam_date, ExportFile, Source};
use crate::core::format;

/// A record that merges by key and version.
pub trait Record: Clone + PartialEq + Serialize + Tracked {
    /// What identifies the record across copies.
    fn key(&self) -> &str;
    /// Its version bookkeeping.
    fn meta(&self) -> &RecordMeta;
    /// Its version bookkeeping, to bump when a user chooses it.
    fn meta_mut(&mut self) -> &mut RecordMeta;
}

macro_rules! record_keyed_by_meta {
    ($($type:ty),*) => {$(
        impl Record for $type {
            fn key(&self) -> &str {
                &self.meta.id
            }
            fn meta(&self) -> &RecordMeta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut RecordMeta {
                &mut self.meta
            }
        }
    )*};
}
record_keyed_by_meta!(DailyReport, OfficerRecord, Initiative);

// Officers written before they had a revision carry an empty `meta.id`;
// their own id is the key.
impl Record for Officer {
    fn key(&self) -> &str {
        &self.id
    }
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

/// The total order of versions of one record: the greater one wins.
pub fn version_order<T: Record>(a: &T, b: &T) -> Ordering {
    a.meta()
        .rev
        .cmp(&b.meta().rev)
        .then(a.meta().updated_at.cmp(&b.meta().updated_at))
        .then_with(|| {
            if a == b {
                Ordering::Equal
            } else {
                let json = |r: &T| serde_json::to_string(r).expect("records serialise");
                json(a).cmp(&json(b))
            }
        })
}

/// What importing one record would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not held yet: added.
    New,
    /// A higher revision: replaces the stored one.
    Updated,
    /// Exactly the stored one: skipped.
    Identical,
    /// A lower revision than the stored one: skipped.
    Older,
    /// Same revision, different content; `incoming_wins` tells the
    /// provisional winner.
    Conflict {
        /// Whether the file's version is the provisional winner.
        incoming_wins: bool,
    },
}

/// The outcome of `incoming` against the stored `local` version, if any.
pub fn outcome<T: Record>(local: Option<&T>, incoming: &T) -> Outcome {
    let Some(local) = local else {
        return Outcome::New;
    };
    if local == incoming {
        return Outcome::Identical;
    }
    match incoming.meta().rev.cmp(&local.meta().rev) {
        Ordering::Greater => Outcome::Updated,
        Ordering::Less => Outcome::Older,
        Ordering::Equal => Outcome::Conflict {
            incoming_wins: version_order(incoming, local) == Ordering::Greater,
        },
    }
}

/// Two versions of one record with the same revision.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Which list the record is in.
    pub kind: RecordKind,
    /// Its key.
    pub key: String,
    /// What it is about, as the stored version names it ([`Tracked::subject`]).
    pub subject: String,
    /// Where the two versions differ, as the user reads it.
    pub differences: Vec<Difference>,
    /// Whether the file's version wins unless the user chooses otherwise.
    pub incoming_wins: bool,
}

/// One field in which two versions of a record differ, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The field, as the screens name it.
    pub field: &'static str,
    /// Its value in the stored version.
    pub local: String,
    /// Its value in the file's version.
    pub incoming: String,
}

/// The followed fields in which `local` and `incoming` differ, then the
/// time of their last change if that differs too. Empty when only what no
/// screen shows differs (a register's provenance, say).
fn differences<T: Record>(local: &T, incoming: &T) -> Vec<Difference> {
    let mut differences: Vec<Difference> = local
        .fields()
        .into_iter()
        .zip(incoming.fields())
        .filter(|((_, mine), (_, theirs))| mine != theirs)
        .map(|((field, mine), (_, theirs))| Difference {
            field: field_label(field),
            local: field_value(field, &mine),
            incoming: field_value(field, &theirs),
        })
        .collect();
    let (mine, theirs) = (local.meta().updated_at, incoming.meta().updated_at);
    if mine != theirs {
        differences.push(Difference {
            field: "Sửa lần cuối",
            local: format::date_time(mine),
            incoming: format::date_time(theirs),
        });
    }
    differences
}

/// What importing one file would do (the dry run), or did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeSummary {
    /// Records added.
    pub new: usize,
    /// Records replaced by a higher revision.
    pub updated: usize,
    /// Records already held exactly.
    pub identical: usize,
    /// Records older than the stored version, skipped.
    pub older: usize,
    /// Records with the same revision and different content.
    pub conflicts: Vec<Conflict>,
    /// Divisions not yet in the campaign that the file adds.
    pub new_units: usize,
    /// Changes of the history not held yet.
    pub history: usize,
}

impl MergeSummary {
    /// Whether importing changes nothing.
    pub fn changes_nothing(&self) -> bool {
        self.new == 0
            && self.updated == 0
            && self.new_units == 0
            && self.history == 0
            && self.conflicts.iter().all(|c| !c.incoming_wins)
    }
}

/// The user's choice for a conflict, by (kind, key).
pub type Choices = HashMap<(RecordKind, String), Choice>;

/// Which version of a conflicting record to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The stored one.
    Local,
    /// The file's.
    Incoming,
}

impl Choice {
    /// Its name in the import preview's markup (a radio button's value).
    pub fn key(self) -> &'static str {
        match self {
            Choice::Local => "local",
            Choice::Incoming => "incoming",
        }
    }

    /// The choice [`Choice::key`] names.
    pub fn from_key(key: &str) -> Option<Self> {
        [Choice::Local, Choice::Incoming]
            .into_iter()
            .find(|choice| choice.key() == key)
    }
}

/// One list of a workspace with its records indexed by key, built once per
/// batch of files: merging 2,000 files must not re-index 48,000 reports
/// for each of them. The index holds positions only, found by the key's
/// hash and checked against the record's own key: keying a map by a copy
/// of each key was an allocation per record (callgrind, the province's
/// merge).
struct KeyedList<'a, T: Record> {
    kind: RecordKind,
    records: &'a mut Vec<T>,
    index: HashTable<usize>,
}

fn key_hash(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

impl<'a, T: Record> KeyedList<'a, T> {
    fn new(kind: RecordKind, records: &'a mut Vec<T>) -> Self {
        let mut index = HashTable::with_capacity(records.len());
        for (position, record) in records.iter().enumerate() {
            index.insert_unique(key_hash(record.key()), position, |&at: &usize| {
                key_hash(records[at].key())
            });
        }
        KeyedList {
            kind,
            records,
            index,
        }
    }

    /// The position of the stored record keyed `key`.
    fn position(&self, key: &str) -> Option<usize> {
        self.index
            .find(key_hash(key), |&at| self.records[at].key() == key)
            .copied()
    }

    /// Adds `record`, whose key is not held yet.
    fn push(&mut self, record: T) {
        let records = &*self.records;
        self.index
            .insert_unique(key_hash(record.key()), records.len(), |&at| {
                key_hash(records[at].key())
            });
        self.records.push(record);
    }

    /// Merges `incoming`, counting into `summary`. With `apply == false`
    /// nothing changes (the dry run). A conflict the user decided against
    /// its provisional winner keeps the chosen version with its revision
    /// raised, so the choice also wins later merges.
    fn merge(
        &mut self,
        incoming: &[T],
        choices: &Choices,
        now: DateTime<Utc>,
        apply: bool,
        summary: &mut MergeSummary,
    ) {
        for record in incoming {
            let position = self.position(record.key());
            match outcome(position.map(|i| &self.records[i]), record) {
                Outcome::New => {
                    summary.new += 1;
                    if apply {
                        self.push(record.clone());
                    }
                }
                Outcome::Updated => {
                    summary.updated += 1;
                    if apply {
                        self.records[position.expect("an update has a stored version")] =
                            record.clone();
                    }
                }
                Outcome::Identical => summary.identical += 1,
                Outcome::Older => summary.older += 1,
                Outcome::Conflict { incoming_wins } => {
                    let at = position.expect("a conflict has a stored version");
                    self.conflict(at, record, incoming_wins, choices, now, apply, summary);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn conflict(
        &mut self,
        at: usize,
        record: &T,
        incoming_wins: bool,
        choices: &Choices,
        now: DateTime<Utc>,
        apply: bool,
        summary: &mut MergeSummary,
    ) {
        summary.conflicts.push(Conflict {
            kind: self.kind,
            key: record.key().to_owned(),
            subject: self.records[at].subject(),
            differences: differences(&self.records[at], record),
            incoming_wins,
        });
        if !apply {
            return;
        }
        let provisional = if incoming_wins {
            Choice::Incoming
        } else {
            Choice::Local
        };
        let chosen = choices
            .get(&(self.kind, record.key().to_owned()))
            .copied()
            .unwrap_or(provisional);
        if chosen == Choice::Incoming {
            self.records[at] = record.clone();
        }
        if chosen != provisional {
            let meta = self.records[at].meta_mut();
            meta.rev += 1;
            meta.updated_at = now;
        }
    }
}

/// Merges `files` (name and content) into `workspace` in order — or, with
/// `apply == false`, only says what each would do against what is stored.
/// Divisions the campaign does not have yet are added; a division's own
/// file is recorded as its submission. One summary per file.
pub fn merge_files(
    workspace: &mut Workspace,
    files: &[(&str, &ExportFile)],
    choices: &Choices,
    now: DateTime<Utc>,
    apply: bool,
) -> Vec<MergeSummary> {
    let mut unit_ids: FxHashSet<String> = workspace
        .campaign
        .units
        .iter()
        .map(|u| u.id.clone())
        .collect();
    let mut officers = KeyedList::new(RecordKind::Officer, &mut workspace.campaign.officers);
    let mut reports = KeyedList::new(RecordKind::DailyReport, &mut workspace.daily_reports);
    let mut records = KeyedList::new(RecordKind::OfficerRecord, &mut workspace.officer_records);
    let mut initiatives = KeyedList::new(RecordKind::Initiative, &mut workspace.initiatives);
    let mut history = std::mem::take(&mut workspace.history);
    let mut new_units = Vec::new();
    let mut submissions = Vec::new();
    let summaries = files
        .iter()
        .map(|(name, file)| {
            let mut summary = MergeSummary::default();
            for unit in &file.payload.units {
                if !unit_ids.contains(&unit.id) {
                    summary.new_units += 1;
                    if apply {
                        unit_ids.insert(unit.id.clone());
                        new_units.push(unit.clone());
                    }
                }
            }
            let p = &file.payload;
            officers.merge(&p.officers, choices, now, apply, &mut summary);
            reports.merge(&p.daily_reports, choices, now, apply, &mut summary);
            records.merge(&p.officer_records, choices, now, apply, &mut summary);
            initiatives.merge(&p.initiatives, choices, now, apply, &mut summary);
            summary.history = merge_chains(&mut history, &p.history, apply);
            if let (true, Source::Unit { unit_id, .. }) = (apply, &file.source) {
                let changed = !summary.changes_nothing();
                submissions.push((unit_id.clone(), file.exported_at, name.to_string(), changed));
            }
            summary
        })
        .collect();
    workspace.history = history;
    workspace.campaign.units.extend(new_units);
    record_submissions(&mut workspace.submissions, submissions);
    summaries
}

/// [`merge_files`] for one file.
pub fn merge_file(
    workspace: &mut Workspace,
    file: &ExportFile,
    file_name: &str,
    choices: &Choices,
    now: DateTime<Utc>,
    apply: bool,
) -> MergeSummary {
    merge_files(workspace, &[(file_name, file)], choices, now, apply)
        .pop()
        .expect("one summary per file")
}

/// A division's file received: its division, when it was exported, its
/// name, and whether it changed any record.
type Received = (String, DateTime<Utc>, String, bool);

/// Records each file received in its division's submission. The
/// submissions are found by a map built once: a province's 2,000 files,
/// each looked for in the list, were a quarter of its merge (callgrind).
fn record_submissions(submissions: &mut Vec<Submission>, received: Vec<Received>) {
    let mut at_of: FxHashMap<String, usize> = submissions
        .iter()
        .enumerate()
        .map(|(at, s)| (s.unit_id.clone(), at))
        .collect();
    for (unit_id, at, file_name, changed_records) in received {
        let completed_at = changed_records.then_some(at);
        match at_of.get(&unit_id) {
            Some(&position) => {
                let submission = &mut submissions[position];
                submission.first_exported_at = submission.first_exported_at.min(at);
                if at >= submission.last_exported_at {
                    submission.last_exported_at = at;
                    submission.file_name = file_name;
                }
                submission.completed_at = submission.completed_at.max(completed_at);
            }
            None => {
                at_of.insert(unit_id.clone(), submissions.len());
                submissions.push(Submission {
                    unit_id,
                    first_exported_at: at,
                    last_exported_at: at,
                    file_name,
                    completed_at,
                });
            }
        }
    }
}

/// Where a division stands against the reporting deadline, with the time
/// its data was complete ([`Submission::counted_at`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmissionStatus {
    /// Complete before the deadline day.
    OnTime(DateTime<Utc>),
    /// Complete on or after the deadline day.
    Late(DateTime<Utc>),
    /// Nothing received yet.
    Missing,
}

impl SubmissionStatus {
    /// The Vietnamese wording.
    pub fn label(&self) -> &'static str {
        match self {
            SubmissionStatus::OnTime(_) => "Đúng hạn",
            SubmissionStatus::Late(_) => "Trễ hạn",
            SubmissionStatus::Missing => "Chưa nộp",
        }
    }
}

/// How many divisions are on time, late and missing, in that order.
pub fn tally(statuses: &[(String, SubmissionStatus)]) -> (usize, usize, usize) {
    statuses.iter().fold(
        (0, 0, 0),
        |(on_time, late, missing), (_, status)| match status {
            SubmissionStatus::OnTime(_) => (on_time + 1, late, missing),
            SubmissionStatus::Late(_) => (on_time, late + 1, missing),
            SubmissionStatus::Missing => (on_time, late, missing + 1),
        },
    )
}

/// The deadline of the divisions' reports (whom they send their file to,
/// and before which day), or the earliest deadline of a campaign without it.
pub fn division_report_deadline(campaign: &Campaign) -> Option<&Deadline> {
    campaign
        .deadlines
        .iter()
        .find(|d| d.id == DIVISION_REPORT_DEADLINE)
        .or_else(|| campaign.deadlines.iter().min_by_key(|d| d.due_before))
}

/// Where a division sends its file and by when, as the campaign's deadline
/// says (the plan, V.1: to the Văn phòng, before 18/08).
pub fn division_report_instruction(campaign: &Campaign) -> String {
    match division_report_deadline(campaign) {
        Some(deadline) => format!(
            "Gửi tệp này cho {} qua hệ thống quản lý văn bản điện tử trước ngày {}.",
            deadline.to,
            format::date(deadline.due_before)
        ),
        None => "Gửi tệp này qua hệ thống quản lý văn bản điện tử.".into(),
    }
}

/// The day before which divisions report; see [`division_report_deadline`].
pub fn division_deadline(campaign: &Campaign) -> Option<NaiveDate> {
    division_report_deadline(campaign).map(|d| d.due_before)
}

/// Per division, how many of its reported days were read from a register
/// and how many were reported at all.
///
/// A division's reports mostly come one after another, so each run of them
/// is counted first and looked up once: looking up each of a province's
/// 48,000 reports, in a map grown as it went, was 18 ms of the task that
/// shows Hợp nhất after a merge (profiled in Chromium; docs/hosting.md).
pub fn register_days<'a>(workspace: &'a Workspace) -> FxHashMap<&'a str, (u32, u32)> {
    let mut days: FxHashMap<&str, (u32, u32)> =
        FxHashMap::with_capacity_and_hasher(workspace.campaign.units.len(), Default::default());
    let mut add = |unit: &'a str, (read, reported): (u32, u32)| {
        let entry = days.entry(unit).or_default();
        entry.0 += read;
        entry.1 += reported;
    };
    let mut run: Option<(&str, (u32, u32))> = None;
    for report in workspace.daily_reports.iter().filter(|r| !r.meta.deleted) {
        let read = u32::from(report.source.is_some());
        match &mut run {
            Some((unit, counts)) if *unit == report.unit_id => {
                counts.0 += read;
                counts.1 += 1;
            }
            _ => {
                if let Some((unit, counts)) = run.replace((report.unit_id.as_str(), (read, 1))) {
                    add(unit, counts);
                }
            }
        }
    }
    if let Some((unit, counts)) = run {
        add(unit, counts);
    }
    days
}

/// Each division's submission by its id (the first, should a list hold
/// two), found once: a province has 2,000 divisions and as many
/// submissions.
pub fn submissions_by_unit(workspace: &Workspace) -> FxHashMap<&str, &Submission> {
    let mut submissions: FxHashMap<&str, &Submission> = FxHashMap::default();
    for submission in &workspace.submissions {
        submissions
            .entry(submission.unit_id.as_str())
            .or_insert(submission);
    }
    submissions
}

/// Every division's status against a deadline due strictly before
/// `due_before` (dates in Vietnam's time zone), in campaign order.
pub fn submission_statuses(
    workspace: &Workspace,
    due_before: NaiveDate,
) -> Vec<(String, SubmissionStatus)> {
    let submissions = submissions_by_unit(workspace);
    workspace
        .campaign
        .units
        .iter()
        .map(|unit| {
            let status = match submissions.get(unit.id.as_str()) {
                None => SubmissionStatus::Missing,
                Some(s) if vietnam_date(s.counted_at()) < due_before => {
                    SubmissionStatus::OnTime(s.counted_at())
                }
                Some(s) => SubmissionStatus::Late(s.counted_at()),
            };
            (unit.id.clone(), status)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::model::DailyCounts;
    use crate::core::exchange::envelope::export_unit;
    use crate::core::sample::{generate, SampleScale, SplitMix64};
    use chrono::{Datelike, TimeZone};

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 8, 1, hour, 0, 0).unwrap()
    }

    /// A random set of reports over few keys, revisions and times, so that
    /// equal revisions with different content (conflicts) are common.
    fn random_set(random: &mut SplitMix64) -> Vec<DailyReport> {
        let mut set: Vec<DailyReport> = Vec::new();
        for key in 0..6 {
            if random.chance(60) {
                let deleted = random.chance(15);
                set.push(DailyReport {
                    meta: RecordMeta {
                        id: format!("u/{key}"),
                        rev: random.up_to(3),
                        updated_at: at(8 + random.up_to(2)),
                        deleted,
                    },
                    unit_id: "u".into(),
                    source: None,
                    date: NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
                    counts: DailyCounts {
                        docs_received: random.up_to(2),
                        ..DailyCounts::default()
                    },
                });
            }
        }
        set
    }

    fn merged(a: &[DailyReport], b: &[DailyReport]) -> Vec<DailyReport> {
        let mut local = a.to_vec();
        let mut summary = MergeSummary::default();
        KeyedList::new(RecordKind::DailyReport, &mut local).merge(
            b,
            &Choices::new(),
            at(12),
            true,
            &mut summary,
        );
        local.sort_by(|x, y| x.meta.id.cmp(&y.meta.id));
        local
    }

    /// [`register_days`] counted one report at a time.
    fn register_days_one_by_one(workspace: &Workspace) -> FxHashMap<&str, (u32, u32)> {
        let mut days: FxHashMap<&str, (u32, u32)> = FxHashMap::default();
        for report in workspace.daily_reports.iter().filter(|r| !r.meta.deleted) {
            let entry = days.entry(report.unit_id.as_str()).or_default();
            entry.0 += u32::from(report.source.is_some());
            entry.1 += 1;
        }
        days
    }

    #[test]
    fn register_days_count_every_report_in_whatever_order() {
        let mut random = SplitMix64::new(11);
        let mut workspace = generate(SampleScale::Department, 2025);
        let source = crate::core::campaign::registers::CountSource {
            files: vec!["so-den.csv".into()],
            kinds: Vec::new(),
            imported_at: at(9),
            edited_by_hand_at: None,
        };
        for report in &mut workspace.daily_reports {
            report.meta.deleted = random.chance(10);
            report.source = random.chance(50).then(|| source.clone());
        }
        let in_runs = register_days(&workspace);
        assert_eq!(in_runs, register_days_one_by_one(&workspace), "in runs");
        assert!(in_runs
            .values()
            .any(|&(read, reported)| 0 < read && read < reported));
        // Interleaved: the same division's reports far apart, and single ones.
        for turn in 0..20 {
            let reports = &mut workspace.daily_reports;
            for index in (1..reports.len()).rev() {
                reports.swap(index, random.up_to(index as u32) as usize);
            }
            if turn % 2 == 1 {
                reports.truncate(reports.len() * 3 / 4);
            }
            assert_eq!(
                register_days(&workspace),
                register_days_one_by_one(&workspace),
                "shuffled, turn {turn}"
            );
        }
        workspace.daily_reports.clear();
        assert!(register_days(&workspace).is_empty());
    }

    #[test]
    fn merging_is_idempotent_commutative_and_associative() {
        let mut random = SplitMix64::new(7);
        for case in 0..3000 {
            let (a, b, c) = (
                random_set(&mut random),
                random_set(&mut random),
                random_set(&mut random),
            );
            let sorted = |mut v: Vec<DailyReport>| {
                v.sort_by(|x, y| x.meta.id.cmp(&y.meta.id));
                v
            };
            assert_eq!(merged(&a, &a), sorted(a.clone()), "idempotent, case {case}");
            assert_eq!(merged(&a, &b), merged(&b, &a), "commutative, case {case}");
            assert_eq!(
                merged(&merged(&a, &b), &c),
                merged(&a, &merged(&b, &c)),
                "associative, case {case}"
            );
        }
    }

    fn report(rev: u32, received: u32, hour: u32) -> DailyReport {
        DailyReport {
            meta: RecordMeta {
                id: "u/2025-07-15".into(),
                rev,
                updated_at: at(hour),
                deleted: false,
            },
            unit_id: "u".into(),
            source: None,
            date: NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
            counts: DailyCounts {
                docs_received: received,
                ..DailyCounts::default()
            },
        }
    }

    #[test]
    fn outcomes_follow_the_revision() {
        let stored = report(2, 5, 9);
        assert_eq!(outcome(None, &stored), Outcome::New);
        assert_eq!(outcome(Some(&stored), &stored.clone()), Outcome::Identical);
        assert_eq!(
            outcome(Some(&stored), &report(3, 6, 8)),
            Outcome::Updated,
            "rev beats time"
        );
        assert_eq!(outcome(Some(&stored), &report(1, 6, 10)), Outcome::Older);
        assert_eq!(
            outcome(Some(&stored), &report(2, 6, 10)),
            Outcome::Conflict {
                incoming_wins: true
            },
            "same rev: the later edit wins provisionally"
        );
        assert_eq!(
            outcome(Some(&stored), &report(2, 6, 8)),
            Outcome::Conflict {
                incoming_wins: false
            }
        );
    }

    #[test]
    fn a_tombstone_with_a_higher_revision_deletes() {
        let stored = report(1, 5, 9);
        let mut deleted = report(2, 5, 10);
        deleted.meta.deleted = true;
        assert_eq!(merged(&[stored], &[deleted.clone()]), vec![deleted]);
    }

    #[test]
    fn choosing_the_losing_version_keeps_it_and_raises_its_revision() {
        let mut local = vec![report(2, 5, 9)];
        let incoming = [report(2, 6, 10)];
        let choices = Choices::from([(
            (RecordKind::DailyReport, "u/2025-07-15".to_string()),
            Choice::Local,
        )]);
        let mut summary = MergeSummary::default();
        KeyedList::new(RecordKind::DailyReport, &mut local).merge(
            &incoming,
            &choices,
            at(12),
            true,
            &mut summary,
        );
        assert_eq!(summary.conflicts.len(), 1);
        assert_eq!(local[0].counts.docs_received, 5, "the stored version kept");
        assert_eq!((local[0].meta.rev, local[0].meta.updated_at), (3, at(12)));
        // Importing the same file again now finds an older version: no conflict.
        assert_eq!(outcome(Some(&local[0]), &incoming[0]), Outcome::Older);
    }

    #[test]
    fn importing_a_division_file_twice_changes_nothing_the_second_time() {
        let source = generate(SampleScale::Department, 9);
        let unit_id = source.campaign.units[0].id.clone();
        let file = export_unit(&source, &unit_id, at(10)).unwrap();
        let mut target = Workspace::new(source.campaign.clone());
        target.daily_reports.clear();
        target.campaign.officers.clear();
        let dry = merge_file(&mut target, &file, "a.json", &Choices::new(), at(11), false);
        assert_eq!(dry.new, 24 + 10 + 10 + file.payload.initiatives.len());
        assert!(target.daily_reports.is_empty(), "a dry run changes nothing");
        merge_file(&mut target, &file, "a.json", &Choices::new(), at(11), true);
        let again = merge_file(&mut target, &file, "a.json", &Choices::new(), at(12), true);
        assert!(again.changes_nothing(), "{again:?}");
        assert_eq!(again.identical, dry.new);
        assert_eq!(target.submissions.len(), 1);
    }

    // The plan (V.1): division heads report to the Văn phòng before 18/08.
    #[test]
    fn divisions_are_told_to_send_their_file_to_the_office() {
        let campaign = crate::core::campaign::template::seed_campaign("t");
        assert_eq!(
            division_report_instruction(&campaign),
            "Gửi tệp này cho Văn phòng Sở qua hệ thống quản lý văn bản điện tử trước ngày \
             18/08/2025."
        );
    }

    #[test]
    fn submissions_are_on_time_late_or_missing() {
        let mut ws = Workspace::new(crate::core::campaign::template::seed_campaign("t"));
        let due = NaiveDate::from_ymd_opt(2025, 8, 18).unwrap();
        assert!(submission_statuses(&ws, due)
            .iter()
            .all(|(_, s)| *s == SubmissionStatus::Missing));
        // 17/08 23:30 in Vietnam is 16:30 UTC: on time.
        record_submissions(
            &mut ws.submissions,
            vec![(
                "van-phong".into(),
                Utc.with_ymd_and_hms(2025, 8, 17, 16, 30, 0).unwrap(),
                "a".into(),
                true,
            )],
        );
        // 18/08 00:30 in Vietnam is 17:30 UTC on the 17th: late.
        record_submissions(
            &mut ws.submissions,
            vec![(
                "phong-phap-che".into(),
                Utc.with_ymd_and_hms(2025, 8, 17, 17, 30, 0).unwrap(),
                "b".into(),
                true,
            )],
        );
        let statuses = submission_statuses(&ws, due);
        assert_eq!(tally(&statuses), (1, 1, 0));
        let status = |id: &str| statuses.iter().find(|(u, _)| u == id).unwrap().1.label();
        assert_eq!(status("van-phong"), "Đúng hạn");
        assert_eq!(status("phong-phap-che"), "Trễ hạn");
        assert_eq!(statuses.len(), ws.campaign.units.len());
        // A later file that repeats what was held does not make an on-time
        // division late.
        record_submissions(
            &mut ws.submissions,
            vec![(
                "van-phong".into(),
                Utc.with_ymd_and_hms(2025, 8, 19, 2, 0, 0).unwrap(),
                "c".into(),
                false,
            )],
        );
        assert_eq!(submission_statuses(&ws, due)[0].1.label(), "Đúng hạn");
        assert_eq!(ws.submissions[0].file_name, "c");
        // Stored before `completed_at` existed: judged by the latest file.
        ws.submissions[0].completed_at = None;
        assert_eq!(submission_statuses(&ws, due)[0].1.label(), "Trễ hạn");
    }

    // An early partial file must not make a division that completed its
    // data after the deadline look on time, in whichever order the files
    // are imported.
    #[test]
    fn a_division_is_on_time_only_if_the_file_completing_its_data_was() {
        let source = generate(SampleScale::Department, 9);
        let unit_id = source.campaign.units[0].id.clone();
        let due = NaiveDate::from_ymd_opt(2025, 8, 18).unwrap();
        let early_at = Utc.with_ymd_and_hms(2025, 8, 1, 3, 0, 0).unwrap();
        let late_at = Utc.with_ymd_and_hms(2025, 8, 19, 3, 0, 0).unwrap();
        let mut partial = source.clone();
        partial
            .daily_reports
            .retain(|r| r.date.day() < 25 && r.date.month() == 7);
        let early = export_unit(&partial, &unit_id, early_at).unwrap();
        let mut complete = source.clone();
        crate::core::entry::edit::update_counts(
            &mut complete,
            &unit_id,
            NaiveDate::from_ymd_opt(2025, 8, 15).unwrap(),
            late_at,
            |c| c.docs_received += 1,
        );
        let late = export_unit(&complete, &unit_id, late_at).unwrap();
        for order in [[&early, &late], [&late, &early]] {
            let mut target = Workspace::new(source.campaign.clone());
            for file in order {
                merge_file(&mut target, file, "f.json", &Choices::new(), late_at, true);
            }
            let status = submission_statuses(&target, due)
                .into_iter()
                .find(|(id, _)| *id == unit_id)
                .unwrap()
                .1;
            assert_eq!(status, SubmissionStatus::Late(late_at));
            let submission = &target.submissions[0];
            assert_eq!(
                (submission.first_exported_at, submission.last_exported_at),
                (early_at, late_at)
            );
        }
        // The complete file alone, re-sent late with nothing new: on time.
        let on_time = export_unit(&complete, &unit_id, early_at).unwrap();
        let again = export_unit(&complete, &unit_id, late_at).unwrap();
        let mut target = Workspace::new(source.campaign.clone());
        merge_file(
            &mut target,
            &on_time,
            "a.json",
            &Choices::new(),
            late_at,
            true,
        );
        merge_file(
            &mut target,
            &again,
            "b.json",
            &Choices::new(),
            late_at,
            true,
        );
        assert_eq!(
            submission_statuses(&target, due)[0].1,
            SubmissionStatus::OnTime(early_at)
        );
    }
}
