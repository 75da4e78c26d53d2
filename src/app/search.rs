//! Searching within the open article: `/` in the reader opens a line whose
//! words are found in the article's text by the filter's own matcher
//! (folded Arabic, an English name finding the Arabic names it stands for),
//! every match highlighted, `n`/`N` going from one to the next while the
//! search stands. The article's text is encoded once, when the search
//! opens, so a keystroke only scans it.

use super::filter::{Query, Terms};
use super::fold::encode_with_sources;
use super::line::{LineEdit, Prompt};
use super::state::{Screen, State};
use mizan_engine::corpus::Article;
use mizan_text::TextRange;

/// A search within one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleSearch {
    prompt: Prompt,
    /// The shown text (title and paragraphs) encoded, a space between them.
    haystack: Vec<u8>,
    /// For each byte of `haystack`, the offset in the article's source of
    /// the character it came from.
    sources: Vec<u32>,
    /// Every match, in text order, as the characters it matched.
    matches: Vec<Vec<TextRange>>,
    /// The match `n`/`N` reached.
    current: Option<usize>,
}

impl ArticleSearch {
    fn new(article: &Article) -> ArticleSearch {
        let mut search = ArticleSearch::default();
        let shown = article.title_range.iter().chain(&article.paragraphs);
        for range in shown {
            let (bytes, sources) = encode_with_sources(range.slice(&article.source));
            if !search.haystack.is_empty() {
                search.haystack.push(b' ');
                search
                    .sources
                    .push(search.sources.last().copied().unwrap_or(0));
            }
            search.haystack.extend(bytes);
            let start = range.start();
            search
                .sources
                .extend(sources.into_iter().map(|s| offset(start + s)));
        }
        search
    }

    /// The search line: what was typed, and whether keys go to it.
    pub fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    /// Every match, in text order, as the characters it matched.
    pub fn matches(&self) -> &[Vec<TextRange>] {
        &self.matches
    }

    /// The match `n`/`N` reached.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Finds the typed words again in `article`.
    fn rematch(&mut self, article: &Article, directory: &super::Directory) {
        let terms = Terms::resolve(&Query::parse(self.prompt.input()), directory);
        let mut matches: Vec<Vec<TextRange>> = terms
            .places_in(&self.haystack)
            .into_iter()
            .map(|positions| {
                positions
                    .into_iter()
                    .map(|at| char_at(&article.source, self.sources[at] as usize))
                    .collect()
            })
            .collect();
        // A name found whole and in part (أنتوني بلينكن, بلينكن) is one
        // match: the longest of those that overlap, first in the text.
        matches.sort_by_key(|chars| span(chars).map(|s| (s.start(), std::cmp::Reverse(s.end()))));
        let mut kept: Vec<Vec<TextRange>> = Vec::with_capacity(matches.len());
        for chars in matches {
            let overlaps = kept
                .last()
                .and_then(|last| span(last))
                .zip(span(&chars))
                .is_some_and(|(last, this)| this.start() < last.end());
            if !overlaps {
                kept.push(chars);
            }
        }
        self.matches = kept;
        self.current = None;
    }
}

/// A source offset as stored: article texts are capped below 4 GiB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// The character of `text` starting at byte `start`.
fn char_at(text: &str, start: usize) -> TextRange {
    let len = text
        .get(start..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    TextRange::new(start, start + len)
}

/// The span of a match: from its first character to its last.
pub fn span(chars: &[TextRange]) -> Option<TextRange> {
    Some(TextRange::new(chars.first()?.start(), chars.last()?.end()))
}

/// Opens the search line of the open article, or reopens the standing
/// search for editing, the cursor after its text.
pub(super) fn start(state: &mut State) {
    let Some(found) = state.library.article(state.reader.article) else {
        return;
    };
    let search = state
        .reader
        .search
        .get_or_insert_with(|| ArticleSearch::new(found));
    search.prompt.open();
}

/// Edits the search line; the matches follow, and the first at or below
/// the top of the text is shown.
pub(super) fn edit(state: &mut State, edit: LineEdit) {
    let article = state.reader.article;
    let Some(search) = state.reader.search.as_mut() else {
        return;
    };
    if !search.prompt.edit(edit) {
        return;
    }
    if let Some(found) = state.library.article(article) {
        search.rematch(found, state.library.directory());
    }
    match first_match_from_top(state) {
        Some(first) => go_to(state, first),
        None if state
            .reader
            .search
            .as_ref()
            .is_some_and(|s| !s.prompt.is_empty()) =>
        {
            state.status.message = Some("no match in this article".into())
        }
        None => {}
    }
}

/// Keeps the search and leaves the line (`n`/`N` go from match to match).
pub(super) fn accept(state: &mut State) {
    match state.reader.search.as_mut() {
        Some(search) if search.prompt.is_empty() => state.reader.search = None,
        Some(search) => search.prompt.close(),
        None => {}
    }
}

/// Ends the search.
pub(super) fn cancel(state: &mut State) {
    state.reader.search = None;
}

/// Whether `n`/`N` go from match to match: a search with matches stands
/// on the reader.
pub(super) fn steps(state: &State) -> bool {
    state.screen == Screen::Reader
        && state
            .reader
            .search
            .as_ref()
            .is_some_and(|s| !s.prompt.editing() && !s.matches.is_empty())
}

/// Goes to the next (or previous) match, round the end of the article.
pub(super) fn step(state: &mut State, forward: bool) {
    let Some(search) = &state.reader.search else {
        return;
    };
    let count = search.matches.len();
    let next = match (search.current, forward) {
        (Some(at), true) => (at + 1) % count,
        (Some(at), false) => (at + count - 1) % count,
        (None, _) => first_match_from_top(state).unwrap_or(0),
    };
    go_to(state, next);
}

/// The first match starting at or below the reader's top row.
fn first_match_from_top(state: &State) -> Option<usize> {
    let search = state.reader.search.as_ref()?;
    let lines = state.reader_lines()?;
    let rows = search
        .matches
        .iter()
        .map(|chars| span(chars).and_then(|s| lines.row_of(s.start())));
    let mut rows = rows.enumerate();
    rows.find(|(_, row)| row.is_some_and(|row| row >= state.reader.top))
        .or_else(|| (!search.matches.is_empty()).then_some((0, None)))
        .map(|(index, _)| index)
}

/// Makes match `index` the current one and scrolls it into view.
fn go_to(state: &mut State, index: usize) {
    let Some(search) = state.reader.search.as_mut() else {
        return;
    };
    search.current = Some(index);
    let count = search.matches.len();
    let start = search.matches.get(index).and_then(|chars| span(chars));
    state.status.message = Some(format!("match {} of {count}", index + 1));
    let (Some(start), Some(lines)) = (start, state.reader_lines()) else {
        return;
    };
    let Some(row) = lines.row_of(start.start()) else {
        return;
    };
    let height = usize::from(state.reader_areas().text.height).max(1);
    if row < state.reader.top || row >= state.reader.top + height {
        state.reader.top = row.saturating_sub(height / 3);
    }
    state.reader.top = state.reader.top.min(lines.len().saturating_sub(height));
}
