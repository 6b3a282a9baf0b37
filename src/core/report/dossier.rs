//! The Office's commendation dossier (the plan, V.2: the Office, with the
//! divisions, sends the dossier proposing the Chairman's Certificate of
//! Merit — Bằng khen — to the Provincial People's Committee through the
//! Department of Home Affairs): the nominees, their summaries, the
//! Council's vote, the Tờ trình, the list, and the Director's own decision
//! on Giấy khen. Every figure and name comes from the evaluation; what the
//! Office decides (hand changes, summaries, votes, numbers) is kept in
//! [`Dossier`](crate::core::campaign::model::Dossier).
//!
//! The forms follow Decree 30/2020's layout. Decree 152/2025/NĐ-CP (which
//! the plan cites) governs the dossier; where its exact forms are not at
//! hand, the headings and fixed sentences are the Office's to edit
//! (`DossierTexts`), and docs/report.md says what still differs.

use crate::core::campaign::model::{DossierTexts, Workspace};
use crate::core::evaluation::proposals::{propose, Nominee};
use crate::core::evaluation::score::{CampaignEvaluation, Classification, Evaluation};
use crate::core::format;
use crate::core::report::document::{lines, recipient_lines, Block, Cell, ReportDocument, Table};

/// One nominee of the dossier, with what the Council decided.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierNominee {
    /// Collective or individual.
    pub nominee: Nominee,
    /// Division or officer id.
    pub id: String,
    /// Name as written.
    pub name: String,
    /// Position and division (for a collective, the department).
    pub position: String,
    /// Composite score.
    pub score: Option<f64>,
    /// Rank among the divisions, or among all officers.
    pub rank: usize,
    /// The summary of achievements: as edited, or drafted from the figures.
    pub summary: String,
    /// The achievements in one line, for the list: the edited summary's
    /// first line, or the score, classification and paper-free days.
    pub brief: String,
    /// The reason of a hand addition (a supplementary proposal).
    pub added_by_hand: Option<String>,
    /// Votes for at the Council's meeting, if voted on.
    pub votes_for: Option<u32>,
    /// Whether the Council passed the nominee.
    pub passed: bool,
}

/// What is wrong with the Council's figures, in Vietnamese.
pub fn council_problems(workspace: &Workspace) -> Vec<String> {
    let council = &workspace.dossier.council;
    let mut problems = Vec::new();
    for vote in &council.votes {
        if vote.votes_for > council.members_present {
            problems.push(format!(
                "“{}”: {} phiếu đồng ý nhiều hơn {} thành viên có mặt.",
                workspace.campaign.name_of(&vote.id).unwrap_or(&vote.id),
                vote.votes_for,
                council.members_present
            ));
        }
    }
    if !(0.0..100.0).contains(&council.majority_percent) {
        problems.push("Tỷ lệ phiếu cần đạt phải từ 0 đến dưới 100%.".into());
    }
    problems
}

/// A summary of achievements drafted from the figures.
fn drafted_summary(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
    e: &Evaluation,
    nominee: Nominee,
) -> String {
    let campaign = &workspace.campaign;
    let criteria: Vec<String> = campaign
        .criteria
        .iter()
        .zip(&e.criteria)
        .filter(|(_, r)| r.attainment.is_some())
        .map(|(c, r)| {
            format!(
                "{} ({}) {}/{} = {}",
                c.code,
                c.kind.short_label(),
                format::integer(r.numerator as i64),
                format::integer(r.denominator as i64),
                crate::core::evaluation::explain::attainment_text(r)
            )
        })
        .collect();
    let mut text = format!(
        "Trong {} ({} – {}), đạt: {}.",
        campaign.title,
        format::date(campaign.period.start),
        format::date(campaign.period.end),
        criteria.join("; ")
    );
    match nominee {
        Nominee::Collective => text.push_str(&format!(
            "\n{} ngày không in giấy trên {} ngày làm việc; {}/{} tuần làm việc không văn bản giấy.",
            e.paper_free_days,
            evaluation.working_days.len(),
            e.paperless_weeks,
            evaluation.weeks
        )),
        Nominee::Individual => {}
    }
    let initiatives: Vec<String> = workspace
        .initiatives
        .iter()
        .filter(|i| !i.meta.deleted)
        .filter(|i| match &i.owner {
            crate::core::campaign::model::InitiativeOwner::Unit(id)
            | crate::core::campaign::model::InitiativeOwner::Officer(id) => id == &e.id,
        })
        .map(|i| match i.council_score {
            Some(score) => format!(
                "“{}” (Hội đồng chấm {} điểm)",
                i.title,
                format::decimal(score, 1)
            ),
            None => format!("“{}”", i.title),
        })
        .collect();
    if !initiatives.is_empty() {
        text.push_str(&format!("\nSáng kiến: {}.", initiatives.join("; ")));
    }
    text.push_str(&format!(
        "\nĐiểm tổng hợp {}, xếp loại “{}”.",
        e.composite.map_or("—".into(), |c| format::decimal(c, 1)),
        e.classification.label()
    ));
    text
}

