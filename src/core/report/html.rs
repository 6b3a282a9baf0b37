//! The consolidated report as an HTML document in the layout of Decree
//! 30/2020/NĐ-CP (style/report.css gives it its A4 print form): the
//! rendering of [`ReportDocument`] that the page shows and `thidua-cli` can
//! write to a file. Every text is escaped.

use crate::core::campaign::model::Workspace;
use crate::core::evaluation::charts::{chart_height, draw_attainment_grid, draw_ranking, to_svg};
use crate::core::evaluation::score::CampaignEvaluation;
use crate::core::format::xml_text;
use crate::core::report::document::{
    report_document as document, Block, Cell, ReportDocument, Table, CHART_MAX_UNITS, MOTTO,
};
use crate::core::report::unit_report::unit_report_document;

fn paragraph(out: &mut String, class: &str, text: &str) {
    if class.is_empty() {
        out.push_str(&format!("<p>{}</p>", xml_text(text)));
    } else {
        out.push_str(&format!("<p class=\"{class}\">{}</p>", xml_text(text)));
    }
}

fn table(out: &mut String, table: &Table, id: &str) {
    out.push_str(&format!(
        "<table class=\"doc-table\" id=\"{id}\"><caption>{}</caption><thead><tr>",
        xml_text(&table.title)
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

/// The whole consolidated report: heading, title, body with tables and
/// charts, “Nơi nhận” and the signature block.
pub fn report_document(workspace: &Workspace, evaluation: &CampaignEvaluation) -> String {
    let doc = document(workspace, evaluation);
    document_html(&doc, "report-document", &|out| {
        let units = &evaluation.units[..evaluation.units.len().min(CHART_MAX_UNITS)];
        let height = chart_height(units.len());
        // Drawn near the A4 text width (165 mm ≈ 624 CSS px), so the
        // labels print at about 9–10 pt rather than shrinking to 7.
        const WIDTH: u32 = 800;
        out.push_str("<figure class=\"doc-chart\">");
        out.push_str(&to_svg(WIDTH, height, |root| draw_ranking(root, units)));
        out.push_str("</figure><figure class=\"doc-chart\">");
        out.push_str(&to_svg(WIDTH, height, |root| {
            draw_attainment_grid(root, &workspace.campaign.criteria, units)
        }));
        out.push_str("</figure>");
    })
}

/// A division's own report ([`unit_report_document`]), or `None` for a
/// division the campaign lacks.
pub fn unit_report_html(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
    unit_id: &str,
) -> Option<String> {
    let doc = unit_report_document(workspace, evaluation, unit_id)?;
    Some(document_html(&doc, "unit-report-document", &|_| {}))
}

/// Any [`ReportDocument`] as HTML; `charts` draws [`Block::Charts`].
pub fn document_html(doc: &ReportDocument, id: &str, charts: &dyn Fn(&mut String)) -> String {
    let mut out = format!("<article class=\"document\" id=\"{id}\">");

    out.push_str("<table class=\"doc-heading\"><tr><td class=\"doc-issuer\">");
    paragraph(&mut out, "", &doc.superior_body);
    paragraph(&mut out, "strong rule doc-issuer-name", &doc.issuer);
    paragraph(&mut out, "doc-number", &doc.number_line);
    out.push_str("</td><td class=\"doc-motto\">");
    paragraph(&mut out, "strong", MOTTO[0]);
    paragraph(&mut out, "strong rule", MOTTO[1]);
    paragraph(&mut out, "doc-date", &doc.place_date_line);
    out.push_str("</td></tr></table>");

    out.push_str(&format!(
        "<h1 class=\"doc-title\">{}</h1>",
        xml_text(&doc.kind)
    ));
    paragraph(&mut out, "doc-subtitle", &doc.subtitle);

    out.push_str("<div class=\"doc-body\">");
    for block in &doc.body {
        match block {
            Block::Paragraph(text) => paragraph(&mut out, "", text),
            Block::Heading(text) => out.push_str(&format!("<h2>{}</h2>", xml_text(text))),
            Block::Table { id, table: t } => table(&mut out, t, id),
            Block::Note { id, text } => {
                out.push_str(&format!("<p id=\"{id}\">{}</p>", xml_text(text)));
            }
            Block::Charts => charts(&mut out),
        }
    }
    out.push_str("</div>");

    out.push_str("<table class=\"doc-signature\"><tr><td class=\"doc-recipients\">");
    out.push_str("<p class=\"strong\"><em>Nơi nhận:</em></p>");
    for recipient in &doc.recipients {
        paragraph(&mut out, "", recipient);
    }
    out.push_str("</td><td class=\"doc-signer\">");
    for line in &doc.signer_title {
        paragraph(&mut out, "strong", line);
    }
    out.push_str("<p class=\"doc-sign-space\"></p>");
    paragraph(&mut out, "strong", &doc.signer_name);
    out.push_str("</td></tr></table></article>");
    out
}

/// A standalone HTML file of the report, with the report's own stylesheet,
/// which a browser opens and prints to A4 like the app's page.
pub fn report_page(workspace: &Workspace, evaluation: &CampaignEvaluation) -> String {
    standalone_page(
        &format!("Báo cáo — {}", workspace.campaign.title),
        &report_document(workspace, evaluation),
    )
}

/// A standalone HTML file of a division's own report (`None` for a
/// division the campaign lacks).
pub fn unit_report_page(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
    unit_id: &str,
) -> Option<String> {
    let unit = workspace.campaign.units.iter().find(|u| u.id == unit_id)?;
    Some(standalone_page(
        &format!("Báo cáo — {}", unit.name),
        &unit_report_html(workspace, evaluation, unit_id)?,
    ))
}

fn standalone_page(title: &str, document: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <title>{}</title><style>{}</style></head>\
         <body><div class=\"paper\">{document}</div></body></html>\n",
        xml_text(title),
        include_str!("../../../style/report.css"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::evaluation::score::evaluate;
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
