//! The fuzzy filter: the query language (free text plus `blames:`,
//! `supports:`, `speaker:`, `outlet:`, `lang:` qualifiers), the precomputed
//! haystacks of every article and statement, and the search itself.
//!
//! A keystroke must re-filter 100,000 statements within a frame, so haystacks
//! are folded and packed once (see [`super::fold`]), a query that extends the
//! previous one only re-checks the previous matches, and articles are searched
//! in parallel.
//!
//! The index must also stay small next to the corpus: a statement's haystack
//! holds only its own words and its speaker's, packed one byte a letter in
//! its article's buffer. The parties it involves are one number into a table
//! of the distinct party combinations (a corpus has few), which the search
//! checks once per query, names included, instead of once per statement. A free-text term matches fuzzily within one word (its
//! characters in order, others between them: `blnkn` finds Blinken), or as
//! one of the Arabic names an English name stands for.
//!
//! The terms, resolved once per query ([`Terms`]), also say where they
//! match: highlighting runs the same needles through the same scan over the
//! rows on screen, so what is highlighted is exactly what the filter
//! matched, aliases and folded forms included.

use super::directory::Directory;
use super::fold::{
    contains, contains_words, encode, encode_into, encode_with_sources, fold,
    is_subsequence_in_a_word, subsequence_positions,
};
use mizan_engine::corpus::Article;
use mizan_engine::lexicon::Name;
use mizan_engine::tagger::Statement;
use mizan_text::{Lang, TextRange};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

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
    /// the previous matches need checking. A growing term only narrows; a
    /// qualifier matches whole words, so only adding one does.
    pub fn narrows(&self, previous: &Query) -> bool {
        extends(&previous.terms, &self.terms)
            && previous.terms.iter().zip(&self.terms).all(|(old, new)| {
                (char_count(old) >= ALIAS_MIN_CHARS) == (char_count(new) >= ALIAS_MIN_CHARS)
            })
            && adds_to(&previous.blames, &self.blames)
            && adds_to(&previous.supports, &self.supports)
            && adds_to(&previous.speaker, &self.speaker)
            && adds_to(&previous.outlet, &self.outlet)
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

/// The old values are the new ones' first; more may follow.
fn adds_to(old: &[String], new: &[String]) -> bool {
    new.starts_with(old)
}

/// What the filter kept, in index order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    pub articles: Vec<usize>,
    /// `(article, statement)` pairs.
    pub statements: Vec<(usize, usize)>,
}

/// The parties a statement involves: shared by every statement that
/// involves the same ones.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Parties {
    speaker: Option<Name>,
    blames: Vec<Name>,
    supports: Vec<Name>,
}

impl Parties {
    fn of(statement: &Statement) -> Parties {
        Parties {
            speaker: statement.speaker_party.clone(),
            blames: statement.blames().cloned().collect(),
            supports: statement.supports().cloned().collect(),
        }
    }

    fn all(&self) -> impl Iterator<Item = &Name> {
        self.speaker
            .iter()
            .chain(&self.blames)
            .chain(&self.supports)
    }
}

/// One statement's place in its article's buffer and what the search tests
/// before scanning it.
#[derive(Clone, Copy, Debug, Default)]
struct StatementEntry {
    /// Which byte classes its haystack contains (see [`byte_mask`]): a cheap
    /// test before the subsequence scan.
    mask: u128,
    /// Where its haystack ends in the article's `statement_text`.
    end: u32,
    /// Where its speaker's words start there.
    speaker_start: u32,
    /// Index into [`FilterIndex::parties`].
    parties: u32,
}

#[derive(Clone, Debug, Default)]
struct ArticleEntry {
    haystack: Vec<u8>,
    /// [`byte_mask`] of `haystack`.
    mask: u128,
    /// The outlet's name, encoded.
    outlet: Vec<u8>,
    lang: Option<Lang>,
    statements: Vec<StatementEntry>,
    /// Every statement's haystack (its words, then its speaker's), back to
    /// back: one allocation per article keeps a scan of 100,000 statements
    /// in cache.
    statement_text: Vec<u8>,
}

