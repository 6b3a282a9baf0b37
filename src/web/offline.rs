//! The service worker (tools/sw-template.js): registered at start so the app
//! opens offline after the first visit; when a new build has been installed
//! it waits, and the page offers it — the user decides when to switch.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// Registers `sw.js` (next to index.html, so any sub-path works) and sets
/// `waiting` to the registration once a new version waits to take over.
pub fn register(waiting: RwSignal<Option<ServiceWorkerRegistration>>) {
    // No service worker (a private window, an http:// page other than
    // localhost, a browser that blocks them): the app still works, only not
    // offline.
    let navigator = window().navigator();
    if !js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|c| c.is_object()) {
        return;
    }
    let container = navigator.service_worker();
    leptos::task::spawn_local(async move {
        let Ok(registration) =
            wasm_bindgen_futures::JsFuture::from(container.register("./sw.js")).await
        else {
            return;
        };
        // Some browsers' blocking resolves to nothing rather than failing.
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        // An update found on an earlier visit may already be waiting.
        if registration.waiting().is_some() && container.controller().is_some() {
            waiting.set(Some(registration.clone()));
        }
        let watched = registration.clone();
        let on_update_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let registration = watched.clone();
            let worker = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                // Installed while a worker already controls the page: an update.
                // (On the very first visit there is no controller yet.)
                let controlled = window().navigator().service_worker().controller().is_some();
                if worker.state() == ServiceWorkerState::Installed && controlled {
                    waiting.set(Some(registration.clone()));
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    });
}

/// Lets the waiting version take over, then reloads into it. Every edit is
/// already saved (autosave), so the reload loses nothing.
pub fn apply_update(registration: &ServiceWorkerRegistration) {
    let container = window().navigator().service_worker();
    let reload = Closure::<dyn Fn()>::new(|| {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    if let Some(worker) = registration.waiting() {
        let _ = worker.post_message(&"SKIP_WAITING".into());
    }
}

/// The offer of a new version.
#[component]
pub fn UpdateBanner(waiting: RwSignal<Option<ServiceWorkerRegistration>>) -> impl IntoView {
    move || {
        waiting.get().map(|registration| {
            view! {
                <div class="update-banner" role="status" id="update-banner">
                    <span>"Đã có phiên bản mới của ứng dụng. Dữ liệu đã lưu sẽ được giữ nguyên."</span>
                    <button class="primary" on:click=move |_| apply_update(&registration)>
                        "Cập nhật ngay"
                    </button>
                    <button on:click=move |_| waiting.set(None)>"Để sau"</button>
                </div>
            }
        })
    }
}
