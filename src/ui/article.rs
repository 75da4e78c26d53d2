//! An article's body as the reader and the comparison panes draw it: the
//! cached laid-out rows from `top`, statements highlighted (the selected one
//! stronger, its cues underlined), and the badge gutter: how many outlets of
//! the story carry each statement (`1×` standing out), its speaker's party
//! and its tags, wrapped over the statement's rows when the gutter is
//! narrow (a comparison pane's), the outlet count alone in the narrowest;
//! plus the stance summary and badges shared with the lists.

use super::text::{align_width, cell_width, clip, styled_line};
use super::theme;
use crate::app::State;
use crate::app::explain::relation_glyph;
use mizan_engine::tagger::{Relation, Statement};
use mizan_text::TextRange;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::collections::BTreeMap;

/// What part of an article to draw where.
pub struct BodyView {
    pub article: usize,
    pub top: usize,
    pub text: Rect,
    pub gutter: Option<Rect>,
    pub selected: Option<usize>,
    /// Characters drawn over everything else (a search's matches).
    pub marks: Vec<(TextRange, Style)>,
}

/// Below this gutter width only the outlet count fits.
const BADGES_MIN_WIDTH: u16 = 7;

/// Draws the visible rows of the article's body (and its gutter).
pub fn draw_body(buf: &mut Buffer, state: &State, view: &BodyView) {
    let Some(lines) = state.lines(view.article, view.text.width) else {
        return;
    };
    let statements = state.statements_of(view.article);
    let starts = state.statement_starts(view.article, &lines);
    let align = align_width(state.layout(), view.text.width);
    let shown = view.top..view.top + usize::from(view.text.height);
    let gutter_lines = view.gutter.map_or_else(BTreeMap::new, |gutter| {
        gutter_lines(
            state,
            view.article,
            &starts,
            lines.len(),
            &shown,
            gutter.width,
        )
    });
    let visible = lines
        .rows
        .iter()
        .enumerate()
        .skip(view.top)
        .take(usize::from(view.text.height));
    for (y, (row_index, row)) in (view.text.y..).zip(visible) {
        if let (Some(line), Some(base)) = (&row.line, row.offset) {
            let span = TextRange::new(base + line.source.start(), base + line.source.end());
            let mut styles = row_styles(statements, span, view.selected);
            styles.extend(
                view.marks
                    .iter()
                    .filter(|(range, _)| range.intersects(span)),
            );
            let laid = styled_line(line, align, |piece| {
                let absolute = piece.shifted(base);
                styles
                    .iter()
                    .filter(|(range, _)| range.intersects(absolute))
                    .fold(Style::default(), |acc, (_, style)| acc.patch(*style))
            });
            buf.set_line(view.text.x, y, &laid, view.text.width);
        } else if let Some(line) = &row.line {
            buf.set_line(
                view.text.x,
                y,
                &styled_line(line, align, |_| Style::default()),
                view.text.width,
            );
        }
        if let (Some(gutter), Some(line)) = (view.gutter, gutter_lines.get(&row_index)) {
            buf.set_line(gutter.x, y, line, gutter.width);
        }
    }
}

/// The gutter's lines by row, for the rows in `shown`: the badges of the
/// statements starting on a row, wrapped into `width` over the rows down
/// to the next statement's first, a `…` closing them when they do not fit.
fn gutter_lines(
    state: &State,
    article: usize,
    starts: &[Option<usize>],
    rows: usize,
    shown: &std::ops::Range<usize>,
    width: u16,
) -> BTreeMap<usize, Line<'static>> {
    let statements = state.statements_of(article);
    let mut by_row: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (statement, start) in starts.iter().enumerate() {
        if let Some(start) = start.filter(|_| statement < statements.len()) {
            by_row.entry(start).or_default().push(statement);
        }
    }
    let firsts: Vec<usize> = by_row.keys().copied().collect();
    let mut lines = BTreeMap::new();
    for (index, (&first, starting)) in by_row.iter().enumerate() {
        let end = firsts.get(index + 1).copied().unwrap_or(rows);
        if end <= shown.start || first >= shown.end {
            continue;
        }
        let tokens: Vec<Span<'static>> = if width >= BADGES_MIN_WIDTH {
            starting
                .iter()
                .flat_map(|&s| {
                    let outlets = outlet_badge(state, article, s);
                    outlets
                        .into_iter()
                        .chain(badge_tokens(state, &statements[s], Matched::Hidden))
                })
                .collect()
        } else {
            starting
                .first()
                .and_then(|&s| outlet_badge(state, article, s))
                .into_iter()
                .collect()
        };
        for (offset, line) in wrap_badges(tokens, width, end - first)
            .into_iter()
            .enumerate()
        {
            lines.insert(first + offset, Line::from(line));
        }
    }
    lines
}

