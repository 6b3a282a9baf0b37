//! Hợp nhất: the Legal Division imports the divisions' files, sees what each
//! would change (the dry run), applies them all at once, and can undo the
//! last import. The import worker (`web::import_worker`) reads and checks
//! the files, runs the dry run, renders the preview and merges; this page
//! shows its progress and preview, forwards the conflicts' choices and
//! stores the workspace it gets back.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, FileList};

use crate::core::campaign::model::Workspace;
use crate::core::exchange::backup::Kept;
use crate::core::exchange::envelope::{export_consolidated, export_file_name};
use crate::core::exchange::persist::{add_part, decode_workspace, workspace_json};
use crate::core::format;
use crate::web::app::{now, use_workspace, TabContext};
use crate::web::components::file_drop::FileDrop;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::components::submission_table::SubmissionTable;
use crate::web::components::undo_last::UndoLast;
use crate::web::download::download_json;
use crate::web::import_worker::{Applied, Checked, ImportWorker, Progress};
use crate::web::safekeeping::use_safekeeping;
use crate::web::signing::signed_export;
use crate::web::worker_call::text_of;

/// Lets the browser do what waits (input, drawing) before going on: what
/// follows runs in a task of its own.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The merged workspace read from the import worker's answer a part per
/// task (a province in one was a task of 200 ms), with the rest of the
/// answer.
async fn read_applied(applied: &Applied) -> Result<Workspace, String> {
    let unreadable = || "Không đọc được kết quả hợp nhất từ bộ nhập tệp.".to_string();
    let mut parts = applied.parts.iter();
    // Not in the task that received the answer.
    next_task().await;
    let skeleton = parts.next().and_then(text_of).ok_or_else(unreadable)?;
    let mut merged = decode_workspace(&skeleton).map_err(|e| e.to_string())?;
    for part in parts {
        next_task().await;
        let part = text_of(part).ok_or_else(unreadable)?;
        add_part(&mut merged, &part).map_err(|e| e.to_string())?;
    }
    Ok(merged)
}

/// The conflicts' choices as the preview's checked radio buttons say them:
/// (kind, key, choice).
fn checked_choices() -> Vec<[String; 3]> {
    let Ok(checked) = document().query_selector_all("#conflicts input:checked") else {
        return Vec::new();
    };
    (0..checked.length())
        .filter_map(|i| checked.item(i)?.dyn_into::<Element>().ok())
        .map(|input| {
            let attribute = |name: &str| input.get_attribute(name).unwrap_or_default();
            [
                attribute("data-kind"),
                attribute("data-key"),
                attribute("value"),
            ]
        })
        .collect()
}

/// “Đã đọc và kiểm tra 120/2.000 tệp (3,1/30,5 MB)…”
fn progress_text(progress: Progress) -> String {
    let megabytes = |bytes: f64| format::decimal(bytes / 1_048_576.0, 1);
    let files = format!(
        "{}/{} tệp",
        format::integer(i64::from(progress.files_done)),
        format::integer(i64::from(progress.files)),
    );
    if progress.bytes == 0.0 {
        return format!("Đang mở {files}…");
    }
    format!(
        "Đã đọc và kiểm tra {files} ({}/{} MB)…",
        megabytes(progress.bytes_done),
        megabytes(progress.bytes),
    )
}

/// The preview is drawn anew after “Chấp nhận khóa mới”: the focus goes
/// back to that division's box, as a keyboard user left it.
fn refocus_accept_key(unit: String) {
    request_animation_frame(move || {
        let Ok(boxes) = document().query_selector_all("#import-work input.accept-key") else {
            return;
        };
        let found = (0..boxes.length())
            .filter_map(|i| boxes.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|input| input.get_attribute("data-unit").as_deref() == Some(unit.as_str()));
        if let Some(input) = found {
            let _ = input.focus();
        }
    });
}

