//! “Hoàn tác …”: puts back the workspace as it was before the last import
//! or restore, also after a reload (the workspace before is kept in
//! IndexedDB by `web::safekeeping`).

use leptos::prelude::*;

use crate::web::components::status_message::Status;
use crate::web::safekeeping::use_safekeeping;

#[component]
pub fn UndoLast(id: &'static str, message: RwSignal<Status>) -> impl IntoView {
    let safekeeping = use_safekeeping();
    let undo = move |_| {
        leptos::task::spawn_local(async move {
            let outcome = match safekeeping.undo_last().await {
                Ok(label) => (true, format!("Đã hoàn tác {label}.")),
                Err(reason) => (false, format!("Không hoàn tác được: {reason}")),
            };
            message.try_set(Some(outcome));
        });
    };
    move || {
        safekeeping.undo.get().map(|label| {
            view! { <button id=id on:click=undo>{format!("Hoàn tác {label}")}</button> }
        })
    }
}
