//! Benchmarks in headless Chromium (not timed tests: they print figures and
//! assert only that the work was done). Run by `./dev bench`, in the release
//! profile the site ships with:
//!
//! - evaluation of the province-scale dataset (DESIGN.md §8); goal < 50 ms.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use thidua::core::evaluation::evaluate;
use thidua::core::sample::{generate, SampleScale};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance.now()")
        .now()
}

/// Median, min and max of `runs` timings of `work`, in milliseconds.
fn time_runs(runs: usize, mut work: impl FnMut()) -> (f64, f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = now_ms();
            work();
            now_ms() - started
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[runs / 2], times[0], times[runs - 1])
}

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
        "BENCH evaluate(): median {median:.1} ms, min {min:.1} ms, max {max:.1} ms over 15 runs (goal < 50 ms)"
    );
}
