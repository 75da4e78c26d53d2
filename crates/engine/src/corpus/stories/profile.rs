//! What an article is about, as vectors for comparing it with the others:
//! TF-IDF over its content terms (stemmed words, numbers such as casualty
//! counts), the dates it writes and the parties it mentions.
//!
//! Terms are weighted by what they say about which *event* an article
//! reports. Every report of a conflict shares its vocabulary (forces,
//! border, shelling), its parties, their leaders and the years of its wars;
//! such terms weigh a quarter. What names one event weighs fully: casualty
//! counts, places, operations, the people of that day. Between two articles
//! dated within a few days of each other the names of parties and people
//! weigh fully too: a conflict's parties rarely fight two events in one
//! week. Dates agree fully when written in full and half when only a day
//! and month are.
//!
//! Words only meet words of the same language. What reads alike in both
//! (numbers, dates, parties, and names compared by their consonants, see
//! [`super::super::sounds`]) forms a second vector that compares an Arabic
//! report with an English one.

use super::super::dates::{Scope, Written, written_dates};
use super::super::names::Names;
use super::super::sounds::{DISTINCT_CONSONANTS, each_skeleton};
use super::super::terms::{KeyMap, Term, each_term, feature_key};
use super::Analysed;
use super::dating::{Dating, FULL_AGREEMENT, opening};
use crate::corpus::dates::{Day, civil_from_day};
use mizan_text::Lang;
use rayon::prelude::*;

/// One term of a vector and its weight.
#[derive(Clone, Copy, Debug)]
pub struct Weighted {
    pub key: u64,
    pub weight: f32,
    /// A word of a party's or person's name (see [`Specificity::Name`]).
    pub name: bool,
}

/// A unit-length sparse vector, sorted by key.
#[derive(Clone, Debug, Default)]
pub struct SparseVector {
    pub terms: Vec<Weighted>,
    /// The vector's length with name words weighed as the conflict's
    /// vocabulary over its length with them weighed fully: what turns a
    /// dot product into the cosine of the second weighting (see
    /// [`dot_dated`]).
    dated_scale: f32,
}

/// Terms counted in more than this share of a large collection say nothing
/// about which event an article reports; they are dropped.
const COMMON_TERM_SHARE: f32 = 0.05;
/// Below this many documents nothing is dropped as common.
const COMMON_TERM_FLOOR: usize = 50;
/// Imaginary documents that contain none of the terms: they keep IDF
/// meaningful when only a handful of articles are compared (two articles
/// about one event share most of their words).
const PRIOR_DOCUMENTS: f32 = 2.0;
/// Title words count this many times: a title names its event.
const TITLE_WEIGHT: f32 = 2.0;

/// How much a term says about which event an article reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Specificity {
    /// Vocabulary of the whole conflict.
    Generic,
    /// A word of a party's or person's name: the conflict's vocabulary when
    /// the dates of two articles say nothing; but within a few days the
    /// parties of a conflict mostly fight one event, so between articles
    /// dated in agreement such words weigh fully.
    Name,
    /// A date written without its year, or found relative to publication.
    Partial,
    Full,
}

/// The weight of a conflict's vocabulary relative to a specific term.
const GENERIC_WEIGHT: f32 = 0.25;

impl Specificity {
    /// The weight with names as the conflict's vocabulary.
    pub fn weight(self) -> f32 {
        match self {
            Specificity::Generic | Specificity::Name => GENERIC_WEIGHT,
            Specificity::Partial => 0.5,
            Specificity::Full => 1.0,
        }
    }
}

/// Which comparisons a term takes part in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Words: articles in the same language.
    SameLanguage,
    /// Numbers, dates and parties: every pair.
    Everywhere,
    /// Consonant skeletons: only pairs in different languages, where the
    /// words themselves cannot meet.
    AcrossLanguages,
}

/// An article's vectors: over all its terms read in its own language, and
/// over the terms that read the same in every language.
pub struct Profile {
    pub all: SparseVector,
    pub universal: SparseVector,
}

/// One term's occurrences in an article and what kind of term it is.
/// Eight bytes, so that a keyed entry is sixteen: the counts of every
/// article are held at once until the document frequencies are known.
#[derive(Clone, Copy, Debug)]
pub struct Occurrences {
    pub count: f32,
    pub specificity: Specificity,
    pub reach: Reach,
}

/// What profiles are computed from besides the articles.
pub struct Context<'a> {
    pub names: &'a Names,
    pub datings: &'a [Dating],
    pub today: Day,
    /// Whether the collection holds more than one language: only then are
    /// consonant skeletons worth their cost.
    pub several_languages: bool,
}

