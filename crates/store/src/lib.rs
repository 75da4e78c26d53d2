//! mizan-store: the local SQLite store and what fills it, above
//! `mizan-text` and `mizan-engine`.
//!
//! It owns the store of feeds, the articles fetched from them with their
//! read and starred state, and the analysis cache: the schema (in
//! `schema`), its migrations and every query, so the rest of mizan never
//! writes SQL. [`feeds`] fetches RSS/Atom/JSON feeds and article pages into
//! it and reads and writes OPML; [`stored`] turns stored rows into the
//! engine's articles and caches their statements. The database lives in the
//! user's data directory (`$XDG_DATA_HOME/mizan/mizan.db`), or under
//! `MIZAN_DATA_DIR` when that is set (tests and portable installs).
//!
//! Writes of one feed go in one transaction: a fetch killed midway leaves
//! every feed it finished stored and nothing half-written.
//!
//! It may not depend on the `mizan` binary crate (configuration, reader,
//! terminal): no ratatui, crossterm or notify; callers pass what the
//! configuration says (feeds to fetch, articles already loaded).

mod dedupe;
pub mod feeds;
pub mod guard;
mod schema;
pub mod stored;

pub use dedupe::{canonical_url, content_hash, title_key};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database's file name inside the data directory.
pub const DB_FILE: &str = "mizan.db";
/// Environment variable naming the data directory, overriding XDG.
pub const DATA_DIR_ENV: &str = "MIZAN_DATA_DIR";

/// How long a connection waits for another one's write lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long an analysis-cache write waits for the lock: a cache write is
/// worth less than the tagging thread's time, so one that would wait for a
/// running `mizan fetch` is skipped instead.
const CACHE_BUSY_TIMEOUT: Duration = Duration::from_millis(50);

/// A store that could not be opened, migrated, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data directory: set {DATA_DIR_ENV} or XDG_DATA_HOME")]
    NoDataDir,
    #[error("{path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: schema version {found} is newer than this mizan ({supported})")]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("analysis cache: {0}")]
    Json(#[from] serde_json::Error),
}

/// mizan's data directory: `MIZAN_DATA_DIR`, else `$XDG_DATA_HOME/mizan`.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::data_dir().map(|dir| dir.join("mizan")),
    }
}

/// The database file mizan uses by default.
pub fn default_db_path() -> Result<PathBuf, StoreError> {
    data_dir()
        .map(|dir| dir.join(DB_FILE))
        .ok_or(StoreError::NoDataDir)
}

/// A feed as the store keeps it, with the validators of its last response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedRecord {
    pub url: String,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub title: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// RFC 3339, when the feed last answered.
    pub last_fetched: Option<String>,
}

/// One article to store, as a fetch produced it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewArticle {
    pub guid: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    /// RFC 3339, UTC.
    pub published: Option<String>,
    /// Paragraphs separated by one newline.
    pub body: String,
}

/// A row of the article list: what the reader shows before opening one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub read: bool,
    pub starred: bool,
}

/// A whole stored article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredArticle {
    pub id: i64,
    pub feed_url: Option<String>,
    pub guid: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub published: Option<String>,
    pub body: String,
    pub fetched: String,
    pub content_hash: String,
    pub read: bool,
    pub starred: bool,
}

/// An article's read and starred state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadState {
    pub read: bool,
    pub starred: bool,
}

impl StoredArticle {
    pub fn read_state(&self) -> ReadState {
        ReadState {
            read: self.read,
            starred: self.starred,
        }
    }
}

/// A change of one article's read state, as the reader asks for it: a
/// stored article's by its id, a local file's by the hash of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadChange {
    Read { id: i64, read: bool },
    Starred { id: i64, starred: bool },
    Local { hash: String, state: ReadState },
}

