//! The change history: every edit of a count, an officer or an officer's
//! record, or an initiative is written down — when, by whom (the browser's
//! “Người nhập”), and each field's old → new value — in a hash chain that
//! travels in the division's export file (`docs/data-model.md`, “Change
//! history”).
//!
//! A workspace writes one chain per division it edits. Each link's hash
//! covers the one before, and only the last (`head`) is written: reading a
//! chain recomputes every link, so a change edited, removed or inserted by
//! hand breaks it. The file's digest and signature already seal a file as a
//! whole; what the chain adds is continuity between files. The consolidating
//! office keeps the chains it received, and a later file must carry each of
//! them as it was, with changes only added at the end: history already
//! delivered cannot be rewritten unseen.
//!
//! Size stays bounded by what people do, not by how often the app saves:
//! an unchanged value records nothing, a created record lists only the
//! fields it was given, and each change is a few short strings
//! (`benches/history.rs` prints the stored size after 30 days of edits).

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use rustc_hash::FxHashMap;

use crate::core::campaign::model::{
    Chain, Change, CriterionKind, DailyReport, History, Initiative, Officer, OfficerRecord,
    RecordKind, Workspace,
};
use crate::core::digest::sha256_hex;
use crate::core::entry::validation::CountField;
use crate::core::format::vietnam_time;

/// When an edit is made and by whom: what the history records beside the
/// change itself. A bare time (the tests, the CLI) is an edit by no one named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// When.
    pub at: DateTime<Utc>,
    /// The officer id of the browser's “Người nhập”, if one was chosen.
    pub by: Option<String>,
}

impl From<DateTime<Utc>> for Stamp {
    fn from(at: DateTime<Utc>) -> Self {
        Stamp { at, by: None }
    }
}

/// A record whose fields the history follows, as text.
pub trait Tracked {
    /// Which list the record is in.
    const KIND: RecordKind;
    /// Its key in that list.
    fn history_key(&self) -> &str;
    /// Every followed field with its value, in a fixed order.
    fn fields(&self) -> Vec<(&'static str, String)>;
    /// What the record is about, as a person names it after its kind's
    /// label ([`RecordKind::label`]): the day, or a name in quotes.
    fn subject(&self) -> String;
}

fn flag(value: bool) -> String {
    if value { "true" } else { "false" }.to_owned()
}

fn score(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

impl Tracked for DailyReport {
    const KIND: RecordKind = RecordKind::DailyReport;
    fn history_key(&self) -> &str {
        &self.meta.id
    }
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields: Vec<(&'static str, String)> = CountField::ALL
            .iter()
            .map(|field| (field.key(), field.get(&self.counts).to_string()))
            .collect();
        fields.push(("deleted", flag(self.meta.deleted)));
        fields
    }
    fn subject(&self) -> String {
        crate::core::format::date(self.date)
    }
}

impl Tracked for OfficerRecord {
    const KIND: RecordKind = RecordKind::OfficerRecord;
    fn history_key(&self) -> &str {
        &self.meta.id
    }
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kpi_evaluated", flag(self.kpi_evaluated)),
            ("kpi_score", score(self.kpi_score)),
            ("docs_handled", self.docs_handled.to_string()),
            ("docs_handled_online", self.docs_handled_online.to_string()),
            ("docs_signed", self.docs_signed.to_string()),
            ("signing_authority", flag(self.signing_authority)),
            ("deleted", flag(self.meta.deleted)),
        ]
    }
    fn subject(&self) -> String {
        format!("“{}”", self.officer_id)
    }
}

impl Tracked for Officer {
    const KIND: RecordKind = RecordKind::Officer;
    fn history_key(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.to_string()),
            ("position", self.position.clone()),
            ("unit_id", self.unit_id.clone()),
            ("deleted", flag(self.meta.deleted)),
        ]
    }
    fn subject(&self) -> String {
        format!("“{}”", self.name)
    }
}

