//! Hợp nhất: the Legal Division imports the divisions' files, sees what each
//! would change (the dry run), applies them all at once, and can undo the
//! last import. Every check and the merge itself live in the core
//! (`exchange`, `merge`); this page reads files and shows results.

use leptos::prelude::*;
use web_sys::FileList;

use crate::core::campaign::model::Workspace;
use crate::core::exchange::envelope::{
    encode_export, export_consolidated, export_file_name, ExportFile, Importer,
};
use crate::core::exchange::merge::{merge_files, Choices};
use crate::web::app::{now, use_workspace};
use crate::web::components::file_drop::FileDrop;
use crate::web::components::import_preview::{Checked, ImportPreview};
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::components::submission_table::SubmissionTable;
use crate::web::download::{download_json, read_bytes};

/// Runs every file through the pipeline, then a dry-run merge of the good
/// ones against the stored data (each file as it would apply on its own).
fn check_all(workspace: &Workspace, files: Vec<(String, Result<Vec<u8>, String>)>) -> Vec<Checked> {
    let importer = Importer::new(&workspace.campaign);
    let decoded: Vec<(String, Result<(ExportFile, Vec<String>), String>)> = files
        .into_iter()
        .map(|(name, bytes)| {
            let result =
                bytes.and_then(|bytes| importer.decode_bytes(&bytes).map_err(|e| e.to_string()));
            (name, result)
        })
        .collect();
    let good: Vec<(&str, &ExportFile)> = decoded
        .iter()
        .filter_map(|(name, r)| r.as_ref().ok().map(|(file, _)| (name.as_str(), file)))
        .collect();
    // A dry run changes nothing, but the merge works on a workspace it may change.
    let mut summaries =
        merge_files(&mut workspace.clone(), &good, &Choices::new(), now(), false).into_iter();
    decoded
        .into_iter()
        .map(|(name, result)| Checked {
            name,
            result: result.map(|(file, warnings)| {
                let summary = summaries.next().expect("one summary per good file");
                (file, warnings, summary)
            }),
        })
        .collect()
}

#[component]
pub fn Merge() -> impl IntoView {
    let workspace = use_workspace();
    let checked = RwSignal::new(Vec::<Checked>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let choices = RwSignal::new(Choices::new());
    let snapshot = RwSignal::new(None::<Workspace>);
    let message = RwSignal::new(Status::None);

    let read_files = move |files: FileList| {
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if files.is_empty() {
            return;
        }
        message.set(None);
        checked.set(Vec::new());
        choices.set(Choices::new());
        leptos::task::spawn_local(async move {
            let total = files.len();
            let mut contents = Vec::with_capacity(total);
            for (index, file) in files.iter().enumerate() {
                progress.set(Some((index, total)));
                let bytes = read_bytes(file)
                    .await
                    .map_err(|_| "Không đọc được tệp.".to_string());
                contents.push((file.name(), bytes));
            }
            progress.set(Some((total, total)));
            let results = workspace.with_untracked(|w| check_all(w, contents));
            progress.set(None);
            checked.set(results);
        });
    };

    let good_files = move || checked.with(|c| c.iter().filter(|c| c.result.is_ok()).count());
    let apply = move |_| {
        let files: Vec<(String, ExportFile)> = checked.with_untracked(|c| {
            c.iter()
                .filter_map(|c| {
                    c.result
                        .as_ref()
                        .ok()
                        .map(|(f, _, _)| (c.name.clone(), f.clone()))
                })
                .collect()
        });
        if files.is_empty() {
            return;
        }
        let chosen = choices.get_untracked();
        snapshot.set(Some(workspace.get_untracked()));
        let batch: Vec<(&str, &ExportFile)> = files.iter().map(|(n, f)| (n.as_str(), f)).collect();
        workspace.update(|w| {
            merge_files(w, &batch, &chosen, now(), true);
        });
        checked.set(Vec::new());
        message.set(Some((
            true,
            format!(
                "Đã hợp nhất {} tệp. Có thể hoàn tác lần nhập này cho đến khi tải lại trang.",
                files.len()
            ),
        )));
    };
    let undo = move |_| {
        if let Some(before) = snapshot.get_untracked() {
            workspace.set(before);
            snapshot.set(None);
            message.set(Some((true, "Đã hoàn tác lần nhập vừa rồi.".into())));
        }
    };
    let export_all = move |_| {
        let file = workspace.with_untracked(|w| export_consolidated(w, now()));
        if download_json(&export_file_name(&file), &encode_export(&file)).is_err() {
            message.set(Some((false, "Trình duyệt không cho tải tệp xuống.".into())));
        }
    };

    view! {
        <section class="panel">
            <h1>"Hợp nhất"</h1>
            <p class="hint">
                "Chọn hoặc kéo thả các tệp JSON do các phòng xuất ở màn hình Nhập liệu (chọn được "
                "nhiều tệp một lúc, kể cả tệp tổng hợp của đơn vị khác). Mỗi tệp được kiểm tra và "
                "xem trước; dữ liệu chỉ thay đổi khi bấm “Hợp nhất”."
            </p>
            <FileDrop
                input_id="import-files"
                accept=".json,application/json"
                pick_label="Chọn tệp…"
                hint="hoặc kéo thả các tệp .json vào đây"
                on_files=read_files
            />
            {move || {
                progress
                    .get()
                    .map(|(done, total)| {
                        view! {
                            <p class="hint" id="import-progress" role="status">
                                <progress max=total value=done></progress>
                                {format!(" Đã đọc {done}/{total} tệp…")}
                            </p>
                        }
                    })
            }}
            <StatusMessage status=message />
            <Show when=move || snapshot.with(Option::is_some)>
                <button id="undo-import" on:click=undo>"Hoàn tác lần nhập vừa rồi"</button>
            </Show>
            <Show when=move || checked.with(|c| !c.is_empty())>
                <ImportPreview checked=checked choices=choices />
                <div class="actions">
                    <button
                        class="primary"
                        id="apply-import"
                        disabled=move || good_files() == 0
                        on:click=apply
                    >
                        {move || format!("Hợp nhất {} tệp hợp lệ", good_files())}
                    </button>
                    <button on:click=move |_| checked.set(Vec::new())>"Hủy"</button>
                </div>
            </Show>
        </section>
        <section class="panel">
            <h2>"Tình hình nộp báo cáo của các phòng"</h2>
            <SubmissionTable />
        </section>
        <section class="panel">
            <h2>"Tệp tổng hợp"</h2>
            <p class="hint">
                "Toàn bộ dữ liệu đang có, trong một tệp cùng định dạng: gửi lên cấp trên để hợp nhất "
                "tiếp, hoặc lưu làm bản sao. Mã đợt thi đua: "
                <code id="campaign-id">{move || workspace.with(|w| w.campaign.id.clone())}</code>
            </p>
            <button id="export-consolidated" on:click=export_all>"Xuất tệp tổng hợp"</button>
        </section>
    }
}
