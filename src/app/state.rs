//! The reader's whole state: the [`Library`] of articles and what tagging
//! found in them, the [`Listing`] of the two lists, which screen is showing
//! and where each pane stands. Its fields are private to `app`: outside it
//! the state is read through accessors and changed only by
//! [`super::update`], so the tests drive it exactly as a person does.
//! Queries that both `update` and the widgets need (statement rows, stance
//! summaries, outlet counts) live here so the two never disagree.

use super::Action;
use super::coverage::{CoverageView, Stories, StoriesRequest};
use super::directory::Directory;
use super::geometry::{self, Area, PaneAreas, ReaderAreas};
use super::library::Library;
use super::lines::{LayoutCache, TextMemo};
use super::listing::{FilterState, Listing};
use super::omitted::OmittedList;
use super::reading::Reading;
use super::requests::Request;
use super::search::ArticleSearch;
use crate::config::ListSort;
use mizan_engine::corpus::Article;
use mizan_engine::lexicon::{Name, Origin};
use mizan_engine::tagger::{Relation, Statement};
use mizan_store::ReadChange;
use mizan_text::layout::{ArticleLines, LayoutOptions};
use std::collections::BTreeMap;
use std::rc::Rc;

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
    /// The search within the article, while it stands.
    pub search: Option<ArticleSearch>,
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
    /// Whether the selected statement's explanation is open below the panes.
    pub explaining: bool,
    /// Which tag of the explained statement `edit_lexicon` opens.
    pub evidence: usize,
    /// The list of what the other panes quote that the focused one omits,
    /// while it is open.
    pub omitted: Option<OmittedList>,
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

/// The reader. Every field is private to `app`: `update` changes it, the
/// widgets and tests read it through the accessors below.
#[derive(Debug)]
pub struct State {
    pub(super) library: Library,
    pub(super) listing: Listing,
    pub(super) layout: LayoutOptions,
    cache: LayoutCache,
    text_memo: TextMemo,
    pub(super) screen: Screen,
    /// Marked articles, in marking order.
    pub(super) marked: Vec<usize>,
    pub(super) reader: ReaderView,
    pub(super) compare: CompareView,
    /// Stories the runtime should build in the background.
    pub(super) stories_request: Option<StoriesRequest>,
    pub(super) coverage: CoverageView,
    pub(super) help: bool,
    /// The first key the help overlay shows: it scrolls when the terminal is
    /// shorter than the list of keys.
    pub(super) help_top: usize,
    pub(super) status: Status,
    /// The tagging pass whose results are accepted.
    pub(super) generation: u64,
    /// How many articles the current tagging pass has delivered.
    pub(super) tagged_this_pass: usize,
    pub(super) quit: bool,
    /// A lexicon entry the runtime should open in `$EDITOR`.
    pub(super) editor_request: Option<Origin>,
    /// Articles' read state, and store work for the runtime.
    pub(super) reading: Reading,
    /// What the runtime is asked to do outside the reader.
    pub(super) requests: Vec<Request>,
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
        let library = Library::new(articles, options.directory);
        let listing = Listing::new(&library, options.sort, Area::new(0, 0, 80, 24));
        State {
            library,
            listing,
            layout: options.layout,
            cache: LayoutCache::default(),
            text_memo: TextMemo::default(),
            screen: Screen::Articles,
            marked: Vec::new(),
            reader: ReaderView::default(),
            compare: CompareView {
                synced: options.sync_scroll,
                ..CompareView::default()
            },
            stories_request: None,
            coverage: CoverageView::default(),
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
            requests: Vec::new(),
        }
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn articles(&self) -> &[Article] {
        self.library.articles()
    }

    pub fn directory(&self) -> &Directory {
        self.library.directory()
    }

    /// Stories and alignments, once every article is tagged.
    pub fn stories(&self) -> Option<&Stories> {
        self.library.stories()
    }

    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    pub fn filter(&self) -> &FilterState {
        self.listing.filter()
    }

    /// Article indices in sort order, filtered.
    pub fn article_rows(&self) -> &[usize] {
        self.listing.article_rows()
    }

