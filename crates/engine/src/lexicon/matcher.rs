//! The compiled phrase matcher: every lexicon term, normalised and cut into
//! words, indexed by its first word. Lookup is clitic-aware without stemming:
//! a token is looked up as written, then with its proclitics (و ف، ب ل ك،
//! ال، لل) removed, and a stripped form counts only when it is itself an
//! entry, so بيسكوف or وزارة are never cut. Cue nouns and verbs also match
//! with a pronoun suffix (استفزازاتها، اتهمها), which the tagger reads as a
//! possessor or an object, and cues in the accusative (خرقا، عدوانا).

use mizan_text::segment::{Token, TokenKind};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// What a matched phrase means; one phrase can mean several things (من is
/// a preposition and an agent marker).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SenseKind {
    /// Names a party: `party` indexes `Lexicon::parties`.
    Party {
        party: u32,
        via: Via,
    },
    Verb(u32),
    Source(u32),
    Cue(u32),
    /// Introduces the target of cue `u32` (`target = "marker"`).
    CueMarker(u32),
    Negator,
    /// A verb of acceptance: negated, it rejects what follows.
    Refusal,
    Complementizer,
    ClauseOpener,
    Relative,
    Preposition,
    AgentMarker,
    RelayMarker,
    Anaphor,
    Unaffiliated,
    Title,
    /// A body that speaks (a ministry, an army): the speaker is no person.
    Body,
    /// A pronoun standing for a speaker named before.
    Pronoun(Pronoun),
    Skip,
    /// A possessive pronoun before a cue ("its provocations").
    Possessive,
    /// A noun naming an act or stance of a party (decision, القرار).
    ActNoun,
    /// A noun of a speech act (accusations, تصريحات).
    SpeechNoun,
    /// this, these, هذا، هذه.
    Demonstrative,
    /// A name of party `u32` that is also a common word: it counts only
    /// where the article names the party otherwise.
    WeakParty(u32),
}

/// What a pronoun can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    Masculine,
    Feminine,
    Body,
    Plural,
}

/// How a phrase names its party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Alias,
    Demonym,
    /// A person: indexes `Lexicon::people`.
    Person(u32),
}

/// A meaning with the lexicon line it came from (an index into the
/// lexicon's origin table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sense {
    pub kind: SenseKind,
    pub origin: u32,
}

/// Which proclitics were removed from the first word of a match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Proclitics {
    pub conjunction: bool,
    pub preposition: bool,
    pub article: bool,
}

/// One match: tokens `first..end` of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub first: usize,
    pub end: usize,
    pub phrase: u32,
    pub proclitics: Proclitics,
    /// The last word carried a pronoun suffix (a possessor).
    pub suffixed: bool,
}

/// A node of the word trie: the phrase ending here (its meanings) and the
/// words that continue it.
#[derive(Debug, Default)]
struct Node {
    senses: Vec<Sense>,
    /// Written in capitals (US, UN): matches only a capitalised token.
    capitals: bool,
    next: Continuations,
}

/// The words that continue a phrase, each with its node. Most nodes have
/// one or two, where a short list beats hashing; a node that many phrases
/// share (thousands of aliases "Front 1" ... "Front 9999" in a user's
/// lexicon) becomes a map, so that every step of adding and matching stays
/// constant time instead of growing with the node's width.
#[derive(Debug)]
enum Continuations {
    Few(Vec<(Box<str>, u32)>),
    Many(FnvMap<Box<str>, u32>),
}

/// The widest node kept as a list: searching a few short words needs no
/// hashing of the word looked up, and beyond a few, hashing it once is
/// cheaper than comparing it with each.
const MAX_LISTED: usize = 8;

impl Default for Continuations {
    fn default() -> Self {
        Self::Few(Vec::new())
    }
}

impl Continuations {
    fn get(&self, word: &str) -> Option<u32> {
        match self {
            Self::Few(list) => list.iter().find(|(w, _)| **w == *word).map(|&(_, n)| n),
            Self::Many(map) => map.get(word).copied(),
        }
    }

