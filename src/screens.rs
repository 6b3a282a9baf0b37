//! The screens behind the menu, each fetched the first time it is opened.
//!
//! Tổng quan is the first screen and is part of the page's module; every
//! other screen is a split point (`wasm_split`): `tools/split-page.mjs` cuts
//! the page's module at these functions after the build, so the first load
//! carries only Tổng quan and what it shares (docs/hosting.md). The service
//! worker precaches the pieces, so a screen opens offline too.
//!
//! This is the page binary's (src/main.rs), not the library's: a split point
//! is an exported symbol, and in the library it would link every screen into
//! the workers too.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use thidua::core::route::Route;
use thidua::web::pages::{
    awards::Awards, dashboard::Dashboard, data_entry::DataEntry, guide::Guide, merge::Merge,
    report::Report, setup::Setup, unit_report::UnitReport,
};

/// A screen's view, or why its piece of the app could not be fetched.
type Loaded = Result<AnyView, SplitLoaderError>;

/// A split point per screen: `name` is the piece's name (its functions go
/// into `split_<name>.wasm`) and the function that builds the screen.
macro_rules! split_screens {
    ($($name:ident => $screen:ident),* $(,)?) => {$(
        #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> Loaded {
            Ok($screen().into_any())
        }
    )*};
}

split_screens! {
    data_entry => DataEntry,
    merge => Merge,
    report => Report,
    awards => Awards,
    setup => Setup,
    guide => Guide,
    unit_report => UnitReport,
}

/// The screen of `route`: Tổng quan at once, any other once its piece of
/// the app has arrived (at once from the second time on).
pub fn screen(route: Route) -> AnyView {
    let loading: Pin<Box<dyn Future<Output = Loaded>>> = match route {
        Route::Dashboard => return view! { <Dashboard /> }.into_any(),
        Route::DataEntry => Box::pin(data_entry()),
        Route::Merge => Box::pin(merge()),
        Route::Report => Box::pin(report()),
        Route::Awards => Box::pin(awards()),
        Route::Setup => Box::pin(setup()),
        Route::Guide => Box::pin(guide()),
        Route::UnitReport => Box::pin(unit_report()),
    };
    // The view is handed over once, so it sits beside the signal that says
    // it has come rather than in it.
    let arrived = StoredValue::new_local(None::<Loaded>);
    let ready = RwSignal::new(false);
    // The screen is built as its piece arrives: under this route's owner
    // (for the app's contexts) and tracking nothing (the route alone decides
    // when a screen is built again).
    let loading = ScopedFuture::new_untracked(loading);
    leptos::task::spawn_local(async move {
        let loaded = loading.await;
        // The user may have moved on while the piece was on its way.
        if arrived
            .try_update_value(|slot| *slot = Some(loaded))
            .is_some()
        {
            ready.try_set(true);
        }
    });
    let shown = move || {
        if !ready.get() {
            return view! { <p class="hint" id="screen-loading">"Đang mở màn hình…"</p> }
                .into_any();
        }
        match arrived.try_update_value(Option::take).flatten() {
            Some(Ok(screen)) => screen,
            _ => view! {
                <div class="banner error" role="alert">
                    "Không mở được màn hình này: trình duyệt chưa có phần này của ứng dụng "
                    "(lần mở đầu tiên cần mạng). Hãy kết nối mạng rồi tải lại trang."
                </div>
            }
            .into_any(),
        }
    };
    shown.into_any()
}
