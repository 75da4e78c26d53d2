//! One block of text (a paragraph or the title) prepared for the rules:
//! normalised, tokenised, its quotations paired, its sentences cut and its
//! lexicon matches laid out as a sequence of items. An item is one lexicon
//! match or one unmatched token; the statement and stance rules walk items.

use crate::lexicon::Lexicon;
use crate::lexicon::matcher::{Proclitics, Sense, SenseKind, Via};
use mizan_text::normalize::{Normalized, normalize};
use mizan_text::segment::{Token, TokenKind, find_quotes, sentences, tokenize};
use mizan_text::{Lang, TextRange};
use std::ops::Range;

/// One lexicon match or one unmatched token.
#[derive(Clone, Debug)]
pub struct Item<'l> {
    /// Tokens `first..end`.
    pub first: usize,
    pub end: usize,
    pub senses: &'l [Sense],
    pub proclitics: Proclitics,
    pub suffixed: bool,
    /// Inside a quotation (the marks themselves are not).
    pub quoted: bool,
    /// English: the first word starts with a capital letter in the
    /// original (a proper name, or the first word of a sentence).
    pub capital: bool,
    /// A weak name (مالي) the article has shown to be its party's.
    pub weak_party: Option<u32>,
    pub kind: TokenKind,
}

impl Item<'_> {
    pub fn has(&self, test: impl Fn(SenseKind) -> bool) -> bool {
        self.senses.iter().any(|s| test(s.kind))
    }

    pub fn find<T>(&self, pick: impl Fn(SenseKind) -> Option<T>) -> Option<(T, Sense)> {
        self.senses
            .iter()
            .find_map(|s| pick(s.kind).map(|t| (t, *s)))
    }

    /// The party this item names, and how.
    pub fn party(&self) -> Option<(u32, Via)> {
        self.find(|k| match k {
            SenseKind::Party { party, via } => Some((party, via)),
            _ => None,
        })
        .map(|(p, _)| p)
        .or(self.weak_party.map(|p| (p, Via::Alias)))
    }

    /// The parties a weak name here may name (الجنوب: South Korea or
    /// South Sudan).
    pub fn weak_names(&self) -> impl Iterator<Item = u32> + '_ {
        self.senses.iter().filter_map(|s| match s.kind {
            SenseKind::WeakParty(party) => Some(party),
            _ => None,
        })
    }

    pub fn is_punct(&self, test: impl Fn(char) -> bool) -> bool {
        matches!(self.kind, TokenKind::Punct(c) if test(c))
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Matched nothing in the lexicon.
    pub fn is_plain(&self) -> bool {
        self.senses.is_empty()
    }
}

/// Commas, Arabic and Latin.
pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '،' | '؛' | ';')
}

/// Quotation marks that open or close.
pub fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

/// A prepared block.
pub struct Block<'l> {
    /// Where the block starts in the article's source.
    pub offset: usize,
    pub lang: Lang,
    pub normalized: Normalized,
    pub tokens: Vec<Token>,
    pub items: Vec<Item<'l>>,
    /// Sentences as item ranges.
    pub sentences: Vec<Range<usize>>,
    /// Quotations as item ranges of their contents (marks excluded).
    pub quotes: Vec<Range<usize>>,
}

