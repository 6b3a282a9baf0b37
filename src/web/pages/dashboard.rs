//! Tổng quan: the campaign at a glance.

use leptos::prelude::*;

use crate::core::campaign::calendar::{campaign_phase, working_days};
use crate::core::campaign::model::Campaign;
use crate::core::evaluation::explain::{attainment_text, explain_criterion};
use crate::core::evaluation::score::{
    department_totals, evaluate, CampaignEvaluation, Classification,
};
use crate::core::format;
use crate::web::app::{after_first_paint, today, use_workspace};
use crate::web::components::deadline_list::DeadlineList;
use crate::web::components::evaluation_charts::EvaluationCharts;
use crate::web::components::proposal_list::ProposalList;
use crate::web::components::ranking_table::{OfficerRanking, RankingTable};
use crate::web::components::start_panel::StartPanel;
use crate::web::components::submission_table::SubmissionTable;

#[component]
pub fn Dashboard() -> impl IntoView {
    let workspace = use_workspace();
    // Each figure reads only what it shows: copying the campaign for each
    // was 20,000 officers copied eight times at a province's scale.
    let read = move |field: fn(&Campaign) -> String| move || workspace.with(|w| field(&w.campaign));
    let today = today();
    // One evaluation per change, shared by the figures, charts, rankings and proposals.
    let evaluation = Memo::new(move |_| workspace.with(evaluate));
    // Built once the screen has been painted: the charts, the officers'
    // ranking and the proposals, below the fold, were 1,200 of the
    // screen's 1,700 elements (the charts' SVG the costliest to build), and
    // the first paint waited for all of them (docs/hosting.md).
    let painted = after_first_paint();
    view! {
        <section class="hero">
            <p class="eyebrow">{read(|c| c.issuing_body.clone())}</p>
            <h1 id="campaign-title">{read(|c| c.title.clone())}</h1>
            <p class="period">
                "Thời gian: "
                <strong>
                    {read(|c| format::date(c.period.start))} " – "
                    {read(|c| format::date(c.period.end))}
                </strong>
                " · "
                <span class="phase">
                    {move || workspace.with(|w| campaign_phase(&w.campaign, today).text())}
                </span>
            </p>
            <p class="period">
                <strong id="working-days">{read(|c| working_days(c).len().to_string())}</strong>
                " ngày làm việc · "
                <strong>{read(|c| c.units.len().to_string())}</strong>
                " phòng · "
                <strong>{read(|c| c.active_officers().count().to_string())}</strong>
                " cán bộ, công chức · "
                <strong>{read(|c| c.criteria.len().to_string())}</strong>
                " tiêu chí thi đua"
            </p>
        </section>
        <Show when=move || !workspace.with(|w| w.has_records())>
            <StartPanel />
        </Show>
        <HeadlineFigures evaluation=evaluation />
        <section class="panel">
            <h2>"Thời hạn báo cáo"</h2>
            <p class="hint">"Tính đến hôm nay, " {format::date_with_weekday(today)} "."</p>
            <DeadlineList />
            <h3>"Các phòng gửi dữ liệu"</h3>
            <SubmissionTable />
        </section>
        <section class="panel below-fold">
            <h2>"Xếp hạng các phòng"</h2>
            <Show when=move || painted.get()>
                <EvaluationCharts evaluation=evaluation />
            </Show>
            <RankingTable evaluation=evaluation />
        </section>
        <section class="panel below-fold">
            <h2>"Xếp hạng cá nhân"</h2>
            <Show when=move || painted.get()>
                <OfficerRanking evaluation=evaluation />
            </Show>
        </section>
        <section class="panel below-fold">
            <h2>"Đề xuất khen thưởng"</h2>
            <p class="hint">
                "Theo quy tắc tại Thiết lập: tập thể “Hoàn thành xuất sắc” có đủ số tuần làm việc "
                "không văn bản giấy; cá nhân “Hoàn thành xuất sắc” (và có sáng kiến, nếu yêu cầu)."
            </p>
            <Show when=move || painted.get()>
                <ProposalList evaluation=evaluation />
            </Show>
        </section>
    }
}

/// The department's result on each criterion, then the divisions' standing.
#[component]
fn HeadlineFigures(evaluation: Memo<CampaignEvaluation>) -> impl IntoView {
    let workspace = use_workspace();
    let cards = move || {
        let criteria = workspace.with(|w| w.campaign.criteria.clone());
        evaluation.with(|e| {
            let totals = department_totals(&criteria, &e.units);
            let criterion_cards = criteria
                .iter()
                .zip(&totals)
                .map(|(criterion, total)| {
                    view! {
                        <div class="stat">
                            <details class="explain">
                                <summary class="value">{attainment_text(total)}</summary>
                                <p>"Toàn Sở — " {explain_criterion(criterion, total)}</p>
                            </details>
                            <span class="label">{format!("{} {}", criterion.code, criterion.kind.short_label())}</span>
                        </div>
                    }
                })
                .collect_view();
            let excellent = e.units_classified(Classification::Excellent);
            let unit_days = e.units.len() * e.working_days.len();
            let free_days = e.paper_free_unit_days();
            view! {
                {criterion_cards}
                <div class="stat">
                    <span class="value">{format!("{excellent}/{}", e.units.len())}</span>
                    <span class="label">"phòng hoàn thành xuất sắc"</span>
                </div>
                <div class="stat">
                    <details class="explain">
                        <summary class="value">
                            {format::integer(i64::from(free_days))}
                        </summary>
                        <p>
                            {format!(
                                "Tổng số ngày làm việc không in giấy của các phòng: {} trên {} \
                                 ngày-phòng ({} phòng × {} ngày làm việc).",
                                format::integer(i64::from(free_days)),
                                format::integer(unit_days as i64),
                                e.units.len(),
                                e.working_days.len(),
                            )}
                        </p>
                    </details>
                    <span class="label">"ngày-phòng không in giấy"</span>
                </div>
            }
        })
    };
    view! { <section class="cards" id="headline">{cards}</section> }
}
