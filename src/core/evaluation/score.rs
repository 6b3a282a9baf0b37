//! Turns counts into verdicts (DESIGN.md §3): per division and per officer,
//! every criterion as numerator / denominator (exclusions shown), attainment
//! and met or not; a weighted composite score; a classification; a ranking
//! with deterministic tie-breaks; paper-free days and paperless weeks; and,
//! for the charts, the department's online rates day by day.
//!
//! The rules and defaults are written out in `docs/evaluation.md`.

use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::ops::Range;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::core::campaign::calendar::working_days;
use crate::core::campaign::model::{
    Campaign, CountSource, Criterion, CriterionKind, DailyCounts, InitiativeOwner, OfficerRecord,
    Target, Text, Thresholds, Workspace,
};

/// How a composite score reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Nothing to evaluate yet.
    NoData,
    /// Below the “done” threshold.
    NotDone,
    /// At least the “done” threshold.
    Done,
    /// At least the “good” threshold.
    Good,
    /// At least the “excellent” threshold, every criterion met.
    Excellent,
}

impl Classification {
    /// The Vietnamese wording.
    pub fn label(self) -> &'static str {
        match self {
            Classification::NoData => "Chưa có số liệu",
            Classification::NotDone => "Chưa hoàn thành",
            Classification::Done => "Hoàn thành",
            Classification::Good => "Hoàn thành tốt",
            Classification::Excellent => "Hoàn thành xuất sắc",
        }
    }
}

/// One criterion's figures for one division or officer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    /// Which criterion.
    pub kind: CriterionKind,
    /// What counts towards the target (documents online, officers evaluated…).
    pub numerator: u64,
    /// What the numerator is measured against, exclusions already removed.
    pub denominator: u64,
    /// Documents left out of the denominator (secret, state-level dossiers).
    pub excluded: u64,
    /// Share reached, 0–100; `None` when there was nothing to measure (0/0).
    pub attainment: Option<f64>,
    /// Whether the target is reached; `None` when not applicable.
    pub met: Option<bool>,
}

/// `numerator` as a share of `denominator`, 0–100; `None` for 0/0.
fn share(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0)
        .then(|| (numerator.min(denominator) as f64 * 100.0 / denominator as f64).clamp(0.0, 100.0))
}

impl CriterionResult {
    fn ratio(
        kind: CriterionKind,
        numerator: u64,
        denominator: u64,
        excluded: u64,
        target: f64,
    ) -> Self {
        let attainment = share(numerator, denominator);
        CriterionResult {
            kind,
            numerator,
            denominator,
            excluded,
            attainment,
            met: attainment.map(|a| a + 1e-9 >= target),
        }
    }

    fn count(kind: CriterionKind, count: u64, target: u32) -> Self {
        let attainment = if target == 0 {
            100.0
        } else {
            (count as f64 * 100.0 / f64::from(target)).min(100.0)
        };
        CriterionResult {
            kind,
            numerator: count,
            denominator: u64::from(target),
            excluded: 0,
            attainment: Some(attainment),
            met: Some(count >= u64::from(target)),
        }
    }
}

/// One result per criterion of a campaign, in campaign order: the plan's
/// five are held inline, so evaluating an officer allocates nothing for them
/// (a campaign with more spills onto the heap).
pub type CriterionResults = SmallVec<[CriterionResult; 5]>;

/// A division's or officer's evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Unit or officer id.
    pub id: Text,
    /// Name as shown.
    pub name: Text,
    /// One result per criterion of the campaign, in campaign order.
    pub criteria: CriterionResults,
    /// Weighted mean of the applicable attainments; `None` if none applies.
    pub composite: Option<f64>,
    /// Reading of the composite against the thresholds.
    pub classification: Classification,
    /// Working days with a report and zero pages printed (divisions only).
    pub paper_free_days: u32,
    /// How every working day went, in the order of
    /// [`CampaignEvaluation::working_days`] (divisions only; empty for officers).
    pub paper_days: Vec<PaperDay>,
    /// Weeks whose working days were all paper-free (divisions only).
    pub paperless_weeks: u32,
    /// Pages printed for secret documents and state-level commendation
    /// dossiers, which do not break a paper-free day (divisions only).
    pub pages_excluded: u64,
    /// 1 for the first; every rank distinct.
    pub rank: usize,
    /// Where the daily counts came from (divisions only).
    pub provenance: CountProvenance,
}

/// Where a division's daily counts came from: typed, or read from the
/// e-office registers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CountProvenance {
    /// Working days with a report.
    pub reported_days: u32,
    /// Of those, days whose counts were read from a register.
    pub register_days: u32,
    /// Of those, days where a register's count was then changed by hand.
    pub edited_after_import: u32,
    /// The latest import: when, and which files.
    pub last_import: Option<(DateTime<Utc>, Vec<String>)>,
}

/// A division's working day, as far as paper goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperDay {
    /// No report for the day (yet).
    NotReported,
    /// Reported, with pages printed.
    Printed,
    /// Reported, and not a page printed.
    PaperFree,
}

/// The online rates of all divisions together on one working day (0–100;
/// `None` when nothing of the kind happened that day).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyRates {
    /// The working day.
    pub date: NaiveDate,
    /// Documents and dossiers processed online (TC1).
    pub processing: Option<f64>,
    /// Documents signed and issued online, exclusions removed (TC2).
    pub signing: Option<f64>,
    /// External documents exchanged over the interconnection platform (TC3).
    pub interconnection: Option<f64>,
}

/// The whole evaluation of a workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignEvaluation {
    /// Divisions, ranked.
    pub units: Vec<Evaluation>,
    /// Officers, ranked.
    pub officers: Vec<Evaluation>,
    /// Weeks (of the working calendar) in the campaign, full or partial.
    pub weeks: u32,
    /// The campaign's working days, in order.
    pub working_days: Vec<NaiveDate>,
    /// All divisions' online rates, one entry per working day.
    pub daily: Vec<DailyRates>,
}

