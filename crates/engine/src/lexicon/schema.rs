//! The lexicon files as written: plain serde structs, one per kind of file,
//! with unknown keys rejected so a typo is an error with a position rather
//! than a silently ignored entry. Spans are kept on every entry that can be
//! the subject of a later diagnostic or of a tag's evidence.
//!
//! Every kind of file also takes the two layering keys, written at its top
//! (before the first `[[...]]`): `replaces_builtin = true`, for a user file
//! that takes the place of the built-in file of its kind and language, and
//! `remove = [...]`, the ids (or, in grammar and negation files, the words)
//! to take out of the files below it. `layers` gives them their meaning.

use serde::Deserialize;
use toml::Spanned;

/// A term with where it was written.
pub type Term = Spanned<String>;

/// `parties.toml`: states, organisations, non-state actors and their people.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartiesFile {
    #[serde(default)]
    pub replaces_builtin: Option<Spanned<bool>>,
    #[serde(default)]
    pub remove: Vec<Term>,
    #[serde(default)]
    pub party: Vec<PartyEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyEntry {
    pub id: Term,
    pub kind: Spanned<PartyKind>,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<Term>,
    #[serde(default)]
    pub demonyms: Vec<Term>,
    /// Names and nisbas that are also common words (مالي "financial"):
    /// they name the party only in an article that names it otherwise, or
    /// as its title's first word.
    #[serde(default)]
    pub weak_names: Vec<Term>,
    #[serde(default)]
    pub people: Vec<PersonEntry>,
}

/// What sort of party an entry is.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    State,
    Organisation,
    Group,
    Region,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    pub id: Term,
    pub names: Vec<Term>,
    pub role: Option<String>,
}

/// `verbs.toml`: reporting verbs and the stance they carry.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbsFile {
    #[serde(default)]
    pub replaces_builtin: Option<Spanned<bool>>,
    #[serde(default)]
    pub remove: Vec<Term>,
    #[serde(default)]
    pub verb: Vec<VerbEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbEntry {
    pub id: Term,
    #[serde(default)]
    pub kind: VerbKind,
    pub stance: Option<Stance>,
    /// The verb takes a party as object (دعا X، وصف X بـ): a cue in what it
    /// reports with no target of its own points at that object.
    #[serde(default)]
    pub object: bool,
    pub forms: Vec<Term>,
}

/// How a reporting verb attributes speech.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum VerbKind {
    /// The speaker is the verb's subject (قال، أعلن، said).
    #[default]
    Say,
    /// An adverbial participle (مضيفاً، مشيراً): it continues the statement
    /// it stands in and never starts one.
    Continue,
    /// The speaker follows `عن`/`from` (نقل عن، quoted ... as saying).
    Relay,
    /// A denial (نفى، denied): blame cues in what it reports are cancelled.
    Deny,
}

/// Blame or support.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Blames,
    Supports,
}

/// `sources.toml`: phrases that introduce a source (بحسب، according to).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default)]
    pub replaces_builtin: Option<Spanned<bool>>,
    #[serde(default)]
    pub remove: Vec<Term>,
    #[serde(default)]
    pub source: Vec<SourceEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub id: Term,
    pub phrases: Vec<Term>,
}

/// `cues.toml`: words that blame or support, and how each finds its target.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuesFile {
    #[serde(default)]
    pub replaces_builtin: Option<Spanned<bool>>,
    #[serde(default)]
    pub remove: Vec<Term>,
    #[serde(default)]
    pub cue: Vec<CueEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueEntry {
    pub id: Term,
    pub stance: Stance,
    pub target: CueTarget,
    /// The cue counts only when negated ("cannot overlook the role of X").
    #[serde(default)]
    pub negated: bool,
    /// The word labels a party (terrorist, militia, النظام): it blames the
    /// party it is said of, and never stands for an act or the other side.
    #[serde(default)]
    pub label: bool,
    /// Words that introduce the target, for `target = "marker"`.
    #[serde(default)]
    pub markers: Vec<Term>,
    pub terms: Vec<Term>,
}

