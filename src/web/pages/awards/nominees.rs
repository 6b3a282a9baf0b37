//! Khen thưởng's list of nominees: the Council's votes, each nominee's
//! summary, the removals and supplementary proposals with their reasons.

use leptos::prelude::*;

use crate::core::entry::validation::parse_count;
use crate::core::evaluation::proposals::Nominee;
use crate::core::evaluation::score::CampaignEvaluation;
use crate::core::format;
use crate::core::report::dossier::{vanished_additions, DossierNominee};
use crate::web::app::use_workspace;
use crate::web::components::status_message::Status;

fn ask(question: &str) -> Option<String> {
    window()
        .prompt_with_message(question)
        .ok()
        .flatten()
        .map(|answer| answer.trim().to_string())
}

#[component]
pub(super) fn NomineeList(
    nominees: Memo<Vec<DossierNominee>>,
    evaluation: Memo<CampaignEvaluation>,
    message: RwSignal<Status>,
) -> impl IntoView {
    let workspace = use_workspace();
    let remove = move |id: String, name: String| {
        let Some(reason) = ask(&format!("Lý do bỏ “{name}” khỏi danh sách đề nghị:"))
        else {
            return;
        };
        // Changed on a copy: a refused change stores nothing.
        let mut dossier = workspace.with_untracked(|w| w.dossier.clone());
        match dossier.remove(&id, &reason) {
            Ok(()) => {
                message.set(None);
                workspace.update(|w| w.dossier = dossier);
            }
            Err(refusal) => message.set(Some((false, refusal))),
        }
    };
    let rows = move || {
        nominees.get().into_iter().map(|n| {
            let id = n.id.clone();
            let vote_id = n.id.clone();
            let summary_id = n.id.clone();
            let name = n.name.clone();
            let kind = match n.nominee {
                Nominee::Collective => "Tập thể",
                Nominee::Individual => "Cá nhân",
            };
            let result = match (n.votes_for, n.passed) {
                (None, _) => ("na", "Chưa biểu quyết"),
                (Some(_), true) => ("met", "Đạt"),
                (Some(_), false) => ("missed", "Không đạt"),
            };
            view! {
                <tr data-nominee=n.id.clone()>
                    <th scope="row">
                        {n.name.clone()}
                        {n.added_by_hand.clone().map(|r| view! { <p class="hint">"Đề xuất bổ sung: " {r}</p> })}
                        <details class="summary">
                            <summary>"Tóm tắt thành tích"</summary>
                            <textarea
                                rows="6"
                                aria-label=format!("Tóm tắt thành tích của {}", n.name)
                                prop:value=n.summary.clone()
                                on:change=move |event| {
                                    let text = event_target_value(&event);
                                    workspace.update(|w| w.dossier.set_summary(&summary_id, text));
                                }
                            ></textarea>
                        </details>
                    </th>
                    <td>{kind}</td>
                    <td>{n.position.clone()}</td>
                    <td class="num">{n.score.map_or("—".into(), |s| format::decimal(s, 1))}</td>
                    <td class="num">{n.rank}</td>
                    <td class="num">
                        <input
                            class="small votes"
                            inputmode="numeric"
                            aria-label=format!("Phiếu đồng ý cho {}", n.name)
                            prop:value=n.votes_for.map(|v| v.to_string()).unwrap_or_default()
                            on:change=move |event| {
                                let text = event_target_value(&event);
                                // A blank cell clears the vote (parse_count reads it as 0).
                                let votes = (!text.trim().is_empty()).then(|| parse_count(&text)).transpose();
                                match votes {
                                    Ok(votes_for) => workspace.update(|w| w.dossier.set_votes(&vote_id, votes_for)),
                                    Err(error) => message.set(Some((false, format!("Số phiếu: {error}")))),
                                }
                            }
                        />
                    </td>
                    <td class=format!("status {}", result.0)>{result.1}</td>
                    <td>
                        <button class="danger" on:click=move |_| remove(id.clone(), name.clone())>
                            "Bỏ"
                        </button>
                    </td>
                </tr>
            }
        }).collect_view()
    };

    // Everyone not in the list, to add by hand.
    let candidates = move || {
        workspace.with(|w| {
            let listed = nominees.get();
            let unlisted = |id: &str| !listed.iter().any(|n| n.id == id);
            w.campaign
                .units
                .iter()
                .map(|u| (u.id.clone(), format!("Tập thể: {}", u.name)))
                .chain(
                    w.campaign
                        .active_officers()
                        .map(|o| (o.id.to_string(), format!("Cá nhân: {}", o.name))),
                )
                .filter(|(id, _)| unlisted(id))
                .collect::<Vec<_>>()
        })
    };
    let new_id = RwSignal::new(String::new());
    let new_reason = RwSignal::new(String::new());
    let add = move |_| {
        let id = new_id.get_untracked();
        let reason = new_reason.get_untracked().trim().to_string();
        let id = if id.is_empty() {
            candidates()
                .first()
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        } else {
            id
        };
        let mut dossier = workspace.with_untracked(|w| w.dossier.clone());
        match dossier.add(&id, &reason) {
            Ok(()) => {
                message.set(None);
                workspace.update(|w| w.dossier = dossier);
                new_id.set(String::new());
                new_reason.set(String::new());
            }
            Err(refusal) => message.set(Some((false, refusal))),
        }
    };
    let removed = move || {
        workspace.with(|w| {
            w.dossier
                .removed
                .iter()
                .map(|r| {
                    let id = r.id.clone();
                    let name = w.campaign.name_of(&r.id).unwrap_or(&r.id).to_string();
                    view! {
                        <li>
                            {name} " — " {r.reason.clone()} " "
                            <button on:click=move |_| {
                                workspace.update(|w| w.dossier.restore(&id));
                            }>"Khôi phục"</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let vanished = move || workspace.with(|w| evaluation.with(|e| vanished_additions(w, e)));
    view! {
            <h2>"Danh sách đề nghị"</h2>
            <div class="table-wrap">
                <table class="data" id="dossier-nominees">
                    <thead>
                        <tr>
                            <th>"Tên"</th>
                            <th>"Loại"</th>
                            <th>"Chức vụ, đơn vị"</th>
                            <th>"Điểm"</th>
                            <th>"Hạng"</th>
                            <th>"Phiếu đồng ý"</th>
                            <th>"Kết quả"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint">
                {move || if nominees.with(Vec::is_empty) {
                    "Chưa có tập thể, cá nhân nào trong danh sách: các văn bản vẫn được lập và ghi rõ điều đó."
                } else {
                    ""
                }}
            </p>
            <div class="add-row">
                <select id="dossier-candidate" aria-label="Tập thể hoặc cá nhân đề xuất bổ sung" on:change=move |e| new_id.set(event_target_value(&e))>
                    {move || candidates().into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                </select>
                <input
                    id="dossier-reason"
                    placeholder="Lý do đề xuất bổ sung"
                    aria-label="Lý do đề xuất bổ sung"
                    prop:value=move || new_reason.get()
                    on:input=move |e| new_reason.set(event_target_value(&e))
                />
                <button on:click=add>"Thêm đề xuất bổ sung"</button>
            </div>
            <h3>"Đã bỏ khỏi danh sách"</h3>
            <ul id="dossier-removed">{removed}</ul>
            {move || {
                let vanished = vanished();
                (!vanished.is_empty()).then(|| view! {
                    <p class="status-message error" role="status">
                        {format!("{} đề xuất bổ sung không còn trong dữ liệu (đã bị xóa) nên không có trong hồ sơ.", vanished.len())}
                    </p>
                })
            }}
    }
}
