//! Text from HTML: the paragraphs of an HTML fragment (a feed item's content
//! or summary), and the main text of a whole article page, found with
//! dom_smoothie, a maintained port of Mozilla's Readability. It parses with
//! html5ever, so UTF-8 Arabic comes through untouched, and it scores by
//! commas and text length, which it counts for the Arabic comma too.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// How far into a page a `<meta charset>` is looked for (HTML requires it
/// within the first 1024 bytes).
const CHARSET_SNIFF_BYTES: usize = 1024;

/// The elements whose text is one paragraph, unless they hold another.
const BLOCKS: &str = "p, li, h1, h2, h3, h4, blockquote, pre";

/// Paragraphs shorter than this (in characters) are page furniture
/// ("Share", "Read more"), not article text.
const MIN_PARAGRAPH_CHARS: usize = 2;

/// The paragraphs of an HTML fragment, one per block element, whitespace
/// collapsed; text without markup or entities comes back split on blank
/// lines.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    if !html.contains(['<', '&']) {
        return plain_paragraphs(html);
    }
    let document = Document::fragment(html);
    let blocks = document.select(BLOCKS);
    let paragraphs: Vec<String> = blocks
        .nodes()
        .iter()
        .filter(|block| !block.descendants_it().any(|inner| inner.is(BLOCKS)))
        .filter_map(|block| clean_paragraph(&block.text()))
        .collect();
    if paragraphs.is_empty() {
        clean_paragraph(&document.select("body").text())
            .or_else(|| clean_paragraph(&document.root().text()))
            .into_iter()
            .collect()
    } else {
        paragraphs
    }
}

/// Plain text split into paragraphs at blank lines, whitespace collapsed.
pub fn plain_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").filter_map(clean_paragraph).collect()
}

/// All the text of an HTML fragment on one line: tags removed, entities
/// decoded, whitespace collapsed (for titles, however short).
pub fn fragment_text(html: &str) -> String {
    let document = Document::fragment(html);
    let text = document.root().text();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The main text of an article page as paragraphs, or `None` when the page
/// has no readable article.
pub fn page_paragraphs(html: &str, url: &str) -> Option<Vec<String>> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::new(html, Some(url), Some(config))
        .or_else(|_| Readability::new(html, None, None))
        .ok()?;
    let article = readability.parse().ok()?;
    let paragraphs = fragment_paragraphs(&article.content);
    if paragraphs.is_empty() {
        None
    } else {
        Some(paragraphs)
    }
}

/// A page's bytes as text, in the charset its `Content-Type` header names,
/// else the one its `<meta>` names (older Arabic sites still serve
/// windows-1256), else UTF-8 with invalid bytes replaced.
pub fn decode_html<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    let sniffed = &bytes[..bytes.len().min(CHARSET_SNIFF_BYTES)];
    let encoding = content_type
        .and_then(charset_label)
        .or_else(|| charset_label(&String::from_utf8_lossy(sniffed)))
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .unwrap_or(UTF_8);
    encoding.decode_with_bom_removal(bytes).0
}

/// The value after the first `charset=` in `text`, unquoted.
fn charset_label(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find("charset=")? + "charset=".len();
    let label: String = lower[start..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

fn clean_paragraph(text: &str) -> Option<String> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (collapsed.chars().count() >= MIN_PARAGRAPH_CHARS).then_some(collapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_keeps_block_paragraphs_in_order() {
        let html = "<p>قال الوزير   إن المحادثات\n ستستأنف.</p><ul><li>One</li><li>Two</li></ul>";
        assert_eq!(
            fragment_paragraphs(html),
            vec!["قال الوزير إن المحادثات ستستأنف.", "One", "Two"]
        );
    }

    #[test]
    fn a_windows_1256_page_is_decoded_from_its_meta_or_header() {
        let text = "<p>قال الوزير</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let page = [
            b"<html><head><meta charset=\"windows-1256\"></head><body>".as_slice(),
            &bytes,
        ]
        .concat();
        assert!(decode_html(&page, None).contains(text));
        assert!(decode_html(&bytes, Some("text/html; charset=Windows-1256")).contains(text));
        assert_eq!(decode_html("قال".as_bytes(), Some("text/html")), "قال");
    }

    #[test]
    fn fragment_without_blocks_is_one_paragraph() {
        assert_eq!(
            fragment_paragraphs("A <b>bold</b> claim"),
            vec!["A bold claim"]
        );
        assert_eq!(fragment_paragraphs("one\n\ntwo"), vec!["one", "two"]);
    }
}
