//! Seeded sample data at the reference sizes of DESIGN.md §8, for trying the
//! app, for tests and for benchmarks. The same seed always gives the same data.

use chrono::{Duration, NaiveTime};

use crate::core::campaign::calendar::working_days;
use crate::core::campaign::model::{
    Campaign, DailyCounts, DailyReport, Initiative, InitiativeOwner, Officer, OfficerRecord,
    RecordMeta, Target, Unit, Workspace,
};
use crate::core::campaign::template::seed_campaign;
use crate::core::entry::edit::daily_report_id;

/// How much sample data to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleScale {
    /// One department: 8 divisions, 80 officers.
    Department,
    /// A province: 2,000 units, 20,000 officers.
    Province,
}

impl SampleScale {
    /// Number of units at this scale.
    pub fn units(self) -> usize {
        match self {
            SampleScale::Department => 8,
            SampleScale::Province => 2_000,
        }
    }

    /// Officers per unit at this scale.
    pub fn officers_per_unit(self) -> usize {
        10
    }
}

/// The seed of the sample the app offers, so every browser shows the same one.
pub const APP_SAMPLE_SEED: u64 = 2025;

/// The department-scale sample the app offers (Thiết lập, the start panel).
pub fn app_sample() -> Workspace {
    generate(SampleScale::Department, APP_SAMPLE_SEED)
}

/// Marks sample data wherever a user could mistake it for real figures.
pub const SAMPLE_LABEL: &str = "DỮ LIỆU MẪU";

/// A small, fast, seedable generator (SplitMix64). Good enough for sample
/// data and randomised tests; not for anything secret.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator that always yields the same sequence for `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `0..=max`.
    pub fn up_to(&mut self, max: u32) -> u32 {
        (self.next_u64() % (u64::from(max) + 1)) as u32
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.up_to(99) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

const DEPARTMENT_DIVISIONS: [&str; 8] = [
    "Văn phòng",
    "Phòng Pháp chế",
    "Thanh tra Sở",
    "Phòng Kế hoạch – Tài chính",
    "Phòng Chính sách Dân tộc",
    "Phòng Quản lý Tôn giáo",
    "Phòng Tuyên truyền và Hợp tác",
    "Phòng Công tác Dân tộc địa phương",
];
const FAMILY_NAMES: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi",
];
const MIDDLE_NAMES: [&str; 8] = ["Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thanh", "Quốc", "Thu"];
const GIVEN_NAMES: [&str; 12] = [
    "An", "Bình", "Châu", "Dũng", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Tùng",
];
const POSITIONS: [&str; 4] = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
];

const OFFICER_INITIATIVES: [(&str, &str); 3] = [
    (
        "Mẫu phiếu trình ký số dùng chung",
        "Một mẫu phiếu trình cho mọi loại văn bản, ký số ngay trên hệ thống.",
    ),
    (
        "Sổ theo dõi hồ sơ công việc điện tử",
        "Thay sổ giấy bằng danh sách hồ sơ trên hệ thống quản lý văn bản.",
    ),
    (
        "Họp giao ban không giấy",
        "Tài liệu họp gửi qua hệ thống, xem trên màn hình thay cho bản in.",
    ),
];

fn person_name(random: &mut SplitMix64) -> String {
    format!(
        "{} {} {}",
        random.pick(&FAMILY_NAMES),
        random.pick(&MIDDLE_NAMES),
        random.pick(&GIVEN_NAMES)
    )
}