/// The weighted mean of the applicable attainments of the weighted
/// criteria, plus each bonus criterion's `weight × attainment / 100` points,
/// at most 100; `None` when no weighted criterion applies.
fn weighted_composite(criteria: &[Criterion], results: &[CriterionResult]) -> Option<f64> {
    let (sum, weights, bonus) =
        criteria
            .iter()
            .zip(results)
            .fold((0.0, 0.0, 0.0), |(sum, weights, bonus), (c, r)| {
                match r.attainment {
                    Some(a) if c.bonus => (sum, weights, bonus + a * c.weight / 100.0),
                    Some(a) => (sum + a * c.weight, weights + c.weight, bonus),
                    None => (sum, weights, bonus),
                }
            });
    (weights > 0.0).then(|| (sum / weights + bonus).clamp(0.0, 100.0))
}

fn classify(
    composite: Option<f64>,
    criteria: &[Criterion],
    results: &[CriterionResult],
    thresholds: &Thresholds,
) -> Classification {
    let Some(score) = composite else {
        return Classification::NoData;
    };
    // A bonus criterion adds points; missing it does not bar excellence.
    let all_met = criteria
        .iter()
        .zip(results)
        .all(|(c, r)| c.bonus || r.met != Some(false));
    if score >= thresholds.excellent && all_met {
        Classification::Excellent
    } else if score >= thresholds.good {
        Classification::Good
    } else if score >= thresholds.done {
        Classification::Done
    } else {
        Classification::NotDone
    }
}

fn percent_target(criterion: &Criterion) -> f64 {
    match criterion.target {
        Target::Percent(p) => p,
        Target::Initiatives(_) => 100.0,
    }
}

fn initiative_target(criterion: &Criterion) -> u32 {
    match criterion.target {
        Target::Initiatives(n) => n,
        Target::Percent(_) => 1,
    }
}

/// The total order of the ranking: composite (none last), then paper-free
/// days, then name, then id — so equal scores never swap between runs.
pub fn ranking_order(a: &Evaluation, b: &Evaluation) -> Ordering {
    let score = |e: &Evaluation| e.composite.unwrap_or(f64::NEG_INFINITY);
    score(b)
        .total_cmp(&score(a))
        .then(b.paper_free_days.cmp(&a.paper_free_days))
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.id.cmp(&b.id))
}

/// [`ranking_order`] as integers, as far as integers go: ascending, they
/// are the composite's descending order (none last), then the paper-free
/// days' descending, then the name's first 16 bytes ascending; the
/// position in the list is last.
fn ranking_key(evaluation: &Evaluation, index: usize) -> (u64, u32, u128, u32) {
    let bits = evaluation.composite.unwrap_or(f64::NEG_INFINITY).to_bits();
    // `f64::total_cmp`'s order as an unsigned integer's: negative numbers
    // have every bit flipped, the others only their sign bit.
    let ordered = if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    };
    // Big-endian, so the integers' order is the bytes'. A shorter name's
    // zeros sort before any byte, as the name does before a longer one.
    let mut prefix = [0u8; 16];
    let length = evaluation.name.len().min(16);
    prefix[..length].copy_from_slice(&evaluation.name.as_bytes()[..length]);
    (
        !ordered,
        !evaluation.paper_free_days,
        u128::from_be_bytes(prefix),
        index as u32,
    )
}

/// [`ranking_order`] of two evaluations whose [`ranking_key`]s are equal
/// but for the position: their scores, paper-free days and names' first 16
/// bytes are the same, so only the rest of the names and the ids are
/// compared (a province's ties are 7,047 officers in 975 runs).
fn tied_order(a: &Evaluation, b: &Evaluation) -> Ordering {
    let names = match (a.name.as_bytes().get(16..), b.name.as_bytes().get(16..)) {
        (Some(a), Some(b)) => a.cmp(b),
        // A name shorter than 16 bytes ties on its padding: "An" with "An\0".
        _ => a.name.cmp(&b.name),
    };
    names.then_with(|| a.id.cmp(&b.id))
}

fn rank(mut evaluations: Vec<Evaluation>) -> Vec<Evaluation> {
    // A province's 20,000 evaluations are some 400 bytes each, and officers'
    // scores tie in runs of thousands, so names decide often. Sorting the
    // evaluations themselves moved each many times and compared names through
    // a closure, far apart in memory: a fifth of the evaluation in Chromium.
    // So integer keys are sorted, read in one pass over the list, by their
    // own order (the position last, so no two are equal); then each run of
    // keys that tie but for the position (the first 16 bytes of the names
    // equal) is sorted again by `tied_order`, so whole names and ids
    // decide; and each evaluation is copied once, to its place. Ids are
    // unique, so the order is total. (Deciding the ties inside the one sort
    // instead took a third more instructions for the sort, callgrind on the
    // province: the comparison was a call, not inlined. Moving the
    // evaluations safely — each wrapped in an `Option` in place, taken out
    // at its rank and pushed — copied each three times: 8 % more of the
    // evaluation's instructions than the one copy below; docs/hosting.md.)
    let mut keys: Vec<(u64, u32, u128, u32)> = evaluations
        .iter()
        .enumerate()
        .map(|(index, e)| ranking_key(e, index))
        .collect();
    keys.sort_unstable();
    for run in keys.chunk_by_mut(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| {
                tied_order(&evaluations[a.3 as usize], &evaluations[b.3 as usize])
            });
        }
    }
    assert_eq!(keys.len(), evaluations.len());
    let mut ranked: Vec<Evaluation> = Vec::with_capacity(keys.len());
    // SAFETY: the positions in `keys` are those of `evaluations`, each once
    // (`enumerate` numbered them; sorting only reorders), so every
    // evaluation is copied to exactly one place of `ranked`, whose capacity
    // holds them all, and every place is written before the length is set.
    // `evaluations` forgets its elements first (its length 0: it frees its
    // buffer and drops none of them), so none is dropped twice; nothing in
    // between can panic (at worst an interruption would leak, not free).
    unsafe {
        evaluations.set_len(0);
        let from = evaluations.as_ptr();
        let to = ranked.as_mut_ptr();
        for (place, &(_, _, _, index)) in keys.iter().enumerate() {
            let slot = to.add(place);
            std::ptr::copy_nonoverlapping(from.add(index as usize), slot, 1);
            (*slot).rank = place + 1;
        }
        ranked.set_len(keys.len());
    }
    ranked
}

