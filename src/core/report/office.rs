//! The office documents — the report's XLSX workbook and DOCX, and a
//! division's own report as DOCX — made from a workspace in one call. The app runs this in its export
//! worker (a second wasm module, loaded only when the user exports) and
//! `thidua-cli report` runs it on the command line, so both give the same
//! bytes for the same data.

use crate::core::campaign::model::Workspace;
use crate::core::evaluation::score::{evaluate, CampaignEvaluation};
use crate::core::guide::guide_html;
use crate::core::report::document::{
    criteria_table, daily_table, officer_table, proposal_table, to_csv, unit_table, Table,
};
use crate::core::report::docx::{
    dossier_docx, dossier_file_name, dossier_zip, report_docx, unit_report_docx,
};
use crate::core::report::dossier::dossier_documents;
use crate::core::report::html::{document_html, report_document, unit_report_html};
use crate::core::report::xlsx::workbook;

/// Which office document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeFormat {
    /// The workbook of the report's tables.
    Xlsx,
    /// The report itself, for Word and LibreOffice.
    Docx,
    /// One division's own report (which division travels beside it).
    UnitDocx,
    /// One document of the commendation dossier (its key travels beside it).
    DossierDocx,
    /// The whole commendation dossier, one ZIP of DOCX files.
    DossierZip,
    /// One document of the dossier as HTML (UTF-8), for the page's preview:
    /// the dossier's documents are built in the worker, not the first load.
    DossierHtml,
    /// A division's own report as HTML (UTF-8), for the page's preview.
    UnitHtml,
    /// The consolidated report as HTML (UTF-8), for Báo cáo's preview.
    ReportHtml,
    /// One of the report's tables as CSV ([`CSV_TABLES`] names which).
    Csv,
    /// Hướng dẫn's text as HTML (UTF-8), with the campaign's own rules.
    GuideHtml,
}

/// The report's tables offered as CSV, by the key that travels to the
/// worker, with their file names (`csv_file_name` of each table's title;
/// a test keeps them equal).
pub const CSV_TABLES: [(&str, &str); 4] = [
    ("units", "ket-qua-cua-cac-phong.csv"),
    ("officers", "ket-qua-cua-can-bo-cong-chuc.csv"),
    ("daily", "so-lieu-hang-ngay.csv"),
    ("proposals", "de-xuat-khen-thuong.csv"),
];

fn csv_table(workspace: &Workspace, evaluation: &CampaignEvaluation, which: &str) -> Option<Table> {
    Some(match which {
        "units" => unit_table(&workspace.campaign, evaluation),
        "officers" => officer_table(workspace, evaluation),
        "daily" => daily_table(workspace),
        "proposals" => proposal_table(&workspace.campaign, evaluation),
        _ => return None,
    })
}

impl OfficeFormat {
    /// Every format.
    pub const ALL: [OfficeFormat; 10] = [
        OfficeFormat::Xlsx,
        OfficeFormat::Docx,
        OfficeFormat::UnitDocx,
        OfficeFormat::DossierDocx,
        OfficeFormat::DossierZip,
        OfficeFormat::DossierHtml,
        OfficeFormat::UnitHtml,
        OfficeFormat::ReportHtml,
        OfficeFormat::Csv,
        OfficeFormat::GuideHtml,
    ];

