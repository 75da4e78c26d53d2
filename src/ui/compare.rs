//! The comparison screen: 2 to 4 articles side by side, each with a header
//! (outlet, stance summary; the focused one highlighted) over its body.

use super::article::{BodyView, draw_body, summary};
use super::text::header_text;
use super::theme;
use crate::app::State;
use crate::app::geometry::compare_areas;
use ratatui::Frame;
use ratatui::text::{Line, Span};

pub fn draw(frame: &mut Frame, state: &State) {
    let panes = compare_areas(state.main_area(), state.compare.articles.len());
    for (pane, area) in panes.iter().enumerate() {
        let (Some(&article), Some(&top)) = (
            state.compare.articles.get(pane),
            state.compare.tops.get(pane),
        ) else {
            continue;
        };
        if let Some(header) = area.header {
            let outlet = state.articles[article]
                .meta
                .outlet
                .as_deref()
                .unwrap_or("?");
            let sync = if state.compare.synced {
                ""
            } else {
                " (unsynced)"
            };
            let style = if pane == state.compare.focus {
                theme::cursor_row_style()
            } else {
                theme::header_style()
            };
            let mut spans: Vec<Span> =
                header_text(&format!("{outlet}{sync} "), header.width, state)
                    .into_iter()
                    .map(|span| span.style(style))
                    .collect();
            spans.extend(summary(state, article));
            frame.render_widget(Line::from(spans), header);
        }
        let view = BodyView {
            article,
            top,
            text: area.text,
            gutter: None,
            selected: None,
        };
        draw_body(frame.buffer_mut(), state, &view);
        if let Some(separator) = area.separator {
            for y in separator.y..separator.y + separator.height {
                frame
                    .buffer_mut()
                    .set_string(separator.x, y, "│", theme::dim_style());
            }
        }
    }
}
