//! The article list and the statement list, and everything that decides
//! their rows: the sort, the filter (its line, query, matches and index),
//! the coverage number the statement list may be narrowed to, and the
//! grouping by story; with each list's cursor and first visible row.
//!
//! These must agree (a cursor within its rows, rows that are the sorted,
//! filtered, grouped articles, a filter index that matches the statements),
//! so every field is private and each change goes through a method that
//! recomputes what depends on it. The listing also holds the terminal size,
//! since how many rows a list shows depends on whether the filter line is
//! on screen, which the listing decides.

use super::coverage::CountTarget;
use super::filter::{FilterIndex, Matches, Query, Terms};
use super::fold::fold;
use super::geometry::{self, Area};
use super::grouping::{ListRow, grouped_rows};
use super::library::Library;
use super::line::{LineEdit, Prompt};
use crate::config::ListSort;

/// A scrolling list's cursor and first visible row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListView {
    pub cursor: usize,
    pub top: usize,
}

impl ListView {
    /// Keeps the cursor inside `len` rows and on screen in `height` rows.
    fn clamp(&mut self, len: usize, height: usize) {
        self.cursor = self.cursor.min(len.saturating_sub(1));
        let height = height.max(1);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + height {
            self.top = self.cursor + 1 - height;
        }
        self.top = self.top.min(len.saturating_sub(height));
    }

    fn move_by(&mut self, delta: isize, len: usize) {
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
    }
}

/// The filter line and what it kept.
#[derive(Clone, Debug, Default)]
pub struct FilterState {
    prompt: Prompt,
    query: Query,
    /// The query's terms, as the search matched them.
    terms: Terms,
    /// `None` when the query is empty (everything shows).
    matches: Option<Matches>,
    index: FilterIndex,
}

impl FilterState {
    /// The filter line: what was typed, and whether keys go to it.
    pub fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    /// Whether the filter line is on screen.
    pub fn shown(&self) -> bool {
        self.prompt.editing() || !self.prompt.is_empty()
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The query's free-text terms as the search matched them: where they
    /// match a row is what the row highlights.
    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    /// What the filter kept; `None` when it keeps everything.
    pub fn matches(&self) -> Option<&Matches> {
        self.matches.as_ref()
    }

    pub fn index(&self) -> &FilterIndex {
        &self.index
    }
}

/// The two lists and what decides their rows.
#[derive(Debug, Default)]
pub struct Listing {
    viewport: Area,
    sort: ListSort,
    /// Every article index in sort order.
    order: Vec<usize>,
    filter: FilterState,
    /// A coverage number the statement list is narrowed to.
    count_filter: Option<CountTarget>,
    /// Whether the article list is grouped by story (only while stories
    /// exist).
    grouped: bool,
    /// Article indices in sort order, filtered.
    article_rows: Vec<usize>,
    /// `(article, statement)` in list order, filtered.
    statement_rows: Vec<(usize, usize)>,
    /// The grouped article list's rows (empty when not grouped); the
    /// article cursor indexes them while grouped.
    list_rows: Vec<ListRow>,
    article_list: ListView,
    statement_list: ListView,
}

impl Listing {
    /// Every article of `library` indexed and listed in `sort` order.
    pub(super) fn new(library: &Library, sort: ListSort, viewport: Area) -> Listing {
        let mut listing = Listing {
            viewport,
            sort,
            ..Listing::default()
        };
        for index in 0..library.articles().len() {
            listing.reindex(library, index);
        }
        listing.resort(library);
        listing
    }

    pub fn viewport(&self) -> Area {
        self.viewport
    }

    pub fn sort(&self) -> ListSort {
        self.sort
    }

    pub fn filter(&self) -> &FilterState {
        &self.filter
    }

    pub fn count_filter(&self) -> Option<&CountTarget> {
        self.count_filter.as_ref()
    }

    pub fn grouped(&self) -> bool {
        self.grouped
    }

    /// Article indices in list order, filtered (story headers aside).
    pub fn article_rows(&self) -> &[usize] {
        &self.article_rows
    }

