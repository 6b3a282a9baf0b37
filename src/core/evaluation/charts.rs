//! Charts of the evaluation, drawn with plotters onto any backend: SVG for
//! the browser (vector, so crisp on high-DPI screens and in print) and for the
//! tests. Text goes through the backend, which escapes it, so a division
//! named `<script>` is drawn as those characters.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use chrono::{Datelike, NaiveDate};

use crate::core::campaign::model::Criterion;
use crate::core::evaluation::score::{Classification, DailyRates, Evaluation, PaperDay};
use crate::core::format;

const FONT: &str = "sans-serif";
// Sizes below are plotters' font sizes; its SVG text comes out at about 0.8 of them.
const INK: RGBColor = RGBColor(28, 36, 48);
const MUTED: RGBColor = RGBColor(91, 102, 117);
const GRID: RGBColor = RGBColor(216, 222, 230);

/// Result of drawing on backend `DB`.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The colour of a classification, the same in every chart and export.
pub fn classification_color(classification: Classification) -> RGBColor {
    match classification {
        Classification::Excellent => RGBColor(30, 123, 70),
        Classification::Good => RGBColor(31, 78, 121),
        Classification::Done => RGBColor(161, 92, 0),
        Classification::NotDone => RGBColor(179, 38, 30),
        Classification::NoData => RGBColor(154, 165, 177),
    }
}

/// Shade of an attainment: red at 0 %, amber around 85 %, green at 100 %.
fn attainment_color(attainment: f64) -> RGBColor {
    if attainment >= 100.0 {
        RGBColor(198, 233, 209)
    } else if attainment >= 85.0 {
        RGBColor(255, 236, 196)
    } else {
        RGBColor(250, 214, 210)
    }
}

fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let mut short: String = name.chars().take(max - 1).collect();
        short.push('…');
        short
    }
}

fn text_style(size: u32, color: &'static RGBColor, h: HPos) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font())
        .color(color)
        .pos(Pos::new(h, VPos::Center))
}

/// Width and height of the area, and the width of the label column on the left.
fn layout<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>) -> (i32, i32, i32) {
    let (width, height) = root.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    (width, height, width * 34 / 100)
}

/// A division's name, right-aligned against the chart's label column.
fn draw_row_label<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    name: &str,
    label_width: i32,
    middle: i32,
) -> DrawResult<DB> {
    root.draw(&Text::new(
        shorten(name, 34),
        (label_width - 8, middle),
        text_style(16, &INK, HPos::Right),
    ))
}

/// A row of coloured squares with their labels, from (`x`, `top`).
fn draw_legend<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    mut x: i32,
    top: i32,
    items: impl Iterator<Item = (&'a str, RGBColor)>,
) -> DrawResult<DB> {
    for (label, color) in items {
        root.draw(&Rectangle::new(
            [(x, top), (x + 14, top + 14)],
            color.filled(),
        ))?;
        root.draw(&Text::new(
            label,
            (x + 20, top + 7),
            text_style(16, &INK, HPos::Left),
        ))?;
        x += 40 + label.chars().count() as i32 * 9;
    }
    Ok(())
}

/// Horizontal bars of the composite score, one per division in rank order,
/// coloured by classification.
pub fn draw_ranking<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    units: &[Evaluation],
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let (width, height, label_width) = layout(root);
    let bar_space = width - label_width - 70;
    let top = 28;
    let row = ((height - top - 8) / units.len().max(1) as i32).clamp(14, 40);
    root.draw(&Text::new(
        "Điểm tổng hợp (0–100)",
        (label_width, 12),
        text_style(16, &MUTED, HPos::Left),
    ))?;
    for tick in [0, 50, 70, 85, 100] {
        let x = label_width + bar_space * tick / 100;
        root.draw(&PathElement::new(
            vec![(x, top - 4), (x, top + row * units.len() as i32)],
            GRID,
        ))?;
    }
    for (index, unit) in units.iter().enumerate() {
        let y = top + index as i32 * row;
        let middle = y + row / 2;
        let score = unit.composite.unwrap_or(0.0);
        let bar = (f64::from(bar_space) * score / 100.0).round() as i32;
        root.draw(&Text::new(
            format!("{}. {}", unit.rank, shorten(&unit.name, 34)),
            (label_width - 8, middle),
            text_style(16, &INK, HPos::Right),
        ))?;
        root.draw(&Rectangle::new(
            [(label_width, y + 3), (label_width + bar, y + row - 3)],
            classification_color(unit.classification).filled(),
        ))?;
        root.draw(&Text::new(
            unit.composite
                .map_or_else(|| "—".to_string(), |c| format::decimal(c, 1)),
            (label_width + bar + 6, middle),
            text_style(15, &INK, HPos::Left),
        ))?;
    }
    root.present()
}

