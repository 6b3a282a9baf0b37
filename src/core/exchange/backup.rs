//! Bản sao lưu: the whole workspace of one browser in a file outside it, so
//! that clearing the browser's data, a reinstalled machine or storage
//! eviction loses nothing that was backed up; and the reminder that says
//! when changes have been in this browser alone for too long.
//!
//! A backup is sealed like an exchange file of schema 2 (`envelope`): the
//! open `format` and `schema_version` say what the file is, and `backup`
//! holds everything else — the app's version, the time of the backup and the
//! workspace — under one SHA-256 taken over its exact bytes. Changing any
//! field refuses the file. A workspace downloaded bare by older versions
//! (“Xuất dữ liệu ngay” when storage was full) still restores, said to have
//! no digest. The layout is written up in `docs/data-model.md`.

use std::fmt;

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap as HashMap;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::core::campaign::model::{RecordMeta, Workspace};
use crate::core::digest::sha256_hex;
use crate::core::entry::history::close_own_chains;
use crate::core::exchange::campaign_file::CAMPAIGN_FILE_FORMAT;
use crate::core::exchange::envelope::{APP_VERSION, EXPORT_FORMAT, MAX_EXPORT_BYTES};
use crate::core::exchange::persist::{decode_workspace, DecodeError};
use crate::core::format::{self, xml_text};

/// The `format` field of a backup.
pub const BACKUP_FORMAT: &str = "thidua-backup";
/// Layout version of a backup; a newer one is refused.
pub const BACKUP_SCHEMA_VERSION: u32 = 1;
/// Larger files are refused before parsing: a province's workspace is
/// about 29 MB of JSON, as large as the largest exchange file.
pub const MAX_BACKUP_BYTES: usize = MAX_EXPORT_BYTES;

/// The name a downloaded backup gets: `thidua-sao-luu-2025-07-22.json`.
pub fn backup_file_name(today: chrono::NaiveDate) -> String {
    format!("thidua-sao-luu-{today}.json")
}

#[derive(Serialize)]
struct SealedOut<'a> {
    format: &'static str,
    schema_version: u32,
    app_version: &'static str,
    saved_at: DateTime<Utc>,
    workspace: &'a RawValue,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    schema_version: u32,
    backup_sha256: String,
    backup: &'a RawValue,
}

/// The backup of the workspace whose JSON is `workspace_json` (as
/// [`crate::core::exchange::persist::workspace_json`] writes it: the app
/// already holds it after every save, so it is not serialised again).
pub fn encode_backup(workspace_json: &str, saved_at: DateTime<Utc>) -> String {
    let workspace: &RawValue =
        serde_json::from_str(workspace_json).expect("the workspace's own JSON");
    let sealed = serde_json::to_string(&SealedOut {
        format: BACKUP_FORMAT,
        schema_version: BACKUP_SCHEMA_VERSION,
        app_version: APP_VERSION,
        saved_at,
        workspace,
    })
    .expect("a backup serialises");
    let backup_sha256 = sha256_hex(sealed.as_bytes());
    let backup = RawValue::from_string(sealed).expect("serde_json wrote valid JSON");
    serde_json::to_string(&FileOut {
        format: BACKUP_FORMAT,
        schema_version: BACKUP_SCHEMA_VERSION,
        backup_sha256,
        backup: &backup,
    })
    .expect("a backup serialises")
}

/// A backup read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    /// When it was made; `None` for a bare workspace.
    pub saved_at: Option<DateTime<Utc>>,
    /// The app that wrote it; `None` for a bare workspace.
    pub app_version: Option<String>,
    /// Whether it is a bare workspace, with no digest to check.
    pub unsealed: bool,
    /// What restoring it puts in the browser.
    pub workspace: Workspace,
}

