//! The layout of the workspace in browser storage, and its migrations.
//!
//! Layout 2 (current) keeps two keys:
//! - `WORKSPACE_KEY` holds `{"generation":N,"workspace":{…}}`;
//! - `GENERATION_KEY` holds `N` alone, so a tab can check cheaply before every
//!   write whether another tab has saved since it last read.
//!
//! A workspace whose JSON exceeds [`COMPRESS_ABOVE`] bytes (a merged
//! province: about 29 MB of JSON, several times localStorage's quota) is
//! stored as `{"generation":N,"workspace_deflate":"…"}` instead: the JSON
//! compressed with DEFLATE and written in base64, about 1/12 of the size.
//! Smaller workspaces stay plain JSON, readable in the browser's devtools.
//!
//! Layout 1 stored the bare workspace under [`LEGACY_V1_KEY`]. Migrating
//! leaves that key untouched: it is the snapshot taken before the migration.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::campaign::model::{
    DailyReport, Initiative, Officer, OfficerRecord, Submission, Workspace, SCHEMA_VERSION,
};

/// The workspace, wrapped with its generation.
pub const WORKSPACE_KEY: &str = "thidua/v2/workspace";
/// The generation of what [`WORKSPACE_KEY`] holds.
pub const GENERATION_KEY: &str = "thidua/v2/generation";
/// Where layout 1 kept the bare workspace.
pub const LEGACY_V1_KEY: &str = "thidua/v1/workspace";
/// JSON larger than this is stored compressed.
pub const COMPRESS_ABOVE: usize = 1024 * 1024;
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
    let version = schema_version_of(json)?;
    if version > SCHEMA_VERSION {
        return Err(DecodeError::Newer(version));
    }
    serde_json::from_str(json).map_err(|e| DecodeError::Malformed(e.to_string()))
}

/// The schema version a workspace's JSON declares. The app writes it first
/// (`Workspace`'s first field), so there it is read off the start; any
/// other JSON goes through serde, which is a whole pass over the text (for
/// a province's 29 MB, a fifth of decoding it in the browser).
fn schema_version_of(json: &str) -> Result<u32, DecodeError> {
    if let Some(rest) = json.strip_prefix("{\"schema_version\":") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if rest[digits..].starts_with([',', '}']) {
            if let Ok(version) = rest[..digits].parse() {
                return Ok(version);
            }
        }
    }
    let probe: VersionProbe =
        serde_json::from_str(json).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    Ok(probe.schema_version)
}

/// Reads the value of [`WORKSPACE_KEY`].
pub fn decode_stored(raw: &str) -> Result<Stored, DecodeError> {
    #[derive(Deserialize)]
    struct Envelope<'a> {
        generation: u64,
        #[serde(borrow)]
        workspace: Option<&'a serde_json::value::RawValue>,
        workspace_deflate: Option<&'a str>,
    }
    let envelope: Envelope =
        serde_json::from_str(raw).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    let workspace = match (envelope.workspace, envelope.workspace_deflate) {
        (Some(json), _) => decode_workspace(json.get())?,
        (None, Some(packed)) => decode_workspace(&inflate(packed)?)?,
        (None, None) => return Err(DecodeError::Malformed("không có dữ liệu".into())),
    };
    Ok(Stored {
        generation: envelope.generation,
        workspace,
    })
}

/// What browser storage holds of the workspace, read but not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The value of [`WORKSPACE_KEY`].
    Current(String),
    /// Only the value of [`LEGACY_V1_KEY`].
    Legacy(String),
}

impl Found {
    /// The text as stored.
    pub fn text(&self) -> &str {
        match self {
            Found::Current(text) | Found::Legacy(text) => text,
        }
    }

    /// The workspace it holds, migrated from layout 1 if need be.
    pub fn decode(&self) -> Result<Stored, DecodeError> {
        match self {
            Found::Current(text) => decode_stored(text),
            Found::Legacy(text) => migrate_v1(text),
        }
    }
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
    let json = workspace_json(workspace);
    (stored_value(generation, &json), json)
}

/// The workspace's JSON: what a tab compares to skip writes that change nothing.
pub fn workspace_json(workspace: &Workspace) -> String {
    serde_json::to_string(workspace).expect("a workspace always serialises")
}