/// A workspace of sample data at `scale`, the same for the same `seed`.
///
/// Each unit gets a diligence level so that rankings spread out: diligent
/// units process nearly everything online and rarely print.
pub fn generate(scale: SampleScale, seed: u64) -> Workspace {
    let mut random = SplitMix64::new(seed);
    let mut campaign = seed_campaign(format!("mau-{seed:016x}"));
    campaign.title = format!("{SAMPLE_LABEL} – {}", campaign.title);
    campaign.plan_reference = format!(
        "{SAMPLE_LABEL}: sinh tự động (hạt giống {seed}), không phải số liệu thật. {}",
        campaign.plan_reference
    );
    campaign.units = (0..scale.units())
        .map(|index| Unit {
            id: format!("don-vi-{:04}", index + 1),
            name: match scale {
                SampleScale::Department => DEPARTMENT_DIVISIONS[index].to_string(),
                SampleScale::Province => format!("Đơn vị {:04}", index + 1),
            },
            head: person_name(&mut random),
        })
        .collect();
    let start_of_campaign = campaign.period.start.and_time(NaiveTime::MIN).and_utc();
    campaign.officers = campaign
        .units
        .iter()
        .flat_map(|unit| (1..=scale.officers_per_unit()).map(move |n| (unit.id.clone(), n)))
        .map(|(unit_id, n)| {
            let id = format!("{unit_id}-cb{n:02}");
            Officer {
                meta: RecordMeta {
                    id: id.clone(),
                    rev: 1,
                    updated_at: start_of_campaign,
                    deleted: false,
                },
                id: id.into(),
                unit_id,
                name: person_name(&mut random).into(),
                position: random.pick(&POSITIONS).to_string(),
            }
        })
        .collect();

    let days = working_days(&campaign);
    let mut workspace = Workspace::new(campaign);
    // About a third of the units work fully online, as the campaign asks;
    // the others miss a share of their documents.
    let diligence: Vec<u32> = (0..scale.units())
        .map(|_| {
            if random.chance(25) {
                100
            } else {
                60 + random.up_to(38)
            }
        })
        .collect();
    let meta = |id: String, day: chrono::NaiveDate| RecordMeta {
        id,
        rev: 1,
        updated_at: day.and_time(NaiveTime::MIN).and_utc() + Duration::hours(10),
        deleted: false,
    };

    for (unit, &diligence) in workspace.campaign.units.iter().zip(&diligence) {
        for &day in &days {
            let counts = daily_counts(&mut random, diligence);
            workspace.daily_reports.push(DailyReport {
                meta: meta(daily_report_id(&unit.id, day), day),
                unit_id: unit.id.clone(),
                date: day,
                counts,
                source: None,
            });
        }
        if random.chance(diligence) {
            let day = *random.pick(&days);
            workspace.initiatives.push(Initiative {
                meta: meta(format!("{}-sang-kien", unit.id), day),
                owner: InitiativeOwner::Unit(unit.id.clone()),
                title: "Quy trình trình ký số toàn trình".into(),
                description: "Chuyển toàn bộ tờ trình nội bộ sang ký số trên hệ thống quản lý \
                              văn bản."
                    .into(),
                date: day,
                council_score: Some(f64::from(60 + random.up_to(40))),
            });
        }
        // A few officers put forward initiatives of their own.
        for officer in workspace
            .campaign
            .officers
            .iter()
            .filter(|o| o.unit_id == unit.id)
        {
            if random.chance(diligence / 8) {
                let day = *random.pick(&days);
                let (title, description) = *random.pick(&OFFICER_INITIATIVES);
                workspace.initiatives.push(Initiative {
                    meta: meta(format!("{}-sang-kien", officer.id), day),
                    owner: InitiativeOwner::Officer(officer.id.to_string()),
                    title: title.into(),
                    description: description.into(),
                    date: day,
                    council_score: Some(f64::from(60 + random.up_to(40))),
                });
            }
        }
    }
    let last_day = *days.last().expect("the template has working days");
    let unit_diligence = |unit_id: &str| {
        workspace
            .campaign
            .units
            .iter()
            .position(|unit| unit.id == unit_id)
            .map_or(80, |index| diligence[index])
    };
    let officer_records: Vec<OfficerRecord> = workspace
        .campaign
        .officers
        .iter()
        .map(|officer| {
            let diligence = unit_diligence(&officer.unit_id);
            let handled = 20 + random.up_to(80);
            let online = handled - random.up_to((handled * (100 - diligence)) / 100);
            let evaluated = random.chance(diligence + 5);
            // Heads and deputy heads sign; specialists draft and do not.
            let signs = officer.position.contains("Trưởng phòng");
            let signed = if signs {
                online - random.up_to((online * (100 - diligence)) / 100)
            } else {
                0
            };
            OfficerRecord {
                meta: meta(format!("{}-kpi", officer.id), last_day),
                officer_id: officer.id.to_string(),
                kpi_evaluated: evaluated,
                kpi_score: evaluated.then(|| f64::from(50 + random.up_to(50))),
                docs_handled: handled,
                docs_handled_online: online,
                docs_signed: signed,
                signing_authority: signs,
            }
        })
        .collect();
    workspace.officer_records = officer_records;
    workspace
}