/// How many articles one feed's write stored and how many it recognised as
/// already stored (see [`Store::store_feed`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    pub added: usize,
    pub duplicates: usize,
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating and migrating when needed) the store at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.display().to_string(),
                source,
            })?;
        }
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        schema::migrate(&mut conn, &path.display().to_string())?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing store without write access, for lookups from
    /// worker threads while another connection writes.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing store for the analysis cache: read-write when it
    /// can be (read-only otherwise), waiting only briefly for locks. Never
    /// creates or migrates a store.
    pub fn open_for_cache(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).or_else(|_| {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        })?;
        conn.busy_timeout(CACHE_BUSY_TIMEOUT)?;
        // One commit per cached article: without this each would wait for
        // the disk (the store is in WAL mode since `open` created it).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The feed stored under `url`, if any.
    pub fn feed(&self, url: &str) -> Result<Option<FeedRecord>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT url, outlet, lang, title, etag, last_modified, last_fetched FROM feeds WHERE url = ?1",
                [url],
                feed_from_row,
            )
            .optional()?)
    }

    /// Every stored feed, by URL.
    pub fn feeds(&self) -> Result<Vec<FeedRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT url, outlet, lang, title, etag, last_modified, last_fetched FROM feeds ORDER BY url",
        )?;
        let rows = statement.query_map([], feed_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores one fetched feed in a single transaction: its title and
    /// validators, and every article not already stored.
    ///
    /// An article is already stored when the same feed holds its GUID;
    /// when another feed holds its canonical URL, or its outlet and
    /// normalised title, or (same outlet) its GUID; or when the same feed
    /// holds its URL and title under a GUID this fetch no longer carries
    /// (the publisher changed the GUID). Entries of one feed with distinct
    /// GUIDs are never merged, whatever they share.
    pub fn store_feed(
        &mut self,
        feed: &FeedRecord,
        articles: &[NewArticle],
        fetched: &str,
    ) -> Result<Stored, StoreError> {
        let transaction = self.conn.transaction()?;
        transaction.execute(
            "INSERT INTO feeds (url, outlet, lang, title, etag, last_modified, last_fetched)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(url) DO UPDATE SET
               outlet = excluded.outlet, lang = excluded.lang,
               title = COALESCE(excluded.title, feeds.title),
               etag = excluded.etag, last_modified = excluded.last_modified,
               last_fetched = excluded.last_fetched",
            params![
                feed.url,
                feed.outlet,
                feed.lang,
                feed.title,
                feed.etag,
                feed.last_modified,
                fetched
            ],
        )?;
        let feed_id: i64 =
            transaction.query_row("SELECT id FROM feeds WHERE url = ?1", [&feed.url], |row| {
                row.get(0)
            })?;
        let carried: HashSet<&str> = articles.iter().filter_map(|a| a.guid.as_deref()).collect();
        let mut stored = Stored::default();
        for article in articles {
            let keys = ArticleKeys::of(article);
            if is_duplicate(&transaction, feed_id, article, &keys, &carried)? {
                stored.duplicates += 1;
                continue;
            }
            transaction
                .prepare_cached(
                    "INSERT INTO articles
                       (feed_id, guid, url, canonical_url, title, title_key, outlet, lang,
                        published, body, fetched, content_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )?
                .execute(params![
                    feed_id,
                    article.guid,
                    article.url,
                    keys.canonical_url,
                    article.title,
                    keys.title_key,
                    article.outlet,
                    article.lang,
                    article.published,
                    article.body,
                    fetched,
                    content_hash(&article.title, &article.body),
                ])?;
            stored.added += 1;
        }
        transaction.commit()?;
        Ok(stored)
    }

    /// Records that a feed answered "not modified".
    pub fn touch_feed(&self, url: &str, fetched: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE feeds SET last_fetched = ?2 WHERE url = ?1",
            params![url, fetched],
        )?;
        Ok(())
    }

    /// Whether the feed at `feed_url` already stored the entry `guid`, or
    /// any feed an article at `url`; the fetcher asks before downloading an
    /// article page.
    pub fn knows(&self, feed_url: &str, guid: &str, url: &str) -> Result<bool, StoreError> {
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM articles a
                 WHERE (a.guid = ?2 AND a.feed_id = (SELECT id FROM feeds WHERE url = ?1))
                    OR a.canonical_url = ?3
                 LIMIT 1",
                params![feed_url, guid, canonical_url(url)],
                |row| row.get(0),
            )
            .optional()?;
        Ok(found.is_some())
    }

    /// The number of stored articles.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        let count: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// One page of the article list, newest first (undated articles last,
    /// by the order they were stored).
    pub fn article_page(
        &self,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, title, outlet, published, lang, read, starred FROM articles
             ORDER BY published IS NULL, published DESC, id DESC
             LIMIT ?1 OFFSET ?2",
        )?;
        let rows = statement.query_map(params![to_i64(limit), to_i64(offset)], |row| {
            Ok(ArticleSummary {
                id: row.get(0)?,
                title: row.get(1)?,
                outlet: row.get(2)?,
                published: row.get(3)?,
                lang: row.get(4)?,
                read: row.get(5)?,
                starred: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The article stored under `id`.
    pub fn article(&self, id: i64) -> Result<Option<StoredArticle>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("{ARTICLE_COLUMNS} WHERE a.id = ?1"),
                [id],
                article_from_row,
            )
            .optional()?)
    }

    /// Every stored article, in list order.
    pub fn all_articles(&self) -> Result<Vec<StoredArticle>, StoreError> {
        self.articles_page(0, usize::MAX)
    }

    /// Whole articles `offset..offset + limit` in list order; the list
    /// order index makes the first page cheap however many are stored.
    pub fn articles_page(
        &self,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<StoredArticle>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{ARTICLE_COLUMNS} {LIST_ORDER} LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = statement.query_map(params![to_i64(limit), to_i64(offset)], article_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls `each` with every stored article in list order, reading one
    /// row at a time, until it returns `false`.
    pub fn for_each_article(
        &self,
        mut each: impl FnMut(StoredArticle) -> bool,
    ) -> Result<(), StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("{ARTICLE_COLUMNS} {LIST_ORDER}"))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            if !each(article_from_row(row)?) {
                break;
            }
        }
        Ok(())
    }

    /// The highest article id (0 for an empty store): articles stored later
    /// have higher ids, so a refresh finds its new articles above it.
    pub fn last_article_id(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT IFNULL(MAX(id), 0) FROM articles", [], |row| {
                row.get(0)
            })?)
    }

    /// The articles with an id above `id`, in list order.
    pub fn articles_after(&self, id: i64) -> Result<Vec<StoredArticle>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("{ARTICLE_COLUMNS} WHERE a.id > ?1 {LIST_ORDER}"))?;
        let rows = statement.query_map([id], article_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Applies one change of read state.
    pub fn apply(&self, change: ReadChange) -> Result<(), StoreError> {
        match change {
            ReadChange::Read { id, read } => self.set_read(id, read),
            ReadChange::Starred { id, starred } => self.set_starred(id, starred),
            ReadChange::Local { hash, state } => self.set_local_read_state(&hash, state),
        }
    }

    /// The read state of every local article file that has one, by the hash
    /// of its text (none in a store opened read-only before its migration
    /// to version 3).
    pub fn local_read_states(&self) -> Result<Vec<(String, ReadState)>, StoreError> {
        let kept: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'local_read_state')",
            [],
            |row| row.get(0),
        )?;
        if !kept {
            return Ok(Vec::new());
        }
        let mut statement = self
            .conn
            .prepare("SELECT content_hash, read, starred FROM local_read_state")?;
        let rows = statement.query_map([], |row| {
            let state = ReadState {
                read: row.get(1)?,
                starred: row.get(2)?,
            };
            Ok((row.get(0)?, state))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets a local article file's read state, by the hash of its text.
    pub fn set_local_read_state(&self, hash: &str, state: ReadState) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO local_read_state (content_hash, read, starred)
             VALUES (?1, ?2, ?3)",
            params![hash, state.read, state.starred],
        )?;
        Ok(())
    }

    /// Marks an article read or unread.
    pub fn set_read(&self, id: i64, read: bool) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE articles SET read = ?2 WHERE id = ?1",
            params![id, read],
        )?;
        Ok(())
    }

    /// Stars or unstars an article.
    pub fn set_starred(&self, id: i64, starred: bool) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE articles SET starred = ?2 WHERE id = ?1",
            params![id, starred],
        )?;
        Ok(())
    }

    /// The cached analysis of content `hash` under `lexicon_version`.
    pub fn cached_analysis<T: serde::de::DeserializeOwned>(
        &self,
        hash: &str,
        lexicon_version: &str,
    ) -> Result<Option<T>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT statements FROM analysis WHERE content_hash = ?1 AND lexicon_version = ?2",
                params![hash, lexicon_version],
                |row| row.get(0),
            )
            .optional()?;
        json.map(|json| serde_json::from_str(&json))
            .transpose()
            .map_err(StoreError::from)
    }

    /// Caches the analysis of content `hash` under `lexicon_version`.
    pub fn cache_analysis<T: serde::Serialize + ?Sized>(
        &self,
        hash: &str,
        lexicon_version: &str,
        statements: &T,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(statements)?;
        self.conn.execute(
            "INSERT OR REPLACE INTO analysis (content_hash, lexicon_version, statements)
             VALUES (?1, ?2, ?3)",
            params![hash, lexicon_version, json],
        )?;
        Ok(())
    }
}

