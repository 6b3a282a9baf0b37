//! What the campaign remembers about the e-office system's registers: how a
//! register's columns map onto the counts (kept per set of headers, so next
//! week's import is one click, and carried in the campaign file so the
//! Legal Division can hand every division a ready mapping), and where a
//! day's counts came from. Reading and counting registers is
//! the `register` family's work.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::campaign::model::DailyCounts;

/// The three registers the e-office system exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisterKind {
    /// Sổ văn bản đến: one row per document received.
    Incoming,
    /// Sổ văn bản đi: one row per document issued.
    Outgoing,
    /// Danh sách hồ sơ công việc: one row per work dossier.
    Dossiers,
}

impl RegisterKind {
    /// Every kind, in the order the screen lists them.
    pub const ALL: [RegisterKind; 3] = [
        RegisterKind::Incoming,
        RegisterKind::Outgoing,
        RegisterKind::Dossiers,
    ];

    /// Its name in files and on the screen's controls (as serialised).
    pub fn key(self) -> &'static str {
        match self {
            RegisterKind::Incoming => "incoming",
            RegisterKind::Outgoing => "outgoing",
            RegisterKind::Dossiers => "dossiers",
        }
    }

    /// The kind named `key`.
    pub fn from_key(key: &str) -> Option<RegisterKind> {
        RegisterKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The register's name in the e-office system.
    pub fn label(self) -> &'static str {
        match self {
            RegisterKind::Incoming => "Sổ văn bản đến",
            RegisterKind::Outgoing => "Sổ văn bản đi",
            RegisterKind::Dossiers => "Danh sách hồ sơ công việc",
        }
    }

    /// The marks a row of this register can carry.
    pub fn marks(self) -> &'static [Mark] {
        match self {
            RegisterKind::Incoming => &[
                Mark::Electronic,
                Mark::Secret,
                Mark::StateAward,
                Mark::Interconnect,
                Mark::External,
            ],
            RegisterKind::Outgoing => &[
                Mark::Electronic,
                Mark::Signed,
                Mark::Secret,
                Mark::StateAward,
                Mark::Interconnect,
                Mark::External,
            ],
            RegisterKind::Dossiers => &[Mark::Electronic, Mark::Secret, Mark::StateAward],
        }
    }

    /// Copies the counts this register decides from `from` into `into`,
    /// leaving the others (pages printed, the other registers') alone.
    pub fn overwrite(self, into: &mut DailyCounts, from: &DailyCounts) {
        match self {
            RegisterKind::Incoming => {
                into.docs_received = from.docs_received;
                into.docs_received_online = from.docs_received_online;
                into.interconnect_received = from.interconnect_received;
            }
            RegisterKind::Outgoing => {
                into.docs_issued = from.docs_issued;
                into.docs_signed_online = from.docs_signed_online;
                into.docs_excluded_secret = from.docs_excluded_secret;
                into.docs_excluded_state_award = from.docs_excluded_state_award;
                into.interconnect_sent = from.interconnect_sent;
            }
            RegisterKind::Dossiers => {
                into.dossiers = from.dossiers;
                into.dossiers_online = from.dossiers_online;
            }
        }
    }
}

/// The counts two registers share: documents received or issued that are
/// exempt (`received_excluded` covers incoming documents and dossiers) and
/// documents exchanged with outside bodies (`external_total` covers both
/// directions). A register import writes each as the sum over the registers
/// it read.
pub fn overwrite_shared(into: &mut DailyCounts, from: &DailyCounts, kinds: &[RegisterKind]) {
    if kinds.contains(&RegisterKind::Incoming) || kinds.contains(&RegisterKind::Dossiers) {
        into.received_excluded = from.received_excluded;
    }
    if kinds.contains(&RegisterKind::Incoming) || kinds.contains(&RegisterKind::Outgoing) {
        into.external_total = from.external_total;
    }
}

/// What a column of a register can say about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Received and processed, issued, or handled online (not on paper).
    Electronic,
    /// Digitally signed.
    Signed,
    /// Secret (mật, tối mật, tuyệt mật): counted only as an exclusion.
    Secret,
    /// A state-level commendation dossier: counted only as an exclusion.
    StateAward,
    /// Sent or received through the interconnection platform.
    Interconnect,
    /// Exchanged with a body outside the department. Without this column,
    /// every document in the incoming and outgoing registers is.
    External,
}

impl Mark {
    /// Every mark.
    pub const ALL: [Mark; 6] = [
        Mark::Electronic,
        Mark::Signed,
        Mark::Secret,
        Mark::StateAward,
        Mark::Interconnect,
        Mark::External,
    ];

    /// Its name in files and on the screen's controls (as serialised).
    pub fn key(self) -> &'static str {
        match self {
            Mark::Electronic => "electronic",
            Mark::Signed => "signed",
            Mark::Secret => "secret",
            Mark::StateAward => "state_award",
            Mark::Interconnect => "interconnect",
            Mark::External => "external",
        }
    }

    /// The mark named `key`.
    pub fn from_key(key: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|mark| mark.key() == key)
    }

    /// The question the mapping asks about this mark.
    pub fn label(self, kind: RegisterKind) -> &'static str {
        match (self, kind) {
            (Mark::Electronic, RegisterKind::Incoming) => "Xử lý trên môi trường điện tử",
            (Mark::Electronic, RegisterKind::Outgoing) => "Phát hành điện tử",
            (Mark::Electronic, RegisterKind::Dossiers) => "Xử lý trực tuyến",
            (Mark::Signed, _) => "Ký số",
            (Mark::Secret, _) => "Văn bản mật",
            (Mark::StateAward, _) => "Hồ sơ khen thưởng cấp Nhà nước",
            (Mark::Interconnect, _) => "Qua trục liên thông",
            (Mark::External, _) => "Với cơ quan bên ngoài",
        }
    }
}

