//! Checks on what a division enters, with messages a clerk can act on.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::core::campaign::calendar::working_days;
use crate::core::campaign::model::{
    Campaign, DailyCounts, Initiative, InitiativeOwner, OfficerRecord, Target,
};
use crate::core::format;

/// One column of the daily grid; [`CountField::label`] says what each one counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountField {
    DocsReceived,
    DocsReceivedOnline,
    DocsIssued,
    DocsSignedOnline,
    DocsExcludedSecret,
    DocsExcludedStateAward,
    Dossiers,
    DossiersOnline,
    InterconnectSent,
    InterconnectReceived,
    ExternalTotal,
    PagesPrinted,
    ReceivedExcluded,
    PagesPrintedExcluded,
}

impl CountField {
    /// Every column, in the order of the entry grid.
    /// The two exempted-document columns come last, so a block pasted from a
    /// spreadsheet laid out for the first twelve still lands where it did.
    pub const ALL: [CountField; 14] = [
        CountField::DocsReceived,
        CountField::DocsReceivedOnline,
        CountField::DocsIssued,
        CountField::DocsSignedOnline,
        CountField::DocsExcludedSecret,
        CountField::DocsExcludedStateAward,
        CountField::Dossiers,
        CountField::DossiersOnline,
        CountField::InterconnectSent,
        CountField::InterconnectReceived,
        CountField::ExternalTotal,
        CountField::PagesPrinted,
        CountField::ReceivedExcluded,
        CountField::PagesPrintedExcluded,
    ];

