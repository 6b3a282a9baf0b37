//! One component per screen, named after the menu entry it answers to.

pub mod awards;
pub mod dashboard;
pub mod data_entry;
pub mod guide;
pub mod merge;
pub mod report;
pub mod setup;
pub mod unit_report;
