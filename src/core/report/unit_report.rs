//! A division's own report to the Office (the plan, V.1: division heads
//! report by 18/08): a Decree 30 document built on the same
//! [`ReportDocument`] as the consolidated report, from the same evaluation,
//! so its figures are the ones the ranking and the report use.

use crate::core::campaign::model::{InitiativeOwner, Workspace};
use crate::core::evaluation::explain::{attainment_text, explain_paper_free_days, target_text};
use crate::core::evaluation::score::CampaignEvaluation;
use crate::core::format;
use crate::core::report::document::{
    criteria_header, criterion_header, lines, recipient_lines, result_cells, Block, Cell,
    ReportDocument, Table, DOCUMENT_KIND,
};

/// The division's report, or `None` for a division the campaign lacks.
pub fn unit_report_document(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
    unit_id: &str,
) -> Option<ReportDocument> {
    let campaign = &workspace.campaign;
    let unit = campaign.units.iter().find(|u| u.id == unit_id)?;
    let result = evaluation.units.iter().find(|u| u.id == unit_id)?;
    let details = workspace.unit_report(unit_id);
    let mut body = vec![Block::Paragraph(format!(
        "Thực hiện {}, {} báo cáo kết quả {} từ ngày {} đến ngày {} như sau:",
        campaign.plan_reference,
        unit.name,
        campaign.title,
        format::date(campaign.period.start),
        format::date(campaign.period.end),
    ))];

    body.push(Block::Heading("I. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ".into()));
    let rows = campaign
        .criteria
        .iter()
        .zip(&result.criteria)
        .map(|(criterion, r)| {
            vec![
                Cell::Text(criterion.code.clone()),
                Cell::Text(criterion.kind.short_label().into()),
                Cell::int(r.numerator as f64),
                Cell::int(r.denominator as f64),
                Cell::int(r.excluded as f64),
                Cell::Text(attainment_text(r)),
                Cell::Text(target_text(criterion.target)),
                Cell::Text(
                    match r.met {
                        Some(true) => "Đạt",
                        Some(false) => "Chưa đạt",
                        None => "Không phát sinh",
                    }
                    .into(),
                ),
            ]
        })
        .collect();
    body.push(Block::Table {
        id: "unit-report-criteria",
        table: Table {
            title: format!("Kết quả của {} theo tiêu chí", unit.name),
            header: criterion_header("Đánh giá"),
            rows,
        },
    });
    body.push(Block::Paragraph(format!(
        "Điểm tổng hợp {}, xếp loại “{}”, xếp hạng {}/{} phòng.",
        result
            .composite
            .map_or("—".into(), |c| format::decimal(c, 1)),
        result.classification.label(),
        result.rank,
        evaluation.units.len()
    )));
    body.push(Block::Paragraph(explain_paper_free_days(result)));

    body.push(Block::Heading("II. KẾT QUẢ CỦA CÁN BỘ, CÔNG CHỨC".into()));
    let officer_ids: Vec<&str> = campaign
        .active_officers()
        .filter(|o| o.unit_id == unit_id)
        .map(|o| o.id.as_str())
        .collect();
    let officers: Vec<Vec<Cell>> = evaluation
        .officers
        .iter()
        .filter(|o| officer_ids.contains(&o.id.as_str()))
        .map(|o| {
            let mut row = vec![Cell::int(o.rank as f64), Cell::Text(o.name.to_string())];
            row.extend(result_cells(o));
            row
        })
        .collect();
    if officers.is_empty() {
        body.push(Block::Note {
            id: "unit-report-officers",
            text: "Phòng chưa có cán bộ, công chức nào trong danh sách.".into(),
        });
    } else {
        let mut header = vec!["Hạng trong Sở".to_string(), "Họ và tên".to_string()];
        header.extend(criteria_header(campaign));
        header.extend(["Điểm", "Xếp loại"].map(String::from));
        body.push(Block::Table {
            id: "unit-report-officers",
            table: Table {
                title: "Kết quả của cán bộ, công chức trong phòng".into(),
                header,
                rows: officers,
            },
        });
    }

    body.push(Block::Heading("III. SÁNG KIẾN, CÁCH LÀM MỚI".into()));
    let owner_name = |owner: &InitiativeOwner| match owner {
        InitiativeOwner::Unit(_) => unit.name.clone(),
        InitiativeOwner::Officer(id) => campaign
            .officers
            .iter()
            .find(|o| &o.id == id)
            .map_or_else(String::new, |o| o.name.to_string()),
    };
    let initiatives: Vec<Vec<Cell>> = workspace
        .initiatives
        .iter()
        .filter(|i| !i.meta.deleted)
        .filter(|i| match &i.owner {
            InitiativeOwner::Unit(id) => id == unit_id,
            InitiativeOwner::Officer(id) => officer_ids.contains(&id.as_str()),
        })
        .map(|i| {
            vec![
                Cell::Text(i.title.clone()),
                Cell::Text(owner_name(&i.owner)),
                Cell::Text(format::date(i.date)),
                Cell::share(i.council_score),
            ]
        })
        .collect();
    if initiatives.is_empty() {
        body.push(Block::Note {
            id: "unit-report-initiatives",
            text: "Chưa có sáng kiến nào được ghi nhận.".into(),
        });
    } else {
        body.push(Block::Table {
            id: "unit-report-initiatives",
            table: Table {
                title: "Sáng kiến của phòng và của cán bộ trong phòng".into(),
                header: ["Sáng kiến", "Của", "Ngày", "Điểm Hội đồng"]
                    .map(String::from)
                    .to_vec(),
                rows: initiatives,
            },
        });
    }

    body.push(Block::Heading("IV. ĐÁNH GIÁ CHUNG".into()));
    push_typed(&mut body, &details.assessment, "unit-report-assessment");
    body.push(Block::Heading("V. ĐỀ XUẤT, KIẾN NGHỊ".into()));
    push_typed(&mut body, &details.proposals, "unit-report-proposals");

    Some(ReportDocument {
        kind: DOCUMENT_KIND.into(),
        superior_body: workspace.report.issuer.clone(),
        issuer: unit.name.clone(),
        number_line: format!("Số: {}", details.number),
        place_date_line: format!("{}, {}", workspace.report.place, details.date_line),
        subtitle: format!("Kết quả thực hiện {} của {}", campaign.title, unit.name),
        body,
        recipients: recipient_lines(&details.recipients),
        signer_title: vec!["TRƯỞNG PHÒNG".into()],
        signer_name: unit.head.clone(),
    })
}

