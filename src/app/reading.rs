//! Read state and refresh: which articles are read and starred, the
//! changes the store still has to be told about, moving to the next unread
//! article, and whether a refresh of the feeds is asked for or running.
//! A stored article's state is kept by its id; a local file's by the hash
//! of its text, once the runtime says there is a store to keep it in (the
//! same text read again from anywhere keeps its state). No I/O here: the
//! runtime takes the requests and does the work off the UI thread, and the
//! outcomes come back as actions.

use super::action::Action;
use super::grouping::ListRow;
use super::state::{Screen, State};
use mizan_engine::corpus::Article;
use mizan_store::stored::stored_id;
use mizan_store::{ReadChange, ReadState};
use mizan_text::stable_hash;
use std::collections::HashMap;

/// Whose read state: a stored article's, or a local file's.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ReadKey {
    /// By store id.
    Stored(i64),
    /// By the hash of the file's text.
    Local(String),
}

/// The read state of the articles and the pending store work.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    stored: HashMap<i64, ReadState>,
    local: HashMap<String, ReadState>,
    /// Whether local files keep a read state: there is a store to keep it.
    local_kept: bool,
    changes: Vec<ReadChange>,
    refresh_requested: bool,
    refreshing: bool,
}

impl Reading {
    /// The read state of `article`; `None` for a local file while local
    /// files keep none.
    pub fn state_of(&self, article: &Article) -> Option<ReadState> {
        let key = self.key_of(article, || stable_hash([article.source.as_bytes()]))?;
        Some(self.get(&key))
    }

    /// Whose read state `article`'s is; `hash` gives its text's hash.
    fn key_of(&self, article: &Article, hash: impl FnOnce() -> String) -> Option<ReadKey> {
        match stored_id(article) {
            Some(id) => Some(ReadKey::Stored(id)),
            None => self.local_kept.then(|| ReadKey::Local(hash())),
        }
    }

    fn get(&self, key: &ReadKey) -> ReadState {
        let found = match key {
            ReadKey::Stored(id) => self.stored.get(id),
            ReadKey::Local(hash) => self.local.get(hash),
        };
        found.copied().unwrap_or_default()
    }

    /// The changes the store has not been told about yet, oldest first.
    pub(super) fn take_changes(&mut self) -> Vec<ReadChange> {
        std::mem::take(&mut self.changes)
    }

    /// Whether a refresh was asked for since the last call.
    pub(super) fn take_refresh_request(&mut self) -> bool {
        std::mem::take(&mut self.refresh_requested)
    }

    /// Whether a refresh is running.
    pub fn refreshing(&self) -> bool {
        self.refreshing
    }

    /// Changes `key`'s state, queues the change for the store and returns
    /// the new state.
    fn set(&mut self, key: ReadKey, change: impl FnOnce(&mut ReadState)) -> ReadState {
        let before = self.get(&key);
        let mut after = before;
        change(&mut after);
        match key {
            ReadKey::Stored(id) => {
                self.stored.insert(id, after);
                if after.read != before.read {
                    let read = after.read;
                    self.changes.push(ReadChange::Read { id, read });
                }
                if after.starred != before.starred {
                    let starred = after.starred;
                    self.changes.push(ReadChange::Starred { id, starred });
                }
            }
            ReadKey::Local(hash) => {
                self.local.insert(hash.clone(), after);
                self.changes.push(ReadChange::Local { hash, state: after });
            }
        }
        after
    }
}

impl State {
    /// The read state of article `index`; `None` for a local file while
    /// local files keep none.
    pub fn read_state(&self, index: usize) -> Option<ReadState> {
        Some(self.reading.get(&self.read_key(index)?))
    }

    fn read_key(&self, index: usize) -> Option<ReadKey> {
        let article = self.library.article(index)?;
        self.reading.key_of(article, || {
            self.library
                .content_hash(index)
                .unwrap_or_default()
                .to_string()
        })
    }

    /// Whether article `index` is unread (local files that keep no read
    /// state are neither).
    fn unread(&self, index: usize) -> bool {
        self.read_state(index).is_some_and(|flags| !flags.read)
    }
}

