//! What the reader has read: the articles, each one's statements once
//! tagged, the party directory of the lexicon in force, and the stories
//! built from a complete tagging pass. One article index addresses all of
//! them, so they grow together: an appended article gets its (empty) slot
//! of statements at once, and stories built for another set of articles are
//! refused.

use super::coverage::Stories;
use super::directory::Directory;
use mizan_engine::corpus::Article;
use mizan_engine::tagger::Statement;
use mizan_text::stable_hash;
use std::cell::OnceCell;
use std::sync::Arc;

/// An article's statements once tagged (`None` before), shared (never
/// copied) with the stories built in the background. The tagger's vector is
/// kept as it is: converting it to an `Arc<[_]>` copied every article's
/// statements and left a hole per article in the heap, which made a filter
/// keystroke over 100,000 statements half as slow again.
pub type Tagged = Option<Arc<Vec<Statement>>>;

/// The statements of `tagged` (none until tagged).
pub fn tagged_statements(tagged: &Tagged) -> &[Statement] {
    tagged.as_deref().map_or(&[], Vec::as_slice)
}

/// The articles and what is known of them.
#[derive(Debug, Default)]
pub struct Library {
    articles: Arc<Vec<Article>>,
    /// One per article.
    statements: Vec<Tagged>,
    directory: Directory,
    /// Stories of exactly these articles, once built.
    stories: Option<Stories>,
    /// One per article: the hash of its text, worked out when first asked
    /// (a local file's read state is kept by it).
    hashes: Vec<OnceCell<String>>,
}

impl Library {
    pub fn new(articles: Vec<Article>, directory: Directory) -> Library {
        Library {
            statements: vec![None; articles.len()],
            hashes: vec![OnceCell::new(); articles.len()],
            articles: Arc::new(articles),
            directory,
            stories: None,
        }
    }

    pub fn articles(&self) -> &Arc<Vec<Article>> {
        &self.articles
    }

    pub fn article(&self, index: usize) -> Option<&Article> {
        self.articles.get(index)
    }

    /// Every article's statements, by article index.
    pub fn tagged(&self) -> &[Tagged] {
        &self.statements
    }

    /// The statements of article `index` (empty until tagged).
    pub fn statements_of(&self, index: usize) -> &[Statement] {
        self.statements.get(index).map_or(&[], tagged_statements)
    }

    /// Whether article `index` has been tagged.
    pub fn is_tagged(&self, index: usize) -> bool {
        self.statements.get(index).is_some_and(Option::is_some)
    }

    /// How many articles have their statements.
    pub fn analysed(&self) -> usize {
        self.statements.iter().filter(|s| s.is_some()).count()
    }

    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    pub fn stories(&self) -> Option<&Stories> {
        self.stories.as_ref()
    }

    /// Appends articles, untagged. Nothing else holds the article list
    /// while loading (tagging starts once it is done), so this does not
    /// copy it. Growing by exactly each batch, not by doubling, leaves no
    /// spare room (a third of the list's size at 10,000 articles); the
    /// moves cost microseconds per batch.
    pub(super) fn append(&mut self, more: Vec<Article>) {
        let articles = Arc::make_mut(&mut self.articles);
        articles.reserve_exact(more.len());
        articles.extend(more);
        self.statements.resize(self.articles.len(), None);
        self.hashes.resize(self.articles.len(), OnceCell::new());
    }

    /// The hash of article `index`'s text, as the store keys it.
    pub fn content_hash(&self, index: usize) -> Option<&str> {
        let article = self.articles.get(index)?;
        let hash = self.hashes.get(index)?;
        Some(hash.get_or_init(|| stable_hash([article.source.as_bytes()])))
    }

    /// Puts article `index`'s statements in place; `false` for an index
    /// beyond the articles.
    pub(super) fn set_statements(&mut self, index: usize, statements: Vec<Statement>) -> bool {
        match self.statements.get_mut(index) {
            Some(slot) => {
                *slot = Some(Arc::new(statements));
                true
            }
            None => false,
        }
    }

    pub(super) fn set_directory(&mut self, directory: Directory) {
        self.directory = directory;
    }

    /// Puts stories in force when they are of these articles; `false` (and
    /// nothing changes) when they were built for another set.
    pub(super) fn set_stories(&mut self, stories: Stories) -> bool {
        if stories.story_of.len() != self.articles.len() {
            return false;
        }
        self.stories = Some(stories);
        true
    }
}
