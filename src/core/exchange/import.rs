//! One import on Hợp nhất, from the files picked to the merge applied. The
//! import worker (`web::import_worker`) holds an [`ImportBatch`] while the
//! preview is open, so reading, checking and the dry run never hold up the
//! page; the page shows [`ImportBatch::preview`] and sends back the
//! choices made in it. `thidua-cli` and the tests drive the same code.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, Utc};

use rustc_hash::{FxHashMap, FxHashSet as HashSet};

use crate::core::campaign::model::{Chain, PinnedKey, RegisteredKey, Workspace};
use crate::core::entry::history::{continuity, late_days, Continuity};
use crate::core::exchange::envelope::{ExportFile, Importer, Source};
use crate::core::exchange::merge::{
    division_deadline, merge_files, Choice, Choices, Conflict, MergeSummary, RecordKind,
};
use crate::core::exchange::signature::{self, SignatureCheck, Signer, INVALID_SIGNATURE};
use crate::core::format::{self, xml_text};

/// One picked file after the pipeline: the decoded file and its warnings,
/// or why it was refused.
pub type Decoded = Result<(ExportFile, Vec<String>), String>;

/// One picked file after the pipeline and the dry run.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    /// The file's name as picked or dropped.
    pub name: String,
    /// The decoded file, its warnings and what it would change; or why it
    /// was refused.
    pub result: Result<(ExportFile, Vec<String>, MergeSummary), String>,
    /// Its signature against the key pinned for its division.
    pub key: KeyStatus,
}

/// What a good file's signature says against the key the workspace pinned
/// for its division (a file whose signature does not verify never gets
/// here: it is refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStatus {
    /// Not signed; `pinned` when the division signed its earlier files.
    Unsigned { pinned: bool },
    /// Signed by the key pinned for the division (or by the signer of a
    /// consolidated file, which no key is pinned for).
    Known(String),
    /// The division's first signed file: its key is pinned on merging.
    New(String),
    /// Signed by another key than the pinned one: held until a user
    /// accepts the new key, and the acceptance is recorded.
    Changed {
        /// The pinned key's fingerprint.
        pinned: String,
        /// The file's.
        new: String,
    },
}

/// Files checked against a workspace, waiting for the user's go.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    /// In the order picked.
    pub files: Vec<CheckedFile>,
    /// The divisions whose changed key the user accepted.
    accepted_keys: HashSet<String>,
}

/// The message of a file whose history rewrites what was received before.
fn rewritten_history(unit: &str) -> String {
    format!(
        "Lịch sử sửa đổi của “{unit}” trong tệp không nối tiếp lịch sử đã nhận trước đây: có \
         lần sửa đã nhận bị thay đổi hoặc bị xóa. Tệp không được nhập; hãy hỏi lại phòng và xin \
         tệp xuất từ chính trình duyệt đã gửi các tệp trước."
    )
}

/// Refuses the files whose history does not continue the chains held (or
/// those of a file picked before it), and warns of days changed on or after
/// the divisions' deadline.
fn check_history(workspace: &Workspace, decoded: &mut [(String, Decoded)]) {
    let stored: FxHashMap<&str, &Chain> = workspace
        .history
        .chains
        .iter()
        .map(|c| (c.id.as_str(), c))
        .collect();
    // The longest copy of each chain among the files already checked, as
    // (file, chain) indices: chains are read where they are, never copied.
    let mut latest: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    let deadline = division_deadline(&workspace.campaign);
    for at in 0..decoded.len() {
        let (checked, rest) = decoded.split_at_mut(at);
        let result = &mut rest[0].1;
        let Ok((file, _)) = result else {
            continue;
        };
        let held = |id: &str| {
            let earlier = latest.get(id).and_then(|&(f, c)| {
                let (file, _) = checked[f].1.as_ref().ok()?;
                file.payload.history.get(c)
            });
            earlier.or_else(|| stored.get(id).copied())
        };
        // Each chain's standing, and how many of its changes were held before.
        let (statuses, known): (Vec<Continuity>, Vec<usize>) = file
            .payload
            .history
            .iter()
            .map(|chain| {
                let copy = held(&chain.id);
                let known = copy.map_or(0, |c| c.entries.len().min(chain.entries.len()));
                (continuity(copy, chain), known)
            })
            .unzip();
        if let Some(diverging) = statuses.iter().position(|s| *s == Continuity::Diverges) {
            let unit = &file.payload.history[diverging].unit_id;
            let name = workspace.campaign.name_of(unit).unwrap_or(unit).to_string();
            *result = Err(rewritten_history(&name));
            continue;
        }
        for (c, (chain, status)) in file.payload.history.iter().zip(statuses).enumerate() {
            if status != Continuity::Held {
                latest.insert(chain.id.clone(), (at, c));
            }
        }
        // Only the changes this file brings are flagged: a day already
        // flagged when its change first came is not flagged again.
        if let (Some(deadline), Ok((file, warnings))) = (deadline, result) {
            let brought = file
                .payload
                .history
                .iter()
                .zip(known)
                .map(|(chain, known)| (chain.unit_id.as_str(), &chain.entries[known..]));
            for (unit, days) in late_days(brought, deadline) {
                let warning = late_warning(workspace, file, &unit, &days, deadline);
                warnings.push(warning);
            }
        }
    }
}

/// “Có số liệu sửa sau hạn”: which days of division `unit` changed on or after `deadline`.
fn late_warning(
    workspace: &Workspace,
    file: &ExportFile,
    unit: &str,
    days: &[NaiveDate],
    deadline: NaiveDate,
) -> String {
    let name = file
        .payload
        .units
        .iter()
        .find(|u| u.id == unit)
        .map(|u| u.name.as_str())
        .or_else(|| workspace.campaign.name_of(unit))
        .unwrap_or(unit);
    let listed: Vec<String> = days.iter().map(|d| format::day_month(*d)).collect();
    format!(
        "Sửa sau hạn: {name} có số liệu của {} ngày được sửa từ {} trở đi (hạn gửi báo cáo \
         là trước ngày đó): {}.",
        days.len(),
        format::date(deadline),
        listed.join(", ")
    )
}

