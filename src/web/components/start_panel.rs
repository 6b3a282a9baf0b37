//! The first thing a new user sees on Tổng quan while nothing was entered:
//! who does what next, and the sample one click away.

use leptos::prelude::*;

use crate::core::sample::app_sample;
use crate::web::app::use_workspace;

#[component]
pub fn StartPanel() -> impl IntoView {
    let workspace = use_workspace();
    let use_sample = move |_| {
        // Nothing was entered, but a campaign may have been set up already.
        let set_up = workspace.with_untracked(|w| !w.campaign.officers.is_empty());
        let confirmed = !set_up
            || window()
                .confirm_with_message(
                    "Dữ liệu mẫu sẽ thay thế thiết lập hiện tại (các phòng, cán bộ, tiêu chí). \
                     Tiếp tục?",
                )
                .unwrap_or(false);
        if confirmed {
            workspace.set(app_sample());
        }
    };
    view! {
        <section class="panel start" id="start-panel" aria-labelledby="start-heading">
            <div inner_html=START_TEXT></div>
            <p class="start-sample">
                <button class="primary" id="start-sample" on:click=use_sample>
                    "Dùng dữ liệu mẫu"
                </button>
                " để xem thử với 8 phòng, 80 cán bộ (ghi rõ “DỮ LIỆU MẪU”; đặt lại được tại Thiết lập)."
            </p>
        </section>
    }
}

/// The panel's fixed text: static HTML rather than views, which the first
/// load would pay for as generic code (the same choice as `core::guide`).
const START_TEXT: &str = r##"<h2 id="start-heading">Bắt đầu</h2>
<p>Trình duyệt này chưa có số liệu nào, nên các con số bên dưới còn trống. Bạn dùng ứng dụng với vai trò nào?</p>
<div class="start-roles">
<div class="role">
<h3>Phòng Pháp chế, Văn phòng Sở</h3>
<p class="hint">Thiết lập phong trào, nhận và tổng hợp tệp của các phòng.</p>
<ol>
<li>Kiểm tra thời gian, các phòng, cán bộ và tiêu chí tại <a href="#/thiet-lap">Thiết lập</a>, rồi xuất tệp thiết lập phong trào gửi cho các phòng.</li>
<li>Khi các phòng gửi tệp số liệu về, nhập tất cả tại <a href="#/hop-nhat">Hợp nhất</a>.</li>
</ol>
</div>
<div class="role">
<h3>Cán bộ nhập liệu của một phòng</h3>
<p class="hint">Nhập số liệu hằng ngày của phòng mình và gửi đi.</p>
<ol>
<li>Nhập tệp thiết lập phong trào nhận từ Phòng Pháp chế tại <a href="#/thiet-lap">Thiết lập</a>.</li>
<li>Chọn phòng của mình và nhập số liệu từng ngày tại <a href="#/nhap-lieu">Nhập liệu</a>.</li>
</ol>
</div>
</div>"##;
