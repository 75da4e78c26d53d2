//! From lexicon files to a `Lexicon`: take the entries and words in force
//! once the layers are resolved (`layers`), resolve party and person ids
//! across files and languages, check for clashes, and add every term to the
//! language's matcher. Every problem is collected (with its file:line:col)
//! before anything is returned, so a broken lexicon is never half applied.

use super::files::{FileKind, Layer, LexiconFile};
use super::layers;
use super::matcher::{Pronoun, Sense, SenseKind, Via};
use super::schema::{self, Term};
use super::{
    CueRule, Diagnostic, InlineCue, Lexicon, LexiconSettings, Name, Party, Person, Severity,
    SourceRule, VerbRule, lang_slot,
};
use mizan_text::Lang;
use mizan_text::normalize::normalize;
use mizan_text::segment::tokenize;
use std::collections::HashMap;

const DEFAULT_NEGATION_SCOPE: usize = 3;

/// Builds a lexicon from `files` and the inline additions in `settings`;
/// returns it with every warning, or every problem when there is an error.
pub fn compile(files: &[LexiconFile], settings: &LexiconSettings) -> (Lexicon, Vec<Diagnostic>) {
    let mut builder = Builder::default();
    let layered = layers::resolve(files, &mut builder.problems);
    for (file, parsed) in layered.parties {
        builder.add_parties(file, parsed);
    }
    for (file, parsed) in layered.verbs {
        builder.add_verbs(file, parsed);
    }
    for (file, parsed) in layered.sources {
        builder.add_sources(file, parsed);
    }
    for (file, parsed) in layered.cues {
        builder.add_cues(file, parsed);
    }
    for layer in layered.grammar {
        builder.withdrawing(&layer.withdrawn);
        builder.add_grammar(layer.file, layer.parsed);
        builder.withdraw_from_word_sets(layer.file.lang, &layer.withdrawn);
    }
    for layer in layered.negation {
        builder.withdrawing(&layer.withdrawn);
        builder.add_negation(layer.file, layer.parsed);
    }
    builder.withdrawing(&[]);
    builder.check_languages();
    builder.add_inline(settings);
    builder.switch_off(&settings.off);
    builder.name_rules();
    (builder.lexicon, builder.problems)
}

/// The party that first claimed a name, and its origin.
type Claim = (u32, u32);

#[derive(Default)]
struct Builder {
    lexicon: Lexicon,
    problems: Vec<Diagnostic>,
    /// Per language: which party claimed a phrase, and where.
    claims: [HashMap<u32, Claim>; 2],
    /// Party ids defined per language, with their place.
    defined: [HashMap<String, String>; 2],
    /// Words (normalised) that a file above the one being added removes.
    withdrawn: Vec<Vec<Box<str>>>,
}

/// A lexicon term cut into normalised words, and whether it is written in
/// capitals (an acronym, matched only in capitals).
pub fn phrase_words(term: &str) -> (Vec<Box<str>>, bool) {
    let normalized = normalize(term);
    let words = tokenize(&normalized.text)
        .iter()
        .map(|t| t.text(&normalized.text).into())
        .collect();
    let capitals = term.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && !term.chars().any(|c| c.is_lowercase());
    (words, capitals)
}

impl Builder {
    fn problem(&mut self, file: &LexiconFile, offset: usize, severity: Severity, message: String) {
        self.problems.push(Diagnostic::at(
            &file.path, &file.text, offset, severity, message,
        ));
    }

    fn origin(&mut self, file: &LexiconFile, offset: usize) -> u32 {
        let files = &mut self.lexicon.origin_files;
        let file_index = match files.iter().rposition(|f| **f == *file.path) {
            Some(index) => index,
            None => {
                files.push(Name::from(file.path.as_str()));
                files.len() - 1
            }
        };
        let line = file.line_of(offset);
        self.lexicon.origins.push((file_index as u32, line as u32));
        (self.lexicon.origins.len() - 1) as u32
    }

