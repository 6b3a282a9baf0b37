//! The campaign and its records as plain serde types (DESIGN.md §2).
//!
//! Everything here is data: no browser, no storage, no clock. Field names are
//! the public exchange format, so renaming one is a schema change.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

pub use crate::core::campaign::registers::{CountSource, RememberedMappings, SavedMapping};
pub use crate::core::campaign::text::Text;

/// Version of the stored and exchanged data layout. Raise it with every
/// incompatible change and add a migration for the previous one.
pub const SCHEMA_VERSION: u32 = 1;

/// One emulation campaign: who is measured, on what, over which days, and
/// who owes which report to whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// Stable identifier shared by every copy of the campaign file.
    pub id: String,
    /// Name of the movement, as the plan words it.
    pub title: String,
    /// The body that issued the plan (the department).
    pub issuing_body: String,
    /// Number and date of the plan and of the plan it implements.
    pub plan_reference: String,
    /// First and last day of the campaign, both included.
    pub period: Period,
    /// Which days count as working days.
    pub calendar: WorkingCalendar,
    /// The collectives that are measured (divisions of the department).
    pub units: Vec<Unit>,
    /// The individuals that are measured (civil servants).
    pub officers: Vec<Officer>,
    /// What is measured and how much each criterion weighs.
    pub criteria: Vec<Criterion>,
    /// Who reports what to whom, and before which day.
    pub deadlines: Vec<Deadline>,
    /// Where the classification's bands start. Absent in files written
    /// before it existed, which then get the defaults.
    #[serde(default)]
    pub thresholds: Thresholds,
    /// When a division or officer is proposed for commendation.
    #[serde(default)]
    pub award_rules: AwardRules,
    /// Register mappings remembered per set of headers (optional settings:
    /// the Legal Division can hand every division a ready mapping).
    #[serde(default, skip_serializing_if = "RememberedMappings::is_empty")]
    pub register_mappings: RememberedMappings,
    /// Divisions' signing keys registered ahead: a consolidating office that
    /// takes this campaign file knows them before the divisions' first
    /// files arrive (`core::exchange::import`, “Pinning”).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registered_keys: Vec<RegisteredKey>,
}

/// A division's signing key as a campaign file registers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredKey {
    /// The division.
    pub unit_id: String,
    /// Its public key (raw P-256 point, base64), as in its files' `signer`.
    pub public_key: String,
}

impl Campaign {
    /// Each division's name by its id, for lookups over many records (a
    /// province has 2,000 divisions and 20,000 officers).
    pub fn unit_names(&self) -> HashMap<&str, &str> {
        self.units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect()
    }

    /// Each officer's division id by the officer's id.
    pub fn officer_units(&self) -> HashMap<&str, &str> {
        self.officers
            .iter()
            .map(|o| (o.id.as_str(), o.unit_id.as_str()))
            .collect()
    }

    /// The name of the division or officer `id`, if the campaign has one.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.as_str())
            .or_else(|| {
                self.officers
                    .iter()
                    .find(|o| o.id == id)
                    .map(|o| o.name.as_str())
            })
    }

    /// The officers still on the roster (removed ones stay as tombstones).
    pub fn active_officers(&self) -> impl Iterator<Item = &Officer> {
        self.officers.iter().filter(|o| !o.meta.deleted)
    }
}

/// When the app proposes a commendation; ours, editable in Thiết lập.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AwardRules {
    /// A division must be “Hoàn thành xuất sắc” and have at least this many
    /// paperless weeks.
    pub min_paperless_weeks: u32,
    /// An officer must be “Hoàn thành xuất sắc” and, if set, have at least
    /// one initiative.
    pub individual_needs_initiative: bool,
}

impl Default for AwardRules {
    fn default() -> Self {
        AwardRules {
            min_paperless_weeks: 2,
            individual_needs_initiative: true,
        }
    }
}

/// Score thresholds of the classification; ours, editable in Thiết lập.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Minimum composite for “Hoàn thành xuất sắc” (and every criterion met).
    pub excellent: f64,
    /// Minimum composite for “Hoàn thành tốt”.
    pub good: f64,
    /// Minimum composite for “Hoàn thành”.
    pub done: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            excellent: 95.0,
            good: 85.0,
            done: 70.0,
        }
    }
}

