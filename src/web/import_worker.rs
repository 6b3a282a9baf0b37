//! Both ends of the import worker: a wasm module
//! (`src/bin/thidua-import.rs`) that reads the divisions' files on Hợp
//! nhất, checks them, runs the dry run and renders the preview
//! (`core::exchange::import`), then applies the merge — so 2,000 province
//! files never hold up the page's thread, and the page does not carry the
//! pipeline.
//!
//! Messages are arrays tagged by their first element. The worker says
//! `["ready"]`; the page sends the picked files fifty at a time,
//! `["files", [File…]]`, each answered `["files", files held]`, then
//! `["check", workspace JSON]`. The worker reads the files itself, one by
//! one, sending `["progress", files done, files, bytes done, bytes]` after
//! each, and answers `["checked", preview HTML, good files, [folded rows'
//! HTML…]]` (`core::exchange::import::Preview`). `["apply",
//! workspace JSON, [[kind, key, choice]…], now (RFC 3339)]` merges the
//! checked files into the page's workspace as it is now — or, with
//! `undefined` for the JSON, into the one they were checked against, the
//! page's being unchanged since — and answers `["applied", whether the
//! merge changed nothing, files, stored body, [skeleton, parts…], the
//! workspace before the merge as JSON]`, its texts as UTF-8 bytes whose
//! buffers are handed over.
//! `["accept-key", division, true | false]` accepts (or takes back) a
//! division's changed signing key and is answered like `check`.
//! Cancelling ends the worker: nothing was stored, so nothing changes.
//!
//! Thiết lập's restore uses it too: `["restore", workspace JSON, File]` is
//! answered `["restore", preview HTML, backup's workspace JSON]`, or
//! `["restore", reason]` when the file is refused (`core::exchange::backup`).

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Utc;
use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, SubtleCrypto, Worker};

use crate::core::campaign::model::Workspace;
use crate::core::digest::hex;
use crate::core::exchange::backup::{
    decode_backup, restore_preview, BackupError, MAX_BACKUP_BYTES,
};
use crate::core::exchange::envelope::{
    sealed_part, ExportError, ExportFile, Importer, MAX_EXPORT_BYTES,
};
use crate::core::exchange::import::{choices_from, Decoded, ImportBatch};
use crate::core::exchange::persist::{
    decode_workspace, stored_body, workspace_json, workspace_parts, WorkspaceParts,
};
use crate::core::exchange::signature::{self, SignatureCheck, INVALID_SIGNATURE};
use crate::web::signing::verify;
use crate::web::worker_call::{self, call, call_with_progress, stop};

/// The loader Trunk writes for the worker (`data-loader-shim`).
const WORKER_URL: &str = "./thidua-import_loader.js";

thread_local! {
    /// The files picked, held until `check` reads them.
    static PICKED: RefCell<Vec<File>> = const { RefCell::new(Vec::new()) };
    /// The files checked, kept until the page applies them or ends the worker.
    static BATCH: RefCell<ImportBatch> = RefCell::new(ImportBatch::default());
    /// The workspace they were checked against and its JSON as the page
    /// sent it, for an `apply` that says the page's has not changed since.
    static CHECKED: RefCell<Option<(Workspace, String)>> = const { RefCell::new(None) };
}

/// How many picked files go to the worker in one message. Chromium clones
/// every `File` of a message on the page's thread: the province's 2,000
/// files in one message were a task of 613–633 ms (`tests/bench/import.mjs`,
/// session 9); a hundred at a time, each message in a task of its own, none
/// of them reached 50 ms there, but on a machine 2.5 times slower (session
/// 19) every one of the twenty was a task of 54–104 ms. Fifty at a time
/// leave room for that.
const FILES_PER_MESSAGE: usize = 50;

/// SHA-256 with the browser's own WebCrypto (native code, on its own
/// threads); `None` where there is none — a plain-HTTP intranet host is not
/// a secure context — and the wasm SHA-256 does it instead.
fn subtle_crypto() -> Option<SubtleCrypto> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok()?;
    (!subtle.is_undefined()).then(|| subtle.unchecked_into())
}

/// One picked file: its name, and the promise of its bytes (`arrayBuffer()`,
/// already running) or why it is not read at all.
pub type PickedFile = (String, Result<Promise, String>);

