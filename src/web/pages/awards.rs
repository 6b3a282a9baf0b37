//! Khen thưởng: the Office's commendation dossier (the plan, V.2). The
//! nominees come from the evaluation's proposals; the Office adds or removes
//! one with a written reason, edits the summaries, records the Council's
//! vote and the documents' numbers. Each document is shown, printed and
//! downloaded as DOCX; “Tải cả hồ sơ” downloads all of them in one ZIP.
//! Everything shown is built in the core (`core::report::dossier`).

use leptos::prelude::*;

use crate::core::campaign::model::{EditedSummary, HandChange, Vote, Workspace};
use crate::core::entry::validation::{parse_count, parse_decimal};
use crate::core::evaluation::proposals::Nominee;
use crate::core::evaluation::score::evaluate;
use crate::core::format;
use crate::core::report::docx::dossier_file_name;
use crate::core::report::dossier::{council_problems, dossier_nominees, vanished_additions};
use crate::core::report::office::OfficeFormat;
use crate::web::app::use_workspace;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::export_worker::{export_office_document, preview_in_worker};

/// The documents' keys and the names on their buttons.
const DOCUMENTS: [(&str, &str); 5] = [
    ("to-trinh", "Tờ trình"),
    ("danh-sach", "Danh sách"),
    ("tom-tat-thanh-tich", "Tóm tắt thành tích"),
    ("bien-ban-hoi-dong", "Biên bản Hội đồng"),
    ("quyet-dinh-giay-khen", "Quyết định Giấy khen"),
];

fn ask(question: &str) -> Option<String> {
    window()
        .prompt_with_message(question)
        .ok()
        .flatten()
        .map(|answer| answer.trim().to_string())
}

