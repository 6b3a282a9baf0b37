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

use std::rc::Rc;

use leptos::prelude::*;

use crate::core::exchange::persist::Stored;
use crate::core::route::Route;
use crate::web::storage::Decoder;

/// What the page binary fetches on demand and hands the app (src/main.rs);
/// provided to the app as a context.
#[derive(Clone, Copy)]
pub struct Pieces {
    /// Shows each screen (src/screens.rs: most are fetched when first opened).
    pub screen: fn(Route) -> AnyView,
    /// Decodes a stored workspace (src/decoder.rs: fetched only when
    /// storage holds one).
    pub decode: Decoder,
}

/// Mounts the app on `<body>`; called once from `main` in the browser. A
/// first visit mounts at once; with a workspace stored, once the decoder
/// has read it. Should the decoder not arrive, nothing is mounted, so
/// nothing can be written over what is stored.
pub fn start(pieces: Pieces) {
    console_error_panic_hook::set_once();
    let Some(found) = storage::found() else {
        return mount(pieces, Ok(None));
    };
    wasm_bindgen_futures::spawn_local(async move {
        let found = Rc::new(found);
        match (pieces.decode)(Rc::clone(&found)).await {
            Some(decoded) => mount(pieces, storage::loaded(&found, decoded).map(Some)),
            None => leptos::mount::mount_to_body(DecoderMissing),
        }
    });
}

fn mount(pieces: Pieces, loaded: Result<Option<Stored>, storage::StorageError>) {
    leptos::mount::mount_to_body(move || {
        provide_context(pieces);
        view! { <app::App loaded=loaded /> }
    });
}

/// What shows when the decoder could not be fetched: a visit offline before
/// the service worker had kept it, or after another tab took an update.
#[component]
fn DecoderMissing() -> impl IntoView {
    view! {
        <main class="page">
            <section class="panel" id="decoder-missing">
                <h1>"Chưa mở được dữ liệu đã lưu"</h1>
                <p class="error">
                    "Trình duyệt chưa có phần đọc dữ liệu của ứng dụng (lần mở đầu tiên cần mạng). "
                    "Dữ liệu của bạn vẫn nguyên trong trình duyệt: hãy kết nối mạng rồi tải lại trang."
                </p>
            </section>
        </main>
    }
}