    /// The name the format travels under between the page and the worker.
    pub fn as_str(self) -> &'static str {
        match self {
            OfficeFormat::Xlsx => "xlsx",
            OfficeFormat::Docx => "docx",
            OfficeFormat::UnitDocx => "docx-unit",
            OfficeFormat::DossierDocx => "docx-dossier",
            OfficeFormat::DossierZip => "zip-dossier",
            OfficeFormat::DossierHtml => "html-dossier",
            OfficeFormat::UnitHtml => "html-unit",
            OfficeFormat::ReportHtml => "html-report",
            OfficeFormat::Csv => "csv",
            OfficeFormat::GuideHtml => "html-guide",
        }
    }

    /// The format named `name` (see [`OfficeFormat::as_str`]).
    pub fn parse(name: &str) -> Option<OfficeFormat> {
        OfficeFormat::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The downloaded file's name.
    pub fn file_name(self) -> &'static str {
        match self {
            OfficeFormat::Xlsx => "bao-cao-thi-dua.xlsx",
            OfficeFormat::Docx => "bao-cao-thi-dua.docx",
            // The page names these after the division or the document.
            OfficeFormat::UnitDocx => "bao-cao-phong.docx",
            OfficeFormat::DossierDocx => "ho-so-khen-thuong.docx",
            OfficeFormat::DossierZip => "ho-so-khen-thuong.zip",
            OfficeFormat::DossierHtml => "ho-so-khen-thuong.html",
            OfficeFormat::UnitHtml => "bao-cao-phong.html",
            OfficeFormat::ReportHtml => "bao-cao-thi-dua.html",
            // The page names it after the table (`CSV_TABLES`).
            OfficeFormat::Csv => "bang.csv",
            OfficeFormat::GuideHtml => "huong-dan.html",
        }
    }

    /// The media type of the file.
    pub fn media_type(self) -> &'static str {
        match self {
            OfficeFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            OfficeFormat::Docx | OfficeFormat::UnitDocx | OfficeFormat::DossierDocx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            OfficeFormat::DossierZip => "application/zip",
            OfficeFormat::DossierHtml
            | OfficeFormat::UnitHtml
            | OfficeFormat::ReportHtml
            | OfficeFormat::GuideHtml => "text/html;charset=utf-8",
            OfficeFormat::Csv => "text/csv;charset=utf-8",
        }
    }
}

/// The workbook's sheets, in order: divisions, officers, criteria, daily
/// data, proposals.
pub fn workbook_tables(workspace: &Workspace, evaluation: &CampaignEvaluation) -> Vec<Table> {
    vec![
        unit_table(&workspace.campaign, evaluation),
        officer_table(workspace, evaluation),
        criteria_table(&workspace.campaign, evaluation),
        daily_table(workspace),
        proposal_table(&workspace.campaign, evaluation),
    ]
}

/// The document in `format`, from an evaluation already made; `which`
/// names the division of [`OfficeFormat::UnitDocx`] or the document of
/// [`OfficeFormat::DossierDocx`] (the others ignore it). The error is a
/// sentence for the user.
pub fn office_document(
    format: OfficeFormat,
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
    which: &str,
) -> Result<Vec<u8>, String> {
    let unit_id = which;
    match format {
        OfficeFormat::Xlsx => Ok(workbook(&workbook_tables(workspace, evaluation))),
        OfficeFormat::Docx => Ok(report_docx(workspace, evaluation)),
        OfficeFormat::UnitDocx => unit_report_docx(workspace, evaluation, unit_id)
            .ok_or_else(|| format!("Không có phòng “{unit_id}” trong phong trào.")),
        OfficeFormat::DossierDocx => dossier_docx(workspace, evaluation)
            .into_iter()
            .find(|(name, _)| *name == dossier_file_name(which))
            .map(|(_, bytes)| bytes)
            .ok_or_else(|| format!("Hồ sơ khen thưởng không có văn bản “{which}”.")),
        OfficeFormat::DossierZip => Ok(dossier_zip(workspace, evaluation)),
        OfficeFormat::DossierHtml => dossier_documents(workspace, evaluation)
            .into_iter()
            .find(|(key, _)| *key == which)
            .map(|(_, doc)| document_html(&doc, "dossier-document", &|_| {}).into_bytes())
            .ok_or_else(|| format!("Hồ sơ khen thưởng không có văn bản “{which}”.")),
        OfficeFormat::UnitHtml => unit_report_html(workspace, evaluation, unit_id)
            .map(String::into_bytes)
            .ok_or_else(|| format!("Không có phòng “{unit_id}” trong phong trào.")),
        OfficeFormat::ReportHtml => Ok(report_document(workspace, evaluation).into_bytes()),
        OfficeFormat::Csv => csv_table(workspace, evaluation, which)
            .map(|table| to_csv(&table).into_bytes())
            .ok_or_else(|| format!("Không có bảng “{which}”.")),
        OfficeFormat::GuideHtml => Ok(guide_html(&workspace.campaign).into_bytes()),
    }
}