/// The division a file's key is pinned for: only a division's own file.
fn signing_unit(file: &ExportFile) -> Option<&str> {
    match &file.source {
        Source::Unit { unit_id, .. } => Some(unit_id),
        Source::Consolidated { .. } => None,
    }
}

/// The key a division is expected to sign with: the one pinned, or else
/// the one its campaign file registered ahead.
fn expected_key<'a>(workspace: &'a Workspace, unit: &str) -> Option<(&'a str, String)> {
    if let Some(pin) = workspace.signing_keys.iter().find(|k| k.unit_id == unit) {
        return Some((pin.public_key.as_str(), pin.fingerprint.clone()));
    }
    let registered = workspace
        .campaign
        .registered_keys
        .iter()
        .find(|k| k.unit_id == unit)?;
    let fingerprint = signature::fingerprint_of(&registered.public_key);
    Some((registered.public_key.as_str(), fingerprint))
}

/// Each good file's key against the pinned (or registered) ones, in the
/// order picked: the first signed file of a division pins its key for the
/// files after it.
fn key_statuses<'a>(
    workspace: &'a Workspace,
    files: impl Iterator<Item = Option<&'a ExportFile>>,
) -> Vec<KeyStatus> {
    let units = workspace
        .signing_keys
        .iter()
        .map(|k| k.unit_id.as_str())
        .chain(
            workspace
                .campaign
                .registered_keys
                .iter()
                .map(|k| k.unit_id.as_str()),
        );
    let mut known: Vec<(&str, &str, String)> = Vec::new();
    for unit in units {
        if let (false, Some((key, fingerprint))) = (
            known.iter().any(|(u, _, _)| *u == unit),
            expected_key(workspace, unit),
        ) {
            known.push((unit, key, fingerprint));
        }
    }
    files
        .map(|file| {
            let Some(file) = file else {
                return KeyStatus::Unsigned { pinned: false };
            };
            let pin = signing_unit(file).map(|unit| known.iter().find(|(u, _, _)| *u == unit));
            match (&file.signer, pin) {
                (None, pin) => KeyStatus::Unsigned {
                    pinned: pin.flatten().is_some(),
                },
                (Some(signer), None) => KeyStatus::Known(signer.fingerprint()),
                (Some(signer), Some(Some((_, key, fingerprint)))) => {
                    if *key == signer.public_key {
                        KeyStatus::Known(signer.fingerprint())
                    } else {
                        KeyStatus::Changed {
                            pinned: fingerprint.clone(),
                            new: signer.fingerprint(),
                        }
                    }
                }
                (Some(signer), Some(None)) => {
                    let unit = signing_unit(file).unwrap_or_default();
                    known.push((unit, signer.public_key.as_str(), signer.fingerprint()));
                    KeyStatus::New(signer.fingerprint())
                }
            }
        })
        .collect()
}

/// Pins the key of every signed division file merged: a division's first,
/// or a change the user accepted (the old fingerprint kept in `replaced`).
fn pin_keys(workspace: &mut Workspace, files: &[(&str, &ExportFile)], now: DateTime<Utc>) {
    for (_, file) in files {
        let (Some(unit), Some(Signer { public_key, .. })) = (signing_unit(file), &file.signer)
        else {
            continue;
        };
        let fingerprint = file
            .signer
            .as_ref()
            .map(Signer::fingerprint)
            .unwrap_or_default();
        match workspace
            .signing_keys
            .iter_mut()
            .find(|k| k.unit_id == unit)
        {
            Some(pin) if pin.public_key == *public_key => {}
            Some(pin) => {
                let old = std::mem::replace(&mut pin.fingerprint, fingerprint);
                pin.replaced.push(old);
                pin.public_key = public_key.clone();
                pin.pinned_at = now;
            }
            None => {
                // A key registered ahead and replaced on acceptance is
                // recorded like a pinned one.
                let replaced = expected_key(workspace, unit)
                    .filter(|(key, _)| key != public_key)
                    .map(|(_, fingerprint)| fingerprint)
                    .into_iter()
                    .collect();
                workspace.signing_keys.push(PinnedKey {
                    unit_id: unit.to_string(),
                    public_key: public_key.clone(),
                    fingerprint,
                    pinned_at: now,
                    replaced,
                });
            }
        }
    }
}

/// The keys the campaign registered for divisions no signed file has come
/// from yet: until one comes, they stand for the pinned key.
pub fn keys_awaiting_a_file(workspace: &Workspace) -> impl Iterator<Item = &RegisteredKey> {
    workspace.campaign.registered_keys.iter().filter(|k| {
        !workspace
            .signing_keys
            .iter()
            .any(|p| p.unit_id == k.unit_id)
    })
}

/// Writes every pinned key into the campaign's registered keys (replacing
/// those of the same divisions), so the next campaign file carries them: a
/// second browser of the consolidating office, or the office above, then
/// knows the divisions' keys before their files arrive. How many keys the
/// campaign registers afterwards.
pub fn register_pinned_keys(workspace: &mut Workspace) -> usize {
    let campaign = &mut workspace.campaign;
    for pin in &workspace.signing_keys {
        let key = RegisteredKey {
            unit_id: pin.unit_id.clone(),
            public_key: pin.public_key.clone(),
        };
        match campaign
            .registered_keys
            .iter_mut()
            .find(|k| k.unit_id == pin.unit_id)
        {
            Some(held) => *held = key,
            None => campaign.registered_keys.push(key),
        }
    }
    campaign.registered_keys.len()
}

