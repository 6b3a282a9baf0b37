//! The consolidated report's content (Decree 30/2020/NĐ-CP layout is the
//! web page's and the exporters' business): the fields a person fills in,
//! and the tables of results, built once from the evaluation so the page,
//! the CSV files and `thidua-cli` show the same figures.

use crate::core::campaign::model::{Campaign, Workspace};
use crate::core::evaluation::explain::attainment_text;
use crate::core::evaluation::proposals::{propose, Nominee};
use crate::core::evaluation::score::{department_totals, CampaignEvaluation, Evaluation};
use crate::core::format;

/// A table cell: text, or a number kept as a number (for spreadsheets).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Shown as written.
    Text(String),
    /// A figure; `decimals` says how it is shown.
    Number {
        /// The value.
        value: f64,
        /// Decimals when shown.
        decimals: usize,
    },
    /// Not applicable (0/0), shown as “—”.
    Empty,
}

impl Cell {
    pub fn int(value: impl Into<f64>) -> Cell {
        Cell::Number {
            value: value.into(),
            decimals: 0,
        }
    }

    pub(crate) fn share(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, |value| Cell::Number { value, decimals: 1 })
    }

    /// The cell as shown in the report: Vietnamese number format.
    pub fn shown(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number { value, decimals } => format::decimal(*value, *decimals),
            Cell::Empty => "—".into(),
        }
    }
}

/// A titled table of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Heading above the table, also the CSV file's and the sheet's name.
    pub title: String,
    /// Column headings.
    pub header: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

pub(crate) fn criteria_header(campaign: &Campaign) -> Vec<String> {
    campaign
        .criteria
        .iter()
        .map(|c| format!("{} (%)", c.code))
        .collect()
}

pub(crate) fn result_cells(evaluation: &Evaluation) -> impl Iterator<Item = Cell> + '_ {
    evaluation
        .criteria
        .iter()
        .map(|r| Cell::share(r.attainment))
        .chain([
            Cell::share(evaluation.composite),
            Cell::Text(evaluation.classification.label().into()),
        ])
}

/// Results per division, in rank order.
pub fn unit_table(campaign: &Campaign, evaluation: &CampaignEvaluation) -> Table {
    let mut header = vec!["Hạng".to_string(), "Phòng".to_string()];
    header.extend(criteria_header(campaign));
    header.extend(
        [
            "Điểm",
            "Xếp loại",
            "Ngày không in giấy",
            "Tuần làm việc không văn bản giấy",
        ]
        .map(String::from),
    );
    let rows = evaluation
        .units
        .iter()
        .map(|unit| {
            let mut row = vec![
                Cell::int(unit.rank as f64),
                Cell::Text(unit.name.to_string()),
            ];
            row.extend(result_cells(unit));
            row.push(Cell::int(unit.paper_free_days));
            row.push(Cell::int(unit.paperless_weeks));
            row
        })
        .collect();
    Table {
        title: "Kết quả của các phòng".into(),
        header,
        rows,
    }
}

/// Results per officer, in rank order.
pub fn officer_table(workspace: &Workspace, evaluation: &CampaignEvaluation) -> Table {
    let campaign = &workspace.campaign;
    let unit_names = campaign.unit_names();
    let officer_units = campaign.officer_units();
    let unit_of = |officer_id: &str| {
        officer_units
            .get(officer_id)
            .and_then(|unit_id| unit_names.get(unit_id))
            .map_or_else(String::new, |name| name.to_string())
    };
    let mut header = vec![
        "Hạng".to_string(),
        "Họ và tên".to_string(),
        "Phòng".to_string(),
    ];
    header.extend(criteria_header(campaign));
    header.extend(["Điểm", "Xếp loại"].map(String::from));
    let rows = evaluation
        .officers
        .iter()
        .map(|officer| {
            let mut row = vec![
                Cell::int(officer.rank as f64),
                Cell::Text(officer.name.to_string()),
                Cell::Text(unit_of(&officer.id)),
            ];
            row.extend(result_cells(officer));
            row
        })
        .collect();
    Table {
        title: "Kết quả của cán bộ, công chức".into(),
        header,
        rows,
    }
}

