//! The root component: loads the workspace, saves every change, follows
//! other tabs, and shows the screen named by the location hash.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::core::campaign::model::Workspace;
use crate::core::campaign::template::seed_campaign;
use crate::core::entry::history::Stamp;
use crate::core::exchange::persist::{Stored, GENERATION_KEY};
use crate::core::route::Route;
use crate::web::components::nav::Nav;
use crate::web::components::safekeeping_banner::SafekeepingBanner;
use crate::web::components::save_banner::{SaveBanner, SaveState};
use crate::web::offline::{self, UpdateBanner};
use crate::web::safekeeping::SafekeepingContext;
use crate::web::storage::{self, StorageError, TabStorage};
use crate::web::Pieces;

/// The workspace every screen reads and edits; provided once by [`App`].
#[derive(Clone, Copy)]
pub struct WorkspaceContext(pub RwSignal<Workspace>);

/// This tab's storage, for a screen that saves a workspace ahead of
/// setting it ([`TabStorage::save_ahead`]: Hợp nhất); provided by [`App`].
#[derive(Clone, Copy)]
pub struct TabContext(pub StoredValue<Rc<TabStorage>, leptos::prelude::LocalStorage>);

/// Reads the shared workspace signal.
pub fn use_workspace() -> RwSignal<Workspace> {
    expect_context::<WorkspaceContext>().0
}

/// Runs `work` once the screen has been painted: in the frame after the
/// first, in a task of its own. Work there does not hold up the first paint
/// (docs/hosting.md). A tab opened in the background paints, and so runs
/// it, when it is first shown.
pub fn when_painted(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}

/// `true` once the screen has been painted ([`when_painted`]): what a
/// screen builds only then does not hold up its first paint (Tổng quan's
/// panels below the fold).
pub fn after_first_paint() -> ReadSignal<bool> {
    let (painted, set_painted) = signal(false);
    // The screen may have been left meanwhile.
    when_painted(move || {
        let _ = set_painted.try_set(true);
    });
    painted
}

/// Today in the user's time zone, from the browser clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Now, for stamping edits.
pub fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}

/// This browser's “Người nhập” (an officer id, chosen on Nhập liệu): the
/// change history gives this browser's edits to that officer.
pub const ENTRANT_KEY: &str = "thidua/v2/entrant";

/// This browser's “Người nhập”, if one was chosen.
pub fn entrant() -> Option<String> {
    LocalStorage::get::<String>(ENTRANT_KEY)
        .ok()
        .filter(|id| !id.is_empty())
}

/// Now and this browser's “Người nhập”: what an edit is stamped with.
pub fn stamp() -> Stamp {
    Stamp {
        at: now(),
        by: entrant(),
    }
}

fn current_route() -> Route {
    let hash = window().location().hash().unwrap_or_default();
    Route::from_hash(&hash)
}

/// The app, from what storage held: nothing on a first visit, or the
/// stored workspace as decoded ([`storage::loaded`]).
#[component]
pub fn App(loaded: Result<Option<Stored>, StorageError>) -> impl IntoView {
    let (loaded, load_error) = match loaded {
        Ok(loaded) => (loaded, None),
        Err(error) => (None, Some(error)),
    };
    let tab = Rc::new(TabStorage::new(loaded.as_ref()));
    // What the workspace signal is about to hold came from storage: the
    // workspace loaded now, or later one another tab saved (the autosave).
    let from_storage = Rc::new(Cell::new(loaded.is_some()));
    let workspace = RwSignal::new(
        loaded
            .map(|stored| stored.workspace)
            .unwrap_or_else(|| Workspace::new(seed_campaign(storage::new_id()))),
    );
    let save_state = RwSignal::new(load_error.map_or(SaveState::Saved, SaveState::Failed));
    provide_context(WorkspaceContext(workspace));
    provide_context(TabContext(StoredValue::new_local(Rc::clone(&tab))));
    let safekeeping = SafekeepingContext::provide(workspace);
    // Nothing on the first screen needs them, and the service worker's
    // install fetches and caches every file of the build: started before,
    // it competed with the first screen's layout and raster.
    when_painted(storage::request_persistence);
    let update_waiting = RwSignal::new(None);
    when_painted(move || offline::register(update_waiting));

    // Autosave: every change is written at once; unchanged data is not
    // rewritten. A change after the first run (which only stores a first
    // visit's template) is one no file holds yet. What storage itself
    // gave — the workspace loaded, or one another tab saved — is not
    // written back, nor serialized to find that out (`from_storage`).
    let saving_tab = Rc::clone(&tab);
    let set_from_storage = Rc::clone(&from_storage);
    Effect::new(move |previous: Option<()>| {
        saving_tab.saw_change();
        if from_storage.replace(false) {
            workspace.track();
            return;
        }
        let result = workspace.with(|workspace| saving_tab.save(workspace));
        if previous.is_some() && result == Ok(true) {
            safekeeping.changed();
        }
        save_state.update(|state| state.record(result));
    });

    // Another tab saved: take its data rather than ever writing over it.
    let pieces = expect_context::<Pieces>();
    let storage_listener = window_event_listener(leptos::ev::storage, move |event| {
        if event.key().as_deref() != Some(GENERATION_KEY)
            || storage::stored_generation() <= tab.generation()
        {
            return;
        }
        let Some(found) = storage::found() else {
            return;
        };
        let found = Rc::new(found);
        let tab = Rc::clone(&tab);
        let from_storage = Rc::clone(&set_from_storage);
        leptos::task::spawn_local(async move {
            // Decoded in its own time: this tab may have saved, or a later
            // event taken a newer save, meanwhile.
            let Some(Ok(stored)) = (pieces.decode)(found).await else {
                return;
            };
            if stored.generation > tab.generation() {
                tab.adopt(&stored);
                from_storage.set(true);
                workspace.try_set(stored.workspace);
                save_state.try_set(SaveState::UpdatedFromAnotherTab);
            }
        });
    });

    let route = RwSignal::new(current_route());
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(current_route());
    });
    on_cleanup(move || {
        storage_listener.remove();
        hash_listener.remove();
    });
    Effect::new(move |_| {
        document().set_title(&format!("{} · Thi đua không giấy", route.get().label()));
        // A new screen starts at its top, as a new page would.
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });

    view! {
        <Nav route=route />
        <SaveBanner state=save_state />
        <UpdateBanner waiting=update_waiting />
        <SafekeepingBanner />
        <main class="page">
            {move || (pieces.screen)(route.get())}
        </main>
        <footer class="site-footer">
            "Dữ liệu chỉ lưu trong trình duyệt này. Ứng dụng chạy không cần mạng."
        </footer>
    }
}