/// Every article's profile, and the collection's weights they were made
/// with.
pub fn profiles(articles: &[Analysed], context: &Context) -> (Vec<Profile>, Weights) {
    let counts: Vec<Vec<(u64, Occurrences)>> = articles
        .par_iter()
        .zip(context.datings)
        .map(|(article, &dating)| term_counts(article, dating, context))
        .collect();
    let languages: Vec<Lang> = articles.iter().map(|a| a.article.lang).collect();
    let weights = Weights::of(&counts, &languages);
    let profiles = counts
        .into_par_iter()
        .map(|counts| weights.profile(counts))
        .collect();
    (profiles, weights)
}

/// Document frequencies of a collection, and the TF-IDF they give.
pub struct Weights {
    frequencies: KeyMap<usize>,
    /// The consonant skeletons found in articles of more than one
    /// language: the others can only meet by chance (an Arabic word that
    /// happens to sound like an English one) and are left out.
    bilingual_sounds: KeyMap<()>,
    total: usize,
    common: usize,
}

impl Weights {
    /// The weights of the articles whose counts are `counts`, in
    /// `languages`.
    pub fn of(counts: &[Vec<(u64, Occurrences)>], languages: &[Lang]) -> Weights {
        let total = counts.len();
        Weights {
            frequencies: document_frequencies(counts),
            bilingual_sounds: bilingual_sounds(counts, languages),
            total,
            common: ((total as f32 * COMMON_TERM_SHARE) as usize).max(COMMON_TERM_FLOOR),
        }
    }

    /// The weight of a term in an article, `None` when the term is too
    /// common in the collection to count, or a skeleton found in one
    /// language only.
    pub fn weight(&self, key: u64, occurrences: Occurrences) -> Option<f32> {
        if occurrences.reach == Reach::AcrossLanguages && !self.bilingual_sounds.contains_key(&key)
        {
            return None;
        }
        let frequency = self.frequencies.get(&key).copied().unwrap_or(1);
        (frequency <= self.common).then(|| {
            let idf = ((self.total as f32 + PRIOR_DOCUMENTS + 1.0) / (frequency as f32 + 1.0)).ln();
            let tf = 1.0 + occurrences.count.ln();
            tf * occurrences.specificity.weight() * idf
        })
    }

    fn profile(&self, counts: Vec<(u64, Occurrences)>) -> Profile {
        let weighted: Vec<(Weighted, Reach)> = counts
            .into_iter()
            .filter_map(|(key, occurrences)| {
                let weighted = Weighted {
                    key,
                    weight: self.weight(key, occurrences)?,
                    name: occurrences.specificity == Specificity::Name,
                };
                Some((weighted, occurrences.reach))
            })
            .collect();
        let with_reach = |wanted: &[Reach]| {
            unit_vector(
                weighted
                    .iter()
                    .filter(|(_, reach)| wanted.contains(reach))
                    .map(|&(weighted, _)| weighted),
            )
        };
        Profile {
            all: with_reach(&[Reach::SameLanguage, Reach::Everywhere]),
            universal: with_reach(&[Reach::Everywhere, Reach::AcrossLanguages]),
        }
    }
}

/// How much more a name weighs between articles dated in agreement.
const DATED_NAME_BOOST: f32 = 1.0 / GENERIC_WEIGHT;

fn unit_vector(terms: impl Iterator<Item = Weighted>) -> SparseVector {
    let mut terms: Vec<Weighted> = terms.collect();
    let length = |boost: f32| {
        terms
            .iter()
            .map(|term| {
                let weight = if term.name {
                    term.weight * boost
                } else {
                    term.weight
                };
                weight * weight
            })
            .sum::<f32>()
            .sqrt()
    };
    let (norm, dated_norm) = (length(1.0), length(DATED_NAME_BOOST));
    if norm > 0.0 {
        terms.iter_mut().for_each(|term| term.weight /= norm);
    }
    SparseVector {
        terms,
        dated_scale: if dated_norm > 0.0 {
            norm / dated_norm
        } else {
            0.0
        },
    }
}

/// Raw term counts of one article, sorted by key.
pub fn term_counts(
    analysed: &Analysed,
    dating: Dating,
    context: &Context,
) -> Vec<(u64, Occurrences)> {
    let mut counts: KeyMap<Occurrences> = KeyMap::default();
    each_counted(analysed, dating, context, |key, occurrences, _| {
        counts
            .entry(key)
            .and_modify(|counted| counted.count += occurrences.count)
            .or_insert(occurrences);
    });
    let mut vector: Vec<(u64, Occurrences)> = counts.into_iter().collect();
    vector.sort_unstable_by_key(|&(key, _)| key);
    vector
}

