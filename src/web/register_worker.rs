//! Both ends of the register worker: a third wasm module
//! (`src/bin/thidua-register.rs`) that reads XLSX and CSV registers with
//! calamine, counts them and renders the mapping and preview screen
//! (`core::register::screen`), so neither the reader, nor the screen, nor a
//! 50,000-row sheet touches the page's first load or its thread. It lives
//! while the import panel is open, keeping the files it read, so a changed
//! mapping is recounted without reading them again.
//!
//! Messages are arrays tagged by their first element. The worker says
//! `["ready"]`; the page sends `["open", [[name, bytes, size]…], workspace
//! JSON, division id]` (no bytes for a file too large to be a register), then `["edit", file, control, mark, value, checked]` for
//! each change, each answered with `["screen", html, whether anything can
//! be applied]`; `["apply", now (RFC 3339), workspace JSON, entrant]` is answered
//! with `["applied", workspace JSON, days changed, files]`: the import
//! applied to the page's workspace as it is now (typing in the grid while
//! the panel was open is kept), which the page then stores — so the
//! applying code, too, stays out of the page.

use std::cell::RefCell;

use chrono::Utc;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsValue;
use web_sys::Worker;

use crate::core::campaign::model::Workspace;
use crate::core::entry::history::Stamp;
use crate::core::exchange::persist::{decode_workspace, workspace_json};
use crate::core::register::count::{apply_outcome, plan_import, stored_counts};
use crate::core::register::read::{read_register, too_large, RegisterError, MAX_FILE_BYTES};
use crate::core::register::screen::render;
use crate::core::register::session::{
    apply_edit, outcome, view_registers, Edit, FileRequest, RegisterView,
};
use crate::core::register::table::Workbook;
use crate::web::worker_call::{self, call};

/// The loader Trunk writes for the worker (`data-loader-shim`).
const WORKER_URL: &str = "./thidua-register_loader.js";

/// What the worker keeps between messages.
#[derive(Default)]
struct Import {
    workbooks: Vec<Result<Workbook, RegisterError>>,
    workspace: Option<Workspace>,
    unit_id: String,
    requests: Vec<FileRequest>,
    view: RegisterView,
}

impl Import {
    fn recount(&mut self) {
        if let Some(workspace) = &self.workspace {
            self.view = view_registers(&self.workbooks, &self.requests, &workspace.campaign);
        }
    }

    fn screen(&self) -> Array {
        let Some(workspace) = &self.workspace else {
            return Array::of3(&"screen".into(), &"".into(), &false.into());
        };
        let decided = self.view.count.decided_days(&workspace.campaign);
        let plan = plan_import(&decided, stored_counts(workspace, &self.unit_id));
        Array::of3(
            &"screen".into(),
            &render(&self.view, &plan).into(),
            &(!decided.is_empty()).into(),
        )
    }

    fn apply(&mut self, stamp: Stamp, current: Option<Workspace>) -> Array {
        if current.is_some() {
            self.workspace = current;
        }
        let Some(workspace) = &mut self.workspace else {
            return Array::of1(&"applied".into());
        };
        let result = outcome(&self.view, &workspace.campaign);
        let changed = apply_outcome(workspace, &self.unit_id, &result, stamp);
        let answer = Array::of3(
            &"applied".into(),
            &workspace_json(workspace).into(),
            &changed.into(),
        );
        answer.push(&result.files.join(", ").into());
        answer
    }
}

thread_local! {
    static IMPORT: RefCell<Import> = RefCell::new(Import::default());
}

