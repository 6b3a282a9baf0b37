//! Timing for the in-browser benchmarks (`browser_bench.rs`,
//! `worker_bench.rs`).

/// `performance.now()`, in milliseconds.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance.now()")
        .now()
}

/// Median, min and max of `runs` timings of `work`, in milliseconds.
pub fn time_runs(runs: usize, mut work: impl FnMut()) -> (f64, f64, f64) {
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
