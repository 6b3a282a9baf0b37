//! The exchange file (DESIGN.md §4): a division exports its records as one
//! self-describing JSON file; the Legal Division imports many and merges them.
//!
//! Every file goes through the same pipeline, in the app and in `thidua-cli`:
//! size limit → JSON → format → schema version → digest → envelope →
//! campaign → records → ownership. The format is written up in
//! `docs/exchange-format.md`.
//!
//! Schema 2 puts every field of the file under the digest: the sealed
//! `envelope` (format, version, app, campaign, criteria, source, export time,
//! records) is hashed over its exact bytes, and the two fields outside it
//! (`format`, `schema_version`, there so any reader can tell the file's kind)
//! must repeat what is sealed. Schema 1 covered only the records: such files
//! still import, with a warning that their export time is not protected.

use rustc_hash::FxHashSet as HashSet;
use std::fmt;
use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::core::campaign::calendar::working_days;
use crate::core::campaign::model::{
    Campaign, Chain, DailyReport, Initiative, InitiativeOwner, Officer, OfficerRecord, Unit,
    Workspace,
};
use crate::core::digest::{hex, sha256_hex};
use crate::core::entry::history::chain_holds;
use crate::core::entry::validation::{check_counts, check_officer_record, DateProblem};
use crate::core::exchange::signature::Signer;
use crate::core::format;

/// The `format` field of an exchange file.
pub const EXPORT_FORMAT: &str = "thidua-export";
/// Layout version of the exchange file; a newer one is refused.
pub const EXPORT_SCHEMA_VERSION: u32 = 2;
/// The first layout, whose digest covered only the records.
const LEGACY_SCHEMA_VERSION: u32 = 1;
/// The app that wrote a file, for support questions.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Larger files are refused before parsing. A whole province's consolidated
/// file (48,000 daily reports, 20,000 officers) is about 25 MB.
pub const MAX_EXPORT_BYTES: usize = 64 * 1024 * 1024;
/// Problems listed per file before the rest are only counted.
const MAX_LISTED_PROBLEMS: usize = 12;

/// Who made a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// One division's own records.
    Unit {
        /// The division.
        unit_id: String,
        /// Its name when exported.
        unit_name: String,
    },
    /// Everything a consolidating office holds (the Legal Division's merge).
    Consolidated {
        /// The issuing body, e.g. the department.
        issuer: String,
    },
}

/// The records a file carries. Unknown fields are refused: a new kind of
/// record comes with a new schema version, never silently dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// The divisions the records belong to.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Their officers, removed ones as tombstones.
    #[serde(default)]
    pub officers: Vec<Officer>,
    /// Daily counts.
    #[serde(default)]
    pub daily_reports: Vec<DailyReport>,
    /// Per-officer records.
    #[serde(default)]
    pub officer_records: Vec<OfficerRecord>,
    /// Initiatives of the divisions and their officers.
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    /// The campaign itself, in a consolidated file: under the digest, so the
    /// file can be evaluated and reported on alone (`thidua-cli evaluate
    /// tong-hop.json`). Divisions' files do not carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<Campaign>,
    /// The change history of the records' divisions: a division's file
    /// carries its own chains, a consolidated file every chain received.
    /// (Absent in files written before it existed, and when empty.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Chain>,
}

/// A decoded exchange file.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportFile {
    /// Version of the app that wrote it.
    pub app_version: String,
    /// The campaign the records belong to.
    pub campaign_id: String,
    /// [`criteria_fingerprint`] of the writer's criteria.
    pub criteria_fingerprint: String,
    /// Who made it.
    pub source: Source,
    /// When it was made.
    pub exported_at: DateTime<Utc>,
    /// The records.
    pub payload: Payload,
    /// The public key of the browser that signed it (sealed); `None` unsigned.
    pub signer: Option<Signer>,
    /// The signature over the sealed envelope's exact bytes (base64 `r‖s`),
    /// beside the envelope; see `core::exchange::signature`.
    pub signature: Option<String>,
}

/// The sealed part of a schema-2 file: everything the digest covers.
#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    schema_version: u32,
    app_version: &'a str,
    campaign_id: &'a str,
    criteria_fingerprint: &'a str,
    source: &'a Source,
    exported_at: DateTime<Utc>,
    payload: &'a Payload,
    #[serde(skip_serializing_if = "Option::is_none")]
    signer: Option<&'a Signer>,
}

/// A schema-2 file: the kind in the open, then the digest, the signature
/// when there is one, and what they seal.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    schema_version: u32,
    envelope_sha256: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<&'a str>,
    envelope: &'a RawValue,
}

