//! localStorage adapter (gloo-storage). Keys are namespaced and carry the
//! schema version, so a future layout can live beside this one while it is
//! migrated.

use std::fmt;

use gloo_storage::{errors::StorageError as GlooError, LocalStorage, Storage};

use crate::core::model::{Workspace, SCHEMA_VERSION};

/// Where the workspace lives.
pub const WORKSPACE_KEY: &str = "thidua/v1/workspace";
/// Where an unreadable stored workspace is moved before anything else is saved.
pub const UNREADABLE_KEY: &str = "thidua/v1/workspace.unreadable";

/// What can go wrong between the app and localStorage.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// The stored value is not a workspace this version understands.
    Unreadable(String),
    /// The browser refused the write (storage full, disabled, private mode).
    WriteRefused(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unreadable(reason) => write!(
                f,
                "Dữ liệu đã lưu trong trình duyệt không đọc được ({reason}). Bản cũ được giữ \
                 nguyên dưới khóa “{UNREADABLE_KEY}”; ứng dụng bắt đầu với chiến dịch mẫu."
            ),
            StorageError::WriteRefused(reason) => write!(
                f,
                "Không lưu được vào trình duyệt ({reason}). Thay đổi vừa rồi chưa được lưu."
            ),
        }
    }
}

/// The save indicator shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Everything on screen is stored.
    Saved,
    /// The stored data could not be read at start-up.
    LoadFailed(String),
    /// The last write failed.
    SaveFailed(String),
}

impl SaveState {
    /// Takes the outcome of a write into account. A load failure stays on
    /// screen until the user has seen it, even once writes succeed.
    pub fn record(&mut self, result: Result<(), StorageError>) {
        match result {
            Ok(()) if matches!(self, SaveState::SaveFailed(_)) => *self = SaveState::Saved,
            Ok(()) => {}
            Err(error) => *self = SaveState::SaveFailed(error.to_string()),
        }
    }
}

/// Reads the stored workspace: `Ok(None)` on a first visit. An unreadable
/// value is moved aside (never deleted) so the next save cannot destroy it.
pub fn load_workspace() -> Result<Option<Workspace>, StorageError> {
    let raw: String = match LocalStorage::raw().get_item(WORKSPACE_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Ok(None),
        Err(_) => return Err(StorageError::Unreadable("trình duyệt chặn bộ nhớ".into())),
    };
    match serde_json::from_str::<Workspace>(&raw) {
        Ok(workspace) if workspace.schema_version <= SCHEMA_VERSION => Ok(Some(workspace)),
        Ok(workspace) => Err(set_aside(
            &raw,
            format!(
                "phiên bản dữ liệu {} mới hơn ứng dụng",
                workspace.schema_version
            ),
        )),
        Err(error) => Err(set_aside(&raw, error.to_string())),
    }
}

fn set_aside(raw: &str, reason: String) -> StorageError {
    // Best effort: if even this fails, the original key is still untouched
    // until the user changes something.
    let _ = LocalStorage::raw().set_item(UNREADABLE_KEY, raw);
    StorageError::Unreadable(reason)
}

/// Writes the workspace, reporting a refused write instead of losing it.
pub fn save_workspace(workspace: &Workspace) -> Result<(), StorageError> {
    LocalStorage::set(WORKSPACE_KEY, workspace).map_err(|error| match error {
        GlooError::SerdeError(error) => StorageError::WriteRefused(error.to_string()),
        other => StorageError::WriteRefused(other.to_string()),
    })
}

/// A fresh campaign identifier (UUID v4 from the browser's crypto).
pub fn new_campaign_id() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("campaign-{}", js_sys::Date::now() as u64))
}
