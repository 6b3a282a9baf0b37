//! Báo cáo: the consolidated report in the layout of Decree 30/2020/NĐ-CP,
//! printed by the browser to A4 (style/main.css, `@media print`). The
//! fields the app cannot know are edited above the document and saved with
//! the workspace; the tables come from `core::report`.

use leptos::prelude::*;

use crate::core::charts::{chart_height, draw_attainment_grid, draw_ranking, to_svg};
use crate::core::evaluation::evaluate;
use crate::core::report::{
    criteria_table, csv_file_name, daily_table, officer_table, proposal_table, summary_paragraphs,
    to_csv, unit_table, ReportDetails, Table,
};
use crate::web::app::use_workspace;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::download::download_file;

/// Divisions drawn in the report's charts (the tables list them all).
const CHART_MAX_UNITS: usize = 40;

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn table_view(table: &Table, id: &'static str) -> impl IntoView {
    let header = table
        .header
        .iter()
        .map(|h| view! { <th>{h.clone()}</th> })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .map(|cell| {
                    let class = match cell {
                        crate::core::report::Cell::Text(_) => "",
                        _ => "num",
                    };
                    view! { <td class=class>{cell.shown()}</td> }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="doc-table" id=id>
            <thead>
                <tr>{header}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
pub fn Report() -> impl IntoView {
    let workspace = use_workspace();
    let evaluation = Memo::new(move |_| workspace.with(evaluate));
    let details = move || workspace.with(|w| w.report.clone());
    let message = RwSignal::new(Status::None);

    let download_csv = move |make: fn(
        &crate::core::model::Workspace,
        &crate::core::evaluation::CampaignEvaluation,
    ) -> Table| {
        move |_| {
            let table = workspace.with_untracked(|w| evaluation.with_untracked(|e| make(w, e)));
            let name = csv_file_name(&table);
            if download_file(&name, &to_csv(&table), "text/csv;charset=utf-8").is_err() {
                message.set(Some((false, "Trình duyệt không cho tải tệp xuống.".into())));
            }
        }
    };

    let document = move || {
        workspace.with(|w| {
            evaluation.with(|e| {
                let d = &w.report;
                let campaign = &w.campaign;
                let units = &e.units[..e.units.len().min(CHART_MAX_UNITS)];
                let ranking = to_svg(1000, chart_height(units.len()), |root| draw_ranking(root, units));
                let attainment = to_svg(1000, chart_height(units.len()), |root| {
                    draw_attainment_grid(root, &campaign.criteria, units)
                });
                let mut summary = summary_paragraphs(campaign, e).into_iter();
                let opening = summary.next();
                let assessment = lines(&d.assessment);
                let recipients = lines(&d.recipients);
                let last = recipients.len().saturating_sub(1);
                view! {
                    <article class="document" id="report-document">
                        <table class="doc-heading">
                            <tr>
                                <td class="doc-issuer">
                                    <p>{d.superior_body.clone()}</p>
                                    <p class="strong rule">{d.issuer.clone()}</p>
                                    <p class="doc-number">{format!("Số: {}", d.number)}</p>
                                </td>
                                <td class="doc-motto">
                                    <p class="strong">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</p>
                                    <p class="strong rule">"Độc lập - Tự do - Hạnh phúc"</p>
                                    <p class="doc-date">{format!("{}, {}", d.place, d.date_line)}</p>
                                </td>
                            </tr>
                        </table>
                        <h1 class="doc-title">"BÁO CÁO"</h1>
                        <p class="doc-subtitle">{format!("Kết quả thực hiện {}", campaign.title)}</p>
                        <div class="doc-body">
                            {opening.map(|p| view! { <p>{p}</p> })}
                            <h2>"I. KẾT QUẢ CHUNG"</h2>
                            {summary.map(|p| view! { <p>{p}</p> }).collect_view()}
                            {assessment.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                            {table_view(&criteria_table(campaign, e), "report-criteria")}
                            <h2>"II. KẾT QUẢ CỦA CÁC PHÒNG"</h2>
                            {table_view(&unit_table(campaign, e), "report-units")}
                            <figure class="doc-chart" inner_html=ranking></figure>
                            <figure class="doc-chart" inner_html=attainment></figure>
                            <h2>"III. ĐỀ XUẤT KHEN THƯỞNG"</h2>
                            {
                                let proposals = proposal_table(campaign, e);
                                if proposals.rows.is_empty() {
                                    view! {
                                        <p id="report-proposals">
                                            "Chưa có tập thể, cá nhân nào đạt điều kiện đề xuất khen thưởng theo quy tắc đã thiết lập."
                                        </p>
                                    }
                                    .into_any()
                                } else {
                                    table_view(&proposals, "report-proposals").into_any()
                                }
                            }
                        </div>
                        <table class="doc-signature">
                            <tr>
                                <td class="doc-recipients">
                                    <p class="strong"><em>"Nơi nhận:"</em></p>
                                    {recipients
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, r)| {
                                            let end = if i == last { "." } else { ";" };
                                            view! { <p>{format!("- {}{end}", r.trim_end_matches([';', '.']))}</p> }
                                        })
                                        .collect_view()}
                                </td>
                                <td class="doc-signer">
                                    {lines(&d.signer_title).into_iter().map(|l| view! { <p class="strong">{l}</p> }).collect_view()}
                                    <p class="doc-sign-space"></p>
                                    <p class="strong">{d.signer_name.clone()}</p>
                                </td>
                            </tr>
                        </table>
                    </article>
                }
            })
        })
    };

    view! {
        <section class="panel report-editor">
            <h1>"Báo cáo"</h1>
            <p class="hint">
                "Báo cáo tổng hợp theo thể thức Nghị định 30/2020/NĐ-CP. Điền các thông tin dưới "
                "đây (được lưu tự động), rồi bấm “In báo cáo” và chọn máy in hoặc “Lưu dưới dạng "
                "PDF” (khổ A4)."
            </p>
            <ReportFields details=Signal::derive(details) />
            <div class="actions">
                <button class="primary" id="print-report" on:click=move |_| {
                    let _ = window().print();
                }>"In báo cáo"</button>
                <button id="csv-units" on:click=download_csv(|w, e| unit_table(&w.campaign, e))>
                    "Kết quả các phòng (CSV)"
                </button>
                <button id="csv-officers" on:click=download_csv(officer_table)>
                    "Kết quả cá nhân (CSV)"
                </button>
                <button id="csv-daily" on:click=download_csv(|w, _| daily_table(w))>
                    "Số liệu hằng ngày (CSV)"
                </button>
                <button id="csv-proposals" on:click=download_csv(|w, e| proposal_table(&w.campaign, e))>
                    "Đề xuất khen thưởng (CSV)"
                </button>
            </div>
            <StatusMessage status=message />
        </section>
        <div class="paper">{document}</div>
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
        let value = move || details.with(|d| get(d).clone());
        let change = move |event: leptos::ev::Event| {
            let text = event_target_value(&event);
            workspace.update(|w| set(&mut w.report, text));
        };
        let input = if multiline {
            view! { <textarea id=id rows="4" prop:value=value on:change=change></textarea> }
                .into_any()
        } else {
            view! { <input id=id prop:value=value on:change=change /> }.into_any()
        };
        view! {
            <label class="field" for=id>
                <span>{label}</span>
                {input}
            </label>
        }
    };
    view! {
        <div class="report-fields">
            {field("Cơ quan cấp trên", "report-superior", |d| &d.superior_body, |d, v| d.superior_body = v, false)}
            {field("Cơ quan ban hành", "report-issuer", |d| &d.issuer, |d, v| d.issuer = v, false)}
            {field("Số, ký hiệu", "report-number", |d| &d.number, |d, v| d.number = v, false)}
            {field("Địa danh", "report-place", |d| &d.place, |d, v| d.place = v, false)}
            {field("Ngày tháng năm", "report-date", |d| &d.date_line, |d, v| d.date_line = v, false)}
            {field("Người ký", "report-signer", |d| &d.signer_name, |d, v| d.signer_name = v, false)}
            {field("Quyền hạn, chức vụ người ký (mỗi dòng một dòng)", "report-signer-title", |d| &d.signer_title, |d, v| d.signer_title = v, true)}
            {field("Nơi nhận (mỗi dòng một nơi)", "report-recipients", |d| &d.recipients, |d, v| d.recipients = v, true)}
            {field("Đánh giá chung (mỗi dòng một đoạn)", "report-assessment", |d| &d.assessment, |d, v| d.assessment = v, true)}
        </div>
    }
}
