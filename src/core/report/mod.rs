//! The consolidated report: its document model and tables, rendered as HTML,
//! DOCX and XLSX (with the ZIP writer they share); a division's report and
//! the commendation dossier on the same model. Uses every family above.

pub mod document;
pub mod docx;
pub mod dossier;
pub mod html;
pub mod office;
pub mod unit_report;
pub mod xlsx;
pub mod zip;
