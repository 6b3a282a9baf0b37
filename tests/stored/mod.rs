//! The stored workspace read back as the app starts from it, for the
//! in-browser tests (`browser.rs`) and benchmarks (`browser_bench.rs`).

use thidua::core::exchange::persist::Stored;
use thidua::web::storage::{found, loaded, StorageError};

/// What the app starts from: what storage holds, decoded as the page's
/// decoder piece decodes it (`Found::decode`), at once.
pub fn load() -> Result<Option<Stored>, StorageError> {
    found()
        .map(|found| loaded(&found, found.decode()))
        .transpose()
}
