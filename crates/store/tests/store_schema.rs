//! The store on its own: migrations and the schema version, the article list
//! page, read and starred state across reopening, the duplicate rules, and
//! the analysis cache.

use mizan_store::{FeedRecord, NewArticle, ReadChange, ReadState, Store, StoreError};

fn article(guid: &str, title: &str, published: Option<&str>) -> NewArticle {
    NewArticle {
        guid: Some(guid.to_string()),
        url: Some(format!("http://127.0.0.1/{guid}")),
        title: title.to_string(),
        outlet: Some("صحيفة الوادي".to_string()),
        lang: Some("ar".to_string()),
        published: published.map(str::to_string),
        body: format!("{title}\nفقرة ثانية."),
    }
}

fn feed() -> FeedRecord {
    FeedRecord {
        url: "http://127.0.0.1/ar.xml".to_string(),
        ..FeedRecord::default()
    }
}

#[test]
fn a_new_store_is_at_the_current_version_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/mizan.db");
    let mut store = Store::open(&path).unwrap();
    store
        .store_feed(
            &feed(),
            &[article("a", "خبر أول", None)],
            "2026-11-02T00:00:00+00:00",
        )
        .unwrap();
    drop(store);
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, 3);
    let journal: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(Store::open(&path).unwrap().article_count().unwrap(), 1);
}

#[test]
fn a_store_from_a_newer_mizan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mizan.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let error = Store::open(&path).err().expect("refused");
    assert!(
        matches!(error, StoreError::TooNew { found: 99, .. }),
        "{error}"
    );
}

#[test]
fn the_list_page_is_newest_first_with_undated_last() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("mizan.db")).unwrap();
    let articles = [
        article("old", "قديم", Some("2026-10-01T00:00:00+00:00")),
        article("undated", "بلا تاريخ", None),
        article("new", "جديد", Some("2026-11-01T00:00:00+00:00")),
    ];
    let stored = store
        .store_feed(&feed(), &articles, "2026-11-02T00:00:00+00:00")
        .unwrap();
    assert_eq!((stored.added, stored.duplicates), (3, 0));
    let titles: Vec<String> = store
        .article_page(0, 10)
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect();
    assert_eq!(titles, ["جديد", "قديم", "بلا تاريخ"]);
    let second_page = store.article_page(1, 1).unwrap();
    assert_eq!(second_page[0].title, "قديم");
    assert_eq!(second_page[0].outlet.as_deref(), Some("صحيفة الوادي"));
    assert_eq!(second_page[0].lang.as_deref(), Some("ar"));
}

#[test]
fn read_and_starred_state_survive_reopening_and_refetching() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mizan.db");
    let mut store = Store::open(&path).unwrap();
    let articles = [article("a", "خبر", None)];
    store
        .store_feed(&feed(), &articles, "2026-11-02T00:00:00+00:00")
        .unwrap();
    let id = store.article_page(0, 1).unwrap()[0].id;
    store.set_read(id, true).unwrap();
    store.set_starred(id, true).unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    let again = store
        .store_feed(&feed(), &articles, "2026-11-03T00:00:00+00:00")
        .unwrap();
    assert_eq!((again.added, again.duplicates), (0, 1));
    let summary = &store.article_page(0, 1).unwrap()[0];
    assert!(summary.read && summary.starred);
    store.set_read(id, false).unwrap();
    assert!(!store.article(id).unwrap().unwrap().read);
}

#[test]
fn the_analysis_cache_is_keyed_by_content_and_lexicon_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("mizan.db")).unwrap();
    let statements = vec![serde_json::json!({"speaker": [0, 6], "blames": ["opposition"]})];
    store.cache_analysis("abc", "lex-1", &statements).unwrap();
    let hit: Option<Vec<serde_json::Value>> = store.cached_analysis("abc", "lex-1").unwrap();
    assert_eq!(hit, Some(statements));
    let other_version: Option<Vec<serde_json::Value>> =
        store.cached_analysis("abc", "lex-2").unwrap();
    assert_eq!(other_version, None);
    let other_content: Option<Vec<serde_json::Value>> =
        store.cached_analysis("abd", "lex-1").unwrap();
    assert_eq!(other_content, None);
}

