//! The one layout pipeline that both the reader and `mizan render` use:
//! paragraph → sanitised → base direction (given, or first strong character)
//! → bidi levels resolved on the WHOLE paragraph → Arabic shaping → wrapped in
//! logical order at spaces and tabs by display width → each line reordered
//! for display.
//!
//! Why in this order (see the design note on Arabic in the terminal):
//! - levels come from the whole paragraph because rules like W2 look across
//!   line ends (`-0.8%` starting a line after Arabic text must still show as
//!   `%0.8-`);
//! - shaping comes before measuring because a lam-alef ligature is one cell
//!   where its two letters are two;
//! - lines are reordered one by one (UAX #9 L1-L4), by grapheme cluster so a
//!   haraka stays on its letter (L3), mirroring brackets in right-to-left
//!   runs (L4), which unicode-bidi's `reorder_line` does not do.
//!
//! Widths are counted the way ratatui's `Buffer` draws: per grapheme cluster,
//! zero-width clusters taking no cell. Line breaks are decided once, on a
//! width that fits both the shaped line and the unshaped one (where each
//! ligature's letters take a cell each), so every mode breaks at the same
//! places and no mode's line is wider than asked: `bidi = terminal` and `off`
//! print the same lines in logical order, unshaped.
//!
//! A paragraph is wrapped at spaces (U+0020) and tabs: a break consumes
//! exactly one of them, and a word longer than the line is cut between
//! grapheme clusters with nothing consumed. So the sanitised paragraph is the
//! lines' logical texts joined by the space or tab at each break and by
//! nothing at a cut.
//!
//! Embeddings, overrides and isolates are removed before levels are resolved
//! (see `sanitize` for why), which lets `levels` resolve a paragraph in a few
//! linear passes. The implicit marks (LRM, RLM, ALM) stay: they steer the
//! resolution as the strong letters they stand for, take part in reordering,
//! and are drawn as nothing (a piece of no width and no text). A tab stays
//! too, as the segment separator rule L1 puts back at the paragraph's level
//! with the whitespace before it, and is drawn as a space. Levels and the
//! reordering of a line are checked against the Unicode conformance files
//! through [`ParagraphBidi`] (`tests/bidi_conformance.rs`).
//!
//! A lam-alef ligature is formed only where its grapheme cluster fits a line
//! counted with both its letters (`ligatures`): never at width 1, and at
//! other widths not where a prepended mark or a wide combining character
//! shares its cluster. A word cut because it is longer than a line is shaped
//! as two words, the letters at the cut joining nothing across it.
//!
//! App mode is checked against libfribidi (`tests/layout_oracle.rs`), given
//! each paragraph's logical lines and the space, tab or cut between them:
//! they agree exactly, ZWJ and ZWNJ placement included. The one deliberate
//! difference: the ligatures a narrow line keeps apart.

mod article;
mod bidi_data;
mod clusters;
mod levels;
mod ligatures;
mod paragraph;
mod reorder;
mod shape;
mod shaping_tables;
mod wrap;

pub use article::{
    ArticleLines, ArticleText, Row, base_direction, lay_out_article, render_article,
};
pub use paragraph::ParagraphBidi;

use super::TextRange;
use clusters::{clusters, drawn, is_break};
use serde::{Deserialize, Serialize};
use shape::{Cuts, Joining, Shaping};
use std::cell::OnceCell;
use std::ops::Range;
use wrap::{Position, Unit};

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
    /// Where its displayed form is, as bytes of [`LaidLine::text`]; empty
    /// for an implicit bidi mark, which is drawn as nothing.
    pub shown: TextRange,
    /// Cells it occupies on screen.
    pub width: usize,
}

/// One screen line of a paragraph, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaidLine {
    /// What to print, without alignment padding: in display order and
    /// shaped in `bidi = app` mode, in logical order and unshaped otherwise.
    /// Never holds a control character, an escape or a bidi control; ZWJ and
    /// ZWNJ (zero width) may remain.
    pub text: String,
    /// Its width in terminal cells.
    pub width: usize,
    /// The paragraph's base direction: in app mode RTL lines are
    /// right-aligned by the caller (in the other modes the terminal places
    /// them).
    pub direction: Direction,
    /// The logical byte range of the paragraph this line covers.
    pub source: TextRange,
    /// Its clusters in the order of `text`, tiling it.
    pub pieces: Vec<Piece>,
}

