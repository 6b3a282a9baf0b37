//! The spreadsheet-like grid of one division's daily counts: working days ×
//! counts, arrow keys and Enter to move, blocks pasted from Excel, problems
//! shown beside the row, totals at the bottom.

use std::collections::HashMap;

use chrono::NaiveDate;
use leptos::ev::{ClipboardEvent, Event, KeyboardEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::core::entry::edit::{
    column_totals, daily_report, grid_step, paste_block, update_counts,
};
use crate::core::entry::validation::{check_counts, parse_count, CountField};
use crate::core::format;
use crate::web::app::{stamp, use_workspace};
use crate::web::components::status_message::{Status, StatusMessage};

type Cell = (usize, usize);

fn cell_input(row: usize, column: usize) -> Option<HtmlInputElement> {
    document()
        .query_selector(&format!(
            "#daily-grid input[data-row=\"{row}\"][data-col=\"{column}\"]"
        ))
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into().ok())
}

fn focus_cell(row: usize, column: usize) {
    if let Some(input) = cell_input(row, column) {
        let _ = input.focus();
        input.select();
    }
}

/// Header rows: the groups, then the columns under them.
fn header() -> impl IntoView {
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for field in CountField::ALL {
        match groups.last_mut() {
            Some((group, span)) if *group == field.group() => *span += 1,
            _ => groups.push((field.group(), 1)),
        }
    }
    view! {
        <thead>
            <tr>
                <th rowspan="2" class="day-col">"Ngày làm việc"</th>
                {groups
                    .into_iter()
                    .map(|(group, span)| view! { <th colspan=span class="group">{group}</th> })
                    .collect_view()}
                <th rowspan="2" class="check-col">"Kiểm tra"</th>
            </tr>
            <tr>
                {CountField::ALL
                    .into_iter()
                    .map(|field| view! { <th title=field.label()>{field.short_label()}</th> })
                    .collect_view()}
            </tr>
        </thead>
    }
}