// Every field optional, so a file missing one gets a message naming it
// rather than a parser's error.
#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: Option<String>,
    schema_version: Option<u32>,
    app_version: Option<String>,
    campaign_id: Option<String>,
    criteria_fingerprint: Option<String>,
    source: Option<Source>,
    exported_at: Option<DateTime<Utc>>,
    payload_sha256: Option<String>,
    #[serde(borrow)]
    payload: Option<&'a RawValue>,
    /// Schema 2: the digest of `envelope`'s exact bytes.
    envelope_sha256: Option<String>,
    /// Schema 2: the sealed fields.
    #[serde(borrow)]
    envelope: Option<&'a RawValue>,
    /// Schema 2, sealed: who signed.
    signer: Option<Signer>,
    /// Schema 2, beside the envelope: the signature.
    signature: Option<String>,
}

/// The sealed envelope with its records decoded in the same pass: the
/// fast path for a good file. Anything wrong in it and the envelope is read
/// again field by field, for the message that names the problem.
#[derive(Deserialize)]
struct SealedIn {
    format: Option<String>,
    schema_version: Option<u32>,
    app_version: Option<String>,
    campaign_id: Option<String>,
    criteria_fingerprint: Option<String>,
    source: Option<Source>,
    #[serde(
        default,
        deserialize_with = "crate::core::format::deserialize_optional_utc"
    )]
    exported_at: Option<DateTime<Utc>>,
    payload: Option<Payload>,
    signer: Option<Signer>,
}

/// Why a file was refused. Shown to users: every message is Vietnamese and
/// says what to do.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    /// Larger than [`MAX_EXPORT_BYTES`].
    TooLarge(usize),
    /// Cut short while writing or sending.
    Truncated,
    /// Not JSON at all.
    NotJson(String),
    /// JSON, but not an exchange file (maybe a campaign file or a backup).
    WrongFormat(Option<String>),
    /// From a newer version of the app.
    Newer(u32),
    /// A required envelope field is missing.
    MissingField(&'static str),
    /// Made for another campaign.
    OtherCampaign(String),
    /// The payload (schema 1) or the envelope (schema 2) was changed after export.
    DigestMismatch,
    /// A field outside the sealed envelope says something else than inside.
    OpenFieldChanged(&'static str),
    /// Records of the wrong shape or breaking the rules.
    InvalidRecords(Vec<String>),
    /// A division's file carrying another division's records.
    NotOwned(Vec<String>),
    /// A change history whose links do not hash to its head: a change in
    /// it was edited, removed or inserted after it was recorded.
    BrokenHistory(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::TooLarge(size) => write!(
                f,
                "Tệp quá lớn ({} byte; tối đa {} byte).",
                format::integer(*size as i64),
                format::integer(MAX_EXPORT_BYTES as i64)
            ),
            ExportError::Truncated => f.write_str(
                "Tệp bị cắt dở (thiếu phần cuối). Hãy xin phòng gửi lại tệp xuất từ ứng dụng.",
            ),
            ExportError::NotJson(reason) => write!(
                f,
                "Tệp không phải JSON hợp lệ ({reason}). Chỉ nhập được tệp .json do ứng dụng \
                 xuất ra."
            ),
            ExportError::WrongFormat(Some(found)) => write!(
                f,
                "Đây không phải tệp dữ liệu của phòng (loại tệp: “{found}”). Tệp cần nhập là tệp \
                 “Xuất dữ liệu của phòng” ở màn hình Nhập liệu."
            ),
            ExportError::WrongFormat(None) => f.write_str(
                "Đây không phải tệp dữ liệu của ứng dụng. Tệp cần nhập là tệp “Xuất dữ liệu của \
                 phòng” ở màn hình Nhập liệu.",
            ),
            ExportError::Newer(version) => write!(
                f,
                "Tệp do phiên bản mới hơn của ứng dụng tạo (phiên bản tệp {version}, ứng dụng \
                 này đọc được đến {EXPORT_SCHEMA_VERSION}). Hãy cập nhật ứng dụng rồi nhập lại."
            ),
            ExportError::MissingField(field) => {
                write!(f, "Tệp thiếu trường bắt buộc “{field}”.")
            }
            ExportError::OtherCampaign(found) => write!(
                f,
                "Tệp thuộc một phong trào thi đua khác (mã “{found}”). Phòng gửi tệp cần nhập \
                 tệp thiết lập phong trào của Phòng Pháp chế trước khi nhập liệu."
            ),
            ExportError::DigestMismatch => f.write_str(
                "Nội dung tệp đã bị sửa sau khi xuất (mã kiểm tra SHA-256 không khớp). Hãy xin \
                 phòng xuất lại tệp.",
            ),
            ExportError::OpenFieldChanged(field) => write!(
                f,
                "Trường “{field}” của tệp đã bị sửa sau khi xuất (khác với phần được mã kiểm tra \
                 bảo vệ). Hãy xin phòng xuất lại tệp."
            ),
            ExportError::InvalidRecords(problems) => {
                write!(f, "Dữ liệu trong tệp có lỗi: {}", problems.join(" "))
            }
            ExportError::NotOwned(problems) => write!(
                f,
                "Tệp của một phòng chỉ được chứa dữ liệu của chính phòng đó: {}",
                problems.join(" ")
            ),
            ExportError::BrokenHistory(unit) => write!(
                f,
                "Lịch sử sửa đổi của “{unit}” trong tệp đã bị sửa tay: chuỗi mã băm không khớp \
                 (có lần sửa bị thay đổi, xóa bớt hoặc chèn thêm). Tệp không được nhập; hãy xin \
                 phòng xuất lại tệp từ ứng dụng."
            ),
        }
    }
}

