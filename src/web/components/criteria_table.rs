//! The criteria of the campaign with their targets, weights and exclusions.

use leptos::prelude::*;

use crate::core::explain::target_text;
use crate::core::format;
use crate::web::app::use_workspace;

#[component]
pub fn CriteriaTable() -> impl IntoView {
    let workspace = use_workspace();
    let rows = move || {
        workspace.with(|w| {
            w.campaign
                .criteria
                .iter()
                .map(|criterion| {
                    let exclusions = criterion
                        .exclusions
                        .iter()
                        .map(|e| e.label.as_str())
                        .collect::<Vec<_>>()
                        .join("; ");
                    view! {
                        <tr>
                            <td class="code">{criterion.code.clone()}</td>
                            <td>{criterion.title.clone()}</td>
                            <td class="num">{target_text(criterion.target)}</td>
                            <td class="num">{format::decimal(criterion.weight, 1)}</td>
                            <td>{if exclusions.is_empty() { "—".into() } else { exclusions }}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="table-wrap">
            <table class="data criteria">
                <thead>
                    <tr>
                        <th>"Mã"</th>
                        <th>"Tiêu chí"</th>
                        <th>"Chỉ tiêu"</th>
                        <th>"Trọng số"</th>
                        <th>"Không tính"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
