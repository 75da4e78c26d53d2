//! The fuzzy filter: the query language (free text plus `blames:`,
//! `supports:`, `speaker:`, `outlet:`, `lang:` qualifiers), the precomputed
//! haystacks of every article and statement, and the search itself.
//!
//! A keystroke must re-filter 100,000 statements within a frame, so haystacks
//! are folded and packed once (see [`super::fold`]), a query that extends the
//! previous one only re-checks the previous matches, and articles are searched
//! in parallel. A free-text term matches fuzzily within one word (its
//! characters in order, others between them: `blnkn` finds Blinken), or as
//! one of the Arabic names an English name stands for; highlighting of the
//! matched characters is computed with fuzzy-matcher for the rows on screen
//! only.

use super::directory::Directory;
use super::fold::{contains, encode, fold, is_subsequence_in_a_word};
use crate::corpus::Article;
use crate::tagger::Statement;
use crate::text::Lang;
use rayon::prelude::*;
use std::collections::HashSet;

/// A parsed filter query. Values are folded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Free-text terms, each of which must match.
    pub terms: Vec<String>,
    pub blames: Vec<String>,
    pub supports: Vec<String>,
    pub speaker: Vec<String>,
    pub outlet: Vec<String>,
    pub lang: Option<Lang>,
}

impl Query {
    /// Parses what the user typed. Unknown `key:` prefixes are plain text; a
    /// qualifier without a value yet (`blames:`) is ignored while typing.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        for token in input.split_whitespace() {
            let Some((key, value)) = token.split_once(':') else {
                push_folded(&mut query.terms, token);
                continue;
            };
            match key.to_lowercase().as_str() {
                "blames" => push_folded(&mut query.blames, value),
                "supports" => push_folded(&mut query.supports, value),
                "speaker" => push_folded(&mut query.speaker, value),
                "outlet" => push_folded(&mut query.outlet, value),
                "lang" => query.lang = Lang::parse(value).or(query.lang),
                _ => push_folded(&mut query.terms, token),
            }
        }
        query
    }

    /// Whether the query matches everything.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && !self.has_statement_qualifiers()
            && self.outlet.is_empty()
            && self.lang.is_none()
    }

    fn has_statement_qualifiers(&self) -> bool {
        !(self.blames.is_empty() && self.supports.is_empty() && self.speaker.is_empty())
    }

    /// Whether every match of `self` is also a match of `previous`, so only
    /// the previous matches need checking.
    pub fn narrows(&self, previous: &Query) -> bool {
        extends(&previous.terms, &self.terms)
            && previous.terms.iter().zip(&self.terms).all(|(old, new)| {
                (char_count(old) >= ALIAS_MIN_CHARS) == (char_count(new) >= ALIAS_MIN_CHARS)
            })
            && extends(&previous.blames, &self.blames)
            && extends(&previous.supports, &self.supports)
            && extends(&previous.speaker, &self.speaker)
            && extends(&previous.outlet, &self.outlet)
            && (previous.lang.is_none() || previous.lang == self.lang)
    }
}

/// Articles per parallel task: enough to pay for the task.
const PARALLEL_CHUNK: usize = 64;

/// Terms shorter than this are not looked up among English name aliases (a
/// single letter would pull in every alias).
const ALIAS_MIN_CHARS: usize = 3;

fn char_count(s: &str) -> usize {
    s.chars().count()
}

fn push_folded(into: &mut Vec<String>, value: &str) {
    let folded = fold(value);
    if !folded.is_empty() {
        into.push(folded);
    }
}

/// Each old value is a prefix of the new value at its position; new values
/// may be added after them.
fn extends(old: &[String], new: &[String]) -> bool {
    old.len() <= new.len() && old.iter().zip(new).all(|(o, n)| n.starts_with(o.as_str()))
}

/// What the filter kept, in index order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    pub articles: Vec<usize>,
    /// `(article, statement)` pairs.
    pub statements: Vec<(usize, usize)>,
}

/// What the qualifiers look at in one statement; its haystack lives in its
/// article's contiguous buffer.
#[derive(Clone, Debug, Default)]
struct StatementEntry {
    speaker: String,
    speaker_party: Option<String>,
    blames: Vec<String>,
    supports: Vec<String>,
}

#[derive(Clone, Debug, Default)]
struct ArticleEntry {
    haystack: Vec<u8>,
    /// [`byte_mask`] of `haystack`.
    mask: u128,
    outlet: String,
    lang: Option<Lang>,
    statements: Vec<StatementEntry>,
    /// Every statement's haystack, back to back: one allocation per article
    /// keeps a scan of 100,000 statements in cache.
    statement_text: Vec<u8>,
    /// Where each statement's haystack ends in `statement_text`.
    statement_ends: Vec<usize>,
    /// Per statement, which byte classes its haystack contains (see
    /// [`byte_mask`]): a cheap test before the subsequence scan.
    statement_masks: Vec<u128>,
}

impl ArticleEntry {
    fn statement_haystack(&self, statement: usize) -> &[u8] {
        let start = statement
            .checked_sub(1)
            .map_or(0, |p| self.statement_ends[p]);
        &self.statement_text[start..self.statement_ends[statement]]
    }
}