/// A table of coloured cells: divisions × criteria, each with its attainment.
pub fn draw_attainment_grid<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    criteria: &[Criterion],
    units: &[Evaluation],
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let (width, height, label_width) = layout(root);
    let column = (width - label_width) / criteria.len().max(1) as i32;
    let top = 26;
    let row = ((height - top - 4) / units.len().max(1) as i32).clamp(14, 34);
    for (c, criterion) in criteria.iter().enumerate() {
        root.draw(&Text::new(
            criterion.code.clone(),
            (label_width + c as i32 * column + column / 2, 12),
            text_style(16, &MUTED, HPos::Center),
        ))?;
    }
    for (r, unit) in units.iter().enumerate() {
        let y = top + r as i32 * row;
        draw_row_label(root, &unit.name, label_width, y + row / 2)?;
        for (c, result) in unit.criteria.iter().enumerate() {
            let x = label_width + c as i32 * column;
            let fill = result
                .attainment
                .map_or(RGBColor(238, 241, 245), attainment_color);
            root.draw(&Rectangle::new(
                [(x + 1, y + 1), (x + column - 1, y + row - 1)],
                fill.filled(),
            ))?;
            root.draw(&Text::new(
                result.attainment.map_or_else(
                    || "—".to_string(),
                    |a| format!("{}%", format::decimal(a, 0)),
                ),
                (x + column / 2, y + row / 2),
                text_style(15, &INK, HPos::Center),
            ))?;
        }
    }
    root.present()
}

/// The three online rates of the trend chart: label, colour, and which rate.
type TrendSeries = (&'static str, RGBColor, fn(&DailyRates) -> Option<f64>);

const TREND_SERIES: [TrendSeries; 3] = [
    ("TC1 Xử lý trên mạng", RGBColor(31, 78, 121), |d| {
        d.processing
    }),
    ("TC2 Ký số, phát hành", RGBColor(30, 123, 70), |d| {
        d.signing
    }),
    ("TC3 Liên thông", RGBColor(161, 92, 0), |d| {
        d.interconnection
    }),
];

/// Day and month, `15/07`.
fn day_month(date: NaiveDate) -> String {
    format!("{:02}/{:02}", date.day(), date.month())
}

fn draw_line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: Vec<(i32, i32)>,
    color: RGBColor,
) -> DrawResult<DB> {
    if points.len() < 2 {
        return Ok(());
    }
    root.draw(&PathElement::new(points, color.stroke_width(2)))
}

/// Lines of the daily online rates (0–100 %) of all divisions together, one
/// point per working day; a day with nothing of a kind breaks that line.
pub fn draw_daily_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    daily: &[DailyRates],
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let (left, right, top, bottom) = (56, width - 16, 40, height - 34);
    let x_of = |index: usize| {
        let steps = daily.len().saturating_sub(1).max(1) as i32;
        left + (right - left) * index as i32 / steps
    };
    let y_of = |rate: f64| bottom - ((f64::from(bottom - top) * rate / 100.0).round() as i32);
    for tick in [0, 25, 50, 75, 100] {
        let y = y_of(f64::from(tick));
        root.draw(&PathElement::new(vec![(left, y), (right, y)], GRID))?;
        root.draw(&Text::new(
            format!("{tick}%"),
            (left - 6, y),
            text_style(15, &MUTED, HPos::Right),
        ))?;
    }
    // A date label on every Monday, or the first day, so labels never crowd.
    for (index, day) in daily.iter().enumerate() {
        if index == 0 || day.date.weekday() == chrono::Weekday::Mon {
            root.draw(&Text::new(
                day_month(day.date),
                (x_of(index), bottom + 16),
                text_style(15, &MUTED, HPos::Center),
            ))?;
        }
    }
    draw_legend(
        root,
        left,
        8,
        TREND_SERIES
            .iter()
            .map(|(label, color, _)| (*label, *color)),
    )?;
    for (_, color, rate) in TREND_SERIES {
        // Consecutive days with a rate form one line; a gap starts another.
        let mut line: Vec<(i32, i32)> = Vec::new();
        for (index, day) in daily.iter().enumerate() {
            match rate(day) {
                Some(value) => {
                    let point = (x_of(index), y_of(value));
                    root.draw(&Circle::new(point, 3, color.filled()))?;
                    line.push(point);
                }
                None => draw_line(root, std::mem::take(&mut line), color)?,
            }
        }
        draw_line(root, line, color)?;
    }
    root.present()
}

