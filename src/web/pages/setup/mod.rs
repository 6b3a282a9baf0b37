//! Thiết lập: the campaign definition, the campaign file, sample data and
//! what this browser stores. One file per panel, named after what the user
//! sees on it.

mod backup;
mod browser_data;
mod calendar;
mod campaign_file;
mod criteria;
mod divisions;
mod signing_keys;

use crate::core::campaign::model::Campaign;
use crate::web::app::use_workspace;
use leptos::prelude::*;

use backup::BackupPanel;
use browser_data::BrowserDataPanel;
use calendar::CalendarEditor;
use campaign_file::CampaignFilePanel;
use criteria::CriteriaEditor;
use divisions::UnitsEditor;
use signing_keys::SigningKeysPanel;

fn confirm(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}

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
    view! {
        <section class="panel">
            <h1>"Thiết lập phong trào thi đua"</h1>
            <p class="hint">"Thay đổi được lưu ngay khi nhập."</p>
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
        </section>
        <section class="panel">
            <h2>"Thời gian và lịch làm việc"</h2>
            <CalendarEditor />
        </section>
        <section class="panel">
            <h2>"Tệp thiết lập phong trào"</h2>
            <CampaignFilePanel />
        </section>
        <section class="panel">
            <h2>"Các phòng thuộc Sở"</h2>
            <UnitsEditor />
        </section>
        <section class="panel">
            <h2>"Tiêu chí thi đua"</h2>
            <CriteriaEditor />
        </section>
        <section class="panel" id="chu-ky">
            <h2>"Chữ ký của các phòng"</h2>
            <SigningKeysPanel />
        </section>
        <section class="panel" id="sao-luu">
            <h2>"Sao lưu và khôi phục"</h2>
            <BackupPanel />
        </section>
        <section class="panel">
            <h2>"Dữ liệu trong trình duyệt này"</h2>
            <BrowserDataPanel />
        </section>
    }
}
