//! Articles from the store: a stored row becomes an [`Article`] whose source
//! is the title line followed by one line per paragraph, exactly as a
//! plain-text article file would be, so the reader and the tagger treat
//! fetched and local articles alike. The store loads whole for the commands
//! and page by page for the reader ([`pages`]); the analysis of its articles
//! is cached in it ([`cache`]).

mod cache;
mod pages;

pub use cache::AnalysisCache;
pub use pages::{Paged, StoredPage, StoredRest, load_stored_paged};

use crate::{Store, StoreError, StoredArticle};
use mizan_engine::corpus::{Article, Loaded, Meta, Problem, Severity};
use mizan_text::{Lang, TextRange, detect_lang};
use std::path::Path;

/// The prefix of the `path` of an article that came from the store.
pub const STORED_PATH_PREFIX: &str = "store:";

/// The article a stored row holds; its `path` is `store:ID`. Its source is
/// within the longest article text
/// ([`MAX_ARTICLE_BYTES_CEILING`](mizan_engine::limits::MAX_ARTICLE_BYTES_CEILING)):
/// SQLite refuses a string over 10^9 bytes (its default `SQLITE_MAX_LENGTH`,
/// also checked when a row is read), so title and body stay under 2 GiB.
pub fn stored_article(stored: &StoredArticle) -> Article {
    let title = stored.title.trim();
    let mut source = String::with_capacity(title.len() + 1 + stored.body.len());
    source.push_str(title);
    let title_range = TextRange::new(0, source.len());
    let mut paragraphs = Vec::new();
    for line in stored
        .body
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        source.push('\n');
        let start = source.len();
        source.push_str(line);
        paragraphs.push(TextRange::new(start, source.len()));
    }
    let lang = stored
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(|| detect_lang(&source));
    Article {
        path: format!("{STORED_PATH_PREFIX}{}", stored.id),
        title: title.to_string(),
        title_range: Some(title_range),
        meta: Meta {
            outlet: stored.outlet.clone(),
            date: stored.published.clone(),
            url: stored.url.clone(),
        },
        lang,
        paragraphs,
        source,
    }
}

/// The store id of an article made by [`stored_article`].
pub fn stored_id(article: &Article) -> Option<i64> {
    article.path.strip_prefix(STORED_PATH_PREFIX)?.parse().ok()
}

/// Every article stored in `db`, newest first. A store not created yet
/// holds nothing; one that cannot be read is reported as an error.
pub fn load_stored(db: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    if db.exists() {
        match Store::open(db).and_then(|store| store.all_articles()) {
            Ok(rows) => loaded.articles.extend(rows.iter().map(stored_article)),
            Err(error) => loaded.problems.push(store_problem(db, &error)),
        }
    }
    loaded
}

fn store_problem(db: &Path, error: &StoreError) -> Problem {
    Problem {
        path: db.display().to_string(),
        severity: Severity::Error,
        message: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(lang: Option<&str>) -> StoredArticle {
        StoredArticle {
            id: 42,
            feed_url: None,
            guid: None,
            url: Some("http://127.0.0.1/a".to_string()),
            title: "المحادثات تستأنف".to_string(),
            outlet: Some("صحيفة الوادي".to_string()),
            lang: lang.map(str::to_string),
            published: Some("2026-11-02T08:15:00+00:00".to_string()),
            body: "قال الوزير إن المحادثات ستستأنف.\n\n  Second paragraph.  \n".to_string(),
            fetched: String::new(),
            content_hash: String::new(),
            read: false,
            starred: false,
        }
    }

    #[test]
    fn a_row_becomes_an_article_with_ranges_into_its_source() {
        let article = stored_article(&row(Some("ar")));
        assert_eq!(article.path, "store:42");
        assert_eq!(stored_id(&article), Some(42));
        assert_eq!(
            article.title_range.unwrap().slice(&article.source),
            "المحادثات تستأنف"
        );
        assert_eq!(article.paragraphs.len(), 2);
        assert_eq!(article.paragraph(0), "قال الوزير إن المحادثات ستستأنف.");
        assert_eq!(article.paragraph(1), "Second paragraph.");
        assert_eq!(article.meta.outlet.as_deref(), Some("صحيفة الوادي"));
        assert_eq!(
            article.meta.date.as_deref(),
            Some("2026-11-02T08:15:00+00:00")
        );
        assert_eq!(article.lang, Lang::Ar);
    }

    #[test]
    fn an_unknown_language_is_detected_from_the_text() {
        assert_eq!(stored_article(&row(None)).lang, Lang::Ar);
        assert_eq!(stored_article(&row(Some("xx"))).lang, Lang::Ar);
    }

    #[test]
    fn local_articles_have_no_store_id() {
        let mut article = stored_article(&row(None));
        article.path = "samples/a.txt".to_string();
        assert_eq!(stored_id(&article), None);
    }
}
