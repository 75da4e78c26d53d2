//! The analysis cache: a stored article tagged once is served from the cache
//! the next time, a lexicon edit invalidates it, a store locked by a running
//! fetch only skips caching, and a cached row that does not fit the article
//! is never served.

use mizan_engine::corpus::Article;

use mizan_engine::lexicon::{Lexicon, LexiconSettings, builtin_sources};
use mizan_engine::tagger::Statement;
use mizan_store::stored::{AnalysisCache, stored_article};
use mizan_store::{FeedRecord, NewArticle, Store};
use mizan_text::{TextRange, stable_hash};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BODY: &str = "قال وزير الخارجية إن القوات \"خرقت الهدنة مرتين\" قرب الحدود.\n\
Secretary of State Antony Blinken said Washington \"supports Russian mediation efforts\".";

fn filled_store(dir: &Path) -> (PathBuf, Vec<Article>) {
    let db = dir.join("mizan.db");
    let mut store = Store::open(&db).unwrap();
    let feed = FeedRecord {
        url: "http://127.0.0.1/feed.xml".to_string(),
        ..FeedRecord::default()
    };
    let articles: Vec<NewArticle> = (0..3)
        .map(|n| NewArticle {
            guid: Some(format!("guid-{n}")),
            title: format!("خبر رقم {n} عن الهدنة"),
            body: BODY.to_string(),
            ..NewArticle::default()
        })
        .collect();
    store
        .store_feed(&feed, &articles, "2026-11-02T00:00:00+00:00")
        .unwrap();
    let rows = store.all_articles().unwrap();
    (db, rows.iter().map(stored_article).collect())
}

/// Tags every article through `cache`: how many were really tagged, and
/// every article's statements.
fn tag_all(
    cache: &AnalysisCache,
    articles: &[Article],
    lexicon: &Lexicon,
) -> (usize, Vec<Vec<Statement>>) {
    let tagged = AtomicUsize::new(0);
    let statements = articles
        .iter()
        .map(|article| {
            cache.statements(article, |article| {
                tagged.fetch_add(1, Ordering::Relaxed);
                article.tag(lexicon)
            })
        })
        .collect();
    (tagged.into_inner(), statements)
}

fn analysis_rows(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM analysis", [], |row| row.get(0))
        .unwrap()
}

/// The default lexicon with one default file edited (a comment added) in a
/// user directory.
fn edited_lexicon(dir: &Path) -> Lexicon {
    let (name, text) = builtin_sources()
        .iter()
        .find(|(name, _)| *name == "en/cues.toml")
        .unwrap();
    let user = dir.join("lexicons");
    std::fs::create_dir_all(user.join("en")).unwrap();
    std::fs::write(user.join(name), format!("{text}\n# edited\n")).unwrap();
    let settings = LexiconSettings {
        dirs: vec![user],
        ..LexiconSettings::default()
    };
    Lexicon::load(&settings).unwrap()
}

/// A filled store in a temporary directory, its articles and the default
/// lexicon.
fn setup() -> (tempfile::TempDir, PathBuf, Vec<Article>, Lexicon) {
    let dir = tempfile::tempdir().unwrap();
    let (db, articles) = filled_store(dir.path());
    (dir, db, articles, Lexicon::builtin())
}

#[test]
fn the_second_tagging_is_served_from_the_cache_with_the_same_statements() {
    let (_dir, db, articles, lexicon) = setup();
    let first = AnalysisCache::new(&db, lexicon.version());
    let (tagged, fresh) = tag_all(&first, &articles, &lexicon);
    assert_eq!((tagged, first.served()), (3, 0));
    assert!(fresh.iter().all(|s| !s.is_empty()), "{fresh:?}");
    assert_eq!(analysis_rows(&db), 3);

    let second = AnalysisCache::new(&db, lexicon.version());
    let (tagged, cached) = tag_all(&second, &articles, &lexicon);
    assert_eq!((tagged, second.served()), (0, 3));
    assert_eq!(cached, fresh);
}

