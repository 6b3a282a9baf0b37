//! The mapping and preview screen of a register import, as HTML. The
//! register worker renders it and the page only shows it and forwards its
//! controls' changes (each control names itself in `data-file`,
//! `data-control` and `data-mark`), so none of this weighs on the app's
//! first load. Every text from a file is escaped.

use std::fmt::Write;

use crate::core::campaign::registers::{Mark, RegisterKind, RegisterMapping};
use crate::core::format::{self, xml_text};
use crate::core::register::count::{decided_fields, DayPlan, FileCount};
use crate::core::register::session::{FileView, RegisterView};

/// The most skipped rows listed per file (the count says how many more).
const SKIPPED_SHOWN: usize = 50;

/// The whole screen for `view`, with `plan` as the preview.
pub fn render(view: &RegisterView, plan: &[DayPlan]) -> String {
    let mut html = String::new();
    for (index, file) in view.files.iter().enumerate() {
        let count = view
            .count
            .files
            .iter()
            .find(|c| c.file_name == file.file_name);
        file_html(&mut html, index, file, count);
    }
    preview_html(&mut html, view, plan);
    html
}

fn option(html: &mut String, value: &str, label: &str, selected: bool) {
    let _ = write!(
        html,
        "<option value=\"{}\"{}>{}</option>",
        xml_text(value),
        if selected { " selected" } else { "" },
        xml_text(label)
    );
}

/// A labelled `<select>` that reports `control` (and `mark`) of file `index`.
fn select(
    html: &mut String,
    index: usize,
    control: &str,
    mark: Option<Mark>,
    label: &str,
    options: impl FnOnce(&mut String),
) {
    let mark_key = mark.map_or("", Mark::key);
    let _ = write!(
        html,
        "<label class=\"field\"><span>{}</span><select id=\"reg-{index}-{control}{}{mark_key}\" \
         data-file=\"{index}\" data-control=\"{control}\" data-mark=\"{mark_key}\">",
        xml_text(label),
        if mark.is_some() { "-" } else { "" },
    );
    options(html);
    html.push_str("</select></label>");
}

fn column_options(
    html: &mut String,
    file: &FileView,
    chosen: Option<usize>,
    none: Option<&str>,
    marks_only: bool,
) {
    if let Some(none) = none {
        option(html, "", none, chosen.is_none());
    }
    for (column, view) in file.columns.iter().enumerate() {
        if !marks_only || view.values.is_some() {
            option(
                html,
                &column.to_string(),
                &view.name,
                chosen == Some(column),
            );
        }
    }
}

fn file_html(html: &mut String, index: usize, file: &FileView, count: Option<&FileCount>) {
    let _ = write!(
        html,
        "<fieldset class=\"register-file\"><legend>{}</legend>",
        xml_text(&file.file_name)
    );
    if let Some(error) = &file.error {
        let _ = write!(
            html,
            "<p class=\"status-message error\" role=\"alert\">{}</p>",
            xml_text(error)
        );
    }
    if file.sheets.is_empty() {
        html.push_str("</fieldset>");
        return;
    }
    html.push_str("<div class=\"register-layout\">");
    let sheet = file.mapping.as_ref().map_or(0, |m| m.sheet);
    if file.sheets.len() > 1 {
        select(html, index, "sheet", None, "Trang tính", |html| {
            for (i, name) in file.sheets.iter().enumerate() {
                option(html, &i.to_string(), name, i == sheet);
            }
        });
    }
    let _ = write!(
        html,
        "<label class=\"field\"><span>Dòng tiêu đề</span><input id=\"reg-{index}-header-row\" \
         type=\"number\" min=\"1\" inputmode=\"numeric\" value=\"{}\" data-file=\"{index}\" \
         data-control=\"header-row\" data-mark=\"\"></label>",
        file.mapping
            .as_ref()
            .map(|m| m.header_row.to_string())
            .unwrap_or_default()
    );
    if let Some(mapping) = &file.mapping {
        mapping_html(html, index, file, mapping);
    } else {
        html.push_str("</div>");
    }
    if let Some(count) = count {
        count_html(html, count);
    }
    html.push_str("</fieldset>");
}

