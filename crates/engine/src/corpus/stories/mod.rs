//! Grouping articles about the same event into stories.
//!
//! Each article becomes TF-IDF vectors over its content terms (see
//! [`profile`]) and a dating (see [`dating`]). Two articles are linked when
//! their similarity reaches what the pair needs: less when their dates
//! agree (fully for full dates, half for partial ones), more across
//! languages, where only numbers, dates, parties and names compare. Dates
//! further apart than the window forbid a link, even a day and month
//! without a year.
//!
//! Links are taken strongest first, and a link joins two groups only when
//! the groups are similar *as a whole*: the mean similarity of every pair
//! across them (each relative to what it needs) must reach most of the
//! threshold.
//! A report that resembles one member of a story but not the others stays
//! out, so single links never chain one clash to another between the same
//! parties; and a story never spans more days than the window.
//!
//! Only pairs that share a discriminating term are ever scored: each
//! article is looked up in an inverted index under its heaviest terms, so
//! the work grows with the overlap between articles, not with the square of
//! their number.

mod dating;
mod explain;
mod profile;

use dating::Dating;
pub(crate) use dating::publication_day;
pub use explain::{Closest, DateEvidence, MemberEvidence, explain_stories};

use super::Article;
pub use super::dates::{Day, civil_day};
use super::names::Names;
use super::terms::KeyMap;
use super::union_find::UnionFind;
use crate::lexicon::{Lexicon, Name};
use crate::tagger::Statement;
use dating::{article_dating, days_apart_in_a_year};
use mizan_text::Lang;
use profile::{Context, Profile, Weights, candidate_pairs, profiles, similarity};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// An article with what the tagger found in it: the input of grouping,
/// alignment and coverage.
#[derive(Clone, Copy, Debug)]
pub struct Analysed<'a> {
    pub article: &'a Article,
    pub statements: &'a [Statement],
    /// Party ids mentioned anywhere in the text.
    pub parties: &'a [Name],
}

/// The parties an article's title and paragraphs name (by the lexicon's
/// names, people and demonyms), each once, sorted: the `parties` of
/// [`Analysed`].
pub fn parties_named(article: &Article, lexicon: &Lexicon) -> Vec<Name> {
    let blocks = std::iter::once(article.title.as_str()).chain(
        article
            .paragraphs
            .iter()
            .map(|range| range.slice(&article.source)),
    );
    let named: BTreeSet<String> = blocks
        .flat_map(|text| lexicon.lookup_names(text))
        .map(|hit| hit.party)
        .collect();
    named.into_iter().map(Name::from).collect()
}

/// How articles are grouped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StoryOptions {
    /// Articles dated further apart than this are never in one story.
    pub window_days: u32,
    /// The similarity two articles in one language need when their dates
    /// say nothing (one is undated).
    pub min_similarity: f32,
    /// The similarity two articles in one language need when both are
    /// dated in full within the window: lower, since the dates agree.
    /// Partial dates (a day and month) need halfway between the two.
    pub min_similarity_dated: f32,
    /// The similarity over what reads the same in every language (numbers,
    /// dates, parties, names by their consonants) that an Arabic and an
    /// English article need when their dates say nothing.
    pub min_cross_language_similarity: f32,
    /// The same, when both are dated in full within the window.
    pub min_cross_language_similarity_dated: f32,
    /// The day against which a weekday written with a day and month fixes
    /// the year when an article has no date of its own: the latest such
    /// year not after it.
    pub today: Day,
}

impl Default for StoryOptions {
    fn default() -> Self {
        Self {
            window_days: 3,
            min_similarity: 0.15,
            min_similarity_dated: 0.12,
            min_cross_language_similarity: 0.5,
            min_cross_language_similarity_dated: 0.35,
            today: dating::today(),
        }
    }
}

impl StoryOptions {
    /// What a pair needs: between the undated and the dated threshold by
    /// how much the pair's dates agree (0 to 1); when they speak against
    /// the pair (below 0), the undated threshold times `1 - agreement`,
    /// far more than agreeing dates take off, since the dated threshold
    /// is only a little below the undated one.
    fn needed(&self, same_language: bool, agreement: f32) -> f32 {
        let (undated, dated) = if same_language {
            (self.min_similarity, self.min_similarity_dated)
        } else {
            (
                self.min_cross_language_similarity,
                self.min_cross_language_similarity_dated,
            )
        };
        if agreement < 0.0 {
            return undated * (1.0 - agreement);
        }
        undated - (undated - dated) * agreement
    }
}

/// A group of articles about one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Story {
    /// The title of its earliest article.
    pub label: String,
    /// Indices into the analysed articles, ascending.
    pub articles: Vec<usize>,
}

