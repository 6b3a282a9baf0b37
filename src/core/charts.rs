//! Charts of the evaluation, drawn with plotters onto any backend: SVG for
//! the browser (vector, so crisp on high-DPI screens and in print) and for the
//! tests. Text goes through the backend, which escapes it, so a division
//! named `<script>` is drawn as those characters.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::evaluation::{Classification, Evaluation};
use super::format;
use super::model::Criterion;

const FONT: &str = "sans-serif";
// Sizes below are plotters' font sizes; its SVG text comes out at about 0.8 of them.
const INK: RGBColor = RGBColor(28, 36, 48);
const MUTED: RGBColor = RGBColor(91, 102, 117);
const GRID: RGBColor = RGBColor(216, 222, 230);

/// Result of drawing on backend `DB`.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn classification_color(classification: Classification) -> RGBColor {
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
        root.draw(&Text::new(
            shorten(&unit.name, 34),
            (label_width - 8, y + row / 2),
            text_style(16, &INK, HPos::Right),
        ))?;
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
    use crate::core::evaluation::evaluate;
    use crate::core::sample::{generate, SampleScale};

    fn sample() -> (crate::core::model::Workspace, Vec<Evaluation>) {
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
}
