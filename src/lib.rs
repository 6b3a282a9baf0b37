//! thidua — theo dõi phong trào thi đua “Ngày không in giấy”.
//!
//! [`core`] holds the campaign model and its rules as plain Rust; [`web`] is
//! the thin Leptos shell that shows them in the browser.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;
