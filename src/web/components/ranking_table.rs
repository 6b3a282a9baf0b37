//! The ranking of the divisions: every criterion's attainment, the score and
//! the classification, each opening its formula with the actual numbers.

use leptos::prelude::*;

use crate::core::evaluation::CampaignEvaluation;
use crate::core::explain::{attainment_text, explain_composite, explain_criterion};
use crate::core::format;
use crate::web::app::use_workspace;

#[component]
pub fn RankingTable(evaluation: Memo<CampaignEvaluation>) -> impl IntoView {
    let workspace = use_workspace();
    let header = move || {
        workspace.with(|w| {
            w.campaign
                .criteria
                .iter()
                .map(|c| view! { <th title=c.title.clone()>{c.code.clone()}</th> })
                .collect_view()
        })
    };
    let rows = move || {
        let criteria = workspace.with(|w| w.campaign.criteria.clone());
        let weeks = evaluation.with(|e| e.weeks);
        evaluation.with(|e| {
            e.units
                .iter()
                .map(|unit| {
                    let cells = criteria
                        .iter()
                        .zip(&unit.criteria)
                        .map(|(criterion, result)| {
                            let tone = match result.met {
                                Some(true) => "met",
                                Some(false) => "missed",
                                None => "na",
                            };
                            view! {
                                <td class=format!("num {tone}")>
                                    <details class="explain">
                                        <summary>{attainment_text(result)}</summary>
                                        <p>{explain_criterion(criterion, result)}</p>
                                    </details>
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr data-unit=unit.id.clone()>
                            <td class="num">{unit.rank}</td>
                            <th scope="row">{unit.name.clone()}</th>
                            {cells}
                            <td class="num score">
                                <details class="explain">
                                    <summary>
                                        {unit.composite.map_or("—".into(), |c| format::decimal(c, 1))}
                                    </summary>
                                    <p>{explain_composite(&criteria, unit)}</p>
                                </details>
                            </td>
                            <td class="classification">{unit.classification.label()}</td>
                            <td class="num">{unit.paper_free_days}</td>
                            <td class="num">{format!("{}/{}", unit.paperless_weeks, weeks)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="table-wrap">
            <table class="data ranking" id="ranking">
                <thead>
                    <tr>
                        <th>"Hạng"</th>
                        <th>"Phòng"</th>
                        {header}
                        <th>"Điểm"</th>
                        <th>"Xếp loại"</th>
                        <th title="Ngày làm việc có báo cáo và không in trang nào">"Ngày không in giấy"</th>
                        <th title="Tuần mà mọi ngày làm việc đều không in giấy">"Tuần không giấy"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="hint">
            "Bấm vào một con số để xem cách tính. “—”: không phát sinh (0/0), không tính vào điểm. "
            "Cách đánh giá: xem tài liệu docs/evaluation.md và ngưỡng xếp loại tại Thiết lập."
        </p>
    }
}
