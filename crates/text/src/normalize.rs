//! The one normaliser for matching Arabic and English text. Displayed text is
//! never altered: matching runs on `Normalized::text`, and every byte of it
//! maps back to the original byte it came from, so a match becomes a
//! `TextRange` of what the user sees.
//!
//! What it folds, and why: harakat, tatweel, Quranic marks and invisible
//! format characters are deleted (they vary between writers of the same word);
//! alef forms become bare alef, alef maksura becomes ya, ta marbuta becomes ha,
//! hamza on waw/ya becomes the bare seat (all inconsistently written in news);
//! Arabic-Indic digits become ASCII; presentation forms become base letters;
//! Latin letters are lower-cased. A combining hamza (ا + U+0654, the
//! decomposed أ) needs no NFC pass: the mark is deleted and the seat is what
//! the precomposed letter folds to anyway.

use super::TextRange;
use crate::utf8::{ArabicBlockSet, char_at};
use std::sync::LazyLock;

/// Text folded for matching, with a map back to the original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the original byte offset of the character that produced
    /// byte `i` of `text`; one extra entry holds the original length.
    origin: Vec<u32>,
}

impl Normalized {
    /// The original range a byte range of the folded text came from. Marks
    /// deleted after the last character (its harakat) belong to it.
    ///
    /// ```
    /// use mizan_text::normalize::normalize;
    /// let original = "قالَتْ أرمينيا";
    /// let n = normalize(original);
    /// assert_eq!(n.text, "قالت ارمينيا");
    /// let word = n.text.find("ارمينيا").unwrap();
    /// let r = n.to_original(word..n.text.len());
    /// assert_eq!(r.slice(original), "أرمينيا");
    /// ```
    pub fn to_original(&self, range: std::ops::Range<usize>) -> TextRange {
        let start = self.origin_at(range.start);
        let end = self.origin_at(range.end).max(start);
        TextRange::new(start, end)
    }

    /// The original offset of folded byte `offset` (clamped to the end).
    pub fn origin_at(&self, offset: usize) -> usize {
        let last = self.origin.len().saturating_sub(1);
        self.origin.get(offset.min(last)).copied().unwrap_or(0) as usize
    }
}

/// Folds `text` for matching. Linear in the length of `text`.
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len() + 1),
    };
    let plain = &*PLAIN_ARABIC_LETTERS;
    let mut at = 0;
    while at < text.len() {
        let run_end = unchanged_run_end(text.as_bytes(), at, plain);
        if run_end > at {
            push_run(&mut out, text, at..run_end);
            at = run_end;
        } else {
            let (c, len) = char_at(text, at);
            push_folded(&mut out, c, at);
            at += len;
        }
    }
    out.origin.push(text.len() as u32);
    out
}

/// [`is_plain_arabic_letter`] as a set, tested on a letter's two bytes.
static PLAIN_ARABIC_LETTERS: LazyLock<ArabicBlockSet> =
    LazyLock::new(|| ArabicBlockSet::of(is_plain_arabic_letter));

/// Where the run of characters starting at `at` that fold to themselves
/// (ASCII but for its case, and plain Arabic letters: most of any news
/// text) ends.
fn unchanged_run_end(bytes: &[u8], mut at: usize, plain: &ArabicBlockSet) -> usize {
    while let Some(&lead) = bytes.get(at) {
        if lead.is_ascii() {
            at += 1;
        } else if plain.get(lead, bytes[at + 1]) == Some(true) {
            at += 2;
        } else {
            break;
        }
    }
    at
}

/// Copies a run [`unchanged_run_end`] found, lower-casing its ASCII, in
/// one go: every byte maps back to the first byte of its character.
fn push_run(out: &mut Normalized, text: &str, run: std::ops::Range<usize>) {
    let from = out.text.len();
    out.text.push_str(&text[run.clone()]);
    out.text[from..].make_ascii_lowercase();
    let start = run.start;
    let bytes = &text.as_bytes()[run];
    out.origin.extend(
        bytes
            .iter()
            .enumerate()
            .map(|(i, &b)| (start + i - usize::from(is_continuation(b))) as u32),
    );
}

/// A byte inside a character rather than at its start. A run holds only
/// one- and two-byte characters, so the start is the byte before.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

fn push_folded(out: &mut Normalized, c: char, offset: usize) {
    fold_char(c, |folded| push(out, folded, offset));
}

/// The matching form of one character, given to `emit`: nothing for a
/// character matching ignores (harakat, tatweel, invisible marks), one or
/// more characters otherwise (a presentation-form ligature gives its
/// letters). This is the rule [`normalize`] applies to every character; the
/// reader's filter folds keystrokes and haystacks with it too.
///
/// ```
/// use mizan_text::normalize::fold_char;
/// let mut out = String::new();
/// for c in "أَحمد ﻻ Ä".chars() {
///     fold_char(c, |f| out.push(f));
/// }
/// assert_eq!(out, "احمد لا ä");
/// ```
pub fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
    } else if is_presentation_form(c) {
        unicode_normalization::char::decompose_compatible(c, |base| fold_one(base, &mut emit));
    } else {
        fold_one(c, emit);
    }
}

