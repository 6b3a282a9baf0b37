//! The report's files read back by independent readers: the XLSX workbook
//! and the DOCX report opened with the `zip` crate, every part parsed by
//! `roxmltree`, and their content inspected; the workbook's sheets read
//! cell by cell with `calamine`.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use thidua::core::evaluation::score::evaluate;
use thidua::core::report::document::{
    daily_table, officer_table, proposal_table, unit_table, Cell, Table,
};
use thidua::core::report::docx::{report_docx, unit_report_docx};
use thidua::core::report::xlsx::workbook;
use thidua::core::sample::{generate, propose_everyone, SampleScale};

fn archive(bytes: Vec<u8>) -> zip::ZipArchive<Cursor<Vec<u8>>> {
    zip::ZipArchive::new(Cursor::new(bytes)).expect("a valid ZIP")
}

/// Every part of the package is well-formed XML.
fn assert_every_part_parses(archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>) {
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.expect("a readable name").to_string())
        .collect();
    for name in names {
        let text = member(archive, &name);
        if let Err(error) = roxmltree::Document::parse(&text) {
            panic!("{name} is not well-formed XML: {error}");
        }
    }
}

/// Word refuses a file whose elements come out of the schema's order
/// (ECMA-376 part 1), which LibreOffice forgives: the children of the
/// property elements the writer emits must follow it.
fn assert_schema_order(xml: &str) {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    // A category axis and a value axis share their start; each uses its
    // own tail (`auto`… for categories, `crossBetween`… for values).
    const AXIS: &[&str] = &[
        "axId",
        "scaling",
        "delete",
        "axPos",
        "majorGridlines",
        "minorGridlines",
        "title",
        "numFmt",
        "majorTickMark",
        "minorTickMark",
        "tickLblPos",
        "spPr",
        "txPr",
        "crossAx",
        "crosses",
        "auto",
        "lblAlgn",
        "lblOffset",
        "noMultiLvlLbl",
        "crossBetween",
        "majorUnit",
    ];
    const ORDERS: &[(&str, &str, &[&str])] = &[
        (
            W,
            "pPr",
            &[
                "pStyle",
                "keepNext",
                "keepLines",
                "pageBreakBefore",
                "framePr",
                "widowControl",
                "numPr",
                "suppressLineNumbers",
                "pBdr",
                "shd",
                "tabs",
                "suppressAutoHyphens",
                "kinsoku",
                "wordWrap",
                "overflowPunct",
                "topLinePunct",
                "autoSpaceDE",
                "autoSpaceDN",
                "bidi",
                "adjustRightInd",
                "snapToGrid",
                "spacing",
                "ind",
                "contextualSpacing",
                "mirrorIndents",
                "suppressOverlap",
                "jc",
                "textDirection",
                "textAlignment",
                "textboxTightWrap",
                "outlineLvl",
                "divId",
                "cnfStyle",
                "rPr",
            ],
        ),
        (
            W,
            "rPr",
            &[
                "rStyle",
                "rFonts",
                "b",
                "bCs",
                "i",
                "iCs",
                "caps",
                "smallCaps",
                "strike",
                "dstrike",
                "outline",
                "shadow",
                "emboss",
                "imprint",
                "noProof",
                "snapToGrid",
                "vanish",
                "webHidden",
                "color",
                "spacing",
                "w",
                "kern",
                "position",
                "sz",
                "szCs",
                "highlight",
                "u",
                "effect",
                "bdr",
                "shd",
                "fitText",
                "vertAlign",
                "rtl",
                "cs",
                "em",
                "lang",
            ],
        ),
        (
            W,
            "tblPr",
            &[
                "tblStyle",
                "tblpPr",
                "tblOverlap",
                "bidiVisual",
                "tblStyleRowBandSize",
                "tblStyleColBandSize",
                "tblW",
                "jc",
                "tblCellSpacing",
                "tblInd",
                "tblBorders",
                "shd",
                "tblLayout",
                "tblCellMar",
                "tblLook",
            ],
        ),
        (
            W,
            "tblBorders",
            &[
                "top", "left", "start", "bottom", "right", "end", "insideH", "insideV",
            ],
        ),
        (
            W,
            "tblCellMar",
            &["top", "left", "start", "bottom", "right", "end"],
        ),
        (
            W,
            "sectPr",
            &[
                "headerReference",
                "footnotePr",
                "endnotePr",
                "type",
                "pgSz",
                "pgMar",
                "paperSrc",
                "pgBorders",
                "lnNumType",
                "pgNumType",
                "cols",
                "formProt",
                "vAlign",
                "noEndnote",
                "titlePg",
            ],
        ),
        (
            C,
            "ser",
            &[
                "idx",
                "order",
                "tx",
                "spPr",
                "invertIfNegative",
                "pictureOptions",
                "dPt",
                "dLbls",
                "trendline",
                "errBars",
                "cat",
                "val",
            ],
        ),
        (C, "catAx", AXIS),
        (C, "valAx", AXIS),
    ];
    let document = roxmltree::Document::parse(xml).unwrap();
    for node in document.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name();
        let Some((_, _, order)) = ORDERS.iter().find(|(namespace, name, _)| {
            tag.namespace() == Some(*namespace) && *name == tag.name()
        }) else {
            continue;
        };
        let positions: Vec<usize> = node
            .children()
            .filter(|c| c.is_element())
            .map(|c| {
                let name = c.tag_name().name();
                order.iter().position(|o| *o == name).unwrap_or_else(|| {
                    panic!(
                        "<{}> holds <{name}>, not in the list",
                        node.tag_name().name()
                    )
                })
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] <= w[1]),
            "<{}> children out of schema order: {positions:?}",
            node.tag_name().name()
        );
    }
}