#[component]
pub fn DailyGrid(unit_id: String, days: Vec<NaiveDate>) -> impl IntoView {
    let workspace = use_workspace();
    // Text that is not a count stays in its cell, with its message, until fixed.
    let cell_errors = RwSignal::new(HashMap::<Cell, String>::new());
    let paste_message = RwSignal::new(Status::None);
    let rows = days.len();

    let on_change = {
        let unit_id = unit_id.clone();
        let days = days.clone();
        move |(row, column): Cell, event: Event| {
            let text = event_target_value(&event);
            match parse_count(&text) {
                Ok(value) => {
                    cell_errors.update(|errors| {
                        errors.remove(&(row, column));
                    });
                    workspace.update(|w| {
                        update_counts(w, &unit_id, days[row], stamp(), |counts| {
                            CountField::ALL[column].set(counts, value)
                        });
                    });
                }
                Err(error) => cell_errors.update(|errors| {
                    errors.insert((row, column), error.to_string());
                }),
            }
        }
    };

    let on_paste = {
        let unit_id = unit_id.clone();
        let days = days.clone();
        move |cell: Cell, event: ClipboardEvent| {
            let Some(text) = event
                .clipboard_data()
                .and_then(|data| data.get_data("text/plain").ok())
            else {
                return;
            };
            if !text.contains(['\t', '\n']) {
                return; // one value: the browser pastes it and `change` checks it
            }
            event.prevent_default();
            let mut result = Ok(Default::default());
            workspace.update(|w| result = paste_block(w, &unit_id, &days, cell, &text, stamp()));
            paste_message.set(Some(match result {
                Ok(outcome) => {
                    cell_errors.update(|errors| errors.clear());
                    let mut message =
                        format!("Đã dán {} ô.", format::integer(outcome.cells as i64));
                    if outcome.clipped > 0 {
                        message += &format!(
                            " {} ô nằm ngoài bảng nên bị bỏ qua.",
                            format::integer(outcome.clipped as i64)
                        );
                    }
                    (true, message)
                }
                Err(errors) => {
                    let details: Vec<String> = errors
                        .iter()
                        .take(5)
                        .map(|e| {
                            format!(
                                "{}, cột “{}”: {}",
                                format::date(days[e.row]),
                                CountField::ALL[e.column].label(),
                                e.error
                            )
                        })
                        .collect();
                    let more = errors.len().saturating_sub(details.len());
                    let mut message = format!(
                        "Không dán: {} ô không phải số hợp lệ, bảng chưa thay đổi. {}",
                        format::integer(errors.len() as i64),
                        details.join("; ")
                    );
                    if more > 0 {
                        message += &format!(" và {more} ô khác.");
                    }
                    (false, message)
                }
            }));
        }
    };

    let on_keydown = move |event: KeyboardEvent| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let position = (
            input.get_attribute("data-row").and_then(|v| v.parse().ok()),
            input.get_attribute("data-col").and_then(|v| v.parse().ok()),
        );
        let (Some(row), Some(column)) = position else {
            return;
        };
        if let Some((r, c)) = grid_step(&event.key(), (row, column), (rows, CountField::ALL.len()))
        {
            event.prevent_default();
            focus_cell(r, c);
        }
    };

    let body = days
        .iter()
        .enumerate()
        .map(|(row, &day)| {
            let unit = unit_id.clone();
            let counts = Memo::new(move |_| {
                workspace.with(|w| daily_report(w, &unit, day).map(|r| r.counts))
            });
            let problems = Memo::new(move |_| {
                counts.get().map(|c| check_counts(&c)).unwrap_or_default()
            });
            let cells = CountField::ALL
                .into_iter()
                .enumerate()
                .map(|(column, field)| {
                    let on_change = on_change.clone();
                    let on_paste = on_paste.clone();
                    let error = move || cell_errors.with(|e| e.get(&(row, column)).cloned());
                    let invalid = move || {
                        error().is_some() || problems.with(|p| p.iter().any(|p| p.field == field))
                    };
                    view! {
                        <td class:invalid=invalid>
                            <input
                                inputmode="numeric"
                                autocomplete="off"
                                data-row=row
                                data-col=column
                                aria-label=format!("{} – {}", field.label(), format::date(day))
                                title=move || error().unwrap_or_default()
                                prop:value=move || {
                                    counts.get().map(|c| field.get(&c).to_string()).unwrap_or_default()
                                }
                                on:change=move |event| on_change((row, column), event)
                                on:paste=move |event| on_paste((row, column), event)
                            />
                        </td>
                    }
                })
                .collect_view();
            let messages = move || {
                let mut messages: Vec<String> = cell_errors.with(|errors| {
                    (0..CountField::ALL.len())
                        .filter_map(|c| errors.get(&(row, c)).cloned())
                        .collect()
                });
                messages.extend(problems.get().into_iter().map(|p| p.message));
                messages
            };
            view! {
                <tr data-date=day.to_string()>
                    <th scope="row" class="day-col" title=format::date_with_weekday(day)>
                        {format::day_with_weekday(day)}
                    </th>
                    {cells}
                    <td class="check-col">
                        {move || {
                            let messages = messages();
                            if messages.is_empty() {
                                view! { <span class="ok-mark" title="Hợp lệ">"✓"</span> }.into_any()
                            } else {
                                view! {
                                    <ul class="row-problems">
                                        {messages
                                            .into_iter()
                                            .map(|m| view! { <li>{m}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();

    let totals = {
        let unit_id = unit_id.clone();
        let days = days.clone();
        move || {
            workspace
                .with(|w| column_totals(w, &unit_id, &days))
                .into_iter()
                .map(|total| view! { <td class="num">{format::integer(total as i64)}</td> })
                .collect_view()
        }
    };

    view! {
        <p class="hint">
            "Gõ số rồi Enter để xuống dòng; dùng phím mũi tên để di chuyển. Có thể sao chép "
            "một vùng ô trong Excel hoặc LibreOffice rồi dán (Ctrl+V) vào ô đầu tiên."
        </p>
        <StatusMessage status=paste_message />
        <div class="table-wrap grid-wrap">
            <table id="daily-grid" class="grid" on:keydown=on_keydown>
                {header()}
                <tbody>{body}</tbody>
                <tfoot>
                    <tr class="totals">
                        <th scope="row">"Cộng"</th>
                        {totals}
                        <td></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
