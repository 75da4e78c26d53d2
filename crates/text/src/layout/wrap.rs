//! Greedy line breaking in logical order, over grapheme clusters measured in
//! cells. Kept apart from bidi and shaping so its one promise is easy to
//! check: lines never exceed the width, and nothing but the space at a break
//! is left out.

use std::ops::Range;

/// A place in a paragraph, counted in the three texts the layout keeps in
/// step: the shaped text (bytes), the sanitised text (bytes) and its
/// characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Position {
    pub shaped: usize,
    pub clean: usize,
    pub char: usize,
}

/// A grapheme cluster as the wrapper sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Unit {
    pub start: Position,
    pub end: Position,
    /// Cells it takes when shown shaped.
    pub cells: usize,
    /// Cells it needs in a line: the most it takes in any mode.
    pub width: usize,
    /// A plain space, where a line may break.
    pub is_space: bool,
}

/// A line as the wrapper made it.
pub(super) struct Line<'u> {
    pub range: Range<Position>,
    pub units: &'u [Unit],
    /// It begins inside a word cut because the word is wider than a line.
    pub starts_in_word: bool,
    /// It ends inside such a word.
    pub ends_in_word: bool,
}

/// Breaks a paragraph's units into lines of at most `width` cells: words
/// (runs between spaces) fill a line while they fit, a break drops the space
/// it falls on, and a word wider than a whole line is cut between clusters.
/// Streams the units (a paragraph may be huge), handing each finished line
/// to `emit`; there is always at least one line.
pub(super) fn break_lines<E>(units: impl Iterator<Item = Unit>, width: usize, emit: E)
where
    E: FnMut(Line<'_>),
{
    let mut wrapper = Wrapper {
        width,
        emit,
        units: Vec::new(),
        placed: 0,
        line_start: Position::default(),
        line_end: Position::default(),
        line_width: 0,
        line_has_word: false,
        line_starts_in_word: false,
    };
    let mut word_width = 0;
    let mut space_before = false;
    // Set while the current word is wider than a line: it is being cut as
    // its units come, so a huge word is never held whole.
    let mut cutting = false;
    for unit in units {
        if unit.is_space {
            if !cutting {
                wrapper.place_word(space_before, word_width);
            }
            wrapper.units.push(unit);
            word_width = 0;
            cutting = false;
            space_before = true;
        } else if cutting {
            wrapper.units.push(unit);
            wrapper.cut_in_next();
        } else {
            word_width += unit.width;
            wrapper.units.push(unit);
            if word_width > width {
                wrapper.place_word(space_before, word_width);
                space_before = false;
                cutting = true;
            }
        }
    }
    if !cutting {
        wrapper.place_word(space_before, word_width);
    }
    wrapper.end_line(false);
}

/// The line being filled. `units` holds the line's units, then (from
/// `placed` on) the space and the word not placed yet, so that a unit is
/// copied once on its way to a line, not once into a word and again into
/// the line.
struct Wrapper<E> {
    width: usize,
    emit: E,
    units: Vec<Unit>,
    placed: usize,
    line_start: Position,
    line_end: Position,
    line_width: usize,
    line_has_word: bool,
    line_starts_in_word: bool,
}

impl<E: FnMut(Line<'_>)> Wrapper<E> {
    /// Hands the line over; `in_word` when it ends inside a word being cut,
    /// where the next line then begins.
    fn end_line(&mut self, in_word: bool) {
        (self.emit)(Line {
            range: self.line_start..self.line_end,
            units: &self.units[..self.placed],
            starts_in_word: self.line_starts_in_word,
            ends_in_word: in_word,
        });
        self.units.drain(..self.placed);
        self.placed = 0;
        self.line_starts_in_word = in_word;
    }

    /// Places the pending word (maybe empty, between two spaces), `word_width`
    /// cells wide, and the space before it when there is one.
    fn place_word(&mut self, space_before: bool, word_width: usize) {
        if space_before {
            let space = self.units[self.placed];
            let word_end = self.units.last().map_or(space.end, |unit| unit.end);
            if self.line_width + space.width + word_width <= self.width {
                self.line_width += space.width + word_width;
                self.line_end = word_end;
                self.placed = self.units.len();
                return;
            }
            self.end_line(false);
            self.units.remove(0);
            self.line_start = space.end;
            self.line_end = space.end;
            self.line_width = 0;
            self.line_has_word = false;
        }
        self.start_line_with_word(word_width);
    }

    /// Places the pending word at the start of a line, cutting it when it is
    /// wider than a whole line.
    fn start_line_with_word(&mut self, word_width: usize) {
        debug_assert!(!self.line_has_word);
        self.line_has_word = true;
        if word_width <= self.width {
            self.line_width = word_width;
            if self.placed < self.units.len() {
                self.line_end = self.units[self.units.len() - 1].end;
            }
            self.placed = self.units.len();
            return;
        }
        while self.placed < self.units.len() {
            self.cut_in_next();
        }
    }

    /// Places the next pending unit of a word being cut, starting a new line
    /// when it does not fit.
    fn cut_in_next(&mut self) {
        let unit = self.units[self.placed];
        if self.line_width > 0 && self.line_width + unit.width > self.width {
            self.end_line(true);
            self.line_start = unit.start;
            self.line_width = 0;
        }
        self.line_width += unit.width;
        self.line_end = unit.end;
        self.placed += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units for ASCII text where every character is one cell.
    fn units(text: &str) -> Vec<Unit> {
        text.char_indices()
            .map(|(i, c)| Unit {
                start: at(i),
                end: at(i + 1),
                cells: 1,
                width: 1,
                is_space: c == ' ',
            })
            .collect()
    }

    fn at(i: usize) -> Position {
        Position {
            shaped: i,
            clean: i,
            char: i,
        }
    }

    /// The lines' texts, a cut word's pieces marked `~` where it was cut.
    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        break_lines(units(text).into_iter(), width, |line| {
            let line_text = &text[line.range.start.char..line.range.end.char];
            let from_units: String = line
                .units
                .iter()
                .map(|u| &text[u.start.char..u.end.char])
                .collect();
            assert_eq!(from_units, line_text);
            let before = if line.starts_in_word { "~" } else { "" };
            let after = if line.ends_in_word { "~" } else { "" };
            lines.push(format!("{before}{line_text}{after}"));
        });
        lines
    }

    #[test]
    fn words_fill_lines_and_breaks_drop_one_space() {
        assert_eq!(wrapped("aa bb cc dd", 5), vec!["aa bb", "cc dd"]);
        assert_eq!(wrapped("aa bb cc", 4), vec!["aa", "bb", "cc"]);
    }

    #[test]
    fn long_words_are_cut() {
        assert_eq!(wrapped("abcdefg hi", 3), vec!["abc~", "~def~", "~g", "hi"]);
        assert_eq!(wrapped("a bcdefg", 3), vec!["a", "bcd~", "~efg"]);
    }

    #[test]
    fn words_cut_as_they_come_continue_the_line() {
        assert_eq!(
            wrapped("abcdefgh ij kl", 3),
            vec!["abc~", "~def~", "~gh", "ij", "kl"]
        );
        assert_eq!(wrapped("ab cdefgh i", 4), vec!["ab", "cdef~", "~gh i"]);
    }

    #[test]
    fn empty_paragraph_is_one_empty_line() {
        assert_eq!(wrapped("", 10), vec![""]);
    }

    #[test]
    fn double_spaces_are_kept_inside_lines() {
        assert_eq!(wrapped("a  b", 10), vec!["a  b"]);
        assert_eq!(wrapped("ab  cd", 3), vec!["ab ", "cd"]);
    }
}
