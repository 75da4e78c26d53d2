//! Aligning statements across the articles of one story: the same
//! statement, as reported by several outlets, becomes one group.
//!
//! In one language, two statements from different articles are linked when
//! their speakers have the same party and their content terms overlap.
//! Overlap is measured against the shorter statement (so a partial quote
//! matches the full one) and weighted by how rare each term is among the
//! story's statements (so two statements do not align merely because both
//! name the parties and the border). Across languages words cannot meet;
//! [`across`] links statements by who said them instead. Linked statements
//! are closed transitively into groups.

mod across;

use super::names::Names;
use super::stories::{Analysed, Story};
use super::terms::{KeyMap, fold, folded_term_keys, is_word_char};
use super::union_find::UnionFind;
use crate::lexicon::Name;
use crate::tagger::Statement;
use mizan_text::{Lang, TextRange};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::ops::Deref;

/// One statement of one analysed article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct StatementRef {
    /// Index into the analysed articles.
    pub article: usize,
    /// Index into that article's statements.
    pub statement: usize,
}

/// Statements of one story that report the same words: a view into an
/// [`Alignment`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AlignedGroup<'a> {
    /// Ascending; a group may hold several statements of one article (a
    /// headline and the body repeating the same quote).
    pub members: Members<'a>,
}

/// A group's statements: most statements are reported by one article only,
/// and such a group of one is stored nowhere but in its view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Members<'a> {
    One(StatementRef),
    Several(&'a [StatementRef]),
}

impl Deref for Members<'_> {
    type Target = [StatementRef];

    fn deref(&self) -> &[StatementRef] {
        match self {
            Members::One(member) => std::slice::from_ref(member),
            Members::Several(members) => members,
        }
    }
}

impl AlignedGroup<'_> {
    /// The articles the group's statements come from, ascending.
    pub fn articles(&self) -> Vec<usize> {
        let articles: BTreeSet<usize> = self.members.iter().map(|m| m.article).collect();
        articles.into_iter().collect()
    }

    /// Whether the statement was reported by more than one article.
    pub fn is_shared(&self) -> bool {
        self.members
            .windows(2)
            .any(|pair| pair[0].article != pair[1].article)
    }

    /// The person who made the group's statements: the one person its
    /// members' speakers name, when they name one.
    pub fn speaker<'n>(&self, articles: &[Analysed], names: &'n Names) -> Option<&'n Name> {
        let mut named = self.members.iter().filter_map(|member| {
            let analysed = articles.get(member.article)?;
            let statement = analysed.statements.get(member.statement)?;
            let speaker = statement.speaker?.as_range();
            names.person_in(analysed.article.source.get(speaker)?)
        });
        let first = named.next()?;
        named.all(|other| other == first).then_some(first)
    }

    /// The party of the group's speakers: one party, as only statements
    /// of speakers of the same party are aligned.
    pub fn speaker_party<'s>(&self, articles: &[Analysed<'s>]) -> Option<&'s Name> {
        let first = self.members.first()?;
        let statements = articles.get(first.article)?.statements;
        statements.get(first.statement)?.speaker_party.as_ref()
    }
}

/// Every statement of a story, in groups. Only the groups of several
/// statements are stored: a reader aligns hundreds of thousands of
/// statements, almost every one alone in its group, and storing those
/// would cost more than all the rest of the stories.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    /// The story's articles, ascending, each with how many statements it
    /// had when aligned.
    articles: Box<[(usize, usize)]>,
    /// None when every statement is alone in its group, as in every story
    /// of one article.
    shared: Option<Box<SharedGroups>>,
}

/// The groups of several statements of a story.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct SharedGroups {
    /// Their members, group after group, groups ordered by their first
    /// member.
    members: Vec<StatementRef>,
    /// Where each group ends in `members`.
    ends: Vec<usize>,
    /// `members`, sorted: whether a statement is in one of the groups.
    sorted: Vec<StatementRef>,
}

impl Alignment {
    /// Every statement of the story is in exactly one group; groups are
    /// ordered by their first member.
    pub fn groups(&self) -> impl Iterator<Item = AlignedGroup<'_>> + '_ {
        let mut next_shared = 0;
        self.statements().filter_map(move |statement| {
            if !self.is_in_shared_group(statement) {
                return Some(AlignedGroup {
                    members: Members::One(statement),
                });
            }
            // Statements come in order, so a shared group's first member
            // comes before its others and before the next group's.
            let group = self
                .shared_group(next_shared)
                .filter(|group| group.members[0] == statement)?;
            next_shared += 1;
            Some(group)
        })
    }