/// How many records one of [`workspace_parts`]' parts holds at most. Each
/// part is decoded in a task of its own on the page; a province's 48,000
/// daily reports took 140 ms with the rest of its workspace in one, and a
/// part of 8,000 reports 50 ms (a Chromium profile of “Hợp nhất”).
pub const RECORDS_PER_PART: usize = 4_000;

/// A workspace's JSON cut so that the page can decode it a part per task:
/// the workspace without its officers, daily reports, officers' records,
/// initiatives and submissions (the skeleton, read by [`decode_workspace`]),
/// then those records a slice at a time, each a JSON object naming its list
/// ([`add_part`]). (With the initiatives in it, the sample province's
/// skeleton was 1.45 MB, 1.3 MB of them initiatives: decoding it was the
/// longest task of “Hợp nhất”.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceParts {
    /// The workspace, its long lists empty.
    pub skeleton: String,
    /// The lists' records, in order, at most [`RECORDS_PER_PART`] a part.
    pub parts: Vec<String>,
}

#[derive(Serialize, Default)]
struct PartOut<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    officers: &'a [Officer],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    daily_reports: &'a [DailyReport],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    officer_records: &'a [OfficerRecord],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    initiatives: &'a [Initiative],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    submissions: &'a [Submission],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartIn {
    #[serde(default)]
    officers: Vec<Officer>,
    #[serde(default)]
    daily_reports: Vec<DailyReport>,
    #[serde(default)]
    officer_records: Vec<OfficerRecord>,
    #[serde(default)]
    initiatives: Vec<Initiative>,
    #[serde(default)]
    submissions: Vec<Submission>,
}

/// Cuts `workspace` into [`WorkspaceParts`].
pub fn workspace_parts(mut workspace: Workspace) -> WorkspaceParts {
    let officers = std::mem::take(&mut workspace.campaign.officers);
    let reports = std::mem::take(&mut workspace.daily_reports);
    let records = std::mem::take(&mut workspace.officer_records);
    let initiatives = std::mem::take(&mut workspace.initiatives);
    let submissions = std::mem::take(&mut workspace.submissions);
    /// `list` a slice of [`RECORDS_PER_PART`] at a time, each made a part by `part`.
    fn slices<'a, T>(
        list: &'a [T],
        part: impl Fn(&'a [T]) -> PartOut<'a> + 'a,
    ) -> impl Iterator<Item = PartOut<'a>> + 'a {
        list.chunks(RECORDS_PER_PART).map(part)
    }
    let empty = PartOut::default;
    let parts = slices(&officers, |officers| PartOut {
        officers,
        ..empty()
    })
    .chain(slices(&reports, |daily_reports| PartOut {
        daily_reports,
        ..empty()
    }))
    .chain(slices(&records, |officer_records| PartOut {
        officer_records,
        ..empty()
    }))
    .chain(slices(&initiatives, |initiatives| PartOut {
        initiatives,
        ..empty()
    }))
    .chain(slices(&submissions, |submissions| PartOut {
        submissions,
        ..empty()
    }))
    .map(|part| serde_json::to_string(&part).expect("records always serialise"))
    .collect();
    WorkspaceParts {
        skeleton: workspace_json(&workspace),
        parts,
    }
}

/// Adds one of [`workspace_parts`]' parts to the workspace its skeleton
/// decoded to.
pub fn add_part(workspace: &mut Workspace, part: &str) -> Result<(), DecodeError> {
    let part: PartIn =
        serde_json::from_str(part).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    workspace.campaign.officers.extend(part.officers);
    workspace.daily_reports.extend(part.daily_reports);
    workspace.officer_records.extend(part.officer_records);
    workspace.initiatives.extend(part.initiatives);
    workspace.submissions.extend(part.submissions);
    Ok(())
}

/// The value to write under [`WORKSPACE_KEY`] for the workspace's `json`:
/// plain up to [`COMPRESS_ABOVE`] bytes, compressed beyond.
pub fn stored_value(generation: u64, json: &str) -> String {
    stored_value_of(generation, &stored_body(json))
}

