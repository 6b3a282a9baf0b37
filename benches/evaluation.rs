//! Evaluation of the province-scale dataset (DESIGN.md §8: 2,000 units,
//! 20,000 officers, 48,000 daily reports), natively. Prints figures; asserts
//! nothing about time. `cargo bench --bench evaluation`
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it runs once on the
//! department sample, so the benchmark itself stays compiled and working.

use std::hint::black_box;
use std::time::{Duration, Instant};

use thidua::core::evaluation::score::evaluate;
use thidua::core::sample::{generate, SampleScale};

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let (scale, runs) = if benchmarking {
        (SampleScale::Province, 20)
    } else {
        (SampleScale::Department, 1)
    };
    let started = Instant::now();
    let workspace = generate(scale, 2025);
    let generated = started.elapsed();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            black_box(evaluate(black_box(&workspace)));
            started.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "evaluation {scale:?}: {} units, {} officers, {} daily reports (generated in {:.1} ms)",
        workspace.campaign.units.len(),
        workspace.campaign.officers.len(),
        workspace.daily_reports.len(),
        generated.as_secs_f64() * 1e3,
    );
    println!(
        "evaluate(): median {:.2} ms, min {:.2} ms, max {:.2} ms over {runs} runs",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
    );
}
