//! Sao lưu và khôi phục: the whole workspace in a file outside the browser
//! (downloaded, or written after every save where the browser can), the
//! reminder's days, and a restore with a preview before anything changes.

use leptos::prelude::*;

use crate::core::exchange::backup::{restored, MAX_REMINDER_DAYS};
use crate::core::exchange::persist::{decode_workspace, workspace_json};
use crate::core::format;
use crate::web::app::{now, use_workspace};
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::components::undo_last::UndoLast;
use crate::web::download::take_picked_file;
use crate::web::import_worker::ImportWorker;
use crate::web::safekeeping::{use_safekeeping, AutoFile};

/// What the automatic backup file does now, in words, and what its button does.
fn auto_backup_state(state: &AutoFile) -> Option<(String, &'static str, &'static str)> {
    Some(match state {
        AutoFile::Unknown => return None,
        AutoFile::Unsupported => (
            "Trình duyệt này không cho ứng dụng tự ghi vào một tệp (chỉ Chrome và Edge có): hãy \
             tải bản sao lưu định kỳ; ứng dụng nhắc khi đã lâu chưa sao lưu."
                .into(),
            "hint",
            "",
        ),
        AutoFile::NotChosen => (
            "Chọn một tệp (ví dụ trong thư mục được sao lưu của cơ quan) để sau mỗi lần lưu, toàn \
             bộ dữ liệu được ghi vào đó."
                .into(),
            "hint",
            "Tự động sao lưu vào tệp…",
        ),
        AutoFile::Writing(name) => (
            format!("✓ Đang tự động sao lưu vào tệp “{name}” sau mỗi lần lưu."),
            "",
            "Ngừng tự động sao lưu",
        ),
        AutoFile::NeedsPermission(name) | AutoFile::Failed(name, _) => (
            format!("Chưa ghi được vào tệp “{name}”: trình duyệt cần được cho phép lại."),
            "warning",
            "Cho phép ghi tiếp",
        ),
    })
}

/// The automatic backup file: what it does now, and the button that changes it.
#[component]
fn AutoBackup() -> impl IntoView {
    let safekeeping = use_safekeeping();
    let act = move |_| match safekeeping.auto_file.get_untracked() {
        AutoFile::NotChosen => safekeeping.choose_auto_file(),
        AutoFile::Writing(_) => safekeeping.forget_auto_file(),
        AutoFile::NeedsPermission(_) | AutoFile::Failed(..) => safekeeping.allow_auto_file(),
        AutoFile::Unknown | AutoFile::Unsupported => {}
    };
    move || {
        safekeeping
            .auto_file
            .with(auto_backup_state)
            .map(|(text, class, button)| {
                view! {
                    <p class=class id="auto-backup-state">{text}</p>
                    <Show when=move || !button.is_empty()>
                        <button id="auto-backup-file" on:click=act>{button}</button>
                    </Show>
                }
            })
    }
}

/// The backups, the reminder and the restore.
#[component]
pub(super) fn BackupPanel() -> impl IntoView {
    let workspace = use_workspace();
    let safekeeping = use_safekeeping();
    let message = RwSignal::new(Status::None);
    // The preview's HTML and the backup's workspace (JSON).
    let pending = RwSignal::new(None::<(String, String)>);

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
    // The file is read, checked and previewed by the import worker: the
    // page carries neither the backup's reader nor its preview.
    let pick = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else {
            return;
        };
        let name = file.name();
        pending.set(None);
        let current = workspace.with_untracked(workspace_json);
        leptos::task::spawn_local(async move {
            let outcome = match ImportWorker::start() {
                Ok(worker) => worker.read_backup(current, file).await,
                Err(reason) => Err(reason),
            };
            match outcome {
                Ok(preview) => {
                    message.try_set(None);
                    pending.try_set(Some(preview));
                }
                Err(reason) => {
                    message.try_set(Some((false, format!("Tệp “{name}”: {reason}"))));
                }
            }
        });
    };
    let restore = move |_| {
        let Some((_, json)) = pending.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let backup = match decode_workspace(&json) {
                Ok(backup) => backup,
                Err(reason) => {
                    message.try_set(Some((false, reason.to_string())));
                    return;
                }
            };
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
            workspace.try_set(restored(backup));
            pending.try_set(None);
            message.try_set(Some((
                true,
                "Đã khôi phục dữ liệu từ bản sao lưu. Có thể hoàn tác, kể cả sau khi tải lại trang."
                    .into(),
            )));
        });
    };
    let preview = move || {
        pending.with(|kept| {
            let (html, _) = kept.as_ref()?;
            Some(view! {
                <div class="preview" id="restore-preview">
                    <div inner_html=html.clone()></div>
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
        <div class="auto-backup">
            <AutoBackup />
        </div>
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