/// The dossier's nominees: the app's proposals, less those removed by hand,
/// plus those added by hand (still in the data); collectives first.
pub fn dossier_nominees(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
) -> Vec<DossierNominee> {
    let campaign = &workspace.campaign;
    let dossier = &workspace.dossier;
    let council = &dossier.council;
    let removed = |id: &str| dossier.removed.iter().any(|r| r.id == id);
    let unit_names = campaign.unit_names();
    let officer_units = campaign.officer_units();
    let make = |e: &Evaluation, nominee: Nominee, added_by_hand: Option<String>| {
        let position = match nominee {
            Nominee::Collective => campaign.issuing_body.clone(),
            Nominee::Individual => {
                let officer = campaign.officers.iter().find(|o| o.id == e.id);
                let unit = officer_units
                    .get(e.id.as_str())
                    .and_then(|u| unit_names.get(u))
                    .copied()
                    .unwrap_or_default();
                match officer {
                    Some(o) if !o.position.is_empty() => format!("{}, {unit}", o.position),
                    _ => unit.to_string(),
                }
            }
        };
        let edited = dossier.summaries.iter().find(|s| s.id == e.id);
        let summary = edited
            .map(|s| s.text.clone())
            .unwrap_or_else(|| drafted_summary(workspace, evaluation, e, nominee));
        let brief = match edited.and_then(|s| lines(&s.text).next()) {
            Some(first) => first.to_string(),
            None => {
                let mut brief = format!(
                    "Điểm tổng hợp {}, “{}”",
                    e.composite.map_or("—".into(), |c| format::decimal(c, 1)),
                    e.classification.label()
                );
                if nominee == Nominee::Collective {
                    brief.push_str(&format!(
                        "; {}/{} ngày không in giấy",
                        e.paper_free_days,
                        evaluation.working_days.len()
                    ));
                }
                brief.push('.');
                brief
            }
        };
        let votes_for = council
            .votes
            .iter()
            .find(|v| v.id == e.id)
            .map(|v| v.votes_for);
        let passed = votes_for.is_some_and(|votes| {
            votes <= council.members_present
                && f64::from(votes) * 100.0
                    > council.majority_percent * f64::from(council.members_present)
        });
        DossierNominee {
            nominee,
            id: e.id.to_string(),
            name: e.name.to_string(),
            position,
            score: e.composite,
            rank: e.rank,
            summary,
            brief,
            added_by_hand,
            votes_for,
            passed,
        }
    };
    let find = |id: &str| {
        evaluation
            .units
            .iter()
            .find(|u| u.id == id)
            .map(|u| (u, Nominee::Collective))
            .or_else(|| {
                evaluation
                    .officers
                    .iter()
                    .find(|o| o.id == id)
                    .map(|o| (o, Nominee::Individual))
            })
    };
    let mut nominees: Vec<DossierNominee> = propose(campaign, evaluation)
        .into_iter()
        .filter(|p| !removed(&p.id))
        .filter_map(|p| find(&p.id).map(|(e, kind)| make(e, kind, None)))
        .collect();
    for added in &dossier.added {
        if nominees.iter().any(|n| n.id == added.id) {
            continue;
        }
        // A nominee since removed from the data is left out, not invented.
        if let Some((e, kind)) = find(&added.id) {
            nominees.push(make(e, kind, Some(added.reason.clone())));
        }
    }
    nominees.sort_by_key(|n| (n.nominee == Nominee::Individual, n.rank));
    nominees
}

