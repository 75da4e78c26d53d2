//! ratatui widgets that borrow the reader's state and draw it. They never
//! mutate state (the layout cache they fill is a memo). `keymap` is the only
//! place crossterm key types appear; `runtime` owns the terminal, the event
//! loop and the background threads, `watch` the file watch of live reload.

mod article;
mod chrome;
mod compare;
mod coverage;
mod external;
pub mod keymap;
mod lists;
mod reader;
pub mod runtime;
mod text;
mod theme;
mod watch;

use crate::app::geometry::{Area, screen_areas};
use crate::app::{Screen, State};
use keymap::Keymap;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the whole screen for `state`.
pub fn draw(frame: &mut Frame, state: &State, keymap: &Keymap) {
    let areas = screen_areas(frame.area().into(), state.input_line_shown());
    if areas.main.width == 0 || frame.area().height == 0 {
        return;
    }
    match state.screen() {
        Screen::Articles => lists::draw_articles(frame, state),
        Screen::Statements => lists::draw_statements(frame, state),
        Screen::Reader => reader::draw(frame, state),
        Screen::Compare => compare::draw(frame, state),
        Screen::Coverage => coverage::draw(frame, state),
    }
    if let Some(line) = areas.filter {
        chrome::draw_input_line(frame, state, line.into());
    }
    if let Some(status) = areas.status {
        chrome::draw_status(frame, state, status.into());
    }
    if state.help_shown() {
        chrome::draw_help(frame, state, keymap);
    }
}

/// The reader's geometry where ratatui draws it.
impl From<Area> for Rect {
    fn from(area: Area) -> Rect {
        Rect::new(area.x, area.y, area.width, area.height)
    }
}

impl From<Rect> for Area {
    fn from(rect: Rect) -> Area {
        Area::new(rect.x, rect.y, rect.width, rect.height)
    }
}
