//! Hợp nhất: importing and merging the divisions' files.

use leptos::prelude::*;

use crate::web::app::use_workspace;

#[component]
pub fn Merge() -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <section class="panel">
            <h1>"Hợp nhất"</h1>
            <p class="notice">
                "Nhập và hợp nhất tệp JSON của các phòng đang được xây dựng. "
                "Mỗi tệp sẽ được kiểm tra và xem trước trước khi thay đổi dữ liệu."
            </p>
            <p>
                "Mã chiến dịch hiện tại: "
                <code id="campaign-id">{move || workspace.with(|w| w.campaign.id.clone())}</code>
                ". Chỉ tệp cùng mã chiến dịch mới được hợp nhất."
            </p>
        </section>
    }
}
