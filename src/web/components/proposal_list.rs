//! The commendation proposals with their reasons, for the Office's dossier.

use leptos::prelude::*;

use crate::core::evaluation::proposals::{propose, Nominee};
use crate::core::evaluation::score::CampaignEvaluation;
use crate::web::app::use_workspace;

#[component]
pub fn ProposalList(evaluation: Memo<CampaignEvaluation>) -> impl IntoView {
    let workspace = use_workspace();
    let proposals =
        Memo::new(move |_| workspace.with(|w| evaluation.with(|e| propose(&w.campaign, e))));
    move || {
        let proposals = proposals.get();
        if proposals.is_empty() {
            return view! {
                <p class="hint" id="proposals">
                    "Chưa có tập thể hay cá nhân nào đạt điều kiện đề xuất khen thưởng."
                </p>
            }
            .into_any();
        }
        view! {
            <div class="table-wrap">
                <table class="data" id="proposals">
                    <thead>
                        <tr>
                            <th>"TT"</th>
                            <th>"Đề xuất"</th>
                            <th>"Tên"</th>
                            <th>"Đơn vị"</th>
                            <th>"Thành tích"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {proposals
                            .into_iter()
                            .enumerate()
                            .map(|(index, p)| {
                                view! {
                                    <tr>
                                        <td class="num">{index + 1}</td>
                                        <td>
                                            {match p.nominee {
                                                Nominee::Collective => "Tập thể",
                                                Nominee::Individual => "Cá nhân",
                                            }}
                                        </td>
                                        <th scope="row">{p.name}</th>
                                        <td>{p.unit_name}</td>
                                        <td>
                                            <ul class="reasons">
                                                {p
                                                    .reasons
                                                    .into_iter()
                                                    .map(|r| view! { <li>{r}</li> })
                                                    .collect_view()}
                                            </ul>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    }
}