impl ArticleEntry {
    fn statement_start(&self, statement: usize) -> usize {
        statement
            .checked_sub(1)
            .map_or(0, |p| self.statements[p].end as usize)
    }

    fn statement_haystack(&self, statement: usize) -> &[u8] {
        let end = self.statements[statement].end as usize;
        self.statement_text
            .get(self.statement_start(statement)..end)
            .unwrap_or_default()
    }

    fn speaker_haystack(&self, statement: usize) -> &[u8] {
        let entry = &self.statements[statement];
        self.statement_text
            .get(entry.speaker_start as usize..entry.end as usize)
            .unwrap_or_default()
    }
}

/// A buffer offset as stored; an article's haystacks stay far below 4 GiB
/// (articles are size-limited), and a larger one would only match less.
fn offset(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
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
    /// Every distinct combination of parties the statements involve.
    parties: Vec<Parties>,
    party_numbers: HashMap<Parties, u32>,
}

/// A query's free-text terms resolved against the directory: for each
/// term, the encoded forms that may match it (itself and the Arabic aliases
/// of English names it is part of). The search asks whether they match;
/// highlighting asks where.
#[derive(Clone, Debug, Default)]
pub struct Terms {
    needles: Vec<Vec<Needle>>,
}

impl Terms {
    pub fn resolve(query: &Query, directory: &Directory) -> Terms {
        let needles = query
            .terms
            .iter()
            .map(|term| {
                let mut alternatives = vec![Needle::typed(encode(term))];
                if char_count(term) >= ALIAS_MIN_CHARS {
                    for alias in directory.aliases() {
                        if fold(&alias.english).contains(term.as_str()) {
                            alternatives
                                .extend(alias.arabic.iter().map(|a| Needle::name(encode(a))));
                        }
                    }
                }
                alternatives
            })
            .collect();
        Terms { needles }
    }

    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// The characters of `text` the terms match, as byte ranges: for each
    /// form of each term, where the filter finds it first.
    pub fn ranges_in(&self, text: &str) -> Vec<TextRange> {
        if self.needles.is_empty() {
            return Vec::new();
        }
        let (haystack, sources) = encode_with_sources(text);
        let mut ranges = Vec::new();
        for needle in self.needles.iter().flatten() {
            if let Some(first) = needle.places(&haystack).into_iter().next() {
                ranges.extend(first.into_iter().map(|at| char_range(text, sources[at])));
            }
        }
        ranges
    }

    /// Every place a term matches in encoded `haystack`, as the positions
    /// of its bytes: each word a typed term matches, each occurrence of a
    /// name it stands for.
    pub fn places_in(&self, haystack: &[u8]) -> Vec<Vec<usize>> {
        self.needles
            .iter()
            .flatten()
            .flat_map(|needle| needle.places(haystack))
            .collect()
    }

    /// Whether a term matches one of party `id`'s names (the filter then
    /// keeps the statements the party speaks in or is tagged in).
    pub fn name_party(&self, id: &str, directory: &Directory) -> bool {
        self.in_names(id, directory).into_iter().any(|named| named)
    }

    /// Per term: whether one of party `id`'s names matches it.
    fn in_names(&self, id: &str, directory: &Directory) -> Vec<bool> {
        let mut names = Vec::new();
        for name in directory.names(id) {
            encode_into(name, &mut names);
            names.push(b' ');
        }
        let mask = byte_mask(&names);
        self.needles
            .iter()
            .map(|alts| alts.iter().any(|alt| alt.matches(mask, || &names)))
            .collect()
    }
}

/// The byte range of the character of `text` starting at `start`.
fn char_range(text: &str, start: usize) -> TextRange {
    let len = text[start..].chars().next().map_or(0, char::len_utf8);
    TextRange::new(start, start + len)
}

/// A query resolved against the directory once, before the scan.
struct Resolved<'q> {
    query: &'q Query,
    terms: &'q Terms,
    /// Each `speaker:` value encoded, with the Arabic names of the people
    /// it names in English, to find as whole words in a speaker's words.
    speakers: Vec<Vec<Vec<u8>>>,
    /// Each `outlet:` value encoded.
    outlets: Vec<Vec<u8>>,
    blames: Vec<HashSet<String>>,
    supports: Vec<HashSet<String>>,
    speaker: Vec<HashSet<String>>,
}

