//! The lines of `mizan tag --format jsonl`, one JSON object per statement,
//! written straight into a byte buffer.
//!
//! An archive run writes more JSON than it reads text, so this is on the
//! hot path: no `serde_json::Value` is built and no string is allocated per
//! field. The output is what serde_json writes for the same object (keys
//! in sorted order, compact) after [`super::escape_json_unsafe`]: every
//! character a terminal could act on is a `\u` escape, so the lines are
//! safe to print and mean the same text.

use mizan_engine::corpus::Article;
use mizan_engine::lexicon::Name;
use mizan_engine::tagger::{Evidence, Relation, Statement};
use mizan_text::TextRange;
use mizan_text::sanitize::is_unsafe;

/// What every line of one article repeats, escaped once per article.
pub struct ArticleFields<'a> {
    article: &'a Article,
    path: Vec<u8>,
    outlet: Vec<u8>,
}

impl<'a> ArticleFields<'a> {
    pub fn new(article: &'a Article) -> ArticleFields<'a> {
        let mut path = Vec::new();
        push_str(&mut path, &article.path);
        let mut outlet = Vec::new();
        push_optional(&mut outlet, article.meta.outlet.as_deref());
        ArticleFields {
            article,
            path,
            outlet,
        }
    }

    /// Appends one line per statement to `out`, `index` counting from 0.
    pub fn write_all(&self, out: &mut Vec<u8>, statements: &[Statement]) {
        for (index, statement) in statements.iter().enumerate() {
            self.write_line(out, index, statement);
        }
    }

    fn write_line(&self, out: &mut Vec<u8>, index: usize, s: &Statement) {
        let source = &self.article.source;
        let text = |range: TextRange| range.slice(source);
        out.extend_from_slice(b"{\"article\":");
        out.extend_from_slice(&self.path);
        out.extend_from_slice(b",\"blames\":");
        push_names(out, s.blames());
        out.extend_from_slice(b",\"end\":");
        push_number(out, s.range.end());
        out.extend_from_slice(b",\"evidence\":[");
        for (n, evidence) in s.evidence.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            push_evidence(out, source, evidence);
        }
        out.extend_from_slice(b"],\"index\":");
        push_number(out, index);
        out.extend_from_slice(b",\"outlet\":");
        out.extend_from_slice(&self.outlet);
        out.extend_from_slice(b",\"quote\":");
        push_optional(out, s.quote.map(text));
        out.extend_from_slice(b",\"speaker\":");
        push_optional(out, s.speaker.map(text));
        out.extend_from_slice(b",\"speaker_party\":");
        push_optional(out, s.speaker_party.as_deref());
        out.extend_from_slice(b",\"start\":");
        push_number(out, s.range.start());
        out.extend_from_slice(b",\"supports\":");
        push_names(out, s.supports());
        out.extend_from_slice(b",\"text\":");
        push_str(out, text(s.range));
        out.extend_from_slice(b"}\n");
    }
}

fn push_evidence(out: &mut Vec<u8>, source: &str, e: &Evidence) {
    out.extend_from_slice(b"{\"cue\":");
    push_str(out, e.cue.slice(source));
    out.extend_from_slice(b",\"cue_start\":");
    push_number(out, e.cue.start());
    out.extend_from_slice(b",\"origin\":\"");
    push_str_contents(out, &e.origin.file);
    out.push(b':');
    push_number(out, e.origin.line as usize);
    out.extend_from_slice(b"\",\"party\":");
    push_str(out, &e.party);
    out.extend_from_slice(match e.relation {
        Relation::Blames => b",\"relation\":\"blames\"",
        Relation::Supports => b",\"relation\":\"supports\"",
    });
    out.extend_from_slice(b",\"rule\":");
    push_str(out, &e.rule);
    out.extend_from_slice(b",\"target\":");
    push_str(out, e.target.slice(source));
    out.extend_from_slice(b",\"target_start\":");
    push_number(out, e.target.start());
    out.push(b'}');
}

