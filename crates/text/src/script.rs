//! Script detection: which characters are Arabic, which language a text is in.
//! The layout engine uses it for base direction, the loader for `lang`.

use serde::{Deserialize, Serialize};

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
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_alphabetic(c)) {
        letters += 1;
        if is_arabic(c) {
            arabic += 1;
        }
    }
    if letters > 0 && arabic * 5 >= letters {
        Lang::Ar
    } else {
        Lang::En
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
}
