//! A paragraph's bidi resolution, the first half of the layout: the
//! paragraph as the layout sanitises it (tabs and implicit marks kept, see
//! `sanitize`), the bidi class of each of its characters, the paragraph
//! level (given, or rules P2-P3) and every character's resolved level (rules
//! W1-I2 on the whole paragraph, in `levels`).
//!
//! The layout shapes, wraps and reorders lines from it. On its own it gives
//! the levels and the display order of a paragraph shown as one line,
//! character by character: what the Unicode conformance files
//! (BidiTest.txt, BidiCharacterTest.txt) check, through the very code the
//! layout runs (`tests/bidi_conformance.rs`).

use super::bidi_data::FastBidiData;
use super::clusters::is_haraka;
use super::{Direction, Harakat, levels, reorder};
use crate::TextRange;
use crate::sanitize::{Sanitized, is_implicit_mark, is_unsafe};
use std::borrow::Cow;
use std::ops::Range;
use unicode_bidi::{BidiClass, BidiDataSource};

/// A paragraph sanitised and its bidi levels resolved. Vectors are indexed
/// by character of `clean`.
pub struct ParagraphBidi<'p> {
    paragraph: &'p str,
    /// The sanitised paragraph (harakat removed when stripping): the
    /// paragraph itself when that changed nothing, as in nearly every one.
    pub(super) clean: Cow<'p, str>,
    /// Where each character came from in `paragraph`; `None` when `clean`
    /// is `paragraph`, each character then being where it is.
    sources: Option<Vec<usize>>,
    /// The characters of `clean`.
    pub(super) chars: Vec<char>,
    pub(super) classes: Vec<BidiClass>,
    pub(super) levels: Vec<u8>,
    pub(super) paragraph_level: u8,
    /// Whether it holds a tab: once sanitised, the only segment separator
    /// (VT became a space, U+001F went with the other C0 controls), which
    /// rule L1 looks for in every line, and drawn as a space.
    pub(super) has_tabs: bool,
    /// Whether it holds an implicit bidi mark, drawn as nothing.
    has_marks: bool,
}

impl<'p> ParagraphBidi<'p> {
    /// Sanitises `paragraph` and resolves its levels, exactly as
    /// [`layout_paragraph`](super::layout_paragraph) does. `base` forces the
    /// paragraph's direction; `None` lets the first strong character decide.
    ///
    /// ```
    /// use mizan_text::layout::{Direction, ParagraphBidi};
    /// // An RLM after "AB" makes the "-1" that follows it right-to-left.
    /// let bidi = ParagraphBidi::new("AB\u{200f}-1", Some(Direction::Ltr));
    /// assert_eq!(bidi.levels(), [Some(0), Some(0), Some(1), Some(1), Some(2)]);
    /// assert_eq!(bidi.visual_order(), [0, 1, 4, 3, 2]);
    /// ```
    pub fn new(paragraph: &'p str, base: Option<Direction>) -> Self {
        Self::resolve(paragraph, base, Harakat::Keep)
    }

    pub(super) fn resolve(paragraph: &'p str, base: Option<Direction>, harakat: Harakat) -> Self {
        let mut letters = Letters::with_capacity(paragraph.len());
        let dropped = |c: char| harakat == Harakat::Strip && is_haraka(c);
        // Up to the first character sanitising or stripping would touch, or
        // that is not drawn as it is (a tab, an implicit mark), the clean
        // text is the paragraph itself: nearly every paragraph is that all
        // through, and is then known to hold no tab and no mark.
        let mut touched = None;
        for (offset, c) in paragraph.char_indices() {
            if is_unsafe(c) || dropped(c) {
                touched = Some(offset);
                break;
            }
            letters.push(c);
        }
        let (mut has_tabs, mut has_marks) = (false, false);
        let (clean, sources) = match touched {
            None => (Cow::Borrowed(paragraph), None),
            Some(start) => {
                let mut clean = String::with_capacity(paragraph.len());
                clean.push_str(&paragraph[..start]);
                let mut sources: Vec<usize> = clean.char_indices().map(|(at, _)| at).collect();
                for (offset, c) in Sanitized::new(&paragraph[start..]) {
                    if !dropped(c) {
                        has_tabs |= c == '\t';
                        has_marks |= is_implicit_mark(c);
                        clean.push(c);
                        sources.push(start + offset);
                        letters.push(c);
                    }
                }
                (Cow::Owned(clean), Some(sources))
            }
        };
        let Letters { chars, classes, .. } = letters;
        let paragraph_level = match base {
            Some(Direction::Ltr) => 0,
            Some(Direction::Rtl) => 1,
            None => levels::first_strong_level(&classes),
        };
        let levels = levels::resolve(&chars, &classes, paragraph_level);
        Self {
            paragraph,
            clean,
            sources,
            chars,
            classes,
            levels,
            paragraph_level,
            has_tabs,
            has_marks,
        }
    }

    /// Whether every character of `clean` is drawn as it is: there is no tab
    /// and no implicit mark.
    pub(super) fn drawn_as_is(&self) -> bool {
        !self.has_tabs && !self.has_marks
    }

    /// The paragraph embedding level: 0 left to right, 1 right to left.
    pub fn paragraph_level(&self) -> u8 {
        self.paragraph_level
    }

