//! Finding statements in a block and their speakers.
//!
//! A sentence holds a statement when it has an attribution outside its
//! quotations: a reporting verb (not in a relative clause), a source phrase
//! (بحسب X) or a short "X:" prefix. A reporting verb that opens a later
//! clause of the same sentence starts a statement of its own. The speaker is
//! the verb's subject: the noun phrase before it (SVO) or right after it
//! (VSO), with comma-enclosed appositions set aside (they are the author's,
//! not the speaker's). A verb with no subject of its own (وأضاف، وقالت إن)
//! continues the previous speaker. A sentence that opens with a quotation and
//! has no attribution continues the previous statement too.

use super::block::{Block, Item, is_comma, is_quote_mark};
use crate::lexicon::matcher::{Sense, SenseKind, Via};
use crate::lexicon::{Lexicon, PartyKind, VerbKind};
use mizan_text::Lang;
use std::ops::Range;

/// Who a found statement's speaker is.
#[derive(Clone, Debug, PartialEq)]
pub enum Speaker {
    /// Named here: the items of the name and the party they resolve to.
    Named {
        range: Range<usize>,
        party: Option<(u32, Sense)>,
        unaffiliated: bool,
    },
    /// Not named: the previous statement's speaker.
    Previous,
}

/// A statement found in a block, in item indices.
#[derive(Clone, Debug)]
pub struct Found {
    pub range: Range<usize>,
    pub speaker: Speaker,
    /// The reporting verb, when there is one.
    pub verb: Option<usize>,
    /// Where the verb's object may start (after subject and appositions).
    pub object_from: usize,
    /// The speaker's name and the appositions: not part of what was said.
    pub excluded: Vec<Range<usize>>,
    /// A denial: blame cues before this item (the end of the denying
    /// clause; a continuation merged after it is not denied) are cancelled.
    pub denial: Option<usize>,
    /// The longest quotation in it, when there is one of three words or more.
    pub quote: Option<Range<usize>>,
    /// Whether the sentence started with a quotation and no attribution.
    pub bare_quote: bool,
}

#[derive(Clone, Copy, Debug)]
enum Trigger {
    Verb(usize, u32),
    Source(usize),
}

impl Trigger {
    fn item(self) -> usize {
        match self {
            Trigger::Verb(i, _) | Trigger::Source(i) => i,
        }
    }
}

/// Every statement of `block`, in text order.
pub fn find(block: &Block, lexicon: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    for sentence in &block.sentences {
        let triggers = triggers(block, lexicon, sentence.clone());
        if triggers.is_empty() {
            if let Some(found) = colon_attribution(block, sentence.clone())
                .or_else(|| bare_quote(block, sentence.clone()))
                .or_else(|| participle_after_narration(block, lexicon, sentence.clone()))
            {
                out.push(found);
            }
            continue;
        }
        let starts = segment_starts(block, sentence.clone(), &triggers);
        let first = out.len();
        for (n, &(start, trigger)) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(sentence.end, |&(next, _)| next);
            let found = analyse(block, lexicon, start..end, trigger);
            let merged = out.len() > first && continues_in_sentence(block, &found);
            match out.last_mut() {
                Some(last) if merged => last.range.end = end,
                _ => out.push(found),
            }
        }
    }
    out
}

fn triggers(block: &Block, lexicon: &Lexicon, sentence: Range<usize>) -> Vec<Trigger> {
    let items = &block.items;
    let mut out = Vec::new();
    let mut has_verb = false;
    for i in sentence.clone() {
        let item = &items[i];
        if item.quoted {
            continue;
        }
        let after_relative = i > sentence.start && items[i - 1].has(|k| k == SenseKind::Relative);
        if let Some((verb, _)) = item.find(|k| {
            if let SenseKind::Verb(v) = k {
                Some(v)
            } else {
                None
            }
        }) {
            if lexicon.verb(verb).kind != VerbKind::Continue && !after_relative {
                out.push(Trigger::Verb(i, verb));
                has_verb = true;
            }
        } else if item.has(|k| matches!(k, SenseKind::Source(_))) && !has_verb {
            out.push(Trigger::Source(i));
        }
    }
    if has_verb {
        out.retain(|t| matches!(t, Trigger::Verb(..)));
    } else {
        out.truncate(1);
    }
    out
}

