//! The charts of Tổng quan. The core draws them as SVG (names escaped by the
//! backend); this component only places the SVG on the page.

use leptos::prelude::*;

use crate::core::charts::{chart_height, draw_attainment_grid, draw_ranking, to_svg};
use crate::core::evaluation::CampaignEvaluation;
use crate::web::app::use_workspace;

/// Width the charts are drawn at; CSS scales them to the column (they carry a viewBox).
const CHART_WIDTH: u32 = 1000;

#[component]
pub fn EvaluationCharts(evaluation: Memo<CampaignEvaluation>) -> impl IntoView {
    let workspace = use_workspace();
    let charts = Memo::new(move |_| {
        let criteria = workspace.with(|w| w.campaign.criteria.clone());
        evaluation.with(|e| {
            let units = &e.units;
            let height = chart_height(units.len());
            (
                to_svg(CHART_WIDTH, height, |root| draw_ranking(root, units)),
                to_svg(CHART_WIDTH, height, |root| {
                    draw_attainment_grid(root, &criteria, units)
                }),
            )
        })
    });
    view! {
        <div class="charts">
            <figure class="chart" id="chart-ranking">
                <figcaption>"Điểm tổng hợp và xếp loại"</figcaption>
                <div inner_html=move || charts.with(|c| c.0.clone())></div>
            </figure>
            <figure class="chart" id="chart-attainment">
                <figcaption>"Tỷ lệ đạt từng tiêu chí"</figcaption>
                <div inner_html=move || charts.with(|c| c.1.clone())></div>
            </figure>
        </div>
    }
}
