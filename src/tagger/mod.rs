//! Statements, speakers, parties and stance. Takes an article's text and a
//! compiled lexicon; returns data with byte offsets into the article.

use crate::text::TextRange;
use serde::{Deserialize, Serialize};

/// Whether a tag blames or supports its party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Blames,
    Supports,
}

/// Where a lexicon entry was written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin {
    pub file: String,
    pub line: u32,
}

/// Why a statement carries one tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub range: TextRange,
    pub quote: Option<TextRange>,
    pub speaker: Option<TextRange>,
    pub speaker_party: Option<String>,
    pub blames: Vec<String>,
    pub supports: Vec<String>,
    pub evidence: Vec<Evidence>,
}

mod block;
pub mod eval;
mod stance;
mod statements;

use crate::corpus::Article;
use crate::lexicon::{Lexicon, Stance};
use block::Block;
use statements::{Found, Speaker};

/// The previous statement's speaker, for continuations.
#[derive(Clone, Debug)]
struct Previous {
    speaker: Option<TextRange>,
    party: Option<String>,
    party_index: Option<u32>,
    /// The party was carried over to a speaker the lexicon could not place
    /// (a name or title it does not know): a guess, shown but not trusted
    /// to cancel blame of the speaker's own side.
    guessed: bool,
    block: usize,
}

/// Every statement of `article`, title first when it is part of the text,
/// in text order. Ranges index `article.source`. Deterministic.
pub fn tag_article(article: &Article, lexicon: &Lexicon) -> Vec<Statement> {
    let blocks = article.title_range.iter().chain(article.paragraphs.iter());
    let mut out = Vec::new();
    let mut previous: Option<Previous> = None;
    for (index, &range) in blocks.enumerate() {
        let block = Block::new(&article.source, range, article.lang, lexicon);
        for found in statements::find(&block, lexicon) {
            let recent = previous.as_ref().filter(|p| index <= p.block + 1);
            if found.bare_quote && recent.is_none() {
                continue;
            }
            let speaker = resolve_speaker(&block, lexicon, &found, recent, index);
            out.push(statement(&block, lexicon, &found, &speaker));
            previous = Some(speaker);
        }
    }
    out
}

fn resolve_speaker(
    block: &Block,
    lexicon: &Lexicon,
    found: &Found,
    recent: Option<&Previous>,
    index: usize,
) -> Previous {
    let inherited = || Previous {
        block: index,
        ..recent.cloned().unwrap_or(Previous {
            speaker: None,
            party: None,
            party_index: None,
            guessed: false,
            block: index,
        })
    };
    match &found.speaker {
        Speaker::Previous => inherited(),
        Speaker::Named {
            party: None,
            unaffiliated: false,
            range,
        } if recent.is_some() => Previous {
            speaker: Some(block.source_range(range.clone())),
            guessed: true,
            ..inherited()
        },
        Speaker::Named { range, party, .. } => Previous {
            speaker: Some(block.source_range(range.clone())),
            party: party.map(|(p, _)| lexicon.party_at(p).id.clone()),
            party_index: party.map(|(p, _)| p),
            guessed: false,
            block: index,
        },
    }
}

fn statement(block: &Block, lexicon: &Lexicon, found: &Found, speaker: &Previous) -> Statement {
    let trusted = speaker.party_index.filter(|_| !speaker.guessed);
    let tags = stance::tags(block, lexicon, found, trusted);
    let mut blames = Vec::new();
    let mut supports = Vec::new();
    let mut evidence = Vec::new();
    for tag in tags {
        let party = lexicon.party_at(tag.party).id.clone();
        let (list, relation) = match tag.stance {
            Stance::Blames => (&mut blames, Relation::Blames),
            Stance::Supports => (&mut supports, Relation::Supports),
        };
        list.push(party.clone());
        evidence.push(Evidence {
            relation,
            party,
            cue: block.source_range(tag.cue..tag.cue + 1),
            target: block.source_range(tag.target..tag.target + 1),
            rule: tag.rule,
            origin: lexicon.origin(tag.origin),
        });
    }
    Statement {
        range: block.source_range(found.range.clone()),
        quote: found.quote.clone().map(|q| block.source_range(q)),
        speaker: speaker.speaker,
        speaker_party: speaker.party.clone(),
        blames,
        supports,
        evidence,
    }
}
