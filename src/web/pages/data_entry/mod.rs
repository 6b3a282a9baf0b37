//! Nhập liệu: a division picks itself and fills in its working days, by
//! hand or from its e-office registers (`register_import`).

mod entrant;
mod register_import;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::core::campaign::calendar::working_days;
use crate::core::exchange::backup::Kept;
use crate::core::exchange::envelope::{export_file_name, export_unit};
use crate::core::exchange::merge::{division_report_deadline, division_report_instruction};
use crate::core::route::Route;
use crate::web::app::{now, use_workspace};
use crate::web::components::daily_grid::DailyGrid;
use crate::web::components::initiative_list::InitiativeList;
use crate::web::components::officer_table::OfficerTable;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::download::download_json;
use crate::web::safekeeping::use_safekeeping;
use crate::web::signing::signed_export;
use entrant::EntrantPicker;
use register_import::RegisterImport;

/// This browser's division, remembered between visits.
pub(crate) const MY_UNIT_KEY: &str = "thidua/v2/my-unit";

#[component]
pub fn DataEntry() -> impl IntoView {
    let workspace = use_workspace();
    // Memos: the grid is rebuilt only when the division or the calendar
    // changes, not on every keystroke (which would steal the focus).
    let units = Memo::new(move |_| {
        workspace.with(|w| {
            w.campaign
                .units
                .iter()
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let days = Memo::new(move |_| workspace.with(|w| working_days(&w.campaign)));
    let chosen = RwSignal::new(LocalStorage::get::<String>(MY_UNIT_KEY).ok());
    let unit_id = Memo::new(move |_| {
        let units = units.get();
        chosen
            .get()
            .filter(|id| units.iter().any(|(u, _)| u == id))
            .or_else(|| units.first().map(|(id, _)| id.clone()))
    });

    view! {
        <section class="panel">
            <h1>"Nhập liệu"</h1>
            <label class="field inline" for="unit-picker">
                <span>"Phòng của tôi"</span>
                <select
                    id="unit-picker"
                    on:change=move |event| {
                        let id = event_target_value(&event);
                        let _ = LocalStorage::set(MY_UNIT_KEY, &id);
                        chosen.set(Some(id));
                    }
                >
                    {move || {
                        units
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                let selected = unit_id.get().as_deref() == Some(id.as_str());
                                view! { <option value=id selected=selected>{name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <EntrantPicker unit_id=unit_id />
            {move || match unit_id.get() {
                Some(unit_id) => view! { <DailyGrid unit_id=unit_id days=days.get() /> }.into_any(),
                None => view! {
                    <p class="notice">"Chưa có phòng nào. Hãy thêm các phòng tại Thiết lập."</p>
                }
                .into_any(),
            }}
        </section>
        {move || {
            unit_id
                .get()
                .map(|unit_id| {
                    view! {
                        <RegisterImport unit_id=unit_id.clone() />
                        <section class="panel">
                            <h2>"Cán bộ, công chức"</h2>
                            <OfficerTable unit_id=unit_id.clone() />
                        </section>
                        <section class="panel">
                            <h2>"Sáng kiến"</h2>
                            <InitiativeList unit_id=unit_id.clone() />
                        </section>
                        <ExportPanel unit_id=unit_id />
                    }
                })
        }}
    }
}

/// The division's file for the office that collects the divisions' reports
/// (the Văn phòng, in the plan).
#[component]
fn ExportPanel(unit_id: String) -> impl IntoView {
    let workspace = use_workspace();
    let safekeeping = use_safekeeping();
    let message = RwSignal::new(Status::None);
    let recipient = move || {
        workspace.with(|w| {
            division_report_deadline(&w.campaign)
                .map_or_else(|| "Văn phòng Sở".into(), |d| d.to.clone())
        })
    };
    let instruction = move || workspace.with(|w| division_report_instruction(&w.campaign));
    let export = move |_| {
        let Some(file) = workspace.with_untracked(|w| export_unit(w, &unit_id, now())) else {
            return;
        };
        let name = export_file_name(&file);
        // Signed by this browser's key (web::signing), which takes a moment.
        leptos::task::spawn_local(async move {
            let text = signed_export(file).await;
            match download_json(&name, &text) {
                Ok(()) => {
                    safekeeping.kept(Kept::Exported);
                    message.try_set(Some((
                        true,
                        format!(
                            "Đã xuất tệp “{name}”. {}",
                            workspace.with_untracked(|w| division_report_instruction(&w.campaign))
                        ),
                    )));
                }
                Err(_) => {
                    message.try_set(Some((false, "Trình duyệt không cho tải tệp xuống.".into())));
                }
            }
        });
    };
    view! {
        <section class="panel">
            <h2>{move || format!("Gửi dữ liệu cho {}", recipient())}</h2>
            <p class="hint" id="export-unit-instruction">
                "Xuất toàn bộ số liệu, cán bộ và sáng kiến của phòng thành một tệp JSON (có mã kiểm "
                "tra SHA-256). " {instruction} " Có thể xuất lại bất cứ lúc nào; tệp mới chỉ ghi "
                "đè những gì đã sửa."
            </p>
            <div class="actions">
                <button class="primary" id="export-unit" on:click=export>"Xuất dữ liệu của phòng"</button>
                <a class="button-like" id="unit-report-link" href=Route::UnitReport.href()>
                    "Báo cáo của phòng (in, Word)"
                </a>
            </div>
            <StatusMessage status=message />
        </section>
    }
}