/// One day's counts of a unit that does `diligence` % of its work online.
/// Always consistent with [`crate::core::entry::validation::check_counts`],
/// and always what some register rows count to (`register::sample`).
fn daily_counts(random: &mut SplitMix64, diligence: u32) -> DailyCounts {
    let lapse = |random: &mut SplitMix64, total: u32| {
        let misses = random.up_to((total * (100 - diligence)).div_ceil(100));
        total - misses.min(total)
    };
    let docs_received = random.up_to(30);
    // Now and then a secret document or a state-level commendation dossier
    // arrives: handled on paper, left out of criterion 1, and the pages
    // printed for it do not break the paper-free day.
    let received_excluded = u32::from(docs_received > 0 && random.chance(4));
    let docs_issued = random.up_to(12);
    let docs_excluded_secret = u32::from(docs_issued > 0 && random.chance(5));
    let docs_excluded_state_award = u32::from(docs_issued > 1 && random.chance(2));
    let signable = docs_issued - docs_excluded_secret - docs_excluded_state_award;
    let dossiers = random.up_to(6);
    // What the registers can tell: most documents go to or come from other
    // bodies, and those on the interconnection platform are among them.
    let open_in = docs_received - received_excluded;
    let external_in = open_in - random.up_to(open_in / 4);
    let external_out = signable - random.up_to(signable / 2);
    let interconnect_received = lapse(random, external_in);
    let interconnect_sent = lapse(random, external_out);
    let pages_printed_excluded = if received_excluded + docs_excluded_secret > 0 {
        1 + random.up_to(4)
    } else {
        0
    };
    let pages_printed_otherwise = if random.chance(diligence) {
        0
    } else {
        1 + random.up_to(15)
    };
    DailyCounts {
        docs_received,
        docs_received_online: lapse(random, docs_received - received_excluded),
        docs_issued,
        docs_signed_online: lapse(random, signable),
        docs_excluded_secret,
        docs_excluded_state_award,
        dossiers,
        dossiers_online: lapse(random, dossiers),
        interconnect_sent,
        interconnect_received,
        external_total: external_in + external_out,
        pages_printed: pages_printed_otherwise + pages_printed_excluded,
        received_excluded,
        pages_printed_excluded,
    }
}

/// Award rules and targets under which every division and officer with
/// data qualifies for a proposal: for tests and for showing the proposals
/// table with the sample's data.
pub fn propose_everyone(campaign: &mut Campaign) {
    campaign.thresholds.excellent = 0.0;
    campaign.award_rules.min_paperless_weeks = 0;
    campaign.award_rules.individual_needs_initiative = false;
    // “Xuất sắc” needs every criterion met, so the targets go to 0 too.
    for criterion in &mut campaign.criteria {
        criterion.target = match criterion.target {
            Target::Percent(_) => Target::Percent(0.0),
            Target::Initiatives(_) => Target::Initiatives(0),
        };
    }
}