/// A 128-bit summary of which bytes occur in `bytes` (byte value mod 128):
/// if a needle has a bit the haystack lacks, it cannot be a subsequence.
/// ASCII letters and digits (0x30..0x7A) and the Arabic letters (0x80..0xA9,
/// so bits 0..41) never share a bit, so for a one-letter needle the mask
/// alone decides: the first keystroke needs no scan at all.
fn byte_mask(bytes: &[u8]) -> u128 {
    bytes.iter().fold(0, |mask, &b| mask | 1 << (b & 127))
}

/// Whether a one-byte needle's mask bit belongs to that byte alone.
fn mask_is_exact(byte: u8) -> bool {
    matches!(byte, b'0'..=b'9' | b'a'..=b'z' | 0x80..=0xA9)
}

/// The precomputed haystacks of every article and its statements.
#[derive(Clone, Debug, Default)]
pub struct FilterIndex {
    articles: Vec<ArticleEntry>,
}

/// A query resolved against the directory once, before the scan.
struct Resolved<'q> {
    query: &'q Query,
    /// For each term, the encoded forms that may match it (itself and the
    /// Arabic aliases of English names it is part of).
    terms: Vec<Vec<Needle>>,
    blames: Vec<HashSet<String>>,
    supports: Vec<HashSet<String>>,
    speaker: Vec<HashSet<String>>,
}

impl FilterIndex {
    /// (Re)computes the haystacks of article `index`.
    pub fn set_article(
        &mut self,
        index: usize,
        article: &Article,
        statements: &[Statement],
        directory: &Directory,
    ) {
        if self.articles.len() <= index {
            self.articles.resize_with(index + 1, ArticleEntry::default);
        }
        let outlet = article.meta.outlet.clone().unwrap_or_default();
        let haystack = encode(&format!("{} {}", article.title, outlet));
        let mut entry = ArticleEntry {
            mask: byte_mask(&haystack),
            haystack,
            outlet: fold(&outlet),
            lang: Some(article.lang),
            ..ArticleEntry::default()
        };
        for statement in statements {
            let (meta, haystack) = statement_entry(article, statement, directory);
            entry.statements.push(meta);
            entry.statement_masks.push(byte_mask(&haystack));
            entry.statement_text.extend_from_slice(&haystack);
            entry.statement_ends.push(entry.statement_text.len());
        }
        self.articles[index] = entry;
    }

    pub fn statement_count(&self) -> usize {
        self.articles.iter().map(|a| a.statements.len()).sum()
    }

    /// Runs `query`. `previous` holds the matches of a query this one
    /// narrows, to check only those.
    pub fn search(
        &self,
        query: &Query,
        directory: &Directory,
        previous: Option<&Matches>,
    ) -> Matches {
        let resolved = resolve(query, directory);
        let per_article: Vec<(usize, bool, Vec<usize>)> = match previous {
            Some(prev) => candidates(prev)
                .into_par_iter()
                .map(|(a, stmts)| self.evaluate(&resolved, a, stmts.into_iter()))
                .collect(),
            None => (0..self.articles.len())
                .into_par_iter()
                .with_min_len(PARALLEL_CHUNK)
                .map(|a| self.evaluate(&resolved, a, 0..self.articles[a].statements.len()))
                .collect(),
        };
        let mut matches = Matches::default();
        for (article, passes, statements) in per_article {
            if passes {
                matches.articles.push(article);
            }
            matches
                .statements
                .extend(statements.into_iter().map(|s| (article, s)));
        }
        matches
    }

    fn evaluate(
        &self,
        q: &Resolved,
        a: usize,
        statements: impl Iterator<Item = usize>,
    ) -> (usize, bool, Vec<usize>) {
        let Some(entry) = self.articles.get(a) else {
            return (a, false, Vec::new());
        };
        let article_ok = q.query.lang.is_none_or(|l| entry.lang == Some(l))
            && q.query
                .outlet
                .iter()
                .all(|o| entry.outlet.contains(o.as_str()));
        if !article_ok {
            return (a, false, Vec::new());
        }
        let title_terms: Vec<bool> = q
            .terms
            .iter()
            .map(|alts| {
                alts.iter()
                    .any(|alt| alt.matches(entry.mask, || &entry.haystack))
            })
            .collect();
        let kept: Vec<usize> = statements
            .filter(|&s| s < entry.statements.len() && statement_passes(q, entry, s, &title_terms))
            .collect();
        let passes = !kept.is_empty()
            || (!q.query.has_statement_qualifiers() && title_terms.iter().all(|&t| t));
        (a, passes, kept)
    }
}

