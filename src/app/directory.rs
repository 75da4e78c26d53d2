//! The party directory: what the reader knows about each party id that the
//! tagger emits (display names, short code, colour) and which English names
//! stand for which Arabic aliases. It arrives as data from the lexicon, so the
//! reader never depends on how lexicons are loaded.

use std::collections::BTreeMap;

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
}

impl Directory {
    pub fn new(parties: impl IntoIterator<Item = PartyInfo>, aliases: Vec<NameAlias>) -> Self {
        let parties = parties.into_iter().map(|p| (p.id.clone(), p)).collect();
        Self { parties, aliases }
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