/// Lays out one paragraph at `width` cells (at least 1). `base` forces the
/// base direction (an Arabic article's paragraphs are RTL); `None` means the
/// first strong character decides, left-to-right when there is none.
///
/// Returns at least one line. Every line fits in `width` cells unless one
/// grapheme cluster alone is wider (a wide character at width 1).
///
/// ```
/// use mizan_text::layout::{layout_paragraph, Direction, LayoutOptions};
/// let lines = layout_paragraph("قال الوزير", Some(Direction::Rtl), 80, &LayoutOptions::default());
/// assert_eq!(lines.len(), 1);
/// assert_eq!(lines[0].width, 10);
/// assert_eq!(lines[0].direction, Direction::Rtl);
/// ```
pub fn layout_paragraph(
    paragraph: &str,
    base: Option<Direction>,
    width: usize,
    options: &LayoutOptions,
) -> Vec<LaidLine> {
    let width = width.max(1);
    let analysis = Analysis::new(paragraph, base, options.harakat, width);
    let mut lines = Vec::new();
    wrap::break_lines(analysis.units(), width, |line| {
        lines.push(analysis.lay_out_line(&line, options));
    });
    lines
}

/// A paragraph prepared for wrapping: sanitised, its levels resolved and its
/// letters shaped. Vectors are indexed by character of `bidi.clean`.
struct Analysis<'p> {
    bidi: ParagraphBidi<'p>,
    shaping: Shaping,
    /// Worked out again for the first line that begins or ends inside a cut
    /// word, if any.
    joining: OnceCell<Joining>,
}

/// One grapheme cluster of a line, ready to be placed.
struct Cluster<'a> {
    /// What it shows (see `clusters::drawn`).
    text: &'a str,
    /// The characters of `ParagraphBidi::clean` it stands for.
    chars: Range<usize>,
    /// The same, as bytes of `ParagraphBidi::clean`.
    clean: Range<usize>,
    width: usize,
}

/// The text of one of a line's units shaped anew, because a word was cut
/// next to it.
struct ReshapedUnit {
    /// Its index among the line's units.
    index: usize,
    text: String,
}

impl<'p> Analysis<'p> {
    fn new(paragraph: &'p str, base: Option<Direction>, harakat: Harakat, width: usize) -> Self {
        let bidi = ParagraphBidi::resolve(paragraph, base, harakat);
        let shaping = ligatures::shape_for_width(&bidi.chars, &bidi.levels, &bidi.classes, width);
        Self {
            bidi,
            shaping,
            joining: OnceCell::new(),
        }
    }