/// A short fingerprint of what the criteria measure and how: two files with
/// the same fingerprint were evaluated under the same rules.
pub fn criteria_fingerprint(campaign: &Campaign) -> String {
    let criteria = serde_json::to_vec(&campaign.criteria).expect("criteria serialise");
    hex(&Sha256::digest(&criteria))[..16].to_string()
}

/// A file's sealed envelope, ready to be signed: its exact bytes are what
/// the digest and the signature cover.
pub struct SealedExport {
    /// The envelope as it will stand in the file.
    pub envelope: String,
}

/// Seals `file`'s envelope (schema 2: compact JSON, `signer` included when
/// the file has one).
pub fn seal_export(file: &ExportFile) -> SealedExport {
    let envelope = serde_json::to_string(&EnvelopeOut {
        format: EXPORT_FORMAT,
        schema_version: EXPORT_SCHEMA_VERSION,
        app_version: &file.app_version,
        campaign_id: &file.campaign_id,
        criteria_fingerprint: &file.criteria_fingerprint,
        source: &file.source,
        exported_at: file.exported_at,
        payload: &file.payload,
        signer: file.signer.as_ref(),
    })
    .expect("an envelope serialises");
    SealedExport { envelope }
}

impl SealedExport {
    /// The file's text, with `signature` (base64 `r‖s` over
    /// [`SealedExport::envelope`]) when it is signed.
    pub fn file_text(self, signature: Option<&str>) -> String {
        let digest = sha256_hex(self.envelope.as_bytes());
        let envelope = RawValue::from_string(self.envelope).expect("serde_json wrote valid JSON");
        serde_json::to_string(&FileOut {
            format: EXPORT_FORMAT,
            schema_version: EXPORT_SCHEMA_VERSION,
            envelope_sha256: digest,
            signature,
            envelope: &envelope,
        })
        .expect("a file serialises")
    }
}

/// The file's text (schema 2): compact JSON, the digest taken over the
/// sealed envelope's exact bytes, the file's own signature kept.
pub fn encode_export(file: &ExportFile) -> String {
    seal_export(file).file_text(file.signature.as_deref())
}

/// The warning a schema-1 file gets: its digest covered only the records.
pub const LEGACY_FORMAT_WARNING: &str = "Tệp theo định dạng cũ (phiên bản 1): mã kiểm tra chỉ \
    bảo vệ số liệu, không bảo vệ thời điểm xuất và tên phòng gửi. Nên xin phòng xuất lại bằng \
    ứng dụng mới.";

