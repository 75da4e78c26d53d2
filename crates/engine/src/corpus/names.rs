//! Who the lexicon knows by name, as story grouping and statement
//! alignment need it: which person a speaker is, in either language (the
//! lexicons give a person one id in Arabic and English, so "Dmitry Peskov"
//! and "دميتري بيسكوف" are one speaker), and which words are names of
//! parties and their people.
//!
//! Those words name a conflict rather than one of its events: every report
//! of every clash between two states names both states and their leaders.
//! Grouping weighs them like the rest of the conflict's vocabulary.
//!
//! Built from the public [`Lexicon`] API into plain data, so that a reader
//! without a lexicon of its own can hold it.

use super::terms::{KeyMap, Term, each_term, fold, is_word_char};
use crate::lexicon::{Lexicon, Name};
use std::collections::{BTreeSet, HashMap};

/// The lexicon's people and the words of its party and people names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// Each name's folded words, keyed by its first word: the rest of the
    /// words and the person's index in `ids`.
    people: HashMap<String, Vec<(Vec<String>, usize)>>,
    ids: Vec<Name>,
    /// The term keys of the words of every party's and person's names,
    /// each with the key it is counted under: its own, or for an English
    /// adjective or noun of a country its name's (Armenian → Armenia), as
    /// Arabic stems already join the nisba to the name.
    name_terms: KeyMap<u64>,
}

impl Names {
    /// Every person of `lexicon` by every name it lists, and the words of
    /// its party and people names. A name two people share identifies
    /// neither and is left out.
    pub fn from_lexicon(lexicon: &Lexicon) -> Names {
        let mut owners: HashMap<Vec<String>, BTreeSet<usize>> = HashMap::new();
        let mut ids = Vec::new();
        let mut name_terms = KeyMap::default();
        let mut add_terms = |name: &str| {
            each_term(name, |term| {
                if let Term::Word(_) = term {
                    name_terms.entry(term.key()).or_insert(term.key());
                }
            })
        };
        for (index, person) in lexicon.people().enumerate() {
            ids.push(Name::from(person.id.as_str()));
            for name in &person.names {
                owners.entry(words(name)).or_default().insert(index);
                add_terms(name);
            }
        }
        for party in lexicon.parties() {
            add_terms(&party.name_en);
            add_terms(&party.name_ar);
        }
        for (form, name) in english_forms(lexicon.parties().map(|p| p.name_en.as_str())) {
            name_terms.insert(form, name);
        }
        let mut people: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (mut name, owners) in owners {
            let (Some(&person), 1) = (owners.first(), owners.len()) else {
                continue;
            };
            if name.is_empty() {
                continue;
            }
            let first = name.remove(0);
            people.entry(first).or_default().push((name, person));
        }
        Names {
            people,
            ids,
            name_terms,
        }
    }

    /// The one person `text` names (a speaker as the tagger found it:
    /// "Kremlin spokesman Dmitry Peskov", "وقال بيسكوف"); `None` when it
    /// names nobody the lexicon knows, or two different people.
    pub fn person_in(&self, text: &str) -> Option<&Name> {
        let words = words(text);
        let mut found: Option<usize> = None;
        for start in 0..words.len() {
            if let Some(person) = self.person_at(&words, start) {
                if found.is_some_and(|other| other != person) {
                    return None;
                }
                found = Some(person);
            }
        }
        found.map(|person| &self.ids[person])
    }

    /// The key a word of a party's or person's name is counted under
    /// (see `name_terms`), `None` for other terms.
    pub(crate) fn name_term(&self, key: u64) -> Option<u64> {
        self.name_terms.get(&key).copied()
    }

    /// The person whose longest name starts at word `start`. Arabic glues
    /// و ف ب ل ك to the word after them (وبيسكوف), so a first word is also
    /// tried without one of them.
    fn person_at(&self, words: &[String], start: usize) -> Option<usize> {
        let word = &words[start];
        let bare = strip_proclitic(word);
        let rest = &words[start + 1..];
        [Some(word.as_str()), bare]
            .into_iter()
            .flatten()
            .filter_map(|first| self.people.get(first))
            .flatten()
            .filter(|(tail, _)| rest.starts_with(tail))
            .max_by_key(|(tail, _)| tail.len())
            .map(|&(_, person)| person)
    }
}

