//! Turning a decoded file into an [`Article`]: plain text (first non-empty
//! line is the title, every other non-empty line a paragraph, as news text is
//! usually stored) and Markdown with TOML front matter between `+++` lines
//! (paragraphs separated by blank lines). Every range points into the text
//! as read, so nothing is copied or rewritten.

use super::{Article, Meta};
use crate::limits::MAX_ARTICLE_BYTES_CEILING;
use mizan_text::{Lang, TextRange, detect_lang, line_column};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The article formats mizan reads, chosen by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    PlainText,
    Markdown,
}

impl Format {
    /// The format for a file name, or `None` for files mizan does not read.
    pub fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".txt") {
            Some(Format::PlainText)
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Some(Format::Markdown)
        } else {
            None
        }
    }
}

/// Why a file's text is not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    /// Past [`MAX_ARTICLE_BYTES_CEILING`]; a file within the configured
    /// size limit gets here only by growing when invalid UTF-8 is replaced.
    #[error(
        "the text is {bytes} bytes, more than the {MAX_ARTICLE_BYTES_CEILING} an article may hold"
    )]
    TooLong { bytes: usize },
    #[error("front matter has no closing `+++` line")]
    UnclosedFrontMatter,
    #[error("{line}:{column}: front matter: {message}")]
    FrontMatter {
        line: usize,
        column: usize,
        message: String,
    },
}

/// The front matter as written. Unknown keys are kept to be reported as
/// warnings: an article with an extra field is still worth reading.
#[derive(Debug, Default, Deserialize)]
struct RawFrontMatter {
    title: Option<String>,
    outlet: Option<String>,
    date: Option<toml::Value>,
    lang: Option<String>,
    url: Option<String>,
    #[serde(flatten)]
    unknown: BTreeMap<String, toml::Value>,
}

/// A parsed article and the warnings its text produced.
#[derive(Debug)]
pub struct Parsed {
    pub article: Article,
    pub warnings: Vec<String>,
}

/// Parses `source` as an article of `format`; `path` is stored as given.
pub fn parse_article(path: &str, source: String, format: Format) -> Result<Parsed, ParseError> {
    if source.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    if source.len() as u64 > MAX_ARTICLE_BYTES_CEILING {
        return Err(ParseError::TooLong {
            bytes: source.len(),
        });
    }
    match format {
        Format::PlainText => Ok(parse_plain(path, source)),
        Format::Markdown => parse_markdown(path, source),
    }
}

fn parse_plain(path: &str, source: String) -> Parsed {
    let mut lines = non_empty_lines(&source, 0, source.len());
    let title_range = lines.next();
    let paragraphs: Vec<TextRange> = lines.collect();
    let title = title_range
        .map(|r| r.slice(&source).to_string())
        .unwrap_or_default();
    let lang = detect_lang(&source);
    Parsed {
        article: Article {
            path: path.to_string(),
            title,
            title_range,
            meta: Meta::default(),
            lang,
            paragraphs,
            source,
        },
        warnings: Vec::new(),
    }
}

fn parse_markdown(path: &str, source: String) -> Result<Parsed, ParseError> {
    let (front, body_start) = split_front_matter(&source)?;
    let mut warnings = Vec::new();
    let raw = match front {
        Some(range) => parse_front_matter(&source, range)?,
        None => RawFrontMatter::default(),
    };
    for key in raw.unknown.keys() {
        warnings.push(format!("front matter: unknown key `{key}` ignored"));
    }
    let mut blocks = markdown_blocks(&source, body_start);
    let (title, title_range) = match raw.title {
        Some(title) => (title, None),
        None => {
            let first = blocks.first().copied();
            if first.is_some() {
                blocks.remove(0);
            }
            let title = first
                .map(|r| r.slice(&source).to_string())
                .unwrap_or_default();
            (title, first)
        }
    };
    let (lang, unknown) = resolve_lang(raw.lang.as_deref(), &title, &source[body_start..]);
    warnings.extend(unknown.map(|warning| format!("front matter: {warning}")));
    let meta = Meta {
        outlet: raw.outlet,
        date: raw.date.map(date_text),
        url: raw.url,
    };
    Ok(Parsed {
        article: Article {
            path: path.to_string(),
            title,
            title_range,
            meta,
            lang,
            paragraphs: blocks,
            source,
        },
        warnings,
    })
}

