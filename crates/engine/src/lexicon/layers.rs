//! How the lexicon files of every layer combine, before anything is
//! compiled. A user file is an overlay on the built-in file of its kind and
//! language: its entries are added, an entry whose id a file below already
//! defined (party, verb, source or cue id) takes that entry's place, and
//! `remove = [...]` takes ids out of the files below. Grammar and negation
//! files hold lists of words: a user file's words are added to the lists,
//! and its `remove` takes words out of every list of the files below. A user
//! file with `replaces_builtin = true` takes the place of the built-in file
//! of its kind and language instead; user files still layer on top of it.
//!
//! Layering is decided here, on the files as written, so that compiling
//! sees each winning entry once and with the file it came from. Every
//! problem is collected with its file:line:col, including the warnings
//! `mizan check` gives about stale copies: a full copy that lacks entries
//! the built-in file has (mizan has improved since it was made), and an
//! overlay that repeats most of a built-in file (a copy written by an older
//! `mizan init`, which would keep those entries as they were then).

use super::compile::phrase_words;
use super::files::{FileKind, LexiconFile};
use super::schema::{self, Term};
use super::{Diagnostic, Severity};
use mizan_text::Lang;
use serde::de::DeserializeOwned;
use std::collections::{BTreeSet, HashMap};
use toml::Spanned;

/// An entry in force, with the file it was written in.
struct Placed<'f, E> {
    file: &'f LexiconFile,
    entry: E,
}

/// Entries in force, in order, each run of entries from one file as a file
/// of its kind holding only them.
pub(super) type InForce<'f, T> = Vec<(&'f LexiconFile, T)>;

/// A grammar or negation file in force, with the words that the files
/// above it remove from it (as written).
pub(super) struct WordLayer<'f, T> {
    pub file: &'f LexiconFile,
    pub parsed: T,
    pub withdrawn: Vec<String>,
}

/// Every entry and word file in force, in layer order: entries that
/// override another stand where the overridden one stood.
pub(super) struct Layered<'f> {
    pub parties: InForce<'f, schema::PartiesFile>,
    pub verbs: InForce<'f, schema::VerbsFile>,
    pub sources: InForce<'f, schema::SourcesFile>,
    pub cues: InForce<'f, schema::CuesFile>,
    pub grammar: Vec<WordLayer<'f, schema::GrammarFile>>,
    pub negation: Vec<WordLayer<'f, schema::NegationFile>>,
}

/// Parses `files` (built-in first, then each user directory in order) and
/// layers them; every problem goes to `problems`.
pub(super) fn resolve<'f>(files: &'f [LexiconFile], problems: &mut Vec<Diagnostic>) -> Layered<'f> {
    Layered {
        parties: entries::<schema::PartiesFile>(files, problems),
        verbs: entries::<schema::VerbsFile>(files, problems),
        sources: entries::<schema::SourcesFile>(files, problems),
        cues: entries::<schema::CuesFile>(files, problems),
        grammar: word_layers(files, problems),
        negation: word_layers(files, problems),
    }
}