    /// Adds `word`, which is not there yet.
    fn insert(&mut self, word: Box<str>, node: u32) {
        match self {
            Self::Few(list) if list.len() < MAX_LISTED => list.push((word, node)),
            Self::Few(list) => {
                let mut map: FnvMap<Box<str>, u32> = list.drain(..).collect();
                map.insert(word, node);
                *self = Self::Many(map);
            }
            Self::Many(map) => {
                map.insert(word, node);
            }
        }
    }
}

/// FNV-1a: lexicon keys are short words, where it beats SipHash by far and
/// no untrusted party chooses the keys.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Phrases of one language, as a trie of words; a phrase's id is the id of
/// the node it ends at.
#[derive(Debug, Default)]
pub struct Matcher {
    first_words: FnvMap<Box<str>, u32>,
    /// A bit per signature of every first word: most readings of most words
    /// are no entry, and this rules them out before hashing.
    first_word_bits: Vec<u64>,
    nodes: Vec<Node>,
}

const SIGNATURE_BITS: usize = 1 << 16;

/// A cheap 16-bit signature of a word: its length and outer bytes.
fn signature(word: &str) -> usize {
    let bytes = word.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return 0;
    };
    let second = bytes.get(1).copied().unwrap_or(0);
    let before_last = bytes[..bytes.len() - 1].last().copied().unwrap_or(0);
    let mixed = (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ u64::from(u32::from_le_bytes([first, second, before_last, last]))
            .wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (mixed >> 48) as usize % SIGNATURE_BITS
}

/// Endings a cue or verb is also found under: pronoun suffixes (a possessor
/// or an object), and for cues the accusative tanween alif (خرقا، عدوانا),
/// which changes nothing about the word's target.
const SUFFIXES: [(&str, bool); 5] = [
    ("هما", true),
    ("ها", true),
    ("هم", true),
    ("ه", true),
    ("ا", false),
];

impl Matcher {
    /// Adds a meaning to the phrase `words` (already normalised, not empty)
    /// and returns the phrase's id.
    pub fn add(&mut self, words: &[Box<str>], capitals: bool, sense: Sense) -> u32 {
        let mut node = match self.first_words.get(&words[0]) {
            Some(&node) => node,
            None => {
                let node = self.new_node();
                self.first_words.insert(words[0].clone(), node);
                if self.first_word_bits.is_empty() {
                    self.first_word_bits = vec![0; SIGNATURE_BITS / 64];
                }
                let bit = signature(&words[0]);
                self.first_word_bits[bit / 64] |= 1 << (bit % 64);
                node
            }
        };
        for word in &words[1..] {
            node = match self.nodes[node as usize].next.get(word) {
                Some(next) => next,
                None => {
                    let next = self.new_node();
                    self.nodes[node as usize].next.insert(word.clone(), next);
                    next
                }
            };
        }
        let entry = &mut self.nodes[node as usize];
        entry.capitals |= capitals;
        if !entry.senses.contains(&sense) {
            entry.senses.push(sense);
        }
        node
    }

    /// Whether `word` may be the first word of a phrase (false: it is not).
    fn may_start(&self, word: &str) -> bool {
        let bit = signature(word);
        self.first_word_bits
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    fn new_node(&mut self) -> u32 {
        self.nodes.push(Node::default());
        (self.nodes.len() - 1) as u32
    }

    fn walk(&self, words: &[Box<str>]) -> Option<u32> {
        let mut node = *self.first_words.get(words.first()?)?;
        for word in &words[1..] {
            node = self.nodes[node as usize].next.get(word)?;
        }
        Some(node)
    }

    /// Whether phrase `words` has a meaning already.
    pub fn knows(&self, words: &[Box<str>]) -> bool {
        self.walk(words)
            .is_some_and(|node| !self.nodes[node as usize].senses.is_empty())
    }

    /// Removes every meaning of phrase `words`.
    pub fn remove(&mut self, words: &[Box<str>]) {
        if let Some(node) = self.walk(words) {
            self.nodes[node as usize].senses.clear();
        }
    }

    /// Keeps only the meanings `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&Sense) -> bool) {
        for node in &mut self.nodes {
            node.senses.retain(&keep);
        }
    }