    /// `file:line` of origin `index`.
    fn place(&self, index: u32) -> String {
        let origin = self.lexicon.origin(index);
        format!("{}:{}", origin.file, origin.line)
    }

    /// Adds `term` to the file's language with meaning `kind`; an empty term
    /// is an error.
    fn add_term(&mut self, file: &LexiconFile, term: &Term, kind: SenseKind) -> Option<(u32, u32)> {
        let (words, capitals) = phrase_words(term.get_ref());
        if self.withdrawn.contains(&words) {
            return None;
        }
        if words.is_empty() {
            self.problem(
                file,
                term.span().start,
                Severity::Error,
                "empty term".into(),
            );
            return None;
        }
        let origin = self.origin(file, term.span().start);
        let phrase = self.lexicon.matchers[lang_slot(file.lang)].add(
            &words,
            capitals,
            Sense { kind, origin },
        );
        Some((phrase, origin))
    }

    fn add_terms(&mut self, file: &LexiconFile, terms: &[Term], kind: SenseKind) {
        for term in terms {
            self.add_term(file, term, kind);
        }
    }

    fn party_index(&mut self, id: &str) -> u32 {
        if let Some(&index) = self.lexicon.party_ids.get(id) {
            return index;
        }
        let index = self.lexicon.parties.len() as u32;
        self.lexicon.parties.push(Party {
            id: id.to_string(),
            kind: schema::PartyKind::State,
            name_en: String::new(),
            name_ar: String::new(),
        });
        self.lexicon.shared_party_ids.push(Name::from(id));
        self.lexicon.party_ids.insert(id.to_string(), index);
        index
    }

    fn add_parties(&mut self, file: &LexiconFile, parsed: schema::PartiesFile) {
        let slot = lang_slot(file.lang);
        for entry in parsed.party {
            let id = entry.id.get_ref().clone();
            let place = format!("{}:{}", file.path, file.line_of(entry.id.span().start));
            if !valid_id(&id) {
                self.problem(
                    file,
                    entry.id.span().start,
                    Severity::Error,
                    format!("party id `{id}` must be lowercase letters, digits and underscores"),
                );
                continue;
            }
            // `layers` has left one entry per id and language.
            self.defined[slot].insert(id.clone(), place.clone());
            let party = self.party_index(&id);
            let record = &mut self.lexicon.parties[party as usize];
            record.kind = *entry.kind.get_ref();
            match file.lang {
                Lang::Ar => record.name_ar = entry.name.clone(),
                Lang::En => record.name_en = entry.name.clone(),
            }
            for alias in &entry.aliases {
                self.claim(file, alias, party, Via::Alias);
            }
            for demonym in &entry.demonyms {
                self.claim(file, demonym, party, Via::Demonym);
            }
            self.add_terms(file, &entry.weak_names, SenseKind::WeakParty(party));
            for person in &entry.people {
                let person_index = self.person_index(file, person, party);
                for name in &person.names {
                    self.claim(file, name, party, Via::Person(person_index));
                }
            }
        }
    }

    fn person_index(&mut self, file: &LexiconFile, entry: &schema::PersonEntry, party: u32) -> u32 {
        let id = entry.id.get_ref();
        let found = self.lexicon.people.iter().position(|p| &p.id == id);
        if let Some(index) = found {
            let existing = &self.lexicon.people[index];
            if existing.party != party {
                let other = self.lexicon.parties[existing.party as usize].id.clone();
                self.problem(
                    file,
                    entry.id.span().start,
                    Severity::Warning,
                    format!("person `{id}` belongs to `{other}` elsewhere"),
                );
            }
            let person = &mut self.lexicon.people[index];
            person
                .names
                .extend(entry.names.iter().map(|n| n.get_ref().clone()));
            if person.role.is_none() {
                person.role = entry.role.clone();
            }
            return index as u32;
        }
        self.lexicon.people.push(Person {
            id: id.clone(),
            party,
            names: entry.names.iter().map(|n| n.get_ref().clone()).collect(),
            role: entry.role.clone(),
        });
        (self.lexicon.people.len() - 1) as u32
    }