/// What layering needs of every kind of file.
trait LayeredFile: DeserializeOwned {
    const KIND: FileKind;
    /// What one of `contents` is called in messages, and several.
    const UNITS: [&'static str; 2];
    fn replaces_builtin(&self) -> Option<&Spanned<bool>>;
    fn removals(&self) -> &[Term];
    /// What a copy of a built-in file is compared by: the ids of its
    /// entries, or the words of its lists (normalised).
    fn contents(&self, file: &LexiconFile) -> BTreeSet<String>;
}

/// A file of entries that have ids.
trait EntryFile: LayeredFile {
    type Entry;
    fn into_entries(self) -> Vec<Self::Entry>;
    /// A file holding only `entries`.
    fn of_entries(entries: Vec<Self::Entry>) -> Self;
    fn id(entry: &Self::Entry) -> &Term;
}

macro_rules! entry_file {
    ($file:ty, $kind:expr, $field:ident, $entry:ty) => {
        impl LayeredFile for $file {
            const KIND: FileKind = $kind;
            const UNITS: [&'static str; 2] = ["entry", "entries"];
            fn replaces_builtin(&self) -> Option<&Spanned<bool>> {
                self.replaces_builtin.as_ref()
            }
            fn removals(&self) -> &[Term] {
                &self.remove
            }
            fn contents(&self, _: &LexiconFile) -> BTreeSet<String> {
                self.$field.iter().map(|e| e.id.get_ref().clone()).collect()
            }
        }

        impl EntryFile for $file {
            type Entry = $entry;
            fn into_entries(self) -> Vec<$entry> {
                self.$field
            }
            fn of_entries(entries: Vec<$entry>) -> Self {
                Self {
                    $field: entries,
                    ..Self::default()
                }
            }
            fn id(entry: &$entry) -> &Term {
                &entry.id
            }
        }
    };
}

entry_file!(
    schema::PartiesFile,
    FileKind::Parties,
    party,
    schema::PartyEntry
);
entry_file!(schema::VerbsFile, FileKind::Verbs, verb, schema::VerbEntry);
entry_file!(
    schema::SourcesFile,
    FileKind::Sources,
    source,
    schema::SourceEntry
);
entry_file!(schema::CuesFile, FileKind::Cues, cue, schema::CueEntry);

macro_rules! word_file {
    ($file:ty, $kind:expr) => {
        impl LayeredFile for $file {
            const KIND: FileKind = $kind;
            const UNITS: [&'static str; 2] = ["word", "words"];
            fn replaces_builtin(&self) -> Option<&Spanned<bool>> {
                self.replaces_builtin.as_ref()
            }
            fn removals(&self) -> &[Term] {
                &self.remove
            }
            fn contents(&self, file: &LexiconFile) -> BTreeSet<String> {
                words_of(&file.text)
            }
        }
    };
}

word_file!(schema::GrammarFile, FileKind::Grammar);
word_file!(schema::NegationFile, FileKind::Negation);

/// Every word of every list of a word file, normalised. Read from the
/// text rather than the typed file, so that a list added to the schema is
/// compared without being named here.
fn words_of(text: &str) -> BTreeSet<String> {
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return BTreeSet::new();
    };
    table
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "remove" | "replaces_builtin"))
        .filter_map(|(_, value)| value.as_array())
        .flatten()
        .filter_map(toml::Value::as_str)
        .map(normalised)
        .collect()
}

/// A term as layering compares it: its normalised words.
fn normalised(term: &str) -> String {
    phrase_words(term).0.join(" ")
}

/// Parses one file; a syntax or schema error is reported at its position.
fn parse<T: DeserializeOwned>(file: &LexiconFile, problems: &mut Vec<Diagnostic>) -> Option<T> {
    match toml::from_str::<T>(&file.text) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            let offset = error.span().map_or(0, |s| s.start);
            let message = error.message().trim().to_string();
            problems.push(at(file, offset, Severity::Error, message));
            None
        }
    }
}

fn at(file: &LexiconFile, offset: usize, severity: Severity, message: String) -> Diagnostic {
    Diagnostic::at(&file.path, &file.text, offset, severity, message)
}

/// Per language, the files of kind `T` that parse and are in force, in
/// layer order: the built-in file unless a user file replaces it.
fn in_force<'f, T: LayeredFile>(
    files: &'f [LexiconFile],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Vec<(&'f LexiconFile, T)>> {
    [Lang::Ar, Lang::En]
        .into_iter()
        .map(|lang| {
            let parsed = files
                .iter()
                .filter(|f| f.kind == T::KIND && f.lang == lang)
                .filter_map(|f| parse::<T>(f, problems).map(|p| (f, p)))
                .collect();
            without_replaced_builtin(parsed, problems)
        })
        .collect()
}

/// Drops the built-in file when a user file replaces it, and warns about
/// copies of it that have gone stale.
fn without_replaced_builtin<'f, T: LayeredFile>(
    mut layers: Vec<(&'f LexiconFile, T)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(&'f LexiconFile, T)> {
    let builtin = layers.iter().position(|(file, _)| file.is_builtin());
    let mut replaced = false;
    for (file, parsed) in &layers {
        let key = parsed.replaces_builtin().filter(|key| *key.get_ref());
        let Some(builtin) = builtin.map(|b| &layers[b]) else {
            continue;
        };
        match key {
            Some(key) if file.is_builtin() => problems.push(at(
                file,
                key.span().start,
                Severity::Error,
                "`replaces_builtin` belongs in a user file".into(),
            )),
            Some(key) => {
                replaced = true;
                problems.extend(stale_copy(builtin, (file, parsed), key));
            }
            None if !file.is_builtin() && file.name == builtin.0.name => {
                problems.extend(old_full_copy(builtin, (file, parsed)));
            }
            None => {}
        }
    }
    if let Some(builtin) = builtin.filter(|_| replaced) {
        layers.remove(builtin);
    }
    layers
}

/// How many of what a message lists by name.
const LISTED: usize = 4;
/// The fewest entries or words a built-in file must have for an overlay
/// repeating most of them to be taken for a copy of it (one entry
/// overridden in a file of two is no copy).
const FEWEST_COPIED: usize = 4;

