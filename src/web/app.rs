//! The root component: loads the workspace, saves every change, and shows the
//! screen named by the location hash.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::model::Workspace;
use crate::core::route::Route;
use crate::core::template::seed_campaign;
use crate::web::components::nav::Nav;
use crate::web::components::save_banner::SaveBanner;
use crate::web::pages::{
    dashboard::Dashboard, data_entry::DataEntry, guide::Guide, merge::Merge, report::Report,
    setup::Setup,
};
use crate::web::storage::{self, SaveState};

/// The workspace every screen reads and edits; provided once by [`App`].
#[derive(Clone, Copy)]
pub struct WorkspaceContext(pub RwSignal<Workspace>);

/// Reads the shared workspace signal.
pub fn use_workspace() -> RwSignal<Workspace> {
    expect_context::<WorkspaceContext>().0
}

/// Today in the user's time zone, from the browser clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn current_route() -> Route {
    let hash = window().location().hash().unwrap_or_default();
    Route::from_hash(&hash)
}

#[component]
pub fn App() -> impl IntoView {
    let loaded = storage::load_workspace();
    let save_state = RwSignal::new(match &loaded {
        Ok(_) => SaveState::Saved,
        Err(error) => SaveState::LoadFailed(error.to_string()),
    });
    let initial = loaded
        .ok()
        .flatten()
        .unwrap_or_else(|| Workspace::new(seed_campaign(storage::new_campaign_id())));
    let workspace = RwSignal::new(initial);
    provide_context(WorkspaceContext(workspace));

    // Autosave: every change of the workspace is written at once.
    Effect::new(move |_| {
        let result = workspace.with(storage::save_workspace);
        save_state.update(|state| state.record(result));
    });

    let route = RwSignal::new(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(current_route());
    });
    on_cleanup(move || listener.remove());

    view! {
        <Nav route=route />
        <SaveBanner state=save_state />
        <main class="page">
            {move || match route.get() {
                Route::Dashboard => view! { <Dashboard /> }.into_any(),
                Route::DataEntry => view! { <DataEntry /> }.into_any(),
                Route::Merge => view! { <Merge /> }.into_any(),
                Route::Report => view! { <Report /> }.into_any(),
                Route::Setup => view! { <Setup /> }.into_any(),
                Route::Guide => view! { <Guide /> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            "Dữ liệu chỉ lưu trong trình duyệt này. Ứng dụng chạy không cần mạng."
        </footer>
    }
}