    /// The group heading above the column in the entry grid.
    pub fn group(self) -> &'static str {
        match self {
            CountField::DocsReceived | CountField::DocsReceivedOnline => "Văn bản đến",
            CountField::DocsIssued
            | CountField::DocsSignedOnline
            | CountField::DocsExcludedSecret
            | CountField::DocsExcludedStateAward => "Văn bản đi",
            CountField::Dossiers | CountField::DossiersOnline => "Hồ sơ công việc",
            CountField::InterconnectSent
            | CountField::InterconnectReceived
            | CountField::ExternalTotal => "Trao đổi với cơ quan ngoài",
            CountField::PagesPrinted => "In giấy",
            CountField::ReceivedExcluded | CountField::PagesPrintedExcluded => {
                "Mật, hồ sơ khen thưởng cấp nhà nước (không tính)"
            }
        }
    }

    /// The column heading under its group in the entry grid.
    pub fn short_label(self) -> &'static str {
        match self {
            CountField::DocsReceived => "Tổng số",
            CountField::DocsReceivedOnline => "Xử lý trên mạng",
            CountField::ReceivedExcluded => "Văn bản đến, hồ sơ",
            CountField::DocsIssued => "Ban hành",
            CountField::DocsSignedOnline => "Ký số, phát hành trên mạng",
            CountField::DocsExcludedSecret => "Mật (không tính)",
            CountField::DocsExcludedStateAward => "HS khen thưởng cấp nhà nước (không tính)",
            CountField::Dossiers => "Tổng số",
            CountField::DossiersOnline => "Xử lý trên mạng",
            CountField::InterconnectSent => "Gửi qua trục liên thông",
            CountField::InterconnectReceived => "Nhận qua trục liên thông",
            CountField::ExternalTotal => "Tổng trao đổi",
            CountField::PagesPrinted => "Số trang in",
            CountField::PagesPrintedExcluded => "Số trang in",
        }
    }

    /// Column heading in Vietnamese.
    pub fn label(self) -> &'static str {
        match self {
            CountField::DocsReceived => "Văn bản đến",
            CountField::DocsReceivedOnline => "Văn bản đến xử lý trên mạng",
            CountField::ReceivedExcluded => {
                "Văn bản đến, hồ sơ mật hoặc khen thưởng cấp nhà nước (không tính)"
            }
            CountField::DocsIssued => "Văn bản đi ban hành",
            CountField::DocsSignedOnline => "Văn bản ký số, ban hành trên mạng",
            CountField::DocsExcludedSecret => "Văn bản mật (không tính)",
            CountField::DocsExcludedStateAward => "Hồ sơ khen thưởng cấp nhà nước (không tính)",
            CountField::Dossiers => "Hồ sơ công việc",
            CountField::DossiersOnline => "Hồ sơ công việc xử lý trên mạng",
            CountField::InterconnectSent => "Gửi qua trục liên thông",
            CountField::InterconnectReceived => "Nhận qua trục liên thông",
            CountField::ExternalTotal => "Tổng văn bản trao đổi với cơ quan ngoài",
            CountField::PagesPrinted => "Số trang in",
            CountField::PagesPrintedExcluded => {
                "Số trang in cho văn bản mật, hồ sơ khen thưởng cấp nhà nước (không tính)"
            }
        }
    }

    /// The field's name in the data model and in files (`docs_received`).
    pub fn key(self) -> &'static str {
        match self {
            CountField::DocsReceived => "docs_received",
            CountField::DocsReceivedOnline => "docs_received_online",
            CountField::ReceivedExcluded => "received_excluded",
            CountField::DocsIssued => "docs_issued",
            CountField::DocsSignedOnline => "docs_signed_online",
            CountField::DocsExcludedSecret => "docs_excluded_secret",
            CountField::DocsExcludedStateAward => "docs_excluded_state_award",
            CountField::Dossiers => "dossiers",
            CountField::DossiersOnline => "dossiers_online",
            CountField::InterconnectSent => "interconnect_sent",
            CountField::InterconnectReceived => "interconnect_received",
            CountField::ExternalTotal => "external_total",
            CountField::PagesPrinted => "pages_printed",
            CountField::PagesPrintedExcluded => "pages_printed_excluded",
        }
    }

    /// The value of this column in `counts`.
    pub fn get(self, counts: &DailyCounts) -> u32 {
        // One match (in `slot`) maps columns to fields; reading goes through a copy.
        let mut copy = *counts;
        *self.slot(&mut copy)
    }

    /// Sets this column in `counts`.
    pub fn set(self, counts: &mut DailyCounts, value: u32) {
        *self.slot(counts) = value;
    }

    fn slot(self, counts: &mut DailyCounts) -> &mut u32 {
        match self {
            CountField::DocsReceived => &mut counts.docs_received,
            CountField::DocsReceivedOnline => &mut counts.docs_received_online,
            CountField::ReceivedExcluded => &mut counts.received_excluded,
            CountField::DocsIssued => &mut counts.docs_issued,
            CountField::DocsSignedOnline => &mut counts.docs_signed_online,
            CountField::DocsExcludedSecret => &mut counts.docs_excluded_secret,
            CountField::DocsExcludedStateAward => &mut counts.docs_excluded_state_award,
            CountField::Dossiers => &mut counts.dossiers,
            CountField::DossiersOnline => &mut counts.dossiers_online,
            CountField::InterconnectSent => &mut counts.interconnect_sent,
            CountField::InterconnectReceived => &mut counts.interconnect_received,
            CountField::ExternalTotal => &mut counts.external_total,
            CountField::PagesPrinted => &mut counts.pages_printed,
            CountField::PagesPrintedExcluded => &mut counts.pages_printed_excluded,
        }
    }
}

/// Why a cell's text is not a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellError {
    /// Below zero.
    Negative,
    /// Has a fraction.
    NotWhole,
    /// Not a number at all.
    NotANumber,
    /// Larger than any day could hold.
    TooLarge,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CellError::Negative => "Số lượng không được âm.",
            CellError::NotWhole => "Số lượng phải là số nguyên.",
            CellError::NotANumber => "Chỉ nhập số (ví dụ 12 hoặc 1.250).",
            CellError::TooLarge => "Số quá lớn cho một ngày (tối đa 1.000.000).",
        })
    }
}

/// The largest count accepted for one day: far above any real division,
/// low enough that sums over a province never overflow.
pub const MAX_DAILY_COUNT: u32 = 1_000_000;