/// A statement's qualifier facts and its haystack: its text, its speaker and
/// the names of every party it involves.
fn statement_entry(
    article: &Article,
    statement: &Statement,
    directory: &Directory,
) -> (StatementEntry, Vec<u8>) {
    let slice = |r: crate::text::TextRange| article.source.get(r.as_range()).unwrap_or("");
    let speaker = statement.speaker.map(slice).unwrap_or("");
    let mut text = format!("{} {}", slice(statement.range), speaker);
    let parties = statement
        .speaker_party
        .iter()
        .chain(&statement.blames)
        .chain(&statement.supports);
    for id in parties {
        for name in directory.names(id) {
            text.push(' ');
            text.push_str(name);
        }
    }
    let entry = StatementEntry {
        speaker: fold(speaker),
        speaker_party: statement.speaker_party.clone(),
        blames: statement.blames.clone(),
        supports: statement.supports.clone(),
    };
    (entry, encode(&text))
}

fn resolve<'q>(query: &'q Query, directory: &Directory) -> Resolved<'q> {
    let terms = query
        .terms
        .iter()
        .map(|term| {
            let mut alternatives = vec![Needle::typed(encode(term))];
            if char_count(term) >= ALIAS_MIN_CHARS {
                for alias in directory.aliases() {
                    if fold(&alias.english).contains(term.as_str()) {
                        alternatives.extend(alias.arabic.iter().map(|a| Needle::name(encode(a))));
                    }
                }
            }
            alternatives
        })
        .collect();
    let parties = |values: &[String]| -> Vec<HashSet<String>> {
        values.iter().map(|v| parties_named(directory, v)).collect()
    };
    Resolved {
        query,
        terms,
        blames: parties(&query.blames),
        supports: parties(&query.supports),
        speaker: parties(&query.speaker),
    }
}

/// Ids of the parties any of whose names contains `value` (folded).
fn parties_named(directory: &Directory, value: &str) -> HashSet<String> {
    directory
        .parties()
        .filter(|p| {
            directory
                .names(&p.id)
                .iter()
                .any(|n| fold(n).contains(value))
        })
        .map(|p| p.id.clone())
        .collect()
}

fn party_in(ids: &[String], set: &HashSet<String>, value: &str) -> bool {
    ids.iter()
        .any(|id| set.contains(id) || id.to_lowercase().contains(value))
}

fn statement_passes(
    q: &Resolved,
    article: &ArticleEntry,
    index: usize,
    title_terms: &[bool],
) -> bool {
    let query = q.query;
    let s = &article.statements[index];
    let mask = article.statement_masks[index];
    query
        .blames
        .iter()
        .zip(&q.blames)
        .all(|(v, set)| party_in(&s.blames, set, v))
        && query
            .supports
            .iter()
            .zip(&q.supports)
            .all(|(v, set)| party_in(&s.supports, set, v))
        && query.speaker.iter().zip(&q.speaker).all(|(v, set)| {
            s.speaker.contains(v.as_str()) || party_in(s.speaker_party.as_slice(), set, v)
        })
        && q.terms.iter().zip(title_terms).all(|(alts, &in_title)| {
            in_title
                || alts
                    .iter()
                    .any(|alt| alt.matches(mask, || article.statement_haystack(index)))
        })
}

/// One encoded form of a term, with its byte mask.
struct Needle {
    bytes: Vec<u8>,
    mask: u128,
    /// What the user typed matches fuzzily within a word; a name alias
    /// matches only as written (a fuzzy six-letter Arabic name would match
    /// half of any long sentence).
    exact: bool,
    /// The mask test alone decides a match.
    mask_decides: bool,
}

impl Needle {
    /// A typed term (folded and encoded).
    fn typed(bytes: Vec<u8>) -> Needle {
        let bytes: Vec<u8> = bytes.into_iter().filter(|&b| b != b' ').collect();
        let mask_decides = matches!(bytes.as_slice(), [b] if mask_is_exact(*b));
        Needle {
            mask: byte_mask(&bytes),
            bytes,
            exact: false,
            mask_decides,
        }
    }

    /// A name that stands for a typed term, matched as written.
    fn name(bytes: Vec<u8>) -> Needle {
        let mask = byte_mask(&bytes) & !byte_mask(b" ");
        Needle {
            mask,
            bytes,
            exact: true,
            mask_decides: false,
        }
    }

    /// Whether the needle occurs in a haystack whose mask is `mask`;
    /// `haystack` gives the bytes when the mask cannot decide.
    fn matches<'h>(&self, mask: u128, haystack: impl FnOnce() -> &'h [u8]) -> bool {
        if self.mask & mask != self.mask {
            return false;
        }
        if self.mask_decides {
            return true;
        }
        if self.exact {
            contains(&self.bytes, haystack())
        } else {
            is_subsequence_in_a_word(&self.bytes, haystack())
        }
    }
}

/// The previous matches grouped by article.
fn candidates(previous: &Matches) -> Vec<(usize, Vec<usize>)> {
    let mut grouped: Vec<(usize, Vec<usize>)> =
        previous.articles.iter().map(|&a| (a, Vec::new())).collect();
    let mut slot = 0;
    for &(a, s) in &previous.statements {
        while slot < grouped.len() && grouped[slot].0 < a {
            slot += 1;
        }
        if let Some((article, stmts)) = grouped.get_mut(slot)
            && *article == a
        {
            stmts.push(s);
        }
    }
    grouped
}
