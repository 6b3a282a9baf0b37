//! Nhập liệu: the working days each division fills in.

use leptos::prelude::*;

use crate::core::calendar::working_days;
use crate::core::format;
use crate::web::app::use_workspace;

#[component]
pub fn DataEntry() -> impl IntoView {
    let workspace = use_workspace();
    let days = move || workspace.with(|w| working_days(&w.campaign));
    view! {
        <section class="panel">
            <h1>"Nhập liệu"</h1>
            <p class="notice">
                "Bảng nhập số liệu hằng ngày của từng phòng đang được xây dựng. "
                "Dưới đây là các ngày làm việc của chiến dịch mà mỗi phòng sẽ báo cáo."
            </p>
            <h2>{move || format!("{} ngày làm việc", days().len())}</h2>
            <ul class="day-list">
                {move || {
                    days()
                        .into_iter()
                        .map(|day| view! { <li>{format::date_with_weekday(day)}</li> })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
