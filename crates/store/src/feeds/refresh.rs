//! A refresh from the reader: the same fetch as `mizan fetch`, over every
//! configured feed whatever its refresh interval (the user asked), then the
//! articles it stored read back so the reader can add them to its list.

use super::{FeedOutcome, FeedReport, FeedSource, FetchOptions, fetch_all};
use crate::{Store, StoreError, StoredArticle};
use mizan_text::sanitize::sanitize;
use std::path::Path;

/// What a refresh did: one report per feed, and the articles it stored.
#[derive(Debug)]
pub struct Refreshed {
    pub reports: Vec<FeedReport>,
    pub new: Vec<StoredArticle>,
}

/// Fetches `sources` into the store at `db`, calling `progress` with the
/// number of feeds done and to do after each (a source that is a web page
/// adds the feeds it names), and reads back the articles stored.
pub fn refresh(
    db: &Path,
    sources: &[FeedSource],
    options: &FetchOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<Refreshed, StoreError> {
    let mut store = Store::open(db)?;
    let last = store.last_article_id()?;
    let (mut done, mut total) = (0, sources.len());
    let reports = fetch_all(&mut store, sources, options, |report| {
        if let FeedOutcome::Discovered(links) = &report.outcome {
            total += links.len();
        }
        done += 1;
        progress(done, total);
    });
    let new = store.articles_after(last)?;
    Ok(Refreshed { reports, new })
}

impl Refreshed {
    /// The outcome in one line: `12 new articles, 1 feed failed: URL: why`.
    pub fn summary(&self) -> String {
        let failures: Vec<String> = self
            .reports
            .iter()
            .filter_map(|report| match &report.outcome {
                FeedOutcome::Failed(error) => Some(one_line(&format!("{}: {error}", report.url))),
                _ => None,
            })
            .collect();
        let new = match self.new.len() {
            1 => "1 new article".to_string(),
            n => format!("{n} new articles"),
        };
        match failures.as_slice() {
            [] => new,
            [one] => format!("{new}, 1 feed failed: {one}"),
            [first, ..] => format!("{new}, {} feeds failed: {first} …", failures.len()),
        }
    }
}

/// `message` without controls, on one line: parser messages can span lines
/// and quote the feed, and a report line or the status bar shows one line.
pub fn one_line(message: &str) -> String {
    sanitize(message)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
