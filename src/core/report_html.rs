//! The consolidated report as an HTML document in the layout of Decree
//! 30/2020/NĐ-CP (style/main.css gives it its A4 print form). Built as a
//! string from the report's tables, with every text escaped: the page shows
//! it, and `thidua-cli` can write it to a file.

use super::charts::{chart_height, draw_attainment_grid, draw_ranking, to_svg};
use super::evaluation::CampaignEvaluation;
use super::model::Workspace;
use super::report::{criteria_table, proposal_table, summary_paragraphs, unit_table, Cell, Table};
use super::xlsx::xml_text;

/// Divisions drawn in the report's charts (the tables list them all).
const CHART_MAX_UNITS: usize = 40;

/// Lines of a multi-line field, blank ones dropped.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn paragraph(out: &mut String, class: &str, text: &str) {
    if class.is_empty() {
        out.push_str(&format!("<p>{}</p>", xml_text(text)));
    } else {
        out.push_str(&format!("<p class=\"{class}\">{}</p>", xml_text(text)));
    }
}

fn table(out: &mut String, table: &Table, id: &str) {
    out.push_str(&format!(
        "<table class=\"doc-table\" id=\"{id}\"><thead><tr>"
    ));
    for heading in &table.header {
        out.push_str(&format!("<th>{}</th>", xml_text(heading)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let class = if matches!(cell, Cell::Text(_)) {
                ""
            } else {
                " class=\"num\""
            };
            out.push_str(&format!("<td{class}>{}</td>", xml_text(&cell.shown())));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// The whole document: heading, title, body with tables and charts,
/// “Nơi nhận” and the signature block.
pub fn report_document(workspace: &Workspace, evaluation: &CampaignEvaluation) -> String {
    let d = &workspace.report;
    let campaign = &workspace.campaign;
    let mut out = String::from("<article class=\"document\" id=\"report-document\">");

    out.push_str("<table class=\"doc-heading\"><tr><td class=\"doc-issuer\">");
    paragraph(&mut out, "", &d.superior_body);
    paragraph(&mut out, "strong rule", &d.issuer);
    paragraph(&mut out, "doc-number", &format!("Số: {}", d.number));
    out.push_str("</td><td class=\"doc-motto\">");
    paragraph(&mut out, "strong", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    paragraph(&mut out, "strong rule", "Độc lập - Tự do - Hạnh phúc");
    paragraph(
        &mut out,
        "doc-date",
        &format!("{}, {}", d.place, d.date_line),
    );
    out.push_str("</td></tr></table>");

    out.push_str("<h1 class=\"doc-title\">BÁO CÁO</h1>");
    paragraph(
        &mut out,
        "doc-subtitle",
        &format!("Kết quả thực hiện {}", campaign.title),
    );

    out.push_str("<div class=\"doc-body\">");
    let mut summary = summary_paragraphs(campaign, evaluation).into_iter();
    if let Some(opening) = summary.next() {
        paragraph(&mut out, "", &opening);
    }
    out.push_str("<h2>I. KẾT QUẢ CHUNG</h2>");
    for text in summary {
        paragraph(&mut out, "", &text);
    }
    for text in lines(&d.assessment) {
        paragraph(&mut out, "", text);
    }
    table(
        &mut out,
        &criteria_table(campaign, evaluation),
        "report-criteria",
    );

    out.push_str("<h2>II. KẾT QUẢ CỦA CÁC PHÒNG</h2>");
    table(&mut out, &unit_table(campaign, evaluation), "report-units");
    let units = &evaluation.units[..evaluation.units.len().min(CHART_MAX_UNITS)];
    let height = chart_height(units.len());
    out.push_str("<figure class=\"doc-chart\">");
    out.push_str(&to_svg(1000, height, |root| draw_ranking(root, units)));
    out.push_str("</figure><figure class=\"doc-chart\">");
    out.push_str(&to_svg(1000, height, |root| {
        draw_attainment_grid(root, &campaign.criteria, units)
    }));
    out.push_str("</figure>");

    out.push_str("<h2>III. ĐỀ XUẤT KHEN THƯỞNG</h2>");
    let proposals = proposal_table(campaign, evaluation);
    if proposals.rows.is_empty() {
        out.push_str("<p id=\"report-proposals\">Chưa có tập thể, cá nhân nào đạt điều kiện đề xuất khen thưởng theo quy tắc đã thiết lập.</p>");
    } else {
        table(&mut out, &proposals, "report-proposals");
    }
    out.push_str("</div>");

    out.push_str("<table class=\"doc-signature\"><tr><td class=\"doc-recipients\">");
    out.push_str("<p class=\"strong\"><em>Nơi nhận:</em></p>");
    let recipients: Vec<&str> = lines(&d.recipients).collect();
    for (index, recipient) in recipients.iter().enumerate() {
        let end = if index + 1 == recipients.len() {
            "."
        } else {
            ";"
        };
        paragraph(
            &mut out,
            "",
            &format!("- {}{end}", recipient.trim_end_matches([';', '.'])),
        );
    }
    out.push_str("</td><td class=\"doc-signer\">");
    for line in lines(&d.signer_title) {
        paragraph(&mut out, "strong", line);
    }
    out.push_str("<p class=\"doc-sign-space\"></p>");
    paragraph(&mut out, "strong", &d.signer_name);
    out.push_str("</td></tr></table></article>");
    out
}

/// A standalone HTML file of the report, with the report's own stylesheet,
/// which a browser opens and prints to A4 like the app's page.
pub fn report_page(workspace: &Workspace, evaluation: &CampaignEvaluation) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <title>Báo cáo — {}</title><style>{}</style></head>\
         <body><div class=\"paper\">{}</div></body></html>\n",
        xml_text(&workspace.campaign.title),
        include_str!("../../style/report.css"),
        report_document(workspace, evaluation)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::evaluation::evaluate;
    use crate::core::sample::{generate, SampleScale};

    #[test]
    fn the_document_has_its_parts_and_escapes_every_text() {
        let mut ws = generate(SampleScale::Department, 2025);
        ws.report.signer_name = "Nguyễn Văn <b>An</b>".into();
        ws.report.recipients = "UBND tỉnh;\nLưu: VT, PC.".into();
        ws.campaign.units[0].name = "<img src=x onerror=alert(1)>".into();
        let html = report_document(&ws, &evaluate(&ws));
        for part in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "<h1 class=\"doc-title\">BÁO CÁO</h1>",
            "I. KẾT QUẢ CHUNG",
            "<em>Nơi nhận:</em>",
            "<p>- UBND tỉnh;</p><p>- Lưu: VT, PC.</p>",
            "Nguyễn Văn &lt;b&gt;An&lt;/b&gt;",
        ] {
            assert!(html.contains(part), "{part}");
        }
        assert!(!html.contains("<img"), "names are text");
        assert!(!html.contains("<b>"));
        let units = html.split("id=\"report-units\"").nth(1).unwrap();
        let units = units.split("</table>").next().unwrap();
        assert_eq!(units.matches("<tr>").count(), 1 + 8);
    }
}
