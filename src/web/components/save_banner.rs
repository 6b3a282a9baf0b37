//! Tells the user whether what they see is safely stored.

use leptos::prelude::*;

use crate::web::storage::SaveState;

#[component]
pub fn SaveBanner(state: RwSignal<SaveState>) -> impl IntoView {
    move || match state.get() {
        SaveState::Saved => view! {
            <p class="save-state ok" role="status">"✓ Đã lưu trong trình duyệt"</p>
        }
        .into_any(),
        SaveState::LoadFailed(message) | SaveState::SaveFailed(message) => view! {
            <div class="banner error" role="alert">
                <strong>"Cảnh báo lưu trữ: "</strong>
                {message}
            </div>
        }
        .into_any(),
    }
}