    /// The shaped grapheme clusters of the whole paragraph, for wrapping.
    /// A unit is as wide as its widest form: a ligature counts one cell more
    /// per letter it absorbed, as the unshaped letters take.
    fn units(&self) -> impl Iterator<Item = Unit> + '_ {
        let mut position = Position::default();
        let mut absorbed = self.shaping.absorbed.iter().copied().peekable();
        let chars = &self.bidi.chars;
        clusters(&self.shaping.text).map(move |grapheme| {
            let start = position;
            // Counted in locals and stored whole: adding to the fields of
            // `position` in place made reading it back as `start` stall.
            let (mut char_index, mut clean) = (start.char, start.clean);
            for _ in 0..grapheme.chars {
                // A ligature stands for its lam as well as its alef.
                let behind = if absorbed.next_if_eq(&char_index).is_some() {
                    2
                } else {
                    1
                };
                for _ in 0..behind {
                    clean += chars.get(char_index).map_or(0, |c| c.len_utf8());
                    char_index += 1;
                }
            }
            position = Position {
                shaped: start.shaped + grapheme.text.len(),
                clean,
                char: char_index,
            };
            let absorbed_letters = char_index - start.char - grapheme.chars;
            Unit {
                start,
                end: position,
                cells: grapheme.width,
                width: grapheme.width + absorbed_letters,
                is_space: is_break(grapheme.text),
            }
        })
    }

    fn lay_out_line(&self, line: &wrap::Line<'_>, options: &LayoutOptions) -> LaidLine {
        let visual = options.bidi == BidiMode::App;
        let range = &line.range;
        // Fresh for each line on purpose: kept from line to line, these
        // vectors so changed the heap's layout that glibc gave a huge
        // paragraph's line memory back to the system when the lines were
        // dropped, and faulted it in again for the next paragraph (in the
        // 1 MB one-paragraph bench: twenty times the page faults, a quarter
        // of the time).
        let shaped = visual && options.shaping;
        let reshaped = if shaped {
            self.reshaped_at_cuts(line)
        } else {
            Vec::new()
        };
        let mut clusters = Vec::new();
        if shaped {
            self.shaped_clusters(line.units, &mut clusters);
            for unit in &reshaped {
                clusters[unit.index].text = &unit.text;
            }
        } else {
            self.logical_clusters(range, &mut clusters);
        }
        let mut levels = Vec::new();
        let mut order = Vec::new();
        if visual {
            self.reordering_levels(&clusters, &mut levels);
            reorder::visual_order(&levels, &mut order);
        } else {
            order.extend(0..clusters.len());
        }
        let mut laid = LaidLine {
            text: String::with_capacity(range.end.shaped - range.start.shaped),
            width: 0,
            direction: self.bidi.direction(),
            source: self.bidi.source_of(
                range.start.char..range.end.char,
                range.start.clean..range.end.clean,
            ),
            pieces: Vec::with_capacity(clusters.len()),
        };
        for &index in &order {
            let cluster = &clusters[index];
            let shown_start = laid.text.len();
            // The reordering level: separators and the whitespace given the
            // paragraph's level by rule L1 never mirror anyway.
            let mirror = visual && levels[index] % 2 == 1;
            reorder::push_cluster(&mut laid.text, cluster.text, mirror);
            laid.width += cluster.width;
            laid.pieces.push(Piece {
                source: self
                    .bidi
                    .source_of(cluster.chars.clone(), cluster.clean.clone()),
                shown: TextRange::new(shown_start, laid.text.len()),
                width: cluster.width,
            });
        }
        laid
    }

    /// The shaped clusters of a line (its wrapping units), in logical order.
    fn shaped_clusters<'a>(&'a self, units: &[Unit], clusters: &mut Vec<Cluster<'a>>) {
        let as_is = self.bidi.drawn_as_is();
        clusters.extend(units.iter().map(|unit| {
            let text = &self.shaping.text[unit.start.shaped..unit.end.shaped];
            Cluster {
                text: if as_is { text } else { drawn(text) },
                chars: unit.start.char..unit.end.char,
                clean: unit.start.clean..unit.end.clean,
                width: unit.cells,
            }
        }));
    }

    /// The units of a line whose text changes because a word is cut at the
    /// line's start or end: the letter next to each cut takes the form it
    /// has at a word's start or end (see `shape`).
    fn reshaped_at_cuts(&self, line: &wrap::Line<'_>) -> Vec<ReshapedUnit> {
        if !line.starts_in_word && !line.ends_in_word {
            return Vec::new();
        }
        let bidi = &self.bidi;
        let joining = self
            .joining
            .get_or_init(|| Joining::of(&bidi.chars, &bidi.levels, &bidi.classes));
        let changes: Vec<(usize, usize, char)> = letters_at_cuts(line, joining)
            .into_iter()
            .filter_map(|((index, letter), cuts)| {
                let level = bidi.levels[letter];
                let shown =
                    joining.shown_at_cuts(&self.shaping, &bidi.chars, letter, level, cuts)?;
                Some((index, letter, shown))
            })
            .collect();
        let mut reshaped: Vec<ReshapedUnit> = Vec::new();
        for &(index, _, _) in &changes {
            if reshaped.iter().all(|unit| unit.index != index) {
                let text = self.unit_text_with(&line.units[index], &changes);
                reshaped.push(ReshapedUnit { index, text });
            }
        }
        reshaped
    }

    /// The shaped text of `unit`, with the character shown for each letter
    /// of `changes` (unit index, letter index, shown) replaced.
    fn unit_text_with(&self, unit: &Unit, changes: &[(usize, usize, char)]) -> String {
        let mut text = String::with_capacity(unit.end.shaped - unit.start.shaped);
        let mut stands_for = unit.start.char;
        for c in self.shaping.text[unit.start.shaped..unit.end.shaped].chars() {
            let change = changes.iter().find(|&&(_, letter, _)| letter == stands_for);
            text.push(change.map_or(c, |&(_, _, shown)| shown));
            stands_for += if self.shaping.is_absorbed(stands_for) {
                2
            } else {
                1
            };
        }
        text
    }

    /// The unshaped clusters of a line, in logical order.
    fn logical_clusters<'a>(&'a self, line: &Range<Position>, into: &mut Vec<Cluster<'a>>) {
        let as_is = self.bidi.drawn_as_is();
        let text = &self.bidi.clean[line.start.clean..line.end.clean];
        let mut start = line.start;
        into.extend(clusters(text).map(|grapheme| {
            let first = start;
            start.char += grapheme.chars;
            start.clean += grapheme.text.len();
            Cluster {
                text: if as_is {
                    grapheme.text
                } else {
                    drawn(grapheme.text)
                },
                chars: first.char..start.char,
                clean: first.clean..start.clean,
                width: grapheme.width,
            }
        }));
    }

    /// Each cluster's level for reordering: its resolved level, with rule L1
    /// applied to the line.
    fn reordering_levels(&self, clusters: &[Cluster<'_>], levels: &mut Vec<u8>) {
        levels.clear();
        levels.extend(
            clusters
                .iter()
                .map(|cluster| self.bidi.levels[cluster.chars.start]),
        );
        reorder::reset_line_ends(
            levels,
            |index| reorder::line_role(&self.bidi.classes[clusters[index].chars.clone()]),
            self.bidi.paragraph_level,
            self.bidi.has_tabs,
        );
    }
}

