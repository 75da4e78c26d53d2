//! Feed documents into items: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed,
//! read the way feedparser, the parser readers trust, reads them.
//!
//! The document is decoded by [`charset`](super::charset) and read into a
//! forgiving tree by [`tree`](super::tree); then any `item` or `entry` in
//! a feed namespace is an entry, whatever the root and whatever `version`
//! it claims, so RSS without a version, RSS 0.94, RSS in a namespace and
//! RDF under an unusual root all read. Per entry:
//!
//! - the title is the entry's own (not its `source`'s), else `dc:title` or
//!   `media:title`, else the opening words of its summary or content: an
//!   entry without a title is kept;
//! - the link is the first `http(s)` alternate link (an HTML one first),
//!   else an `http(s)` id that is a permalink, else any alternate link,
//!   resolved against `xml:base` or the document's address;
//! - the date is the first of `pubDate`, `published`, `issued`,
//!   `dcterms:issued`, then `updated`, `modified`, `dc:date`,
//!   `dcterms:modified`, then `created`, `dcterms:created`;
//! - the id is `guid`, `id` or `rdf:about`, else the link, else a hash of
//!   the text; an id repeated by different entries of one document is
//!   made distinct, so entries are never merged within a feed.
//!
//! A document that is not well-formed keeps the entries that were complete
//! before its first problem, which is reported. An HTML page is not a
//! feed: its error carries the feeds it names, for discovery.

use super::charset::decode_document;
use super::dates::parse_date;
use super::discover::{FeedLink, feed_links};
use super::extract::{fragment_paragraphs, fragment_text, plain_paragraphs};
use super::json::parse_json_feed;
use super::tree::{Break, Document, Element, XML_NAMESPACE, parse_document};
use url::Url;

/// A feed document's items and the facts about the feed itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub items: Vec<FeedItem>,
    /// Where the document stopped being well-formed, when it has entries
    /// all the same: those complete before it are the items.
    pub problem: Option<String>,
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

    /// The item with its id: `id`, else its link, else a hash of its text.
    pub(super) fn identified(mut self, id: Option<String>) -> FeedItem {
        self.guid = id
            .or_else(|| self.url.clone())
            .unwrap_or_else(|| format!("mizan:{}", self.fingerprint()));
        self
    }

    /// A hash of the link, title and text, which tells apart entries that
    /// share an id.
    fn fingerprint(&self) -> String {
        let text = [self.summary.join("\n"), self.content.join("\n")].concat();
        let url = self.url.as_deref().unwrap_or_default();
        mizan_text::stable_hash([url.as_bytes(), self.title.as_bytes(), text.as_bytes()])
    }
}

/// A document that is not a feed, said as what was expected and what was
/// found.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("expected a feed, found an empty document")]
    Empty,
    #[error("{}", web_page_message(.0))]
    WebPage(Vec<FeedLink>),
    #[error("expected a feed (RSS, Atom or JSON Feed), found an XML document whose root is <{0}>")]
    NotAFeed(String),
    #[error("expected a feed, found XML that is broken before any entry, at {0}")]
    BrokenXml(Break),
    #[error("expected a feed (RSS, Atom or JSON Feed), found text starting {0:?}")]
    NotMarkup(String),
    #[error("expected a JSON Feed, found JSON that does not parse: {0}")]
    BadJson(String),
    #[error("expected a JSON Feed, found JSON without an \"items\" list")]
    NotJsonFeed,
}

fn web_page_message(feeds: &[FeedLink]) -> String {
    if feeds.is_empty() {
        return "this is a web page, not a feed, and it names no feed".to_string();
    }
    let named: Vec<String> = feeds.iter().map(FeedLink::to_string).collect();
    format!(
        "this is a web page, not a feed; it names {}: {}",
        plural(feeds.len(), "feed"),
        named.join(", ")
    )
}

