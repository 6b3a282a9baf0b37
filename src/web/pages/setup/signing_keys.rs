//! Chữ ký của các phòng: this browser's signing key, and the divisions' keys
//! the consolidating office pinned on Hợp nhất (`core::exchange::signature`).

use leptos::prelude::*;

use crate::core::format;
use crate::web::app::use_workspace;
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
    let rows = move || {
        workspace.with(|w| {
            w.signing_keys
                .iter()
                .map(|key| {
                    let unit = w
                        .campaign
                        .units
                        .iter()
                        .find(|u| u.id == key.unit_id)
                        .map_or(key.unit_id.clone(), |u| u.name.clone());
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
            when=move || workspace.with(|w| !w.signing_keys.is_empty())
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
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </Show>
    }
}
