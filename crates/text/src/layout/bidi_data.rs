//! Bidi classes, looked up directly for the characters Arabic and English
//! text is made of (U+0000..U+06FF and the Arabic presentation forms) instead
//! of by binary search in unicode-bidi's full table: one lookup per character
//! of every paragraph adds up. Every answer comes from unicode-bidi's own
//! table, so nothing can disagree.

use std::sync::LazyLock;
use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData};

const LOW_END: u32 = 0x0700;
const FORMS_START: u32 = 0xfb50;
const FORMS_END: u32 = 0xff00;

static LOW: LazyLock<Vec<BidiClass>> = LazyLock::new(|| classes(0..LOW_END));
static FORMS: LazyLock<Vec<BidiClass>> = LazyLock::new(|| classes(FORMS_START..FORMS_END));

fn classes(codes: std::ops::Range<u32>) -> Vec<BidiClass> {
    codes
        .map(|code| char::from_u32(code).map_or(BidiClass::L, |c| HardcodedBidiData.bidi_class(c)))
        .collect()
}

/// unicode-bidi's class data with a direct-lookup front. It holds the
/// tables themselves so that a paragraph checks they are built once, not
/// once per character.
pub(super) struct FastBidiData {
    low: &'static [BidiClass],
    forms: &'static [BidiClass],
}

impl FastBidiData {
    pub(super) fn new() -> Self {
        Self {
            low: &LOW,
            forms: &FORMS,
        }
    }
}

impl BidiDataSource for FastBidiData {
    #[inline]
    fn bidi_class(&self, c: char) -> BidiClass {
        let code = c as u32;
        if let Some(&class) = self.low.get(code as usize) {
            class
        } else if let Some(&class) = self.forms.get(code.wrapping_sub(FORMS_START) as usize) {
            class
        } else {
            HardcodedBidiData.bidi_class(c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_unicode_bidi_everywhere() {
        let data = FastBidiData::new();
        for code in (0..FORMS_END).chain([0x1f600, 0x10ffff]) {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(
                    data.bidi_class(c),
                    unicode_bidi::bidi_class(c),
                    "U+{code:04X}"
                );
            }
        }
    }
}