/// Where each statement of a sentence starts: the first at the sentence's
/// start, later ones at a reporting verb that opens a clause.
fn segment_starts(
    block: &Block,
    sentence: Range<usize>,
    triggers: &[Trigger],
) -> Vec<(usize, Trigger)> {
    let mut out = vec![(sentence.start, triggers[0])];
    for &trigger in &triggers[1..] {
        let Some(start) = clause_start(block, sentence.start, trigger.item()) else {
            continue;
        };
        if start > out.last().map_or(0, |&(s, _)| s) {
            out.push((start, trigger));
        }
    }
    out
}

/// Where the clause of a later reporting verb starts, when the verb opens a
/// clause of its own: right after a comma, quotation mark, colon or clause
/// opener (فيما أعلنت باكو), or after such a mark and a subject before the
/// verb ("while the French ambassador praised"). `None` when the verb is
/// embedded (after a complementizer or another verb).
fn clause_start(block: &Block, sentence_start: usize, verb: usize) -> Option<usize> {
    let items = &block.items;
    let mut b = verb;
    while b > sentence_start && verb - b < 8 {
        let previous = &items[b - 1];
        if previous.is_punct(|c| is_comma(c) || is_quote_mark(c) || c == ':') {
            break;
        }
        if previous.has(|k| k == SenseKind::ClauseOpener) {
            b -= 1;
            break;
        }
        if previous.quoted
            || previous.has(|k| {
                matches!(
                    k,
                    SenseKind::Complementizer | SenseKind::Verb(_) | SenseKind::Relative
                )
            })
        {
            return None;
        }
        b -= 1;
    }
    let boundary = b == sentence_start
        || items[b - 1].is_punct(|c| is_comma(c) || is_quote_mark(c) || c == ':')
        || items[b].has(|k| k == SenseKind::ClauseOpener);
    let subject_or_none = b == verb
        || items[b].has(|k| k == SenseKind::ClauseOpener) && b + 1 == verb
        || subject_before(block, b, verb).is_some();
    (boundary && subject_or_none).then_some(b)
}

fn analyse(block: &Block, lexicon: &Lexicon, range: Range<usize>, trigger: Trigger) -> Found {
    let mut found = Found {
        range: range.clone(),
        speaker: Speaker::Previous,
        verb: None,
        object_from: trigger.item() + 1,
        excluded: Vec::new(),
        denial: None,
        quote: longest_quote(block, range.clone()),
        bare_quote: false,
    };
    match trigger {
        Trigger::Source(i) => {
            let (speaker, end, excluded) =
                noun_phrase_after(block, lexicon, i + 1, range.end, None);
            found.speaker = speaker;
            found.object_from = end;
            found.excluded = excluded;
        }
        Trigger::Verb(v, verb) => {
            let rule = lexicon.verb(verb);
            found.verb = Some(v);
            found.denial = (rule.kind == VerbKind::Deny).then_some(range.end);
            // نقلت وسائل إعلام عن X: the speaker follows the marker; "media
            // quoted X as saying": with no marker, it follows the verb.
            let relay_from = (rule.kind == VerbKind::Relay).then(|| {
                (v + 1..range.end.min(v + 10))
                    .find(|&m| block.items[m].has(|k| k == SenseKind::RelayMarker))
                    .unwrap_or(v)
            });
            if let Some(marker) = relay_from {
                let (speaker, end, excluded) =
                    noun_phrase_after(block, lexicon, marker + 1, range.end, None);
                found.speaker = speaker;
                found.object_from = end;
                found.excluded = excluded;
            } else if let Some(before) = subject_before(block, range.start, v) {
                let possessive = before
                    .clone()
                    .any(|i| block.items[i].has(|k| k == SenseKind::Possessive));
                let party = resolve_party(block, before.clone()).or_else(|| {
                    // "its spokesman": the party named earlier in the sentence.
                    possessive
                        .then(|| resolve_party(block, range.start..before.start))
                        .flatten()
                });
                found.speaker = Speaker::Named {
                    party,
                    unaffiliated: any_unaffiliated(block, before.clone()),
                    range: before.clone(),
                };
                found.excluded = vec![before];
            } else if block.lang == Lang::En && !inverted(block, v) {
                found.speaker = Speaker::Previous;
            } else {
                let masculine = is_masculine_form(block.item_text(v));
                let (speaker, end, excluded) =
                    noun_phrase_after(block, lexicon, v + 1, range.end, Some(masculine));
                found.speaker = speaker;
                found.object_from = end;
                found.excluded = excluded;
            }
        }
    }
    found
}