    /// Adds a name of `party`, warning when another party already claimed it.
    fn claim(&mut self, file: &LexiconFile, term: &Term, party: u32, via: Via) {
        let kind = SenseKind::Party { party, via };
        let Some((phrase, origin)) = self.add_term(file, term, kind) else {
            return;
        };
        if via != Via::Demonym {
            self.add_spelling_variants(file.lang, term.get_ref(), Sense { kind, origin });
        }
        let slot = lang_slot(file.lang);
        match self.claims[slot].get(&phrase).copied() {
            Some((other, first)) if other != party => {
                let other_id = self.lexicon.parties[other as usize].id.clone();
                let message = format!(
                    "`{}` is also a name of `{other_id}` ({})",
                    term.get_ref(),
                    self.place(first)
                );
                self.problem(file, term.span().start, Severity::Warning, message);
            }
            Some((_, first)) if matches!(via, Via::Alias | Via::Demonym) => {
                let message = format!(
                    "duplicate entry `{}` (first at {})",
                    term.get_ref(),
                    self.place(first)
                );
                self.problem(file, term.span().start, Severity::Warning, message);
            }
            Some(_) => {}
            None => {
                self.claims[slot].insert(phrase, (party, origin));
            }
        }
    }

    /// The other common spellings of a transliterated name (بيشكيك،
    /// بشكيك؛ بيلغورود، بيلجورود), each under the name's own meaning,
    /// unless the spelling means something already.
    fn add_spelling_variants(&mut self, lang: Lang, name: &str, sense: Sense) {
        if lang != Lang::Ar {
            return;
        }
        let (words, capitals) = phrase_words(name);
        let matcher = &mut self.lexicon.matchers[lang_slot(lang)];
        for (i, word) in words.iter().enumerate() {
            for spelling in spelling_variants(word) {
                let mut variant = words.clone();
                variant[i] = spelling.into();
                if !matcher.knows(&variant) {
                    matcher.add(&variant, capitals, sense);
                }
            }
        }
    }

    fn add_verbs(&mut self, file: &LexiconFile, parsed: schema::VerbsFile) {
        for entry in parsed.verb {
            let origin = self.origin(file, entry.id.span().start);
            let index = self.lexicon.verbs.len() as u32;
            self.lexicon.verbs.push(VerbRule {
                id: entry.id.get_ref().clone(),
                kind: entry.kind,
                stance: entry.stance,
                object: entry.object || entry.stance.is_some(),
                origin,
            });
            self.add_terms(file, &entry.forms, SenseKind::Verb(index));
        }
    }

    fn add_sources(&mut self, file: &LexiconFile, parsed: schema::SourcesFile) {
        for entry in parsed.source {
            let origin = self.origin(file, entry.id.span().start);
            let index = self.lexicon.sources.len() as u32;
            self.lexicon.sources.push(SourceRule {
                id: entry.id.get_ref().clone(),
                origin,
            });
            self.add_terms(file, &entry.phrases, SenseKind::Source(index));
        }
    }

    fn add_cues(&mut self, file: &LexiconFile, parsed: schema::CuesFile) {
        for entry in parsed.cue {
            if entry.target == schema::CueTarget::Marker && entry.markers.is_empty() {
                self.problem(
                    file,
                    entry.id.span().start,
                    Severity::Error,
                    "a cue with target = \"marker\" needs markers".into(),
                );
            }
            let origin = self.origin(file, entry.id.span().start);
            let index = self.lexicon.cues.len() as u32;
            self.lexicon.cues.push(CueRule {
                id: entry.id.get_ref().clone(),
                stance: entry.stance,
                target: entry.target,
                negated: entry.negated,
                label: entry.label,
                origin,
            });
            self.add_terms(file, &entry.terms, SenseKind::Cue(index));
            self.add_terms(file, &entry.markers, SenseKind::CueMarker(index));
        }
    }

