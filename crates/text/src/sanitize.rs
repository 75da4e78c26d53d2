//! Sanitising untrusted article text before any of it can reach a terminal.
//!
//! Articles come from anywhere, so their text may carry terminal escape
//! sequences (which could move the cursor, retitle the window or worse) and
//! Unicode bidi controls (an RLO reverses what follows: "Trojan Source").
//! Everything mizan prints passes through here first:
//! - C0 controls, DEL and C1 controls are removed; whole escape sequences go
//!   with their introducer: CSI, OSC, DCS, SOS, PM and APC with their
//!   parameters or strings up to the terminator (BEL, ST), both the
//!   ESC-initiated (7-bit) and the C1-initiated (8-bit) forms, and the short
//!   `ESC` + intermediates + final forms. A string left unterminated runs to
//!   the end of the text, as it would on a terminal.
//! - Line feed, carriage return, vertical tab, form feed, NEL and the
//!   Unicode line and paragraph separators become one space each: inside a
//!   paragraph they only separate words.
//! - Bidi embeddings, overrides and isolates (LRE RLE LRO RLO PDF LRI RLI FSI
//!   PDI) and the byte-order mark are removed.
//!
//! Two characters are kept for the layout but never printed raw: the
//! implicit bidi marks (LRM, RLM, ALM) and the tab. The marks cannot reverse
//! anything (each acts as one strong letter of its direction), and Arabic web
//! text uses them to place numbers and punctuation, so deleting them would
//! change the order the writer meant. A tab is a segment separator, which
//! bidi rule L1 puts back at the paragraph's level. So there are two outputs:
//! - [`Sanitized`], the text the layout resolves, keeps marks and tabs; the
//!   layout gives a mark no cell and prints nothing for it, and shows a tab
//!   as a space;
//! - [`sanitize`], for text printed as it is (messages, file names, table
//!   cells), removes the marks too and turns a tab into a space.
//!
//! Removing the embeddings, overrides and isolates *before* the bidi
//! algorithm runs is a decision: an override can never reverse Latin text on
//! screen nor an isolate hide where text came from, and the layout only ever
//! resolves a paragraph that is one isolating run sequence (see
//! `layout::levels`), which it does in a few linear passes.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::CharIndices;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
const C1_DCS: char = '\u{90}';
const C1_SOS: char = '\u{98}';
const C1_CSI: char = '\u{9b}';
const C1_ST: char = '\u{9c}';
const C1_OSC: char = '\u{9d}';
const C1_PM: char = '\u{9e}';
const C1_APC: char = '\u{9f}';

/// `text` as it may be printed: every control character, escape sequence
/// and bidi control (marks included) removed and every separator, tab
/// included, turned into a space. Idempotent; borrows when there is nothing
/// to change.
///
/// ```
/// use mizan_text::sanitize::sanitize;
/// assert_eq!(sanitize("a\u{1b}[31mb\u{202e}c\td\u{200f}"), "abc d");
/// assert_eq!(sanitize("قال"), "قال");
/// ```
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| classify(c) == Class::Kept) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        Sanitized::new(text)
            .filter_map(|(_, c)| printed(c))
            .collect(),
    )
}

/// How a character of the layout's text is printed outside the layout.
fn printed(c: char) -> Option<char> {
    match c {
        '\t' => Some(' '),
        c if is_implicit_mark(c) => None,
        c => Some(c),
    }
}

/// `text` sanitised line by line, its line feeds kept: for messages that
/// quote untrusted input (a file name, a lexicon line, a feed title) and
/// span lines of their own.
///
/// ```
/// use mizan_text::sanitize::sanitize_lines;
/// assert_eq!(sanitize_lines("bad \u{1b}]0;x\u{7}key\n  ^"), "bad key\n  ^");
/// ```
pub fn sanitize_lines(text: &str) -> Cow<'_, str> {
    if !text.contains(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(sanitize).collect();
    Cow::Owned(lines.join("\n"))
}

/// Whether `c` is one of the characters [`sanitize`] never lets through:
/// no output of mizan holds it raw.
pub fn is_unsafe(c: char) -> bool {
    classify(c) != Class::Kept
}

/// Whether `c` is an implicit bidi mark: LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT
/// MARK or ARABIC LETTER MARK.
pub fn is_implicit_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// The characters of a text the layout resolves, each with the byte offset
/// in the text it came from (a separator turned into a space keeps the offset
/// of the separator). Tabs and implicit bidi marks are kept: the layout needs
/// them for bidi resolution and prints neither as it is.
pub struct Sanitized<'a> {
    chars: Peekable<CharIndices<'a>>,
}

impl<'a> Sanitized<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            chars: text.char_indices().peekable(),
        }
    }

    /// Consumes the rest of an escape sequence whose ESC was just read.
    fn skip_after_esc(&mut self) {
        let Some(&(_, next)) = self.chars.peek() else {
            return;
        };
        match next {
            '[' => {
                self.chars.next();
                self.skip_control_sequence();
            }
            ']' | 'P' | 'X' | '^' | '_' => {
                self.chars.next();
                self.skip_string();
            }
            '\u{20}'..='\u{2f}' => {
                self.skip_while(|c| ('\u{20}'..='\u{2f}').contains(&c));
                self.skip_if(|c| ('\u{30}'..='\u{7e}').contains(&c));
            }
            '\u{30}'..='\u{7e}' => {
                self.chars.next();
            }
            _ => {}
        }
    }

    /// Parameters and intermediates, then the final byte, of a CSI sequence.
    /// Anything else ends the sequence and is read as ordinary text.
    fn skip_control_sequence(&mut self) {
        self.skip_while(|c| ('\u{20}'..='\u{3f}').contains(&c));
        self.skip_if(|c| ('\u{40}'..='\u{7e}').contains(&c));
    }

    /// A control string (OSC, DCS, SOS, PM, APC) up to BEL or ST. An ESC not
    /// followed by `\` ends the string and starts a sequence of its own.
    fn skip_string(&mut self) {
        while let Some(&(_, c)) = self.chars.peek() {
            match c {
                BEL | C1_ST => {
                    self.chars.next();
                    return;
                }
                ESC => return,
                _ => {
                    self.chars.next();
                }
            }
        }
    }

    fn skip_while(&mut self, mut keep_skipping: impl FnMut(char) -> bool) {
        while self.chars.next_if(|&(_, c)| keep_skipping(c)).is_some() {}
    }

    fn skip_if(&mut self, wanted: impl FnOnce(char) -> bool) {
        self.chars.next_if(|&(_, c)| wanted(c));
    }
}

