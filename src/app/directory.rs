//! The party directory: what the reader knows about each party id that the
//! tagger emits (display names, short code, colour), which English names
//! stand for which Arabic aliases, and who the lexicon's people are (which
//! story grouping and alignment read). It arrives as data from the lexicon,
//! so the reader never depends on how lexicons are loaded.

use mizan_engine::corpus::names::Names;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// How one party is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartyInfo {
    pub id: String,
    pub name_en: String,
    pub name_ar: String,
    /// A short code for badges, such as `ARM`.
    pub short: String,
    /// A colour name from `[colors]` (ratatui's names or `#rrggbb`); `None`
    /// picks one from the palette by id.
    pub color: Option<String>,
}

/// An English name and the Arabic spellings it stands for, so typing
/// `blinken` in the filter finds statements by بلينكن.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameAlias {
    pub english: String,
    pub arabic: Vec<String>,
}

/// Every party and name alias the current lexicon knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Directory {
    parties: BTreeMap<String, PartyInfo>,
    aliases: Vec<NameAlias>,
    /// Shared with every stories build, which runs off the screen's thread.
    known_names: Arc<Names>,
}

impl Directory {
    /// Parties without a short code get one derived from their id, distinct
    /// from every other party's (`guinea` GUI, `guinea_bissau` GB).
    pub fn new(parties: impl IntoIterator<Item = PartyInfo>, aliases: Vec<NameAlias>) -> Self {
        let mut parties: BTreeMap<String, PartyInfo> =
            parties.into_iter().map(|p| (p.id.clone(), p)).collect();
        let mut taken: HashSet<String> = parties
            .values()
            .filter(|p| !p.short.is_empty())
            .map(|p| p.short.clone())
            .collect();
        for party in parties.values_mut().filter(|p| p.short.is_empty()) {
            let code = short_candidates(&party.id)
                .into_iter()
                .find(|c| !taken.contains(c))
                .unwrap_or_else(|| party.id.to_uppercase());
            taken.insert(code.clone());
            party.short = code;
        }
        Self {
            parties,
            aliases,
            known_names: Arc::default(),
        }
    }

    /// With the lexicon's people and names, so that stories weigh party and
    /// people names as the conflict's vocabulary and align one person's
    /// statements across languages.
    pub fn with_known_names(mut self, known_names: Names) -> Self {
        self.known_names = Arc::new(known_names);
        self
    }

    pub fn known_names(&self) -> &Arc<Names> {
        &self.known_names
    }

    pub fn party(&self, id: &str) -> Option<&PartyInfo> {
        self.parties.get(id)
    }

    pub fn parties(&self) -> impl Iterator<Item = &PartyInfo> {
        self.parties.values()
    }

    pub fn aliases(&self) -> &[NameAlias] {
        &self.aliases
    }

    /// The badge code of a party: its configured short code, else the first
    /// three letters of its id in capitals.
    pub fn short(&self, id: &str) -> String {
        match self.parties.get(id) {
            Some(p) if !p.short.is_empty() => p.short.clone(),
            _ => id.chars().take(3).collect::<String>().to_uppercase(),
        }
    }

    /// Applies `[colors]` overrides (party id → colour name).
    pub fn with_colors(mut self, colors: &BTreeMap<String, String>) -> Self {
        for (id, color) in colors {
            let entry = self.parties.entry(id.clone()).or_insert_with(|| PartyInfo {
                id: id.clone(),
                ..PartyInfo::default()
            });
            entry.color = Some(color.clone());
        }
        self
    }

    /// The names a party is known by, for the filter's haystacks.
    pub fn names<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        match self.parties.get(id) {
            Some(p) => vec![
                p.id.as_str(),
                p.name_en.as_str(),
                p.name_ar.as_str(),
                p.short.as_str(),
            ],
            None => vec![id],
        }
    }
}

/// Badge codes for `id`, best first: the initials of a several-word id
/// (`central_african_republic` CAR), its first three letters, then its first
/// letter with two later ones.
fn short_candidates(id: &str) -> Vec<String> {
    let words: Vec<&str> = id.split('_').filter(|w| !w.is_empty()).collect();
    let letters: Vec<char> = id.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut candidates = Vec::new();
    if words.len() >= 2 {
        candidates.push(
            words
                .iter()
                .filter_map(|w| w.chars().next())
                .collect::<String>(),
        );
    }
    candidates.push(letters.iter().take(3).collect());
    if let Some(&first) = letters.first() {
        for (i, &second) in letters.iter().enumerate().skip(1) {
            for &third in &letters[i + 1..] {
                candidates.push([first, second, third].iter().collect());
            }
        }
    }
    candidates.into_iter().map(|c| c.to_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(id: &str) -> PartyInfo {
        PartyInfo {
            id: id.into(),
            ..PartyInfo::default()
        }
    }

    #[test]
    fn derived_short_codes_are_distinct() {
        let ids = [
            "guinea",
            "guinea_bissau",
            "niger",
            "nigeria",
            "usa",
            "central_african_republic",
        ];
        let directory = Directory::new(ids.map(party), Vec::new());
        let codes: Vec<String> = ids.iter().map(|id| directory.short(id)).collect();
        assert_eq!(codes[0], "GUI");
        assert_eq!(codes[1], "GB");
        assert_eq!(codes[4], "USA");
        assert_eq!(codes[5], "CAR");
        let distinct: HashSet<&String> = codes.iter().collect();
        assert_eq!(distinct.len(), codes.len(), "{codes:?}");
    }
}