    pub fn senses(&self, phrase: u32) -> &[Sense] {
        &self.nodes[phrase as usize].senses
    }

    /// Matches the tokens of `text` left to right, longest phrase first;
    /// matches never overlap. `capitalised[i]` says whether token `i` was
    /// written in capitals in the original.
    pub fn find(&self, text: &str, tokens: &[Token], capitalised: &[bool]) -> Vec<Hit> {
        let mut hits = Vec::with_capacity(tokens.len() / 2);
        let mut key = String::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.match_at(text, tokens, capitalised, i, &mut key) {
                Some(hit) => {
                    i = hit.end;
                    hits.push(hit);
                }
                None => i += 1,
            }
        }
        hits
    }

    fn match_at(
        &self,
        text: &str,
        tokens: &[Token],
        capitalised: &[bool],
        i: usize,
        key: &mut String,
    ) -> Option<Hit> {
        let capital = capitalised.get(i).copied().unwrap_or(false);
        let word = tokens[i].text(text);
        if tokens[i].kind != TokenKind::Word {
            return self.longest(text, tokens, capital, i, word, Proclitics::default());
        }
        for variant in variants(word) {
            let candidate = variant.key(word, key);
            if let Some(hit) = self.longest(text, tokens, capital, i, candidate, variant.proclitics)
            {
                return Some(hit);
            }
        }
        self.match_suffixed(word, i, key)
    }

    fn match_suffixed(&self, word: &str, i: usize, key: &mut String) -> Option<Hit> {
        let short = word.len() < 10;
        if short && (word.len() < 8 || !word.ends_with('ا')) || !word.starts_with(is_arabic_letter)
        {
            return None;
        }
        for variant in variants(word).into_iter().take(3) {
            for (suffix, pronoun) in SUFFIXES {
                let Some(stem) = word.strip_suffix(suffix) else {
                    continue;
                };
                let shortest_word = if pronoun { 10 } else { 8 };
                if word.len() < shortest_word || stem.len() < usize::from(variant.start) + 6 {
                    continue;
                }
                // حكومته، خارجيتها: a ta marbuta before a suffix is written ت.
                let restored = pronoun
                    .then(|| stem.strip_suffix('ت'))
                    .flatten()
                    .map(|s| format!("{s}ه"));
                for stem in std::iter::once(stem).chain(restored.as_deref()) {
                    if let Some(phrase) = self.suffixed_phrase(variant, stem, pronoun, key) {
                        return Some(Hit {
                            first: i,
                            end: i + 1,
                            phrase,
                            proclitics: variant.proclitics,
                            suffixed: pronoun,
                        });
                    }
                }
            }
        }
        None
    }

    /// The one-word phrase `stem` (read as `variant`) names, when a suffix
    /// may follow it: a cue, and with a pronoun suffix also a verb (اتهمها)
    /// or a title (حكومته، رئيسها).
    fn suffixed_phrase(
        &self,
        variant: Variant,
        stem: &str,
        pronoun: bool,
        key: &mut String,
    ) -> Option<u32> {
        let candidate = variant.key(stem, key);
        let &node = self
            .may_start(candidate)
            .then(|| self.first_words.get(candidate))
            .flatten()?;
        self.nodes[node as usize]
            .senses
            .iter()
            .any(|s| match s.kind {
                SenseKind::Cue(_) => true,
                SenseKind::Verb(_) | SenseKind::Title => pronoun,
                _ => false,
            })
            .then_some(node)
    }

    /// The longest phrase starting with `first` (a reading of token `i`)
    /// and continuing with the tokens after it.
    fn longest(
        &self,
        text: &str,
        tokens: &[Token],
        capital: bool,
        i: usize,
        first: &str,
        proclitics: Proclitics,
    ) -> Option<Hit> {
        if !self.may_start(first) {
            return None;
        }
        let mut node = *self.first_words.get(first)?;
        let mut best = None;
        let mut end = i + 1;
        loop {
            let entry = &self.nodes[node as usize];
            if !entry.senses.is_empty() && (capital || !entry.capitals) {
                best = Some((end, node));
            }
            let Some(token) = tokens.get(end) else { break };
            let word = token.text(text);
            match entry.next.get(word) {
                Some(next) => node = next,
                None => break,
            }
            end += 1;
        }
        best.map(|(end, phrase)| Hit {
            first: i,
            end,
            phrase,
            proclitics,
            suffixed: false,
        })
    }
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0620}'..='\u{064A}').contains(&c)
}

