//! Where each part of the screen goes, as pure functions of the terminal
//! size. Both the widgets (to draw) and `update` (to know how many rows a pane
//! shows, which pane the mouse is over) use them, so they always agree.
//! Every function copes with any size, down to 0×0.

/// A rectangle of terminal cells. The reader's own type, so that its state
/// is free of the terminal library: the widgets convert it where they draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    /// The area at `x`, `y`, its size cut so that it ends within the `u16`
    /// coordinates.
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Area {
        Area {
            x,
            y,
            width: x.saturating_add(width) - x,
            height: y.saturating_add(height) - y,
        }
    }

    /// The smallest area holding both.
    pub fn union(self, other: Area) -> Area {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        let right = self.right().max(other.right());
        let bottom = self.bottom().max(other.bottom());
        Area {
            x,
            y,
            width: right.saturating_sub(x),
            height: bottom.saturating_sub(y),
        }
    }

    fn right(self) -> u16 {
        self.x.saturating_add(self.width)
    }

    fn bottom(self) -> u16 {
        self.y.saturating_add(self.height)
    }
}

/// Cells of the reader's badge gutter (plus one blank column after it).
pub const GUTTER_WIDTH: u16 = 14;
/// Below this width the reader has no gutter (badges would eat the text).
const GUTTER_MIN_TOTAL: u16 = 40;
/// Cells of a comparison pane's gutter, where each statement's badges
/// stand as in the reader's, wrapped over its rows (plus one blank column).
pub const PANE_GUTTER_WIDTH: u16 = 8;
/// Below this pane width the gutter holds only the outlet count.
const PANE_BADGES_MIN_WIDTH: u16 = 24;
/// Cells of a narrow pane's gutter: the outlet count (`1×`, `3×`) alone.
const PANE_COUNT_GUTTER_WIDTH: u16 = 4;
/// Below this pane width the pane has no gutter.
const PANE_GUTTER_MIN_WIDTH: u16 = 16;
/// Tallest explanation panel.
const EXPLANATION_MAX_HEIGHT: u16 = 12;
/// Below this many rows there is no room for an explanation panel.
const EXPLANATION_MIN_BODY: u16 = 4;
/// Widest help overlay.
const HELP_MAX_WIDTH: u16 = 76;

/// The parts of every screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScreenAreas {
    pub main: Area,
    pub filter: Option<Area>,
    pub status: Option<Area>,
}

/// Main area, the line being typed (the filter or a search, when shown and
/// there is room) and status bar.
pub fn screen_areas(area: Area, line_shown: bool) -> ScreenAreas {
    let mut main = area;
    let status = take_bottom(&mut main, 1);
    let filter = if line_shown && main.height >= 2 {
        take_bottom(&mut main, 1)
    } else {
        None
    };
    ScreenAreas {
        main,
        filter,
        status,
    }
}

/// The parts of the reader pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderAreas {
    pub header: Option<Area>,
    pub gutter: Option<Area>,
    pub text: Area,
    pub explanation: Option<Area>,
}

/// The reader pane; `explanation` is the height the open explanation
/// panel's content wants.
pub fn reader_areas(main: Area, explanation: Option<u16>) -> ReaderAreas {
    let mut body = main;
    let header = if body.height >= 2 {
        take_top(&mut body, 1)
    } else {
        None
    };
    let (body, explanation) = explanation_split(body, explanation);
    let (gutter, text) = if body.width >= GUTTER_MIN_TOTAL {
        let gutter = Area {
            width: GUTTER_WIDTH - 1,
            ..body
        };
        let text = Area {
            x: body.x + GUTTER_WIDTH,
            width: body.width - GUTTER_WIDTH,
            ..body
        };
        (Some(gutter), text)
    } else {
        (None, body)
    };
    ReaderAreas {
        header,
        gutter,
        text,
        explanation,
    }
}

/// `area` less an explanation panel at its bottom as tall as its content
/// wants (`wanted`), within half the area and [`EXPLANATION_MAX_HEIGHT`].
pub fn explanation_split(area: Area, wanted: Option<u16>) -> (Area, Option<Area>) {
    let mut body = area;
    let panel = match wanted {
        Some(wanted) if body.height >= EXPLANATION_MIN_BODY => {
            let height = wanted.min(body.height / 2).min(EXPLANATION_MAX_HEIGHT);
            take_bottom(&mut body, height)
        }
        _ => None,
    };
    (body, panel)
}

