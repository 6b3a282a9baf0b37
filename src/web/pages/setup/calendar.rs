//! Thời gian và lịch làm việc: the period, holidays, extra working days
//! (working Saturdays, make-up days) and the reporting deadlines.

use crate::core::campaign::calendar::working_days;
use crate::core::campaign::model::{Campaign, WorkingCalendar};
use crate::core::entry::validation::{add_extra_working_day, add_holiday, DateProblem};
use crate::core::format;
use crate::web::app::use_workspace;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Period, holidays and deadlines.
#[component]
pub(super) fn CalendarEditor() -> impl IntoView {
    let workspace = use_workspace();
    let message = RwSignal::new(None::<String>);
    let period = move || workspace.with(|w| w.campaign.period);
    let set_period_day = move |start: bool, text: String| {
        let Some(day) = format::parse_date(&text) else {
            message.set(Some(format::DATE_HINT.into()));
            return;
        };
        let mut candidate = period();
        if start {
            candidate.start = day;
        } else {
            candidate.end = day;
        }
        if candidate.start > candidate.end {
            message.set(Some(format!(
                "Ngày bắt đầu ({}) phải trước ngày kết thúc ({}); chưa thay đổi gì.",
                format::date(candidate.start),
                format::date(candidate.end)
            )));
            return;
        }
        message.set(None);
        workspace.update(|w| w.campaign.period = candidate);
    };
    let new_holiday = RwSignal::new(String::new());
    let new_working_day = RwSignal::new(String::new());
    // Adds the picked day with `edit` (a holiday, or a working Saturday /
    // make-up day); the core says why a day does not fit.
    let add_day =
        move |picked: RwSignal<String>,
              edit: fn(&mut Campaign, NaiveDate) -> Result<(), DateProblem>| {
            let Some(day) = format::parse_date(&picked.get_untracked()) else {
                message.set(Some(format::DATE_HINT.into()));
                return;
            };
            let mut campaign = workspace.with_untracked(|w| w.campaign.clone());
            match edit(&mut campaign, day) {
                Ok(()) => {
                    message.set(None);
                    workspace.update(|w| w.campaign = campaign);
                }
                Err(problem) => message.set(Some(problem.to_string())),
            }
        };
    let day_list = move |days: fn(&WorkingCalendar) -> &Vec<NaiveDate>, id: &'static str| {
        view! {
            <ul class="holidays" id=id>
                {move || {
                    workspace.with(|w| {
                        days(&w.campaign.calendar)
                            .iter()
                            .map(|&day| {
                                view! {
                                    <li>
                                        {format::date_with_weekday(day)} " "
                                        <button
                                            class="danger"
                                            on:click=move |_| {
                                                workspace.update(|w| {
                                                    let calendar = &mut w.campaign.calendar;
                                                    calendar.holidays.retain(|d| *d != day);
                                                    calendar.extra_working_days.retain(|d| *d != day);
                                                })
                                            }
                                        >
                                            "Bỏ"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    })
                }}
            </ul>
        }
    };
    let deadline_count = Memo::new(move |_| workspace.with(|w| w.campaign.deadlines.len()));
    let deadlines = move || {
        (0..deadline_count.get())
            .map(|index| {
                let deadline = move || workspace.with(|w| w.campaign.deadlines.get(index).cloned());
                view! {
                    <tr>
                        <td>{move || deadline().map(|d| d.deliverable)}</td>
                        <td>{move || deadline().map(|d| format!("{} → {}", d.from, d.to))}</td>
                        <td>
                            "Trước ngày "
                            <input
                                type="text"
                    inputmode="numeric"
                    placeholder="dd/mm/yyyy"
                    autocomplete="off"
                                aria-label="Hạn"
                                prop:value=move || deadline().map(|d| format::date(d.due_before))
                                on:change=move |event| {
                                    match format::parse_date(&event_target_value(&event)) {
                                        Some(day) => {
                                            message.set(None);
                                            workspace.update(|w| {
                                                if let Some(d) = w.campaign.deadlines.get_mut(index) {
                                                    d.due_before = day;
                                                }
                                            });
                                        }
                                        None => message.set(Some(format!("Hạn: {}", format::DATE_HINT))),
                                    }
                                }
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="form-row">
            <label class="field">
                <span>"Bắt đầu"</span>
                <input
                    id="period-start"
                    type="text"
                    inputmode="numeric"
                    placeholder="dd/mm/yyyy"
                    autocomplete="off"
                    prop:value=move || format::date(period().start)
                    on:change=move |e| set_period_day(true, event_target_value(&e))
                />
            </label>
            <label class="field">
                <span>"Kết thúc"</span>
                <input
                    id="period-end"
                    type="text"
                    inputmode="numeric"
                    placeholder="dd/mm/yyyy"
                    autocomplete="off"
                    prop:value=move || format::date(period().end)
                    on:change=move |e| set_period_day(false, event_target_value(&e))
                />
            </label>
            <p class="field">
                <span>"Ngày làm việc"</span>
                <span id="working-day-count">
                    {move || workspace.with(|w| working_days(&w.campaign).len())}
                    " ngày (Thứ Hai – Thứ Sáu, trừ ngày nghỉ, cộng ngày làm việc bù)"
                </span>
            </p>
        </div>
        {move || message.get().map(|m| view! { <p class="status-message error" role="alert">{m}</p> })}
        <h3>"Ngày nghỉ trong thời gian phong trào"</h3>
        {day_list(|c| &c.holidays, "holidays")}
        <div class="add-row">
            <input
                id="new-holiday"
                type="text"
                    inputmode="numeric"
                    placeholder="dd/mm/yyyy"
                    autocomplete="off"
                aria-label="Ngày nghỉ"
                prop:value=move || new_holiday.get()
                on:input=move |e| new_holiday.set(event_target_value(&e))
            />
            <button on:click=move |_| add_day(new_holiday, add_holiday)>"Thêm ngày nghỉ"</button>
        </div>
        <h3>"Ngày làm việc thêm (thứ Bảy, Chủ nhật làm việc, ngày làm bù)"</h3>
        {day_list(|c| &c.extra_working_days, "extra-working-days")}
        <div class="add-row">
            <input
                id="new-working-day"
                type="text"
                    inputmode="numeric"
                    placeholder="dd/mm/yyyy"
                    autocomplete="off"
                aria-label="Ngày làm việc thêm"
                prop:value=move || new_working_day.get()
                on:input=move |e| new_working_day.set(event_target_value(&e))
            />
            <button on:click=move |_| add_day(new_working_day, add_extra_working_day)>
                "Thêm ngày làm việc"
            </button>
        </div>
        <h3>"Thời hạn báo cáo"</h3>
        <div class="table-wrap">
            <table class="data editable">
                <thead>
                    <tr>
                        <th>"Nội dung"</th>
                        <th>"Trách nhiệm"</th>
                        <th>"Hạn"</th>
                    </tr>
                </thead>
                <tbody>{deadlines}</tbody>
            </table>
        </div>
    }
}
