//! From counts to verdicts: criteria, scores and ranking, the formulas in
//! words, the commendation proposals and the charts. Uses `campaign`.

pub mod charts;
pub mod explain;
pub mod proposals;
pub mod score;
