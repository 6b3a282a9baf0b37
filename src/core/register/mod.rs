//! Counts from the e-office system's registers (sổ văn bản đến, sổ văn bản
//! đi, danh sách hồ sơ công việc) instead of typed ones: reading XLSX and
//! CSV files (`read`, into the format-free `table`), guessing how their
//! columns map onto the counts (`mapping`), and counting, previewing and
//! applying (`count`). Only counts leave this family: no document number,
//! title or excerpt is stored, exported or logged. Uses `campaign`
//! (the calendar, the remembered mappings) and `entry` (edits).

pub mod count;
pub mod mapping;
pub mod read;
pub mod sample;
pub mod screen;
pub mod session;
pub mod table;
