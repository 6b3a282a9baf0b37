//! Chữ ký của các phòng: this browser's signing key, and the divisions' keys
//! the consolidating office pinned on Hợp nhất (`core::exchange::signature`).

use leptos::prelude::*;

use crate::core::campaign::model::Workspace;
use crate::core::exchange::import::{keys_awaiting_a_file, register_pinned_keys};
use crate::core::exchange::signature::fingerprint_of;
use crate::core::format;
use crate::web::app::use_workspace;
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::signing::own_signer;

/// This browser's key and the pinned keys.
#[component]
pub(super) fn SigningKeysPanel() -> impl IntoView {
    let workspace = use_workspace();
    // A signal filled once, not a resource: Leptos's async resources cost
    // the first load about 10 KB of gzip (measured) for this one sentence.
    let own = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        own.try_set(Some(own_signer().await));
    });
    let own_text = move || match own.get() {
        None => "…".to_string(),
        Some(Some(signer)) => format!(
            "Khóa ký của trình duyệt này: {}. Mọi tệp xuất từ đây được ký bằng khóa này.",
            signer.fingerprint()
        ),
        Some(None) => "Trình duyệt không có WebCrypto ở địa chỉ này (trang mở qua HTTP, không \
                       phải HTTPS): tệp xuất từ đây không có chữ ký."
            .to_string(),
    };
    let message = RwSignal::new(Status::None);
    let register = move |_| {
        let mut registered = 0;
        workspace.update(|w| registered = register_pinned_keys(w));
        message.set(Some((
            true,
            format!(
                "Tệp thiết lập phong trào xuất từ nay mang {registered} khóa ký của các phòng: \
                 máy khác nhập tệp đó sẽ nhận ra các khóa này ngay từ tệp đầu tiên."
            ),
        )));
    };
    let unit_name = |w: &Workspace, id: &str| {
        w.campaign
            .units
            .iter()
            .find(|u| u.id == id)
            .map_or(id.to_string(), |u| u.name.clone())
    };
    // Keys the campaign file registered for divisions no file has come from yet.
    let registered_rows = move || {
        workspace.with(|w| {
            keys_awaiting_a_file(w)
                .map(|key| {
                    let fingerprint = fingerprint_of(&key.public_key);
                    view! {
                        <tr>
                            <th scope="row">{unit_name(w, &key.unit_id)}</th>
                            <td><code>{fingerprint}</code></td>
                            <td>"Đăng ký trước qua tệp thiết lập (chưa nhận tệp)"</td>
                            <td>"—"</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let rows = move || {
        workspace.with(|w| {
            w.signing_keys
                .iter()
                .map(|key| {
                    let unit = unit_name(w, &key.unit_id);
                    let replaced = if key.replaced.is_empty() {
                        "—".to_string()
                    } else {
                        format!(
                            "{} lần (khóa cũ: {})",
                            key.replaced.len(),
                            key.replaced.join(", ")
                        )
                    };
                    view! {
                        <tr>
                            <th scope="row">{unit}</th>
                            <td><code>{key.fingerprint.clone()}</code></td>
                            <td>{format::date_time(key.pinned_at)}</td>
                            <td>{replaced}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <p class="hint">
            "Mỗi trình duyệt có một khóa riêng (không rời khỏi trình duyệt) để ký tệp xuất. Khi "
            "Hợp nhất nhận tệp có chữ ký đầu tiên của một phòng, khóa đó được ghi nhận; tệp sau ký "
            "bằng khóa khác bị giữ lại cho đến khi được chấp nhận. Chữ ký cho biết tệp đến từ cùng "
            "trình duyệt với các lần trước, không thay cho chữ ký số của cá nhân trên hệ thống "
            "quản lý văn bản."
        </p>
        <p id="own-signing-key">{own_text}</p>
        <Show
            when=move || {
                workspace.with(|w| !w.signing_keys.is_empty() || !w.campaign.registered_keys.is_empty())
            }
            fallback=|| {
                view! {
                    <p class="hint" id="signing-keys">
                        "Chưa ghi nhận khóa của phòng nào: khóa được ghi nhận khi Hợp nhất nhận tệp "
                        "có chữ ký đầu tiên của phòng."
                    </p>
                }
            }
        >
            <div class="table-wrap">
                <table class="data" id="signing-keys">
                    <thead>
                        <tr>
                            <th>"Phòng"</th>
                            <th>"Khóa"</th>
                            <th>"Ghi nhận lúc"</th>
                            <th>"Đã đổi khóa"</th>
                        </tr>
                    </thead>
                    <tbody>{rows} {registered_rows}</tbody>
                </table>
            </div>
            <div class="actions">
                <button id="register-keys" on:click=register>"Ghi các khóa vào tệp thiết lập phong trào"</button>
            </div>
            <p class="hint">
                "Tệp thiết lập phong trào xuất sau đó mang các khóa này: máy khác của Phòng Pháp chế, "
                "hay cấp trên, nhập tệp sẽ nhận ra khóa của từng phòng ngay từ tệp đầu tiên, và giữ lại "
                "tệp ký bằng khóa khác."
            </p>
            <StatusMessage status=message />
        </Show>
    }
}
