//! What a campaign is: the data model, the plan's template and the working
//! calendar, and what it remembers about the e-office registers. Uses only
//! `format`; everything else in the core builds on it.

pub mod calendar;
pub mod model;
pub mod registers;
pub mod template;
pub mod text;