fn mapping_html(html: &mut String, index: usize, file: &FileView, mapping: &RegisterMapping) {
    select(html, index, "kind", None, "Loại sổ", |html| {
        for kind in RegisterKind::ALL {
            option(html, kind.key(), kind.label(), kind == mapping.kind);
        }
    });
    select(html, index, "date", None, "Cột ngày", |html| {
        column_options(html, file, Some(mapping.date_column), None, false);
    });
    select(
        html,
        index,
        "number",
        None,
        "Cột số văn bản (để bỏ dòng trùng)",
        |html| {
            column_options(
                html,
                file,
                mapping.number_column,
                Some("— không có cột —"),
                false,
            );
        },
    );
    html.push_str("</div><div class=\"register-marks\">");
    for &mark in mapping.kind.marks() {
        let rule = mapping.rule(mark);
        html.push_str("<div class=\"register-mark\">");
        let none = if mark == Mark::External {
            "— không có cột (tính tất cả) —"
        } else {
            "— không có cột —"
        };
        select(
            html,
            index,
            "mark",
            Some(mark),
            mark.label(mapping.kind),
            |html| {
                column_options(html, file, rule.map(|r| r.column), Some(none), true);
            },
        );
        let values =
            rule.and_then(|rule| Some((rule, file.columns.get(rule.column)?.values.as_ref()?)));
        if let Some((rule, values)) = values {
            let _ = write!(
                html,
                "<div class=\"register-values\" role=\"group\" aria-label=\"{}: giá trị được tính\">",
                xml_text(mark.label(mapping.kind))
            );
            for (k, (value, rows)) in values.iter().enumerate() {
                let label = if value.is_empty() { "(trống)" } else { value };
                let _ = write!(
                    html,
                    "<label class=\"register-value\"><input type=\"checkbox\" id=\"reg-{index}-value-{}-{k}\" \
                     data-file=\"{index}\" data-control=\"value\" data-mark=\"{}\" value=\"{}\"{}> {} ({})</label>",
                    mark.key(),
                    mark.key(),
                    xml_text(value),
                    if rule.values.contains(value) { " checked" } else { "" },
                    xml_text(label),
                    format::integer(*rows as i64)
                );
            }
            html.push_str("</div>");
        }
        html.push_str("</div>");
    }
    html.push_str("</div>");
}

fn count_html(html: &mut String, count: &FileCount) {
    let _ = write!(
        html,
        "<p class=\"register-summary\">{}: tính {} dòng, không tính {} dòng.</p>",
        count.kind.label(),
        format::integer(count.counted as i64),
        format::integer(count.skipped.len() as i64)
    );
    if !count.moved.is_empty() {
        html.push_str("<ul class=\"register-moved\">");
        for moved in &count.moved {
            let _ = write!(
                html,
                "<li>{} văn bản ngày {} (ngày nghỉ) tính vào {}.</li>",
                moved.documents,
                format::day_with_weekday(moved.from),
                format::day_with_weekday(moved.to)
            );
        }
        html.push_str("</ul>");
    }
    if !count.skipped.is_empty() {
        let _ = write!(
            html,
            "<details class=\"register-skipped\"><summary>Các dòng không tính ({})</summary><ul>",
            count.skipped.len()
        );
        for skipped in count.skipped.iter().take(SKIPPED_SHOWN) {
            let _ = write!(
                html,
                "<li>Dòng {}: {}</li>",
                skipped.row,
                xml_text(&skipped.reason)
            );
        }
        html.push_str("</ul>");
        if count.skipped.len() > SKIPPED_SHOWN {
            let _ = write!(
                html,
                "<p class=\"hint\">… và {} dòng nữa.</p>",
                count.skipped.len() - SKIPPED_SHOWN
            );
        }
        html.push_str("</details>");
    }
}

