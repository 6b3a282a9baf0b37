//! The change history's weight (issue #15: the department sample after 30
//! days of edits stays within 1 MB stored). Prints figures; the bound itself
//! is asserted by `core::sample`'s test on the same data, which is
//! deterministic. `cargo bench --bench history`

use std::time::Instant;

use thidua::core::entry::history::chain_holds;
use thidua::core::exchange::persist::{encode_stored, workspace_json};
use thidua::core::sample::{generate, typed_for_a_month, SampleScale};

fn kib(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn main() {
    let started = Instant::now();
    let typed = typed_for_a_month(SampleScale::Department, 2025);
    let typing = started.elapsed();
    let plain = generate(SampleScale::Department, 2025);
    let changes: usize = typed.history.chains.iter().map(|c| c.entries.len()).sum();
    let history_json = serde_json::to_string(&typed.history).unwrap().len();
    let (stored, json) = encode_stored(1, &typed);
    let (stored_plain, _) = encode_stored(1, &plain);
    let started = Instant::now();
    assert!(typed.history.chains.iter().all(chain_holds));
    let verified = started.elapsed();
    println!(
        "history, department sample after a month of typing: {changes} changes in {} chains \
         (replayed in {:.0} ms, every link checked in {:.1} ms)",
        typed.history.chains.len(),
        typing.as_secs_f64() * 1e3,
        verified.as_secs_f64() * 1e3,
    );
    println!(
        "  stored in localStorage: {} (target ≤ 1024.0 KB); without the history {}",
        kib(stored.len()),
        kib(stored_plain.len()),
    );
    println!(
        "  workspace JSON {} of which history {} ({:.0} B a change); plain JSON is stored \
         up to 1 MB, deflated beyond",
        kib(json.len()),
        kib(history_json),
        history_json as f64 / changes as f64,
    );
    assert_eq!(json, workspace_json(&typed));
}
