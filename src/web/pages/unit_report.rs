//! Báo cáo của phòng: the division's own report to the Office (the plan,
//! V.1), for the division chosen on Nhập liệu. The head types the number,
//! the date, the assessment and the proposals; the figures come from the
//! evaluation. Printed by the browser to A4 like Báo cáo, or downloaded as
//! DOCX from the export worker. The document is `core::report::html`'s.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::core::campaign::model::UnitReportDetails;
use crate::core::report::office::OfficeFormat;
use crate::core::report::unit_report::unit_report_file_name;
use crate::core::route::Route;
use crate::web::app::use_workspace;
use crate::web::components::labelled_field::labelled_field;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::export_worker::{export_office_document, preview_in_worker};
use crate::web::pages::data_entry::MY_UNIT_KEY;

#[component]
pub fn UnitReport() -> impl IntoView {
    let workspace = use_workspace();
    // The division chosen on Nhập liệu, or the first one.
    let unit_id = Memo::new(move |_| {
        let chosen = LocalStorage::get::<String>(MY_UNIT_KEY).ok();
        workspace.with(|w| {
            chosen
                .filter(|id| w.campaign.units.iter().any(|u| &u.id == id))
                .or_else(|| w.campaign.units.first().map(|u| u.id.clone()))
        })
    });
    let unit_name = move || {
        workspace.with(|w| {
            let id = unit_id.get()?;
            w.campaign
                .units
                .iter()
                .find(|u| u.id == id)
                .map(|u| u.name.clone())
        })
    };
    let message = RwSignal::new(Status::None);
    let exporting = RwSignal::new(None::<OfficeFormat>);
    let export_docx = move |_| {
        let Some(id) = unit_id.get_untracked() else {
            return;
        };
        let name = workspace.with_untracked(|w| unit_report_file_name(w, &id));
        export_office_document(OfficeFormat::UnitDocx, id, name, exporting, message);
    };
    // The document is built in the export worker, off the first load; the
    // latest request wins if answers cross.
    let preview = RwSignal::new(String::new());
    preview_in_worker(
        OfficeFormat::UnitHtml,
        move || unit_id.get(),
        preview,
        message,
    );
    view! {
        <section class="panel report-editor">
            <h1>{move || format!("Báo cáo của {}", unit_name().unwrap_or_default())}</h1>
            <p class="hint">
                "Báo cáo kết quả thực hiện phong trào của phòng gửi Văn phòng Sở, theo thể thức "
                "Nghị định 30/2020/NĐ-CP. Số liệu lấy từ Nhập liệu; điền số văn bản, ngày, đánh giá "
                "và kiến nghị (được lưu tự động). Đổi phòng tại "
                <a href=Route::DataEntry.href()>"Nhập liệu"</a> "."
            </p>
            {move || unit_id.get().map(|id| view! { <UnitReportFields unit_id=id /> })}
            <div class="actions">
                <button class="primary" id="print-unit-report" on:click=move |_| {
                    let _ = window().print();
                }>"In báo cáo"</button>
                <button
                    id="docx-unit-report"
                    on:click=export_docx
                    disabled=move || exporting.get().is_some()
                >
                    "Văn bản Word (DOCX)"
                </button>
            </div>
            <StatusMessage status=message />
        </section>
        <div class="paper" inner_html=move || preview.get()></div>
    }
}

/// The fields of the division's report that the head types.
#[component]
fn UnitReportFields(unit_id: String) -> impl IntoView {
    let workspace = use_workspace();
    let field = move |label: &'static str,
                      id: &'static str,
                      get: fn(&UnitReportDetails) -> &String,
                      set: fn(&mut UnitReportDetails, String),
                      rows: Option<&'static str>| {
        let read_id = unit_id.clone();
        let write_id = unit_id.clone();
        labelled_field(
            label,
            id,
            rows,
            move || workspace.with(|w| get(&w.unit_report(&read_id)).clone()),
            move |text| workspace.update(|w| w.edit_unit_report(&write_id, |r| set(r, text))),
        )
    };
    view! {
        <div class="report-fields">
            {field("Số, ký hiệu", "unit-report-number", |r| &r.number, |r, v| r.number = v, None)}
            {field("Ngày tháng năm", "unit-report-date", |r| &r.date_line, |r, v| r.date_line = v, None)}
            {field("Đánh giá chung (mỗi đoạn một dòng)", "unit-report-assessment", |r| &r.assessment, |r, v| r.assessment = v, Some("5"))}
            {field("Đề xuất, kiến nghị (mỗi đoạn một dòng)", "unit-report-proposals", |r| &r.proposals, |r, v| r.proposals = v, Some("5"))}
            {field("Nơi nhận (mỗi dòng một nơi)", "unit-report-recipients", |r| &r.recipients, |r, v| r.recipients = v, Some("4"))}
        </div>
    }
}