/// What a term is, for explaining a link to a person: its text.
pub enum Shown<'t> {
    Term(Term<'t>),
    Date(String),
    Party(&'t str),
    /// The word or words whose consonants are compared.
    Sound(&'t str),
}

/// Calls `visit` with every term occurrence of an article: its key, its
/// occurrences (count, specificity, reach) and what it shows as.
pub fn each_counted(
    analysed: &Analysed,
    dating: Dating,
    context: &Context,
    mut visit: impl FnMut(u64, Occurrences, Shown<'_>),
) {
    let article = analysed.article;
    each_term(&article.title, |term| {
        visit_term(term, TITLE_WEIGHT, context.names, &mut visit)
    });
    for range in &article.paragraphs {
        each_term(range.slice(&article.source), |term| {
            visit_term(term, 1.0, context.names, &mut visit)
        });
    }
    each_date(analysed, dating, context.today, &mut visit);
    for party in analysed.parties {
        let occurrences = Occurrences {
            count: 1.0,
            specificity: Specificity::Full,
            reach: Reach::Everywhere,
        };
        visit(
            feature_key("party", party),
            occurrences,
            Shown::Party(party),
        );
    }
    if context.several_languages {
        each_sound(analysed, context.names, &mut visit);
    }
}

/// A word or number of the text. Words of party and people names are
/// vocabulary of the conflict, like the newswire's.
fn visit_term(
    term: Term,
    count: f32,
    names: &Names,
    visit: &mut impl FnMut(u64, Occurrences, Shown<'_>),
) {
    let mut key = term.key();
    let specificity = if term.is_generic() {
        Specificity::Generic
    } else if let Some(name) = names.name_term(key) {
        key = name;
        Specificity::Name
    } else {
        Specificity::Full
    };
    let occurrences = Occurrences {
        count,
        specificity,
        reach: match term {
            Term::Number(_) => Reach::Everywhere,
            Term::Word(_) => Reach::SameLanguage,
        },
    };
    visit(key, occurrences, Shown::Term(term));
}

/// The dates an article writes, as terms: the day when it can be told
/// (full dates fully, days found from a weekday or the publication half),
/// and the day and month at half weight, which is what a date without a
/// year shares with a full one.
fn each_date(
    analysed: &Analysed,
    dating: Dating,
    today: Day,
    visit: &mut impl FnMut(u64, Occurrences, Shown<'_>),
) {
    let article = analysed.article;
    let later = article
        .paragraphs
        .iter()
        .skip(super::dating::DATELINE_PARAGRAPHS)
        .map(|range| range.slice(&article.source));
    let written = opening(article)
        .map(|text| (text, Scope::WithRelative))
        .chain(later.map(|text| (text, Scope::Calendar)))
        .flat_map(|(text, scope)| written_dates(text, scope));
    for date in written {
        let day = date.resolve(dating.publication(), today);
        let month_day = date
            .month_day()
            .or_else(|| day.map(civil_from_day).map(|(_, m, d)| (m, d)));
        let everywhere = |specificity| Occurrences {
            count: 1.0,
            specificity,
            reach: Reach::Everywhere,
        };
        if let Some(day) = day {
            let specificity = if matches!(date, Written::Full(_)) {
                Specificity::Full
            } else {
                Specificity::Partial
            };
            let shown = day_text(day);
            visit(
                feature_key("date", &shown),
                everywhere(specificity),
                Shown::Date(shown),
            );
        }
        if let Some((month, day)) = month_day {
            let shown = format!("--{month:02}-{day:02}");
            let key = feature_key("month-day", &shown);
            visit(key, everywhere(Specificity::Partial), Shown::Date(shown));
        }
    }
}

/// `YYYY-MM-DD`.
pub fn day_text(day: Day) -> String {
    let (year, month, date) = civil_from_day(day);
    format!("{year:04}-{month:02}-{date:02}")
}

/// The consonant skeletons of an article's names; those of party and
/// people names are the conflict's, like their words, and short ones weigh
/// half, as they meet by chance more often.
fn each_sound(
    analysed: &Analysed,
    names: &Names,
    visit: &mut impl FnMut(u64, Occurrences, Shown<'_>),
) {
    let article = analysed.article;
    let blocks = std::iter::once(article.title.as_str()).chain(
        article
            .paragraphs
            .iter()
            .map(|range| range.slice(&article.source)),
    );
    for text in blocks {
        each_skeleton(text, |key, words, consonants| {
            let mut named = false;
            each_term(words, |term| named |= names.name_term(term.key()).is_some());
            let specificity = if named {
                Specificity::Generic
            } else if consonants < DISTINCT_CONSONANTS {
                Specificity::Partial
            } else {
                Specificity::Full
            };
            let occurrences = Occurrences {
                count: 1.0,
                specificity,
                reach: Reach::AcrossLanguages,
            };
            visit(key, occurrences, Shown::Sound(words));
        });
    }
}

/// The skeletons that occur in articles of two languages.
fn bilingual_sounds(counts: &[Vec<(u64, Occurrences)>], languages: &[Lang]) -> KeyMap<()> {
    let mut seen_in: KeyMap<[bool; 2]> = KeyMap::default();
    for (vector, &lang) in counts.iter().zip(languages) {
        let slot = usize::from(lang == Lang::En);
        for &(key, occurrences) in vector {
            if occurrences.reach == Reach::AcrossLanguages {
                seen_in.entry(key).or_default()[slot] = true;
            }
        }
    }
    seen_in
        .into_iter()
        .filter(|(_, seen)| seen[0] && seen[1])
        .map(|(key, _)| (key, ()))
        .collect()
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

/// How many of its heaviest shared terms an article is looked up under for
/// finding candidates. A story's own names and numbers are what weigh most
/// in its articles, so two reports of one event share one of them.
const BLOCKING_TERMS: usize = 12;

/// Pairs (ascending, each once) where one article's heaviest terms occur in
/// the other.
pub fn candidate_pairs<'a>(vectors: impl Iterator<Item = &'a SparseVector>) -> Vec<(usize, usize)> {
    let vectors: Vec<&SparseVector> = vectors.collect();
    let postings = postings(&vectors);
    let mut pairs: Vec<(usize, usize)> = vectors
        .par_iter()
        .enumerate()
        .flat_map_iter(|(left, vector)| {
            heaviest_shared_terms(vector, &postings)
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

/// The heaviest of the terms an article shares with another. Terms no
/// other article holds weigh most (their IDF is highest) and would fill
/// the quota of a long report, which then met no report of its event.
fn heaviest_shared_terms(vector: &SparseVector, postings: &KeyMap<Vec<usize>>) -> Vec<u64> {
    let mut by_weight: Vec<&Weighted> = vector
        .terms
        .iter()
        .filter(|term| postings.contains_key(&term.key))
        .collect();
    by_weight.sort_unstable_by(|a, b| b.weight.total_cmp(&a.weight));
    by_weight
        .into_iter()
        .take(BLOCKING_TERMS)
        .map(|term| term.key)
        .collect()
}

/// For each term shared by at least two articles: the articles holding it,
/// ascending.
fn postings(vectors: &[&SparseVector]) -> KeyMap<Vec<usize>> {
    let mut postings: KeyMap<Vec<usize>> = KeyMap::default();
    for (index, vector) in vectors.iter().enumerate() {
        for term in &vector.terms {
            postings.entry(term.key).or_default().push(index);
        }
    }
    postings.retain(|_, list| list.len() > 1);
    postings
}

/// How similar two articles are, given whether they are in one language
/// and how much their dates agree: over their words in one language, names
/// weighed fully when the dates agree in full; over what reads alike in
/// both across two.
pub fn similarity(left: &Profile, right: &Profile, same_language: bool, agreement: f32) -> f32 {
    if !same_language {
        dot(&left.universal, &right.universal)
    } else if agreement >= FULL_AGREEMENT {
        dot_dated(&left.all, &right.all)
    } else {
        dot(&left.all, &right.all)
    }
}

/// The cosine of two articles' vectors.
pub fn dot(left: &SparseVector, right: &SparseVector) -> f32 {
    weighted_dot(left, right, 1.0)
}

/// The cosine of two articles' vectors with names weighed fully, for
/// articles dated in agreement (see [`Specificity::Name`]).
pub fn dot_dated(left: &SparseVector, right: &SparseVector) -> f32 {
    let boosted = weighted_dot(left, right, DATED_NAME_BOOST * DATED_NAME_BOOST);
    boosted * left.dated_scale * right.dated_scale
}

/// The dot product of two sparse vectors sorted by key, products of name
/// weights multiplied by `name_factor`.
fn weighted_dot(left: &SparseVector, right: &SparseVector, name_factor: f32) -> f32 {
    let (left, right) = (&left.terms, &right.terms);
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < left.len() && j < right.len() {
        match left[i].key.cmp(&right[j].key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let product = left[i].weight * right[j].weight;
                sum += if left[i].name {
                    product * name_factor
                } else {
                    product
                };
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counted_term_takes_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<(u64, Occurrences)>(), 16);
    }

    /// A vector of the terms `keys`, the first ones heaviest.
    fn vector(keys: impl Iterator<Item = u64>) -> SparseVector {
        unit_vector(keys.enumerate().map(|(rank, key)| Weighted {
            key,
            weight: 1.0 / (rank + 1) as f32,
            name: false,
        }))
    }

    #[test]
    fn long_reports_meet_on_a_shared_term_lighter_than_their_own() {
        let own = |first: u64| first..first + 3 * BLOCKING_TERMS as u64;
        let shared = 1_000_000;
        let left = vector(own(0).chain([shared]));
        let right = vector(own(100).chain([shared]));
        let unrelated = vector(own(200));
        let pairs = candidate_pairs([&left, &right, &unrelated].into_iter());
        assert_eq!(pairs, vec![(0, 1)]);
    }
}
