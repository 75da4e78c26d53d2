//! Fetching feeds into the store. Worker threads (a bounded number) download
//! and parse feeds and, for items that carry only a summary, the article
//! pages; the calling thread is the only writer and stores each feed in one
//! transaction as soon as it is ready. A feed that fails is reported and the
//! others go on; a panic in the parsers is one feed's error (see
//! [`crate::guard`]). A source that turns out to be a web page naming feeds
//! has them fetched after the others.

pub mod charset;
pub mod dates;
pub mod discover;
pub mod extract;
pub mod http;
pub mod json;
pub mod opml;
pub mod parse;
pub mod refresh;
pub mod tree;

pub use discover::{FeedKind, FeedLink};
pub use http::{Client, Download, Fetched, HttpError, HttpLimits};
pub use parse::{FeedItem, ParseError, ParsedFeed, parse_feed};

use crate::guard::catch_panic;
use crate::{FeedRecord, NewArticle, Store, StoreError, Stored};
use mizan_text::detect_lang;
use parse::is_web_address;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// The most article pages downloaded for one feed in one fetch: a feed of
/// hundreds of summaries must not turn one fetch into hundreds of requests.
pub const MAX_PAGES_PER_FEED: usize = 50;

/// A feed to fetch, as the configuration names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedSource {
    pub url: String,
    pub outlet: Option<String>,
    pub lang: Option<String>,
}

/// How a fetch runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    pub limits: HttpLimits,
    /// How many feeds are downloaded at once.
    pub jobs: usize,
    /// Whether summary-only items get their article page fetched.
    pub fetch_pages: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            limits: HttpLimits::default(),
            jobs: 8,
            fetch_pages: true,
        }
    }
}

/// Why one feed was not stored.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "expected to read this document, mizan failed on it (a bug; please report it with the feed): {0}"
    )]
    Panicked(String),
}

/// What happened to one feed.
#[derive(Debug)]
pub enum FeedOutcome {
    Stored(Stored),
    NotModified,
    /// A web page that names these feeds; they are fetched after it.
    Discovered(Vec<FeedLink>),
    Failed(FeedError),
}

/// One feed's result, reported as soon as it is known.
#[derive(Debug)]
pub struct FeedReport {
    pub url: String,
    pub outcome: FeedOutcome,
    /// Article pages that could not be fetched or read (the summary was
    /// stored instead).
    pub page_failures: usize,
    /// Where the feed stopped being well-formed, when its entries before
    /// that point were stored.
    pub problem: Option<String>,
}

/// Fetches every source into `store`, then the feeds named by the sources
/// that were web pages, calling `report` once per source in the order they
/// finish, and returns all the reports.
pub fn fetch_all(
    store: &mut Store,
    sources: &[FeedSource],
    options: &FetchOptions,
    mut report: impl FnMut(&FeedReport),
) -> Vec<FeedReport> {
    let mut reports = fetch_round(store, sources, options, &mut report);
    let discovered = discovered_sources(sources, &reports);
    if !discovered.is_empty() {
        reports.extend(fetch_round(store, &discovered, options, &mut report));
    }
    reports
}

/// The feeds the web pages among `sources` named, each once and none
/// already among the sources, with the outlet and language of their page.
fn discovered_sources(sources: &[FeedSource], reports: &[FeedReport]) -> Vec<FeedSource> {
    let mut discovered: Vec<FeedSource> = Vec::new();
    for report in reports {
        let FeedOutcome::Discovered(links) = &report.outcome else {
            continue;
        };
        let page = sources.iter().find(|source| source.url == report.url);
        for link in links {
            let known = sources.iter().chain(&discovered).any(|s| s.url == link.url);
            if !known {
                discovered.push(FeedSource {
                    url: link.url.clone(),
                    outlet: page.and_then(|page| page.outlet.clone()),
                    lang: page.and_then(|page| page.lang.clone()),
                });
            }
        }
    }
    discovered
}