fn cell_html(html: &mut String, stored: u32, proposed: u32) {
    if stored == proposed {
        let _ = write!(
            html,
            "<td class=\"num\">{}</td>",
            format::integer(proposed.into())
        );
    } else {
        let _ = write!(
            html,
            "<td class=\"num changed\" title=\"Đang lưu {stored}, sẽ ghi {proposed}\"><s>{}</s> → <strong>{}</strong></td>",
            format::integer(stored.into()),
            format::integer(proposed.into())
        );
    }
}

fn preview_html(html: &mut String, view: &RegisterView, plan: &[DayPlan]) {
    let kinds: Vec<RegisterKind> = view.count.covered_until.keys().copied().collect();
    if kinds.is_empty() {
        html.push_str("<p class=\"notice\" id=\"register-nothing\">Chưa có dòng nào được tính: kiểm tra cột ngày và dòng tiêu đề.</p>");
        return;
    }
    let fields = decided_fields(&kinds);
    let changed = plan.iter().filter(|day| day.stored != day.proposed).count();
    let _ = write!(
        html,
        "<h3>Xem trước</h3><p class=\"hint\" id=\"register-preview-summary\">{} ngày làm việc do sổ quyết \
         định, {changed} ngày sẽ thay đổi (đánh dấu). Số trang in và các sổ không chọn giữ nguyên.</p>\
         <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Xem trước từng ngày\">\
         <table class=\"data register-preview\" id=\"register-preview\"><thead><tr>\
         <th scope=\"col\">Ngày</th>",
        plan.len()
    );
    for field in &fields {
        let _ = write!(html, "<th scope=\"col\">{}</th>", xml_text(field.label()));
    }
    html.push_str("</tr></thead><tbody>");
    for day in plan {
        let _ = write!(
            html,
            "<tr{}><th scope=\"row\">{}</th>",
            if day.stored != day.proposed {
                " class=\"changed-day\""
            } else {
                ""
            },
            format::day_with_weekday(day.date)
        );
        for field in &fields {
            cell_html(html, field.get(&day.stored), field.get(&day.proposed));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody><tfoot><tr><th scope=\"row\">Cộng</th>");
    for field in &fields {
        let stored: u32 = plan.iter().map(|d| field.get(&d.stored)).sum();
        let proposed: u32 = plan.iter().map(|d| field.get(&d.proposed)).sum();
        cell_html(html, stored, proposed);
    }
    html.push_str("</tr></tfoot></table></div>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::template::seed_campaign;
    use crate::core::register::count::plan_import;
    use crate::core::register::read::read_register;
    use crate::core::register::session::{apply_edit, view_registers, Edit, FileRequest};

    #[test]
    fn the_screen_escapes_what_files_say_and_names_every_control() {
        let campaign = seed_campaign("c");
        let text =
            "Ngày đến,Số đến,Hình thức\n15/07/2025,1,<b>Điện tử</b>\n16/07/2025,2,Giấy\nTổng,,\n";
        let books = vec![read_register("<i>so</i>.csv", text.as_bytes())];
        let mut requests = Vec::new();
        let view = view_registers(&books, &requests, &campaign);
        let plan = plan_import(&view.count.decided_days(&campaign), |_| Default::default());
        let html = render(&view, &plan);
        assert!(
            html.contains("<legend>&lt;i&gt;so&lt;/i&gt;.csv</legend>"),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;Điện tử&lt;/b&gt;"));
        assert!(!html.contains("<b>"), "nothing from a file becomes markup");
        assert!(html.contains("id=\"reg-0-mark-electronic\""));
        assert!(html.contains("2 ngày làm việc do sổ quyết định, 2 ngày sẽ thay đổi"));
        assert!(html.contains("Dòng 4: «Tổng» không phải ngày."));

        // Unticking the one “yes” value: no document is online any more.
        let edit = Edit::from_control("value", "electronic", "<b>Điện tử</b>", false).unwrap();
        apply_edit(&view, &mut requests, 0, edit);
        let view = view_registers(&books, &requests, &campaign);
        let day = view.count.days.values().next().unwrap();
        assert_eq!(day.docs_received_online, 0);
        assert_eq!(
            requests,
            vec![FileRequest {
                mapping: view.files[0].mapping.clone(),
                ..FileRequest::default()
            }]
        );
    }
}