/// Checks every file against `importer`, calling `done(files done, bytes
/// done)` after each. The reads run concurrently; each file's sealed
/// envelope is handed to WebCrypto as soon as it is in, and the files are
/// decoded in order while the later digests are still being taken. Measured
/// at province scale (tests/worker_bench.rs), this takes the SHA-256 off the
/// wasm thread, which spent a third of the import on it.
pub async fn decode_files(
    importer: &Importer<'_>,
    files: Vec<PickedFile>,
    mut done: impl FnMut(usize, f64),
) -> Vec<(String, Decoded)> {
    let subtle = subtle_crypto();
    let mut read = Vec::with_capacity(files.len());
    for (name, buffer) in files {
        let entry = match buffer {
            Err(reason) => Err(reason),
            Ok(promise) => match JsFuture::from(promise).await {
                Err(_) => Err("Không đọc được tệp.".to_string()),
                Ok(buffer) => {
                    let bytes = Uint8Array::new(&buffer).to_vec();
                    // A view of the sealed envelope in the file's own buffer:
                    // nothing copied. Its digest is taken now; its signature,
                    // if any, is checked once the file is decoded.
                    let sealed = sealed_part(&bytes).map(|sealed| {
                        let offset = sealed.as_ptr() as usize - bytes.as_ptr() as usize;
                        Uint8Array::new_with_byte_offset_and_length(
                            &buffer,
                            offset as u32,
                            sealed.len() as u32,
                        )
                    });
                    let digest = sealed.as_ref().and_then(|view| {
                        subtle
                            .as_ref()?
                            .digest_with_str_and_buffer_source("SHA-256", view)
                            .ok()
                    });
                    Ok((bytes, digest, sealed))
                }
            },
        };
        read.push((name, entry));
    }
    let mut decoded = Vec::with_capacity(read.len());
    let mut bytes_done = 0.0;
    for (index, (name, entry)) in read.into_iter().enumerate() {
        let result = match entry {
            Err(reason) => Err(reason),
            Ok((bytes, digest, sealed)) => {
                bytes_done += bytes.len() as f64;
                let digest = match digest {
                    Some(promise) => JsFuture::from(promise)
                        .await
                        .ok()
                        .map(|d| hex(&Uint8Array::new(&d).to_vec())),
                    None => None,
                };
                match importer.decode_bytes_with_digest(&bytes, digest.as_deref()) {
                    Ok((file, warnings)) => {
                        match check_signature(subtle.as_ref(), &file, sealed.as_ref(), &bytes).await
                        {
                            SignatureCheck::Invalid => Err(INVALID_SIGNATURE.to_string()),
                            _ => Ok((file, warnings)),
                        }
                    }
                    Err(error) => Err(error.to_string()),
                }
            }
        };
        decoded.push((name, result));
        done(index + 1, bytes_done);
    }
    decoded
}

/// A decoded file's signature: by WebCrypto over the sealed envelope's view
/// where it can, by the `p256` crate otherwise (no WebCrypto, or a file laid
/// out by hand).
async fn check_signature(
    subtle: Option<&SubtleCrypto>,
    file: &ExportFile,
    sealed: Option<&Uint8Array>,
    bytes: &[u8],
) -> SignatureCheck {
    if let (Some(subtle), Some(signer), Some(signature), Some(sealed)) =
        (subtle, &file.signer, &file.signature, sealed)
    {
        match verify(subtle, signer, signature, sealed).await {
            Some(true) => return SignatureCheck::Valid(signer.fingerprint()),
            Some(false) => return SignatureCheck::Invalid,
            None => {}
        }
    }
    signature::check_file(bytes, file)
}

/// Reads and checks every file, reporting progress after each, then runs
/// the dry run; the preview.
async fn check(scope: &DedicatedWorkerGlobalScope, json: String, files: Vec<File>) -> Array {
    let Ok(workspace) = decode_workspace(&json) else {
        return Array::of4(&"checked".into(), &"".into(), &0.into(), &Array::new());
    };
    let total = files.len() as u32;
    let bytes: f64 = files.iter().map(|file| file.size()).sum();
    let picked = files
        .iter()
        .map(|file| {
            let size = file.size();
            // A file over the limit is refused before it is read.
            let buffer = if size > MAX_EXPORT_BYTES as f64 {
                Err(ExportError::TooLarge(size as usize).to_string())
            } else {
                Ok(file.array_buffer())
            };
            (file.name(), buffer)
        })
        .collect();
    let report = |files_done: usize, bytes_done: f64| {
        let progress = Array::of3(
            &"progress".into(),
            &(files_done as u32).into(),
            &total.into(),
        );
        progress.push(&bytes_done.into());
        progress.push(&bytes.into());
        let _ = scope.post_message(&progress);
    };
    // The sizes first: the page does not read them (see `pages::merge`).
    report(0, 0.0);
    let importer = Importer::new(&workspace.campaign);
    let decoded = decode_files(&importer, picked, report).await;
    drop(importer);
    let batch = ImportBatch::plan(&workspace, decoded);
    let answer = checked(&batch);
    BATCH.set(batch);
    CHECKED.set(Some((workspace, json)));
    answer
}