/// A closed range of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First day, included.
    pub start: NaiveDate,
    /// Last day, included.
    pub end: NaiveDate,
}

impl Period {
    /// Whether `day` lies inside the period (both ends included).
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// Working weekdays and the holidays that interrupt them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingCalendar {
    /// Weekdays on which offices work (Monday to Friday by default).
    pub working_weekdays: Vec<Weekday>,
    /// Days off that fall on a working weekday.
    pub holidays: Vec<NaiveDate>,
    /// Days worked outside the working weekdays: working Saturdays, make-up
    /// days (“ngày làm bù”). The plan's “30 ngày đêm” counts them too.
    /// (Absent in files written before it existed.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_working_days: Vec<NaiveDate>,
}

/// A collective that is measured: a division (*Phòng*) of the department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Stable identifier, used as the owner of the unit's records.
    pub id: String,
    /// Name as written in reports, e.g. “Phòng Pháp chế”.
    pub name: String,
    /// Name of the head of the division, who signs its report.
    pub head: String,
}

/// An individual that is measured: a civil servant of a division.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Officer {
    /// Stable identifier.
    pub id: Text,
    /// The division the officer belongs to.
    pub unit_id: String,
    /// Full name.
    pub name: Text,
    /// Position, e.g. “Chuyên viên”.
    pub position: String,
    /// Record bookkeeping, so a rename or a removal travels in exports
    /// (absent in data written before exports existed).
    #[serde(default)]
    pub meta: RecordMeta,
}

/// The five criteria of the plan. Evaluation dispatches on this, so the
/// wording and target of a criterion may change while its meaning stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// Documents and work dossiers processed online.
    OnlineProcessing,
    /// Documents digitally signed and issued online.
    DigitalSigning,
    /// Two-way electronic document interconnection.
    Interconnection,
    /// Civil servants evaluated with KPI.
    KpiEvaluation,
    /// Creativity of units and individuals.
    Creativity,
}

impl CriterionKind {
    /// Whether the criterion is measured from the divisions' daily counts.
    pub fn uses_daily_counts(self) -> bool {
        matches!(
            self,
            CriterionKind::OnlineProcessing
                | CriterionKind::DigitalSigning
                | CriterionKind::Interconnection
        )
    }

    /// A few words naming the measure, for cards and chart legends.
    pub fn short_label(self) -> &'static str {
        match self {
            CriterionKind::OnlineProcessing => "Xử lý văn bản, hồ sơ trên mạng",
            CriterionKind::DigitalSigning => "Ký số, phát hành trên mạng",
            CriterionKind::Interconnection => "Liên thông văn bản hai chiều",
            CriterionKind::KpiEvaluation => "Đánh giá cán bộ bằng KPI",
            CriterionKind::Creativity => "Sáng kiến, sáng tạo",
        }
    }
}

/// What a criterion asks for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Target {
    /// A share of the relevant total, in percent (0–100).
    Percent(f64),
    /// A number of recognised initiatives.
    Initiatives(u32),
}

/// One criterion of the campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Which measure this criterion is.
    pub kind: CriterionKind,
    /// Short code shown in tables, e.g. “TC1”.
    pub code: String,
    /// The plan's wording.
    pub title: String,
    /// What counts as met.
    pub target: Target,
    /// Relative weight in the composite score.
    pub weight: f64,
    /// Kinds of documents left out of the denominator.
    pub exclusions: Vec<Exclusion>,
    /// A bonus criterion is not part of the weighted mean: it adds up to
    /// `weight` points to it (the score stays at most 100), and “Hoàn thành
    /// xuất sắc” does not require it. The template makes creativity one.
    /// (Absent in files written before it existed, and then false.)
    #[serde(default, skip_serializing_if = "is_false")]
    pub bonus: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// Documents a criterion does not count, e.g. secret documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    /// Stable identifier, e.g. `secret`.
    pub id: String,
    /// Wording shown to users.
    pub label: String,
}

