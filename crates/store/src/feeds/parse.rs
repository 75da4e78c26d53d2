//! Feed documents into items: RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed, all
//! through feed-rs, reduced to the few fields mizan stores.

use super::extract::fragment_paragraphs;
use feed_rs::model::{Entry, Feed};

/// A feed document's items and the facts about the feed itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub items: Vec<FeedItem>,
}

/// One item, with its text already turned into paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedItem {
    pub guid: String,
    pub url: Option<String>,
    pub title: String,
    /// RFC 3339, UTC.
    pub published: Option<String>,
    /// The full text, when the feed carries it.
    pub content: Vec<String>,
    /// The summary, when that is all the feed carries.
    pub summary: Vec<String>,
}

impl FeedItem {
    /// Whether the feed gave only a summary, so the article page is worth
    /// fetching.
    pub fn is_summary_only(&self) -> bool {
        self.content.is_empty()
    }
}

/// A document that is not a feed.
#[derive(Debug, thiserror::Error)]
#[error("not a feed: {0}")]
pub struct ParseError(String);

/// Parses a feed document.
pub fn parse_feed(bytes: &[u8]) -> Result<ParsedFeed, ParseError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| ParseError(e.to_string()))?;
    Ok(from_model(feed))
}

fn from_model(feed: Feed) -> ParsedFeed {
    ParsedFeed {
        title: feed.title.map(|text| text.content.trim().to_string()),
        lang: feed.language,
        items: feed.entries.into_iter().filter_map(item).collect(),
    }
}

fn item(entry: Entry) -> Option<FeedItem> {
    let url = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first())
        .map(|link| link.href.trim().to_string());
    let content = entry
        .content
        .and_then(|content| content.body)
        .map(|body| fragment_paragraphs(&body))
        .unwrap_or_default();
    let summary = entry
        .summary
        .map(|text| fragment_paragraphs(&text.content))
        .unwrap_or_default();
    let title = entry
        .title
        .map(|text| fragment_paragraphs(&text.content).join(" "))
        .filter(|title| !title.is_empty())
        .or_else(|| summary.first().cloned())?;
    Some(FeedItem {
        guid: entry.id,
        url,
        title,
        published: entry
            .published
            .or(entry.updated)
            .map(|date| date.to_rfc3339()),
        content,
        summary,
    })
}