/// The head's typed paragraphs, or a note saying they are still to write.
fn push_typed(body: &mut Vec<Block>, text: &str, id: &'static str) {
    let before = body.len();
    body.extend(lines(text).map(|l| Block::Paragraph(l.into())));
    if body.len() == before {
        body.push(Block::Note {
            id,
            text: "(Trưởng phòng chưa nhập nội dung này.)".into(),
        });
    }
}

/// The downloaded file's name: `bao-cao-phong-phap-che.docx`.
pub fn unit_report_file_name(workspace: &Workspace, unit_id: &str) -> String {
    let name = workspace
        .campaign
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .map_or_else(|| "phong".to_string(), |u| format::slug(&u.name));
    format!("bao-cao-{name}.docx")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entry::edit::update_counts;
    use crate::core::evaluation::score::evaluate;
    use crate::core::sample::{generate, SampleScale};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn text_of(doc: &ReportDocument) -> String {
        let mut out = vec![
            doc.issuer.clone(),
            doc.subtitle.clone(),
            doc.signer_name.clone(),
        ];
        for block in &doc.body {
            match block {
                Block::Paragraph(t) | Block::Heading(t) | Block::Note { text: t, .. } => {
                    out.push(t.clone())
                }
                Block::Table { table, .. } => {
                    out.push(table.header.join("|"));
                    for row in &table.rows {
                        out.push(row.iter().map(Cell::shown).collect::<Vec<_>>().join("|"));
                    }
                }
                Block::Charts => {}
            }
        }
        out.join("\n")
    }

    #[test]
    fn a_divisions_report_carries_its_own_figures_and_the_heads_words() {
        let mut ws = generate(SampleScale::Department, 2025);
        ws.edit_unit_report("don-vi-0002", |r| {
            r.number = "07/BC-PC".into();
            r.assessment = "Phòng hoàn thành tốt các chỉ tiêu.\n\nCòn in giấy một số ngày.".into();
        });
        let evaluation = evaluate(&ws);
        let doc = unit_report_document(&ws, &evaluation, "don-vi-0002").unwrap();
        let result = evaluation
            .units
            .iter()
            .find(|u| u.id == "don-vi-0002")
            .unwrap();
        assert_eq!(doc.issuer, "Phòng Pháp chế");
        assert_eq!(doc.superior_body, "SỞ DÂN TỘC VÀ TÔN GIÁO");
        assert_eq!(doc.number_line, "Số: 07/BC-PC");
        assert_eq!(doc.signer_name, ws.campaign.units[1].head);
        assert_eq!(doc.recipients[0], "- Văn phòng Sở (để tổng hợp);");
        let text = text_of(&doc);
        let tc1 = &result.criteria[0];
        assert!(
            text.contains(&format!(
                "TC1|Xử lý văn bản, hồ sơ trên mạng|{}|{}|{}|{}",
                format::decimal(tc1.numerator as f64, 0),
                format::decimal(tc1.denominator as f64, 0),
                format::decimal(tc1.excluded as f64, 0),
                attainment_text(tc1)
            )),
            "{text}"
        );
        assert!(text.contains(&format!("xếp hạng {}/8 phòng", result.rank)));
        assert!(text.contains("Phòng hoàn thành tốt các chỉ tiêu.\nCòn in giấy một số ngày."));
        assert!(
            text.contains("(Trưởng phòng chưa nhập nội dung này.)"),
            "proposals blank"
        );
        // Ten officers of the division, none of another.
        let officers = doc
            .body
            .iter()
            .find_map(|b| match b {
                Block::Table {
                    id: "unit-report-officers",
                    table,
                } => Some(table),
                _ => None,
            })
            .unwrap();
        assert_eq!(officers.rows.len(), 10);
        assert!(unit_report_document(&ws, &evaluation, "khong-co").is_none());
    }

    // One source of truth: a count changed in the grid changes the report.
    #[test]
    fn a_changed_count_changes_the_report() {
        let mut ws = generate(SampleScale::Department, 2025);
        let before = text_of(&unit_report_document(&ws, &evaluate(&ws), "don-vi-0002").unwrap());
        update_counts(
            &mut ws,
            "don-vi-0002",
            NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
            Utc.with_ymd_and_hms(2025, 7, 16, 8, 0, 0).unwrap(),
            |c| {
                c.docs_received += 40;
                c.docs_received_online += 40;
            },
        );
        let evaluation = evaluate(&ws);
        let after = text_of(&unit_report_document(&ws, &evaluation, "don-vi-0002").unwrap());
        assert_ne!(before, after);
        let tc1 = &evaluation
            .units
            .iter()
            .find(|u| u.id == "don-vi-0002")
            .unwrap()
            .criteria[0];
        assert!(after.contains(&format::decimal(tc1.numerator as f64, 0)));
    }
}
