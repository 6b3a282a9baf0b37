//! localStorage adapter (gloo-storage) for the layout of [`crate::core::persist`].
//!
//! Each tab remembers the generation it last read or wrote and refuses to
//! write over a newer one, so an old tab can never silently overwrite what a
//! newer tab saved.

use std::cell::{Cell, RefCell};
use std::fmt;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use crate::core::model::Workspace;
use crate::core::persist::{
    classify_write_error, decode_generation, decode_stored, migrate_v1, stored_value,
    workspace_json, DecodeError, Stored, WriteFailure, GENERATION_KEY, LEGACY_V1_KEY,
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
                 nguyên dưới khóa “{UNREADABLE_KEY}”; ứng dụng bắt đầu với chiến dịch mẫu."
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
    LocalStorage::raw().set_item(key, value).map_err(|error| {
        let exception = error.dyn_ref::<web_sys::DomException>();
        let name = exception.map(|e| e.name()).unwrap_or_default();
        let message = exception.map(|e| e.message()).unwrap_or_default();
        match classify_write_error(&name, &message) {
            WriteFailure::QuotaExceeded => StorageError::QuotaExceeded,
            WriteFailure::Other(reason) => StorageError::WriteRefused(reason),
        }
    })
}

/// Reads the stored workspace: `Ok(None)` on a first visit. A layout-1 value
/// is migrated (and left in place as the snapshot); an unusable value is
/// copied aside, never deleted.
pub fn load() -> Result<Option<Stored>, StorageError> {
    let (raw, decoded) = if let Some(raw) = raw_get(WORKSPACE_KEY) {
        let decoded = decode_stored(&raw);
        (raw, decoded)
    } else if let Some(raw) = raw_get(LEGACY_V1_KEY) {
        let decoded = migrate_v1(&raw);
        (raw, decoded)
    } else {
        return Ok(None);
    };
    decoded.map(Some).map_err(|reason| {
        // Best effort: if even this fails, the original key is still untouched.
        let _ = LocalStorage::raw().set_item(UNREADABLE_KEY, &raw);
        StorageError::Unreadable(reason)
    })
}

/// What this tab knows of the stored workspace.
#[derive(Debug, Default)]
pub struct TabStorage {
    generation: Cell<u64>,
    last_written: RefCell<String>,
}

impl TabStorage {
    /// Starts from what [`load`] returned. With nothing usable loaded, the
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
    /// another tab saved).
    pub fn adopt(&self, stored: &Stored) {
        self.generation.set(stored.generation);
        *self.last_written.borrow_mut() = workspace_json(&stored.workspace);
    }

    /// The generation this tab last read or wrote.
    pub fn generation(&self) -> u64 {
        self.generation.get()
    }

    /// Writes `workspace` unless nothing changed (`Ok(false)`), another tab
    /// saved newer data, or the browser refuses; in the last two cases storage
    /// is left as it was.
    pub fn save(&self, workspace: &Workspace) -> Result<bool, StorageError> {
        let next = self.generation.get() + 1;
        let json = workspace_json(workspace);
        if *self.last_written.borrow() == json {
            return Ok(false);
        }
        if stored_generation() > self.generation.get() {
            return Err(StorageError::NewerInAnotherTab);
        }
        let raw = stored_value(next, &json);
        // The workspace first: if it does not fit, the generation stays and
        // the previous value is untouched (setItem is all or nothing).
        raw_set(WORKSPACE_KEY, &raw)?;
        raw_set(GENERATION_KEY, &next.to_string())?;
        self.generation.set(next);
        *self.last_written.borrow_mut() = json;
        Ok(true)
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
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().storage().persist();
    }
}

/// A fresh campaign identifier (UUID v4 from the browser's crypto).
pub fn new_campaign_id() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("campaign-{}", js_sys::Date::now() as u64))
}
