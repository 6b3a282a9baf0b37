//! Báo cáo: the consolidated report in the layout of Decree 30/2020/NĐ-CP,
//! printed by the browser to A4 (style/main.css, `@media print`). The
//! fields the app cannot know are edited above the document and saved with
//! the workspace. The document (`core::report::html`'s, escaped), its CSV
//! tables and its office files are all made by the export worker, so the
//! report's code stays out of the first load.

use leptos::prelude::*;

use crate::core::campaign::model::ReportDetails;
use crate::core::report::office::{OfficeFormat, CSV_TABLES};
use crate::web::app::use_workspace;
use crate::web::components::labelled_field::labelled_field;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::export_worker::{export_office_document, preview_in_worker};

#[component]
pub fn Report() -> impl IntoView {
    let workspace = use_workspace();
    let details = move || workspace.with(|w| w.report.clone());
    let message = RwSignal::new(Status::None);

    // The office documents come from the export worker, loaded only now.
    let exporting = RwSignal::new(None::<OfficeFormat>);
    let export_office = move |format: OfficeFormat| {
        move |_| {
            let name = format.file_name().to_string();
            export_office_document(format, String::new(), name, exporting, message)
        }
    };
    let busy = move |format: OfficeFormat| move || exporting.get() == Some(format);
    let download_csv = move |which: &'static str| {
        move |_| {
            let name = CSV_TABLES
                .iter()
                .find(|(key, _)| *key == which)
                .map_or("bang.csv", |(_, name)| name);
            export_office_document(
                OfficeFormat::Csv,
                which.into(),
                name.into(),
                exporting,
                message,
            )
        }
    };

    // The document on screen, from the worker; the latest request wins.
    let preview = RwSignal::new(String::new());
    preview_in_worker(
        OfficeFormat::ReportHtml,
        || Some(String::new()),
        preview,
        message,
    );

    view! {
        <section class="panel report-editor">
            <h1>"Báo cáo"</h1>
            <p class="hint">
                "Báo cáo tổng hợp theo thể thức Nghị định 30/2020/NĐ-CP. Điền các thông tin dưới "
                "đây (được lưu tự động), rồi bấm “In báo cáo” và chọn máy in hoặc “Lưu dưới dạng "
                "PDF” (khổ A4). “Văn bản Word” tải báo cáo về để sửa tiếp trong Word hoặc "
                "LibreOffice; “Bảng tính Excel” gồm các bảng số liệu."
            </p>
            <ReportFields details=Signal::derive(details) />
            <div class="actions">
                <button class="primary" id="print-report" on:click=move |_| {
                    let _ = window().print();
                }>"In báo cáo"</button>
                <button id="docx-report" on:click=export_office(OfficeFormat::Docx)
                    disabled=busy(OfficeFormat::Docx)>"Văn bản Word (DOCX)"</button>
                <button id="xlsx-report" on:click=export_office(OfficeFormat::Xlsx)
                    disabled=busy(OfficeFormat::Xlsx)>"Bảng tính Excel (XLSX)"</button>
                <button id="csv-units" on:click=download_csv("units")>
                    "Kết quả các phòng (CSV)"
                </button>
                <button id="csv-officers" on:click=download_csv("officers")>
                    "Kết quả cá nhân (CSV)"
                </button>
                <button id="csv-daily" on:click=download_csv("daily")>
                    "Số liệu hằng ngày (CSV)"
                </button>
                <button id="csv-proposals" on:click=download_csv("proposals")>
                    "Đề xuất khen thưởng (CSV)"
                </button>
            </div>
            <StatusMessage status=message />
        </section>
        <div class="paper" inner_html=move || preview.get()></div>
    }
}

/// The editable fields of the report.
#[component]
fn ReportFields(details: Signal<ReportDetails>) -> impl IntoView {
    let workspace = use_workspace();
    let field = move |label: &'static str,
                      id: &'static str,
                      get: fn(&ReportDetails) -> &String,
                      set: fn(&mut ReportDetails, String),
                      multiline: bool| {
        labelled_field(
            label,
            id,
            multiline.then_some("6"),
            move || details.with(|d| get(d).clone()),
            move |text| workspace.update(|w| set(&mut w.report, text)),
        )
    };
    view! {
        <div class="report-fields">
            {field("Cơ quan cấp trên", "report-superior", |d| &d.superior_body, |d, v| d.superior_body = v, false)}
            {field("Cơ quan ban hành", "report-issuer", |d| &d.issuer, |d, v| d.issuer = v, false)}
            {field("Số, ký hiệu", "report-number", |d| &d.number, |d, v| d.number = v, false)}
            {field("Địa danh", "report-place", |d| &d.place, |d, v| d.place = v, false)}
            {field("Ngày tháng năm", "report-date", |d| &d.date_line, |d, v| d.date_line = v, false)}
            {field("Người ký", "report-signer", |d| &d.signer_name, |d, v| d.signer_name = v, false)}
            {field("Quyền hạn, chức vụ người ký (có thể nhiều dòng)", "report-signer-title", |d| &d.signer_title, |d, v| d.signer_title = v, true)}
            {field("Nơi nhận (mỗi dòng một nơi)", "report-recipients", |d| &d.recipients, |d, v| d.recipients = v, true)}
            {field("Đánh giá chung (mỗi dòng một đoạn)", "report-assessment", |d| &d.assessment, |d, v| d.assessment = v, true)}
        </div>
    }
}