/// A conjoined verb that names no new speaker (قال ...، وأضاف أن ...،
/// وطالبت المجتمع الدولي): the same statement goes on.
fn continues_in_sentence(block: &Block, found: &Found) -> bool {
    let Some(verb) = found.verb else {
        return false;
    };
    let conjoined = block.items[verb].proclitics.conjunction;
    let new_speaker = match &found.speaker {
        Speaker::Previous => false,
        Speaker::Named {
            party,
            unaffiliated,
            range,
        } => {
            // An anaphor (وأوضحت الوزارة) names the same speaker again.
            party.is_some()
                || *unaffiliated
                || range
                    .clone()
                    .any(|i| block.items[i].has(|k| k == SenseKind::Title))
        }
    };
    conjoined && !new_speaker
}

/// The subject before a verb (SVO): the clause's words before it, when
/// they hold a party or a title outside any prepositional phrase.
fn subject_before(block: &Block, start: usize, verb: usize) -> Option<Range<usize>> {
    let items = &block.items;
    let mut from = verb;
    while from > start {
        let item = &items[from - 1];
        // A dash or bracket ends a dateline (موسكو (رويترز) - قال ...).
        if item.quoted
            || item.is_punct(|c| is_quote_mark(c) || matches!(c, '-' | '–' | '—' | ')' | '('))
            || item.has(|k| {
                matches!(
                    k,
                    SenseKind::ClauseOpener | SenseKind::Complementizer | SenseKind::Verb(_)
                )
            })
        {
            break;
        }
        from -= 1;
    }
    while from < verb && (items[from].has(|k| k == SenseKind::Skip) || !items[from].is_word()) {
        from += 1;
    }
    let names_someone = (from..verb).any(|i| {
        let item = &items[i];
        let in_phrase = item.proclitics.preposition
            || (i > 0 && items[i - 1].has(|k| k == SenseKind::Preposition));
        !in_phrase
            && (item.party().is_some()
                || item.has(|k| matches!(k, SenseKind::Title | SenseKind::Anaphor)))
    });
    (names_someone && from < verb).then_some(from..verb)
}

