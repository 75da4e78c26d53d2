//! Text folding for the filter, on the normaliser's per-character rule
//! ([`mizan_text::normalize::fold_char`]: case, hamza forms, harakat,
//! tatweel, Arabic-Indic digits), so the filter and the tagger agree on what
//! counts as the same letter. Both the haystacks and the query go through
//! it, so typing without hamza or harakat matches. Folded text is also packed into a
//! one-byte alphabet so a keystroke scans bytes, not `char`s.

use mizan_text::TextRange;
use mizan_text::normalize::fold_char;

/// `text` in matching form (the normaliser's per-character rule).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

/// `text` in matching form, one entry per folded character, each with the
/// byte range of the original character it came from (to highlight matches).
pub fn fold_with_sources(text: &str) -> (Vec<char>, Vec<TextRange>) {
    let mut chars = Vec::with_capacity(text.len());
    let mut sources = Vec::with_capacity(text.len());
    for (offset, c) in text.char_indices() {
        fold_char(c, |f| {
            chars.push(f);
            sources.push(TextRange::new(offset, offset + c.len_utf8()));
        });
    }
    (chars, sources)
}

/// The one-byte code of a folded character: ASCII letters and digits stand
/// for themselves, the Arabic letter block maps to 0x80.., separators become a
/// space and anything else a hashed code above 0xB0.
fn code(c: char) -> u8 {
    match c {
        'a'..='z' | '0'..='9' => c as u8,
        '\u{0621}'..='\u{064A}' => 0x80 + (c as u32 - 0x0621) as u8,
        _ if c.is_alphanumeric() => 0xB0 + (c as u32 % 0x4F) as u8,
        _ => b' ',
    }
}

/// `text` folded and packed into the one-byte alphabet, runs of separators
/// collapsed to one space.
pub fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 2);
    encode_into(text, &mut out);
    out
}

/// [`encode`], appended to `out` (separators at the start of `text` are
/// dropped, as they are at the start of a buffer).
pub fn encode_into(text: &str, out: &mut Vec<u8>) {
    let start = out.len();
    for c in text.chars() {
        fold_char(c, |f| {
            let b = code(f);
            if b != b' ' || (out.len() > start && out.last() != Some(&b' ')) {
                out.push(b);
            }
        });
    }
}

/// Whether every byte of `needle` occurs, in order, within ONE word of
/// `haystack` (words are separated by single spaces, as [`encode`] writes
/// them): `blnkn` finds `blinken`, but letters scattered over a sentence do
/// not match. A prefix of a match is a match, so a query that grows only
/// narrows what it finds.
pub fn is_subsequence_in_a_word(needle: &[u8], haystack: &[u8]) -> bool {
    // One pass, starting over at each word: matching from a word's first
    // occurrence of the first letter is that word's best chance, and Arabic
    // letters are too common for a memchr anchor to pay (every other word
    // starts with ال).
    let mut matched = 0;
    for &byte in haystack {
        if matched == needle.len() {
            return true;
        }
        if byte == b' ' {
            matched = 0;
        } else if byte == needle[matched] {
            matched += 1;
        }
    }
    matched == needle.len()
}

/// Whether `needle` occurs in `haystack` as it is (whole names).
pub fn contains(needle: &[u8], haystack: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hamza_harakat_and_case_fold_away() {
        assert_eq!(fold("أَحمد"), fold("احمد"));
        assert_eq!(fold("Blinken"), "blinken");
        assert_eq!(fold("مدرسة"), fold("مدرسه"));
    }

    #[test]
    fn encoded_text_matches_within_words() {
        let hay = encode("قالَ وزير الخارجية الأمريكي");
        assert!(is_subsequence_in_a_word(&encode("امريكي"), &hay));
        assert!(is_subsequence_in_a_word(&encode("وزر"), &hay));
        assert!(!is_subsequence_in_a_word(&encode("روسيا"), &hay));
        assert!(
            !is_subsequence_in_a_word(&encode("قوز"), &hay),
            "letters from three words"
        );
        assert!(is_subsequence_in_a_word(
            &encode("blnkn"),
            &encode("Antony Blinken said")
        ));
        assert!(contains(&encode("الخارجية الأمريكي"), &hay));
    }

    #[test]
    fn appending_encodes_each_text_as_if_alone() {
        let mut out = encode("قال:");
        let end = out.len();
        encode_into(" «Blinken»", &mut out);
        assert_eq!(&out[end..], encode(" «Blinken»").as_slice());
        assert_eq!(out[end], b'b', "the leading separators are dropped");
    }

    #[test]
    fn sources_point_at_original_characters() {
        let (chars, sources) = fold_with_sources("أَب");
        assert_eq!(chars, vec!['ا', 'ب']);
        assert_eq!(sources[1].slice("أَب"), "ب");
    }
}