impl ImportBatch {
    /// Runs every file's bytes (or the reason they could not be read)
    /// through the pipeline, then the dry run: what each good file would
    /// change on its own in `workspace`, which is left as it is.
    pub fn check(workspace: &Workspace, files: Vec<(String, Result<Vec<u8>, String>)>) -> Self {
        let importer = Importer::new(&workspace.campaign);
        let decoded = files
            .into_iter()
            .map(|(name, bytes)| {
                let result = bytes.and_then(|bytes| {
                    let decoded = importer.decode_bytes(&bytes).map_err(|e| e.to_string())?;
                    if signature::check_file(&bytes, &decoded.0) == SignatureCheck::Invalid {
                        return Err(INVALID_SIGNATURE.to_string());
                    }
                    Ok(decoded)
                });
                (name, result)
            })
            .collect();
        Self::plan(workspace, decoded)
    }

    /// The dry run over files already decoded (the worker decodes each as
    /// it arrives, to report progress).
    pub fn plan(workspace: &Workspace, mut decoded: Vec<(String, Decoded)>) -> Self {
        check_history(workspace, &mut decoded);
        let good: Vec<(&str, &ExportFile)> = decoded
            .iter()
            .filter_map(|(name, r)| r.as_ref().ok().map(|(file, _)| (name.as_str(), file)))
            .collect();
        // A dry run changes nothing, but the merge works on a workspace it
        // may change. `now` only stamps records a user chose, which a dry
        // run never keeps.
        let mut summaries = merge_files(
            &mut workspace.clone(),
            &good,
            &Choices::new(),
            DateTime::<Utc>::MIN_UTC,
            false,
        )
        .into_iter();
        let keys = key_statuses(
            workspace,
            decoded
                .iter()
                .map(|(_, r)| r.as_ref().ok().map(|(file, _)| file)),
        );
        let files = decoded
            .into_iter()
            .zip(keys)
            .map(|((name, result), key)| CheckedFile {
                name,
                result: result.map(|(file, warnings)| {
                    let summary = summaries.next().expect("one summary per good file");
                    (file, warnings, summary)
                }),
                key,
            })
            .collect();
        ImportBatch {
            files,
            accepted_keys: HashSet::default(),
        }
    }

    /// Accepts (or takes back) the changed key of division `unit_id`: its
    /// files held for it are merged, and the new key pinned.
    pub fn accept_key(&mut self, unit_id: &str, accepted: bool) {
        if accepted {
            self.accepted_keys.insert(unit_id.to_string());
        } else {
            self.accepted_keys.remove(unit_id);
        }
    }

    /// How many files would be merged.
    pub fn good_files(&self) -> usize {
        self.accepted().count()
    }

    /// Whether a good file is held for a changed key not accepted.
    fn held(&self, file: &CheckedFile) -> bool {
        let unit = file
            .result
            .as_ref()
            .ok()
            .and_then(|(export, _, _)| signing_unit(export));
        matches!(file.key, KeyStatus::Changed { .. })
            && !unit.is_some_and(|unit| self.accepted_keys.contains(unit))
    }

    /// The files that passed and are not held, with their names.
    fn accepted(&self) -> impl Iterator<Item = (&str, &(ExportFile, Vec<String>, MergeSummary))> {
        self.files
            .iter()
            .filter(|f| !self.held(f))
            .filter_map(|f| f.result.as_ref().ok().map(|r| (f.name.as_str(), r)))
    }

    /// Merges the good files into `workspace` (as it is now: it may have
    /// changed since the dry run) with the user's `choices`; how many files.
    pub fn apply(&self, workspace: &mut Workspace, choices: &Choices, now: DateTime<Utc>) -> usize {
        let good: Vec<(&str, &ExportFile)> = self
            .accepted()
            .map(|(name, (file, _, _))| (name, file))
            .collect();
        merge_files(workspace, &good, choices, now, true);
        pin_keys(workspace, &good, now);
        good.len()
    }

    /// The preview as HTML: a row per file, then a chooser per conflict
    /// whose radio buttons name their record in `data-kind` and `data-key`.
    /// Every text from a file is escaped.
    ///
    /// Past the first [`PREVIEW_ROWS`] files, a file that is ready and asks
    /// nothing of the user is folded away: its row is not in the HTML but in
    /// [`Preview::folded`], a run of them where the HTML has an empty
    /// `<tr class="folded" data-run="k">`. A province's 2,000 rows laid out
    /// at once held the page for 450 ms of layout (a Chromium trace), and
    /// their HTML parsed for another 40–60 ms even hidden; the page puts a
    /// run in place only when “Xem cả … tệp” is clicked.
    pub fn preview(&self) -> Preview {
        let mut html = String::from(
            "<div class=\"table-wrap\"><table class=\"data\" id=\"import-preview\"><thead><tr>\
             <th>Tệp</th><th>Của</th><th>Xuất lúc</th>\
             <th title=\"Bản ghi (và phòng) chưa có\">Mới</th>\
             <th title=\"Bản ghi có phiên bản mới hơn\">Cập nhật</th>\
             <th title=\"Bản ghi đã có y hệt, hoặc cũ hơn bản đang có\">Đã có</th>\
             <th title=\"Cùng phiên bản nhưng khác nội dung\">Xung đột</th>\
             <th title=\"Chữ ký của trình duyệt đã xuất tệp\">Chữ ký</th>\
             <th>Kết quả</th></tr></thead><tbody>",
        );
        let mut folded: Vec<String> = Vec::new();
        let mut folded_files = 0;
        let mut in_run = false;
        for (index, file) in self.files.iter().enumerate() {
            let held = self.held(file);
            let fold = index >= PREVIEW_ROWS && !held && asks_nothing(file);
            if !fold {
                in_run = false;
                file_row(&mut html, file, held);
                continue;
            }
            if !in_run {
                let _ = write!(
                    html,
                    "<tr class=\"folded\" data-run=\"{}\"></tr>",
                    folded.len()
                );
                folded.push(String::new());
                in_run = true;
            }
            let run = folded.last_mut().expect("a run was just opened");
            file_row(run, file, held);
            folded_files += 1;
        }
        html.push_str("</tbody></table></div>");
        if folded_files > 0 {
            let _ = write!(
                html,
                "<p class=\"preview-more\"><button type=\"button\" id=\"preview-more\">\
                 Xem cả {} tệp hợp lệ còn lại</button></p>",
                format::integer(folded_files as i64)
            );
        }
        let conflicts: Vec<(&str, &Conflict)> = self
            .accepted()
            .flat_map(|(name, (_, _, summary))| summary.conflicts.iter().map(move |c| (name, c)))
            .collect();
        if !conflicts.is_empty() {
            html.push_str(
                "<h3>Xung đột cần chọn</h3><p class=\"hint\">Hai bản cùng phiên bản nhưng khác nội \
                 dung. Mặc định giữ bản sửa sau cùng; chọn bản khác nếu cần.</p>\
                 <ul class=\"conflicts\" id=\"conflicts\">",
            );
            for (file, conflict) in conflicts {
                conflict_chooser(&mut html, file, conflict);
            }
            html.push_str("</ul>");
        }
        Preview { html, folded }
    }
}