/// How many positions from the last one found are tried before the map:
/// about a division's officers.
const LOOK_AHEAD: usize = 16;

/// How far ahead a look goes while the map is not yet built: references
/// that skip entries but keep the list's order still need no map (a
/// province's officers' initiatives name one officer in ten, some gaps
/// longer than [`LOOK_AHEAD`]; building the map for them was a tenth of
/// the evaluation). Looks only go forward, so until the map is built the
/// looks of one pass cost at most one comparison per id, plus this.
const FAR_AHEAD: usize = 256;

/// Positions of a campaign's divisions or officers by id. What names them
/// mostly comes in the campaign's order — a division's reports one after
/// another, the officers' records in their list's order, a division's
/// initiatives after its officers' — so each pass keeps the position it
/// found last and looks a few ahead of it first; the hash map is built only
/// when that misses. (Hashing all of a province's 90,000 look-ups was a
/// fifth of its evaluation in Chromium.) Ids are unique within a campaign:
/// every file that brings one twice is refused (`core::exchange::envelope`).
struct PositionById<'a> {
    ids: Vec<&'a str>,
    map: std::cell::OnceCell<HashMap<&'a str, usize>>,
}

impl<'a> PositionById<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        PositionById {
            ids: ids.collect(),
            map: std::cell::OnceCell::new(),
        }
    }

    /// The position of `id`, looking first at `last` and the few after it;
    /// `last` becomes the position found.
    fn find(&self, id: &str, last: &mut usize) -> Option<usize> {
        let ahead = self.ids.get(*last..).unwrap_or_default();
        let window = if self.map.get().is_some() {
            LOOK_AHEAD
        } else {
            FAR_AHEAD
        };
        if let Some(step) = ahead
            .iter()
            .take(window)
            .position(|&known| same_id(known, id))
        {
            *last += step;
            return Some(*last);
        }
        let found = self
            .map
            .get_or_init(|| {
                self.ids
                    .iter()
                    .enumerate()
                    .map(|(index, &known)| (known, index))
                    .collect()
            })
            .get(id)
            .copied();
        if let Some(index) = found {
            *last = index;
        }
        found
    }
}

/// `a == b`, eight bytes at a time: in WebAssembly `str`'s own equality is
/// a loop over single bytes (compiler-builtins' `memcmp`), and a province's
/// evaluation compares some 90,000 ids.
fn same_id(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |bytes: &[u8]| u64::from_ne_bytes(bytes.try_into().expect("8 bytes"));
    let (mut a_words, mut b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    a_words
        .by_ref()
        .zip(b_words.by_ref())
        .all(|(x, y)| word(x) == word(y))
        && a_words
            .remainder()
            .iter()
            .zip(b_words.remainder())
            .all(|(x, y)| x == y)
}

impl CampaignEvaluation {
    /// Paper-free days summed over the divisions (“ngày-phòng”).
    pub fn paper_free_unit_days(&self) -> u32 {
        self.units.iter().map(|u| u.paper_free_days).sum()
    }

    /// Paperless weeks summed over the divisions.
    pub fn paperless_unit_weeks(&self) -> u32 {
        self.units.iter().map(|u| u.paperless_weeks).sum()
    }

    /// How many divisions read `classification`.
    pub fn units_classified(&self, classification: Classification) -> usize {
        self.units
            .iter()
            .filter(|u| u.classification == classification)
            .count()
    }
}

/// Counts summed over a division's campaign, or over one day of all divisions.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    processed_online: u64,
    to_process: u64,
    processing_excluded: u64,
    signed_online: u64,
    issued: u64,
    excluded: u64,
    interconnected: u64,
    external: u64,
    pages_excluded: u64,
}

impl Sums {
    fn add(&mut self, c: &DailyCounts) {
        self.processed_online += u64::from(c.docs_received_online) + u64::from(c.dossiers_online);
        self.to_process += u64::from(c.docs_received) + u64::from(c.dossiers);
        self.processing_excluded += u64::from(c.received_excluded);
        self.pages_excluded += u64::from(c.pages_printed_excluded.min(c.pages_printed));
        self.signed_online += u64::from(c.docs_signed_online);
        self.issued += u64::from(c.docs_issued);
        self.excluded += u64::from(c.docs_excluded_secret) + u64::from(c.docs_excluded_state_award);
        self.interconnected += u64::from(c.interconnect_sent) + u64::from(c.interconnect_received);
        self.external += u64::from(c.external_total);
    }

    fn processing_denominator(&self) -> u64 {
        self.to_process.saturating_sub(self.processing_excluded)
    }

    fn signing_denominator(&self) -> u64 {
        self.issued.saturating_sub(self.excluded)
    }
}

/// The ISO weeks of `days` (sorted), as index ranges into `days`.
fn weeks_of(days: &[NaiveDate]) -> Vec<Range<usize>> {
    let mut weeks: Vec<Range<usize>> = Vec::new();
    for (index, day) in days.iter().enumerate() {
        match weeks.last_mut() {
            Some(week) if days[week.start].iso_week() == day.iso_week() => week.end = index + 1,
            _ => weeks.push(index..index + 1),
        }
    }
    weeks
}

/// The department as a whole: every criterion's numerators, denominators and
/// exclusions summed over the divisions, measured against the same target
/// (for creativity, against the sum of the divisions' targets).
pub fn department_totals(criteria: &[Criterion], units: &[Evaluation]) -> Vec<CriterionResult> {
    criteria
        .iter()
        .enumerate()
        .map(|(index, criterion)| {
            let results = units.iter().filter_map(|u| u.criteria.get(index));
            let (numerator, denominator, excluded) = results.fold((0, 0, 0), |(n, d, x), r| {
                (n + r.numerator, d + r.denominator, x + r.excluded)
            });
            match criterion.kind {
                CriterionKind::Creativity => CriterionResult {
                    denominator,
                    ..CriterionResult::count(
                        criterion.kind,
                        numerator,
                        u32::try_from(denominator).unwrap_or(u32::MAX),
                    )
                },
                _ => CriterionResult::ratio(
                    criterion.kind,
                    numerator,
                    denominator,
                    excluded,
                    percent_target(criterion),
                ),
            }
        })
        .collect()
}

