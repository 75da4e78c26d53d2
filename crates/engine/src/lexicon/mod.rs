//! The user-editable lexicons: TOML files read into plain serde structs,
//! resolved and validated across files, then compiled into a matcher.
//!
//! Everything language- and world-specific the tagger knows (parties and
//! their names, reporting verbs, blame and support cues, function words)
//! lives in `lexicons/{ar,en}/*.toml`; the defaults are embedded in the
//! binary and a user's directories and inline additions are layered on top:
//! a user file adds entries and overrides those of the same id (`layers`).

mod compile;
mod diagnostic;
mod files;
mod layers;
pub mod matcher;
mod name;
pub mod schema;

pub use diagnostic::{Diagnostic, Severity};
pub use files::{
    BuiltinEntry, FileKind, Layer, LexiconFile, builtin_entry, builtin_sources, builtin_text,
};
pub use name::{Name, Origin};
pub use schema::{CueTarget, PartyKind, Stance, VerbKind};

use matcher::{Matcher, SenseKind, Via};
use mizan_text::Lang;
use mizan_text::normalize::normalize;
use mizan_text::segment::tokenize;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// The `[lexicons]` section of `config.toml`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LexiconSettings {
    /// User lexicon directories layered on top of the embedded defaults.
    #[serde(default)]
    pub dirs: Vec<PathBuf>,
    /// Extra party names, for users who only want to add one.
    #[serde(default)]
    pub aliases: Vec<InlineAlias>,
    /// Extra blame or support cues.
    #[serde(default)]
    pub cues: Vec<InlineCue>,
    /// Parties, rules (by id) and terms to switch off.
    #[serde(default)]
    pub off: Vec<String>,
    /// The configuration file these settings were read from, so that a
    /// problem in an inline addition is reported at its line and column.
    #[serde(skip)]
    pub origin: Option<SettingsOrigin>,
}

/// The path and text of the file holding a `[lexicons]` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SettingsOrigin {
    pub path: String,
    pub text: String,
}

/// `{ lang = "ar", party = "israel", alias = "..." }` in `[lexicons]`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InlineAlias {
    pub lang: Lang,
    pub party: String,
    pub alias: String,
}

/// `{ lang = "ar", stance = "blames", target = "noun", term = "..." }`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InlineCue {
    pub lang: Lang,
    pub stance: Stance,
    pub target: CueTarget,
    pub term: String,
}

/// A party: a state, an organisation, a non-state actor or a region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub id: String,
    pub kind: PartyKind,
    pub name_en: String,
    pub name_ar: String,
}

/// A person who speaks for a party; one id across languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub party: u32,
    pub names: Vec<String>,
    pub role: Option<String>,
}

/// A reporting verb's rule.
#[derive(Clone, Debug)]
pub struct VerbRule {
    pub id: String,
    pub kind: VerbKind,
    pub stance: Option<Stance>,
    pub object: bool,
    pub origin: u32,
}

/// A source phrase's rule (بحسب X).
#[derive(Clone, Debug)]
pub struct SourceRule {
    pub id: String,
    pub origin: u32,
}

/// A blame or support cue's rule.
#[derive(Clone, Debug)]
pub struct CueRule {
    pub id: String,
    pub stance: Stance,
    pub target: CueTarget,
    pub negated: bool,
    pub label: bool,
    pub origin: u32,
}

/// A party or person a free-text query names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameHit {
    pub party: String,
    /// The person's id when the query names a person.
    pub person: Option<String>,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    parties: Vec<Party>,
    /// Each party's id, shared by every statement that names the party.
    shared_party_ids: Vec<Name>,
    /// Each verb's and cue's rule name (`verb:ID`, `cue:ID`), shared by
    /// every tag the rule makes.
    verb_rules: Vec<Name>,
    cue_rules: Vec<Name>,
    party_ids: HashMap<String, u32>,
    people: Vec<Person>,
    verbs: Vec<VerbRule>,
    cues: Vec<CueRule>,
    sources: Vec<SourceRule>,
    /// Per origin: index into `origin_files`, line.
    origins: Vec<(u32, u32)>,
    origin_files: Vec<Name>,
    matchers: [Matcher; 2],
    negation_scope: [usize; 2],
    abbreviations: [HashSet<Box<str>>; 2],
    adverb_endings: [Vec<String>; 2],
    masculine_names: [HashSet<Box<str>>; 2],
    /// See [`Lexicon::version`].
    version: String,
}

impl Lexicon {
    /// The embedded defaults. They are checked by the test suite, so this
    /// never meets an error; were it to, the entries that did compile are used.
    pub fn builtin() -> Lexicon {
        Lexicon::compiled(&files::builtin(), &LexiconSettings::default()).0
    }

    /// Defaults, the user's directories and inline additions. Any error
    /// gives every problem found and no lexicon.
    pub fn load(settings: &LexiconSettings) -> Result<Lexicon, Vec<Diagnostic>> {
        let (lexicon, problems) = Lexicon::check(settings);
        if problems.iter().any(Diagnostic::is_error) {
            Err(problems)
        } else {
            Ok(lexicon)
        }
    }

