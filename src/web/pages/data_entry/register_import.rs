//! Nhập liệu → “Nhập từ sổ văn bản…”: a division picks the registers its
//! e-office system exported, checks the guessed mapping, sees per working
//! day what would change, and applies it in one undoable step. Reading and
//! counting run in the register worker; the rules live in
//! `core::register`; this panel shows and forwards.

use std::rc::Rc;

use js_sys::Uint8Array;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, FileList, HtmlInputElement};

use crate::core::campaign::model::Workspace;
use crate::core::campaign::registers::{Mark, MarkRule, RegisterKind, RegisterMapping};
use crate::core::format;
use crate::core::register::count::{apply_import, decided_fields, plan_import};
use crate::core::register::mapping::{means_yes, remember_headers};
use crate::core::register::read::MAX_FILE_BYTES;
use crate::core::register::session::{FileRequest, FileView, RegisterView};
use crate::web::app::{now, use_workspace};
use crate::web::components::status_message::{Status, StatusMessage};
use crate::web::register_worker::RegisterWorker;

/// What the panel holds while an import is being prepared.
#[derive(Clone, Copy)]
struct ImportState {
    view: RwSignal<Option<RegisterView>>,
    requests: RwSignal<Vec<FileRequest>>,
    worker: StoredValue<Option<Rc<RegisterWorker>>, LocalStorage>,
    busy: RwSignal<bool>,
    message: RwSignal<Status>,
}

impl ImportState {
    /// Recounts under the current requests.
    fn recount(self) {
        let Some(worker) = self.worker.get_value() else {
            return;
        };
        let requests = self.requests.get_untracked();
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = worker.view(&requests).await;
            self.busy.try_set(false);
            match outcome {
                Ok(view) => {
                    self.view.try_set(Some(view));
                }
                Err(reason) => {
                    self.message.try_set(Some((false, reason)));
                }
            }
        });
    }

    /// Changes the mapping of file `index` and recounts.
    fn edit_mapping(self, index: usize, edit: impl FnOnce(&mut RegisterMapping, &FileView)) {
        let Some(file) = self
            .view
            .with_untracked(|v| v.as_ref().and_then(|v| v.files.get(index).cloned()))
        else {
            return;
        };
        let Some(mut mapping) = file.mapping.clone() else {
            return;
        };
        edit(&mut mapping, &file);
        self.set_request(
            index,
            FileRequest {
                mapping: Some(mapping),
                ..FileRequest::default()
            },
        );
    }

    fn set_request(self, index: usize, request: FileRequest) {
        self.requests.update(|requests| {
            if requests.len() <= index {
                requests.resize(index + 1, FileRequest::default());
            }
            requests[index] = request;
        });
        self.recount();
    }

    fn close(self) {
        self.worker.set_value(None);
        self.view.set(None);
        self.requests.set(Vec::new());
    }
}