/// Why a backup was refused. Shown to users: Vietnamese, saying what to do.
#[derive(Debug, Clone, PartialEq)]
pub enum BackupError {
    /// Larger than [`MAX_BACKUP_BYTES`].
    TooLarge(usize),
    /// Cut short while writing or copying.
    Truncated,
    /// Not JSON at all.
    NotJson(String),
    /// JSON of another kind (the `format` it names, if any).
    WrongFormat(Option<String>),
    /// From a newer version of the app.
    Newer(u32),
    /// A required field is missing.
    MissingField(&'static str),
    /// Something under the digest was changed.
    DigestMismatch,
    /// An open field says something else than the sealed one.
    OpenFieldChanged(&'static str),
    /// The workspace inside could not be read.
    Workspace(DecodeError),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::TooLarge(size) => write!(
                f,
                "Tệp quá lớn để là bản sao lưu ({} byte; tối đa {} byte).",
                format::integer(*size as i64),
                format::integer(MAX_BACKUP_BYTES as i64)
            ),
            BackupError::Truncated => f.write_str(
                "Tệp sao lưu bị cắt dở (thiếu phần cuối): có thể việc ghi hoặc sao chép tệp chưa \
                 xong. Hãy chọn một bản sao lưu khác.",
            ),
            BackupError::NotJson(reason) => write!(
                f,
                "Tệp không phải JSON hợp lệ ({reason}). Chỉ khôi phục được từ tệp sao lưu \
                 “thidua-sao-luu-….json” do ứng dụng ghi."
            ),
            BackupError::WrongFormat(Some(found)) if found == EXPORT_FORMAT => f.write_str(
                "Đây là tệp dữ liệu của phòng hoặc tệp tổng hợp, không phải bản sao lưu: hãy \
                 nhập tệp này ở màn hình Hợp nhất.",
            ),
            BackupError::WrongFormat(Some(found)) if found == CAMPAIGN_FILE_FORMAT => f.write_str(
                "Đây là tệp thiết lập phong trào, không phải bản sao lưu: hãy nhập tệp này ở mục \
                 “Tệp thiết lập phong trào”.",
            ),
            BackupError::WrongFormat(Some(found)) => write!(
                f,
                "Đây không phải bản sao lưu của ứng dụng (loại tệp: “{found}”)."
            ),
            BackupError::WrongFormat(None) => f.write_str(
                "Đây không phải bản sao lưu của ứng dụng. Tệp cần chọn là “thidua-sao-luu-….json”.",
            ),
            BackupError::Newer(version) => write!(
                f,
                "Bản sao lưu do phiên bản mới hơn của ứng dụng ghi (phiên bản tệp {version}, ứng \
                 dụng này đọc được đến {BACKUP_SCHEMA_VERSION}). Hãy cập nhật ứng dụng rồi khôi \
                 phục lại."
            ),
            BackupError::MissingField(field) => {
                write!(f, "Bản sao lưu thiếu trường bắt buộc “{field}”.")
            }
            BackupError::DigestMismatch => f.write_str(
                "Nội dung bản sao lưu đã bị sửa sau khi ghi (mã kiểm tra SHA-256 không khớp): \
                 không khôi phục từ tệp này.",
            ),
            BackupError::OpenFieldChanged(field) => write!(
                f,
                "Trường “{field}” của bản sao lưu đã bị sửa sau khi ghi (khác với phần được mã \
                 kiểm tra bảo vệ): không khôi phục từ tệp này."
            ),
            BackupError::Workspace(reason) => {
                write!(f, "Không đọc được dữ liệu trong bản sao lưu: {reason}.")
            }
        }
    }
}

fn parse_error(error: serde_json::Error) -> BackupError {
    if error.is_eof() {
        BackupError::Truncated
    } else if error.is_data() {
        // Valid JSON of another shape (a list, a number, …).
        BackupError::WrongFormat(None)
    } else {
        BackupError::NotJson(format!("dòng {}, cột {}", error.line(), error.column()))
    }
}

// Every field optional, so a file missing one gets a message naming it.
#[derive(Deserialize)]
struct FileIn<'a> {
    format: Option<String>,
    schema_version: Option<u32>,
    backup_sha256: Option<String>,
    #[serde(borrow)]
    backup: Option<&'a RawValue>,
    /// Present in a bare workspace.
    campaign: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct SealedIn<'a> {
    format: Option<String>,
    schema_version: Option<u32>,
    app_version: Option<String>,
    saved_at: Option<DateTime<Utc>>,
    #[serde(borrow)]
    workspace: Option<&'a RawValue>,
}