/// The fields a file's digest vouches for, from either schema: the sealed
/// envelope of schema 2, or the open fields of schema 1 once its payload's
/// digest holds (with [`LEGACY_FORMAT_WARNING`]).
///
/// The records come decoded when the fast path read them (schema 2), and
/// are otherwise left in `payload` for [`Importer::decode`] to read.
/// `digest` is the SHA-256 of [`sealed_part`] when the caller already has it.
fn unseal<'a>(text: &'a str, digest: Option<&str>) -> Result<Unsealed<'a>, ExportError> {
    // A file as the app writes it: the envelope's bytes are found without a
    // parse, hashed, and read once, records and all.
    if let Some((claimed, signature, sealed)) = canonical_parts(text) {
        let matches = match digest {
            Some(digest) => digest.eq_ignore_ascii_case(claimed),
            None => sha256_hex(sealed.as_bytes()).eq_ignore_ascii_case(claimed),
        };
        if !matches {
            return Err(ExportError::DigestMismatch);
        }
        if let Ok(fast) = serde_json::from_str::<SealedIn>(sealed) {
            if fast.format.as_deref() != Some(EXPORT_FORMAT) {
                return Err(ExportError::OpenFieldChanged("format"));
            }
            if fast.schema_version != Some(EXPORT_SCHEMA_VERSION) {
                return Err(ExportError::OpenFieldChanged("schema_version"));
            }
            return fast.into_unsealed(signature.map(String::from));
        }
        // Something in it is wrong: the slow path below names it.
    }
    let mut top: EnvelopeIn = serde_json::from_str(text).map_err(parse_error)?;
    if top.format.as_deref() != Some(EXPORT_FORMAT) {
        return Err(ExportError::WrongFormat(top.format));
    }
    let version = top
        .schema_version
        .ok_or(ExportError::MissingField("schema_version"))?;
    if version > EXPORT_SCHEMA_VERSION {
        return Err(ExportError::Newer(version));
    }
    if version <= LEGACY_SCHEMA_VERSION {
        let payload = top.payload.ok_or(ExportError::MissingField("payload"))?;
        let digest = top
            .payload_sha256
            .as_deref()
            .ok_or(ExportError::MissingField("payload_sha256"))?;
        if !sha256_hex(payload.get().as_bytes()).eq_ignore_ascii_case(digest) {
            return Err(ExportError::DigestMismatch);
        }
        // Schema 1 seals nothing but the records: no signer to believe.
        top.signer = None;
        top.signature = None;
        return Ok(Unsealed {
            envelope: top,
            records: None,
            legacy: Some(LEGACY_FORMAT_WARNING),
        });
    }
    let sealed = top.envelope.ok_or(ExportError::MissingField("envelope"))?;
    let digest = top
        .envelope_sha256
        .ok_or(ExportError::MissingField("envelope_sha256"))?;
    if !sha256_hex(sealed.get().as_bytes()).eq_ignore_ascii_case(&digest) {
        return Err(ExportError::DigestMismatch);
    }
    let signature = top.signature.take();
    let open_fields_hold = |format: &Option<String>, schema_version: Option<u32>| {
        if *format != top.format {
            Err(ExportError::OpenFieldChanged("format"))
        } else if schema_version != Some(version) {
            Err(ExportError::OpenFieldChanged("schema_version"))
        } else {
            Ok(())
        }
    };
    if let Ok(fast) = serde_json::from_str::<SealedIn>(sealed.get()) {
        open_fields_hold(&fast.format, fast.schema_version)?;
        return fast.into_unsealed(signature);
    }
    let mut inner: EnvelopeIn = serde_json::from_str(sealed.get()).map_err(parse_error)?;
    open_fields_hold(&inner.format, inner.schema_version)?;
    inner.signature = signature;
    Ok(Unsealed {
        envelope: inner,
        records: None,
        legacy: None,
    })
}

impl SealedIn {
    fn into_unsealed<'a>(self, signature: Option<String>) -> Result<Unsealed<'a>, ExportError> {
        let envelope = EnvelopeIn {
            format: self.format,
            schema_version: self.schema_version,
            app_version: self.app_version,
            campaign_id: self.campaign_id,
            criteria_fingerprint: self.criteria_fingerprint,
            source: self.source,
            exported_at: self.exported_at,
            payload_sha256: None,
            payload: None,
            envelope_sha256: None,
            envelope: None,
            signer: self.signer,
            signature,
        };
        Ok(Unsealed {
            envelope,
            records: Some(self.payload.ok_or(ExportError::MissingField("payload"))?),
            legacy: None,
        })
    }
}

/// The layout [`encode_export`] writes, up to the digest.
const CANONICAL_START: &str =
    "{\"format\":\"thidua-export\",\"schema_version\":2,\"envelope_sha256\":\"";

/// The claimed digest, the signature if any, and the sealed envelope of a
/// file laid out exactly as [`encode_export`] writes it; `None` for any
/// other layout (a file edited by hand still imports, through the general
/// path).
fn canonical_parts(text: &str) -> Option<(&str, Option<&str>, &str)> {
    // The ranges fall on ASCII characters, so they slice the text as they
    // slice its bytes. (Any white space may follow the file's last brace.)
    let ranges = canonical_ranges(text.trim_end().as_bytes())?;
    Some((
        &text[ranges.digest],
        ranges.signature.map(|signature| &text[signature]),
        &text[ranges.sealed],
    ))
}

/// Where [`canonical_parts`] lie in a file's bytes. Only ASCII is looked
/// at, so the bytes need not be checked as UTF-8 first: the import worker
/// finds the sealed envelope of each file to hash it before decoding it,
/// which checks them once (checking them here too cost as much again,
/// some 4 % of decoding a province: callgrind, `benches/import.rs`).
fn canonical_ranges(bytes: &[u8]) -> Option<CanonicalRanges> {
    let start = CANONICAL_START.len();
    if !bytes.starts_with(CANONICAL_START.as_bytes()) || bytes.len() < start + 64 {
        return None;
    }
    let digest = start..start + 64;
    if !bytes[digest.clone()].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut at = digest.end;
    const SIGNATURE: &[u8] = b"\",\"signature\":\"";
    let signature = if bytes[at..].starts_with(SIGNATURE) {
        let from = at + SIGNATURE.len();
        let end = from + bytes[from..].iter().position(|&b| b == b'"')?;
        let plain = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        if !bytes[from..end].iter().all(plain) {
            return None;
        }
        at = end;
        Some(from..end)
    } else {
        None
    };
    const ENVELOPE: &[u8] = b"\",\"envelope\":";
    if !bytes[at..].starts_with(ENVELOPE) {
        return None;
    }
    let from = at + ENVELOPE.len();
    let end = from + bytes[from..].trim_ascii_end().strip_suffix(b"}")?.len();
    Some(CanonicalRanges {
        digest,
        signature,
        sealed: from..end,
    })
}

