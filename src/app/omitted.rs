//! "What the others quote that this pane omits": in a comparison, the
//! aligned statement groups that a statement of another pane belongs to and
//! no statement of the focused pane does (a statement no other article
//! reports is a group of one, so unaligned statements are listed too).
//!
//! The list is modal while open: the movement keys move its cursor, Enter
//! scrolls the pane that carries the chosen statement to it and selects it
//! (its counterparts light up as after `n`), Tab moves the focus and lists
//! the new pane's omissions, Esc closes.

use super::action::Action;
use super::state::{Screen, State};
use super::update::PaneScroll;
use super::words::counted;
use mizan_engine::corpus::align::StatementRef;
use std::collections::BTreeSet;

/// One statement the focused pane omits, as the other panes carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OmittedEntry {
    /// Its statements in the compared panes, in pane order: the first is
    /// the one shown and jumped to.
    pub members: Vec<StatementRef>,
}

/// The open list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OmittedList {
    /// The pane whose omissions are listed.
    pub pane: usize,
    pub entries: Vec<OmittedEntry>,
    pub cursor: usize,
}

/// Screen rows an entry takes: who and where, then the statement.
pub const ENTRY_HEIGHT: usize = 2;

/// What the other panes carry that pane `pane` does not, in pane order and
/// within a pane in the order of the text.
pub fn omitted_by_pane(state: &State, pane: usize) -> Vec<OmittedEntry> {
    let panes = &state.compare.articles;
    let (Some(stories), Some(&focused)) = (state.stories(), panes.get(pane)) else {
        return Vec::new();
    };
    let pane_of = |article: usize| panes.iter().position(|&a| a == article);
    let mut seen = BTreeSet::new();
    let mut entries = Vec::new();
    for &other in panes.iter().filter(|&&a| a != focused) {
        let Some(alignment) = stories
            .story_of
            .get(other)
            .and_then(|&story| stories.alignments.get(story).map(|a| (story, a)))
        else {
            continue;
        };
        let (story, alignment) = alignment;
        for (index, group) in alignment.groups().enumerate() {
            let in_other = group.members.iter().any(|m| m.article == other);
            let in_focused = group.members.iter().any(|m| m.article == focused);
            if !in_other || in_focused || !seen.insert((story, index)) {
                continue;
            }
            // A re-tagging may have moved statements since the stories were
            // built: keep only the ones that still exist.
            let mut members: Vec<StatementRef> = group
                .members
                .iter()
                .copied()
                .filter(|m| pane_of(m.article).is_some())
                .filter(|m| state.statements_of(m.article).get(m.statement).is_some())
                .collect();
            members.sort_by_key(|m| (pane_of(m.article), m.statement));
            if !members.is_empty() {
                entries.push(OmittedEntry { members });
            }
        }
    }
    entries
}

/// Opens the list for the focused pane (or closes it).
pub(super) fn toggle(state: &mut State) {
    if state.screen != Screen::Compare {
        state.status.message =
            Some("compare articles first (c): O lists what the others quote that one omits".into());
        return;
    }
    if state.compare.omitted.take().is_some() {
        return;
    }
    if state.stories().is_none() {
        state.status.message = Some("stories are ready once tagging is complete".into());
        return;
    }
    open_for(state, state.compare.focus);
}

fn open_for(state: &mut State, pane: usize) {
    let entries = omitted_by_pane(state, pane);
    if entries.is_empty() {
        state.compare.omitted = None;
        state.status.message = Some("the other panes quote nothing this one omits".into());
        return;
    }
    state.status.message = Some(format!(
        "{} the other panes carry and this one omits",
        counted(entries.len(), "statement")
    ));
    state.compare.omitted = Some(OmittedList {
        pane,
        entries,
        cursor: 0,
    });
}

/// Recomputes an open list after the stories were rebuilt.
pub(super) fn refresh(state: &mut State) {
    let Some(list) = &state.compare.omitted else {
        return;
    };
    let (pane, cursor) = (list.pane, list.cursor);
    let entries = omitted_by_pane(state, pane);
    state.compare.omitted = (!entries.is_empty()).then(|| OmittedList {
        pane,
        cursor: cursor.min(entries.len() - 1),
        entries,
    });
}

/// Handles `action` when the list is open; `false` leaves it to `update`.
pub(super) fn handle(state: &mut State, action: &Action) -> bool {
    if state.screen != Screen::Compare {
        return false;
    }
    let page = (usize::from(state.main_area().height).saturating_sub(2) / ENTRY_HEIGHT).max(1);
    let Some(list) = &mut state.compare.omitted else {
        return false;
    };
    let (cursor, last) = (list.cursor, list.entries.len().saturating_sub(1));
    let moved = |by: isize| cursor.saturating_add_signed(by).min(last);
    let page = page as isize;
    match action {
        Action::Up => list.cursor = moved(-1),
        Action::Down => list.cursor = moved(1),
        Action::PageUp => list.cursor = moved(-page),
        Action::PageDown => list.cursor = moved(page),
        Action::Home => list.cursor = 0,
        Action::End => list.cursor = last,
        Action::Open => jump(state),
        Action::Back | Action::Omitted => state.compare.omitted = None,
        Action::FocusNext | Action::FocusPrev => {
            let count = state.compare.articles.len().max(1);
            let step = if *action == Action::FocusNext {
                1
            } else {
                count - 1
            };
            state.compare.focus = (state.compare.focus + step) % count;
            open_for(state, state.compare.focus);
        }
        _ => return false,
    }
    true
}

/// Closes the list, scrolls the pane carrying the chosen statement so the
/// statement starts at its top, and selects it.
fn jump(state: &mut State) {
    let Some(list) = state.compare.omitted.take() else {
        return;
    };
    let Some(target) = list
        .entries
        .get(list.cursor)
        .and_then(|entry| entry.members.first())
        .copied()
    else {
        return;
    };
    let Some(pane) = state
        .compare()
        .articles
        .iter()
        .position(|&a| a == target.article)
    else {
        return;
    };
    super::update::scroll_pane_to(state, pane, target.statement, PaneScroll::ToTop);
    state.compare.selected = Some((target.article, target.statement));
    let outlet = state
        .articles()
        .get(target.article)
        .map_or("", super::coverage::outlet_of);
    state.status.message = Some(format!("in pane {} ({outlet})", pane + 1));
}
