//! An article's body as the reader and the comparison panes draw it: the
//! cached laid-out rows from `top`, statements highlighted (the selected one
//! stronger, its cues underlined), and the badge gutter (how many outlets of
//! the story carry each statement, `1×` standing out, then in the reader
//! the party and tag badges); plus the stance summary and badges shared
//! with the lists.

use super::text::{align_width, styled_line};
use super::theme;
use crate::app::State;
use mizan_engine::tagger::{Relation, Statement};
use mizan_text::TextRange;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// What part of an article to draw where.
pub struct BodyView {
    pub article: usize,
    pub top: usize,
    pub text: Rect,
    pub gutter: Option<Rect>,
    /// Whether the gutter shows party and tag badges after the outlet count
    /// (the reader's does; a comparison pane's is too narrow).
    pub tag_badges: bool,
    pub selected: Option<usize>,
}

/// Draws the visible rows of the article's body (and its gutter).
pub fn draw_body(buf: &mut Buffer, state: &State, view: &BodyView) {
    let Some(lines) = state.lines(view.article, view.text.width) else {
        return;
    };
    let statements = state.statements_of(view.article);
    let starts = state.statement_starts(view.article, &lines);
    let align = align_width(state.layout(), view.text.width);
    let visible = lines
        .rows
        .iter()
        .enumerate()
        .skip(view.top)
        .take(usize::from(view.text.height));
    for (y, (row_index, row)) in (view.text.y..).zip(visible) {
        if let (Some(line), Some(base)) = (&row.line, row.offset) {
            let span = TextRange::new(base + line.source.start(), base + line.source.end());
            let styles = row_styles(statements, span, view.selected);
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
        if let Some(gutter) = view.gutter {
            let starting: Vec<(usize, &Statement)> = starts
                .iter()
                .enumerate()
                .filter(|(_, start)| **start == Some(row_index))
                .filter_map(|(i, _)| statements.get(i).map(|s| (i, s)))
                .collect();
            let spans: Vec<Span> = if view.tag_badges {
                starting
                    .iter()
                    .flat_map(|&(i, s)| {
                        outlet_badge(state, view.article, i)
                            .into_iter()
                            .flat_map(|badge| [badge, Span::raw(" ")])
                            .chain(badges(state, s, Matched::Hidden))
                    })
                    .collect()
            } else {
                starting
                    .first()
                    .and_then(|&(i, _)| outlet_badge(state, view.article, i))
                    .into_iter()
                    .collect()
            };
            buf.set_line(gutter.x, y, &Line::from(spans), gutter.width);
        }
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

/// A statement's badges: its speaker's party, then each tag.
pub fn badges(state: &State, statement: &Statement, matched: Matched) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if let Some(party) = &statement.speaker_party {
        let style = party_style(state, party, matched).add_modifier(Modifier::BOLD);
        spans.push(Span::styled(state.directory().short(party), style));
        spans.push(Span::raw(" "));
    }
    let tags = statement
        .blames()
        .map(|p| (Relation::Blames, p))
        .chain(statement.supports().map(|p| (Relation::Supports, p)));
    for (relation, party) in tags {
        let style = party_style(state, party, matched);
        let text = format!(
            "{}{}",
            theme::relation_glyph(relation),
            state.directory().short(party)
        );
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
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
            theme::relation_glyph(relation),
            state.directory().short(&party)
        );
        spans.push(Span::styled(text, style));
    }
    spans
}
