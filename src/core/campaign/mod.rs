//! What a campaign is: the data model, the plan's template and the working
//! calendar. Uses only `format`; everything else in the core builds on it.

pub mod calendar;
pub mod model;
pub mod template;
