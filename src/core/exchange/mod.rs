//! Data leaving and entering a browser: the export envelope and its checks,
//! the merge, the campaign file, the stored layout. Uses `campaign`, `entry`.

pub mod backup;
pub mod campaign_file;
pub mod envelope;
pub mod import;
pub mod merge;
pub mod persist;
pub mod signature;
