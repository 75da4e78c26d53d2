//! Feed discovery: the feeds a web page names with
//! `<link rel="alternate" type="application/rss+xml" href="...">` (and the
//! Atom and JSON Feed types), so that a site's address can stand for its
//! feeds in `mizan fetch` and `mizan import`; and what any address offers
//! to subscribe to: a feed, the feeds of a page, or an OPML list.

use super::FeedError;
use super::http::{Client, Fetched, HttpError};
use super::opml::{OpmlFeed, read_opml};
use super::parse::{ParseError, parse_feed, resolve};
use crate::guard::catch_panic;
use dom_query::Document;
use std::fmt;
use url::Url;

/// What kind of feed a page says a link leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedKind {
    Rss,
    Atom,
    JsonFeed,
}

impl FeedKind {
    fn from_media_type(media_type: &str) -> Option<FeedKind> {
        let mime = media_type.split(';').next().unwrap_or("").trim();
        match mime.to_ascii_lowercase().as_str() {
            "application/rss+xml" | "application/rdf+xml" => Some(FeedKind::Rss),
            "application/atom+xml" => Some(FeedKind::Atom),
            "application/feed+json" | "application/json" => Some(FeedKind::JsonFeed),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FeedKind::Rss => "RSS",
            FeedKind::Atom => "Atom",
            FeedKind::JsonFeed => "JSON Feed",
        }
    }
}

/// A feed a page names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedLink {
    pub url: String,
    pub kind: FeedKind,
    /// The link's `title`, when it has one.
    pub title: Option<String>,
}

impl fmt::Display for FeedLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.url, self.kind.name())?;
        if let Some(title) = &self.title {
            write!(f, ", {title:?}")?;
        }
        write!(f, ")")
    }
}

/// The feeds `html`, served from `page_url`, names, in page order, each
/// address once.
pub fn feed_links(html: &str, page_url: &str) -> Vec<FeedLink> {
    let document = Document::from(html);
    let page = Url::parse(page_url).ok();
    let base = document
        .select("base[href]")
        .attr("href")
        .and_then(|href| resolve(&href, page.as_ref()))
        .and_then(|href| Url::parse(&href).ok())
        .or(page);
    let mut links: Vec<FeedLink> = Vec::new();
    for link in document.select("link[rel][href][type]").iter() {
        let is_alternate = link.attr("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|token| token.eq_ignore_ascii_case("alternate"))
        });
        let kind = link
            .attr("type")
            .and_then(|media_type| FeedKind::from_media_type(&media_type));
        let url = link
            .attr("href")
            .and_then(|href| resolve(&href, base.as_ref()));
        if let (true, Some(kind), Some(url)) = (is_alternate, kind, url)
            && !links.iter().any(|known| known.url == url)
        {
            let title = link
                .attr("title")
                .map(|title| title.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|title| !title.is_empty());
            links.push(FeedLink { url, kind, title });
        }
    }
    links
}

/// What an address offers to subscribe to.
#[derive(Debug)]
pub enum Offered {
    /// A feed: the address itself, with its title and language.
    Feed(OpmlFeed),
    /// A web page naming these feeds (at least one).
    Page(Vec<FeedLink>),
    /// An OPML list of feeds.
    Opml(Vec<OpmlFeed>),
}

/// Downloads `url` and says what it offers; a page naming no feed, and
/// anything else that is no feed, is an error saying what was found.
pub fn offered_at(client: &Client, url: &str) -> Result<Offered, FeedError> {
    let Fetched::Body(download) = client.get(url, None, None)? else {
        return Err(FeedError::Http(HttpError::Status(304)));
    };
    let parsed = catch_panic(|| {
        parse_feed(
            &download.bytes,
            download.content_type.as_deref(),
            &download.url,
        )
    })
    .map_err(FeedError::Panicked)?;
    match parsed {
        Ok(feed) => Ok(Offered::Feed(OpmlFeed {
            url: url.to_string(),
            title: feed.title,
            lang: feed.lang,
        })),
        Err(ParseError::WebPage(links)) if !links.is_empty() => Ok(Offered::Page(links)),
        Err(ParseError::NotAFeed(root)) if root.eq_ignore_ascii_case("opml") => {
            let text =
                super::charset::decode_document(&download.bytes, download.content_type.as_deref());
            read_opml(&text)
                .map(Offered::Opml)
                .map_err(|_| FeedError::Parse(ParseError::NotAFeed(root)))
        }
        Err(error) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_feed_links_are_found_resolved_and_named() {
        let html = r#"<!DOCTYPE html><html><head>
            <link rel="stylesheet" type="text/css" href="/s.css">
            <link rel="alternate" type="application/rss+xml" title="  الأخبار  " href="/rss.xml">
            <link rel="Alternate" type="application/atom+xml" href="https://example.org/atom">
            <link rel="alternate" type="application/feed+json" href="feed.json">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml">
            <link rel="alternate" hreflang="fr" type="text/html" href="/fr/">
            </head><body></body></html>"#;
        let links = feed_links(html, "https://example.org/news/");
        let found: Vec<String> = links.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "https://example.org/rss.xml (RSS, \"الأخبار\")",
                "https://example.org/atom (Atom)",
                "https://example.org/news/feed.json (JSON Feed)",
            ]
        );
    }

    #[test]
    fn a_base_element_moves_relative_feed_links() {
        let html = r#"<html><head><base href="https://cdn.example.org/site/">
            <link rel="alternate" type="application/rss+xml" href="rss"></head></html>"#;
        assert_eq!(
            feed_links(html, "https://example.org/")[0].url,
            "https://cdn.example.org/site/rss"
        );
    }

    #[test]
    fn a_page_without_feed_links_names_none() {
        assert!(
            feed_links(
                "<html><head><title>x</title></head></html>",
                "https://e.org/"
            )
            .is_empty()
        );
    }
}