/// Reads a cell as typed or pasted from a spreadsheet: blank is 0, `.` or
/// space group thousands (`1.250`, `1 250`), a `,` decimal part must be zero.
pub fn parse_count(text: &str) -> Result<u32, CellError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    let (sign, digits) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once(',').unwrap_or((digits, ""));
    let whole: String = whole
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return Err(CellError::NotANumber);
    }
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(CellError::NotANumber);
    }
    if fraction.chars().any(|c| c != '0') {
        return Err(CellError::NotWhole);
    }
    let value: u64 = whole.parse().map_err(|_| CellError::TooLarge)?;
    if sign && value > 0 {
        return Err(CellError::Negative);
    }
    u32::try_from(value)
        .ok()
        .filter(|v| *v <= MAX_DAILY_COUNT)
        .ok_or(CellError::TooLarge)
}

/// A rule one day's counts break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountProblem {
    /// The cell the clerk should look at.
    pub field: CountField,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

fn at_most(problems: &mut Vec<CountProblem>, part: (CountField, u64), whole: (CountField, u64)) {
    if part.1 > whole.1 {
        problems.push(CountProblem {
            field: part.0,
            message: format!(
                "“{}” ({}) lớn hơn “{}” ({}).",
                part.0.label(),
                format::integer(part.1 as i64),
                whole.0.label(),
                format::integer(whole.1 as i64)
            ),
        });
    }
}

/// Every rule one day's counts break; empty when they are consistent.
pub fn check_counts(counts: &DailyCounts) -> Vec<CountProblem> {
    use CountField::*;
    let value = |field: CountField| u64::from(field.get(counts));
    let mut problems = Vec::new();
    at_most(
        &mut problems,
        (DocsReceivedOnline, value(DocsReceivedOnline)),
        (DocsReceived, value(DocsReceived)),
    );
    at_most(
        &mut problems,
        (DossiersOnline, value(DossiersOnline)),
        (Dossiers, value(Dossiers)),
    );
    // Secret documents and state-level dossiers are handled on paper by
    // rule: what was processed online comes out of the rest.
    let to_process = value(DocsReceived) + value(Dossiers);
    if value(ReceivedExcluded) > to_process {
        problems.push(CountProblem {
            field: ReceivedExcluded,
            message: format!(
                "Văn bản, hồ sơ không tính ({}) nhiều hơn văn bản đến và hồ sơ công việc ({}).",
                format::integer(value(ReceivedExcluded) as i64),
                format::integer(to_process as i64)
            ),
        });
    } else if value(DocsReceivedOnline) + value(DossiersOnline)
        > to_process - value(ReceivedExcluded)
        && value(ReceivedExcluded) > 0
    {
        problems.push(CountProblem {
            field: ReceivedExcluded,
            message: format!(
                "Văn bản, hồ sơ xử lý trên mạng ({}) nhiều hơn văn bản đến và hồ sơ trừ văn bản, \
                 hồ sơ không tính ({}).",
                format::integer((value(DocsReceivedOnline) + value(DossiersOnline)) as i64),
                format::integer((to_process - value(ReceivedExcluded)) as i64)
            ),
        });
    }
    at_most(
        &mut problems,
        (PagesPrintedExcluded, value(PagesPrintedExcluded)),
        (PagesPrinted, value(PagesPrinted)),
    );
    let excluded = value(DocsExcludedSecret) + value(DocsExcludedStateAward);
    if excluded > value(DocsIssued) {
        problems.push(CountProblem {
            field: DocsExcludedSecret,
            message: format!(
                "Văn bản không tính (mật và khen thưởng cấp nhà nước: {}) nhiều hơn văn bản đi \
                 ban hành ({}).",
                format::integer(excluded as i64),
                format::integer(value(DocsIssued) as i64)
            ),
        });
    } else if value(DocsSignedOnline) > value(DocsIssued) - excluded {
        // Secret documents and state-level dossiers are never issued online,
        // so the signed ones come out of what is left.
        problems.push(CountProblem {
            field: DocsSignedOnline,
            message: format!(
                "Văn bản ký số ({}) nhiều hơn văn bản đi trừ văn bản không tính ({}).",
                format::integer(value(DocsSignedOnline) as i64),
                format::integer((value(DocsIssued) - excluded) as i64)
            ),
        });
    }
    let interconnect = value(InterconnectSent) + value(InterconnectReceived);
    if interconnect > value(ExternalTotal) {
        problems.push(CountProblem {
            field: ExternalTotal,
            message: format!(
                "Văn bản gửi và nhận qua trục liên thông ({}) nhiều hơn tổng văn bản trao đổi \
                 với cơ quan ngoài ({}).",
                format::integer(interconnect as i64),
                format::integer(value(ExternalTotal) as i64)
            ),
        });
    }
    problems
}