/// A report one party owes another before a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// Stable identifier.
    pub id: String,
    /// Who owes the report.
    pub from: String,
    /// Who receives it (and through whom).
    pub to: String,
    /// What is delivered.
    pub deliverable: String,
    /// The plan says “trước ngày …”: the report is due strictly before this day.
    pub due_before: NaiveDate,
}

/// Bookkeeping every record carries so copies can be merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    /// Stable identifier of the record.
    pub id: String,
    /// Edit counter: every change raises it by one.
    pub rev: u32,
    /// When the record last changed (read by hand: every record has one).
    #[serde(deserialize_with = "crate::core::format::deserialize_utc")]
    pub updated_at: DateTime<Utc>,
    /// A deleted record stays as a tombstone so deletions travel in exports.
    #[serde(default)]
    pub deleted: bool,
}

impl Default for RecordMeta {
    /// Never edited: revision 0 at the epoch, so any real edit wins a merge.
    fn default() -> Self {
        RecordMeta {
            id: String::new(),
            rev: 0,
            updated_at: DateTime::UNIX_EPOCH,
            deleted: false,
        }
    }
}

/// One division's counts for one working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyReport {
    /// Record bookkeeping.
    pub meta: RecordMeta,
    /// The division reporting.
    pub unit_id: String,
    /// The working day the counts are for.
    #[serde(deserialize_with = "crate::core::format::deserialize_date")]
    pub date: NaiveDate,
    /// The counts themselves.
    pub counts: DailyCounts,
    /// Where the counts came from: `None` when typed by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<CountSource>,
}

/// The daily counts a division enters (all whole, non-negative numbers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyCounts {
    /// Incoming documents received.
    pub docs_received: u32,
    /// Incoming documents processed online.
    pub docs_received_online: u32,
    /// Documents issued.
    pub docs_issued: u32,
    /// Documents digitally signed and issued online.
    pub docs_signed_online: u32,
    /// Issued documents that are secret (mật, tối mật, tuyệt mật).
    pub docs_excluded_secret: u32,
    /// Issued documents that are state-level commendation dossiers.
    pub docs_excluded_state_award: u32,
    /// Work dossiers handled.
    pub dossiers: u32,
    /// Work dossiers processed online.
    pub dossiers_online: u32,
    /// Documents sent through the interconnection platform.
    pub interconnect_sent: u32,
    /// Documents received through the interconnection platform.
    pub interconnect_received: u32,
    /// Documents exchanged with external bodies, by any channel.
    pub external_total: u32,
    /// Pages printed on paper.
    pub pages_printed: u32,
    /// Incoming documents and work dossiers that are secret or state-level
    /// commendation dossiers, which the plan exempts from going paperless:
    /// part of `docs_received` + `dossiers`, left out of criterion 1.
    /// (Absent in files written before it existed.)
    #[serde(default)]
    pub received_excluded: u32,
    /// Of `pages_printed`, the pages printed for secret documents and
    /// state-level commendation dossiers: they do not break a paper-free day.
    #[serde(default)]
    pub pages_printed_excluded: u32,
}

impl DailyCounts {
    /// The pages that count against a paper-free day: those printed for
    /// anything but the documents the plan exempts.
    pub fn pages_counted(&self) -> u32 {
        self.pages_printed
            .saturating_sub(self.pages_printed_excluded)
    }
}

/// What is recorded for one officer over the whole campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficerRecord {
    /// Record bookkeeping.
    pub meta: RecordMeta,
    /// The officer.
    pub officer_id: String,
    /// Whether the officer was evaluated with KPI.
    pub kpi_evaluated: bool,
    /// The KPI score, where one was given.
    pub kpi_score: Option<f64>,
    /// Documents the officer handled.
    pub docs_handled: u32,
    /// Of those, handled online.
    pub docs_handled_online: u32,
    /// Of those, signed digitally.
    pub docs_signed: u32,
    /// Whether the officer signs documents (a head or deputy head, or
    /// anyone signing by delegation). Criterion 2 measures only those who
    /// sign: an officer without this mark who signed nothing is not measured
    /// on it. (Absent in files written before it existed.)
    #[serde(default)]
    pub signing_authority: bool,
}