impl<'l> Block<'l> {
    pub fn new(source: &str, range: TextRange, lang: Lang, lexicon: &'l Lexicon) -> Block<'l> {
        let original = range.slice(source);
        let normalized = normalize(original);
        let text = normalized.text.as_str();
        let tokens = tokenize(text);
        // Only English has capitals: acronyms (US, UN) match only in
        // capitals, and a capitalised word may be a name.
        let (capitalised, initials): (Vec<bool>, Vec<bool>) = match lang {
            Lang::Ar => Default::default(),
            Lang::En => tokens
                .iter()
                .map(|t| {
                    if !text.as_bytes()[t.start].is_ascii_alphabetic() {
                        return (false, false);
                    }
                    let word = normalized.to_original(t.start..t.end).slice(original);
                    let initial = word.starts_with(|c: char| c.is_ascii_uppercase());
                    (initial && !word.chars().any(char::is_lowercase), initial)
                })
                .unzip(),
        };
        let token_quotes = find_quotes(&tokens);
        let mut quoted = vec![false; tokens.len()];
        for q in &token_quotes {
            quoted[q.open + 1..q.close]
                .iter_mut()
                .for_each(|f| *f = true);
        }
        let matcher = lexicon.matcher(lang);
        let hits = matcher.find(text, &tokens, &capitalised);
        let mut items = Vec::with_capacity(tokens.len());
        let mut item_of_token = vec![0usize; tokens.len() + 1];
        let mut next_hit = hits.iter().peekable();
        let mut i = 0;
        while i < tokens.len() {
            let here = next_hit.peek().filter(|h| h.first == i).map(|h| **h);
            let (end, senses, proclitics, suffixed) = match here {
                Some(hit) => {
                    next_hit.next();
                    (
                        hit.end,
                        matcher.senses(hit.phrase),
                        hit.proclitics,
                        hit.suffixed,
                    )
                }
                None => (i + 1, &[][..], Proclitics::default(), false),
            };
            item_of_token[i..end].fill(items.len());
            items.push(Item {
                first: i,
                end,
                senses,
                proclitics,
                suffixed,
                quoted: quoted[i],
                capital: initials.get(i).copied().unwrap_or(false),
                weak_party: None,
                kind: tokens[i].kind,
            });
            i = end;
        }
        item_of_token[tokens.len()] = items.len();
        let to_items = |r: Range<usize>| item_of_token[r.start]..item_of_token[r.end];
        let sentence_ranges = sentences(text, &tokens, &token_quotes, |w| {
            lexicon.is_abbreviation(lang, w)
        })
        .into_iter()
        .map(to_items)
        .collect();
        let quotes = token_quotes
            .iter()
            .map(|q| to_items(q.open + 1..q.close))
            .collect();
        Block {
            offset: range.start(),
            lang,
            normalized,
            tokens,
            items,
            sentences: sentence_ranges,
            quotes,
        }
    }

    /// The original range of items `range` in the article's source.
    pub fn source_range(&self, range: Range<usize>) -> TextRange {
        if range.is_empty() || range.end > self.items.len() {
            let at = self
                .items
                .get(range.start)
                .map_or(self.normalized.text.len(), |i| self.tokens[i.first].start);
            return self.normalized.to_original(at..at).shifted(self.offset);
        }
        let start = self.tokens[self.items[range.start].first].start;
        let end = self.tokens[self.items[range.end - 1].end - 1].end;
        self.normalized.to_original(start..end).shifted(self.offset)
    }

    /// Lets the weak names of the parties `named` accepts count as those
    /// parties' names.
    pub fn accept_weak_names(&mut self, named: impl Fn(u32, usize) -> bool) {
        for (i, item) in self.items.iter_mut().enumerate() {
            let accepted = item.weak_names().find(|&p| named(p, i));
            item.weak_party = accepted;
        }
    }

    /// The folded text of the title words in `range` ("وزير الخارجية",
    /// "foreign minister"), for matching the same title named before.
    pub fn title_text(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        for i in range {
            if self.items[i].has(|k| k == SenseKind::Title) {
                let text = self.item_text(i);
                let text = text.strip_prefix("the ").unwrap_or(text);
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(text);
            }
        }
        out
    }

    /// Whether item `i` is written against its neighbours, with no space
    /// on either side (the hyphen of نويل-بارو, "al-Wadei").
    pub fn attached(&self, i: usize) -> bool {
        let item = &self.items[i];
        let first = self.tokens[item.first];
        let last = self.tokens[item.end - 1];
        let before = i > 0 && self.tokens[self.items[i - 1].end - 1].end == first.start;
        let after = self
            .items
            .get(i + 1)
            .is_some_and(|next| self.tokens[next.first].start == last.end);
        before && after
    }

    /// The folded text of item `i`.
    pub fn item_text(&self, i: usize) -> &str {
        let item = &self.items[i];
        &self.normalized.text[self.tokens[item.first].start..self.tokens[item.end - 1].end]
    }
}
