//! Properties of the layout and the sanitiser over generated paragraphs of
//! mixed Arabic, Latin, digits, punctuation, harakat, joiners, bidi controls
//! and terminal escape sequences:
//! - the paragraph as the layout sanitises it (tabs and implicit bidi marks
//!   kept) is the lines' logical texts joined by exactly the space or tab a
//!   line broke at, and nothing at a cut word (nothing lost or doubled); each
//!   line shows its text with tabs as spaces and the marks as nothing;
//! - no line is wider than asked, and a line's width is what ratatui draws
//!   (the sum of its grapheme clusters' widths);
//! - pieces tile each line and point back into the paragraph;
//! - sanitising is idempotent, and no output ever holds a C0/C1 control, an
//!   escape or a bidi control.

use mizan_text::layout::{BidiMode, Direction, Harakat, LaidLine, LayoutOptions, layout_paragraph};
use mizan_text::sanitize::{Sanitized, is_implicit_mark, is_unsafe, sanitize};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const FRAGMENTS: &[&str] = &[
    " ",
    " ",
    " ",
    " ",
    "  ",
    "قال",
    "الوزير",
    "لا",
    "الأمن",
    "إلى",
    "آلاف",
    "ماء",
    "ء",
    "جـديد",
    "بَيْتٌ",
    "لِلْمُعَلِّمِ",
    "لَا",
    "ب\u{200d}",
    "می\u{200c}خواهم",
    "AFP",
    "Reuters",
    "UN",
    "2024-03-05",
    "3.5%",
    "-0.8%",
    "١٢٣",
    "12,500",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "\"",
    "،",
    ".",
    ":",
    "-",
    "%",
    "\u{64e}",
    "\u{651}",
    "\t",
    "\n",
    "\u{1b}[31m",
    "\u{1b}[0m",
    "\u{1b}]0;title\u{7}",
    "\u{1b}",
    "\u{9b}2J",
    "\u{85}",
    "\u{7f}",
    "\u{0}",
    "\u{202e}",
    "\u{202d}",
    "\u{202b}",
    "\u{202a}",
    "\u{202c}",
    "\u{2067}",
    "\u{2066}",
    "\u{2068}",
    "\u{2069}",
    "\u{200f}",
    "\u{200e}",
    "\u{61c}",
    "\u{feff}",
    "verylongwordwithoutanyspaces",
    "كلمةطويلةجدابدونأيمسافاتفيها",
];

/// Pieces of text whose grapheme clusters are more than a letter and its
/// marks: prepended concatenation marks (which join what follows, a space
/// or a lam), lam-alef, a wide emoji modifier, a wide ideograph.
const ODD_CLUSTERS: &[&str] = &[
    "\u{604}",
    "\u{600}",
    "لا",
    "لأ",
    "لآ",
    " ",
    " ",
    "\u{1f3fb}",
    "\u{301}",
    "a",
    "ب",
    "\u{64e}",
    "\u{200f}",
    "\u{61c}",
    "\t",
    "\u{200d}",
    "語",
];

fn odd_paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ODD_CLUSTERS), 0..30)
        .prop_map(|parts| parts.concat())
}

