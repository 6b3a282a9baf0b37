//! “Người nhập”: who types in this browser, chosen once from the division's
//! officers. The change history gives this browser's edits to that officer
//! (`core::entry::history`); the choice stays in this browser alone.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::web::app::{entrant, use_workspace, ENTRANT_KEY};

#[component]
pub fn EntrantPicker(unit_id: Memo<Option<String>>) -> impl IntoView {
    let workspace = use_workspace();
    let chosen = RwSignal::new(entrant());
    // The division's officers, and the one chosen if from another division
    // (a clerk entering for several keeps her own name).
    let officers = Memo::new(move |_| {
        let unit = unit_id.get();
        let chosen = chosen.get();
        workspace.with(|w| {
            w.campaign
                .active_officers()
                .filter(|o| {
                    Some(&o.unit_id) == unit.as_ref() || chosen.as_ref().is_some_and(|c| o.id == *c)
                })
                .map(|o| {
                    let name = if Some(&o.unit_id) == unit.as_ref() {
                        o.name.to_string()
                    } else {
                        let division = w.campaign.name_of(&o.unit_id).unwrap_or(&o.unit_id);
                        format!("{} ({division})", o.name)
                    };
                    (o.id.to_string(), name)
                })
                .collect::<Vec<_>>()
        })
    });
    let known = move || {
        chosen
            .get()
            .is_some_and(|id| officers.with(|list| list.iter().any(|(o, _)| *o == id)))
    };
    view! {
        <label class="field inline" for="entrant-picker">
            <span>"Người nhập"</span>
            <select
                id="entrant-picker"
                on:change=move |event| {
                    let id = event_target_value(&event);
                    if id.is_empty() {
                        LocalStorage::delete(ENTRANT_KEY);
                    } else {
                        let _ = LocalStorage::set(ENTRANT_KEY, &id);
                    }
                    chosen.set(Some(id).filter(|id| !id.is_empty()));
                }
            >
                <option value="" selected=move || !known()>"— Chọn tên của bạn —"</option>
                {move || {
                    officers
                        .get()
                        .into_iter()
                        .map(|(id, name)| {
                            let selected = chosen.get().as_deref() == Some(id.as_str());
                            view! { <option value=id selected=selected>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
        <Show when=move || !known()>
            <p class="hint" id="entrant-hint">
                "Chọn tên của bạn ở “Người nhập”: lịch sử sửa đổi ghi ai đã nhập, sửa từng số; "
                "Phòng Pháp chế xem được lịch sử này khi hợp nhất."
            </p>
        </Show>
    }
}