/// [`ImportBatch::preview`]: the HTML shown at once, and the runs of rows
/// folded out of it, each put in place of its `data-run` row on request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The table, the button that unfolds it, the conflicts' choosers.
    pub html: String,
    /// The folded rows' HTML, run by run (`data-run` is the index).
    pub folded: Vec<String>,
}

fn source_text(file: &ExportFile) -> String {
    match &file.source {
        Source::Unit { unit_name, .. } => unit_name.clone(),
        Source::Consolidated { issuer } => format!("Tổng hợp — {issuer}"),
    }
}

/// The signature's line in a file's outcome, and for a changed key the
/// box that accepts it (`data-unit` names the division).
fn key_line(html: &mut String, key: &KeyStatus, unit: Option<&str>, held: bool) {
    let _ = match key {
        KeyStatus::Unsigned { pinned: false } => html.write_str("Không có chữ ký"),
        KeyStatus::Unsigned { pinned: true } => write!(
            html,
            "<p class=\"warning\">Không có chữ ký, dù các tệp trước của phòng có chữ ký</p>"
        ),
        KeyStatus::Known(fingerprint) => write!(
            html,
            "<span class=\"ok\">Chữ ký hợp lệ</span> · khóa {}",
            xml_text(fingerprint)
        ),
        KeyStatus::New(fingerprint) => write!(
            html,
            "<span class=\"ok\">Chữ ký hợp lệ</span> · khóa {} (lần đầu: sẽ được ghi \
             nhận cho phòng)",
            xml_text(fingerprint)
        ),
        KeyStatus::Changed { pinned, new } => write!(
            html,
            "<p class=\"warning\">Khóa khác lần trước</p><p class=\"hint\">Tệp ký bằng khóa \
             {} thay vì khóa {} đã ghi nhận. Chỉ chấp nhận khi phòng xác nhận đã đổi máy hoặc \
             trình duyệt.</p>\
             <label class=\"accept-key\"><input type=\"checkbox\" class=\"accept-key\" \
             data-unit=\"{}\"{}> Chấp nhận khóa mới</label>",
            xml_text(new),
            xml_text(pinned),
            xml_text(unit.unwrap_or_default()),
            if held { "" } else { " checked" },
        ),
    };
}

/// How many of the preview's rows are shown before the rest of the files
/// that ask nothing of the user are folded behind “Xem cả … tệp”.
pub const PREVIEW_ROWS: usize = 100;

/// A file that is accepted with no conflict and no warning: its row only
/// confirms, so it may be folded away in a long preview.
fn asks_nothing(file: &CheckedFile) -> bool {
    file.result
        .as_ref()
        .is_ok_and(|(_, warnings, summary)| warnings.is_empty() && summary.conflicts.is_empty())
}

fn file_row(html: &mut String, file: &CheckedFile, held: bool) {
    let name = xml_text(&file.name);
    match &file.result {
        Ok((export, warnings, summary)) => {
            let _ = write!(
                html,
                "<tr class=\"{}\"><th scope=\"row\">{name}</th><td>{}</td><td>{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"signature\">",
                if held { "held" } else { "accepted" },
                xml_text(&source_text(export)),
                format::date_time(export.exported_at),
                summary.new + summary.new_units,
                summary.updated,
                summary.identical + summary.older,
                summary.conflicts.len(),
            );
            key_line(html, &file.key, signing_unit(export), held);
            let _ = write!(
                html,
                "</td><td class=\"outcome\">{}",
                if held {
                    "Chờ chấp nhận khóa mới"
                } else if summary.changes_nothing() {
                    "Không có gì mới"
                } else {
                    "Sẵn sàng"
                },
            );
            if summary.history > 0 {
                let _ = write!(
                    html,
                    "<p class=\"history\">Lịch sử sửa đổi: thêm {} thay đổi</p>",
                    format::integer(summary.history as i64)
                );
            }
            for warning in warnings {
                let _ = write!(html, "<p class=\"warning\">{}</p>", xml_text(warning));
            }
            html.push_str("</td></tr>");
        }
        Err(reason) => {
            let _ = write!(
                html,
                "<tr class=\"rejected\"><th scope=\"row\">{name}</th>\
                 <td colspan=\"7\" class=\"reason\">{}</td><td class=\"outcome\">Bị từ chối</td></tr>",
                xml_text(reason)
            );
        }
    }
}