/// `tokens` (badges) in lines of at most `width` cells, one space between
/// them, at most `max_lines` lines; `…` ends the last line when some did
/// not fit.
fn wrap_badges(
    tokens: Vec<Span<'static>>,
    width: u16,
    max_lines: usize,
) -> Vec<Vec<Span<'static>>> {
    let width = usize::from(width);
    let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
    let mut used = 0;
    for token in tokens {
        let cells = cell_width(&token.content).min(width);
        let fits = !lines.is_empty() && used + 1 + cells <= width;
        if !fits {
            if lines.len() == max_lines {
                close_cut_line(lines.last_mut(), used, width);
                break;
            }
            lines.push(Vec::new());
            used = 0;
        }
        let line = lines.last_mut().expect("a line was pushed");
        if used > 0 {
            line.push(Span::raw(" "));
            used += 1;
        }
        line.push(Span::styled(clip(&token.content, cells), token.style));
        used += cells;
    }
    lines
}

/// Marks a line of badges that more badges would have followed.
fn close_cut_line(line: Option<&mut Vec<Span<'static>>>, used: usize, width: usize) {
    let Some(line) = line else {
        return;
    };
    if used < width {
        line.push(Span::raw("…"));
    } else if let Some(last) = line.last_mut() {
        *last = Span::styled("…", last.style);
    }
}

/// The highlight ranges that touch one row: every statement, then the
/// selected statement over them, then its cues.
fn row_styles(
    statements: &[Statement],
    row: TextRange,
    selected: Option<usize>,
) -> Vec<(TextRange, Style)> {
    let mut styles: Vec<(TextRange, Style)> = statements
        .iter()
        .filter(|s| s.range.intersects(row))
        .map(|s| (s.range, theme::statement_style()))
        .collect();
    if let Some(chosen) = selected.and_then(|i| statements.get(i)) {
        if chosen.range.intersects(row) {
            styles.push((chosen.range, theme::selected_statement_style()));
        }
        styles.extend(
            chosen
                .evidence
                .iter()
                .filter(|e| e.cue.intersects(row))
                .map(|e| (e.cue, theme::cue_style())),
        );
    }
    styles
}

/// How many outlets of its story carry statement `statement` of `article`
/// (`1×` on a bright ground: no other outlet reports it), once the stories
/// are built.
pub fn outlet_badge(state: &State, article: usize, statement: usize) -> Option<Span<'static>> {
    let count = state.outlets_carrying(article, statement)?;
    let style = if count == 1 {
        theme::single_outlet_style()
    } else {
        theme::dim_style()
    };
    Some(Span::styled(format!("{count}×"), style))
}

/// Whether the badges drawn show which parties the filter matched by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matched {
    Shown,
    Hidden,
}

/// The style of party `id`'s badge: its colour, and the match highlight
/// when the filter's terms matched one of its names.
fn party_style(state: &State, id: &str, matched: Matched) -> Style {
    let style = Style::default().fg(theme::party_color(state.directory(), id));
    let filter = state.filter();
    if matched == Matched::Shown && filter.terms().name_party(id, state.directory()) {
        style.patch(theme::matched_badge_style())
    } else {
        style
    }
}

/// A statement's badges, each followed by a space: its speaker's party,
/// then each tag.
pub fn badges(state: &State, statement: &Statement, matched: Matched) -> Vec<Span<'static>> {
    badge_tokens(state, statement, matched)
        .into_iter()
        .flat_map(|badge| [badge, Span::raw(" ")])
        .collect()
}

/// A statement's badges, one span each: its speaker's party, then each tag.
fn badge_tokens(state: &State, statement: &Statement, matched: Matched) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if let Some(party) = &statement.speaker_party {
        let style = party_style(state, party, matched).add_modifier(Modifier::BOLD);
        spans.push(Span::styled(state.directory().short(party), style));
    }
    let tags = statement
        .blames()
        .map(|p| (Relation::Blames, p))
        .chain(statement.supports().map(|p| (Relation::Supports, p)));
    for (relation, party) in tags {
        let style = party_style(state, party, matched);
        let text = format!(
            "{}{}",
            relation_glyph(relation),
            state.directory().short(party)
        );
        spans.push(Span::styled(text, style));
    }
    spans
}

/// The article's stance summary, such as `◀ARM 3 ◀AZE 1 ♥RUS 1`.
pub fn summary(state: &State, article: usize, matched: Matched) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (relation, party, count) in state.stance_summary(article) {
        if !spans.is_empty() {
            spans.push(Span::raw(" "));
        }
        let style = party_style(state, &party, matched);
        let text = format!(
            "{}{} {count}",
            relation_glyph(relation),
            state.directory().short(&party)
        );
        spans.push(Span::styled(text, style));
    }
    spans
}