/// The keys an article is recognised by, besides its GUID.
struct ArticleKeys {
    canonical_url: Option<String>,
    title_key: String,
}

impl ArticleKeys {
    fn of(article: &NewArticle) -> ArticleKeys {
        ArticleKeys {
            canonical_url: article.url.as_deref().map(canonical_url),
            title_key: title_key(&article.title),
        }
    }
}

/// The rules of [`Store::store_feed`]; `carried` holds the GUIDs of the
/// fetch being stored.
fn is_duplicate(
    conn: &Connection,
    feed_id: i64,
    article: &NewArticle,
    keys: &ArticleKeys,
    carried: &HashSet<&str>,
) -> Result<bool, StoreError> {
    // Each branch of the OR is one index, `title_key <> ''` spelt as the
    // partial index's condition: otherwise SQLite scans every article.
    let mut candidates = conn.prepare_cached(
        "SELECT feed_id, guid, IFNULL(outlet, '') = IFNULL(?4, ''),
                canonical_url IS NOT NULL AND canonical_url = ?2,
                title_key <> '' AND title_key = ?3
         FROM articles
         WHERE guid = ?1 OR canonical_url = ?2
            OR (IFNULL(outlet, '') = IFNULL(?4, '') AND title_key = ?3 AND title_key <> '')",
    )?;
    let mut rows = candidates.query(params![
        article.guid,
        keys.canonical_url,
        keys.title_key,
        article.outlet
    ])?;
    while let Some(row) = rows.next()? {
        let stored_feed: Option<i64> = row.get(0)?;
        let stored_guid: Option<String> = row.get(1)?;
        let (same_outlet, same_url, same_title): (bool, bool, bool) =
            (row.get(2)?, row.get(3)?, row.get(4)?);
        let same_guid = article.guid.is_some() && stored_guid == article.guid;
        let duplicate = if stored_feed == Some(feed_id) {
            same_guid
                || (same_url
                    && same_title
                    && stored_guid.is_none_or(|guid| !carried.contains(guid.as_str())))
        } else {
            same_url || (same_outlet && (same_title || same_guid))
        };
        if duplicate {
            return Ok(true);
        }
    }
    Ok(false)
}

