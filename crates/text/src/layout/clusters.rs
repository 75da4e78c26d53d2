//! Grapheme clusters and their widths, measured the way ratatui's `Buffer`
//! draws them (each cluster's `unicode-width`; zero-width clusters take no
//! cell), with a fast path for the characters news text is made of.
//!
//! Segmenting by the full Unicode rules is the costliest step of layout, yet
//! nearly every paragraph holds only ASCII, Arabic letters, digits, common
//! punctuation and harakat. For text made only of those the rules reduce to
//! "a cluster is one base character and the marks after it": none of them is
//! a Prepend, Control, Hangul, regional indicator or pictograph, and the marks
//! (and ZWJ, ZWNJ) never start a cluster after a base. The first other
//! character sends the rest of the text, from the boundary before the cluster
//! it would join, down the full path (a boundary before a simple base that
//! follows simple characters is a boundary under the full rules too).
//!
//! On the fast path ZWJ and ZWNJ stand alone as zero-width clusters: their
//! work (joining) is done by shaping, and libfribidi, the reference, reorders
//! them as characters of their own, so the two agree exactly. (On the full
//! path they stay in their cluster, where they may be part of an emoji.)
//!
//! Widths are those of clusters as drawn ([`drawn`]): a tab, kept for bidi
//! rule L1, is drawn as the space it separates words with, and an implicit
//! bidi mark (LRM, RLM, ALM) as nothing. Both are grapheme controls, each a
//! cluster of its own under the full rules too.
//!
//! Also home to the one list of Arabic diacritics the layout knows, since
//! the fast path and `harakat = strip` both need it.

use crate::sanitize::is_implicit_mark;
use std::ops::Range;
use unicode_segmentation::{GraphemeCursor, Graphemes, UnicodeSegmentation};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a cluster shows on screen: a tab as a space, an implicit bidi mark
/// as nothing, anything else as itself.
#[inline]
pub(super) fn drawn(cluster: &str) -> &str {
    // Matched as bytes, a length and a byte or two to compare: this runs
    // for every cluster of every line.
    match cluster.as_bytes() {
        b"\t" => " ",
        // LRM, RLM (U+200E, U+200F) and ALM (U+061C) in UTF-8.
        [0xe2, 0x80, 0x8e | 0x8f] | [0xd8, 0x9c] => "",
        _ => cluster,
    }
}

/// Whether a line may break at `cluster`: a space or a tab, which the break
/// consumes.
#[inline]
pub(super) fn is_break(cluster: &str) -> bool {
    matches!(cluster.as_bytes(), b" " | b"\t")
}

/// One grapheme cluster with what layout needs to know about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Grapheme<'a> {
    pub text: &'a str,
    /// Cells it takes.
    pub width: usize,
    /// How many characters it holds, so callers need not decode it again.
    pub chars: usize,
}

/// The clusters of a text with their widths in cells.
pub(super) enum Clusters<'a> {
    Simple(&'a str),
    Full(Graphemes<'a>),
}

/// Segments `text` into grapheme clusters.
pub(super) fn clusters(text: &str) -> Clusters<'_> {
    Clusters::Simple(text)
}

impl<'a> Iterator for Clusters<'a> {
    type Item = Grapheme<'a>;

    fn next(&mut self) -> Option<Grapheme<'a>> {
        match self {
            Clusters::Full(graphemes) => graphemes.next().map(|text| Grapheme {
                text,
                width: drawn(text).width(),
                chars: text.chars().count(),
            }),
            Clusters::Simple(rest) => {
                let text: &'a str = rest;
                let Some(grapheme) = simple_cluster(text) else {
                    if text.is_empty() {
                        return None;
                    }
                    *self = Clusters::Full(text.graphemes(true));
                    return self.next();
                };
                *rest = &text[grapheme.text.len()..];
                Some(grapheme)
            }
        }
    }
}

/// The cluster `text` starts with, when the fast path may decide it: the
/// first character and the one after the cluster are both simple, and so is
/// the one after any joiners and harakat that follow (under the full rules a
/// joiner stays in the cluster before it, and what follows it may too).
/// After a character that always stands alone, anything may follow.
#[inline]
fn simple_cluster(text: &str) -> Option<Grapheme<'_>> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let mut end = first.len_utf8();
    let mut count = 1;
    match kind(first) {
        Kind::Other => return None,
        Kind::Base | Kind::Mark => {
            while let Some(c) = chars.next() {
                match kind(c) {
                    Kind::Mark => {
                        end += c.len_utf8();
                        count += 1;
                    }
                    Kind::Other => return None,
                    Kind::Joiner if joiners_lead_to_other(chars.clone()) => return None,
                    Kind::Base | Kind::Joiner | Kind::Alone => break,
                }
            }
        }
        Kind::Joiner if joiners_lead_to_other(chars) => return None,
        Kind::Joiner | Kind::Alone => {}
    }
    Some(Grapheme {
        text: &text[..end],
        width: base_width(first),
        chars: count,
    })
}

