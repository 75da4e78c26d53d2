//! The schema and its migrations. `PRAGMA user_version` holds the number of
//! migrations applied; each migration runs once, in order, in its own
//! transaction, so a store from any earlier mizan is brought up to date and
//! a store from a later one is refused rather than misread.

use super::StoreError;
use rusqlite::Connection;

/// Each entry is one schema version; append, never edit.
const MIGRATIONS: &[&str] = &[
    // 1: feeds, articles with the three ways a duplicate is recognised, the
    // list order index, and the analysis cache.
    "CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        outlet TEXT,
        lang TEXT,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetched TEXT
     );
     CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        guid TEXT,
        url TEXT,
        canonical_url TEXT,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        outlet TEXT,
        lang TEXT,
        published TEXT,
        body TEXT NOT NULL,
        fetched TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0
     );
     CREATE UNIQUE INDEX articles_guid ON articles(guid) WHERE guid IS NOT NULL;
     CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url)
        WHERE canonical_url IS NOT NULL;
     CREATE UNIQUE INDEX articles_outlet_title ON articles(IFNULL(outlet, ''), title_key)
        WHERE title_key <> '';
     CREATE INDEX articles_list_order ON articles(published IS NULL, published DESC, id DESC);
     CREATE TABLE analysis (
        content_hash TEXT NOT NULL,
        lexicon_version TEXT NOT NULL,
        statements TEXT NOT NULL,
        PRIMARY KEY (content_hash, lexicon_version)
     ) WITHOUT ROWID;",
    // 2: a GUID identifies an article within its feed only, and a shared
    // URL or title no longer forbids a second article: entries with
    // distinct ids in one feed are distinct articles, whatever they share.
    // The duplicate rules are in `Store::is_duplicate`.
    "DROP INDEX articles_guid;
     DROP INDEX articles_canonical_url;
     DROP INDEX articles_outlet_title;
     CREATE UNIQUE INDEX articles_feed_guid ON articles(feed_id, guid) WHERE guid IS NOT NULL;
     CREATE INDEX articles_guid ON articles(guid) WHERE guid IS NOT NULL;
     CREATE INDEX articles_canonical_url ON articles(canonical_url)
        WHERE canonical_url IS NOT NULL;
     CREATE INDEX articles_outlet_title ON articles(IFNULL(outlet, ''), title_key)
        WHERE title_key <> '';",
    // 3: the read state of local article files, by the hash of their text
    // (a file has no row of its own; the same text read again keeps it).
    "CREATE TABLE local_read_state (
        content_hash TEXT PRIMARY KEY,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0
     ) WITHOUT ROWID;",
];

/// The schema version this mizan writes.
pub fn current_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Applies every migration `conn` has not had yet.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > current_version() {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found,
            supported: current_version(),
        });
    }
    for (index, migration) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let transaction = conn.transaction()?;
        transaction.execute_batch(migration)?;
        transaction.pragma_update(
            None,
            "user_version",
            i64::try_from(index + 1).unwrap_or(i64::MAX),
        )?;
        transaction.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_version_store_keeps_its_articles_and_drops_its_global_uniqueness() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        let insert = "INSERT INTO articles (feed_id, guid, url, canonical_url, title, title_key,
                         body, fetched, content_hash)
                      VALUES (?1, ?2, 'http://e/1', 'http://e/1', 't', 't', 'b', 'now', 'h')";
        conn.execute("INSERT INTO feeds (url) VALUES ('http://e/feed')", [])
            .unwrap();
        conn.execute(insert, rusqlite::params![1, "a"]).unwrap();
        assert!(conn.execute(insert, rusqlite::params![1, "b"]).is_err());
        migrate(&mut conn, "memory").unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, current_version());
        conn.execute(insert, rusqlite::params![1, "b"]).unwrap();
        assert!(
            conn.execute(insert, rusqlite::params![1, "a"]).is_err(),
            "a GUID is still unique within its feed"
        );
        let count: i64 = conn
            .query_row("SELECT COUNT(*) FROM articles", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 2);
    }
}
