//! Các phòng thuộc Sở: rename, add and remove the divisions (a removal
//! with entered data asks first).

use super::confirm;
use crate::core::campaign::model::Unit;
use crate::core::format;
use crate::web::app::use_workspace;
use crate::web::storage::new_id;
use leptos::prelude::*;

/// The divisions: rename, add, remove.
#[component]
pub(super) fn UnitsEditor() -> impl IntoView {
    let workspace = use_workspace();
    let unit_ids = Memo::new(move |_| {
        workspace.with(|w| {
            w.campaign
                .units
                .iter()
                .map(|u| u.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let new_name = RwSignal::new(String::new());
    let add = move |_| {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            return;
        }
        workspace.update(|w| {
            w.campaign.units.push(Unit {
                id: new_id(),
                name,
                head: String::new(),
            })
        });
        new_name.set(String::new());
    };
    let rows = move || {
        unit_ids
            .get()
            .into_iter()
            .map(|id| {
                let unit = {
                    let id = id.clone();
                    move || {
                        workspace.with(|w| w.campaign.units.iter().find(|u| u.id == id).cloned())
                    }
                };
                let edit = {
                    let id = id.clone();
                    move |change: Box<dyn FnOnce(&mut Unit)>| {
                        workspace.update(|w| {
                            if let Some(unit) = w.campaign.units.iter_mut().find(|u| u.id == id) {
                                change(unit);
                            }
                        })
                    }
                };
                let edit_head = edit.clone();
                let remove = {
                    let id = id.clone();
                    move |_| {
                        let (name, records) = workspace.with(|w| {
                            let name = w
                                .campaign
                                .units
                                .iter()
                                .find(|u| u.id == id)
                                .map(|u| u.name.clone())
                                .unwrap_or_default();
                            let records =
                                w.daily_reports.iter().filter(|r| r.unit_id == id).count();
                            (name, records)
                        });
                        let question = format!(
                            "Xóa “{name}” khỏi phong trào thi đua? Phòng này có {} ngày đã nhập số liệu; \
                             số liệu vẫn được giữ nhưng không hiển thị nữa.",
                            format::integer(records as i64)
                        );
                        if confirm(&question) {
                            workspace.update(|w| w.campaign.units.retain(|u| u.id != id));
                        }
                    }
                };
                let name = unit.clone();
                view! {
                    <tr>
                        <td>
                            <input
                                class="unit-name"
                                aria-label="Tên phòng"
                                prop:value=move || name().map(|u| u.name).unwrap_or_default()
                                on:change=move |event| {
                                    let value = event_target_value(&event);
                                    if !value.trim().is_empty() {
                                        edit(Box::new(move |u| u.name = value.trim().to_string()));
                                    }
                                }
                            />
                        </td>
                        <td>
                            <input
                                aria-label="Trưởng phòng"
                                placeholder="Họ và tên trưởng phòng"
                                prop:value=move || unit().map(|u| u.head).unwrap_or_default()
                                on:change=move |event| {
                                    let value = event_target_value(&event);
                                    edit_head(Box::new(move |u| u.head = value));
                                }
                            />
                        </td>
                        <td>
                            <button class="danger" on:click=remove>"Xóa"</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap">
            <table class="data editable">
                <thead>
                    <tr>
                        <th>"Tên phòng"</th>
                        <th>"Trưởng phòng"</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class="add-row">
            <input
                id="new-unit-name"
                placeholder="Tên phòng mới, ví dụ: Phòng Tôn giáo"
                prop:value=move || new_name.get()
                on:input=move |event| new_name.set(event_target_value(&event))
            />
            <button on:click=add>"Thêm phòng"</button>
        </div>
    }
}
