//! Báo cáo: the consolidated report.

use leptos::prelude::*;

use crate::web::app::use_workspace;
use crate::web::components::criteria_table::CriteriaTable;

#[component]
pub fn Report() -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <section class="panel">
            <h1>"Báo cáo"</h1>
            <p class="notice">
                "Báo cáo tổng hợp theo thể thức Nghị định 30/2020/NĐ-CP đang được xây dựng. "
                "Báo cáo sẽ đánh giá các phòng theo những tiêu chí sau."
            </p>
            <p class="hint">{move || workspace.with(|w| w.campaign.plan_reference.clone())}</p>
            <CriteriaTable />
        </section>
    }
}
