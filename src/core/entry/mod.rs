//! What a division types: the checks on counts, dates and records, and the
//! edits (cells, pasted blocks, officers, initiatives) and their history.
//! Uses `campaign`.

pub mod edit;
pub mod history;
pub mod validation;