/// What a query says about each party combination, worked out once per
/// search rather than once per statement.
#[derive(Default)]
struct PartyVerdicts {
    /// The `blames:` and `supports:` qualifiers hold.
    qualified: Vec<bool>,
    /// Per combination, per `speaker:` value: the speaker's party matches.
    speaker: Vec<bool>,
    /// Per combination, per term: one of the parties' names matches.
    terms: Vec<bool>,
    speakers_per_row: usize,
    terms_per_row: usize,
}

impl PartyVerdicts {
    fn speaker_matches(&self, parties: usize, value: usize) -> bool {
        self.speaker[parties * self.speakers_per_row + value]
    }

    fn term_matches(&self, parties: usize, term: usize) -> bool {
        self.terms[parties * self.terms_per_row + term]
    }
}

impl FilterIndex {
    /// (Re)computes the haystacks of article `index`. Party names are not
    /// part of them (the search looks them up), so a new directory needs no
    /// re-indexing.
    pub fn set_article(&mut self, index: usize, article: &Article, statements: &[Statement]) {
        if self.articles.len() <= index {
            self.articles.resize_with(index + 1, ArticleEntry::default);
        }
        let outlet = article.meta.outlet.as_deref().unwrap_or_default();
        let mut haystack = encode(&format!("{} {}", article.title, outlet));
        haystack.shrink_to_fit();
        let mut entry = ArticleEntry {
            mask: byte_mask(&haystack),
            haystack,
            outlet: encode(outlet),
            lang: Some(article.lang),
            statements: Vec::with_capacity(statements.len()),
            statement_text: Vec::new(),
        };
        for statement in statements {
            let parties = self.number(Parties::of(statement));
            entry.statements.push(append_statement(
                &mut entry.statement_text,
                article,
                statement,
                parties,
            ));
        }
        entry.statement_text.shrink_to_fit();
        self.articles[index] = entry;
    }

    /// The number of a party combination, added on first sight.
    fn number(&mut self, parties: Parties) -> u32 {
        if let Some(&number) = self.party_numbers.get(&parties) {
            return number;
        }
        let number = offset(self.parties.len());
        self.parties.push(parties.clone());
        self.party_numbers.insert(parties, number);
        number
    }

    /// How many distinct party combinations the statements involve.
    pub fn party_combinations(&self) -> usize {
        self.parties.len()
    }

    /// The bytes the statements' haystacks take: about half the UTF-8 text
    /// of the statements and their speakers (one byte a letter).
    pub fn statement_haystack_bytes(&self) -> usize {
        self.articles.iter().map(|a| a.statement_text.len()).sum()
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
        self.search_terms(
            query,
            &Terms::resolve(query, directory),
            directory,
            previous,
        )
    }

