//! Tells the user whether what they see is safely stored, and what to do
//! when it is not.

use chrono::Local;
use leptos::prelude::*;

use crate::core::format;
use crate::web::safekeeping::use_safekeeping;
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

#[component]
pub fn SaveBanner(state: RwSignal<SaveState>) -> impl IntoView {
    // What is on screen, unsaved edit included, as a backup Thiết lập restores.
    let safekeeping = use_safekeeping();
    let export_now = move |_| {
        if let Err(reason) = safekeeping.download_backup() {
            let _ = window().alert_with_message(&reason);
        }
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
