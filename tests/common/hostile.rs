//! What the hostile-input tests share: the code points that must never
//! reach a terminal and the hostile fixtures.

use std::path::{Path, PathBuf};

/// Code points that must never reach a terminal from mizan: C0 controls but
/// line feed, DEL, C1 controls, the bidi embeddings, overrides and isolates,
/// and the bidi marks (which laid-out text never needs).
pub fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Panics naming the first forbidden code point of `text` and its context.
pub fn assert_clean(what: &str, text: &str) {
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| forbidden(c)) {
        let context: String = text[at..].chars().take(40).collect();
        panic!("{what}: U+{:04X} at byte {at}: {context:?}", u32::from(c));
    }
}

/// A file of `tests/fixtures/hostile/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// The hostile articles: English plain text and Markdown, and Arabic.
pub fn hostile_articles() -> Vec<PathBuf> {
    ["article.txt", "article.md", "article-ar.txt"]
        .iter()
        .map(|name| fixture(name))
        .collect()
}