impl Tracked for Initiative {
    const KIND: RecordKind = RecordKind::Initiative;
    fn history_key(&self) -> &str {
        &self.meta.id
    }
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("owner", self.owner.key()),
            ("title", self.title.clone()),
            ("description", self.description.clone()),
            ("date", self.date.to_string()),
            ("council_score", score(self.council_score)),
            ("deleted", flag(self.meta.deleted)),
        ]
    }
    fn subject(&self) -> String {
        format!("“{}”", self.title)
    }
}

/// A followed field's name as the screens write it (the keys of
/// [`Tracked::fields`]).
pub fn field_label(field: &str) -> &'static str {
    if let Some(count) = CountField::ALL.iter().find(|count| count.key() == field) {
        return count.label();
    }
    match field {
        "kpi_evaluated" => "Đã đánh giá KPI",
        "kpi_score" => "Điểm KPI",
        "docs_handled" => "Văn bản xử lý",
        "docs_handled_online" => "Văn bản xử lý trên mạng",
        "docs_signed" => "Văn bản ký số",
        "signing_authority" => "Có ký văn bản",
        "name" => "Họ và tên",
        "position" => "Chức vụ",
        "unit_id" => "Phòng (mã)",
        "owner" => "Của (mã)",
        "title" => "Tên sáng kiến",
        "description" => "Mô tả",
        "date" => "Ngày",
        "council_score" => "Điểm Hội đồng",
        "deleted" => "Đã xóa",
        _ => "Mục khác",
    }
}

/// A followed field's value as a person reads it: yes or no in words, a
/// date as dd/mm/yyyy, a blank as “(trống)”.
pub fn field_value(field: &str, value: &str) -> String {
    match (field, value) {
        (_, "") => "(trống)".to_owned(),
        ("kpi_evaluated" | "signing_authority" | "deleted", "true") => "có".to_owned(),
        ("kpi_evaluated" | "signing_authority" | "deleted", "false") => "không".to_owned(),
        ("date", _) => value
            .parse::<NaiveDate>()
            .map_or_else(|_| value.to_owned(), crate::core::format::date),
        _ => value.to_owned(),
    }
}

/// What an edit changed, field by field: `[field, old, new]`, where `""`
/// stands for the field's blank value (0, false, empty) — so a first entry
/// has `""` as its old value, and a created record lists only the fields
/// it was given.
fn field_changes<T: Tracked>(
    before: Option<&T>,
    after: &T,
    blank: &T,
) -> Vec<(String, String, String)> {
    let blank = blank.fields();
    let old = before.map_or_else(|| blank.clone(), Tracked::fields);
    let shown = |value: String, blank: &str| if value == blank { String::new() } else { value };
    after
        .fields()
        .into_iter()
        .zip(old)
        .zip(&blank)
        .filter(|(((_, new), (_, old)), _)| new != old)
        .map(|(((field, new), (_, old)), (_, blank))| {
            (field.to_owned(), shown(old, blank), shown(new, blank))
        })
        .collect()
}

/// Records the edit of one record of division `unit_id`: `before` is its
/// state before (`None` for a record just created), `blank` the record as
/// it would be created with nothing entered. Nothing is recorded when
/// nothing changed.
pub fn record<T: Tracked>(
    workspace: &mut Workspace,
    unit_id: &str,
    before: Option<&T>,
    after: &T,
    blank: &T,
    stamp: &Stamp,
) {
    let fields = field_changes(before, after, blank);
    // A record of no known division (an officer missing from the roster)
    // has no chain to go in.
    if fields.is_empty() || unit_id.is_empty() {
        return;
    }
    let change = Change {
        // Whole seconds: the history is read by people, and shorter.
        at: DateTime::from_timestamp(stamp.at.timestamp(), 0).unwrap_or(stamp.at),
        by: stamp.by.clone(),
        kind: T::KIND,
        record: after.history_key().to_owned(),
        fields,
    };
    append(&mut workspace.history, unit_id, change);
}

/// The head of a chain with no change yet.
fn seed(id: &str, unit_id: &str) -> String {
    sha256_hex(format!("thidua-history\n{id}\n{unit_id}").as_bytes())
}

