//! Shared by the `compare_*` tests: the fixture articles and statements
//! written by hand into them, as the tagger would report them.

// Each test binary includes this module and uses only part of it.
#![allow(dead_code)]

use mizan_engine::corpus::names::Names;
use mizan_engine::corpus::stories::Analysed;
use mizan_engine::corpus::{Article, load_paths};
use mizan_engine::lexicon::{Lexicon, Origin};
use mizan_engine::tagger::{Evidence, Relation, Statement};
use mizan_text::TextRange;
use std::path::{Path, PathBuf};

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/stories");

/// Every fixture article, in file-name order.
pub fn fixture_articles() -> Vec<Article> {
    articles_in(Path::new(FIXTURES))
}

/// Every article of `dir`, in file-name order.
pub fn articles_in(dir: &Path) -> Vec<Article> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the fixtures exist")
        .map(|entry| entry.expect("readable").path())
        .collect();
    paths.sort();
    let loaded = load_paths(&paths);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.articles
}

/// The built-in lexicon's people and names, built once per test binary.
pub fn names() -> &'static Names {
    static NAMES: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| Names::from_lexicon(&Lexicon::builtin()))
}

/// The file name of an article.
pub fn name(article: &Article) -> &str {
    article.path.rsplit('/').next().unwrap_or(&article.path)
}

/// A statement covering `sentence` (which must occur in the article), with
/// `quote` (which must occur in the sentence) as its quoted words.
pub fn statement(
    article: &Article,
    sentence: &str,
    quote: Option<&str>,
    speaker_party: Option<&str>,
    blames: &[&str],
    supports: &[&str],
) -> Statement {
    let start = article
        .source
        .find(sentence)
        .unwrap_or_else(|| panic!("{} lacks {sentence:?}", article.path));
    let range = TextRange::new(start, start + sentence.len());
    let quote = quote.map(|quote| {
        let offset = sentence
            .find(quote)
            .unwrap_or_else(|| panic!("{sentence:?} lacks {quote:?}"));
        TextRange::new(start + offset, start + offset + quote.len())
    });
    Statement {
        range,
        quote,
        speaker: None,
        speaker_party: speaker_party.map(Into::into),
        evidence: tags(range, blames, supports),
    }
}

/// Evidence blaming then supporting the given parties, each cued by the
/// whole of `range`.
pub fn tags(range: TextRange, blames: &[&str], supports: &[&str]) -> Box<[Evidence]> {
    let blamed = blames.iter().map(|&party| (Relation::Blames, party));
    let supported = supports.iter().map(|&party| (Relation::Supports, party));
    blamed
        .chain(supported)
        .map(|(relation, party)| Evidence {
            relation,
            party: party.into(),
            cue: range,
            target: range,
            rule: "fixture".into(),
            origin: Origin {
                file: "fixture.toml".into(),
                line: 1,
            },
        })
        .collect()
}

/// Analysed views of `articles` with the given statements (by position).
pub fn analysed<'a>(
    articles: &'a [Article],
    statements: &'a [Vec<Statement>],
) -> Vec<Analysed<'a>> {
    articles
        .iter()
        .zip(statements)
        .map(|(article, statements)| Analysed {
            article,
            statements,
            parties: &[],
        })
        .collect()
}
