//! The article list and the statement list. Only the rows on screen are laid
//! out (titles and statement text go through the layout pipeline), with the
//! filter's matched characters highlighted. Columns drop out as the terminal
//! narrows, the text column last.

use super::article::{badges, summary};
use super::text::{cell_width, clip, matched_ranges, single_line};
use super::theme;
use crate::app::State;
use crate::app::geometry::list_areas;
use crate::app::lines::base_direction;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// A fixed-width column, shown from `min_total` terminal cells up. The
/// stance summary outlives the date and language as the terminal narrows:
/// it is what the reader is for.
struct Column {
    name: &'static str,
    width: u16,
    min_total: u16,
}

const ARTICLE_COLUMNS: [Column; 5] = [
    Column {
        name: "outlet",
        width: 14,
        min_total: 50,
    },
    Column {
        name: "date",
        width: 11,
        min_total: 100,
    },
    Column {
        name: "lang",
        width: 5,
        min_total: 90,
    },
    Column {
        name: "stmts",
        width: 6,
        min_total: 30,
    },
    Column {
        name: "stance",
        width: 23,
        min_total: 70,
    },
];

const STATEMENT_COLUMNS: [Column; 3] = [
    Column {
        name: "speaker",
        width: 22,
        min_total: 110,
    },
    Column {
        name: "outlet",
        width: 14,
        min_total: 60,
    },
    Column {
        name: "tags",
        width: 18,
        min_total: 40,
    },
];

/// Width of the mark column (`●` for marked articles).
const MARK_WIDTH: u16 = 2;

fn shown(columns: &[Column], total: u16) -> Vec<&Column> {
    columns.iter().filter(|c| total >= c.min_total).collect()
}

fn text_width(columns: &[&Column], total: u16) -> u16 {
    total.saturating_sub(MARK_WIDTH + columns.iter().map(|c| c.width).sum::<u16>())
}

/// `spans` padded with spaces (or cut) to exactly `width` cells.
fn fit(mut spans: Vec<Span<'static>>, width: u16) -> Vec<Span<'static>> {
    let used: usize = spans.iter().map(|s| cell_width(&s.content)).sum();
    let width = usize::from(width);
    if used < width {
        spans.push(Span::raw(" ".repeat(width - used)));
        spans
    } else {
        let mut left = width;
        let mut kept = Vec::new();
        for span in spans {
            let w = cell_width(&span.content);
            if w <= left {
                left -= w;
                kept.push(span);
            } else {
                kept.push(Span::styled(clip(&span.content, left), span.style));
                break;
            }
        }
        kept
    }
}

fn draw_header(buf: &mut Buffer, area: Rect, first: &str, columns: &[&Column], first_width: u16) {
    let mut spans = vec![
        Span::raw("  "),
        Span::raw(clip(first, usize::from(first_width))),
    ];
    spans = fit(spans, MARK_WIDTH + first_width);
    for column in columns {
        spans.push(Span::raw(" "));
        spans.extend(fit(vec![Span::raw(column.name)], column.width - 1));
    }
    buf.set_line(
        area.x,
        area.y,
        &Line::from(spans).style(theme::header_style()),
        area.width,
    );
}

pub fn draw_articles(frame: &mut Frame, state: &State) {
    let (header, rows) = list_areas(state.main_area());
    let columns = shown(&ARTICLE_COLUMNS, rows.width);
    let title_width = text_width(&columns, rows.width);
    let buf = frame.buffer_mut();
    if let Some(header) = header {
        let label = format!("title (sorted by {})", state.sort.name());
        draw_header(buf, header, &label, &columns, title_width);
    }
    let visible = state
        .article_rows
        .iter()
        .enumerate()
        .skip(state.article_list.top);
    for (y, (position, &index)) in (rows.y..rows.y + rows.height).zip(visible) {
        let article = &state.articles[index];
        let (mark, title_style) = article_mark(state, index);
        let matched = matched_ranges(&article.title, &state.filter.query.terms);
        let title = single_line(
            &article.title,
            base_direction(article),
            title_width,
            state,
            title_style,
            (&matched, theme::match_style()),
        );
        let mut spans = vec![Span::raw(mark)];
        spans.extend(fit(title.spans, title_width));
        for column in &columns {
            let cell = match column.name {
                "outlet" => outlet_cell(state, index, column.width),
                "date" => vec![Span::raw(article.meta.date.clone().unwrap_or_default())],
                "lang" => vec![Span::raw(article.lang.code())],
                "stmts" => vec![Span::raw(match &state.statements[index] {
                    Some(s) => format!("{:>4}", s.len()),
                    None => "   …".into(),
                })],
                _ => summary(state, index),
            };
            spans.push(Span::raw(" "));
            spans.extend(fit(cell, column.width - 1));
        }
        let line = Line::from(fit(spans, rows.width));
        buf.set_line(rows.x, y, &line, rows.width);
        if position == state.article_list.cursor {
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..rows
                },
                theme::cursor_row_style(),
            );
        }
    }
    if state.article_rows.is_empty() && rows.height > 0 {
        let message = if state.articles.is_empty() {
            "no articles"
        } else {
            "no article matches the filter"
        };
        buf.set_string(
            rows.x,
            rows.y,
            clip(message, usize::from(rows.width)),
            theme::dim_style(),
        );
    }
}