/// The byte ranges [`canonical_ranges`] finds.
struct CanonicalRanges {
    digest: Range<usize>,
    signature: Option<Range<usize>>,
    sealed: Range<usize>,
}

/// The bytes of a file whose SHA-256 [`Importer::decode_bytes_with_digest`]
/// can take ready-made — so a browser can hash them with WebCrypto, off the
/// wasm thread — or `None` when the file must be hashed as it is read.
pub fn sealed_part(bytes: &[u8]) -> Option<&[u8]> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    canonical_ranges(bytes).map(|ranges| &bytes[ranges.sealed])
}

/// The sealed envelope's exact bytes in `text`, in any layout: what the
/// digest and a signature cover. `None` for a file with no envelope.
pub fn signed_part(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some((_, _, sealed)) = canonical_parts(text) {
        return Some(sealed);
    }
    let top: EnvelopeIn = serde_json::from_str(text).ok()?;
    top.envelope.map(RawValue::get)
}

/// What [`unseal`] vouches for.
struct Unsealed<'a> {
    envelope: EnvelopeIn<'a>,
    /// The records, when already decoded.
    records: Option<Payload>,
    /// The warning of a schema-1 file.
    legacy: Option<&'static str>,
}

fn officer_ids_of<'a>(
    officers: impl Iterator<Item = &'a Officer>,
    unit_id: &str,
) -> HashSet<&'a str> {
    officers
        .filter(|o| o.unit_id == unit_id)
        .map(|o| o.id.as_str())
        .collect()
}

/// What division `unit_id` exports: its own records, tombstones included.
pub fn export_unit(workspace: &Workspace, unit_id: &str, now: DateTime<Utc>) -> Option<ExportFile> {
    let campaign = &workspace.campaign;
    let unit = campaign.units.iter().find(|u| u.id == unit_id)?;
    let officers = officer_ids_of(campaign.officers.iter(), unit_id);
    let owned = |owner: &InitiativeOwner| match owner {
        InitiativeOwner::Unit(id) => id == unit_id,
        InitiativeOwner::Officer(id) => officers.contains(id.as_str()),
    };
    Some(ExportFile {
        app_version: APP_VERSION.into(),
        campaign_id: campaign.id.clone(),
        criteria_fingerprint: criteria_fingerprint(campaign),
        source: Source::Unit {
            unit_id: unit.id.clone(),
            unit_name: unit.name.clone(),
        },
        exported_at: now,
        payload: Payload {
            units: vec![unit.clone()],
            officers: campaign
                .officers
                .iter()
                .filter(|o| o.unit_id == unit_id)
                .cloned()
                .collect(),
            daily_reports: workspace
                .daily_reports
                .iter()
                .filter(|r| r.unit_id == unit_id)
                .cloned()
                .collect(),
            officer_records: workspace
                .officer_records
                .iter()
                .filter(|r| officers.contains(r.officer_id.as_str()))
                .cloned()
                .collect(),
            initiatives: workspace
                .initiatives
                .iter()
                .filter(|i| owned(&i.owner))
                .cloned()
                .collect(),
            campaign: None,
            history: workspace
                .history
                .chains
                .iter()
                .filter(|c| c.unit_id == unit_id)
                .cloned()
                .collect(),
        },
        signer: None,
        signature: None,
    })
}

/// Everything `workspace` holds, as the consolidating office's file; it
/// imports again like any other, so departments roll up into a province.
pub fn export_consolidated(workspace: &Workspace, now: DateTime<Utc>) -> ExportFile {
    let campaign = &workspace.campaign;
    ExportFile {
        app_version: APP_VERSION.into(),
        campaign_id: campaign.id.clone(),
        criteria_fingerprint: criteria_fingerprint(campaign),
        source: Source::Consolidated {
            issuer: campaign.issuing_body.clone(),
        },
        exported_at: now,
        payload: Payload {
            units: campaign.units.clone(),
            officers: campaign.officers.clone(),
            daily_reports: workspace.daily_reports.clone(),
            officer_records: workspace.officer_records.clone(),
            initiatives: workspace.initiatives.clone(),
            campaign: Some(campaign.clone()),
            history: workspace.history.chains.clone(),
        },
        signer: None,
        signature: None,
    }
}