/// One round of [`fetch_all`]: every source fetched and stored, pages not
/// followed.
fn fetch_round(
    store: &mut Store,
    sources: &[FeedSource],
    options: &FetchOptions,
    report: &mut dyn FnMut(&FeedReport),
) -> Vec<FeedReport> {
    let validators: Vec<Option<FeedRecord>> = sources
        .iter()
        .map(|source| store.feed(&source.url).ok().flatten())
        .collect();
    let client = Client::new(options.limits);
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    let db_path = store.path().to_path_buf();
    let mut reports = Vec::with_capacity(sources.len());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.clamp(1, sources.len().max(1)) {
            let sender = sender.clone();
            let (client, next, validators, db_path) = (&client, &next, &validators, &db_path);
            scope.spawn(move || {
                let lookup = Store::open_read_only(db_path).ok();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(index) else {
                        break;
                    };
                    let work = Work {
                        client,
                        lookup: lookup.as_ref(),
                        fetch_pages: options.fetch_pages,
                    };
                    let result =
                        catch_panic(|| work.fetch_feed(source, validators[index].as_ref()))
                            .unwrap_or_else(|message| {
                                WorkResult::Failed(FeedError::Panicked(message))
                            });
                    if sender.send((index, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (index, result) in receiver {
            let feed_report = store_result(store, &sources[index], result);
            report(&feed_report);
            reports.push(feed_report);
        }
    });
    reports
}

/// A feed downloaded and parsed, ready to store.
struct Downloaded {
    record: FeedRecord,
    articles: Vec<NewArticle>,
    page_failures: usize,
    problem: Option<String>,
}

enum WorkResult {
    Downloaded(Downloaded),
    NotModified,
    Discovered(Vec<FeedLink>),
    Failed(FeedError),
}

struct Work<'a> {
    client: &'a Client,
    lookup: Option<&'a Store>,
    fetch_pages: bool,
}

impl Work<'_> {
    fn fetch_feed(&self, source: &FeedSource, known: Option<&FeedRecord>) -> WorkResult {
        let fetched = self.client.get(
            &source.url,
            known.and_then(|feed| feed.etag.as_deref()),
            known.and_then(|feed| feed.last_modified.as_deref()),
        );
        let download = match fetched {
            Ok(Fetched::NotModified) => return WorkResult::NotModified,
            Ok(Fetched::Body(download)) => download,
            Err(error) => return WorkResult::Failed(error.into()),
        };
        let parsed = catch_panic(|| {
            parse_feed(
                &download.bytes,
                download.content_type.as_deref(),
                &download.url,
            )
        });
        let parsed = match parsed {
            Ok(Ok(parsed)) => parsed,
            Ok(Err(ParseError::WebPage(links))) if !links.is_empty() => {
                return WorkResult::Discovered(links);
            }
            Ok(Err(error)) => return WorkResult::Failed(error.into()),
            Err(message) => return WorkResult::Failed(FeedError::Panicked(message)),
        };
        let lang = source
            .lang
            .clone()
            .or_else(|| parsed.lang.as_deref().and_then(primary_language));
        let outlet = source.outlet.clone().or_else(|| parsed.title.clone());
        let mut page_failures = 0;
        let mut pages_left = MAX_PAGES_PER_FEED;
        let articles = parsed
            .items
            .iter()
            .map(|item| {
                let (body, page_failed) = self.body_of(item, &source.url, &mut pages_left);
                page_failures += usize::from(page_failed);
                NewArticle {
                    guid: Some(item.guid.clone()),
                    url: item.url.clone(),
                    title: item.title.clone(),
                    outlet: outlet.clone(),
                    lang: Some(lang.clone().unwrap_or_else(|| {
                        detect_lang(&format!("{}\n{body}", item.title))
                            .code()
                            .to_string()
                    })),
                    published: item.published.clone(),
                    body,
                }
            })
            .collect();
        WorkResult::Downloaded(Downloaded {
            record: FeedRecord {
                url: source.url.clone(),
                outlet: source.outlet.clone(),
                lang: source.lang.clone(),
                title: parsed.title,
                etag: download.etag,
                last_modified: download.last_modified,
                last_fetched: None,
            },
            articles,
            page_failures,
            problem: parsed.problem,
        })
    }

    /// The item's text: its content, else its article page's main text
    /// (for items not stored yet, while the feed's page budget lasts), else
    /// its summary. Also says whether a page was tried and failed.
    fn body_of(&self, item: &FeedItem, feed_url: &str, pages_left: &mut usize) -> (String, bool) {
        if !item.is_summary_only() {
            return (item.content.join("\n"), false);
        }
        let summary = item.summary.join("\n");
        let Some(url) = item
            .url
            .as_deref()
            .filter(|url| self.fetch_pages && *pages_left > 0 && is_web_address(url))
        else {
            return (summary, false);
        };
        let already_stored = self
            .lookup
            .and_then(|store| store.knows(feed_url, &item.guid, url).ok())
            .unwrap_or(false);
        if already_stored {
            return (summary, false);
        }
        *pages_left -= 1;
        match self.page_text(url) {
            Some(text) => (text, false),
            None => (summary, true),
        }
    }

    /// The main text of the page at `url`; a page that cannot be read,
    /// even one that makes the extractor panic, gives `None`.
    fn page_text(&self, url: &str) -> Option<String> {
        let Ok(Fetched::Body(page)) = self.client.get(url, None, None) else {
            return None;
        };
        catch_panic(|| {
            let html = extract::decode_html(&page.bytes, page.content_type.as_deref());
            extract::page_paragraphs(&html, &page.url).map(|paragraphs| paragraphs.join("\n"))
        })
        .ok()
        .flatten()
    }
}

fn store_result(store: &mut Store, source: &FeedSource, result: WorkResult) -> FeedReport {
    let fetched = now();
    let mut problem = None;
    let (outcome, page_failures) = match result {
        WorkResult::Downloaded(downloaded) => {
            problem = downloaded.problem;
            let outcome = match store.store_feed(&downloaded.record, &downloaded.articles, &fetched)
            {
                Ok(stored) => FeedOutcome::Stored(stored),
                Err(error) => FeedOutcome::Failed(error.into()),
            };
            (outcome, downloaded.page_failures)
        }
        WorkResult::NotModified => match store.touch_feed(&source.url, &fetched) {
            Ok(()) => (FeedOutcome::NotModified, 0),
            Err(error) => (FeedOutcome::Failed(error.into()), 0),
        },
        WorkResult::Discovered(links) => (FeedOutcome::Discovered(links), 0),
        WorkResult::Failed(error) => (FeedOutcome::Failed(error), 0),
    };
    FeedReport {
        url: source.url.clone(),
        outcome,
        page_failures,
        problem,
    }
}

/// `ar` or `en` from a feed's language tag (`ar-EG`, `en_US`, `EN`); other
/// languages are left to detection from the text.
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    mizan_text::Lang::parse(primary).map(|lang| lang.code().to_string())
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_language_tags_reduce_to_ar_or_en() {
        assert_eq!(primary_language("ar-EG").as_deref(), Some("ar"));
        assert_eq!(primary_language("EN_us").as_deref(), Some("en"));
        assert_eq!(primary_language("en").as_deref(), Some("en"));
        assert_eq!(primary_language("fr-FR"), None);
    }
}
