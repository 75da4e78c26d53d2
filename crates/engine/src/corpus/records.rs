//! Articles as JSON Lines, one object per line: how an archive or a
//! distributed engine hands articles to `mizan tag --input jsonl`.
//!
//! A record has `id` (a string or a number: it names the article, as a path
//! names a file), `text` (paragraphs separated by blank lines), an optional
//! `title` and the optional `outlet`, `date`, `lang`, `url`; other keys are
//! ignored, since archives carry fields of their own. The title is metadata,
//! as in Markdown front matter: a record tags exactly like the Markdown file
//! with the same front matter and body, and every range indexes `text`.
//!
//! Input is a stream of unknown length, so nothing here holds more than one
//! batch of lines: a line longer than `limits.max_article_bytes` is skipped
//! to its end without being kept, and every bad line is a [`RecordError`]
//! for its line number alone, never the end of the stream.

use super::parse::{markdown_blocks, resolve_lang};
use super::{Article, Meta, Parsed};
use crate::limits::Limits;
use serde::Deserialize;
use std::io::{BufRead, ErrorKind};

/// Why a line is not an article.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("longer than the limit of {limit} bytes (limits.max_article_bytes in config.toml)")]
    TooLong { limit: u64 },
    #[error("invalid UTF-8 at byte {offset} of the line")]
    InvalidUtf8 { offset: usize },
    #[error("bad JSON at column {column}: {message}")]
    Json { column: usize, message: String },
    #[error("no `{0}` field")]
    Missing(&'static str),
    #[error("`id` is neither a string nor a number")]
    BadId,
    #[error("the text is empty")]
    EmptyText,
    #[error("reading stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// One line of input: its number (from 1) and its bytes, without the line
/// break, or why it could not be read.
#[derive(Debug)]
pub struct Line {
    pub number: usize,
    pub bytes: Result<Vec<u8>, RecordError>,
}

impl Line {
    /// The article the line holds.
    pub fn into_article(self) -> Result<Parsed, RecordError> {
        self.bytes.and_then(|bytes| parse_record(&bytes))
    }
}

/// The non-blank lines of `reader`, each at most `limits.max_article_bytes`
/// long. A read error ends the stream after one [`Line`] that carries it.
pub struct RecordLines<R> {
    reader: R,
    limit: u64,
    number: usize,
    failed: bool,
}

impl<R: BufRead> RecordLines<R> {
    pub fn new(reader: R, limits: &Limits) -> RecordLines<R> {
        RecordLines {
            reader,
            limit: limits.max_article_bytes,
            number: 0,
            failed: false,
        }
    }

    /// Up to `max_lines` lines holding at most about `max_bytes` bytes
    /// (a single longer line is a batch of its own); empty at the end.
    pub fn next_batch(&mut self, max_lines: usize, max_bytes: usize) -> Vec<Line> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < max_lines && bytes < max_bytes {
            let Some(line) = self.next() else { break };
            bytes += line.bytes.as_ref().map_or(0, Vec::len);
            batch.push(line);
        }
        batch
    }

    /// The next line as read: `None` at the end of the input.
    fn read_line(&mut self) -> Option<Result<Vec<u8>, RecordError>> {
        let mut line = Vec::new();
        let mut too_long = false;
        let mut read_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == ErrorKind::Interrupted => continue,
                Err(error) => {
                    self.failed = true;
                    return Some(Err(RecordError::Io(error)));
                }
            };
            if available.is_empty() {
                return read_any.then(|| self.finish(line, too_long));
            }
            read_any = true;
            let newline = memchr::memchr(b'\n', available);
            let chunk = &available[..newline.unwrap_or(available.len())];
            if !too_long {
                if (line.len() + chunk.len()) as u64 > self.limit {
                    too_long = true;
                    line = Vec::new();
                } else {
                    line.extend_from_slice(chunk);
                }
            }
            let used = chunk.len() + usize::from(newline.is_some());
            self.reader.consume(used);
            if newline.is_some() {
                return Some(self.finish(line, too_long));
            }
        }
    }

    fn finish(&self, mut line: Vec<u8>, too_long: bool) -> Result<Vec<u8>, RecordError> {
        if too_long {
            return Err(RecordError::TooLong { limit: self.limit });
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(line)
    }
}