    /// `(article, statement)` in list order, filtered.
    pub fn statement_rows(&self) -> &[(usize, usize)] {
        &self.statement_rows
    }

    /// The grouped article list's rows; empty when not grouped.
    pub fn list_rows(&self) -> &[ListRow] {
        &self.list_rows
    }

    pub fn article_list(&self) -> ListView {
        self.article_list
    }

    pub fn statement_list(&self) -> ListView {
        self.statement_list
    }

    /// How many rows the article list has (headers included while grouped).
    pub fn article_list_len(&self) -> usize {
        if self.grouped {
            self.list_rows.len()
        } else {
            self.article_rows.len()
        }
    }

    /// The article list's row at `position`.
    pub fn article_list_row(&self, position: usize) -> Option<ListRow> {
        if self.grouped {
            self.list_rows.get(position).copied()
        } else {
            self.article_rows
                .get(position)
                .copied()
                .map(ListRow::Article)
        }
    }

    /// The article list's row under the cursor.
    pub fn selected_row(&self) -> Option<ListRow> {
        self.article_list_row(self.article_list.cursor)
    }

    /// The article under the list cursor (none on a story header).
    pub fn selected_article(&self) -> Option<usize> {
        match self.selected_row()? {
            ListRow::Article(article) => Some(article),
            ListRow::Story(_) | ListRow::Unshared(_) => None,
        }
    }

    /// The statement under the statement list's cursor.
    pub fn selected_statement(&self) -> Option<(usize, usize)> {
        self.statement_rows.get(self.statement_list.cursor).copied()
    }

    /// The story of the article list's row under the cursor: the header's
    /// story, or the article's.
    pub fn selected_story(&self, library: &Library) -> Option<usize> {
        match self.selected_row()? {
            ListRow::Story(story) => Some(story),
            ListRow::Article(article) => library.stories()?.story_of.get(article).copied(),
            ListRow::Unshared(_) => None,
        }
    }

    /// The article list row showing `article`.
    pub fn row_of_article(&self, article: usize) -> Option<usize> {
        if self.grouped {
            self.list_rows
                .iter()
                .position(|&row| row == ListRow::Article(article))
        } else {
            self.article_rows.iter().position(|&a| a == article)
        }
    }

    /// The rows a list shows at once.
    pub fn height(&self) -> usize {
        let main = geometry::screen_areas(self.viewport, self.filter.shown()).main;
        usize::from(geometry::list_areas(main).1.height)
    }

    pub(super) fn resize(&mut self, viewport: Area) {
        self.viewport = viewport;
        self.clamp();
    }

    pub(super) fn move_articles(&mut self, delta: isize) {
        let len = self.article_list_len();
        self.article_list.move_by(delta, len);
        self.clamp();
    }

    pub(super) fn move_statements(&mut self, delta: isize) {
        self.statement_list
            .move_by(delta, self.statement_rows.len());
        self.clamp();
    }

    /// Puts the article cursor on the `row`th row shown (a click).
    pub(super) fn point_article(&mut self, row: usize) {
        self.article_list.cursor = self.article_list.top + row;
        self.clamp();
    }

    /// Puts the statement cursor on the `row`th row shown (a click).
    pub(super) fn point_statement(&mut self, row: usize) {
        self.statement_list.cursor = self.statement_list.top + row;
        self.clamp();
    }

    /// Puts the article cursor on `article`'s row, when it is listed.
    pub(super) fn select_article(&mut self, article: usize) -> bool {
        let Some(row) = self.row_of_article(article) else {
            return false;
        };
        self.article_list.cursor = row;
        self.clamp();
        true
    }

    /// Sorts by the next key of the cycle.
    pub(super) fn next_sort(&mut self, library: &Library) {
        self.sort = self.sort.next();
        self.resort(library);
    }

    /// Recomputes article `index`'s filter haystacks.
    pub(super) fn reindex(&mut self, library: &Library, index: usize) {
        if let Some(article) = library.article(index) {
            let statements = library.statements_of(index);
            self.filter.index.set_article(index, article, statements);
        }
    }

