//! Tokens, quotations and sentences of (normalised) text. The tagger and the
//! lexicon compiler both tokenise with this, so a lexicon phrase and the text
//! it should match are cut into words the same way. Everything here is one
//! linear pass; no input makes it slower (10,000 quote marks, a 5 MB
//! sentence).

use crate::utf8::{ArabicBlockSet, char_at};
use std::sync::LazyLock;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters (and marks), Arabic or Latin.
    Word,
    /// Digits, with decimal and thousands separators between digits.
    Number,
    /// One punctuation or symbol character, including line breaks.
    Punct(char),
}

/// A token: a byte range of the tokenised text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    pub fn is_punct(self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }
}

/// Cuts `text` into words, numbers and punctuation; white space other than
/// line breaks separates tokens and is not one.
///
/// ```
/// use mizan_text::segment::{tokenize, TokenKind};
/// let text = "قال: 2.5 مليون";
/// let kinds: Vec<_> = tokenize(text).iter().map(|t| t.kind).collect();
/// assert_eq!(kinds, [TokenKind::Word, TokenKind::Punct(':'), TokenKind::Number, TokenKind::Word]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut at = 0;
    while at < text.len() {
        let (c, len) = char_at(text, at);
        let start = at;
        at += len;
        let kind = if is_letter(c) {
            at = word_end(text, at);
            TokenKind::Word
        } else if c.is_ascii_digit() {
            at = number_end(text, at);
            TokenKind::Number
        } else if c == '\n' || !(c.is_whitespace() || is_mark(c)) {
            TokenKind::Punct(c)
        } else {
            continue;
        };
        tokens.push(Token {
            start,
            end: at,
            kind,
        });
    }
    tokens
}

/// The letters and marks of the Arabic block, tested on their two bytes.
static ARABIC_WORD_CHARS: LazyLock<ArabicBlockSet> =
    LazyLock::new(|| ArabicBlockSet::of(|c| is_letter(c) || is_mark(c)));

/// Where the word whose letters run up to `at` ends: after its last
/// letter or mark.
fn word_end(text: &str, mut at: usize) -> usize {
    let arabic = &*ARABIC_WORD_CHARS;
    let bytes = text.as_bytes();
    while let Some(&lead) = bytes.get(at) {
        let (in_word, len) = if lead.is_ascii() {
            (lead.is_ascii_alphabetic(), 1)
        } else if let Some(in_word) = arabic.get(lead, bytes[at + 1]) {
            (in_word, 2)
        } else {
            let (c, len) = char_at(text, at);
            (is_letter(c) || is_mark(c), len)
        };
        if !in_word {
            break;
        }
        at += len;
    }
    at
}

/// Where the number whose digits run up to `at` ends: separators count
/// only between digits.
fn number_end(text: &str, mut at: usize) -> usize {
    while at < text.len() {
        let (c, len) = char_at(text, at);
        if c.is_ascii_digit() || (is_digit_separator(c) && followed_by_digit(text, at + len)) {
            at += len;
        } else {
            break;
        }
    }
    at
}

/// A letter of a word. Arabic letters are checked by range first: the
/// general Unicode lookup is the slowest step of tokenising Arabic text.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' => true,
        _ if c.is_ascii() => false,
        '\u{0600}'..='\u{06FF}' | '\u{00A0}'..='\u{00BF}' | '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphabetic(),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670)
}

fn is_digit_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
}

fn followed_by_digit(text: &str, offset: usize) -> bool {
    text[offset..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

/// A quotation: the token indices of its opening and closing marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    pub open: usize,
    pub close: usize,
}

/// Pairs quotation marks: « », “ ”, „ “/”, and straight quotes in order. An
/// opening mark with no closing mark after it is plain text; marks inside a
/// quotation are part of it (nested quotes are not separate quotations).
pub fn find_quotes(tokens: &[Token]) -> Vec<Quote> {
    let next_guillemet = next_index(tokens, |c| c == '»');
    let next_curly = next_index(tokens, |c| c == '”' || c == '“');
    let next_straight = next_index(tokens, |c| c == '"');
    let mut quotes = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let closer = match tokens[i].kind {
            TokenKind::Punct('«') => next_guillemet[i + 1],
            TokenKind::Punct('“' | '„') => next_curly[i + 1],
            TokenKind::Punct('"') => next_straight[i + 1],
            _ => None,
        };
        match closer {
            Some(close) => {
                quotes.push(Quote { open: i, close });
                i = close + 1;
            }
            None => i += 1,
        }
    }
    quotes
}

/// For each index `i`, the first index `>= i` whose token is punctuation
/// accepted by `is_closer` (one extra entry for the end).
fn next_index(tokens: &[Token], is_closer: impl Fn(char) -> bool) -> Vec<Option<usize>> {
    let mut next = vec![None; tokens.len() + 1];
    for i in (0..tokens.len()).rev() {
        next[i] = match tokens[i].kind {
            TokenKind::Punct(c) if is_closer(c) => Some(i),
            _ => next[i + 1],
        };
    }
    next
}

