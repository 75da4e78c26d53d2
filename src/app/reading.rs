//! Read state and refresh, for stored articles: which are read and starred,
//! the changes the store still has to be told about, and whether a refresh
//! of the feeds is asked for or running. Local files have no read state.
//! No I/O here: the runtime takes the requests and does the work off the UI
//! thread, and the outcomes come back as actions.

use super::action::Action;
use super::state::{Screen, State};
use mizan_engine::corpus::Article;
use mizan_store::stored::stored_id;
use mizan_store::{ReadChange, ReadState};
use std::collections::HashMap;

/// The read state of the stored articles and the pending store work.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    states: HashMap<i64, ReadState>,
    changes: Vec<ReadChange>,
    refresh_requested: bool,
    refreshing: bool,
}

impl Reading {
    /// The read state of `article`; `None` for a local file.
    pub fn state_of(&self, article: &Article) -> Option<ReadState> {
        let id = stored_id(article)?;
        Some(self.states.get(&id).copied().unwrap_or_default())
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

    /// Changes article `id`'s state, queues the change for the store and
    /// returns the new state.
    fn set(&mut self, id: i64, change: impl FnOnce(&mut ReadState) -> ReadChange) -> ReadState {
        let state = self.states.entry(id).or_default();
        let change = change(state);
        let now = *state;
        self.changes.push(change);
        now
    }
}

/// Applies the read-state and refresh actions.
pub(super) fn update(state: &mut State, action: Action) {
    match action {
        Action::ToggleRead => toggle(state, |flags, id| {
            flags.read = !flags.read;
            ReadChange::Read {
                id,
                read: flags.read,
            }
        }),
        Action::ToggleStar => toggle(state, |flags, id| {
            flags.starred = !flags.starred;
            ReadChange::Starred {
                id,
                starred: flags.starred,
            }
        }),
        Action::Refresh => request_refresh(state),
        Action::ReadStatesLoaded(states) => state.reading.states.extend(states),
        Action::RefreshFinished(outcome) => {
            state.reading.refreshing = false;
            state.status.message = Some(outcome);
        }
        _ => {}
    }
}

/// Opening a stored article marks it read.
pub(super) fn opened(state: &mut State, article: usize) {
    let Some(id) = state.articles().get(article).and_then(stored_id) else {
        return;
    };
    if !state.reading.states.get(&id).is_some_and(|s| s.read) {
        state.reading.set(id, |flags| {
            flags.read = true;
            ReadChange::Read { id, read: true }
        });
    }
}

fn toggle(state: &mut State, change: impl FnOnce(&mut ReadState, i64) -> ReadChange) {
    let id = article_in_view(state).and_then(|article| stored_id(&state.articles()[article]));
    match id {
        Some(id) => {
            let flags = state.reading.set(id, |flags| change(flags, id));
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
fn article_in_view(state: &State) -> Option<usize> {
    match state.screen {
        Screen::Articles => state.selected_article_row(),
        Screen::Statements => state.selected_statement_row().map(|(a, _)| a),
        Screen::Reader => Some(state.reader.article),
        Screen::Compare => state.compare.articles.get(state.compare.focus).copied(),
        Screen::Coverage => None,
    }
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