#[component]
pub fn RegisterImport(unit_id: String) -> impl IntoView {
    let workspace = use_workspace();
    let state = ImportState {
        view: RwSignal::new(None),
        requests: RwSignal::new(Vec::new()),
        worker: StoredValue::new_local(None),
        busy: RwSignal::new(false),
        message: RwSignal::new(Status::None),
    };
    let snapshot = RwSignal::new(None::<Workspace>);
    let unit = StoredValue::new(unit_id);

    let read_files = move |files: FileList| {
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if files.is_empty() {
            return;
        }
        state.close();
        state.message.set(None);
        state.busy.set(true);
        let campaign = workspace.with_untracked(|w| w.campaign.clone());
        leptos::task::spawn_local(async move {
            let mut contents = Vec::with_capacity(files.len());
            for file in &files {
                // Too large to be a register: the reader is not even asked.
                let bytes = if file.size() > MAX_FILE_BYTES as f64 {
                    Uint8Array::new_with_length(0)
                } else {
                    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                        Ok(buffer) => Uint8Array::new(&buffer),
                        Err(_) => Uint8Array::new_with_length(0),
                    }
                };
                contents.push((file.name(), bytes));
            }
            let outcome = RegisterWorker::open(contents, &campaign).await;
            state.busy.try_set(false);
            match outcome {
                Ok((worker, view)) => {
                    state.worker.try_set_value(Some(Rc::new(worker)));
                    state
                        .requests
                        .try_set(vec![FileRequest::default(); view.files.len()]);
                    state.view.try_set(Some(view));
                }
                Err(reason) => {
                    state.message.try_set(Some((false, reason)));
                }
            }
        });
    };
    let pick = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            read_files(files);
        }
        input.set_value("");
    };
    let dragging = RwSignal::new(false);
    let drop = move |event: DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if let Some(files) = event.data_transfer().and_then(|d| d.files()) {
            read_files(files);
        }
    };

    let apply = move |_| {
        let Some(view) = state.view.get_untracked() else {
            return;
        };
        let names: Vec<String> = view
            .files
            .iter()
            .filter(|f| f.mapping.is_some())
            .map(|f| f.file_name.clone())
            .collect();
        if names.is_empty() {
            return;
        }
        snapshot.set(Some(workspace.get_untracked()));
        let unit_id = unit.get_value();
        let mut changed = 0;
        workspace.update(|w| {
            let plan = plan_import(w, &unit_id, &view.count);
            changed = apply_import(w, &unit_id, &plan, &names, now());
            for file in &view.files {
                if let Some(mapping) = &file.mapping {
                    let headers = file.columns.iter().map(|c| c.name.clone()).collect();
                    remember_headers(&mut w.campaign.register_mappings, headers, mapping);
                }
            }
        });
        state.close();
        state.message.set(Some((
            true,
            format!(
                "Đã ghi số liệu của {changed} ngày từ {}. Cách đọc sổ đã được ghi nhớ cho lần sau. \
                 Có thể hoàn tác cho đến khi tải lại trang.",
                names.join(", ")
            ),
        )));
    };
    let undo = move |_| {
        if let Some(before) = snapshot.get_untracked() {
            workspace.set(before);
            snapshot.set(None);
            state.message.set(Some((
                true,
                "Đã hoàn tác lần nhập sổ văn bản vừa rồi.".into(),
            )));
        }
    };

    view! {
        <section class="panel" id="register-import">
            <h2>"Nhập từ sổ văn bản"</h2>
            <p class="hint">
                "Chọn các tệp Excel (.xlsx) hoặc CSV mà hệ thống quản lý văn bản xuất ra: sổ văn bản "
                "đến, sổ văn bản đi, danh sách hồ sơ công việc. Ứng dụng đoán cách đọc từng cột; "
                "kiểm tra, xem trước từng ngày rồi mới áp dụng."
            </p>
            <p class="notice" id="register-privacy">
                "Tệp được đọc ngay trong trình duyệt này, không gửi đi đâu. Chỉ các con số được lưu: "
                "số, ký hiệu, trích yếu của văn bản không được lưu, không xuất và không ghi lại. "
                "Văn bản mật chỉ được đếm là văn bản không tính."
            </p>
            <label
                class=move || if dragging.get() { "drop-zone dragging" } else { "drop-zone" }
                on:dragover=move |event: DragEvent| {
                    event.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=drop
            >
                <input
                    id="register-files"
                    type="file"
                    accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                    multiple
                    on:change=pick
                />
                <strong>"Chọn sổ văn bản…"</strong>
                <span>"hoặc kéo thả các tệp .xlsx, .csv vào đây"</span>
            </label>
            <Show when=move || state.busy.get()>
                <p class="hint" role="status" id="register-busy">"Đang đọc và đếm…"</p>
            </Show>
            <StatusMessage status=state.message />
            <Show when=move || snapshot.with(Option::is_some)>
                <button id="undo-register" on:click=undo>"Hoàn tác lần nhập sổ vừa rồi"</button>
            </Show>
            {move || {
                state
                    .view
                    .with(|view| view.as_ref().map(|view| view.files.len()))
                    .map(|files| {
                        view! {
                            {(0..files).map(|index| view! { <FileMapping state index /> }).collect_view()}
                            <RegisterPreview state unit_id=unit.get_value() />
                            <div class="actions">
                                <button
                                    class="primary"
                                    id="apply-register"
                                    disabled=move || {
                                        state.busy.get()
                                            || state.view.with(|v| {
                                                v.as_ref().is_none_or(|v| v.count.covered_until.is_empty())
                                            })
                                    }
                                    on:click=apply
                                >
                                    "Áp dụng"
                                </button>
                                <button id="cancel-register" on:click=move |_| state.close()>"Hủy"</button>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

/// Parses a `<select>`'s value as a column index (“” is none).
fn chosen_column(event: &leptos::ev::Event) -> Option<usize> {
    event_target_value(event).parse().ok()
}

/// One file: what it is, where its header is, which column says what.
#[component]
fn FileMapping(state: ImportState, index: usize) -> impl IntoView {
    let file = move || {
        state
            .view
            .with(|v| v.as_ref().and_then(|v| v.files.get(index).cloned()))
    };
    move || {
        let file = file()?;
        let error = file
            .error
            .clone()
            .map(|e| view! { <p class="status-message error" role="alert">{e}</p> });
        let sheet_index = file.mapping.as_ref().map_or(0, |m| m.sheet);
        let header_row = file.mapping.as_ref().map(|m| m.header_row);
        let sheets = (file.sheets.len() > 1).then(|| {
            let options = file
                .sheets
                .iter()
                .enumerate()
                .map(|(i, name)| view! { <option value=i selected=i == sheet_index>{name.clone()}</option> })
                .collect_view();
            view! {
                <label class="field inline">
                    <span>"Trang tính"</span>
                    <select on:change=move |event| {
                        let sheet = event_target_value(&event).parse().ok();
                        state.set_request(index, FileRequest { sheet, ..FileRequest::default() });
                    }>{options}</select>
                </label>
            }
        });
        let header = (!file.sheets.is_empty()).then(|| {
            view! {
                <label class="field inline">
                    <span>"Dòng tiêu đề"</span>
                    <input
                        class="register-header-row"
                        type="number"
                        min="1"
                        value=header_row.map(|r| r.to_string()).unwrap_or_default()
                        on:change=move |event| {
                            let header_row = event_target_value(&event).trim().parse().ok();
                            state.set_request(
                                index,
                                FileRequest { sheet: Some(sheet_index), header_row, mapping: None },
                            );
                        }
                    />
                </label>
            }
        });
        let mapping_view = file
            .mapping
            .clone()
            .map(|mapping| mapping_fields(state, index, &file, &mapping));
        let summary = state.view.with(|v| {
            v.as_ref().and_then(|v| {
                v.count
                    .files
                    .iter()
                    .find(|f| f.file_name == file.file_name)
                    .cloned()
            })
        });
        let summary = summary.map(|count| {
            let moved = count
                .moved
                .iter()
                .map(|m| {
                    view! {
                        <li>
                            {format!(
                                "{} văn bản ngày {} (ngày nghỉ) tính vào {}.",
                                m.documents,
                                format::day_with_weekday(m.from),
                                format::day_with_weekday(m.to)
                            )}
                        </li>
                    }
                })
                .collect_view();
            let skipped_count = count.skipped.len();
            let skipped = count
                .skipped
                .iter()
                .take(50)
                .map(|s| view! { <li>{format!("Dòng {}: {}", s.row, s.reason)}</li> })
                .collect_view();
            view! {
                <p class="register-summary">
                    {format!(
                        "{}: tính {} dòng, không tính {} dòng.",
                        count.kind.label(),
                        format::integer(count.counted as i64),
                        format::integer(skipped_count as i64)
                    )}
                </p>
                <ul class="register-moved">{moved}</ul>
                {(skipped_count > 0).then(|| view! {
                    <details class="register-skipped">
                        <summary>{format!("Các dòng không tính ({skipped_count})")}</summary>
                        <ul>{skipped}</ul>
                        {(skipped_count > 50).then(|| view! { <p class="hint">{format!("… và {} dòng nữa.", skipped_count - 50)}</p> })}
                    </details>
                })}
            }
        });
        Some(view! {
            <fieldset class="register-file">
                <legend>{file.file_name.clone()}</legend>
                {error}
                <div class="register-layout">{sheets}{header}</div>
                {mapping_view}
                {summary}
            </fieldset>
        })
    }
}

/// The column choices of one file's mapping.
fn mapping_fields(
    state: ImportState,
    index: usize,
    file: &FileView,
    mapping: &RegisterMapping,
) -> impl IntoView {
    let column_options = |chosen: Option<usize>, none: Option<&'static str>, marks_only: bool| {
        let none =
            none.map(|label| view! { <option value="" selected=chosen.is_none()>{label}</option> });
        let columns = file
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| !marks_only || c.values.is_some())
            .map(|(i, c)| view! { <option value=i selected=chosen == Some(i)>{c.name.clone()}</option> })
            .collect_view();
        view! { {none} {columns} }
    };
    let kinds = RegisterKind::ALL
        .into_iter()
        .map(|kind| view! { <option value=format!("{kind:?}") selected=kind == mapping.kind>{kind.label()}</option> })
        .collect_view();
    let marks = mapping
        .kind
        .marks()
        .iter()
        .map(|&mark| {
            let rule = mapping.rule(mark).cloned();
            let values = rule.as_ref().and_then(|rule| {
                let values = file.columns.get(rule.column)?.values.clone()?;
                let boxes = values
                    .into_iter()
                    .map(|(value, rows)| {
                        let checked = rule.values.contains(&value);
                        let label = if value.is_empty() { "(trống)".to_string() } else { value.clone() };
                        view! {
                            <label class="register-value">
                                <input
                                    type="checkbox"
                                    checked=checked
                                    on:change=move |_| {
                                        let value = value.clone();
                                        state.edit_mapping(index, move |m, _| toggle_value(m, mark, value));
                                    }
                                />
                                {format!("{label} ({rows})")}
                            </label>
                        }
                    })
                    .collect_view();
                Some(view! { <div class="register-values">{boxes}</div> })
            });
            let none = if mark == Mark::External { "— không có cột (tính tất cả) —" } else { "— không có cột —" };
            view! {
                <div class="register-mark">
                    <label class="field">
                        <span>{mark.label(mapping.kind)}</span>
                        <select
                            data-mark=format!("{mark:?}")
                            on:change=move |event| {
                                let column = chosen_column(&event);
                                state.edit_mapping(index, move |m, file| set_mark_column(m, file, mark, column));
                            }
                        >
                            {column_options(rule.as_ref().map(|r| r.column), Some(none), true)}
                        </select>
                    </label>
                    {values}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="register-layout">
            <label class="field">
                <span>"Loại sổ"</span>
                <select class="register-kind" on:change=move |event| {
                    let kind = RegisterKind::ALL
                        .into_iter()
                        .find(|k| format!("{k:?}") == event_target_value(&event));
                    if let Some(kind) = kind {
                        state.edit_mapping(index, move |m, _| {
                            m.kind = kind;
                            m.marks.retain(|rule| kind.marks().contains(&rule.mark));
                        });
                    }
                }>{kinds}</select>
            </label>
            <label class="field">
                <span>"Cột ngày"</span>
                <select class="register-date" on:change=move |event| {
                    if let Some(column) = chosen_column(&event) {
                        state.edit_mapping(index, move |m, _| m.date_column = column);
                    }
                }>{column_options(Some(mapping.date_column), None, false)}</select>
            </label>
            <label class="field">
                <span>"Cột số văn bản (để bỏ dòng trùng)"</span>
                <select on:change=move |event| {
                    let column = chosen_column(&event);
                    state.edit_mapping(index, move |m, _| m.number_column = column);
                }>{column_options(mapping.number_column, Some("— không có cột —"), false)}</select>
            </label>
        </div>
        <div class="register-marks">{marks}</div>
    }
}

/// Points `mark` at `column` (or at none), taking the column's values that
/// read as “yes” as a first guess.
fn set_mark_column(
    mapping: &mut RegisterMapping,
    file: &FileView,
    mark: Mark,
    column: Option<usize>,
) {
    mapping.marks.retain(|rule| rule.mark != mark);
    let Some(column) = column else {
        return;
    };
    let values = file
        .columns
        .get(column)
        .and_then(|c| c.values.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|(value, _)| value)
        .filter(|value| means_yes(mark, value))
        .collect();
    mapping.marks.push(MarkRule {
        mark,
        column,
        values,
    });
}

fn toggle_value(mapping: &mut RegisterMapping, mark: Mark, value: String) {
    if let Some(rule) = mapping.marks.iter_mut().find(|rule| rule.mark == mark) {
        if let Some(at) = rule.values.iter().position(|v| *v == value) {
            rule.values.remove(at);
        } else {
            rule.values.push(value);
        }
    }
}

/// Per working day the registers decide: stored beside proposed, changes
/// marked; totals at the foot.
#[component]
fn RegisterPreview(state: ImportState, unit_id: String) -> impl IntoView {
    let workspace = use_workspace();
    move || {
        let count = state.view.with(|v| v.as_ref().map(|v| v.count.clone()))?;
        let kinds: Vec<RegisterKind> = count.covered_until.keys().copied().collect();
        if kinds.is_empty() {
            return Some(view! { <p class="notice">"Chưa có dòng nào được tính: kiểm tra cột ngày và dòng tiêu đề."</p> }.into_any());
        }
        let fields = decided_fields(&kinds);
        let plan: Vec<_> = workspace
            .with(|w| plan_import(w, &unit_id, &count))
            .into_iter()
            .filter(|day| !day.kinds.is_empty())
            .collect();
        let changed_days = plan.iter().filter(|d| d.stored != d.proposed).count();
        let header = fields
            .iter()
            .map(|f| view! { <th scope="col">{f.label()}</th> })
            .collect_view();
        let cell = |stored: u32, proposed: u32| {
            if stored == proposed {
                view! { <td class="num">{format::integer(proposed.into())}</td> }.into_any()
            } else {
                view! {
                    <td class="num changed" title=format!("Đang lưu {stored}, sẽ ghi {proposed}")>
                        <s>{format::integer(stored.into())}</s>
                        " → "
                        <strong>{format::integer(proposed.into())}</strong>
                    </td>
                }
                .into_any()
            }
        };
        let rows = plan
            .iter()
            .map(|day| {
                let cells = fields
                    .iter()
                    .map(|f| cell(f.get(&day.stored), f.get(&day.proposed)))
                    .collect_view();
                view! {
                    <tr class=if day.stored != day.proposed { "changed-day" } else { "" }>
                        <th scope="row">{format::day_with_weekday(day.date)}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        let totals = fields
            .iter()
            .map(|f| {
                let sum = |pick: fn(
                    &crate::core::register::count::DayPlan,
                )
                    -> &crate::core::campaign::model::DailyCounts| {
                    plan.iter().map(|d| f.get(pick(d))).sum::<u32>()
                };
                cell(sum(|d| &d.stored), sum(|d| &d.proposed))
            })
            .collect_view();
        Some(
            view! {
                <h3>"Xem trước"</h3>
                <p class="hint" id="register-preview-summary">
                    {format!(
                        "{} ngày làm việc do sổ quyết định, {changed_days} ngày sẽ thay đổi (đánh dấu). \
                         Số trang in và các sổ không chọn giữ nguyên.",
                        plan.len()
                    )}
                </p>
                <div class="table-scroll">
                    <table class="register-preview" id="register-preview">
                        <thead><tr><th scope="col">"Ngày"</th>{header}</tr></thead>
                        <tbody>{rows}</tbody>
                        <tfoot><tr><th scope="row">"Cộng"</th>{totals}</tr></tfoot>
                    </table>
                </div>
            }
            .into_any(),
        )
    }
}