/// A full copy lacking what the built-in file has: the built-in file is
/// newer than the copy, whose user misses what was added since.
fn stale_copy<T: LayeredFile>(
    (builtin_file, builtin): &(&LexiconFile, T),
    (file, copy): (&LexiconFile, &T),
    key: &Spanned<bool>,
) -> Option<Diagnostic> {
    let ours = copy.contents(file);
    let missing: Vec<String> = builtin
        .contents(builtin_file)
        .into_iter()
        .filter(|unit| !ours.contains(unit))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let message = format!(
        "this file replaces the built-in {}, which has {} it lacks ({}): the built-in file has changed since this copy was made; add them here, or remove `replaces_builtin` to make this file an overlay that keeps your entries and gets the new ones",
        builtin_file.name,
        counted(missing.len(), T::UNITS),
        listed(&missing),
    );
    Some(at(file, key.span().start, Severity::Warning, message))
}

/// An overlay with a built-in file's name that repeats most of it: a copy
/// written by an older `mizan init`, which holds those entries as they
/// were then and keeps every later fix of them from taking effect.
fn old_full_copy<T: LayeredFile>(
    (builtin_file, builtin): &(&LexiconFile, T),
    (file, overlay): (&LexiconFile, &T),
) -> Option<Diagnostic> {
    let theirs = builtin.contents(builtin_file);
    let repeated = overlay
        .contents(file)
        .iter()
        .filter(|unit| theirs.contains(*unit))
        .count();
    if theirs.len() < FEWEST_COPIED || repeated * 2 < theirs.len() {
        return None;
    }
    let message = format!(
        "this overlay repeats {repeated} of the {} of the built-in {}: it looks like a full copy written by an older `mizan init`, and keeps them as they were then; keep only what you changed, or put `replaces_builtin = true` at its top to use it instead of the built-in file",
        counted(theirs.len(), T::UNITS),
        builtin_file.name,
    );
    Some(at(file, 0, Severity::Warning, message))
}

/// `1 entry`, `2 entries`.
fn counted(count: usize, [one, several]: [&str; 2]) -> String {
    format!("{count} {}", if count == 1 { one } else { several })
}

/// `a`, `b`, `c`, `d` and 3 more.
fn listed(units: &[String]) -> String {
    let named: Vec<String> = units
        .iter()
        .take(LISTED)
        .map(|unit| format!("`{unit}`"))
        .collect();
    match units.len().saturating_sub(LISTED) {
        0 => named.join(", "),
        more => format!("{} and {more} more", named.join(", ")),
    }
}

/// The entries of kind `T` in force: each language's files in layer order,
/// an id defined again replacing the entry where it stood, removals taking
/// entries out.
fn entries<'f, T: EntryFile>(
    files: &'f [LexiconFile],
    problems: &mut Vec<Diagnostic>,
) -> InForce<'f, T> {
    let mut out = Vec::new();
    for layers in in_force::<T>(files, problems) {
        let mut slots: Vec<Option<Placed<'f, T::Entry>>> = Vec::new();
        let mut slot_of: HashMap<String, usize> = HashMap::new();
        for (file, parsed) in layers {
            for id in parsed.removals() {
                match slot_of.remove(id.get_ref()) {
                    Some(slot) => slots[slot] = None,
                    None => problems.push(nothing_to_remove(file, id)),
                }
            }
            let mut defined_here: HashMap<String, usize> = HashMap::new();
            for entry in parsed.into_entries() {
                let id = T::id(&entry).clone();
                if let Some(&first) = defined_here.get(id.get_ref()) {
                    problems.push(defined_twice(file, &id, first));
                    continue;
                }
                defined_here.insert(id.get_ref().clone(), id.span().start);
                let placed = Some(Placed { file, entry });
                match slot_of.get(id.get_ref()) {
                    Some(&slot) => slots[slot] = placed,
                    None => {
                        slot_of.insert(id.into_inner(), slots.len());
                        slots.push(placed);
                    }
                }
            }
        }
        out.extend(runs_by_file(slots.into_iter().flatten()));
    }
    out
}

/// Consecutive entries of one file, each run as a file of its own.
fn runs_by_file<'f, T: EntryFile>(
    placed: impl Iterator<Item = Placed<'f, T::Entry>>,
) -> InForce<'f, T> {
    let mut runs: Vec<(&'f LexiconFile, Vec<T::Entry>)> = Vec::new();
    for Placed { file, entry } in placed {
        match runs.last_mut() {
            Some((last, entries)) if std::ptr::eq(*last, file) => entries.push(entry),
            _ => runs.push((file, vec![entry])),
        }
    }
    runs.into_iter()
        .map(|(file, entries)| (file, T::of_entries(entries)))
        .collect()
}