    /// [`Self::search`] with the query's terms already resolved.
    pub fn search_terms(
        &self,
        query: &Query,
        terms: &Terms,
        directory: &Directory,
        previous: Option<&Matches>,
    ) -> Matches {
        let resolved = resolve(query, terms, directory);
        let verdicts = self.party_verdicts(&resolved, directory);
        let per_article: Vec<(usize, bool, Vec<usize>)> = match previous {
            Some(prev) => candidates(prev)
                .into_par_iter()
                .map(|(a, stmts)| self.evaluate(&resolved, &verdicts, a, stmts.into_iter()))
                .collect(),
            None => (0..self.articles.len())
                .into_par_iter()
                .with_min_len(PARALLEL_CHUNK)
                .map(|a| {
                    let statements = 0..self.articles[a].statements.len();
                    self.evaluate(&resolved, &verdicts, a, statements)
                })
                .collect(),
        };
        // Sized once: growing by doubling asks the allocator for ever larger
        // blocks, each a walk of the free lists once the heap is fragmented.
        let mut matches = Matches {
            articles: Vec::with_capacity(per_article.iter().filter(|(_, p, _)| *p).count()),
            statements: Vec::with_capacity(per_article.iter().map(|(_, _, s)| s.len()).sum()),
        };
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

    /// The query's verdict on every party combination.
    fn party_verdicts(&self, q: &Resolved, directory: &Directory) -> PartyVerdicts {
        let mut verdicts = PartyVerdicts {
            speakers_per_row: q.speaker.len(),
            terms_per_row: q.terms.needles.len(),
            ..PartyVerdicts::default()
        };
        let query = q.query;
        // Per party id: which terms its names match (combinations share
        // parties, so each party's names are encoded once per search).
        let mut by_party: HashMap<&str, Vec<bool>> = HashMap::new();
        for parties in &self.parties {
            verdicts.qualified.push(
                query
                    .blames
                    .iter()
                    .zip(&q.blames)
                    .all(|(v, set)| party_in(&parties.blames, set, v, directory))
                    && query
                        .supports
                        .iter()
                        .zip(&q.supports)
                        .all(|(v, set)| party_in(&parties.supports, set, v, directory)),
            );
            verdicts.speaker.extend(
                query
                    .speaker
                    .iter()
                    .zip(&q.speaker)
                    .map(|(v, set)| party_in(parties.speaker.as_slice(), set, v, directory)),
            );
            if q.terms.is_empty() {
                continue;
            }
            let mut row = vec![false; q.terms.needles.len()];
            for id in parties.all() {
                let named = by_party
                    .entry(id.as_str())
                    .or_insert_with(|| q.terms.in_names(id, directory));
                for (matched, &by_name) in row.iter_mut().zip(named.iter()) {
                    *matched |= by_name;
                }
            }
            verdicts.terms.extend(row);
        }
        verdicts
    }

    fn evaluate(
        &self,
        q: &Resolved,
        verdicts: &PartyVerdicts,
        a: usize,
        statements: impl Iterator<Item = usize>,
    ) -> (usize, bool, Vec<usize>) {
        let Some(entry) = self.articles.get(a) else {
            return (a, false, Vec::new());
        };
        let article_ok = q.query.lang.is_none_or(|l| entry.lang == Some(l))
            && q.outlets.iter().all(|o| contains_words(o, &entry.outlet));
        if !article_ok {
            return (a, false, Vec::new());
        }
        let title_terms: Vec<bool> = q
            .terms
            .needles
            .iter()
            .map(|alts| {
                alts.iter()
                    .any(|alt| alt.matches(entry.mask, || &entry.haystack))
            })
            .collect();
        let kept: Vec<usize> = statements
            .filter(|&s| {
                s < entry.statements.len() && statement_passes(q, verdicts, entry, s, &title_terms)
            })
            .collect();
        let passes = !kept.is_empty()
            || (!q.query.has_statement_qualifiers() && title_terms.iter().all(|&t| t));
        (a, passes, kept)
    }
}

/// Appends a statement's haystack (its words, a space, its speaker's words)
/// to `text` and says where it lies.
fn append_statement(
    text: &mut Vec<u8>,
    article: &Article,
    statement: &Statement,
    parties: u32,
) -> StatementEntry {
    let slice = |r: mizan_text::TextRange| article.source.get(r.as_range()).unwrap_or("");
    let start = text.len();
    encode_into(slice(statement.range), text);
    if text.len() > start && text.last() != Some(&b' ') {
        text.push(b' ');
    }
    let speaker_start = text.len();
    encode_into(statement.speaker.map(slice).unwrap_or(""), text);
    StatementEntry {
        mask: byte_mask(&text[start..]),
        end: offset(text.len()),
        speaker_start: offset(speaker_start),
        parties,
    }
}

fn resolve<'q>(query: &'q Query, terms: &'q Terms, directory: &Directory) -> Resolved<'q> {
    let parties = |values: &[String]| -> Vec<HashSet<String>> {
        values.iter().map(|v| parties_named(directory, v)).collect()
    };
    Resolved {
        query,
        terms,
        speakers: query
            .speaker
            .iter()
            .map(|value| {
                let mut alternatives = vec![encode(value)];
                alternatives.extend(people_named(directory, value).map(encode));
                alternatives
            })
            .collect(),
        outlets: query.outlet.iter().map(|v| encode(v)).collect(),
        blames: parties(&query.blames),
        supports: parties(&query.supports),
        speaker: parties(&query.speaker),
    }
}

/// Whether `value` (folded) names party `id`: its id, its short code, one
/// of its names whole, or a whole word of one (`oman`, `kuw`, `united`).
fn names_party(directory: &Directory, id: &str, value: &str) -> bool {
    directory
        .names(id)
        .into_iter()
        .any(|name| name_words(name).any(|word| word == value) || fold(name) == value)
}

/// The words of a name, folded (an id's words are joined by `_`).
fn name_words(name: &str) -> impl Iterator<Item = String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// Ids of the parties `value` (folded) names.
fn parties_named(directory: &Directory, value: &str) -> HashSet<String> {
    directory
        .parties()
        .filter(|p| names_party(directory, &p.id, value))
        .map(|p| p.id.clone())
        .collect()
}

/// The Arabic names of the people one of whose English names has `value`
/// (folded) as a word.
fn people_named<'d>(directory: &'d Directory, value: &str) -> impl Iterator<Item = &'d str> {
    let value = value.to_string();
    directory
        .aliases()
        .iter()
        .filter(move |alias| name_words(&alias.english).any(|word| word == value))
        .flat_map(|alias| alias.arabic.iter().map(String::as_str))
}

