//! “How was this computed”: every figure of the evaluation as a sentence
//! with the actual numbers behind it.

use crate::core::campaign::model::{Campaign, Criterion, CriterionKind, Target};
use crate::core::entry::history::{EditSummary, Made};
use crate::core::evaluation::score::{CountProvenance, CriterionResult, Evaluation, PaperDay};
use crate::core::format;

/// `88,0%`, or `—` when the criterion does not apply (0/0).
pub fn attainment_text(result: &CriterionResult) -> String {
    result
        .attainment
        .map_or_else(|| "—".into(), |a| format!("{}%", format::decimal(a, 1)))
}

/// A target as shown: `100%` or `1 sáng kiến`.
pub fn target_text(target: Target) -> String {
    match target {
        Target::Percent(p) => format!("{}%", format::decimal(p, 0)),
        Target::Initiatives(n) => format!("{n} sáng kiến"),
    }
}

fn what_is_counted(kind: CriterionKind) -> (&'static str, &'static str) {
    match kind {
        CriterionKind::OnlineProcessing => (
            "văn bản đến và hồ sơ công việc xử lý trên mạng",
            "văn bản đến và hồ sơ công việc",
        ),
        CriterionKind::DigitalSigning => {
            ("văn bản ký số, phát hành trên mạng", "văn bản đi ban hành")
        }
        CriterionKind::Interconnection => (
            "văn bản gửi, nhận qua trục liên thông",
            "văn bản trao đổi với cơ quan ngoài",
        ),
        CriterionKind::KpiEvaluation => ("cán bộ đã đánh giá bằng KPI", "cán bộ, công chức"),
        CriterionKind::Creativity => ("sáng kiến", "chỉ tiêu sáng kiến"),
    }
}

/// The formula of one criterion with its numbers.
pub fn explain_criterion(criterion: &Criterion, result: &CriterionResult) -> String {
    let (numerator, denominator) = what_is_counted(criterion.kind);
    let n = format::integer(result.numerator as i64);
    let d = format::integer(result.denominator as i64);
    let verdict = match result.met {
        Some(true) => "đạt",
        Some(false) => "chưa đạt",
        None => "không áp dụng",
    };
    let target = target_text(criterion.target);
    if criterion.kind == CriterionKind::Creativity {
        let bonus = if criterion.bonus {
            format!(
                " Tiêu chí cộng điểm: thêm {} điểm (tối đa {}).",
                format::decimal(
                    result.attainment.unwrap_or(0.0) * criterion.weight / 100.0,
                    1
                ),
                format::decimal(criterion.weight, 1)
            )
        } else {
            String::new()
        };
        return format!(
            "{}: {n} {numerator} so với chỉ tiêu {target} → {} (tối đa 100%); {verdict}.{bonus}",
            criterion.code,
            attainment_text(result)
        );
    }
    let Some(attainment) = result.attainment else {
        return format!(
            "{}: không phát sinh {denominator} nào trong kỳ (0/0), nên tiêu chí không được tính \
             vào điểm tổng hợp.",
            criterion.code
        );
    };
    let excluded = if result.excluded > 0 {
        let what = match criterion.kind {
            CriterionKind::OnlineProcessing => "văn bản, hồ sơ",
            _ => "văn bản",
        };
        format!(
            " ({} {} trừ {} {what} không tính: mật và hồ sơ khen thưởng cấp nhà nước)",
            format::integer((result.denominator + result.excluded) as i64),
            denominator,
            format::integer(result.excluded as i64)
        )
    } else {
        String::new()
    };
    format!(
        "{}: {n} {numerator} / {d} {denominator}{excluded} = {}%; chỉ tiêu {target}: {verdict}.",
        criterion.code,
        format::decimal(attainment, 1)
    )
}