/// The adjectives and nouns English news derives from one-word country
/// names (Armenia → Armenian, Iraq → Iraqi, Tajikistan → Tajik, China →
/// Chinese, Turkey → Turkish), guessed by the usual endings, each with the
/// term key of its name. A guess that is no English word does no harm: it
/// is only ever compared with words of the text; a form two names could
/// give (Nigerian: Niger, Nigeria) is left out.
fn english_forms<'a>(names: impl Iterator<Item = &'a str>) -> Vec<(u64, u64)> {
    let mut forms: KeyMap<Option<u64>> = KeyMap::default();
    for name in names {
        let Some(name_key) = single_word_key(name) else {
            continue;
        };
        for form in derived_forms(&name.to_lowercase()) {
            let Some(form_key) = single_word_key(&form) else {
                continue;
            };
            let claimed = forms.entry(form_key).or_insert(Some(name_key));
            if *claimed != Some(name_key) {
                *claimed = None;
            }
        }
    }
    forms
        .into_iter()
        .filter_map(|(form, name)| Some((form, name?)))
        .collect()
}

fn derived_forms(name: &str) -> Vec<String> {
    let stems = [
        Some(name),
        name.strip_suffix('a'),
        name.strip_suffix("ia"),
        name.strip_suffix('y'),
        name.strip_suffix("ey"),
        name.strip_suffix("istan"),
        name.strip_suffix("stan"),
    ];
    let mut forms = Vec::new();
    for stem in stems.into_iter().flatten().filter(|stem| stem.len() >= 3) {
        for ending in ["", "n", "an", "ian", "i", "ese", "ish"] {
            forms.push(format!("{stem}{ending}"));
        }
    }
    forms
}

/// The term key of a one-word text.
fn single_word_key(text: &str) -> Option<u64> {
    let mut keys = Vec::new();
    each_term(text, |term| keys.push(term.key()));
    match keys[..] {
        [key] => Some(key),
        _ => None,
    }
}

/// The folded words of `text`.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !is_word_char(c))
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// `word` without a leading Arabic conjunction or preposition, when what
/// remains is still a word of three letters or more.
fn strip_proclitic(word: &str) -> Option<&str> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    (matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك') && rest.chars().nth(2).is_some()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::from_lexicon(&Lexicon::builtin())
    }

    #[test]
    fn a_person_is_one_id_in_both_languages() {
        let names = names();
        let english = names.person_in("Kremlin spokesman Dmitry Peskov");
        assert_eq!(english.map(Name::as_str), Some("dmitry_peskov"));
        assert_eq!(
            names.person_in("المتحدث باسم الكرملين دميتري بيسكوف"),
            english
        );
        assert_eq!(names.person_in("وبيسكوف"), english);
        assert_eq!(names.person_in("Peskov's"), english);
    }

    #[test]
    fn speakers_the_lexicon_does_not_know_or_two_people_name_nobody() {
        let names = names();
        assert_eq!(names.person_in("a military spokesman"), None);
        assert_eq!(names.person_in("Peskov and Zakharova"), None);
        assert_eq!(names.person_in(""), None);
    }

    #[test]
    fn words_of_party_and_people_names_are_known_and_adjectives_count_as_the_country() {
        let names = names();
        let key_of = |text: &str| {
            let mut keys = Vec::new();
            each_term(text, |term| keys.push(term.key()));
            keys[0]
        };
        for name in ["Peskov", "بيسكوف", "أرمينيا", "Armenia"] {
            assert_eq!(names.name_term(key_of(name)), Some(key_of(name)), "{name}");
        }
        for (adjective, country) in [
            ("Armenian", "Armenia"),
            ("Azerbaijani", "Azerbaijan"),
            ("Tajik", "Tajikistan"),
            ("Turkish", "Turkey"),
            ("Chinese", "China"),
            ("Iraqi", "Iraq"),
        ] {
            assert_eq!(
                names.name_term(key_of(adjective)),
                Some(key_of(country)),
                "{adjective}"
            );
        }
        assert_eq!(names.name_term(key_of("Jermuk")), None);
    }
}