/// A way to read a word: skip `start` bytes, optionally put an alef back
/// (لل + word is ل + ال + word with the alef elided).
#[derive(Clone, Copy, Debug)]
struct Variant {
    /// Bytes skipped: at most eight (و + ب + ال).
    start: u8,
    restore_alef: bool,
    proclitics: Proclitics,
}

impl Variant {
    fn key<'a>(self, word: &'a str, buffer: &'a mut String) -> &'a str {
        if self.restore_alef {
            buffer.clear();
            buffer.push('ا');
            buffer.push_str(&word[usize::from(self.start)..]);
            buffer.as_str()
        } else {
            &word[usize::from(self.start)..]
        }
    }
}

/// The readings of `word`, least stripped first. Every Arabic proclitic
/// letter is two bytes in UTF-8; each stripped form keeps two letters at least.
fn variants(word: &str) -> Variants {
    let mut out = Variants::default();
    out.push(Variant {
        start: 0,
        restore_alef: false,
        proclitics: Proclitics::default(),
    });
    if !word.starts_with(is_arabic_letter) {
        return out;
    }
    let mut bases = [(0u8, Proclitics::default()); 2];
    let mut base_count = 1;
    if (word.starts_with('و') || word.starts_with('ف')) && word.len() >= 6 {
        let proclitics = Proclitics {
            conjunction: true,
            ..Proclitics::default()
        };
        out.push(Variant {
            start: 2,
            restore_alef: false,
            proclitics,
        });
        bases[1] = (2, proclitics);
        base_count = 2;
    }
    for &(base, proclitics) in &bases[..base_count] {
        let rest = &word[usize::from(base)..];
        if rest.starts_with("لل") && rest.len() >= 8 {
            let p = Proclitics {
                preposition: true,
                article: true,
                ..proclitics
            };
            out.push(Variant {
                start: base + 2,
                restore_alef: true,
                proclitics: p,
            });
        }
        if (rest.starts_with('ب') || rest.starts_with('ل') || rest.starts_with('ك'))
            && rest.len() >= 6
        {
            let p = Proclitics {
                preposition: true,
                ..proclitics
            };
            out.push(Variant {
                start: base + 2,
                restore_alef: false,
                proclitics: p,
            });
            if rest[2..].starts_with("ال") && rest.len() >= 10 {
                let p = Proclitics { article: true, ..p };
                out.push(Variant {
                    start: base + 6,
                    restore_alef: false,
                    proclitics: p,
                });
            }
        }
        if rest.starts_with("ال") && rest.len() >= 8 {
            let p = Proclitics {
                article: true,
                ..proclitics
            };
            out.push(Variant {
                start: base + 4,
                restore_alef: false,
                proclitics: p,
            });
        }
    }
    out
}

/// At most nine readings of a word, without allocating.
#[derive(Default)]
struct Variants {
    items: [Option<Variant>; 9],
    len: usize,
}

impl Variants {
    fn push(&mut self, variant: Variant) {
        if self.len < self.items.len() {
            self.items[self.len] = Some(variant);
            self.len += 1;
        }
    }
}