/// The language a `lang` field names, else the one the title and body are
/// written in; with a code mizan does not know, the body decides and the
/// warning says so.
pub(super) fn resolve_lang(code: Option<&str>, title: &str, body: &str) -> (Lang, Option<String>) {
    match code.map(|code| (code, Lang::parse(code))) {
        Some((_, Some(lang))) => (lang, None),
        Some((code, None)) => (
            detect_lang(body),
            Some(format!("unknown lang `{code}`, detected from the text")),
        ),
        None => (detect_lang(&format!("{title} {body}")), None),
    }
}

/// A TOML date may be written bare (`date = 2026-03-05`) or as a string.
fn date_text(value: toml::Value) -> String {
    match value {
        toml::Value::String(s) => s,
        other => other.to_string(),
    }
}

/// Finds the front matter: the byte range between an opening `+++` line at
/// the very start (after an optional BOM) and the next `+++` line, and where
/// the body starts.
fn split_front_matter(source: &str) -> Result<(Option<TextRange>, usize), ParseError> {
    let start = if source.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let mut lines = lines_with_offsets(source, start);
    match lines.next() {
        Some((_, line)) if line.trim_end() == "+++" => {}
        _ => return Ok((None, start)),
    }
    let content_start = lines_with_offsets(source, start)
        .nth(1)
        .map_or(source.len(), |(o, _)| o);
    for (offset, line) in lines {
        if line.trim_end() == "+++" {
            let body = (offset + line.len() + 1).min(source.len());
            return Ok((Some(TextRange::new(content_start, offset)), body));
        }
    }
    Err(ParseError::UnclosedFrontMatter)
}

fn parse_front_matter(source: &str, range: TextRange) -> Result<RawFrontMatter, ParseError> {
    toml::from_str(range.slice(source)).map_err(|e| {
        let offset = range.start() + e.span().map_or(0, |s| s.start);
        let (line, column) = line_column(source, offset);
        ParseError::FrontMatter {
            line,
            column,
            message: e.message().to_string(),
        }
    })
}

/// Markdown paragraphs: runs of non-blank lines, as ranges trimmed of
/// surrounding white space; a heading's `#` marks are left out of its range.
pub(super) fn markdown_blocks(source: &str, from: usize) -> Vec<TextRange> {
    let mut blocks = Vec::new();
    let mut current: Option<TextRange> = None;
    for line in non_empty_lines_or_breaks(source, from) {
        match (line, current) {
            (None, Some(block)) => {
                blocks.push(block);
                current = None;
            }
            (Some(range), None) if is_heading(range.slice(source)) => {
                blocks.push(strip_heading(source, range));
            }
            (Some(range), None) => current = Some(range),
            (Some(range), Some(block)) => current = Some(block.cover(range)),
            (None, None) => {}
        }
    }
    blocks.extend(current);
    blocks.retain(|r| !r.is_empty());
    blocks
}

fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])
}

fn strip_heading(source: &str, range: TextRange) -> TextRange {
    let line = range.slice(source);
    let marks = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[marks..];
    let lead = rest.len() - rest.trim_start().len();
    TextRange::new(range.start() + marks + lead, range.end())
}

/// Each line of `source[from..]` with the byte offset where it starts,
/// without its `\n`.
fn lines_with_offsets(source: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = from;
    source[from..].split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line)
    })
}