/// The sample at `scale` as its divisions would have typed it in over the
/// campaign, through the same edits the entry screens make: each count of
/// each day in its own edit by the division's first officer (one in ten
/// first typed wrong, then corrected), each officer's record field by field
/// on the last day, each initiative written and then revised. The records
/// come out as [`generate`]'s; the change history is what a month of typing
/// leaves (`benches/history.rs` measures its size).
pub fn typed_for_a_month(scale: SampleScale, seed: u64) -> Workspace {
    use crate::core::entry::edit::{update_counts, update_officer_record, upsert_initiative};
    use crate::core::entry::history::Stamp;
    use crate::core::entry::validation::CountField;

    let truth = generate(scale, seed);
    let mut random = SplitMix64::new(seed ^ 0x5eed);
    let mut workspace = Workspace::new(truth.campaign.clone());
    // Each division's first officer, and each officer's division, looked up
    // once: at province scale a search per record would be quadratic.
    let mut first_officers: std::collections::HashMap<&str, &str> = Default::default();
    for officer in &truth.campaign.officers {
        first_officers
            .entry(officer.unit_id.as_str())
            .or_insert(officer.id.as_str());
    }
    let entrant = |unit_id: &str| first_officers.get(unit_id).map(|id| id.to_string());
    let officer_units = truth.campaign.officer_units();
    for report in &truth.daily_reports {
        let by = entrant(&report.unit_id);
        let mut at = report.date.and_time(NaiveTime::MIN).and_utc() + Duration::hours(9);
        for field in CountField::ALL {
            let value = field.get(&report.counts);
            if value == 0 {
                continue;
            }
            let typed = if random.chance(10) {
                vec![value + 1, value]
            } else {
                vec![value]
            };
            for typed in typed {
                at += Duration::minutes(1);
                let stamp = Stamp { at, by: by.clone() };
                update_counts(&mut workspace, &report.unit_id, report.date, stamp, |c| {
                    field.set(c, typed)
                });
            }
        }
    }
    for record in &truth.officer_records {
        let unit = officer_units[record.officer_id.as_str()].to_string();
        let mut at = record.meta.updated_at;
        let mut typed = |change: &dyn Fn(&mut OfficerRecord)| {
            at += Duration::minutes(1);
            let stamp = Stamp {
                at,
                by: entrant(&unit),
            };
            update_officer_record(&mut workspace, &record.officer_id, stamp, change);
        };
        typed(&|r| r.kpi_evaluated = record.kpi_evaluated);
        typed(&|r| r.kpi_score = record.kpi_score);
        typed(&|r| r.docs_handled = record.docs_handled);
        typed(&|r| r.docs_handled_online = record.docs_handled_online);
        typed(&|r| r.docs_signed = record.docs_signed);
        typed(&|r| r.signing_authority = record.signing_authority);
    }
    for initiative in &truth.initiatives {
        let at = initiative.meta.updated_at;
        let draft = Initiative {
            description: String::new(),
            council_score: None,
            ..initiative.clone()
        };
        upsert_initiative(&mut workspace, draft, at);
        upsert_initiative(&mut workspace, initiative.clone(), at + Duration::hours(1));
    }
    workspace
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entry::validation::{check_counts, check_report_date};

    #[test]
    fn a_month_of_typing_gives_the_samples_records_and_a_bounded_history() {
        use crate::core::entry::history::chain_holds;
        use crate::core::exchange::persist::encode_stored;
        let truth = generate(SampleScale::Department, 2025);
        let typed = typed_for_a_month(SampleScale::Department, 2025);
        let counts = |w: &Workspace| {
            let mut days: Vec<(String, DailyCounts)> = w
                .daily_reports
                .iter()
                .filter(|r| r.counts != DailyCounts::default())
                .map(|r| (r.meta.id.clone(), r.counts))
                .collect();
            days.sort_by(|a, b| a.0.cmp(&b.0));
            days
        };
        assert_eq!(counts(&typed), counts(&truth));
        assert_eq!(typed.initiatives.len(), truth.initiatives.len());
        assert_eq!(typed.history.chains.len(), 8, "one chain per division");
        assert!(typed.history.chains.iter().all(chain_holds));
        let changes: usize = typed.history.chains.iter().map(|c| c.entries.len()).sum();
        assert!(changes > 2_000, "{changes} changes");
        // DESIGN: the stored workspace after 30 days of edits stays within 1 MB.
        let (stored, _) = encode_stored(1, &typed);
        assert!(stored.len() <= 1024 * 1024, "{} bytes stored", stored.len());
    }

    #[test]
    fn the_department_sample_has_the_reference_size() {
        let workspace = generate(SampleScale::Department, 1);
        assert_eq!(workspace.campaign.units.len(), 8);
        assert_eq!(workspace.campaign.officers.len(), 80);
        assert_eq!(workspace.daily_reports.len(), 192);
        assert_eq!(workspace.officer_records.len(), 80);
        assert!(workspace.campaign.title.starts_with(SAMPLE_LABEL));
    }

    #[test]
    fn the_province_sample_has_the_reference_size() {
        let workspace = generate(SampleScale::Province, 1);
        assert_eq!(workspace.campaign.units.len(), 2_000);
        assert_eq!(workspace.campaign.officers.len(), 20_000);
        assert_eq!(workspace.daily_reports.len(), 48_000);
    }

    #[test]
    fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        let first = generate(SampleScale::Department, 7);
        assert_eq!(first, generate(SampleScale::Department, 7));
        assert_ne!(
            first.daily_reports,
            generate(SampleScale::Department, 8).daily_reports
        );
    }

    // Sample data that breaks the entry rules would teach users the wrong thing.
    #[test]
    fn every_sample_record_passes_validation() {
        for seed in 0..20 {
            let workspace = generate(SampleScale::Department, seed);
            for report in &workspace.daily_reports {
                assert_eq!(check_counts(&report.counts), [], "{}", report.meta.id);
                assert_eq!(check_report_date(&workspace.campaign, report.date), Ok(()));
            }
            for record in &workspace.officer_records {
                assert!(record.docs_handled_online <= record.docs_handled);
                assert!(record.docs_signed <= record.docs_handled_online);
            }
        }
    }

    #[test]
    fn record_ids_are_unique() {
        let workspace = generate(SampleScale::Department, 3);
        let mut ids: Vec<_> = workspace.daily_reports.iter().map(|r| &r.meta.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), workspace.daily_reports.len());
    }
}
