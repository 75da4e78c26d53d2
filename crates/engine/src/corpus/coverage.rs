//! Coverage counts: per article and per outlet, who is quoted (statements
//! per speaker party), who is blamed and supported, and the directed pairs
//! (speaker party → party blamed or supported). Plain data that the reader's
//! coverage view and `mizan compare` both print.
//!
//! Every number is a count of statements, and [`CountFilter`] selects exactly
//! the statements behind a number, so a count and the list it opens always
//! agree. A party listed twice in one statement's tags counts once.

use super::align::outlet_of;
use super::stories::Analysed;
use crate::tagger::{Relation, Statement};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The counts of a set of statements.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub statements: usize,
    /// Statements per speaker party.
    pub quoted: BTreeMap<String, usize>,
    /// Statements whose speaker has no known party.
    pub unattributed: usize,
    /// Statements blaming each party.
    pub blames: BTreeMap<String, usize>,
    /// Statements supporting each party.
    pub supports: BTreeMap<String, usize>,
    /// Directed pairs, ordered by speaker, relation, target.
    pub pairs: Vec<PartyPair>,
}

/// "azerbaijan → armenia ×5": statements of one party's speakers that blame
/// (or support) another party.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartyPair {
    pub speaker: String,
    pub relation: Relation,
    pub target: String,
    pub count: usize,
}

impl Counts {
    /// Counts `statements`.
    pub fn of<'s>(statements: impl IntoIterator<Item = &'s Statement>) -> Counts {
        let mut counts = Counts::default();
        let mut pairs: BTreeMap<(String, Relation, String), usize> = BTreeMap::new();
        for statement in statements {
            counts.statements += 1;
            match &statement.speaker_party {
                Some(party) => *counts.quoted.entry(party.to_string()).or_insert(0) += 1,
                None => counts.unattributed += 1,
            }
            for (relation, parties) in tags(statement) {
                let tally = match relation {
                    Relation::Blames => &mut counts.blames,
                    Relation::Supports => &mut counts.supports,
                };
                for &party in &parties {
                    *tally.entry(party.to_string()).or_insert(0) += 1;
                    if let Some(speaker) = &statement.speaker_party {
                        let key = (speaker.to_string(), relation, party.to_string());
                        *pairs.entry(key).or_insert(0) += 1;
                    }
                }
            }
        }
        counts.pairs = pairs
            .into_iter()
            .map(|((speaker, relation, target), count)| PartyPair {
                speaker,
                relation,
                target,
                count,
            })
            .collect();
        counts
    }
}

/// A statement's tags, each party once per relation.
fn tags(statement: &Statement) -> [(Relation, BTreeSet<&str>); 2] {
    let distinct = |relation| statement.parties(relation).map(|party| &**party).collect();
    [
        (Relation::Blames, distinct(Relation::Blames)),
        (Relation::Supports, distinct(Relation::Supports)),
    ]
}

/// The statements behind one number of [`Counts`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CountFilter {
    /// Every statement (`statements`).
    All,
    /// `quoted[party]`.
    Quoted(String),
    /// `unattributed`.
    Unattributed,
    /// `blames[party]` or `supports[party]`.
    Tagged(Relation, String),
    /// One of `pairs`.
    Pair {
        speaker: String,
        relation: Relation,
        target: String,
    },
}

impl CountFilter {
    /// Whether `statement` is counted in the number this filter names.
    pub fn matches(&self, statement: &Statement) -> bool {
        let tagged =
            |relation: Relation, party: &str| statement.parties(relation).any(|p| **p == *party);
        match self {
            CountFilter::All => true,
            CountFilter::Quoted(party) => {
                statement.speaker_party.as_deref() == Some(party.as_str())
            }
            CountFilter::Unattributed => statement.speaker_party.is_none(),
            CountFilter::Tagged(relation, party) => tagged(*relation, party),
            CountFilter::Pair {
                speaker,
                relation,
                target,
            } => {
                statement.speaker_party.as_deref() == Some(speaker.as_str())
                    && tagged(*relation, target)
            }
        }
    }
}

/// One article's counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArticleCoverage {
    /// Index into the analysed articles.
    pub article: usize,
    pub outlet: String,
    pub counts: Counts,
}

/// One outlet's counts over its articles in the selection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutletCoverage {
    pub outlet: String,
    /// Indices into the analysed articles, ascending.
    pub articles: Vec<usize>,
    pub counts: Counts,
}

/// The counts of a selection of articles (a story, or everything loaded).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// In the order of the selection.
    pub articles: Vec<ArticleCoverage>,
    /// Ordered by outlet name.
    pub outlets: Vec<OutletCoverage>,
}

/// Counts the statements of the `selection` (indices into `articles`).
/// Articles without an outlet are counted under their path (see
/// [`outlet_of`]).
pub fn coverage(articles: &[Analysed], selection: &[usize]) -> Coverage {
    let article_rows = selection
        .iter()
        .map(|&index| ArticleCoverage {
            article: index,
            outlet: outlet_of(&articles[index]).to_string(),
            counts: Counts::of(articles[index].statements),
        })
        .collect();
    let mut by_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &index in selection {
        by_outlet
            .entry(outlet_of(&articles[index]))
            .or_default()
            .push(index);
    }
    let outlet_rows = by_outlet
        .into_iter()
        .map(|(outlet, mut members)| {
            members.sort_unstable();
            members.dedup();
            let statements = members.iter().flat_map(|&i| articles[i].statements);
            OutletCoverage {
                outlet: outlet.to_string(),
                counts: Counts::of(statements),
                articles: members,
            }
        })
        .collect();
    Coverage {
        articles: article_rows,
        outlets: outlet_rows,
    }
}
