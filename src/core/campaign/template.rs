//! The built-in template: the campaign of the seed plan of Sở Dân tộc và Tôn
//! giáo tỉnh Khánh Hòa (15/07/2025 – 15/08/2025). Wording follows the plan; the
//! weights are ours, not the plan's, and every field stays editable.

use chrono::{NaiveDate, Weekday};

use crate::core::campaign::model::{
    AwardRules, Campaign, Criterion, CriterionKind, Deadline, Exclusion, Period,
    RememberedMappings, Target, Thresholds, Unit, WorkingCalendar,
};
use crate::core::format;

/// Identifier of the secret-documents exclusion (mật, tối mật, tuyệt mật).
pub const EXCLUSION_SECRET: &str = "secret";
/// Identifier of the state-level commendation dossiers exclusion.
pub const EXCLUSION_STATE_AWARD: &str = "state_award";
/// Points the creativity criterion adds at most, by default.
pub const CREATIVITY_BONUS_POINTS: f64 = 5.0;
/// Id of the deadline by which divisions report (their exports are checked against it).
pub const DIVISION_REPORT_DEADLINE: &str = "bao-cao-phong";

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("template dates are valid")
}

fn plan_exclusions() -> Vec<Exclusion> {
    vec![
        Exclusion {
            id: EXCLUSION_SECRET.into(),
            label: "Văn bản mật, tối mật, tuyệt mật".into(),
        },
        Exclusion {
            id: EXCLUSION_STATE_AWARD.into(),
            label: "Hồ sơ đề nghị khen thưởng cấp nhà nước".into(),
        },
    ]
}

fn criterion(
    kind: CriterionKind,
    code: &str,
    title: &str,
    target: Target,
    exclusions: Vec<Exclusion>,
) -> Criterion {
    Criterion {
        kind,
        code: code.into(),
        title: title.into(),
        target,
        // Equal weights until the Legal Division decides otherwise (the
        // app's default, not the plan's).
        weight: 1.0,
        exclusions,
        bonus: false,
    }
}

/// The five criteria of section III of the plan.
pub fn plan_criteria() -> Vec<Criterion> {
    vec![
        // The plan exempts secret documents and state-level commendation
        // dossiers from going paperless altogether (section II.3), so they
        // leave criterion 1 too, not only criterion 2.
        criterion(
            CriterionKind::OnlineProcessing,
            "TC1",
            "100% văn bản và hồ sơ công việc được xử lý trên môi trường mạng",
            Target::Percent(100.0),
            plan_exclusions(),
        ),
        criterion(
            CriterionKind::DigitalSigning,
            "TC2",
            "100% văn bản xử lý trên môi trường mạng đều được ký số, ban hành hoàn toàn trên \
             môi trường mạng (trừ văn bản mật, tuyệt mật, tối mật và hồ sơ đề nghị khen thưởng \
             cấp nhà nước)",
            Target::Percent(100.0),
            plan_exclusions(),
        ),
        criterion(
            CriterionKind::Interconnection,
            "TC3",
            "Liên thông hệ thống văn bản điện tử hai chiều từ tỉnh đến cấp xã",
            Target::Percent(100.0),
            Vec::new(),
        ),
        criterion(
            CriterionKind::KpiEvaluation,
            "TC4",
            "100% thực hiện đánh giá cán bộ, công chức được đo lường bằng KPI",
            Target::Percent(100.0),
            Vec::new(),
        ),
        // Creativity adds bonus points (the app's default, not the plan's):
        // as an all-or-nothing weighted criterion it capped a division
        // perfect on everything else at 80 points.
        Criterion {
            weight: CREATIVITY_BONUS_POINTS,
            bonus: true,
            ..criterion(
                CriterionKind::Creativity,
                "TC5",
                "Tính sáng tạo của cơ quan, cá nhân trong triển khai thực hiện “Ngày không in \
                 giấy”, “Tuần làm việc không văn bản giấy”",
                Target::Initiatives(1),
                Vec::new(),
            )
        },
    ]
}

