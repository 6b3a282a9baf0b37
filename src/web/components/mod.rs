//! Small pieces shared by several screens.

pub mod criteria_table;
pub mod daily_grid;
pub mod deadline_list;
pub mod nav;
pub mod save_banner;