fn plural(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// How many characters of a document that is no markup are quoted.
const QUOTED_START: usize = 40;

/// Parses a feed document served with `content_type` from `url` (which
/// relative links are resolved against).
pub fn parse_feed(
    bytes: &[u8],
    content_type: Option<&str>,
    url: &str,
) -> Result<ParsedFeed, ParseError> {
    let text = decode_document(bytes, content_type);
    let start = text.trim_start();
    let base = Url::parse(url).ok();
    match start.chars().next() {
        None => Err(ParseError::Empty),
        Some('{' | '[') => parse_json_feed(start, base.as_ref()),
        Some('<') if looks_like_html(start) => Err(ParseError::WebPage(feed_links(&text, url))),
        Some('<') => parse_xml_feed(&text, content_type, url, base.as_ref()),
        Some(_) => Err(ParseError::NotMarkup(quoted_start(start))),
    }
}

/// The first characters of `text`, white space collapsed, to quote in an
/// error.
fn quoted_start(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(QUOTED_START).collect()
}

/// Whether the first markup, past the XML declaration, comments and
/// processing instructions, opens an HTML document.
fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        let skipped = if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else {
            None
        };
        match skipped {
            Some(end) => rest = rest[end..].trim_start(),
            None => break,
        }
    }
    let head: String = rest
        .chars()
        .take(14)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn parse_xml_feed(
    text: &str,
    content_type: Option<&str>,
    url: &str,
    base: Option<&Url>,
) -> Result<ParsedFeed, ParseError> {
    let document = parse_document(text);
    let Some(root) = document.root() else {
        return Err(match document.problem {
            Some(problem) => ParseError::BrokenXml(problem),
            None => ParseError::NotMarkup(quoted_start(text)),
        });
    };
    let mut entries = Vec::new();
    collect_entries(root, base_of(root, base.cloned()), &mut entries);
    let complete: Vec<&(&Element, Option<Url>)> =
        entries.iter().filter(|(entry, _)| entry.closed).collect();
    if complete.is_empty()
        && let Some(refusal) = refusal(&document, root, entries.is_empty(), content_type)
    {
        return Err(match refusal {
            Refusal::Broken(problem) => ParseError::BrokenXml(problem),
            Refusal::WebPage => ParseError::WebPage(feed_links(text, url)),
            Refusal::NotAFeed => ParseError::NotAFeed(root.name.clone()),
        });
    }
    let items = complete
        .iter()
        .map(|(entry, entry_base)| item(entry, entry_base.as_ref()))
        .collect();
    Ok(ParsedFeed {
        title: feed_title(root),
        lang: feed_language(root),
        items: distinct_ids(items),
        problem: document.problem.map(|problem| problem.to_string()),
    })
}

/// Why an XML document with no whole entry is no feed.
enum Refusal {
    Broken(Break),
    WebPage,
    NotAFeed,
}

/// An XML document without a whole entry is refused when it broke before
/// one, when it is a web page, or when it has no entry at all under a root
/// no feed has; an empty feed is a feed.
fn refusal(
    document: &Document,
    root: &Element,
    no_entries: bool,
    content_type: Option<&str>,
) -> Option<Refusal> {
    if let Some(problem) = &document.problem {
        return Some(Refusal::Broken(problem.clone()));
    }
    if root.name.eq_ignore_ascii_case("html") || is_html_type(content_type) {
        return Some(Refusal::WebPage);
    }
    let feed_root = FEED_ROOTS
        .iter()
        .any(|name| name.eq_ignore_ascii_case(&root.name));
    (no_entries && !feed_root).then_some(Refusal::NotAFeed)
}

fn is_html_type(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|value| {
        let mime = value.split(';').next().unwrap_or("").trim();
        mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
    })
}

/// Root elements of documents that are feeds even with no entry.
const FEED_ROOTS: &[&str] = &["rss", "rdf", "feed", "channel"];

