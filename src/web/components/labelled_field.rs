//! A labelled text field for the document screens' fields (Báo cáo, Báo cáo
//! của phòng, Khen thưởng): the value shown, and each committed change
//! handed on.

use leptos::prelude::*;

/// A field labelled `label`, a textarea of `rows` lines when given, showing
/// `value` and handing every committed change (`change` event) to `on_change`.
pub fn labelled_field(
    label: &'static str,
    id: &'static str,
    rows: Option<&'static str>,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    let change = move |event: leptos::ev::Event| on_change(event_target_value(&event));
    let input = match rows {
        Some(rows) => {
            view! { <textarea id=id rows=rows prop:value=value on:change=change></textarea> }
                .into_any()
        }
        None => view! { <input id=id prop:value=value on:change=change /> }.into_any(),
    };
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            {input}
        </label>
    }
}
