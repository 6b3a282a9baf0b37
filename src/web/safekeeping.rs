//! Keeping the data outside the browser's storage: the automatic backup
//! file, the downloaded backup, the reminder when changes have been held by
//! this browser alone for too long (`core::exchange::backup`), and the undo
//! of the last import or restore, which survives a reload.
//!
//! The file handle and the undo live in IndexedDB through
//! `src/web/safekeeping.js` (loaded by `index.html`); the reminder's record
//! is a small value in localStorage beside the workspace.

use std::time::Duration;

use gloo_storage::{LocalStorage, Storage};
use js_sys::Uint8Array;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::campaign::model::Workspace;
use crate::core::exchange::backup::{
    backup_file_name, encode_backup, Kept, Safekeeping, SAFEKEEPING_KEY,
};
use crate::core::exchange::persist::{decode_workspace, workspace_json};
use crate::web::app::{now, today, when_painted};
use crate::web::download::download_json;
use crate::web::worker_call::text_of;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = fileAccess)]
    fn js_file_access() -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = chooseBackupFile)]
    fn js_choose_backup_file(suggested_name: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = backupFile)]
    fn js_backup_file() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = allowBackupFile)]
    fn js_allow_backup_file() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = writeBackupFile)]
    fn js_write_backup_file(text: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = forgetBackupFile)]
    fn js_forget_backup_file() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = keepUndo)]
    fn js_keep_undo(label: &str, workspace: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = undo)]
    fn js_undo() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = forgetUndo)]
    fn js_forget_undo() -> Result<js_sys::Promise, JsValue>;
}

/// Awaits a promise the helper returned; any failure as the browser's words.
async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, String> {
    let reason = |error: JsValue| {
        js_sys::Reflect::get(&error, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "trình duyệt từ chối".into())
    };
    JsFuture::from(promise.map_err(reason)?)
        .await
        .map_err(reason)
}

/// The automatic backup file, as this browser has it.
#[derive(Debug, Clone, PartialEq)]
pub enum AutoFile {
    /// Not found out yet (IndexedDB answers asynchronously).
    Unknown,
    /// The browser has no File System Access API (Firefox, Safari).
    Unsupported,
    /// None chosen.
    NotChosen,
    /// Written after every save.
    Writing(String),
    /// Chosen, but the browser asks again for permission (after a restart).
    NeedsPermission(String),
    /// The last write failed, with the browser's reason.
    Failed(String, String),
}

/// What the app knows of keeping its data outside the browser; provided
/// once by the app.
#[derive(Clone, Copy)]
pub struct SafekeepingContext {
    workspace: RwSignal<Workspace>,
    /// The reminder's record, as stored.
    pub record: RwSignal<Safekeeping>,
    /// The automatic backup file.
    pub auto_file: RwSignal<AutoFile>,
    /// What “Hoàn tác” would undo (an import or a restore), kept in
    /// IndexedDB across reloads.
    pub undo: RwSignal<Option<String>>,
    /// Counts the saves, so only the last of a burst writes the file.
    saves: StoredValue<u64>,
}

/// The app's [`SafekeepingContext`].
pub fn use_safekeeping() -> SafekeepingContext {
    expect_context::<SafekeepingContext>()
}

/// How long the workspace must stay unchanged before the backup file is
/// written: a burst of typing makes one write, not one per key.
const AUTO_BACKUP_PAUSE: Duration = Duration::from_millis(1500);

impl SafekeepingContext {
    /// Reads the stored record and finds out about the backup file of the
    /// app's `workspace`.
    pub fn provide(workspace: RwSignal<Workspace>) -> Self {
        let stored = LocalStorage::raw().get_item(SAFEKEEPING_KEY).ok().flatten();
        let context = SafekeepingContext {
            workspace,
            record: RwSignal::new(Safekeeping::decode(stored.as_deref())),
            auto_file: RwSignal::new(AutoFile::Unknown),
            undo: RwSignal::new(None),
            saves: StoredValue::new(0),
        };
        provide_context(context);
        // IndexedDB's answers only show in banners: asked once the first
        // screen is painted, they do not hold it up.
        when_painted(move || {
            context.refresh_auto_file();
            context.refresh_undo();
        });
        context
    }