/// Reads a backup: size, JSON, format, version, digest, open fields, then
/// the workspace (whose own version is checked by the stored layout's reader).
pub fn decode_backup(text: &str) -> Result<Backup, BackupError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: FileIn = serde_json::from_str(text).map_err(parse_error)?;
    if file.format.is_none() && file.campaign.is_some() {
        let workspace = decode_workspace(text).map_err(BackupError::Workspace)?;
        return Ok(Backup {
            saved_at: None,
            app_version: None,
            unsealed: true,
            workspace,
        });
    }
    if file.format.as_deref() != Some(BACKUP_FORMAT) {
        return Err(BackupError::WrongFormat(file.format));
    }
    let version = file
        .schema_version
        .ok_or(BackupError::MissingField("schema_version"))?;
    if version > BACKUP_SCHEMA_VERSION {
        return Err(BackupError::Newer(version));
    }
    let sealed = file.backup.ok_or(BackupError::MissingField("backup"))?;
    let digest = file
        .backup_sha256
        .ok_or(BackupError::MissingField("backup_sha256"))?;
    if !sha256_hex(sealed.get().as_bytes()).eq_ignore_ascii_case(&digest) {
        return Err(BackupError::DigestMismatch);
    }
    let inner: SealedIn = serde_json::from_str(sealed.get()).map_err(parse_error)?;
    if inner.format != file.format {
        return Err(BackupError::OpenFieldChanged("format"));
    }
    if inner.schema_version != Some(version) {
        return Err(BackupError::OpenFieldChanged("schema_version"));
    }
    let saved_at = inner
        .saved_at
        .ok_or(BackupError::MissingField("saved_at"))?;
    let workspace = inner
        .workspace
        .ok_or(BackupError::MissingField("workspace"))?;
    Ok(Backup {
        saved_at: Some(saved_at),
        app_version: inner.app_version,
        unsealed: false,
        workspace: decode_workspace(workspace.get()).map_err(BackupError::Workspace)?,
    })
}

/// What restoring a backup would do to the workspace now in the browser,
/// in the sentences the preview shows. The import worker reads the file and
/// renders this ([`RestorePreview::html`]), so the page carries neither.
#[derive(Debug, Clone, PartialEq)]
pub struct RestorePreview {
    /// The backup's campaign, division count and records.
    pub summary: String,
    /// When and by what it was made (or that it has no digest).
    pub origin: String,
    /// What is lost: records here that the backup lacks or holds older.
    /// `None` when nothing is.
    pub loss: Option<String>,
}

impl RestorePreview {
    /// The preview as escaped HTML, for the page to show as it is.
    pub fn html(&self) -> String {
        let mut html = format!(
            "<p><strong>{}</strong></p><p class=\"hint\">{}</p>",
            xml_text(&self.summary),
            xml_text(&self.origin)
        );
        if let Some(loss) = &self.loss {
            html += &format!("<p class=\"warning\">{}</p>", xml_text(loss));
        }
        html
    }
}

fn live_records(workspace: &Workspace) -> impl Iterator<Item = &RecordMeta> {
    let days = workspace.daily_reports.iter().map(|r| &r.meta);
    let officers = workspace.officer_records.iter().map(|r| &r.meta);
    let initiatives = workspace.initiatives.iter().map(|r| &r.meta);
    days.chain(officers)
        .chain(initiatives)
        .filter(|meta| !meta.deleted)
}

/// The workspace a restore stores: the backup's, with its change history
/// closed — this browser goes on in new chains, so history that a later
/// copy of the same data may already have delivered is never forked (the
/// consolidating office would refuse the fork).
pub fn restored(mut backup: Workspace) -> Workspace {
    close_own_chains(&mut backup.history);
    backup
}

