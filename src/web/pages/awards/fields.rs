//! Fields of Khen thưởng bound to the workspace's dossier.

use leptos::prelude::*;

use crate::core::campaign::model::Workspace;
use crate::web::app::use_workspace;

pub(super) fn name_of(workspace: &Workspace, id: &str) -> String {
    let campaign = &workspace.campaign;
    campaign
        .units
        .iter()
        .find(|u| u.id == id)
        .map(|u| u.name.clone())
        .or_else(|| {
            campaign
                .officers
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.name.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

/// A text field bound to one string of the workspace's dossier.
pub(super) fn text_field(
    label: &'static str,
    id: &'static str,
    get: fn(&Workspace) -> String,
    set: fn(&mut Workspace, String),
) -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <input
                id=id
                prop:value=move || workspace.with(get)
                on:change=move |e| {
                    let value = event_target_value(&e);
                    workspace.update(|w| set(w, value));
                }
            />
        </label>
    }
}

/// A multi-line field bound to one string of the workspace's dossier.
pub(super) fn area_field(
    label: &'static str,
    id: &'static str,
    get: fn(&Workspace) -> String,
    set: fn(&mut Workspace, String),
) -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <textarea
                id=id
                rows="4"
                prop:value=move || workspace.with(get)
                on:change=move |e| {
                    let value = event_target_value(&e);
                    workspace.update(|w| set(w, value));
                }
            ></textarea>
        </label>
    }
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
