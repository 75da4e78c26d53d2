//! Fuzzes the tagger: the input is read as a plain-text article (or Markdown
//! when it starts with `+++`) and tagged with the embedded lexicon. Every
//! statement's ranges must lie inside the article's text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_engine::corpus::{Format, parse_article};
use mizan_engine::lexicon::Lexicon;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let format = if text.starts_with("+++") { Format::Markdown } else { Format::PlainText };
    let Ok(parsed) = parse_article("fuzz", text.to_string(), format) else {
        return;
    };
    let article = parsed.article;
    for statement in article.tag(lexicon()) {
        assert!(statement.range.end() <= article.source.len());
        let _ = statement.range.slice(&article.source);
    }
});