/// Applies the read-state and refresh actions.
pub(super) fn update(state: &mut State, action: Action) {
    match action {
        Action::ToggleRead => toggle(state, |flags| flags.read = !flags.read),
        Action::ToggleStar => toggle(state, |flags| flags.starred = !flags.starred),
        Action::NextUnread => next_unread(state, true),
        Action::PrevUnread => next_unread(state, false),
        Action::Refresh => request_refresh(state),
        Action::ReadStatesLoaded(states) => state.reading.stored.extend(states),
        Action::LocalReadStatesLoaded(states) => {
            state.reading.local_kept = true;
            state.reading.local.extend(states);
        }
        Action::RefreshFinished(outcome) => {
            state.reading.refreshing = false;
            state.status.message = Some(outcome);
        }
        _ => {}
    }
}

/// Opening an article marks it read.
pub(super) fn opened(state: &mut State, article: usize) {
    let Some(key) = state.read_key(article) else {
        return;
    };
    if !state.reading.get(&key).read {
        state.reading.set(key, |flags| flags.read = true);
    }
}

fn toggle(state: &mut State, change: impl FnOnce(&mut ReadState)) {
    match article_in_view(state).and_then(|article| state.read_key(article)) {
        Some(key) => {
            let flags = state.reading.set(key, change);
            state.status.message = Some(describe(flags));
        }
        None => state.status.message = Some("local files have no read state".into()),
    }
}

fn describe(flags: ReadState) -> String {
    let read = if flags.read { "read" } else { "unread" };
    let starred = if flags.starred { ", starred" } else { "" };
    format!("marked {read}{starred}")
}

/// The article the current screen is on.
pub(super) fn article_in_view(state: &State) -> Option<usize> {
    match state.screen {
        Screen::Articles => state.selected_article_row(),
        Screen::Statements => state.selected_statement_row().map(|(a, _)| a),
        Screen::Reader => Some(state.reader.article),
        Screen::Compare => state.compare.articles.get(state.compare.focus).copied(),
        Screen::Coverage => None,
    }
}

/// Goes to the next (or previous) unread article: in the lists the cursor
/// moves to its row, in the reader it opens.
fn next_unread(state: &mut State, forward: bool) {
    let found = match state.screen {
        Screen::Articles => {
            let cursor = state.listing.article_list().cursor;
            let rows = (0..state.listing.article_list_len()).map(|position| {
                let row = state.listing.article_list_row(position);
                let unread = matches!(row, Some(ListRow::Article(a)) if state.unread(a));
                (position, unread)
            });
            let found = nearest(rows, cursor, forward);
            found.map(|row| state.listing.move_articles(row as isize - cursor as isize))
        }
        Screen::Statements => {
            let cursor = state.listing.statement_list().cursor;
            let rows = state.statement_rows().iter().enumerate();
            let rows = rows.map(|(position, &(article, _))| (position, state.unread(article)));
            let found = nearest(rows, cursor, forward);
            found.map(|row| {
                state
                    .listing
                    .move_statements(row as isize - cursor as isize)
            })
        }
        Screen::Reader => open_next_unread(state, forward),
        Screen::Compare | Screen::Coverage => {
            state.status.message = Some("J and K go through the lists and the reader".into());
            return;
        }
    };
    if found.is_none() {
        let direction = if forward { "below" } else { "above" };
        state.status.message = Some(format!("no unread article {direction}"));
    }
}

/// The first position after (or before) `from` whose flag is set.
fn nearest(
    rows: impl DoubleEndedIterator<Item = (usize, bool)>,
    from: usize,
    forward: bool,
) -> Option<usize> {
    let unread = |&(position, unread): &(usize, bool)| unread.then_some(position);
    if forward {
        rows.filter(|&(position, _)| position > from)
            .find_map(|row| unread(&row))
    } else {
        rows.rev()
            .filter(|&(position, _)| position < from)
            .find_map(|row| unread(&row))
    }
}

/// Opens the unread article after (or before) the open one in the article
/// list's order.
fn open_next_unread(state: &mut State, forward: bool) -> Option<()> {
    let rows = state.article_rows();
    let from = rows.iter().position(|&a| a == state.reader.article)?;
    let listed = rows.iter().copied().enumerate();
    let candidates = listed.map(|(position, article)| (position, state.unread(article)));
    let row = nearest(candidates, from, forward)?;
    let article = state.article_rows()[row];
    let return_to = state.reader.return_to;
    super::update::open_reader(state, article, None, return_to);
    state.listing.select_article(article);
    Some(())
}

fn request_refresh(state: &mut State) {
    if state.reading.refreshing {
        state.status.message = Some("a refresh is already running".into());
        return;
    }
    state.reading.refreshing = true;
    state.reading.refresh_requested = true;
    state.status.message = Some("refreshing the feeds…".into());
}