    /// Changes the record, storing it only when it really changed (every
    /// keystroke saves the workspace; the record changes once per file).
    fn update_record(&self, change: impl FnOnce(&mut Safekeeping)) {
        let mut record = self.record.get_untracked();
        change(&mut record);
        if self.record.with_untracked(|current| *current == record) {
            return;
        }
        // A failure here only delays a reminder; the workspace is untouched.
        let _ = LocalStorage::raw().set_item(SAFEKEEPING_KEY, &record.encode());
        self.record.set(record);
    }

    /// Everything held now went into a file.
    pub fn kept(&self, kept: Kept) {
        self.update_record(|record| record.record_kept(kept, now()));
    }

    /// Sets the reminder's days; false for anything but 1 to 30.
    pub fn set_reminder_days(&self, typed: &str) -> bool {
        let mut accepted = false;
        self.update_record(|record| accepted = record.set_reminder_days(typed).is_some());
        accepted
    }

    /// The workspace was saved with a change: remembered for the reminder,
    /// and written to the backup file once the typing pauses.
    pub fn changed(&self) {
        self.update_record(|record| record.record_change(now()));
        if !matches!(self.auto_file.get_untracked(), AutoFile::Writing(_)) {
            return;
        }
        let this_save = self.saves.get_value() + 1;
        self.saves.set_value(this_save);
        let context = *self;
        set_timeout(
            move || {
                if context.saves.try_get_value() == Some(this_save) {
                    leptos::task::spawn_local(context.write_auto_file());
                }
            },
            AUTO_BACKUP_PAUSE,
        );
    }

    /// Writes the workspace to the backup file now.
    pub async fn write_auto_file(self) {
        let (AutoFile::Writing(name) | AutoFile::NeedsPermission(name)) =
            self.auto_file.get_untracked()
        else {
            return;
        };
        let Some(json) = self.workspace.try_with_untracked(workspace_json) else {
            return;
        };
        let text = encode_backup(&json, now());
        match settle(js_write_backup_file(&text)).await {
            Ok(written) if written.as_bool() == Some(true) => {
                self.kept(Kept::AutoBackup);
                self.auto_file.try_set(AutoFile::Writing(name));
            }
            Ok(_) => {
                self.auto_file.try_set(AutoFile::NeedsPermission(name));
            }
            Err(reason) => {
                self.auto_file.try_set(AutoFile::Failed(name, reason));
            }
        }
    }

    /// Finds out whether a backup file is chosen and may be written.
    pub fn refresh_auto_file(&self) {
        let auto_file = self.auto_file;
        if !js_file_access().unwrap_or(false) {
            auto_file.set(AutoFile::Unsupported);
            return;
        }
        leptos::task::spawn_local(async move {
            let state = match settle(js_backup_file()).await {
                Ok(found) if found.is_null() => AutoFile::NotChosen,
                Ok(found) => {
                    let field = |i| {
                        js_sys::Reflect::get_u32(&found, i)
                            .ok()
                            .and_then(|v| v.as_string())
                    };
                    let name = field(0).unwrap_or_default();
                    match field(1).as_deref() {
                        Some("granted") => AutoFile::Writing(name),
                        _ => AutoFile::NeedsPermission(name),
                    }
                }
                Err(reason) => AutoFile::Failed(String::new(), reason),
            };
            auto_file.try_set(state);
        });
    }

    /// Asks where to write the backups, then writes the first at once.
    pub fn choose_auto_file(&self) {
        let context = *self;
        leptos::task::spawn_local(async move {
            let suggested = backup_file_name(today());
            match settle(js_choose_backup_file(&suggested)).await {
                Ok(name) => {
                    if let Some(name) = name.as_string() {
                        context.auto_file.try_set(AutoFile::Writing(name));
                        context.write_auto_file().await;
                    }
                }
                Err(reason) => {
                    context
                        .auto_file
                        .try_set(AutoFile::Failed(String::new(), reason));
                }
            }
        });
    }