/// Where a cue's target stands.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CueTarget {
    /// A noun: its nisba adjective or possessor right after it, an agent
    /// phrase after it (من جانب X), or, with a pronoun suffix, the object of
    /// the reporting verb.
    Noun,
    /// An active verb: its subject (the clause's first party before it, or
    /// the party right after it).
    Act,
    /// A passive verb or a noun of suffering: the agent phrase after it.
    Passive,
    /// A noun whose party follows right after it (دور روسيا).
    Possessor,
    /// The party after one of the cue's `markers` (المسؤولية ... على X).
    Marker,
    /// A demand to stop or withdraw ("urged Kigali to withdraw", طالب X
    /// بالانسحاب): the one party called on, the object of the reporting
    /// verb.
    Demand,
    /// A judgement ("unacceptable", مؤسف، "a violation"): what it judges is
    /// the subject of its clause or the object of the reporting verb (a
    /// party, or an act whose agent the article names), else the act the
    /// article reported last.
    Evaluation,
}

/// `grammar.toml`: the function words the statement finder relies on.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrammarFile {
    #[serde(default)]
    pub replaces_builtin: Option<Spanned<bool>>,
    #[serde(default)]
    pub remove: Vec<Term>,
    #[serde(default)]
    pub complementizers: Vec<Term>,
    #[serde(default)]
    pub clause_openers: Vec<Term>,
    #[serde(default)]
    pub relatives: Vec<Term>,
    #[serde(default)]
    pub prepositions: Vec<Term>,
    #[serde(default)]
    pub agent_markers: Vec<Term>,
    #[serde(default)]
    pub relay_markers: Vec<Term>,
    #[serde(default)]
    pub anaphors: Vec<Term>,
    #[serde(default)]
    pub unaffiliated: Vec<Term>,
    #[serde(default)]
    pub titles: Vec<Term>,
    /// Nouns of bodies that speak (ministry, army, الوزارة): a speaker
    /// named by one is an institution, not a person.
    #[serde(default)]
    pub bodies: Vec<Term>,
    /// Pronouns that stand for a speaker named before, by what they can
    /// refer to.
    #[serde(default)]
    pub pronouns_masculine: Vec<Term>,
    #[serde(default)]
    pub pronouns_feminine: Vec<Term>,
    #[serde(default)]
    pub pronouns_body: Vec<Term>,
    #[serde(default)]
    pub pronouns_plural: Vec<Term>,
    /// Nouns that name an act or a stance of a party (decision, move,
    /// remarks, القرار، الخطوة، التصريحات): their nisba or possessor is its
    /// agent, and a judgement of one judges its agent.
    #[serde(default)]
    pub act_nouns: Vec<Term>,
    /// Nouns of speech acts (claims, accusations, remarks, تصريحات،
    /// اتهامات): a judgement of one with no owner named judges whoever last
    /// accused the speaker's side.
    #[serde(default)]
    pub speech_nouns: Vec<Term>,
    /// Demonstratives (this, these, هذا، هذه): with a noun of an act they
    /// point at an act the article reported.
    #[serde(default)]
    pub demonstratives: Vec<Term>,
    /// State names that take a masculine verb (العراق، السودان): a
    /// masculine verb before one of them may have it as its subject.
    #[serde(default)]
    pub masculine_names: Vec<Term>,
    /// Word endings of adverbs, which may stand between a subject and its
    /// verb ("strongly condemned").
    #[serde(default)]
    pub adverb_endings: Vec<String>,
    #[serde(default)]
    pub skip: Vec<Term>,
    #[serde(default)]
    pub possessives: Vec<Term>,
    #[serde(default)]
    pub abbreviations: Vec<Term>,
}

/// `negation.toml`: words that cancel a cue shortly after them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegationFile {
    #[serde(default)]
    pub replaces_builtin: Option<Spanned<bool>>,
    #[serde(default)]
    pub remove: Vec<Term>,
    #[serde(default)]
    pub negators: Vec<Term>,
    /// Verbs of acceptance a negator turns into rejection ("will not accept
    /// any blackmail", لن نسمح بالعدوان): a cue after one is not cancelled.
    #[serde(default)]
    pub refusals: Vec<Term>,
    /// How many words after a negator a cue is still negated.
    pub scope: Option<usize>,
}
