//! The coverage view: the counts of a story (or the marked articles) per
//! outlet and per article as lines of selectable numbers, and below them bar
//! charts of who each outlet quotes and who its statements blame. The lines
//! come ready-made from `app::coverage`; this widget only lays them out,
//! highlights the number under the cursor and scrolls it into view.

use super::text::{cell_width, header_text, single_line};
use super::theme;
use crate::app::State;
use crate::app::coverage::{Cell, CoverageLine};
use crate::app::words::counted;
use mizan_engine::corpus::coverage::Counts;
use mizan_text::layout::Direction;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block};
use std::collections::BTreeMap;

const BAR_WIDTH: u16 = 4;

/// The cells a group of `bars` bars spans: its label is cut to fit, so
/// neighbouring outlets' labels never run into each other.
fn group_width(bars: usize) -> u16 {
    let bars = u16::try_from(bars).unwrap_or(u16::MAX).max(1);
    bars * BAR_WIDTH + bars - 1
}

/// Below this many rows the charts would crowd out the numbers.
const MIN_HEIGHT_FOR_CHARTS: u16 = 16;

pub fn draw(frame: &mut Frame, state: &State) {
    let main = Rect::from(state.main_area());
    let view = state.coverage();
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(main);
    frame.render_widget(
        Line::from(header_text(&view.title, title.width, state)),
        title,
    );
    let (table, charts) = if body.height >= MIN_HEIGHT_FOR_CHARTS {
        let chart_height = (body.height * 2 / 5).min(12);
        let [table, charts] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(chart_height)]).areas(body);
        (table, Some(charts))
    } else {
        (body, None)
    };
    draw_lines(frame, state, table);
    if let Some(charts) = charts {
        draw_charts(frame, state, charts);
    }
}

/// The lines, scrolled so the cursor's line shows.
fn draw_lines(frame: &mut Frame, state: &State, area: Rect) {
    let view = state.coverage();
    let height = usize::from(area.height).max(1);
    let top = (view.cursor_line() + 1).saturating_sub(height);
    for (y, line) in (area.y..area.y + area.height).zip(view.lines.iter().skip(top)) {
        let spans = line_spans(state, line);
        frame
            .buffer_mut()
            .set_line(area.x, y, &Line::from(spans), area.width);
    }
}

fn line_spans(state: &State, line: &CoverageLine) -> Vec<Span<'static>> {
    let text_style = if line.heading {
        theme::header_style()
    } else {
        Style::default()
    };
    let mut spans = Vec::new();
    for cell in &line.cells {
        match cell {
            Cell::Text(text) => {
                // Outlet names and titles are often Arabic: lay them out.
                let width = u16::try_from(cell_width(text)).unwrap_or(u16::MAX);
                let plain: &[mizan_text::TextRange] = &[];
                let laid = single_line(
                    text,
                    Some(Direction::Ltr),
                    width,
                    state,
                    text_style,
                    (plain, text_style),
                );
                spans.extend(laid.spans);
            }
            Cell::Number(target) => {
                let count = state.coverage().targets[*target].count.to_string();
                let style = if *target == state.coverage().cursor {
                    theme::cursor_row_style()
                } else {
                    theme::match_style()
                };
                spans.push(Span::styled(count, style));
            }
        }
    }
    spans
}

/// Two grouped bar charts, one group per outlet: statements per speaker
/// party, and statements blaming each party. A chart shows the outlets
/// whose groups fit its width and says how many it leaves out.
fn draw_charts(frame: &mut Frame, state: &State, area: Rect) {
    let [quoted, blamed] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(area);
    let outlets = &state.coverage().coverage.outlets;
    let chart = |title: &str, tally: fn(&Counts) -> &BTreeMap<String, usize>, width: u16| {
        let sizes = outlets.iter().map(|outlet| tally(&outlet.counts).len());
        let fitting = groups_that_fit(sizes, width.saturating_sub(2));
        let left_out = outlets.len() - fitting;
        let title = match left_out {
            0 => title.to_string(),
            _ => format!("{title}: {} left out", counted(left_out, "outlet")),
        };
        let mut chart = BarChart::default()
            .block(Block::bordered().title(title))
            .bar_width(BAR_WIDTH)
            .bar_gap(1)
            .group_gap(GROUP_GAP);
        for outlet in outlets.iter().take(fitting) {
            let bars: Vec<Bar> = tally(&outlet.counts)
                .iter()
                .map(|(party, &count)| {
                    let short = state
                        .directory()
                        .party(party)
                        .map_or(party.as_str(), |p| p.short.as_str());
                    Bar::default()
                        .value(count as u64)
                        .label(Line::from(short.to_string()))
                        .style(Style::default().fg(theme::party_color(state.directory(), party)))
                })
                .collect();
            // Outlet names are often Arabic: lay them out like any text.
            let label = header_text(&outlet.outlet, group_width(bars.len()), state);
            chart = chart.data(BarGroup::default().label(Line::from(label)).bars(&bars));
        }
        chart
    };
    frame.render_widget(chart("quoted", |c| &c.quoted, quoted.width), quoted);
    frame.render_widget(chart("blamed", |c| &c.blames, blamed.width), blamed);
}

/// Cells between two outlets' groups of bars.
const GROUP_GAP: u16 = 3;

/// How many of the groups (of `sizes` bars each), from the first, fit in
/// `width` cells.
fn groups_that_fit(sizes: impl Iterator<Item = usize>, width: u16) -> usize {
    let mut used = 0u16;
    let mut fitting = 0;
    for bars in sizes {
        let gap = if fitting > 0 { GROUP_GAP } else { 0 };
        let needed = gap.saturating_add(group_width(bars));
        if used.saturating_add(needed) > width {
            break;
        }
        used += needed;
        fitting += 1;
    }
    fitting
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_fit_with_their_gaps() {
        // Two bars take 9 cells, one takes 4; 3 between groups.
        assert_eq!(groups_that_fit([2, 1, 2].into_iter(), 16), 2);
        assert_eq!(groups_that_fit([2, 1, 2].into_iter(), 28), 3);
        assert_eq!(groups_that_fit([2].into_iter(), 8), 0);
        assert_eq!(groups_that_fit(std::iter::empty(), 0), 0);
    }
}