/// Hand additions whose division or officer is no longer in the data.
pub fn vanished_additions(workspace: &Workspace, evaluation: &CampaignEvaluation) -> Vec<String> {
    workspace
        .dossier
        .added
        .iter()
        .filter(|a| {
            !evaluation.units.iter().any(|u| u.id == a.id)
                && !evaluation.officers.iter().any(|o| o.id == a.id)
        })
        .map(|a| a.id.clone())
        .collect()
}

/// The dossier's documents, each a [`ReportDocument`], in the order they
/// are filed: Tờ trình, list, summaries, minutes, decision on Giấy khen.
pub fn dossier_documents(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
) -> Vec<(&'static str, ReportDocument)> {
    let nominees = dossier_nominees(workspace, evaluation);
    vec![
        ("to-trinh", submission(workspace, &nominees)),
        ("danh-sach", nominee_list(workspace, &nominees)),
        ("tom-tat-thanh-tich", summaries(workspace, &nominees)),
        ("bien-ban-hoi-dong", minutes(workspace, &nominees)),
        (
            "quyet-dinh-giay-khen",
            director_decision(workspace, evaluation, &nominees),
        ),
    ]
}

/// The heading, numbers and signature every document of the dossier shares.
fn frame(
    workspace: &Workspace,
    kind: &str,
    number: &str,
    subtitle: String,
    body: Vec<Block>,
) -> ReportDocument {
    let details = &workspace.report;
    let texts: &DossierTexts = &workspace.dossier.texts;
    ReportDocument {
        kind: kind.into(),
        superior_body: details.superior_body.clone(),
        issuer: details.issuer.clone(),
        number_line: format!("Số: {number}"),
        place_date_line: format!("{}, {}", details.place, details.date_line),
        subtitle,
        body,
        recipients: recipient_lines("Như trên;\nLưu: VT, VP."),
        signer_title: vec!["GIÁM ĐỐC".into()],
        signer_name: texts.director.clone(),
    }
}

fn passed(nominees: &[DossierNominee]) -> impl Iterator<Item = &DossierNominee> {
    nominees.iter().filter(|n| n.passed)
}

fn count_words(nominees: &[DossierNominee]) -> (usize, usize) {
    let collectives = passed(nominees)
        .filter(|n| n.nominee == Nominee::Collective)
        .count();
    (collectives, passed(nominees).count() - collectives)
}

fn submission(workspace: &Workspace, nominees: &[DossierNominee]) -> ReportDocument {
    let campaign = &workspace.campaign;
    let texts = &workspace.dossier.texts;
    let (collectives, individuals) = count_words(nominees);
    let mut body = vec![Block::Paragraph(format!("Kính gửi: {}.", texts.addressee))];
    body.extend(lines(&texts.legal_bases).map(|l| Block::Paragraph(l.into())));
    body.push(Block::Paragraph(format!(
        "Xét kết quả đánh giá {} và đề nghị của Hội đồng Thi đua – Khen thưởng tại cuộc họp {},",
        campaign.title, workspace.dossier.council.date_line
    )));
    if collectives + individuals == 0 {
        body.push(Block::Note {
            id: "dossier-none",
            text: "Chưa có tập thể, cá nhân nào được Hội đồng Thi đua – Khen thưởng thông qua để đề nghị tặng Bằng khen.".into(),
        });
    } else {
        body.push(Block::Paragraph(format!(
            "{} kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng Bằng khen cho {collectives} tập thể và {individuals} cá nhân đã có thành tích xuất sắc trong {} (có danh sách và tóm tắt thành tích kèm theo).",
            campaign.issuing_body, campaign.title
        )));
    }
    body.push(Block::Paragraph(
        "Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.".into(),
    ));
    frame(
        workspace,
        "TỜ TRÌNH",
        &texts.submission_number,
        "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh".into(),
        body,
    )
}

fn list_table(nominees: &[&DossierNominee], title: &str) -> Table {
    Table {
        title: title.into(),
        header: [
            "STT",
            "Tên",
            "Chức vụ, đơn vị",
            "Tóm tắt thành tích",
            "Điểm tổng hợp",
            "Xếp hạng",
        ]
        .map(String::from)
        .to_vec(),
        rows: nominees
            .iter()
            .enumerate()
            .map(|(index, n)| {
                let mut summary = n.brief.clone();
                if let Some(reason) = &n.added_by_hand {
                    summary.push_str(&format!(" (Đề xuất bổ sung: {reason})"));
                }
                vec![
                    Cell::int((index + 1) as f64),
                    Cell::Text(n.name.clone()),
                    Cell::Text(n.position.clone()),
                    Cell::Text(summary),
                    Cell::share(n.score),
                    Cell::int(n.rank as f64),
                ]
            })
            .collect(),
    }
}