/// Colour of a day in the paper calendar.
fn paper_day_color(day: PaperDay) -> RGBColor {
    match day {
        PaperDay::PaperFree => RGBColor(30, 123, 70),
        PaperDay::Printed => RGBColor(232, 160, 150),
        PaperDay::NotReported => RGBColor(238, 241, 245),
    }
}

/// A calendar per division: one square per working day, green when not a
/// page was printed, rose when pages were printed, grey without a report.
/// A gap separates the weeks.
pub fn draw_paper_calendar<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    working_days: &[NaiveDate],
    units: &[Evaluation],
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let (width, height, label_width) = layout(root);
    let top = 44;
    let row = ((height - top - 4) / units.len().max(1) as i32).clamp(14, 34);
    // Column of each day, with a gap of half a cell before each new week.
    let mut columns = Vec::with_capacity(working_days.len());
    let mut position = 0.0_f64;
    for (index, day) in working_days.iter().enumerate() {
        if index > 0 && day.iso_week() != working_days[index - 1].iso_week() {
            position += 0.5;
        }
        columns.push(position);
        position += 1.0;
    }
    let cell = (f64::from(width - label_width - 8) / position.max(1.0)).min(f64::from(row) * 1.6);
    let x_of = |index: usize| label_width + (columns[index] * cell).round() as i32;
    let legend = [
        ("Không in giấy", PaperDay::PaperFree),
        ("Có in giấy", PaperDay::Printed),
        ("Chưa báo cáo", PaperDay::NotReported),
    ];
    draw_legend(
        root,
        label_width,
        6,
        legend
            .iter()
            .map(|(label, day)| (*label, paper_day_color(*day))),
    )?;
    for (index, day) in working_days.iter().enumerate() {
        if index == 0 || day.weekday() == chrono::Weekday::Mon {
            root.draw(&Text::new(
                day_month(*day),
                (x_of(index), top - 10),
                text_style(14, &MUTED, HPos::Left),
            ))?;
        }
    }
    for (r, unit) in units.iter().enumerate() {
        let y = top + r as i32 * row;
        draw_row_label(root, &unit.name, label_width, y + row / 2)?;
        for (index, day) in unit.paper_days.iter().enumerate() {
            let x = x_of(index);
            let size = (cell as i32 - 2).max(2);
            root.draw(&Rectangle::new(
                [(x + 1, y + 1), (x + size, y + row - 1)],
                paper_day_color(*day).filled(),
            ))?;
        }
    }
    root.present()
}

/// Renders a drawing function to an SVG document of `width` × `height`.
pub fn to_svg(
    width: u32,
    height: u32,
    draw: impl for<'a> FnOnce(&DrawingArea<SVGBackend<'a>, Shift>) -> DrawResult<SVGBackend<'a>>,
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        // Drawing into a String cannot fail for I/O reasons; a layout error
        // leaves a partial chart rather than none.
        let _ = draw(&root);
    }
    svg
}