#[test]
fn feed_validators_are_kept_per_feed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("mizan.db")).unwrap();
    let record = FeedRecord {
        etag: Some("\"v7\"".to_string()),
        last_modified: Some("Mon, 02 Nov 2026 08:00:00 GMT".to_string()),
        ..feed()
    };
    store
        .store_feed(&record, &[], "2026-11-02T09:00:00+00:00")
        .unwrap();
    let stored = store.feed(&record.url).unwrap().unwrap();
    assert_eq!(stored.etag, record.etag);
    assert_eq!(stored.last_modified, record.last_modified);
    assert_eq!(
        stored.last_fetched.as_deref(),
        Some("2026-11-02T09:00:00+00:00")
    );
    assert_eq!(store.feeds().unwrap().len(), 1);
}

fn feed_at(url: &str, outlet: &str) -> FeedRecord {
    FeedRecord {
        url: url.to_string(),
        outlet: Some(outlet.to_string()),
        ..FeedRecord::default()
    }
}

fn entry(guid: &str, url: &str, title: &str, outlet: &str) -> NewArticle {
    NewArticle {
        guid: Some(guid.to_string()),
        url: Some(url.to_string()),
        title: title.to_string(),
        outlet: Some(outlet.to_string()),
        body: format!("{guid} {title}"),
        ..NewArticle::default()
    }
}

fn stored(store: &mut Store, feed: &FeedRecord, articles: &[NewArticle]) -> (usize, usize) {
    let stored = store
        .store_feed(feed, articles, "2026-11-02T00:00:00+00:00")
        .unwrap();
    (stored.added, stored.duplicates)
}

#[test]
fn entries_of_one_feed_with_distinct_guids_are_never_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("mizan.db")).unwrap();
    let live = feed_at("http://127.0.0.1/live.xml", "Wadi");
    let updates = [
        entry("u1", "http://127.0.0.1/live", "Live updates", "Wadi"),
        entry("u2", "http://127.0.0.1/live", "Live updates", "Wadi"),
        entry("u3", "http://127.0.0.1/live#3", "Live updates", "Wadi"),
    ];
    assert_eq!(stored(&mut store, &live, &updates), (3, 0));
    assert_eq!(
        stored(&mut store, &live, &updates),
        (0, 3),
        "a re-fetch adds nothing"
    );
}

#[test]
fn a_guid_the_publisher_changed_is_recognised_by_url_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("mizan.db")).unwrap();
    let feed = feed_at("http://127.0.0.1/a.xml", "Wadi");
    let first = entry("v1-9", "http://127.0.0.1/9", "Talks resume", "Wadi");
    assert_eq!(stored(&mut store, &feed, &[first]), (1, 0));
    let renamed = entry(
        "v2-9",
        "http://127.0.0.1/9?utm_source=rss",
        "Talks resume",
        "Wadi",
    );
    assert_eq!(stored(&mut store, &feed, &[renamed]), (0, 1));
}

#[test]
fn across_feeds_a_shared_url_or_title_is_a_duplicate_and_a_guid_only_within_an_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("mizan.db")).unwrap();
    let wadi = feed_at("http://127.0.0.1/wadi.xml", "Wadi");
    let wadi_world = feed_at("http://127.0.0.1/wadi-world.xml", "Wadi");
    let sahil = feed_at("http://127.0.0.1/sahil.xml", "Sahil");
    assert_eq!(
        stored(
            &mut store,
            &wadi,
            &[entry("1", "http://127.0.0.1/w/1", "Port reopens", "Wadi")]
        ),
        (1, 0)
    );
    let same_guid_other_outlet = entry("1", "http://127.0.0.1/s/1", "Budget passes", "Sahil");
    assert_eq!(
        stored(&mut store, &sahil, &[same_guid_other_outlet]),
        (1, 0)
    );
    let same_guid_same_outlet = entry("1", "http://127.0.0.1/w/x", "Other words", "Wadi");
    let same_url = entry("9", "http://127.0.0.1/w/1#top", "Other title", "Wadi");
    let same_title = entry("8", "http://127.0.0.1/w/8", "Port  reopens!", "Wadi");
    assert_eq!(
        stored(
            &mut store,
            &wadi_world,
            &[same_guid_same_outlet, same_url, same_title]
        ),
        (0, 3)
    );
}

#[test]
fn a_local_files_read_state_is_kept_by_the_hash_of_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mizan.db");
    let store = Store::open(&path).unwrap();
    assert!(store.local_read_states().unwrap().is_empty());
    let read = ReadState {
        read: true,
        starred: false,
    };
    store
        .apply(ReadChange::Local {
            hash: "00ff".into(),
            state: read,
        })
        .unwrap();
    let starred = ReadState {
        read: true,
        starred: true,
    };
    store.set_local_read_state("00ff", starred).unwrap();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(
        reopened.local_read_states().unwrap(),
        [("00ff".to_string(), starred)]
    );
}