fn apply(request: &Array) -> Array {
    let text = |index: u32| request.get(index).as_string().unwrap_or_default();
    // The workspace to merge into, and its JSON: what the page keeps to
    // undo the merge (on the page, writing a province's out again was a
    // task of 50 ms).
    let checked = match request.get(1).as_string() {
        Some(json) => decode_workspace(&json)
            .ok()
            .map(|workspace| (workspace, json)),
        // Unchanged on the page since the check.
        None => CHECKED.with_borrow(Clone::clone),
    };
    let Some((mut workspace, before)) = checked else {
        return Array::of1(&"applied".into());
    };
    let choices = choices_from(Array::from(&request.get(2)).iter().map(|choice| {
        let choice = Array::from(&choice);
        let part = |index: u32| choice.get(index).as_string().unwrap_or_default();
        (part(0), part(1), part(2))
    }));
    let now = text(3).parse().unwrap_or_else(|_| Utc::now());
    let files = BATCH.with_borrow(|batch| batch.apply(&mut workspace, &choices, now));
    let json = workspace_json(&workspace);
    let unchanged = json == before;
    // Compressed here, where it does not hold up the page (storage::TabStorage::save_ahead).
    let body = stored_body(&json);
    drop(json);
    // And cut into parts the page decodes one task at a time.
    let WorkspaceParts { skeleton, parts } = workspace_parts(workspace);
    let bytes = |text: &str| JsValue::from(Uint8Array::from(text.as_bytes()));
    let parts: Array = std::iter::once(&skeleton)
        .chain(&parts)
        .map(|part| bytes(part))
        .collect();
    let answer = Array::of5(
        &"applied".into(),
        &unchanged.into(),
        &(files as u32).into(),
        &bytes(&body),
        &parts,
    );
    answer.push(&bytes(&before));
    answer
}

/// The buffers of `answer`'s bytes, to be handed over with it: its own
/// `Uint8Array`s and those of the arrays it holds.
fn buffers_of(answer: &Array) -> Array {
    let transfer = Array::new();
    let mut hand_over = |value: JsValue| {
        if let Ok(bytes) = value.dyn_into::<Uint8Array>() {
            transfer.push(&bytes.buffer());
        }
    };
    for value in answer.iter() {
        if Array::is_array(&value) {
            Array::from(&value).iter().for_each(&mut hand_over);
        } else {
            hand_over(value);
        }
    }
    transfer
}

/// What the worker answers to `apply`, as it arrived: its texts are
/// read on the page a task at a time.
pub struct Applied {
    /// Whether the merge left the workspace as it was.
    pub unchanged: bool,
    /// How many files were merged.
    pub files: usize,
    /// What storage holds of it ([`stored_body`]), as UTF-8 bytes.
    pub body: Uint8Array,
    /// Its skeleton, then its parts ([`workspace_parts`]), as UTF-8 bytes.
    pub parts: Vec<Uint8Array>,
    /// The workspace it was merged into, its JSON as UTF-8 bytes: what the
    /// undo keeps (`SafekeepingContext::keep_undo_of`).
    pub before: Uint8Array,
}

/// Reads a backup and previews restoring it over `workspace`.
async fn read_backup(workspace: &str, file: File) -> Array {
    let refused = |reason: String| Array::of2(&"restore".into(), &reason.into());
    let size = file.size();
    if size > MAX_BACKUP_BYTES as f64 {
        return refused(BackupError::TooLarge(size as usize).to_string());
    }
    let Ok(text) = JsFuture::from(file.text()).await else {
        return refused("Không đọc được tệp.".into());
    };
    let text = text.as_string().unwrap_or_default();
    let (Ok(current), backup) = (decode_workspace(workspace), decode_backup(&text)) else {
        return refused("Không đọc được dữ liệu hiện tại của trình duyệt.".into());
    };
    match backup {
        Ok(backup) => Array::of3(
            &"restore".into(),
            &restore_preview(&current, &backup).html().into(),
            &workspace_json(&backup.workspace).into(),
        ),
        Err(reason) => refused(reason.to_string()),
    }
}

