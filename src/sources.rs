//! The configured sources loaded: the local paths of `[[source]]` entries,
//! with what each entry says of its articles, then the store of fetched
//! feeds; and the configured feeds as a fetch wants them.

use crate::config::{Config, Source};
use mizan_engine::corpus::{Loaded, load_paths_within};
use mizan_store::feeds::FeedSource;
use mizan_store::stored::{Paged, load_stored, load_stored_paged};
use std::path::Path;
use std::time::Duration;

/// Every article of the configured sources: the local paths first (their
/// `outlet` and `lang` filling in what the files do not say), then the
/// articles stored in `db`, newest first.
pub fn load_configured(config: &Config, db: &Path) -> Loaded {
    let mut loaded = load_configured_local(config);
    let mut stored = load_stored(db);
    loaded.articles.append(&mut stored.articles);
    loaded.problems.append(&mut stored.problems);
    loaded
}

/// The configured local articles in full and the newest `first` stored
/// ones; the rest of the store is left in [`Paged::rest`].
pub fn load_configured_paged(config: &Config, db: &Path, first: usize) -> Paged {
    load_stored_paged(load_configured_local(config), db, first)
}

/// The articles of the configured local paths.
fn load_configured_local(config: &Config) -> Loaded {
    let mut loaded = Loaded::default();
    for source in &config.sources {
        if let Source::Local { path, outlet, lang } = source {
            let mut local = load_paths_within(std::slice::from_ref(path), &config.limits);
            for article in &mut local.articles {
                if article.meta.outlet.is_none() {
                    article.meta.outlet.clone_from(outlet);
                }
                if let Some(lang) = lang {
                    article.lang = *lang;
                }
            }
            loaded.articles.append(&mut local.articles);
            loaded.problems.append(&mut local.problems);
        }
    }
    loaded
}

/// Every configured feed, with its refresh interval.
pub fn configured_feeds(config: &Config) -> Vec<(FeedSource, Option<Duration>)> {
    config
        .feeds()
        .filter_map(|source| match source {
            Source::Feed {
                url,
                outlet,
                lang,
                refresh,
            } => Some((
                FeedSource {
                    url: url.clone(),
                    outlet: outlet.clone(),
                    lang: lang.map(|lang| lang.code().to_string()),
                },
                *refresh,
            )),
            Source::Local { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mizan_store::{FeedRecord, NewArticle, Store};

    #[test]
    fn configured_sources_and_the_store_load_together() {
        let dir = tempfile::tempdir().unwrap();
        let news = dir.path().join("news");
        std::fs::create_dir(&news).unwrap();
        std::fs::write(news.join("a.txt"), "Local title\nLocal paragraph.\n").unwrap();
        let db = dir.path().join("mizan.db");
        let mut store = Store::open(&db).unwrap();
        let feed = FeedRecord {
            url: "http://127.0.0.1/f".to_string(),
            ..Default::default()
        };
        let article = NewArticle {
            title: "خبر مخزن".to_string(),
            body: "فقرة.".to_string(),
            ..Default::default()
        };
        store
            .store_feed(&feed, &[article], "2026-11-02T00:00:00+00:00")
            .unwrap();
        let text = format!(
            "[[source]]\npath = {:?}\noutlet = \"Local Times\"\n",
            news.display().to_string()
        );
        let config = Config::parse(&text, "c.toml").unwrap();
        let loaded = load_configured(&config, &db);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let titles: Vec<&str> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Local title", "خبر مخزن"]);
        assert_eq!(
            loaded.articles[0].meta.outlet.as_deref(),
            Some("Local Times")
        );
        assert!(
            load_configured(&config, &dir.path().join("none.db"))
                .articles
                .len()
                == 1
        );
    }
}
