//! Thiết lập: the campaign definition.

use leptos::prelude::*;

use crate::core::format;
use crate::core::model::Campaign;
use crate::web::app::use_workspace;
use crate::web::components::criteria_table::CriteriaTable;
use crate::web::components::deadline_list::DeadlineList;

/// A labelled text field bound to one string of the campaign.
#[component]
fn CampaignField(
    id: &'static str,
    label: &'static str,
    read: fn(&Campaign) -> &String,
    write: fn(&mut Campaign) -> &mut String,
) -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <textarea
                id=id
                rows="2"
                prop:value=move || workspace.with(|w| read(&w.campaign).clone())
                on:input=move |event| {
                    let value = event_target_value(&event);
                    workspace.update(|w| *write(&mut w.campaign) = value);
                }
            ></textarea>
        </label>
    }
}

#[component]
pub fn Setup() -> impl IntoView {
    let workspace = use_workspace();
    let units = move || {
        workspace.with(|w| {
            w.campaign
                .units
                .iter()
                .map(|unit| view! { <li>{unit.name.clone()}</li> })
                .collect_view()
        })
    };
    view! {
        <section class="panel">
            <h1>"Thiết lập chiến dịch"</h1>
            <p class="hint">
                "Chiến dịch mẫu lấy theo Kế hoạch của Sở Dân tộc và Tôn giáo tỉnh Khánh Hòa. "
                "Thay đổi được lưu ngay khi gõ."
            </p>
            <CampaignField
                id="campaign-title-input"
                label="Tên phong trào"
                read=|c| &c.title
                write=|c| &mut c.title
            />
            <CampaignField
                id="issuing-body-input"
                label="Cơ quan ban hành"
                read=|c| &c.issuing_body
                write=|c| &mut c.issuing_body
            />
            <CampaignField
                id="plan-reference-input"
                label="Căn cứ kế hoạch"
                read=|c| &c.plan_reference
                write=|c| &mut c.plan_reference
            />
            <p>
                "Thời gian: "
                {move || workspace.with(|w| format::date(w.campaign.period.start))} " – "
                {move || workspace.with(|w| format::date(w.campaign.period.end))}
                ", làm việc từ Thứ Hai đến Thứ Sáu."
            </p>
        </section>
        <section class="panel">
            <h2>"Các phòng thuộc Sở"</h2>
            <ul>{units}</ul>
        </section>
        <section class="panel">
            <h2>"Tiêu chí thi đua"</h2>
            <CriteriaTable />
        </section>
        <section class="panel">
            <h2>"Thời hạn"</h2>
            <DeadlineList />
        </section>
    }
}