    /// How many groups [`Alignment::groups`] lists.
    pub fn group_count(&self) -> usize {
        let statements: usize = self.articles.iter().map(|&(_, count)| count).sum();
        match &self.shared {
            Some(shared) => statements - shared.members.len() + shared.ends.len(),
            None => statements,
        }
    }

    /// The group holding `statement`.
    pub fn group_of(&self, statement: StatementRef) -> Option<AlignedGroup<'_>> {
        if self.is_in_shared_group(statement) {
            return (0..)
                .map_while(|index| self.shared_group(index))
                .find(|group| group.members.binary_search(&statement).is_ok());
        }
        let in_story = self
            .articles
            .iter()
            .any(|&(article, count)| article == statement.article && statement.statement < count);
        in_story.then_some(AlignedGroup {
            members: Members::One(statement),
        })
    }

    /// The same statement as reported by the story's other articles.
    pub fn counterparts(&self, statement: StatementRef) -> Vec<StatementRef> {
        self.group_of(statement)
            .map(|group| {
                group
                    .members
                    .iter()
                    .copied()
                    .filter(|member| member.article != statement.article)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether only the outlet of `statement` carries it: no article of
    /// another outlet in the story reports it.
    pub fn carried_by_one_outlet(&self, articles: &[Analysed], statement: StatementRef) -> bool {
        let own = outlet_of(&articles[statement.article]);
        self.counterparts(statement)
            .iter()
            .all(|other| outlet_of(&articles[other.article]) == own)
    }

    /// What the story's other articles report that `article` does not: the
    /// groups without a statement of `article`.
    pub fn omitted_by(&self, article: usize) -> Vec<AlignedGroup<'_>> {
        self.groups()
            .filter(|group| group.members.iter().all(|m| m.article != article))
            .collect()
    }

    fn statements(&self) -> impl Iterator<Item = StatementRef> + '_ {
        self.articles.iter().flat_map(|&(article, count)| {
            (0..count).map(move |statement| StatementRef { article, statement })
        })
    }

    fn is_in_shared_group(&self, statement: StatementRef) -> bool {
        self.shared
            .as_ref()
            .is_some_and(|shared| shared.sorted.binary_search(&statement).is_ok())
    }

    fn shared_group(&self, index: usize) -> Option<AlignedGroup<'_>> {
        let shared = self.shared.as_ref()?;
        let end = *shared.ends.get(index)?;
        let start = index.checked_sub(1).map_or(0, |before| shared.ends[before]);
        Some(AlignedGroup {
            members: Members::Several(&shared.members[start..end]),
        })
    }
}

/// The outlet an article is counted under: its metadata outlet, or its path
/// when the outlet is unknown (two unknown outlets are not assumed to be one).
pub fn outlet_of<'a>(analysed: &Analysed<'a>) -> &'a str {
    let article = analysed.article;
    article.meta.outlet.as_deref().unwrap_or(&article.path)
}

/// How statements are aligned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlignOptions {
    /// The weighted share of the shorter statement's terms the other one
    /// must contain.
    pub min_overlap: f32,
    /// The fewest terms two statements must share.
    pub min_shared_terms: usize,
    /// Statements in two languages are one statement only when their
    /// articles are dated at most this many days apart (or one is undated):
    /// a spokesman says new things every day.
    pub max_days_apart: u32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            min_overlap: 0.5,
            min_shared_terms: 2,
            max_days_apart: 1,
        }
    }
}