/// Evaluates every division and officer of `workspace` under its campaign's rules.
pub fn evaluate(workspace: &Workspace) -> CampaignEvaluation {
    let campaign: &Campaign = &workspace.campaign;
    let thresholds = &campaign.thresholds;
    let days = working_days(campaign);
    let weeks = weeks_of(&days);

    // One pass over the reports: sums and paper per division, sums per day.
    let unit_index = PositionById::new(campaign.units.iter().map(|unit| unit.id.as_str()));
    let mut unit_sums = vec![Sums::default(); campaign.units.len()];
    let mut paper_days = vec![vec![PaperDay::NotReported; days.len()]; campaign.units.len()];
    let mut day_sums = vec![Sums::default(); days.len()];
    let mut provenance = vec![CountProvenance::default(); campaign.units.len()];
    let mut last_import: Vec<Option<&CountSource>> = vec![None; campaign.units.len()];
    let mut last_unit = 0;
    for report in workspace
        .daily_reports
        .iter()
        .filter(|r| !r.meta.deleted && campaign.period.contains(r.date))
    {
        let Some(unit) = unit_index.find(&report.unit_id, &mut last_unit) else {
            continue;
        };
        unit_sums[unit].add(&report.counts);
        let origin = &mut provenance[unit];
        origin.reported_days += 1;
        if let Some(source) = &report.source {
            origin.register_days += 1;
            origin.edited_after_import += u32::from(source.edited_by_hand_at.is_some());
            if last_import[unit].is_none_or(|last| last.imported_at < source.imported_at) {
                last_import[unit] = Some(source);
            }
        }
        if let Ok(day) = days.binary_search(&report.date) {
            day_sums[day].add(&report.counts);
            // Pages printed for the documents the plan exempts do not count.
            paper_days[unit][day] = if report.counts.pages_counted() == 0 {
                PaperDay::PaperFree
            } else {
                PaperDay::Printed
            };
        }
    }
    // From here on officers are found by position: their records, their
    // initiatives and their divisions.
    let officer_index =
        PositionById::new(campaign.officers.iter().map(|officer| officer.id.as_str()));
    let mut officer_records: Vec<Option<&OfficerRecord>> = vec![None; campaign.officers.len()];
    let mut last_officer = 0;
    for record in workspace.officer_records.iter().filter(|r| !r.meta.deleted) {
        if let Some(index) = officer_index.find(&record.officer_id, &mut last_officer) {
            officer_records[index] = Some(record);
        }
    }
    let mut unit_initiatives = vec![0u64; campaign.units.len()];
    let mut officer_initiatives = vec![0u64; campaign.officers.len()];
    let (mut last_unit, mut last_officer, mut last_officer_unit) = (0, 0, 0);
    for initiative in workspace.initiatives.iter().filter(|i| !i.meta.deleted) {
        match &initiative.owner {
            InitiativeOwner::Unit(id) => {
                if let Some(unit) = unit_index.find(id, &mut last_unit) {
                    unit_initiatives[unit] += 1;
                }
            }
            InitiativeOwner::Officer(id) => {
                if let Some(index) = officer_index.find(id, &mut last_officer) {
                    officer_initiatives[index] += 1;
                    // An officer's initiative is also the division's creativity.
                    let unit_id = campaign.officers[index].unit_id.as_str();
                    if let Some(unit) = unit_index.find(unit_id, &mut last_officer_unit) {
                        unit_initiatives[unit] += 1;
                    }
                }
            }
        }
    }

    // Officers and KPI evaluations per unit, in one pass over the officers.
    let mut kpi_by_unit = vec![(0u64, 0u64); campaign.units.len()];
    let mut last_unit = 0;
    for (index, officer) in campaign.officers.iter().enumerate() {
        if officer.meta.deleted {
            continue;
        }
        if let Some(unit) = unit_index.find(&officer.unit_id, &mut last_unit) {
            kpi_by_unit[unit].0 += 1;
            kpi_by_unit[unit].1 +=
                u64::from(officer_records[index].is_some_and(|r| r.kpi_evaluated));
        }
    }

    let units = campaign
        .units
        .iter()
        .zip(unit_sums)
        .zip(paper_days)
        .zip(provenance.into_iter().zip(last_import))
        .zip(kpi_by_unit.into_iter().zip(unit_initiatives))
        .map(
            |(
                (((unit, s), paper_days), (mut provenance, last_import)),
                ((officer_count, evaluated), initiatives),
            )| {
                provenance.last_import = last_import.map(|l| (l.imported_at, l.files.clone()));
                let results: CriterionResults = campaign
                    .criteria
                    .iter()
                    .map(|criterion| {
                        let target = percent_target(criterion);
                        match criterion.kind {
                            CriterionKind::OnlineProcessing => CriterionResult::ratio(
                                criterion.kind,
                                s.processed_online,
                                s.processing_denominator(),
                                s.processing_excluded,
                                target,
                            ),
                            CriterionKind::DigitalSigning => CriterionResult::ratio(
                                criterion.kind,
                                s.signed_online,
                                s.signing_denominator(),
                                s.excluded,
                                target,
                            ),
                            CriterionKind::Interconnection => CriterionResult::ratio(
                                criterion.kind,
                                s.interconnected,
                                s.external,
                                0,
                                target,
                            ),
                            CriterionKind::KpiEvaluation => CriterionResult::ratio(
                                criterion.kind,
                                evaluated,
                                officer_count,
                                0,
                                target,
                            ),
                            CriterionKind::Creativity => CriterionResult::count(
                                criterion.kind,
                                initiatives,
                                initiative_target(criterion),
                            ),
                        }
                    })
                    .collect();
                let paper_free = |day: usize| paper_days[day] == PaperDay::PaperFree;
                let paperless_weeks = weeks
                    .iter()
                    .filter(|week| (week.start..week.end).all(paper_free))
                    .count() as u32;
                let paper_free_days = (0..days.len()).filter(|&day| paper_free(day)).count() as u32;
                let composite = weighted_composite(&campaign.criteria, &results);
                Evaluation {
                    id: unit.id.as_str().into(),
                    name: unit.name.as_str().into(),
                    classification: classify(composite, &campaign.criteria, &results, thresholds),
                    composite,
                    criteria: results,
                    paper_free_days,
                    paper_days,
                    paperless_weeks,
                    pages_excluded: s.pages_excluded,
                    rank: 0,
                    provenance,
                }
            },
        )
        .collect();

    // Sized up front: a filtered iterator does not know its length, and a
    // province's 20,000 evaluations would otherwise be copied as the vector grows.
    let mut officers = Vec::with_capacity(campaign.officers.len());
    let active = campaign
        .officers
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.meta.deleted);
    officers.extend(active.map(|(index, officer)| {
        let record = officer_records[index];
        let results: CriterionResults = campaign
            .criteria
            .iter()
            .map(|criterion| {
                let target = percent_target(criterion);
                let (n, d) = match (criterion.kind, record) {
                    (CriterionKind::OnlineProcessing, Some(r)) => {
                        (u64::from(r.docs_handled_online), u64::from(r.docs_handled))
                    }
                    // Only officers who sign are measured on signing.
                    (CriterionKind::DigitalSigning, Some(r))
                        if r.signing_authority || r.docs_signed > 0 =>
                    {
                        (u64::from(r.docs_signed), u64::from(r.docs_handled_online))
                    }
                    (CriterionKind::KpiEvaluation, r) => {
                        (u64::from(r.is_some_and(|r| r.kpi_evaluated)), 1)
                    }
                    (CriterionKind::Creativity, _) => {
                        return CriterionResult::count(
                            criterion.kind,
                            officer_initiatives[index],
                            initiative_target(criterion),
                        )
                    }
                    // Interconnection is a division's platform, not a person's.
                    _ => (0, 0),
                };
                CriterionResult::ratio(criterion.kind, n, d, 0, target)
            })
            .collect();
        let composite = weighted_composite(&campaign.criteria, &results);
        Evaluation {
            id: officer.id.clone(),
            name: officer.name.clone(),
            classification: classify(composite, &campaign.criteria, &results, thresholds),
            composite,
            criteria: results,
            paper_free_days: 0,
            paper_days: Vec::new(),
            paperless_weeks: 0,
            provenance: CountProvenance::default(),
            pages_excluded: 0,
            rank: 0,
        }
    }));

    let daily = days
        .iter()
        .zip(&day_sums)
        .map(|(&date, s)| DailyRates {
            date,
            processing: share(s.processed_online, s.processing_denominator()),
            signing: share(s.signed_online, s.signing_denominator()),
            interconnection: share(s.interconnected, s.external),
        })
        .collect();
    CampaignEvaluation {
        units: rank(units),
        officers: rank(officers),
        weeks: weeks.len() as u32,
        working_days: days,
        daily,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::model::{DailyCounts, Officer};
    use crate::core::campaign::template::seed_campaign;
    use crate::core::entry::edit::{update_counts, update_officer_record};
    use crate::core::sample::{generate, SampleScale, SplitMix64};
    use chrono::{TimeZone, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 8, 1, 8, 0, 0).unwrap()
    }

    fn unit<'a>(evaluation: &'a CampaignEvaluation, id: &str) -> &'a Evaluation {
        evaluation.units.iter().find(|e| e.id == id).unwrap()
    }

    fn workspace_with(counts: &[DailyCounts]) -> Workspace {
        let mut ws = Workspace::new(seed_campaign("t"));
        let days = working_days(&ws.campaign);
        for (day, c) in days.iter().zip(counts) {
            update_counts(&mut ws, "van-phong", *day, now(), |x| *x = *c);
        }
        ws
    }

    // Hand-computed: 18 of 20 received online + 4 of 5 dossiers online = 22/25 = 88 %.
    #[test]
    fn online_processing_counts_documents_and_dossiers() {
        let ws = workspace_with(&[DailyCounts {
            docs_received: 20,
            docs_received_online: 18,
            dossiers: 5,
            dossiers_online: 4,
            ..DailyCounts::default()
        }]);
        let evaluation = evaluate(&ws);
        let result = &unit(&evaluation, "van-phong").criteria[0];
        assert_eq!((result.numerator, result.denominator), (22, 25));
        assert_eq!(result.attainment, Some(88.0));
        assert_eq!(result.met, Some(false));
    }

    // 10 issued, 2 secret and 1 state-level dossier excluded: 7 signed of 7 = 100 %.
    #[test]
    fn exclusions_leave_the_signing_denominator_and_are_shown() {
        let ws = workspace_with(&[DailyCounts {
            docs_issued: 10,
            docs_excluded_secret: 2,
            docs_excluded_state_award: 1,
            docs_signed_online: 7,
            ..DailyCounts::default()
        }]);
        let evaluation = evaluate(&ws);
        let result = &unit(&evaluation, "van-phong").criteria[1];
        assert_eq!(
            (result.numerator, result.denominator, result.excluded),
            (7, 7, 3)
        );
        assert_eq!(result.met, Some(true));
    }

    // 0/0 means nothing to process: not applicable, left out of the composite.
    #[test]
    fn zero_over_zero_is_not_applicable_and_does_not_weigh() {
        let ws = workspace_with(&[DailyCounts {
            docs_received: 4,
            docs_received_online: 4,
            ..DailyCounts::default()
        }]);
        let evaluation = evaluate(&ws);
        let office = unit(&evaluation, "van-phong");
        let interconnection = &office.criteria[2];
        assert_eq!(interconnection.attainment, None);
        assert_eq!(interconnection.met, None);
        // TC1 100 %, TC2–TC4 not applicable (no officers), TC5 a bonus of 0.
        assert_eq!(office.composite, Some(100.0));
        let other = unit(&evaluation, "phong-phap-che");
        assert_eq!(
            other.composite, None,
            "only the creativity bonus applies: nothing to score"
        );
        assert_eq!(other.classification, Classification::NoData);
    }

    #[test]
    fn kpi_evaluation_counts_officers_of_the_division() {
        let mut ws = Workspace::new(seed_campaign("t"));
        for n in 0..4 {
            ws.campaign.officers.push(Officer {
                id: format!("o{n}").into(),
                unit_id: "van-phong".into(),
                name: format!("Cán bộ {n}").into(),
                position: String::new(),
                meta: Default::default(),
            });
        }
        for n in 0..3 {
            update_officer_record(&mut ws, &format!("o{n}"), now(), |r| r.kpi_evaluated = true);
        }
        let evaluation = evaluate(&ws);
        let kpi = &unit(&evaluation, "van-phong").criteria[3];
        assert_eq!((kpi.numerator, kpi.denominator), (3, 4));
        assert_eq!(kpi.attainment, Some(75.0));
        assert_eq!(evaluation.officers.len(), 4);
    }

    #[test]
    fn paper_free_days_and_paperless_weeks() {
        // Week 1 of the campaign is Tue 15/07 – Fri 18/07 (4 days).
        let free = DailyCounts {
            docs_received: 1,
            docs_received_online: 1,
            ..DailyCounts::default()
        };
        let printed = DailyCounts {
            pages_printed: 3,
            ..free
        };
        let ws = workspace_with(&[
            free, free, free, free, free, printed, free, free, free, free,
        ]);
        let office = unit(&evaluate(&ws), "van-phong").clone();
        assert_eq!(office.paper_free_days, 9);
        assert_eq!(office.paperless_weeks, 1, "week 2 printed on its Monday");
    }

    #[test]
    fn every_working_day_has_its_paper_status() {
        let free = DailyCounts {
            docs_received: 1,
            ..DailyCounts::default()
        };
        let printed = DailyCounts {
            pages_printed: 2,
            ..free
        };
        let ws = workspace_with(&[free, printed]);
        let evaluation = evaluate(&ws);
        let office = unit(&evaluation, "van-phong");
        assert_eq!(office.paper_days.len(), evaluation.working_days.len());
        assert_eq!(
            office.paper_days[..3],
            [
                PaperDay::PaperFree,
                PaperDay::Printed,
                PaperDay::NotReported
            ]
        );
        assert!(evaluation.officers.iter().all(|o| o.paper_days.is_empty()));
    }

    // Day 1: office 9/10 online, legal 1/10 → 10/20 = 50 %; signing 3 of
    // (5 issued − 1 secret) = 75 %; no external documents → none.
    #[test]
    fn daily_rates_add_up_all_divisions_of_the_day() {
        let mut ws = workspace_with(&[DailyCounts {
            docs_received: 10,
            docs_received_online: 9,
            docs_issued: 5,
            docs_excluded_secret: 1,
            docs_signed_online: 3,
            ..DailyCounts::default()
        }]);
        let first = working_days(&ws.campaign)[0];
        update_counts(&mut ws, "phong-phap-che", first, now(), |c| {
            c.docs_received = 10;
            c.docs_received_online = 1;
        });
        let evaluation = evaluate(&ws);
        assert_eq!(evaluation.daily.len(), evaluation.working_days.len());
        let day = &evaluation.daily[0];
        assert_eq!(day.date, first);
        assert_eq!(day.processing, Some(50.0));
        assert_eq!(day.signing, Some(75.0));
        assert_eq!(day.interconnection, None);
        assert_eq!(evaluation.daily[1].processing, None, "no report that day");
    }

    #[test]
    fn department_totals_sum_the_divisions() {
        let ws = generate(SampleScale::Department, 4);
        let evaluation = evaluate(&ws);
        let totals = department_totals(&ws.campaign.criteria, &evaluation.units);
        assert_eq!(totals.len(), 5);
        for (index, total) in totals.iter().enumerate() {
            let n: u64 = evaluation
                .units
                .iter()
                .map(|u| u.criteria[index].numerator)
                .sum();
            let d: u64 = evaluation
                .units
                .iter()
                .map(|u| u.criteria[index].denominator)
                .sum();
            assert_eq!(
                (total.numerator, total.denominator),
                (n, d),
                "criterion {index}"
            );
        }
        let processing = &totals[0];
        assert_eq!(
            processing.attainment,
            Some(processing.numerator as f64 * 100.0 / processing.denominator as f64)
        );
        // Creativity: 8 divisions × 1 initiative each is the department's target.
        assert_eq!(totals[4].denominator, 8);
    }

    #[test]
    fn the_campaign_has_five_calendar_weeks() {
        let ws = Workspace::new(seed_campaign("t"));
        assert_eq!(evaluate(&ws).weeks, 5);
    }

    #[test]
    fn ranking_is_a_total_order_with_distinct_ranks() {
        let ws = generate(SampleScale::Department, 5);
        let evaluation = evaluate(&ws);
        let ranks: Vec<usize> = evaluation.units.iter().map(|e| e.rank).collect();
        assert_eq!(ranks, (1..=8).collect::<Vec<_>>());
        for pair in evaluation.units.windows(2) {
            assert_eq!(ranking_order(&pair[0], &pair[1]), Ordering::Less);
        }
        // Same data, same ranking.
        assert_eq!(evaluation, evaluate(&ws));
    }

    // Property: the ranking sorts keys, not evaluations; its order is still
    // exactly `ranking_order`'s, ties on score and days broken by name, then id.
    #[test]
    fn ranking_by_keys_is_the_order_of_ranking_order() {
        for seed in 0..20 {
            let mut ws = generate(SampleScale::Department, seed);
            // Ties: officers with no record (no data) and names repeated.
            for (index, officer) in ws.campaign.officers.iter_mut().enumerate() {
                match index % 3 {
                    0 => officer.name = format!("Nguyễn Văn {}", index % 2).into(),
                    // Names alike in their first 16 bytes and later.
                    1 => officer.name = format!("Nguyễn Thị Thanh Hương {}", index % 4).into(),
                    _ if index % 7 == 0 => {
                        officer.name = format!("An{}", "\0".repeat(index % 2)).into()
                    }
                    _ => {}
                }
            }
            ws.officer_records.retain(|r| !r.officer_id.ends_with('1'));
            let evaluation = evaluate(&ws);
            for ranked in [&evaluation.units, &evaluation.officers] {
                let mut expected = ranked.clone();
                expected.sort_by(ranking_order);
                assert_eq!(ranked, &expected, "seed {seed}");
                let ranks: Vec<usize> = ranked.iter().map(|e| e.rank).collect();
                assert_eq!(ranks, (1..=ranked.len()).collect::<Vec<_>>());
            }
            // The ties the test is about are there: equal scores and names.
            assert!(evaluation
                .officers
                .windows(2)
                .any(|p| p[0].composite == p[1].composite && p[0].name == p[1].name));
        }
    }

    #[test]
    fn ids_compare_as_str_does() {
        let ids = [
            "",
            "a",
            "don-vi-0001",
            "don-vi-0002",
            "don-vi-0001-cb01",
            "đơn-vị-0001",
        ];
        for a in ids {
            for b in ids {
                assert_eq!(same_id(a, b), a == b, "{a} {b}");
            }
        }
    }

    #[test]
    fn ranking_keys_order_scores_as_total_cmp_does() {
        let scores = [
            None,
            Some(-0.0),
            Some(0.0),
            Some(1e-9),
            Some(42.5),
            Some(100.0),
        ];
        for a in scores {
            for b in scores {
                let key = |composite| {
                    let evaluation = Evaluation {
                        id: Text::default(),
                        name: Text::default(),
                        criteria: CriterionResults::new(),
                        composite,
                        classification: Classification::NoData,
                        paper_free_days: 0,
                        paper_days: Vec::new(),
                        paperless_weeks: 0,
                        pages_excluded: 0,
                        rank: 0,
                        provenance: CountProvenance::default(),
                    };
                    ranking_key(&evaluation, 0).0
                };
                let score = |c: Option<f64>| c.unwrap_or(f64::NEG_INFINITY);
                // Ascending keys are descending scores.
                assert_eq!(
                    key(a).cmp(&key(b)),
                    score(b).total_cmp(&score(a)),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    // Property: where the records stand in their lists does not matter —
    // found in order ahead of the last one, or through the map.
    #[test]
    fn the_order_of_the_records_does_not_change_the_evaluation() {
        for seed in 0..10 {
            let ws = generate(SampleScale::Department, seed);
            let mut shuffled = ws.clone();
            let mut random = SplitMix64::new(seed);
            shuffled.daily_reports.reverse();
            shuffled.officer_records.reverse();
            let initiatives = &mut shuffled.initiatives;
            for index in (1..initiatives.len()).rev() {
                initiatives.swap(index, random.up_to(index as u32) as usize);
            }
            assert_eq!(evaluate(&shuffled), evaluate(&ws), "seed {seed}");
        }
    }

    #[test]
    fn positions_are_found_ahead_through_the_map_or_not_at_all() {
        let ids = ["a", "b", "c", "d"].map(String::from);
        let index = PositionById::new(ids.iter().map(String::as_str));
        let mut last = 0;
        assert_eq!(index.find("b", &mut last), Some(1));
        assert_eq!(index.find("d", &mut last), Some(3));
        assert!(index.map.get().is_none(), "found ahead, no map yet");
        assert_eq!(index.find("a", &mut last), Some(0));
        assert!(index.map.get().is_some());
        assert_eq!(last, 0);
        assert_eq!(index.find("z", &mut last), None);
        assert_eq!(last, 0);
    }

    // Property: attainment and composite stay within 0–100 on random data.
    #[test]
    fn attainments_stay_within_0_and_100() {
        for seed in 0..50 {
            let ws = generate(SampleScale::Department, seed);
            for e in evaluate(&ws).units.iter() {
                for r in &e.criteria {
                    if let Some(a) = r.attainment {
                        assert!((0.0..=100.0).contains(&a), "{seed} {a}");
                    }
                }
                let c = e.composite.unwrap();
                assert!((0.0..=100.0).contains(&c));
            }
        }
    }

    // Property: one more document processed online never lowers a score.
    #[test]
    fn one_more_document_online_never_lowers_the_score() {
        let mut random = SplitMix64::new(11);
        for seed in 0..40 {
            let mut ws = generate(SampleScale::Department, seed);
            let before = evaluate(&ws);
            let index = random.up_to(ws.daily_reports.len() as u32 - 1) as usize;
            let report = &mut ws.daily_reports[index];
            report.counts.docs_received += 1;
            report.counts.docs_received_online += 1;
            let unit_id = report.unit_id.clone();
            let after = evaluate(&ws);
            let score = |e: &CampaignEvaluation| {
                e.units
                    .iter()
                    .find(|u| u.id == unit_id)
                    .unwrap()
                    .composite
                    .unwrap()
            };
            assert!(score(&after) + 1e-9 >= score(&before), "seed {seed}");
        }
    }

    #[test]
    fn classification_follows_the_thresholds() {
        let t = Thresholds::default();
        let criteria = &seed_campaign("t").criteria[..1];
        let met = CriterionResult::ratio(CriterionKind::OnlineProcessing, 1, 1, 0, 100.0);
        let missed = CriterionResult::ratio(CriterionKind::OnlineProcessing, 99, 100, 0, 100.0);
        let classified = |score: Option<f64>, result: &CriterionResult| {
            classify(score, criteria, std::slice::from_ref(result), &t)
        };
        assert_eq!(classified(Some(96.0), &met), Classification::Excellent);
        assert_eq!(
            classified(Some(96.0), &missed),
            Classification::Good,
            "a target missed"
        );
        assert_eq!(classified(Some(85.0), &met), Classification::Good);
        assert_eq!(classified(Some(70.0), &met), Classification::Done);
        assert_eq!(classified(Some(69.9), &met), Classification::NotDone);
        assert_eq!(classify(None, &[], &[], &t), Classification::NoData);
    }

    fn perfect_day() -> DailyCounts {
        DailyCounts {
            docs_received: 10,
            docs_received_online: 10,
            docs_issued: 4,
            docs_signed_online: 4,
            interconnect_sent: 2,
            interconnect_received: 1,
            external_total: 3,
            ..DailyCounts::default()
        }
    }

    // Under the defaults, a division perfect on everything but initiatives
    // used to score at most 80 and could never be proposed. Creativity is
    // now bonus points: perfect without an initiative is 100 and excellent.
    #[test]
    fn a_division_perfect_but_for_initiatives_is_excellent() {
        let mut ws = workspace_with(&vec![perfect_day(); 24]);
        let officer = Officer {
            id: "o1".into(),
            unit_id: "van-phong".into(),
            name: "Cán bộ".into(),
            position: "Chuyên viên".into(),
            meta: Default::default(),
        };
        ws.campaign.officers.push(officer);
        update_officer_record(&mut ws, "o1", now(), |r| r.kpi_evaluated = true);
        let evaluation = evaluate(&ws);
        let office = unit(&evaluation, "van-phong");
        assert_eq!(office.composite, Some(100.0));
        assert_eq!(office.classification, Classification::Excellent);
        assert_eq!(office.criteria[4].met, Some(false), "no initiative yet");
    }

    // Bonus points lift a score but never past 100.
    #[test]
    fn creativity_adds_bonus_points_up_to_100() {
        let mut day = perfect_day();
        day.docs_received_online = 8; // TC1 80 %
        let mut ws = workspace_with(&[day]);
        let evaluation = evaluate(&ws);
        // TC1 80, TC2 100, TC3 100, TC4 not applicable: 280 / 3.
        let without = unit(&evaluation, "van-phong").composite.unwrap();
        assert!((without - 280.0 / 3.0).abs() < 1e-9, "{without}");
        ws.initiatives
            .push(crate::core::campaign::model::Initiative {
                meta: crate::core::campaign::model::RecordMeta {
                    id: "i1".into(),
                    ..Default::default()
                },
                owner: InitiativeOwner::Unit("van-phong".into()),
                title: "Sáng kiến".into(),
                description: String::new(),
                date: ws.campaign.period.start,
                council_score: None,
            });
        let with = unit(&evaluate(&ws), "van-phong").composite.unwrap();
        assert!((with - (without + 5.0)).abs() < 1e-9, "{with}");
        let perfect = workspace_with(&[perfect_day()]);
        let mut perfect = perfect;
        perfect.initiatives = ws.initiatives.clone();
        assert_eq!(
            unit(&evaluate(&perfect), "van-phong").composite,
            Some(100.0)
        );
    }

    // The plan exempts secret documents and state-level commendation
    // dossiers from going paperless: they leave criterion 1, and the pages
    // printed for them do not break a paper-free day.
    #[test]
    fn exempted_documents_leave_criterion_1_and_the_paper_count() {
        let day = DailyCounts {
            docs_received: 10,
            docs_received_online: 8,
            received_excluded: 2,
            pages_printed: 6,
            pages_printed_excluded: 6,
            ..DailyCounts::default()
        };
        let ws = workspace_with(&[day]);
        let evaluation = evaluate(&ws);
        let office = unit(&evaluation, "van-phong");
        let tc1 = &office.criteria[0];
        assert_eq!((tc1.numerator, tc1.denominator, tc1.excluded), (8, 8, 2));
        assert_eq!(tc1.met, Some(true));
        assert_eq!(office.paper_days[0], PaperDay::PaperFree);
        assert_eq!(office.pages_excluded, 6);
        assert_eq!(evaluation.daily[0].processing, Some(100.0));
        // One page for anything else breaks the day.
        let ws = workspace_with(&[DailyCounts {
            pages_printed: 7,
            ..day
        }]);
        assert_eq!(
            unit(&evaluate(&ws), "van-phong").paper_days[0],
            PaperDay::Printed
        );
    }

    // Specialists do not sign: criterion 2 measures only officers who do.
    #[test]
    fn only_officers_who_sign_are_measured_on_signing() {
        let mut ws = Workspace::new(seed_campaign("t"));
        for (id, position) in [("head", "Trưởng phòng"), ("clerk", "Chuyên viên")] {
            ws.campaign.officers.push(Officer {
                id: id.into(),
                unit_id: "van-phong".into(),
                name: id.into(),
                position: position.into(),
                meta: Default::default(),
            });
        }
        update_officer_record(&mut ws, "head", now(), |r| {
            r.signing_authority = true;
            r.docs_handled = 10;
            r.docs_handled_online = 10;
        });
        update_officer_record(&mut ws, "clerk", now(), |r| {
            r.docs_handled = 10;
            r.docs_handled_online = 10;
        });
        let evaluation = evaluate(&ws);
        let officer = |id: &str| evaluation.officers.iter().find(|o| o.id == id).unwrap();
        assert_eq!(officer("head").criteria[1].attainment, Some(0.0));
        assert_eq!(officer("clerk").criteria[1].attainment, None);
        assert_eq!(officer("clerk").criteria[1].met, None);
    }

    // The sample is what a new user sees first: under the default rules it
    // must propose some divisions and some officers, not none and not all.
    #[test]
    fn the_sample_gives_proposals_under_the_default_rules() {
        use crate::core::evaluation::proposals::{propose, Nominee};
        let ws = generate(SampleScale::Department, 2025);
        let evaluation = evaluate(&ws);
        let proposals = propose(&ws.campaign, &evaluation);
        let collectives = proposals
            .iter()
            .filter(|p| p.nominee == Nominee::Collective)
            .count();
        let individuals = proposals.len() - collectives;
        assert!((1..=4).contains(&collectives), "{collectives} collectives");
        assert!((1..=20).contains(&individuals), "{individuals} individuals");
    }
}
