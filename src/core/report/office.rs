//! The report's office documents — the XLSX workbook and the DOCX report —
//! made from a workspace in one call. The app runs this in its export
//! worker (a second wasm module, loaded only when the user exports) and
//! `thidua-cli report` runs it on the command line, so both give the same
//! bytes for the same data.

use crate::core::campaign::model::Workspace;
use crate::core::evaluation::score::{evaluate, CampaignEvaluation};
use crate::core::report::document::{
    criteria_table, daily_table, officer_table, proposal_table, unit_table, Table,
};
use crate::core::report::docx::report_docx;
use crate::core::report::xlsx::workbook;

/// Which office document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeFormat {
    /// The workbook of the report's tables.
    Xlsx,
    /// The report itself, for Word and LibreOffice.
    Docx,
}

impl OfficeFormat {
    /// The name the format travels under between the page and the worker.
    pub fn as_str(self) -> &'static str {
        match self {
            OfficeFormat::Xlsx => "xlsx",
            OfficeFormat::Docx => "docx",
        }
    }

    /// The format named `name` (see [`OfficeFormat::as_str`]).
    pub fn parse(name: &str) -> Option<OfficeFormat> {
        [OfficeFormat::Xlsx, OfficeFormat::Docx]
            .into_iter()
            .find(|f| f.as_str() == name)
    }

    /// The downloaded file's name.
    pub fn file_name(self) -> &'static str {
        match self {
            OfficeFormat::Xlsx => "bao-cao-thi-dua.xlsx",
            OfficeFormat::Docx => "bao-cao-thi-dua.docx",
        }
    }

    /// The media type of the file.
    pub fn media_type(self) -> &'static str {
        match self {
            OfficeFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            OfficeFormat::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
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

/// The document in `format`, from an evaluation already made.
pub fn office_document(
    format: OfficeFormat,
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
) -> Vec<u8> {
    match format {
        OfficeFormat::Xlsx => workbook(&workbook_tables(workspace, evaluation)),
        OfficeFormat::Docx => report_docx(workspace, evaluation),
    }
}

/// What the export worker does with a request: the workspace arrives as the
/// JSON the app stores, and the document goes back as bytes. The error is a
/// sentence for the user.
pub fn office_document_from_json(
    format_name: &str,
    workspace_json: &str,
) -> Result<Vec<u8>, String> {
    let format = OfficeFormat::parse(format_name)
        .ok_or_else(|| format!("Không có định dạng xuất “{format_name}”."))?;
    let workspace: Workspace = serde_json::from_str(workspace_json).map_err(|error| {
        format!(
            "Dữ liệu gửi sang bộ xuất tệp không đọc được ({error}); hãy tải lại trang rồi thử lại."
        )
    })?;
    Ok(office_document(format, &workspace, &evaluate(&workspace)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::{generate, SampleScale};

    #[test]
    fn formats_round_trip_by_name_and_refuse_unknown_ones() {
        for format in [OfficeFormat::Xlsx, OfficeFormat::Docx] {
            assert_eq!(OfficeFormat::parse(format.as_str()), Some(format));
            assert!(format.file_name().ends_with(format.as_str()));
        }
        assert_eq!(OfficeFormat::parse("pdf"), None);
        assert!(office_document_from_json("pdf", "{}")
            .unwrap_err()
            .contains("Không có định dạng"));
    }

    #[test]
    fn the_worker_request_gives_the_same_bytes_as_the_direct_call() {
        let workspace = generate(SampleScale::Department, 2025);
        let json = serde_json::to_string(&workspace).unwrap();
        for format in [OfficeFormat::Xlsx, OfficeFormat::Docx] {
            let direct = office_document(format, &workspace, &evaluate(&workspace));
            assert_eq!(
                office_document_from_json(format.as_str(), &json).unwrap(),
                direct
            );
            assert!(direct.starts_with(b"PK\x03\x04"));
        }
        let error = office_document_from_json("docx", "{\"campaign\":").unwrap_err();
        assert!(error.contains("không đọc được"), "{error}");
    }
}