/// The namespaces of RSS and Atom themselves: none, Atom 1.0 and 0.3 (and
/// the `https` spelling some publishers write), RSS 1.0 and 0.90, and the
/// namespaces RSS 2.0 was sometimes put in.
const FEED_NAMESPACES: &[&str] = &[
    "",
    "http://www.w3.org/2005/Atom",
    "https://www.w3.org/2005/Atom",
    "http://purl.org/atom/ns#",
    "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/",
    "http://backend.userland.com/rss2",
    "http://blogs.law.harvard.edu/tech/rss",
];
const ATOM: &[&str] = &[
    "http://www.w3.org/2005/Atom",
    "https://www.w3.org/2005/Atom",
    "http://purl.org/atom/ns#",
];
const DC: &[&str] = &["http://purl.org/dc/elements/1.1/"];
const DCTERMS: &[&str] = &["http://purl.org/dc/terms/"];
const CONTENT: &[&str] = &["http://purl.org/rss/1.0/modules/content/"];
const MEDIA: &[&str] = &[
    "http://search.yahoo.com/mrss/",
    "http://search.yahoo.com/mrss",
];
const XHTML: &[&str] = &["http://www.w3.org/1999/xhtml"];
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

fn is_entry(element: &Element) -> bool {
    element.is(FEED_NAMESPACES, "item") || element.is(FEED_NAMESPACES, "entry")
}

/// Every entry below `element` (an entry's own sub-entries are not read),
/// each with the base its links resolve against.
fn collect_entries<'a>(
    element: &'a Element,
    base: Option<Url>,
    entries: &mut Vec<(&'a Element, Option<Url>)>,
) {
    if is_entry(element) {
        entries.push((element, base));
        return;
    }
    for child in element.elements() {
        collect_entries(child, base_of(child, base.clone()), entries);
    }
}

/// The base in force inside `element`: its `xml:base` resolved against the
/// enclosing one.
fn base_of(element: &Element, enclosing: Option<Url>) -> Option<Url> {
    match element.attribute_in(XML_NAMESPACE, "base") {
        Some(base) => match &enclosing {
            Some(enclosing) => enclosing.join(base.trim()).ok().or(Some(enclosing.clone())),
            None => Url::parse(base.trim()).ok(),
        },
        None => enclosing,
    }
}

/// `href` as an absolute address: as written when it already is one,
/// resolved against `base` otherwise.
pub(super) fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    if Url::parse(href).is_ok() {
        return Some(href.to_string());
    }
    match base.and_then(|base| base.join(href).ok()) {
        Some(resolved) => Some(resolved.to_string()),
        None => Some(href.to_string()),
    }
}

pub(super) fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The channel (RSS) or feed (Atom) element that holds the feed's title.
fn channel(root: &Element) -> &Element {
    root.elements()
        .find(|child| child.is(FEED_NAMESPACES, "channel"))
        .unwrap_or(root)
}

fn feed_title(root: &Element) -> Option<String> {
    let title = child(channel(root), FEED_NAMESPACES, "title").map(title_text)?;
    (!title.is_empty()).then_some(title)
}

fn feed_language(root: &Element) -> Option<String> {
    let channel = channel(root);
    child(channel, FEED_NAMESPACES, "language")
        .or_else(|| child(channel, DC, "language"))
        .map(|language| language.text().trim().to_string())
        .or_else(|| {
            channel
                .attribute_in(XML_NAMESPACE, "lang")
                .map(str::to_string)
        })
        .or_else(|| root.attribute_in(XML_NAMESPACE, "lang").map(str::to_string))
        .filter(|language| !language.is_empty())
}

fn child<'a>(element: &'a Element, namespaces: &[&str], name: &str) -> Option<&'a Element> {
    element.elements().find(|child| child.is(namespaces, name))
}