#[test]
fn a_lexicon_edit_changes_the_version_and_misses_the_cache() {
    let (dir, db, articles, builtin) = setup();
    let cache = AnalysisCache::new(&db, builtin.version());
    tag_all(&cache, &articles, &builtin);

    let edited = edited_lexicon(dir.path());
    assert_ne!(edited.version(), builtin.version());
    assert_eq!(
        edited_lexicon(dir.path()).version(),
        edited.version(),
        "the same files give the same version"
    );
    let after_edit = AnalysisCache::new(&db, edited.version());
    let (tagged, _) = tag_all(&after_edit, &articles, &edited);
    assert_eq!((tagged, after_edit.served()), (3, 0));
    assert_eq!(analysis_rows(&db), 6, "both versions are kept");
}

#[test]
fn a_store_locked_by_a_writer_skips_caching_without_waiting_long() {
    let (_dir, db, articles, lexicon) = setup();
    let fetch = rusqlite::Connection::open(&db).unwrap();
    fetch.execute_batch("BEGIN IMMEDIATE").unwrap();
    let cache = AnalysisCache::new(&db, lexicon.version());
    let started = Instant::now();
    let (tagged, statements) = tag_all(&cache, &articles, &lexicon);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(tagged, 3);
    assert_eq!(statements[0], articles[0].tag(&lexicon));
    fetch.execute_batch("COMMIT").unwrap();
    assert_eq!(analysis_rows(&db), 0, "nothing was cached while locked");

    let (tagged, _) = tag_all(&cache, &articles, &lexicon);
    assert_eq!(tagged, 3);
    assert_eq!(
        analysis_rows(&db),
        3,
        "caching goes on once the lock is gone"
    );
}

#[test]
fn a_cached_row_that_does_not_fit_the_article_is_tagged_afresh() {
    let (_dir, db, articles, lexicon) = setup();
    let article = &articles[0];
    let key = stable_hash([article.source.as_bytes()]);
    let mut bad = article.tag(&lexicon);
    // Ends inside a two-byte Arabic letter.
    bad[0].range = TextRange::new(0, 1);
    let store = Store::open(&db).unwrap();
    store.cache_analysis(&key, lexicon.version(), &bad).unwrap();
    let cache = AnalysisCache::new(&db, lexicon.version());
    let (tagged, statements) = tag_all(&cache, std::slice::from_ref(article), &lexicon);
    assert_eq!((tagged, cache.served()), (1, 0));
    assert_eq!(statements[0], article.tag(&lexicon));

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE analysis SET statements = '{not json'", [])
        .unwrap();
    let (tagged, _) = tag_all(&cache, std::slice::from_ref(article), &lexicon);
    assert_eq!(tagged, 1, "unreadable rows are a miss");
}

#[test]
fn local_files_are_not_cached() {
    let (dir, db, articles, lexicon) = setup();
    let mut local = articles[0].clone();
    local.path = "news/a.txt".to_string();
    let cache = AnalysisCache::new(&db, lexicon.version());
    tag_all(&cache, &[local.clone(), local], &lexicon);
    assert_eq!(analysis_rows(&db), 0);
    let none = dir.path().join("none.db");
    let (tagged, _) = tag_all(
        &AnalysisCache::new(&none, lexicon.version()),
        &articles,
        &lexicon,
    );
    assert_eq!(tagged, 3);
    assert!(!none.exists(), "no store is created");
}

#[test]
fn a_cache_made_before_the_store_exists_connects_once_it_does() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = Lexicon::builtin();
    let cache = AnalysisCache::new(&dir.path().join("mizan.db"), lexicon.version());
    let (db, articles) = filled_store(dir.path());
    tag_all(&cache, &articles, &lexicon);
    assert_eq!(analysis_rows(&db), 3);
}
