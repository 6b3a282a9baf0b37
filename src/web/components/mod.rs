//! Small pieces shared by several screens.

pub mod criteria_table;
pub mod deadline_list;
pub mod nav;
pub mod save_banner;
