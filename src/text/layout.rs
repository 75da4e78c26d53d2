//! The layout pipeline: paragraph → base direction → shaping → bidi levels on
//! the whole paragraph → wrap in logical order → per-line visual reordering.
//!
//! INTERIM CONTRACT: the types below are the interface the reader and
//! `mizan render` use. The body of `layout_paragraph` is a placeholder that
//! wraps logically without bidi or shaping; it is being replaced.

use super::TextRange;
use serde::{Deserialize, Serialize};

/// How mizan handles bidirectional text (the `bidi` setting).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BidiMode {
    /// mizan shapes and reorders; the terminal is put in explicit mode.
    #[default]
    App,
    /// Lines in logical order, unshaped, for terminals that do their own bidi.
    Terminal,
    /// Logical order, no shaping.
    Off,
}

/// What to do with Arabic diacritics (harakat) when displaying.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Harakat {
    #[default]
    Keep,
    Strip,
}

/// The resolved layout settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutOptions {
    pub bidi: BidiMode,
    pub shaping: bool,
    pub harakat: Harakat,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            bidi: BidiMode::App,
            shaping: true,
            harakat: Harakat::Keep,
        }
    }
}

/// A paragraph's base direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// One grapheme cluster of a laid-out line, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Where the cluster came from, as bytes of the paragraph given to
    /// [`layout_paragraph`].
    pub source: TextRange,
    /// Where its displayed form is, as bytes of [`LaidLine::text`].
    pub shown: TextRange,
    /// Cells it occupies on screen.
    pub width: usize,
}

/// One screen line of a paragraph, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaidLine {
    /// What to print, in display order, without alignment padding; free of
    /// control characters.
    pub text: String,
    /// Its width in terminal cells.
    pub width: usize,
    /// The paragraph's base direction: RTL lines are right-aligned.
    pub direction: Direction,
    /// The logical byte range of the paragraph this line covers.
    pub source: TextRange,
    /// Its clusters in display order.
    pub pieces: Vec<Piece>,
}

/// Lays out one paragraph at `width` cells. `base` forces the base direction
/// (an Arabic article's paragraphs are RTL); `None` means first strong
/// character.
pub fn layout_paragraph(
    paragraph: &str,
    base: Option<Direction>,
    width: usize,
    options: &LayoutOptions,
) -> Vec<LaidLine> {
    let _ = options;
    let direction = base.unwrap_or(Direction::Ltr);
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = LaidLine {
        text: String::new(),
        width: 0,
        direction,
        source: TextRange::empty(0),
        pieces: Vec::new(),
    };
    for (offset, c) in paragraph.char_indices() {
        if line.width + 1 > width {
            let next = TextRange::empty(offset);
            lines.push(std::mem::replace(
                &mut line,
                LaidLine {
                    text: String::new(),
                    width: 0,
                    direction,
                    source: next,
                    pieces: Vec::new(),
                },
            ));
        }
        let shown_start = line.text.len();
        line.text.push(c);
        line.pieces.push(Piece {
            source: TextRange::new(offset, offset + c.len_utf8()),
            shown: TextRange::new(shown_start, line.text.len()),
            width: 1,
        });
        line.width += 1;
        line.source = TextRange::new(line.source.start(), offset + c.len_utf8());
    }
    lines.push(line);
    lines
}