/// A line may be wider than asked only when it holds one cluster that takes
/// cells and nothing could break (a wide character at width 1, a prepended
/// mark joined with a space); zero-width pieces may stand beside it.
fn fits_or_is_one_cluster(line: &LaidLine, width: usize) -> Result<(), TestCaseError> {
    let wide_pieces = line.pieces.iter().filter(|piece| piece.width > 0).count();
    prop_assert!(
        line.width <= width || wide_pieces == 1,
        "line {:?} is {} cells wide, limit {}",
        line.text,
        line.width,
        width
    );
    Ok(())
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

fn base() -> impl Strategy<Value = Option<Direction>> {
    prop::sample::select(vec![None, Some(Direction::Rtl), Some(Direction::Ltr)])
}

fn options(bidi: BidiMode, shaping: bool, harakat: Harakat) -> LayoutOptions {
    LayoutOptions {
        bidi,
        shaping,
        harakat,
    }
}

fn all_options() -> Vec<LayoutOptions> {
    let mut all = Vec::new();
    for bidi in [BidiMode::App, BidiMode::Terminal, BidiMode::Off] {
        for shaping in [true, false] {
            for harakat in [Harakat::Keep, Harakat::Strip] {
                all.push(options(bidi, shaping, harakat));
            }
        }
    }
    all
}

/// How terminal mode prints a line's logical text: tabs as spaces, the
/// implicit bidi marks not at all.
fn shown_logically(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_implicit_mark(c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

fn ratatui_width(text: &str) -> usize {
    text.graphemes(true).map(|g| g.width()).sum()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fn check_line(line: &LaidLine, width: usize) -> Result<(), TestCaseError> {
    prop_assert!(
        line.width <= width,
        "line {:?} is {} cells wide, limit {}",
        line.text,
        line.width,
        width
    );
    prop_assert_eq!(
        line.width,
        ratatui_width(&line.text),
        "width of {:?}",
        &line.text
    );
    prop_assert!(
        !line
            .text
            .chars()
            .any(|c| is_unsafe(c) || c.is_control() || is_bidi_control(c))
    );
    let mut shown_end = 0;
    let mut widths = 0;
    for piece in &line.pieces {
        prop_assert_eq!(piece.shown.start(), shown_end);
        shown_end = piece.shown.end();
        widths += piece.width;
        prop_assert!(
            line.source.start() <= piece.source.start() && piece.source.end() <= line.source.end()
        );
    }
    prop_assert_eq!(shown_end, line.text.len());
    prop_assert_eq!(widths, line.width);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn lines_rejoin_into_the_sanitised_paragraph(text in paragraph(), base in base(), width in 1usize..50) {
        let clean: String = Sanitized::new(&text).map(|(_, c)| c).collect();
        let logical = options(BidiMode::Terminal, true, Harakat::Keep);
        let lines = layout_paragraph(&clean, base, width, &logical);
        let mut rebuilt = String::new();
        for (index, line) in lines.iter().enumerate() {
            let logical_text = line.source.slice(&clean);
            prop_assert_eq!(shown_logically(logical_text), line.text.as_str());
            if index > 0 {
                let gap = &clean[lines[index - 1].source.end()..line.source.start()];
                prop_assert!(matches!(gap, "" | " " | "\t"), "gap {:?} between lines", gap);
                rebuilt.push_str(gap);
            }
            rebuilt.push_str(logical_text);
        }
        prop_assert_eq!(rebuilt, clean);
    }

    #[test]
    fn every_mode_fits_the_width_and_prints_nothing_unsafe(text in paragraph(), base in base(), width in 1usize..50) {
        let mut breaks = None;
        for options in all_options() {
            let lines = layout_paragraph(&text, base, width, &options);
            prop_assert!(!lines.is_empty());
            for line in &lines {
                check_line(line, width)?;
            }
            if options.harakat == Harakat::Keep {
                let sources: Vec<_> = lines.iter().map(|line| line.source).collect();
                match &breaks {
                    None => breaks = Some(sources),
                    Some(first) => prop_assert_eq!(first, &sources, "modes break differently"),
                }
            }
        }
    }

    #[test]
    fn sanitising_is_idempotent_and_complete(text in paragraph()) {
        let once = sanitize(&text);
        let twice = sanitize(&once);
        prop_assert_eq!(twice.as_ref(), once.as_ref());
        prop_assert!(!once.chars().any(|c| is_unsafe(c) || c.is_control() || is_bidi_control(c)));
    }

    #[test]
    fn arbitrary_text_never_breaks_the_layout(text in any::<String>(), width in 1usize..30) {
        for options in all_options() {
            for line in layout_paragraph(&text, None, width, &options) {
                prop_assert!(!line.text.chars().any(|c| c.is_control() || is_bidi_control(c)));
                prop_assert_eq!(line.width, ratatui_width(&line.text));
                fits_or_is_one_cluster(&line, width)?;
            }
        }
    }

    #[test]
    fn odd_clusters_overflow_a_line_only_alone(text in odd_paragraph(), base in base(), width in 1usize..8) {
        for options in all_options() {
            for line in layout_paragraph(&text, base, width, &options) {
                fits_or_is_one_cluster(&line, width)?;
            }
        }
    }
}
