//! The reader's whole state: the loaded articles and what tagging found in
//! them, which screen is showing and where each list and pane stands. Queries
//! that both `update` and the widgets need (visible rows, statement rows,
//! stance summaries) live here so the two never disagree.

use super::Action;
use super::coverage::{CountTarget, CoverageView, Stories, StoriesRequest};
use super::directory::Directory;
use super::filter::{FilterIndex, Matches, Query};
use super::fold::fold;
use super::geometry::{self, Area, ReaderAreas};
use super::grouping::ListRow;
use super::lines::{LayoutCache, TextMemo};
use super::omitted::OmittedList;
use super::reading::Reading;
use crate::config::ListSort;
use mizan_engine::corpus::Article;
use mizan_engine::lexicon::{Name, Origin};
use mizan_engine::tagger::{Relation, Statement};
use mizan_text::layout::{ArticleLines, LayoutOptions};
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

/// Which screen fills the main area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    #[default]
    Articles,
    Statements,
    Reader,
    Compare,
    Coverage,
}

/// The open article in the reader pane.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReaderView {
    pub article: usize,
    /// First row shown.
    pub top: usize,
    /// Index into the article's statements.
    pub selected: Option<usize>,
    pub explaining: bool,
    /// Which tag of the explained statement `edit_lexicon` opens.
    pub evidence: usize,
    /// Where `back` returns to.
    pub return_to: Screen,
}

/// Articles side by side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompareView {
    pub articles: Vec<usize>,
    pub tops: Vec<usize>,
    pub focus: usize,
    pub synced: bool,
    /// The statement `n`/`N` reached in the focused pane, as `(article,
    /// statement)`; its aligned counterparts light up in the other panes.
    pub selected: Option<(usize, usize)>,
    /// The list of what the other panes quote that the focused one omits,
    /// while it is open.
    pub omitted: Option<OmittedList>,
}

/// A scrolling list's cursor and first visible row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListView {
    pub cursor: usize,
    pub top: usize,
}

/// The filter box and what it kept.
#[derive(Clone, Debug, Default)]
pub struct FilterState {
    pub input: String,
    /// Byte offset of the cursor in `input` (logical order).
    pub cursor: usize,
    pub editing: bool,
    pub query: Query,
    /// `None` when the query is empty (everything shows).
    pub matches: Option<Matches>,
    pub index: FilterIndex,
}

/// The status bar's facts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Where the articles came from ("3 paths", "bundled samples").
    pub source: String,
    pub message: Option<String>,
    /// Rejected lexicon or configuration edits (`file:line:col: message`).
    pub errors: Vec<String>,
}

/// An article's statements once tagged (`None` before), shared (never
/// copied) with the stories built in the background. The tagger's vector is
/// kept as it is: converting it to an `Arc<[_]>` copied every article's
/// statements and left a hole per article in the heap, which made a filter
/// keystroke over 100,000 statements half as slow again.
pub type Tagged = Option<Arc<Vec<Statement>>>;

/// The statements of `tagged` (none until tagged).
pub fn tagged_statements(tagged: &Tagged) -> &[Statement] {
    tagged.as_deref().map_or(&[], Vec::as_slice)
}

/// The reader.
#[derive(Debug)]
pub struct State {
    pub articles: Arc<Vec<Article>>,
    /// Each article's statements.
    pub statements: Vec<Tagged>,
    pub directory: Directory,
    pub layout: LayoutOptions,
    pub cache: LayoutCache,
    pub text_memo: TextMemo,
    pub screen: Screen,
    pub viewport: Area,
    pub sort: ListSort,
    /// Every article index in sort order (recomputed when the sort changes).
    order: Vec<usize>,
    /// Article indices in sort order, filtered.
    pub article_rows: Vec<usize>,
    /// `(article, statement)` in list order, filtered.
    pub statement_rows: Vec<(usize, usize)>,
    pub article_list: ListView,
    pub statement_list: ListView,
    /// Marked articles, in marking order.
    pub marked: Vec<usize>,
    pub reader: ReaderView,
    pub compare: CompareView,
    /// Stories and alignments, once every article is tagged.
    pub stories: Option<Stories>,
    /// Stories the runtime should build in the background.
    pub stories_request: Option<StoriesRequest>,
    /// Whether the article list is grouped by story (it is only while the
    /// stories exist).
    pub grouped: bool,
    /// The grouped article list's rows (empty when not grouped); the
    /// article list cursor indexes them while grouped.
    pub list_rows: Vec<ListRow>,
    pub coverage: CoverageView,
    /// A coverage number the statement list is narrowed to.
    pub count_filter: Option<CountTarget>,
    pub filter: FilterState,
    pub help: bool,
    /// The first key the help overlay shows: it scrolls when the terminal is
    /// shorter than the list of keys.
    pub help_top: usize,
    pub status: Status,
    /// The tagging pass whose results are accepted.
    pub generation: u64,
    /// How many articles the current tagging pass has delivered.
    pub tagged_this_pass: usize,
    pub quit: bool,
    /// A lexicon entry the runtime should open in `$EDITOR`.
    pub editor_request: Option<Origin>,
    /// Stored articles' read state, and store work for the runtime.
    pub reading: Reading,
}

