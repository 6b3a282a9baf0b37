//! The pure core: campaign data and every rule about it, with no browser in
//! sight. Everything here is tested natively with `cargo test`.

pub mod calendar;
pub mod campaign_file;
pub mod charts;
pub mod docx;
pub mod entry;
pub mod evaluation;
pub mod exchange;
pub mod explain;
pub mod format;
pub mod merge;
pub mod model;
pub mod office;
pub mod persist;
pub mod proposals;
pub mod report;
pub mod report_html;
pub mod route;
pub mod sample;
pub mod template;
pub mod validation;
pub mod xlsx;
pub mod zip;
