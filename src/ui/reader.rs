//! The reader screen: a header with the article's facts and stance summary,
//! the body with its badge gutter, and the explanation panel for the
//! selected statement (speaker, party, every tag with cue, target, rule and
//! lexicon `file:line`), which the comparison shows below its panes too.

use super::article::{BodyView, Matched, draw_body, summary};
use super::text::{clip, header_text, wrapped_lines};
use super::theme;
use crate::app::State;
use crate::app::coverage::outlet_of;
use mizan_text::TextRange;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, state: &State) {
    let areas = state.reader_areas();
    let index = state.reader().article;
    let Some(article) = state.articles().get(index) else {
        return;
    };
    if let Some(header) = areas.header {
        let count = match &state.library().tagged()[index] {
            Some(s) => format!("statements: {}", s.len()),
            None => "tagging…".into(),
        };
        // The outlet (often Arabic) comes last: numbers right after Arabic
        // text would join its right-to-left run and show reversed.
        let facts = format!(
            "{} · {} · {count} · width {} · {} ",
            article.meta.date.as_deref().unwrap_or("undated"),
            article.lang.code(),
            areas.text.width,
            outlet_of(article),
        );
        let mut spans = header_text(&facts, header.width, state);
        spans.extend(summary(state, index, Matched::Hidden));
        frame.render_widget(Line::from(spans), Rect::from(header));
    }
    let view = BodyView {
        article: index,
        top: state.reader().top,
        text: areas.text.into(),
        gutter: areas.gutter.map(Rect::from),
        selected: state.reader().selected,
        marks: search_marks(state),
    };
    draw_body(frame.buffer_mut(), state, &view);
    if let Some(panel) = areas.explanation {
        draw_explanation(frame, state, panel.into());
    }
}

/// The characters the article's search matched, the current match stronger.
fn search_marks(state: &State) -> Vec<(TextRange, Style)> {
    let Some(search) = state.article_search() else {
        return Vec::new();
    };
    let mut marks = Vec::new();
    for (index, chars) in search.matches().iter().enumerate() {
        let style = if Some(index) == search.current() {
            theme::current_match_style()
        } else {
            theme::match_style()
        };
        marks.extend(chars.iter().map(|&c| (c, style)));
    }
    marks
}

/// The explanation panel of the explained statement, in `area`: a title
/// line, then the explanation (shared by the reader and the comparison).
pub(super) fn draw_explanation(frame: &mut Frame, state: &State, area: Rect) {
    let Some(explained) = state.explained() else {
        return;
    };
    let count = state.statements_of(explained.article).len();
    let title = format!(
        " statement {}/{count} · Tab picks a tag · E edits its lexicon entry · Esc closes ",
        explained.statement + 1,
    );
    let block = Block::default()
        .borders(Borders::TOP)
        .title(clip(&title, usize::from(area.width)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = state
        .explanation_text(explained)
        .iter()
        .flat_map(|text| wrapped_lines(text, inner.width, state.layout(), Default::default()))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
