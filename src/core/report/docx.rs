//! The consolidated report as a DOCX (WordprocessingML) file that Word and
//! LibreOffice open, in the layout of Decree 30/2020/NĐ-CP: A4, Times New
//! Roman, margins 20/20/30/15 mm, the heading block as a borderless table,
//! page numbers at the top centre from page 2, and the signature block.
//!
//! Written by hand like the XLSX writer (a DOCX crate adds ~415 KB of wasm,
//! TOOLCHAIN.md). The content is [`ReportDocument`], the same the HTML page
//! renders; the divisions' chart is a native Word chart with its figures
//! cached in the file, so it stays sharp in print and can be restyled.

use crate::core::campaign::model::Workspace;
use crate::core::evaluation::charts::classification_color;
use crate::core::evaluation::score::{CampaignEvaluation, Evaluation};
use crate::core::format::xml_text;
use crate::core::report::document::{
    report_document, Block, Cell, ReportDocument, Table, CHART_MAX_UNITS, MOTTO,
};
use crate::core::report::dossier::dossier_documents;
use crate::core::report::unit_report::unit_report_document;
use crate::core::report::zip::{content_types, relationships, Zip, XML_DECLARATION};

/// Twentieths of a point per millimetre, the unit of page geometry.
const TWIPS_PER_MM: f64 = 56.692_913;
/// English Metric Units per millimetre, the unit of drawings.
const EMU_PER_MM: u64 = 36_000;

const PAGE_WIDTH_MM: f64 = 210.0;
const PAGE_HEIGHT_MM: f64 = 297.0;
/// Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const MARGIN_TOP_MM: f64 = 20.0;
const MARGIN_BOTTOM_MM: f64 = 20.0;
const MARGIN_LEFT_MM: f64 = 30.0;
const MARGIN_RIGHT_MM: f64 = 15.0;
const TEXT_WIDTH_MM: f64 = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM;

fn twips(mm: f64) -> u32 {
    (mm * TWIPS_PER_MM).round() as u32
}

const WORD_NAMESPACES: &str =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
     xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
     xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
     xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
     xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"";

/// How a run of text looks.
#[derive(Clone, Copy, Default)]
struct Font {
    bold: bool,
    italic: bool,
    /// Half-points; 0 keeps the document default (13 pt).
    size: u8,
}

const BOLD: Font = Font {
    bold: true,
    italic: false,
    size: 0,
};

/// How a paragraph is laid out.
#[derive(Clone, Copy, Default)]
struct Layout {
    align: Align,
    /// First-line indent, for running text.
    indent_first: bool,
    /// Space after, in points.
    after: u8,
    /// Keep with the next paragraph (headings, table titles).
    keep_next: bool,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

impl Align {
    fn value(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "both",
        }
    }
}

const CENTERED: Layout = Layout {
    align: Align::Center,
    indent_first: false,
    after: 0,
    keep_next: false,
};

fn run(text: &str, font: Font) -> String {
    let mut properties = String::new();
    if font.bold {
        properties.push_str("<w:b/>");
    }
    if font.italic {
        properties.push_str("<w:i/>");
    }
    if font.size != 0 {
        properties.push_str(&format!(
            "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
            font.size
        ));
    }
    let properties = if properties.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{properties}</w:rPr>")
    };
    format!(
        "<w:r>{properties}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml_text(text)
    )
}

fn paragraph_properties(layout: Layout) -> String {
    let mut out = String::from("<w:pPr>");
    if layout.keep_next {
        out.push_str("<w:keepNext/>");
    }
    out.push_str(&format!(
        "<w:spacing w:before=\"0\" w:after=\"{}\"/>",
        u32::from(layout.after) * 20
    ));
    if layout.indent_first {
        out.push_str(&format!("<w:ind w:firstLine=\"{}\"/>", twips(10.0)));
    }
    out.push_str(&format!(
        "<w:jc w:val=\"{}\"/></w:pPr>",
        layout.align.value()
    ));
    out
}

