//! Hướng dẫn: how the campaign's paperwork flows through the app, and the
//! evaluation rules with the campaign's own settings. The text is built in
//! the core (`core::guide`), escaped; this page only places it.

use leptos::prelude::*;

use crate::core::guide::guide_html;
use crate::web::app::use_workspace;

#[component]
pub fn Guide() -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <article
            class="panel prose"
            inner_html=move || workspace.with(|w| guide_html(&w.campaign))
        ></article>
    }
}