    /// Opens the filter line for editing, the cursor after the text.
    pub(super) fn start_filter(&mut self) {
        self.filter.prompt.open();
        self.clamp();
    }

    /// Edits the filter line; the lists follow when its text changed.
    pub(super) fn edit_filter(&mut self, library: &Library, edit: LineEdit) {
        if self.filter.prompt.edit(edit) {
            self.refilter(library, true);
        }
    }

    /// Keeps the filter and leaves the filter line.
    pub(super) fn accept_filter(&mut self) {
        self.filter.prompt.close();
        self.clamp();
    }

    /// Clears the filter and leaves the filter line.
    pub(super) fn clear_filter(&mut self, library: &Library) {
        self.filter.prompt.clear();
        self.refilter(library, false);
    }

    /// Narrows the statement list to a coverage number's statements, or
    /// (with `None`) widens it again.
    pub(super) fn set_count_filter(&mut self, library: &Library, target: Option<CountTarget>) {
        if target.is_some() {
            self.statement_list = ListView::default();
        }
        self.count_filter = target;
        self.rebuild_rows(library);
    }

    /// Groups the article list by story, or ungroups it, keeping the cursor
    /// on its article; `false` when there are no stories to group by.
    pub(super) fn toggle_grouping(&mut self, library: &Library) -> bool {
        if library.stories().is_none() {
            return false;
        }
        let anchor = self.anchor_article();
        self.grouped = !self.grouped;
        self.rebuild_rows(library);
        self.restore_anchor(anchor);
        true
    }

    /// New stories are in force: the groups follow, the cursor stays on
    /// its article.
    pub(super) fn stories_changed(&mut self, library: &Library) {
        let anchor = self.anchor_article();
        self.rebuild_rows(library);
        self.restore_anchor(anchor);
    }

    /// The lexicon's names changed: the filter's matches may have.
    pub(super) fn directory_changed(&mut self, library: &Library) {
        self.refilter(library, false);
    }

    /// Articles `tagged` have (new) statements: they are indexed again and
    /// the lists re-filtered with the cursors where they were.
    pub(super) fn statements_changed(&mut self, library: &Library, tagged: &[usize]) {
        for &article in tagged {
            self.reindex(library, article);
        }
        let cursors = (self.article_list.cursor, self.statement_list.cursor);
        self.refilter(library, false);
        (self.article_list.cursor, self.statement_list.cursor) = cursors;
        self.clamp();
    }

    /// Articles from `first` on were appended: they are indexed and listed,
    /// and the cursors stay on the article and statement they were on,
    /// wherever the sort puts the new ones.
    pub(super) fn articles_appended(&mut self, library: &Library, first: usize) {
        let selected = (self.selected_article(), self.selected_statement());
        for index in first..library.articles().len() {
            self.reindex(library, index);
        }
        self.order = sorted_articles(library, self.sort);
        self.refilter(library, false);
        if let Some(article) = selected.0 {
            self.select_article(article);
        }
        if let Some(row) = selected
            .1
            .and_then(|s| self.statement_rows.iter().position(|&r| r == s))
        {
            self.statement_list.cursor = row;
            self.clamp();
        }
    }

    fn resort(&mut self, library: &Library) {
        self.order = sorted_articles(library, self.sort);
        self.rebuild_rows(library);
    }

    /// Re-runs the filter, the cursors back at the top; `may_narrow` allows
    /// checking only the previous matches when the new query extends the
    /// previous one.
    fn refilter(&mut self, library: &Library, may_narrow: bool) {
        let query = Query::parse(self.filter.prompt.input());
        let terms = Terms::resolve(&query, library.directory());
        self.filter.matches = if query.is_empty() {
            None
        } else {
            let previous = if may_narrow && query.narrows(&self.filter.query) {
                self.filter.matches.as_ref()
            } else {
                None
            };
            let index = &self.filter.index;
            Some(index.search_terms(&query, &terms, library.directory(), previous))
        };
        self.filter.query = query;
        self.filter.terms = terms;
        self.article_list.cursor = 0;
        self.statement_list.cursor = 0;
        self.rebuild_rows(library);
    }