impl IntoIterator for Variants {
    type Item = Variant;
    type IntoIter = std::iter::Flatten<std::array::IntoIter<Option<Variant>, 9>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mizan_text::normalize::normalize;
    use mizan_text::segment::tokenize;

    fn words(s: &str) -> Vec<Box<str>> {
        let n = normalize(s);
        tokenize(&n.text)
            .iter()
            .map(|t| t.text(&n.text).into())
            .collect()
    }

    fn matcher() -> Matcher {
        let mut m = Matcher::default();
        let party = |p| Sense {
            kind: SenseKind::Party {
                party: p,
                via: Via::Alias,
            },
            origin: 0,
        };
        m.add(&words("الكرملين"), false, party(0));
        m.add(&words("الأمم المتحدة"), false, party(1));
        m.add(
            &words("أرميني"),
            false,
            Sense {
                kind: SenseKind::Party {
                    party: 2,
                    via: Via::Demonym,
                },
                origin: 0,
            },
        );
        m.add(&words("بيسكوف"), false, party(0));
        m.add(
            &words("استفزازات"),
            false,
            Sense {
                kind: SenseKind::Cue(0),
                origin: 0,
            },
        );
        m.add(&words("US"), true, party(3));
        m
    }

    fn first_hit(m: &Matcher, text: &str) -> Option<Hit> {
        let n = normalize(text);
        let tokens = tokenize(&n.text);
        let caps: Vec<bool> = tokens
            .iter()
            .map(|t| text[t.start..t.end].chars().all(|c| c.is_uppercase()))
            .collect();
        m.find(&n.text, &tokens, &caps).first().copied()
    }

    #[test]
    fn strips_proclitics_only_onto_an_entry() {
        let m = matcher();
        let hit = first_hit(&m, "والكرملين").unwrap();
        assert!(hit.proclitics.conjunction && !hit.proclitics.preposition);
        let hit = first_hit(&m, "للأمم المتحدة").unwrap();
        assert_eq!((hit.end, hit.proclitics.preposition), (2, true));
        assert!(first_hit(&m, "الأرميني").is_some());
        assert!(first_hit(&m, "بيسكوف").is_some());
        assert!(first_hit(&m, "يسكوف").is_none());
    }

    #[test]
    fn a_cue_matches_with_a_pronoun_suffix() {
        let hit = first_hit(&matcher(), "وقف استفزازاتها").unwrap();
        assert!(hit.suffixed);
        assert_eq!(hit.first, 1);
    }

    #[test]
    fn a_cue_matches_in_the_accusative_without_a_possessor() {
        let hit = first_hit(&matcher(), "يشكل استفزازاتا").unwrap();
        assert!(!hit.suffixed);
        assert_eq!(hit.first, 1);
        assert!(first_hit(&matcher(), "بيسكوفا").is_none());
    }

    #[test]
    fn capitalised_entries_need_capitals() {
        let m = matcher();
        assert!(first_hit(&m, "the US said").is_some());
        assert!(first_hit(&m, "told us").is_none());
    }

    #[test]
    fn a_node_wider_than_a_list_keeps_every_phrase() {
        let mut m = Matcher::default();
        let sense = |n| Sense {
            kind: SenseKind::Cue(n),
            origin: 0,
        };
        let width = MAX_LISTED as u32 * 3;
        for n in 0..width {
            m.add(&words(&format!("front {n} east")), false, sense(n));
        }
        m.remove(&words("front 5 east"));
        for n in 0..width {
            let hit = first_hit(&m, &format!("the front {n} east said"));
            if n == 5 {
                assert!(hit.is_none());
                continue;
            }
            let hit = hit.unwrap();
            assert_eq!((hit.first, hit.end), (1, 4));
            assert_eq!(m.senses(hit.phrase), [sense(n)]);
        }
        assert!(m.knows(&words("front 23 east")));
        assert!(!m.knows(&words("front 24 east")));
    }
}