/// Splits tokens into sentences (half-open token index ranges). Splits after
/// `. ! ? ؟ … ۔` and at line breaks, never inside a quotation, never after
/// a token `is_abbreviation` accepts or after a single letter (initials).
pub fn sentences(
    text: &str,
    tokens: &[Token],
    quotes: &[Quote],
    is_abbreviation: impl Fn(&str) -> bool,
) -> Vec<std::ops::Range<usize>> {
    let mut in_quote = vec![false; tokens.len()];
    for quote in quotes {
        for flag in &mut in_quote[quote.open + 1..quote.close] {
            *flag = true;
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let splits = !in_quote[i]
            && is_terminator(tokens[i].kind)
            && !follows_abbreviation(text, tokens, i, &is_abbreviation);
        if splits {
            let mut end = i + 1;
            while end < tokens.len() && !in_quote[end] && is_terminator(tokens[end].kind) {
                end += 1;
            }
            if end > start && !(end == start + 1 && tokens[start].is_punct('\n')) {
                out.push(start..end);
            }
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

fn is_terminator(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Punct('.' | '!' | '?' | '؟' | '…' | '۔' | '\n')
    )
}

fn follows_abbreviation(
    text: &str,
    tokens: &[Token],
    i: usize,
    is_abbreviation: &impl Fn(&str) -> bool,
) -> bool {
    if !tokens[i].is_punct('.') || i == 0 {
        return false;
    }
    let previous = tokens[i - 1];
    if previous.kind != TokenKind::Word || previous.end != tokens[i].start {
        return false;
    }
    let word = previous.text(text);
    word.chars().count() == 1 || is_abbreviation(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let quotes = find_quotes(&tokens);
        sentences(text, &tokens, &quotes, |w| w == "mr")
            .into_iter()
            .map(|r| {
                text[tokens[r.start].start..tokens[r.end - 1].end]
                    .trim()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn never_splits_inside_a_quote_or_a_decimal() {
        let text = "قال \"لا حل. نحث على 2.5 شيء\". وذهب.";
        assert_eq!(
            sentence_texts(text),
            ["قال \"لا حل. نحث على 2.5 شيء\".", "وذهب."]
        );
    }

    #[test]
    fn never_splits_after_initials_or_abbreviations() {
        assert_eq!(
            sentence_texts("قال ج. بوش ذلك. ثم مضى"),
            ["قال ج. بوش ذلك.", "ثم مضى"]
        );
        assert_eq!(sentence_texts("mr. smith said so."), ["mr. smith said so."]);
    }

    #[test]
    fn pairs_guillemets_and_ignores_a_stray_mark() {
        let tokens = tokenize("« قال » و « بلا نهاية");
        let quotes = find_quotes(&tokens);
        assert_eq!(quotes, [Quote { open: 0, close: 2 }]);
    }

    #[test]
    fn ten_thousand_quote_marks_pair_in_order() {
        let text = "\"".repeat(10_001);
        let tokens = tokenize(&text);
        assert_eq!(find_quotes(&tokens).len(), 5_000);
    }

    /// Tokens as the rule reads, one character at a time (the tokeniser
    /// as it was before it stepped by bytes): what [`tokenize`] must equal.
    fn tokenize_char_by_char(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let mut end = start + c.len_utf8();
            let kind = if is_letter(c) {
                while let Some((i, next)) = chars.next_if(|&(_, n)| is_letter(n) || is_mark(n)) {
                    end = i + next.len_utf8();
                }
                TokenKind::Word
            } else if c.is_ascii_digit() {
                let continues = |&(i, next): &(usize, char)| {
                    next.is_ascii_digit()
                        || (is_digit_separator(next)
                            && followed_by_digit(text, i + next.len_utf8()))
                };
                while let Some((i, next)) = chars.next_if(continues) {
                    end = i + next.len_utf8();
                }
                TokenKind::Number
            } else if c == '\n' || !(c.is_whitespace() || is_mark(c)) {
                TokenKind::Punct(c)
            } else {
                continue;
            };
            tokens.push(Token { start, end, kind });
        }
        tokens
    }

    proptest::proptest! {
        #[test]
        fn stepping_by_bytes_cuts_tokens_like_the_rule_char_by_char(
            text in "[a-zA-Z0-9 .,:\"\n\t\u{A0}\u{621}-\u{64A}\u{64B}-\u{652}\u{660}-\u{66C}\u{6A4}\u{300}\u{C0}-\u{FF}\u{AB}\u{BB}\u{2026}\u{391}-\u{3A9}\u{4E00}\u{1F600}]{0,60}"
        ) {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_char_by_char(&text));
        }
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(sentence_texts("عنوان\nقال إنه"), ["عنوان", "قال إنه"]);
    }
}