fn fold_one(c: char, mut emit: impl FnMut(char)) {
    match classify(c) {
        Folded::Drop => {}
        Folded::Char(folded) => emit(folded),
        Folded::Lower => c.to_lowercase().for_each(emit),
    }
}

fn push(out: &mut Normalized, c: char, offset: usize) {
    out.text.push(c);
    // One push per byte: a slice copy of two entries costs a memmove call.
    for _ in 0..c.len_utf8() {
        out.origin.push(offset as u32);
    }
}

enum Folded {
    Drop,
    Char(char),
    Lower,
}

/// An Arabic letter that folds to itself (two bytes in UTF-8).
fn is_plain_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}' | '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
        && !matches!(c, 'ة' | 'ى')
}

fn classify(c: char) -> Folded {
    match c {
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{00AD}'
        | '\u{FEFF}' => Folded::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Folded::Char('ا'),
        'ى' => Folded::Char('ي'),
        'ة' => Folded::Char('ه'),
        'ؤ' => Folded::Char('و'),
        'ئ' => Folded::Char('ي'),
        'ک' => Folded::Char('ك'),
        // Letters of Persian and Maghrebi spellings of foreign names.
        'ڤ' => Folded::Char('ف'),
        'پ' => Folded::Char('ب'),
        'چ' => Folded::Char('ج'),
        'گ' => Folded::Char('غ'),
        'ژ' => Folded::Char('ز'),
        'ڨ' => Folded::Char('ق'),
        'ی' => Folded::Char('ي'),
        '٠'..='٩' => Folded::Char(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '۰'..='۹' => Folded::Char(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => Folded::Char(' '),
        '\u{0600}'..='\u{06FF}' | '\u{2000}'..='\u{206F}' => Folded::Char(c),
        _ if c.is_uppercase() => Folded::Lower,
        _ => Folded::Char(c),
    }
}

fn is_presentation_form(c: char) -> bool {
    matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_alef_hamza_ya_ta_marbuta_and_harakat() {
        assert_eq!(normalize("إِلى الأُمَمِ المتّحدة").text, "الي الامم المتحده");
        assert_eq!(normalize("حلفاؤها وحلفائها").text, "حلفاوها وحلفايها");
        assert_eq!(normalize("قـــال").text, "قال");
    }

    #[test]
    fn folds_digits_and_lowercases_latin() {
        assert_eq!(normalize("٤٩ Said ۱۲").text, "49 said 12");
    }

    #[test]
    fn folds_persian_and_maghrebi_letters_of_foreign_names() {
        assert_eq!(normalize("ڤلاديمير پوتين").text, "فلاديمير بوتين");
        assert_eq!(normalize("چ گ ژ ڨ").text, "ج غ ز ق");
    }

    #[test]
    fn deletes_invisible_format_characters() {
        assert_eq!(normalize("با\u{200C}كو\u{200F}").text, "باكو");
    }

    #[test]
    fn decomposed_hamza_folds_like_precomposed() {
        assert_eq!(normalize("ا\u{0654}رمينيا").text, normalize("أرمينيا").text);
    }

    #[test]
    fn presentation_forms_become_base_letters() {
        assert_eq!(normalize("\u{FEDE}\u{FE8E}").text, "لا");
        assert_eq!(normalize("\u{FEFB}").text, "لا");
    }

    #[test]
    fn maps_every_range_back_to_the_original() {
        let original = "وَقالَتْ «باكو» إنَّ";
        let n = normalize(original);
        let at = n.text.find("باكو").unwrap();
        let r = n.to_original(at..at + "باكو".len());
        assert_eq!(r.slice(original), "باكو");
        assert_eq!(n.to_original(0..n.text.len()).slice(original), original);
    }

    /// The rule applied one character at a time, as it reads in
    /// [`fold_char`]: what the run-copying [`normalize`] must equal.
    fn normalize_char_by_char(text: &str) -> Normalized {
        let mut out = Normalized::default();
        for (offset, c) in text.char_indices() {
            fold_char(c, |folded| push(&mut out, folded, offset));
        }
        out.origin.push(text.len() as u32);
        out
    }

    proptest::proptest! {
        #[test]
        fn copying_runs_folds_and_maps_like_the_rule_char_by_char(
            text in "[a-zA-Z0-9 .,\n\u{621}-\u{64A}\u{64B}-\u{652}\u{640}\u{660}-\u{669}\u{6A4}\u{6CC}\u{FE8E}\u{FEFB}\u{200F}\u{C0}-\u{FF}\u{391}-\u{3A9}\u{1F600}]{0,60}"
        ) {
            proptest::prop_assert_eq!(normalize(&text), normalize_char_by_char(&text));
        }
    }

    #[test]
    fn text_of_only_diacritics_folds_to_nothing() {
        let original = "\u{064E}".repeat(1000);
        let n = normalize(&original);
        assert!(n.text.is_empty());
        assert!(n.to_original(0..0).is_empty());
    }
}
