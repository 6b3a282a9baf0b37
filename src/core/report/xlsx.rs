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

/// Appends the opening of a cell: `<c>`, or `<c r="B7">` after a gap, with
/// its type and style where they are not the defaults.
///
/// A cell names its place (`r`) only after an empty cell: the format lets
/// a cell without `r` follow the one before it (ECMA-376 Part 1, §18.3.1.4,
/// `r` optional), and LibreOffice Calc and calamine read it so (the tests
/// read every sheet back with both; there is no Excel here to try). The
/// default style (0) is the whole-number one, so most cells carry no
/// attribute at all. A province's daily sheet has 770,000 cells: this took
/// its XML from 31 to 16 MB, and with it the DEFLATE time (issue #12).
///
/// Pieces are pushed rather than formatted, for the same cells: `write!`
/// per cell took about half of the sheet's XML time (export worker,
/// `tests/worker_bench.rs`, 825 → 565 ms, session 8).
///
/// `kind` is `""` or the cell's type attribute, as ` t="inlineStr"`.
fn open_cell(out: &mut String, place: Option<(&str, &str)>, kind: &str, style: u8) {
    out.push_str("<c");
    if let Some((column, line)) = place {
        out.push_str(" r=\"");
        out.push_str(column);
        out.push_str(line);
        out.push('"');
    }
    out.push_str(kind);
    if style != STYLE_WHOLE {
        out.push_str(" s=\"");
        out.push(char::from(b'0' + style));
        out.push('"');
    }
    out.push('>');
}

/// Appends a text cell: an inline string, never evaluated.
fn text_cell(out: &mut String, place: Option<(&str, &str)>, text: &str, style: u8) {
    open_cell(out, place, " t=\"inlineStr\"", style);
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

/// Each column's width in characters: its longest heading or text, or its
/// widest number with its separators, plus a margin, between 6 and 60.
/// Without it every column is the default 8.43 characters, and a division's
/// name shows as “Phòng Qu”.
fn column_widths(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
    for row in &table.rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            let length = match cell {
                Cell::Text(text) => text.chars().count(),
                Cell::Number { value, decimals } => {
                    // At most 16 digits: an infinite or huge value must not overflow.
                    let digits = value.abs().clamp(1.0, 1e15).log10().floor() as usize + 1;
                    let point = usize::from(*decimals > 0);
                    digits + (digits - 1) / 3 + point + decimals + usize::from(*value < 0.0)
                }
                Cell::Empty => 0,
            };
            *width = (*width).max(length);
        }
    }
    widths.into_iter().map(|w| (w + 2).clamp(6, 60)).collect()
}

/// Appends the `<cols>` element giving each column its width; nothing for a
/// table without columns, as the format wants at least one `<col>` in it.
fn push_column_widths(out: &mut String, table: &Table) {
    let widths = column_widths(table);
    if widths.is_empty() {
        return;
    }
    let mut digits = itoa::Buffer::new();
    out.push_str("<cols>");
    for (index, width) in widths.into_iter().enumerate() {
        let column = digits.format(index + 1);
        out.push_str("<col min=\"");
        out.push_str(column);
        out.push_str("\" max=\"");
        out.push_str(column);
        out.push_str("\" width=\"");
        out.push_str(digits.format(width));
        out.push_str("\" customWidth=\"1\"/>");
    }
    out.push_str("</cols>");
}

/// The sheet's XML, written into one buffer: a province's daily sheet has
/// 48,000 rows, so no string per cell.
fn sheet_xml(table: &Table) -> String {
    let columns: Vec<String> = (0..table.header.len().max(1)).map(column_name).collect();
    let mut out = String::with_capacity(200 + 24 * (table.rows.len() + 1) * columns.len());
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" \
         activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>",
    );
    push_column_widths(&mut out, table);
    out.push_str("<sheetData><row>");
    for heading in &table.header {
        text_cell(&mut out, None, heading, STYLE_HEADER);
    }
    out.push_str("</row>");
    let mut line_digits = itoa::Buffer::new();
    let mut digits = itoa::Buffer::new();
    for (r, row) in table.rows.iter().enumerate() {
        // Rows follow one another, so none names its number either.
        out.push_str("<row>");
        let mut after_gap = false;
        for (cell, column) in row.iter().zip(&columns) {
            let place = after_gap.then(|| (column.as_str(), line_digits.format(r + 2)));
            after_gap = false;
            match cell {
                Cell::Text(text) => text_cell(&mut out, place, text, STYLE_TEXT),
                Cell::Number { value, decimals } => {
                    let style = if *decimals == 0 {
                        STYLE_WHOLE
                    } else {
                        STYLE_DECIMAL
                    };
                    open_cell(&mut out, place, "", style);
                    out.push_str("<v>");
                    push_number(&mut out, *value, &mut digits);
                    out.push_str("</v></c>");
                }
                Cell::Empty => after_gap = true,
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

// The cell styles, by their index in `cellXfs`. The default (0) is the
// whole-number one, the most common cell; a text cell shows as written
// whatever its number format.
const STYLE_WHOLE: u8 = 0;
const STYLE_HEADER: u8 = 1;
const STYLE_TEXT: u8 = 2;
const STYLE_DECIMAL: u8 = 3;

// Styles: 0 whole number `#,##0`, 1 bold header, 2 text, 3 one decimal `#,##0.0`.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.0\"/></numFmts>\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Times New Roman\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Times New Roman\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"4\"><xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
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