fn handle(request: &Array) -> Array {
    let text = |index: u32| request.get(index).as_string().unwrap_or_default();
    IMPORT.with_borrow_mut(|import| match text(0).as_str() {
        "open" => {
            let files = Array::from(&request.get(1));
            import.workbooks = files
                .iter()
                .map(|file| {
                    let file = Array::from(&file);
                    let name = file.get(0).as_string().unwrap_or_default();
                    let size = file.get(2).as_f64().unwrap_or_default() as u64;
                    if size > MAX_FILE_BYTES as u64 {
                        // The page did not even read it.
                        return Err(too_large(&name, size));
                    }
                    read_register(&name, &Uint8Array::new(&file.get(1)).to_vec())
                })
                .collect();
            import.workspace = decode_workspace(&text(2)).ok();
            import.unit_id = text(3);
            import.requests = Vec::new();
            import.recount();
            import.screen()
        }
        "edit" => {
            let file = request.get(1).as_f64().unwrap_or(-1.0);
            let edit = Edit::from_control(&text(2), &text(3), &text(4), request.get(5).is_truthy());
            if let (Some(edit), true) = (edit, file >= 0.0) {
                apply_edit(&import.view, &mut import.requests, file as usize, edit);
                import.recount();
            }
            import.screen()
        }
        _ => {
            let stamp = Stamp {
                at: text(1).parse().unwrap_or_else(|_| Utc::now()),
                by: request.get(3).as_string(),
            };
            import.apply(stamp, decode_workspace(&text(2)).ok())
        }
    })
}

/// The worker's side.
pub fn serve() {
    worker_call::serve(|scope, request| {
        let _ = scope.post_message(&handle(&request));
    });
}

const WORKER_FAILED: &str = "Không chạy được bộ đọc sổ văn bản (tệp quá lớn hoặc hỏng?). Nếu đang \
    ngoại tuyến, hãy mở ứng dụng một lần khi có mạng để trình duyệt lưu nó, rồi thử lại.";

/// The screen the worker rendered, and whether anything can be applied.
pub struct Screen {
    /// The mapping and preview, as HTML (every text from a file escaped).
    pub html: String,
    /// Whether some register decides some day.
    pub can_apply: bool,
}

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
    /// Starts a worker and has it read `files` (name, bytes, size) for
    /// division `unit_id` of the workspace whose JSON is `workspace`.
    pub async fn open(
        files: Vec<(String, Uint8Array, f64)>,
        workspace: String,
        unit_id: &str,
    ) -> Result<(Self, Screen), String> {
        let worker = Worker::new(WORKER_URL).map_err(|_| WORKER_FAILED.to_string())?;
        let this = RegisterWorker { worker };
        let list = Array::new();
        let transfer = Array::new();
        for (name, bytes, size) in files {
            transfer.push(&bytes.buffer());
            list.push(&Array::of3(&name.into(), &bytes, &size.into()));
        }
        let message = Array::of4(&"open".into(), &list, &workspace.into(), &unit_id.into());
        let answer = this.exchange(message, Some(transfer), true).await?;
        Ok((this, screen_of(&answer)))
    }

    /// Forwards a change of one of the screen's controls.
    pub async fn edit(
        &self,
        file: u32,
        control: &str,
        mark: &str,
        value: &str,
        checked: bool,
    ) -> Result<Screen, String> {
        let message = Array::of2(&"edit".into(), &file.into());
        for part in [control, mark, value] {
            message.push(&part.into());
        }
        message.push(&checked.into());
        Ok(screen_of(&self.exchange(message, None, false).await?))
    }

    /// Applies the import to `workspace` (JSON, as the page has it now): the
    /// new workspace's JSON, how many days changed and the files' names.
    pub async fn apply(
        &self,
        stamp: Stamp,
        workspace: String,
    ) -> Result<(String, u32, String), String> {
        let by = stamp.by.map_or(JsValue::UNDEFINED, JsValue::from);
        let message = Array::of4(
            &"apply".into(),
            &stamp.at.to_rfc3339().into(),
            &workspace.into(),
            &by,
        );
        let answer = self.exchange(message, None, false).await?;
        let json = answer
            .get(1)
            .as_string()
            .ok_or_else(|| WORKER_FAILED.to_string())?;
        let changed = answer.get(2).as_f64().unwrap_or_default() as u32;
        Ok((json, changed, answer.get(3).as_string().unwrap_or_default()))
    }

    async fn exchange(
        &self,
        message: Array,
        transfer: Option<Array>,
        wait_ready: bool,
    ) -> Result<Array, String> {
        call(&self.worker, message, transfer, wait_ready)
            .await
            .map_err(|()| WORKER_FAILED.to_string())
    }
}

fn screen_of(answer: &Array) -> Screen {
    Screen {
        html: answer.get(1).as_string().unwrap_or_default(),
        can_apply: answer.get(2).is_truthy(),
    }
}
