//! Hướng dẫn: how the campaign's paperwork flows through the app, and the
//! evaluation rules with the campaign's own settings. The text is built in
//! the core (`core::guide`, escaped) by the export worker, which keeps it
//! out of the first load; this page only places it.

use leptos::prelude::*;

use crate::core::report::office::OfficeFormat;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::export_worker::preview_in_worker;

#[component]
pub fn Guide() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(Status::None);
    preview_in_worker(
        OfficeFormat::GuideHtml,
        || Some(String::new()),
        text,
        message,
    );
    view! {
        <article class="panel prose" inner_html=move || text.get()></article>
        <StatusMessage status=message />
    }
}