/// The mark column of an article row and its title's style. The column's
/// one symbol is, by priority, `●` marked for comparison, `*` starred, `N`
/// unread; unread titles are bold besides. Local files have no read state.
fn article_mark(state: &State, index: usize) -> (&'static str, Style) {
    let read_state = state.reading.state_of(&state.articles[index]);
    let mark = match read_state {
        _ if state.marked.contains(&index) => "● ",
        Some(flags) if flags.starred => "* ",
        Some(flags) if !flags.read => "N ",
        _ => "  ",
    };
    let style = match read_state {
        Some(flags) if !flags.read => Style::default().add_modifier(Modifier::BOLD),
        _ => Style::default(),
    };
    (mark, style)
}

pub fn draw_statements(frame: &mut Frame, state: &State) {
    let (header, rows) = list_areas(state.main_area());
    let columns = shown(&STATEMENT_COLUMNS, rows.width);
    let text_width = text_width(&columns, rows.width);
    let buf = frame.buffer_mut();
    if let Some(header) = header {
        let label = format!("statement ({} shown)", state.statement_rows.len());
        draw_header(buf, header, &label, &columns, text_width);
    }
    let visible = state
        .statement_rows
        .iter()
        .enumerate()
        .skip(state.statement_list.top);
    for (y, (position, &(index, number))) in (rows.y..rows.y + rows.height).zip(visible) {
        let article = &state.articles[index];
        let Some(statement) = state.statements_of(index).get(number) else {
            continue;
        };
        let text = article.source.get(statement.range.as_range()).unwrap_or("");
        let matched = matched_ranges(text, &state.filter.query.terms);
        let laid = single_line(
            text,
            base_direction(article),
            text_width,
            state,
            Style::default(),
            (&matched, theme::match_style()),
        );
        let mark = if state.marked.contains(&index) {
            "● "
        } else {
            "  "
        };
        let mut spans = vec![Span::raw(mark)];
        spans.extend(fit(laid.spans, text_width));
        for column in &columns {
            let cell = match column.name {
                "outlet" => outlet_cell(state, index, column.width),
                "speaker" => speaker_cell(state, index, statement, column.width),
                _ => badges(state, statement),
            };
            spans.push(Span::raw(" "));
            spans.extend(fit(cell, column.width - 1));
        }
        buf.set_line(rows.x, y, &Line::from(fit(spans, rows.width)), rows.width);
        if position == state.statement_list.cursor {
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..rows
                },
                theme::cursor_row_style(),
            );
        }
    }
    if state.statement_rows.is_empty() && rows.height > 0 {
        let message = if state.analysed() < state.articles.len() {
            "tagging…"
        } else {
            "no statements"
        };
        buf.set_string(
            rows.x,
            rows.y,
            clip(message, usize::from(rows.width)),
            theme::dim_style(),
        );
    }
}

/// An article's outlet, laid out (outlet names are often Arabic).
fn outlet_cell(state: &State, index: usize, width: u16) -> Vec<Span<'static>> {
    let outlet = state.articles[index].meta.outlet.as_deref().unwrap_or("");
    let none: &[crate::text::TextRange] = &[];
    single_line(
        outlet,
        None,
        width - 1,
        state,
        Style::default(),
        (none, Style::default()),
    )
    .spans
}

/// Who made a statement, as the article names them, laid out.
fn speaker_cell(
    state: &State,
    index: usize,
    statement: &crate::tagger::Statement,
    width: u16,
) -> Vec<Span<'static>> {
    let article = &state.articles[index];
    let speaker = statement
        .speaker
        .and_then(|r| article.source.get(r.as_range()))
        .unwrap_or("");
    let none: &[crate::text::TextRange] = &[];
    let plain = (none, Style::default());
    single_line(speaker, None, width - 1, state, Style::default(), plain).spans
}
