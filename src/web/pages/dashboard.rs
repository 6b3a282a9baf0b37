//! Tổng quan: the campaign at a glance.

use leptos::prelude::*;

use crate::core::calendar::{campaign_phase, working_days};
use crate::core::evaluation::evaluate;
use crate::core::format;
use crate::web::app::{today, use_workspace};
use crate::web::components::deadline_list::DeadlineList;
use crate::web::components::evaluation_charts::EvaluationCharts;
use crate::web::components::proposal_list::ProposalList;
use crate::web::components::ranking_table::RankingTable;

#[component]
pub fn Dashboard() -> impl IntoView {
    let workspace = use_workspace();
    let campaign = move || workspace.with(|w| w.campaign.clone());
    let today = today();
    // One evaluation per change, shared by the charts, the ranking and the proposals.
    let evaluation = Memo::new(move |_| workspace.with(evaluate));
    view! {
        <section class="hero">
            <p class="eyebrow">{move || campaign().issuing_body}</p>
            <h1 id="campaign-title">{move || campaign().title}</h1>
            <p class="period">
                "Thời gian: "
                <strong>
                    {move || format::date(campaign().period.start)} " – "
                    {move || format::date(campaign().period.end)}
                </strong>
                " · "
                <span class="phase">
                    {move || format::campaign_phase(campaign_phase(&campaign(), today))}
                </span>
            </p>
        </section>
        <section class="cards">
            <div class="stat">
                <span class="value" id="working-days">
                    {move || working_days(&campaign()).len()}
                </span>
                <span class="label">"ngày làm việc"</span>
            </div>
            <div class="stat">
                <span class="value">{move || campaign().units.len()}</span>
                <span class="label">"phòng thuộc Sở"</span>
            </div>
            <div class="stat">
                <span class="value">{move || campaign().officers.len()}</span>
                <span class="label">"cán bộ, công chức"</span>
            </div>
            <div class="stat">
                <span class="value">{move || campaign().criteria.len()}</span>
                <span class="label">"tiêu chí thi đua"</span>
            </div>
        </section>
        <section class="panel">
            <h2>"Thời hạn báo cáo"</h2>
            <p class="hint">"Tính đến hôm nay, " {format::date_with_weekday(today)} "."</p>
            <DeadlineList />
        </section>
        <section class="panel">
            <h2>"Xếp hạng các phòng"</h2>
            <EvaluationCharts evaluation=evaluation />
            <RankingTable evaluation=evaluation />
        </section>
        <section class="panel">
            <h2>"Đề xuất khen thưởng"</h2>
            <p class="hint">
                "Theo quy tắc tại Thiết lập: tập thể “Hoàn thành xuất sắc” có đủ số tuần làm việc "
                "không văn bản giấy; cá nhân “Hoàn thành xuất sắc” (và có sáng kiến, nếu yêu cầu)."
            </p>
            <ProposalList evaluation=evaluation />
        </section>
    }
}
