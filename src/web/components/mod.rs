//! Small pieces shared by several screens.

pub mod daily_grid;
pub mod deadline_list;
pub mod evaluation_charts;
pub mod file_drop;
pub mod initiative_list;
pub mod labelled_field;
pub mod nav;
pub mod officer_table;
pub mod proposal_list;
pub mod ranking_table;
pub mod safekeeping_banner;
pub mod save_banner;
pub mod start_panel;
pub mod status_message;
pub mod submission_table;
pub mod undo_last;
