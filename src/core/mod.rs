//! The pure core: campaign data and every rule about it, with no browser in
//! sight. Everything here is tested natively with `cargo test`.
//!
//! Families, each using only those listed before it (a test,
//! `tests/architecture.rs`, fails on a use that points the other way):
//! `format` and `route` (leaves) → `campaign` → `entry` → `evaluation`,
//! `exchange` → `report`; `guide` (Hướng dẫn's text) and `sample` (data
//! for trying and testing) on top.

pub mod campaign;
pub mod entry;
pub mod evaluation;
pub mod exchange;
pub mod format;
pub mod guide;
pub mod report;
pub mod route;
pub mod sample;
