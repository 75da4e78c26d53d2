//! Grouping articles about the same event into stories.
//!
//! Each article becomes a TF-IDF vector over its content terms (stemmed
//! words, numbers such as casualty counts, the full dates it writes, the
//! parties it mentions). Two articles are linked when their cosine passes a
//! threshold and their metadata dates lie within a window; links are taken
//! strongest first and a link is refused when it would stretch a story
//! beyond the window, so a chain of daily follow-ups cannot merge a clash
//! with another one a year later between the same parties.
//!
//! Only pairs that share a discriminating term are ever scored: each
//! article is looked up in an inverted index under its heaviest terms, so
//! the work grows with the overlap between articles, not with the square of
//! their number.

use super::Article;
use super::dates::{Day, dates_in_text, parse_iso_day};
use super::terms::{KeyMap, Term, each_term, feature_key, specificity};
use super::union_find::UnionFind;
use crate::lexicon::{Lexicon, Name};
use crate::tagger::Statement;
use mizan_text::Lang;
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
    /// The cosine similarity two articles need to be linked when at least
    /// one of them is undated.
    pub min_similarity: f32,
    /// The cosine similarity two articles dated within the window need:
    /// lower, because the dates already agree.
    pub min_similarity_dated: f32,
    /// Articles in different languages share no words; they are linked when
    /// both are dated within the window and the cosine over what reads the
    /// same in every language (parties named, numbers, dates) reaches this.
    pub min_cross_language_similarity: f32,
}

impl Default for StoryOptions {
    fn default() -> Self {
        Self {
            window_days: 3,
            min_similarity: 0.18,
            min_similarity_dated: 0.12,
            min_cross_language_similarity: 0.35,
        }
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
/// stories are ordered by their first article.
pub fn group_stories(articles: &[Analysed], options: &StoryOptions) -> Vec<Story> {
    let days: Vec<Option<Day>> = articles.iter().map(|a| article_day(a.article)).collect();
    let profiles = profiles(articles);
    let languages: Vec<Lang> = articles.iter().map(|a| a.article.lang).collect();
    let mut links = similar_pairs(&profiles, &languages, &days, options);
    links.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then((a.left, a.right).cmp(&(b.left, b.right)))
    });
    let mut groups = Groups::new(&days);
    for link in &links {
        groups.join_within(link.left, link.right, i64::from(options.window_days));
    }
    groups
        .members()
        .into_iter()
        .map(|members| Story {
            label: label(articles, &days, &members),
            articles: members,
        })
        .collect()
}

/// How many paragraphs after the title may hold an article's dateline.
const DATELINE_PARAGRAPHS: usize = 2;

/// When an article was published: its metadata date, else the first full
/// date written in its title or lede (wire copy opens with "اليوم الخميس 5
/// آذار/مارس 2026"). Dates further down are usually background (an earlier
/// war, an old agreement), so they are not read as the article's own.
fn article_day(article: &Article) -> Option<Day> {
    let metadata = article.meta.date.as_deref().and_then(parse_iso_day);
    metadata.or_else(|| dateline_day(article))
}

fn dateline_day(article: &Article) -> Option<Day> {
    let lede = article
        .paragraphs
        .iter()
        .take(DATELINE_PARAGRAPHS)
        .map(|range| range.slice(&article.source));
    std::iter::once(article.title.as_str())
        .chain(lede)
        .find_map(|text| dates_in_text(text).first().copied())
}

/// The title of the earliest dated article, else of the first one.
fn label(articles: &[Analysed], days: &[Option<Day>], members: &[usize]) -> String {
    let earliest = members
        .iter()
        .copied()
        .min_by_key(|&index| (days[index].is_none(), days[index], index))
        .unwrap_or_default();
    let article = articles[earliest].article;
    if article.title.trim().is_empty() {
        article.path.clone()
    } else {
        article.title.trim().to_string()
    }
}

/// A unit-length sparse vector: (term key, weight), sorted by key.
type SparseVector = Vec<(u64, f32)>;

/// Terms counted in more than this share of a large collection say nothing
/// about which event an article reports; they are dropped.
const COMMON_TERM_SHARE: f32 = 0.05;
/// Below this many documents nothing is dropped as common.
const COMMON_TERM_FLOOR: usize = 50;
/// Imaginary documents that contain none of the terms: they keep IDF
/// meaningful when only a handful of articles are compared (two articles
/// about one event share most of their words).
const PRIOR_DOCUMENTS: f32 = 10.0;
/// Title words count this many times: a title names its event.
const TITLE_WEIGHT: f32 = 2.0;

