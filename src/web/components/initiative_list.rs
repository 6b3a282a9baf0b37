//! Initiatives of a division and of its officers: list, add, edit, remove.
//! An edit goes through `upsert_initiative`, which raises the record's
//! revision, so the changed initiative travels in the next export.

use leptos::prelude::*;

use crate::core::campaign::model::{Initiative, InitiativeOwner, RecordMeta};
use crate::core::entry::edit::{delete_initiative, upsert_initiative};
use crate::core::entry::validation::{check_initiative, parse_score};
use crate::core::format;
use crate::web::app::{now, stamp, use_workspace};
use crate::web::storage::new_id;

fn belongs_to(initiative: &Initiative, unit_id: &str, officer_ids: &[String]) -> bool {
    match &initiative.owner {
        InitiativeOwner::Unit(id) => id == unit_id,
        InitiativeOwner::Officer(id) => officer_ids.contains(id),
    }
}

#[component]
pub fn InitiativeList(unit_id: String) -> impl IntoView {
    let workspace = use_workspace();
    let owners = {
        let unit_id = unit_id.clone();
        Memo::new(move |_| {
            workspace.with(|w| {
                let mut owners = Vec::new();
                if let Some(unit) = w.campaign.units.iter().find(|u| u.id == unit_id) {
                    owners.push((
                        InitiativeOwner::Unit(unit.id.clone()).key(),
                        unit.name.clone(),
                    ));
                }
                owners.extend(
                    w.campaign
                        .active_officers()
                        .filter(|o| o.unit_id == unit_id)
                        .map(|o| {
                            (
                                InitiativeOwner::Officer(o.id.to_string()).key(),
                                o.name.to_string(),
                            )
                        }),
                );
                owners
            })
        })
    };
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let score = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    // The initiative being edited in the form; `None` while adding a new one.
    let editing = RwSignal::new(None::<String>);
    let clear_form = move || {
        editing.set(None);
        problems.set(Vec::new());
        title.set(String::new());
        description.set(String::new());
        score.set(String::new());
    };
    let items = {
        let unit_id = unit_id.clone();
        move || {
            workspace.with(|w| {
                let officer_ids: Vec<String> = w
                    .campaign
                    .officers
                    .iter()
                    .filter(|o| o.unit_id == unit_id)
                    .map(|o| o.id.to_string())
                    .collect();
                let owner_name = |owner: &InitiativeOwner| match owner {
                    InitiativeOwner::Unit(id) => {
                        w.campaign.units.iter().find(|u| &u.id == id).map(|u| u.name.clone())
                    }
                    InitiativeOwner::Officer(id) => {
                        w.campaign.officers.iter().find(|o| o.id == *id).map(|o| o.name.to_string())
                    }
                };
                w.initiatives
                    .iter()
                    .filter(|i| !i.meta.deleted && belongs_to(i, &unit_id, &officer_ids))
                    .map(|i| {
                        let id = i.meta.id.clone();
                        let edit = {
                            let i = i.clone();
                            move |_| {
                                editing.set(Some(i.meta.id.clone()));
                                problems.set(Vec::new());
                                title.set(i.title.clone());
                                description.set(i.description.clone());
                                owner.set(i.owner.key());
                                date.set(format::date(i.date));
                                score.set(
                                    i.council_score.map(|s| format::decimal(s, 1)).unwrap_or_default(),
                                );
                            }
                        };
                        let remove = move |_| {
                            if window()
                                .confirm_with_message("Xóa sáng kiến này?")
                                .unwrap_or(false)
                            {
                                workspace.update(|w| delete_initiative(w, &id, stamp()));
                            }
                        };
                        view! {
                            <li class="initiative">
                                <div>
                                    <strong>{i.title.clone()}</strong>
                                    " — " {owner_name(&i.owner).unwrap_or_default()} ", "
                                    {format::date(i.date)}
                                    {i.council_score
                                        .map(|s| format!(", điểm Hội đồng: {}", format::decimal(s, 1)))}
                                    <p class="hint">{i.description.clone()}</p>
                                </div>
                                <div class="actions">
                                    <button on:click=edit>"Sửa"</button>
                                    <button class="danger" on:click=remove>"Xóa"</button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()
            })
        }
    };

    let save = move |_| {
        let owner_key = owner.get_untracked();
        let owner_key = if owner_key.is_empty() {
            owners
                .get_untracked()
                .first()
                .map(|(k, _)| k.clone())
                .unwrap_or_default()
        } else {
            owner_key
        };
        // An unknown key is refused below by `check_initiative` (owner not in the campaign).
        let owner = InitiativeOwner::from_key(&owner_key)
            .unwrap_or_else(|| InitiativeOwner::Unit(String::new()));
        let Some(day) = format::parse_date(&date.get_untracked()) else {
            problems.set(vec![format!("Ngày của sáng kiến: {}", format::DATE_HINT)]);
            return;
        };
        let council_score = match parse_score(&score.get_untracked()) {
            Ok(score) => score,
            Err(error) => {
                problems.set(vec![format!("Điểm Hội đồng: {error}")]);
                return;
            }
        };
        let initiative = Initiative {
            meta: RecordMeta {
                // An edit keeps the id; `upsert_initiative` raises its revision.
                id: editing.get_untracked().unwrap_or_else(new_id),
                rev: 0,
                updated_at: now(),
                deleted: false,
            },
            owner,
            title: title.get_untracked().trim().to_string(),
            description: description.get_untracked().trim().to_string(),
            date: day,
            council_score,
        };
        let found = workspace.with_untracked(|w| check_initiative(&w.campaign, &initiative));
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        workspace.update(|w| upsert_initiative(w, initiative, stamp()));
        clear_form();
    };

    view! {
        <ul class="initiatives">{items}</ul>
        <div class="initiative-form">
            <label class="field">
                <span>"Tên sáng kiến"</span>
                <input
                    id="initiative-title"
                    prop:value=move || title.get()
                    on:input=move |e| title.set(event_target_value(&e))
                />
            </label>
            <label class="field">
                <span>"Mô tả"</span>
                <textarea
                    id="initiative-description"
                    rows="2"
                    prop:value=move || description.get()
                    on:input=move |e| description.set(event_target_value(&e))
                ></textarea>
            </label>
            <div class="form-row">
                <label class="field">
                    <span>"Của"</span>
                    <select
                        id="initiative-owner"
                        prop:value=move || owner.get()
                        on:change=move |e| owner.set(event_target_value(&e))
                    >
                        {move || {
                            owners
                                .get()
                                .into_iter()
                                .map(|(key, name)| view! { <option value=key>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="field">
                    <span>"Ngày"</span>
                    <input
                        id="initiative-date"
                        type="text"
                        inputmode="numeric"
                        placeholder="dd/mm/yyyy"
                        autocomplete="off"
                        prop:value=move || date.get()
                        on:input=move |e| date.set(event_target_value(&e))
                    />
                </label>
                <label class="field">
                    <span>"Điểm Hội đồng (nếu có)"</span>
                    <input
                        id="initiative-score"
                        class="small"
                        inputmode="decimal"
                        prop:value=move || score.get()
                        on:input=move |e| score.set(event_target_value(&e))
                    />
                </label>
            </div>
            <ul class="problems">
                {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
            <div class="actions">
                <button class="primary" on:click=save>
                    {move || if editing.get().is_some() { "Lưu sáng kiến" } else { "Thêm sáng kiến" }}
                </button>
                <Show when=move || editing.get().is_some()>
                    <button on:click=move |_| clear_form()>"Hủy sửa"</button>
                </Show>
            </div>
        </div>
    }
}