/// One pane of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaneAreas {
    /// The whole pane, for mouse hit tests.
    pub pane: Area,
    pub header: Option<Area>,
    /// The statements' badges (in a narrow pane their outlet counts
    /// alone), left of the text.
    pub gutter: Option<Area>,
    pub text: Area,
    /// The column that separates it from the next pane.
    pub separator: Option<Area>,
}

/// `count` equal panes side by side (the first ones one cell wider when the
/// width does not divide).
pub fn compare_areas(main: Area, count: usize) -> Vec<PaneAreas> {
    let count = count.max(1) as u16;
    let (base, extra) = (main.width / count, main.width % count);
    let mut x = main.x;
    (0..count)
        .map(|i| {
            let width = base + u16::from(i < extra);
            let mut pane = Area { x, width, ..main };
            x += width;
            let whole = pane;
            let separator = if i + 1 < count && pane.width >= 2 {
                pane.width -= 1;
                Some(Area {
                    x: pane.x + pane.width,
                    width: 1,
                    ..pane
                })
            } else {
                None
            };
            let header = if pane.height >= 2 {
                take_top(&mut pane, 1)
            } else {
                None
            };
            let gutter_width = match pane.width {
                w if w >= PANE_BADGES_MIN_WIDTH => PANE_GUTTER_WIDTH,
                w if w >= PANE_GUTTER_MIN_WIDTH => PANE_COUNT_GUTTER_WIDTH,
                _ => 0,
            };
            let gutter = (gutter_width > 0).then(|| {
                let gutter = Area {
                    width: gutter_width - 1,
                    ..pane
                };
                pane.x += gutter_width;
                pane.width -= gutter_width;
                gutter
            });
            PaneAreas {
                pane: whole,
                header,
                gutter,
                text: pane,
                separator,
            }
        })
        .collect()
}

/// The list area of the article and statement lists: one header row, then
/// the rows.
pub fn list_areas(main: Area) -> (Option<Area>, Area) {
    let mut rows = main;
    let header = if rows.height >= 2 {
        take_top(&mut rows, 1)
    } else {
        None
    };
    (header, rows)
}

/// The help overlay, centred, for `entries` lines of keys inside its border.
/// Shorter than the list on a small terminal: the overlay then scrolls.
pub fn help_popup(area: Area, entries: usize) -> Area {
    let width = area.width.min(HELP_MAX_WIDTH);
    let wanted = u16::try_from(entries.saturating_add(2)).unwrap_or(u16::MAX);
    let height = area.height.min(wanted);
    Area {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Whether a cell lies in `rect`.
pub fn contains(rect: Area, column: u16, row: u16) -> bool {
    column >= rect.x
        && column < rect.x.saturating_add(rect.width)
        && row >= rect.y
        && row < rect.y.saturating_add(rect.height)
}

fn take_top(area: &mut Area, height: u16) -> Option<Area> {
    if area.height < height || height == 0 {
        return None;
    }
    let top = Area { height, ..*area };
    area.y += height;
    area.height -= height;
    Some(top)
}

fn take_bottom(area: &mut Area, height: u16) -> Option<Area> {
    if area.height < height || height == 0 {
        return None;
    }
    area.height -= height;
    Some(Area {
        y: area.y + area.height,
        height,
        ..*area
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_cover_the_width_exactly() {
        let panes = compare_areas(Area::new(0, 0, 81, 10), 4);
        let total: u16 = panes.iter().map(|p| p.pane.width).sum();
        assert_eq!(total, 81);
        assert_eq!(panes[3].pane.x + panes[3].pane.width, 81);
    }

    #[test]
    fn the_explanation_panel_is_as_tall_as_its_content_within_half_the_body() {
        let main = Area::new(0, 0, 80, 22);
        let (body, panel) = explanation_split(main, Some(5));
        assert_eq!(panel.map(|p| p.height), Some(5));
        assert_eq!(body.height + 5, main.height);
        let (_, tall) = explanation_split(main, Some(40));
        assert_eq!(tall.map(|p| p.height), Some(11));
        assert_eq!(explanation_split(main, None), (main, None));
    }

    #[test]
    fn tiny_screens_have_no_panic_and_no_overlap() {
        for (w, h) in [(0, 0), (1, 1), (20, 5), (3, 2)] {
            let areas = screen_areas(Area::new(0, 0, w, h), true);
            let reader = reader_areas(areas.main, Some(u16::MAX));
            assert!(reader.text.height <= h);
            assert!(compare_areas(areas.main, 4).len() == 4);
        }
    }
}