/// What [`stored_value`] holds besides the generation: the workspace's
/// `json` as it is, or compressed. Made apart so the import worker can do
/// the compressing of a merged province, half of saving it on the page.
pub fn stored_body(json: &str) -> String {
    if json.len() > COMPRESS_ABOVE {
        format!("\"workspace_deflate\":\"{}\"", deflate(json))
    } else {
        format!("\"workspace\":{json}")
    }
}

/// The value to write under [`WORKSPACE_KEY`] from a [`stored_body`].
pub fn stored_value_of(generation: u64, body: &str) -> String {
    let (head, tail) = stored_value_ends(generation);
    [head.as_str(), body, tail].concat()
}

/// What [`stored_value_of`] puts before and after the body: the page
/// writes a merged province's body around them as the import worker sent
/// it, without copying its megabytes into wasm and back
/// (`web::storage::TabStorage::save_ahead`).
pub fn stored_value_ends(generation: u64) -> (String, &'static str) {
    (format!("{{\"generation\":{generation},"), "}")
}

/// DEFLATE, then base64. Every autosave of a large workspace pays for it,
/// so the level is a trade: on a province (29 MB of JSON, natively) level 1
/// gives 3.3 MB in 87 ms, level 3 gives 1.8 MB in 223 ms, level 6 gives
/// 1.5 MB in 480 ms. Level 3 leaves room within localStorage's quota.
fn deflate(json: &str) -> String {
    base64_encode(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 3))
}