/// The entry's Media RSS elements: its own and those inside `media:group`
/// and `media:content`.
fn media_child<'a>(entry: &'a Element, name: &str) -> Option<&'a Element> {
    child(entry, MEDIA, name).or_else(|| {
        entry
            .elements()
            .filter(|c| c.is(MEDIA, "group") || c.is(MEDIA, "content"))
            .find_map(|container| media_child(container, name))
    })
}

/// Where each kind of date is found, in order of preference.
const DATE_ELEMENTS: &[(&[&str], &str)] = &[
    (FEED_NAMESPACES, "pubDate"),
    (FEED_NAMESPACES, "published"),
    (FEED_NAMESPACES, "issued"),
    (DCTERMS, "issued"),
    (FEED_NAMESPACES, "updated"),
    (FEED_NAMESPACES, "modified"),
    (DC, "date"),
    (DCTERMS, "modified"),
    (DCTERMS, "date"),
    (FEED_NAMESPACES, "created"),
    (DCTERMS, "created"),
];

fn item(entry: &Element, base: Option<&Url>) -> FeedItem {
    let content = content_paragraphs(entry);
    let summary = summary_paragraphs(entry);
    let id = entry_id(entry);
    let url = entry_link(entry, base, id.as_ref());
    let title = entry_title(entry)
        .or_else(|| title_from_text(&summary, &content))
        .or_else(|| url.clone())
        .or_else(|| id.as_ref().map(|id| id.value.clone()))
        .unwrap_or_default();
    let published = DATE_ELEMENTS
        .iter()
        .filter_map(|(namespaces, name)| child(entry, namespaces, name))
        .find_map(|date| parse_date(&date.text()))
        .map(|date| date.to_rfc3339());
    FeedItem {
        guid: String::new(),
        url,
        title,
        published,
        content,
        summary,
    }
    .identified(id.map(|id| id.value))
}

fn entry_title(entry: &Element) -> Option<String> {
    child(entry, FEED_NAMESPACES, "title")
        .or_else(|| child(entry, DC, "title"))
        .or_else(|| media_child(entry, "title"))
        .map(title_text)
        .filter(|title| !title.is_empty())
}

/// A title as plain text: markup removed and entities decoded when it holds
/// any (RSS titles often carry escaped HTML), white space collapsed.
fn title_text(element: &Element) -> String {
    let text = match text_of(element) {
        Text::Plain(text) => text,
        Text::Html(html) if looks_like_markup(&html) => fragment_text(&html),
        Text::Html(html) => html,
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn looks_like_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).any(|pair| {
        pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || pair[1] == b'/' || pair[1] == b'!')
    }) || (text.contains('&') && text.contains(';'))
}

/// How many words of a summary make a title for an entry without one.
const TITLE_WORDS: usize = 12;

/// A title for an entry without one: the opening words of its summary,
/// else of its content.
pub(super) fn title_from_text(summary: &[String], content: &[String]) -> Option<String> {
    opening_words(summary.first().or(content.first())?)
}

fn opening_words(paragraph: &str) -> Option<String> {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let mut title = words[..words.len().min(TITLE_WORDS)].join(" ");
    if words.len() > TITLE_WORDS {
        title.push('…');
    }
    (!title.is_empty()).then_some(title)
}

/// What an element says, as plain text or as HTML source.
enum Text {
    Plain(String),
    Html(String),
}

/// An Atom text construct or an RSS element: XHTML and HTML left unescaped
/// in it are written back as markup; otherwise its text, which is HTML
/// source unless an Atom `type` says it is plain.
fn text_of(element: &Element) -> Text {
    if element.elements().next().is_some() {
        return Text::Html(element.inner_markup());
    }
    if is_plain_text(element) {
        Text::Plain(element.text())
    } else {
        Text::Html(element.text())
    }
}