/// Groups `articles` into stories. Every article is in exactly one story;
/// stories are ordered by their first article. `names` says which words
/// name parties and people (the conflict's vocabulary, not the event's).
pub fn group_stories(articles: &[Analysed], names: &Names, options: &StoryOptions) -> Vec<Story> {
    let scored = Scored::new(articles, names, options);
    let mut groups = Groups::new(&scored.datings);
    for link in scored.links() {
        groups.join_if_cohesive(link, &scored, i64::from(options.window_days));
    }
    groups
        .members()
        .into_iter()
        .map(|members| Story {
            label: label(articles, &scored.datings, &members),
            articles: members,
        })
        .collect()
}

/// Every article's dating and profile, and the pairs worth comparing with
/// how strongly each is linked.
struct Scored {
    datings: Vec<Dating>,
    several_languages: bool,
    profiles: Vec<Profile>,
    weights: Weights,
    /// Candidate pairs (smaller index first) and their strength: similarity
    /// over what the pair needs, so that 1 is the threshold for every kind
    /// of pair. Pairs whose dates forbid a link are absent.
    strengths: KeyMap<f32>,
}

impl Scored {
    fn new(articles: &[Analysed], names: &Names, options: &StoryOptions) -> Scored {
        let datings: Vec<Dating> = articles
            .par_iter()
            .map(|a| article_dating(a.article, options.today))
            .collect();
        let languages: Vec<Lang> = articles.iter().map(|a| a.article.lang).collect();
        let several_languages = languages.windows(2).any(|pair| pair[0] != pair[1]);
        let context = Context {
            names,
            datings: &datings,
            today: options.today,
            several_languages,
        };
        let (profiles, weights) = profiles(articles, &context);
        let strengths = strengths(&profiles, &languages, &datings, several_languages, options);
        Scored {
            datings,
            several_languages,
            profiles,
            weights,
            strengths,
        }
    }

    /// What the profiles were computed from, for reading them again.
    fn context<'a>(&'a self, names: &'a Names, options: &StoryOptions) -> Context<'a> {
        Context {
            names,
            datings: &self.datings,
            today: options.today,
            several_languages: self.several_languages,
        }
    }

    /// The pairs strong enough to link, strongest first.
    fn links(&self) -> Vec<(usize, usize)> {
        let mut links: Vec<((usize, usize), f32)> = self
            .strengths
            .iter()
            .filter(|&(_, &strength)| strength >= 1.0)
            .map(|(&key, &strength)| (pair_of(key), strength))
            .collect();
        links.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        links.into_iter().map(|(pair, _)| pair).collect()
    }

    /// The strength of the pair `a`, `b` (0 when it was never a candidate).
    fn strength(&self, a: usize, b: usize) -> f32 {
        self.strengths.get(&pair_key(a, b)).copied().unwrap_or(0.0)
    }
}

/// Pairs weaker than this relative to their threshold add nothing to a
/// group's mean worth storing.
const WEAKEST_KEPT: f32 = 0.1;

fn strengths(
    profiles: &[Profile],
    languages: &[Lang],
    datings: &[Dating],
    several_languages: bool,
    options: &StoryOptions,
) -> KeyMap<f32> {
    let window = i64::from(options.window_days);
    let mut candidates = candidate_pairs(profiles.iter().map(|p| &p.all));
    if several_languages {
        candidates.extend(candidate_pairs(profiles.iter().map(|p| &p.universal)));
        candidates.par_sort_unstable();
        candidates.dedup();
    }
    let scored: Vec<(u64, f32)> = candidates
        .into_par_iter()
        .filter_map(|(left, right)| {
            let agreement = datings[left].agreement(datings[right], window)?;
            let same_language = languages[left] == languages[right];
            let similarity =
                similarity(&profiles[left], &profiles[right], same_language, agreement);
            let strength = similarity / options.needed(same_language, agreement);
            (strength >= WEAKEST_KEPT).then_some((pair_key(left, right), strength))
        })
        .collect();
    // One map built in one pass: merging maps built per thread costs more.
    let mut strengths = KeyMap::with_capacity_and_hasher(scored.len(), Default::default());
    strengths.extend(scored);
    strengths
}

/// One key for an unordered pair of article indices. The pair's bits are
/// multiplied by an odd constant (invertible, see [`pair_of`]): the map's
/// hasher passes keys through, and the raw bits of small indices would all
/// fall into the same few buckets.
fn pair_key(a: usize, b: usize) -> u64 {
    let (low, high) = (a.min(b) as u64, a.max(b) as u64);
    ((high << 32) | low).wrapping_mul(PAIR_MIX)
}

fn pair_of(key: u64) -> (usize, usize) {
    let bits = key.wrapping_mul(PAIR_UNMIX);
    ((bits & u64::from(u32::MAX)) as usize, (bits >> 32) as usize)
}