fn push_names<'n>(out: &mut Vec<u8>, names: impl Iterator<Item = &'n Name>) {
    out.push(b'[');
    for (n, name) in names.enumerate() {
        if n > 0 {
            out.push(b',');
        }
        push_str(out, name);
    }
    out.push(b']');
}

fn push_optional(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => push_str(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

fn push_number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// `text` as a JSON string, quotes included.
fn push_str(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    push_str_contents(out, text);
    out.push(b'"');
}

/// The inside of a JSON string: runs of characters that need no escape are
/// copied whole, and only at a byte [`MAY_NEED_ESCAPE`] flags is the
/// character holding it decoded.
fn push_str_contents(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut copied_to = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if !MAY_NEED_ESCAPE[usize::from(byte)] {
            at += 1;
            continue;
        }
        let start = char_start(bytes, at);
        let c = text[start..].chars().next().unwrap_or_default();
        if needs_escape(c) {
            out.extend_from_slice(&bytes[copied_to..start]);
            push_escape(out, c);
            copied_to = start + c.len_utf8();
            at = copied_to;
        } else {
            at += 1;
        }
    }
    out.extend_from_slice(&bytes[copied_to..]);
}

/// Where the character holding byte `at` starts.
fn char_start(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && bytes[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    at
}

/// Bytes at least one of which every character that needs an escape holds:
/// C0 controls, `"`, `\`, DEL; 0xC2, the lead byte of the C1 controls and
/// NEL; 0x9C, the second byte of ALM (U+061C, led by 0xD8 like half the
/// Arabic letters, which are so never decoded); 0xE2, the lead byte of the
/// bidi marks, controls and line separators of U+2000..U+206F; 0xEF, the
/// lead byte of the byte-order mark. Every other byte is copied as it is.
const MAY_NEED_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    let mut flag = 0;
    let flagged = [b'"', b'\\', 0x7F, 0xC2, 0x9C, 0xE2, 0xEF];
    while flag < flagged.len() {
        table[flagged[flag] as usize] = true;
        flag += 1;
    }
    table
};

fn needs_escape(c: char) -> bool {
    match c {
        ' '..='~' => c == '"' || c == '\\',
        _ => c < ' ' || is_unsafe(c),
    }
}

/// serde_json's escapes for quotes, backslashes and C0 controls; `\u` (in
/// UTF-16 units, as JSON counts) for everything else a terminal acts on.
fn push_escape(out: &mut Vec<u8>, c: char) {
    let short: &[u8] = match c {
        '"' => b"\\\"",
        '\\' => b"\\\\",
        '\u{08}' => b"\\b",
        '\u{0c}' => b"\\f",
        '\n' => b"\\n",
        '\r' => b"\\r",
        '\t' => b"\\t",
        _ => b"",
    };
    if !short.is_empty() {
        out.extend_from_slice(short);
        return;
    }
    for unit in c.encode_utf16(&mut [0; 2]) {
        out.extend_from_slice(format!("\\u{unit:04x}").as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mizan_engine::corpus::{Format, parse_article};
    use mizan_engine::lexicon::{Lexicon, Origin};
    use serde_json::json;

    /// The line as serde_json writes it, then made terminal-safe: what the
    /// writer must reproduce byte for byte.
    fn reference(article: &Article, index: usize, s: &Statement) -> String {
        let text = |r: TextRange| r.slice(&article.source).to_string();
        let evidence: Vec<_> = s
            .evidence
            .iter()
            .map(|e| {
                json!({
                    "relation": e.relation,
                    "party": e.party,
                    "cue": text(e.cue),
                    "cue_start": e.cue.start(),
                    "target": text(e.target),
                    "target_start": e.target.start(),
                    "rule": e.rule,
                    "origin": format!("{}:{}", e.origin.file, e.origin.line),
                })
            })
            .collect();
        let value = json!({
            "article": article.path,
            "outlet": article.meta.outlet,
            "index": index,
            "start": s.range.start(),
            "end": s.range.end(),
            "text": text(s.range),
            "quote": s.quote.map(text),
            "speaker": s.speaker.map(text),
            "speaker_party": s.speaker_party,
            "blames": s.blames().collect::<Vec<_>>(),
            "supports": s.supports().collect::<Vec<_>>(),
            "evidence": evidence,
        });
        format!("{}\n", super::super::escape_json_unsafe(&value.to_string()))
    }

    fn written(article: &Article, statements: &[Statement]) -> String {
        let mut out = Vec::new();
        ArticleFields::new(article).write_all(&mut out, statements);
        String::from_utf8(out).expect("the writer writes UTF-8")
    }

    fn article(path: &str, text: &str) -> Article {
        parse_article(path, text.to_string(), Format::PlainText)
            .expect("an article")
            .article
    }

    #[test]
    fn tagged_lines_are_what_serde_json_writes() {
        let lexicon = Lexicon::builtin();
        let text = "عنوان\n\nندد الاتحاد الأوروبي بالهجوم الروسي على أوكرانيا، ودعا موسكو إلى وقف عدوانها فوراً.\n\nوقال المتحدث: «ندعم أوكرانيا».";
        let mut article = article("dir/\"quoted\".txt", text);
        article.meta.outlet = Some("Gulf\tWire".into());
        let statements = article.tag(&lexicon);
        assert!(statements.iter().any(|s| !s.evidence.is_empty()));
        let expected: String = statements
            .iter()
            .enumerate()
            .map(|(index, s)| reference(&article, index, s))
            .collect();
        assert_eq!(written(&article, &statements), expected);
    }

    #[test]
    fn controls_bidi_marks_and_quotes_are_escaped_as_before() {
        let hostile = "a\"b\\c\u{1}\u{8}\u{c}\r\t\u{7f}\u{85}\u{9b}\u{61c}\u{200f}\u{202e}\u{2066}\u{2028}\u{feff}ق😀z";
        let article = article("p\u{1b}[31m.txt", &format!("t\n{hostile}"));
        let paragraph = article.paragraphs[0];
        let name = Name::from("x\u{202e}y");
        let statement = Statement {
            range: paragraph,
            quote: Some(paragraph),
            speaker: None,
            speaker_party: Some(name.clone()),
            evidence: Box::new([Evidence {
                relation: Relation::Supports,
                party: name.clone(),
                cue: paragraph,
                target: paragraph,
                rule: name.clone(),
                origin: Origin {
                    file: name,
                    line: 7,
                },
            }]),
        };
        let line = written(&article, std::slice::from_ref(&statement));
        assert_eq!(line, reference(&article, 0, &statement));
        assert!(!line.trim_end().chars().any(|c| c < ' ' || is_unsafe(c)));
    }

    #[test]
    fn every_character_that_needs_an_escape_holds_a_flagged_byte() {
        let missed: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| needs_escape(c))
            .filter(|&c| {
                !c.to_string()
                    .bytes()
                    .any(|b| MAY_NEED_ESCAPE[usize::from(b)])
            })
            .collect();
        assert!(missed.is_empty(), "{missed:?}");
    }

    #[test]
    fn every_character_is_escaped_or_copied_between_neighbours() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut out = Vec::new();
            push_str_contents(&mut out, &format!("\u{61c}ب{c}ب\u{9c}"));
            let mut expected = Vec::new();
            for each in ['\u{61c}', 'ب', c, 'ب', '\u{9c}'] {
                if needs_escape(each) {
                    push_escape(&mut expected, each);
                } else {
                    expected.extend_from_slice(each.to_string().as_bytes());
                }
            }
            assert_eq!(out, expected, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn numbers_are_written_in_full() {
        for n in [0, 7, 10, 4_294_967_295, usize::MAX] {
            let mut out = Vec::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }
}
