//! What the tagger's rule tests share: the built-in lexicon compiled once,
//! plain-text articles tagged with it, and the parts of a statement the
//! tests assert on.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use mizan_engine::corpus::{Article, Format, parse_article};
use mizan_engine::lexicon::Lexicon;
use mizan_engine::tagger::Statement;
use std::sync::OnceLock;

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// A plain-text article: the first line is the title.
pub fn article(text: &str) -> Article {
    parse_article("t.txt", text.to_string(), Format::PlainText)
        .unwrap()
        .article
}

pub fn tag(text: &str) -> (Article, Vec<Statement>) {
    let article = article(text);
    let statements = article.tag(lexicon());
    (article, statements)
}

/// The statement containing `key`.
pub fn statement<'a>(article: &Article, statements: &'a [Statement], key: &str) -> &'a Statement {
    statements
        .iter()
        .find(|s| s.range.slice(&article.source).contains(key))
        .unwrap_or_else(|| panic!("no statement contains {key:?}: {statements:#?}"))
}

pub fn party(s: &Statement) -> Option<&str> {
    s.speaker_party.as_deref()
}

pub fn speaker<'a>(a: &'a Article, s: &Statement) -> &'a str {
    s.speaker.map_or("", |r| r.slice(&a.source))
}

pub fn blames(s: &Statement) -> Vec<&str> {
    s.blames().map(|p| p.as_str()).collect()
}

pub fn supports(s: &Statement) -> Vec<&str> {
    s.supports().map(|p| p.as_str()).collect()
}
