//! Registers whose rows count to a division's stored counts: what
//! `thidua-cli sample` writes beside the sample data, so a person (and the
//! end-to-end test) can try the register import on files that look like the
//! e-office system's and must give back exactly the sample's counts.

use chrono::{Datelike, Duration, Weekday};

use crate::core::campaign::calendar::working_days;
use crate::core::campaign::model::{DailyCounts, Workspace};
use crate::core::campaign::registers::RegisterKind;
use crate::core::entry::edit::daily_report;
use crate::core::format;
use crate::core::register::table::Cell;

/// One register as a spreadsheet lays it out.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleRegister {
    /// Which register.
    pub kind: RegisterKind,
    /// Lines above the table (merged across it in XLSX).
    pub title: Vec<String>,
    /// The upper header row: each label with the columns it spans; a span
    /// of 1 is merged down over the lower header row.
    pub groups: Vec<(String, usize)>,
    /// The lower header row (the only one when `groups` is empty).
    pub header: Vec<String>,
    /// One row per document.
    pub rows: Vec<Vec<Cell>>,
}

const SENDERS: [&str; 5] = [
    "UBND tỉnh Khánh Hòa",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Bộ Khoa học và Công nghệ",
    "UBND thành phố Nha Trang",
];

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn yes_no(value: bool, yes: &str, no: &str) -> Cell {
    text(if value { yes } else { no })
}

/// How one day's incoming and outgoing documents split between outside
/// bodies and the department, or `None` when no rows can give `counts`.
fn external_split(counts: &DailyCounts, open_in: u32, open_out: u32) -> Option<(u32, u32)> {
    let external_in = open_in.min(
        counts
            .external_total
            .checked_sub(counts.interconnect_sent)?,
    );
    let external_out = counts.external_total - external_in;
    (external_in >= counts.interconnect_received
        && external_out >= counts.interconnect_sent
        && external_out <= open_out)
        .then_some((external_in, external_out))
}

