//! The parts around the screens: the filter line (Arabic input shown in
//! visual order, the terminal cursor where the user expects it), the status
//! bar (where the articles came from, tagging progress, messages, lexicon
//! errors) and the help overlay listing every key.

use super::keymap::Keymap;
use super::text::{cell_width, clip, cut_at_word, styled_line};
use super::theme;
use crate::app::words::counted;
use crate::app::{Action, Prompt, State, geometry};
use mizan_text::is_arabic;
use mizan_text::layout::{Direction, LaidLine, layout_paragraph};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The prompt before the filter text.
const FILTER_PROMPT: &str = "/ ";
/// The prompt before a search within the article.
const SEARCH_PROMPT: &str = "search: ";

/// Cells of the help's key column.
const KEYS_COLUMN: usize = 24;

/// Wide enough that the filter text never wraps.
const UNWRAPPED: usize = 4096;

/// The line being typed (the article's search in the reader while it
/// stands, else the filter), its label, and what it found (right-aligned).
fn typed(state: &State) -> (&Prompt, &'static str, String) {
    if let Some(search) = state.article_search() {
        let count = match (search.current(), search.matches().len()) {
            (_, 0) if search.prompt().is_empty() => String::new(),
            (Some(at), total) => format!(" {} of {total}", at + 1),
            (None, total) => format!(" {}", counted(total, "match")),
        };
        return (search.prompt(), SEARCH_PROMPT, count);
    }
    let filter = state.filter();
    let count = match filter.matches() {
        Some(m) => format!(
            " {} · {}",
            counted(m.articles.len(), "article"),
            counted(m.statements.len(), "statement")
        ),
        None => String::new(),
    };
    (filter.prompt(), FILTER_PROMPT, count)
}

/// The filter line, or the search line of the open article.
pub fn draw_input_line(frame: &mut Frame, state: &State, area: Rect) {
    let (typed, label, count) = typed(state);
    let count_width = (count.chars().count() as u16).min(area.width / 2);
    let prompt_width = label.len() as u16;
    let input_width = area.width.saturating_sub(prompt_width + count_width);
    let laid = layout_paragraph(typed.input(), None, UNWRAPPED, state.layout());
    let mut spans = vec![Span::styled(label, theme::header_style())];
    if let Some(line) = laid.first() {
        spans.extend(styled_line(line, 0, |_| Style::default()).spans);
    }
    let buf = frame.buffer_mut();
    buf.set_line(
        area.x,
        area.y,
        &Line::from(spans),
        area.width.saturating_sub(count_width),
    );
    let count_x = area.x + area.width - count_width;
    buf.set_string(
        count_x,
        area.y,
        clip(&count, usize::from(count_width)),
        theme::dim_style(),
    );
    if typed.editing() {
        let x = laid
            .first()
            .map_or(0, |line| cursor_column(line, typed.input(), typed.cursor()));
        let x = (x as u16).min(input_width);
        frame.set_cursor_position(Position::new(area.x + prompt_width + x, area.y));
    }
}

/// The screen column (from the line's left edge) of the cursor standing
/// before byte `cursor` of `input`: just after the previous character in its
/// own direction (left of an Arabic letter, right of a Latin one).
pub fn cursor_column(line: &LaidLine, input: &str, cursor: usize) -> usize {
    let mut x = 0;
    let mut first = None;
    for piece in &line.pieces {
        let rtl = input
            .get(piece.source.as_range())
            .and_then(|s| s.chars().next())
            .is_some_and(is_arabic);
        if piece.source.start() < cursor && cursor <= piece.source.end() {
            return if rtl { x } else { x + piece.width };
        }
        if piece.source.start() == 0 {
            first = Some(if rtl { x + piece.width } else { x });
        }
        x += piece.width;
    }
    if cursor == 0 { first.unwrap_or(0) } else { x }
}

pub fn draw_status(frame: &mut Frame, state: &State, area: Rect) {
    let help = " ? keys ";
    let help_width = help.len() as u16;
    let room = area.width.saturating_sub(help_width);
    let mut spans = Vec::new();
    // Paths, messages and lexicon errors may quote Arabic: lay them out.
    for (text, style) in status_parts(state, usize::from(room)) {
        if let Some(line) =
            layout_paragraph(&text, Some(Direction::Ltr), UNWRAPPED, state.layout()).first()
        {
            spans.extend(styled_line(line, 0, |_| style).spans);
        }
    }
    let buf = frame.buffer_mut();
    buf.set_line(
        area.x,
        area.y,
        &Line::from(spans),
        if room > 0 { room } else { area.width },
    );
    if room > 0 {
        buf.set_string(area.x + room, area.y, help, theme::dim_style());
    }
}