/// An article's vectors: over all its terms, and over the terms that read
/// the same in every language.
struct Profile {
    all: SparseVector,
    universal: SparseVector,
}

fn profiles(articles: &[Analysed]) -> Vec<Profile> {
    let counts: Vec<Vec<(u64, Occurrences)>> = articles.par_iter().map(term_counts).collect();
    let frequencies = document_frequencies(&counts);
    let total = counts.len();
    let common = ((total as f32 * COMMON_TERM_SHARE) as usize).max(COMMON_TERM_FLOOR);
    counts
        .into_par_iter()
        .map(|vector| {
            let weighted: Vec<(u64, f32, bool)> = vector
                .into_iter()
                .filter_map(|(key, occurrences)| {
                    let frequency = frequencies[&key];
                    (frequency <= common).then(|| {
                        let idf = ((total as f32 + PRIOR_DOCUMENTS + 1.0)
                            / (frequency as f32 + 1.0))
                            .ln();
                        let tf = 1.0 + occurrences.count.ln();
                        (
                            key,
                            tf * specificity(occurrences.generic) * idf,
                            occurrences.universal,
                        )
                    })
                })
                .collect();
            Profile {
                all: unit_vector(weighted.iter().map(|&(key, weight, _)| (key, weight))),
                universal: unit_vector(
                    weighted
                        .iter()
                        .filter(|&&(_, _, universal)| universal)
                        .map(|&(key, weight, _)| (key, weight)),
                ),
            }
        })
        .collect()
}

fn unit_vector(weights: impl Iterator<Item = (u64, f32)>) -> SparseVector {
    let mut vector: SparseVector = weights.collect();
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    vector
}

/// One term's occurrences in an article, whether the term is generic (see
/// [`Term::specificity`]), and whether it reads the same in every language.
/// Eight bytes, so that a keyed entry is sixteen: the counts of every
/// article are held at once until the document frequencies are known.
#[derive(Clone, Copy, Debug)]
struct Occurrences {
    count: f32,
    generic: bool,
    universal: bool,
}

/// Raw term counts of one article, sorted by key.
fn term_counts(analysed: &Analysed) -> Vec<(u64, Occurrences)> {
    let article = analysed.article;
    let mut counts: KeyMap<Occurrences> = KeyMap::default();
    let mut add = |key: u64, count: f32, generic: bool, universal: bool| {
        counts
            .entry(key)
            .or_insert(Occurrences {
                count: 0.0,
                generic,
                universal,
            })
            .count += count;
    };
    let mut add_term = |term: Term, count: f32| {
        let universal = matches!(term, Term::Number(_));
        add(term.key(), count, term.is_generic(), universal);
    };
    each_term(&article.title, |term| add_term(term, TITLE_WEIGHT));
    for range in &article.paragraphs {
        each_term(range.slice(&article.source), |term| add_term(term, 1.0));
    }
    for range in &article.paragraphs {
        for day in dates_in_text(range.slice(&article.source)) {
            add(feature_key("date", &day.to_string()), 1.0, false, true);
        }
    }
    for party in analysed.parties {
        add(feature_key("party", party), 1.0, false, true);
    }
    let mut vector: Vec<(u64, Occurrences)> = counts.into_iter().collect();
    vector.sort_unstable_by_key(|&(key, _)| key);
    vector
}

fn document_frequencies<T: Sync>(vectors: &[Vec<(u64, T)>]) -> KeyMap<usize> {
    vectors
        .par_iter()
        .fold(KeyMap::default, |mut frequencies, vector| {
            for &(key, _) in vector {
                *frequencies.entry(key).or_insert(0) += 1;
            }
            frequencies
        })
        .reduce(KeyMap::default, |mut left, right| {
            for (key, count) in right {
                *left.entry(key).or_insert(0) += count;
            }
            left
        })
}

/// Two articles similar enough to be one story.
#[derive(Clone, Copy, Debug)]
struct Link {
    left: usize,
    right: usize,
    /// The similarity over the threshold the pair had to reach (≥ 1).
    strength: f32,
}

/// How many of its heaviest terms an article is indexed under for finding
/// candidates. A story's own names and numbers are what weigh most in its
/// articles, so two reports of one event share one of them.
const BLOCKING_TERMS: usize = 12;