    /// Asks the browser again for permission to write the chosen file (it
    /// needs the user's click), then writes it. Refused, the file is
    /// forgotten, so that another can be chosen.
    pub fn allow_auto_file(&self) {
        let context = *self;
        leptos::task::spawn_local(async move {
            let answer = settle(js_allow_backup_file()).await;
            if answer.ok().and_then(|a| a.as_string()).as_deref() != Some("granted") {
                context.forget_auto_file();
                return;
            }
            if let AutoFile::NeedsPermission(name) | AutoFile::Failed(name, _) =
                context.auto_file.get_untracked()
            {
                context.auto_file.try_set(AutoFile::Writing(name));
            }
            context.write_auto_file().await;
        });
    }

    /// Stops writing to the chosen file (the file itself stays).
    pub fn forget_auto_file(&self) {
        let auto_file = self.auto_file;
        leptos::task::spawn_local(async move {
            let _ = settle(js_forget_backup_file()).await;
            auto_file.try_set(AutoFile::NotChosen);
        });
    }

    /// Downloads a backup of the whole workspace now.
    pub fn download_backup(&self) -> Result<(), String> {
        let text = encode_backup(&self.workspace.with_untracked(workspace_json), now());
        download_json(&backup_file_name(today()), &text)
            .map_err(|_| "Trình duyệt không cho tải tệp xuống.".to_string())?;
        self.kept(Kept::Downloaded);
        Ok(())
    }
}

impl SafekeepingContext {
    /// Keeps the workspace as it is now, before an import or a restore
    /// replaces it, so that “Hoàn tác” works after a reload too. `label`
    /// names what is undone: “lần nhập 12 tệp lúc 22/07/2025 14:03”.
    pub async fn keep_undo(self, label: String) -> Result<(), String> {
        let json = self.workspace.with_untracked(workspace_json);
        self.keep_undo_of(label, &JsValue::from(json)).await
    }

    /// [`SafekeepingContext::keep_undo`] of a workspace already written
    /// out: `json`, a JavaScript string or its UTF-8 bytes (the import
    /// worker's bytes, so that the page neither writes a province's
    /// workspace again nor receives a clone of its text).
    pub async fn keep_undo_of(self, label: String, json: &JsValue) -> Result<(), String> {
        settle(js_keep_undo(&label, json)).await?;
        self.undo.try_set(Some(label));
        Ok(())
    }

    /// Puts back the workspace kept by [`SafekeepingContext::keep_undo`];
    /// the label of what was undone.
    pub async fn undo_last(self) -> Result<String, String> {
        let kept = settle(js_undo()).await?;
        let field = |i| js_sys::Reflect::get_u32(&kept, i).ok();
        // The workspace as text (an undo kept by `keep_undo`, or by a
        // version that kept the import worker's as text) or as UTF-8 bytes.
        let json = field(1).and_then(|json| match json.dyn_into::<Uint8Array>() {
            Ok(bytes) => text_of(&bytes),
            Err(json) => json.as_string(),
        });
        let (Some(label), Some(json)) = (field(0).and_then(|label| label.as_string()), json) else {
            self.undo.try_set(None);
            return Err("Không còn gì để hoàn tác.".into());
        };
        let before = decode_workspace(&json).map_err(|e| e.to_string())?;
        self.workspace.try_set(before);
        let _ = settle(js_forget_undo()).await;
        self.undo.try_set(None);
        Ok(label)
    }

    fn refresh_undo(&self) {
        let undo = self.undo;
        leptos::task::spawn_local(async move {
            let label = settle(js_undo())
                .await
                .ok()
                .and_then(|kept| js_sys::Reflect::get_u32(&kept, 0).ok()?.as_string());
            undo.try_set(label);
        });
    }
}