impl<R: BufRead> Iterator for RecordLines<R> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        while !self.failed {
            let bytes = self.read_line()?;
            self.number += 1;
            let blank = matches!(&bytes, Ok(b) if b.iter().all(u8::is_ascii_whitespace));
            if !blank {
                return Some(Line {
                    number: self.number,
                    bytes,
                });
            }
        }
        None
    }
}

/// A record as written; `id` is checked by hand for a clearer message.
#[derive(Deserialize)]
struct RawRecord {
    id: Option<serde_json::Value>,
    title: Option<String>,
    text: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    lang: Option<String>,
    url: Option<String>,
}

/// The article one JSON Lines record holds; its path is the record's `id`.
///
/// ```
/// use mizan_engine::corpus::parse_record;
/// let line = br#"{"id": 7, "title": "T", "text": "One.\n\nTwo.", "lang": "en"}"#;
/// let article = parse_record(line).unwrap().article;
/// assert_eq!((article.path.as_str(), article.paragraphs.len()), ("7", 2));
/// ```
pub fn parse_record(line: &[u8]) -> Result<Parsed, RecordError> {
    let line = std::str::from_utf8(line).map_err(|error| RecordError::InvalidUtf8 {
        offset: error.valid_up_to(),
    })?;
    // A derived struct would also take an array of its fields in order.
    let start = line.len() - line.trim_start().len();
    if !line[start..].starts_with('{') {
        return Err(RecordError::Json {
            column: start + 1,
            message: "expected a JSON object (an article)".into(),
        });
    }
    let raw: RawRecord = serde_json::from_str(line).map_err(json_error)?;
    let path = match raw.id {
        Some(serde_json::Value::String(id)) => id,
        Some(serde_json::Value::Number(id)) => id.to_string(),
        Some(_) => return Err(RecordError::BadId),
        None => return Err(RecordError::Missing("id")),
    };
    let source = raw.text.ok_or(RecordError::Missing("text"))?;
    if source.trim().is_empty() {
        return Err(RecordError::EmptyText);
    }
    let title = raw.title.unwrap_or_default();
    let (lang, warning) = resolve_lang(raw.lang.as_deref(), &title, &source);
    let paragraphs = markdown_blocks(&source, 0);
    let article = Article {
        path,
        title,
        title_range: None,
        meta: Meta {
            outlet: raw.outlet,
            date: raw.date,
            url: raw.url,
        },
        lang,
        paragraphs,
        source,
    };
    Ok(Parsed {
        article,
        warnings: warning.into_iter().collect(),
    })
}