/// The composite score as a weighted mean of the applicable criteria, plus
/// the bonus criteria's points.
pub fn explain_composite(criteria: &[Criterion], evaluation: &Evaluation) -> String {
    let applicable: Vec<(f64, f64, &str)> = criteria
        .iter()
        .zip(&evaluation.criteria)
        .filter(|(c, _)| !c.bonus)
        .filter_map(|(c, r)| r.attainment.map(|a| (a, c.weight, c.code.as_str())))
        .collect();
    let bonuses: Vec<String> = criteria
        .iter()
        .zip(&evaluation.criteria)
        .filter(|(c, _)| c.bonus)
        .map(|(c, r)| {
            format!(
                " + điểm thưởng {} {}",
                c.code,
                format::decimal(r.attainment.unwrap_or(0.0) * c.weight / 100.0, 1)
            )
        })
        .collect();
    let Some(composite) = evaluation.composite else {
        return "Chưa có tiêu chí nào có số liệu để tính điểm.".into();
    };
    let terms: Vec<String> = applicable
        .iter()
        .map(|(a, w, code)| {
            format!(
                "{code} {} × {}",
                format::decimal(*a, 1),
                format::decimal(*w, 1)
            )
        })
        .collect();
    let weights: f64 = applicable.iter().map(|(_, w, _)| w).sum();
    let cap = if bonuses.is_empty() {
        ""
    } else {
        " (tối đa 100)"
    };
    format!(
        "Điểm = ({}) / {}{} = {}{cap}. Tiêu chí không phát sinh (0/0) không được tính.",
        terms.join(" + "),
        format::decimal(weights, 1),
        bonuses.concat(),
        format::decimal(composite, 1)
    )
}

/// How a division's paper-free days were counted, naming the pages that the
/// plan's exemptions leave out.
pub fn explain_paper_free_days(evaluation: &Evaluation) -> String {
    let reported = evaluation
        .paper_days
        .iter()
        .filter(|d| **d != PaperDay::NotReported)
        .count();
    let excluded = if evaluation.pages_excluded > 0 {
        format!(
            " {} trang in cho văn bản mật, hồ sơ khen thưởng cấp nhà nước không tính.",
            format::integer(evaluation.pages_excluded as i64)
        )
    } else {
        String::new()
    };
    format!(
        "{} ngày không in giấy trên {} ngày làm việc ({} ngày có báo cáo); {} tuần làm việc \
         không văn bản giấy.{excluded}",
        evaluation.paper_free_days,
        evaluation.paper_days.len(),
        reported,
        evaluation.paperless_weeks
    )
}

/// Where a division's daily counts came from, for the criteria built on
/// them; `None` before any day is reported.
pub fn explain_provenance(provenance: &CountProvenance) -> Option<String> {
    let reported = provenance.reported_days;
    if reported == 0 {
        return None;
    }
    let Some((at, files)) = &provenance.last_import else {
        return Some(format!("Nguồn số liệu: {reported} ngày, đều nhập tay."));
    };
    let typed = reported - provenance.register_days;
    let typed = if typed > 0 {
        format!(", {typed} ngày nhập tay")
    } else {
        String::new()
    };
    let edited = match provenance.edited_after_import {
        0 => String::new(),
        n => format!("; {n} ngày có số đã sửa tay sau khi nhập"),
    };
    Some(format!(
        "Nguồn số liệu: {}/{reported} ngày đọc từ sổ văn bản (lần nhập gần nhất {}: {}){typed}{edited}.",
        provenance.register_days,
        format::date_time(*at),
        files.join(", ")
    ))
}

/// The history behind a formula: “Lịch sử sửa đổi: 24 lần nhập; đã sửa 2
/// lần, lần cuối 22/07 14:03 bởi Trần Thị B.” Names come from `campaign`.
pub fn explain_history(summary: &EditSummary, campaign: &Campaign) -> String {
    let made = |(at, by): &Made| {
        let who = by
            .as_deref()
            .map(|id| campaign.name_of(id).unwrap_or(id))
            .unwrap_or("người nhập chưa chọn tên");
        format!("{} bởi {who}", format::day_month_time(*at))
    };
    match (&summary.last_correction, &summary.last_change) {
        (Some(correction), _) => format!(
            "Lịch sử sửa đổi: {} lần nhập; đã sửa {} lần, lần cuối {}.",
            summary.changes,
            summary.corrections,
            made(correction)
        ),
        (None, Some(change)) => format!(
            "Lịch sử sửa đổi: {} lần nhập, chưa sửa số đã nhập; lần nhập cuối {}.",
            summary.changes,
            made(change)
        ),
        (None, None) => "Lịch sử sửa đổi: chưa có lần nhập nào được ghi lại.".into(),
    }
}