/// The speaker after a verb or source phrase (VSO): a noun phrase of titles,
/// names and parties, then any comma-enclosed appositions. `masculine` is the
/// verb's form, when there is a verb: a masculine verb before a country's
/// name means the name is the object (دعا أرمينيا: "he called on Armenia").
fn noun_phrase_after(
    block: &Block,
    lexicon: &Lexicon,
    from: usize,
    end: usize,
    masculine: Option<bool>,
) -> (Speaker, usize, Vec<Range<usize>>) {
    let items = &block.items;
    let mut j = from;
    // Skipped words and the addressee (قال للصحافيين، told AFP).
    let mut addressee = false;
    while j < end {
        let item = &items[j];
        let to_someone = item.proclitics.preposition && item.has(|k| k == SenseKind::Unaffiliated);
        if !to_someone && !item.has(|k| k == SenseKind::Skip) {
            break;
        }
        addressee |= to_someone;
        j += 1;
    }
    let quoted_name_first = quoted_name(block, j, end);
    if j >= end || (!starts_noun_phrase(&items[j]) && quoted_name_first.is_none()) {
        return (Speaker::Previous, from, Vec::new());
    }
    if masculine == Some(true) && names_a_country(block, lexicon, j) {
        return (Speaker::Previous, from, Vec::new());
    }
    let mut party = None;
    let mut seen_title = false;
    let mut k = j;
    while k < end && k - j < 12 {
        let item = &items[k];
        if let Some(after) = quoted_name(block, k, end) {
            if party.is_none() {
                party = resolve_party(block, k..after);
            }
            k = after;
            continue;
        }
        if !item.is_word() || item.quoted {
            break;
        }
        if item.has(|s| {
            matches!(
                s,
                SenseKind::Complementizer
                    | SenseKind::Verb(_)
                    | SenseKind::Cue(_)
                    | SenseKind::Negator
            )
        }) {
            break;
        }
        if item.has(|s| s == SenseKind::Preposition) && item.party().is_none() {
            let title_place = seen_title && k + 1 < end && items[k + 1].party().is_some();
            if party.is_none() && party_ahead(block, k + 1, end) {
                k += 1;
                continue;
            }
            if title_place {
                k = past_place(block, k + 1, end);
                continue;
            }
            break;
        }
        seen_title |= item.has(|s| matches!(s, SenseKind::Title | SenseKind::Anaphor));
        if let Some(p) = item.party() {
            let after_a_bare_name =
                k > j && items[k - 1].is_plain() && !seen_title && !item.proclitics.preposition;
            match party {
                None if after_a_bare_name && p.1 != Via::Demonym => break,
                None => party = resolve_party(block, k..end.min(k + 2)),
                Some((q, _)) if q != p.0 && !is_demonym_of_alias(block, k) => break,
                Some(_) => {}
            }
        }
        k += 1;
    }
    let names_someone = party.is_some() || (j..k).any(|i| items[i].has(|s| s == SenseKind::Title));
    if addressee && !names_someone {
        // The rest of the addressee's name (لوكالة فرانس برس).
        return (Speaker::Previous, k, Vec::new());
    }
    let name = j..k.max(j + 1).min(end);
    let mut excluded = vec![name.clone()];
    let mut unaffiliated = any_unaffiliated(block, name.clone());
    let mut at = k;
    for round in 0..3 {
        if at >= end || !items[at].is_punct(is_comma) {
            break;
        }
        let Some(close) = (at + 1..end.min(at + 12)).find(|&m| {
            items[m].is_punct(|c| is_comma(c) || c == ':')
                || items[m].has(|s| s == SenseKind::Complementizer)
        }) else {
            break;
        };
        let ends_in_comma = items[close].is_punct(is_comma);
        let apposition = at + 1..close;
        let names_a_party = resolve_party(block, apposition.clone()).is_some();
        if names_a_party && (round > 0 || (!ends_in_comma && party.is_some())) {
            break;
        }
        if party.is_none() && round == 0 {
            party = resolve_party(block, apposition.clone());
            unaffiliated |= any_unaffiliated(block, apposition.clone());
        }
        excluded.push(apposition);
        at = close;
        if !ends_in_comma {
            break;
        }
    }
    (
        Speaker::Named {
            range: name,
            party,
            unaffiliated,
        },
        at,
        excluded,
    )
}

/// A party's name in quotation marks (أعلن "حزب الله"، المتحدث باسم حركة
/// "إم 23"): the index after the closing mark, when the quotation is at
/// most four words, holds no cue and names a party by name, not by nisba
/// (حمّلت الوزارة "الاستفزاز الأرميني" ...).
fn quoted_name(block: &Block, at: usize, end: usize) -> Option<usize> {
    let items = &block.items;
    if at >= end || !items[at].is_punct(is_quote_mark) {
        return None;
    }
    let close = (at + 1..end.min(at + 6)).find(|&m| items[m].is_punct(is_quote_mark))?;
    let words = at + 1..close;
    let names_a_party = words
        .clone()
        .any(|m| matches!(items[m].party(), Some((_, Via::Alias))));
    let plain_name = words
        .clone()
        .all(|m| items[m].is_word() && !items[m].has(|k| matches!(k, SenseKind::Cue(_))));
    (close > at + 1 && names_a_party && plain_name).then_some(close + 1)
}