/// The three deadlines of section V of the plan.
pub fn plan_deadlines() -> Vec<Deadline> {
    vec![
        Deadline {
            id: DIVISION_REPORT_DEADLINE.into(),
            from: "Trưởng các Phòng thuộc Sở".into(),
            to: "Văn phòng Sở".into(),
            deliverable: "Báo cáo kết quả thực hiện Phong trào thi đua".into(),
            due_before: day(2025, 8, 18),
        },
        Deadline {
            id: "ho-so-khen-thuong".into(),
            from: "Văn phòng Sở".into(),
            to: "Ủy ban nhân dân tỉnh (qua Sở Nội vụ)".into(),
            deliverable: "Hồ sơ đề nghị xét tặng Bằng khen của Chủ tịch UBND tỉnh \
                          (Nghị định số 152/2025/NĐ-CP)"
                .into(),
            due_before: day(2025, 8, 20),
        },
        Deadline {
            id: "bao-cao-tong-hop".into(),
            from: "Phòng Pháp chế (đầu mối, theo dõi KPI)".into(),
            to: "Ủy ban nhân dân tỉnh (qua Sở Nội vụ và Sở Khoa học và Công nghệ)".into(),
            deliverable: "Báo cáo tổng hợp kết quả thực hiện Kế hoạch".into(),
            due_before: day(2025, 8, 20),
        },
    ]
}

/// The seed plan's campaign under the identifier `id`.
///
/// The identifier comes from the caller so the core needs no source of
/// randomness: the browser passes a fresh UUID, tests pass a fixed one.
pub fn seed_campaign(id: impl Into<String>) -> Campaign {
    Campaign {
        id: id.into(),
        title: "Phong trào thi đua 30 ngày đêm thực hiện “Ngày không in giấy”, \
                “Tuần làm việc không văn bản giấy”"
            .into(),
        issuing_body: "Sở Dân tộc và Tôn giáo tỉnh Khánh Hòa".into(),
        // The province's plan first, then the department's that implements it.
        plan_reference: "Kế hoạch số 429/KH-UBND ngày 14/7/2025 của Ủy ban nhân dân tỉnh Khánh \
                         Hòa và Kế hoạch số …/KH-SDTTG tháng 7/2025 của Sở Dân tộc và Tôn giáo"
            .into(),
        period: Period {
            start: day(2025, 7, 15),
            end: day(2025, 8, 15),
        },
        calendar: WorkingCalendar {
            working_weekdays: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            holidays: Vec::new(),
            extra_working_days: Vec::new(),
        },
        // The plan names only these two divisions; the others are added in
        // Thiết lập or come with the sample data.
        units: vec![
            Unit {
                id: "van-phong".into(),
                name: "Văn phòng".into(),
                head: String::new(),
            },
            Unit {
                id: "phong-phap-che".into(),
                name: "Phòng Pháp chế".into(),
                head: String::new(),
            },
        ],
        officers: Vec::new(),
        criteria: plan_criteria(),
        deadlines: plan_deadlines(),
        thresholds: Thresholds::default(),
        award_rules: AwardRules::default(),
        register_mappings: RememberedMappings::default(),
        registered_keys: Vec::new(),
    }
}

/// What the app sets where the plan is silent, in Vietnamese, from the
/// defaults themselves: Thiết lập shows it beside the fields it fills.
pub fn app_defaults_summary() -> String {
    let thresholds = Thresholds::default();
    let rules = AwardRules::default();
    format!(
        "Kế hoạch chỉ quy định nội dung và chỉ tiêu 100% của các tiêu chí. Mọi con số còn lại là \
         mặc định của ứng dụng, không phải của Kế hoạch, và đều sửa được: trọng số 1 cho \
         TC1–TC4; TC5 (sáng tạo) là điểm cộng, tối đa {} điểm; ngưỡng xếp loại {} / {} / {}; \
         “Hoàn thành xuất sắc” còn đòi hỏi mọi tiêu chí (trừ điểm cộng) có số liệu đều đạt chỉ \
         tiêu; tập thể được đề xuất khen thưởng khi hoàn thành xuất sắc và có ít nhất {} tuần \
         làm việc không văn bản giấy; cá nhân khi hoàn thành xuất sắc{}; tiêu chí ký số của cá \
         nhân chỉ tính cho người có ký văn bản.",
        format::decimal(CREATIVITY_BONUS_POINTS, 0),
        format::decimal(thresholds.excellent, 0),
        format::decimal(thresholds.good, 0),
        format::decimal(thresholds.done, 0),
        rules.min_paperless_weeks,
        if rules.individual_needs_initiative {
            " và có sáng kiến"
        } else {
            ""
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_defaults_are_spelled_out_with_their_values() {
        let text = app_defaults_summary();
        for figure in [
            "tối đa 5 điểm",
            "95 / 85 / 70",
            "ít nhất 2 tuần",
            "có sáng kiến",
        ] {
            assert!(text.contains(figure), "{figure}: {text}");
        }
        let tc5 = &plan_criteria()[4];
        assert!(tc5.bonus && tc5.weight == CREATIVITY_BONUS_POINTS);
    }
}