/// Which column holds a mark and which of its values mean “yes”.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkRule {
    /// The mark.
    pub mark: Mark,
    /// The column (0-based).
    pub column: usize,
    /// The values (as the register writes them) that mean the row has the
    /// mark; compared without case and surrounding spaces.
    pub values: Vec<String>,
}

/// How one register's rows become counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterMapping {
    /// Which register it is.
    pub kind: RegisterKind,
    /// The sheet (0-based; a CSV file has one).
    pub sheet: usize,
    /// The last header row (1-based, as the spreadsheet numbers rows): data
    /// starts below it.
    pub header_row: usize,
    /// The column with the day the document was received, issued or taken in.
    pub date_column: usize,
    /// The column with the document's number, used only to find a document
    /// listed twice (the number itself is never stored).
    #[serde(default)]
    pub number_column: Option<usize>,
    /// The columns that mark rows.
    #[serde(default)]
    pub marks: Vec<MarkRule>,
}

impl RegisterMapping {
    /// The rule for `mark`, if a column was chosen for it.
    pub fn rule(&self, mark: Mark) -> Option<&MarkRule> {
        self.marks.iter().find(|rule| rule.mark == mark)
    }
}

/// The mappings a campaign remembers, kept as their JSON text. The app's
/// page only stores and carries them (the register worker and the CLI read
/// them), so the page does not carry their deserialisers: 3.4 KB of gzipped
/// wasm on the first load, measured. A list that does not parse reads as
/// empty (the mappings are guessed again), never as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RememberedMappings(String);

impl RememberedMappings {
    /// The mappings in `list`.
    pub fn from_list(list: &[SavedMapping]) -> Self {
        if list.is_empty() {
            return RememberedMappings::default();
        }
        RememberedMappings(serde_json::to_string(list).expect("mappings serialise"))
    }

    /// The remembered mappings.
    pub fn list(&self) -> Vec<SavedMapping> {
        if self.0.is_empty() {
            return Vec::new();
        }
        serde_json::from_str(&self.0).unwrap_or_default()
    }

    /// Whether none is remembered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty() || self.0 == "[]"
    }
}

impl Serialize for RememberedMappings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = if self.0.is_empty() { "[]" } else { &self.0 };
        let raw = serde_json::value::RawValue::from_string(text.to_string())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RememberedMappings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        Ok(RememberedMappings(raw.get().to_string()))
    }
}

/// A mapping remembered for registers with these headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMapping {
    /// The column names of the header row, as read.
    pub headers: Vec<String>,
    /// The mapping to use for them.
    pub mapping: RegisterMapping,
}

/// Where a day's counts came from, when not typed by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountSource {
    /// The register files read, by name.
    pub files: Vec<String>,
    /// Which registers they were.
    pub kinds: Vec<RegisterKind>,
    /// When they were imported.
    #[serde(deserialize_with = "crate::core::format::deserialize_utc")]
    pub imported_at: DateTime<Utc>,
    /// Set when a count a register decided was later changed by hand.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::core::format::deserialize_optional_utc"
    )]
    pub edited_by_hand_at: Option<DateTime<Utc>>,
}

impl CountSource {
    /// Whether a change from `before` to `after` touches a count the
    /// registers decided.
    pub fn covers_change(&self, before: &DailyCounts, after: &DailyCounts) -> bool {
        let mut projected = *after;
        for kind in &self.kinds {
            kind.overwrite(&mut projected, before);
        }
        overwrite_shared(&mut projected, before, &self.kinds);
        projected != *after
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_mappings_travel_as_plain_json() {
        let saved = SavedMapping {
            headers: vec!["Ngày đến".into()],
            mapping: RegisterMapping {
                kind: RegisterKind::Incoming,
                sheet: 0,
                header_row: 1,
                date_column: 0,
                number_column: None,
                marks: Vec::new(),
            },
        };
        let remembered = RememberedMappings::from_list(std::slice::from_ref(&saved));
        let json = serde_json::to_string(&remembered).unwrap();
        assert!(json.starts_with("[{\"headers\":[\"Ngày đến\"]"), "{json}");
        let back: RememberedMappings = serde_json::from_str(&json).unwrap();
        assert_eq!(back.list(), vec![saved]);
        let garbage: RememberedMappings = serde_json::from_str("{\"not\": \"a list\"}").unwrap();
        assert!(garbage.list().is_empty(), "read as none, never an error");
        assert!(RememberedMappings::default().is_empty());
    }

    #[test]
    fn keys_are_the_serialised_names() {
        for kind in RegisterKind::ALL {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.key())
            );
            assert_eq!(RegisterKind::from_key(kind.key()), Some(kind));
        }
        for mark in Mark::ALL {
            assert_eq!(
                serde_json::to_string(&mark).unwrap(),
                format!("\"{}\"", mark.key())
            );
            assert_eq!(Mark::from_key(mark.key()), Some(mark));
        }
    }
}