/// The text of every `w:t` in `xml`, each paragraph on its own line.
fn word_text(xml: &str) -> String {
    let document = roxmltree::Document::parse(xml).unwrap();
    let mut out = String::new();
    for node in document.descendants() {
        match node.tag_name().name() {
            "t" => out.push_str(node.text().unwrap_or("")),
            "p" if !out.is_empty() => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn member(archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str) -> String {
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_has_a_sheet_per_table_with_numbers_as_numbers_and_text_never_a_formula() {
    let mut ws = generate(SampleScale::Department, 2025);
    ws.campaign.units[0].name = "=HYPERLINK(\"http://x\",\"<bấm>\")".into();
    let evaluation = evaluate(&ws);
    let tables = [
        unit_table(&ws.campaign, &evaluation),
        officer_table(&ws, &evaluation),
        daily_table(&ws),
        proposal_table(&ws.campaign, &evaluation),
    ];
    let mut archive = archive(workbook(&tables));
    assert_every_part_parses(&mut archive);
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
    ] {
        assert!(!member(&mut archive, name).is_empty(), "{name}");
    }
    let book = member(&mut archive, "xl/workbook.xml");
    for (i, table) in tables.iter().enumerate() {
        assert!(book.contains(&format!(
            "<sheet name=\"{}\" sheetId=\"{}\"",
            table.title,
            i + 1
        )));
    }

    let units = member(&mut archive, "xl/worksheets/sheet1.xml");
    assert!(
        units.contains("<t xml:space=\"preserve\">Phòng</t>"),
        "Vietnamese header intact"
    );
    // The hostile name is an inline string, escaped: never a formula.
    assert!(units.contains(
        "t=\"inlineStr\" s=\"2\"><is><t xml:space=\"preserve\">=HYPERLINK(&quot;http://x&quot;,&quot;&lt;bấm&gt;&quot;)</t>"
    ));
    assert!(!units.contains("<f>"));
    // Each column is as wide as its longest text: a division's name shows whole.
    let sheet = roxmltree::Document::parse(&units).unwrap();
    let widths: Vec<f64> = sheet
        .descendants()
        .filter(|node| node.has_tag_name("col"))
        .map(|col| col.attribute("width").unwrap().parse().unwrap())
        .collect();
    assert_eq!(widths.len(), tables[0].header.len());
    let longest_name = ws
        .campaign
        .units
        .iter()
        .map(|u| u.name.chars().count())
        .max()
        .unwrap();
    assert!(
        widths[1] >= longest_name as f64,
        "{widths:?}, a name of {longest_name}"
    );
    assert_sheets_read_back(workbook(&tables), &tables);
}

/// Every sheet read back by calamine, an independent reader, cell by cell:
/// the header, then each row's text as text, numbers as numbers (never a
/// formula), and an empty cell as empty, each at its place. The writer names
/// a cell's place only after a gap, so this is what shows the places right.
fn assert_sheets_read_back(bytes: Vec<u8>, tables: &[Table]) {
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook");
    let names = book.sheet_names();
    assert_eq!(names.len(), tables.len());
    for (name, table) in names.iter().zip(tables) {
        let sheet = book.worksheet_range(name).expect("a readable sheet");
        assert_eq!(sheet.start(), Some((0, 0)), "{name} starts at A1");
        let at = |row: usize, col: usize| sheet.get_value((row as u32, col as u32));
        for (col, heading) in table.header.iter().enumerate() {
            assert_eq!(
                at(0, col),
                Some(&Data::String(heading.clone())),
                "{name} header {col}"
            );
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (col, cell) in row.iter().enumerate() {
                let read = at(r + 1, col);
                match cell {
                    Cell::Text(text) => {
                        assert_eq!(read, Some(&Data::String(text.clone())), "{name} {r}:{col}")
                    }
                    Cell::Number { value, .. } => {
                        assert_eq!(read, Some(&Data::Float(*value)), "{name} {r}:{col}")
                    }
                    Cell::Empty => assert!(
                        matches!(read, None | Some(Data::Empty)),
                        "{name} {r}:{col} is empty, read {read:?}"
                    ),
                }
            }
        }
        let formulas = book.worksheet_formula(name).expect("formulas readable");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name}: no formula"
        );
        assert_eq!(
            sheet.height(),
            1 + table.rows.len(),
            "{name}: no row more or less"
        );
    }
}

/// A table with gaps: an empty cell first, in the middle and last, a row
/// that is all gaps, and numbers with decimals, read back at their places.
#[test]
fn a_sheet_with_empty_cells_reads_back_with_every_cell_in_its_place() {
    let table = Table {
        title: "Khoảng trống".into(),
        header: vec!["A".into(), "B".into(), "C".into(), "D".into()],
        rows: vec![
            vec![
                Cell::Empty,
                Cell::int(1),
                Cell::Empty,
                Cell::Text("x".into()),
            ],
            vec![Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
            vec![
                Cell::Text("<b>&".into()),
                Cell::Number {
                    value: 92.5,
                    decimals: 1,
                },
                Cell::int(-3),
                Cell::Empty,
            ],
            vec![Cell::Empty, Cell::Empty, Cell::Empty, Cell::int(7)],
        ],
    };
    let tables = [table];
    assert_sheets_read_back(workbook(&tables), &tables);
}

#[test]
fn the_docx_report_has_the_decree_30_layout_and_every_text_intact() {
    let mut ws = generate(SampleScale::Department, 2025);
    ws.campaign.units[0].name = "Phòng <w:t>Pháp chế</w:t> & “Tư pháp”".into();
    ws.report.number = "125/BC-SDTTG".into();
    ws.report.signer_title = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC".into();
    ws.report.signer_name = "Nguyễn Thị Ánh Tuyết".into();
    ws.report.recipients = "UBND tỉnh (báo cáo);\nLưu: VT, PC.".into();
    let evaluation = evaluate(&ws);
    let mut archive = archive(report_docx(&ws, &evaluation));
    assert_every_part_parses(&mut archive);

    let types = member(&mut archive, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"));
    assert!(types.contains("/word/charts/chart1.xml"));

    let document = member(&mut archive, "word/document.xml");
    for part in [
        "word/document.xml",
        "word/styles.xml",
        "word/header1.xml",
        "word/charts/chart1.xml",
    ] {
        assert_schema_order(&member(&mut archive, part));
    }
    let text = word_text(&document);
    for line in [
        "UBND TỈNH KHÁNH HÒA",
        "SỞ DÂN TỘC VÀ TÔN GIÁO",
        "Số: 125/BC-SDTTG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "I. KẾT QUẢ CHUNG",
        "II. KẾT QUẢ CỦA CÁC PHÒNG",
        "III. ĐỀ XUẤT KHEN THƯỞNG",
        "Nơi nhận:",
        "- UBND tỉnh (báo cáo);",
        "- Lưu: VT, PC.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Thị Ánh Tuyết",
        // The hostile name reads back as the same text, not as markup.
        "Phòng <w:t>Pháp chế</w:t> & “Tư pháp”",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing line {line:?} in\n{text}"
        );
    }
    let subtitle = format!("Kết quả thực hiện {}", ws.campaign.title);
    assert!(text.lines().any(|l| l == subtitle), "{text}");

    // A4, margins 20 / 15 / 20 / 30 mm, and a different first page.
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(document
        .contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""));
    assert!(document.contains("<w:titlePg/>"));
    let styles = member(&mut archive, "word/styles.xml");
    assert!(styles.contains("w:ascii=\"Times New Roman\""));
    assert!(styles.contains("<w:sz w:val=\"26\"/>"), "13 pt");
    // Page numbers from page 2: the default header has the PAGE field, the
    // first page's header is empty.
    assert!(member(&mut archive, "word/header1.xml").contains(" PAGE "));
    assert!(word_text(&member(&mut archive, "word/header2.xml")).is_empty());

    // The divisions' table: a header row that repeats, and a row each.
    let units_table = document
        .split("Kết quả của các phòng</w:t>")
        .nth(1)
        .and_then(|rest| rest.split("</w:tbl>").next())
        .expect("the divisions' table");
    assert_eq!(units_table.matches("<w:tr>").count(), 1 + 8);
    assert_eq!(units_table.matches("<w:tblHeader/>").count(), 1);

    // The chart: a bar per division, in rank order, with its score.
    let chart = member(&mut archive, "word/charts/chart1.xml");
    assert!(chart.contains("<c:barDir val=\"bar\"/>"));
    let chart_xml = roxmltree::Document::parse(&chart).unwrap();
    let caches: Vec<Vec<String>> = chart_xml
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "strCache" | "numCache"))
        .map(|cache| {
            cache
                .descendants()
                .filter(|n| n.tag_name().name() == "v")
                .map(|v| v.text().unwrap_or("").to_string())
                .collect()
        })
        .collect();
    let (names, scores) = (&caches[1], &caches[2]);
    assert_eq!(names.len(), 8);
    for ((name, score), unit) in names.iter().zip(scores).zip(&evaluation.units) {
        assert_eq!(name, &format!("{}. {}", unit.rank, unit.name));
        let expected = unit.composite.unwrap();
        assert!((score.parse::<f64>().unwrap() - expected).abs() <= 0.05);
    }
}

