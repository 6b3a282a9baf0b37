//! A one-line outcome of an action (a paste, an import): green when it
//! worked, red when it did not.

use leptos::prelude::*;

/// `Some((true, text))` shows success, `Some((false, text))` a refusal.
pub type Status = Option<(bool, String)>;

#[component]
pub fn StatusMessage(status: RwSignal<Status>) -> impl IntoView {
    move || {
        status.get().map(|(ok, text)| {
            view! {
                <p class=if ok { "status-message ok" } else { "status-message error" } role="status">
                    {text}
                </p>
            }
        })
    }
}
