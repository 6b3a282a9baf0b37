//! The pure core: campaign data and every rule about it, with no browser in
//! sight. Everything here is tested natively with `cargo test`.
//!
//! Families, each using only those listed before it (a test,
//! `tests/architecture.rs`, fails on a use that closes a cycle):
//! `format`, `route` and `digest` (leaves) → `campaign` → `entry` → `evaluation`,
//! `exchange` → `guide` (Hướng dẫn's text) → `report` (every document, and
//! `office`, which makes whatever the export worker serves); `sample` makes
//! data for trying and testing.

pub mod campaign;
pub mod digest;
pub mod entry;
pub mod evaluation;
pub mod exchange;
pub mod format;
pub mod guide;
pub mod register;
pub mod report;
pub mod route;
pub mod sample;
