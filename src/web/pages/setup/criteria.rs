//! Tiêu chí thi đua: targets, weights or bonus points, the classification
//! thresholds and the award rules, with the app's own defaults spelled out.

use crate::core::campaign::model::{Target, Thresholds};
use crate::core::campaign::template::app_defaults_summary;
use crate::core::entry::validation::{parse_count, parse_decimal, parse_target};
use crate::core::exchange::campaign_file::check_campaign;
use crate::core::format;
use crate::web::app::use_workspace;
use leptos::prelude::*;

/// Targets and weights of the criteria.
#[component]
pub(super) fn CriteriaEditor() -> impl IntoView {
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
