//! The thin browser shell: Leptos components that show the core's data and
//! forward the user's edits, plus the adapters to localStorage and the clock.

mod app;
mod components;
mod download;
pub mod export_worker;
pub mod import_worker;
mod offline;
mod pages;
pub mod register_worker;
pub mod safekeeping;
pub mod signing;
pub mod storage;
mod worker_call;

/// Mounts the app on `<body>`; called once from `main` in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