/// Who an initiative belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum InitiativeOwner {
    /// A division.
    Unit(String),
    /// A civil servant.
    Officer(String),
}

impl InitiativeOwner {
    /// A one-string form (`unit:ID`, `officer:ID`) for a form's `<select>`.
    pub fn key(&self) -> String {
        match self {
            InitiativeOwner::Unit(id) => format!("unit:{id}"),
            InitiativeOwner::Officer(id) => format!("officer:{id}"),
        }
    }

    /// Reads [`InitiativeOwner::key`] back; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Self> {
        match key.split_once(':')? {
            ("unit", id) => Some(InitiativeOwner::Unit(id.to_owned())),
            ("officer", id) => Some(InitiativeOwner::Officer(id.to_owned())),
            _ => None,
        }
    }
}

/// A creative initiative put forward during the campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    /// Record bookkeeping.
    pub meta: RecordMeta,
    /// Division or officer behind it.
    pub owner: InitiativeOwner,
    /// Short title.
    pub title: String,
    /// What it is and what it changed.
    pub description: String,
    /// When it was put forward.
    #[serde(deserialize_with = "crate::core::format::deserialize_date")]
    pub date: NaiveDate,
    /// Score given by the emulation council, if scored yet.
    pub council_score: Option<f64>,
}

/// Everything one browser (or one file) holds: the campaign and its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Layout version of this value; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The campaign definition.
    pub campaign: Campaign,
    /// Daily counts of every division.
    #[serde(default)]
    pub daily_reports: Vec<DailyReport>,
    /// Per-officer records.
    #[serde(default)]
    pub officer_records: Vec<OfficerRecord>,
    /// Initiatives of divisions and officers.
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    /// Divisions' files received by the consolidating office.
    #[serde(default)]
    pub submissions: Vec<Submission>,
    /// What the consolidated report says that the app cannot know.
    #[serde(default)]
    pub report: ReportDetails,
    /// What each division's own report says that the app cannot know (the
    /// head's assessment and proposals), one per division that wrote one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_reports: Vec<UnitReportDetails>,
    /// The Office's commendation dossier: hand changes to the proposals,
    /// edited summaries, the Council's meeting and the documents' numbers.
    #[serde(default)]
    pub dossier: Dossier,
    /// The divisions' signing keys, pinned by the consolidating office on
    /// the first signed file accepted from each (`core::exchange::signature`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signing_keys: Vec<PinnedKey>,
    /// Who changed which figure, and when: this browser's chains and those
    /// received in files (`core::entry::history`).
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
}

/// The change history a workspace holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// The ids of the chains this workspace writes (one per division it
    /// edits); every other chain was received and is only ever extended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub own: Vec<String>,
    /// Every chain, own and received.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chains: Vec<Chain>,
}

impl History {
    /// Whether nothing was ever recorded or received.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.chains.is_empty()
    }
}

/// The changes one browser made to one division's records, oldest first,
/// each link hashed onto the one before (`core::entry::history`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chain {
    /// Stable identifier, fixed by the chain's first change.
    pub id: String,
    /// The division whose records changed.
    pub unit_id: String,
    /// The changes.
    pub entries: Vec<Change>,
    /// SHA-256 (hex) after the last change: any change edited, removed or
    /// inserted gives another.
    pub head: String,
}

/// One edit of one record: when, by whom, and each field's old → new value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// When, to the second.
    #[serde(deserialize_with = "crate::core::format::deserialize_utc")]
    pub at: DateTime<Utc>,
    /// The officer id of the “Người nhập” chosen in the browser; absent
    /// when none was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Which list the record is in.
    pub kind: RecordKind,
    /// The record's key (`meta.id`, or an officer's id).
    pub record: String,
    /// `[field, old, new]`, values as text, `""` where there was none.
    pub fields: Vec<(String, String, String)>,
}

/// The kinds of record that merge by key and version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A division's counts of one day.
    DailyReport,
    /// An officer on a roster.
    Officer,
    /// An officer's KPI and document counts.
    OfficerRecord,
    /// An initiative.
    Initiative,
}

impl RecordKind {
    const ALL: [RecordKind; 4] = [
        RecordKind::DailyReport,
        RecordKind::Officer,
        RecordKind::OfficerRecord,
        RecordKind::Initiative,
    ];

