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

use unicode_segmentation::{Graphemes, UnicodeSegmentation};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<(&'a str, usize)> {
        match self {
            Clusters::Full(graphemes) => graphemes.next().map(|g| (g, g.width())),
            Clusters::Simple(rest) => {
                let text: &'a str = rest;
                let mut chars = text.char_indices();
                let (_, first) = chars.next()?;
                let simple_first = is_simple_base(first) || is_simple_mark(first);
                let (end, next) = if is_joiner(first) {
                    (first.len_utf8(), chars.next().map(|(_, c)| c))
                } else {
                    chars
                        .find(|&(_, c)| !is_simple_mark(c) || is_joiner(c))
                        .map_or((text.len(), None), |(offset, c)| (offset, Some(c)))
                };
                if !simple_first || next.is_some_and(|c| !is_simple_base(c) && !is_simple_mark(c)) {
                    *self = Clusters::Full(text.graphemes(true));
                    return self.next();
                }
                let (cluster, remaining) = text.split_at(end);
                *rest = remaining;
                Some((cluster, base_width(first)))
            }
        }
    }
}

/// The width of a simple cluster: its base's (marks and joiners take none).
fn base_width(first: char) -> usize {
    match first {
        ' '..='~' | '\u{0621}'..='\u{064a}' | '\u{fe80}'..='\u{fefc}' => 1,
        c if is_simple_mark(c) => 0,
        c => c.width().unwrap_or(0),
    }
}

/// Characters of grapheme break class Any whose cluster width is their own.
fn is_simple_base(c: char) -> bool {
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

/// Harakat (grapheme class Extend), ZWNJ (Extend) and ZWJ (no break before it
/// and, with no pictographs around, a break after it).
fn is_simple_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061a}'
        | '\u{064b}'..='\u{065f}'
        | '\u{0670}'
        | '\u{06d6}'..='\u{06dc}'
        | '\u{06df}'..='\u{06e4}'
        | '\u{06e7}'..='\u{06e8}'
        | '\u{06ea}'..='\u{06ed}'
        | '\u{200c}'
        | '\u{200d}')
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str) -> Vec<(&str, usize)> {
        text.graphemes(true).map(|g| (g, g.width())).collect()
    }

    #[test]
    fn fast_path_agrees_with_unicode_segmentation() {
        let samples = [
            "قال الوزير «لا» (AFP) 3.5% -0.8% — “نعم”",
            "بَيْتٌ كَبِيرٌ لِلْمُعَلِّمِ",
            "\u{64e}\u{64f}ب",
            "\u{fefb}\u{fe8d}\u{feb3} ١٢٣ ؟ ، \u{fbfc}\u{fd3e}\u{6d5}",
            "Hello, world! ~ \u{a0}\u{ab}x\u{bb}",
        ];
        for text in samples {
            let fast: Vec<_> = clusters(text).collect();
            assert_eq!(fast, full(text), "{text}");
        }
    }

    #[test]
    fn joiners_stand_alone_on_the_fast_path() {
        let fast: Vec<_> = clusters("ب\u{200d}ـ\u{200c}\u{64e}ب").collect();
        assert_eq!(
            fast,
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
    fn other_text_takes_the_full_path() {
        for text in [
            "e\u{301}👍🏽\u{600}1",
            "ab\u{301}c",
            "قال \u{600}1 لا",
            "ب\u{64e}\u{301}ت",
            "x\u{ad}y",
        ] {
            assert_eq!(clusters(text).collect::<Vec<_>>(), full(text), "{text}");
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
}