/// The campaign a consolidated file carries, when its digest holds; `None`
/// for anything else. The file itself is checked afterwards against that
/// campaign like any other ([`Importer::decode`]).
pub fn carried_campaign(text: &str) -> Option<Campaign> {
    #[derive(Deserialize)]
    struct CampaignOnly {
        campaign: Option<Campaign>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Unsealed {
        envelope, records, ..
    } = unseal(text, None).ok()?;
    let campaign = match records {
        Some(records) => records.campaign?,
        None => {
            serde_json::from_str::<CampaignOnly>(envelope.payload?.get())
                .ok()?
                .campaign?
        }
    };
    (Some(campaign.id.as_str()) == envelope.campaign_id.as_deref()).then_some(campaign)
}

/// The day of `at` in Vietnam, where deadlines and file names are dated.
pub fn vietnam_date(at: DateTime<Utc>) -> NaiveDate {
    format::vietnam_time(at).date_naive()
}

/// The file's name: `thidua-phong-phap-che-2025-08-15.json` for a division,
/// `thidua-tong-hop-2025-08-19.json` for a consolidated file.
pub fn export_file_name(file: &ExportFile) -> String {
    let who = match &file.source {
        Source::Unit { unit_name, .. } => format::slug(unit_name),
        Source::Consolidated { .. } => "tong-hop".to_string(),
    };
    format!("thidua-{who}-{}.json", vietnam_date(file.exported_at))
}

/// A serde_json error in Vietnamese, with where it happened.
fn json_problem(error: &serde_json::Error) -> String {
    let message = error.to_string();
    // Exports are one line of JSON: a column is all that locates a problem.
    let at = if error.line() <= 1 {
        format!("vị trí ký tự {}", format::integer(error.column() as i64))
    } else {
        format!("dòng {}, cột {}", error.line(), error.column())
    };
    let quoted = |prefix: &str| {
        message
            .split_once(prefix)
            .and_then(|(_, rest)| rest.split('`').next())
            .unwrap_or_default()
            .to_string()
    };
    if message.starts_with("invalid value: integer `-") {
        format!(
            "có số âm ({}) ở {at}; số liệu phải là số nguyên không âm.",
            quoted("integer `")
        )
    } else if message.starts_with("invalid value: integer") {
        format!("có số quá lớn ({}) ở {at}.", quoted("integer `"))
    } else if message.starts_with("missing field") {
        format!("thiếu trường “{}” ở {at}.", quoted("field `"))
    } else if message.starts_with("invalid type") {
        format!("sai kiểu dữ liệu ở {at} (ví dụ chữ ở chỗ cần số).")
    } else if message.starts_with("unknown field") {
        format!(
            "có trường lạ “{}” ở {at}: tệp không do ứng dụng này xuất ra.",
            quoted("field `")
        )
    } else if message.starts_with("unknown variant") {
        format!("giá trị không hợp lệ “{}” ở {at}.", quoted("variant `"))
    } else if message.starts_with("premature end of input")
        || message.contains("input contains invalid characters")
    {
        format!("ngày hoặc giờ không hợp lệ ở {at}.")
    } else {
        format!("dữ liệu không đúng dạng ở {at}.")
    }
}

fn parse_error(error: serde_json::Error) -> ExportError {
    if error.is_eof() {
        ExportError::Truncated
    } else if error.is_syntax() {
        ExportError::NotJson(format!("dòng {}, cột {}", error.line(), error.column()))
    } else {
        ExportError::InvalidRecords(vec![format!("Phần đầu tệp {}", json_problem(&error))])
    }
}

/// Reads a file's text through the whole pipeline against `campaign`.
/// Returns the file and any warnings (e.g. criteria that differ). For many
/// files, an [`Importer`] does the campaign's share of the work once.
pub fn decode_export(
    text: &str,
    campaign: &Campaign,
) -> Result<(ExportFile, Vec<String>), ExportError> {
    Importer::new(campaign).decode(text)
}

/// What checking files against one campaign needs, computed once: a batch
/// of 2,000 files must not index 22,000 divisions and officers 2,000 times.
pub struct Importer<'a> {
    campaign: &'a Campaign,
    units: HashSet<&'a str>,
    officers: HashSet<&'a str>,
    working_days: Vec<NaiveDate>,
    fingerprint: String,
}

impl<'a> Importer<'a> {
    /// Prepares to check files against `campaign`.
    pub fn new(campaign: &'a Campaign) -> Self {
        Importer {
            campaign,
            units: campaign.units.iter().map(|u| u.id.as_str()).collect(),
            officers: campaign.officers.iter().map(|o| o.id.as_str()).collect(),
            working_days: working_days(campaign),
            fingerprint: criteria_fingerprint(campaign),
        }
    }

    /// [`Importer::decode`] of a file's bytes as read from disk (the browser
    /// hands them over without decoding them into a string first).
    pub fn decode_bytes(&self, bytes: &[u8]) -> Result<(ExportFile, Vec<String>), ExportError> {
        self.decode_bytes_with_digest(bytes, None)
    }