/// The trimmed range of each line that has text; `None` for blank lines.
fn non_empty_lines_or_breaks(source: &str, from: usize) -> impl Iterator<Item = Option<TextRange>> {
    lines_with_offsets(source, from).map(|(start, line)| {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            None
        } else {
            let lead = line.len() - line.trim_start().len();
            Some(TextRange::new(start + lead, start + lead + trimmed.len()))
        }
    })
}

fn non_empty_lines(source: &str, from: usize, to: usize) -> impl Iterator<Item = TextRange> {
    non_empty_lines_or_breaks(&source[..to], from).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(article: &Article) -> Vec<&str> {
        article
            .paragraphs
            .iter()
            .map(|r| r.slice(&article.source))
            .collect()
    }

    #[test]
    fn plain_text_title_and_paragraphs() {
        let source = "\n  عنوان الخبر \r\n\nالفقرة الأولى.\r\n   \nالفقرة الثانية.\n".to_string();
        let parsed = parse_article("a.txt", source, Format::PlainText).unwrap();
        let article = parsed.article;
        assert_eq!(article.title, "عنوان الخبر");
        assert_eq!(
            article.title_range.unwrap().slice(&article.source),
            "عنوان الخبر"
        );
        assert_eq!(texts(&article), ["الفقرة الأولى.", "الفقرة الثانية."]);
        assert_eq!(article.lang, Lang::Ar);
    }

    #[test]
    fn markdown_front_matter_and_blocks() {
        let source = "+++\ntitle = \"Talks resume\"\noutlet = \"Gulf Wire\"\ndate = 2026-03-05\nlang = \"en\"\n+++\n\nFirst line\ncontinues here.\n\n## A heading\nSecond.\n".to_string();
        let parsed = parse_article("a.md", source, Format::Markdown).unwrap();
        let article = parsed.article;
        assert_eq!(article.title, "Talks resume");
        assert_eq!(article.title_range, None);
        assert_eq!(article.meta.outlet.as_deref(), Some("Gulf Wire"));
        assert_eq!(article.meta.date.as_deref(), Some("2026-03-05"));
        assert_eq!(
            texts(&article),
            ["First line\ncontinues here.", "A heading", "Second."]
        );
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn markdown_without_front_matter_takes_its_first_block_as_title() {
        let source = "# العنوان\n\nنص.\n".to_string();
        let article = parse_article("a.md", source, Format::Markdown)
            .unwrap()
            .article;
        assert_eq!(article.title, "العنوان");
        assert_eq!(texts(&article), ["نص."]);
    }

    #[test]
    fn front_matter_errors_name_line_and_column() {
        let source = "+++\ntitle = \"x\"\noutlet = \n+++\nbody\n".to_string();
        let err = parse_article("a.md", source, Format::Markdown).unwrap_err();
        assert!(
            matches!(err, ParseError::FrontMatter { line: 3, .. }),
            "{err}"
        );
    }

    #[test]
    fn unknown_front_matter_keys_warn() {
        let source = "+++\ntitle = \"x\"\nauthor = \"y\"\n+++\nbody\n".to_string();
        let parsed = parse_article("a.md", source, Format::Markdown).unwrap();
        assert_eq!(
            parsed.warnings,
            ["front matter: unknown key `author` ignored"]
        );
    }

    #[test]
    fn unclosed_front_matter_and_empty_files_are_errors() {
        let open = parse_article("a.md", "+++\ntitle = \"x\"\n".into(), Format::Markdown);
        assert_eq!(open.unwrap_err(), ParseError::UnclosedFrontMatter);
        let empty = parse_article("a.txt", " \n\t\n".into(), Format::PlainText);
        assert_eq!(empty.unwrap_err(), ParseError::Empty);
    }

    #[test]
    fn language_from_front_matter_wins_over_detection() {
        let source = "+++\nlang = \"ar\"\n+++\nThe Latin text.\n".to_string();
        let article = parse_article("a.md", source, Format::Markdown)
            .unwrap()
            .article;
        assert_eq!(article.lang, Lang::Ar);
    }
}
