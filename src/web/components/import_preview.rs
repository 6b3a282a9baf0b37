//! The preview of an import on Hợp nhất: per file what it would add, update
//! or leave, why a file is refused, and a choice for every conflict. It
//! shows the core's dry run; nothing here decides anything.

use leptos::prelude::*;

use crate::core::exchange::envelope::{ExportFile, Source};
use crate::core::exchange::merge::{Choice, Choices, Conflict, MergeSummary, RecordKind};
use crate::core::format;

/// One picked file after the pipeline and the dry run.
#[derive(Clone)]
pub struct Checked {
    /// The file's name as picked or dropped.
    pub name: String,
    /// The decoded file, its warnings and what it would change; or why it
    /// was refused.
    pub result: Result<(ExportFile, Vec<String>, MergeSummary), String>,
}

fn source_text(file: &ExportFile) -> String {
    match &file.source {
        Source::Unit { unit_name, .. } => unit_name.clone(),
        Source::Consolidated { issuer } => format!("Tổng hợp — {issuer}"),
    }
}

fn summary_cells(summary: &MergeSummary) -> impl IntoView {
    view! {
        <td class="num">{summary.new + summary.new_units}</td>
        <td class="num">{summary.updated}</td>
        <td class="num">{summary.identical + summary.older}</td>
        <td class="num">{summary.conflicts.len()}</td>
    }
}

/// The dry run: one row per file, then the conflicts with a chooser.
#[component]
pub fn ImportPreview(checked: RwSignal<Vec<Checked>>, choices: RwSignal<Choices>) -> impl IntoView {
    let rows = move || {
        checked.with(|checked| {
            checked
                .iter()
                .map(|c| match &c.result {
                    Ok((file, warnings, summary)) => view! {
                        <tr class="accepted">
                            <th scope="row">{c.name.clone()}</th>
                            <td>{source_text(file)}</td>
                            <td>{format::date_time(file.exported_at)}</td>
                            {summary_cells(summary)}
                            <td class="outcome">
                                {if summary.changes_nothing() { "Không có gì mới" } else { "Sẵn sàng" }}
                                {warnings.iter().map(|w| view! { <p class="warning">{w.clone()}</p> }).collect_view()}
                            </td>
                        </tr>
                    }
                    .into_any(),
                    Err(reason) => view! {
                        <tr class="rejected">
                            <th scope="row">{c.name.clone()}</th>
                            <td colspan="6" class="reason">{reason.clone()}</td>
                            <td class="outcome">"Bị từ chối"</td>
                        </tr>
                    }
                    .into_any(),
                })
                .collect_view()
        })
    };
    let conflicts = move || {
        checked.with(|checked| {
            checked
                .iter()
                .filter_map(|c| {
                    c.result
                        .as_ref()
                        .ok()
                        .map(|r| (c.name.clone(), r.2.conflicts.clone()))
                })
                .flat_map(|(name, conflicts)| conflicts.into_iter().map(move |c| (name.clone(), c)))
                .collect::<Vec<(String, Conflict)>>()
        })
    };
    view! {
        <div class="table-wrap">
            <table class="data" id="import-preview">
                <thead>
                    <tr>
                        <th>"Tệp"</th>
                        <th>"Của"</th>
                        <th>"Xuất lúc"</th>
                        <th title="Bản ghi (và phòng) chưa có">"Mới"</th>
                        <th title="Bản ghi có phiên bản mới hơn">"Cập nhật"</th>
                        <th title="Bản ghi đã có y hệt, hoặc cũ hơn bản đang có">"Đã có"</th>
                        <th title="Cùng phiên bản nhưng khác nội dung">"Xung đột"</th>
                        <th>"Kết quả"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Show when=move || !conflicts().is_empty()>
            <h3>"Xung đột cần chọn"</h3>
            <p class="hint">
                "Hai bản cùng phiên bản nhưng khác nội dung. Mặc định giữ bản sửa sau cùng; chọn "
                "bản khác nếu cần."
            </p>
            <ul class="conflicts" id="conflicts">
                {move || conflicts().into_iter().map(|(file, conflict)| view! { <ConflictChooser file=file conflict=conflict choices=choices /> }).collect_view()}
            </ul>
        </Show>
    }
}

#[component]
fn ConflictChooser(file: String, conflict: Conflict, choices: RwSignal<Choices>) -> impl IntoView {
    let key: (RecordKind, String) = (conflict.kind, conflict.key.clone());
    let provisional = if conflict.incoming_wins {
        Choice::Incoming
    } else {
        Choice::Local
    };
    let chosen = {
        let key = key.clone();
        move || choices.with(|c| c.get(&key).copied().unwrap_or(provisional))
    };
    let choose = move |choice: Choice| {
        let key = key.clone();
        move |_| {
            choices.update(|c| {
                c.insert(key.clone(), choice);
            })
        }
    };
    let name = format!("conflict-{}-{}", conflict.kind.label(), conflict.key);
    let chosen_local = chosen.clone();
    view! {
        <li>
            <strong>{format!("{} “{}”", conflict.kind.label(), conflict.key)}</strong>
            " — tệp " {file}
            <label>
                <input type="radio" name=name.clone() prop:checked=move || chosen_local() == Choice::Local on:change=choose(Choice::Local) />
                " Giữ bản đang có: " <code>{conflict.local.clone()}</code>
            </label>
            <label>
                <input type="radio" name=name prop:checked=move || chosen() == Choice::Incoming on:change=choose(Choice::Incoming) />
                " Lấy bản trong tệp: " <code>{conflict.incoming.clone()}</code>
            </label>
        </li>
    }
}
