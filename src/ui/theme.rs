//! Colours and badge glyphs: one colour per party (from `[colors]`, else a
//! stable pick from a palette), and the styles of highlighted statements.

use crate::app::Directory;
use ratatui::style::{Color, Modifier, Style};
use std::str::FromStr;

const PALETTE: [Color; 10] = [
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Magenta,
];

/// The colour of party `id`.
pub fn party_color(directory: &Directory, id: &str) -> Color {
    let configured = directory
        .party(id)
        .and_then(|p| p.color.as_deref())
        .and_then(|name| Color::from_str(name).ok());
    configured.unwrap_or_else(|| {
        let hash = id.bytes().fold(7usize, |h, b| {
            h.wrapping_mul(31).wrapping_add(usize::from(b))
        });
        PALETTE[hash % PALETTE.len()]
    })
}

pub fn statement_style() -> Style {
    Style::default().bg(Color::Indexed(236))
}

pub fn selected_statement_style() -> Style {
    Style::default().bg(Color::Indexed(24)).fg(Color::White)
}

pub fn cue_style() -> Style {
    Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn cursor_row_style() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn match_style() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// The search match `n`/`N` reached.
pub fn current_match_style() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// A party badge whose names the filter's terms matched.
pub fn matched_badge_style() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// The badge of a statement only one outlet carries.
pub fn single_outlet_style() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::LightYellow)
        .add_modifier(Modifier::BOLD)
}

pub fn header_style() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

pub fn dim_style() -> Style {
    Style::default().fg(Color::DarkGray)
}

pub fn error_style() -> Style {
    Style::default().fg(Color::White).bg(Color::Red)
}
