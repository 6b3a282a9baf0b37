//! Working days and deadline countdowns, as functions of a given “today”.

use chrono::{Datelike, NaiveDate};

use crate::core::campaign::model::{Campaign, Deadline};
use crate::core::format;

/// The campaign's working days in order: weekdays of the calendar inside the
/// period, holidays removed, extra working days (working Saturdays, make-up
/// days) added.
pub fn working_days(campaign: &Campaign) -> Vec<NaiveDate> {
    let calendar = &campaign.calendar;
    campaign
        .period
        .start
        .iter_days()
        .take_while(|day| *day <= campaign.period.end)
        .filter(|day| {
            calendar.extra_working_days.contains(day)
                || (calendar.working_weekdays.contains(&day.weekday())
                    && !calendar.holidays.contains(day))
        })
        .collect()
}

/// Where a deadline stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineStatus {
    /// Days remain after today, counting the last allowed day.
    DaysLeft(u32),
    /// Today is the last day on which the report is on time.
    LastDay,
    /// The deadline passed this many days ago.
    Overdue(u32),
}

impl DeadlineStatus {
    /// The countdown in words: “Còn 3 ngày”.
    pub fn text(self) -> String {
        match self {
            DeadlineStatus::DaysLeft(days) => format!("Còn {} ngày", format::integer(days.into())),
            DeadlineStatus::LastDay => "Hôm nay là ngày cuối cùng".into(),
            DeadlineStatus::Overdue(days) => {
                format!("Đã quá hạn {} ngày", format::integer(days.into()))
            }
        }
    }
}

/// Status of `deadline` on `today`. “Trước ngày 18/08” makes 17/08 the last
/// day on time, so the countdown runs to the day before `due_before`.
pub fn deadline_status(deadline: &Deadline, today: NaiveDate) -> DeadlineStatus {
    let last_day = deadline
        .due_before
        .pred_opt()
        .unwrap_or(deadline.due_before);
    let days = (last_day - today).num_days();
    match days {
        0 => DeadlineStatus::LastDay,
        d if d > 0 => DeadlineStatus::DaysLeft(saturate(d)),
        d => DeadlineStatus::Overdue(saturate(-d)),
    }
}

fn saturate(days: i64) -> u32 {
    u32::try_from(days).unwrap_or(u32::MAX)
}

/// Where the campaign itself stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignPhase {
    /// Starts in this many days.
    NotStarted(u32),
    /// Running: day `day` of `of` calendar days.
    Running { day: u32, of: u32 },
    /// Ended this many days ago.
    Ended(u32),
}

impl CampaignPhase {
    /// Where the campaign stands, in words.
    pub fn text(self) -> String {
        match self {
            CampaignPhase::NotStarted(days) => {
                format!("Còn {} ngày nữa bắt đầu", format::integer(days.into()))
            }
            CampaignPhase::Running { day, of } => format!("Đang diễn ra: ngày thứ {day}/{of}"),
            CampaignPhase::Ended(days) => {
                format!("Đã kết thúc {} ngày trước", format::integer(days.into()))
            }
        }
    }
}

/// Phase of the campaign on `today`.
pub fn campaign_phase(campaign: &Campaign, today: NaiveDate) -> CampaignPhase {
    let period = campaign.period;
    if today < period.start {
        CampaignPhase::NotStarted(saturate((period.start - today).num_days()))
    } else if today > period.end {
        CampaignPhase::Ended(saturate((today - period.end).num_days()))
    } else {
        CampaignPhase::Running {
            day: saturate((today - period.start).num_days() + 1),
            of: saturate((period.end - period.start).num_days() + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::template::seed_campaign;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn division_deadline() -> Deadline {
        seed_campaign("t").deadlines.remove(0)
    }

    #[test]
    fn trước_ngày_18_makes_17_the_last_day() {
        let deadline = division_deadline();
        assert_eq!(
            deadline_status(&deadline, day(8, 15)),
            DeadlineStatus::DaysLeft(2)
        );
        assert_eq!(
            deadline_status(&deadline, day(8, 17)),
            DeadlineStatus::LastDay
        );
        assert_eq!(
            deadline_status(&deadline, day(8, 18)),
            DeadlineStatus::Overdue(1)
        );
    }

    #[test]
    fn long_after_the_campaign_the_countdown_says_overdue() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(
            deadline_status(&division_deadline(), today),
            DeadlineStatus::Overdue(467)
        );
    }

    #[test]
    fn phase_follows_the_period() {
        let campaign = seed_campaign("t");
        assert_eq!(
            campaign_phase(&campaign, day(7, 1)),
            CampaignPhase::NotStarted(14)
        );
        assert_eq!(
            campaign_phase(&campaign, day(7, 15)),
            CampaignPhase::Running { day: 1, of: 32 }
        );
        assert_eq!(
            campaign_phase(&campaign, day(8, 15)),
            CampaignPhase::Running { day: 32, of: 32 }
        );
        assert_eq!(
            campaign_phase(&campaign, day(8, 20)),
            CampaignPhase::Ended(5)
        );
    }

    // A holiday on a weekday must leave the working calendar.
    #[test]
    fn holidays_are_not_working_days() {
        let mut campaign = seed_campaign("t");
        campaign.calendar.holidays.push(day(7, 28));
        let days = working_days(&campaign);
        assert_eq!(days.len(), 23);
        assert!(!days.contains(&day(7, 28)));
    }

    #[test]
    fn countdowns_read_naturally() {
        assert_eq!(DeadlineStatus::DaysLeft(3).text(), "Còn 3 ngày");
        assert_eq!(DeadlineStatus::LastDay.text(), "Hôm nay là ngày cuối cùng");
        assert_eq!(
            DeadlineStatus::Overdue(1467).text(),
            "Đã quá hạn 1.467 ngày"
        );
    }
}
