//! The comparison screen: 2 to 4 articles side by side, each with a header
//! (outlet, stance summary; the focused one highlighted) over its body, and
//! a gutter giving each statement's outlet count (`1×`: no other outlet
//! carries it). The statement `n`/`N` reached is highlighted with its
//! aligned counterparts in the other panes. Over the panes, the list of
//! what the other panes quote that the focused one omits, while it is open.

use super::article::{BodyView, Matched, badges, draw_body, summary};
use super::text::{header_text, single_line};
use super::theme;
use crate::app::State;
use crate::app::coverage::outlet_of;
use crate::app::omitted::{ENTRY_HEIGHT, OmittedEntry, OmittedList};
use mizan_text::layout::{Direction, base_direction};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use std::collections::BTreeSet;

pub fn draw(frame: &mut Frame, state: &State) {
    let panes = state.compare_areas();
    for (pane, area) in panes.iter().enumerate() {
        let (Some(&article), Some(&top)) = (
            state.compare().articles.get(pane),
            state.compare().tops.get(pane),
        ) else {
            continue;
        };
        if let Some(header) = area.header {
            let outlet = outlet_of(&state.articles()[article]);
            let sync = if state.compare().synced {
                ""
            } else {
                " (unsynced)"
            };
            let style = if pane == state.compare().focus {
                theme::cursor_row_style()
            } else {
                theme::header_style()
            };
            let mut spans: Vec<Span> =
                header_text(&format!("{outlet}{sync} "), header.width, state)
                    .into_iter()
                    .map(|span| span.style(style))
                    .collect();
            spans.extend(summary(state, article, Matched::Hidden));
            frame.render_widget(Line::from(spans), Rect::from(header));
        }
        let view = BodyView {
            article,
            top,
            text: area.text.into(),
            gutter: area.gutter.map(Rect::from),
            selected: state.compare_highlight(article),
            marks: Vec::new(),
        };
        draw_body(frame.buffer_mut(), state, &view);
        if let Some(separator) = area.separator {
            for y in separator.y..separator.y + separator.height {
                frame
                    .buffer_mut()
                    .set_string(separator.x, y, "│", theme::dim_style());
            }
        }
    }
    if let Some(panel) = state.compare_explanation_area() {
        super::reader::draw_explanation(frame, state, panel.into());
    }
    if let Some(list) = &state.compare().omitted {
        draw_omitted(frame, state, list);
    }
}

/// The omitted statements over the panes: a title naming the focused
/// pane's outlet, then two rows per statement (badges, speaker and the
/// outlets carrying it; then the statement), scrolled to the cursor.
fn draw_omitted(frame: &mut Frame, state: &State, list: &OmittedList) {
    let area = Rect::from(state.main_area());
    if area.width < 4 || area.height < 3 {
        return;
    }
    let outlet = state
        .compare()
        .articles
        .get(list.pane)
        .and_then(|&a| state.articles().get(a))
        .map_or("", outlet_of);
    let title = format!(
        " what the others quote that {outlet} omits: {} · enter jumps · esc closes ",
        list.entries.len()
    );
    let block = Block::bordered().title(Line::from(header_text(
        &title,
        area.width.saturating_sub(2),
        state,
    )));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let shown = (usize::from(inner.height) / ENTRY_HEIGHT).max(1);
    let first = (list.cursor + 1).saturating_sub(shown);
    let visible = list.entries.iter().enumerate().skip(first).take(shown);
    for (slot, (index, entry)) in visible.enumerate() {
        let y = inner.y + (slot * ENTRY_HEIGHT) as u16;
        let rows = Rect {
            y,
            height: (ENTRY_HEIGHT as u16).min(inner.y + inner.height - y),
            ..inner
        };
        draw_entry(frame, state, entry, rows);
        if index == list.cursor {
            frame
                .buffer_mut()
                .set_style(rows, theme::cursor_row_style());
        }
    }
}

fn draw_entry(frame: &mut Frame, state: &State, entry: &OmittedEntry, rows: Rect) {
    let Some(&shown) = entry.members.first() else {
        return;
    };
    let (Some(article), Some(statement)) = (
        state.articles().get(shown.article),
        state.statements_of(shown.article).get(shown.statement),
    ) else {
        return;
    };
    let outlets: BTreeSet<&str> = entry
        .members
        .iter()
        .filter_map(|m| state.articles().get(m.article))
        .map(outlet_of)
        .collect();
    let speaker = statement
        .speaker
        .and_then(|r| article.source.get(r.as_range()))
        .unwrap_or("(unknown speaker)");
    let who = format!(
        "{speaker} · {}",
        outlets.into_iter().collect::<Vec<_>>().join(", ")
    );
    let mut spans = badges(state, statement, Matched::Hidden);
    let used: u16 = spans.iter().map(|s| s.width() as u16).sum();
    let none: &[mizan_text::TextRange] = &[];
    let plain = (none, Style::default());
    spans.extend(
        single_line(
            &who,
            Some(Direction::Ltr),
            rows.width.saturating_sub(used),
            state,
            Style::default(),
            plain,
        )
        .spans,
    );
    let buf = frame.buffer_mut();
    buf.set_line(rows.x, rows.y, &Line::from(spans), rows.width);
    if rows.height < 2 {
        return;
    }
    let text = article.source.get(statement.range.as_range()).unwrap_or("");
    let indent = 2;
    let laid = single_line(
        text,
        base_direction(article.lang),
        rows.width.saturating_sub(indent),
        state,
        Style::default(),
        plain,
    );
    buf.set_line(rows.x + indent, rows.y + 1, &laid, rows.width - indent);
}