/// Whether an Atom element says its content is plain text (Atom 1.0
/// `type="text"`, the default, or Atom 0.3 `type="text/plain"`); RSS
/// elements carry HTML.
fn is_plain_text(element: &Element) -> bool {
    let is_atom = ATOM.contains(&element.namespace.as_str());
    let kind = element
        .attribute("type")
        .unwrap_or(if is_atom { "text" } else { "html" });
    kind.eq_ignore_ascii_case("text") || kind.eq_ignore_ascii_case("text/plain")
}

fn paragraphs_of(element: &Element) -> Vec<String> {
    match text_of(element) {
        Text::Plain(text) => plain_paragraphs(&text),
        Text::Html(html) => fragment_paragraphs(&html),
    }
}

fn content_paragraphs(entry: &Element) -> Vec<String> {
    [
        child(entry, CONTENT, "encoded"),
        child(entry, FEED_NAMESPACES, "content").filter(|c| c.attribute("src").is_none()),
        child(entry, XHTML, "body"),
    ]
    .into_iter()
    .flatten()
    .map(paragraphs_of)
    .find(|paragraphs| !paragraphs.is_empty())
    .unwrap_or_default()
}

fn summary_paragraphs(entry: &Element) -> Vec<String> {
    [
        child(entry, FEED_NAMESPACES, "description"),
        child(entry, FEED_NAMESPACES, "summary"),
        child(entry, DC, "description"),
        media_child(entry, "description"),
    ]
    .into_iter()
    .flatten()
    .map(paragraphs_of)
    .find(|paragraphs| !paragraphs.is_empty())
    .unwrap_or_default()
}

/// An entry's id, and whether its publisher lets it stand for its address.
struct EntryId {
    value: String,
    is_permalink: bool,
}

fn entry_id(entry: &Element) -> Option<EntryId> {
    if let Some(guid) =
        child(entry, FEED_NAMESPACES, "guid").or_else(|| child(entry, FEED_NAMESPACES, "id"))
    {
        let value = guid.text().trim().to_string();
        if !value.is_empty() {
            let is_permalink = !guid
                .attribute("isPermaLink")
                .is_some_and(|flag| flag.trim().eq_ignore_ascii_case("false"));
            return Some(EntryId {
                value,
                is_permalink,
            });
        }
    }
    let about = entry.attribute_in(RDF, "about")?.trim();
    (!about.is_empty()).then(|| EntryId {
        value: about.to_string(),
        is_permalink: false,
    })
}

/// A link an entry gives, resolved.
struct Link {
    href: String,
    rel: String,
    media_type: String,
}

fn entry_link(entry: &Element, base: Option<&Url>, id: Option<&EntryId>) -> Option<String> {
    let alternates: Vec<Link> = entry
        .elements()
        .filter(|child| child.is(FEED_NAMESPACES, "link"))
        .filter_map(|link| link_of(link, base))
        .filter(|link| is_alternate(&link.rel))
        .collect();
    let web = |link: &&Link| is_web_address(&link.href);
    let html = |link: &&Link| {
        ["", "text/html", "application/xhtml+xml"].contains(&link.media_type.as_str())
    };
    let permalink = id
        .filter(|id| id.is_permalink && is_web_address(&id.value))
        .map(|id| id.value.clone());
    alternates
        .iter()
        .filter(web)
        .find(html)
        .or_else(|| alternates.iter().find(web))
        .map(|link| link.href.clone())
        .or(permalink)
        .or_else(|| alternates.first().map(|link| link.href.clone()))
}

fn link_of(element: &Element, base: Option<&Url>) -> Option<Link> {
    let base = base_of(element, base.cloned());
    let href = match element.attribute("href") {
        Some(href) => href.to_string(),
        None => element.text(),
    };
    Some(Link {
        href: resolve(&href, base.as_ref())?,
        rel: element
            .attribute("rel")
            .unwrap_or("alternate")
            .trim()
            .to_ascii_lowercase(),
        media_type: element
            .attribute("type")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase(),
    })
}

fn is_alternate(rel: &str) -> bool {
    rel == "alternate" || rel == "http://www.iana.org/assignments/relation/alternate"
}