    /// Its name in the import preview's markup (`data-kind`) and in files.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::DailyReport => "daily_report",
            RecordKind::Officer => "officer",
            RecordKind::OfficerRecord => "officer_record",
            RecordKind::Initiative => "initiative",
        }
    }

    /// The kind [`RecordKind::key`] names.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::DailyReport => "Báo cáo ngày",
            RecordKind::Officer => "Cán bộ",
            RecordKind::OfficerRecord => "Kết quả cán bộ",
            RecordKind::Initiative => "Sáng kiến",
        }
    }
}

/// A division's signing key as the consolidating office knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinnedKey {
    /// The division.
    pub unit_id: String,
    /// Its public key (raw P-256 point, base64), as in its files' `signer`.
    pub public_key: String,
    /// The key's short name, as the preview shows it.
    pub fingerprint: String,
    /// When the key was pinned (its first file, or the accepted change).
    #[serde(deserialize_with = "crate::core::format::deserialize_utc")]
    pub pinned_at: DateTime<Utc>,
    /// The keys it replaced, oldest first: a new key is taken only when a
    /// user accepts it on Hợp nhất, and that is recorded here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced: Vec<String>,
}

impl Workspace {
    /// Whether anything was entered or received yet: a first visit, or a
    /// campaign just set up, has nothing to evaluate.
    pub fn has_records(&self) -> bool {
        !(self.daily_reports.is_empty()
            && self.officer_records.is_empty()
            && self.initiatives.is_empty()
            && self.submissions.is_empty())
    }

    /// A workspace holding `campaign` and no records yet.
    pub fn new(campaign: Campaign) -> Self {
        Workspace {
            schema_version: SCHEMA_VERSION,
            campaign,
            daily_reports: Vec::new(),
            officer_records: Vec::new(),
            initiatives: Vec::new(),
            submissions: Vec::new(),
            report: ReportDetails::default(),
            unit_reports: Vec::new(),
            dossier: Dossier::default(),
            signing_keys: Vec::new(),
            history: History::default(),
        }
    }
}

/// A division's file as received by the consolidating office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The division.
    pub unit_id: String,
    /// Export time of its first file received.
    #[serde(deserialize_with = "crate::core::format::deserialize_utc")]
    pub first_exported_at: DateTime<Utc>,
    /// Export time of its latest file received.
    #[serde(deserialize_with = "crate::core::format::deserialize_utc")]
    pub last_exported_at: DateTime<Utc>,
    /// Name of the latest file.
    pub file_name: String,
    /// Export time of the latest file that changed the division's records:
    /// the file that completed the data the evaluation uses, and what the
    /// deadline is checked against. An early partial file followed by a late
    /// one is late; a late file that only repeats what was held changes
    /// nothing and leaves it. `None` in data stored before it existed.
    #[serde(
        default,
        deserialize_with = "crate::core::format::deserialize_optional_utc"
    )]
    pub completed_at: Option<DateTime<Utc>>,
}

impl Submission {
    /// When the division's data was complete, as far as the deadline goes:
    /// [`Submission::completed_at`], or for data stored before it existed
    /// the latest file, which cannot make a late division look on time.
    pub fn counted_at(&self) -> DateTime<Utc> {
        self.completed_at.unwrap_or(self.last_exported_at)
    }
}

/// What the app cannot know and the Legal Division writes in; saved with
/// the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportDetails {
    /// The superior body, first line of the heading (“UBND TỈNH KHÁNH HÒA”).
    pub superior_body: String,
    /// The issuing body as the heading writes it (“SỞ DÂN TỘC VÀ TÔN GIÁO”).
    pub issuer: String,
    /// Document number and symbol, e.g. “125/BC-SDTTG”.
    pub number: String,
    /// Place of the place-and-date line.
    pub place: String,
    /// Date as written on the report, e.g. “ngày 19 tháng 8 năm 2025”.
    pub date_line: String,
    /// The assessment in the report's own words, one paragraph per line.
    pub assessment: String,
    /// “Nơi nhận”, one recipient per line.
    pub recipients: String,
    /// Signing capacity, e.g. “KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC”.
    pub signer_title: String,
    /// Name of the signer.
    pub signer_name: String,
}

