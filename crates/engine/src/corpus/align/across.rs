//! The same statement reported in two languages. An Arabic and an English
//! report share no words, so a statement is matched by who made it: the
//! same person (the lexicons give a person one id in both languages), or
//! the same party blaming and supporting the same parties with the same
//! kind of cue (the lexicons share rule ids too). Only articles of one
//! story dated close together are compared, since a spokesman says new
//! things every day.
//!
//! One speaker often makes several statements in an article. Each
//! statement is matched at most once per other article, best pairs first:
//! the same tags, the same numbers, both quoted, and the same place in the
//! order of that speaker's statements all make a pair better. A person the
//! tagger gave two different parties is not taken for one speaker.

use super::super::names::Names;
use super::super::stories::{Analysed, Story, publication_day};
use super::super::terms::{Term, each_term};
use super::{AlignOptions, StatementRef};
use crate::tagger::{Relation, Statement};
use std::collections::BTreeSet;

/// Pairs of indices into `statements` (the story's statements, article
/// after article) that are one statement in two languages.
pub fn same_statements(
    articles: &[Analysed],
    story: &Story,
    statements: &[(StatementRef, &Statement)],
    names: &Names,
    options: &AlignOptions,
) -> Vec<(usize, usize)> {
    // Describing every statement costs a pass over its text: a story told
    // in one language has nothing to compare.
    if !in_several_languages(articles, story) {
        return Vec::new();
    }
    let described: Vec<Described> = statements
        .iter()
        .map(|&(reference, statement)| {
            Described::new(&articles[reference.article], statement, names)
        })
        .collect();
    let mut pairs = Vec::new();
    for (position, &left) in story.articles.iter().enumerate() {
        for &right in &story.articles[position + 1..] {
            if comparable(&articles[left], &articles[right], options) {
                let of = |article: usize| indices_of(statements, article);
                pairs.extend(matched(&of(left), &of(right), &described));
            }
        }
    }
    pairs
}

fn in_several_languages(articles: &[Analysed], story: &Story) -> bool {
    let mut languages = story.articles.iter().map(|&a| articles[a].article.lang);
    let first = languages.next();
    languages.any(|lang| Some(lang) != first)
}

/// Whether two articles are in different languages and dated close
/// enough for one statement to be reported in both.
fn comparable(left: &Analysed, right: &Analysed, options: &AlignOptions) -> bool {
    if left.article.lang == right.article.lang {
        return false;
    }
    match (
        publication_day(left.article),
        publication_day(right.article),
    ) {
        (Some(a), Some(b)) => (a - b).abs() <= i64::from(options.max_days_apart),
        _ => true,
    }
}

/// The indices into the story's statements of `article`'s statements.
fn indices_of(statements: &[(StatementRef, &Statement)], article: usize) -> Vec<usize> {
    statements
        .iter()
        .enumerate()
        .filter(|(_, (reference, _))| reference.article == article)
        .map(|(index, _)| index)
        .collect()
}

/// What identifies a statement across languages.
struct Described<'a> {
    person: Option<&'a str>,
    party: Option<&'a str>,
    tags: BTreeSet<(Relation, &'a str)>,
    /// The lexicon rules behind the tags, without their kind prefix
    /// (`accuse` of `verb:accuse`): the same ids in both languages.
    cues: BTreeSet<&'a str>,
    numbers: BTreeSet<String>,
    quoted: bool,
}

impl<'a> Described<'a> {
    fn new(analysed: &Analysed<'a>, statement: &'a Statement, names: &'a Names) -> Self {
        let source = &analysed.article.source;
        let text_of = |range: mizan_text::TextRange| source.get(range.as_range()).unwrap_or("");
        let mut numbers = BTreeSet::new();
        each_term(text_of(statement.range), |term| {
            if let Term::Number(digits) = term {
                numbers.insert(digits.to_string());
            }
        });
        Described {
            person: statement
                .speaker
                .and_then(|range| names.person_in(text_of(range)))
                .map(|name| name.as_str()),
            party: statement.speaker_party.as_deref(),
            tags: statement
                .evidence
                .iter()
                .map(|evidence| (evidence.relation, evidence.party.as_str()))
                .collect(),
            cues: statement
                .evidence
                .iter()
                .map(|evidence| evidence.rule.rsplit(':').next().unwrap_or(&evidence.rule))
                .collect(),
            numbers,
            quoted: statement.quote.is_some(),
        }
    }

    /// How good a match `other` is, or `None` when it is not the same
    /// statement: neither the same person nor the same party with the same
    /// tags and kind of cue.
    fn match_score(&self, other: &Described) -> Option<f32> {
        let parties_differ =
            self.party.is_some() && other.party.is_some() && self.party != other.party;
        let same_person = self.person.is_some() && self.person == other.person && !parties_differ;
        let same_claim = self.party.is_some()
            && self.party == other.party
            && !self.tags.is_empty()
            && self.tags == other.tags
            && !self.cues.is_disjoint(&other.cues);
        if !same_person && !same_claim {
            return None;
        }
        let same_tags = !self.tags.is_empty() && self.tags == other.tags;
        let shared_numbers = self.numbers.intersection(&other.numbers).count().min(2);
        Some(
            f32::from(u8::from(same_person)) * 2.0
                + f32::from(u8::from(same_claim))
                + f32::from(u8::from(same_tags))
                + 0.5 * shared_numbers as f32
                + 0.25 * f32::from(u8::from(self.quoted && other.quoted)),
        )
    }
}

/// The best one-to-one pairs between the statements `left` and `right`
/// (indices into `described`), each statement in at most one pair.
fn matched(left: &[usize], right: &[usize], described: &[Described]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for &l in left {
        for &r in right {
            if let Some(score) = described[l].match_score(&described[r]) {
                let order = (place(l, left, described) - place(r, right, described)).abs();
                candidates.push((score - ORDER_WEIGHT * order, l, r));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let (mut used_left, mut used_right) = (BTreeSet::new(), BTreeSet::new());
    candidates
        .into_iter()
        .filter(|&(_, l, r)| used_left.insert(l) && used_right.insert(r))
        .map(|(_, l, r)| (l, r))
        .collect()
}

/// Reports tell a story in much the same order: a speaker's first
/// statement in one is likelier the first in the other than the last.
const ORDER_WEIGHT: f32 = 0.5;

/// Where `statement` stands among its article's statements by the same
/// speaker (the same person, else the same party): 0 for the first, 1 for
/// the last.
fn place(statement: usize, article: &[usize], described: &[Described]) -> f32 {
    let own = &described[statement];
    let same_speaker = |other: &Described| match own.person {
        Some(person) => other.person == Some(person),
        None => other.party == own.party,
    };
    let theirs: Vec<usize> = article
        .iter()
        .copied()
        .filter(|&index| same_speaker(&described[index]))
        .collect();
    let position = theirs
        .iter()
        .position(|&index| index == statement)
        .unwrap_or(0);
    position as f32 / (theirs.len().max(2) - 1) as f32
}