/// The head after `change` is linked onto `head`: SHA-256 of the previous
/// head, a line break, and the change as thidua writes it (compact JSON,
/// fields in the order of [`Change`]).
fn link(head: &str, change: &Change) -> String {
    let json = serde_json::to_string(change).expect("a change always serialises");
    let mut bytes = Vec::with_capacity(head.len() + 1 + json.len());
    bytes.extend_from_slice(head.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(json.as_bytes());
    sha256_hex(&bytes)
}

/// Appends `change` to this workspace's own chain for `unit_id`, starting
/// one (named by its first change) if there is none.
fn append(history: &mut History, unit_id: &str, change: Change) {
    let position = history
        .chains
        .iter()
        .position(|c| c.unit_id == unit_id && history.own.contains(&c.id));
    let chain = match position {
        Some(at) => &mut history.chains[at],
        None => {
            let json = serde_json::to_string(&change).expect("a change always serialises");
            let id = sha256_hex(format!("{unit_id}\n{json}").as_bytes())[..16].to_owned();
            history.own.push(id.clone());
            history.chains.push(Chain {
                head: seed(&id, unit_id),
                id,
                unit_id: unit_id.to_owned(),
                entries: Vec::new(),
            });
            history.chains.last_mut().expect("just pushed")
        }
    };
    chain.head = link(&chain.head, &change);
    chain.entries.push(change);
}

/// Whether every link of `chain` holds: its changes hash to its head.
pub fn chain_holds(chain: &Chain) -> bool {
    let head = chain
        .entries
        .iter()
        .fold(seed(&chain.id, &chain.unit_id), |head, change| {
            link(&head, change)
        });
    head.eq_ignore_ascii_case(&chain.head)
}

/// How a received chain stands to the copy of it already held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Continuity {
    /// Not held yet.
    New,
    /// The held copy and more changes after it.
    Extends,
    /// The held copy, or an older part of it.
    Held,
    /// Not what was held: a change already received was edited or removed.
    Diverges,
}

/// How `incoming` stands to `held`, the same chain as this workspace has
/// it. Both chains' links hold (the import checked the file's, the
/// workspace's were checked when they came), so two copies with the same
/// changes up to a point have the same head there: comparing the changes is
/// enough, and nothing is hashed again.
pub fn continuity(held: Option<&Chain>, incoming: &Chain) -> Continuity {
    let Some(held) = held else {
        return Continuity::New;
    };
    let (mine, theirs) = (&held.entries, &incoming.entries);
    let common = mine.len().min(theirs.len());
    if held.unit_id != incoming.unit_id || mine[..common] != theirs[..common] {
        Continuity::Diverges
    } else if theirs.len() > mine.len() {
        Continuity::Extends
    } else {
        Continuity::Held
    }
}

/// Takes the received `chains` into `history`: new chains are added, held
/// ones replaced by a longer copy. A chain that diverges is left as held
/// (the import refuses its file before it gets here). Returns how many
/// changes were added; with `apply == false` nothing changes.
pub fn merge_chains(history: &mut History, chains: &[Chain], apply: bool) -> usize {
    let mut added = 0;
    for chain in chains {
        let held = history.chains.iter().position(|c| c.id == chain.id);
        match continuity(held.map(|at| &history.chains[at]), chain) {
            Continuity::New => {
                added += chain.entries.len();
                if apply {
                    history.chains.push(chain.clone());
                }
            }
            Continuity::Extends => {
                let at = held.expect("an extended chain is held");
                added += chain.entries.len() - history.chains[at].entries.len();
                if apply {
                    history.chains[at] = chain.clone();
                }
            }
            Continuity::Held | Continuity::Diverges => {}
        }
    }
    added
}

/// After a restore, the chains in the backup are closed: this browser
/// writes new ones, so history another copy of that data may already have
/// delivered is never forked.
pub fn close_own_chains(history: &mut History) {
    history.own.clear();
}

/// The day a daily report's key names (`unit/2025-07-22`).
pub fn report_day(key: &str) -> Option<NaiveDate> {
    key.rsplit_once('/')?.1.parse().ok()
}

