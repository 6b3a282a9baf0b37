//! Sao lưu và khôi phục: the whole workspace in a file outside the browser
//! (downloaded, or written after every save where the browser can), the
//! reminder's days, and a restore with a preview before anything changes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::core::exchange::backup::{
    decode_backup, restore_preview, Backup, BackupError, MAX_BACKUP_BYTES, MAX_REMINDER_DAYS,
};
use crate::core::format;
use crate::web::app::{now, use_workspace};
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::components::undo_last::UndoLast;
use crate::web::download::read_text;
use crate::web::safekeeping::{use_safekeeping, AutoFile};

/// The automatic backup file: what it does now, and the button that changes it.
#[component]
fn AutoBackup() -> impl IntoView {
    let safekeeping = use_safekeeping();
    move || match safekeeping.auto_file.get() {
        AutoFile::Unknown => ().into_any(),
        AutoFile::Unsupported => view! {
            <p class="hint" id="auto-backup-state">
                "Trình duyệt này không cho ứng dụng tự ghi vào một tệp (chỉ Chrome và Edge có): "
                "hãy tải bản sao lưu định kỳ; ứng dụng nhắc khi đã lâu chưa sao lưu."
            </p>
        }
        .into_any(),
        AutoFile::NotChosen => view! {
            <p class="hint" id="auto-backup-state">
                "Chọn một tệp (ví dụ trong thư mục được sao lưu của cơ quan) để sau mỗi lần lưu, "
                "toàn bộ dữ liệu được ghi vào đó."
            </p>
            <button id="choose-backup-file" on:click=move |_| safekeeping.choose_auto_file()>
                "Tự động sao lưu vào tệp…"
            </button>
        }
        .into_any(),
        AutoFile::Writing(name) => view! {
            <p id="auto-backup-state">
                "✓ Đang tự động sao lưu vào tệp “" <strong>{name}</strong> "” sau mỗi lần lưu."
            </p>
            <button id="stop-backup-file" on:click=move |_| safekeeping.forget_auto_file()>
                "Ngừng tự động sao lưu"
            </button>
        }
        .into_any(),
        AutoFile::NeedsPermission(name) | AutoFile::Failed(name, _) => view! {
            <p class="warning" id="auto-backup-state">
                "Chưa ghi được vào tệp “" {name} "”: trình duyệt cần được cho phép lại."
            </p>
            <div class="actions">
                <button class="primary" on:click=move |_| safekeeping.allow_auto_file()>
                    "Cho phép ghi tiếp"
                </button>
                <button on:click=move |_| safekeeping.choose_auto_file()>"Chọn tệp khác…"</button>
            </div>
        }
        .into_any(),
    }
}

/// The backups, the reminder and the restore.
#[component]
pub(super) fn BackupPanel() -> impl IntoView {
    let workspace = use_workspace();
    let safekeeping = use_safekeeping();
    let message = RwSignal::new(Status::None);
    let pending = RwSignal::new(None::<Backup>);

    let download = move |_| match safekeeping.download_backup() {
        Ok(()) => message.set(Some((true, "Đã tải bản sao lưu xuống.".into()))),
        Err(reason) => message.set(Some((false, reason))),
    };
    let set_days = move |event: leptos::ev::Event| {
        let typed = event_target_value(&event);
        if safekeeping.set_reminder_days(&typed) {
            message.set(None);
        } else {
            message.set(Some((
                false,
                format!("Số ngày nhắc sao lưu là một số nguyên từ 1 đến {MAX_REMINDER_DAYS}."),
            )));
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
        pending.set(None);
        leptos::task::spawn_local(async move {
            let size = file.size() as usize;
            let outcome = if size > MAX_BACKUP_BYTES {
                Err(BackupError::TooLarge(size).to_string())
            } else {
                match read_text(&file).await {
                    Ok(text) => decode_backup(&text).map_err(|e| e.to_string()),
                    Err(_) => Err("Không đọc được tệp (tệp không phải văn bản).".to_string()),
                }
            };
            match outcome {
                Ok(backup) => {
                    message.try_set(None);
                    pending.try_set(Some(backup));
                }
                Err(reason) => {
                    message.try_set(Some((false, format!("Tệp “{name}”: {reason}"))));
                }
            }
        });
    };
    let restore = move |_| {
        let Some(backup) = pending.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let label = format!("lần khôi phục bản sao lưu lúc {}", format::date_time(now()));
            if let Err(reason) = safekeeping.keep_undo(label).await {
                message.try_set(Some((
                    false,
                    format!(
                        "Chưa khôi phục: trình duyệt không giữ được bản dữ liệu hiện tại để hoàn \
                         tác ({reason}). Hãy tải bản sao lưu dữ liệu hiện tại trước."
                    ),
                )));
                return;
            }
            workspace.try_set(backup.workspace);
            pending.try_set(None);
            message.try_set(Some((
                true,
                "Đã khôi phục dữ liệu từ bản sao lưu. Có thể hoàn tác, kể cả sau khi tải lại trang."
                    .into(),
            )));
        });
    };
    let preview = move || {
        pending.with(|backup| {
            let backup = backup.as_ref()?;
            let preview = workspace.with(|current| restore_preview(current, backup));
            Some(view! {
                <div class="preview" id="restore-preview">
                    <p><strong>{preview.summary}</strong></p>
                    <p class="hint">{preview.origin}</p>
                    {preview.loss.map(|loss| view! { <p class="warning">{loss}</p> })}
                    <div class="actions">
                        <button class="primary" id="apply-restore" on:click=restore>
                            "Khôi phục"
                        </button>
                        <button on:click=move |_| pending.set(None)>"Hủy"</button>
                    </div>
                </div>
            })
        })
    };
    view! {
        <p class="hint">
            "Dữ liệu chỉ nằm trong trình duyệt này: xóa dữ liệu duyệt web, cài lại máy hay trình "
            "duyệt tự dọn bộ nhớ đều làm mất những gì chưa ra tệp. Bản sao lưu giữ toàn bộ dữ "
            "liệu (kể cả báo cáo và hồ sơ khen thưởng), có mã kiểm tra SHA-256."
        </p>
        <p id="last-kept">{move || safekeeping.record.with(|r| r.last_kept_text())}</p>
        <div class="actions">
            <button class="primary" id="download-backup" on:click=download>
                "Tải bản sao lưu"
            </button>
            <label class="button-like">
                "Khôi phục từ bản sao lưu…"
                <input id="restore-backup" type="file" accept=".json,application/json" on:change=pick />
            </label>
            <UndoLast id="undo-restore" message=message />
        </div>
        <AutoBackup />
        <label class="field inline" for="reminder-days">
            <span>"Nhắc sao lưu khi dữ liệu thay đổi mà chưa ra tệp sau (ngày)"</span>
            <input
                id="reminder-days"
                type="number"
                min="1"
                max=MAX_REMINDER_DAYS
                prop:value=move || safekeeping.record.with(|r| r.reminder_days)
                on:change=set_days
            />
        </label>
        <StatusMessage status=message />
        {preview}
    }
}
