//! localStorage adapter (gloo-storage) for the layout of [`crate::core::exchange::persist`].
//!
//! Each tab remembers the generation it last read or wrote and refuses to
//! write over a newer one, so an old tab can never silently overwrite what a
//! newer tab saved.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::campaign::model::Workspace;
use crate::core::exchange::persist::{
    classify_write_error, decode_generation, stored_body, stored_value_ends, stored_value_of,
    workspace_json, DecodeError, Found, Stored, WriteFailure, GENERATION_KEY, LEGACY_V1_KEY,
    UNREADABLE_KEY, WORKSPACE_KEY,
};

/// What can go wrong between the app and localStorage.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// The stored value could not be used; it was copied aside.
    Unreadable(DecodeError),
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// Another tab saved newer data since this tab last read.
    NewerInAnotherTab,
    /// The browser refused for another reason (storage disabled, …).
    WriteRefused(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unreadable(reason) => write!(
                f,
                "Dữ liệu đã lưu trong trình duyệt không dùng được ({reason}). Bản cũ được giữ \
                 nguyên dưới khóa “{UNREADABLE_KEY}”; ứng dụng bắt đầu với thiết lập theo Kế hoạch."
            ),
            StorageError::QuotaExceeded => f.write_str(
                "Bộ nhớ của trình duyệt cho trang này đã đầy: thay đổi vừa rồi chưa được lưu. \
                 Dữ liệu lưu trước đó vẫn nguyên vẹn. Hãy xuất dữ liệu ra tệp ngay.",
            ),
            StorageError::NewerInAnotherTab => f.write_str(
                "Một thẻ khác đã lưu dữ liệu mới hơn. Thay đổi vừa rồi ở thẻ này chưa được lưu \
                 để không ghi đè lên dữ liệu mới; hãy tải lại trang.",
            ),
            StorageError::WriteRefused(reason) => write!(
                f,
                "Trình duyệt không cho lưu ({reason}). Thay đổi vừa rồi chưa được lưu."
            ),
        }
    }
}

fn raw_get(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn raw_set(key: &str, value: &str) -> Result<(), StorageError> {
    LocalStorage::raw()
        .set_item(key, value)
        .map_err(|error| write_error(&error))
}

// web-sys's `Storage.setItem` takes a `&str` and its `TextDecoder.decode`
// returns a `String`: both would copy a text made in JavaScript into wasm
// and out again.
#[wasm_bindgen]
extern "C" {
    /// A `Storage`, with a `setItem` of JavaScript strings.
    #[wasm_bindgen(js_name = Storage)]
    type TextStorage;

    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &TextStorage, key: &str, value: &JsString) -> Result<(), JsValue>;

    type TextDecoder;

    /// A UTF-8 decoder (the default), which replaces what is not UTF-8.
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextDecoder, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &Uint8Array) -> Result<JsString, JsValue>;
}

fn write_error(error: &JsValue) -> StorageError {
    let exception = error.dyn_ref::<web_sys::DomException>();
    let name = exception.map(|e| e.name()).unwrap_or_default();
    let message = exception.map(|e| e.message()).unwrap_or_default();
    match classify_write_error(&name, &message) {
        WriteFailure::QuotaExceeded => StorageError::QuotaExceeded,
        WriteFailure::Other(reason) => StorageError::WriteRefused(reason),
    }
}

/// What storage holds of the workspace, not yet decoded: `None` on a first
/// visit. A layout-1 value is found when there is no current one.
pub fn found() -> Option<Found> {
    raw_get(WORKSPACE_KEY)
        .map(Found::Current)
        .or_else(|| raw_get(LEGACY_V1_KEY).map(Found::Legacy))
}

/// Decodes what [`found`] read, or `None` when the decoder could not be
/// fetched. The page binary's decoder is a piece of its own
/// (src/decoder.rs), fetched only when storage holds a workspace: a first
/// visit, with nothing stored, never carries the workspace's JSON reader
/// (docs/hosting.md).
///
/// It shares `found` with the caller, which keeps the text to set it aside
/// should it not decode (a province's is megabytes: not copied at start-up).
pub type Decoder =
    fn(Rc<Found>) -> Pin<Box<dyn Future<Output = Option<Result<Stored, DecodeError>>>>>;

