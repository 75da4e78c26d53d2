//! The article list and the statement list. Only the rows on screen are laid
//! out (titles and statement text go through the layout pipeline), with the
//! filter's matched characters highlighted. Columns drop out as the terminal
//! narrows, the text column last. Grouped by story, the article list puts a
//! header over each story (its main parties, dates, article and outlet
//! counts, label) and indents its articles.

use super::article::{Matched, badges, summary};
use super::text::{cell_width, clip, header_text, single_line};
use super::theme;
use crate::app::State;
use crate::app::coverage::outlet_of;
use crate::app::geometry::list_areas;
use crate::app::grouping::ListRow;
use crate::app::words::counted;
use mizan_text::layout::base_direction;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// A column of a list. As the terminal narrows, columns give way, the one
/// with the lowest `keep` first, so that the text keeps
/// [`TEXT_MIN_WIDTH`] cells; the stance summary, what the reader is for,
/// goes last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Column {
    name: &'static str,
    width: u16,
    keep: u8,
}

/// The title or statement keeps at least this many cells while other
/// columns can give way.
const TEXT_MIN_WIDTH: u16 = 36;

const ARTICLE_COLUMNS: [Column; 5] = [
    Column {
        name: "outlet",
        width: 14,
        keep: 3,
    },
    Column {
        name: "date",
        width: 11,
        keep: 1,
    },
    Column {
        name: "lang",
        width: 5,
        keep: 0,
    },
    Column {
        name: "stmts",
        width: 6,
        keep: 2,
    },
    Column {
        name: "stance",
        width: STANCE_MIN_WIDTH,
        keep: 4,
    },
];

/// The stance column is as wide as the widest summary on screen, within
/// these bounds (a wider summary is cut at a whole badge, `+N` saying how
/// many more there are).
const STANCE_MIN_WIDTH: u16 = 8;
const STANCE_MAX_WIDTH: u16 = 26;

const STATEMENT_COLUMNS: [Column; 3] = [
    Column {
        name: "speaker",
        width: 22,
        keep: 0,
    },
    Column {
        name: "outlet",
        width: 14,
        keep: 1,
    },
    Column {
        name: "tags",
        width: 18,
        keep: 2,
    },
];

/// Width of the mark column (`●` for marked articles).
const MARK_WIDTH: u16 = 2;

/// The columns that fit beside the text in `total` cells.
fn shown(columns: &[Column], total: u16) -> Vec<Column> {
    let mut shown = columns.to_vec();
    while text_width(&shown, total) < TEXT_MIN_WIDTH {
        let weakest = shown
            .iter()
            .enumerate()
            .min_by_key(|(_, column)| column.keep)
            .map(|(index, _)| index);
        match weakest {
            Some(index) => shown.remove(index),
            None => break,
        };
    }
    shown
}