/// The items with every id unique: an id that different entries of one
/// document repeat gets, after its first use, a suffix made from the
/// entry's link and text, so none is merged into another; an entry that
/// repeats another whole is dropped.
pub(super) fn distinct_ids(items: Vec<FeedItem>) -> Vec<FeedItem> {
    let mut seen: std::collections::HashMap<String, Vec<FeedItem>> = Default::default();
    let mut distinct = Vec::with_capacity(items.len());
    for mut item in items {
        let earlier = seen.entry(item.guid.clone()).or_default();
        if earlier.contains(&item) {
            continue;
        }
        if !earlier.is_empty() {
            item.guid = format!("{}#{}", item.guid, item.fingerprint());
        }
        earlier.push(item.clone());
        distinct.push(item);
    }
    distinct
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "http://127.0.0.1:8/news/feed.xml";

    fn parse(text: &str) -> ParsedFeed {
        parse_feed(text.as_bytes(), None, URL).unwrap()
    }

    #[test]
    fn rss_without_a_version_and_rss_094_are_feeds() {
        for root in ["<rss>", "<rss version=\"0.94\">"] {
            let feed = parse(&format!(
                "{root}<channel><title>Wadi</title><item><title>One</title></item></channel></rss>"
            ));
            assert_eq!(feed.title.as_deref(), Some("Wadi"));
            assert_eq!(feed.items[0].title, "One");
        }
        let empty = parse("<RSS><channel><title>Quiet</title></channel></RSS>");
        assert!(empty.items.is_empty());
    }

    #[test]
    fn element_names_are_read_without_case() {
        let feed = parse(
            "<rss><channel><item><Title>Capital</Title><PUBDATE>Mon, 02 Nov 2026 08:15:00 GMT</PUBDATE></item></channel></rss>",
        );
        assert_eq!(feed.items[0].title, "Capital");
        assert_eq!(
            feed.items[0].published.as_deref(),
            Some("2026-11-02T08:15:00+00:00")
        );
    }

    #[test]
    fn items_under_an_unusual_root_or_namespace_are_read() {
        let rdf = parse("<rdf><item><title>Plain rdf root</title></item></rdf>");
        assert_eq!(rdf.items[0].title, "Plain rdf root");
        let namespaced = parse(
            r#"<rss xmlns="http://backend.userland.com/rss2"><channel><item><title>In a namespace</title></item></channel></rss>"#,
        );
        assert_eq!(namespaced.items[0].title, "In a namespace");
    }

    #[test]
    fn relative_links_resolve_against_xml_base_or_the_feed_address() {
        let feed = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/">
               <entry><title>a</title><id>1</id><link href="2026/one"/></entry>
               <entry xml:base="/other/"><title>b</title><id>2</id><link href="two"/></entry>
               </feed>"#,
        );
        assert_eq!(
            feed.items[0].url.as_deref(),
            Some("http://example.org/blog/2026/one")
        );
        assert_eq!(
            feed.items[1].url.as_deref(),
            Some("http://example.org/other/two")
        );
        let rss =
            parse("<rss><channel><item><title>c</title><link>/a/3</link></item></channel></rss>");
        assert_eq!(rss.items[0].url.as_deref(), Some("http://127.0.0.1:8/a/3"));
    }

    #[test]
    fn the_web_alternate_is_preferred_and_a_web_id_stands_in_for_a_missing_link() {
        let feed = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom">
               <entry><title>a</title><id>x</id>
                 <link rel="alternate" type="text/gemini" href="gemini://example.org/a"/>
                 <link rel="replies" href="http://example.org/a/comments"/>
                 <link rel="alternate" type="text/html" href="https://example.org/a"/></entry>
               <entry><title>b</title><id>https://example.org/b</id></entry>
               <entry><title>c</title><id>tag:example.org,2026:c</id></entry>
               </feed>"#,
        );
        let urls: Vec<Option<&str>> = feed.items.iter().map(|i| i.url.as_deref()).collect();
        assert_eq!(
            urls,
            [
                Some("https://example.org/a"),
                Some("https://example.org/b"),
                None
            ]
        );
        let rss = parse(
            r#"<rss><channel><item><title>d</title><guid isPermaLink="false">https://example.org/d</guid></item></channel></rss>"#,
        );
        assert_eq!(rss.items[0].url, None, "not a permalink");
    }

    #[test]
    fn an_untitled_entry_is_kept_with_a_title_from_its_summary() {
        let feed = parse(
            "<rss><channel><item><description>&lt;p&gt;One two three four five six seven eight nine ten eleven twelve thirteen.&lt;/p&gt;</description></item></channel></rss>",
        );
        assert_eq!(
            feed.items[0].title,
            "One two three four five six seven eight nine ten eleven twelve…"
        );
    }

    #[test]
    fn entries_sharing_an_id_or_a_link_stay_apart_and_exact_repeats_go() {
        let item = |title: &str| {
            format!(
                "<item><title>{title}</title><guid>same</guid><link>http://e.org/</link></item>"
            )
        };
        let feed = parse(&format!(
            "<rss><channel>{}{}{}</channel></rss>",
            item("one"),
            item("two"),
            item("one")
        ));
        let guids: Vec<&str> = feed.items.iter().map(|i| i.guid.as_str()).collect();
        assert_eq!(guids.len(), 2);
        assert_eq!(guids[0], "same");
        assert!(guids[1].starts_with("same#"), "{guids:?}");
    }

    #[test]
    fn dublin_core_dates_are_read_and_pub_date_comes_first() {
        let feed = parse(
            r#"<rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><channel>
               <item><title>a</title><dcterms:modified>2026-11-02T08:00:00Z</dcterms:modified></item>
               <item><title>b</title><dc:date>2026-11-03T08:00:00+02:00</dc:date><pubDate>Wed, 04 Nov 2026 08:00:00 GMT</pubDate></item>
               <item><title>c</title><dc:date>2026-11-03T08:00:00+02:00</dc:date></item>
               </channel></rss>"#,
        );
        let dates: Vec<&str> = feed
            .items
            .iter()
            .filter_map(|i| i.published.as_deref())
            .collect();
        assert_eq!(
            dates,
            [
                "2026-11-02T08:00:00+00:00",
                "2026-11-04T08:00:00+00:00",
                "2026-11-03T06:00:00+00:00"
            ]
        );
    }

    #[test]
    fn a_cut_document_keeps_its_whole_entries_and_says_where_it_broke() {
        let feed = parse("<rss><channel><item><title>whole</title></item>\n<item><title>cut");
        assert_eq!(feed.items.len(), 1);
        assert!(
            feed.problem.as_deref().unwrap().starts_with("line 2"),
            "{feed:?}"
        );
        let Err(error) = parse_feed(b"<rss><channel><item><title>cut", None, URL) else {
            panic!("a feed with no whole entry");
        };
        assert!(
            error
                .to_string()
                .starts_with("expected a feed, found XML that is broken")
        );
    }

    #[test]
    fn pages_and_other_documents_are_named_for_what_they_are() {
        let error = |text: &str| {
            parse_feed(text.as_bytes(), None, URL)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error("<!DOCTYPE html><html><head><title>x</title></head></html>"),
            "this is a web page, not a feed, and it names no feed"
        );
        assert_eq!(
            error("<?xml version=\"1.0\"?><opml><body/></opml>"),
            "expected a feed (RSS, Atom or JSON Feed), found an XML document whose root is <opml>"
        );
        assert_eq!(error("   "), "expected a feed, found an empty document");
        assert_eq!(
            error("Service unavailable"),
            "expected a feed (RSS, Atom or JSON Feed), found text starting \"Service unavailable\""
        );
    }
}
