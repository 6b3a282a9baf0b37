//! The rankings of divisions and of officers: every criterion's attainment,
//! the score and the classification, each opening its formula with the
//! actual numbers.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::core::campaign::model::{Criterion, Text};
use crate::core::entry::history::{edit_summaries, Topic};
use crate::core::evaluation::explain::{
    attainment_text, explain_composite, explain_criterion, explain_history,
    explain_paper_free_days, explain_provenance,
};
use crate::core::evaluation::score::{CampaignEvaluation, Evaluation};
use crate::core::format;
use crate::core::route::Route;
use crate::web::app::use_workspace;

/// Officers listed at first, and added by each “Xem thêm”.
const OFFICER_PAGE: usize = 20;

fn criteria_header(criteria: &[Criterion]) -> impl IntoView {
    criteria
        .iter()
        .map(|c| view! { <th title=c.title.clone()>{c.code.clone()}</th> })
        .collect_view()
}

/// Each division's history line per topic, as the formulas show it.
type HistoryLines = HashMap<(String, Topic), String>;

fn history_line(lines: Option<&HistoryLines>, unit: &str, topic: Topic) -> Option<impl IntoView> {
    let line = lines?.get(&(unit.to_owned(), topic))?.clone();
    Some(view! { <p class="history">{line}</p> })
}

/// One cell per criterion and the score cell, each explaining itself (and,
/// for a division's criteria built on daily counts, where they came from;
/// and how its figures were entered and corrected).
fn figure_cells(
    criteria: &[Criterion],
    evaluation: &Evaluation,
    history: Option<&HistoryLines>,
) -> impl IntoView {
    let provenance = explain_provenance(&evaluation.provenance);
    let cells = criteria
        .iter()
        .zip(&evaluation.criteria)
        .map(|(criterion, result)| {
            let tone = match result.met {
                Some(true) => "met",
                Some(false) => "missed",
                None => "na",
            };
            view! {
                <td class=format!("num {tone}") data-label=criterion.code.clone()>
                    <details class="explain">
                        <summary>{attainment_text(result)}</summary>
                        <div class="popover">
                            <p>{explain_criterion(criterion, result)}</p>
                            {criterion.kind.uses_daily_counts().then(|| provenance.clone()).flatten().map(|text| {
                                view! { <p class="provenance">{text}</p> }
                            })}
                            {history_line(history, &evaluation.id, Topic::Criterion(criterion.kind))}
                        </div>
                    </details>
                </td>
            }
        })
        .collect_view();
    view! {
        {cells}
        <td class="num score" data-label="Điểm">
            <details class="explain">
                <summary>
                    {evaluation.composite.map_or("—".into(), |c| format::decimal(c, 1))}
                </summary>
                <p>{explain_composite(criteria, evaluation)}</p>
            </details>
        </td>
        <td class="classification" data-label="Xếp loại">
            {evaluation.classification.label()}
        </td>
    }
}

