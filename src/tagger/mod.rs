//! Statements, speakers, parties and stance. Takes an article's text and a
//! compiled lexicon; returns data with byte offsets into the article.

use crate::text::TextRange;
use serde::Serialize;

/// Whether a tag blames or supports its party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Blames,
    Supports,
}

/// Where a lexicon entry was written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Origin {
    pub file: String,
    pub line: u32,
}

/// Why a statement carries one tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub relation: Relation,
    pub party: String,
    /// The cue as it stands in the article.
    pub cue: TextRange,
    /// The target as it stands in the article.
    pub target: TextRange,
    pub rule: String,
    pub origin: Origin,
}

/// One quoted or reported statement. Ranges index the article's `source`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub range: TextRange,
    pub quote: Option<TextRange>,
    pub speaker: Option<TextRange>,
    pub speaker_party: Option<String>,
    pub blames: Vec<String>,
    pub supports: Vec<String>,
    pub evidence: Vec<Evidence>,
}