fn similar_pairs(
    profiles: &[Profile],
    languages: &[Lang],
    days: &[Option<Day>],
    options: &StoryOptions,
) -> Vec<Link> {
    let window = i64::from(options.window_days);
    let several_languages = languages.windows(2).any(|pair| pair[0] != pair[1]);
    let mut candidates = candidate_pairs(profiles.iter().map(|p| &p.all));
    if several_languages {
        candidates.extend(candidate_pairs(profiles.iter().map(|p| &p.universal)));
        candidates.par_sort_unstable();
        candidates.dedup();
    }
    candidates
        .into_par_iter()
        .filter(|&(left, right)| within(days[left], days[right], window))
        .filter_map(|(left, right)| {
            let (left_profile, right_profile) = (&profiles[left], &profiles[right]);
            let dated = days[left].is_some() && days[right].is_some();
            let (similarity, needed) = if languages[left] == languages[right] {
                let needed = if dated {
                    options.min_similarity_dated
                } else {
                    options.min_similarity
                };
                (dot(&left_profile.all, &right_profile.all), needed)
            } else if dated {
                let universal = dot(&left_profile.universal, &right_profile.universal);
                (universal, options.min_cross_language_similarity)
            } else {
                return None;
            };
            // Relative to what the pair needs, so links of every kind sort
            // together, strongest first.
            let strength = similarity / needed;
            (strength >= 1.0).then_some(Link {
                left,
                right,
                strength,
            })
        })
        .collect()
}

/// Pairs (ascending, each once) where one article's heaviest terms occur in
/// the other.
fn candidate_pairs<'a>(vectors: impl Iterator<Item = &'a SparseVector>) -> Vec<(usize, usize)> {
    let vectors: Vec<&SparseVector> = vectors.collect();
    let postings = postings(&vectors);
    let mut pairs: Vec<(usize, usize)> = vectors
        .par_iter()
        .enumerate()
        .flat_map_iter(|(left, vector)| {
            heaviest_terms(vector)
                .into_iter()
                .filter_map(|key| postings.get(&key))
                .flatten()
                .filter(move |&&right| right != left)
                .map(move |&right| (left.min(right), left.max(right)))
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

fn heaviest_terms(vector: &SparseVector) -> Vec<u64> {
    let mut by_weight: Vec<&(u64, f32)> = vector.iter().collect();
    by_weight.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
    by_weight
        .into_iter()
        .take(BLOCKING_TERMS)
        .map(|&(key, _)| key)
        .collect()
}

/// The dot product of two sparse vectors sorted by key.
fn dot(left: &SparseVector, right: &SparseVector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < left.len() && j < right.len() {
        match left[i].0.cmp(&right[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += left[i].1 * right[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

fn within(left: Option<Day>, right: Option<Day>, window: i64) -> bool {
    match (left, right) {
        (Some(left), Some(right)) => (left - right).abs() <= window,
        _ => true,
    }
}

/// For each term shared by at least two articles: the articles holding it,
/// ascending.
fn postings(vectors: &[&SparseVector]) -> KeyMap<Vec<usize>> {
    let mut postings: KeyMap<Vec<usize>> = KeyMap::default();
    for (index, vector) in vectors.iter().enumerate() {
        for &(key, _) in vector.iter() {
            postings.entry(key).or_default().push(index);
        }
    }
    postings.retain(|_, list| list.len() > 1);
    postings
}

/// Union-find over articles that keeps, per group, the span of its dates.
struct Groups {
    sets: UnionFind,
    first: Vec<Option<Day>>,
    last: Vec<Option<Day>>,
}

impl Groups {
    fn new(days: &[Option<Day>]) -> Self {
        Self {
            sets: UnionFind::new(days.len()),
            first: days.to_vec(),
            last: days.to_vec(),
        }
    }

    /// Joins the groups of `a` and `b` unless the joined group's dates
    /// would span more than `window` days.
    fn join_within(&mut self, a: usize, b: usize, window: i64) {
        let (a, b) = (self.sets.root(a), self.sets.root(b));
        if a == b {
            return;
        }
        let first = min_day(self.first[a], self.first[b]);
        let last = max_day(self.last[a], self.last[b]);
        if let (Some(first), Some(last)) = (first, last)
            && last - first > window
        {
            return;
        }
        let root = self.sets.join(a, b);
        self.first[root] = first;
        self.last[root] = last;
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

fn max_day(a: Option<Day>, b: Option<Day>) -> Option<Day> {
    a.max(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counted_term_takes_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<(u64, Occurrences)>(), 16);
    }
}