fn paragraph(out: &mut String, text: &str, font: Font, layout: Layout) {
    out.push_str(&format!(
        "<w:p>{}{}</w:p>",
        paragraph_properties(layout),
        run(text, font)
    ));
}

/// The short rule Decree 30 draws under the issuer, the motto and the
/// title's line: an empty paragraph with a bottom border, narrowed by
/// indents to `width_mm` of a column `column_mm` wide, with `after_pt` of
/// space below.
fn short_rule(out: &mut String, column_mm: f64, width_mm: f64, after_pt: u32) {
    let side = twips(((column_mm - width_mm) / 2.0).max(0.0));
    let after = after_pt * 20;
    out.push_str(&format!(
        "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>\
         <w:spacing w:before=\"0\" w:after=\"{after}\" w:line=\"120\" w:lineRule=\"exact\"/>\
         <w:ind w:left=\"{side}\" w:right=\"{side}\"/></w:pPr></w:p>"
    ));
}

/// A borderless table of two columns side by side (the heading and the
/// signature blocks), `left_mm` and `right_mm` wide.
fn two_columns(out: &mut String, left_mm: f64, right_mm: f64, left: &str, right: &str) {
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/>\
         <w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>\
         <w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>\
         <w:tblLayout w:type=\"fixed\"/>\
         <w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr><w:tblGrid><w:gridCol w:w=\"{}\"/><w:gridCol w:w=\"{}\"/></w:tblGrid>\
         <w:tr><w:trPr><w:cantSplit/></w:trPr>\
         <w:tc><w:tcPr><w:tcW w:w=\"{1}\" w:type=\"dxa\"/></w:tcPr>{left}</w:tc>\
         <w:tc><w:tcPr><w:tcW w:w=\"{2}\" w:type=\"dxa\"/></w:tcPr>{right}</w:tc></w:tr></w:tbl>",
        twips(left_mm + right_mm),
        twips(left_mm),
        twips(right_mm),
    ));
}

/// Column widths in twips. Each column gets at least room for its
/// longest heading word and its figures; what the page has left goes to
/// the columns whose text would otherwise wrap most (names, reasons).
fn column_widths(table: &Table) -> Vec<u32> {
    // Average width of a character of 11 pt Times, and a cell's padding.
    const CHAR_MM: f64 = 2.0;
    const BOLD_CHAR_MM: f64 = 2.4;
    const PADDING_MM: f64 = 3.0;
    let columns = table.header.len().max(1);
    let (minimum, wanted): (Vec<f64>, Vec<f64>) = (0..columns)
        .map(|c| {
            let heading = table.header.get(c).map_or("", String::as_str);
            let heading_word = heading
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(1);
            // The longest word of any cell (a figure is one word) cannot
            // wrap; the longest text decides how much room the column wants.
            let (mut word, mut text) = (3, 0);
            for cell in table.rows.iter().take(500).filter_map(|row| row.get(c)) {
                let shown = cell.shown();
                word = shown
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .fold(word, usize::max);
                text = text.max(shown.chars().count());
            }
            // A heading may wrap onto four lines, never inside a word
            // (bold letters are wider).
            let minimum = (heading_word as f64 * BOLD_CHAR_MM)
                .max(heading.chars().count() as f64 / 4.0 * BOLD_CHAR_MM)
                .max(word as f64 * CHAR_MM)
                + PADDING_MM;
            let wanted = (text as f64 * CHAR_MM + PADDING_MM).max(minimum);
            (minimum, wanted)
        })
        .unzip();
    let total_minimum: f64 = minimum.iter().sum();
    let total_wanted: f64 = wanted.iter().sum();
    let widths: Vec<f64> = if total_wanted <= TEXT_WIDTH_MM {
        // Everything fits on one line: widen all columns alike.
        wanted
            .iter()
            .map(|w| w * TEXT_WIDTH_MM / total_wanted)
            .collect()
    } else {
        // What the page has left goes to the columns in proportion to what
        // they still want — each counted at most at 45 % of the page, so a
        // paragraph of achievements cannot squeeze a name onto two lines.
        let cap = |m: f64, w: f64| w.min(m.max(0.45 * TEXT_WIDTH_MM));
        let spare = (TEXT_WIDTH_MM - total_minimum).max(0.0);
        let extra: f64 = minimum
            .iter()
            .zip(&wanted)
            .map(|(m, w)| cap(*m, *w) - m)
            .sum();
        minimum
            .iter()
            .zip(&wanted)
            .map(|(m, w)| m + spare * (cap(*m, *w) - m) / extra.max(f64::EPSILON))
            .collect()
    };
    widths.into_iter().map(twips).collect()
}