/// The preview of restoring `backup` over `current`.
pub fn restore_preview(current: &Workspace, backup: &Backup) -> RestorePreview {
    let restored = &backup.workspace;
    let live = |metas: &mut dyn Iterator<Item = &RecordMeta>| {
        format::integer(metas.filter(|meta| !meta.deleted).count() as i64)
    };
    let mut summary = format!(
        "{}: {} phòng, {} ngày số liệu, {} hồ sơ cán bộ, {} sáng kiến",
        restored.campaign.title,
        format::integer(restored.campaign.units.len() as i64),
        live(&mut restored.daily_reports.iter().map(|r| &r.meta)),
        live(&mut restored.officer_records.iter().map(|r| &r.meta)),
        live(&mut restored.initiatives.iter().map(|r| &r.meta)),
    );
    if !restored.submissions.is_empty() {
        summary += &format!(
            ", tệp của {} phòng đã nhận",
            format::integer(restored.submissions.len() as i64)
        );
    }
    summary.push('.');
    let origin = match (backup.saved_at, backup.unsealed) {
        (Some(at), _) => format!(
            "Bản sao lưu ghi lúc {} (phiên bản ứng dụng {}); mã kiểm tra SHA-256 khớp.",
            format::date_time(at),
            backup.app_version.as_deref().unwrap_or("?")
        ),
        (None, _) => "Tệp dữ liệu cũ, không có mã kiểm tra và thời điểm ghi: hãy chắc chắn đây \
                      đúng là tệp cần khôi phục."
            .to_string(),
    };
    let in_backup: HashMap<&str, u32> = live_records(restored)
        .map(|meta| (meta.id.as_str(), meta.rev))
        .collect();
    let newer_here = live_records(current)
        .filter(|meta| {
            in_backup
                .get(meta.id.as_str())
                .is_none_or(|rev| *rev < meta.rev)
        })
        .count();
    let other_campaign = current.campaign.id != restored.campaign.id && current.has_records();
    let loss = match (newer_here, other_campaign) {
        (0, false) => None,
        (n, false) => Some(format!(
            "{} bản ghi trong trình duyệt này mới hơn bản sao lưu hoặc không có trong đó: khôi \
             phục sẽ bỏ các thay đổi này.",
            format::integer(n as i64)
        )),
        (n, true) => Some(format!(
            "Bản sao lưu thuộc một đợt thi đua khác với đợt đang dùng: toàn bộ {} bản ghi hiện \
             có sẽ được thay thế.",
            format::integer(n.max(live_records(current).count()) as i64)
        )),
    };
    RestorePreview {
        summary,
        origin,
        loss,
    }
}

/// How a file left the browser, for [`Safekeeping`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kept {
    /// A division's or the consolidated exchange file was exported.
    Exported,
    /// A backup was downloaded.
    Downloaded,
    /// The automatic backup file was written.
    AutoBackup,
}

/// Where this browser's safekeeping record is stored (beside the
/// workspace: it is about this browser, not about the campaign).
pub const SAFEKEEPING_KEY: &str = "thidua/v2/safekeeping";
/// Days of changes held by the browser alone before the reminder shows,
/// unless the user sets another number in Thiết lập.
pub const DEFAULT_REMINDER_DAYS: u32 = 2;
/// The largest number of days Thiết lập accepts.
pub const MAX_REMINDER_DAYS: u32 = 30;

/// What this browser knows of the files its data went into: the basis of
/// the reminder banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Safekeeping {
    /// The first change not yet in any file; `None` when everything is.
    #[serde(default)]
    pub unsaved_since: Option<DateTime<Utc>>,
    /// The last time the data went into a file, and how.
    #[serde(default)]
    pub last_kept: Option<(DateTime<Utc>, Kept)>,
    /// Days after which unsaved changes are reminded of.
    #[serde(default = "default_reminder_days")]
    pub reminder_days: u32,
}

fn default_reminder_days() -> u32 {
    DEFAULT_REMINDER_DAYS
}

impl Default for Safekeeping {
    fn default() -> Self {
        Safekeeping {
            unsaved_since: None,
            last_kept: None,
            reminder_days: DEFAULT_REMINDER_DAYS,
        }
    }
}

impl Safekeeping {
    /// Reads the stored record; anything unreadable starts afresh (it holds
    /// no data, only when the reminder shows).
    pub fn decode(raw: Option<&str>) -> Self {
        raw.and_then(|raw| serde_json::from_str(raw).ok())
            .unwrap_or_default()
    }