/// The worker's side.
pub fn serve() {
    worker_call::serve(
        |scope, request| match request.get(0).as_string().as_deref() {
            Some("files") => {
                let held = PICKED.with_borrow_mut(|picked| {
                    let files = Array::from(&request.get(1));
                    picked.extend(files.iter().map(|file| file.unchecked_into::<File>()));
                    picked.len()
                });
                let _ = scope.post_message(&Array::of2(&"files".into(), &(held as u32).into()));
            }
            Some("check") => {
                let scope = scope.clone();
                let files = PICKED.take();
                wasm_bindgen_futures::spawn_local(async move {
                    let workspace = request.get(1).as_string().unwrap_or_default();
                    let answer = check(&scope, workspace, files).await;
                    let _ = scope.post_message(&answer);
                });
            }
            Some("accept-key") => {
                let unit = request.get(1).as_string().unwrap_or_default();
                let accepted = request.get(2).as_bool().unwrap_or(false);
                let answer = BATCH.with_borrow_mut(|batch| {
                    batch.accept_key(&unit, accepted);
                    checked(batch)
                });
                let _ = scope.post_message(&answer);
            }
            Some("restore") => {
                let scope = scope.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let workspace = request.get(1).as_string().unwrap_or_default();
                    let answer = read_backup(&workspace, request.get(2).unchecked_into()).await;
                    let _ = scope.post_message(&answer);
                });
            }
            _ => {
                // The answer's texts go as UTF-8 bytes whose buffers are
                // handed over, not copied: as strings, a province's 29 MB of
                // parts were cloned into the page and re-encoded there, in
                // the task that then decoded them; and the clones of its
                // stored body and of the workspace before (2.6 and 4.2 MB)
                // were 29 ms of the task that received them (docs/hosting.md).
                let answer = apply(&request);
                let _ = scope.post_message_with_transfer(&answer, &buffers_of(&answer));
            }
        },
    );
}

const WORKER_FAILED: &str = "Không chạy được bộ nhập tệp. Nếu đang ngoại tuyến, hãy mở ứng dụng \
    một lần khi có mạng để trình duyệt lưu nó, rồi thử lại.";

/// How far the reading has come.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Files read and checked.
    pub files_done: u32,
    /// Files picked.
    pub files: u32,
    /// Bytes of the files read and checked.
    pub bytes_done: f64,
    /// Bytes of all the files picked.
    pub bytes: f64,
}

/// A checked batch as the page shows it (a `["checked", …]` answer).
pub struct Checked {
    /// The preview's HTML.
    pub html: String,
    /// How many files can be merged.
    pub good: usize,
    /// The runs of rows folded out of the preview, as the worker sent them:
    /// strings left in JavaScript until “Xem cả … tệp” puts them in place.
    pub folded: Array,
}

impl Checked {
    fn of(answer: &Array) -> Self {
        Checked {
            html: answer.get(1).as_string().unwrap_or_default(),
            good: answer.get(2).as_f64().unwrap_or_default() as usize,
            folded: answer.get(3).dyn_into().unwrap_or_default(),
        }
    }
}

/// A `["checked", preview HTML, good files, folded runs]` answer for `batch`.
fn checked(batch: &ImportBatch) -> Array {
    let preview = batch.preview();
    let folded: Array = preview
        .folded
        .iter()
        .map(|run| JsValue::from(run.as_str()))
        .collect();
    Array::of4(
        &"checked".into(),
        &preview.html.into(),
        &(batch.good_files() as u32).into(),
        &folded,
    )
}