    pub fn direction(&self) -> Direction {
        if self.paragraph_level % 2 == 1 {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// The level of each character of the paragraph shown as one line
    /// (resolved, then rule L1), in order; `None` for the characters
    /// sanitising removes (controls, escape sequences, embeddings, overrides
    /// and isolates). A character of class BN, which rule X9 sets aside,
    /// takes the level of the one before it.
    pub fn levels(&self) -> Vec<Option<u8>> {
        let line_levels = self.line_levels();
        let mut levels = vec![None; self.paragraph.chars().count()];
        for (clean, index) in self.paragraph_indices().into_iter().enumerate() {
            levels[index] = Some(line_levels[clean]);
        }
        levels
    }

    /// The paragraph shown as one line, from left to right (rule L2):
    /// indices of characters of the paragraph, those sanitising removes
    /// left out. Each character is placed on its own, as the conformance
    /// files expect; the layout, reordering whole grapheme clusters, keeps a
    /// combining mark after its base instead (rule L3).
    pub fn visual_order(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.chars.len());
        reorder::visual_order(&self.line_levels(), &mut order);
        let indices = self.paragraph_indices();
        order.into_iter().map(|clean| indices[clean]).collect()
    }

    /// The levels of `clean` shown as one line: rule L1 applied.
    fn line_levels(&self) -> Vec<u8> {
        let mut levels = self.levels.clone();
        reorder::reset_line_ends(
            &mut levels,
            |i| reorder::line_role(&self.classes[i..=i]),
            self.paragraph_level,
            self.has_tabs,
        );
        levels
    }

    /// For each character of `clean`, the index of the character of
    /// `paragraph` it came from.
    fn paragraph_indices(&self) -> Vec<usize> {
        let Some(sources) = &self.sources else {
            return (0..self.chars.len()).collect();
        };
        let mut wanted = sources.iter().copied().peekable();
        let mut indices = Vec::with_capacity(sources.len());
        for (index, (offset, _)) in self.paragraph.char_indices().enumerate() {
            if wanted.next_if_eq(&offset).is_some() {
                indices.push(index);
            }
        }
        indices
    }

    /// The bytes of `paragraph` that clean characters `chars`, bytes `clean`
    /// of the clean text, came from.
    #[inline]
    pub(super) fn source_of(&self, chars: Range<usize>, clean: Range<usize>) -> TextRange {
        let Some(sources) = &self.sources else {
            return TextRange::new(clean.start, clean.end);
        };
        if chars.is_empty() {
            let offset = sources.get(chars.start).copied();
            return TextRange::empty(offset.unwrap_or(self.paragraph.len()));
        }
        let start = sources[chars.start];
        let last = sources[chars.end - 1];
        TextRange::new(start, last + utf8_len(self.paragraph.as_bytes()[last]))
    }
}

/// The characters of a clean paragraph and their bidi classes, gathered in
/// one pass.
struct Letters {
    chars: Vec<char>,
    classes: Vec<BidiClass>,
    bidi_data: FastBidiData,
}

impl Letters {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            chars: Vec::with_capacity(capacity),
            classes: Vec::with_capacity(capacity),
            bidi_data: FastBidiData::new(),
        }
    }

    fn push(&mut self, c: char) {
        self.chars.push(c);
        self.classes.push(self.bidi_data.bidi_class(c));
    }
}

/// The length of the UTF-8 sequence that starts with `first_byte`.
fn utf8_len(first_byte: u8) -> usize {
    match first_byte.leading_ones() {
        0 => 1,
        ones => ones as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_characters_have_no_level_and_no_place() {
        let bidi = ParagraphBidi::new("a\u{1b}[1mب\u{202e}c", Some(Direction::Ltr));
        let levels = bidi.levels();
        assert_eq!(levels.len(), 8);
        assert_eq!(levels[0], Some(0));
        assert!(levels[1..5].iter().all(Option::is_none));
        assert_eq!((levels[5], levels[6], levels[7]), (Some(1), None, Some(0)));
        assert_eq!(bidi.visual_order(), [0, 5, 7]);
    }

    #[test]
    fn an_arabic_letter_mark_keeps_a_number_range_right_to_left() {
        // ALM, then "1-2" in an LTR paragraph: the ALM makes the numbers
        // Arabic numbers (W2) and the hyphen between them right-to-left.
        let bidi = ParagraphBidi::new("\u{61c} 1-2", Some(Direction::Ltr));
        assert_eq!(bidi.levels(), [Some(1), Some(1), Some(2), Some(1), Some(2)]);
        assert_eq!(bidi.visual_order(), [4, 3, 2, 1, 0]);
    }

    #[test]
    fn a_tab_returns_to_the_paragraph_level() {
        // Resolved, the space and the tab between two Hebrew letters are
        // right-to-left; rule L1 puts them back at the paragraph's level.
        let bidi = ParagraphBidi::new("א \tב", Some(Direction::Ltr));
        assert_eq!(bidi.levels(), [Some(1), Some(0), Some(0), Some(1)]);
        assert_eq!(bidi.visual_order(), [0, 1, 2, 3]);
        assert_eq!(bidi.direction(), Direction::Ltr);
    }
}
