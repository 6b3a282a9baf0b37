//! The charts of Tổng quan. The core draws them as SVG (names escaped by the
//! backend); this component only places the SVG on the page.

use leptos::prelude::*;

use crate::core::evaluation::charts::{
    chart_height, draw_attainment_grid, draw_daily_trend, draw_paper_calendar, draw_ranking, to_svg,
};
use crate::core::evaluation::score::CampaignEvaluation;
use crate::web::app::use_workspace;

/// Width the charts are drawn at; CSS scales them to the column (they carry a viewBox).
const CHART_WIDTH: u32 = 1000;
/// Divisions drawn in the per-division charts; a province has thousands,
/// which no chart can show legibly (the ranking table lists them all).
const CHART_MAX_UNITS: usize = 40;

#[derive(PartialEq)]
struct Charts {
    ranking: String,
    attainment: String,
    trend: String,
    calendar: String,
    /// Divisions drawn, and in all.
    shown: (usize, usize),
}

#[component]
pub fn EvaluationCharts(evaluation: Memo<CampaignEvaluation>) -> impl IntoView {
    let workspace = use_workspace();
    let charts = Memo::new(move |_| {
        let criteria = workspace.with(|w| w.campaign.criteria.clone());
        evaluation.with(|e| {
            let units = &e.units[..e.units.len().min(CHART_MAX_UNITS)];
            let height = chart_height(units.len());
            Charts {
                ranking: to_svg(CHART_WIDTH, height, |root| draw_ranking(root, units)),
                attainment: to_svg(CHART_WIDTH, height, |root| {
                    draw_attainment_grid(root, &criteria, units)
                }),
                trend: to_svg(CHART_WIDTH, 320, |root| draw_daily_trend(root, &e.daily)),
                calendar: to_svg(CHART_WIDTH, height + 20, |root| {
                    draw_paper_calendar(root, &e.working_days, units)
                }),
                shown: (units.len(), e.units.len()),
            }
        })
    });
    let chart = move |id: &'static str, caption: &'static str, svg: fn(&Charts) -> &String| {
        view! {
            <figure class="chart" id=id>
                <figcaption>{caption}</figcaption>
                <div inner_html=move || charts.with(|c| svg(c).clone())></div>
            </figure>
        }
    };
    let truncated = move || {
        charts.with(|c| {
            let (shown, all) = c.shown;
            (shown < all).then(|| {
                view! {
                    <p class="hint">
                        {format!(
                            "Biểu đồ theo phòng chỉ vẽ {shown} phòng đứng đầu trong {all} phòng; \
                             bảng xếp hạng bên dưới có đủ tất cả."
                        )}
                    </p>
                }
            })
        })
    };
    view! {
        <div class="charts">
            {chart("chart-ranking", "Điểm tổng hợp và xếp loại", |c| &c.ranking)}
            {chart("chart-attainment", "Tỷ lệ đạt từng tiêu chí", |c| &c.attainment)}
            {chart(
                "chart-trend",
                "Tỷ lệ xử lý, ký số và liên thông trên mạng theo ngày (toàn Sở)",
                |c| &c.trend,
            )}
            {chart("chart-calendar", "Lịch ngày không in giấy của từng phòng", |c| &c.calendar)}
        </div>
        {truncated}
    }
}