fn nominee_list(workspace: &Workspace, nominees: &[DossierNominee]) -> ReportDocument {
    let texts = &workspace.dossier.texts;
    let collectives: Vec<&DossierNominee> = passed(nominees)
        .filter(|n| n.nominee == Nominee::Collective)
        .collect();
    let individuals: Vec<&DossierNominee> = passed(nominees)
        .filter(|n| n.nominee == Nominee::Individual)
        .collect();
    let mut body = Vec::new();
    body.push(Block::Heading("I. TẬP THỂ".into()));
    body.push(if collectives.is_empty() {
        Block::Note {
            id: "dossier-collectives",
            text: "Không có.".into(),
        }
    } else {
        Block::Table {
            id: "dossier-collectives",
            table: list_table(&collectives, "Tập thể đề nghị tặng Bằng khen"),
        }
    });
    body.push(Block::Heading("II. CÁ NHÂN".into()));
    body.push(if individuals.is_empty() {
        Block::Note {
            id: "dossier-individuals",
            text: "Không có.".into(),
        }
    } else {
        Block::Table {
            id: "dossier-individuals",
            table: list_table(&individuals, "Cá nhân đề nghị tặng Bằng khen"),
        }
    });
    frame(
        workspace,
        "DANH SÁCH",
        &texts.submission_number,
        format!(
            "Tập thể, cá nhân đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (kèm theo Tờ trình số {})",
            texts.submission_number.trim()
        ),
        body,
    )
}

fn summaries(workspace: &Workspace, nominees: &[DossierNominee]) -> ReportDocument {
    let mut body = Vec::new();
    for (index, n) in passed(nominees).enumerate() {
        body.push(Block::Heading(format!(
            "{}. {} ({})",
            index + 1,
            n.name,
            n.position
        )));
        body.extend(lines(&n.summary).map(|l| Block::Paragraph(l.into())));
    }
    if body.is_empty() {
        body.push(Block::Note {
            id: "dossier-summaries",
            text: "Chưa có tập thể, cá nhân nào được đề nghị.".into(),
        });
    }
    frame(
        workspace,
        "BÁO CÁO TÓM TẮT THÀNH TÍCH",
        &workspace.dossier.texts.submission_number,
        format!("Đề nghị tặng Bằng khen trong {}", workspace.campaign.title),
        body,
    )
}

fn minutes(workspace: &Workspace, nominees: &[DossierNominee]) -> ReportDocument {
    let council = &workspace.dossier.council;
    let mut body = vec![
        Block::Paragraph(format!("Thời gian: {}.", council.date_line)),
        Block::Paragraph(format!(
            "Thành phần: {} thành viên Hội đồng Thi đua – Khen thưởng có mặt. Chủ trì: {}. Thư ký: {}.",
            council.members_present,
            if council.chair.is_empty() { "…" } else { &council.chair },
            if council.secretary.is_empty() { "…" } else { &council.secretary },
        )),
        Block::Paragraph(format!(
            "Hội đồng xem xét danh sách đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh trong {} và biểu quyết; tập thể, cá nhân được thông qua khi số phiếu đồng ý nhiều hơn {}% số thành viên có mặt.",
            workspace.campaign.title,
            format::decimal(council.majority_percent, 0)
        )),
    ];
    let rows: Vec<Vec<Cell>> = nominees
        .iter()
        .enumerate()
        .map(|(index, n)| {
            let share = n
                .votes_for
                .filter(|_| council.members_present > 0)
                .map(|v| f64::from(v) * 100.0 / f64::from(council.members_present));
            vec![
                Cell::int((index + 1) as f64),
                Cell::Text(n.name.clone()),
                Cell::Text(n.position.clone()),
                n.votes_for.map_or(Cell::Empty, |v| Cell::int(v as f64)),
                Cell::share(share),
                Cell::Text(match (n.votes_for, n.passed) {
                    (None, _) => "Chưa biểu quyết".into(),
                    (Some(_), true) => "Đạt".into(),
                    (Some(_), false) => "Không đạt".into(),
                }),
            ]
        })
        .collect();
    body.push(if rows.is_empty() {
        Block::Note {
            id: "dossier-votes",
            text: "Không có tập thể, cá nhân nào trong danh sách đề nghị.".into(),
        }
    } else {
        Block::Table {
            id: "dossier-votes",
            table: Table {
                title: "Kết quả biểu quyết".into(),
                header: [
                    "STT",
                    "Tên",
                    "Chức vụ, đơn vị",
                    "Phiếu đồng ý",
                    "Tỷ lệ (%)",
                    "Kết quả",
                ]
                .map(String::from)
                .to_vec(),
                rows,
            },
        }
    });
    let (collectives, individuals) = count_words(nominees);
    body.push(Block::Paragraph(format!(
        "Hội đồng thống nhất đề nghị Giám đốc Sở trình Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho {collectives} tập thể và {individuals} cá nhân. Biên bản kết thúc cùng ngày."
    )));
    let mut doc = frame(
        workspace,
        "BIÊN BẢN",
        "     /BB-HĐTĐKT",
        "Họp Hội đồng Thi đua – Khen thưởng xét đề nghị tặng Bằng khen".into(),
        body,
    );
    doc.signer_title = vec!["CHỦ TỊCH HỘI ĐỒNG".into()];
    doc.signer_name = council.chair.clone();
    doc.recipients = recipient_lines("Thành viên Hội đồng;\nLưu: VT, VP.");
    doc
}

