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
    let (arabic, letters) = letter_counts(text);
    if letters > 0 && arabic * 5 >= letters {
        Lang::Ar
    } else {
        Lang::En
    }
}

/// The letters of the Arabic block, tested on their two bytes.
static ARABIC_LETTERS: LazyLock<ArabicBlockSet> =
    LazyLock::new(|| ArabicBlockSet::of(is_alphabetic));

/// How many of the letters of `text` are Arabic, and how many letters it
/// has. Language detection reads every byte of every article, so ASCII is
/// counted without decoding.
fn letter_counts(text: &str) -> (usize, usize) {
    let arabic_letters = &*ARABIC_LETTERS;
    let bytes = text.as_bytes();
    let (mut arabic, mut letters) = (0, 0);
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        if lead.is_ascii() {
            letters += usize::from(lead.is_ascii_alphabetic());
            at += 1;
            continue;
        }
        if let Some(letter) = arabic_letters.get(lead, bytes[at + 1]) {
            letters += usize::from(letter);
            arabic += usize::from(letter);
            at += 2;
            continue;
        }
        let (c, len) = char_at(text, at);
        if is_alphabetic(c) {
            letters += 1;
            arabic += usize::from(is_arabic(c));
        }
        at += len;
    }
    (arabic, letters)
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
            proptest::prop_assert_eq!(letter_counts(&text), (arabic, letters.len()));
        }
    }
}
