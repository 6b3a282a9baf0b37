//! The layout of the workspace in browser storage, and its migrations.
//!
//! Layout 2 (current) keeps two keys:
//! - `WORKSPACE_KEY` holds `{"generation":N,"workspace":{…}}`;
//! - `GENERATION_KEY` holds `N` alone, so a tab can check cheaply before every
//!   write whether another tab has saved since it last read.
//!
//! Layout 1 stored the bare workspace under [`LEGACY_V1_KEY`]. Migrating
//! leaves that key untouched: it is the snapshot taken before the migration.

use std::fmt;

use serde::Deserialize;

use super::model::{Workspace, SCHEMA_VERSION};

/// The workspace, wrapped with its generation.
pub const WORKSPACE_KEY: &str = "thidua/v2/workspace";
/// The generation of what [`WORKSPACE_KEY`] holds.
pub const GENERATION_KEY: &str = "thidua/v2/generation";
/// Where layout 1 kept the bare workspace.
pub const LEGACY_V1_KEY: &str = "thidua/v1/workspace";
/// Where an unreadable stored value is copied before anything else is saved.
pub const UNREADABLE_KEY: &str = "thidua/v2/workspace.unreadable";

/// A workspace as read from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// Counts the saves of this browser's workspace; a tab may only write
    /// over the generation it last read or wrote.
    pub generation: u64,
    /// The data.
    pub workspace: Workspace,
}

/// Why a stored value could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON of the expected shape.
    Malformed(String),
    /// Written by a newer version of the app.
    Newer(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Malformed(reason) => write!(f, "dữ liệu hỏng: {reason}"),
            DecodeError::Newer(version) => write!(
                f,
                "dữ liệu do phiên bản mới hơn của ứng dụng ghi (phiên bản dữ liệu {version}, \
                 ứng dụng này đọc được đến {SCHEMA_VERSION}); hãy mở bằng phiên bản mới"
            ),
        }
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    schema_version: u32,
}

/// Reads a workspace, refusing newer schema versions before looking at the
/// rest, so a newer file gets a clear message rather than a parse error.
pub fn decode_workspace(json: &str) -> Result<Workspace, DecodeError> {
    let probe: VersionProbe =
        serde_json::from_str(json).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    if probe.schema_version > SCHEMA_VERSION {
        return Err(DecodeError::Newer(probe.schema_version));
    }
    serde_json::from_str(json).map_err(|e| DecodeError::Malformed(e.to_string()))
}

/// Reads the value of [`WORKSPACE_KEY`].
pub fn decode_stored(raw: &str) -> Result<Stored, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        generation: u64,
        #[serde(borrow)]
        workspace: &'a serde_json::value::RawValue,
    }
    let envelope: Envelope =
        serde_json::from_str(raw).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    Ok(Stored {
        generation: envelope.generation,
        workspace: decode_workspace(envelope.workspace.get())?,
    })
}

/// Migrates the value of [`LEGACY_V1_KEY`]: the bare workspace becomes
/// generation 1 of the current layout.
pub fn migrate_v1(raw: &str) -> Result<Stored, DecodeError> {
    Ok(Stored {
        generation: 1,
        workspace: decode_workspace(raw)?,
    })
}

/// The value to write under [`WORKSPACE_KEY`], and the workspace's JSON on
/// its own (which the caller keeps to skip writes that change nothing).
pub fn encode_stored(generation: u64, workspace: &Workspace) -> (String, String) {
    let json = serde_json::to_string(workspace).expect("a workspace always serialises");
    (
        format!("{{\"generation\":{generation},\"workspace\":{json}}}"),
        json,
    )
}

/// Reads the value of [`GENERATION_KEY`]; anything unreadable counts as 0.
pub fn decode_generation(raw: Option<&str>) -> u64 {
    raw.and_then(|raw| raw.trim().parse().ok()).unwrap_or(0)
}

/// Why the browser refused a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteFailure {
    /// The origin's storage is full.
    QuotaExceeded,
    /// Anything else (storage disabled, private mode, …).
    Other(String),
}

/// Classifies a DOMException from `localStorage.setItem`. Chromium names it
/// `QuotaExceededError`; Firefox has used `NS_ERROR_DOM_QUOTA_REACHED`.
pub fn classify_write_error(name: &str, message: &str) -> WriteFailure {
    const QUOTA_NAMES: [&str; 2] = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"];
    if QUOTA_NAMES
        .iter()
        .any(|quota| name.contains(quota) || message.contains(quota))
    {
        WriteFailure::QuotaExceeded
    } else {
        WriteFailure::Other(format!("{name}: {message}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::seed_campaign;

    /// A workspace as layout 1 stored it (first release of the app).
    const V1_FIXTURE: &str = include_str!("../../tests/fixtures/storage-v1-workspace.json");

    #[test]
    fn a_layout_1_workspace_migrates_with_its_data() {
        let stored = migrate_v1(V1_FIXTURE).unwrap();
        assert_eq!(stored.generation, 1);
        assert_eq!(
            stored.workspace.campaign.id,
            "2f0c9a52-0d6e-4a53-9d1b-6a3f3c1f7e10"
        );
        assert_eq!(
            stored.workspace.campaign.title,
            "Phong trào thử nghiệm đã lưu"
        );
        assert_eq!(stored.workspace.campaign.criteria.len(), 5);
        assert_eq!(stored.workspace.daily_reports.len(), 1);
        assert_eq!(stored.workspace.daily_reports[0].counts.docs_received, 12);
    }

    #[test]
    fn what_is_encoded_decodes_to_the_same() {
        let workspace = Workspace::new(seed_campaign("x"));
        let (raw, json) = encode_stored(42, &workspace);
        assert_eq!(json, serde_json::to_string(&workspace).unwrap());
        assert_eq!(
            decode_stored(&raw),
            Ok(Stored {
                generation: 42,
                workspace
            })
        );
    }

    #[test]
    fn a_newer_schema_is_refused_by_name() {
        let mut workspace = Workspace::new(seed_campaign("x"));
        workspace.schema_version = SCHEMA_VERSION + 1;
        let (raw, _) = encode_stored(1, &workspace);
        assert_eq!(
            decode_stored(&raw),
            Err(DecodeError::Newer(SCHEMA_VERSION + 1))
        );
        assert!(DecodeError::Newer(9)
            .to_string()
            .contains("phiên bản mới hơn"));
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for raw in [
            "",
            "{",
            "null",
            "[]",
            r#"{"generation":-1}"#,
            r#"{"generation":1,"workspace":7}"#,
        ] {
            assert!(
                matches!(decode_stored(raw), Err(DecodeError::Malformed(_))),
                "{raw}"
            );
        }
    }

    #[test]
    fn generations_default_to_zero() {
        assert_eq!(decode_generation(None), 0);
        assert_eq!(decode_generation(Some("abc")), 0);
        assert_eq!(decode_generation(Some(" 17 ")), 17);
    }

    #[test]
    fn quota_errors_are_recognised_in_chromium_and_firefox_spelling() {
        assert_eq!(
            classify_write_error(
                "QuotaExceededError",
                "Setting the value of 'x' exceeded the quota."
            ),
            WriteFailure::QuotaExceeded
        );
        assert_eq!(
            classify_write_error(
                "NS_ERROR_DOM_QUOTA_REACHED",
                "Persistent storage maximum size reached"
            ),
            WriteFailure::QuotaExceeded
        );
        assert!(matches!(
            classify_write_error("SecurityError", "The operation is insecure."),
            WriteFailure::Other(_)
        ));
    }
}
