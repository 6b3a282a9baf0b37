//! Which divisions have handed in their file, and when, against the
//! divisions' reporting deadline.

use leptos::prelude::*;

use crate::core::exchange::merge::{
    division_deadline, register_days, submission_statuses, submissions_by_unit, tally,
    SubmissionStatus,
};
use crate::core::format;
use crate::web::app::use_workspace;

/// Divisions listed at first, and added by each “Xem thêm”: a province
/// has 2,000, and drawing them all again after every merge held the page
/// for some 100 ms.
const DIVISION_PAGE: usize = 100;

#[component]
pub fn SubmissionTable() -> impl IntoView {
    let workspace = use_workspace();
    let limit = RwSignal::new(DIVISION_PAGE);
    let table = move || {
        workspace.with(|w| {
            let Some(due) = division_deadline(&w.campaign) else {
                return view! { <p class="hint">"Phong trào chưa có thời hạn báo cáo nào."</p> }
                    .into_any();
            };
            let statuses = submission_statuses(w, due);
            let from_registers = register_days(w);
            let (on_time, late, missing) = tally(&statuses);
            // Thousands grouped, as everywhere else: “2.000 phòng”.
            let count = |n: usize| format::integer(n as i64);
            let summary = format!(
                "Hạn nộp: trước ngày {}. Đúng hạn {}, trễ hạn {}, chưa nộp {} trên {} phòng. \
                 Đúng hạn nghĩa là tệp cuối cùng có thay đổi số liệu của phòng được xuất trước \
                 hạn.",
                format::date(due),
                count(on_time),
                count(late),
                count(missing),
                count(statuses.len())
            );
            let submissions = submissions_by_unit(w);
            let remaining = statuses.len().saturating_sub(limit.get());
            // In campaign order, as the statuses are.
            let rows = w
                .campaign
                .units
                .iter()
                .zip(&statuses)
                .take(limit.get())
                .map(|(unit, (unit_id, status))| {
                    let name = unit.name.clone();
                    let submission = submissions.get(unit_id.as_str());
                    let tone = match status {
                        SubmissionStatus::OnTime(_) => "met",
                        SubmissionStatus::Late(_) => "missed",
                        SubmissionStatus::Missing => "na",
                    };
                    let when = match status {
                        SubmissionStatus::OnTime(at) | SubmissionStatus::Late(at) => {
                            format::date_time(*at)
                        }
                        SubmissionStatus::Missing => "—".into(),
                    };
                    let files = submission
                        .map(|s| {
                            if s.last_exported_at > s.first_exported_at {
                                format!(
                                    "tệp đầu {}, tệp cuối {}",
                                    format::date_time(s.first_exported_at),
                                    format::date_time(s.last_exported_at)
                                )
                            } else {
                                format!("một tệp, {}", format::date_time(s.first_exported_at))
                            }
                        })
                        .unwrap_or_default();
                    view! {
                        <tr data-unit=unit_id.clone()>
                            <th scope="row">{name}</th>
                            <td class=format!("status {tone}")>{status.label()}</td>
                            <td>{when}</td>
                            <td class="hint">{files}</td>
                            <td class="num register-days">
                                {from_registers
                                    .get(unit_id.as_str())
                                    .map_or("—".to_string(), |(read, reported)| format!("{read}/{reported}"))}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p class="hint" id="submission-summary">{summary}</p>
                <div class="table-wrap">
                    <table class="data" id="submissions">
                        <thead>
                            <tr>
                                <th>"Phòng"</th>
                                <th>"Tình trạng"</th>
                                <th title="Thời điểm xuất của tệp cuối cùng có thay đổi số liệu: căn cứ tính đúng hạn">
                                    "Số liệu đầy đủ lúc"
                                </th>
                                <th>"Các tệp đã nhận"</th>
                                <th title="Số ngày có số liệu đọc từ sổ văn bản của hệ thống quản lý văn bản, trên số ngày đã báo cáo">
                                    "Ngày từ sổ văn bản"
                                </th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <Show when=move || { remaining > 0 }>
                    <button
                        type="button"
                        id="submission-more"
                        on:click=move |_| limit.update(|l| *l += DIVISION_PAGE)
                    >
                        {format!("Xem thêm ({} phòng nữa)", format::integer(remaining as i64))}
                    </button>
                </Show>
            }
            .into_any()
        })
    };
    view! { <div class="submissions">{table}</div> }
}