    /// The words of `removed` stay out of the files added next.
    fn withdrawing(&mut self, removed: &[String]) {
        self.withdrawn = removed.iter().map(|word| phrase_words(word).0).collect();
    }

    /// Takes `removed` out of the word sets the grammar files of `lang`
    /// have filled so far (they keep no origin, so the removal follows the
    /// file it applies to, and a file above adds its words afterwards).
    fn withdraw_from_word_sets(&mut self, lang: Lang, removed: &[String]) {
        let slot = lang_slot(lang);
        let lexicon = &mut self.lexicon;
        for word in removed {
            lexicon.masculine_names[slot].remove(normalize(word).text.as_str());
            let abbreviation = normalize(word.trim_end_matches('.')).text;
            lexicon.abbreviations[slot].remove(abbreviation.as_str());
            lexicon.adverb_endings[slot].retain(|ending| ending != word);
        }
    }

    fn add_grammar(&mut self, file: &LexiconFile, parsed: schema::GrammarFile) {
        self.add_terms(file, &parsed.complementizers, SenseKind::Complementizer);
        self.add_terms(file, &parsed.clause_openers, SenseKind::ClauseOpener);
        self.add_terms(file, &parsed.relatives, SenseKind::Relative);
        self.add_terms(file, &parsed.prepositions, SenseKind::Preposition);
        self.add_terms(file, &parsed.agent_markers, SenseKind::AgentMarker);
        self.add_terms(file, &parsed.relay_markers, SenseKind::RelayMarker);
        self.add_terms(file, &parsed.anaphors, SenseKind::Anaphor);
        self.add_terms(file, &parsed.unaffiliated, SenseKind::Unaffiliated);
        self.add_terms(file, &parsed.titles, SenseKind::Title);
        self.add_terms(file, &parsed.bodies, SenseKind::Title);
        self.add_terms(file, &parsed.bodies, SenseKind::Body);
        let pronouns = [
            (&parsed.pronouns_masculine, Pronoun::Masculine),
            (&parsed.pronouns_feminine, Pronoun::Feminine),
            (&parsed.pronouns_body, Pronoun::Body),
            (&parsed.pronouns_plural, Pronoun::Plural),
        ];
        for (terms, pronoun) in pronouns {
            self.add_terms(file, terms, SenseKind::Anaphor);
            self.add_terms(file, terms, SenseKind::Pronoun(pronoun));
        }
        for term in &parsed.masculine_names {
            let folded = normalize(term.get_ref()).text;
            self.lexicon.masculine_names[lang_slot(file.lang)].insert(folded.into());
        }
        self.lexicon.adverb_endings[lang_slot(file.lang)]
            .extend(parsed.adverb_endings.iter().cloned());
        self.add_terms(file, &parsed.skip, SenseKind::Skip);
        self.add_terms(file, &parsed.possessives, SenseKind::Possessive);
        self.add_terms(file, &parsed.act_nouns, SenseKind::ActNoun);
        self.add_terms(file, &parsed.speech_nouns, SenseKind::ActNoun);
        self.add_terms(file, &parsed.speech_nouns, SenseKind::SpeechNoun);
        self.add_terms(file, &parsed.demonstratives, SenseKind::Demonstrative);
        let slot = lang_slot(file.lang);
        for term in &parsed.abbreviations {
            let folded = normalize(term.get_ref().trim_end_matches('.')).text;
            self.lexicon.abbreviations[slot].insert(folded.into());
        }
    }

    fn add_negation(&mut self, file: &LexiconFile, parsed: schema::NegationFile) {
        self.add_terms(file, &parsed.negators, SenseKind::Negator);
        self.add_terms(file, &parsed.refusals, SenseKind::Refusal);
        if let Some(scope) = parsed.scope {
            self.lexicon.negation_scope[lang_slot(file.lang)] = scope;
        }
    }

