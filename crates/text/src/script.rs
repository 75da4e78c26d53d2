//! Script detection: which characters are Arabic, which language a text is in.
//! The layout engine uses it for base direction, the loader for `lang`.

use crate::utf8::{ArabicBlockSet, char_at};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The language of an article, as far as mizan needs to know it: it picks the
/// lexicons and the base direction of paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Ar,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// Parses `ar`/`en` (and the common long names), case-insensitively.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" | "ara" | "arabic" => Some(Lang::Ar),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Whether `c` belongs to the Arabic script blocks (letters, marks, digits,
/// punctuation and presentation forms).
pub fn is_arabic(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
        && c != '\u{FEFF}'
}

/// The language a text is written in, judged by its letters: Arabic when at
/// least a fifth of the alphabetic characters are Arabic (Arabic news is full
/// of Latin names and agency tags, English news has no Arabic letters).
///
/// ```
/// use mizan_text::{detect_lang, Lang};
/// assert_eq!(detect_lang("قالت وكالة AFP إن"), Lang::Ar);
/// assert_eq!(detect_lang("The minister said"), Lang::En);
/// ```
pub fn detect_lang(text: &str) -> Lang {
    detect_lang_in_steps(text, 4096)
}

/// [`detect_lang`], counting `step` bytes at a time and stopping as soon as
/// the rest of the text, all letters of either kind, could not change the
/// outcome: an Arabic article is decided after about its first half.
fn detect_lang_in_steps(text: &str, step: usize) -> Lang {
    let mut counts = LetterCounts::default();
    let mut at = 0;
    while at < text.len() && !counts.decided(text.len() - at) {
        at = counts.add(text, at, at + step);
    }
    counts.lang()
}

/// The letters of the Arabic block, tested on their two bytes.
static ARABIC_LETTERS: LazyLock<ArabicBlockSet> =
    LazyLock::new(|| ArabicBlockSet::of(is_alphabetic));

/// How many letters of a text have been counted, and how many were Arabic.
#[derive(Debug, Default, PartialEq, Eq)]
struct LetterCounts {
    arabic: usize,
    letters: usize,
}

impl LetterCounts {
    fn lang(&self) -> Lang {
        if self.letters > 0 && self.arabic * 5 >= self.letters {
            Lang::Ar
        } else {
            Lang::En
        }
    }

    /// Whether [`Self::lang`] stays what it is whatever the `rest` bytes
    /// still to count hold (at most one letter each).
    fn decided(&self, rest: usize) -> bool {
        let (arabic, letters) = (self.arabic, self.letters);
        let stays_arabic = letters > 0 && arabic * 5 >= letters + rest;
        let stays_english = arabic * 5 + rest * 4 < letters;
        stays_arabic || stays_english
    }

    /// Counts the characters of `text` from byte `at` to the first
    /// character boundary at or past `to`, and returns that boundary.
    /// Every byte is read, so ASCII is counted without decoding and an
    /// Arabic letter from its two bytes.
    fn add(&mut self, text: &str, mut at: usize, to: usize) -> usize {
        let arabic_letters = &*ARABIC_LETTERS;
        let bytes = text.as_bytes();
        let to = to.min(bytes.len());
        while at < to {
            let lead = bytes[at];
            if lead.is_ascii() {
                self.letters += usize::from(lead.is_ascii_alphabetic());
                at += 1;
            } else if let Some(letter) = arabic_letters.get(lead, bytes[at + 1]) {
                self.letters += usize::from(letter);
                self.arabic += usize::from(letter);
                at += 2;
            } else {
                let (c, len) = char_at(text, at);
                if is_alphabetic(c) {
                    self.letters += 1;
                    self.arabic += usize::from(is_arabic(c));
                }
                at += len;
            }
        }
        at
    }
}

/// `char::is_alphabetic`, with the letters of news text decided by range
/// first: on Arabic letters the general Unicode table takes a slow search,
/// and language detection asks it for every character of every article.
fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        _ if c.is_ascii() => false,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_alphabetic_test_agrees_with_unicode_on_every_character() {
        let disagreeing: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| is_alphabetic(c) != c.is_alphabetic())
            .collect();
        assert!(disagreeing.is_empty(), "{disagreeing:?}");
    }

    proptest::proptest! {
        #[test]
        fn letters_are_counted_as_unicode_counts_them(
            text in "[a-zA-Z0-9 .\u{C0}-\u{FF}\u{600}-\u{6FF}\u{750}\u{FB50}\u{FE8E}\u{391}-\u{3A9}\u{4E00}\u{1F600}]{0,60}"
        ) {
            let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
            let arabic = letters.iter().filter(|&&c| is_arabic(c)).count();
            let mut counts = LetterCounts::default();
            counts.add(&text, 0, text.len());
            proptest::prop_assert_eq!(counts, LetterCounts { arabic, letters: letters.len() });
        }

        #[test]
        fn stopping_once_decided_gives_the_language_of_the_whole_text(
            text in "[a-zA-Z .\u{621}-\u{64A}\u{660}\u{C0}\u{4E00}]{0,80}",
            step in 1usize..8,
        ) {
            let mut whole = LetterCounts::default();
            whole.add(&text, 0, text.len());
            proptest::prop_assert_eq!(detect_lang_in_steps(&text, step), whole.lang());
        }
    }
}