const LIST_ORDER: &str = "ORDER BY a.published IS NULL, a.published DESC, a.id DESC";

const ARTICLE_COLUMNS: &str = "SELECT a.id, f.url, a.guid, a.url, a.title, a.outlet, a.lang,
        a.published, a.body, a.fetched, a.content_hash, a.read, a.starred
     FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id";

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // NORMAL is durable across a killed process in WAL mode; only a power
    // loss can drop the last commits, which a news cache can refetch.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn feed_from_row(row: &rusqlite::Row) -> rusqlite::Result<FeedRecord> {
    Ok(FeedRecord {
        url: row.get(0)?,
        outlet: row.get(1)?,
        lang: row.get(2)?,
        title: row.get(3)?,
        etag: row.get(4)?,
        last_modified: row.get(5)?,
        last_fetched: row.get(6)?,
    })
}

fn article_from_row(row: &rusqlite::Row) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        id: row.get(0)?,
        feed_url: row.get(1)?,
        guid: row.get(2)?,
        url: row.get(3)?,
        title: row.get(4)?,
        outlet: row.get(5)?,
        lang: row.get(6)?,
        published: row.get(7)?,
        body: row.get(8)?,
        fetched: row.get(9)?,
        content_hash: row.get(10)?,
        read: row.get(11)?,
        starred: row.get(12)?,
    })
}

fn to_i64(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}