#[test]
fn the_docx_lists_every_proposal_with_its_reasons() {
    let mut ws = generate(SampleScale::Department, 2025);
    propose_everyone(&mut ws.campaign);
    let evaluation = evaluate(&ws);
    let proposals = proposal_table(&ws.campaign, &evaluation);
    assert!(proposals.rows.len() > 8, "divisions and officers proposed");
    let mut archive = archive(report_docx(&ws, &evaluation));
    let document = member(&mut archive, "word/document.xml");
    let table = document
        .split("Đề xuất khen thưởng</w:t>")
        .nth(1)
        .and_then(|rest| rest.split("</w:tbl>").next())
        .expect("the proposals' table");
    assert_eq!(table.matches("<w:tr>").count(), 1 + proposals.rows.len());
    let text = word_text(&document);
    for row in &proposals.rows {
        for cell in row {
            assert!(text.contains(&cell.shown()), "{}", cell.shown());
        }
    }
    assert!(!text.contains("Chưa có tập thể, cá nhân nào"));
}

#[test]
fn a_campaign_without_data_or_divisions_still_gives_valid_files() {
    use thidua::core::campaign::model::Workspace;
    use thidua::core::campaign::template::seed_campaign;
    use thidua::core::report::office::{office_document, OfficeFormat};
    let fresh = Workspace::new(seed_campaign("moi"));
    let mut empty = fresh.clone();
    empty.campaign.units.clear();
    empty.campaign.officers.clear();
    for workspace in [fresh, empty] {
        let evaluation = evaluate(&workspace);
        for format in [OfficeFormat::Xlsx, OfficeFormat::Docx] {
            let mut archive =
                archive(office_document(format, &workspace, &evaluation, "").unwrap());
            assert_every_part_parses(&mut archive);
        }
        let mut docx = archive(report_docx(&workspace, &evaluation));
        let has_chart = docx.by_name("word/charts/chart1.xml").is_ok();
        assert_eq!(has_chart, !workspace.campaign.units.is_empty());
        let text = word_text(&member(&mut docx, "word/document.xml"));
        assert!(text.contains("Chưa có tập thể, cá nhân nào"));
    }
}

