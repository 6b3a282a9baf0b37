//! Both ends of the register worker: a third wasm module
//! (`src/bin/thidua-register.rs`) that reads XLSX and CSV registers with
//! calamine and counts them, so neither the reader nor a 50,000-row sheet
//! ever touches the page's first load or its thread. It lives while the
//! import panel is open, keeping the files it read, so a changed mapping is
//! recounted without reading them again.
//!
//! Messages are arrays tagged by their first element: the worker says
//! `["ready"]`; the page sends `["open", [[name, bytes]…], campaign JSON]`
//! and then `["view", requests JSON]` (a [`FileRequest`] per file); the
//! worker answers each with `["view", RegisterView JSON]`.

use std::cell::RefCell;

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, Event, MessageEvent, Worker};

use crate::core::campaign::model::Campaign;
use crate::core::register::read::{read_register, RegisterError};
use crate::core::register::session::{view_registers, FileRequest, RegisterView};
use crate::core::register::table::Workbook;

/// The loader Trunk writes for the worker (`data-loader-shim`).
const WORKER_URL: &str = "./thidua-register_loader.js";

thread_local! {
    /// The worker's files and campaign, between requests.
    static OPENED: RefCell<(Vec<Result<Workbook, RegisterError>>, Option<Campaign>)> =
        const { RefCell::new((Vec::new(), None)) };
}

fn answer(requests: &[FileRequest]) -> String {
    OPENED.with_borrow(|(workbooks, campaign)| {
        let view = match campaign {
            Some(campaign) => view_registers(workbooks, requests, campaign),
            None => RegisterView::default(),
        };
        serde_json::to_string(&view).unwrap_or_default()
    })
}

/// The worker's side.
pub fn serve() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let request = Array::from(&event.data());
        let view = match request.get(0).as_string().as_deref() {
            Some("open") => {
                let files = Array::from(&request.get(1));
                let campaign: Option<Campaign> = request
                    .get(2)
                    .as_string()
                    .and_then(|json| serde_json::from_str(&json).ok());
                let workbooks = files
                    .iter()
                    .map(|file| {
                        let file = Array::from(&file);
                        let name = file.get(0).as_string().unwrap_or_default();
                        let bytes = Uint8Array::new(&file.get(1)).to_vec();
                        read_register(&name, &bytes)
                    })
                    .collect();
                OPENED.set((workbooks, campaign));
                answer(&[])
            }
            _ => {
                let requests: Vec<FileRequest> = request
                    .get(1)
                    .as_string()
                    .and_then(|json| serde_json::from_str(&json).ok())
                    .unwrap_or_default();
                answer(&requests)
            }
        };
        let _ = reply.post_message(&Array::of2(&"view".into(), &view.into()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&Array::of1(&"ready".into()));
}

const WORKER_FAILED: &str = "Không chạy được bộ đọc sổ văn bản (tệp quá lớn hoặc hỏng?). Nếu đang \
    ngoại tuyến, hãy mở ứng dụng một lần khi có mạng để trình duyệt lưu nó, rồi thử lại.";

/// The page's side: one worker holding the files being imported.
pub struct RegisterWorker {
    worker: Worker,
}

impl Drop for RegisterWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl RegisterWorker {
    /// Starts a worker and has it read `files` (name, bytes) for `campaign`.
    pub async fn open(
        files: Vec<(String, Uint8Array)>,
        campaign: &Campaign,
    ) -> Result<(Self, RegisterView), String> {
        let worker = Worker::new(WORKER_URL).map_err(|_| WORKER_FAILED.to_string())?;
        let this = RegisterWorker { worker };
        let list = Array::new();
        let transfer = Array::new();
        for (name, bytes) in files {
            transfer.push(&bytes.buffer());
            list.push(&Array::of2(&name.into(), &bytes));
        }
        let campaign = serde_json::to_string(campaign).unwrap_or_default();
        let message = Array::of3(&"open".into(), &list, &campaign.into());
        let view = this.exchange(message, Some(transfer), true).await?;
        Ok((this, view))
    }

    /// Recounts the files under the person's choices.
    pub async fn view(&self, requests: &[FileRequest]) -> Result<RegisterView, String> {
        let json = serde_json::to_string(requests).unwrap_or_default();
        self.exchange(Array::of2(&"view".into(), &json.into()), None, false)
            .await
    }

    /// Sends `message` (after the worker's “ready” when `wait_ready`) and
    /// waits for its answer.
    async fn exchange(
        &self,
        message: Array,
        transfer: Option<Array>,
        wait_ready: bool,
    ) -> Result<RegisterView, String> {
        let worker = &self.worker;
        let mut handlers = None;
        let promise = Promise::new(&mut |resolve: Function, reject: Function| {
            let sender = worker.clone();
            let message = message.clone();
            let transfer = transfer.clone();
            let send = move || match &transfer {
                Some(transfer) => sender.post_message_with_transfer(&message, transfer),
                None => sender.post_message(&message),
            };
            if !wait_ready {
                let _ = send();
            }
            let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let answer = Array::from(&event.data());
                let _ = match answer.get(0).as_string().as_deref() {
                    Some("ready") => send().map(|_| JsValue::UNDEFINED),
                    _ => resolve.call1(&JsValue::NULL, &answer.get(1)),
                };
            });
            let on_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
                event.prevent_default();
                let _ = reject.call1(&JsValue::NULL, &WORKER_FAILED.into());
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            handlers = Some((on_message, on_error));
        });
        let outcome = JsFuture::from(promise).await;
        drop(handlers);
        let json = outcome
            .map_err(|_| WORKER_FAILED.to_string())?
            .as_string()
            .unwrap_or_default();
        serde_json::from_str(&json).map_err(|_| WORKER_FAILED.to_string())
    }
}