/// English puts the speaker after the verb only after a quotation
/// ("...," said X); elsewhere a verb with no subject before it continues the
/// previous subject ("and said").
fn inverted(block: &Block, verb: usize) -> bool {
    let items = &block.items;
    let after_quote = |i: usize| items[i].is_punct(is_quote_mark);
    verb > 0
        && (after_quote(verb - 1)
            || (verb > 1 && items[verb - 1].is_punct(is_comma) && after_quote(verb - 2)))
}

/// The end of a title's place ("envoy to Yemen"): the words after the
/// preposition up to and including the first party.
fn past_place(block: &Block, from: usize, end: usize) -> usize {
    let mut k = from;
    while k < end && block.items[k].is_word() {
        k += 1;
        if block.items[k - 1].party().is_some() {
            break;
        }
    }
    k
}

/// A party within the next three words, before any punctuation.
fn party_ahead(block: &Block, from: usize, end: usize) -> bool {
    (from..end.min(from + 3))
        .take_while(|&i| block.items[i].is_word())
        .any(|i| block.items[i].party().is_some())
}

fn starts_noun_phrase(item: &Item) -> bool {
    item.is_word()
        && !item.quoted
        && (!item.proclitics.preposition || item.party().is_some())
        && !item.has(|k| {
            matches!(
                k,
                SenseKind::Complementizer
                    | SenseKind::Preposition
                    | SenseKind::Negator
                    | SenseKind::Verb(_)
                    | SenseKind::ClauseOpener
                    | SenseKind::Relative
                    | SenseKind::AgentMarker
            )
        })
}

/// Item `i` names a state or its city (feminine nouns a masculine verb does
/// not agree with).
fn names_a_country(block: &Block, lexicon: &Lexicon, i: usize) -> bool {
    let item = &block.items[i];
    let Some((party, Via::Alias)) = item.party() else {
        return false;
    };
    let party = lexicon.party_at(party);
    let name = match block.lang {
        Lang::Ar => &party.name_ar,
        Lang::En => &party.name_en,
    };
    let text = block.item_text(i);
    // Countries and cities are feminine; a one-word name without the
    // article is one of them (موسكو، يريفان), unlike الكرملين.
    let proper_name = item.end - item.first == 1 && !text.starts_with("ال");
    matches!(party.kind, PartyKind::State | PartyKind::Region)
        && (proper_name || mizan_text::normalize::normalize(name).text == text)
}

/// Past-tense feminine forms end in ت, present feminine ones start with ت;
/// a form that is neither is masculine. Only the Arabic verb forms of the
/// lexicon pass through here; any other text reads as not masculine.
fn is_masculine_form(form: &str) -> bool {
    let form = form
        .strip_prefix('و')
        .or_else(|| form.strip_prefix('ف'))
        .unwrap_or(form);
    form.starts_with(|c: char| ('\u{0621}'..='\u{064A}').contains(&c))
        && !form.ends_with('ت')
        && !form.starts_with('ت')
}

/// The first party named in `range`. An institution followed by another
/// party's nisba belongs to the nisba's party (مجلس الأمن الأرميني).
pub fn resolve_party(block: &Block, range: Range<usize>) -> Option<(u32, Sense)> {
    let items = &block.items;
    let i = range
        .into_iter()
        .find(|&i| party_sense(&items[i]).is_some())?;
    let (party, sense) = party_sense(&items[i])?;
    let nisba = items.get(i + 1).and_then(party_sense).filter(|&(next, s)| {
        next != party
            && matches!(
                s.kind,
                SenseKind::Party {
                    via: Via::Demonym,
                    ..
                }
            )
    });
    Some(nisba.unwrap_or((party, sense)))
}

fn is_demonym_of_alias(block: &Block, i: usize) -> bool {
    i > 0
        && matches!(block.items[i].party(), Some((_, Via::Demonym)))
        && matches!(block.items[i - 1].party(), Some((_, Via::Alias)))
}