#[component]
pub fn Merge() -> impl IntoView {
    let workspace = use_workspace();
    let worker = StoredValue::new_local(None::<Rc<ImportWorker>>);
    let preview = RwSignal::new_local(None::<Checked>);
    let progress = RwSignal::new(None::<Progress>);
    let busy = RwSignal::new(false);
    let safekeeping = use_safekeeping();
    let tab = expect_context::<TabContext>().0;
    // The tab's count of changes when the files were checked: the same at
    // “Hợp nhất”, and the worker merges into the workspace it checked them
    // against (a province's JSON written out again was a task of 50 ms).
    let changes_at_check = StoredValue::new(0);
    let message = RwSignal::new(Status::None);

    let close = move || {
        worker.set_value(None);
        preview.set(None);
        progress.set(None);
    };
    let read_files = move |files: FileList| {
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if files.is_empty() {
            return;
        }
        close();
        message.set(None);
        let started = match ImportWorker::start() {
            Ok(started) => Rc::new(started),
            Err(reason) => {
                message.set(Some((false, reason)));
                return;
            }
        };
        worker.set_value(Some(started.clone()));
        // Not even the files' sizes are read here: each is a disk access on
        // the page's thread (2,000 files took 300 ms); the worker sends them.
        progress.set(Some(Progress {
            files_done: 0,
            files: files.len() as u32,
            bytes_done: 0.0,
            bytes: 0.0,
        }));
        // Cancelled, or another import started meanwhile: not ours to go on with.
        let current = move |started: &Rc<ImportWorker>| {
            worker
                .try_get_value()
                .flatten()
                .is_some_and(|w| Rc::ptr_eq(&w, started))
        };
        leptos::task::spawn_local(async move {
            // The workspace is written out for the check in a task of its
            // own: the pick's is Chromium's making the 2,000 files' list
            // (some 250 ms at a province's scale), and the province's JSON
            // (50 ms) made it longer still.
            next_task().await;
            if !current(&started) {
                return;
            }
            let json = workspace.with_untracked(workspace_json);
            changes_at_check.set_value(tab.with_value(|tab| tab.changes()));
            let checked = started
                .check(json, files, move |done| {
                    progress.try_set(Some(done));
                })
                .await;
            if !current(&started) {
                return;
            }
            progress.try_set(None);
            match checked {
                Ok(checked) => {
                    preview.try_set(Some(checked));
                }
                Err(reason) => {
                    worker.try_set_value(None);
                    message.try_set(Some((false, reason)));
                }
            }
        });
    };
    let cancel_reading = move |_| {
        if let Some(running) = worker.get_value() {
            running.cancel();
        }
        close();
        message.set(Some((
            true,
            "Đã hủy lần nhập; dữ liệu không thay đổi.".into(),
        )));
    };

    // The preview's “Xem cả … tệp” (in the worker's HTML): each run of
    // folded rows put in place of its empty row, focus on the first of them
    // since the button goes.
    let unfold_preview = move |event: leptos::ev::MouseEvent| {
        let clicked = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        if clicked.is_none_or(|button| button.id() != "preview-more") {
            return;
        }
        let Some(work) = event
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        else {
            return;
        };
        work.set_class_name("unfolded");
        let Ok(places) = work.query_selector_all("#import-preview tr.folded") else {
            return;
        };
        let first = preview.with_untracked(|checked| {
            let checked = checked.as_ref()?;
            let mut first = None;
            for place in
                (0..places.length()).filter_map(|i| places.item(i)?.dyn_into::<Element>().ok())
            {
                let run = place
                    .get_attribute("data-run")
                    .and_then(|k| k.parse::<u32>().ok())
                    .and_then(|k| checked.folded.get(k).as_string());
                if let Some(run) = run {
                    let _ = place.insert_adjacent_html("afterend", &run);
                    first = first.or_else(|| place.next_element_sibling());
                    place.remove();
                }
            }
            first
        });
        if let Some(Ok(th)) = first
            .and_then(|row| row.query_selector("th").ok().flatten())
            .map(|th| th.dyn_into::<web_sys::HtmlElement>())
        {
            let _ = th.set_attribute("tabindex", "-1");
            let _ = th.focus();
        }
    };
    // “Chấp nhận khóa mới”: the worker holds the batch, so it re-renders it.
    let accept_key = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|input| input.class_name() == "accept-key")
        else {
            return;
        };
        let (Some(running), Some(unit)) = (worker.get_value(), input.get_attribute("data-unit"))
        else {
            return;
        };
        let accepted = input.checked();
        leptos::task::spawn_local(async move {
            match running.accept_key(unit.clone(), accepted).await {
                Ok(checked) => {
                    preview.try_set(Some(checked));
                    refocus_accept_key(unit);
                }
                Err(reason) => {
                    message.try_set(Some((false, reason)));
                }
            }
        });
    };
    let good_files = move || preview.with(|p| p.as_ref().map_or(0, |checked| checked.good));
    let apply = move |_| {
        let Some(running) = worker.get_value() else {
            return;
        };
        if good_files() == 0 {
            return;
        }
        busy.set(true);
        let choices = checked_choices();
        let changed = tab.with_value(|tab| tab.changes()) != changes_at_check.get_value();
        let current = changed.then(|| workspace.with_untracked(workspace_json));
        leptos::task::spawn_local(async move {
            let applied = match running.apply(current, choices, now()).await {
                Ok(applied) => read_applied(&applied).await.map(|merged| (merged, applied)),
                Err(reason) => Err(reason),
            };
            match applied {
                Ok((merged, applied)) => {
                    // “2.000 tệp”, grouped as the rest of the app writes numbers.
                    let files = format::integer(applied.files as i64);
                    // Keeping the undo copies a province's JSON into
                    // IndexedDB: a task of its own, not the last part's.
                    next_task().await;
                    let label = format!("lần nhập {files} tệp lúc {}", format::date_time(now()));
                    let undo = match safekeeping.keep_undo_of(label, &applied.before).await {
                        Ok(()) => {
                            "Có thể hoàn tác lần nhập này, kể cả sau khi tải lại trang.".into()
                        }
                        Err(reason) => format!(
                            "Trình duyệt không giữ được bản để hoàn tác ({reason}): nên tải bản \
                             sao lưu ở Thiết lập."
                        ),
                    };
                    // Stored as the worker wrote it; setting the workspace
                    // then finds it saved (its save would repeat the work).
                    // A task each: together, writing a province's 2.6 MB
                    // and drawing the screen anew were a task of 55–87 ms.
                    tab.with_value(|tab| tab.save_ahead(&applied.body, applied.unchanged));
                    next_task().await;
                    busy.try_set(false);
                    workspace.try_set(merged);
                    close();
                    message.try_set(Some((true, format!("Đã hợp nhất {files} tệp. {undo}"))));
                }
                Err(reason) => {
                    busy.try_set(false);
                    message.try_set(Some((false, reason)));
                }
            }
        });
    };
    let export_all = move |_| {
        let file = workspace.with_untracked(|w| export_consolidated(w, now()));
        leptos::task::spawn_local(async move {
            let name = export_file_name(&file);
            if download_json(&name, &signed_export(file).await).is_err() {
                message.try_set(Some((false, "Trình duyệt không cho tải tệp xuống.".into())));
            } else {
                safekeeping.kept(Kept::Exported);
            }
        });
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
                    .map(|done| {
                        view! {
                            <div class="actions" id="import-progress" role="status">
                                <progress
                                    max=done.files.max(1)
                                    value=done.files_done
                                ></progress>
                                <span class="hint">{progress_text(done)}</span>
                                <button id="cancel-import" on:click=cancel_reading>"Hủy"</button>
                            </div>
                        }
                    })
            }}
            <StatusMessage status=message />
            <UndoLast id="undo-import" message=message />
            <Show when=move || preview.with(Option::is_some)>
                <div
                    id="import-work"
                    on:change=accept_key
                    on:click=unfold_preview
                    inner_html=move || preview.with(|p| p.as_ref().map(|checked| checked.html.clone()))
                ></div>
                <div class="actions">
                    <button
                        class="primary"
                        id="apply-import"
                        disabled=move || busy.get() || good_files() == 0
                        on:click=apply
                    >
                        {move || format!("Hợp nhất {} tệp hợp lệ", good_files())}
                    </button>
                    <button on:click=move |_| close()>"Hủy"</button>
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