/// The evaluation rules in Vietnamese, with the campaign's own targets,
/// weights, thresholds and award rules: Hướng dẫn shows them, so a civil
/// servant can read how every figure is made (docs/evaluation.md is the
/// developers' version).
pub fn rules_in_words(campaign: &Campaign) -> Vec<(String, Vec<String>)> {
    let t = campaign.thresholds;
    let rules = campaign.award_rules;
    let criteria = campaign
        .criteria
        .iter()
        .map(|c| {
            let (numerator, denominator) = what_is_counted(c.kind);
            let measure = match c.kind {
                CriterionKind::Creativity => format!(
                    "số {numerator} của phòng và của cán bộ trong phòng, so với chỉ tiêu {}",
                    target_text(c.target)
                ),
                _ => format!(
                    "{numerator} / {denominator}, chỉ tiêu {}",
                    target_text(c.target)
                ),
            };
            let weight = if c.bonus {
                format!("điểm cộng, tối đa {} điểm", format::decimal(c.weight, 1))
            } else {
                format!("trọng số {}", format::decimal(c.weight, 1))
            };
            // The plan's two exemptions, in words (not the labels lowercased:
            // Unicode case tables would cost the first load about 4 KB).
            let excluded = if c.exclusions.is_empty() {
                ""
            } else {
                "; không tính văn bản mật, tối mật, tuyệt mật và hồ sơ đề nghị khen thưởng cấp nhà \
                 nước"
            };
            format!(
                "{} — {}: {measure}{excluded} ({weight}).",
                c.code,
                c.kind.short_label()
            )
        })
        .collect();
    vec![
        ("Năm tiêu chí".into(), criteria),
        (
            "Điểm tổng hợp".into(),
            vec![
                "Điểm = bình quân gia quyền tỷ lệ đạt của các tiêu chí có trọng số, cộng điểm của \
                 tiêu chí điểm cộng; tối đa 100 điểm."
                    .into(),
                "Tiêu chí không phát sinh trong kỳ (0/0, ví dụ phòng không nhận văn bản nào) ghi \
                 “—”, không tính đạt hay không đạt và không tính vào điểm."
                    .into(),
                "Cá nhân: tiêu chí ký số chỉ tính cho người có ký văn bản; tiêu chí liên thông \
                 không áp dụng cho cá nhân."
                    .into(),
            ],
        ),
        (
            "Xếp loại".into(),
            vec![
                format!(
                    "Hoàn thành xuất sắc: từ {} điểm và mọi tiêu chí (trừ điểm cộng) có số liệu \
                     đều đạt chỉ tiêu. Hoàn thành tốt: từ {} điểm. Hoàn thành: từ {} điểm. Dưới \
                     {} điểm: chưa hoàn thành.",
                    format::decimal(t.excellent, 1),
                    format::decimal(t.good, 1),
                    format::decimal(t.done, 1),
                    format::decimal(t.done, 1)
                ),
                "Xếp hạng theo điểm (cao trước), rồi số ngày không in giấy, rồi tên: không có hai \
                 phòng cùng hạng."
                    .into(),
            ],
        ),
        (
            "Ngày không in giấy, tuần làm việc không văn bản giấy".into(),
            vec![
                "Ngày không in giấy: ngày làm việc phòng có báo cáo và không in trang nào; trang \
                 in cho văn bản mật, hồ sơ khen thưởng cấp nhà nước không tính. Ngày chưa báo cáo \
                 không được tính là ngày không in giấy."
                    .into(),
                "Tuần làm việc không văn bản giấy: tuần mà mọi ngày làm việc đều không in giấy."
                    .into(),
            ],
        ),
        (
            "Đề xuất khen thưởng".into(),
            vec![format!(
                "Tập thể: hoàn thành xuất sắc và có ít nhất {} tuần làm việc không văn bản giấy. \
                 Cá nhân: hoàn thành xuất sắc{}.",
                rules.min_paperless_weeks,
                if rules.individual_needs_initiative {
                    " và có ít nhất một sáng kiến"
                } else {
                    ""
                }
            )],
        ),
        (
            "Nộp đúng hạn".into(),
            vec![
                "Phòng nộp đúng hạn khi tệp cuối cùng có thay đổi số liệu của phòng được xuất \
                  trước ngày hết hạn (giờ Việt Nam). Tệp gửi sớm nhưng còn thiếu, rồi bổ sung sau \
                  hạn, là trễ hạn; tệp gửi lại sau hạn mà không thay đổi gì thì không làm phòng \
                  bị trễ hạn."
                    .into(),
            ],
        ),
        (
            "Mặc định của ứng dụng".into(),
            vec![crate::core::campaign::template::app_defaults_summary()],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::model::{DailyCounts, Workspace};
    use crate::core::campaign::template::seed_campaign;
    use crate::core::entry::edit::update_counts;
    use crate::core::evaluation::score::evaluate;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn office() -> (Workspace, Evaluation) {
        let mut ws = Workspace::new(seed_campaign("t"));
        update_counts(
            &mut ws,
            "van-phong",
            NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
            Utc.with_ymd_and_hms(2025, 7, 15, 9, 0, 0).unwrap(),
            |c| {
                *c = DailyCounts {
                    docs_received: 20,
                    docs_received_online: 18,
                    dossiers: 5,
                    dossiers_online: 4,
                    docs_issued: 10,
                    docs_excluded_secret: 2,
                    docs_excluded_state_award: 1,
                    docs_signed_online: 7,
                    ..DailyCounts::default()
                }
            },
        );
        let evaluation = evaluate(&ws);
        let office = evaluation
            .units
            .into_iter()
            .find(|u| u.id == "van-phong")
            .unwrap();
        (ws, office)
    }

    #[test]
    fn a_ratio_explains_itself_with_its_numbers() {
        let (ws, office) = office();
        assert_eq!(
            explain_criterion(&ws.campaign.criteria[0], &office.criteria[0]),
            "TC1: 22 văn bản đến và hồ sơ công việc xử lý trên mạng / 25 văn bản đến và hồ sơ \
             công việc = 88,0%; chỉ tiêu 100%: chưa đạt."
        );
    }

    #[test]
    fn exclusions_are_named_in_the_explanation() {
        let (ws, office) = office();
        let text = explain_criterion(&ws.campaign.criteria[1], &office.criteria[1]);
        assert!(text.contains("7 văn bản ký số, phát hành trên mạng / 7 văn bản đi ban hành (10 văn bản đi ban hành trừ 3 văn bản không tính"), "{text}");
        assert!(text.ends_with("= 100,0%; chỉ tiêu 100%: đạt."), "{text}");
    }

    #[test]
    fn not_applicable_and_composite_are_explained() {
        let (ws, office) = office();
        assert!(explain_criterion(&ws.campaign.criteria[2], &office.criteria[2]).contains("(0/0)"));
        assert_eq!(attainment_text(&office.criteria[2]), "—");
        assert_eq!(
            explain_composite(&ws.campaign.criteria, &office),
            "Điểm = (TC1 88,0 × 1,0 + TC2 100,0 × 1,0) / 2,0 + điểm thưởng TC5 0,0 = 94,0 (tối \
             đa 100). Tiêu chí không phát sinh (0/0) không được tính."
        );
    }

    #[test]
    fn the_rules_read_in_vietnamese_with_the_campaigns_settings() {
        let mut campaign = crate::core::campaign::template::seed_campaign("t");
        campaign.thresholds.excellent = 97.5;
        let rules = rules_in_words(&campaign);
        let text: String = rules
            .iter()
            .flat_map(|(heading, lines)| std::iter::once(heading).chain(lines))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains("từ 97,5 điểm"), "{text}");
        assert!(text.contains("TC5 — Sáng kiến, sáng tạo"), "{text}");
        assert!(text.contains("điểm cộng, tối đa 5,0 điểm"), "{text}");
        assert!(
            text.contains(
                "TC1 — Xử lý văn bản, hồ sơ trên mạng: văn bản đến và hồ sơ công việc \
                           xử lý trên mạng / văn bản đến và hồ sơ công việc, chỉ tiêu 100%; không \
                           tính văn bản mật, tối mật, tuyệt mật và hồ sơ đề nghị khen thưởng cấp \
                           nhà nước"
            ),
            "{text}"
        );
        assert!(
            !text.contains("docs/"),
            "no source paths for civil servants"
        );
    }
}
