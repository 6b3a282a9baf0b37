//! The province's office documents, natively, stage by stage: what the
//! export worker spends its time on (issue #12: XLSX ≤ 400 ms in the worker,
//! which `tests/worker_bench.rs` measures in Chromium). Prints figures;
//! asserts nothing about time. `cargo bench --bench documents`
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it runs once on the
//! department sample, so the benchmark itself stays compiled and working.

use std::hint::black_box;
use std::time::Instant;

use thidua::core::campaign::model::Workspace;
use thidua::core::evaluation::score::evaluate;
use thidua::core::exchange::persist::workspace_json;
use thidua::core::report::docx::report_docx;
use thidua::core::report::office::workbook_tables;
use thidua::core::report::xlsx::workbook;
use thidua::core::sample::{generate, SampleScale};

/// The median of `runs` timings of `work`, in ms.
fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let (scale, runs) = if benchmarking {
        (SampleScale::Province, 5)
    } else {
        (SampleScale::Department, 1)
    };
    let workspace = generate(scale, 2025);
    let json = workspace_json(&workspace);
    let decode = median_ms(runs, || {
        black_box(serde_json::from_str::<Workspace>(black_box(&json)).unwrap());
    });
    let evaluation = evaluate(&workspace);
    let evaluate_ms = median_ms(runs, || {
        black_box(evaluate(black_box(&workspace)));
    });
    let tables_ms = median_ms(runs, || {
        black_box(workbook_tables(&workspace, &evaluation));
    });
    let tables = workbook_tables(&workspace, &evaluation);
    let mut xlsx_size = 0;
    let workbook_ms = median_ms(runs, || xlsx_size = black_box(workbook(&tables)).len());
    let mut docx_size = 0;
    let docx_ms = median_ms(runs, || {
        docx_size = black_box(report_docx(&workspace, &evaluation)).len();
    });
    println!(
        "documents, {scale:?} sample ({:.1} MB of JSON), median of {runs}, natively:",
        json.len() as f64 / 1e6
    );
    println!("  decode the workspace {decode:.0} ms, evaluate {evaluate_ms:.1} ms");
    println!(
        "  XLSX: tables {tables_ms:.0} ms, sheets and ZIP {workbook_ms:.0} ms ({:.2} MB); \
         from JSON {:.0} ms in all",
        xlsx_size as f64 / 1e6,
        decode + evaluate_ms + tables_ms + workbook_ms
    );
    println!(
        "  DOCX from an evaluation: {docx_ms:.0} ms ({:.2} MB)",
        docx_size as f64 / 1e6
    );
}