    /// The value to store.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("safekeeping serialises")
    }

    /// The workspace changed at `now`.
    pub fn record_change(&mut self, now: DateTime<Utc>) {
        self.unsaved_since.get_or_insert(now);
    }

    /// Everything held at `now` went into a file.
    pub fn record_kept(&mut self, kept: Kept, now: DateTime<Utc>) {
        self.unsaved_since = None;
        self.last_kept = Some((now, kept));
    }

    /// Sets the reminder's days from what the user typed; `None` (nothing
    /// changed) for anything but a whole number from 1 to [`MAX_REMINDER_DAYS`].
    pub fn set_reminder_days(&mut self, typed: &str) -> Option<u32> {
        let days: u32 = typed.trim().parse().ok()?;
        (1..=MAX_REMINDER_DAYS).contains(&days).then(|| {
            self.reminder_days = days;
            days
        })
    }

    /// The reminder to show at `now`, if changes have been held by this
    /// browser alone for [`Safekeeping::reminder_days`] days or more.
    pub fn reminder(&self, now: DateTime<Utc>) -> Option<String> {
        let since = self.unsaved_since?;
        let days = (now - since).num_days();
        if days < i64::from(self.reminder_days) {
            return None;
        }
        let last = match self.last_kept {
            Some((at, Kept::Exported)) => {
                format!("Lần xuất tệp gần nhất: {}.", format::date_time(at))
            }
            Some((at, _)) => format!("Lần sao lưu gần nhất: {}.", format::date_time(at)),
            None => "Dữ liệu chưa từng được xuất hay sao lưu ra tệp.".to_string(),
        };
        Some(format!(
            "Dữ liệu thay đổi từ {} ({days} ngày) chỉ nằm trong trình duyệt này, chưa được xuất hay \
             sao lưu ra tệp. Nếu dữ liệu trình duyệt bị xóa hoặc máy được cài lại, các thay đổi đó \
             sẽ mất. {last}",
            format::date_time(since)
        ))
    }

    /// The sentence Thiết lập shows of the last file the data went into.
    pub fn last_kept_text(&self) -> String {
        match self.last_kept {
            None => "Dữ liệu của trình duyệt này chưa từng được xuất hay sao lưu ra tệp.".into(),
            Some((at, kept)) => {
                let how = match kept {
                    Kept::Exported => "xuất tệp dữ liệu",
                    Kept::Downloaded => "tải bản sao lưu",
                    Kept::AutoBackup => "tự động sao lưu vào tệp",
                };
                let pending = match self.unsaved_since {
                    Some(since) => format!(
                        "; có thay đổi từ {} chưa vào tệp nào",
                        format::date_time(since)
                    ),
                    None => "; mọi thay đổi đều đã có trong tệp".into(),
                };
                format!(
                    "Lần gần nhất: {how} lúc {}{pending}.",
                    format::date_time(at)
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exchange::campaign_file::encode_campaign_file;
    use crate::core::exchange::envelope::{encode_export, export_consolidated};
    use crate::core::exchange::persist::workspace_json;
    use crate::core::sample::app_sample;
    use chrono::{Duration, TimeZone};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 7, day, hour, 3, 0).unwrap()
    }

    fn sample_backup() -> (Workspace, String) {
        let workspace = app_sample();
        let text = encode_backup(&workspace_json(&workspace), at(22, 7));
        (workspace, text)
    }

    #[test]
    fn a_restored_workspace_keeps_its_history_and_writes_new_chains() {
        use crate::core::entry::edit::update_counts;
        let mut workspace = app_sample();
        let unit = workspace.campaign.units[0].id.clone();
        let day = workspace.daily_reports[0].date;
        update_counts(&mut workspace, &unit, day, at(22, 7), |c| c.dossiers += 1);
        let text = encode_backup(&workspace_json(&workspace), at(22, 8));
        let mut back = restored(decode_backup(&text).unwrap().workspace);
        assert_eq!(
            back.history.chains, workspace.history.chains,
            "nothing lost"
        );
        assert!(back.history.own.is_empty());
        update_counts(&mut back, &unit, day, at(23, 7), |c| c.dossiers += 1);
        assert_eq!(
            back.history.chains.len(),
            2,
            "a new chain, the old one untouched"
        );
        assert_eq!(back.history.chains[0], workspace.history.chains[0]);
    }

    #[test]
    fn a_backup_restores_the_workspace_exactly() {
        let (workspace, text) = sample_backup();
        let backup = decode_backup(&text).unwrap();
        assert_eq!(backup.workspace, workspace);
        assert_eq!(backup.saved_at, Some(at(22, 7)));
        assert_eq!(backup.app_version.as_deref(), Some(APP_VERSION));
        assert!(!backup.unsealed);
        assert!(text.starts_with("{\"format\":\"thidua-backup\",\"schema_version\":1,"));
    }

    /// Every field of the file, changed on its own, refuses it: the open
    /// ones because they must repeat the sealed ones, the sealed ones by
    /// the digest.
    #[test]
    fn changing_any_field_refuses_the_backup() {
        let (_, text) = sample_backup();
        let cases: [(&str, &str, BackupError); 6] = [
            (
                "{\"format\":\"thidua-backup\",\"schema_version\":1",
                "{\"format\":\"thidua-backup\",\"schema_version\":0",
                BackupError::OpenFieldChanged("schema_version"),
            ),
            (
                "\"backup_sha256\":\"",
                "\"backup_sha256\":\"0",
                BackupError::DigestMismatch,
            ),
            (
                "\"saved_at\":\"2025-07-22T07:03:00Z\"",
                "\"saved_at\":\"2025-07-21T07:03:00Z\"",
                BackupError::DigestMismatch,
            ),
            (
                "\"app_version\":\"",
                "\"app_version\":\"9",
                BackupError::DigestMismatch,
            ),
            (
                "\"docs_received\":",
                "\"docs_received\":1",
                BackupError::DigestMismatch,
            ),
            (
                "\"backup\":{\"format\":\"thidua-backup\"",
                "\"backup\":{\"format\":\"thidua-backuq\"",
                BackupError::DigestMismatch,
            ),
        ];
        for (from, to, expected) in cases {
            assert!(text.contains(from), "{from}");
            let changed = text.replacen(from, to, 1);
            assert_eq!(
                decode_backup(&changed).unwrap_err(),
                expected,
                "{from} → {to}"
            );
        }
        // The open format changed: named, as a file of another kind.
        let renamed = text.replacen("thidua-backup", "thidua-export", 1);
        assert!(decode_backup(&renamed)
            .unwrap_err()
            .to_string()
            .contains("Hợp nhất"));
    }

    #[test]
    fn a_sealed_field_changed_with_its_digest_recomputed_is_named() {
        let (_, text) = sample_backup();
        let start = text.find("\"backup\":").unwrap() + "\"backup\":".len();
        let sealed = &text[start..text.len() - 1];
        let forged = sealed.replacen("\"schema_version\":1", "\"schema_version\":7", 1);
        let file = format!(
            "{{\"format\":\"thidua-backup\",\"schema_version\":1,\"backup_sha256\":\"{}\",\"backup\":{forged}}}",
            sha256_hex(forged.as_bytes())
        );
        assert_eq!(
            decode_backup(&file).unwrap_err(),
            BackupError::OpenFieldChanged("schema_version")
        );
    }

    #[test]
    fn bad_files_get_their_own_vietnamese_reason() {
        let (_, text) = sample_backup();
        let cases = [
            (text[..text.len() / 2].to_string(), "cắt dở"),
            ("\u{89}PNG\r\n".to_string(), "không phải JSON"),
            (
                "{\"format\":\"thidua-backup\",\"schema_version\":2}".into(),
                "phiên bản mới hơn",
            ),
            ("{\"format\":\"thidua-backup\"}".into(), "schema_version"),
            (
                "{\"format\":\"thidua-backup\",\"schema_version\":1}".into(),
                "“backup”",
            ),
            ("{\"format\":\"khác\"}".into(), "“khác”"),
            ("[1,2]".into(), "không phải bản sao lưu"),
            (
                encode_campaign_file(&app_sample().campaign, at(22, 7)),
                "tệp thiết lập phong trào",
            ),
            (
                encode_export(&export_consolidated(&app_sample(), at(22, 7))),
                "Hợp nhất",
            ),
            (
                "{\"schema_version\":99,\"campaign\":{}}".into(),
                "phiên bản mới hơn",
            ),
        ];
        for (file, phrase) in cases {
            let reason = decode_backup(&file).unwrap_err().to_string();
            assert!(reason.contains(phrase), "{reason:?} lacks {phrase:?}");
        }
        let huge = " ".repeat(MAX_BACKUP_BYTES + 1);
        assert!(matches!(
            decode_backup(&huge),
            Err(BackupError::TooLarge(_))
        ));
    }

    #[test]
    fn the_preview_html_escapes_what_the_file_says() {
        let (mut workspace, _) = sample_backup();
        workspace.campaign.title = "<img src=x onerror=alert(1)> & “một”".into();
        let text = encode_backup(&workspace_json(&workspace), at(22, 7));
        let html = restore_preview(&app_sample(), &decode_backup(&text).unwrap()).html();
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; “một”"),
            "{html}"
        );
        assert!(!html.contains("<img"));
    }

    #[test]
    fn a_bare_workspace_restores_said_to_have_no_digest() {
        let workspace = app_sample();
        let backup = decode_backup(&workspace_json(&workspace)).unwrap();
        assert!(backup.unsealed);
        assert_eq!(backup.workspace, workspace);
        let preview = restore_preview(&workspace, &backup);
        assert!(preview.origin.contains("không có mã kiểm tra"));
        assert_eq!(preview.loss, None);
    }

    #[test]
    fn the_preview_counts_what_restoring_would_lose() {
        let (mut current, text) = sample_backup();
        let backup = decode_backup(&text).unwrap();
        let preview = restore_preview(&current, &backup);
        assert!(preview.summary.contains("8 phòng"), "{}", preview.summary);
        assert!(preview.origin.contains("22/07/2025"), "{}", preview.origin);
        assert_eq!(preview.loss, None);
        // Two records edited after the backup: restoring would lose them.
        current.daily_reports[0].meta.rev += 1;
        current.officer_records[3].meta.rev += 1;
        let loss = restore_preview(&current, &backup).loss.unwrap();
        assert!(loss.starts_with("2 bản ghi"), "{loss}");
        // Another campaign: everything here is replaced.
        current.campaign.id = "khac".into();
        let loss = restore_preview(&current, &backup).loss.unwrap();
        assert!(loss.contains("đợt thi đua khác"), "{loss}");
    }

    #[test]
    fn the_reminder_shows_after_the_days_set_and_goes_with_a_file() {
        let mut kept = Safekeeping::default();
        assert_eq!(kept.reminder(at(20, 0)), None);
        kept.record_change(at(20, 9));
        kept.record_change(at(21, 9)); // the first change counts
        assert_eq!(kept.reminder(at(22, 8)), None); // 1 day, 23 hours
        let reminder = kept.reminder(at(22, 10)).unwrap();
        assert!(reminder.contains("từ 20/07/2025"), "{reminder}");
        assert!(reminder.contains("(2 ngày)"), "{reminder}");
        assert!(reminder.contains("chưa từng"), "{reminder}");
        kept.record_kept(Kept::Downloaded, at(22, 10));
        assert_eq!(kept.reminder(at(30, 0)), None);
        kept.record_change(at(23, 9));
        assert!(kept
            .reminder(at(26, 9))
            .unwrap()
            .contains("Lần sao lưu gần nhất: 22/07/2025"));
        assert_eq!(kept.set_reminder_days("5"), Some(5));
        assert_eq!(kept.reminder(at(26, 9)), None);
        assert!(kept.reminder(at(28, 9)).is_some());
        for typed in ["0", "-1", "31", "hai", "", "1.5"] {
            assert_eq!(kept.set_reminder_days(typed), None, "{typed}");
        }
        assert_eq!(kept.reminder_days, 5);
    }

    #[test]
    fn the_safekeeping_record_round_trips_and_survives_garbage() {
        let mut kept = Safekeeping::default();
        kept.record_change(at(20, 9));
        kept.record_kept(Kept::AutoBackup, at(21, 9));
        kept.record_change(at(21, 10) + Duration::minutes(1));
        assert_eq!(Safekeeping::decode(Some(&kept.encode())), kept);
        for garbage in [
            None,
            Some(""),
            Some("<b>"),
            Some("{\"reminder_days\":\"x\"}"),
        ] {
            assert_eq!(Safekeeping::decode(garbage), Safekeeping::default());
        }
        assert!(kept.last_kept_text().contains("tự động sao lưu"));
        assert!(kept.last_kept_text().contains("chưa vào tệp nào"));
    }
}