    /// Warns about a party that one language has and the other lacks.
    fn check_languages(&mut self) {
        let [ar, en] = &self.defined;
        let mut missing: Vec<(String, String, &str)> = Vec::new();
        for (id, place) in ar {
            if !en.contains_key(id) {
                missing.push((id.clone(), place.clone(), "en"));
            }
        }
        for (id, place) in en {
            if !ar.contains_key(id) {
                missing.push((id.clone(), place.clone(), "ar"));
            }
        }
        missing.sort();
        for (id, place, lang) in missing {
            let (path, line) = place.rsplit_once(':').unwrap_or((&place, "0"));
            self.problems.push(Diagnostic {
                path: path.to_string(),
                line: line.parse().unwrap_or(0),
                column: 1,
                message: format!("party `{id}` has no entry in {lang}/parties.toml"),
                severity: Severity::Warning,
                source_line: String::new(),
            });
        }
    }

    /// The inline additions of `[lexicons]`, placed in the configuration
    /// file when its text is known (each value is found after the section's
    /// header, in order), so their problems point at the line and column.
    fn add_inline(&mut self, settings: &LexiconSettings) {
        let (path, text) = match &settings.origin {
            Some(origin) => (origin.path.clone(), origin.text.clone()),
            None => ("config.toml [lexicons]".to_string(), String::new()),
        };
        let config = LexiconFile {
            name: "config.toml".into(),
            path,
            lang: Lang::Ar,
            kind: FileKind::Parties,
            layer: Layer::User,
            lines: mizan_text::LineIndex::new(&text),
            text,
        };
        let mut values = InlineValues::new(&config.text);
        for alias in &settings.aliases {
            let party_at = values.find(&alias.party);
            let alias_at = values.find(&alias.alias);
            let Some(&party) = self.lexicon.party_ids.get(&alias.party) else {
                self.problem(
                    &config,
                    party_at,
                    Severity::Error,
                    format!("unknown party id `{}` in aliases", alias.party),
                );
                continue;
            };
            let file = LexiconFile {
                lang: alias.lang,
                ..config.clone()
            };
            let term = Term::new(alias_at..alias_at, alias.alias.clone());
            self.claim(&file, &term, party, Via::Alias);
        }
        for cue in &settings.cues {
            let term_at = values.find(&cue.term);
            self.add_inline_cue(&config, cue, term_at);
        }
    }

    fn add_inline_cue(&mut self, config: &LexiconFile, cue: &InlineCue, term_at: usize) {
        let file = LexiconFile {
            lang: cue.lang,
            ..config.clone()
        };
        let origin = self.origin(&file, term_at);
        let index = self.lexicon.cues.len() as u32;
        self.lexicon.cues.push(CueRule {
            id: format!("config:{}", cue.term),
            stance: cue.stance,
            target: cue.target,
            negated: false,
            label: false,
            origin,
        });
        self.add_term(
            &file,
            &Term::new(term_at..term_at, cue.term.clone()),
            SenseKind::Cue(index),
        );
    }

    /// Names every verb and cue rule once, for the tags to share.
    fn name_rules(&mut self) {
        let lexicon = &mut self.lexicon;
        let name = |kind: &str, id: &str| Name::from(format!("{kind}:{id}"));
        lexicon.verb_rules = lexicon.verbs.iter().map(|v| name("verb", &v.id)).collect();
        lexicon.cue_rules = lexicon.cues.iter().map(|c| name("cue", &c.id)).collect();
    }

