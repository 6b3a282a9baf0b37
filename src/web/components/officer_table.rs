//! The civil servants of one division and what is recorded for each: KPI
//! evaluation and score, documents handled, handled online, signed.

use leptos::prelude::*;

use crate::core::campaign::model::{Officer, OfficerRecord};
use crate::core::entry::edit::{
    add_officer, edit_officer, officer_record, remove_officer, update_officer_record,
};
use crate::core::entry::validation::{check_officer_record, parse_count, parse_score};
use crate::web::app::{stamp, use_workspace};
use crate::web::storage::new_id;

type RecordField = fn(&mut OfficerRecord) -> &mut u32;

#[component]
fn OfficerRow(officer_id: String) -> impl IntoView {
    let workspace = use_workspace();
    let error = RwSignal::new(None::<String>);
    let officer = {
        let id = officer_id.clone();
        Memo::new(move |_| {
            workspace.with(|w| w.campaign.officers.iter().find(|o| o.id == id).cloned())
        })
    };
    let record = {
        let id = officer_id.clone();
        Memo::new(move |_| workspace.with(|w| officer_record(w, &id).cloned()))
    };
    let edit_officer = {
        let id = officer_id.clone();
        move |change: &dyn Fn(&mut Officer)| {
            workspace.update(|w| {
                edit_officer(w, &id, stamp(), change);
            })
        }
    };
    let edit_record = {
        let id = officer_id.clone();
        move |change: &dyn Fn(&mut OfficerRecord)| {
            workspace.update(|w| {
                update_officer_record(w, &id, stamp(), change);
            })
        }
    };
    let count_cell = {
        let edit_record = edit_record.clone();
        move |label: &'static str, field: RecordField| {
            let edit_record = edit_record.clone();
            view! {
                <td class="num">
                    <input
                        class="small"
                        inputmode="numeric"
                        aria-label=label
                        prop:value=move || {
                            record.get().map(|mut r| field(&mut r).to_string()).unwrap_or_default()
                        }
                        on:change=move |event| match parse_count(&event_target_value(&event)) {
                            Ok(value) => {
                                error.set(None);
                                edit_record(&|r| *field(r) = value);
                            }
                            Err(e) => error.set(Some(format!("{label}: {e}"))),
                        }
                    />
                </td>
            }
        }
    };
    let problems = move || {
        let mut problems: Vec<String> = error.get().into_iter().collect();
        if let Some(record) = record.get() {
            problems.extend(check_officer_record(&record));
        }
        problems
    };
    let remove = {
        let id = officer_id.clone();
        move |_| {
            let name = officer.get_untracked().map(|o| o.name).unwrap_or_default();
            if window()
                .confirm_with_message(&format!("Xóa cán bộ “{name}” khỏi danh sách?"))
                .unwrap_or(false)
            {
                workspace.update(|w| remove_officer(w, &id, stamp()));
            }
        }
    };
    let edit_name = edit_officer.clone();
    let edit_kpi = edit_record.clone();
    let edit_score = edit_record.clone();
    let edit_signing = edit_record.clone();
    view! {
        <tr class="officer-row">
            <td>
                <input
                    aria-label="Họ và tên"
                    prop:value=move || officer.get().map(|o| o.name.to_string()).unwrap_or_default()
                    on:change=move |event| {
                        let name = event_target_value(&event).trim().to_string();
                        if !name.is_empty() {
                            edit_name(&|o| o.name = name.as_str().into());
                        }
                    }
                />
            </td>
            <td>
                <input
                    aria-label="Chức vụ"
                    prop:value=move || officer.get().map(|o| o.position).unwrap_or_default()
                    on:change=move |event| {
                        let position = event_target_value(&event);
                        edit_officer(&|o| o.position = position.clone());
                    }
                />
            </td>
            <td class="center">
                <input
                    type="checkbox"
                    aria-label="Đã đánh giá KPI"
                    prop:checked=move || record.get().is_some_and(|r| r.kpi_evaluated)
                    on:change=move |event| {
                        let checked = event_target_checked(&event);
                        edit_kpi(&|r| r.kpi_evaluated = checked);
                    }
                />
            </td>
            <td class="num">
                <input
                    class="small"
                    inputmode="decimal"
                    aria-label="Điểm KPI"
                    prop:value=move || {
                        record
                            .get()
                            .and_then(|r| r.kpi_score)
                            .map(|s| crate::core::format::decimal(s, 1))
                            .unwrap_or_default()
                    }
                    on:change=move |event| match parse_score(&event_target_value(&event)) {
                        Ok(score) => {
                            error.set(None);
                            edit_score(&|r| r.kpi_score = score);
                        }
                        Err(e) => error.set(Some(format!("Điểm KPI: {e}"))),
                    }
                />
            </td>
            {count_cell("Văn bản xử lý", |r| &mut r.docs_handled)}
            {count_cell("Xử lý trên mạng", |r| &mut r.docs_handled_online)}
            <td class="center">
                <input
                    type="checkbox"
                    aria-label="Có ký văn bản"
                    title="Trưởng, phó phòng hoặc người được ủy quyền ký: chỉ người ký văn bản mới được đánh giá tiêu chí ký số"
                    prop:checked=move || record.get().is_some_and(|r| r.signing_authority)
                    on:change=move |event| {
                        let checked = event_target_checked(&event);
                        edit_signing(&|r| r.signing_authority = checked);
                    }
                />
            </td>
            {count_cell("Ký số", |r| &mut r.docs_signed)}
            <td class="check-col">
                <ul class="row-problems">
                    {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </td>
            <td>
                <button class="danger" on:click=remove>"Xóa"</button>
            </td>
        </tr>
    }
}

#[component]
pub fn OfficerTable(unit_id: String) -> impl IntoView {
    let workspace = use_workspace();
    let officer_ids = {
        let unit_id = unit_id.clone();
        Memo::new(move |_| {
            workspace.with(|w| {
                w.campaign
                    .active_officers()
                    .filter(|o| o.unit_id == unit_id)
                    .map(|o| o.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let name = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let add = move |_| {
        let officer_name = name.get_untracked().trim().to_string();
        if officer_name.is_empty() {
            return;
        }
        workspace.update(|w| {
            add_officer(
                w,
                new_id(),
                &unit_id,
                &officer_name,
                &position.get_untracked(),
                stamp(),
            )
        });
        name.set(String::new());
        position.set(String::new());
    };
    view! {
        <div class="table-wrap">
            <table class="data editable officers">
                <thead>
                    <tr>
                        <th>"Họ và tên"</th>
                        <th>"Chức vụ"</th>
                        <th>"Đã đánh giá KPI"</th>
                        <th>"Điểm KPI"</th>
                        <th>"Văn bản xử lý"</th>
                        <th>"Xử lý trên mạng"</th>
                        <th title="Trưởng, phó phòng hoặc người được ủy quyền ký">"Có ký văn bản"</th>
                        <th>"Ký số"</th>
                        <th>"Kiểm tra"</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || officer_ids.get() key=|id| id.clone() let:id>
                        <OfficerRow officer_id=id.to_string() />
                    </For>
                </tbody>
            </table>
        </div>
        <div class="add-row">
            <input
                id="new-officer-name"
                placeholder="Họ và tên cán bộ mới"
                prop:value=move || name.get()
                on:input=move |event| name.set(event_target_value(&event))
            />
            <input
                id="new-officer-position"
                placeholder="Chức vụ, ví dụ: Chuyên viên"
                prop:value=move || position.get()
                on:input=move |event| position.set(event_target_value(&event))
            />
            <button on:click=add>"Thêm cán bộ"</button>
        </div>
    }
}