fn text_width(columns: &[Column], total: u16) -> u16 {
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

fn draw_header(buf: &mut Buffer, area: Rect, first: &str, columns: &[Column], first_width: u16) {
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

/// Cells an article is indented by under its story's header.
const GROUP_INDENT: u16 = 2;

pub fn draw_articles(frame: &mut Frame, state: &State) {
    let (header, rows) = list_areas(state.main_area());
    let rows = Rect::from(rows);
    let mut all = ARTICLE_COLUMNS;
    all[4].width = stance_width(state, rows.height);
    let columns = shown(&all, rows.width);
    let title_width = text_width(&columns, rows.width);
    let buf = frame.buffer_mut();
    let listing = state.listing();
    if let Some(header) = header {
        let grouped = if listing.grouped() { ", by story" } else { "" };
        let label = format!("title (sorted by {}{grouped})", listing.sort().name());
        draw_header(buf, header.into(), &label, &columns, title_width);
    }
    let indent = if listing.grouped() { GROUP_INDENT } else { 0 };
    let list = listing.article_list();
    let rows_shown = (list.top..listing.article_list_len()).filter_map(|position| {
        listing
            .article_list_row(position)
            .map(|row| (position, row))
    });
    for (y, (position, row)) in (rows.y..rows.y + rows.height).zip(rows_shown) {
        let line = match row {
            ListRow::Article(index) => article_line(state, index, &columns, title_width, indent),
            ListRow::Story(story) => story_header(state, story, position, rows.width),
            ListRow::Unshared(count) => {
                let text = match count {
                    1 => "  1 article that shares no story with another".to_string(),
                    _ => format!("  {count} articles that share no story with another"),
                };
                Line::from(header_text(&text, rows.width, state))
            }
        };
        buf.set_line(rows.x, y, &line, rows.width);
        if position == list.cursor {
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
    if state.article_rows().is_empty() && rows.height > 0 {
        let message = if state.articles().is_empty() {
            "no articles"
        } else {
            "no article matches the filter"
        };
        draw_empty_note(buf, rows, message);
    }
}

/// One article's row: mark, title (indented by `indent` under a story
/// header), then the columns.
fn article_line(
    state: &State,
    index: usize,
    columns: &[Column],
    title_width: u16,
    indent: u16,
) -> Line<'static> {
    let article = &state.articles()[index];
    let (mark, title_style) = article_mark(state, index);
    let matched = state.filter().terms().ranges_in(&article.title);
    let title = single_line(
        &article.title,
        base_direction(article.lang),
        title_width.saturating_sub(indent),
        state,
        title_style,
        (&matched, theme::match_style()),
    );
    let mut spans = vec![Span::raw(mark), Span::raw(" ".repeat(usize::from(indent)))];
    spans.extend(fit(title.spans, title_width.saturating_sub(indent)));
    for column in columns {
        let cell = match column.name {
            "outlet" => outlet_cell(state, index, column.width),
            "date" => vec![Span::raw(article.meta.date.clone().unwrap_or_default())],
            "lang" => vec![Span::raw(article.lang.code())],
            "stmts" => vec![Span::raw(match &state.library().tagged()[index] {
                Some(s) => format!("{:>4}", s.len()),
                None => "   …".into(),
            })],
            _ => stance_cell(state, index, column.width - 1),
        };
        spans.push(Span::raw(" "));
        spans.extend(fit(cell, column.width - 1));
    }
    let total: u16 = MARK_WIDTH + title_width + columns.iter().map(|c| c.width).sum::<u16>();
    Line::from(fit(spans, total))
}

/// The stance column's width for the article rows on screen: the widest
/// summary and a space, within its bounds.
fn stance_width(state: &State, rows: u16) -> u16 {
    let listing = state.listing();
    let top = listing.article_list().top;
    let widest = (top..top + usize::from(rows))
        .filter_map(|position| match listing.article_list_row(position)? {
            ListRow::Article(index) => Some(spans_width(&summary(state, index, Matched::Hidden))),
            ListRow::Story(_) | ListRow::Unshared(_) => None,
        })
        .max()
        .unwrap_or(0);
    let wanted = u16::try_from(widest + 1).unwrap_or(u16::MAX);
    wanted.clamp(STANCE_MIN_WIDTH, STANCE_MAX_WIDTH)
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| cell_width(&s.content)).sum()
}

/// An article's stance summary in `width` cells: whole badges, and `+N`
/// for the ones that do not fit.
fn stance_cell(state: &State, index: usize, width: u16) -> Vec<Span<'static>> {
    let badges: Vec<Span<'static>> = summary(state, index, Matched::Shown)
        .into_iter()
        .filter(|span| !span.content.trim().is_empty())
        .collect();
    whole_badges(&badges, width)
}

/// `badges`, a space between them, in `width` cells: as many whole ones as
/// fit, then `+N` for the rest.
fn whole_badges(badges: &[Span<'static>], width: u16) -> Vec<Span<'static>> {
    let width = usize::from(width);
    let mut cell: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (shown, badge) in badges.iter().enumerate() {
        let more = badges.len() - shown - 1;
        let room_for_more = if more > 0 {
            format!(" +{more}").len()
        } else {
            0
        };
        let needed = usize::from(used > 0) + cell_width(&badge.content);
        if used + needed + room_for_more > width {
            let left = badges.len() - shown;
            let gap = if used > 0 { " " } else { "" };
            cell.push(Span::styled(format!("{gap}+{left}"), theme::dim_style()));
            break;
        }
        if used > 0 {
            cell.push(Span::raw(" "));
        }
        cell.push(badge.clone());
        used += needed;
    }
    cell
}

/// A story's header row: its main parties, dates, how many of its articles
/// show (of how many), its outlets, then its label. The label comes last:
/// it is often Arabic, and numbers after an Arabic run would join it.
fn story_header(state: &State, story: usize, position: usize, width: u16) -> Line<'static> {
    let Some(stories) = state.stories() else {
        return Line::default();
    };
    let (Some(members), Some(summary)) = (stories.stories.get(story), stories.summaries.get(story))
    else {
        return Line::default();
    };
    let shown = state
        .listing()
        .list_rows()
        .iter()
        .skip(position + 1)
        .take_while(|row| matches!(row, ListRow::Article(_)))
        .count();
    let total = members.articles.len();
    let articles = if shown < total {
        format!("{shown} of {}", counted(total, "article"))
    } else {
        counted(total, "article")
    };
    let parties: Vec<String> = summary
        .parties
        .iter()
        .map(|p| state.directory().short(p))
        .collect();
    let mut facts = vec![format!("▾ {}", parties.join(" "))];
    if let Some((first, last)) = &summary.dates {
        facts.push(date_range(first, last));
    }
    facts.push(articles);
    facts.push(counted(summary.outlets, "outlet"));
    facts.push(members.label.clone());
    Line::from(header_text(&facts.join(" · "), width, state))
}

/// `first`–`last` without repeating the year and month they share:
/// `2026-03-04–06`, `2026-03-30–04-02`.
fn date_range(first: &str, last: &str) -> String {
    if first == last {
        return first.to_string();
    }
    let shared = |prefix: usize| {
        first.len() == 10 && last.len() == 10 && first.get(..prefix) == last.get(..prefix)
    };
    let tail = if shared(8) {
        last.get(8..)
    } else if shared(5) {
        last.get(5..)
    } else {
        None
    };
    format!("{first}–{}", tail.unwrap_or(last))
}

/// The mark column of an article row and its title's style. The column's
/// one symbol is, by priority, `●` marked for comparison, `*` starred, `N`
/// unread; unread titles are bold besides. Local files have no read state.
fn article_mark(state: &State, index: usize) -> (&'static str, Style) {
    let read_state = state.read_state(index);
    let mark = match read_state {
        _ if state.marked().contains(&index) => "● ",
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
    let rows = Rect::from(rows);
    let columns = shown(&STATEMENT_COLUMNS, rows.width);
    let text_width = text_width(&columns, rows.width);
    let buf = frame.buffer_mut();
    if let Some(header) = header {
        let label = format!("statement ({} shown)", state.statement_rows().len());
        draw_header(buf, header.into(), &label, &columns, text_width);
    }
    let visible = state
        .statement_rows()
        .iter()
        .enumerate()
        .skip(state.listing().statement_list().top);
    for (y, (position, &(index, number))) in (rows.y..rows.y + rows.height).zip(visible) {
        let article = &state.articles()[index];
        let Some(statement) = state.statements_of(index).get(number) else {
            continue;
        };
        let text = article.source.get(statement.range.as_range()).unwrap_or("");
        let matched = state.filter().terms().ranges_in(text);
        let laid = single_line(
            text,
            base_direction(article.lang),
            text_width,
            state,
            Style::default(),
            (&matched, theme::match_style()),
        );
        let mark = if state.marked().contains(&index) {
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
                _ => badges(state, statement, Matched::Shown),
            };
            spans.push(Span::raw(" "));
            spans.extend(fit(cell, column.width - 1));
        }
        buf.set_line(rows.x, y, &Line::from(fit(spans, rows.width)), rows.width);
        if position == state.listing().statement_list().cursor {
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
    if state.statement_rows().is_empty() && rows.height > 0 {
        let message = if state.analysed() < state.articles().len() {
            "tagging…"
        } else {
            "no statements"
        };
        draw_empty_note(buf, rows, message);
    }
}

/// Why an empty list is empty, dimmed on its first row.
fn draw_empty_note(buf: &mut Buffer, rows: Rect, message: &str) {
    buf.set_string(
        rows.x,
        rows.y,
        clip(message, usize::from(rows.width)),
        theme::dim_style(),
    );
}

/// An article's outlet, laid out (outlet names are often Arabic), with
/// what the filter's terms matched in it.
fn outlet_cell(state: &State, index: usize, width: u16) -> Vec<Span<'static>> {
    // Without one, the article is its own outlet, named by its path, as
    // the coverage counts it.
    let outlet = outlet_of(&state.articles()[index]);
    matched_cell(state, outlet, width)
}

/// Who made a statement, as the article names them, laid out, with what
/// the filter's terms matched in it.
fn speaker_cell(
    state: &State,
    index: usize,
    statement: &mizan_engine::tagger::Statement,
    width: u16,
) -> Vec<Span<'static>> {
    let article = &state.articles()[index];
    let speaker = statement
        .speaker
        .and_then(|r| article.source.get(r.as_range()))
        .unwrap_or("");
    matched_cell(state, speaker, width)
}

/// A cell's text laid out on one line with the filter's matches in it.
fn matched_cell(state: &State, text: &str, width: u16) -> Vec<Span<'static>> {
    let matched = state.filter().terms().ranges_in(text);
    let plain = Style::default();
    single_line(
        text,
        None,
        width - 1,
        state,
        plain,
        (&matched, theme::match_style()),
    )
    .spans
}
#[cfg(test)]
mod tests {
    use super::date_range;

    #[test]
    fn badges_that_do_not_fit_are_counted() {
        use ratatui::text::Span;
        let badges: Vec<Span<'static>> = ["◀ARM 3", "◀AZE 1", "♥RUS 1"]
            .into_iter()
            .map(Span::raw)
            .collect();
        let shown = |width: u16| -> String {
            super::whole_badges(&badges, width)
                .iter()
                .map(|span| span.content.to_string())
                .collect()
        };
        assert_eq!(shown(20), "◀ARM 3 ◀AZE 1 ♥RUS 1");
        assert_eq!(shown(16), "◀ARM 3 ◀AZE 1 +1");
        assert_eq!(shown(15), "◀ARM 3 +2");
        assert_eq!(shown(9), "◀ARM 3 +2");
        assert_eq!(shown(8), "+3");
    }

    #[test]
    fn date_ranges_drop_the_shared_year_and_month() {
        assert_eq!(date_range("2026-03-04", "2026-03-04"), "2026-03-04");
        assert_eq!(date_range("2026-03-04", "2026-03-06"), "2026-03-04–06");
        assert_eq!(date_range("2026-03-30", "2026-04-02"), "2026-03-30–04-02");
        assert_eq!(
            date_range("2025-12-31", "2026-01-01"),
            "2025-12-31–2026-01-01"
        );
        assert_eq!(date_range("2026-03", "2026-03-06"), "2026-03–2026-03-06");
    }
}