/// How the reader starts.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    pub layout: LayoutOptions,
    pub sort: ListSort,
    pub sync_scroll: bool,
    pub directory: Directory,
    pub source: String,
}

impl State {
    pub fn new(articles: Vec<Article>, options: StartOptions) -> State {
        let count = articles.len();
        let mut state = State {
            articles: Arc::new(articles),
            statements: vec![None; count],
            directory: options.directory,
            layout: options.layout,
            cache: LayoutCache::default(),
            text_memo: TextMemo::default(),
            screen: Screen::Articles,
            viewport: Area::new(0, 0, 80, 24),
            sort: options.sort,
            order: Vec::new(),
            article_rows: Vec::new(),
            statement_rows: Vec::new(),
            article_list: ListView::default(),
            statement_list: ListView::default(),
            marked: Vec::new(),
            reader: ReaderView::default(),
            compare: CompareView {
                synced: options.sync_scroll,
                ..CompareView::default()
            },
            stories: None,
            stories_request: None,
            grouped: false,
            list_rows: Vec::new(),
            coverage: CoverageView::default(),
            count_filter: None,
            filter: FilterState::default(),
            help: false,
            help_top: 0,
            status: Status {
                source: options.source,
                ..Status::default()
            },
            generation: 0,
            tagged_this_pass: 0,
            quit: false,
            editor_request: None,
            reading: Reading::default(),
        };
        for index in 0..count {
            state.reindex(index);
        }
        state.resort();
        state
    }

    /// How many articles have their statements.
    pub fn analysed(&self) -> usize {
        self.statements.iter().filter(|s| s.is_some()).count()
    }

    /// The statements of article `index` (empty until tagged).
    pub fn statements_of(&self, index: usize) -> &[Statement] {
        self.statements.get(index).map_or(&[], tagged_statements)
    }

    /// Whether the filter line is on screen.
    pub fn filter_shown(&self) -> bool {
        self.filter.editing || !self.filter.input.is_empty()
    }

    pub fn main_area(&self) -> Area {
        geometry::screen_areas(self.viewport, self.filter_shown()).main
    }

    pub fn reader_areas(&self) -> ReaderAreas {
        geometry::reader_areas(self.main_area(), self.reader.explaining)
    }

    /// The rows of the article and statement lists.
    /// Keys the help overlay shows at once.
    pub fn help_rows(&self) -> usize {
        let popup = geometry::help_popup(self.viewport, Action::bindable().len());
        usize::from(popup.height.saturating_sub(2))
    }

    pub fn list_rows_area(&self) -> Area {
        geometry::list_areas(self.main_area()).1
    }

    /// Article `index` laid out at `width`, from the cache.
    pub fn lines(&self, index: usize, width: u16) -> Option<Rc<ArticleLines>> {
        let article = self.articles.get(index)?;
        Some(
            self.cache
                .get(index, article, usize::from(width), &self.layout),
        )
    }

    /// The open article's laid-out lines at the reader's text width.
    pub fn reader_lines(&self) -> Option<Rc<ArticleLines>> {
        self.lines(self.reader.article, self.reader_areas().text.width)
    }

    /// The row where each statement of article `index` starts, by statement
    /// index (`None` when its start is not on any row).
    pub fn statement_starts(&self, index: usize, lines: &ArticleLines) -> Vec<Option<usize>> {
        self.statements_of(index)
            .iter()
            .map(|s| lines.row_of(s.range.start()))
            .collect()
    }