/// serde_json's message without its position, which is always line 1 of
/// the record: the column is what helps.
fn json_error(error: serde_json::Error) -> RecordError {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    RecordError::Json {
        column: error.column(),
        message: message
            .strip_suffix(&position)
            .unwrap_or(&message)
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Format, parse_article};

    fn lines(input: &str, limit: u64) -> Vec<(usize, Result<String, String>)> {
        let limits = Limits {
            max_article_bytes: limit,
        };
        RecordLines::new(input.as_bytes(), &limits)
            .map(|line| {
                let bytes = line
                    .bytes
                    .map(|b| String::from_utf8(b).unwrap())
                    .map_err(|e| e.to_string());
                (line.number, bytes)
            })
            .collect()
    }

    #[test]
    fn lines_are_numbered_from_one_blank_ones_skipped_and_crlf_trimmed() {
        let read = lines("a\r\n\n  \nb\nc", 100);
        assert_eq!(
            read,
            [
                (1, Ok("a".to_string())),
                (4, Ok("b".to_string())),
                (5, Ok("c".to_string()))
            ]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_whole_and_the_next_one_read() {
        let long = "x".repeat(50);
        let read = lines(&format!("ok\n{long}\nafter\n"), 10);
        assert_eq!(read[0], (1, Ok("ok".to_string())));
        assert_eq!(read[1].0, 2);
        assert!(
            read[1]
                .1
                .as_ref()
                .unwrap_err()
                .contains("limit of 10 bytes")
        );
        assert_eq!(read[2], (3, Ok("after".to_string())));
    }

    #[test]
    fn a_line_longer_than_the_read_buffer_is_read_whole() {
        let long = "ب".repeat(20_000);
        let reader = std::io::BufReader::with_capacity(64, long.as_bytes());
        let read: Vec<Line> = RecordLines::new(reader, &Limits::default()).collect();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].bytes.as_ref().unwrap(), long.as_bytes());
    }

    #[test]
    fn batches_stop_at_their_line_count_or_byte_size() {
        let input = "aaaa\nbbbb\ncccc\ndddd\neeee\n";
        let mut reader = RecordLines::new(input.as_bytes(), &Limits::default());
        assert_eq!(reader.next_batch(2, 1000).len(), 2);
        assert_eq!(reader.next_batch(10, 8).len(), 2);
        assert_eq!(reader.next_batch(10, 8).len(), 1);
        assert!(reader.next_batch(10, 8).is_empty());
    }

    fn error(line: &[u8]) -> String {
        parse_record(line).unwrap_err().to_string()
    }

    #[test]
    fn every_malformed_record_says_what_is_wrong() {
        assert_eq!(
            error(b"{\"id\": 1"),
            "bad JSON at column 8: EOF while parsing an object"
        );
        assert_eq!(error(br#"{"id": "a"}"#), "no `text` field");
        assert_eq!(error(br#"{"text": "t"}"#), "no `id` field");
        assert_eq!(
            error(br#"{"id": [], "text": "t"}"#),
            "`id` is neither a string nor a number"
        );
        assert_eq!(
            error(br#"{"id": "a", "text": " \n "}"#),
            "the text is empty"
        );
        assert_eq!(
            error(b"{\"id\": \"a\xff\"}"),
            "invalid UTF-8 at byte 9 of the line"
        );
        assert_eq!(
            error(b"[1]"),
            "bad JSON at column 1: expected a JSON object (an article)"
        );
        assert!(
            error(br#"{"id": "a", "text": 5}"#)
                .starts_with("bad JSON at column 21: invalid type: integer")
        );
    }

    #[test]
    fn a_record_is_the_markdown_article_with_the_same_front_matter_and_body() {
        let body = "قالت الخارجية إن «الهجوم مرفوض».\n\nوأضافت أن الحوار ممكن.";
        let line = serde_json::json!({
            "id": "wire-1", "title": "عنوان", "text": body, "outlet": "Gulf Wire",
            "date": "2024-03-01", "url": "https://example.org/1", "extra": {"kept": false},
        });
        let record = parse_record(line.to_string().as_bytes()).unwrap();
        assert!(record.warnings.is_empty());
        let markdown = format!(
            "+++\ntitle = \"عنوان\"\noutlet = \"Gulf Wire\"\ndate = \"2024-03-01\"\nurl = \"https://example.org/1\"\n+++\n{body}"
        );
        let file = parse_article("wire-1", markdown, Format::Markdown)
            .unwrap()
            .article;
        let article = record.article;
        assert_eq!(
            (&article.title, &article.meta, article.lang),
            (&file.title, &file.meta, file.lang)
        );
        let texts = |a: &Article| -> Vec<String> {
            a.paragraphs
                .iter()
                .map(|r| r.slice(&a.source).to_string())
                .collect()
        };
        assert_eq!(texts(&article), texts(&file));
        assert_eq!(article.source, body);
    }

    #[test]
    fn an_unknown_lang_is_a_warning_and_the_text_decides() {
        let record =
            parse_record(br#"{"id": "a", "text": "The minister said so.", "lang": "xx"}"#).unwrap();
        assert_eq!(record.article.lang, mizan_text::Lang::En);
        assert_eq!(
            record.warnings,
            ["unknown lang `xx`, detected from the text"]
        );
    }
}
