//! Fields of Khen thưởng bound to the workspace's dossier.

use leptos::prelude::*;

use crate::core::campaign::model::Workspace;
use crate::web::app::use_workspace;
use crate::web::components::labelled_field::labelled_field;

/// A field bound to one string of the workspace's dossier; `rows` makes
/// it a multi-line one.
pub(super) fn text_field(
    label: &'static str,
    id: &'static str,
    rows: Option<&'static str>,
    get: fn(&Workspace) -> String,
    set: fn(&mut Workspace, String),
) -> impl IntoView {
    let workspace = use_workspace();
    labelled_field(
        label,
        id,
        rows,
        move || workspace.with(get),
        move |text| workspace.update(|w| set(w, text)),
    )
}

/// A number field; `set` says whether the text was a number.
pub(super) fn number_field(
    label: &'static str,
    id: &'static str,
    get: fn(&Workspace) -> String,
    set: fn(&mut Workspace, &str) -> bool,
) -> impl IntoView {
    let workspace = use_workspace();
    let refused = RwSignal::new(false);
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <input
                id=id
                class="small"
                inputmode="numeric"
                prop:value=move || workspace.with(get)
                on:change=move |e| {
                    let value = event_target_value(&e);
                    let mut accepted = false;
                    workspace.update(|w| accepted = set(w, &value));
                    refused.set(!accepted);
                }
            />
            {move || refused.get().then(|| view! { <small class="error">"Hãy nhập một số."</small> })}
        </label>
    }
}
