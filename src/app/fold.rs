//! Text folding for the filter, on the normaliser's per-character rule
//! ([`mizan_text::normalize::fold_char`]: case, hamza forms, harakat,
//! tatweel, Arabic-Indic digits), so the filter and the tagger agree on what
//! counts as the same letter. Both the haystacks and the query go through
//! it, so typing without hamza or harakat matches. Folded text is also packed into a
//! one-byte alphabet so a keystroke scans bytes, not `char`s.
//!
//! The matching itself is here too, once: the filter asks only whether a
//! term matches, highlighting and the search within an article ask where,
//! and both run the same scan (a no-op trace for the first).

use mizan_text::normalize::fold_char;

/// `text` in matching form (the normaliser's per-character rule).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
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
    encode_each(text, |byte, _| out.push(byte));
}

/// [`encode`] with, for each byte, the offset in `text` of the character
/// it came from: where a match in the encoded text stands in the original.
pub fn encode_with_sources(text: &str) -> (Vec<u8>, Vec<usize>) {
    let mut bytes = Vec::with_capacity(text.len() / 2);
    let mut sources = Vec::with_capacity(text.len() / 2);
    encode_each(text, |byte, source| {
        bytes.push(byte);
        sources.push(source);
    });
    (bytes, sources)
}

/// Hands each byte of `text`'s encoding to `push` with the offset of the
/// character it came from; separators at the start are dropped and runs of
/// them collapse to one space.
fn encode_each(text: &str, mut push: impl FnMut(u8, usize)) {
    let mut after_separator = true;
    for (offset, c) in text.char_indices() {
        fold_char(c, |f| {
            let b = code(f);
            if b != b' ' || !after_separator {
                push(b, offset);
            }
            after_separator = b == b' ';
        });
    }
}

/// Whether every byte of `needle` occurs, in order, within ONE word of
/// `haystack` (words are separated by single spaces, as [`encode`] writes
/// them): `blnkn` finds `blinken`, but letters scattered over a sentence do
/// not match. A prefix of a match is a match, so a query that grows only
/// narrows what it finds.
pub fn is_subsequence_in_a_word(needle: &[u8], haystack: &[u8]) -> bool {
    scan_words(needle, haystack, &mut FirstMatch)
}

/// Each place `needle` matches in `haystack` as [`is_subsequence_in_a_word`]
/// matches it, left to right and not overlapping, as the positions of the
/// needle's bytes: the first entry is the match the filter found.
pub fn subsequence_positions(needle: &[u8], haystack: &[u8]) -> Vec<Vec<usize>> {
    let mut every = EveryMatch::default();
    scan_words(needle, haystack, &mut every);
    every.found
}

/// What a scan does with what it matches.
trait Trace {
    /// A word starts: what the previous one matched is forgotten.
    fn restart(&mut self);
    /// The needle's next byte is at haystack position `at`.
    fn matched(&mut self, at: usize);
    /// The whole needle matched; whether to stop (else matching starts
    /// again from the next byte).
    fn complete(&mut self) -> bool;
}

/// Stops at the first match and keeps nothing: the filter's trace, which
/// compiles to the bare scan.
struct FirstMatch;

impl Trace for FirstMatch {
    fn restart(&mut self) {}

    fn matched(&mut self, _: usize) {}

    fn complete(&mut self) -> bool {
        true
    }
}

/// Keeps the positions of every match.
#[derive(Default)]
struct EveryMatch {
    current: Vec<usize>,
    found: Vec<Vec<usize>>,
}

impl Trace for EveryMatch {
    fn restart(&mut self) {
        self.current.clear();
    }

    fn matched(&mut self, at: usize) {
        self.current.push(at);
    }

    fn complete(&mut self) -> bool {
        self.found.push(std::mem::take(&mut self.current));
        false
    }
}

/// The scan behind both: one pass, starting over at each word. Matching
/// from a word's first occurrence of the first letter is that word's best
/// chance, and Arabic letters are too common for a memchr anchor to pay
/// (every other word starts with ال). The loop is the filter's hot path:
/// a completed match is noticed at the next byte, which keeps the step
/// free of branches. Whether anything matched.
fn scan_words(needle: &[u8], haystack: &[u8], trace: &mut impl Trace) -> bool {
    let mut matched = 0;
    let mut found = false;
    for (at, &byte) in haystack.iter().enumerate() {
        if matched == needle.len() {
            found = true;
            if trace.complete() {
                return true;
            }
            matched = 0;
        }
        if byte == b' ' {
            matched = 0;
            trace.restart();
        } else if byte == needle[matched] {
            matched += 1;
            trace.matched(at);
        }
    }
    if matched == needle.len() {
        found = true;
        trace.complete();
    }
    found
}

/// Whether `needle` occurs in `haystack` as it is (whole names).
pub fn contains(needle: &[u8], haystack: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Whether `needle` occurs in `haystack` as whole words: starting and
/// ending where a word does (`oman` is in `sultanate oman`, not in
/// `spokeswoman`).
pub fn contains_words(needle: &[u8], haystack: &[u8]) -> bool {
    !needle.is_empty()
        && memchr::memmem::find_iter(haystack, needle).any(|start| {
            let end = start + needle.len();
            (start == 0 || haystack[start - 1] == b' ')
                && (end == haystack.len() || haystack[end] == b' ')
        })
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
    fn whole_words_start_and_end_where_words_do() {
        let hay = encode("a spokeswoman for Oman, Thomas Green");
        assert!(contains_words(&encode("oman"), &hay));
        assert!(contains_words(&encode("thomas green"), &hay));
        assert!(!contains_words(&encode("oma"), &hay));
        assert!(!contains_words(&encode("woman"), &hay));
        assert!(!contains_words(&encode(""), &hay));
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
        let text = "  أَب، Cd";
        let (bytes, sources) = encode_with_sources(text);
        assert_eq!(bytes, encode(text));
        assert_eq!(&text[sources[1]..], "ب، Cd");
        assert_eq!(&text[sources[3]..], "Cd");
    }

    #[test]
    fn positions_are_those_of_the_match_the_filter_finds() {
        let hay = encode("Thomas Green said Blinken met Blinken");
        let needle = encode("blnkn");
        assert!(is_subsequence_in_a_word(&needle, &hay));
        let found = subsequence_positions(&needle, &hay);
        assert_eq!(found.len(), 2, "each word holding it");
        let first: Vec<u8> = found[0].iter().map(|&at| hay[at]).collect();
        assert_eq!(first, needle);
        let word = memchr::memmem::find(&hay, b"blinken").expect("the word");
        assert!(found[0].iter().all(|&at| (word..word + 7).contains(&at)));
        assert!(subsequence_positions(&encode("om"), &encode("tom")).len() == 1);
        assert!(subsequence_positions(&encode("xyz"), &hay).is_empty());
    }
}
