//! The campaign's deadlines with a countdown from today.

use leptos::prelude::*;

use crate::core::campaign::calendar::{deadline_status, DeadlineStatus};
use crate::core::format;
use crate::web::app::{today, use_workspace};

#[component]
pub fn DeadlineList() -> impl IntoView {
    let workspace = use_workspace();
    let today = today();
    let items = move || {
        workspace.with(|workspace| {
            workspace
                .campaign
                .deadlines
                .iter()
                .map(|deadline| {
                    let status = deadline_status(deadline, today);
                    let tone = match status {
                        DeadlineStatus::DaysLeft(days) if days > 3 => "upcoming",
                        DeadlineStatus::DaysLeft(_) | DeadlineStatus::LastDay => "urgent",
                        DeadlineStatus::Overdue(_) => "past",
                    };
                    view! {
                        <li class=format!("deadline {tone}") data-deadline=deadline.id.clone()>
                            <span class="countdown">{status.text()}</span>
                            <span class="due">
                                "Trước ngày " {format::date(deadline.due_before)}
                            </span>
                            <span class="what">{deadline.deliverable.clone()}</span>
                            <span class="who">
                                {deadline.from.clone()} " → " {deadline.to.clone()}
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! { <ul class="deadlines">{items}</ul> }
}