/// The letters next to the cuts a line begins or ends with, as (unit
/// index, character index), with where each cut is. Joining skips
/// transparent characters, so the letter next to a cut is the nearest
/// one that is not; a line one letter wide may have a cut on both sides.
fn letters_at_cuts(line: &wrap::Line<'_>, joining: &Joining) -> Vec<((usize, usize), Cuts)> {
    let letters = || {
        line.units.iter().enumerate().flat_map(|(index, unit)| {
            (unit.start.char..unit.end.char).map(move |letter| (index, letter))
        })
    };
    let joins = |&(_, letter): &(usize, usize)| !joining.is_transparent(letter);
    let first = line.starts_in_word.then(|| letters().find(joins)).flatten();
    let last = line
        .ends_in_word
        .then(|| letters().rev().find(joins))
        .flatten();
    let cuts = |before, after| Cuts { before, after };
    match (first, last) {
        (Some(first), Some(last)) if first == last => vec![(first, cuts(true, true))],
        _ => first
            .map(|first| (first, cuts(true, false)))
            .into_iter()
            .chain(last.map(|last| (last, cuts(false, true))))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(paragraph: &str, width: usize) -> Vec<String> {
        texts(paragraph, width, LayoutOptions::default())
    }

    fn texts(paragraph: &str, width: usize, options: LayoutOptions) -> Vec<String> {
        layout_paragraph(paragraph, Some(Direction::Rtl), width, &options)
            .into_iter()
            .map(|line| line.text)
            .collect()
    }

    #[test]
    fn harakat_stay_after_their_letter_when_reversed() {
        // بَيتٌ: beh+fatha, yeh, teh+dammatan. Displayed right to left, each
        // haraka must still follow its own letter.
        assert_eq!(
            app("بَيتٌ", 10),
            vec!["\u{fe96}\u{64c}\u{fef4}\u{fe91}\u{64e}"]
        );
    }

    #[test]
    fn brackets_are_mirrored_in_rtl_runs() {
        assert_eq!(app("(قال)", 10), vec!["(\u{fedd}\u{fe8e}\u{fed7})"]);
        assert_eq!(app("«نعم»", 10), vec!["«\u{fee2}\u{fecc}\u{fee7}»"]);
        assert_eq!(app("[لا]", 10), vec!["[\u{fefb}]"]);
    }

    #[test]
    fn brackets_in_ltr_text_are_not_mirrored() {
        let lines = layout_paragraph("(AFP) said", None, 20, &LayoutOptions::default());
        assert_eq!(lines[0].text, "(AFP) said");
        assert_eq!(lines[0].direction, Direction::Ltr);
    }

    #[test]
    fn negative_percentage_at_a_line_start_keeps_paragraph_levels() {
        // "-0.8%" starts the second line; resolved on the whole paragraph
        // (rule W2 sees the Arabic before it) it shows as %0.8-, where a line
        // resolved alone would give 0.8%-.
        let lines = app("تراجع النمو -0.8% هذا العام", 11);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[1], "\u{fe8d}\u{feac}\u{feeb} %0.8-");
    }

    #[test]
    fn numbers_and_dates_read_left_to_right_inside_arabic() {
        let lines = app("في 2024-03-05 بلغ 3.5%", 40);
        assert!(lines[0].contains("05-03-2024"), "{lines:?}");
        assert!(lines[0].contains("%3.5"), "{lines:?}");
    }

    #[test]
    fn lam_alef_is_one_cell_in_app_mode_and_two_unshaped() {
        let options = LayoutOptions::default();
        let shaped = layout_paragraph("لا", Some(Direction::Rtl), 10, &options);
        assert_eq!((shaped[0].text.as_str(), shaped[0].width), ("\u{fefb}", 1));
        let logical = LayoutOptions {
            bidi: BidiMode::Terminal,
            ..options
        };
        let unshaped = layout_paragraph("لا", Some(Direction::Rtl), 10, &logical);
        assert_eq!((unshaped[0].text.as_str(), unshaped[0].width), ("لا", 2));
    }

    #[test]
    fn all_modes_break_at_the_same_places() {
        let text = "لا أحد يعلم متى تنتهي الأزمة لأن الأطراف لم تتفق";
        let ranges = |bidi| {
            let options = LayoutOptions {
                bidi,
                ..LayoutOptions::default()
            };
            layout_paragraph(text, Some(Direction::Rtl), 12, &options)
                .into_iter()
                .map(|line| line.source)
                .collect::<Vec<_>>()
        };
        assert_eq!(ranges(BidiMode::App), ranges(BidiMode::Terminal));
        assert_eq!(ranges(BidiMode::App), ranges(BidiMode::Off));
        assert!(ranges(BidiMode::App).len() > 3);
    }

    #[test]
    fn terminal_mode_is_logical_and_unshaped() {
        let options = LayoutOptions {
            bidi: BidiMode::Terminal,
            ..LayoutOptions::default()
        };
        assert_eq!(texts("قال (AFP) ذلك", 40, options), vec!["قال (AFP) ذلك"]);
    }

    #[test]
    fn stripping_harakat_hides_them_and_lets_lam_alef_join() {
        let options = LayoutOptions {
            harakat: Harakat::Strip,
            ..LayoutOptions::default()
        };
        assert_eq!(texts("لَا", 10, options), vec!["\u{fefb}"]);
        assert_eq!(app("لَا", 10), vec!["\u{fe8e}\u{fedf}\u{64e}"]);
    }

    #[test]
    fn without_shaping_letters_stay_nominal_but_are_reordered() {
        let options = LayoutOptions {
            shaping: false,
            ..LayoutOptions::default()
        };
        assert_eq!(texts("قال (1)", 20, options), vec!["(1) لاق"]);
    }

    #[test]
    fn pieces_point_back_at_the_paragraph() {
        let paragraph = "\u{1b}[31mقال\u{1b}[0m AFP";
        let lines = layout_paragraph(
            paragraph,
            Some(Direction::Rtl),
            20,
            &LayoutOptions::default(),
        );
        let line = &lines[0];
        let sources: Vec<&str> = line
            .pieces
            .iter()
            .map(|p| p.source.slice(paragraph))
            .collect();
        assert_eq!(sources, vec!["A", "F", "P", " ", "ل", "ا", "ق"]);
        for piece in &line.pieces {
            assert!(!piece.shown.slice(&line.text).is_empty());
        }
        assert_eq!(line.source.slice(paragraph), "قال\u{1b}[0m AFP");
    }

    #[test]
    fn an_override_does_not_reverse_latin() {
        let lines = app("قال \u{202e}AFP 2024\u{202c} اليوم", 40);
        assert!(lines[0].contains("AFP 2024"), "{lines:?}");
        assert!(!lines[0].contains('\u{202e}'));
    }

    #[test]
    fn implicit_marks_steer_the_order_and_are_drawn_as_nothing() {
        // The ALM makes "1-2" Arabic numbers in a right-to-left run.
        let paragraph = "\u{61c} 1-2";
        let lines = layout_paragraph(
            paragraph,
            Some(Direction::Ltr),
            20,
            &LayoutOptions::default(),
        );
        assert_eq!((lines[0].text.as_str(), lines[0].width), ("2-1 ", 4));
        let mark = lines[0].pieces.last().expect("the mark's piece");
        assert_eq!((mark.source.slice(paragraph), mark.width), ("\u{61c}", 0));
        assert!(mark.shown.is_empty());
        let logical = LayoutOptions {
            bidi: BidiMode::Terminal,
            ..LayoutOptions::default()
        };
        let lines = layout_paragraph(paragraph, Some(Direction::Ltr), 20, &logical);
        assert_eq!(lines[0].text, " 1-2");
    }

    #[test]
    fn a_tab_is_shown_as_a_space_at_the_paragraph_level() {
        // Between two Hebrew letters a space would be right-to-left; rule L1
        // puts a tab, and the space before it, back at the paragraph level.
        let lines = layout_paragraph("א \tב", Some(Direction::Ltr), 20, &LayoutOptions::default());
        assert_eq!(lines[0].text, "א  ב");
        assert_eq!(
            app("قال\tذلك", 3),
            vec!["\u{fedd}\u{fe8e}\u{fed7}", "\u{feda}\u{fedf}\u{feab}"]
        );
    }

    #[test]
    fn a_word_cut_over_two_lines_is_shaped_as_two_words() {
        // بيت at width 2: the yeh ends its line in its final form, the teh
        // starts the next one isolated.
        assert_eq!(app("بيت", 2), vec!["\u{fef2}\u{fe91}", "\u{fe95}"]);
        // Cut before a lam-alef: the isolated ligature, not the final one.
        assert_eq!(app("سلا", 2), vec!["\u{feb1}", "\u{fefb}"]);
        // At width 1 every letter is isolated, the yeh cut on both sides.
        assert_eq!(app("بيت", 1), vec!["\u{fe8f}", "\u{fef1}", "\u{fe95}"]);
        let unshaped = LayoutOptions {
            shaping: false,
            ..LayoutOptions::default()
        };
        assert_eq!(texts("بيت", 2, unshaped), vec!["يب", "ت"]);
    }

    #[test]
    fn first_strong_character_decides_when_no_base_is_given() {
        let options = LayoutOptions::default();
        let arabic = layout_paragraph("قال AFP", None, 20, &options);
        let latin = layout_paragraph("AFP: قال", None, 20, &options);
        assert_eq!(arabic[0].direction, Direction::Rtl);
        assert_eq!(latin[0].direction, Direction::Ltr);
    }

    #[test]
    fn empty_paragraph_gives_one_empty_line() {
        let lines = layout_paragraph("\u{1b}[0m", None, 20, &LayoutOptions::default());
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].text.as_str(), lines[0].width), ("", 0));
    }
}