    /// [`Importer::decode_bytes`] with the SHA-256 (hex) of the file's
    /// [`sealed_part`] already taken.
    pub fn decode_bytes_with_digest(
        &self,
        bytes: &[u8],
        digest: Option<&str>,
    ) -> Result<(ExportFile, Vec<String>), ExportError> {
        if bytes.len() > MAX_EXPORT_BYTES {
            return Err(ExportError::TooLarge(bytes.len()));
        }
        let text = simdutf8::basic::from_utf8(bytes)
            .map_err(|_| ExportError::NotJson("không phải văn bản UTF-8".into()))?;
        self.decode_with_digest(text, digest)
    }

    /// [`decode_export`] of one file.
    pub fn decode(&self, text: &str) -> Result<(ExportFile, Vec<String>), ExportError> {
        self.decode_with_digest(text, None)
    }

    fn decode_with_digest(
        &self,
        text: &str,
        digest: Option<&str>,
    ) -> Result<(ExportFile, Vec<String>), ExportError> {
        let campaign = self.campaign;
        if text.len() > MAX_EXPORT_BYTES {
            return Err(ExportError::TooLarge(text.len()));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(ExportError::NotJson("tệp rỗng".into()));
        }
        let Unsealed {
            envelope,
            records,
            legacy,
        } = unseal(text, digest)?;
        let campaign_id = envelope
            .campaign_id
            .ok_or(ExportError::MissingField("campaign_id"))?;
        if campaign_id != campaign.id {
            return Err(ExportError::OtherCampaign(campaign_id));
        }
        let payload = match records {
            Some(records) => records,
            None => {
                let payload = envelope
                    .payload
                    .ok_or(ExportError::MissingField("payload"))?;
                // Nesting cannot hurt here: serde_json skips values it does not keep
                // without recursing, and typed fields refuse anything deeper than a record.
                serde_json::from_str(payload.get()).map_err(|e| {
                    ExportError::InvalidRecords(vec![format!("Bản ghi {}", json_problem(&e))])
                })?
            }
        };
        let file = ExportFile {
            app_version: envelope.app_version.unwrap_or_default(),
            campaign_id,
            criteria_fingerprint: envelope.criteria_fingerprint.unwrap_or_default(),
            source: envelope.source.ok_or(ExportError::MissingField("source"))?,
            exported_at: envelope
                .exported_at
                .ok_or(ExportError::MissingField("exported_at"))?,
            payload,
            signer: envelope.signer,
            signature: envelope.signature,
        };
        let problems = self.check_records(&file.payload);
        if !problems.is_empty() {
            return Err(ExportError::InvalidRecords(summarise(problems)));
        }
        if let Source::Unit { unit_id, .. } = &file.source {
            let problems = check_ownership(&file.payload, unit_id);
            if !problems.is_empty() {
                return Err(ExportError::NotOwned(summarise(problems)));
            }
        }
        if let Some(broken) = file.payload.history.iter().find(|c| !chain_holds(c)) {
            let unit = file
                .payload
                .units
                .iter()
                .find(|u| u.id == broken.unit_id)
                .map_or(broken.unit_id.clone(), |u| u.name.clone());
            return Err(ExportError::BrokenHistory(unit));
        }
        let mut warnings: Vec<String> = legacy.into_iter().map(String::from).collect();
        if file.criteria_fingerprint != self.fingerprint {
            warnings.push(
                "Tiêu chí (chỉ tiêu, trọng số) trong tệp khác với tiêu chí hiện tại; số liệu vẫn \
                 được nhập và chấm theo tiêu chí hiện tại."
                    .to_string(),
            );
        }
        Ok((file, warnings))
    }