/// Whether one of `ids` is a party `value` names: one of the directory's
/// (`set`), or an id the directory does not know whose words hold it.
fn party_in(ids: &[Name], set: &HashSet<String>, value: &str, directory: &Directory) -> bool {
    ids.iter().any(|id| {
        set.contains(&**id) || (directory.party(id).is_none() && names_party(directory, id, value))
    })
}

/// A qualifier value that names nothing the directory knows, with the
/// known names nearest to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    /// `blames`, `supports` or `speaker`.
    pub qualifier: &'static str,
    pub value: String,
    pub suggestions: Vec<String>,
}

/// The `blames:`, `supports:` and `speaker:` values of `query` that name no
/// party (and for `speaker:`, no person) of `directory`.
pub fn unknown_values(query: &Query, directory: &Directory) -> Vec<Unknown> {
    let party_names: Vec<String> = directory
        .parties()
        .flat_map(|p| directory.names(&p.id))
        .flat_map(name_words)
        .collect();
    let people_names: Vec<String> = directory
        .aliases()
        .iter()
        .flat_map(|alias| name_words(&alias.english))
        .collect();
    let qualifiers = [
        ("blames", &query.blames),
        ("supports", &query.supports),
        ("speaker", &query.speaker),
    ];
    let mut unknown = Vec::new();
    for (qualifier, values) in qualifiers {
        let known: Vec<&str> = match qualifier {
            "speaker" => party_names
                .iter()
                .chain(&people_names)
                .map(String::as_str)
                .collect(),
            _ => party_names.iter().map(String::as_str).collect(),
        };
        for value in values {
            if known.contains(&value.as_str()) || !parties_named(directory, value).is_empty() {
                continue;
            }
            unknown.push(Unknown {
                qualifier,
                value: value.clone(),
                suggestions: crate::suggest::nearest(value, known.iter().copied())
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            });
        }
    }
    unknown
}

fn statement_passes(
    q: &Resolved,
    verdicts: &PartyVerdicts,
    article: &ArticleEntry,
    index: usize,
    title_terms: &[bool],
) -> bool {
    let entry = &article.statements[index];
    let parties = entry.parties as usize;
    verdicts.qualified[parties]
        && q.speakers.iter().enumerate().all(|(value, alternatives)| {
            verdicts.speaker_matches(parties, value)
                || alternatives
                    .iter()
                    .any(|words| contains_words(words, article.speaker_haystack(index)))
        })
        && q.terms
            .needles
            .iter()
            .zip(title_terms)
            .enumerate()
            .all(|(term, (alts, &in_title))| {
                in_title
                    || verdicts.term_matches(parties, term)
                    || alts
                        .iter()
                        .any(|alt| alt.matches(entry.mask, || article.statement_haystack(index)))
            })
}

