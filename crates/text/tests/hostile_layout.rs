//! Layout regressions found by fuzzing (`fuzz/fuzz_targets/layout.rs`):
//! each input as the fuzzer found it, and the promise it broke.

use mizan_text::layout::{BidiMode, Harakat, LayoutOptions, layout_paragraph};
use mizan_text::sanitize::is_unsafe;

fn options(bidi: BidiMode, shaping: bool) -> LayoutOptions {
    LayoutOptions {
        bidi,
        shaping,
        harakat: Harakat::Keep,
    }
}

/// A prepended concatenation mark (U+0604) before lam-alef, at width 2.
/// Shaped, the mark and the ligature were one cluster of 2 cells, counted 3
/// for wrapping (the ligature's letters take 2 unshaped), so it sat alone on
/// a line that, unshaped, showed as 2 clusters in 3 cells. Now a ligature
/// whose cluster would not fit is not formed, and every line fits. (At
/// width 1 the mark and the lam alone are a cluster of 2 cells, the one
/// overflow left: see the next test.)
#[test]
fn a_prepend_mark_before_lam_alef_fits_the_line() {
    let paragraph = "\u{0}\u{604}\u{644}\u{622}hh \u{604}\u{644}\u{622} x";
    for width in 2..=3 {
        for bidi in [BidiMode::App, BidiMode::Terminal, BidiMode::Off] {
            for shaping in [true, false] {
                let lines = layout_paragraph(paragraph, None, width, &options(bidi, shaping));
                let shown: String = lines.iter().map(|line| line.text.as_str()).collect();
                assert!(shown.contains('h') && shown.contains('x'), "{lines:#?}");
                for line in &lines {
                    assert!(!line.text.chars().any(is_unsafe));
                    assert!(
                        line.width <= width,
                        "{bidi:?} shaping {shaping} width {width}: {lines:#?}"
                    );
                }
            }
        }
    }
}

/// A prepended concatenation mark joins the space after it into one
/// cluster (UAX #29), so at width 1 that cluster alone is 2 cells wide.
#[test]
fn a_prepend_mark_before_a_space_is_one_cluster_at_width_one() {
    let paragraph = "\u{604}\u{5}@\u{604} 13\u{0}2\u{f} \u{1b}^\u{0}f";
    for bidi in [BidiMode::App, BidiMode::Terminal, BidiMode::Off] {
        let lines = layout_paragraph(paragraph, None, 1, &options(bidi, true));
        for line in &lines {
            assert!(!line.text.chars().any(is_unsafe), "{lines:#?}");
            assert!(
                line.width <= 1 || line.pieces.len() == 1,
                "{bidi:?}: {lines:#?}"
            );
        }
        let shown: String = lines.iter().map(|line| line.text.as_str()).collect();
        assert!(shown.contains('@') && shown.contains('3'), "{lines:#?}");
    }
}
