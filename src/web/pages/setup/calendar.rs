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
    // A list of days (holidays, or extra working days) with a field to add
    // one: `edit` is the core's, which says why a day does not fit.
    let day_editor = move |list: DayList| {
        let picked = RwSignal::new(String::new());
        let add = move |_| {
            let Some(day) = format::parse_date(&picked.get_untracked()) else {
                message.set(Some(format::DATE_HINT.into()));
                return;
            };
            let mut campaign = workspace.with_untracked(|w| w.campaign.clone());
            match (list.edit)(&mut campaign, day) {
                Ok(()) => {
                    message.set(None);
                    workspace.update(|w| w.campaign = campaign);
                }
                Err(problem) => message.set(Some(problem.to_string())),
            }
        };
        let items = move || {
            workspace.with(|w| {
                (list.days)(&w.campaign.calendar)
                    .iter()
                    .map(|&day| {
                        let remove = move |_| {
                            workspace.update(|w| {
                                let calendar = &mut w.campaign.calendar;
                                calendar.holidays.retain(|d| *d != day);
                                calendar.extra_working_days.retain(|d| *d != day);
                            })
                        };
                        view! {
                            <li>
                                {format::date_with_weekday(day)} " "
                                <button class="danger" on:click=remove>"Bỏ"</button>
                            </li>
                        }
                    })
                    .collect_view()
            })
        };
        view! {
            <h3>{list.heading}</h3>
            <ul class="holidays" id=list.list_id>{items}</ul>
            <div class="add-row">
                <input
                    id=list.input_id
                    type="text"
                    inputmode="numeric"
                    placeholder="dd/mm/yyyy"
                    autocomplete="off"
                    aria-label=list.input_label
                    prop:value=move || picked.get()
                    on:input=move |e| picked.set(event_target_value(&e))
                />
                <button on:click=add>{list.button}</button>
            </div>
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
    // One end of the period, typed dd/mm/yyyy.
    let period_field = move |id: &'static str, label: &'static str, start: bool| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    placeholder="dd/mm/yyyy"
                    autocomplete="off"
                    prop:value=move || {
                        let period = period();
                        format::date(if start { period.start } else { period.end })
                    }
                    on:change=move |e| set_period_day(start, event_target_value(&e))
                />
            </label>
        }
    };
    view! {
        <div class="form-row">
            {period_field("period-start", "Bắt đầu", true)}
            {period_field("period-end", "Kết thúc", false)}
            <p class="field">
                <span>"Ngày làm việc"</span>
                <span id="working-day-count">
                    {move || workspace.with(|w| working_days(&w.campaign).len())}
                    " ngày (Thứ Hai – Thứ Sáu, trừ ngày nghỉ, cộng ngày làm việc bù)"
                </span>
            </p>
        </div>
        {move || message.get().map(|m| view! { <p class="status-message error" role="alert">{m}</p> })}
        {day_editor(DayList {
            heading: "Ngày nghỉ trong thời gian phong trào",
            list_id: "holidays",
            input_id: "new-holiday",
            input_label: "Ngày nghỉ",
            button: "Thêm ngày nghỉ",
            days: |c| &c.holidays,
            edit: add_holiday,
        })}
        {day_editor(DayList {
            heading: "Ngày làm việc thêm (thứ Bảy, Chủ nhật làm việc, ngày làm bù)",
            list_id: "extra-working-days",
            input_id: "new-working-day",
            input_label: "Ngày làm việc thêm",
            button: "Thêm ngày làm việc",
            days: |c| &c.extra_working_days,
            edit: add_extra_working_day,
        })}
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

/// One of the calendar's lists of days, as Thiết lập shows it.
#[derive(Clone, Copy)]
struct DayList {
    heading: &'static str,
    list_id: &'static str,
    input_id: &'static str,
    input_label: &'static str,
    button: &'static str,
    days: fn(&WorkingCalendar) -> &Vec<NaiveDate>,
    edit: fn(&mut Campaign, NaiveDate) -> Result<(), DateProblem>,
}