/// What the status bar says in `room` cells, the most important kept: a
/// rejected edit, then the message, then the facts (where the articles came
/// from, how many, tagging progress) in the longest form that leaves the
/// message whole, or none. A message too long alone is cut at a word.
fn status_parts(state: &State, room: usize) -> Vec<(String, Style)> {
    let mut parts = Vec::new();
    let mut left = room;
    if let Some(error) = state.status().errors.first() {
        let more = match state.status().errors.len() {
            1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        let text = cut_at_word(&format!(" reload error: {error}{more} "), left);
        left -= cell_width(&text);
        parts.push((text, theme::error_style()));
    }
    let message = state.status().message.as_ref().map(|m| format!(" {m}"));
    let wanted = message.as_deref().map_or(0, cell_width);
    let facts = status_facts(state);
    let fitting = facts
        .iter()
        .find(|facts| cell_width(facts) + wanted <= left);
    let facts = match (fitting, &message) {
        (Some(facts), _) => facts.clone(),
        (None, Some(_)) => String::new(),
        (None, None) => cut_at_word(&facts[2], left),
    };
    left = left.saturating_sub(cell_width(&facts));
    parts.push((facts, theme::header_style()));
    if let Some(message) = message {
        parts.push((cut_at_word(&message, left), Style::default()));
    }
    parts
}

/// The facts of the status bar, longest first: where the articles came
/// from, how many, and how far tagging is; without where they came from;
/// tagging alone.
fn status_facts(state: &State) -> [String; 3] {
    let analysed = state.analysed();
    let total = state.articles().len();
    let progress = if analysed < total {
        format!("tagging {analysed}/{total}")
    } else {
        counted(state.filter().index().statement_count(), "statement")
    };
    let articles = counted(total, "article");
    [
        format!(" {} · {articles} · {progress} ", state.status().source),
        format!(" {articles} · {progress} "),
        format!(" {progress} "),
    ]
}

/// Every bound key with what it does, from `state.help_top()` on; the title
/// says when more keys lie above or below.
pub fn draw_help(frame: &mut Frame, state: &State, keymap: &Keymap) {
    let popup = Rect::from(geometry::help_popup(
        frame.area().into(),
        Action::bindable().len(),
    ));
    let rows = state.help_rows();
    let top = state
        .help_top()
        .min(Action::bindable().len().saturating_sub(rows));
    let lines: Vec<Line> = Action::bindable()
        .iter()
        .skip(top)
        .take(rows)
        .map(|action| {
            let keys = clip(&keymap.keys_for(action).join(" "), KEYS_COLUMN);
            Line::from(vec![
                Span::styled(format!("{keys:<KEYS_COLUMN$} "), theme::header_style()),
                Span::raw(action.help().unwrap_or_default()),
            ])
        })
        .collect();
    frame.render_widget(Clear, popup);
    let more = match (top > 0, top + rows < Action::bindable().len()) {
        (true, true) => "↑↓ more, ",
        (true, false) => "↑ more, ",
        (false, true) => "↓ more, ",
        (false, false) => "",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" keys ({more}? or Esc closes) "));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

#[cfg(test)]
mod tests {
    use super::*;
    use mizan_text::TextRange;
    use mizan_text::layout::{Direction, Piece};

    /// A line whose pieces are `input`'s characters in the given visual
    /// order (indices into its characters), one cell each.
    fn line(input: &str, visual: &[usize]) -> LaidLine {
        let chars: Vec<(usize, char)> = input.char_indices().collect();
        let mut text = String::new();
        let mut pieces = Vec::new();
        for &i in visual {
            let (offset, c) = chars[i];
            let start = text.len();
            text.push(c);
            pieces.push(Piece {
                source: TextRange::new(offset, offset + c.len_utf8()),
                shown: TextRange::new(start, text.len()),
                width: 1,
            });
        }
        LaidLine {
            width: pieces.len(),
            text,
            direction: Direction::Ltr,
            source: TextRange::new(0, input.len()),
            pieces,
        }
    }

    #[test]
    fn latin_cursor_follows_the_text() {
        let laid = line("abc", &[0, 1, 2]);
        assert_eq!(cursor_column(&laid, "abc", 0), 0);
        assert_eq!(cursor_column(&laid, "abc", 2), 2);
        assert_eq!(cursor_column(&laid, "abc", 3), 3);
    }

    #[test]
    fn arabic_cursor_stands_left_of_the_last_typed_letter() {
        let input = "سلم";
        let laid = line(input, &[2, 1, 0]);
        assert_eq!(
            cursor_column(&laid, input, 0),
            3,
            "before the first letter: right edge"
        );
        assert_eq!(
            cursor_column(&laid, input, input.len()),
            0,
            "after the last: left edge"
        );
        assert_eq!(
            cursor_column(&laid, input, 2),
            2,
            "after the first letter: left of it"
        );
    }
}