    /// Who the article's statements blame and support, and how often: most
    /// frequent first, blames before supports.
    pub fn stance_summary(&self, index: usize) -> Vec<(Relation, Name, usize)> {
        let mut counts: BTreeMap<(Relation, Name), usize> = BTreeMap::new();
        for statement in self.statements_of(index) {
            for party in statement.blames() {
                *counts.entry((Relation::Blames, party.clone())).or_default() += 1;
            }
            for party in statement.supports() {
                *counts
                    .entry((Relation::Supports, party.clone()))
                    .or_default() += 1;
            }
        }
        let mut summary: Vec<_> = counts.into_iter().map(|((r, p), n)| (r, p, n)).collect();
        summary.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(&b.1)));
        summary
    }

    /// The statement of `article` aligned with the compare view's selected
    /// statement (the selected statement itself in its own pane).
    pub fn compare_highlight(&self, article: usize) -> Option<usize> {
        let (selected_article, statement) = self.compare.selected?;
        if selected_article == article {
            return Some(statement);
        }
        let stories = self.stories.as_ref()?;
        let story = *stories.story_of.get(selected_article)?;
        let reference = mizan_engine::corpus::align::StatementRef {
            article: selected_article,
            statement,
        };
        stories.alignments[story]
            .counterparts(reference)
            .into_iter()
            .find(|other| other.article == article)
            .map(|other| other.statement)
    }

    /// Whether no article of another outlet in its story reports statement
    /// `statement` of `article` (`false` until the stories are built).
    pub fn carried_by_one_outlet(&self, article: usize, statement: usize) -> bool {
        self.outlets_carrying(article, statement) == Some(1)
    }

    /// How many outlets of its story report statement `statement` of
    /// `article` (`None` until the stories are built, and for a story only
    /// one outlet covers).
    pub fn outlets_carrying(&self, article: usize, statement: usize) -> Option<usize> {
        let count = self
            .stories
            .as_ref()?
            .outlet_counts
            .get(article, statement)?;
        (count > 0).then_some(usize::from(count))
    }

    /// The statement under the list cursor, as `(article, statement)`.
    pub fn selected_statement_row(&self) -> Option<(usize, usize)> {
        self.statement_rows.get(self.statement_list.cursor).copied()
    }

    /// The article under the list cursor (none on a story header).
    pub fn selected_article_row(&self) -> Option<usize> {
        if self.grouped {
            return match self.list_rows.get(self.article_list.cursor) {
                Some(ListRow::Article(article)) => Some(*article),
                _ => None,
            };
        }
        self.article_rows.get(self.article_list.cursor).copied()
    }

    /// Recomputes article `index`'s filter haystacks.
    pub(super) fn reindex(&mut self, index: usize) {
        let Some(article) = self.articles.get(index) else {
            return;
        };
        let statements = self
            .statements
            .get(index)
            .map_or(&[][..], tagged_statements);
        self.filter.index.set_article(index, article, statements);
    }

    /// Recomputes the visible rows of both lists from the sort and the
    /// filter's matches, keeping the cursors in range.
    pub(super) fn rebuild_rows(&mut self) {
        let order = &self.order;
        let (article_rows, statement_rows) = match &self.filter.matches {
            None => {
                let mut statements = Vec::with_capacity(self.filter.index.statement_count());
                for &a in order {
                    statements.extend((0..self.statements_of(a).len()).map(|s| (a, s)));
                }
                (order.clone(), statements)
            }
            Some(matches) => {
                // Each article's slice of the matches (they come grouped by
                // article), so the rows follow the sort order in one pass.
                let mut slices = vec![(0, 0); self.articles.len()];
                let mut kept = vec![false; self.articles.len()];
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
        };
        self.article_rows = article_rows;
        self.statement_rows = match &self.count_filter {
            None => statement_rows,
            Some(target) => statement_rows
                .into_iter()
                .filter(|&(a, s)| {
                    target.articles.contains(&a)
                        && self
                            .statements_of(a)
                            .get(s)
                            .is_some_and(|statement| target.filter.matches(statement))
                })
                .collect(),
        };
        self.regroup();
        let height = usize::from(self.list_rows_area().height);
        let articles = self.article_list_len();
        clamp_list(&mut self.article_list, articles, height);
        clamp_list(&mut self.statement_list, self.statement_rows.len(), height);
    }

    /// Re-sorts the articles by `self.sort` and rebuilds the rows.
    pub(super) fn resort(&mut self) {
        self.order = self.sorted_articles();
        self.rebuild_rows();
    }

    fn sorted_articles(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.articles.len()).collect();
        let a = &self.articles;
        let outlet = |i: usize| fold(a[i].meta.outlet.as_deref().unwrap_or(""));
        let date = |i: usize| a[i].meta.date.clone().unwrap_or_default();
        match self.sort {
            ListSort::Date => order.sort_by_cached_key(|&i| std::cmp::Reverse(date(i))),
            ListSort::Outlet => {
                order.sort_by_cached_key(|&i| (outlet(i), std::cmp::Reverse(date(i))))
            }
            ListSort::Title => order.sort_by_cached_key(|&i| fold(&a[i].title)),
        }
        order
    }
}

/// Keeps a list's cursor inside `len` rows and on screen in `height` rows.
pub(super) fn clamp_list(list: &mut ListView, len: usize, height: usize) {
    list.cursor = list.cursor.min(len.saturating_sub(1));
    let height = height.max(1);
    if list.cursor < list.top {
        list.top = list.cursor;
    } else if list.cursor >= list.top + height {
        list.top = list.cursor + 1 - height;
    }
    list.top = list.top.min(len.saturating_sub(height));
}
