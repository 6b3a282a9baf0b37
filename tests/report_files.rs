//! The report's files read back by independent readers: the XLSX workbook
//! opened with the `zip` crate and its sheets inspected.

use std::io::{Cursor, Read};

use thidua::core::evaluation::evaluate;
use thidua::core::report::{daily_table, officer_table, proposal_table, unit_table};
use thidua::core::sample::{generate, SampleScale};
use thidua::core::xlsx::workbook;

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
    let bytes = workbook(&tables);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a valid ZIP");
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
    assert_eq!(
        units.matches("<row ").count(),
        1 + 8,
        "header and 8 divisions"
    );
    assert!(
        units.contains("<t xml:space=\"preserve\">Phòng</t>"),
        "Vietnamese header intact"
    );
    // The hostile name is an inline string, escaped: never a formula.
    assert!(units.contains("t=\"inlineStr\" s=\"0\"><is><t xml:space=\"preserve\">=HYPERLINK(&quot;http://x&quot;,&quot;&lt;bấm&gt;&quot;)</t>"));
    assert!(!units.contains("<f>"));
    // The score of the first division is a number cell.
    let score = evaluation.units[0].composite.unwrap();
    assert!(
        units.contains(&format!("s=\"3\"><v>{score}</v>")),
        "score {score} as a number"
    );

    let officers = member(&mut archive, "xl/worksheets/sheet2.xml");
    assert_eq!(officers.matches("<row ").count(), 1 + 80);
    let daily = member(&mut archive, "xl/worksheets/sheet3.xml");
    assert_eq!(daily.matches("<row ").count(), 1 + 192);
}