/// One encoded form of a term, with its byte mask.
#[derive(Clone, Debug)]
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

    /// Each place the needle occurs in `haystack`, as the positions of its
    /// bytes, first place first: the first is what [`Self::matches`] found.
    fn places(&self, haystack: &[u8]) -> Vec<Vec<usize>> {
        if self.bytes.is_empty() {
            return Vec::new();
        }
        if !self.exact {
            return subsequence_positions(&self.bytes, haystack);
        }
        memchr::memmem::find_iter(haystack, &self.bytes)
            .map(|start| (start..start + self.bytes.len()).collect())
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::PartyInfo;
    use mizan_engine::corpus::Meta;
    use mizan_engine::lexicon::Origin;
    use mizan_engine::tagger::{Evidence, Relation};
    use mizan_text::TextRange;

    const SPEAKER: &str = "لافروف";

    /// One article whose every sentence is a statement by Lavrov of `russia`
    /// blaming `armenia`.
    fn article(sentences: &[&str]) -> (Article, Vec<Statement>) {
        let mut source = format!("{SPEAKER}\n\n");
        let mut statements = Vec::new();
        for sentence in sentences {
            let start = source.len();
            source.push_str(sentence);
            statements.push(Statement {
                range: TextRange::new(start, source.len()),
                quote: None,
                speaker: Some(TextRange::new(0, SPEAKER.len())),
                speaker_party: Some("russia".into()),
                evidence: Box::new([Evidence {
                    relation: Relation::Blames,
                    party: "armenia".into(),
                    cue: TextRange::new(start, start),
                    target: TextRange::new(start, start),
                    rule: "blame".into(),
                    origin: Origin {
                        file: "t.toml".into(),
                        line: 1,
                    },
                }]),
            });
            source.push_str("\n\n");
        }
        let article = Article {
            path: "t.txt".into(),
            title: SPEAKER.into(),
            title_range: Some(TextRange::new(0, SPEAKER.len())),
            meta: Meta::default(),
            lang: Lang::Ar,
            paragraphs: statements.iter().map(|s| s.range).collect(),
            source,
        };
        (article, statements)
    }

    fn directory(armenia_ar: &str) -> Directory {
        let party = |id: &str, name_ar: &str| PartyInfo {
            id: id.into(),
            name_en: id.into(),
            name_ar: name_ar.into(),
            ..PartyInfo::default()
        };
        Directory::new(
            [party("russia", "روسيا"), party("armenia", armenia_ar)],
            Vec::new(),
        )
    }

    fn indexed(sentences: &[&str]) -> FilterIndex {
        let (article, statements) = article(sentences);
        let mut index = FilterIndex::default();
        index.set_article(0, &article, &statements);
        index
    }

    #[test]
    fn statements_with_the_same_parties_share_one_entry_and_store_no_names() {
        let sentences = [
            "خرقت القوات الهدنة.",
            "قصف مدفعي قرب البلدة.",
            "الهدنة انتهت.",
        ];
        let index = indexed(&sentences);
        assert_eq!(index.statement_count(), 3);
        assert_eq!(index.party_combinations(), 1);
        let own_words: usize = sentences
            .iter()
            .map(|s| encode(s).len() + encode(SPEAKER).len())
            .sum();
        assert!(
            index.statement_haystack_bytes() <= own_words + sentences.len(),
            "{} bytes for {own_words} bytes of words: party names were stored",
            index.statement_haystack_bytes()
        );
    }

    #[test]
    fn party_names_match_from_the_directory_of_the_search() {
        let index = indexed(&["خرقت القوات الهدنة."]);
        let search = |query: &str, directory: &Directory| {
            index
                .search(&Query::parse(query), directory, None)
                .statements
        };
        assert_eq!(search("أرمينيا", &directory("أرمينيا")), vec![(0, 0)]);
        assert_eq!(search("speaker:روسيا", &directory("أرمينيا")), vec![(0, 0)]);
        assert_eq!(search("speaker:لافروف", &directory("أرمينيا")), vec![(0, 0)]);
        assert!(search("أرمينيا", &directory("يريفان")).is_empty());
        assert_eq!(search("يريفان", &directory("يريفان")), vec![(0, 0)]);
        assert!(search("blames:russia", &directory("أرمينيا")).is_empty());
    }
}
