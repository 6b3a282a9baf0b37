//! Nhập liệu → “Nhập từ sổ văn bản”: a division picks the registers its
//! e-office system exported, checks the guessed mapping, sees per working
//! day what would change, and applies it in one undoable step.
//!
//! The register worker reads, counts and renders the mapping and preview
//! screen (`core::register::screen`) and applies the import to a copy of
//! the workspace; this panel shows that HTML, forwards each change of its
//! controls and stores the workspace it gets back. That keeps the import
//! out of the app's first load: the same screen as Leptos views with the
//! applying code on the page cost 45 KB gzip, this panel 9 (docs/hosting.md).

use std::rc::Rc;

use js_sys::{Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, FileList, HtmlElement};

use crate::core::campaign::model::Workspace;
use crate::core::exchange::persist::{decode_workspace, workspace_json};
use crate::core::register::read::MAX_FILE_BYTES;
use crate::web::app::{stamp, use_workspace};
use crate::web::components::file_drop::FileDrop;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::register_worker::{RegisterWorker, Screen};

#[component]
pub fn RegisterImport(unit_id: String) -> impl IntoView {
    let workspace = use_workspace();
    let unit = StoredValue::new(unit_id);
    let worker = StoredValue::new_local(None::<Rc<RegisterWorker>>);
    // The worker's HTML is written straight into this element, not through
    // a reactive `inner_html`, so the focus can be given back right after.
    let work = NodeRef::<leptos::html::Div>::new();
    let open = RwSignal::new(false);
    let can_apply = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(Status::None);
    let snapshot = RwSignal::new(None::<Workspace>);

    let show = move |shown: Screen| {
        can_apply.set(shown.can_apply);
        if let Some(element) = work.get_untracked() {
            element.set_inner_html(&shown.html);
        }
        open.set(true);
    };
    let close = move || {
        worker.set_value(None);
        if let Some(element) = work.get_untracked() {
            element.set_inner_html("");
        }
        open.set(false);
        can_apply.set(false);
    };

    let read_files = move |files: FileList| {
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if files.is_empty() {
            return;
        }
        close();
        message.set(None);
        busy.set(true);
        let json = workspace.with_untracked(workspace_json);
        leptos::task::spawn_local(async move {
            let mut contents = Vec::with_capacity(files.len());
            for file in &files {
                // Too large to be a register: not read; the worker says so from its size.
                let bytes = if file.size() > MAX_FILE_BYTES as f64 {
                    Uint8Array::new_with_length(0)
                } else {
                    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                        Ok(buffer) => Uint8Array::new(&buffer),
                        Err(_) => Uint8Array::new_with_length(0),
                    }
                };
                contents.push((file.name(), bytes, file.size()));
            }
            let opened = RegisterWorker::open(contents, json, &unit.get_value()).await;
            busy.try_set(false);
            match opened {
                Ok((opened, shown)) => {
                    worker.try_set_value(Some(Rc::new(opened)));
                    show(shown);
                }
                Err(reason) => {
                    message.try_set(Some((false, reason)));
                }
            }
        });
    };

    // One delegated handler for every control of the worker's screen: it
    // forwards the change, shows the new screen and gives the focus back.
    let changed = move |event: leptos::ev::Event| {
        let Some(control) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let attribute = |name: &str| control.get_attribute(name).unwrap_or_default();
        let Ok(file) = attribute("data-file").parse::<u32>() else {
            return;
        };
        let property = |name: &str| {
            Reflect::get(&control, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
        };
        let value = property("value").as_string().unwrap_or_default();
        let checked = property("checked").is_truthy();
        let (kind, mark, id) = (
            attribute("data-control"),
            attribute("data-mark"),
            control.id(),
        );
        let Some(worker) = worker.get_value() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let shown = worker.edit(file, &kind, &mark, &value, checked).await;
            busy.try_set(false);
            match shown {
                Ok(shown) => {
                    show(shown);
                    let focus = document()
                        .get_element_by_id(&id)
                        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
                    if let Some(element) = focus {
                        let _ = element.focus();
                    }
                }
                Err(reason) => {
                    message.try_set(Some((false, reason)));
                }
            }
        });
    };

    let apply = move |_| {
        let Some(opened) = worker.get_value() else {
            return;
        };
        busy.set(true);
        let current = workspace.with_untracked(workspace_json);
        leptos::task::spawn_local(async move {
            let applied =
                opened
                    .apply(stamp(), current)
                    .await
                    .and_then(|(json, changed, files)| {
                        let updated = decode_workspace(&json).map_err(|e| e.to_string())?;
                        Ok((updated, changed, files))
                    });
            busy.try_set(false);
            match applied {
                Ok((updated, changed, files)) => {
                    snapshot.try_set(Some(workspace.get_untracked()));
                    workspace.try_set(updated);
                    close();
                    message.try_set(Some((
                        true,
                        format!(
                            "Đã ghi số liệu của {changed} ngày từ {files}. Cách đọc các sổ này đã \
                             được ghi nhớ cho lần sau. Có thể hoàn tác cho đến khi tải lại trang."
                        ),
                    )));
                }
                Err(reason) => {
                    message.try_set(Some((false, reason)));
                }
            }
        });
    };
    let undo = move |_| {
        if let Some(before) = snapshot.get_untracked() {
            workspace.set(before);
            snapshot.set(None);
            message.set(Some((
                true,
                "Đã hoàn tác lần nhập sổ văn bản vừa rồi.".into(),
            )));
        }
    };

    view! {
        <section class="panel" id="register-import">
            <h2>"Nhập từ sổ văn bản"</h2>
            <p class="hint">
                "Chọn các tệp Excel (.xlsx) hoặc CSV mà hệ thống quản lý văn bản xuất ra: sổ văn bản "
                "đến, sổ văn bản đi, danh sách hồ sơ công việc. Ứng dụng đoán cách đọc từng cột; "
                "kiểm tra, xem trước từng ngày rồi mới áp dụng."
            </p>
            <p class="notice" id="register-privacy">
                "Tệp được đọc ngay trong trình duyệt này, không gửi đi đâu. Chỉ các con số được lưu: "
                "số, ký hiệu, trích yếu của văn bản không được lưu, không xuất và không ghi lại. "
                "Văn bản mật chỉ được đếm là văn bản không tính."
            </p>
            <FileDrop
                input_id="register-files"
                accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                pick_label="Chọn sổ văn bản…"
                hint="hoặc kéo thả các tệp .xlsx, .csv vào đây"
                on_files=read_files
            />
            <Show when=move || busy.get()>
                <p class="hint" role="status" id="register-busy">"Đang đọc và đếm…"</p>
            </Show>
            <StatusMessage status=message />
            <Show when=move || snapshot.with(Option::is_some)>
                <button id="undo-register" on:click=undo>"Hoàn tác lần nhập sổ vừa rồi"</button>
            </Show>
            <div id="register-work" node_ref=work on:change=changed></div>
            <Show when=move || open.get()>
                <div class="actions">
                    <button
                        class="primary"
                        id="apply-register"
                        disabled=move || busy.get() || !can_apply.get()
                        on:click=apply
                    >
                        "Áp dụng"
                    </button>
                    <button id="cancel-register" on:click=move |_| close()>"Hủy"</button>
                </div>
            </Show>
        </section>
    }
}
