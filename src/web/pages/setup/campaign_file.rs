//! Tệp thiết lập phong trào: export the campaign for the divisions, and
//! import one with a preview before anything changes.

use crate::core::campaign::model::{Campaign, Workspace};
use crate::core::exchange::campaign_file::{
    campaign_file_name, decode_campaign_file, encode_campaign_file,
};
use crate::core::format;
use crate::web::app::{now, today, use_workspace};
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::download::{download_json, read_text, take_picked_file};
use leptos::prelude::*;

/// Export and import of the campaign file.
#[component]
pub(super) fn CampaignFilePanel() -> impl IntoView {
    let workspace = use_workspace();
    let pending = RwSignal::new(None::<Campaign>);
    let message = RwSignal::new(Status::None);
    let export = move |_| {
        let text = workspace.with(|w| encode_campaign_file(&w.campaign, now()));
        if download_json(&campaign_file_name(today()), &text).is_err() {
            message.set(Some((false, "Trình duyệt không cho tải tệp xuống.".into())));
        }
    };
    let pick = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let outcome = match read_text(&file).await {
                Ok(text) => decode_campaign_file(&text).map_err(|e| e.to_string()),
                Err(_) => Err("Không đọc được tệp (tệp không phải văn bản).".to_string()),
            };
            match outcome {
                Ok(campaign) => {
                    message.set(None);
                    pending.set(Some(campaign));
                }
                Err(reason) => {
                    pending.set(None);
                    message.set(Some((false, format!("Tệp “{name}”: {reason}"))));
                }
            }
        });
    };
    let apply = move |_| {
        let Some(campaign) = pending.get_untracked() else {
            return;
        };
        workspace.update(|w| {
            if w.campaign.id != campaign.id {
                // Records of another campaign cannot be evaluated under this one.
                *w = Workspace::new(campaign);
            } else {
                w.campaign = campaign;
            }
        });
        pending.set(None);
        message.set(Some((true, "Đã dùng thiết lập phong trào từ tệp.".into())));
    };
    let preview = move || {
        pending.get().map(|campaign| {
            let same = workspace.with(|w| w.campaign.id == campaign.id);
            let records = workspace.with(|w| {
                w.daily_reports.len() + w.officer_records.len() + w.initiatives.len()
            });
            view! {
                <div class="preview" id="campaign-file-preview">
                    <p>
                        <strong>{campaign.title.clone()}</strong>
                        <br />
                        {format!(
                            "{} phòng, {} cán bộ, {} tiêu chí, từ {} đến {}.",
                            campaign.units.len(),
                            campaign.officers.len(),
                            campaign.criteria.len(),
                            format::date(campaign.period.start),
                            format::date(campaign.period.end),
                        )}
                        {(!campaign.registered_keys.is_empty()).then(|| format!(
                            " Đăng ký trước khóa ký của {} phòng.",
                            campaign.registered_keys.len()
                        ))}
                    </p>
                    <p class=if same || records == 0 { "hint" } else { "warning" }>
                        {if same {
                            "Cùng đợt thi đua với dữ liệu hiện có: số liệu đã nhập được giữ nguyên.".to_string()
                        } else {
                            format!(
                                "Đợt thi đua khác với đợt đang dùng: {} bản ghi hiện có sẽ \
                                 được thay thế. Hãy xuất bản sao lưu trước nếu cần.",
                                format::integer(records as i64)
                            )
                        }}
                    </p>
                    <div class="actions">
                        <button class="primary" on:click=apply>"Dùng thiết lập này"</button>
                        <button on:click=move |_| pending.set(None)>"Hủy"</button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <p class="hint">
            "Phòng Pháp chế xuất tệp thiết lập phong trào và gửi cho các phòng; mỗi phòng nhập tệp này "
            "để tất cả dùng chung một mã đợt thi đua và bộ tiêu chí."
        </p>
        <div class="actions">
            <button class="primary" id="export-campaign" on:click=export>"Xuất tệp thiết lập phong trào"</button>
            <label class="button-like">
                "Nhập tệp thiết lập phong trào…"
                <input id="import-campaign" type="file" accept=".json,application/json" on:change=pick />
            </label>
        </div>
        <StatusMessage status=message />
        {preview}
    }
}