/// The department's result on each criterion: numerator, denominator,
/// exclusions, attainment against the target.
pub fn criteria_table(campaign: &Campaign, evaluation: &CampaignEvaluation) -> Table {
    let totals = department_totals(&campaign.criteria, &evaluation.units);
    let rows = campaign
        .criteria
        .iter()
        .zip(&totals)
        .map(|(criterion, total)| {
            let met = evaluation
                .units
                .iter()
                .filter(|u| {
                    u.criteria
                        .iter()
                        .find(|r| r.kind == criterion.kind)
                        .and_then(|r| r.met)
                        == Some(true)
                })
                .count();
            vec![
                Cell::Text(criterion.code.clone()),
                Cell::Text(criterion.kind.short_label().into()),
                Cell::int(total.numerator as f64),
                Cell::int(total.denominator as f64),
                Cell::int(total.excluded as f64),
                Cell::Text(attainment_text(total)),
                Cell::Text(crate::core::evaluation::explain::target_text(
                    criterion.target,
                )),
                Cell::Text(format!("{met}/{}", evaluation.units.len())),
            ]
        })
        .collect();
    Table {
        title: "Kết quả toàn Sở theo tiêu chí".into(),
        header: criterion_header("Số phòng đạt"),
        rows,
    }
}

/// The commendation proposals, for the Office's dossier.
pub fn proposal_table(campaign: &Campaign, evaluation: &CampaignEvaluation) -> Table {
    let rows = propose(campaign, evaluation)
        .into_iter()
        .enumerate()
        .map(|(index, p)| {
            vec![
                Cell::int(index as f64 + 1.0),
                Cell::Text(
                    match p.nominee {
                        Nominee::Collective => "Tập thể",
                        Nominee::Individual => "Cá nhân",
                    }
                    .into(),
                ),
                Cell::Text(p.name),
                Cell::Text(p.unit_name),
                Cell::share(p.score),
                Cell::int(p.rank as f64),
                // Each reason is a sentence of its own.
                Cell::Text(p.reasons.join(" ")),
            ]
        })
        .collect();
    Table {
        title: "Đề xuất khen thưởng".into(),
        header: [
            "TT",
            "Đề xuất",
            "Tên",
            "Đơn vị",
            "Điểm tổng hợp",
            "Xếp hạng",
            "Thành tích",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

/// The divisions' daily counts, a row per division and day reported.
pub fn daily_table(workspace: &Workspace) -> Table {
    use crate::core::entry::validation::CountField;
    let campaign = &workspace.campaign;
    let mut header = vec!["Phòng".to_string(), "Ngày".to_string()];
    header.extend(CountField::ALL.iter().map(|f| f.label().to_string()));
    let mut reports: Vec<_> = workspace
        .daily_reports
        .iter()
        .filter(|r| !r.meta.deleted)
        .collect();
    reports.sort_by(|a, b| (&a.unit_id, a.date).cmp(&(&b.unit_id, b.date)));
    let unit_names = campaign.unit_names();
    let rows = reports
        .into_iter()
        .map(|report| {
            let unit = unit_names
                .get(report.unit_id.as_str())
                .map_or_else(|| report.unit_id.clone(), |name| name.to_string());
            let mut row = vec![Cell::Text(unit), Cell::Text(format::date(report.date))];
            row.extend(
                CountField::ALL
                    .iter()
                    .map(|f| Cell::int(f.get(&report.counts))),
            );
            row
        })
        .collect();
    Table {
        title: "Số liệu hằng ngày".into(),
        header,
        rows,
    }
}

/// `Đánh giá cán bộ bằng KPI` → `đánh giá cán bộ bằng KPI`: mid-sentence,
/// without lowering an acronym.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The report's opening paragraph and its overall result, in words, from
/// the department's totals.
pub fn summary_paragraphs(campaign: &Campaign, evaluation: &CampaignEvaluation) -> Vec<String> {
    let totals = department_totals(&campaign.criteria, &evaluation.units);
    let mut paragraphs = vec![format!(
        "Thực hiện {}, {} báo cáo kết quả {} từ ngày {} đến ngày {} như sau:",
        campaign.plan_reference,
        campaign.issuing_body,
        campaign.title,
        format::date(campaign.period.start),
        format::date(campaign.period.end),
    )];
    let figures: Vec<String> = campaign
        .criteria
        .iter()
        .zip(&totals)
        .map(|(criterion, total)| {
            format!(
                "{} ({}) đạt {}",
                criterion.code,
                lowercase_first(criterion.kind.short_label()),
                attainment_text(total)
            )
        })
        .collect();
    paragraphs.push(format!(
        "Toàn Sở có {} phòng, {} cán bộ, công chức tham gia trong {} ngày làm việc. Kết quả chung: {}.",
        evaluation.units.len(),
        evaluation.officers.len(),
        evaluation.working_days.len(),
        figures.join("; ")
    ));
    let free = evaluation.paper_free_unit_days();
    let weeks = evaluation.paperless_unit_weeks();
    paragraphs.push(format!(
        "Các phòng có tổng cộng {} ngày làm việc không in giấy và {} tuần làm việc không văn bản giấy.",
        format::integer(i64::from(free)),
        format::integer(i64::from(weeks))
    ));
    paragraphs
}

/// A spreadsheet would run a cell starting with these as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text made safe for a spreadsheet: a leading formula character gets a
/// `'` before it, so `=HYPERLINK(…)` in a name stays text.
pub fn neutralise_formula(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The table as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads
/// Vietnamese), CRLF line ends, numbers as plain numbers with a decimal
/// point, text neutralised against formula injection.
pub fn to_csv(table: &Table) -> String {
    let mut csv = String::from('\u{feff}');
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    csv.push_str(&line(
        table
            .header
            .iter()
            .map(|h| csv_field(&neutralise_formula(h)))
            .collect(),
    ));
    for row in &table.rows {
        csv.push_str(&line(
            row.iter()
                .map(|cell| match cell {
                    Cell::Text(text) => csv_field(&neutralise_formula(text)),
                    Cell::Number { value, decimals } => format!("{value:.decimals$}"),
                    Cell::Empty => String::new(),
                })
                .collect(),
        ));
    }
    csv
}

/// `ket-qua-cac-phong.csv` from a table's title.
pub fn csv_file_name(table: &Table) -> String {
    format!("{}.csv", format::slug(&table.title))
}

/// The national motto block of every administrative document (Decree 30).
pub const MOTTO: [&str; 2] = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
];

/// The document's kind, its title line.
pub const DOCUMENT_KIND: &str = "BÁO CÁO";

/// Divisions drawn in the report's charts (the tables list them all): more
/// would not be legible on an A4 page.
pub const CHART_MAX_UNITS: usize = 40;

/// A piece of the report's body, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Running text.
    Paragraph(String),
    /// A section heading such as “I. KẾT QUẢ CHUNG”.
    Heading(String),
    /// A table; `id` names it on the page and in tests.
    Table {
        /// Element id of the table on the page.
        id: &'static str,
        /// Its content.
        table: Table,
    },
    /// A sentence standing in for a table with no rows.
    Note {
        /// Element id on the page.
        id: &'static str,
        /// The sentence.
        text: String,
    },
    /// The charts of the divisions' results (at most [`CHART_MAX_UNITS`]);
    /// each format draws them its own way.
    Charts,
}

/// The consolidated report in the order of Decree 30's layout, with every
/// text final: the HTML page and the DOCX file are two renderings of it, so
/// they cannot disagree on what the report says.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocument {
    /// The kind of document, the title's first line: “BÁO CÁO”.
    pub kind: String,
    /// First line of the heading: the superior body.
    pub superior_body: String,
    /// Second line: the issuing body.
    pub issuer: String,
    /// “Số: 125/BC-SDTTG”.
    pub number_line: String,
    /// “Khánh Hòa, ngày … tháng 8 năm 2025”.
    pub place_date_line: String,
    /// The line under “BÁO CÁO”: what it reports on.
    pub subtitle: String,
    /// The body, in order.
    pub body: Vec<Block>,
    /// “Nơi nhận”, each line with its dash and its `;` or final `.`.
    pub recipients: Vec<String>,
    /// Signing capacity, a line each.
    pub signer_title: Vec<String>,
    /// Name of the signer.
    pub signer_name: String,
}

/// The header of a table of results per criterion, its last column named
/// `verdict`: the consolidated report's and a division's share it.
pub(crate) fn criterion_header(verdict: &str) -> Vec<String> {
    [
        "Tiêu chí",
        "Nội dung",
        "Đạt được",
        "Tổng số",
        "Không tính (mật, khen thưởng cấp nhà nước)",
        "Tỷ lệ",
        "Chỉ tiêu",
        verdict,
    ]
    .map(String::from)
    .to_vec()
}

/// “Nơi nhận” as Decree 30 writes it: a dash before each recipient, `;`
/// after each but the last, which ends with `.`.
pub(crate) fn recipient_lines(text: &str) -> Vec<String> {
    let recipients: Vec<&str> = lines(text).collect();
    let last = recipients.len().saturating_sub(1);
    recipients
        .iter()
        .enumerate()
        .map(|(index, r)| {
            let end = if index == last { '.' } else { ';' };
            format!("- {}{end}", r.trim_end_matches([';', '.']))
        })
        .collect()
}

/// Lines of a multi-line field, blank ones dropped.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The report, from the workspace's fields and its evaluation.
pub fn report_document(workspace: &Workspace, evaluation: &CampaignEvaluation) -> ReportDocument {
    let details = &workspace.report;
    let campaign = &workspace.campaign;
    let mut body = Vec::new();
    let mut summary = summary_paragraphs(campaign, evaluation).into_iter();
    body.extend(summary.next().map(Block::Paragraph));
    body.push(Block::Heading("I. KẾT QUẢ CHUNG".into()));
    body.extend(summary.map(Block::Paragraph));
    body.extend(lines(&details.assessment).map(|l| Block::Paragraph(l.into())));
    body.push(Block::Table {
        id: "report-criteria",
        table: criteria_table(campaign, evaluation),
    });
    body.push(Block::Heading("II. KẾT QUẢ CỦA CÁC PHÒNG".into()));
    body.push(Block::Table {
        id: "report-units",
        table: unit_table(campaign, evaluation),
    });
    body.push(Block::Charts);
    body.push(Block::Heading("III. ĐỀ XUẤT KHEN THƯỞNG".into()));
    let proposals = proposal_table(campaign, evaluation);
    body.push(if proposals.rows.is_empty() {
        Block::Note {
            id: "report-proposals",
            text: "Chưa có tập thể, cá nhân nào đạt điều kiện đề xuất khen thưởng theo quy tắc đã thiết lập."
                .into(),
        }
    } else {
        Block::Table {
            id: "report-proposals",
            table: proposals,
        }
    });

    ReportDocument {
        kind: DOCUMENT_KIND.into(),
        superior_body: details.superior_body.clone(),
        issuer: details.issuer.clone(),
        number_line: format!("Số: {}", details.number),
        place_date_line: format!("{}, {}", details.place, details.date_line),
        subtitle: format!("Kết quả thực hiện {}", campaign.title),
        body,
        recipients: recipient_lines(&details.recipients),
        signer_title: lines(&details.signer_title).map(String::from).collect(),
        signer_name: details.signer_name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entry::validation::CountField;
    use crate::core::evaluation::score::evaluate;
    use crate::core::sample::{generate, SampleScale};

    #[test]
    fn formulas_are_neutralised_and_fields_quoted() {
        assert_eq!(neutralise_formula("=1+1"), "'=1+1");
        assert_eq!(neutralise_formula("+84 905"), "'+84 905");
        assert_eq!(neutralise_formula("-2"), "'-2");
        assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_formula("Phòng Pháp chế"), "Phòng Pháp chế");
        let table = Table {
            title: "t".into(),
            header: vec!["Tên".into(), "Số".into()],
            rows: vec![
                vec![
                    Cell::Text("=HYPERLINK(\"http://x\",\"bấm\")".into()),
                    Cell::int(3),
                ],
                vec![Cell::Text("a, \"b\"\nc".into()), Cell::share(Some(87.25))],
                vec![Cell::Text("x".into()), Cell::Empty],
            ],
        };
        let csv = to_csv(&table);
        assert!(csv.starts_with("\u{feff}Tên,Số\r\n"));
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\",3\r\n"),
            "{csv}"
        );
        assert!(
            csv.contains("\"a, \"\"b\"\"\nc\",87.2\r\n")
                || csv.contains("\"a, \"\"b\"\"\nc\",87.3\r\n"),
            "{csv}"
        );
        assert!(csv.ends_with("x,\r\n"));
    }

    #[test]
    fn the_tables_follow_the_evaluation() {
        let ws = generate(SampleScale::Department, 2025);
        let evaluation = evaluate(&ws);
        let units = unit_table(&ws.campaign, &evaluation);
        assert_eq!(units.rows.len(), 8);
        assert_eq!(units.header.len(), 2 + 5 + 4);
        assert!(units.rows.iter().all(|r| r.len() == units.header.len()));
        assert_eq!(
            units.rows[0][1],
            Cell::Text(evaluation.units[0].name.to_string())
        );
        assert_eq!(
            units.rows[0][7],
            Cell::share(evaluation.units[0].composite),
            "the score column"
        );
        let officers = officer_table(&ws, &evaluation);
        assert_eq!(officers.rows.len(), 80);
        let criteria = criteria_table(&ws.campaign, &evaluation);
        assert_eq!(criteria.rows.len(), 5);
        let daily = daily_table(&ws);
        assert_eq!(daily.rows.len(), 192);
        assert_eq!(daily.header.len(), 2 + CountField::ALL.len());
        assert_eq!(csv_file_name(&units), "ket-qua-cua-cac-phong.csv");
    }

    #[test]
    fn proposals_carry_their_score_and_rank_as_numbers() {
        let mut ws = generate(SampleScale::Department, 2025);
        crate::core::sample::propose_everyone(&mut ws.campaign);
        let evaluation = evaluate(&ws);
        let proposals = proposal_table(&ws.campaign, &evaluation);
        assert_eq!(proposals.rows.len(), 8 + 80);
        let leader = &evaluation.units[0];
        let first = &proposals.rows[0];
        assert_eq!(first[2], Cell::Text(leader.name.to_string()));
        assert_eq!(first[4], Cell::share(leader.composite));
        assert_eq!(first[5], Cell::int(1));
        let Cell::Text(reasons) = &first[6] else {
            panic!("reasons are text")
        };
        assert!(
            reasons.contains(". ") && !reasons.contains(".;"),
            "{reasons}"
        );
    }

    // The opening cites the province's plan first and says “thực hiện”
    // once (the movement's own name, which contains it, aside).
    #[test]
    fn the_opening_cites_the_provinces_plan_first() {
        let ws = Workspace::new(crate::core::campaign::template::seed_campaign("t"));
        let evaluation = evaluate(&ws);
        let opening = &summary_paragraphs(&ws.campaign, &evaluation)[0];
        assert!(
            opening.starts_with("Thực hiện Kế hoạch số 429/KH-UBND ngày 14/7/2025"),
            "{opening}"
        );
        let without_title = opening.replace(&ws.campaign.title, "");
        assert_eq!(
            without_title.to_lowercase().matches("thực hiện").count(),
            1,
            "{opening}"
        );
    }

    // “Nơi nhận” follows the plan's own list.
    #[test]
    fn the_default_recipients_follow_the_plan() {
        let recipients = crate::core::campaign::model::ReportDetails::default().recipients;
        for line in ["Chi bộ Sở (báo cáo)", "Lãnh đạo Sở", "UBND tỉnh (báo cáo)"] {
            assert!(recipients.contains(line), "{line}: {recipients}");
        }
        assert!(!recipients.contains("Ban Giám đốc"));
    }
}
