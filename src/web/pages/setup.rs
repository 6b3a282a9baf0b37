//! Thiết lập: the campaign definition, the campaign file, sample data and
//! what this browser stores.

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::core::calendar::working_days;
use crate::core::campaign_file::{
    campaign_file_name, check_campaign, decode_campaign_file, encode_campaign_file,
};
use crate::core::format;
use crate::core::model::{Campaign, Target, Thresholds, Unit, WorkingCalendar, Workspace};
use crate::core::sample::app_sample;
use crate::core::template::{app_defaults_summary, seed_campaign};
use crate::core::validation::{
    add_extra_working_day, add_holiday, parse_count, parse_decimal, parse_target, DateProblem,
};
use crate::web::app::{now, today, use_workspace};
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::download::{download_json, read_text};
use crate::web::storage::{new_id, stored_size};

/// localStorage holds about five million UTF-16 code units per site.
const STORAGE_BUDGET: usize = 5_000_000;

fn confirm(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}

/// A labelled text field bound to one string of the campaign.
#[component]
fn CampaignField(
    id: &'static str,
    label: &'static str,
    read: fn(&Campaign) -> &String,
    write: fn(&mut Campaign) -> &mut String,
) -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <textarea
                id=id
                rows="2"
                prop:value=move || workspace.with(|w| read(&w.campaign).clone())
                on:input=move |event| {
                    let value = event_target_value(&event);
                    workspace.update(|w| *write(&mut w.campaign) = value);
                }
            ></textarea>
        </label>
    }
}