/// Who the Director commends within his own authority (Giấy khen): the
/// divisions and officers “Hoàn thành xuất sắc” that the dossier does not
/// carry to the Chairman (the app's rule; docs/report.md).
pub fn giay_khen_recipients<'a>(
    evaluation: &'a CampaignEvaluation,
    nominees: &[DossierNominee],
) -> Vec<(&'a Evaluation, Nominee)> {
    let proposed = |id: &str| nominees.iter().any(|n| n.id == id && n.passed);
    evaluation
        .units
        .iter()
        .map(|u| (u, Nominee::Collective))
        .chain(evaluation.officers.iter().map(|o| (o, Nominee::Individual)))
        .filter(|(e, _)| e.classification == Classification::Excellent && !proposed(&e.id))
        .collect()
}

fn director_decision(
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
    nominees: &[DossierNominee],
) -> ReportDocument {
    let campaign = &workspace.campaign;
    let texts = &workspace.dossier.texts;
    let recipients = giay_khen_recipients(evaluation, nominees);
    let collectives = recipients
        .iter()
        .filter(|(_, k)| *k == Nominee::Collective)
        .count();
    let individuals = recipients.len() - collectives;
    let mut body = vec![Block::Heading(format!(
        "GIÁM ĐỐC {}",
        workspace.report.issuer
    ))];
    body.extend(lines(&texts.legal_bases).map(|l| Block::Paragraph(l.into())));
    body.push(Block::Paragraph(
        "Xét đề nghị của Hội đồng Thi đua – Khen thưởng Sở,".into(),
    ));
    body.push(Block::Heading("QUYẾT ĐỊNH:".into()));
    body.push(Block::Paragraph(format!(
        "Điều 1. Tặng Giấy khen của Giám đốc Sở cho {collectives} tập thể và {individuals} cá nhân (có danh sách kèm theo) đã có thành tích trong {}.",
        campaign.title
    )));
    body.push(Block::Paragraph(
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.".into(),
    ));
    body.push(Block::Paragraph(
        "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng thuộc Sở và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.".into(),
    ));
    let rows: Vec<Vec<Cell>> = recipients
        .iter()
        .enumerate()
        .map(|(index, (e, kind))| {
            vec![
                Cell::int((index + 1) as f64),
                Cell::Text(e.name.to_string()),
                Cell::Text(match kind {
                    Nominee::Collective => "Tập thể".into(),
                    Nominee::Individual => "Cá nhân".into(),
                }),
                Cell::share(e.composite),
            ]
        })
        .collect();
    body.push(Block::Heading(format!(
        "DANH SÁCH TẶNG GIẤY KHEN (kèm theo Quyết định số {})",
        texts.decision_number.trim()
    )));
    body.push(if rows.is_empty() {
        Block::Note {
            id: "decision-annex",
            text: "Không có tập thể, cá nhân nào.".into(),
        }
    } else {
        Block::Table {
            id: "decision-annex",
            table: Table {
                title: "Tập thể, cá nhân được tặng Giấy khen".into(),
                header: ["STT", "Tên", "Tập thể / cá nhân", "Điểm tổng hợp"]
                    .map(String::from)
                    .to_vec(),
                rows,
            },
        }
    });
    let mut doc = frame(
        workspace,
        "QUYẾT ĐỊNH",
        &texts.decision_number,
        format!(
            "Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích trong {}",
            campaign.title
        ),
        body,
    );
    doc.recipients = recipient_lines("Như Điều 3;\nLưu: VT, VP.");
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::model::{EditedSummary, HandChange, Vote};
    use crate::core::entry::edit::update_counts;
    use crate::core::evaluation::score::evaluate;
    use crate::core::sample::{generate, SampleScale};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn all_text(doc: &ReportDocument) -> String {
        let mut out = vec![doc.kind.clone(), doc.subtitle.clone()];
        for block in &doc.body {
            match block {
                Block::Paragraph(t) | Block::Heading(t) | Block::Note { text: t, .. } => {
                    out.push(t.clone())
                }
                Block::Table { table, .. } => {
                    for row in &table.rows {
                        out.push(row.iter().map(Cell::shown).collect::<Vec<_>>().join("|"));
                    }
                }
                Block::Charts => {}
            }
        }
        out.join("\n")
    }

    fn sample_with_council() -> Workspace {
        let mut ws = generate(SampleScale::Department, 2025);
        let evaluation = evaluate(&ws);
        ws.dossier.council.members_present = 7;
        ws.dossier.council.votes = dossier_nominees(&ws, &evaluation)
            .iter()
            .map(|n| Vote {
                id: n.id.clone(),
                votes_for: 6,
            })
            .collect();
        ws
    }

    #[test]
    fn the_council_decides_who_goes_to_the_chairman() {
        let mut ws = sample_with_council();
        let evaluation = evaluate(&ws);
        let nominees = dossier_nominees(&ws, &evaluation);
        assert!(!nominees.is_empty());
        assert!(
            nominees.iter().all(|n| n.passed),
            "6 of 7 is more than half"
        );
        // One nominee gets 3 of 7: not passed, and not in the Tờ trình's list.
        let failed = nominees[0].id.clone();
        ws.dossier.council.votes[0].votes_for = 3;
        let nominees = dossier_nominees(&ws, &evaluation);
        assert!(!nominees.iter().find(|n| n.id == failed).unwrap().passed);
        let docs = dossier_documents(&ws, &evaluation);
        let list = all_text(&docs[1].1);
        assert!(!list.contains(&format!(
            "|{}|",
            nominees.iter().find(|n| n.id == failed).unwrap().name
        )));
        let minutes = all_text(&docs[3].1);
        assert!(minutes.contains("Không đạt"), "{minutes}");
        assert_eq!(council_problems(&ws), Vec::<String>::new());
        ws.dossier.council.votes[0].votes_for = 9;
        let problems = council_problems(&ws);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].contains("9 phiếu đồng ý nhiều hơn 7 thành viên có mặt"),
            "{problems:?}"
        );
        assert!(
            !dossier_nominees(&ws, &evaluate(&ws))
                .iter()
                .find(|n| n.id == failed)
                .unwrap()
                .passed
        );
    }

    #[test]
    fn hand_changes_carry_their_reasons_and_vanished_nominees_are_left_out() {
        let mut ws = sample_with_council();
        let evaluation = evaluate(&ws);
        let auto = dossier_nominees(&ws, &evaluation);
        let removed = auto[0].id.clone();
        let outsider = evaluation
            .officers
            .iter()
            .find(|o| !auto.iter().any(|n| n.id == o.id))
            .unwrap()
            .clone();
        ws.dossier.removed.push(HandChange {
            id: removed.clone(),
            reason: "Đã được khen cấp trên".into(),
        });
        ws.dossier.added.push(HandChange {
            id: outsider.id.to_string(),
            reason: "Có sáng kiến <b>đặc biệt</b>".into(),
        });
        ws.dossier.added.push(HandChange {
            id: "da-xoa".into(),
            reason: "x".into(),
        });
        ws.dossier.council.votes.push(Vote {
            id: outsider.id.to_string(),
            votes_for: 7,
        });
        let nominees = dossier_nominees(&ws, &evaluation);
        assert!(nominees.iter().all(|n| n.id != removed));
        let added = nominees.iter().find(|n| n.id == outsider.id).unwrap();
        assert_eq!(
            added.added_by_hand.as_deref(),
            Some("Có sáng kiến <b>đặc biệt</b>")
        );
        assert!(nominees.iter().all(|n| n.id != "da-xoa"));
        assert_eq!(vanished_additions(&ws, &evaluation), ["da-xoa"]);
        let list = all_text(&dossier_documents(&ws, &evaluation)[1].1);
        assert!(
            list.contains("(Đề xuất bổ sung: Có sáng kiến <b>đặc biệt</b>)"),
            "{list}"
        );
    }

    #[test]
    fn an_edited_summary_replaces_the_draft_and_a_count_changes_the_draft() {
        let mut ws = sample_with_council();
        let evaluation = evaluate(&ws);
        let first = dossier_nominees(&ws, &evaluation)[0].clone();
        assert!(
            first
                .summary
                .contains("TC1 (Xử lý văn bản, hồ sơ trên mạng)"),
            "{}",
            first.summary
        );
        let mut edited = ws.clone();
        edited.dossier.summaries.push(EditedSummary {
            id: first.id.clone(),
            text: "Thành tích do Văn phòng viết.".into(),
        });
        let docs = dossier_documents(&edited, &evaluation);
        assert!(all_text(&docs[2].1).contains("Thành tích do Văn phòng viết."));
        // One source of truth: a count changed in the grid changes the drafts.
        let before = all_text(&dossier_documents(&ws, &evaluation)[2].1);
        update_counts(
            &mut ws,
            &first.id,
            NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
            Utc.with_ymd_and_hms(2025, 7, 16, 8, 0, 0).unwrap(),
            |c| {
                c.docs_received += 10;
                c.docs_received_online += 10;
            },
        );
        let after = all_text(&dossier_documents(&ws, &evaluate(&ws))[2].1);
        assert_ne!(before, after);
    }

    #[test]
    fn without_proposals_every_document_still_renders_and_says_so() {
        let mut ws = generate(SampleScale::Department, 2025);
        ws.campaign.thresholds.excellent = 101.0;
        let evaluation = evaluate(&ws);
        assert!(dossier_nominees(&ws, &evaluation).is_empty());
        let docs = dossier_documents(&ws, &evaluation);
        assert_eq!(docs.len(), 5);
        assert!(all_text(&docs[0].1).contains("Chưa có tập thể, cá nhân nào được Hội đồng"));
        assert!(all_text(&docs[4].1).contains("Không có tập thể, cá nhân nào."));
    }

    #[test]
    fn hand_changes_need_a_reason_and_undo_each_other() {
        let mut dossier = crate::core::campaign::model::Dossier::default();
        assert!(dossier.remove("a", "  ").is_err());
        assert!(dossier.add("", "lý do").is_err());
        assert!(dossier.add("a", "").is_err());
        assert_eq!(dossier, Default::default(), "a refusal changes nothing");
        dossier.add("a", " có sáng kiến ").unwrap();
        assert_eq!(dossier.added[0].reason, "có sáng kiến");
        dossier.remove("a", "đã khen").unwrap();
        assert!(dossier.added.is_empty() && dossier.removed.len() == 1);
        dossier.add("a", "xét lại").unwrap();
        assert!(dossier.removed.is_empty() && dossier.added.len() == 1);
        dossier.remove("b", "x").unwrap();
        dossier.restore("b");
        assert!(dossier.removed.is_empty());
        dossier.set_votes("a", Some(4));
        dossier.set_votes("a", Some(5));
        assert_eq!(
            dossier.council.votes,
            [Vote {
                id: "a".into(),
                votes_for: 5
            }]
        );
        dossier.set_votes("a", None);
        assert!(dossier.council.votes.is_empty());
        dossier.set_summary("a", "một".into());
        dossier.set_summary("a", "hai".into());
        assert_eq!(
            dossier.summaries,
            [EditedSummary {
                id: "a".into(),
                text: "hai".into()
            }]
        );
    }
}