/// Why a date cannot carry a daily report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Before the start or after the end of the campaign.
    OutsideCampaign(NaiveDate),
    /// A weekend or holiday.
    NotWorkingDay(NaiveDate),
    /// Already a working day (when adding a working Saturday or make-up day).
    AlreadyWorkingDay(NaiveDate),
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateProblem::OutsideCampaign(day) => write!(
                f,
                "Ngày {} nằm ngoài thời gian phong trào thi đua.",
                format::date(*day)
            ),
            DateProblem::NotWorkingDay(day) => write!(
                f,
                "Ngày {} không phải ngày làm việc của phong trào.",
                format::date(*day)
            ),
            DateProblem::AlreadyWorkingDay(day) => write!(
                f,
                "Ngày {} đã là ngày làm việc.",
                format::date_with_weekday(*day)
            ),
        }
    }
}

/// Whether `day` is a working day of the campaign.
pub fn check_report_date(campaign: &Campaign, day: NaiveDate) -> Result<(), DateProblem> {
    if !campaign.period.contains(day) {
        Err(DateProblem::OutsideCampaign(day))
    } else if !working_days(campaign).contains(&day) {
        Err(DateProblem::NotWorkingDay(day))
    } else {
        Ok(())
    }
}

/// Makes a working day of the campaign a day off.
pub fn add_holiday(campaign: &mut Campaign, day: NaiveDate) -> Result<(), DateProblem> {
    check_report_date(campaign, day)?;
    let calendar = &mut campaign.calendar;
    if calendar.extra_working_days.contains(&day) {
        calendar.extra_working_days.retain(|d| *d != day);
    } else {
        calendar.holidays.push(day);
        calendar.holidays.sort();
    }
    Ok(())
}

/// Makes a weekend day or a holiday inside the period a working day: a
/// working Saturday, a make-up day (“ngày làm bù”).
pub fn add_extra_working_day(campaign: &mut Campaign, day: NaiveDate) -> Result<(), DateProblem> {
    match check_report_date(campaign, day) {
        Ok(()) => Err(DateProblem::AlreadyWorkingDay(day)),
        Err(DateProblem::NotWorkingDay(_)) => {
            let calendar = &mut campaign.calendar;
            if calendar.holidays.contains(&day) {
                calendar.holidays.retain(|d| *d != day);
            }
            if !calendar.working_weekdays.contains(&day.weekday()) {
                calendar.extra_working_days.push(day);
                calendar.extra_working_days.sort();
            }
            Ok(())
        }
        Err(problem) => Err(problem),
    }
}

/// Everything wrong with an officer's record, in Vietnamese.
pub fn check_officer_record(record: &OfficerRecord) -> Vec<String> {
    let mut problems = Vec::new();
    if record.docs_handled_online > record.docs_handled {
        problems.push(format!(
            "Văn bản xử lý trên mạng ({}) nhiều hơn văn bản xử lý ({}).",
            format::integer(record.docs_handled_online.into()),
            format::integer(record.docs_handled.into())
        ));
    }
    if record.docs_signed > record.docs_handled_online {
        problems.push(format!(
            "Văn bản ký số ({}) nhiều hơn văn bản xử lý trên mạng ({}).",
            format::integer(record.docs_signed.into()),
            format::integer(record.docs_handled_online.into())
        ));
    }
    if let Some(score) = record.kpi_score {
        if !(0.0..=100.0).contains(&score) {
            problems.push("Điểm KPI phải từ 0 đến 100.".into());
        }
        if !record.kpi_evaluated {
            problems.push("Có điểm KPI nhưng chưa đánh dấu “đã đánh giá KPI”.".into());
        }
    }
    problems
}