// A division's own report: the same Decree 30 layout, its name in capitals
// in the heading, its criteria and officers, the head's words and name.
#[test]
fn a_divisions_docx_report_reads_back_with_its_figures() {
    let mut ws = generate(SampleScale::Department, 2025);
    ws.campaign.units[1].name = "Phòng Pháp chế <b>&</b> “Tư pháp”".into();
    ws.edit_unit_report("don-vi-0002", |r| {
        r.number = "07/BC-PC".into();
        r.assessment = "Phòng đã chuyển toàn bộ hồ sơ sang môi trường mạng.".into();
    });
    let evaluation = evaluate(&ws);
    let bytes = unit_report_docx(&ws, &evaluation, "don-vi-0002").unwrap();
    let mut archive = archive(bytes);
    assert_every_part_parses(&mut archive);
    let document = member(&mut archive, "word/document.xml");
    assert_schema_order(&document);
    let text = word_text(&document);
    let result = evaluation
        .units
        .iter()
        .find(|u| u.id == "don-vi-0002")
        .unwrap();
    for line in [
        "SỞ DÂN TỘC VÀ TÔN GIÁO",
        "PHÒNG PHÁP CHẾ <B>&</B> “TƯ PHÁP”",
        "Số: 07/BC-PC",
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ",
        "II. KẾT QUẢ CỦA CÁN BỘ, CÔNG CHỨC",
        "Phòng đã chuyển toàn bộ hồ sơ sang môi trường mạng.",
        "TRƯỞNG PHÒNG",
        "- Văn phòng Sở (để tổng hợp);",
    ] {
        assert!(text.contains(line), "{line} missing from:\n{text}");
    }
    assert!(text.contains(&ws.campaign.units[1].head));
    assert!(text.contains(&format!("xếp hạng {}/8 phòng", result.rank)));
    // No chart part: the division's report has no ranking chart.
    assert!(archive.by_name("word/charts/chart1.xml").is_err());
    assert!(unit_report_docx(&ws, &evaluation, "khong-co").is_none());
}

