//! Says when the data is held by this browser alone: a backup file the
//! browser no longer lets the app write, or changes no file has had for the
//! days set in Thiết lập. One click keeps the data in a file.

use leptos::prelude::*;

use crate::web::app::now;
use crate::web::safekeeping::{use_safekeeping, AutoFile};

/// The banner's id, heading and text, and its button's id and label.
type Notice = (
    &'static str,
    &'static str,
    String,
    &'static str,
    &'static str,
);

#[component]
pub fn SafekeepingBanner() -> impl IntoView {
    let safekeeping = use_safekeeping();
    let failed = RwSignal::new(None::<String>);
    let notice = move || -> Option<Notice> {
        let file = |text| {
            Some((
                "backup-file-banner",
                "Tự động sao lưu: ",
                text,
                "allow-backup-file",
                "Cho phép ghi tiếp",
            ))
        };
        match safekeeping.auto_file.get() {
            AutoFile::NeedsPermission(name) => file(format!(
                "trình duyệt cần được cho phép lại để ghi vào tệp “{name}” (sau khi mở lại \
                 trình duyệt, trình duyệt hỏi lại)."
            )),
            AutoFile::Failed(name, reason) if !name.is_empty() => {
                file(format!("không ghi được vào tệp “{name}” ({reason})."))
            }
            _ => safekeeping
                .record
                .with(|record| record.reminder(now()))
                .map(|text| {
                    (
                        "backup-reminder",
                        "Nên sao lưu: ",
                        text,
                        "backup-now",
                        "Sao lưu ngay",
                    )
                }),
        }
    };
    move || {
        notice().map(|(id, heading, text, button, label)| {
            let allow = button == "allow-backup-file";
            let act = move |_| {
                if allow {
                    safekeeping.allow_auto_file();
                } else {
                    failed.set(safekeeping.download_backup().err());
                }
            };
            view! {
                <div class="banner warning" id=id role="status">
                    <p>
                        <strong>{heading}</strong>
                        {text}
                    </p>
                    <div class="actions">
                        <button class="primary" id=button on:click=act>
                            {label}
                        </button>
                        <a href="#/thiet-lap">"Thiết lập sao lưu"</a>
                    </div>
                    {move || failed.get().map(|reason| view! { <p class="error">{reason}</p> })}
                </div>
            }
        })
    }
}