/// Aligns the statements of `story`'s articles; `names` tells which
/// speakers are one person in two languages.
pub fn align_story(
    articles: &[Analysed],
    story: &Story,
    names: &Names,
    options: &AlignOptions,
) -> Alignment {
    let statements: Vec<(StatementRef, &Statement)> = story
        .articles
        .iter()
        .flat_map(|&article| {
            articles[article]
                .statements
                .iter()
                .enumerate()
                .map(move |(statement, tagged)| (StatementRef { article, statement }, tagged))
        })
        .collect();
    let said: Vec<Said> = statements
        .iter()
        .map(|&(reference, statement)| {
            Said::new(&articles[reference.article].article.source, statement)
        })
        .collect();
    let weights = rarity_weights(&said);
    let mut links = UnionFind::new(statements.len());
    let mut by_party: HashMap<(Lang, Option<&str>), Vec<usize>> = HashMap::new();
    for (index, (reference, statement)) in statements.iter().enumerate() {
        let lang = articles[reference.article].article.lang;
        by_party
            .entry((lang, statement.speaker_party.as_deref()))
            .or_default()
            .push(index);
    }
    for indices in by_party.values() {
        for (position, &left) in indices.iter().enumerate() {
            for &right in &indices[position + 1..] {
                if statements[left].0.article != statements[right].0.article
                    && same_words(&said[left], &said[right], &weights, options)
                {
                    links.join(left, right);
                }
            }
        }
    }
    for (left, right) in across::same_statements(articles, story, &statements, names, options) {
        links.join(left, right);
    }
    let mut shared = SharedGroups::default();
    for set in links.sets().iter().filter(|set| set.len() > 1) {
        shared
            .members
            .extend(set.iter().map(|&index| statements[index].0));
        shared.ends.push(shared.members.len());
    }
    shared.sorted = shared.members.clone();
    shared.sorted.sort_unstable();
    Alignment {
        articles: story
            .articles
            .iter()
            .map(|&article| (article, articles[article].statements.len()))
            .collect(),
        shared: (!shared.ends.is_empty()).then(|| Box::new(shared)),
    }
}

/// A quote of at least this many words found word for word in another
/// outlet's statement is the same statement, whatever else either says.
const MIN_QUOTED_WORDS: usize = 3;

/// What a statement says, prepared for comparison.
struct Said {
    terms: KeyMap<f32>,
    /// The quote's folded words, space-separated and space-padded, when it
    /// is long enough to identify the statement.
    quote: Option<String>,
    /// The whole statement's folded words, likewise.
    text: String,
}

impl Said {
    fn new(source: &str, statement: &Statement) -> Said {
        let words_of = |range: TextRange| source.get(range.as_range()).map(folded_words);
        let text = words_of(statement.range).unwrap_or_default();
        let quote = statement.quote.and_then(words_of);
        // The quote when it says enough, else the whole statement.
        let terms = quote
            .as_deref()
            .map(folded_term_keys)
            .filter(|terms| terms.len() >= MIN_QUOTE_TERMS)
            .unwrap_or_else(|| folded_term_keys(&text));
        let quote = quote
            .filter(|words| words.split(' ').filter(|w| !w.is_empty()).count() >= MIN_QUOTED_WORDS);
        Said { terms, quote, text }
    }

    /// Whether this statement's quote stands word for word in `other`.
    fn quotes(&self, other: &Said) -> bool {
        self.quote
            .as_ref()
            .is_some_and(|quote| other.text.contains(quote.as_str()))
    }
}

/// ` word word word `: folded words between single spaces, so that a
/// substring match is a match of whole words.
fn folded_words(text: &str) -> String {
    let folded = fold(text);
    let mut words = String::from(" ");
    for word in folded
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        words.push_str(word);
        words.push(' ');
    }
    words
}

/// Quotes with fewer content terms than this are compared with their
/// whole statement instead: a two-word label in quotation marks says too
/// little on its own, and the reporting words around it say more.
const MIN_QUOTE_TERMS: usize = 4;

/// Imaginary statements containing none of the terms, so that in a story of
/// two statements a shared term still weighs something.
const PRIOR_STATEMENTS: f32 = 4.0;

/// Each term's weight in the story: rarer among its statements is heavier,
/// and the vocabulary of every report (forces, border, shelling) is light.
fn rarity_weights(statements: &[Said]) -> KeyMap<f32> {
    let mut frequencies: KeyMap<(usize, f32)> = KeyMap::default();
    for said in statements {
        for (&key, &specificity) in &said.terms {
            frequencies.entry(key).or_insert((0, specificity)).0 += 1;
        }
    }
    let total = statements.len() as f32 + PRIOR_STATEMENTS + 1.0;
    frequencies
        .into_iter()
        .map(|(key, (frequency, specificity))| {
            (key, (total / (frequency as f32 + 1.0)).ln() * specificity)
        })
        .collect()
}