    /// Recomputes the visible rows of both lists from the sort, the
    /// filter's matches, the count filter and the grouping, keeping the
    /// cursors in range.
    fn rebuild_rows(&mut self, library: &Library) {
        let (article_rows, statement_rows) = match &self.filter.matches {
            None => {
                let mut statements = Vec::with_capacity(self.filter.index.statement_count());
                for &a in &self.order {
                    statements.extend((0..library.statements_of(a).len()).map(|s| (a, s)));
                }
                (self.order.clone(), statements)
            }
            Some(matches) => rows_in_order(&self.order, matches, library.articles().len()),
        };
        self.article_rows = article_rows;
        self.statement_rows = match &self.count_filter {
            None => statement_rows,
            Some(target) => statement_rows
                .into_iter()
                .filter(|&(a, s)| {
                    target.articles.contains(&a)
                        && library
                            .statements_of(a)
                            .get(s)
                            .is_some_and(|statement| target.filter.matches(statement))
                })
                .collect(),
        };
        self.grouped &= library.stories().is_some();
        self.list_rows = match (library.stories(), self.grouped) {
            (Some(stories), true) => grouped_rows(&self.article_rows, stories),
            _ => Vec::new(),
        };
        self.clamp();
    }

    fn clamp(&mut self) {
        let height = self.height();
        let articles = self.article_list_len();
        self.article_list.clamp(articles, height);
        self.statement_list.clamp(self.statement_rows.len(), height);
    }

    /// The article the cursor stands on, or under a header the first
    /// article below it: where the cursor goes back to after the rows
    /// change.
    fn anchor_article(&self) -> Option<usize> {
        let cursor = self.article_list.cursor;
        if !self.grouped {
            return self.article_rows.get(cursor).copied();
        }
        self.list_rows
            .iter()
            .skip(cursor)
            .find_map(|row| match row {
                ListRow::Article(article) => Some(*article),
                _ => None,
            })
    }

    fn restore_anchor(&mut self, anchor: Option<usize>) {
        if let Some(article) = anchor {
            self.select_article(article);
        }
        self.clamp();
    }
}

/// The filter's matches as list rows in sort order: the articles kept, and
/// the statements kept in the order of their articles.
fn rows_in_order(
    order: &[usize],
    matches: &Matches,
    articles: usize,
) -> (Vec<usize>, Vec<(usize, usize)>) {
    // Each article's slice of the matches (they come grouped by article),
    // so the rows follow the sort order in one pass.
    let mut slices = vec![(0, 0); articles];
    let mut kept = vec![false; articles];
    for &a in &matches.articles {
        kept[a] = true;
    }
    let mut start = 0;
    for chunk in matches.statements.chunk_by(|x, y| x.0 == y.0) {
        slices[chunk[0].0] = (start, start + chunk.len());
        start += chunk.len();
    }
    let mut statements = Vec::with_capacity(matches.statements.len());
    for &a in order {
        let (from, to) = slices[a];
        statements.extend_from_slice(&matches.statements[from..to]);
    }
    (
        order.iter().copied().filter(|&a| kept[a]).collect(),
        statements,
    )
}

fn sorted_articles(library: &Library, sort: ListSort) -> Vec<usize> {
    let a = library.articles();
    let mut order: Vec<usize> = (0..a.len()).collect();
    let outlet = |i: usize| fold(a[i].meta.outlet.as_deref().unwrap_or(""));
    let date = |i: usize| a[i].meta.date.clone().unwrap_or_default();
    match sort {
        ListSort::Date => order.sort_by_cached_key(|&i| std::cmp::Reverse(date(i))),
        ListSort::Outlet => order.sort_by_cached_key(|&i| (outlet(i), std::cmp::Reverse(date(i)))),
        ListSort::Title => order.sort_by_cached_key(|&i| fold(&a[i].title)),
    }
    order
}
