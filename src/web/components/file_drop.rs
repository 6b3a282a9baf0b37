//! A drop zone with a file picker, for the screens that take files (Hợp
//! nhất's exports, Nhập liệu's registers): the files picked or dropped go to
//! `on_files`, and the picker is cleared so the same file can be picked
//! again.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, FileList, HtmlInputElement};

#[component]
pub fn FileDrop<F>(
    /// The picker's id (tests and labels use it).
    input_id: &'static str,
    /// The file types offered by the picker.
    accept: &'static str,
    /// The words on the zone.
    pick_label: &'static str,
    /// What can be dropped.
    hint: &'static str,
    /// Receives the picked or dropped files.
    on_files: F,
) -> impl IntoView
where
    F: Fn(FileList) + Clone + 'static,
{
    let dragging = RwSignal::new(false);
    let picked = on_files.clone();
    let pick = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            picked(files);
        }
        input.set_value("");
    };
    let drop = move |event: DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if let Some(files) = event.data_transfer().and_then(|d| d.files()) {
            on_files(files);
        }
    };
    view! {
        <label
            class=move || if dragging.get() { "drop-zone dragging" } else { "drop-zone" }
            on:dragover=move |event: DragEvent| {
                event.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=drop
        >
            <input id=input_id type="file" accept=accept multiple on:change=pick />
            <strong>{pick_label}</strong>
            <span>{hint}</span>
        </label>
    }
}