/// The three registers of `unit_id`: incoming and outgoing as they come out
/// of the e-office system's Excel export (title block, two header levels),
/// the work dossiers as a plain list. Err names the first day whose counts
/// no register rows can give (the sample's always can).
pub fn sample_registers(
    workspace: &Workspace,
    unit_id: &str,
) -> Result<Vec<SampleRegister>, String> {
    let campaign = &workspace.campaign;
    let unit_name = campaign.name_of(unit_id).unwrap_or(unit_id);
    let days = working_days(campaign);
    let period = format!(
        "Từ ngày {} đến ngày {}",
        format::date(campaign.period.start),
        format::date(campaign.period.end)
    );
    let title = |name: &str| {
        vec![
            campaign.issuing_body.to_uppercase(),
            name.to_string(),
            format!("{unit_name} — {period}"),
        ]
    };
    let mut incoming = SampleRegister {
        kind: RegisterKind::Incoming,
        title: title("SỔ VĂN BẢN ĐẾN"),
        groups: [
            "STT",
            "Ngày đến",
            "Số đến",
            "Số, ký hiệu",
            "Cơ quan gửi",
            "Trích yếu",
        ]
        .iter()
        .map(|label| (label.to_string(), 1))
        .chain([("Thông tin xử lý".to_string(), 4)])
        .collect(),
        header: ["Hình thức", "Độ mật", "Liên thông", "Phạm vi"]
            .map(String::from)
            .to_vec(),
        rows: Vec::new(),
    };
    let mut outgoing = SampleRegister {
        kind: RegisterKind::Outgoing,
        title: title("SỔ VĂN BẢN ĐI"),
        groups: [
            "STT",
            "Ngày ban hành",
            "Số, ký hiệu",
            "Nơi nhận",
            "Trích yếu",
            "Người ký",
        ]
        .iter()
        .map(|label| (label.to_string(), 1))
        .chain([("Thông tin phát hành".to_string(), 6)])
        .collect(),
        header: [
            "Ký số",
            "Hình thức phát hành",
            "Độ mật",
            "Khen thưởng cấp Nhà nước",
            "Liên thông",
            "Phạm vi",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    let mut dossiers = SampleRegister {
        kind: RegisterKind::Dossiers,
        title: Vec::new(),
        groups: Vec::new(),
        header: [
            "STT",
            "Mã hồ sơ",
            "Tên hồ sơ",
            "Ngày tiếp nhận",
            "Hình thức xử lý",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for &day in &days {
        let counts = daily_report(workspace, unit_id, day)
            .map(|r| r.counts)
            .unwrap_or_default();
        let unfit = || {
            format!(
                "Số liệu ngày {} không dựng lại được từ sổ văn bản.",
                format::date(day)
            )
        };
        // A Monday's first incoming document was registered on the
        // Saturday before: it still counts on the Monday.
        let saturday = day - Duration::days(2);
        let first_date = if day.weekday() == Weekday::Mon
            && saturday >= campaign.period.start
            && !days.contains(&saturday)
        {
            saturday
        } else {
            day
        };
        // The sample's exempted incoming items are all documents (the
        // dossier list has no secrecy column).
        let open_in = counts
            .docs_received
            .checked_sub(counts.received_excluded)
            .ok_or_else(unfit)?;
        let excluded_out = counts.docs_excluded_secret + counts.docs_excluded_state_award;
        let open_out = counts
            .docs_issued
            .checked_sub(excluded_out)
            .ok_or_else(unfit)?;
        let (external_in, _) = external_split(&counts, open_in, open_out).ok_or_else(unfit)?;
        if counts.docs_received_online > open_in
            || counts.docs_signed_online > open_out
            || counts.dossiers_online > counts.dossiers
        {
            return Err(unfit());
        }
        let external_out = counts.external_total - external_in;
        for i in 0..counts.docs_received {
            let number = incoming.rows.len() + 1;
            let secret = i >= open_in;
            let (electronic, external, interconnect) = if secret {
                (false, true, false)
            } else {
                (
                    i < counts.docs_received_online,
                    i < external_in,
                    i < counts.interconnect_received,
                )
            };
            incoming.rows.push(vec![
                Cell::Number(number as f64),
                Cell::Date(if i == 0 { first_date } else { day }),
                Cell::Number(number as f64),
                text(format!("{}/UBND-VP", 100 + number)),
                text(SENDERS[number % SENDERS.len()]),
                text(format!("Về việc triển khai nhiệm vụ số {number}")),
                yes_no(electronic, "Điện tử", "Giấy"),
                yes_no(secret, "Mật", "Thường"),
                yes_no(interconnect, "Có", "Không"),
                yes_no(external, "Ngoài Sở", "Trong Sở"),
            ]);
        }
        for i in 0..counts.docs_issued {
            let number = outgoing.rows.len() + 1;
            let secret = i >= open_out && i < open_out + counts.docs_excluded_secret;
            let award = i >= open_out + counts.docs_excluded_secret;
            let signed = i < counts.docs_signed_online;
            let open = i < open_out;
            outgoing.rows.push(vec![
                Cell::Number(number as f64),
                Cell::Date(day),
                text(format!("{number}/STTTT-VP")),
                text(SENDERS[number % SENDERS.len()]),
                text(format!("Về việc báo cáo kết quả số {number}")),
                text("Giám đốc Sở"),
                yes_no(signed, "Có", "Không"),
                yes_no(signed, "Điện tử", "Giấy"),
                yes_no(secret, "Mật", "Thường"),
                yes_no(award, "Có", "Không"),
                yes_no(open && i < counts.interconnect_sent, "Có", "Không"),
                yes_no(open && i < external_out, "Ngoài Sở", "Trong Sở"),
            ]);
        }
        for i in 0..counts.dossiers {
            let number = dossiers.rows.len() + 1;
            // Text dates with a time, as a CSV export writes them.
            dossiers.rows.push(vec![
                text(number.to_string()),
                text(format!("HS-{number:05}")),
                text(format!("Hồ sơ công việc số {number}")),
                text(format!("{} 08:{:02}", format::date(day), number % 60)),
                yes_no(i < counts.dossiers_online, "Trực tuyến", "Giấy"),
            ]);
        }
    }
    Ok(vec![incoming, outgoing, dossiers])
}

/// The file name stem of `kind`'s sample register for `unit_slug`.
pub fn sample_file_stem(kind: RegisterKind, unit_slug: &str) -> String {
    let register = match kind {
        RegisterKind::Incoming => "so-van-ban-den",
        RegisterKind::Outgoing => "so-van-ban-di",
        RegisterKind::Dossiers => "ho-so-cong-viec",
    };
    format!("{register}-{unit_slug}")
}

impl SampleRegister {
    /// How many columns the table has.
    pub fn width(&self) -> usize {
        if self.groups.is_empty() {
            self.header.len()
        } else {
            self.groups.iter().map(|(_, span)| span).sum()
        }
    }

    /// The row where the header starts (0-based): below the title and a
    /// blank line.
    fn header_top(&self) -> usize {
        if self.title.is_empty() {
            0
        } else {
            self.title.len() + 1
        }
    }

    /// Every cell as a person sees it: merged labels repeated over their
    /// region (which is what the reader makes of the merges).
    pub fn layout(&self) -> Vec<Vec<Cell>> {
        let width = self.width();
        let mut rows: Vec<Vec<Cell>> = self
            .title
            .iter()
            .map(|line| vec![text(line.clone()); width])
            .collect();
        if !self.title.is_empty() {
            rows.push(Vec::new());
        }
        if self.groups.is_empty() {
            rows.push(self.header.iter().cloned().map(text).collect());
        } else {
            let mut upper = Vec::with_capacity(width);
            let mut lower = Vec::with_capacity(width);
            let mut sub = self.header.iter();
            for (label, span) in &self.groups {
                for _ in 0..*span {
                    upper.push(text(label.clone()));
                    lower.push(if *span == 1 {
                        text(label.clone())
                    } else {
                        text(sub.next().cloned().unwrap_or_default())
                    });
                }
            }
            rows.push(upper);
            rows.push(lower);
        }
        rows.extend(self.rows.iter().cloned());
        rows
    }

    /// The merged regions, as (first row, first column, last row, last
    /// column), 0-based.
    pub fn merges(&self) -> Vec<(usize, usize, usize, usize)> {
        let width = self.width();
        let mut merges: Vec<_> = (0..self.title.len())
            .map(|row| (row, 0, row, width - 1))
            .collect();
        let top = self.header_top();
        let mut column = 0;
        for (_, span) in &self.groups {
            merges.push(if *span == 1 {
                (top, column, top + 1, column)
            } else {
                (top, column, top, column + span - 1)
            });
            column += span;
        }
        merges
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::register::read::RegisterError;
    use crate::core::register::session::view_registers;
    use crate::core::register::table::{Sheet, Workbook};
    use crate::core::sample::app_sample;

    #[test]
    fn the_sample_registers_count_to_the_sample_data_under_the_guessed_mapping() {
        let workspace = app_sample();
        for unit in workspace.campaign.units.iter().take(4) {
            let registers = sample_registers(&workspace, &unit.id).unwrap();
            let books: Vec<Result<Workbook, RegisterError>> = registers
                .iter()
                .map(|register| {
                    Ok(Workbook {
                        file_name: sample_file_stem(register.kind, &unit.id),
                        sheets: vec![Sheet {
                            name: "Sổ".into(),
                            rows: register.layout(),
                        }],
                    })
                })
                .collect();
            let view = view_registers(&books, &[], &workspace.campaign);
            let kinds: Vec<RegisterKind> = view
                .files
                .iter()
                .map(|f| f.mapping.as_ref().expect("guessed").kind)
                .collect();
            assert_eq!(kinds, RegisterKind::ALL.to_vec());
            for day in working_days(&workspace.campaign) {
                let stored = daily_report(&workspace, &unit.id, day).unwrap().counts;
                let mut counted = view.count.days.get(&day).copied().unwrap_or_default();
                counted.pages_printed = stored.pages_printed;
                counted.pages_printed_excluded = stored.pages_printed_excluded;
                assert_eq!(counted, stored, "{} on {day}", unit.id);
            }
            let moved: usize = view.count.files[0].moved.iter().map(|m| m.documents).sum();
            assert!(moved > 0, "Saturday registrations are in the sample");
        }
    }
}
