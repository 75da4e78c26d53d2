//! The reader's view of the store: the first page of stored articles is read
//! before the first frame and the rest streamed in batches from a background
//! thread, so start-up does not grow with the store. Pages go newest first
//! through the store's list order index.

use super::{store_problem, stored_article};
use crate::{ReadState, Store, StoreError, StoredArticle};
use mizan_engine::corpus::{Article, Loaded};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Stored articles with the read state of each (by store id).
#[derive(Clone, Debug, Default)]
pub struct StoredPage {
    pub articles: Vec<Article>,
    pub read_states: Vec<(i64, ReadState)>,
}

impl StoredPage {
    /// The page of these rows.
    pub fn of(rows: &[StoredArticle]) -> StoredPage {
        let mut page = StoredPage::default();
        for row in rows {
            page.push(row);
        }
        page
    }

    fn push(&mut self, row: &StoredArticle) {
        self.articles.push(stored_article(row));
        self.read_states.push((row.id, row.read_state()));
    }
}

/// What the reader starts with: the local articles and the first page of
/// the store, and what is left to read in the background.
#[derive(Debug, Default)]
pub struct Paged {
    pub loaded: Loaded,
    pub read_states: Vec<(i64, ReadState)>,
    pub rest: Option<StoredRest>,
}

/// The stored articles after the first page.
#[derive(Debug)]
pub struct StoredRest {
    db: PathBuf,
    first_page: HashSet<i64>,
    total: usize,
}

/// `local` (the articles of local files) and the newest `first` stored
/// articles; the rest of the store is left in [`Paged::rest`].
pub fn load_stored_paged(local: Loaded, db: &Path, first: usize) -> Paged {
    let mut paged = Paged {
        loaded: local,
        ..Paged::default()
    };
    if !db.exists() {
        return paged;
    }
    let first_page = Store::open(db)
        .and_then(|store| Ok((store.articles_page(0, first)?, store.article_count()?)));
    match first_page {
        Ok((rows, total)) => {
            let page = StoredPage::of(&rows);
            paged.loaded.articles.extend(page.articles);
            paged.read_states = page.read_states;
            paged.rest = (total > rows.len()).then(|| StoredRest {
                db: db.to_path_buf(),
                first_page: rows.iter().map(|row| row.id).collect(),
                total,
            });
        }
        Err(error) => paged.loaded.problems.push(store_problem(db, &error)),
    }
    paged
}

impl StoredRest {
    /// How many articles the store held when the first page was read.
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many articles the first page held.
    pub fn first_page_len(&self) -> usize {
        self.first_page.len()
    }

    /// Reads every stored article not on the first page (articles stored
    /// since included), in list order, handing `each` pages of `batch`
    /// articles until it returns `false`.
    pub fn load_in_batches(
        self,
        batch: usize,
        mut each: impl FnMut(StoredPage) -> bool,
    ) -> Result<(), StoreError> {
        let store = Store::open_read_only(&self.db)?;
        let mut page = StoredPage::default();
        let mut wanted = true;
        store.for_each_article(|row| {
            if !self.first_page.contains(&row.id) {
                page.push(&row);
                if page.articles.len() >= batch.max(1) {
                    wanted = each(std::mem::take(&mut page));
                }
            }
            wanted
        })?;
        if wanted && !page.articles.is_empty() {
            each(page);
        }
        Ok(())
    }
}