impl Default for ReportDetails {
    fn default() -> Self {
        ReportDetails {
            superior_body: "UBND TỈNH KHÁNH HÒA".into(),
            issuer: "SỞ DÂN TỘC VÀ TÔN GIÁO".into(),
            number: "     /BC-SDTTG".into(),
            place: "Khánh Hòa".into(),
            date_line: "ngày      tháng 8 năm 2025".into(),
            assessment: String::new(),
            // The plan's own list, less the divisions it tasked.
            recipients: "UBND tỉnh (báo cáo);\nChi bộ Sở (báo cáo);\nCác Sở: Nội vụ, Khoa học và \
                         Công nghệ;\nLãnh đạo Sở;\nLưu: VT, PC."
                .into(),
            signer_title: "GIÁM ĐỐC".into(),
            signer_name: String::new(),
        }
    }
}

/// The fields of a division's report to the Office (the plan, V.1) that
/// the app cannot know; the figures come from the evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitReportDetails {
    /// The division.
    pub unit_id: String,
    /// Document number and symbol, e.g. “12/BC-PC”.
    pub number: String,
    /// Date as written on the report.
    pub date_line: String,
    /// The head's assessment, one paragraph per line.
    pub assessment: String,
    /// The head's proposals and recommendations, one paragraph per line.
    pub proposals: String,
    /// “Nơi nhận”, one recipient per line.
    pub recipients: String,
}

impl UnitReportDetails {
    /// The fields of a report not written yet.
    pub fn new(unit_id: &str) -> Self {
        UnitReportDetails {
            unit_id: unit_id.to_owned(),
            ..UnitReportDetails::default()
        }
    }
}

impl Default for UnitReportDetails {
    fn default() -> Self {
        UnitReportDetails {
            unit_id: String::new(),
            number: "     /BC".into(),
            date_line: "ngày      tháng 8 năm 2025".into(),
            assessment: String::new(),
            proposals: String::new(),
            // The plan (V.1): the divisions report to the Office.
            recipients: "Văn phòng Sở (để tổng hợp);\nPhòng Pháp chế;\nLưu.".into(),
        }
    }
}

impl Workspace {
    /// The fields of `unit_id`'s own report, as saved or still blank.
    pub fn unit_report(&self, unit_id: &str) -> UnitReportDetails {
        self.unit_reports
            .iter()
            .find(|r| r.unit_id == unit_id)
            .cloned()
            .unwrap_or_else(|| UnitReportDetails::new(unit_id))
    }

    /// Changes `unit_id`'s report fields, adding them on the first change.
    pub fn edit_unit_report(&mut self, unit_id: &str, change: impl FnOnce(&mut UnitReportDetails)) {
        let index = match self.unit_reports.iter().position(|r| r.unit_id == unit_id) {
            Some(index) => index,
            None => {
                self.unit_reports.push(UnitReportDetails::new(unit_id));
                self.unit_reports.len() - 1
            }
        };
        change(&mut self.unit_reports[index]);
    }
}

/// A division or officer added to, or taken from, the app's proposals by
/// hand; the reason is required and shown in the dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandChange {
    /// The division's or officer's id.
    pub id: String,
    /// Why, in the Office's words.
    pub reason: String,
}

/// A nominee's summary of achievements as the Office edited it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditedSummary {
    /// The division's or officer's id.
    pub id: String,
    /// The text, one paragraph per line.
    pub text: String,
}

/// Votes for one nominee at the Council's meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// The division's or officer's id.
    pub id: String,
    /// Members who voted for.
    pub votes_for: u32,
}

/// The meeting of the Department's Emulation and Commendation Council
/// (Hội đồng Thi đua – Khen thưởng) that votes on the nominees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CouncilMeeting {
    /// Date as written in the minutes, e.g. “ngày 19 tháng 8 năm 2025”.
    pub date_line: String,
    /// Members present.
    pub members_present: u32,
    /// Share of the members present a nominee needs, strictly more than,
    /// in percent (50 = more than half).
    pub majority_percent: f64,
    /// Who chaired, with position.
    pub chair: String,
    /// Who took the minutes.
    pub secretary: String,
    /// Votes, one per nominee voted on.
    pub votes: Vec<Vote>,
}

