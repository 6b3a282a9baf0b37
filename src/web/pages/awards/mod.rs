//! Khen thưởng: the Office's commendation dossier (the plan, V.2). The
//! nominees come from the evaluation's proposals; the Office adds or removes
//! one with a written reason, edits the summaries, records the Council's
//! vote and the documents' numbers. Each document is shown, printed and
//! downloaded as DOCX; “Tải cả hồ sơ” downloads all of them in one ZIP.
//! Everything shown is built in the core (`core::report::dossier`).

mod fields;
mod nominees;

use leptos::prelude::*;

use crate::core::entry::validation::{parse_count, parse_decimal};
use crate::core::evaluation::score::evaluate;
use crate::core::format;
use crate::core::report::docx::dossier_file_name;
use crate::core::report::dossier::{council_problems, dossier_nominees};
use crate::core::report::office::OfficeFormat;
use crate::web::app::use_workspace;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::export_worker::{export_office_document, preview_in_worker};

use fields::{number_field, text_field};
use nominees::NomineeList;

/// The documents' keys and the names on their buttons.
const DOCUMENTS: [(&str, &str); 5] = [
    ("to-trinh", "Tờ trình"),
    ("danh-sach", "Danh sách"),
    ("tom-tat-thanh-tich", "Tóm tắt thành tích"),
    ("bien-ban-hoi-dong", "Biên bản Hội đồng"),
    ("quyet-dinh-giay-khen", "Quyết định Giấy khen"),
];

#[component]
pub fn Awards() -> impl IntoView {
    let workspace = use_workspace();
    let evaluation = Memo::new(move |_| workspace.with(evaluate));
    let nominees =
        Memo::new(move |_| workspace.with(|w| evaluation.with(|e| dossier_nominees(w, e))));
    let message = RwSignal::new(Status::None);
    let exporting = RwSignal::new(None::<OfficeFormat>);
    let shown = RwSignal::new("to-trinh");

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
                {text_field("Ngày họp (như ghi trong biên bản)", "council-date", None, |w| w.dossier.council.date_line.clone(), |w, v| w.dossier.council.date_line = v)}
                {number_field("Số thành viên có mặt", "council-present", |w| w.dossier.council.members_present.to_string(), |w, t| parse_count(t).ok().map(|n| w.dossier.council.members_present = n).is_some())}
                {number_field("Tỷ lệ phiếu cần vượt (%)", "council-majority", |w| format::decimal(w.dossier.council.majority_percent, 0), |w, t| parse_decimal(t).map(|p| w.dossier.council.majority_percent = p).is_some())}
                {text_field("Chủ trì", "council-chair", None, |w| w.dossier.council.chair.clone(), |w, v| w.dossier.council.chair = v)}
                {text_field("Thư ký", "council-secretary", None, |w| w.dossier.council.secretary.clone(), |w, v| w.dossier.council.secretary = v)}
            </div>
            <ul class="problems" id="council-problems">
                {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
            <NomineeList nominees=nominees evaluation=evaluation message=message />
            <h2>"Văn bản"</h2>
            <div class="report-fields">
                {text_field("Số Tờ trình", "dossier-submission-number", None, |w| w.dossier.texts.submission_number.clone(), |w, v| w.dossier.texts.submission_number = v)}
                {text_field("Số Quyết định Giấy khen", "dossier-decision-number", None, |w| w.dossier.texts.decision_number.clone(), |w, v| w.dossier.texts.decision_number = v)}
                {text_field("Giám đốc Sở (người ký)", "dossier-director", None, |w| w.dossier.texts.director.clone(), |w, v| w.dossier.texts.director = v)}
                {text_field("Kính gửi", "dossier-addressee", None, |w| w.dossier.texts.addressee.clone(), |w, v| w.dossier.texts.addressee = v)}
                {text_field("Căn cứ (mỗi dòng một căn cứ)", "dossier-legal-bases", Some("4"), |w| w.dossier.texts.legal_bases.clone(), |w, v| w.dossier.texts.legal_bases = v)}
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