/// A bordered table with a bold header row that repeats on every page;
/// figures are right-aligned. 11 pt so a division's row fits on one line.
fn table(out: &mut String, table: &Table) {
    const SIZE: u8 = 22;
    let widths = column_widths(table);
    let cell = |out: &mut String, width: u32, text: &str, font: Font, align: Align| {
        out.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
        ));
        paragraph(
            out,
            text,
            Font { size: SIZE, ..font },
            Layout {
                align,
                ..Layout::default()
            },
        );
        out.push_str("</w:tc>");
    };
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblBorders>",
        widths.iter().sum::<u32>()
    ));
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        ));
    }
    out.push_str(
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>\
         <w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>",
    );
    for width in &widths {
        out.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (heading, width) in table.header.iter().zip(&widths) {
        cell(out, *width, heading, BOLD, Align::Center);
    }
    out.push_str("</w:tr>");
    for row in &table.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (value, width) in row.iter().zip(&widths) {
            let align = match value {
                Cell::Text(_) => Align::Left,
                Cell::Number { .. } | Cell::Empty => Align::Right,
            };
            cell(out, *width, &value.shown(), Font::default(), align);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, and it gives air below.
    paragraph(out, "", Font::default(), Layout::default());
}

/// A chart placed inline, full text width, `height_mm` tall; `relation` is
/// its relationship id and `number` makes its drawing id unique.
fn chart_drawing(out: &mut String, relation: &str, number: usize, height_mm: u64) {
    let width = (TEXT_WIDTH_MM as u64) * EMU_PER_MM;
    let height = height_mm * EMU_PER_MM;
    out.push_str(&format!(
        "<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>\
         <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{width}\" cy=\"{height}\"/>\
         <wp:docPr id=\"{number}\" name=\"Biểu đồ {number}\"/>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">\
         <c:chart r:id=\"{relation}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    ));
}

/// The ranking as a native bar chart: a bar per division in rank order,
/// coloured by classification, values 0–100 with one decimal. The figures
/// are kept in the chart's cache, which is what Word and LibreOffice draw.
fn ranking_chart(units: &[Evaluation]) -> String {
    let count = units.len();
    let mut categories = String::new();
    let mut values = String::new();
    let mut colours = String::new();
    for (index, unit) in units.iter().enumerate() {
        categories.push_str(&format!(
            "<c:pt idx=\"{index}\"><c:v>{}</c:v></c:pt>",
            xml_text(&format!("{}. {}", unit.rank, unit.name))
        ));
        if let Some(score) = unit.composite {
            values.push_str(&format!(
                "<c:pt idx=\"{index}\"><c:v>{}</c:v></c:pt>",
                (score * 10.0).round() / 10.0
            ));
        }
        let colour = classification_color(unit.classification);
        colours.push_str(&format!(
            "<c:dPt><c:idx val=\"{index}\"/><c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/>\
             <c:spPr><a:solidFill><a:srgbClr val=\"{:02X}{:02X}{:02X}\"/></a:solidFill></c:spPr></c:dPt>",
            colour.0, colour.1, colour.2
        ));
    }
    let font = "<a:latin typeface=\"Times New Roman\"/><a:cs typeface=\"Times New Roman\"/>";
    format!(
        "{XML_DECLARATION}<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <c:lang val=\"vi-VN\"/><c:roundedCorners val=\"0\"/><c:chart>\
         <c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\">{font}</a:defRPr></a:pPr>\
         <a:r><a:rPr lang=\"vi-VN\" sz=\"1200\" b=\"1\">{font}</a:rPr><a:t>Điểm tổng hợp của các phòng (0–100)</a:t></a:r></a:p></c:rich></c:tx>\
         <c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>\
         <c:plotArea><c:layout/><c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>\
         <c:ser><c:idx val=\"0\"/><c:order val=\"0\"/>\
         <c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>Điểm tổng hợp</c:v></c:pt></c:strCache></c:strRef></c:tx>\
         <c:spPr><a:solidFill><a:srgbClr val=\"1F4E79\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>{colours}\
         <c:dLbls><c:numFmt formatCode=\"0.0\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>\
         <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\">{font}</a:defRPr></a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>\
         <c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/>\
         <c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>\
         <c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val=\"{count}\"/>{categories}</c:strCache></c:strRef></c:cat>\
         <c:val><c:numRef><c:f>Sheet1!$B$2:$B${last}</c:f><c:numCache><c:formatCode>0.0</c:formatCode><c:ptCount val=\"{count}\"/>{values}</c:numCache></c:numRef></c:val>\
         </c:ser><c:gapWidth val=\"40\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:barChart>\
         <c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"maxMin\"/></c:scaling><c:delete val=\"0\"/>\
         <c:axPos val=\"l\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/>\
         <c:tickLblPos val=\"nextTo\"/><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\">{font}</a:defRPr></a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>\
         <c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>\
         <c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/><c:max val=\"100\"/><c:min val=\"0\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"t\"/><c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D8DEE6\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>\
         <c:numFmt formatCode=\"0\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>\
         <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\">{font}</a:defRPr></a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>\
         <c:crossAx val=\"1001\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/><c:majorUnit val=\"10\"/></c:valAx>\
         </c:plotArea><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>\
         <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\">{font}</a:defRPr></a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>\
         </c:chartSpace>",
        last = count + 1,
    )
}

/// The heading block: issuer on the left, motto on the right (Decree 30,
/// appendix I, areas 1–5).
fn heading(out: &mut String, doc: &ReportDocument) {
    const LEFT_MM: f64 = 65.0;
    const RIGHT_MM: f64 = TEXT_WIDTH_MM - LEFT_MM;
    let mut left = String::new();
    paragraph(&mut left, &doc.superior_body, Font::default(), CENTERED);
    // Decree 30 writes the issuing body in capitals; a division's name is
    // typed as it is said (the HTML does the same with CSS).
    paragraph(&mut left, &doc.issuer.to_uppercase(), BOLD, CENTERED);
    short_rule(&mut left, LEFT_MM, 25.0, 6);
    paragraph(&mut left, &doc.number_line, Font::default(), CENTERED);
    let mut right = String::new();
    paragraph(&mut right, MOTTO[0], Font { size: 24, ..BOLD }, CENTERED);
    paragraph(&mut right, MOTTO[1], Font { size: 26, ..BOLD }, CENTERED);
    short_rule(&mut right, RIGHT_MM, 58.0, 6);
    paragraph(
        &mut right,
        &doc.place_date_line,
        Font {
            italic: true,
            ..Font::default()
        },
        CENTERED,
    );
    two_columns(out, LEFT_MM, RIGHT_MM, &left, &right);
}

/// “Nơi nhận” on the left, the signer on the right (areas 7–9).
fn signature(out: &mut String, doc: &ReportDocument) {
    const LEFT_MM: f64 = 80.0;
    const RIGHT_MM: f64 = TEXT_WIDTH_MM - LEFT_MM;
    let mut left = String::new();
    paragraph(
        &mut left,
        "Nơi nhận:",
        Font {
            bold: true,
            italic: true,
            size: 24,
        },
        Layout::default(),
    );
    for recipient in &doc.recipients {
        paragraph(
            &mut left,
            recipient,
            Font {
                size: 22,
                ..Font::default()
            },
            Layout::default(),
        );
    }
    let mut right = String::new();
    for line in &doc.signer_title {
        paragraph(&mut right, line, BOLD, CENTERED);
    }
    // Room for the signature and the seal.
    for _ in 0..4 {
        paragraph(&mut right, "", Font::default(), CENTERED);
    }
    paragraph(&mut right, &doc.signer_name, BOLD, CENTERED);
    two_columns(out, LEFT_MM, RIGHT_MM, &left, &right);
}

/// `document.xml`: the heading, the title, the body and the signature, and
/// the section's page setup. `chart` is the chart's relationship id, if any.
fn document_xml(doc: &ReportDocument, chart: Option<(&str, u64)>) -> String {
    let mut out = format!("{XML_DECLARATION}<w:document {WORD_NAMESPACES}><w:body>");
    heading(&mut out, doc);
    paragraph(
        &mut out,
        "",
        Font::default(),
        Layout {
            after: 6,
            ..CENTERED
        },
    );
    paragraph(&mut out, &doc.kind, Font { size: 28, ..BOLD }, CENTERED);
    paragraph(&mut out, &doc.subtitle, Font { size: 28, ..BOLD }, CENTERED);
    // The rule under the title's line (Decree 30, area 5b).
    short_rule(&mut out, TEXT_WIDTH_MM, 40.0, 12);
    let running = Layout {
        align: Align::Justify,
        indent_first: true,
        after: 6,
        keep_next: false,
    };
    for block in &doc.body {
        match block {
            Block::Paragraph(text) | Block::Note { text, .. } => {
                paragraph(&mut out, text, Font::default(), running);
            }
            Block::Heading(text) => paragraph(
                &mut out,
                text,
                BOLD,
                Layout {
                    keep_next: true,
                    ..running
                },
            ),
            Block::Table { table: t, .. } => {
                paragraph(
                    &mut out,
                    &t.title,
                    Font {
                        italic: true,
                        ..BOLD
                    },
                    Layout {
                        keep_next: true,
                        after: 3,
                        ..Layout::default()
                    },
                );
                table(&mut out, t);
            }
            Block::Charts => {
                if let Some((relation, height_mm)) = chart {
                    chart_drawing(&mut out, relation, 1, height_mm);
                    paragraph(&mut out, "", Font::default(), Layout::default());
                }
            }
        }
    }
    signature(&mut out, doc);
    // Word ends a body with a paragraph, never with a table.
    paragraph(&mut out, "", Font::default(), Layout::default());
    out.push_str(&format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
         <w:headerReference w:type=\"first\" r:id=\"rIdFirstHeader\"/>\
         <w:pgSz w:w=\"{}\" w:h=\"{}\"/>\
         <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>\
         <w:titlePg/></w:sectPr></w:body></w:document>",
        twips(PAGE_WIDTH_MM),
        twips(PAGE_HEIGHT_MM),
        twips(MARGIN_TOP_MM),
        twips(MARGIN_RIGHT_MM),
        twips(MARGIN_BOTTOM_MM),
        twips(MARGIN_LEFT_MM),
        twips(10.0),
        twips(10.0),
    ));
    out
}

/// The header of pages 2 onward: the page number, centred (Decree 30: no
/// number on the first page).
fn page_number_header() -> String {
    format!(
        "{XML_DECLARATION}<w:hdr {WORD_NAMESPACES}><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         </w:p></w:hdr>"
    )
}

fn empty_header() -> String {
    format!("{XML_DECLARATION}<w:hdr {WORD_NAMESPACES}><w:p/></w:hdr>")
}

/// Times New Roman 13 pt, Vietnamese, single spacing: the document defaults.
fn styles_xml() -> String {
    format!(
        "{XML_DECLARATION}<w:styles {WORD_NAMESPACES}><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
         <w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
         </w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
         <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style></w:styles>"
    )
}

/// Height of the ranking chart for `count` divisions: 6 mm a bar, plus
/// the title and the axis.
fn chart_height_mm(count: usize) -> u64 {
    25 + 6 * count as u64
}

/// The consolidated report as a DOCX file.
pub fn report_docx(workspace: &Workspace, evaluation: &CampaignEvaluation) -> Vec<u8> {
    let doc = report_document(workspace, evaluation);
    let units = &evaluation.units[..evaluation.units.len().min(CHART_MAX_UNITS)];
    document_docx(&doc, units)
}

/// A division's own report as a DOCX file, or `None` for a division the
/// campaign lacks.
pub fn unit_report_docx(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
    unit_id: &str,
) -> Option<Vec<u8>> {
    Some(document_docx(
        &unit_report_document(workspace, evaluation, unit_id)?,
        &[],
    ))
}

/// Every document of the commendation dossier as DOCX, each with its file
/// name (`ho-so-khen-thuong-to-trinh.docx`, …), in filing order.
pub fn dossier_docx(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
) -> Vec<(String, Vec<u8>)> {
    dossier_documents(workspace, evaluation)
        .into_iter()
        .map(|(key, doc)| (dossier_file_name(key), document_docx(&doc, &[])))
        .collect()
}

/// The name of one dossier document's file.
pub fn dossier_file_name(key: &str) -> String {
    format!("ho-so-khen-thuong-{key}.docx")
}

/// The whole dossier in one ZIP (“Tải cả hồ sơ”).
pub fn dossier_zip(workspace: &Workspace, evaluation: &CampaignEvaluation) -> Vec<u8> {
    let mut zip = Zip::default();
    for (name, bytes) in dossier_docx(workspace, evaluation) {
        zip.add(&name, &bytes);
    }
    zip.finish()
}

/// Any [`ReportDocument`] as a DOCX file, with the ranking chart of
/// `chart_units` where the body has [`Block::Charts`] (none if empty).
pub fn document_docx(doc: &ReportDocument, chart_units: &[Evaluation]) -> Vec<u8> {
    let units = chart_units;
    let chart = (!units.is_empty()).then(|| ("rIdChart1", chart_height_mm(units.len())));
    let mut overrides = vec![
        (
            "/word/document.xml".to_string(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        ),
        (
            "/word/styles.xml".into(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        ),
        (
            "/word/header1.xml".into(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        ),
        (
            "/word/header2.xml".into(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        ),
        (
            "/docProps/core.xml".into(),
            "application/vnd.openxmlformats-package.core-properties+xml",
        ),
    ];
    let mut document_relations = vec![
        ("rIdStyles".to_string(), "styles", "styles.xml".to_string()),
        ("rIdHeader".into(), "header", "header1.xml".into()),
        ("rIdFirstHeader".into(), "header", "header2.xml".into()),
    ];
    if chart.is_some() {
        overrides.push((
            "/word/charts/chart1.xml".into(),
            "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        ));
        document_relations.push(("rIdChart1".into(), "chart", "charts/chart1.xml".into()));
    }

    let mut zip = Zip::default();
    zip.add("[Content_Types].xml", content_types(&overrides).as_bytes());
    zip.add(
        "_rels/.rels",
        relationships(&[
            ("rId1".into(), "officeDocument", "word/document.xml".into()),
            (
                "rId2".into(),
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml".into(),
            ),
        ])
        .as_bytes(),
    );
    zip.add(
        "docProps/core.xml",
        format!(
            "{XML_DECLARATION}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator>\
             <dc:language>vi-VN</dc:language></cp:coreProperties>",
            xml_text(&format!("{} {}", doc.kind, doc.subtitle)),
            xml_text(&doc.issuer),
        )
        .as_bytes(),
    );
    zip.add("word/document.xml", document_xml(doc, chart).as_bytes());
    zip.add(
        "word/_rels/document.xml.rels",
        relationships(&document_relations).as_bytes(),
    );
    zip.add("word/styles.xml", styles_xml().as_bytes());
    zip.add("word/header1.xml", page_number_header().as_bytes());
    zip.add("word/header2.xml", empty_header().as_bytes());
    if chart.is_some() {
        zip.add("word/charts/chart1.xml", ranking_chart(units).as_bytes());
    }
    zip.finish()
}