/// Reads a score from 0 to 100 as typed (`92,5` or `92.5`); blank is none.
pub fn parse_score(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.replace(',', ".").parse::<f64>() {
        Ok(score) if (0.0..=100.0).contains(&score) => Ok(Some(score)),
        Ok(_) => Err("Điểm phải từ 0 đến 100.".into()),
        Err(_) => Err("Điểm phải là một số, ví dụ 92,5.".into()),
    }
}

/// Reads a decimal as typed in Vietnamese: `1,5` (or `1.234,5`), and also
/// `1.5`; `None` when it is not a finite number.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let normalised = if text.contains(',') {
        text.replace('.', "").replace(',', ".")
    } else {
        text.to_string()
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `current` with the value the user typed: a percentage, or a whole number
/// of initiatives. `None` when the text does not fit the target's kind.
pub fn parse_target(current: Target, text: &str) -> Option<Target> {
    match current {
        Target::Percent(_) => parse_decimal(text).map(Target::Percent),
        Target::Initiatives(_) => parse_count(text).ok().map(Target::Initiatives),
    }
}

/// Everything wrong with an initiative, in Vietnamese.
pub fn check_initiative(campaign: &Campaign, initiative: &Initiative) -> Vec<String> {
    let mut problems = Vec::new();
    if initiative.title.trim().is_empty() {
        problems.push("Sáng kiến cần có tên.".into());
    }
    if !campaign.period.contains(initiative.date) {
        problems.push(format!(
            "Ngày {} nằm ngoài thời gian phong trào thi đua.",
            format::date(initiative.date)
        ));
    }
    if let Some(score) = initiative.council_score {
        if !(0.0..=100.0).contains(&score) {
            problems.push("Điểm của Hội đồng phải từ 0 đến 100.".into());
        }
    }
    let owner_known = match &initiative.owner {
        InitiativeOwner::Unit(id) => campaign.units.iter().any(|u| &u.id == id),
        InitiativeOwner::Officer(id) => campaign.active_officers().any(|o| &o.id == id),
    };
    if !owner_known {
        problems
            .push("Sáng kiến thuộc phòng hoặc cán bộ không có trong phong trào thi đua.".into());
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::template::seed_campaign;

    fn day(d: u32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    // “30 ngày đêm”: a working Saturday joins the grid, a holiday leaves it.
    #[test]
    fn working_saturdays_and_holidays_change_the_working_days() {
        let mut campaign = seed_campaign("t");
        assert_eq!(working_days(&campaign).len(), 24);
        let saturday = day(19, 7);
        assert_eq!(
            check_report_date(&campaign, saturday),
            Err(DateProblem::NotWorkingDay(saturday))
        );
        add_extra_working_day(&mut campaign, saturday).unwrap();
        assert_eq!(check_report_date(&campaign, saturday), Ok(()));
        assert_eq!(working_days(&campaign).len(), 25);
        assert_eq!(
            add_extra_working_day(&mut campaign, saturday),
            Err(DateProblem::AlreadyWorkingDay(saturday))
        );
        assert_eq!(
            add_extra_working_day(&mut campaign, day(16, 8))
                .unwrap_err()
                .to_string(),
            "Ngày 16/08/2025 nằm ngoài thời gian phong trào thi đua."
        );
        // A holiday on a Monday, then worked after all.
        add_holiday(&mut campaign, day(28, 7)).unwrap();
        assert_eq!(working_days(&campaign).len(), 24);
        add_extra_working_day(&mut campaign, day(28, 7)).unwrap();
        assert_eq!(working_days(&campaign).len(), 25);
        assert!(campaign.calendar.holidays.is_empty());
        // Taking the working Saturday back off.
        add_holiday(&mut campaign, saturday).unwrap();
        assert!(campaign
            .calendar
            .extra_working_days
            .iter()
            .all(|d| *d != saturday));
        assert_eq!(working_days(&campaign).len(), 24);
    }

    #[test]
    fn cells_accept_what_spreadsheets_paste() {
        assert_eq!(parse_count(""), Ok(0));
        assert_eq!(parse_count("  12 "), Ok(12));
        assert_eq!(parse_count("1.250"), Ok(1250));
        assert_eq!(parse_count("1 250"), Ok(1250));
        assert_eq!(parse_count("7,00"), Ok(7));
        assert_eq!(parse_count("-0"), Ok(0));
    }

    #[test]
    fn cells_refuse_what_is_not_a_count() {
        assert_eq!(parse_count("-3"), Err(CellError::Negative));
        assert_eq!(parse_count("2,5"), Err(CellError::NotWhole));
        assert_eq!(parse_count("abc"), Err(CellError::NotANumber));
        assert_eq!(parse_count("<b>1</b>"), Err(CellError::NotANumber));
        assert_eq!(parse_count("1e3"), Err(CellError::NotANumber));
        assert_eq!(parse_count("1000001"), Err(CellError::TooLarge));
        assert_eq!(
            parse_count("99999999999999999999999"),
            Err(CellError::TooLarge)
        );
    }

    #[test]
    fn every_field_reads_back_what_was_set() {
        let mut counts = DailyCounts::default();
        for (value, field) in (1..).zip(CountField::ALL) {
            field.set(&mut counts, value);
        }
        for (value, field) in (1..).zip(CountField::ALL) {
            assert_eq!(field.get(&counts), value, "{field:?}");
        }
    }

    #[test]
    fn consistent_counts_pass() {
        let counts = DailyCounts {
            docs_received: 10,
            docs_received_online: 10,
            docs_issued: 6,
            docs_signed_online: 4,
            docs_excluded_secret: 1,
            docs_excluded_state_award: 1,
            dossiers: 2,
            dossiers_online: 1,
            interconnect_sent: 3,
            interconnect_received: 4,
            external_total: 7,
            pages_printed: 2,
            received_excluded: 1,
            pages_printed_excluded: 2,
        };
        assert_eq!(check_counts(&counts), []);
    }

    #[test]
    fn exempted_counts_stay_within_their_totals() {
        let base = DailyCounts {
            docs_received: 10,
            docs_received_online: 9,
            dossiers: 2,
            dossiers_online: 2,
            ..DailyCounts::default()
        };
        let fields = |counts: &DailyCounts| {
            check_counts(counts)
                .into_iter()
                .map(|p| p.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(&DailyCounts {
                received_excluded: 1,
                ..base
            }),
            []
        );
        assert_eq!(
            check_counts(&DailyCounts {
                received_excluded: 2,
                ..base
            })[0]
                .message,
            "Văn bản, hồ sơ xử lý trên mạng (11) nhiều hơn văn bản đến và hồ sơ trừ văn bản, hồ \
             sơ không tính (10)."
        );
        assert_eq!(
            fields(&DailyCounts {
                received_excluded: 13,
                ..base
            }),
            [CountField::ReceivedExcluded]
        );
        assert_eq!(
            fields(&DailyCounts {
                pages_printed: 1,
                pages_printed_excluded: 2,
                ..base
            }),
            [CountField::PagesPrintedExcluded]
        );
    }

    #[test]
    fn online_above_total_is_named_by_field() {
        let counts = DailyCounts {
            docs_received: 3,
            docs_received_online: 5,
            dossiers: 1,
            dossiers_online: 2,
            ..DailyCounts::default()
        };
        let fields: Vec<_> = check_counts(&counts).iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [CountField::DocsReceivedOnline, CountField::DossiersOnline]
        );
        assert_eq!(
            check_counts(&counts)[0].message,
            "“Văn bản đến xử lý trên mạng” (5) lớn hơn “Văn bản đến” (3)."
        );
    }

    // Secret documents cannot be signed online: they come out of the issued total.
    #[test]
    fn signed_documents_must_fit_beside_the_exclusions() {
        let counts = DailyCounts {
            docs_issued: 5,
            docs_excluded_secret: 2,
            docs_signed_online: 4,
            ..DailyCounts::default()
        };
        let problems = check_counts(&counts);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, CountField::DocsSignedOnline);

        let too_many_excluded = DailyCounts {
            docs_issued: 1,
            docs_excluded_state_award: 2,
            ..DailyCounts::default()
        };
        assert_eq!(
            check_counts(&too_many_excluded)[0].field,
            CountField::DocsExcludedSecret
        );
    }

    #[test]
    fn interconnection_cannot_exceed_external_exchange() {
        let counts = DailyCounts {
            interconnect_sent: 2,
            interconnect_received: 2,
            external_total: 3,
            ..DailyCounts::default()
        };
        assert_eq!(check_counts(&counts)[0].field, CountField::ExternalTotal);
    }

    #[test]
    fn report_dates_must_be_working_days_of_the_campaign() {
        let campaign = seed_campaign("t");
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        assert_eq!(check_report_date(&campaign, day(7, 15)), Ok(()));
        assert_eq!(
            check_report_date(&campaign, day(7, 14)),
            Err(DateProblem::OutsideCampaign(day(7, 14)))
        );
        assert_eq!(
            check_report_date(&campaign, day(7, 19))
                .unwrap_err()
                .to_string(),
            "Ngày 19/07/2025 không phải ngày làm việc của phong trào."
        );
    }

    fn officer_record() -> OfficerRecord {
        OfficerRecord {
            meta: crate::core::campaign::model::RecordMeta {
                id: "k".into(),
                rev: 1,
                updated_at: chrono::Utc::now(),
                deleted: false,
            },
            officer_id: "o".into(),
            kpi_evaluated: true,
            kpi_score: Some(90.0),
            docs_handled: 10,
            docs_handled_online: 9,
            docs_signed: 9,
            signing_authority: true,
        }
    }

    #[test]
    fn officer_records_keep_online_within_handled_and_signed_within_online() {
        assert_eq!(
            check_officer_record(&officer_record()),
            Vec::<String>::new()
        );
        let record = OfficerRecord {
            docs_handled_online: 11,
            docs_signed: 12,
            kpi_evaluated: false,
            ..officer_record()
        };
        assert_eq!(check_officer_record(&record).len(), 3);
    }

    #[test]
    fn decimals_and_targets_are_read_the_vietnamese_way() {
        assert_eq!(parse_decimal(" 1,5 "), Some(1.5));
        assert_eq!(parse_decimal("1.234,5"), Some(1234.5));
        assert_eq!(parse_decimal("2.5"), Some(2.5));
        assert_eq!(parse_decimal("NaN"), None);
        assert_eq!(parse_decimal("hai"), None);
        assert_eq!(
            parse_target(Target::Percent(100.0), "95"),
            Some(Target::Percent(95.0))
        );
        assert_eq!(
            parse_target(Target::Initiatives(1), "3"),
            Some(Target::Initiatives(3))
        );
        assert_eq!(parse_target(Target::Initiatives(1), "2,5"), None);
    }

    #[test]
    fn scores_are_read_the_vietnamese_way() {
        assert_eq!(parse_score(" 92,5 "), Ok(Some(92.5)));
        assert_eq!(parse_score(""), Ok(None));
        assert!(parse_score("101").is_err());
        assert!(parse_score("-1").is_err());
        assert!(parse_score("tốt").is_err());
    }

    #[test]
    fn initiatives_need_a_title_a_date_in_the_campaign_and_a_known_owner() {
        let campaign = seed_campaign("t");
        let initiative = Initiative {
            meta: officer_record().meta,
            owner: InitiativeOwner::Officer("khong-co".into()),
            title: "  ".into(),
            description: String::new(),
            date: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
            council_score: Some(120.0),
        };
        assert_eq!(check_initiative(&campaign, &initiative).len(), 4);
    }
}
