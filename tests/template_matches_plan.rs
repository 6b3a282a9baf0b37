//! The built-in template must say what the seed plan says: these tests read
//! the plan's text (a copy in `tests/fixtures/`) and check the template
//! against it, so a typo in a criterion or a wrong deadline fails here.

use chrono::{NaiveDate, Weekday};
use thidua::core::campaign::calendar::working_days;
use thidua::core::campaign::model::{CriterionKind, Target};
use thidua::core::campaign::template::{seed_campaign, EXCLUSION_SECRET, EXCLUSION_STATE_AWARD};

const PLAN: &str = include_str!("fixtures/ke-hoach-sdttg-2025.txt");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The plan's text with emphasis marks and line breaks folded, so wording can
/// be compared regardless of Markdown.
fn plan_text() -> String {
    PLAN.replace('*', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_criterion_uses_the_plans_wording() {
    let plan = plan_text();
    let campaign = seed_campaign("test");
    assert_eq!(campaign.criteria.len(), 5);
    for criterion in &campaign.criteria {
        assert!(
            plan.contains(&criterion.title),
            "{} is not worded as in the plan: {}",
            criterion.code,
            criterion.title
        );
    }
}

#[test]
fn criteria_come_in_the_plans_order_with_full_targets() {
    let campaign = seed_campaign("test");
    let kinds: Vec<_> = campaign.criteria.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            CriterionKind::OnlineProcessing,
            CriterionKind::DigitalSigning,
            CriterionKind::Interconnection,
            CriterionKind::KpiEvaluation,
            CriterionKind::Creativity,
        ]
    );
    for criterion in &campaign.criteria[..4] {
        assert_eq!(
            criterion.target,
            Target::Percent(100.0),
            "{}",
            criterion.code
        );
    }
    assert!(campaign.criteria.iter().all(|c| c.weight > 0.0));
}

// The plan exempts secret documents and state-level commendation dossiers
// from going paperless (II.3, and criterion 2's own words): criteria 1 and 2
// count documents, so both leave them out.
#[test]
fn processing_and_signing_exclude_secret_and_state_award_documents() {
    let campaign = seed_campaign("test");
    for criterion in &campaign.criteria {
        let ids: Vec<_> = criterion.exclusions.iter().map(|e| e.id.as_str()).collect();
        if matches!(
            criterion.kind,
            CriterionKind::OnlineProcessing | CriterionKind::DigitalSigning
        ) {
            assert_eq!(ids, [EXCLUSION_SECRET, EXCLUSION_STATE_AWARD]);
        } else {
            assert!(ids.is_empty(), "{} has exclusions {ids:?}", criterion.code);
        }
    }
    let plan = plan_text();
    assert!(plan
        .contains("trừ văn bản mật, tuyệt mật, tối mật và hồ sơ đề nghị khen thưởng cấp nhà nước"));
    assert!(plan.contains("(trừ những văn bản mật và hồ sơ khen thưởng cấp nhà nước)"));
}

#[test]
fn period_and_calendar_are_the_plans() {
    let campaign = seed_campaign("test");
    assert!(plan_text().contains("Từ ngày 15/7/2025 đến hết ngày 15/8/2025"));
    assert_eq!(campaign.period.start, day(2025, 7, 15));
    assert_eq!(campaign.period.end, day(2025, 8, 15));
    assert_eq!(
        campaign.calendar.working_weekdays,
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri
        ]
    );
}

#[test]
fn the_campaign_has_24_working_days() {
    // DESIGN.md §8: 24 working days between Tue 15/07 and Fri 15/08/2025.
    let days = working_days(&seed_campaign("test"));
    assert_eq!(days.len(), 24);
    assert_eq!(days.first(), Some(&day(2025, 7, 15)));
    assert_eq!(days.last(), Some(&day(2025, 8, 15)));
}

#[test]
fn deadlines_say_who_owes_what_to_whom_and_when() {
    let plan = plan_text();
    assert!(plan.contains("gửi về Văn phòng trước ngày 18/8/2025"));
    assert!(plan.contains("(qua Sở Nội vụ) trước ngày 20/8/2025"));
    assert!(plan.contains("(qua Sở Nội vụ và Sở Khoa học và Công nghệ) trước ngày 20/8/2025"));

    let campaign = seed_campaign("test");
    let summary: Vec<_> = campaign
        .deadlines
        .iter()
        .map(|d| (d.from.as_str(), d.to.as_str(), d.due_before))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Trưởng các Phòng thuộc Sở",
                "Văn phòng Sở",
                day(2025, 8, 18)
            ),
            (
                "Văn phòng Sở",
                "Ủy ban nhân dân tỉnh (qua Sở Nội vụ)",
                day(2025, 8, 20)
            ),
            (
                "Phòng Pháp chế (đầu mối, theo dõi KPI)",
                "Ủy ban nhân dân tỉnh (qua Sở Nội vụ và Sở Khoa học và Công nghệ)",
                day(2025, 8, 20)
            ),
        ]
    );
    assert!(campaign.deadlines[1].deliverable.contains("152/2025/NĐ-CP"));
}

#[test]
fn the_issuing_body_and_title_are_the_plans() {
    let campaign = seed_campaign("test");
    assert!(PLAN.contains("Sở Dân tộc và Tôn giáo"));
    assert_eq!(
        campaign.issuing_body,
        "Sở Dân tộc và Tôn giáo tỉnh Khánh Hòa"
    );
    assert!(plan_text().contains(&campaign.title.replace("Phong trào", "phong trào")));
    assert!(campaign
        .plan_reference
        .contains("429/KH-UBND ngày 14/7/2025"));
}

/// Every `.rs` file under `dir`.
fn sources(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

// Words an official would notice: the plan speaks of a “phong trào thi đua”,
// not a “chiến dịch”; “KT” reads as “ký thay”; the week is “Tuần làm việc
// không văn bản giấy”. No text the app shows may fall back to them.
#[test]
fn the_app_speaks_the_plans_words() {
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 40);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap().to_lowercase();
        for phrase in [
            "chiến dịch",
            "kt cấp nhà nước",
            "tuần không giấy",
            "ban giám đốc sở",
        ] {
            assert!(!text.contains(phrase), "{}: “{phrase}”", file.display());
        }
    }
}