#[component]
pub fn RankingTable(evaluation: Memo<CampaignEvaluation>) -> impl IntoView {
    let workspace = use_workspace();
    let criteria = Memo::new(move |_| workspace.with(|w| w.campaign.criteria.clone()));
    let history = Memo::new(move |_| {
        workspace.with(|w| {
            edit_summaries(w)
                .into_iter()
                .map(|(key, summary)| (key, explain_history(&summary, &w.campaign)))
                .collect::<HistoryLines>()
        })
    });
    let rows = move || {
        let history = history.read();
        criteria.with(|criteria| {
            evaluation.with(|e| {
                e.units
                    .iter()
                    .map(|unit| {
                        view! {
                            <tr data-unit=unit.id.to_string()>
                                <td class="num rank" data-label="Hạng">{unit.rank}</td>
                                <th scope="row">{unit.name.to_string()}</th>
                                {figure_cells(criteria, unit, Some(&history))}
                                <td class="num" data-label="Ngày không in giấy">
                                    <details class="explain">
                                        <summary>{unit.paper_free_days}</summary>
                                        <div class="popover">
                                            <p>{explain_paper_free_days(unit)}</p>
                                            {history_line(Some(&history), &unit.id, Topic::PaperFree)}
                                        </div>
                                    </details>
                                </td>
                                <td class="num" data-label="Tuần làm việc không văn bản giấy">
                                    {format!("{}/{}", unit.paperless_weeks, e.weeks)}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <div class="table-wrap">
            <table class="data ranking" id="ranking">
                <thead>
                    <tr>
                        <th>"Hạng"</th>
                        <th>"Phòng"</th>
                        {move || criteria.with(|c| criteria_header(c))}
                        <th>"Điểm"</th>
                        <th>"Xếp loại"</th>
                        <th title="Ngày làm việc có báo cáo và không in trang nào (trừ trang in văn bản mật, hồ sơ khen thưởng cấp nhà nước)">
                            "Ngày không in giấy"
                        </th>
                        <th title="Tuần mà mọi ngày làm việc đều không in giấy">
                            "Tuần làm việc không văn bản giấy"
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="hint">
            "Bấm vào một con số để xem cách tính. “—”: không phát sinh (0/0), không tính vào điểm. "
            "Quy tắc đánh giá, xếp loại và đề xuất khen thưởng: xem mục "
            <a href=Route::Guide.href()>"Cách đánh giá"</a>
            " trong trang Hướng dẫn."
        </p>
    }
}

/// The officers' ranking, for one division or all, a page at a time (a
/// province has tens of thousands of officers).
#[component]
pub fn OfficerRanking(evaluation: Memo<CampaignEvaluation>) -> impl IntoView {
    let workspace = use_workspace();
    let criteria = Memo::new(move |_| workspace.with(|w| w.campaign.criteria.clone()));
    let unit_filter = RwSignal::new(String::new());
    let limit = RwSignal::new(OFFICER_PAGE);
    let unit_names = Memo::new(move |_| {
        workspace.with(|w| {
            let names: HashMap<&str, &str> = w
                .campaign
                .units
                .iter()
                .map(|u| (u.id.as_str(), u.name.as_str()))
                .collect();
            w.campaign
                .officers
                .iter()
                .map(|o| {
                    let unit = names.get(o.unit_id.as_str()).copied().unwrap_or("—");
                    (o.id.clone(), (o.unit_id.clone(), unit.to_string()))
                })
                .collect::<HashMap<Text, (String, String)>>()
        })
    });
    // Officers of the chosen division, in ranking order.
    let listed = Memo::new(move |_| {
        let filter = unit_filter.get();
        unit_names.with(|units| {
            evaluation.with(|e| {
                e.officers
                    .iter()
                    .filter(|o| {
                        filter.is_empty() || units.get(&o.id).is_some_and(|u| u.0 == filter)
                    })
                    .cloned()
                    .collect::<Vec<Evaluation>>()
            })
        })
    });
    let rows = move || {
        let shown = limit.get();
        criteria.with(|criteria| {
            unit_names.with(|units| {
                listed.with(|officers| {
                    officers
                        .iter()
                        .take(shown)
                        .map(|officer| {
                            let unit = units.get(&officer.id).map_or("—", |u| u.1.as_str());
                            view! {
                                <tr data-officer=officer.id.to_string()>
                                    <td class="num rank" data-label="Hạng">{officer.rank}</td>
                                    <th scope="row">{officer.name.to_string()}</th>
                                    <td class="unit" data-label="Phòng">{unit.to_string()}</td>
                                    {figure_cells(criteria, officer, None)}
                                </tr>
                            }
                        })
                        .collect_view()
                })
            })
        })
    };
    let unit_options = move || {
        workspace.with(|w| {
            w.campaign
                .units
                .iter()
                .map(|u| view! { <option value=u.id.clone()>{u.name.clone()}</option> })
                .collect_view()
        })
    };
    let remaining = move || listed.with(Vec::len).saturating_sub(limit.get());
    view! {
        <div class="toolbar">
            <label>
                "Phòng: "
                <select
                    id="officer-unit"
                    on:change=move |ev| {
                        unit_filter.set(event_target_value(&ev));
                        limit.set(OFFICER_PAGE);
                    }
                >
                    <option value="">"Tất cả các phòng"</option>
                    {unit_options}
                </select>
            </label>
            <span class="hint">
                {move || format!("{} cán bộ, công chức", format::integer(listed.with(Vec::len) as i64))}
            </span>
        </div>
        <div class="table-wrap">
            <table class="data ranking" id="officer-ranking">
                <thead>
                    <tr>
                        <th title="Hạng trong toàn Sở">"Hạng"</th>
                        <th>"Họ và tên"</th>
                        <th>"Phòng"</th>
                        {move || criteria.with(|c| criteria_header(c))}
                        <th>"Điểm"</th>
                        <th>"Xếp loại"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Show when=move || { remaining() > 0 }>
            <button
                type="button"
                id="officer-more"
                on:click=move |_| limit.update(|l| *l += OFFICER_PAGE)
            >
                {move || format!("Xem thêm ({} người nữa)", format::integer(remaining() as i64))}
            </button>
        </Show>
        <p class="hint">
            "Hạng tính trong toàn Sở. TC3 (liên thông) là việc của phòng, không tính cho cá nhân; "
            "TC2 của cá nhân là văn bản đã ký số trên số văn bản xử lý trên mạng."
        </p>
    }
}
