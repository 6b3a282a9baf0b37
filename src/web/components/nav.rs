//! The header: app name and the menu of screens.

use leptos::prelude::*;

use crate::core::route::Route;

#[component]
pub fn Nav(route: RwSignal<Route>) -> impl IntoView {
    let links = Route::ALL
        .into_iter()
        .filter(|r| r.in_menu())
        .map(|target| {
            // A division's report belongs to Nhập liệu.
            let current = move || match route.get() {
                Route::UnitReport => target == Route::DataEntry,
                shown => shown == target,
            };
            view! {
                <a
                    href=target.href()
                    class:active=current
                    aria-current=move || current().then_some("page")
                >
                    {target.label()}
                </a>
            }
        })
        .collect_view();
    view! {
        <header class="site-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"TĐ"</span>
                <span class="brand-text">
                    <strong>"Thi đua không giấy"</strong>
                    <small>"Ngày không in giấy · Tuần làm việc không văn bản giấy"</small>
                </span>
            </div>
            <nav class="menu" aria-label="Các màn hình">{links}</nav>
        </header>
    }
}