    /// `(article, statement)` in list order, filtered.
    pub fn statement_rows(&self) -> &[(usize, usize)] {
        self.listing.statement_rows()
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The terminal size.
    pub fn viewport(&self) -> Area {
        self.listing.viewport()
    }

    pub fn layout(&self) -> &LayoutOptions {
        &self.layout
    }

    /// Short texts laid out, memoised for the widgets.
    pub fn text_memo(&self) -> &TextMemo {
        &self.text_memo
    }

    /// Marked articles, in marking order.
    pub fn marked(&self) -> &[usize] {
        &self.marked
    }

    pub fn reader(&self) -> &ReaderView {
        &self.reader
    }

    pub fn compare(&self) -> &CompareView {
        &self.compare
    }

    pub fn coverage(&self) -> &CoverageView {
        &self.coverage
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Whether the help overlay is open.
    pub fn help_shown(&self) -> bool {
        self.help
    }

    /// The first key the help overlay shows.
    pub fn help_top(&self) -> usize {
        self.help_top
    }

    pub fn reading(&self) -> &Reading {
        &self.reading
    }

    /// The tagging pass whose results are accepted.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the user asked to quit.
    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    /// The stories to build in the background, once asked for.
    pub fn take_stories_request(&mut self) -> Option<StoriesRequest> {
        self.stories_request.take()
    }

    /// The lexicon entry to open in `$EDITOR`, once asked for.
    pub fn take_editor_request(&mut self) -> Option<Origin> {
        self.editor_request.take()
    }

    /// The read-state changes the store has not been told about yet.
    pub fn take_read_changes(&mut self) -> Vec<ReadChange> {
        self.reading.take_changes()
    }

    /// Whether a refresh of the feeds was asked for since the last call.
    pub fn take_refresh_request(&mut self) -> bool {
        self.reading.take_refresh_request()
    }

    /// How many articles have their statements.
    pub fn analysed(&self) -> usize {
        self.library.analysed()
    }

    /// The statements of article `index` (empty until tagged).
    pub fn statements_of(&self, index: usize) -> &[Statement] {
        self.library.statements_of(index)
    }

    /// The search of the open article, when the reader shows one.
    pub fn article_search(&self) -> Option<&ArticleSearch> {
        self.reader
            .search
            .as_ref()
            .filter(|_| self.screen == Screen::Reader)
    }

    /// Whether the line above the status bar is on screen: the article's
    /// search in the reader while it stands, else the filter.
    pub fn input_line_shown(&self) -> bool {
        self.article_search().is_some() || self.filter().shown()
    }

    /// Whether keys go to a line being typed (the filter or the search).
    pub fn typing(&self) -> bool {
        match self.article_search() {
            Some(search) => search.prompt().editing(),
            None => self.filter().prompt().editing(),
        }
    }

    pub fn main_area(&self) -> Area {
        geometry::screen_areas(self.viewport(), self.input_line_shown()).main
    }

    pub fn reader_areas(&self) -> ReaderAreas {
        let main = self.main_area();
        geometry::reader_areas(main, self.explanation_rows(main.width))
    }

    /// The comparison's panes, above the explanation panel when one is
    /// open.
    pub fn compare_areas(&self) -> Vec<PaneAreas> {
        let panes = self.compare_explanation_split().0;
        geometry::compare_areas(panes, self.compare.articles.len())
    }

    /// The comparison's explanation panel, when open.
    pub fn compare_explanation_area(&self) -> Option<Area> {
        self.compare_explanation_split().1
    }

    fn compare_explanation_split(&self) -> (Area, Option<Area>) {
        let main = self.main_area();
        geometry::explanation_split(main, self.explanation_rows(main.width))
    }

    /// Keys the help overlay shows at once.
    pub fn help_rows(&self) -> usize {
        let popup = geometry::help_popup(self.viewport(), Action::bindable().len());
        usize::from(popup.height.saturating_sub(2))
    }

    pub fn list_rows_area(&self) -> Area {
        geometry::list_areas(self.main_area()).1
    }

    /// Article `index` laid out at `width`, from the cache.
    pub fn lines(&self, index: usize, width: u16) -> Option<Rc<ArticleLines>> {
        let article = self.library.article(index)?;
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

    /// The statements of article `index` that start on a row of `lines`,
    /// as `(row, statement)` in reading order.
    pub fn statements_by_row(&self, index: usize, lines: &ArticleLines) -> Vec<(usize, usize)> {
        let mut order: Vec<(usize, usize)> = self
            .statement_starts(index, lines)
            .into_iter()
            .enumerate()
            .filter_map(|(statement, row)| row.map(|row| (row, statement)))
            .collect();
        order.sort_unstable();
        order
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
        let stories = self.stories()?;
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
        let count = self.stories()?.outlet_counts.get(article, statement)?;
        (count > 0).then_some(usize::from(count))
    }

    /// The statement under the list cursor, as `(article, statement)`.
    pub fn selected_statement_row(&self) -> Option<(usize, usize)> {
        self.listing.selected_statement()
    }

    /// The article under the list cursor (none on a story header).
    pub fn selected_article_row(&self) -> Option<usize> {
        self.listing.selected_article()
    }
}
