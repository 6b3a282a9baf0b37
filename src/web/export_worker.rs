//! Both ends of the export worker. The page asks for a document with
//! [`make_office_document`]; the worker module (`src/bin/thidua-exporter.rs`)
//! answers in [`serve`] with `core::office`, which the CLI uses too.
//!
//! Messages are arrays tagged by their first element: the worker says
//! `["ready"]` once its wasm is running (a message sent before would be
//! lost), the page sends `[format, workspace JSON, division id]` (the id
//! only matters for a division's report), and the worker answers
//! `["ok", Uint8Array]` or `["error", sentence]`.

use js_sys::{Array, Uint8Array};
use web_sys::Worker;

use leptos::prelude::*;

use crate::core::exchange::persist::workspace_json;
use crate::core::report::office::{office_document_from_json, OfficeFormat};
use crate::web::app::use_workspace;
use crate::web::components::status_message::Status;
use crate::web::download::download_bytes;
use crate::web::worker_call::{self, call};

/// The loader Trunk writes for the worker (`data-loader-shim`), next to
/// index.html.
const WORKER_URL: &str = "./thidua-exporter_loader.js";

/// The worker's side: answer every request, then say it is ready.
pub fn serve() {
    worker_call::serve(|scope, request| {
        let format = request.get(0).as_string().unwrap_or_default();
        let workspace = request.get(1).as_string().unwrap_or_default();
        let unit_id = request.get(2).as_string().unwrap_or_default();
        let answer = match office_document_from_json(&format, &workspace, &unit_id) {
            Ok(bytes) => Array::of2(&"ok".into(), &Uint8Array::from(bytes.as_slice())),
            Err(message) => Array::of2(&"error".into(), &message.into()),
        };
        let _ = scope.post_message(&answer);
    });
}

/// The page's side: start a worker, have it make the document from the
/// workspace's JSON, and end it. A worker per export keeps no memory
/// between exports; its wasm comes from the HTTP or service-worker cache
/// after the first time.
pub async fn make_office_document(
    format: OfficeFormat,
    workspace_json: String,
    unit_id: &str,
) -> Result<Vec<u8>, String> {
    let worker = Worker::new(WORKER_URL)
        .map_err(|_| "Trình duyệt không khởi động được bộ xuất tệp.".to_string())?;
    let request = Array::of3(
        &format.as_str().into(),
        &workspace_json.into(),
        &unit_id.into(),
    );
    let answer = call(&worker, request, None, true).await;
    worker.terminate();
    let failed =
        "Không chạy được bộ xuất tệp. Nếu đang ngoại tuyến, hãy mở ứng dụng một lần khi có \
                  mạng để trình duyệt lưu nó, rồi thử lại.";
    let answer = answer.map_err(|()| failed.to_string())?;
    match answer.get(0).as_string().as_deref() {
        Some("ok") => Ok(Uint8Array::new(&answer.get(1)).to_vec()),
        _ => Err(answer
            .get(1)
            .as_string()
            .unwrap_or_else(|| "Bộ xuất tệp gặp lỗi không rõ.".into())),
    }
}

/// Makes `format` (for `which`: a division, a document, a table) in the
/// worker and downloads it as `file_name`, saying how it went in `message`;
/// `busy` holds the format while it runs, so its button can be disabled and
/// a second press does nothing. The outcome is dropped if the page was left.
pub fn export_office_document(
    format: OfficeFormat,
    which: String,
    file_name: String,
    busy: RwSignal<Option<OfficeFormat>>,
    message: RwSignal<Status>,
) {
    if busy.get_untracked().is_some() {
        return;
    }
    busy.set(Some(format));
    message.set(Some((true, "Đang tạo tệp…".into())));
    let json = use_workspace().with_untracked(workspace_json);
    leptos::task::spawn_local(async move {
        let outcome = make_office_document(format, json, &which)
            .await
            .and_then(|bytes| {
                download_bytes(&file_name, &bytes, format.media_type())
                    .map_err(|_| "Trình duyệt không cho tải tệp xuống.".to_string())
            });
        busy.try_set(None);
        message.try_set(Some(match outcome {
            Ok(()) => (true, format!("Đã tải xuống {file_name}.")),
            Err(reason) => (false, reason),
        }));
    });
}

/// Keeps `preview` filled with `format`'s HTML (a document for the screen,
/// made in the worker so its code stays out of the first load), remade
/// whenever the workspace or what `which` reads changes. The latest request
/// wins, and an answer that arrives after the page was left is dropped.
pub fn preview_in_worker(
    format: OfficeFormat,
    which: impl Fn() -> Option<String> + 'static,
    preview: RwSignal<String>,
    message: RwSignal<Status>,
) {
    let workspace = use_workspace();
    let requests = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(which) = which() else {
            return;
        };
        let json = workspace.with(workspace_json);
        let request = requests.get_value() + 1;
        requests.set_value(request);
        leptos::task::spawn_local(async move {
            let answer = make_office_document(format, json, &which).await;
            if requests.try_get_value() != Some(request) {
                return;
            }
            match answer {
                Ok(bytes) => {
                    preview.try_set(String::from_utf8(bytes).unwrap_or_default());
                }
                Err(reason) => {
                    message.try_set(Some((false, reason)));
                }
            }
        });
    });
}
