//! The analysis cache in use: the statements of a stored article are looked
//! up by the hash of its text and the lexicon's version before it is tagged,
//! and kept after, so start-up and `mizan tag` do not re-tag unchanged
//! articles. The cache is an optimisation only: a store that is read-only,
//! locked by a running `mizan fetch`, or holding a row that does not fit the
//! article, means the article is tagged as if there were no cache.

use super::stored_id;
use crate::{Store, StoreError};
use mizan_engine::corpus::Article;
use mizan_engine::tagger::Statement;
use mizan_text::{TextRange, stable_hash};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Cached statements of stored articles, for one lexicon version. Shared by
/// the tagging threads; each lookup or write holds the connection briefly.
pub struct AnalysisCache {
    db: PathBuf,
    /// Connected at the first stored article: the reader may start before
    /// the first fetch creates the store.
    store: Mutex<Option<Store>>,
    lexicon_version: String,
    /// Off once the store refused a write as read-only.
    writable: AtomicBool,
    served: AtomicUsize,
}

impl AnalysisCache {
    /// The cache in the store at `db`. A store is never created just to
    /// cache: until one exists, every article is tagged.
    pub fn new(db: &Path, lexicon_version: &str) -> AnalysisCache {
        AnalysisCache {
            db: db.to_path_buf(),
            store: Mutex::new(None),
            lexicon_version: lexicon_version.to_string(),
            writable: AtomicBool::new(true),
            served: AtomicUsize::new(0),
        }
    }

    /// The statements of `article`: cached ones when the article is stored
    /// and its text was tagged under this lexicon version, else `tag`'s
    /// (cached for next time).
    pub fn statements(
        &self,
        article: &Article,
        tag: impl FnOnce(&Article) -> Vec<Statement>,
    ) -> Vec<Statement> {
        if stored_id(article).is_none() {
            return tag(article);
        }
        let key = stable_hash([article.source.as_bytes()]);
        if let Some(statements) = self.lookup(&key, &article.source) {
            self.served.fetch_add(1, Ordering::Relaxed);
            return statements;
        }
        let statements = tag(article);
        self.keep(&key, &statements);
        statements
    }

    /// How many articles were served from the cache.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::Relaxed)
    }

    /// The connection, opened when the store exists.
    fn connection(&self) -> Option<MutexGuard<'_, Option<Store>>> {
        let mut store = self.store.lock().ok()?;
        if store.is_none() && self.db.exists() {
            *store = Store::open_for_cache(&self.db).ok();
        }
        store.is_some().then_some(store)
    }

    fn lookup(&self, key: &str, source: &str) -> Option<Vec<Statement>> {
        let connection = self.connection()?;
        let store = connection.as_ref()?;
        let cached: Vec<Statement> = store
            .cached_analysis(key, &self.lexicon_version)
            .ok()
            .flatten()?;
        cached
            .iter()
            .all(|statement| fits(statement, source))
            .then_some(cached)
    }

    fn keep(&self, key: &str, statements: &[Statement]) {
        if !self.writable.load(Ordering::Relaxed) {
            return;
        }
        let Some(store) = self.connection() else {
            return;
        };
        let Some(store) = store.as_ref() else {
            return;
        };
        // Busy (a fetch is writing): this one is skipped, the next may go in.
        if let Err(StoreError::Sqlite(error)) =
            store.cache_analysis(key, &self.lexicon_version, statements)
            && error.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly)
        {
            self.writable.store(false, Ordering::Relaxed);
        }
    }
}

/// Whether every range of `statement` lies on character boundaries of
/// `source`: a cached row is data from disk, and a range that does not fit
/// would panic wherever the statement is shown.
fn fits(statement: &Statement, source: &str) -> bool {
    let inside = |range: TextRange| {
        source.is_char_boundary(range.start()) && source.is_char_boundary(range.end())
    };
    let evidence = statement
        .evidence
        .iter()
        .flat_map(|evidence| [evidence.cue, evidence.target]);
    [Some(statement.range), statement.quote, statement.speaker]
        .into_iter()
        .flatten()
        .chain(evidence)
        .all(inside)
}
