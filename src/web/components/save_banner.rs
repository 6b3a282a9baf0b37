//! Tells the user whether what they see is safely stored, and what to do
//! when it is not.

use chrono::Local;
use leptos::prelude::*;

use crate::core::format;
use crate::web::app::{today, use_workspace};
use crate::web::download::download_json;
use crate::web::storage::StorageError;

/// The save indicator's state.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Everything on screen is stored (as of the time shown).
    Saved,
    /// Another tab saved newer data, now shown here.
    UpdatedFromAnotherTab,
    /// Loading or the last write failed.
    Failed(StorageError),
}

impl SaveState {
    /// Takes the outcome of a save into account: a skipped write (nothing
    /// changed) leaves the message as it is, and a failure to read the stored
    /// data stays on screen until the page is reloaded.
    pub fn record(&mut self, result: Result<bool, StorageError>) {
        match result {
            Ok(false) => {}
            Ok(true) if matches!(self, SaveState::Failed(StorageError::Unreadable(_))) => {}
            Ok(true) => *self = SaveState::Saved,
            Err(error) => *self = SaveState::Failed(error),
        }
    }
}

/// Downloads the whole workspace as a backup file.
fn export_backup(json: String) {
    let name = format!("thidua-sao-luu-{}.json", today());
    if download_json(&name, &json).is_err() {
        let _ = window().alert_with_message("Trình duyệt không cho tải tệp xuống.");
    }
}

#[component]
pub fn SaveBanner(state: RwSignal<SaveState>) -> impl IntoView {
    let workspace = use_workspace();
    let export_now = move |_| {
        let json = workspace.with(|w| serde_json::to_string(w).unwrap_or_default());
        export_backup(json);
    };
    move || match state.get() {
        SaveState::Saved => view! {
            <p class="save-state ok" role="status">
                "✓ Đã lưu trong trình duyệt lúc " {format::time_of_day(Local::now())}
            </p>
        }
        .into_any(),
        SaveState::UpdatedFromAnotherTab => view! {
            <p class="save-state info" role="status">
                "↻ Đã cập nhật dữ liệu mới do một thẻ khác lưu."
            </p>
        }
        .into_any(),
        SaveState::Failed(error) => {
            let reload = matches!(error, StorageError::NewerInAnotherTab);
            view! {
                <div class="banner error" role="alert">
                    <p>
                        <strong>"Cảnh báo lưu trữ: "</strong>
                        {error.to_string()}
                    </p>
                    <div class="actions">
                        <button class="primary" on:click=export_now>"Xuất dữ liệu ngay"</button>
                        {reload
                            .then(|| {
                                view! {
                                    <button on:click=|_| {
                                        let _ = window().location().reload();
                                    }>"Tải lại trang"</button>
                                }
                            })}
                    </div>
                </div>
            }
            .into_any()
        }
    }
}