impl Default for CouncilMeeting {
    fn default() -> Self {
        CouncilMeeting {
            date_line: "ngày      tháng 8 năm 2025".into(),
            members_present: 0,
            majority_percent: 50.0,
            chair: String::new(),
            secretary: String::new(),
            votes: Vec::new(),
        }
    }
}

/// The numbers of the dossier's documents and the sentences the forms leave
/// to the Office; every one editable, none a legal citation the app made up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DossierTexts {
    /// Number of the Tờ trình, e.g. “15/TTr-SDTTG”.
    pub submission_number: String,
    /// Number of the Director's decision on Giấy khen.
    pub decision_number: String,
    /// Who the Tờ trình is addressed to.
    pub addressee: String,
    /// The legal bases of the Tờ trình and the decision, one per line.
    pub legal_bases: String,
    /// The Director's name, who signs.
    pub director: String,
}

impl Default for DossierTexts {
    fn default() -> Self {
        DossierTexts {
            submission_number: "     /TTr-SDTTG".into(),
            decision_number: "     /QĐ-SDTTG".into(),
            addressee: "Ủy ban nhân dân tỉnh Khánh Hòa (qua Sở Nội vụ)".into(),
            // The plan itself names the decree (V.2); the rest is the plan.
            legal_bases: "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;\n\
                          Căn cứ Kế hoạch số 429/KH-UBND ngày 14/7/2025 của Ủy ban nhân dân tỉnh \
                          Khánh Hòa;"
                .into(),
            director: String::new(),
        }
    }
}

/// The Office's commendation dossier (the plan, V.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dossier {
    /// Nominees added by hand (supplementary proposals).
    pub added: Vec<HandChange>,
    /// Proposals removed by hand.
    pub removed: Vec<HandChange>,
    /// Summaries of achievements as edited.
    pub summaries: Vec<EditedSummary>,
    /// The Council's meeting.
    pub council: CouncilMeeting,
    /// Numbers and fixed sentences of the documents.
    pub texts: DossierTexts,
}

impl Dossier {
    /// Takes `id` off the list of proposals for `reason`; an empty reason is
    /// refused with the sentence to show.
    pub fn remove(&mut self, id: &str, reason: &str) -> Result<(), String> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err("Cần ghi lý do khi bỏ một đề xuất.".into());
        }
        self.added.retain(|a| a.id != id);
        self.removed.retain(|r| r.id != id);
        self.removed.push(HandChange {
            id: id.to_owned(),
            reason: reason.to_owned(),
        });
        Ok(())
    }

    /// Adds `id` as a supplementary proposal for `reason` (undoing a removal);
    /// without an id or a reason it is refused with the sentence to show.
    pub fn add(&mut self, id: &str, reason: &str) -> Result<(), String> {
        let reason = reason.trim();
        if id.is_empty() || reason.is_empty() {
            return Err("Chọn tập thể hoặc cá nhân và ghi lý do đề xuất bổ sung.".into());
        }
        self.removed.retain(|r| r.id != id);
        self.added.retain(|a| a.id != id);
        self.added.push(HandChange {
            id: id.to_owned(),
            reason: reason.to_owned(),
        });
        Ok(())
    }

    /// Puts a removed proposal back.
    pub fn restore(&mut self, id: &str) {
        self.removed.retain(|r| r.id != id);
    }

    /// Records `id`'s votes for, or clears them with `None`.
    pub fn set_votes(&mut self, id: &str, votes_for: Option<u32>) {
        self.council.votes.retain(|v| v.id != id);
        if let Some(votes_for) = votes_for {
            self.council.votes.push(Vote {
                id: id.to_owned(),
                votes_for,
            });
        }
    }

    /// Keeps `text` as `id`'s summary of achievements.
    pub fn set_summary(&mut self, id: &str, text: String) {
        self.summaries.retain(|s| s.id != id);
        self.summaries.push(EditedSummary {
            id: id.to_owned(),
            text,
        });
    }
}