fn party_sense(item: &Item) -> Option<(u32, Sense)> {
    item.find(|k| {
        if let SenseKind::Party { party, .. } = k {
            Some(party)
        } else {
            None
        }
    })
}

fn any_unaffiliated(block: &Block, range: Range<usize>) -> bool {
    range
        .into_iter()
        .any(|i| block.items[i].has(|k| k == SenseKind::Unaffiliated))
}

/// "X: ..." at the start of a sentence (headlines, leads): a short prefix
/// naming a party, with no verb, before a colon.
fn colon_attribution(block: &Block, sentence: Range<usize>) -> Option<Found> {
    let items = &block.items;
    let colon = (sentence.start..sentence.end.min(sentence.start + 8))
        .find(|&i| items[i].is_punct(|c| c == ':'))?;
    if colon + 1 >= sentence.end || items[colon].quoted {
        return None;
    }
    let prefix = sentence.start..colon;
    let party = resolve_party(block, prefix.clone())?;
    // "الهند وباكستان: ..." names a topic, not a speaker ("موسكو لواشنطن:"
    // still has one).
    let two_sides = prefix.clone().any(|i| {
        items[i].proclitics.conjunction && items[i].party().is_some_and(|(p, _)| p != party.0)
    });
    if two_sides {
        return None;
    }
    Some(Found {
        range: sentence.clone(),
        speaker: Speaker::Named {
            range: prefix.clone(),
            party: Some(party),
            unaffiliated: false,
        },
        verb: None,
        object_from: colon + 1,
        excluded: vec![prefix],
        denial: None,
        quote: longest_quote(block, sentence),
        bare_quote: false,
    })
}

/// Narration followed by a participle of speech (هاجم الحوثيون السفن،
/// قائلين إنهم ...): the statement is the sentence, its speaker the
/// narration's subject (its first party outside a prepositional phrase).
fn participle_after_narration(
    block: &Block,
    lexicon: &Lexicon,
    sentence: Range<usize>,
) -> Option<Found> {
    let items = &block.items;
    let participle = (sentence.start + 1..sentence.end).find(|&i| {
        let item = &items[i];
        !item.quoted
            && items[i - 1].is_punct(is_comma)
            && item.senses.iter().any(|s| match s.kind {
                SenseKind::Verb(v) => lexicon.verb(v).kind == VerbKind::Continue,
                _ => false,
            })
    })?;
    let subject = (sentence.start..participle).find(|&i| {
        let in_phrase = items[i].proclitics.preposition
            || (i > 0 && items[i - 1].has(|k| k == SenseKind::Preposition));
        !in_phrase && items[i].party().is_some()
    })?;
    let party = resolve_party(block, subject..subject + 1);
    Some(Found {
        range: sentence.clone(),
        speaker: Speaker::Named {
            range: subject..subject + 1,
            party,
            unaffiliated: false,
        },
        verb: Some(participle),
        object_from: participle + 1,
        excluded: std::iter::once(sentence.start..participle).collect(),
        denial: None,
        quote: longest_quote(block, sentence),
        bare_quote: false,
    })
}

/// A sentence that opens with a quotation and names no speaker.
fn bare_quote(block: &Block, sentence: Range<usize>) -> Option<Found> {
    let first = block.items.get(sentence.start)?;
    if !first.is_punct(is_quote_mark)
        || block
            .items
            .get(sentence.start + 1)
            .is_none_or(|i| !i.quoted)
    {
        return None;
    }
    Some(Found {
        range: sentence.clone(),
        speaker: Speaker::Previous,
        verb: None,
        object_from: sentence.start,
        excluded: Vec::new(),
        denial: None,
        quote: longest_quote(block, sentence),
        bare_quote: true,
    })
}

fn longest_quote(block: &Block, range: Range<usize>) -> Option<Range<usize>> {
    let first = block.quotes.partition_point(|q| q.start < range.start);
    block.quotes[first..]
        .iter()
        .take_while(|q| q.start < range.end)
        .filter(|q| q.end <= range.end && q.len() >= 3)
        .max_by_key(|q| q.len())
        .cloned()
}