    /// Switches off parties, rules (by id) and terms named in `off`.
    fn switch_off(&mut self, off: &[String]) {
        if off.is_empty() {
            return;
        }
        let lexicon = &self.lexicon;
        let named = |id: &str| off.iter().any(|o| o == id);
        let parties: Vec<bool> = lexicon.parties.iter().map(|p| named(&p.id)).collect();
        let verbs: Vec<bool> = lexicon.verbs.iter().map(|v| named(&v.id)).collect();
        let cues: Vec<bool> = lexicon.cues.iter().map(|c| named(&c.id)).collect();
        let sources: Vec<bool> = lexicon.sources.iter().map(|s| named(&s.id)).collect();
        let keep = |sense: &Sense| match sense.kind {
            SenseKind::Party { party, .. } => !parties[party as usize],
            SenseKind::Verb(v) => !verbs[v as usize],
            SenseKind::Cue(c) | SenseKind::CueMarker(c) => !cues[c as usize],
            SenseKind::Source(s) => !sources[s as usize],
            _ => true,
        };
        for matcher in &mut self.lexicon.matchers {
            matcher.retain(keep);
            for name in off {
                matcher.remove(&phrase_words(name).0);
            }
        }
    }
}

/// Spellings of a normalised Arabic name word that news also uses for the
/// same foreign name: a long vowel ي inside it left out (بيشكيك → بشكيك),
/// and g written غ or ج (بيلغورود، بيلجورود). Only words of six letters or
/// more vary, so that no variant is a short common word (كييف → كيف).
fn spelling_variants(word: &str) -> Vec<String> {
    let letters: Vec<char> = word.chars().collect();
    if letters.len() < 6
        || !letters
            .iter()
            .all(|&c| ('\u{0621}'..='\u{064A}').contains(&c))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let body = if word.starts_with("ال") { 2 } else { 0 };
    for i in body + 1..letters.len() - 1 {
        let varied: Option<String> = match letters[i] {
            'ي' if letters[i - 1] != 'ي' && letters[i + 1] != 'ي' => {
                Some(letters[..i].iter().chain(&letters[i + 1..]).collect())
            }
            'غ' | 'ج' => {
                let g = if letters[i] == 'غ' { 'ج' } else { 'غ' };
                Some(
                    letters[..i]
                        .iter()
                        .chain(std::iter::once(&g))
                        .chain(&letters[i + 1..])
                        .collect(),
                )
            }
            _ => None,
        };
        out.extend(varied);
    }
    out
}

/// Finds the quoted values of the `[lexicons]` section in a configuration
/// file's text, left to right, so that repeated values map to successive
/// occurrences. A value not found (settings built in code) is at offset 0.
struct InlineValues<'t> {
    text: &'t str,
    cursor: usize,
}

impl<'t> InlineValues<'t> {
    fn new(text: &'t str) -> Self {
        let cursor = text
            .match_indices("[lexicons]")
            .find(|&(at, _)| at == 0 || text[..at].ends_with('\n'))
            .map_or(0, |(at, _)| at);
        InlineValues { text, cursor }
    }

    /// The offset of the first character inside the quotes of `value`.
    fn find(&mut self, value: &str) -> usize {
        let rest = &self.text[self.cursor..];
        let quoted = ["\"", "'"].iter().find_map(|quote| {
            rest.find(&format!("{quote}{value}{quote}"))
                .map(|at| self.cursor + at + 1)
        });
        match quoted {
            Some(at) => {
                self.cursor = at + value.len();
                at
            }
            None => 0,
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            parties: Vec::new(),
            shared_party_ids: Vec::new(),
            verb_rules: Vec::new(),
            cue_rules: Vec::new(),
            party_ids: HashMap::new(),
            people: Vec::new(),
            verbs: Vec::new(),
            cues: Vec::new(),
            sources: Vec::new(),
            origins: Vec::new(),
            origin_files: Vec::new(),
            matchers: Default::default(),
            negation_scope: [DEFAULT_NEGATION_SCOPE; 2],
            abbreviations: Default::default(),
            adverb_endings: Default::default(),
            masculine_names: Default::default(),
            version: String::new(),
        }
    }
}