fn conflict_chooser(html: &mut String, file: &str, conflict: &Conflict) {
    let kind = conflict.kind.key();
    let key = xml_text(&conflict.key);
    let group = xml_text(&format!("conflict-{kind}-{}", conflict.key));
    let _ = write!(
        html,
        "<li><strong>{} {}</strong> — tệp {}",
        conflict.kind.label(),
        xml_text(&conflict.subject),
        xml_text(file)
    );
    if conflict.differences.is_empty() {
        html.push_str(
            "<p class=\"hint\">Hai bản chỉ khác ở phần không hiện trên màn hình (như nguồn số \
             liệu đọc từ sổ văn bản).</p>",
        );
    } else {
        html.push_str(
            "<table class=\"data differences\"><thead><tr><th scope=\"col\">Mục khác nhau</th>\
             <th scope=\"col\">Bản đang có</th><th scope=\"col\">Bản trong tệp</th></tr></thead><tbody>",
        );
        for difference in &conflict.differences {
            let _ = write!(
                html,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                difference.field,
                xml_text(&difference.local),
                xml_text(&difference.incoming)
            );
        }
        html.push_str("</tbody></table>");
    }
    for (choice, label, chosen) in [
        (Choice::Local, "Giữ bản đang có", !conflict.incoming_wins),
        (
            Choice::Incoming,
            "Lấy bản trong tệp",
            conflict.incoming_wins,
        ),
    ] {
        let _ = write!(
            html,
            "<label><input type=\"radio\" name=\"{group}\" value=\"{}\" data-kind=\"{kind}\" \
             data-key=\"{key}\"{}> {label}</label>",
            choice.key(),
            if chosen { " checked" } else { "" },
        );
    }
    html.push_str("</li>");
}