/// The days whose counts `changes` (each with its division) changed on or
/// after `deadline` (a day in Vietnam's time), by division.
pub fn late_days<'a>(
    changes: impl IntoIterator<Item = (&'a str, &'a [Change])>,
    deadline: NaiveDate,
) -> Vec<(String, Vec<NaiveDate>)> {
    let mut late: Vec<(String, BTreeSet<NaiveDate>)> = Vec::new();
    for (unit, changes) in changes {
        let days: BTreeSet<NaiveDate> = changes
            .iter()
            .filter(|c| {
                c.kind == RecordKind::DailyReport && vietnam_time(c.at).date_naive() >= deadline
            })
            .filter_map(|c| report_day(&c.record))
            .collect();
        if days.is_empty() {
            continue;
        }
        match late.iter_mut().find(|(held, _)| held == unit) {
            Some((_, held)) => held.extend(days),
            None => late.push((unit.to_owned(), days)),
        }
    }
    late.into_iter()
        .map(|(unit, days)| (unit, days.into_iter().collect()))
        .collect()
}

/// What a division's figures feed, for the history line of a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// A criterion of the division.
    Criterion(CriterionKind),
    /// Its paper-free days (the pages printed).
    PaperFree,
}

/// What a field of a record of `kind` feeds in the division's evaluation
/// (a deleted day feeds all its counts do).
fn topics(kind: RecordKind, field: &str) -> &'static [Topic] {
    use CriterionKind::*;
    const DAY: &[Topic] = &[
        Topic::Criterion(OnlineProcessing),
        Topic::Criterion(DigitalSigning),
        Topic::Criterion(Interconnection),
        Topic::PaperFree,
    ];
    match (kind, field) {
        (RecordKind::DailyReport, "deleted") => DAY,
        (RecordKind::DailyReport, "pages_printed" | "pages_printed_excluded") => {
            &[Topic::PaperFree]
        }
        (
            RecordKind::DailyReport,
            "docs_received"
            | "docs_received_online"
            | "dossiers"
            | "dossiers_online"
            | "received_excluded",
        ) => &[Topic::Criterion(OnlineProcessing)],
        (
            RecordKind::DailyReport,
            "interconnect_sent" | "interconnect_received" | "external_total",
        ) => &[Topic::Criterion(Interconnection)],
        (RecordKind::DailyReport, _) => &[Topic::Criterion(DigitalSigning)],
        (RecordKind::OfficerRecord, "kpi_evaluated" | "kpi_score" | "deleted")
        | (RecordKind::Officer, _) => &[Topic::Criterion(KpiEvaluation)],
        (RecordKind::OfficerRecord, _) => &[],
        (RecordKind::Initiative, _) => &[Topic::Criterion(Creativity)],
    }
}

/// When a change was made and by whom.
pub type Made = (DateTime<Utc>, Option<String>);

/// How the figures behind one formula were entered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditSummary {
    /// Changes recorded.
    pub changes: usize,
    /// Of those, changes of a value already entered (not a first entry).
    pub corrections: usize,
    /// The latest change.
    pub last_change: Option<Made>,
    /// The latest correction.
    pub last_correction: Option<Made>,
}

impl EditSummary {
    fn count(&mut self, change: &Change, corrected: bool) {
        let keep_later = |slot: &mut Option<Made>| {
            if slot.as_ref().is_none_or(|(at, _)| change.at >= *at) {
                *slot = Some((change.at, change.by.clone()));
            }
        };
        self.changes += 1;
        keep_later(&mut self.last_change);
        if corrected {
            self.corrections += 1;
            keep_later(&mut self.last_correction);
        }
    }
}