fn defined_twice(file: &LexiconFile, id: &Term, first: usize) -> Diagnostic {
    let message = format!(
        "`{}` is defined twice in this file (first at {}:{})",
        id.get_ref(),
        file.path,
        file.line_of(first)
    );
    at(file, id.span().start, Severity::Error, message)
}

/// The grammar or negation files of kind `T` in force, each with the words
/// the files above it remove.
fn word_layers<'f, T: LayeredFile>(
    files: &'f [LexiconFile],
    problems: &mut Vec<Diagnostic>,
) -> Vec<WordLayer<'f, T>> {
    let mut out = Vec::new();
    for layers in in_force::<T>(files, problems) {
        if layers
            .iter()
            .any(|(_, parsed)| !parsed.removals().is_empty())
        {
            check_removals(&layers, problems);
        }
        let mut withdrawn_above: Vec<Vec<String>> = vec![Vec::new(); layers.len()];
        for (index, (_, parsed)) in layers.iter().enumerate() {
            let words = parsed.removals().iter().map(|term| term.get_ref().clone());
            let words: Vec<String> = words.collect();
            for below in &mut withdrawn_above[..index] {
                below.extend(words.iter().cloned());
            }
        }
        let layers = layers.into_iter().zip(withdrawn_above);
        out.extend(layers.map(|((file, parsed), withdrawn)| WordLayer {
            file,
            parsed,
            withdrawn,
        }));
    }
    out
}

/// Warns about every word a file removes that no file below it has.
fn check_removals<T: LayeredFile>(layers: &[(&LexiconFile, T)], problems: &mut Vec<Diagnostic>) {
    let mut below = BTreeSet::new();
    for (file, parsed) in layers {
        for term in parsed.removals() {
            if !below.contains(&normalised(term.get_ref())) {
                problems.push(nothing_to_remove(file, term));
            }
        }
        below.extend(parsed.contents(file));
    }
}

fn nothing_to_remove(file: &LexiconFile, term: &Term) -> Diagnostic {
    let message = format!(
        "`{}` is in none of the files below this one: nothing to remove",
        term.get_ref()
    );
    at(file, term.span().start, Severity::Warning, message)
}

#[cfg(test)]
mod tests {
    use super::super::files::{Layer, builtin};
    use super::super::{LexiconSettings, compile::compile};
    use super::*;
    use mizan_text::LineIndex;
    use mizan_text::normalize::normalize;

    fn with_user_file(name: &str, text: &str) -> Vec<LexiconFile> {
        let mut files = builtin();
        let model = files.iter().find(|f| f.name == name).unwrap().clone();
        files.push(LexiconFile {
            path: format!("user/{name}"),
            layer: Layer::User,
            lines: LineIndex::new(text),
            text: text.to_string(),
            ..model
        });
        files
    }

    #[test]
    fn removed_grammar_words_leave_the_word_sets_too() {
        let iraq = normalize("العراق").text;
        let builtin = compile(&builtin(), &LexiconSettings::default()).0;
        assert!(builtin.is_masculine_name(Lang::Ar, &iraq));
        assert!(builtin.is_adverb(Lang::En, "strongly") && builtin.is_abbreviation(Lang::En, "mr"));

        let files = with_user_file("ar/grammar.toml", "remove = [\"العراق\"]\n");
        let (lexicon, problems) = compile(&files, &LexiconSettings::default());
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(!lexicon.is_masculine_name(Lang::Ar, &iraq));

        let files = with_user_file("en/grammar.toml", "remove = [\"ly\", \"mr\"]\n");
        let (lexicon, problems) = compile(&files, &LexiconSettings::default());
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(!lexicon.is_adverb(Lang::En, "strongly"));
        assert!(!lexicon.is_abbreviation(Lang::En, "mr"));

        let again = "remove = [\"العراق\"]\nmasculine_names = [\"العراق\"]\n";
        let files = with_user_file("ar/grammar.toml", again);
        let lexicon = compile(&files, &LexiconSettings::default()).0;
        assert!(
            lexicon.is_masculine_name(Lang::Ar, &iraq),
            "listed again above"
        );
    }

    #[test]
    fn listed_names_a_few_and_counts_the_rest() {
        let units: Vec<String> = ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec();
        assert_eq!(listed(&units[..2]), "`a`, `b`");
        assert_eq!(listed(&units), "`a`, `b`, `c`, `d` and 2 more");
        assert_eq!(counted(1, ["entry", "entries"]), "1 entry");
        assert_eq!(counted(3, ["word", "words"]), "3 words");
    }
}