    /// Compiles like `load`, and returns the lexicon with every problem,
    /// warnings included (for `mizan check`).
    pub fn check(settings: &LexiconSettings) -> (Lexicon, Vec<Diagnostic>) {
        let (files, mut problems) = files::gather(&settings.dirs);
        let (lexicon, more) = Lexicon::compiled(&files, settings);
        problems.extend(more);
        (lexicon, problems)
    }

    fn compiled(files: &[LexiconFile], settings: &LexiconSettings) -> (Lexicon, Vec<Diagnostic>) {
        let (mut lexicon, problems) = compile::compile(files, settings);
        lexicon.version = version_of(files, settings);
        (lexicon, problems)
    }

    /// A stable hash of everything the tags depend on: this mizan's version
    /// (the tagger's rules), every resolved lexicon file's path and text, and
    /// the inline additions of `[lexicons]`. Any edit changes it, so results
    /// cached under one version are never served for another.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn party(&self, id: &str) -> Option<&Party> {
        self.party_ids.get(id).map(|&i| &self.parties[i as usize])
    }

    pub fn parties(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter()
    }

    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.iter()
    }

    /// The parties and people a free-text query (English or Arabic) names:
    /// `blinken` and `بلينكن` both find `usa` through `antony_blinken`.
    pub fn lookup_names(&self, query: &str) -> Vec<NameHit> {
        let normalized = normalize(query);
        let tokens = tokenize(&normalized.text);
        let capitalised = vec![true; tokens.len()];
        let mut hits = Vec::new();
        for matcher in &self.matchers {
            for hit in matcher.find(&normalized.text, &tokens, &capitalised) {
                for sense in matcher.senses(hit.phrase) {
                    if let SenseKind::Party { party, via } = sense.kind {
                        let person = match via {
                            Via::Person(p) => Some(self.people[p as usize].id.clone()),
                            Via::Alias | Via::Demonym => None,
                        };
                        hits.push(NameHit {
                            party: self.parties[party as usize].id.clone(),
                            person,
                        });
                    }
                }
            }
        }
        hits.sort();
        hits.dedup();
        hits
    }

    pub(crate) fn matcher(&self, lang: Lang) -> &Matcher {
        &self.matchers[lang_slot(lang)]
    }

    pub(crate) fn party_at(&self, index: u32) -> &Party {
        &self.parties[index as usize]
    }

    /// The id of party `index`, shared rather than copied.
    pub(crate) fn party_id(&self, index: u32) -> Name {
        self.shared_party_ids[index as usize].clone()
    }

    pub(crate) fn verb_rule(&self, index: u32) -> Name {
        self.verb_rules[index as usize].clone()
    }

    pub(crate) fn cue_rule(&self, index: u32) -> Name {
        self.cue_rules[index as usize].clone()
    }

    pub(crate) fn verb(&self, index: u32) -> &VerbRule {
        &self.verbs[index as usize]
    }

    pub(crate) fn cue(&self, index: u32) -> &CueRule {
        &self.cues[index as usize]
    }

    pub(crate) fn origin(&self, index: u32) -> Origin {
        let (file, line) = self.origins[index as usize];
        Origin {
            file: self.origin_files[file as usize].clone(),
            line,
        }
    }

    pub(crate) fn negation_scope(&self, lang: Lang) -> usize {
        self.negation_scope[lang_slot(lang)]
    }

    /// Whether `word` (folded) ends like an adverb of `lang` ("strongly").
    pub(crate) fn is_adverb(&self, lang: Lang, word: &str) -> bool {
        self.adverb_endings[lang_slot(lang)]
            .iter()
            .any(|ending| word.len() > ending.len() + 3 && word.ends_with(ending.as_str()))
    }

    /// Whether `name` (folded) is a state's name that takes a masculine verb.
    pub(crate) fn is_masculine_name(&self, lang: Lang, name: &str) -> bool {
        self.masculine_names[lang_slot(lang)].contains(name)
    }

    pub(crate) fn is_abbreviation(&self, lang: Lang, word: &str) -> bool {
        self.abbreviations[lang_slot(lang)].contains(word)
    }
}

fn version_of(files: &[LexiconFile], settings: &LexiconSettings) -> String {
    // Debug text of the inline additions is stable within one build, and the
    // build's version is part of the hash.
    let inline = format!(
        "{:?}{:?}{:?}",
        settings.aliases, settings.cues, settings.off
    );
    let mut parts: Vec<&[u8]> = vec![env!("CARGO_PKG_VERSION").as_bytes(), inline.as_bytes()];
    for file in files {
        parts.extend([file.path.as_bytes(), file.text.as_bytes()]);
    }
    mizan_text::stable_hash(parts)
}

pub(crate) fn lang_slot(lang: Lang) -> usize {
    match lang {
        Lang::Ar => 0,
        Lang::En => 1,
    }
}