/// The page's side: one worker per import, holding the checked files until
/// they are applied or the import is cancelled (dropping it ends the worker).
pub struct ImportWorker {
    worker: Worker,
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl ImportWorker {
    /// Starts a worker.
    pub fn start() -> Result<Self, String> {
        Worker::new(WORKER_URL)
            .map(|worker| ImportWorker { worker })
            .map_err(|_| WORKER_FAILED.to_string())
    }

    /// Has the worker read and check `files` against `workspace` (JSON),
    /// calling `progress` after each file: the preview. `Err` also when
    /// [`ImportWorker::cancel`] ended it.
    pub async fn check(
        &self,
        workspace: String,
        files: Vec<File>,
        progress: impl Fn(Progress) + 'static,
    ) -> Result<Checked, String> {
        // A message of its own for each [`FILES_PER_MESSAGE`] files, each
        // answered before the next is sent, so the page's thread clones them
        // in short tasks.
        for (index, chunk) in files.chunks(FILES_PER_MESSAGE).enumerate() {
            let list: Array = chunk.iter().collect();
            let message = Array::of2(&"files".into(), &list);
            call(&self.worker, message, None, index == 0)
                .await
                .map_err(|()| WORKER_FAILED.to_string())?;
        }
        let message = Array::of2(&"check".into(), &workspace.into());
        let on_progress = Rc::new(move |message: &Array| {
            let number = |index: u32| message.get(index).as_f64().unwrap_or_default();
            progress(Progress {
                files_done: number(1) as u32,
                files: number(2) as u32,
                bytes_done: number(3),
                bytes: number(4),
            });
        });
        let answer = call_with_progress(&self.worker, message, None, files.is_empty(), on_progress)
            .await
            .map_err(|()| WORKER_FAILED.to_string())?;
        Ok(Checked::of(&answer))
    }

    /// Merges the checked files into `workspace` (JSON, as the page has it
    /// now; `None` when it has not changed since the check) with the
    /// conflicts' `choices` (kind, key, choice).
    pub async fn apply(
        &self,
        workspace: Option<String>,
        choices: Vec<[String; 3]>,
        now: chrono::DateTime<Utc>,
    ) -> Result<Applied, String> {
        let choices: Array = choices
            .into_iter()
            .map(|[kind, key, value]| Array::of3(&kind.into(), &key.into(), &value.into()))
            .collect();
        let message = Array::of4(
            &"apply".into(),
            &workspace.map_or(JsValue::UNDEFINED, JsValue::from),
            &choices,
            &now.to_rfc3339().into(),
        );
        let answer = call(&self.worker, message, None, false)
            .await
            .map_err(|()| WORKER_FAILED.to_string())?;
        let failed = || WORKER_FAILED.to_string();
        let unchanged = answer.get(1).as_bool().ok_or_else(failed)?;
        let bytes = |value: JsValue| value.dyn_into::<Uint8Array>().map_err(|_| failed());
        let body = bytes(answer.get(3))?;
        let parts = Array::from(&answer.get(4))
            .iter()
            .map(bytes)
            .collect::<Result<Vec<_>, _>>()?;
        let before = bytes(answer.get(5))?;
        Ok(Applied {
            unchanged,
            files: answer.get(2).as_f64().unwrap_or_default() as usize,
            body,
            parts,
            before,
        })
    }

    /// Accepts (or takes back) division `unit`'s changed signing key: the
    /// preview again, and how many files can now be merged.
    pub async fn accept_key(&self, unit: String, accepted: bool) -> Result<Checked, String> {
        let message = Array::of3(&"accept-key".into(), &unit.into(), &accepted.into());
        let answer = call(&self.worker, message, None, false)
            .await
            .map_err(|()| WORKER_FAILED.to_string())?;
        Ok(Checked::of(&answer))
    }

    /// Has the worker read the backup `file` and preview restoring it over
    /// `workspace` (JSON): the preview's HTML and the backup's workspace
    /// (JSON), or why the file is refused.
    pub async fn read_backup(
        &self,
        workspace: String,
        file: File,
    ) -> Result<(String, String), String> {
        let message = Array::of3(&"restore".into(), &workspace.into(), &file);
        let answer = call(&self.worker, message, None, true)
            .await
            .map_err(|()| WORKER_FAILED.to_string())?;
        let text = |index: u32| answer.get(index).as_string();
        match (text(1), text(2)) {
            (Some(html), Some(json)) => Ok((html, json)),
            (reason, _) => Err(reason.unwrap_or_else(|| WORKER_FAILED.to_string())),
        }
    }

    /// Ends the worker now; a [`ImportWorker::check`] under way returns `Err`.
    pub fn cancel(&self) {
        stop(&self.worker);
    }
}