/// 2⁶⁴ divided by the golden ratio, and its inverse modulo 2⁶⁴.
const PAIR_MIX: u64 = 0x9E37_79B9_7F4A_7C15;
const PAIR_UNMIX: u64 = 0xF1DE_83E1_9937_733D;

/// The title of the earliest dated article, else of the first one.
fn label(articles: &[Analysed], datings: &[Dating], members: &[usize]) -> String {
    let day = |index: usize| datings[index].day();
    let earliest = members
        .iter()
        .copied()
        .min_by_key(|&index| (day(index).is_none(), day(index), index))
        .unwrap_or_default();
    let article = articles[earliest].article;
    if article.title.trim().is_empty() {
        article.path.clone()
    } else {
        article.title.trim().to_string()
    }
}

/// The mean strength across two groups must reach this for them to join:
/// three quarters of what a single linked pair needs. A report that is like
/// one member of a story and unlike the rest falls well short of it.
const COHESION: f32 = 0.75;

/// Union-find over articles that keeps, per group, its members and what
/// its dates allow.
struct Groups {
    sets: UnionFind,
    members: Vec<Vec<usize>>,
    first: Vec<Option<Day>>,
    last: Vec<Option<Day>>,
    /// Days and months written without a year by the group's members.
    month_days: Vec<Vec<(u32, u32)>>,
}

impl Groups {
    fn new(datings: &[Dating]) -> Self {
        let days: Vec<Option<Day>> = datings.iter().map(|d| d.day()).collect();
        Self {
            sets: UnionFind::new(datings.len()),
            members: (0..datings.len()).map(|index| vec![index]).collect(),
            first: days.clone(),
            last: days,
            month_days: datings
                .iter()
                .map(|dating| match *dating {
                    Dating::MonthDay { month, day, .. } => vec![(month, day)],
                    _ => Vec::new(),
                })
                .collect(),
        }
    }

    /// Joins the groups of `a` and `b` when their dates allow it (no more
    /// than `window` days between any two) and they are similar as a whole.
    fn join_if_cohesive(&mut self, (a, b): (usize, usize), scored: &Scored, window: i64) {
        let (a, b) = (self.sets.root(a), self.sets.root(b));
        if a == b || !self.dates_allow(a, b, window) || self.mean_strength(a, b, scored) < COHESION
        {
            return;
        }
        let root = self.sets.join(a, b);
        let child = if root == a { b } else { a };
        let moved = std::mem::take(&mut self.members[child]);
        self.members[root].extend(moved);
        let month_days = std::mem::take(&mut self.month_days[child]);
        self.month_days[root].extend(month_days);
        self.month_days[root].sort_unstable();
        self.month_days[root].dedup();
        self.first[root] = min_day(self.first[a], self.first[b]);
        self.last[root] = self.last[a].max(self.last[b]);
    }

    fn dates_allow(&self, a: usize, b: usize, window: i64) -> bool {
        let first = min_day(self.first[a], self.first[b]);
        let last = self.last[a].max(self.last[b]);
        if let (Some(first), Some(last)) = (first, last)
            && last - first > window
        {
            return false;
        }
        let days = [first, last].into_iter().flatten().map(|day| {
            let (_, month, date) = super::dates::civil_from_day(day);
            (month, date)
        });
        let mut written = self.month_days[a]
            .iter()
            .chain(&self.month_days[b])
            .copied();
        let all: Vec<(u32, u32)> = days.chain(&mut written).collect();
        all.iter().enumerate().all(|(index, &left)| {
            all[index + 1..]
                .iter()
                .all(|&right| days_apart_in_a_year(left, right) <= window)
        })
    }

    /// The mean strength of every pair across the groups of `a` and `b`.
    fn mean_strength(&self, a: usize, b: usize, scored: &Scored) -> f32 {
        let (left, right) = (&self.members[a], &self.members[b]);
        let total: f32 = left
            .iter()
            .flat_map(|&x| right.iter().map(move |&y| scored.strength(x, y)))
            .sum();
        total / (left.len() * right.len()) as f32
    }

    fn members(self) -> Vec<Vec<usize>> {
        self.sets.groups()
    }
}

fn min_day(a: Option<Day>, b: Option<Day>) -> Option<Day> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_keys_give_back_their_pair_in_either_order() {
        for (a, b) in [(0, 1), (7, 3), (123_456, 9), (0, 0)] {
            assert_eq!(pair_key(a, b), pair_key(b, a));
            assert_eq!(pair_of(pair_key(a, b)), (a.min(b), a.max(b)));
        }
        assert_ne!(
            pair_key(0, 1) >> 57,
            pair_key(0, 2) >> 57,
            "the top bits differ"
        );
    }
}