/// The width, as drawn, of the grapheme cluster of `text` that holds the
/// character at `range`, by the full rules.
pub(super) fn width_around(text: &str, range: Range<usize>) -> usize {
    // Given the whole text as its only chunk, a cursor needs no more
    // context; were it to ask, the text's ends are bounds that overcount.
    let start = GraphemeCursor::new(range.end, text.len(), true)
        .prev_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(0);
    let end = GraphemeCursor::new(range.start, text.len(), true)
        .next_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(text.len());
    drawn(&text[start..end]).width()
}

/// Whether the fast path decides the clusters around `c` itself.
pub(super) fn is_simple(c: char) -> bool {
    kind(c) != Kind::Other
}

/// Whether `c` joins the cluster before it without taking a cell, on the
/// fast path: a haraka or a joiner.
pub(super) fn is_silent_extension(c: char) -> bool {
    matches!(kind(c), Kind::Mark | Kind::Joiner)
}

/// Whether the first character of `after_joiner` that is no joiner and no
/// haraka (all of which the full rules keep in the cluster before them) is
/// one the fast path leaves to the full rules.
fn joiners_lead_to_other(mut after_joiner: std::str::Chars<'_>) -> bool {
    after_joiner
        .find(|&c| !matches!(kind(c), Kind::Joiner | Kind::Mark))
        .is_some_and(|c| kind(c) == Kind::Other)
}

/// How the fast path sees a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Grapheme break class Any, its cluster as wide as itself.
    Base,
    /// A haraka of the Arabic block (grapheme break class Extend).
    Mark,
    /// ZWNJ (Extend) or ZWJ (no break before it and, with no pictographs
    /// around, a break after it).
    Joiner,
    /// A tab or an implicit bidi mark (grapheme break class Control: a
    /// break before and after it, whatever is around).
    Alone,
    /// Anything else: the full rules decide.
    Other,
}

/// Where the direct lookup ends; every simple character below it is in the
/// table, the rest are matched.
const KINDS_END: usize = 0x800;

/// The kind of every character below `KINDS_END`: one load instead of a
/// chain of range tests for each character of a paragraph.
static KINDS: [Kind; KINDS_END] = kinds_below_end();

const fn kinds_below_end() -> [Kind; KINDS_END] {
    let mut table = [Kind::Other; KINDS_END];
    let mut code = 0;
    while code < KINDS_END {
        if let Some(c) = char::from_u32(code as u32) {
            table[code] = classify(c);
        }
        code += 1;
    }
    table
}

#[inline]
fn kind(c: char) -> Kind {
    match c {
        // Shaped Arabic, most of what app mode segments.
        '\u{fe70}'..='\u{fefc}' => Kind::Base,
        _ => match KINDS.get(c as usize) {
            Some(&kind) => kind,
            None => classify(c),
        },
    }
}

const fn classify(c: char) -> Kind {
    if is_alone(c) {
        Kind::Alone
    } else if is_joiner(c) {
        Kind::Joiner
    } else if is_arabic_block_haraka(c) {
        Kind::Mark
    } else if is_simple_base(c) {
        Kind::Base
    } else {
        Kind::Other
    }
}

/// The width of a simple cluster as drawn: its base's (marks, joiners and
/// implicit bidi marks take none, a tab is drawn as a space).
fn base_width(first: char) -> usize {
    match first {
        ' '..='~' | '\t' | '\u{0621}'..='\u{064a}' | '\u{fe80}'..='\u{fefc}' => 1,
        c if is_joiner(c) || is_arabic_block_haraka(c) || is_implicit_mark(c) => 0,
        c => c.width().unwrap_or(0),
    }
}

/// Characters of grapheme break class Any whose cluster width is their own.
const fn is_simple_base(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{a0}'..='\u{ac}'
        | '\u{ae}'..='\u{ff}'
        | '\u{060c}'
        | '\u{061b}'
        | '\u{061f}'..='\u{064a}'
        | '\u{0660}'..='\u{066d}'
        | '\u{0671}'..='\u{06d5}'
        | '\u{fb50}'..='\u{fdff}'
        | '\u{2010}'..='\u{2027}'
        | '\u{fe70}'..='\u{fefc}')
}

/// Arabic diacritics (tashkeel and Quranic marks), hidden by
/// `harakat = strip`: those of the Arabic block and of Arabic Extended-A.
pub(super) fn is_haraka(c: char) -> bool {
    is_arabic_block_haraka(c) || matches!(c, '\u{08d3}'..='\u{08e1}' | '\u{08e3}'..='\u{08ff}')
}

/// The harakat of the Arabic block (U+0600..U+06FF), the only ones the
/// cluster fast path takes. Those of Arabic Extended-A are left to the full
/// path on purpose: taking them would move the switch to the full path,
/// which keeps ZWJ and ZWNJ inside their cluster, and so change how a
/// paragraph holding both is laid out.
const fn is_arabic_block_haraka(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061a}'
        | '\u{064b}'..='\u{065f}'
        | '\u{0670}'
        | '\u{06d6}'..='\u{06dc}'
        | '\u{06df}'..='\u{06e4}'
        | '\u{06e7}'..='\u{06e8}'
        | '\u{06ea}'..='\u{06ed}')
}

const fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
}

/// The characters that are always a cluster of their own on the fast path:
/// tab and the implicit bidi marks (grapheme break class Control).
const fn is_alone(c: char) -> bool {
    matches!(c, '\t' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str) -> Vec<(&str, usize)> {
        text.graphemes(true)
            .map(|g| (g, drawn(g).width()))
            .collect()
    }

    fn fast(text: &str) -> Vec<(&str, usize)> {
        clusters(text)
            .map(|grapheme| {
                assert_eq!(grapheme.chars, grapheme.text.chars().count());
                (grapheme.text, grapheme.width)
            })
            .collect()
    }

    #[test]
    fn fast_path_agrees_with_unicode_segmentation() {
        let samples = [
            "قال الوزير «لا» (AFP) 3.5% -0.8% — “نعم”",
            "بَيْتٌ كَبِيرٌ لِلْمُعَلِّمِ",
            "\u{64e}\u{64f}ب",
            "\u{fefb}\u{fe8d}\u{feb3} ١٢٣ ؟ ، \u{fbfc}\u{fd3e}\u{6d5}",
            "Hello, world! ~ \u{a0}\u{ab}x\u{bb}",
            "ب\u{200f}\u{64e}\tت\u{61c}\u{200e}1\t\t",
        ];
        for text in samples {
            assert_eq!(fast(text), full(text), "{text}");
        }
    }

    #[test]
    fn joiners_stand_alone_on_the_fast_path() {
        assert_eq!(
            fast("ب\u{200d}ـ\u{200c}\u{64e}ب"),
            vec![
                ("ب", 1),
                ("\u{200d}", 0),
                ("ـ", 1),
                ("\u{200c}", 0),
                ("\u{64e}", 0),
                ("ب", 1)
            ]
        );
    }

    #[test]
    fn tabs_are_drawn_as_spaces_and_marks_as_nothing() {
        assert_eq!(
            fast("a\tب\u{200f}"),
            vec![("a", 1), ("\t", 1), ("ب", 1), ("\u{200f}", 0)]
        );
        assert_eq!(
            full("\u{301}\t\u{61c}"),
            vec![("\u{301}", 0), ("\t", 1), ("\u{61c}", 0)]
        );
        assert_eq!(drawn("\t"), " ");
        for mark in ["\u{200e}", "\u{200f}", "\u{61c}"] {
            assert_eq!(drawn(mark), "");
        }
        assert_eq!(drawn("\u{200d}"), "\u{200d}");
        assert!(is_break("\t") && is_break(" ") && !is_break("\u{a0}"));
    }

    #[test]
    fn the_width_around_a_character_is_its_whole_cluster() {
        let text = "a\u{604}\u{fefb}\u{64e}b";
        let ligature = text.find('\u{fefb}').expect("there");
        assert_eq!(width_around(text, ligature..ligature + 3), 2);
        assert_eq!(width_around(text, 0..1), 1);
    }

    #[test]
    fn other_text_takes_the_full_path() {
        for text in [
            "e\u{301}👍🏽\u{600}1",
            "ab\u{301}c",
            "قال \u{600}1 لا",
            "ب\u{64e}\u{301}ت",
            "x\u{ad}y",
            "ب\u{8f0}\u{200d}ت",
            "ا\u{200d}\u{1f3fb}",
            "ا\u{200d}\u{64e}\u{1f3fb}",
            "ب\u{200c}\u{200d}\u{301}ت",
        ] {
            assert_eq!(fast(text), full(text), "{text}");
        }
    }

    #[test]
    fn fast_widths_agree_with_unicode_width() {
        for c in (' '..='~')
            .chain('\u{0621}'..='\u{064a}')
            .chain('\u{fe80}'..='\u{fefc}')
        {
            assert_eq!(base_width(c), c.width().unwrap_or(0), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_kind_table_agrees_with_the_ranges() {
        for c in ('\0'..='\u{7ff}').chain('\u{2000}'..='\u{2030}') {
            assert_eq!(kind(c), classify(c), "U+{:04X}", c as u32);
        }
        assert_eq!(kind('\u{64e}'), Kind::Mark);
        assert_eq!(kind('\u{200d}'), Kind::Joiner);
        for c in '\u{fe70}'..='\u{fefc}' {
            assert_eq!(kind(c), classify(c), "U+{:04X}", c as u32);
        }
        assert_eq!(kind('\u{301}'), Kind::Other);
    }

    #[test]
    fn extended_a_harakat_are_stripped_but_not_simple() {
        assert!(is_haraka('\u{8f0}') && is_haraka('\u{64e}'));
        assert!(!is_haraka('\u{8e2}') && !is_haraka('ب'));
        assert_eq!(kind('\u{8f0}'), Kind::Other);
    }
}