/// What the app starts from, given what [`found`] read and how it decoded:
/// an unusable value is copied aside, never deleted (a layout-1 value is
/// migrated and left in place as the snapshot).
pub fn loaded(found: &Found, decoded: Result<Stored, DecodeError>) -> Result<Stored, StorageError> {
    decoded.map_err(|reason| {
        // Best effort: if even this fails, the original key is still untouched.
        let _ = LocalStorage::raw().set_item(UNREADABLE_KEY, found.text());
        StorageError::Unreadable(reason)
    })
}

/// What this tab knows of the stored workspace.
#[derive(Debug, Default)]
pub struct TabStorage {
    generation: Cell<u64>,
    /// The JSON this tab last wrote, so the same is not written again;
    /// `None` after [`TabStorage::adopt`], which does not serialize what it
    /// takes (at start-up that was a second writer's pass over the
    /// workspace just decoded, before the first render).
    last_written: RefCell<Option<String>>,
    /// What [`TabStorage::save_ahead`] did, for the save that follows it,
    /// and the [`TabStorage::changes`] it was done at.
    saved_ahead: RefCell<Option<(Result<bool, StorageError>, u64)>>,
    /// How many times the workspace has changed in this tab
    /// ([`TabStorage::saw_change`]).
    changes: Cell<u64>,
}

impl TabStorage {
    /// Starts from what [`loaded`] returned. With nothing usable loaded, the
    /// tab starts at the stored generation, so it may replace what was set aside.
    pub fn new(loaded: Option<&Stored>) -> Self {
        let tab = TabStorage::default();
        match loaded {
            Some(stored) => tab.adopt(stored),
            None => tab.generation.set(stored_generation()),
        }
        tab
    }

    /// Takes `stored` as this tab's current state (after a load or when
    /// another tab saved). Its workspace is what storage holds: the app does
    /// not save it back (`App`'s autosave skips the run that setting it
    /// brings about), and the next save writes.
    pub fn adopt(&self, stored: &Stored) {
        self.generation.set(stored.generation);
        *self.last_written.borrow_mut() = None;
    }

    /// The generation this tab last read or wrote.
    pub fn generation(&self) -> u64 {
        self.generation.get()
    }

    /// Counts a change of the workspace, whatever its origin (an edit, a
    /// load, another tab's save) and whether or not it could be saved:
    /// `App`'s autosave calls it on every run.
    pub fn saw_change(&self) {
        self.changes.set(self.changes.get() + 1);
    }

    /// How many changes [`TabStorage::saw_change`] counted: the same number
    /// twice means the workspace did not change in between (Hợp nhất then
    /// merges into the workspace its files were checked against, without
    /// writing it out again).
    pub fn changes(&self) -> u64 {
        self.changes.get()
    }

    /// Writes `workspace` unless nothing changed (`Ok(false)`), another tab
    /// saved newer data, or the browser refuses; in the last two cases storage
    /// is left as it was.
    pub fn save(&self, workspace: &Workspace) -> Result<bool, StorageError> {
        if let Some((saved, changes)) = self.saved_ahead.take() {
            // The change that set the workspace saved ahead, if no other
            // came first (another tab's save, taken meanwhile): after one,
            // this save writes for itself.
            if self.changes.get() - changes <= 1 {
                return saved;
            }
        }
        let json = workspace_json(workspace);
        if self.last_written.borrow().as_ref() == Some(&json) {
            return Ok(false);
        }
        self.store(&stored_body(&json))?;
        *self.last_written.borrow_mut() = Some(json);
        Ok(true)
    }