/// Every division's [`EditSummary`] per topic, in one pass over the
/// workspace's chains.
pub fn edit_summaries(workspace: &Workspace) -> FxHashMap<(String, Topic), EditSummary> {
    let mut summaries: FxHashMap<(String, Topic), EditSummary> = FxHashMap::default();
    for chain in &workspace.history.chains {
        for change in &chain.entries {
            // A change counts once per topic, as a correction when any of
            // its fields for that topic had a value before.
            let mut touched: Vec<(Topic, bool)> = Vec::new();
            for (field, old, _) in &change.fields {
                for &topic in topics(change.kind, field) {
                    match touched.iter_mut().find(|(t, _)| *t == topic) {
                        Some((_, corrected)) => *corrected |= !old.is_empty(),
                        None => touched.push((topic, !old.is_empty())),
                    }
                }
            }
            for (topic, corrected) in touched {
                summaries
                    .entry((chain.unit_id.clone(), topic))
                    .or_default()
                    .count(change, corrected);
            }
        }
    }
    summaries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::calendar::working_days;
    use crate::core::campaign::model::{DailyCounts, InitiativeOwner, RecordMeta};
    use crate::core::campaign::template::seed_campaign;
    use crate::core::entry::edit::{
        add_officer, delete_initiative, paste_block, remove_officer, update_counts,
        update_officer_record, upsert_initiative,
    };
    use chrono::{Duration, TimeZone};

    fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 7, day, hour, minute, 0).unwrap()
    }

    fn by(officer: &str, when: DateTime<Utc>) -> Stamp {
        Stamp {
            at: when,
            by: Some(officer.into()),
        }
    }

    fn workspace() -> Workspace {
        Workspace::new(seed_campaign("t"))
    }

    fn own_chain<'a>(ws: &'a Workspace, unit: &str) -> &'a Chain {
        ws.history
            .chains
            .iter()
            .find(|c| c.unit_id == unit && ws.history.own.contains(&c.id))
            .expect("the division has a chain")
    }

    fn fields(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        list.iter()
            .map(|(f, o, n)| (f.to_string(), o.to_string(), n.to_string()))
            .collect()
    }

    #[test]
    fn a_count_records_when_who_and_old_to_new_and_a_retype_records_nothing() {
        let mut ws = workspace();
        let day = working_days(&ws.campaign)[5];
        update_counts(&mut ws, "van-phong", day, by("vp-1", at(22, 7, 3)), |c| {
            c.docs_received = 12;
            c.docs_received_online = 11;
        });
        update_counts(&mut ws, "van-phong", day, by("vp-1", at(22, 7, 4)), |c| {
            c.docs_received = 12;
        });
        update_counts(&mut ws, "van-phong", day, by("vp-2", at(23, 2, 0)), |c| {
            c.docs_received_online = 12;
            c.docs_issued = 4;
        });
        let chain = own_chain(&ws, "van-phong");
        assert_eq!(chain.entries.len(), 2, "the retyped value is no change");
        let first = &chain.entries[0];
        assert_eq!(first.at, at(22, 7, 3));
        assert_eq!(first.by.as_deref(), Some("vp-1"));
        assert_eq!(first.kind, RecordKind::DailyReport);
        assert_eq!(first.record, format!("van-phong/{day}"));
        assert_eq!(
            first.fields,
            fields(&[
                ("docs_received", "", "12"),
                ("docs_received_online", "", "11")
            ]),
            "a new day lists only the counts it was given"
        );
        assert_eq!(
            chain.entries[1].fields,
            fields(&[
                ("docs_received_online", "11", "12"),
                ("docs_issued", "", "4")
            ]),
        );
        assert!(chain_holds(chain));
    }

    #[test]
    fn a_pasted_row_is_one_change_and_every_kind_of_record_is_followed() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        paste_block(
            &mut ws,
            "van-phong",
            &days,
            (0, 0),
            "10\t9\n8\t8\n",
            at(16, 1, 0),
        )
        .unwrap();
        add_officer(
            &mut ws,
            "o1".into(),
            "van-phong",
            "Lê Văn A",
            "Chuyên viên",
            at(16, 2, 0),
        );
        update_officer_record(&mut ws, "o1", at(16, 3, 0), |r| r.kpi_evaluated = true);
        let initiative = Initiative {
            meta: RecordMeta {
                id: "s1".into(),
                ..RecordMeta::default()
            },
            owner: InitiativeOwner::Officer("o1".into()),
            title: "Ký số tại chỗ".into(),
            description: String::new(),
            date: days[2],
            council_score: None,
        };
        upsert_initiative(&mut ws, initiative, at(16, 4, 0));
        delete_initiative(&mut ws, "s1", at(16, 5, 0));
        remove_officer(&mut ws, "o1", at(16, 6, 0));
        let chain = own_chain(&ws, "van-phong");
        let kinds: Vec<RecordKind> = chain.entries.iter().map(|c| c.kind).collect();
        let (day, officer, record, initiative) = (
            RecordKind::DailyReport,
            RecordKind::Officer,
            RecordKind::OfficerRecord,
            RecordKind::Initiative,
        );
        assert_eq!(
            kinds,
            [day, day, officer, record, initiative, initiative, officer]
        );
        assert_eq!(
            chain.entries[2].fields,
            fields(&[("name", "", "Lê Văn A"), ("position", "", "Chuyên viên")])
        );
        assert_eq!(
            chain.entries[3].fields,
            fields(&[("kpi_evaluated", "", "true")])
        );
        assert_eq!(chain.entries[5].fields, fields(&[("deleted", "", "true")]));
        assert_eq!(chain.entries[6].fields, fields(&[("deleted", "", "true")]));
        assert_eq!(ws.history.chains.len(), 1, "one chain for the division");
        assert!(chain_holds(chain));
    }

    #[test]
    fn an_edited_removed_or_inserted_change_breaks_the_chain() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        for (n, day) in days.iter().take(4).enumerate() {
            update_counts(&mut ws, "van-phong", *day, at(16 + n as u32, 9, 0), |c| {
                c.pages_printed = 3;
            });
        }
        let chain = own_chain(&ws, "van-phong").clone();
        assert!(chain_holds(&chain));
        let mut edited = chain.clone();
        edited.entries[1].fields[0].2 = "0".into();
        assert!(!chain_holds(&edited));
        let mut moved = chain.clone();
        moved.entries[1].at -= Duration::days(1);
        assert!(!chain_holds(&moved));
        let mut removed = chain.clone();
        removed.entries.remove(2);
        assert!(!chain_holds(&removed));
        let mut inserted = chain.clone();
        inserted.entries.insert(1, chain.entries[3].clone());
        assert!(!chain_holds(&inserted));
        let mut swapped = chain.clone();
        swapped.entries.swap(0, 1);
        assert!(!chain_holds(&swapped));
    }

    #[test]
    fn a_later_copy_extends_an_older_one_and_a_rewritten_one_diverges() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        update_counts(&mut ws, "van-phong", days[0], at(16, 9, 0), |c| {
            c.dossiers = 2
        });
        let older = own_chain(&ws, "van-phong").clone();
        update_counts(&mut ws, "van-phong", days[1], at(17, 9, 0), |c| {
            c.dossiers = 3
        });
        let newer = own_chain(&ws, "van-phong").clone();
        assert_eq!(continuity(None, &newer), Continuity::New);
        assert_eq!(continuity(Some(&older), &newer), Continuity::Extends);
        assert_eq!(continuity(Some(&newer), &older), Continuity::Held);
        assert_eq!(continuity(Some(&newer), &newer), Continuity::Held);

        // The same chain with its first change made again otherwise: its
        // links hold, but it is not what was delivered.
        let mut other = workspace();
        update_counts(&mut other, "van-phong", days[0], at(16, 9, 0), |c| {
            c.dossiers = 2
        });
        update_counts(&mut other, "van-phong", days[0], at(16, 10, 0), |c| {
            c.dossiers = 9
        });
        let mut rewritten = own_chain(&other, "van-phong").clone();
        assert_eq!(rewritten.id, older.id, "named by the same first change");
        assert!(chain_holds(&rewritten));
        assert_eq!(continuity(Some(&newer), &rewritten), Continuity::Diverges);

        let mut history = History {
            own: Vec::new(),
            chains: vec![older.clone()],
        };
        assert_eq!(
            merge_chains(&mut history, std::slice::from_ref(&newer), false),
            1
        );
        assert_eq!(history.chains[0], older, "a dry run changes nothing");
        assert_eq!(
            merge_chains(&mut history, std::slice::from_ref(&newer), true),
            1
        );
        assert_eq!(history.chains[0], newer);
        assert_eq!(merge_chains(&mut history, &[older], true), 0);
        rewritten.unit_id = "van-phong".into();
        assert_eq!(merge_chains(&mut history, &[rewritten], true), 0);
        assert_eq!(
            history.chains,
            vec![newer],
            "a diverging copy is never taken"
        );
    }

    #[test]
    fn after_a_restore_this_browser_writes_a_new_chain() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        update_counts(&mut ws, "van-phong", days[0], at(16, 9, 0), |c| {
            c.dossiers = 2
        });
        close_own_chains(&mut ws.history);
        update_counts(&mut ws, "van-phong", days[0], at(20, 9, 0), |c| {
            c.dossiers = 4
        });
        assert_eq!(ws.history.chains.len(), 2);
        assert_eq!(ws.history.own, vec![ws.history.chains[1].id.clone()]);
        assert_eq!(
            ws.history.chains[1].entries[0].fields,
            fields(&[("dossiers", "2", "4")])
        );
    }

    #[test]
    fn the_days_changed_on_or_after_the_deadline_are_named() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        let deadline = NaiveDate::from_ymd_opt(2025, 8, 18).unwrap();
        let late = Utc.with_ymd_and_hms(2025, 8, 17, 17, 30, 0).unwrap(); // 00:30 on 18/08 in Vietnam
        let in_time = Utc.with_ymd_and_hms(2025, 8, 17, 16, 30, 0).unwrap(); // 23:30 on 17/08
        update_counts(&mut ws, "van-phong", days[3], in_time, |c| c.dossiers = 1);
        update_counts(&mut ws, "van-phong", days[1], late, |c| c.dossiers = 1);
        update_counts(&mut ws, "van-phong", days[0], late, |c| c.dossiers = 1);
        update_counts(&mut ws, "van-phong", days[0], late, |c| c.dossiers = 2);
        let chains = ws.history.chains.iter();
        assert_eq!(
            late_days(
                chains.map(|c| (c.unit_id.as_str(), &c.entries[..])),
                deadline
            ),
            vec![("van-phong".to_string(), vec![days[0], days[1]])]
        );
    }

    #[test]
    fn a_formula_counts_first_entries_and_corrections_and_names_the_last() {
        let mut ws = workspace();
        let days = working_days(&ws.campaign);
        update_counts(&mut ws, "van-phong", days[0], by("a", at(16, 2, 0)), |c| {
            c.docs_issued = 5;
            c.pages_printed = 1;
        });
        update_counts(&mut ws, "van-phong", days[1], by("a", at(17, 2, 0)), |c| {
            c.docs_issued = 6
        });
        update_counts(&mut ws, "van-phong", days[0], by("b", at(22, 7, 3)), |c| {
            c.docs_issued = 4
        });
        update_counts(&mut ws, "van-phong", days[1], by("a", at(23, 2, 0)), |c| {
            c.docs_signed_online = 6
        });
        let summaries = edit_summaries(&ws);
        let signing = &summaries[&(
            "van-phong".to_string(),
            Topic::Criterion(CriterionKind::DigitalSigning),
        )];
        assert_eq!(signing.changes, 4);
        assert_eq!(
            signing.corrections, 1,
            "only 5 → 4 changed a value already entered"
        );
        assert_eq!(
            signing.last_correction,
            Some((at(22, 7, 3), Some("b".into())))
        );
        assert_eq!(signing.last_change, Some((at(23, 2, 0), Some("a".into()))));
        let paper = &summaries[&("van-phong".to_string(), Topic::PaperFree)];
        assert_eq!((paper.changes, paper.corrections), (1, 0));
        assert!(!summaries.contains_key(&(
            "van-phong".to_string(),
            Topic::Criterion(CriterionKind::Interconnection)
        )));
    }

    #[test]
    fn count_field_keys_are_the_data_models_names() {
        let json = serde_json::to_value(DailyCounts::default()).unwrap();
        let names: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for field in CountField::ALL {
            assert!(names.contains(&field.key()), "{}", field.key());
        }
        assert_eq!(names.len(), CountField::ALL.len());
    }
}
