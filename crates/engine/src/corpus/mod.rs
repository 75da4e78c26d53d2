//! Articles and how they are loaded: plain text and Markdown with TOML front
//! matter, from files, directories and the samples embedded in the binary,
//! and JSON Lines records from a stream;
//! and what articles become together: stories, aligned statements, coverage.
//! (Articles from the store of fetched feeds are `mizan_store::stored`.)

pub mod align;
pub mod comparison;
pub mod coverage;
mod dates;
mod load;
pub mod names;
mod parse;
mod records;
mod sounds;
pub mod stories;
mod terms;
mod union_find;

pub use load::{
    Loaded, Problem, Remaining, Severity, load_paths, load_paths_split, load_paths_within, samples,
};
pub use parse::{Format, ParseError, Parsed, parse_article};
pub use records::{Line, RecordError, RecordLines, parse_record};

use crate::lexicon::Lexicon;
use crate::tagger::{Statement, tag_article};
use mizan_text::layout::ArticleText;
use mizan_text::{Lang, TextRange};

/// Facts about an article that are not its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// One loaded article. Every range indexes `source`, the decoded file as it
/// was read, so tags can point at the bytes a user sees in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The path as the user gave it (or `samples/NAME` for embedded samples).
    pub path: String,
    /// The whole file, decoded (invalid UTF-8 replaced, with a warning).
    pub source: String,
    pub title: String,
    /// Where the title stands in `source`, when it is part of the text
    /// (plain-text articles); `None` when it came from front matter.
    pub title_range: Option<TextRange>,
    pub meta: Meta,
    pub lang: Lang,
    /// The body paragraphs, in order.
    pub paragraphs: Vec<TextRange>,
}

impl Article {
    /// The text of paragraph `index`.
    pub fn paragraph(&self, index: usize) -> &str {
        self.paragraphs[index].slice(&self.source)
    }

    /// What laying the article out needs of it.
    pub fn text(&self) -> ArticleText<'_> {
        ArticleText {
            title: &self.title,
            title_range: self.title_range,
            source: &self.source,
            paragraphs: &self.paragraphs,
            lang: self.lang,
        }
    }

    /// Every statement of the article, its title first when the title is
    /// part of the text: [`tag_article`] on its text.
    pub fn tag(&self, lexicon: &Lexicon) -> Vec<Statement> {
        let paragraphs = self.title_range.iter().chain(&self.paragraphs).copied();
        tag_article(&self.source, paragraphs, self.lang, lexicon)
    }
}