    /// Saves a workspace about to be set, from its [`stored_body`] made
    /// elsewhere (by the import worker, from the merged province: on the
    /// page, writing its JSON and compressing it were one task of 350 ms),
    /// as the worker's UTF-8 bytes; `unchanged` when the worker found it
    /// the same as the workspace it replaces, and nothing is written. The
    /// body becomes the stored value in JavaScript, never in wasm (a
    /// province's 2.6 MB were copied in, written out again with the
    /// generation and copied back out for `setItem`). No JSON of it is kept
    /// (as after [`TabStorage::adopt`]; copying a province's into the page
    /// was a task of 30 ms), so the next change is written whatever it
    /// holds. The [`TabStorage::save`] that setting the workspace brings
    /// about returns what this did instead of doing it again, so the
    /// workspace is set next, in a task of its own (the `setItem` of a
    /// province, 12–19 ms, made the task that also drew the screen anew one
    /// of 55–87 ms: docs/hosting.md), as long as no other change of the
    /// workspace comes between. Should one come, the save writes the
    /// workspace itself.
    pub fn save_ahead(&self, body: &Uint8Array, unchanged: bool) {
        let saved = if unchanged {
            Ok(false)
        } else {
            self.store_with(|generation| {
                let (head, tail) = stored_value_ends(generation);
                let body = TextDecoder::new()
                    .and_then(|decoder| decoder.decode(body))
                    .map_err(|error| write_error(&error))?;
                let value = JsString::from(head).concat(&body).concat(&tail.into());
                LocalStorage::raw()
                    .unchecked_into::<TextStorage>()
                    .set_item(WORKSPACE_KEY, &value)
                    .map_err(|error| write_error(&error))
            })
            .map(|()| {
                *self.last_written.borrow_mut() = None;
                true
            })
        };
        *self.saved_ahead.borrow_mut() = Some((saved, self.changes.get()));
    }

    /// Writes `body` as the next generation, unless another tab saved newer
    /// data or the browser refuses; in both cases storage is left as it was.
    fn store(&self, body: &str) -> Result<(), StorageError> {
        self.store_with(|generation| raw_set(WORKSPACE_KEY, &stored_value_of(generation, body)))
    }

    /// Writes the workspace as the next generation with `write_workspace`
    /// (given that generation), unless another tab saved newer data or the
    /// browser refuses; in both cases storage is left as it was.
    fn store_with(
        &self,
        write_workspace: impl FnOnce(u64) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        if stored_generation() > self.generation.get() {
            return Err(StorageError::NewerInAnotherTab);
        }
        let next = self.generation.get() + 1;
        // The workspace first: if it does not fit, the generation stays and
        // the previous value is untouched (setItem is all or nothing).
        write_workspace(next)?;
        raw_set(GENERATION_KEY, &next.to_string())?;
        self.generation.set(next);
        Ok(())
    }
}

/// The generation currently in storage.
pub fn stored_generation() -> u64 {
    decode_generation(raw_get(GENERATION_KEY).as_deref())
}

/// Size of this app's stored data in UTF-16 code units, the unit of the
/// browser's localStorage quota (about 5 million per site).
pub fn stored_size() -> usize {
    let storage = LocalStorage::raw();
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with("thidua/"))
        .map(|key| {
            let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
            key.encode_utf16().count() + value.encode_utf16().count()
        })
        .sum()
}

/// Asks the browser not to evict our data under storage pressure.
pub fn request_persistence() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // `navigator.storage` exists only on secure origins; on a plain-HTTP
    // intranet host it is undefined and calling into it would throw.
    let navigator = window.navigator();
    if js_sys::Reflect::get(&navigator, &"storage".into()).is_ok_and(|s| s.is_object()) {
        let _ = navigator.storage().persist();
    }
}

/// A fresh identifier for a campaign, division, officer or initiative: a
/// random UUID v4.
///
/// Built from `crypto.getRandomValues`, which every browser offers, and not
/// from `crypto.randomUUID`, which browsers give only to secure origins
/// (HTTPS or localhost): on an intranet host served over plain HTTP that
/// call throws, and the first visit would fail.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto at all (a very old browser): time and Math.random
        // still make a collision within one campaign implausible.
        let time = (js_sys::Date::now() as u64).to_be_bytes();
        bytes[..8].copy_from_slice(&time);
        for byte in &mut bytes[8..] {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4_text(bytes)
}

/// `bytes` as the text of a version-4, variant-1 UUID.
fn uuid_v4_text(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
