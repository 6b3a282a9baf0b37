//! Commendation proposals for the Office's dossier (Bằng khen of the
//! provincial chairman), drawn from the evaluation with the reasons spelled out.

use serde::Serialize;

use crate::core::campaign::model::{Campaign, CriterionKind};
use crate::core::evaluation::score::{CampaignEvaluation, Classification, Evaluation};
use crate::core::format;

/// Who is proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Nominee {
    /// A division.
    Collective,
    /// A civil servant.
    Individual,
}

/// One proposal, with the figures that justify it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Collective or individual.
    pub nominee: Nominee,
    /// Unit or officer id.
    pub id: String,
    /// Name as written in the dossier.
    pub name: String,
    /// The division (for an individual, the one they belong to).
    pub unit_name: String,
    /// Composite score, when there was data to score.
    pub score: Option<f64>,
    /// Rank among the divisions, or among all officers.
    pub rank: usize,
    /// Achievements in Vietnamese, one per line of the dossier.
    pub reasons: Vec<String>,
}

fn criteria_met(evaluation: &Evaluation) -> (usize, usize) {
    let applicable = evaluation
        .criteria
        .iter()
        .filter(|r| r.met.is_some())
        .count();
    let met = evaluation
        .criteria
        .iter()
        .filter(|r| r.met == Some(true))
        .count();
    (met, applicable)
}

fn score_reason(evaluation: &Evaluation) -> String {
    let (met, applicable) = criteria_met(evaluation);
    format!(
        "Điểm tổng hợp {} ({}); đạt {met}/{applicable} tiêu chí có số liệu.",
        evaluation
            .composite
            .map_or("—".into(), |c| format::decimal(c, 1)),
        evaluation.classification.label()
    )
}

/// The proposals of a campaign under its award rules, collectives first,
/// each group in ranking order.
pub fn propose(campaign: &Campaign, evaluation: &CampaignEvaluation) -> Vec<Proposal> {
    let rules = campaign.award_rules;
    let unit_names = campaign.unit_names();
    let officer_units = campaign.officer_units();
    let mut proposals: Vec<Proposal> = evaluation
        .units
        .iter()
        .filter(|u| {
            u.classification == Classification::Excellent
                && u.paperless_weeks >= rules.min_paperless_weeks
        })
        .map(|u| Proposal {
            nominee: Nominee::Collective,
            id: u.id.to_string(),
            name: u.name.to_string(),
            unit_name: u.name.to_string(),
            score: u.composite,
            rank: u.rank,
            reasons: vec![
                score_reason(u),
                format!(
                    "{}/{} tuần làm việc không văn bản giấy; {} ngày không in giấy.",
                    u.paperless_weeks, evaluation.weeks, u.paper_free_days
                ),
                format!("Xếp hạng {}/{} phòng.", u.rank, evaluation.units.len()),
            ],
        })
        .collect();
    let initiatives = |e: &Evaluation| {
        e.criteria
            .iter()
            .find(|r| r.kind == CriterionKind::Creativity)
            .map_or(0, |r| r.numerator)
    };
    proposals.extend(
        evaluation
            .officers
            .iter()
            .filter(|o| o.classification == Classification::Excellent)
            .filter(|o| !rules.individual_needs_initiative || initiatives(o) > 0)
            .map(|o| {
                let unit_name = officer_units
                    .get(o.id.as_str())
                    .and_then(|unit_id| unit_names.get(unit_id))
                    .copied()
                    .unwrap_or_default();
                Proposal {
                    nominee: Nominee::Individual,
                    id: o.id.to_string(),
                    name: o.name.to_string(),
                    unit_name: unit_name.to_string(),
                    score: o.composite,
                    rank: o.rank,
                    reasons: vec![
                        score_reason(o),
                        format!("{} sáng kiến trong phong trào.", initiatives(o)),
                    ],
                }
            }),
    );
    proposals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::evaluation::score::evaluate;
    use crate::core::sample::{generate, propose_everyone, SampleScale};

    #[test]
    fn only_excellent_divisions_with_enough_paperless_weeks_are_proposed() {
        for seed in 0..10 {
            let ws = generate(SampleScale::Department, seed);
            let evaluation = evaluate(&ws);
            for proposal in propose(&ws.campaign, &evaluation) {
                let list = match proposal.nominee {
                    Nominee::Collective => &evaluation.units,
                    Nominee::Individual => &evaluation.officers,
                };
                let evaluated = list.iter().find(|e| e.id == proposal.id).unwrap();
                assert_eq!(evaluated.classification, Classification::Excellent);
                if proposal.nominee == Nominee::Collective {
                    assert!(evaluated.paperless_weeks >= 2);
                }
                assert!(proposal.reasons[0].contains("Hoàn thành xuất sắc"));
            }
        }
    }

    #[test]
    fn rules_decide_who_is_proposed() {
        let mut ws = generate(SampleScale::Department, 4);
        propose_everyone(&mut ws.campaign);
        let proposals = propose(&ws.campaign, &evaluate(&ws));
        let collectives = proposals
            .iter()
            .filter(|p| p.nominee == Nominee::Collective)
            .count();
        assert_eq!(
            collectives, 8,
            "every division qualifies under the loosest rules"
        );
        assert_eq!(proposals.len(), 8 + 80);
        assert!(
            proposals[8].unit_name.starts_with("Văn phòng") || !proposals[8].unit_name.is_empty()
        );

        ws.campaign.award_rules.min_paperless_weeks = 99;
        let proposals = propose(&ws.campaign, &evaluate(&ws));
        assert!(proposals.iter().all(|p| p.nominee == Nominee::Individual));
    }
}