// The commendation dossier: five documents, each a valid DOCX in the
// schema's order, names with markup intact as text, the whole in one ZIP.
#[test]
fn the_dossier_documents_read_back_and_travel_in_one_zip() {
    use thidua::core::campaign::model::Vote;
    use thidua::core::report::docx::{dossier_docx, dossier_zip};
    use thidua::core::report::dossier::dossier_nominees;
    let mut ws = generate(SampleScale::Department, 2025);
    ws.dossier.texts.director = "Nguyễn <b>Văn</b> & An".into();
    let evaluation = evaluate(&ws);
    ws.dossier.council.members_present = 5;
    ws.dossier.council.votes = dossier_nominees(&ws, &evaluation)
        .iter()
        .map(|n| Vote {
            id: n.id.clone(),
            votes_for: 4,
        })
        .collect();
    let nominees = dossier_nominees(&ws, &evaluation);
    let files = dossier_docx(&ws, &evaluation);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "ho-so-khen-thuong-to-trinh.docx",
            "ho-so-khen-thuong-danh-sach.docx",
            "ho-so-khen-thuong-tom-tat-thanh-tich.docx",
            "ho-so-khen-thuong-bien-ban-hoi-dong.docx",
            "ho-so-khen-thuong-quyet-dinh-giay-khen.docx",
        ]
    );
    let mut texts = Vec::new();
    for (name, bytes) in &files {
        let mut archive = archive(bytes.clone());
        assert_every_part_parses(&mut archive);
        let document = member(&mut archive, "word/document.xml");
        assert_schema_order(&document);
        texts.push(word_text(&document));
        assert!(
            texts.last().unwrap().contains("Nguyễn <b>Văn</b> & An") || name.contains("bien-ban"),
            "{name}"
        );
    }
    assert!(
        texts[0].contains("TỜ TRÌNH")
            && texts[0].contains("Kính gửi: Ủy ban nhân dân tỉnh Khánh Hòa (qua Sở Nội vụ).")
    );
    for n in &nominees {
        assert!(texts[1].contains(&n.name), "the list names {}", n.name);
        assert!(texts[3].contains(&n.name), "the minutes name {}", n.name);
    }
    assert!(texts[3].contains("BIÊN BẢN") && texts[3].contains("Đạt"));
    assert!(texts[4].contains("QUYẾT ĐỊNH") && texts[4].contains("Điều 1."));
    let mut zip = archive(dossier_zip(&ws, &evaluation));
    assert_eq!(zip.len(), 5);
    assert!(zip.by_name("ho-so-khen-thuong-to-trinh.docx").is_ok());
}
