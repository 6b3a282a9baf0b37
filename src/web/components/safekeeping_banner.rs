//! Says when the data is held by this browser alone: changes no file has
//! had for the days set in Thiết lập, or a backup file the browser no
//! longer lets the app write. One click keeps the data in a file.

use leptos::prelude::*;

use crate::web::app::now;
use crate::web::safekeeping::{use_safekeeping, AutoFile};

#[component]
pub fn SafekeepingBanner() -> impl IntoView {
    let safekeeping = use_safekeeping();
    let failed = RwSignal::new(None::<String>);
    let download = move |_| failed.set(safekeeping.download_backup().err());
    let file_problem = move || match safekeeping.auto_file.get() {
        AutoFile::NeedsPermission(name) => Some(format!(
            "Trình duyệt cần được cho phép lại để tự động sao lưu vào tệp “{name}” (sau khi mở \
             lại trình duyệt, trình duyệt hỏi lại)."
        )),
        AutoFile::Failed(name, reason) if !name.is_empty() => Some(format!(
            "Không ghi được bản sao lưu vào tệp “{name}” ({reason})."
        )),
        _ => None,
    };
    view! {
        {move || {
            file_problem()
                .map(|text| {
                    view! {
                        <div class="banner warning" id="backup-file-banner" role="status">
                            <p>{text}</p>
                            <div class="actions">
                                <button
                                    class="primary"
                                    on:click=move |_| safekeeping.allow_auto_file()
                                >
                                    "Cho phép ghi tiếp"
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        {move || {
            safekeeping
                .record
                .with(|record| record.reminder(now()))
                .map(|text| {
                    view! {
                        <div class="banner warning" id="backup-reminder" role="status">
                            <p>
                                <strong>"Nên sao lưu: "</strong>
                                {text}
                            </p>
                            <div class="actions">
                                <button class="primary" id="backup-now" on:click=download>
                                    "Sao lưu ngay"
                                </button>
                                <a href="#/thiet-lap">"Thiết lập sao lưu"</a>
                            </div>
                            {move || failed.get().map(|reason| view! { <p class="error">{reason}</p> })}
                        </div>
                    }
                })
        }}
    }
}