fn inflate(packed: &str) -> Result<String, DecodeError> {
    let bytes = base64_decode(packed)
        .ok_or_else(|| DecodeError::Malformed("dữ liệu nén không phải base64".into()))?;
    let json = miniz_oxide::inflate::decompress_to_vec(&bytes)
        .map_err(|_| DecodeError::Malformed("dữ liệu nén bị hỏng".into()))?;
    String::from_utf8(json).map_err(|_| DecodeError::Malformed("dữ liệu nén bị hỏng".into()))
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 (standard alphabet, padded), as the stored layout and signatures write it.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Value of each base64 letter; 255 for anything else.
const BASE64_VALUES: [u8; 256] = {
    let mut values = [255u8; 256];
    let mut i = 0;
    while i < 64 {
        values[BASE64[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// Reads [`base64_encode`] back; `None` for anything that is not base64.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let value = BASE64_VALUES[usize::from(*c)];
            if value == 255 {
                return None;
            }
            n |= u32::from(value) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
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
    use crate::core::campaign::template::seed_campaign;
    use crate::core::sample::{generate, SampleScale};

    /// A workspace as layout 1 stored it (first release of the app).
    const V1_FIXTURE: &str = include_str!("../../../tests/fixtures/storage-v1-workspace.json");

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
    fn what_storage_holds_decodes_by_its_layout() {
        let workspace = Workspace::new(seed_campaign("x"));
        let (raw, json) = encode_stored(7, &workspace);
        let current = Found::Current(raw.clone());
        assert_eq!(current.text(), raw);
        assert_eq!(current.decode(), decode_stored(&raw));
        assert_eq!(current.decode().unwrap().generation, 7);
        // Layout 1 held the bare workspace: it becomes generation 1.
        let legacy = Found::Legacy(json);
        assert_eq!(
            legacy.decode(),
            Ok(Stored {
                generation: 1,
                workspace
            })
        );
        // The bare workspace under the current key is not the current layout.
        assert!(matches!(
            Found::Current(legacy.text().into()).decode(),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            Found::Current("{\"generation\": 3".into()).decode(),
            Err(DecodeError::Malformed(_))
        ));
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

    // Property: the parts put back together are the workspace, at any size.
    #[test]
    fn a_workspace_in_parts_is_the_workspace() {
        let department =
            crate::core::sample::generate(crate::core::sample::SampleScale::Department, 4);
        // Two parts and one record more of daily reports and of
        // initiatives, and a division's submission.
        let mut big = department.clone();
        for n in 0..2 * RECORDS_PER_PART + 1 {
            let mut report = department.daily_reports[0].clone();
            report.meta.id = format!("them-{n}");
            big.daily_reports.push(report);
            let mut initiative = department.initiatives[0].clone();
            initiative.meta.id = format!("sang-kien-{n}");
            big.initiatives.push(initiative);
        }
        big.submissions.push(Submission {
            unit_id: department.campaign.units[0].id.clone(),
            first_exported_at: department.daily_reports[0].meta.updated_at,
            last_exported_at: department.daily_reports[0].meta.updated_at,
            file_name: "thidua-van-phong.json".into(),
            completed_at: None,
        });
        for whole in [Workspace::new(seed_campaign("trống")), department, big] {
            let parts = workspace_parts(whole.clone());
            let records = whole.campaign.officers.len()
                + whole.daily_reports.len()
                + whole.officer_records.len()
                + whole.initiatives.len()
                + whole.submissions.len();
            assert!(parts.parts.len() <= records.div_ceil(RECORDS_PER_PART) + 5);
            let skeleton = decode_workspace(&parts.skeleton).unwrap();
            assert!(skeleton.initiatives.is_empty() && skeleton.submissions.is_empty());
            let mut put_back = decode_workspace(&parts.skeleton).unwrap();
            for part in &parts.parts {
                add_part(&mut put_back, part).unwrap();
            }
            assert_eq!(put_back, whole);
        }
        let mut workspace = Workspace::new(seed_campaign("x"));
        for garbage in ["", "{", r#"{"reports":[]}"#, r#"{"daily_reports":7}"#] {
            assert!(
                matches!(
                    add_part(&mut workspace, garbage),
                    Err(DecodeError::Malformed(_))
                ),
                "{garbage}"
            );
        }
    }

    // The version read off the start of the app's own JSON, or by serde from
    // any other: the same answer either way.
    #[test]
    fn the_schema_version_is_found_wherever_it_stands() {
        let newer = SCHEMA_VERSION + 1;
        for json in [
            format!(r#"{{"schema_version":{newer},"campaign":{{}}}}"#),
            format!(r#"{{"campaign":{{}},"schema_version":{newer}}}"#),
            format!(r#"{{ "schema_version" : {newer} , "campaign": {{}} }}"#),
            format!(r#"{{"schema_version":{newer}}}"#),
        ] {
            assert_eq!(
                decode_workspace(&json),
                Err(DecodeError::Newer(newer)),
                "{json}"
            );
        }
        for json in [
            r#"{"schema_version":}"#,
            r#"{"schema_version":-1,"campaign":{}}"#,
            r#"{"schema_version":99999999999,"campaign":{}}"#,
            r#"{"schema_version":"2"}"#,
        ] {
            assert!(
                matches!(decode_workspace(json), Err(DecodeError::Malformed(_))),
                "{json}"
            );
        }
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

    #[test]
    fn base64_round_trips_every_length() {
        for length in 0..40u8 {
            let bytes: Vec<u8> = (0..length).map(|b| b.wrapping_mul(37)).collect();
            assert_eq!(base64_decode(&base64_encode(&bytes)), Some(bytes));
        }
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(b"Ma"), "TWE=");
        assert_eq!(base64_decode("T!Fu"), None);
    }

    // A merged province does not fit localStorage as JSON: it is stored
    // compressed and reads back unchanged; a department stays plain JSON.
    #[test]
    fn a_province_is_stored_compressed_and_a_department_plain() {
        let department = generate(SampleScale::Department, 1);
        let (raw, _) = encode_stored(3, &department);
        assert!(raw.contains("\"workspace\":{"));

        let province = generate(SampleScale::Province, 2025);
        let (raw, json) = encode_stored(7, &province);
        assert!(json.len() > 20_000_000, "{}", json.len());
        assert!(raw.contains("\"workspace_deflate\":\""));
        assert!(raw.len() < 3_000_000, "stored {} bytes", raw.len());
        let stored = decode_stored(&raw).unwrap();
        assert_eq!(stored.generation, 7);
        assert_eq!(stored.workspace, province);
    }

    #[test]
    fn damaged_compressed_data_is_malformed_not_a_panic() {
        for raw in [
            r#"{"generation":1,"workspace_deflate":"@@@"}"#,
            r#"{"generation":1,"workspace_deflate":"AAAA"}"#,
            r#"{"generation":1}"#,
        ] {
            assert!(
                matches!(decode_stored(raw), Err(DecodeError::Malformed(_))),
                "{raw}"
            );
        }
    }
}
