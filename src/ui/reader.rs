//! The reader screen: a header with the article's facts and stance summary,
//! the body with its badge gutter, and the explanation panel for the
//! selected statement (speaker, party, every tag with cue, target, rule and
//! lexicon `file:line`).

use super::article::{BodyView, Matched, draw_body, summary};
use super::text::{clip, header_text, wrapped_lines};
use super::theme;
use crate::app::State;
use mizan_engine::tagger::{Relation, Statement};
use ratatui::Frame;
use ratatui::layout::Rect;
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
            article.meta.outlet.as_deref().unwrap_or("?"),
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
        tag_badges: true,
        selected: state.reader().selected,
    };
    draw_body(frame.buffer_mut(), state, &view);
    if let Some(panel) = areas.explanation {
        draw_explanation(frame, state, panel.into());
    }
}

fn draw_explanation(frame: &mut Frame, state: &State, area: Rect) {
    let statements = state.statements_of(state.reader().article);
    let Some((number, statement)) = state
        .reader()
        .selected
        .and_then(|i| statements.get(i).map(|s| (i, s)))
    else {
        return;
    };
    let title = format!(
        " statement {}/{} · Tab picks a tag · E edits its lexicon entry · Esc closes ",
        number + 1,
        statements.len()
    );
    let block = Block::default()
        .borders(Borders::TOP)
        .title(clip(&title, usize::from(area.width)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = explanation_text(state, statement)
        .iter()
        .flat_map(|text| wrapped_lines(text, inner.width, state.layout(), Default::default()))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The explanation as paragraphs of text (each laid out by the pipeline,
/// since speakers, cues and targets are often Arabic).
fn explanation_text(state: &State, statement: &Statement) -> Vec<String> {
    let Some(article) = state.articles().get(state.reader().article) else {
        return Vec::new();
    };
    let slice =
        |r: mizan_text::TextRange| article.source.get(r.as_range()).unwrap_or("").to_string();
    let speaker = statement
        .speaker
        .map(slice)
        .unwrap_or_else(|| "(unknown)".into());
    let party = statement
        .speaker_party
        .as_deref()
        .map_or("(none)".to_string(), |p| party_name(state, p));
    let mut text = vec![format!("speaker: {speaker}"), format!("party: {party}")];
    if statement.evidence.is_empty() {
        text.push("no tags: the statement names no party the lexicon blames or supports".into());
    }
    for (index, evidence) in statement.evidence.iter().enumerate() {
        let chosen = if index == state.reader().evidence {
            "▶"
        } else {
            " "
        };
        let verb = match evidence.relation {
            Relation::Blames => "blames",
            Relation::Supports => "supports",
        };
        text.push(format!(
            "{chosen}{} {verb} {} · cue «{}» · target «{}» · rule {} · {}:{}",
            theme::relation_glyph(evidence.relation),
            party_name(state, &evidence.party),
            slice(evidence.cue),
            slice(evidence.target),
            evidence.rule,
            evidence.origin.file,
            evidence.origin.line,
        ));
    }
    text
}

fn party_name(state: &State, id: &str) -> String {
    let short = state.directory().short(id);
    match state.directory().party(id) {
        Some(p) if !p.name_ar.is_empty() => format!("{short} {} ({})", p.name_en, p.name_ar),
        Some(p) if !p.name_en.is_empty() => format!("{short} {}", p.name_en),
        _ => format!("{short} {id}"),
    }
}