#[component]
pub fn Awards() -> impl IntoView {
    let workspace = use_workspace();
    let evaluation = Memo::new(move |_| workspace.with(evaluate));
    let nominees =
        Memo::new(move |_| workspace.with(|w| evaluation.with(|e| dossier_nominees(w, e))));
    let message = RwSignal::new(Status::None);
    let exporting = RwSignal::new(None::<OfficeFormat>);
    let shown = RwSignal::new("to-trinh");

    let remove = move |id: String, name: String| {
        let Some(reason) = ask(&format!("Lý do bỏ “{name}” khỏi danh sách đề nghị:"))
        else {
            return;
        };
        if reason.is_empty() {
            message.set(Some((false, "Cần ghi lý do khi bỏ một đề xuất.".into())));
            return;
        }
        message.set(None);
        workspace.update(|w| {
            w.dossier.added.retain(|a| a.id != id);
            w.dossier.removed.push(HandChange { id, reason });
        });
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
                                    let id = summary_id.clone();
                                    workspace.update(|w| {
                                        w.dossier.summaries.retain(|s| s.id != id);
                                        w.dossier.summaries.push(EditedSummary { id, text });
                                    });
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
                                let id = vote_id.clone();
                                match parse_count(&text) {
                                    Ok(votes_for) => workspace.update(|w| {
                                        w.dossier.council.votes.retain(|v| v.id != id);
                                        if !text.trim().is_empty() {
                                            w.dossier.council.votes.push(Vote { id, votes_for });
                                        }
                                    }),
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
                        .map(|o| (o.id.clone(), format!("Cá nhân: {}", o.name))),
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
        if id.is_empty() || reason.is_empty() {
            message.set(Some((
                false,
                "Chọn tập thể hoặc cá nhân và ghi lý do đề xuất bổ sung.".into(),
            )));
            return;
        }
        message.set(None);
        workspace.update(|w| {
            w.dossier.removed.retain(|r| r.id != id);
            w.dossier.added.retain(|a| a.id != id);
            w.dossier.added.push(HandChange { id, reason });
        });
        new_id.set(String::new());
        new_reason.set(String::new());
    };
    let removed = move || {
        workspace.with(|w| {
            w.dossier
                .removed
                .iter()
                .map(|r| {
                    let id = r.id.clone();
                    let name = name_of(w, &r.id);
                    view! {
                        <li>
                            {name} " — " {r.reason.clone()} " "
                            <button on:click=move |_| {
                                let id = id.clone();
                                workspace.update(|w| w.dossier.removed.retain(|r| r.id != id));
                            }>"Khôi phục"</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let vanished = move || workspace.with(|w| evaluation.with(|e| vanished_additions(w, e)));
    let problems = move || workspace.with(council_problems);

    // The shown document is built in the export worker, off the first load;
    // the latest request wins if answers cross.
    let preview = RwSignal::new(String::new());
    preview_in_worker(
        OfficeFormat::DossierHtml,
        move || Some(shown.get().to_string()),
        preview,
        message,
    );
    let download = move |key: &'static str| {
        move |_| {
            export_office_document(
                OfficeFormat::DossierDocx,
                key.into(),
                dossier_file_name(key),
                exporting,
                message,
            )
        }
    };
    let download_all = move |_| {
        export_office_document(
            OfficeFormat::DossierZip,
            String::new(),
            OfficeFormat::DossierZip.file_name().into(),
            exporting,
            message,
        )
    };

    view! {
        <section class="panel report-editor">
            <h1>"Hồ sơ khen thưởng"</h1>
            <p class="hint">
                "Hồ sơ đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh do Văn phòng lập (Kế hoạch, "
                "mục V.2), gửi UBND tỉnh qua Sở Nội vụ, và quyết định tặng Giấy khen của Giám đốc "
                "Sở. Danh sách lấy từ đề xuất khen thưởng trên Tổng quan; mọi thay đổi bằng tay cần "
                "ghi lý do. Chỉ tập thể, cá nhân được Hội đồng thông qua mới vào Tờ trình."
            </p>
            <h2>"Cuộc họp Hội đồng Thi đua – Khen thưởng"</h2>
            <div class="report-fields">
                {text_field("Ngày họp (như ghi trong biên bản)", "council-date", |w| w.dossier.council.date_line.clone(), |w, v| w.dossier.council.date_line = v)}
                {number_field("Số thành viên có mặt", "council-present", |w| w.dossier.council.members_present.to_string(), |w, t| parse_count(t).ok().map(|n| w.dossier.council.members_present = n).is_some())}
                {number_field("Tỷ lệ phiếu cần vượt (%)", "council-majority", |w| format::decimal(w.dossier.council.majority_percent, 0), |w, t| parse_decimal(t).map(|p| w.dossier.council.majority_percent = p).is_some())}
                {text_field("Chủ trì", "council-chair", |w| w.dossier.council.chair.clone(), |w, v| w.dossier.council.chair = v)}
                {text_field("Thư ký", "council-secretary", |w| w.dossier.council.secretary.clone(), |w, v| w.dossier.council.secretary = v)}
            </div>
            <ul class="problems" id="council-problems">
                {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
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
            <h2>"Văn bản"</h2>
            <div class="report-fields">
                {text_field("Số Tờ trình", "dossier-submission-number", |w| w.dossier.texts.submission_number.clone(), |w, v| w.dossier.texts.submission_number = v)}
                {text_field("Số Quyết định Giấy khen", "dossier-decision-number", |w| w.dossier.texts.decision_number.clone(), |w, v| w.dossier.texts.decision_number = v)}
                {text_field("Giám đốc Sở (người ký)", "dossier-director", |w| w.dossier.texts.director.clone(), |w, v| w.dossier.texts.director = v)}
                {text_field("Kính gửi", "dossier-addressee", |w| w.dossier.texts.addressee.clone(), |w, v| w.dossier.texts.addressee = v)}
                {area_field("Căn cứ (mỗi dòng một căn cứ)", "dossier-legal-bases", |w| w.dossier.texts.legal_bases.clone(), |w, v| w.dossier.texts.legal_bases = v)}
            </div>
            <div class="actions" id="dossier-documents">
                {DOCUMENTS.into_iter().map(|(key, label)| view! {
                    <span class="document-choice">
                        <button
                            class:primary=move || shown.get() == key
                            on:click=move |_| shown.set(key)
                        >{label}</button>
                        <button
                            id=format!("docx-{key}")
                            aria-label=format!("{label} (DOCX)")
                            disabled=move || exporting.get().is_some()
                            on:click=download(key)
                        >"DOCX"</button>
                    </span>
                }).collect_view()}
            </div>
            <div class="actions">
                <button class="primary" id="print-dossier" on:click=move |_| { let _ = window().print(); }>
                    "In văn bản đang xem"
                </button>
                <button id="dossier-zip" disabled=move || exporting.get().is_some() on:click=download_all>
                    "Tải cả hồ sơ (ZIP)"
                </button>
            </div>
            <StatusMessage status=message />
        </section>
        <div class="paper" inner_html=move || preview.get()></div>
    }
}

fn name_of(workspace: &Workspace, id: &str) -> String {
    let campaign = &workspace.campaign;
    campaign
        .units
        .iter()
        .find(|u| u.id == id)
        .map(|u| u.name.clone())
        .or_else(|| {
            campaign
                .officers
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.name.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

/// A text field bound to one string of the workspace's dossier.
fn text_field(
    label: &'static str,
    id: &'static str,
    get: fn(&Workspace) -> String,
    set: fn(&mut Workspace, String),
) -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <input
                id=id
                prop:value=move || workspace.with(get)
                on:change=move |e| {
                    let value = event_target_value(&e);
                    workspace.update(|w| set(w, value));
                }
            />
        </label>
    }
}

/// A multi-line field bound to one string of the workspace's dossier.
fn area_field(
    label: &'static str,
    id: &'static str,
    get: fn(&Workspace) -> String,
    set: fn(&mut Workspace, String),
) -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <textarea
                id=id
                rows="4"
                prop:value=move || workspace.with(get)
                on:change=move |e| {
                    let value = event_target_value(&e);
                    workspace.update(|w| set(w, value));
                }
            ></textarea>
        </label>
    }
}

/// A number field; `set` says whether the text was a number.
fn number_field(
    label: &'static str,
    id: &'static str,
    get: fn(&Workspace) -> String,
    set: fn(&mut Workspace, &str) -> bool,
) -> impl IntoView {
    let workspace = use_workspace();
    let refused = RwSignal::new(false);
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <input
                id=id
                class="small"
                inputmode="numeric"
                prop:value=move || workspace.with(get)
                on:change=move |e| {
                    let value = event_target_value(&e);
                    let mut accepted = false;
                    workspace.update(|w| accepted = set(w, &value));
                    refused.set(!accepted);
                }
            />
            {move || refused.get().then(|| view! { <small class="error">"Hãy nhập một số."</small> })}
        </label>
    }
}