/// Whether two statements report the same words: one quotes the other
/// word for word, or their terms overlap enough.
fn same_words(left: &Said, right: &Said, weights: &KeyMap<f32>, options: &AlignOptions) -> bool {
    let weight = |key: &u64| weights.get(key).copied().unwrap_or(0.0);
    let shared: Vec<&u64> = left
        .terms
        .keys()
        .filter(|key| right.terms.contains_key(key))
        .collect();
    if shared.is_empty() {
        // A quote found word for word shares terms with its statement in
        // all but contrived cases; looking for quotes only then keeps the
        // pairwise pass cheap.
        return false;
    }
    if left.quotes(right) || right.quotes(left) {
        return true;
    }
    if shared.len() < options.min_shared_terms {
        return false;
    }
    let shared_weight: f32 = shared.into_iter().map(weight).sum();
    let total = |terms: &KeyMap<f32>| terms.keys().map(weight).sum::<f32>();
    let shorter = total(&left.terms).min(total(&right.terms));
    shorter > 0.0 && shared_weight / shorter >= options.min_overlap
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str, quote: Option<&str>) -> Said {
        let quote = quote.map(|q| {
            let start = text.find(q).expect("quote in text");
            TextRange::new(start, start + q.len())
        });
        let statement = Statement {
            range: TextRange::new(0, text.len()),
            quote,
            speaker: None,
            speaker_party: None,
            evidence: Box::new([]),
        };
        Said::new(text, &statement)
    }

    #[test]
    fn a_quote_matches_whole_words_only() {
        let quoting = said("قال: «نرفض الهدنة المؤقتة»", Some("نرفض الهدنة المؤقتة"));
        assert!(quoting.quotes(&said("وأكد: نرفض الهدنة المؤقتة تماما", None)));
        assert!(quoting.quotes(&said("نرفضُ الهدنةَ المؤقتة", None)));
        assert!(!quoting.quotes(&said("ونرفض الهدنة المؤقتة", None)));
        assert!(!quoting.quotes(&said("نرفض الهدنة المؤقتتين", None)));
    }

    #[test]
    fn statements_alone_in_their_groups_are_stored_nowhere() {
        let text = "قالت أرمينيا إن الهدنة صامدة\nقالت روسيا إن المحادثات مستمرة";
        let article = |path: &str| {
            crate::corpus::parse_article(path, text.to_string(), crate::corpus::Format::PlainText)
                .expect("valid")
                .article
        };
        let articles = [article("a.txt"), article("b.txt")];
        let said = |party: &str| Statement {
            range: TextRange::new(0, text.len()),
            quote: None,
            speaker: None,
            speaker_party: Some(party.into()),
            evidence: Box::new([]),
        };
        let statements = [vec![said("armenia")], vec![said("russia"), said("iran")]];
        let view = |index: usize| Analysed {
            article: &articles[index],
            statements: &statements[index],
            parties: &[],
        };
        let analysed = [view(0), view(1)];
        let story = Story {
            label: String::new(),
            articles: vec![0, 1],
        };
        let alignment = align_story(
            &analysed,
            &story,
            &Names::default(),
            &AlignOptions::default(),
        );
        assert_eq!(alignment.group_count(), 3);
        assert!(
            alignment
                .groups()
                .all(|g| matches!(g.members, Members::One(_)))
        );
        assert_eq!(alignment.shared, None);
        assert_eq!(
            std::mem::size_of::<Alignment>(),
            3 * std::mem::size_of::<usize>(),
            "every story holds one"
        );
        let parties: Vec<Option<&str>> = alignment
            .groups()
            .map(|g| g.speaker_party(&analysed).map(Name::as_str))
            .collect();
        assert_eq!(parties, [Some("armenia"), Some("russia"), Some("iran")]);
    }

    #[test]
    fn ranges_outside_the_text_are_compared_as_empty() {
        let statement = Statement {
            range: TextRange::new(5, 500),
            quote: Some(TextRange::new(1, 2)),
            speaker: None,
            speaker_party: None,
            evidence: Box::new([]),
        };
        let said = Said::new("قصير", &statement);
        assert!(said.terms.is_empty());
        assert!(said.quote.is_none());
    }
}
