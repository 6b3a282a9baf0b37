//! One import on Hợp nhất, from the files picked to the merge applied. The
//! import worker (`web::import_worker`) holds an [`ImportBatch`] while the
//! preview is open, so reading, checking and the dry run never hold up the
//! page; the page shows [`ImportBatch::preview_html`] and sends back the
//! choices made in it. `thidua-cli` and the tests drive the same code.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use crate::core::campaign::model::Workspace;
use crate::core::exchange::envelope::{ExportFile, Importer, Source};
use crate::core::exchange::merge::{
    merge_files, Choice, Choices, Conflict, MergeSummary, RecordKind,
};
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
}

/// Files checked against a workspace, waiting for the user's go.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    /// In the order picked.
    pub files: Vec<CheckedFile>,
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
                let result = bytes
                    .and_then(|bytes| importer.decode_bytes(&bytes).map_err(|e| e.to_string()));
                (name, result)
            })
            .collect();
        Self::plan(workspace, decoded)
    }

    /// The dry run over files already decoded (the worker decodes each as
    /// it arrives, to report progress).
    pub fn plan(workspace: &Workspace, decoded: Vec<(String, Decoded)>) -> Self {
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
        let files = decoded
            .into_iter()
            .map(|(name, result)| CheckedFile {
                name,
                result: result.map(|(file, warnings)| {
                    let summary = summaries.next().expect("one summary per good file");
                    (file, warnings, summary)
                }),
            })
            .collect();
        ImportBatch { files }
    }

    /// How many files would be merged.
    pub fn good_files(&self) -> usize {
        self.accepted().count()
    }

    /// The files that passed, with their names.
    fn accepted(&self) -> impl Iterator<Item = (&str, &(ExportFile, Vec<String>, MergeSummary))> {
        self.files
            .iter()
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
        good.len()
    }

    /// The preview as HTML: a row per file, then a chooser per conflict
    /// whose radio buttons name their record in `data-kind` and `data-key`.
    /// Every text from a file is escaped.
    pub fn preview_html(&self) -> String {
        let mut html = String::from(
            "<div class=\"table-wrap\"><table class=\"data\" id=\"import-preview\"><thead><tr>\
             <th>Tệp</th><th>Của</th><th>Xuất lúc</th>\
             <th title=\"Bản ghi (và phòng) chưa có\">Mới</th>\
             <th title=\"Bản ghi có phiên bản mới hơn\">Cập nhật</th>\
             <th title=\"Bản ghi đã có y hệt, hoặc cũ hơn bản đang có\">Đã có</th>\
             <th title=\"Cùng phiên bản nhưng khác nội dung\">Xung đột</th>\
             <th>Kết quả</th></tr></thead><tbody>",
        );
        for file in &self.files {
            file_row(&mut html, file);
        }
        html.push_str("</tbody></table></div>");
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
        html
    }
}

fn source_text(file: &ExportFile) -> String {
    match &file.source {
        Source::Unit { unit_name, .. } => unit_name.clone(),
        Source::Consolidated { issuer } => format!("Tổng hợp — {issuer}"),
    }
}

fn file_row(html: &mut String, file: &CheckedFile) {
    let name = xml_text(&file.name);
    match &file.result {
        Ok((export, warnings, summary)) => {
            let _ = write!(
                html,
                "<tr class=\"accepted\"><th scope=\"row\">{name}</th><td>{}</td><td>{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"outcome\">{}",
                xml_text(&source_text(export)),
                format::date_time(export.exported_at),
                summary.new + summary.new_units,
                summary.updated,
                summary.identical + summary.older,
                summary.conflicts.len(),
                if summary.changes_nothing() {
                    "Không có gì mới"
                } else {
                    "Sẵn sàng"
                },
            );
            for warning in warnings {
                let _ = write!(html, "<p class=\"warning\">{}</p>", xml_text(warning));
            }
            html.push_str("</td></tr>");
        }
        Err(reason) => {
            let _ = write!(
                html,
                "<tr class=\"rejected\"><th scope=\"row\">{name}</th>\
                 <td colspan=\"6\" class=\"reason\">{}</td><td class=\"outcome\">Bị từ chối</td></tr>",
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
        "<li><strong>{} “{key}”</strong> — tệp {}",
        conflict.kind.label(),
        xml_text(file)
    );
    for (choice, label, version, chosen) in [
        (
            Choice::Local,
            "Giữ bản đang có",
            &conflict.local,
            !conflict.incoming_wins,
        ),
        (
            Choice::Incoming,
            "Lấy bản trong tệp",
            &conflict.incoming,
            conflict.incoming_wins,
        ),
    ] {
        let _ = write!(
            html,
            "<label><input type=\"radio\" name=\"{group}\" value=\"{}\" data-kind=\"{kind}\" \
             data-key=\"{key}\"{}> {label}: <code>{}</code></label>",
            choice.key(),
            if chosen { " checked" } else { "" },
            xml_text(version)
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
        let html = batch.preview_html();
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
            "<b>Tên & “khác”</b>".to_string()
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
