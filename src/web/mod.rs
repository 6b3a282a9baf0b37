//! The thin browser shell: Leptos components that show the core's data and
//! forward the user's edits, plus the adapters to localStorage and the clock.

mod app;
mod components;
mod download;
pub mod export_worker;
pub mod import_worker;
mod offline;
pub mod pages;
pub mod register_worker;
pub mod safekeeping;
pub mod signing;
pub mod storage;
mod worker_call;

use crate::core::route::Route;

/// Mounts the app on `<body>`; called once from `main` in the browser, with
/// what shows each screen (the page binary fetches most of them on demand).
pub fn start(screen: fn(Route) -> leptos::prelude::AnyView) {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(move || {
        leptos::prelude::provide_context(app::ScreenOf(screen));
        app::App()
    });
}
