//! Dữ liệu trong trình duyệt này: stored size, the sample, reset.

use super::confirm;
use crate::core::campaign::model::Workspace;
use crate::core::campaign::template::seed_campaign;
use crate::core::format;
use crate::core::sample::app_sample;
use crate::web::app::use_workspace;
use crate::web::storage::{new_id, stored_size};
use leptos::prelude::*;

/// localStorage holds about five million UTF-16 code units per site.
const STORAGE_BUDGET: usize = 5_000_000;

/// What this browser stores, sample data and reset.
#[component]
pub(super) fn BrowserDataPanel() -> impl IntoView {
    let workspace = use_workspace();
    let size = move || {
        workspace.track();
        stored_size()
    };
    let load_sample = move |_| {
        if confirm(
            "Nạp dữ liệu mẫu (8 phòng, 80 cán bộ, 24 ngày làm việc)? Toàn bộ dữ liệu hiện tại \
             trong trình duyệt này sẽ bị thay thế.",
        ) {
            workspace.set(app_sample());
        }
    };
    let reset = move |_| {
        if confirm(
            "Đặt lại về thiết lập theo Kế hoạch? Toàn bộ dữ liệu hiện tại trong trình duyệt \
             này sẽ bị xóa.",
        ) {
            workspace.set(Workspace::new(seed_campaign(new_id())));
        }
    };
    view! {
        <p id="stored-size">
            "Dung lượng đang dùng: "
            <strong>{move || format::integer(size() as i64)}</strong>
            " / khoảng "
            {format::integer(STORAGE_BUDGET as i64)}
            " ký tự ("
            {move || format::decimal(size() as f64 * 100.0 / STORAGE_BUDGET as f64, 1)}
            "%)."
        </p>
        <div class="actions">
            <button id="load-sample" on:click=load_sample>"Nạp dữ liệu mẫu"</button>
            <button id="reset" class="danger" on:click=reset>"Đặt lại"</button>
        </div>
        <p class="hint">
            "Dữ liệu mẫu được sinh tự động, ghi rõ “DỮ LIỆU MẪU” trong tên phong trào, "
            "chỉ để dùng thử."
        </p>
    }
}