/// Height that gives every one of `rows` rows room to read.
pub fn chart_height(rows: usize) -> u32 {
    40 + 30 * rows.max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::evaluation::score::evaluate;
    use crate::core::sample::{generate, SampleScale};

    fn sample() -> (crate::core::campaign::model::Workspace, Vec<Evaluation>) {
        let mut ws = generate(SampleScale::Department, 3);
        ws.campaign.units[0].name = "<script>alert(1)</script><img src=x onerror=alert(2)>".into();
        let units = evaluate(&ws).units;
        (ws, units)
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn the_ranking_has_one_bar_and_one_label_per_division_in_rank_order() {
        let (_, units) = sample();
        let svg = to_svg(800, chart_height(units.len()), |root| {
            draw_ranking(root, &units)
        });
        // One background rectangle plus one bar per division.
        assert_eq!(count(&svg, "<rect"), 1 + units.len(), "{svg}");
        let positions: Vec<usize> = units
            .iter()
            .map(|u| svg.find(&format!("{}. ", u.rank)).expect("rank label"))
            .collect();
        assert!(
            positions.windows(2).all(|p| p[0] < p[1]),
            "labels in rank order"
        );
        for unit in &units {
            let score = format::decimal(unit.composite.unwrap(), 1);
            assert!(
                svg.contains(&format!("\n{score}\n</text>")),
                "score {score} shown"
            );
        }
    }

    // Names are data: markup in a division's name must never reach the page as markup.
    #[test]
    fn names_are_escaped() {
        let (ws, units) = sample();
        for svg in [
            to_svg(800, 300, |root| draw_ranking(root, &units)),
            to_svg(800, 300, |root| {
                draw_attainment_grid(root, &ws.campaign.criteria, &units)
            }),
            to_svg(800, 300, |root| {
                draw_paper_calendar(root, &evaluate(&ws).working_days, &units)
            }),
        ] {
            assert!(!svg.contains("<script"), "{svg}");
            assert!(!svg.contains("<img"), "{svg}");
            assert!(svg.contains("&lt;script&gt;"), "{svg}");
        }
    }

    #[test]
    fn the_attainment_grid_has_a_cell_per_division_and_criterion() {
        let (ws, units) = sample();
        let svg = to_svg(800, chart_height(units.len()), |root| {
            draw_attainment_grid(root, &ws.campaign.criteria, &units)
        });
        assert_eq!(
            count(&svg, "<rect"),
            1 + units.len() * ws.campaign.criteria.len()
        );
        for criterion in &ws.campaign.criteria {
            assert!(svg.contains(&format!("\n{}\n</text>", criterion.code)));
        }
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
    }

    #[test]
    fn long_names_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Phòng Pháp chế", 34), "Phòng Pháp chế");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
    #[test]
    fn the_daily_trend_has_a_point_per_day_and_rate_and_breaks_on_missing_days() {
        let ws = generate(SampleScale::Department, 3);
        let mut daily = evaluate(&ws).daily;
        let points: usize = daily
            .iter()
            .map(|d| {
                [d.processing, d.signing, d.interconnection]
                    .iter()
                    .flatten()
                    .count()
            })
            .sum();
        let svg = to_svg(1000, 320, |root| draw_daily_trend(root, &daily));
        assert_eq!(count(&svg, "<circle"), points, "{svg}");
        for (label, _, _) in TREND_SERIES {
            assert!(svg.contains(label), "legend {label}");
        }
        assert!(svg.contains("\n15/07\n</text>"), "first day labelled");
        // A day without any interconnection breaks that line in two.
        let lines = count(&svg, "<polyline");
        daily[5].interconnection = None;
        let broken = to_svg(1000, 320, |root| draw_daily_trend(root, &daily));
        assert_eq!(count(&broken, "<circle"), points - 1);
        assert_eq!(count(&broken, "<polyline"), lines + 1, "{broken}");
    }

    #[test]
    fn the_paper_calendar_has_a_square_per_division_and_working_day() {
        let (ws, units) = sample();
        let evaluation = evaluate(&ws);
        let days = &evaluation.working_days;
        let svg = to_svg(1000, chart_height(units.len()) + 20, |root| {
            draw_paper_calendar(root, days, &units)
        });
        // Background, three legend squares, then one square per division and day.
        assert_eq!(count(&svg, "<rect"), 1 + 3 + units.len() * days.len());
        let green = format!("fill=\"#{:02X}{:02X}{:02X}\"", 30, 123, 70);
        let free: u32 = units.iter().map(|u| u.paper_free_days).sum();
        assert_eq!(count(&svg, &green) as u32, free + 1, "plus the legend");
        assert!(!svg.contains("<script"));
    }
}