/// The divisions: rename, add, remove.
#[component]
fn UnitsEditor() -> impl IntoView {
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

/// Targets and weights of the criteria.
#[component]
fn CriteriaEditor() -> impl IntoView {
    let workspace = use_workspace();
    let count = Memo::new(move |_| workspace.with(|w| w.campaign.criteria.len()));
    let problems = move || workspace.with(|w| check_campaign(&w.campaign));
    let rows = move || {
        (0..count.get())
            .map(|index| {
                let criterion = move || workspace.with(|w| w.campaign.criteria.get(index).cloned());
                let target_text = move || match criterion().map(|c| c.target) {
                    Some(Target::Percent(p)) => format::decimal(p, 0),
                    Some(Target::Initiatives(n)) => n.to_string(),
                    None => String::new(),
                };
                let unit = move || match criterion().map(|c| c.target) {
                    Some(Target::Initiatives(_)) => "sáng kiến",
                    _ => "%",
                };
                view! {
                    <tr>
                        <td class="code">{move || criterion().map(|c| c.code)}</td>
                        <td>{move || criterion().map(|c| c.title)}</td>
                        <td class="num">
                            <input
                                class="small"
                                inputmode="decimal"
                                aria-label="Chỉ tiêu"
                                prop:value=target_text
                                on:change=move |event| {
                                    let text = event_target_value(&event);
                                    workspace.update(|w| {
                                        if let Some(c) = w.campaign.criteria.get_mut(index) {
                                            if let Some(target) = parse_target(c.target, &text) {
                                                c.target = target;
                                            }
                                        }
                                    });
                                }
                            />
                            " "
                            {unit}
                        </td>
                        <td class="num">
                            <input
                                class="small"
                                inputmode="decimal"
                                aria-label="Trọng số hoặc điểm cộng tối đa"
                                prop:value=move || criterion().map(|c| format::decimal(c.weight, 1))
                                on:change=move |event| {
                                    if let Some(weight) = parse_decimal(&event_target_value(&event)) {
                                        workspace.update(|w| {
                                            if let Some(c) = w.campaign.criteria.get_mut(index) {
                                                c.weight = weight;
                                            }
                                        });
                                    }
                                }
                            />
                            " "
                            {move || criterion().map(|c| if c.bonus { "điểm cộng tối đa" } else { "trọng số" })}
                        </td>
                        <td class="center">
                            <input
                                type="checkbox"
                                aria-label="Tính là điểm cộng"
                                prop:checked=move || criterion().is_some_and(|c| c.bonus)
                                on:change=move |event| {
                                    let checked = event_target_checked(&event);
                                    workspace.update(|w| {
                                        if let Some(c) = w.campaign.criteria.get_mut(index) {
                                            c.bonus = checked;
                                        }
                                    });
                                }
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap">
            <table class="data criteria">
                <thead>
                    <tr>
                        <th>"Mã"</th>
                        <th>"Tiêu chí"</th>
                        <th>"Chỉ tiêu"</th>
                        <th>"Trọng số / điểm cộng"</th>
                        <th title="Tiêu chí điểm cộng không nằm trong bình quân gia quyền: đạt chỉ tiêu được cộng thêm tối đa số điểm ghi bên cạnh (điểm tổng hợp tối đa 100), và không bắt buộc để “Hoàn thành xuất sắc”">
                            "Điểm cộng"
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h3>"Ngưỡng xếp loại (điểm tổng hợp)"</h3>
        <div class="form-row">
            {threshold_input("Hoàn thành xuất sắc từ", |t| &mut t.excellent)}
            {threshold_input("Hoàn thành tốt từ", |t| &mut t.good)}
            {threshold_input("Hoàn thành từ", |t| &mut t.done)}
        </div>
        <h3>"Quy tắc đề xuất khen thưởng"</h3>
        <div class="form-row">
            <label class="field">
                <span>"Tập thể: số tuần không văn bản giấy tối thiểu"</span>
                <input
                    class="small"
                    id="min-paperless-weeks"
                    inputmode="numeric"
                    prop:value=move || workspace.with(|w| w.campaign.award_rules.min_paperless_weeks.to_string())
                    on:change=move |event| {
                        if let Ok(weeks) = parse_count(&event_target_value(&event)) {
                            workspace.update(|w| w.campaign.award_rules.min_paperless_weeks = weeks);
                        }
                    }
                />
            </label>
            <label class="field checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || workspace.with(|w| w.campaign.award_rules.individual_needs_initiative)
                    on:change=move |event| {
                        let checked = event_target_checked(&event);
                        workspace.update(|w| w.campaign.award_rules.individual_needs_initiative = checked);
                    }
                />
                <span>"Cá nhân phải có ít nhất một sáng kiến"</span>
            </label>
        </div>
        <p class="hint" id="app-defaults">{app_defaults_summary()}</p>
        <ul class="problems">
            {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
    }
}

/// An input for one classification threshold.
fn threshold_input(label: &'static str, field: fn(&mut Thresholds) -> &mut f64) -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                class="small"
                inputmode="decimal"
                aria-label=label
                prop:value=move || {
                    workspace.with(|w| format::decimal(*field(&mut w.campaign.thresholds.clone()), 1))
                }
                on:change=move |event| {
                    if let Some(value) = parse_decimal(&event_target_value(&event)) {
                        workspace.update(|w| *field(&mut w.campaign.thresholds) = value);
                    }
                }
            />
        </label>
    }
}

/// Export and import of the campaign file.
#[component]
fn CampaignFilePanel() -> impl IntoView {
    let workspace = use_workspace();
    let pending = RwSignal::new(None::<Campaign>);
    let message = RwSignal::new(Status::None);
    let export = move |_| {
        let text = workspace.with(|w| encode_campaign_file(&w.campaign, now()));
        if download_json(&campaign_file_name(today()), &text).is_err() {
            message.set(Some((false, "Trình duyệt không cho tải tệp xuống.".into())));
        }
    };
    let pick = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let outcome = match read_text(&file).await {
                Ok(text) => decode_campaign_file(&text).map_err(|e| e.to_string()),
                Err(_) => Err("Không đọc được tệp (tệp không phải văn bản).".to_string()),
            };
            match outcome {
                Ok(campaign) => {
                    message.set(None);
                    pending.set(Some(campaign));
                }
                Err(reason) => {
                    pending.set(None);
                    message.set(Some((false, format!("Tệp “{name}”: {reason}"))));
                }
            }
        });
    };
    let apply = move |_| {
        let Some(campaign) = pending.get_untracked() else {
            return;
        };
        workspace.update(|w| {
            if w.campaign.id != campaign.id {
                // Records of another campaign cannot be evaluated under this one.
                *w = Workspace::new(campaign);
            } else {
                w.campaign = campaign;
            }
        });
        pending.set(None);
        message.set(Some((true, "Đã dùng thiết lập phong trào từ tệp.".into())));
    };
    let preview = move || {
        pending.get().map(|campaign| {
            let same = workspace.with(|w| w.campaign.id == campaign.id);
            let records = workspace.with(|w| {
                w.daily_reports.len() + w.officer_records.len() + w.initiatives.len()
            });
            view! {
                <div class="preview" id="campaign-file-preview">
                    <p>
                        <strong>{campaign.title.clone()}</strong>
                        <br />
                        {format!(
                            "{} phòng, {} cán bộ, {} tiêu chí, từ {} đến {}.",
                            campaign.units.len(),
                            campaign.officers.len(),
                            campaign.criteria.len(),
                            format::date(campaign.period.start),
                            format::date(campaign.period.end),
                        )}
                    </p>
                    <p class=if same || records == 0 { "hint" } else { "warning" }>
                        {if same {
                            "Cùng đợt thi đua với dữ liệu hiện có: số liệu đã nhập được giữ nguyên.".to_string()
                        } else {
                            format!(
                                "Đợt thi đua khác với đợt đang dùng: {} bản ghi hiện có sẽ \
                                 được thay thế. Hãy xuất bản sao lưu trước nếu cần.",
                                format::integer(records as i64)
                            )
                        }}
                    </p>
                    <div class="actions">
                        <button class="primary" on:click=apply>"Dùng thiết lập này"</button>
                        <button on:click=move |_| pending.set(None)>"Hủy"</button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <p class="hint">
            "Phòng Pháp chế xuất tệp thiết lập phong trào và gửi cho các phòng; mỗi phòng nhập tệp này "
            "để tất cả dùng chung một mã đợt thi đua và bộ tiêu chí."
        </p>
        <div class="actions">
            <button class="primary" id="export-campaign" on:click=export>"Xuất tệp thiết lập phong trào"</button>
            <label class="button-like">
                "Nhập tệp thiết lập phong trào…"
                <input id="import-campaign" type="file" accept=".json,application/json" on:change=pick />
            </label>
        </div>
        <StatusMessage status=message />
        {preview}
    }
}

/// What this browser stores, sample data and reset.
#[component]
fn BrowserDataPanel() -> impl IntoView {
    let workspace = use_workspace();
    let size = move || {
        workspace.track();
        stored_size()
    };
    let load_sample = move |_| {
        if confirm(
            "Nạp dữ liệu mẫu (8 phòng, 80 cán bộ, 24 ngày làm việc)? Toàn bộ dữ liệu hiện tại \
             trong trình duyệt này sẽ bị thay thế.",
        ) {
            workspace.set(app_sample());
        }
    };
    let reset = move |_| {
        if confirm(
            "Đặt lại về thiết lập theo Kế hoạch? Toàn bộ dữ liệu hiện tại trong trình duyệt \
             này sẽ bị xóa.",
        ) {
            workspace.set(Workspace::new(seed_campaign(new_id())));
        }
    };
    view! {
        <p id="stored-size">
            "Dung lượng đang dùng: "
            <strong>{move || format::integer(size() as i64)}</strong>
            " / khoảng "
            {format::integer(STORAGE_BUDGET as i64)}
            " ký tự ("
            {move || format::decimal(size() as f64 * 100.0 / STORAGE_BUDGET as f64, 1)}
            "%)."
        </p>
        <div class="actions">
            <button id="load-sample" on:click=load_sample>"Nạp dữ liệu mẫu"</button>
            <button id="reset" class="danger" on:click=reset>"Đặt lại"</button>
        </div>
        <p class="hint">
            "Dữ liệu mẫu được sinh tự động, ghi rõ “DỮ LIỆU MẪU” trong tên phong trào, "
            "chỉ để dùng thử."
        </p>
    }
}

/// Period, holidays and deadlines.
#[component]
fn CalendarEditor() -> impl IntoView {
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

#[component]
pub fn Setup() -> impl IntoView {
    view! {
        <section class="panel">
            <h1>"Thiết lập phong trào thi đua"</h1>
            <p class="hint">"Thay đổi được lưu ngay khi nhập."</p>
            <CampaignField
                id="campaign-title-input"
                label="Tên phong trào"
                read=|c| &c.title
                write=|c| &mut c.title
            />
            <CampaignField
                id="issuing-body-input"
                label="Cơ quan ban hành"
                read=|c| &c.issuing_body
                write=|c| &mut c.issuing_body
            />
            <CampaignField
                id="plan-reference-input"
                label="Căn cứ kế hoạch"
                read=|c| &c.plan_reference
                write=|c| &mut c.plan_reference
            />
        </section>
        <section class="panel">
            <h2>"Thời gian và lịch làm việc"</h2>
            <CalendarEditor />
        </section>
        <section class="panel">
            <h2>"Tệp thiết lập phong trào"</h2>
            <CampaignFilePanel />
        </section>
        <section class="panel">
            <h2>"Các phòng thuộc Sở"</h2>
            <UnitsEditor />
        </section>
        <section class="panel">
            <h2>"Tiêu chí thi đua"</h2>
            <CriteriaEditor />
        </section>
        <section class="panel">
            <h2>"Dữ liệu trong trình duyệt này"</h2>
            <BrowserDataPanel />
        </section>
    }
}