/// What the export worker does with a request: the workspace arrives as the
/// JSON the app stores, and the document goes back as bytes. The error is a
/// sentence for the user.
pub fn office_document_from_json(
    format_name: &str,
    workspace_json: &str,
    unit_id: &str,
) -> Result<Vec<u8>, String> {
    let format = OfficeFormat::parse(format_name)
        .ok_or_else(|| format!("Không có định dạng xuất “{format_name}”."))?;
    let workspace: Workspace = serde_json::from_str(workspace_json).map_err(|error| {
        format!(
            "Dữ liệu gửi sang bộ xuất tệp không đọc được ({error}); hãy tải lại trang rồi thử lại."
        )
    })?;
    office_document(format, &workspace, &evaluate(&workspace), unit_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::{generate, SampleScale};

    #[test]
    fn formats_round_trip_by_name_and_refuse_unknown_ones() {
        for format in OfficeFormat::ALL {
            assert_eq!(OfficeFormat::parse(format.as_str()), Some(format));
            let extension = format.file_name().rsplit('.').next().unwrap();
            assert!(format.as_str().contains(extension), "{format:?}");
        }
        assert_eq!(OfficeFormat::parse("pdf"), None);
        assert!(office_document_from_json("pdf", "{}", "")
            .unwrap_err()
            .contains("Không có định dạng"));
    }

    #[test]
    fn the_worker_request_gives_the_same_bytes_as_the_direct_call() {
        let workspace = generate(SampleScale::Department, 2025);
        let json = serde_json::to_string(&workspace).unwrap();
        for (format, which) in [
            (OfficeFormat::Xlsx, ""),
            (OfficeFormat::Docx, ""),
            (OfficeFormat::UnitDocx, "don-vi-0002"),
            (OfficeFormat::DossierDocx, "to-trinh"),
            (OfficeFormat::DossierZip, ""),
            (OfficeFormat::DossierHtml, "bien-ban-hoi-dong"),
            (OfficeFormat::UnitHtml, "don-vi-0002"),
            (OfficeFormat::ReportHtml, ""),
            (OfficeFormat::Csv, "officers"),
            (OfficeFormat::GuideHtml, ""),
        ] {
            let direct = office_document(format, &workspace, &evaluate(&workspace), which).unwrap();
            assert_eq!(
                office_document_from_json(format.as_str(), &json, which).unwrap(),
                direct
            );
            assert!(
                direct.starts_with(b"PK\x03\x04")
                    || direct.starts_with(b"<article")
                    || direct.starts_with(b"<h1")
                    || direct.starts_with("\u{feff}".as_bytes()),
                "{format:?}"
            );
        }
        let error = office_document_from_json("docx", "{\"campaign\":", "").unwrap_err();
        assert!(error.contains("không đọc được"), "{error}");
        let error = office_document_from_json("docx-unit", &json, "khong-co").unwrap_err();
        assert!(error.contains("Không có phòng “khong-co”"), "{error}");
    }

    #[test]
    fn the_csv_names_are_the_tables_own() {
        use crate::core::report::document::csv_file_name;
        let workspace = generate(SampleScale::Department, 2025);
        let evaluation = evaluate(&workspace);
        for (which, name) in CSV_TABLES {
            let table = csv_table(&workspace, &evaluation, which).unwrap();
            assert_eq!(csv_file_name(&table), name);
        }
        assert!(csv_table(&workspace, &evaluation, "khac").is_none());
    }
}
