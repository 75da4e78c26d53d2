//! Fuzzes the layout pipeline: `sanitize` and `layout_paragraph` in every
//! bidi mode, with and without shaping and harakat, at widths 1 to 64. The
//! first byte picks the options and the width; the rest is the paragraph.
//! Beyond "no panic", it checks the promises callers rely on: no line holds
//! a character `sanitize` would remove, and a line wider than asked holds a
//! single cluster that takes cells, which nothing could break (a wide
//! character at width 1; a prepended concatenation mark even joins a
//! following space). Zero-width pieces (an implicit bidi mark) may stand
//! beside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_text::layout::{BidiMode, Direction, Harakat, LayoutOptions, layout_paragraph};
use mizan_text::sanitize::{is_unsafe, sanitize};

fuzz_target!(|data: &[u8]| {
    let Some((&knobs, rest)) = data.split_first() else {
        return;
    };
    let Ok(paragraph) = std::str::from_utf8(rest) else {
        return;
    };
    let clean = sanitize(paragraph);
    assert!(!clean.chars().any(is_unsafe));
    assert_eq!(sanitize(&clean), clean, "sanitize is idempotent");

    let options = LayoutOptions {
        bidi: [BidiMode::App, BidiMode::Terminal, BidiMode::Off][usize::from(knobs % 3)],
        shaping: knobs & 0x04 != 0,
        harakat: if knobs & 0x08 != 0 { Harakat::Strip } else { Harakat::Keep },
    };
    let base = [None, Some(Direction::Ltr), Some(Direction::Rtl)][usize::from((knobs >> 4) % 3)];
    let width = usize::from(knobs >> 2) + 1;
    for line in layout_paragraph(paragraph, base, width, &options) {
        assert!(!line.text.chars().any(is_unsafe), "unsafe char in {:?}", line.text);
        let wide_pieces = line.pieces.iter().filter(|piece| piece.width > 0).count();
        assert!(line.width <= width || wide_pieces == 1, "{:?} at {width}", line.text);
    }
});
