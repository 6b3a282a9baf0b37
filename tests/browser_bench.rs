//! Benchmarks of the page's own work in headless Chromium (not timed tests:
//! they print figures and assert only that the work was done). Run by
//! `./dev bench` in the page's profile (`opt-level = "z"`, as it ships);
//! the workers' jobs are in `worker_bench.rs`, in theirs:
//!
//! - evaluation of the province-scale dataset (DESIGN.md §8); goal ≤ 10 ms;
//! - the merged province saved to localStorage and loaded back.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use gloo_storage::{LocalStorage, Storage};
use thidua::core::evaluation::score::evaluate;
use thidua::core::sample::{generate, SampleScale};
use thidua::web::storage::{stored_size, TabStorage};
use wasm_bindgen_test::*;

mod stored;
mod timing;
use stored::load;
use timing::{now_ms, time_runs};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn bench_province_evaluation() {
    let started = now_ms();
    let workspace = generate(SampleScale::Province, 2025);
    let generated = now_ms() - started;
    let mut ranked = 0;
    let (median, min, max) = time_runs(15, || {
        ranked = black_box(evaluate(black_box(&workspace))).units.len();
    });
    assert_eq!(ranked, workspace.campaign.units.len());
    console_log!(
        "BENCH evaluation in Chromium: {} units, {} officers, {} daily reports (generated in {generated:.0} ms)",
        workspace.campaign.units.len(),
        workspace.campaign.officers.len(),
        workspace.daily_reports.len(),
    );
    console_log!(
        "BENCH evaluate(): median {median:.1} ms, min {min:.1} ms, max {max:.1} ms over 15 runs (goal ≤ 10 ms)"
    );
}

#[wasm_bindgen_test]
fn bench_province_storage() {
    let province = generate(SampleScale::Province, 2025);
    // Saved as the app saves it, and loaded back as a reload would.
    LocalStorage::clear();
    let started = now_ms();
    let saved = TabStorage::new(None).save(&province);
    let saving = now_ms() - started;
    assert_eq!(saved, Ok(true), "the province fits in localStorage");
    let size = stored_size();
    let started = now_ms();
    let loaded = load().expect("readable").expect("stored");
    let loading = now_ms() - started;
    assert_eq!(loaded.workspace, province);
    LocalStorage::clear();
    console_log!(
        "BENCH stored province: {:.2} M UTF-16 units in localStorage (saved in {saving:.0} ms, loaded back in {loading:.0} ms, identical)",
        size as f64 / 1e6
    );
}
