//! A small XLSX (Office Open XML spreadsheet) writer for the report's tables.
//!
//! Written by hand rather than with a spreadsheet crate: those add about
//! 900 KB of wasm (TOOLCHAIN.md), while this is a few KB and reuses the
//! DEFLATE the storage already carries. Each table becomes a sheet; numbers
//! are stored as numbers; text is stored as inline strings, which a
//! spreadsheet never evaluates, so a name like `=HYPERLINK(…)` stays text.

use std::fmt::Write;

use crate::core::format::{push_xml_text, xml_text};
use crate::core::report::document::{Cell, Table};
use crate::core::report::zip::{
    content_types, relationships, Zip, RELATIONSHIP_TYPES, XML_DECLARATION,
};

/// `A`, `B`, … `Z`, `AA`, … for column `index` (0-based).
fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(31)
        .collect()
}

/// Appends the opening of cell `column``line` with its style: `<c r="B7" s="2">`.
///
/// Pieces are pushed rather than formatted: a province's daily sheet has
/// 770,000 cells, and `write!` per cell took about half of the sheet's XML
/// time. In the export worker (`tests/worker_bench.rs`, Chromium 156 on the
/// 2-core machine, 2026-12-02) the province's workbook went from a median of
/// 825 ms to 565 ms, byte for byte the same file.
///
/// `kind` is `""` or the cell's type attribute, as ` t="inlineStr"`.
fn open_cell(out: &mut String, column: &str, line: &str, kind: &str, style: u8) {
    out.push_str("<c r=\"");
    out.push_str(column);
    out.push_str(line);
    out.push('"');
    out.push_str(kind);
    out.push_str(" s=\"");
    out.push(char::from(b'0' + style));
    out.push_str("\">");
}

/// Appends a text cell: an inline string, never evaluated.
fn text_cell(out: &mut String, column: &str, line: &str, text: &str, style: u8) {
    open_cell(out, column, line, " t=\"inlineStr\"", style);
    out.push_str("<is><t xml:space=\"preserve\">");
    push_xml_text(out, text);
    out.push_str("</t></is></c>");
}

/// Appends a number as `Display` writes it (`17`, `92.5`), whole numbers
/// through `itoa`, which is several times faster than the formatter.
fn push_number(out: &mut String, value: f64, digits: &mut itoa::Buffer) {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        out.push_str(digits.format(value as i64));
    } else {
        let _ = write!(out, "{value}");
    }
}

/// The sheet's XML, written into one buffer: a province's daily sheet has
/// 48,000 rows, so no string per cell.
fn sheet_xml(table: &Table) -> String {
    let columns: Vec<String> = (0..table.header.len().max(1)).map(column_name).collect();
    let mut out = String::with_capacity(200 + 80 * (table.rows.len() + 1) * columns.len());
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" \
         activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData><row r=\"1\">",
    );
    for (heading, column) in table.header.iter().zip(&columns) {
        text_cell(&mut out, column, "1", heading, 1);
    }
    out.push_str("</row>");
    let mut line_digits = itoa::Buffer::new();
    let mut digits = itoa::Buffer::new();
    for (r, row) in table.rows.iter().enumerate() {
        let line = line_digits.format(r + 2);
        out.push_str("<row r=\"");
        out.push_str(line);
        out.push_str("\">");
        for (cell, column) in row.iter().zip(&columns) {
            match cell {
                Cell::Text(text) => text_cell(&mut out, column, line, text, 0),
                Cell::Number { value, decimals } => {
                    open_cell(
                        &mut out,
                        column,
                        line,
                        "",
                        if *decimals == 0 { 2 } else { 3 },
                    );
                    out.push_str("<v>");
                    push_number(&mut out, *value, &mut digits);
                    out.push_str("</v></c>");
                }
                Cell::Empty => {}
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

// Styles: 0 text, 1 bold header, 2 whole number `#,##0`, 3 one decimal `#,##0.0`.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.0\"/></numFmts>\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Times New Roman\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Times New Roman\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

/// The workbook: one sheet per table, in order.
pub fn workbook(tables: &[Table]) -> Vec<u8> {
    let sheets: String = tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
                xml_text(&sheet_name(&t.title)),
                i + 1,
                i + 1
            )
        })
        .collect();
    let mut overrides = vec![
        (
            "/xl/workbook.xml".to_string(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        ),
        (
            "/xl/styles.xml".to_string(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
        ),
    ];
    let mut sheet_relations = Vec::new();
    for i in 1..=tables.len() {
        overrides.push((
            format!("/xl/worksheets/sheet{i}.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        ));
        sheet_relations.push((
            format!("rId{i}"),
            "worksheet",
            format!("worksheets/sheet{i}.xml"),
        ));
    }
    sheet_relations.push((
        format!("rId{}", tables.len() + 1),
        "styles",
        "styles.xml".into(),
    ));

    let mut zip = Zip::default();
    zip.add("[Content_Types].xml", content_types(&overrides).as_bytes());
    zip.add(
        "_rels/.rels",
        relationships(&[("rId1".into(), "officeDocument", "xl/workbook.xml".into())]).as_bytes(),
    );
    zip.add(
        "xl/workbook.xml",
        format!(
            "{XML_DECLARATION}<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"{RELATIONSHIP_TYPES}\"><sheets>{sheets}</sheets></workbook>"
        )
        .as_bytes(),
    );
    zip.add(
        "xl/_rels/workbook.xml.rels",
        relationships(&sheet_relations).as_bytes(),
    );
    zip.add("xl/styles.xml", STYLES.as_bytes());
    for (i, table) in tables.iter().enumerate() {
        zip.add(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(table).as_bytes(),
        );
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_sheet_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(
            sheet_name("Kết quả: các phòng [2025]/tỉnh"),
            "Kết quả  các phòng  2025  tỉnh"
        );
        assert_eq!(sheet_name(&"x".repeat(40)).chars().count(), 31);
    }
}