    /// Everything wrong with the records themselves.
    fn check_records(&self, payload: &Payload) -> Vec<String> {
        let mut problems = Vec::new();
        duplicates(
            "Mã phòng",
            payload.units.iter().map(|u| u.id.as_str()),
            &mut problems,
        );
        duplicates(
            "Mã cán bộ",
            payload.officers.iter().map(|o| o.id.as_str()),
            &mut problems,
        );
        duplicates(
            "Báo cáo ngày",
            payload.daily_reports.iter().map(|r| r.meta.id.as_str()),
            &mut problems,
        );
        duplicates(
            "Bản ghi cán bộ",
            payload.officer_records.iter().map(|r| r.meta.id.as_str()),
            &mut problems,
        );
        duplicates(
            "Sáng kiến",
            payload.initiatives.iter().map(|i| i.meta.id.as_str()),
            &mut problems,
        );
        duplicates(
            "Lịch sử sửa đổi",
            payload.history.iter().map(|c| c.id.as_str()),
            &mut problems,
        );
        let file_units: HashSet<&str> = payload.units.iter().map(|u| u.id.as_str()).collect();
        let file_officers: HashSet<&str> = payload.officers.iter().map(|o| o.id.as_str()).collect();
        let unit_known = |id: &str| self.units.contains(id) || file_units.contains(id);
        let officer_known = |id: &str| self.officers.contains(id) || file_officers.contains(id);
        for unit in &payload.units {
            if unit.id.trim().is_empty() || unit.name.trim().is_empty() {
                problems.push("Có phòng không có mã hoặc tên.".into());
            }
        }
        for officer in &payload.officers {
            if !unit_known(&officer.unit_id) {
                problems.push(format!(
                    "Cán bộ “{}” thuộc phòng không có trong tệp.",
                    officer.name
                ));
            }
        }
        for report in &payload.daily_reports {
            let on = || {
                format!(
                    "Báo cáo ngày {} của “{}”:",
                    format::date(report.date),
                    report.unit_id
                )
            };
            if !unit_known(&report.unit_id) {
                problems.push(format!("{} phòng không có trong tệp.", on()));
            }
            if self.working_days.binary_search(&report.date).is_err() {
                let problem = if self.campaign.period.contains(report.date) {
                    DateProblem::NotWorkingDay(report.date)
                } else {
                    DateProblem::OutsideCampaign(report.date)
                };
                problems.push(format!("{} {problem}", on()));
            }
            for problem in check_counts(&report.counts) {
                problems.push(format!("{} {}", on(), problem.message));
            }
        }
        for record in &payload.officer_records {
            if !officer_known(&record.officer_id) {
                problems.push(format!(
                    "Bản ghi của cán bộ “{}” không rõ là ai.",
                    record.officer_id
                ));
            }
            for problem in check_officer_record(record) {
                problems.push(format!("Cán bộ “{}”: {problem}", record.officer_id));
            }
        }
        for initiative in &payload.initiatives {
            let known = match &initiative.owner {
                InitiativeOwner::Unit(id) => unit_known(id),
                InitiativeOwner::Officer(id) => officer_known(id),
            };
            if !known {
                problems.push(format!("Sáng kiến “{}” không rõ của ai.", initiative.title));
            }
            if !self.campaign.period.contains(initiative.date) {
                problems.push(format!(
                    "Sáng kiến “{}”: ngày {} nằm ngoài thời gian phong trào.",
                    initiative.title,
                    format::date(initiative.date)
                ));
            }
            if initiative
                .council_score
                .is_some_and(|s| !(0.0..=100.0).contains(&s))
            {
                problems.push(format!(
                    "Sáng kiến “{}”: điểm của Hội đồng phải từ 0 đến 100.",
                    initiative.title
                ));
            }
        }
        problems
    }
}

fn summarise(mut problems: Vec<String>) -> Vec<String> {
    if problems.len() > MAX_LISTED_PROBLEMS {
        let more = problems.len() - MAX_LISTED_PROBLEMS;
        problems.truncate(MAX_LISTED_PROBLEMS);
        problems.push(format!("… và {more} lỗi khác."));
    }
    problems
}

/// Keys that occur more than once in one list of a file.
fn duplicates<'a>(what: &str, keys: impl Iterator<Item = &'a str>, problems: &mut Vec<String>) {
    let mut seen = HashSet::default();
    for key in keys {
        if !seen.insert(key) {
            problems.push(format!("{what} “{key}” xuất hiện hai lần."));
        }
    }
}

/// Records in division `unit_id`'s file that are not the division's own.
fn check_ownership(payload: &Payload, unit_id: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for unit in payload.units.iter().filter(|u| u.id != unit_id) {
        problems.push(format!("có phòng “{}”.", unit.name));
    }
    for officer in payload.officers.iter().filter(|o| o.unit_id != unit_id) {
        problems.push(format!("có cán bộ “{}” của phòng khác.", officer.name));
    }
    for report in payload
        .daily_reports
        .iter()
        .filter(|r| r.unit_id != unit_id)
    {
        problems.push(format!(
            "có báo cáo ngày {} của phòng “{}”.",
            format::date(report.date),
            report.unit_id
        ));
    }
    let own = officer_ids_of(payload.officers.iter(), unit_id);
    for record in payload
        .officer_records
        .iter()
        .filter(|r| !own.contains(r.officer_id.as_str()))
    {
        problems.push(format!(
            "có bản ghi của cán bộ “{}” không thuộc phòng.",
            record.officer_id
        ));
    }
    for initiative in &payload.initiatives {
        let owned = match &initiative.owner {
            InitiativeOwner::Unit(id) => id == unit_id,
            InitiativeOwner::Officer(id) => own.contains(id.as_str()),
        };
        if !owned {
            problems.push(format!(
                "có sáng kiến “{}” của phòng khác.",
                initiative.title
            ));
        }
    }
    if payload.history.iter().any(|c| c.unit_id != unit_id) {
        problems.push("có lịch sử sửa đổi của phòng khác.".into());
    }
    problems
}