impl Iterator for Sanitized<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            let (offset, c) = self.chars.next()?;
            match classify(c) {
                Class::Kept | Class::Tab | Class::ImplicitMark => return Some((offset, c)),
                Class::Separator => return Some((offset, ' ')),
                Class::Removed => {}
                Class::Introducer => match c {
                    ESC => self.skip_after_esc(),
                    C1_CSI => self.skip_control_sequence(),
                    _ => self.skip_string(),
                },
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Printed as it is.
    Kept,
    /// A break inside a paragraph: one space.
    Separator,
    /// Kept for the layout as a bidi segment separator, printed as a space.
    Tab,
    /// An implicit bidi mark: kept for the layout, never printed.
    ImplicitMark,
    Removed,
    /// Starts an escape sequence, removed with it.
    Introducer,
}

fn classify(c: char) -> Class {
    // Printable ASCII and everything from U+00A0 up to the first bidi mark
    // except ALM: nearly every character of an article, decided at once.
    if matches!(c, ' '..='~' | '\u{a0}'..='\u{61b}' | '\u{61d}'..='\u{200d}') {
        return Class::Kept;
    }
    match c {
        '\t' => Class::Tab,
        '\n' | '\u{0b}' | '\u{0c}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Separator,
        ESC | C1_CSI | C1_OSC | C1_DCS | C1_SOS | C1_PM | C1_APC => Class::Introducer,
        '\u{00}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Class::Removed,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Class::Removed,
        c if is_implicit_mark(c) => Class::ImplicitMark,
        '\u{feff}' => Class::Removed,
        _ => Class::Kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csi_sequences_go_whole() {
        assert_eq!(sanitize("a\u{1b}[1;31mred\u{1b}[0m"), "ared");
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("\u{1b}[?1049h"), "");
    }

    #[test]
    fn strings_go_up_to_their_terminator() {
        assert_eq!(sanitize("a\u{1b}]0;title\u{07}b"), "ab");
        assert_eq!(sanitize("a\u{1b}]8;;http://x\u{1b}\\link"), "alink");
        assert_eq!(sanitize("a\u{1b}Pq#0;2\u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\u{9d}0;t\u{9c}b"), "ab");
        assert_eq!(
            sanitize("a\u{1b}_apc\u{1b}\\b\u{1b}^pm\u{07}c\u{1b}Xsos\u{9c}d"),
            "abcd"
        );
    }

    #[test]
    fn unterminated_string_runs_to_the_end() {
        assert_eq!(sanitize("ok\u{1b}]0;never ends"), "ok");
    }

    #[test]
    fn short_escapes_and_lone_esc() {
        assert_eq!(sanitize("a\u{1b}(Bb\u{1b}7c\u{1b}"), "abc");
        assert_eq!(sanitize("a\u{1b}قال"), "aقال");
    }

    #[test]
    fn separators_become_spaces_and_controls_vanish() {
        assert_eq!(sanitize("a\tb\r\nc\u{7f}\u{85}d\u{0}"), "a b  c d");
        assert_eq!(sanitize("a\u{2028}b"), "a b");
    }

    #[test]
    fn bidi_controls_and_marks_are_removed() {
        assert_eq!(
            sanitize("\u{202e}AFP 2024\u{202c} \u{2067}x\u{2069}\u{200f}\u{61c}\u{feff}"),
            "AFP 2024 x"
        );
    }

    #[test]
    fn the_layout_keeps_implicit_marks_and_tabs_but_not_embeddings() {
        let text = "\u{202e}a\u{200f}b\tc\u{61c}\u{200e}\u{2067}d\u{2069}\u{feff}";
        let layout: String = Sanitized::new(text).map(|(_, c)| c).collect();
        assert_eq!(layout, "a\u{200f}b\tc\u{61c}\u{200e}d");
        assert_eq!(sanitize(text), "ab cd");
        let layout_keeps = |c: char| Sanitized::new(&c.to_string()).eq([(0, c)]);
        for c in ['\u{200e}', '\u{200f}', '\u{61c}', '\t'] {
            assert!(layout_keeps(c) && is_unsafe(c), "U+{:04X}", u32::from(c));
        }
        for c in [
            '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{feff}', '\n',
        ] {
            assert!(!layout_keeps(c) && is_unsafe(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn offsets_point_at_the_source() {
        let kept: Vec<_> = Sanitized::new("a\u{1b}[0mب\tc\nd").collect();
        assert_eq!(
            kept,
            vec![(0, 'a'), (5, 'ب'), (7, '\t'), (8, 'c'), (9, ' '), (10, 'd')]
        );
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("نص عادي"), Cow::Borrowed(_)));
    }
}