/// The choices read back from the preview's checked radio buttons, each
/// `(data-kind, data-key, value)`; anything unrecognised is ignored (the
/// merge then keeps its provisional winner).
pub fn choices_from(checked: impl IntoIterator<Item = (String, String, String)>) -> Choices {
    checked
        .into_iter()
        .filter_map(|(kind, key, value)| {
            Some((
                (RecordKind::from_key(&kind)?, key),
                Choice::from_key(&value)?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exchange::envelope::{encode_export, export_unit};
    use crate::core::sample::{generate, SampleScale};
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 8, 15, 9, 0, 0).unwrap()
    }

    /// The department sample, and a file of its first division in which one
    /// officer's name was changed without a new revision (a conflict).
    fn conflicting_file() -> (Workspace, Vec<u8>) {
        let workspace = generate(SampleScale::Department, 2025);
        let unit = workspace.campaign.units[0].id.clone();
        let mut file = export_unit(&workspace, &unit, at()).unwrap();
        file.payload.officers[0].name = "<b>Tên & “khác”</b>".into();
        (workspace, encode_export(&file).into_bytes())
    }

    /// Division `unit`'s file, its first day's count set to `received` (a
    /// new revision, so each file changes something), signed by the fixed
    /// key `seed` where there is one.
    fn division_file(
        workspace: &Workspace,
        unit: usize,
        received: u32,
        seed: Option<u8>,
    ) -> Vec<u8> {
        use crate::core::exchange::envelope::seal_export;
        use crate::core::exchange::signature::tests::{sign, signer_of};
        use p256::ecdsa::SigningKey;
        let unit = &workspace.campaign.units[unit].id;
        let mut file = export_unit(workspace, unit, at()).unwrap();
        let day = &mut file.payload.daily_reports[0];
        day.counts.docs_received = received.max(day.counts.docs_received_online);
        day.meta.rev += received;
        let Some(seed) = seed else {
            return encode_export(&file).into_bytes();
        };
        let key = SigningKey::from_slice(&[seed; 32]).unwrap();
        file.signer = Some(signer_of(&key));
        let sealed = seal_export(&file);
        let signature = sign(&key, sealed.envelope.as_bytes());
        sealed.file_text(Some(&signature)).into_bytes()
    }

    fn one(workspace: &Workspace, bytes: Vec<u8>) -> ImportBatch {
        ImportBatch::check(workspace, vec![("tep.json".into(), Ok(bytes))])
    }

    #[test]
    fn a_long_preview_folds_the_files_that_ask_nothing_and_never_a_rejected_one() {
        let workspace = generate(SampleScale::Department, 2025);
        let good = |n: usize| {
            (
                format!("phong-{n}.json"),
                Ok(division_file(&workspace, 0, 50, None)),
            )
        };
        let mut files: Vec<(String, Result<Vec<u8>, String>)> =
            (0..PREVIEW_ROWS + 5).map(good).collect();
        files.push(("hong.json".into(), Ok(b"{\"khong\": ".to_vec())));
        files.extend((PREVIEW_ROWS + 5..PREVIEW_ROWS + 8).map(good));
        let batch = ImportBatch::check(&workspace, files);
        let Preview { html, folded } = batch.preview();
        assert_eq!(
            html.matches("<tr class=\"accepted\">").count(),
            PREVIEW_ROWS
        );
        assert!(html.contains("<tr class=\"rejected\"><th scope=\"row\">hong.json"));
        assert!(html.contains(">Xem cả 8 tệp hợp lệ còn lại</button>"));
        // Two runs, on either side of the refused file, which stays shown.
        let runs: Vec<usize> = folded
            .iter()
            .map(|run| run.matches("<tr class=\"accepted\">").count())
            .collect();
        assert_eq!(runs, [5, 3]);
        let first = html
            .find("<tr class=\"folded\" data-run=\"0\"></tr>")
            .unwrap();
        let refused = html.find("hong.json").unwrap();
        let second = html
            .find("<tr class=\"folded\" data-run=\"1\"></tr>")
            .unwrap();
        assert!(first < refused && refused < second, "{html}");
        // Each run in place of its row: every file, in the order picked.
        let unfolded = folded.iter().enumerate().fold(html, |html, (k, run)| {
            html.replace(&format!("<tr class=\"folded\" data-run=\"{k}\"></tr>"), run)
        });
        let names: Vec<&str> = unfolded
            .split("<th scope=\"row\">")
            .skip(1)
            .map(|row| &row[..row.find('<').unwrap()])
            .collect();
        let picked: Vec<String> = (0..PREVIEW_ROWS + 5)
            .map(|n| format!("phong-{n}.json"))
            .chain(["hong.json".to_string()])
            .chain((PREVIEW_ROWS + 5..PREVIEW_ROWS + 8).map(|n| format!("phong-{n}.json")))
            .collect();
        assert_eq!(names, picked);

        let short = ImportBatch::check(&workspace, vec![good(0)]);
        let short = short.preview();
        assert!(!short.html.contains("preview-more") && short.folded.is_empty());
    }

    #[test]
    fn a_divisions_key_is_pinned_on_its_first_signed_file_and_a_change_is_held_until_accepted() {
        let mut workspace = generate(SampleScale::Department, 2025);
        let unit = workspace.campaign.units[0].id.clone();

        let first = one(&workspace, division_file(&workspace, 0, 50, Some(7)));
        let KeyStatus::New(fingerprint) = first.files[0].key.clone() else {
            panic!("{:?}", first.files[0].key);
        };
        assert!(first.preview().html.contains("lần đầu: sẽ được ghi nhận"));
        assert_eq!(first.apply(&mut workspace, &Choices::new(), at()), 1);
        assert_eq!(workspace.signing_keys.len(), 1);
        assert_eq!(workspace.signing_keys[0].unit_id, unit);
        assert_eq!(workspace.signing_keys[0].fingerprint, fingerprint);

        let again = one(&workspace, division_file(&workspace, 0, 51, Some(7)));
        assert_eq!(again.files[0].key, KeyStatus::Known(fingerprint.clone()));

        // Another browser signs for the same division: held, nothing merged.
        let mut changed = one(&workspace, division_file(&workspace, 0, 52, Some(9)));
        let KeyStatus::Changed { pinned, new } = changed.files[0].key.clone() else {
            panic!("{:?}", changed.files[0].key);
        };
        assert_eq!(pinned, fingerprint);
        assert_eq!(changed.good_files(), 0);
        let html = changed.preview().html;
        assert!(html.contains("<tr class=\"held\">"), "{html}");
        assert!(html.contains("Khóa khác lần trước"));
        assert!(
            html.contains(&format!("data-unit=\"{unit}\">")),
            "unchecked box"
        );
        let before = workspace.clone();
        assert_eq!(changed.apply(&mut workspace, &Choices::new(), at()), 0);
        assert_eq!(workspace, before, "a held file changes nothing");

        // Accepted: merged, the new key pinned and the old one recorded.
        changed.accept_key(&unit, true);
        assert_eq!(changed.good_files(), 1);
        assert!(changed
            .preview()
            .html
            .contains(" checked> Chấp nhận khóa mới"));
        assert_eq!(changed.apply(&mut workspace, &Choices::new(), at()), 1);
        assert_eq!(workspace.signing_keys[0].fingerprint, new);
        assert_eq!(workspace.signing_keys[0].replaced, vec![fingerprint]);

        // An unsigned file of a division that signs: accepted, with a warning.
        let unsigned = one(&workspace, division_file(&workspace, 0, 53, None));
        assert_eq!(unsigned.files[0].key, KeyStatus::Unsigned { pinned: true });
        assert_eq!(unsigned.good_files(), 1);
        assert!(unsigned
            .preview()
            .html
            .contains("dù các tệp trước của phòng có chữ ký"));
        // And one of a division that never signed says so plainly.
        let plain = one(&workspace, division_file(&workspace, 1, 50, None));
        assert!(plain.preview().html.contains(">Không có chữ ký</td>"));
    }

    #[test]
    fn a_key_registered_ahead_through_the_campaign_file_is_expected_from_the_first_file() {
        use crate::core::exchange::campaign_file::{decode_campaign_file, encode_campaign_file};
        // One office pins a division's key and registers it in its campaign file.
        let mut office = generate(SampleScale::Department, 2025);
        let unit = office.campaign.units[0].id.clone();
        one(&office, division_file(&office, 0, 50, Some(7))).apply(
            &mut office,
            &Choices::new(),
            at(),
        );
        assert_eq!(register_pinned_keys(&mut office), 1);
        let text = encode_campaign_file(&office.campaign, at());

        // Another browser takes that campaign file: nothing received yet.
        let mut other = Workspace::new(decode_campaign_file(&text).unwrap());
        other.daily_reports = office.daily_reports.clone();
        assert!(other.signing_keys.is_empty());
        assert_eq!(keys_awaiting_a_file(&other).count(), 1);
        let expected = office.signing_keys[0].fingerprint.clone();
        let same = one(&other, division_file(&other, 0, 60, Some(7)));
        assert_eq!(same.files[0].key, KeyStatus::Known(expected.clone()));
        let mut changed = one(&other, division_file(&other, 0, 61, Some(9)));
        assert!(
            matches!(&changed.files[0].key, KeyStatus::Changed { pinned, .. } if *pinned == expected),
            "{:?}",
            changed.files[0].key
        );
        assert_eq!(changed.good_files(), 0, "held against the registered key");
        changed.accept_key(&unit, true);
        changed.apply(&mut other, &Choices::new(), at());
        assert_eq!(other.signing_keys[0].replaced, vec![expected]);
        assert_eq!(keys_awaiting_a_file(&other).count(), 0, "pinned now");
    }

    #[test]
    fn a_campaign_file_with_a_malformed_registered_key_is_refused() {
        use crate::core::campaign::model::RegisteredKey;
        use crate::core::exchange::campaign_file::{decode_campaign_file, encode_campaign_file};
        let mut campaign = generate(SampleScale::Department, 2025).campaign;
        campaign.registered_keys = vec![RegisteredKey {
            unit_id: "khong-co".into(),
            public_key: "AAAA".into(),
        }];
        let refused = decode_campaign_file(&encode_campaign_file(&campaign, at()))
            .unwrap_err()
            .to_string();
        assert!(refused.contains("không có trong danh sách"), "{refused}");
        assert!(
            refused.contains("không phải khóa công khai P-256"),
            "{refused}"
        );
    }

    #[test]
    fn two_keys_for_one_division_in_one_import_hold_the_second() {
        let workspace = generate(SampleScale::Department, 2025);
        let batch = ImportBatch::check(
            &workspace,
            vec![
                (
                    "a.json".into(),
                    Ok(division_file(&workspace, 0, 50, Some(7))),
                ),
                (
                    "b.json".into(),
                    Ok(division_file(&workspace, 0, 51, Some(9))),
                ),
            ],
        );
        assert!(matches!(batch.files[0].key, KeyStatus::New(_)));
        assert!(matches!(batch.files[1].key, KeyStatus::Changed { .. }));
        assert_eq!(batch.good_files(), 1);
    }

    /// The department sample whose first division typed a few days in
    /// this browser (with a “Người nhập”), and that division's file.
    fn edited_division(edits: usize, when: DateTime<Utc>) -> (Workspace, String, Vec<u8>) {
        use crate::core::campaign::calendar::working_days;
        use crate::core::entry::edit::update_counts;
        use crate::core::entry::history::Stamp;
        let mut workspace = generate(SampleScale::Department, 2025);
        let unit = workspace.campaign.units[0].id.clone();
        let officer = workspace.campaign.officers[0].id.clone();
        let days = working_days(&workspace.campaign);
        for n in 0..edits {
            let stamp = Stamp {
                at: when + chrono::Duration::minutes(n as i64),
                by: Some(officer.to_string()),
            };
            update_counts(&mut workspace, &unit, days[n % 3], stamp, |c| {
                c.docs_received += 1;
                c.docs_received_online += 1;
            });
        }
        let file = export_unit(&workspace, &unit, at()).unwrap();
        (workspace, unit, encode_export(&file).into_bytes())
    }

    #[test]
    fn a_history_edited_by_hand_is_refused_even_with_its_digest_recomputed() {
        use crate::core::exchange::envelope::seal_export;
        let (workspace, unit, bytes) = edited_division(4, at());
        let receiver = generate(SampleScale::Department, 2025);
        let batch = one(&receiver, bytes.clone());
        let (file, _, summary) = batch.files[0].result.as_ref().unwrap();
        assert_eq!(file.payload.history.len(), 1);
        assert_eq!(summary.history, 4);

        // Each way of breaking a chain, re-sealed as a forger would.
        let original = export_unit(&workspace, &unit, at()).unwrap();
        let breakers: [fn(&mut Chain); 4] = [
            |c| c.entries[1].fields[0].2 = "90".into(),
            |c| drop(c.entries.remove(1)),
            |c| c.entries.swap(1, 2),
            |c| c.entries[2].by = Some("someone-else".into()),
        ];
        for broken in breakers {
            let mut file = original.clone();
            broken(&mut file.payload.history[0]);
            let text = seal_export(&file).file_text(None);
            let batch = one(&receiver, text.into_bytes());
            let refused = batch.files[0].result.as_ref().unwrap_err();
            assert!(refused.contains("Lịch sử sửa đổi của “"), "{refused}");
            assert!(refused.contains("chuỗi mã băm không khớp"), "{refused}");
        }
    }

    #[test]
    fn a_history_that_rewrites_what_was_received_is_refused_and_nothing_changes() {
        let (_, _, first) = edited_division(3, at());
        let (_, _, extended) = edited_division(5, at());
        // The same first change, then another story: the same chain id.
        let (mut other, unit, _) = edited_division(1, at());
        let day = crate::core::campaign::calendar::working_days(&other.campaign)[7];
        crate::core::entry::edit::update_counts(&mut other, &unit, day, at(), |c| c.dossiers = 4);
        let rewritten = encode_export(&export_unit(&other, &unit, at()).unwrap()).into_bytes();

        let mut receiver = generate(SampleScale::Department, 2025);
        assert_eq!(
            one(&receiver, first).apply(&mut receiver, &Choices::new(), at()),
            1
        );
        let held = receiver.history.chains[0].clone();
        assert_eq!(held.entries.len(), 3);

        let before = receiver.clone();
        let batch = one(&receiver, rewritten);
        let refused = batch.files[0].result.as_ref().unwrap_err();
        assert!(
            refused.contains("không nối tiếp lịch sử đã nhận"),
            "{refused}"
        );
        assert_eq!(batch.apply(&mut receiver, &Choices::new(), at()), 0);
        assert_eq!(receiver, before, "storage unchanged");

        let later = one(&receiver, extended);
        assert_eq!(later.files[0].result.as_ref().unwrap().2.history, 2);
        later.apply(&mut receiver, &Choices::new(), at());
        assert_eq!(receiver.history.chains[0].entries.len(), 5);
        assert!(
            receiver.history.own.is_empty(),
            "a received chain is not this browser's"
        );
    }

    #[test]
    fn days_changed_after_the_divisions_deadline_are_flagged() {
        let late = Utc.with_ymd_and_hms(2025, 8, 18, 2, 0, 0).unwrap();
        let (_, _, bytes) = edited_division(2, late);
        let mut receiver = generate(SampleScale::Department, 2025);
        let batch = one(&receiver, bytes.clone());
        let (_, warnings, _) = batch.files[0].result.as_ref().unwrap();
        let flagged: Vec<&String> = warnings
            .iter()
            .filter(|w| w.starts_with("Sửa sau hạn"))
            .collect();
        assert_eq!(flagged.len(), 1, "{warnings:?}");
        assert!(flagged[0].contains("2 ngày"), "{}", flagged[0]);
        assert!(flagged[0].contains("18/08/2025"), "{}", flagged[0]);
        assert!(batch.preview().html.contains("Sửa sau hạn"));
        // Once merged, the same file brings no late change again.
        batch.apply(&mut receiver, &Choices::new(), at());
        let again = one(&receiver, bytes);
        let (_, warnings, _) = again.files[0].result.as_ref().unwrap();
        assert!(
            warnings.iter().all(|w| !w.starts_with("Sửa sau hạn")),
            "{warnings:?}"
        );

        let (_, _, in_time) = edited_division(2, at());
        let batch = one(&receiver, in_time);
        let (_, warnings, _) = batch.files[0].result.as_ref().unwrap();
        assert!(
            warnings.iter().all(|w| !w.starts_with("Sửa sau hạn")),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_signature_that_does_not_verify_is_refused() {
        let workspace = generate(SampleScale::Department, 2025);
        let text = String::from_utf8(division_file(&workspace, 0, 50, Some(7))).unwrap();
        let start = text.find("\"signature\":\"").unwrap() + 13;
        let forged = format!("{}A{}", &text[..start], &text[start + 1..]);
        let batch = one(&workspace, forged.into_bytes());
        assert_eq!(batch.good_files(), 0);
        assert_eq!(
            batch.files[0].result.as_ref().unwrap_err(),
            INVALID_SIGNATURE
        );
    }

    #[test]
    fn the_preview_lists_every_file_and_escapes_what_files_say() {
        let (workspace, bytes) = conflicting_file();
        let batch = ImportBatch::check(
            &workspace,
            vec![
                ("<i>a</i>.json".into(), Ok(bytes)),
                ("hỏng.json".into(), Ok(b"{\"format\":".to_vec())),
                (
                    "không đọc được.json".into(),
                    Err("Không đọc được tệp.".into()),
                ),
            ],
        );
        assert_eq!(batch.good_files(), 1);
        let html = batch.preview().html;
        assert_eq!(html.matches("<tr class=\"accepted\">").count(), 1);
        assert_eq!(html.matches("<tr class=\"rejected\">").count(), 2);
        assert!(html.contains("&lt;i&gt;a&lt;/i&gt;.json"));
        assert!(html.contains("bị cắt dở"));
        assert!(html.contains("Không đọc được tệp."));
        assert!(!html.contains("<b>"), "a name from a file stays text");
        assert_eq!(
            html.matches("type=\"radio\"").count(),
            2,
            "one conflict, two choices"
        );
        assert!(html.contains("data-kind=\"officer\""));
    }

    // A conflict is shown as the fields that differ, named as the screens
    // name them, not as the records' JSON.
    #[test]
    fn a_conflict_shows_what_differs_in_vietnamese() {
        let (workspace, bytes) = conflicting_file();
        let officer = workspace.campaign.officers[0].name.clone();
        let html = one(&workspace, bytes).preview().html;
        let conflicts = &html[html.find("id=\"conflicts\"").expect("a conflict")..];
        assert!(conflicts.contains(&format!("<strong>Cán bộ “{officer}”</strong>")));
        assert!(conflicts.contains("<th scope=\"row\">Họ và tên</th>"));
        assert!(conflicts.contains(&format!("<td>{officer}</td>")));
        assert!(conflicts.contains("<td>&lt;b&gt;Tên &amp; “khác”&lt;/b&gt;</td>"));
        assert!(!conflicts.contains("<code>") && !conflicts.contains("\"name\""));
        assert_eq!(
            conflicts.matches("<tr><th scope=\"row\">").count(),
            1,
            "one field differs"
        );

        // A day's counts differing in one figure and in when it was entered.
        let unit = workspace.campaign.units[0].id.clone();
        let mut file = export_unit(&workspace, &unit, at()).unwrap();
        let day = &mut file.payload.daily_reports[0];
        day.counts.pages_printed += 3;
        day.meta.updated_at = at();
        let html = one(&workspace, encode_export(&file).into_bytes())
            .preview()
            .html;
        let conflicts = &html[html.find("id=\"conflicts\"").expect("a conflict")..];
        let day = crate::core::format::date(file.payload.daily_reports[0].date);
        assert!(conflicts.contains(&format!("<strong>Báo cáo ngày {day}</strong>")));
        assert!(conflicts.contains("<th scope=\"row\">Số trang in</th>"));
        assert!(conflicts.contains("<th scope=\"row\">Sửa lần cuối</th>"));
        assert!(conflicts.contains("15/08/2025"));
    }

    #[test]
    fn a_dry_run_changes_nothing_and_apply_takes_the_choices() {
        let (workspace, bytes) = conflicting_file();
        let batch = ImportBatch::check(&workspace, vec![("a.json".into(), Ok(bytes))]);
        let conflict = batch.files[0].result.as_ref().unwrap().2.conflicts[0].clone();
        assert_eq!(batch.files[0].result.as_ref().unwrap().2.conflicts.len(), 1);

        // The choice as the page reads it back from the checked radio button.
        let keep_local = choices_from([(
            conflict.kind.key().to_string(),
            conflict.key.clone(),
            if conflict.incoming_wins {
                "local"
            } else {
                "incoming"
            }
            .to_string(),
        )]);
        let mut merged = workspace.clone();
        assert_eq!(batch.apply(&mut merged, &keep_local, at()), 1);
        let officer = |w: &Workspace| {
            w.campaign
                .officers
                .iter()
                .find(|o| o.id == conflict.key)
                .unwrap()
                .name
                .clone()
        };
        let expected = if conflict.incoming_wins {
            officer(&workspace)
        } else {
            crate::core::campaign::model::Text::from("<b>Tên & “khác”</b>")
        };
        assert_eq!(
            officer(&merged),
            expected,
            "the user's choice, not the provisional winner"
        );
        assert_eq!(
            merged.submissions.len(),
            1,
            "the division's file is its submission"
        );
    }

    #[test]
    fn choices_that_name_nothing_known_are_ignored() {
        let choices = choices_from([
            ("officer".into(), "x".into(), "local".into()),
            ("nonsense".into(), "y".into(), "local".into()),
            ("officer".into(), "z".into(), "both".into()),
        ]);
        assert_eq!(choices.len(), 1);
        assert_eq!(choices[&(RecordKind::Officer, "x".into())], Choice::Local);
    }
}
