//! Who speaks: the noun phrase that names a statement's speaker, and what
//! it names. Arabic puts the speaker after the verb (VSO, قال وزير الخارجية)
//! or before it (SVO, وزارة الدفاع تقول); English before it ("the ministry
//! said"), after it only after a quotation ("...," said Gan Yu), with
//! adverbs and time phrases between subject and verb and appositions set off
//! by commas ("Qatar, home to ..., criticized"). The phrase is a noun phrase,
//! never a clause: it stops at punctuation, verbs, complementizers and
//! prepositions other than those that join a title to its place ("envoy to").
//!
//! A phrase that names a party is a speaker; one that names none is a
//! pronoun or a bare title ("he", وزير الخارجية, "the ministry"), which the
//! discourse resolves to a speaker named before.

use super::block::{Block, Item, is_comma, is_quote_mark};
use super::discourse::{Entity, Gender, Want};
use crate::lexicon::matcher::{Pronoun, Sense, SenseKind, Via};
use crate::lexicon::{Lexicon, PartyKind};
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
        entity: Entity,
    },
    /// A pronoun or a bare title that names no party ("he", الوزارة, "the
    /// foreign ministry"): a speaker named before, as `want` describes.
    Anaphor {
        range: Range<usize>,
        want: Want,
        /// A pronoun stands for its antecedent's name; a bare title is a
        /// name of its own.
        pronoun: bool,
    },
    /// A title owned by a party named before ("its foreign ministry",
    /// حكومته): that party speaks.
    Possessed { range: Range<usize>, entity: Entity },
    /// Not named (وأضاف، "and said"): the previous compatible speaker.
    Previous(Want),
}

/// The speaker a noun phrase names: a party or a person (`Named`), or a
/// pronoun or bare title standing for someone named before (`Anaphor`).
pub(super) fn speaker(
    block: &Block,
    range: Range<usize>,
    party: Option<(u32, Sense)>,
    unaffiliated: bool,
) -> Speaker {
    let items = &block.items;
    let entity = entity_of(block, range.clone());
    // حكومته، المتحدث باسمها: the party named before it in the sentence,
    // else the one the discourse names last.
    let suffixed = range
        .clone()
        .any(|i| items[i].suffixed && items[i].has(|k| k == SenseKind::Title));
    let party = party.or_else(|| suffixed.then(|| party_before(block, range.start)).flatten());
    if party.is_none() && suffixed {
        return Speaker::Possessed { range, entity };
    }
    if party.is_some() || unaffiliated {
        return Speaker::Named {
            range,
            party,
            unaffiliated,
            entity,
        };
    }
    let pronoun = range.clone().find_map(|i| {
        items[i].find(|k| match k {
            SenseKind::Pronoun(p) => Some(p),
            _ => None,
        })
    });
    if let Some((pronoun, _)) = pronoun {
        return Speaker::Anaphor {
            range,
            want: pronoun_want(pronoun),
            pronoun: true,
        };
    }
    let bare_title = range.clone().all(|i| {
        let item = &items[i];
        !item.is_word()
            || item.has(|k| {
                matches!(
                    k,
                    SenseKind::Title | SenseKind::Anaphor | SenseKind::Skip | SenseKind::Body
                )
            })
            || (block.lang == Lang::En
                && !item.capital
                && item.is_plain()
                && is_function_word(block, i))
    });
    // "a Commission spokesperson", "an official": a new voice, never one
    // named before.
    let indefinite = block.lang == Lang::En && {
        let first = block.item_text(range.start);
        first.eq_ignore_ascii_case("a") || first.eq_ignore_ascii_case("an")
    };
    if bare_title && !indefinite && range.clone().any(|i| items[i].is_word()) {
        return Speaker::Anaphor {
            range,
            want: Want {
                entity: Some(entity).filter(|&e| e != Entity::Unknown),
                ..Want::default()
            },
            pronoun: false,
        };
    }
    Speaker::Named {
        range,
        party: None,
        unaffiliated: false,
        entity,
    }
}

/// The subject of a sentence's first clause, for a verb joined to it with
/// no subject of its own (استدعت بغداد سفيرها ... وندّدت؛ "X did Y and
/// said"): the first phrase naming a party or a title, outside any
/// prepositional phrase, before the verb.
pub(super) fn sentence_subject(
    block: &Block,
    lexicon: &Lexicon,
    start: usize,
    verb: usize,
) -> Option<Speaker> {
    let items = &block.items;
    let english = block.lang == Lang::En && verb > start;
    let conjoined = items[verb].proclitics.conjunction
        || (english && block.item_text(verb - 1) == "and")
        || is_english_participle(block, verb);
    if !conjoined {
        return None;
    }
    // The clause the verb is joined to starts after the last clause opener
    // (بينما أجرى وزير الخارجية ... ودعا).
    let start = (start..verb)
        .rev()
        .find(|&i| items[i].has(|k| k == SenseKind::ClauseOpener))
        .map_or(start, |i| i + 1);
    let first = (start..verb).find(|&i| {
        let item = &items[i];
        let in_phrase = item.proclitics.preposition
            || (i > 0 && items[i - 1].has(|k| k == SenseKind::Preposition));
        !item.quoted
            && !in_phrase
            && (item.party().is_some() || item.has(|k| k == SenseKind::Title))
    })?;
    let named = match block.lang {
        Lang::Ar => noun_phrase_after(block, lexicon, first, verb, None).0,
        Lang::En => {
            let end = english_noun_phrase_from(block, first, verb);
            let range = english_noun_phrase(block, start, end).unwrap_or(first..end);
            speaker(
                block,
                range.clone(),
                resolve_party(block, range.clone()),
                false,
            )
        }
    };
    matches!(named, Speaker::Named { party: Some(_), .. }).then_some(named)
}

/// ", accusing it of", ", saying": an English participle after a comma
/// goes on with the clause before it and never starts a statement.
pub(super) fn is_english_participle(block: &Block, verb: usize) -> bool {
    block.lang == Lang::En
        && verb > 0
        && block.items[verb - 1].is_punct(is_comma)
        && block.item_text(verb).ends_with("ing")
}

/// Where an English noun phrase that starts at `first` ends: past names,
/// parties, titles and the words that join them ("Saudi Arabia and other
/// Arab powers" ends after "Arab").
fn english_noun_phrase_from(block: &Block, first: usize, end: usize) -> usize {
    let items = &block.items;
    let mut k = first;
    while k < end {
        let item = &items[k];
        let naming = item.is_word()
            && (item.capital
                || item.party().is_some()
                || item.has(|s| matches!(s, SenseKind::Title | SenseKind::Body))
                || is_function_word(block, k));
        let possessive = item.is_punct(|c| matches!(c, '’' | '\'' | '-'));
        if !(naming || possessive) || breaks_noun_phrase(block, k) {
            break;
        }
        k += 1;
    }
    k.max(first + 1)
}

/// The nearest party named before item `at` in its sentence.
fn party_before(block: &Block, at: usize) -> Option<(u32, Sense)> {
    let sentence = block.sentences.iter().find(|s| s.contains(&at))?;
    (sentence.start..at)
        .rev()
        .find_map(|i| resolve_party(block, i..i + 1))
}

/// The short words an English noun phrase of titles is built with ("the
/// head of the", "a spokesperson for").
fn is_function_word(block: &Block, i: usize) -> bool {
    matches!(
        block.item_text(i),
        "the"
            | "a"
            | "an"
            | "of"
            | "for"
            | "to"
            | "s"
            | "its"
            | "his"
            | "her"
            | "their"
            | "top"
            | "senior"
            | "foreign"
            | "chief"
    )
}

fn pronoun_want(pronoun: Pronoun) -> Want {
    let (entity, gender, plural) = match pronoun {
        Pronoun::Masculine => (Some(Entity::Person), Some(Gender::Masculine), Some(false)),
        Pronoun::Feminine => (Some(Entity::Person), Some(Gender::Feminine), Some(false)),
        Pronoun::Body => (Some(Entity::Body), None, Some(false)),
        Pronoun::Plural => (None, None, None),
    };
    Want {
        entity,
        gender,
        plural,
    }
}

/// Whether a phrase names a person (a person's name or title) or a body (a
/// ministry, a state): a person's title wins ("the spokesman of the
/// ministry" is a person).
pub(super) fn entity_of(block: &Block, range: Range<usize>) -> Entity {
    let items = &block.items;
    let person = range.clone().any(|i| {
        let item = &items[i];
        matches!(item.party(), Some((_, Via::Person(_))))
            || (item.has(|k| k == SenseKind::Title) && !item.has(|k| k == SenseKind::Body))
            || item.has(|k| {
                matches!(
                    k,
                    SenseKind::Pronoun(Pronoun::Masculine | Pronoun::Feminine)
                )
            })
    });
    if person {
        return Entity::Person;
    }
    let body = range.clone().any(|i| {
        let item = &items[i];
        item.has(|k| k == SenseKind::Body || k == SenseKind::Pronoun(Pronoun::Body))
            || matches!(item.party(), Some((_, Via::Alias)))
    });
    if body {
        Entity::Body
    } else if block.lang == Lang::En && range.clone().any(|i| items[i].capital) {
        // An unknown capitalised name: most often a person's.
        Entity::Person
    } else {
        Entity::Unknown
    }
}

/// The subject before a verb (SVO), with its apposition when one stands
/// between them ("Qatar, home to ..., criticized").
pub(super) struct Subject {
    pub range: Range<usize>,
    pub apposition: Option<Range<usize>>,
}

/// The subject before `verb` in the clause starting at `start`.
pub(super) fn subject_before(
    block: &Block,
    lexicon: &Lexicon,
    start: usize,
    verb: usize,
) -> Option<Subject> {
    match block.lang {
        Lang::Ar => arabic_subject_before(block, start, verb),
        Lang::En => english_subject_before(block, lexicon, start, verb),
    }
}

/// Arabic: the clause's words right before the verb, when they name
/// someone outside any prepositional phrase; with a comma right before the
/// verb, the clause's first phrase and the apposition after it (وكان
/// الأمين العام لمجلس الأمن، فلان، قال). A phrase that opens with a
/// preposition is fronted, not a subject (في تصعيد جديد ...، وصف الوزير):
/// the subject then follows the verb.
fn arabic_subject_before(block: &Block, start: usize, verb: usize) -> Option<Subject> {
    let items = &block.items;
    // A verb joined by و goes on with the clause before: its subject is
    // that clause's or follows it (وندّدت، وأضاف).
    if items[verb].proclitics.conjunction {
        return None;
    }
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
    let comma = |i: usize| items[i].is_punct(is_comma);
    if verb > from && comma(verb - 1) {
        let first_comma = (from..verb).find(|&i| comma(i))?;
        let subject = trimmed(block, from..first_comma);
        let fronted = items
            .get(subject.start)
            .is_none_or(|i| i.proclitics.preposition || i.has(|k| k == SenseKind::Preposition));
        if fronted
            || !opens_with_a_name(block, subject.clone())
            || !arabic_names_someone(block, subject.clone())
        {
            return None;
        }
        let apposition = (first_comma + 1 < verb - 1).then_some(first_comma + 1..verb - 1);
        return Some(Subject {
            range: subject,
            apposition,
        });
    }
    let after_comma = (from..verb)
        .rev()
        .find(|&i| comma(i))
        .map_or(from, |c| c + 1);
    let subject = trimmed(block, after_comma..verb);
    arabic_names_someone(block, subject.clone()).then_some(Subject {
        range: subject,
        apposition: None,
    })
}

/// Whether an Arabic subject before its verb starts with what names
/// someone: a clause that opens with a word the lexicon does not know (عاد
/// الهدوء إلى سبتة المغربية، اتهمت ...) is narration, not a subject.
fn opens_with_a_name(block: &Block, range: Range<usize>) -> bool {
    let items = &block.items;
    range.clone().next().is_some_and(|i| {
        let item = &items[i];
        item.party().is_some()
            || item.has(|k| {
                matches!(
                    k,
                    SenseKind::Title | SenseKind::Anaphor | SenseKind::Unaffiliated
                )
            })
            || quoted_name(block, i, range.end).is_some()
    })
}

/// `range` without the skipped words and punctuation it starts or ends
/// with (وكانت فرنسا قد).
fn trimmed(block: &Block, range: Range<usize>) -> Range<usize> {
    let items = &block.items;
    let skipped = |i: usize| items[i].has(|k| k == SenseKind::Skip) || !items[i].is_word();
    let mut from = range.start;
    while from < range.end && skipped(from) {
        from += 1;
    }
    let mut end = range.end;
    while end > from && skipped(end - 1) {
        end -= 1;
    }
    from..end
}

/// Whether an Arabic phrase names a party or a title outside any
/// prepositional phrase.
fn arabic_names_someone(block: &Block, range: Range<usize>) -> bool {
    let items = &block.items;
    !range.is_empty()
        && range.clone().any(|i| {
            let item = &items[i];
            let in_phrase = item.proclitics.preposition
                || (i > 0 && items[i - 1].has(|k| k == SenseKind::Preposition));
            !in_phrase
                && (item.party().is_some()
                    || item.has(|k| matches!(k, SenseKind::Title | SenseKind::Anaphor)))
        })
}

/// The most words an English subject runs to before the verb.
const ENGLISH_SUBJECT_WORDS: usize = 12;

/// English: the noun phrase right before the verb, past adverbs, time
/// phrases and auxiliaries ("Iraq's foreign ministry strongly condemned",
/// "Thailand late on Friday said"); when a comma stands right before the
/// verb, the phrase before the apposition it closes.
fn english_subject_before(
    block: &Block,
    lexicon: &Lexicon,
    start: usize,
    verb: usize,
) -> Option<Subject> {
    let items = &block.items;
    let mut end = verb;
    while end > start && is_adverbial(block, lexicon, end - 1) {
        end -= 1;
    }
    if end > start && items[end - 1].is_punct(is_comma) {
        let close = end - 1;
        let open = (start..close)
            .rev()
            .take(30)
            .find(|&i| items[i].is_punct(is_comma) || items[i].is_punct(is_quote_mark))?;
        if !items[open].is_punct(is_comma) || open + 1 >= close {
            return None;
        }
        let apposition = open + 1..close;
        // An apposition may hold anything but a report or a new clause
        // (", home to 10,000 US troops,", ", which keeps bases there,").
        let reports = apposition
            .clone()
            .any(|i| items[i].has(|k| matches!(k, SenseKind::Verb(_) | SenseKind::Complementizer)));
        let clause = matches!(block.item_text(open + 1), "and" | "but" | "or");
        if reports || clause {
            return None;
        }
        let range = english_noun_phrase(block, start, open)?;
        return Some(Subject {
            range,
            apposition: Some(apposition),
        });
    }
    english_noun_phrase(block, start, end).map(|range| Subject {
        range,
        apposition: None,
    })
}

/// The English noun phrase that ends at `end`, when it can be a speaker:
/// it names someone (a name, a party, a title, a body, a pronoun) within
/// its last words ("the Niger putschists", "Sudan's parliament").
fn english_noun_phrase(block: &Block, start: usize, end: usize) -> Option<Range<usize>> {
    let items = &block.items;
    if end <= start || !items[end - 1].is_word() {
        return None;
    }
    let mut from = end;
    while from > start && end - from < ENGLISH_SUBJECT_WORDS {
        let i = from - 1;
        let item = &items[i];
        let joins = if item.is_word() {
            !breaks_noun_phrase(block, i) && !is_conjunction_between_clauses(block, i, end)
        } else {
            // Iraq’s, government-affiliated, Mr. Smith; not a dash between
            // spaces (a dateline's).
            let mark = item.is_punct(|c| matches!(c, '’' | '\'' | '-'));
            let abbreviation = item.is_punct(|c| c == '.') && i > start && items[i - 1].capital;
            ((mark && block.attached(i)) || abbreviation) && i > start && items[i - 1].is_word()
        };
        if !joins {
            break;
        }
        from -= 1;
    }
    while from < end && (!items[from].is_word() || items[from].has(|k| k == SenseKind::Skip)) {
        from += 1;
    }
    let names = |i: usize| {
        let item = &items[i];
        item.capital
            || item.party().is_some()
            || item.has(|k| {
                matches!(
                    k,
                    SenseKind::Title
                        | SenseKind::Body
                        | SenseKind::Anaphor
                        | SenseKind::Unaffiliated
                )
            })
    };
    // The head is the last word; what names the speaker stands near it.
    let near_head = end.saturating_sub(4).max(from)..end;
    (from < end && near_head.into_iter().any(names)).then_some(from..end)
}

/// A word that cannot be inside an English subject: a verb, a
/// complementizer or relative, a clause opener, a negator, a source phrase,
/// or a preposition other than those that join a title to its place or
/// body ("of", "for", "to").
fn breaks_noun_phrase(block: &Block, i: usize) -> bool {
    let item = &block.items[i];
    if item.quoted || !item.is_word() && !item.is_punct(|c| matches!(c, '’' | '\'' | '-' | '.')) {
        return true;
    }
    if item.party().is_some() {
        return false;
    }
    // "envoy to", "spokesman for", and a place after a title or body
    // ("authorities in Batken").
    let after_title =
        i > 0 && block.items[i - 1].has(|k| matches!(k, SenseKind::Title | SenseKind::Body));
    let linking = matches!(block.item_text(i), "of" | "for" | "to" | "at")
        || (after_title && block.item_text(i) == "in");
    item.has(|k| {
        matches!(
            k,
            SenseKind::Verb(_)
                | SenseKind::Complementizer
                | SenseKind::Relative
                | SenseKind::ClauseOpener
                | SenseKind::Negator
                | SenseKind::Source(_)
        ) || (k == SenseKind::Preposition && !linking)
    })
}

/// "and" between two clauses ("Thailand accused Cambodia of X and Cambodia
/// condemned"): it ends the subject unless it joins two names ("Bahrain and
/// Egypt said").
fn is_conjunction_between_clauses(block: &Block, i: usize, end: usize) -> bool {
    let items = &block.items;
    if block.item_text(i) != "and" {
        return false;
    }
    let name = |item: &Item| item.party().is_some() || item.capital;
    !(i > 0 && name(&items[i - 1]) && i + 1 < end && name(&items[i + 1]))
}

/// An adverb, auxiliary or time phrase between an English subject and its
/// verb ("also", "strongly", "has", "on Monday").
fn is_adverbial(block: &Block, lexicon: &Lexicon, i: usize) -> bool {
    let item = &block.items[i];
    !item.quoted
        && item.is_word()
        && (item.has(|k| k == SenseKind::Skip)
            || (item.is_plain() && lexicon.is_adverb(block.lang, block.item_text(i))))
}

/// The speaker after a verb or source phrase (VSO): a noun phrase of titles,
/// names and parties, then any comma-enclosed appositions. `masculine` is the
/// verb's form, when there is a verb: a masculine verb before a country's
/// name means the name is the object (دعا أرمينيا: "he called on Armenia").
pub(super) fn noun_phrase_after(
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
    if j >= end || (!starts_noun_phrase(block, j) && quoted_name_first.is_none()) {
        return (Speaker::Previous(Want::default()), from, Vec::new());
    }
    if masculine == Some(true) && names_a_country(block, lexicon, j) {
        return (Speaker::Previous(Want::default()), from, Vec::new());
    }
    // A verb agrees with its subject: after واتهم, الحركة is the object.
    if masculine.is_some_and(|m| disagrees(block, j, m)) {
        return (Speaker::Previous(Want::default()), from, Vec::new());
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
        // جان نويل-بارو: a hyphen inside a name.
        if item.is_punct(|c| c == '-') && k > j && k + 1 < end && block.attached(k) {
            k += 1;
            continue;
        }
        // "Dr. Samer Halabi": the full stop of an abbreviated title.
        let abbreviation_stop = item.is_punct(|c| c == '.')
            && k > j
            && lexicon.is_abbreviation(block.lang, block.item_text(k - 1));
        if abbreviation_stop {
            k += 1;
            continue;
        }
        // A preposition written apart (اتهم القاهرة بـ"..."): the phrase
        // after it is not the speaker's.
        if !item.is_word() || item.quoted || (k > j && is_clitic_apart(block, k)) {
            break;
        }
        if item.has(|s| {
            matches!(
                s,
                SenseKind::Complementizer
                    | SenseKind::Verb(_)
                    | SenseKind::Cue(_)
                    | SenseKind::Negator
                    | SenseKind::Source(_)
                    | SenseKind::Relative
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
            // A definite noun heads no construct: after الوزارة a state's
            // name is the verb's object (وأتهمت الوزارة كوريا الشمالية).
            let after_a_definite_title = k > j
                && p.1 == Via::Alias
                && party.is_none()
                && block.lang == Lang::Ar
                && is_definite_title(block, k - 1);
            // A title's country comes before the person's name (وزير خارجية
            // كينيا، وزير الخارجية الصومالي عبدي فارح); a state named after
            // a name of two words or more is the verb's object (اتهم رئيس
            // اللجنة عبدي فارح كينيا بـ...).
            let after_a_full_name = block.lang == Lang::Ar
                && seen_title
                && p.1 == Via::Alias
                && k >= j + 2
                && items[k - 1].is_plain()
                && items[k - 2].is_plain();
            if after_a_definite_title || after_a_full_name {
                break;
            }
            match party {
                None if after_a_bare_name && p.1 != Via::Demonym => break,
                None => party = resolve_party(block, k..end.min(k + 2)),
                Some((q, _)) if q != p.0 && !is_demonym_of_alias(block, k) => break,
                Some(_) => {}
            }
            // A state's proper name or a nisba ends its phrase before a
            // definite noun that does not describe it (دعت مالي السفير
            // الفرنسي، وصف وزير الخارجية الجزائري القرار): that noun is the
            // verb's object.
            let ends_here =
                (k == j || p.1 == Via::Demonym) && ends_at_a_definite_object(block, k, end);
            if ends_here {
                k += 1;
                break;
            }
        }
        k += 1;
    }
    let names_someone = party.is_some() || (j..k).any(|i| items[i].has(|s| s == SenseKind::Title));
    if addressee && !names_someone {
        // The rest of the addressee's name (لوكالة فرانس برس).
        return (Speaker::Previous(Want::default()), k, Vec::new());
    }
    let name = j..k.max(j + 1).min(end);
    let mut excluded = vec![name.clone()];
    let mut unaffiliated = any_unaffiliated(block, name.clone());
    let mut at = k;
    // الحكومة الأفغانية التي تديرها حركة طالبان: a relative clause about
    // the speaker, through the party it names, is neither the speaker nor
    // the verb's object.
    if let Some(clause_end) = relative_clause_end(block, at, end) {
        excluded.push(at..clause_end);
        at = clause_end;
    }
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
        // "، في بيان نقلته وكالة ...،" is where it was said, not who.
        let adverbial = items[at + 1].proclitics.preposition
            || items[at + 1].has(|s| matches!(s, SenseKind::Preposition | SenseKind::Skip));
        if adverbial {
            excluded.push(apposition);
            at = close;
            if !ends_in_comma {
                break;
            }
            continue;
        }
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
    (speaker(block, name, party, unaffiliated), at, excluded)
}

/// The end of a relative clause right after a speaker's name (التي تديرها
/// حركة طالبان، "which governs the region"): past the first party it
/// names, or its first few words, and the time words after them.
fn relative_clause_end(block: &Block, at: usize, end: usize) -> Option<usize> {
    let items = &block.items;
    if block.lang != Lang::Ar || at >= end || !items[at].has(|k| k == SenseKind::Relative) {
        return None;
    }
    let party = (at + 1..end.min(at + 6))
        .take_while(|&i| items[i].is_word())
        .find(|&i| items[i].party().is_some())?;
    let mut clause_end = party + 1;
    while clause_end < end && items[clause_end].has(|k| k == SenseKind::Skip) {
        clause_end += 1;
    }
    Some(clause_end)
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
pub(super) fn inverted(block: &Block, verb: usize) -> bool {
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
        .take_while(|&i| {
            let item = &block.items[i];
            item.is_word()
                && !item.has(|k| matches!(k, SenseKind::Complementizer | SenseKind::Verb(_)))
        })
        .any(|i| block.items[i].party().is_some())
}

/// Whether a definite Arabic title or body at `i` (الحركة، الرئيس) cannot
/// be the subject of a verb of the given gender: feminine nouns end in ta
/// marbuta (folded to ه) or the feminine plural ات, and take a feminine
/// verb; the others a masculine one.
fn disagrees(block: &Block, i: usize, masculine_verb: bool) -> bool {
    if block.lang != Lang::Ar || !is_definite_title(block, i) || block.items[i].suffixed {
        return false;
    }
    let text = block.item_text(i);
    let head = text.split(' ').next().unwrap_or(text);
    let feminine = head.ends_with('ه') || head.ends_with("ات");
    feminine == masculine_verb
}

/// Whether the Arabic proper name of a state (مالي، بيلاروسيا) or a nisba
/// (الجزائري) at `i` is followed by a definite word that is no nisba or
/// party of its own: the object of the verb before them.
fn ends_at_a_definite_object(block: &Block, i: usize, end: usize) -> bool {
    let items = &block.items;
    let proper_name = match items[i].party() {
        Some((_, Via::Alias)) => {
            items[i].end - items[i].first == 1 && !block.item_text(i).starts_with("ال")
        }
        Some((_, Via::Demonym)) => true,
        _ => false,
    };
    let Some(next) = items.get(i + 1).filter(|_| i + 1 < end) else {
        return false;
    };
    let definite =
        next.is_word() && (next.proclitics.article || block.item_text(i + 1).starts_with("ال"));
    block.lang == Lang::Ar
        && proper_name
        && definite
        && next.party().is_none()
        && !next.has(|k| k == SenseKind::Skip)
}

/// An Arabic title or body with the article and no party of its own
/// (الوزارة، المتحدث).
fn is_definite_title(block: &Block, i: usize) -> bool {
    let item = &block.items[i];
    item.party().is_none()
        && item.has(|k| matches!(k, SenseKind::Title | SenseKind::Anaphor))
        && (item.proclitics.article || item.suffixed || block.item_text(i).starts_with("ال"))
}

fn starts_noun_phrase(block: &Block, i: usize) -> bool {
    let item = &block.items[i];
    item.is_word()
        && !item.quoted
        && !is_clitic_apart(block, i)
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

/// Whether item `i` is a clitic written apart (ب، بـ): a lone letter, or
/// one drawn out to join the word after it. It is no name.
fn is_clitic_apart(block: &Block, i: usize) -> bool {
    block.item_text(i).chars().nth(1).is_none_or(|c| c == 'ـ')
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
    if lexicon.is_masculine_name(block.lang, text) {
        return false;
    }
    // Countries and cities are feminine: a one-word alias of a state is
    // one of them (موسكو، القاهرة، الخرطوم) unless listed as masculine
    // (العراق، الكرملين).
    let proper_name = item.end - item.first == 1;
    matches!(party.kind, PartyKind::State | PartyKind::Region)
        && (proper_name || mizan_text::normalize::normalize(name).text == text)
}

/// Past-tense feminine forms end in ت, present feminine ones start with ت;
/// a form that is neither is masculine. Only the Arabic verb forms of the
/// lexicon pass through here; any other text reads as not masculine.
pub(super) fn is_masculine_form(form: &str) -> bool {
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
    let end = range.end;
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
    // "Yemen's Houthi movement": the possessed party, not its place.
    let possessed = (block.lang == Lang::En
        && i + 3 < end.max(i + 4).min(items.len())
        && items[i + 1].is_punct(|c| matches!(c, '’' | '\''))
        && block.item_text(i + 2) == "s")
        .then(|| items.get(i + 3).and_then(party_sense))
        .flatten()
        .filter(|&(next, _)| next != party);
    Some(nisba.or(possessed).unwrap_or((party, sense)))
}

fn is_demonym_of_alias(block: &Block, i: usize) -> bool {
    i > 0
        && matches!(block.items[i].party(), Some((_, Via::Demonym)))
        && matches!(block.items[i - 1].party(), Some((_, Via::Alias)))
}

fn party_sense(item: &Item) -> Option<(u32, Sense)> {
    let named = item.find(|k| {
        if let SenseKind::Party { party, .. } = k {
            Some(party)
        } else {
            None
        }
    });
    // An accepted weak name (مالي) names its party as an alias does.
    named.or_else(|| {
        let party = item.weak_party?;
        let origin = item
            .senses
            .iter()
            .find(|s| s.kind == SenseKind::WeakParty(party))?
            .origin;
        let kind = SenseKind::Party {
            party,
            via: Via::Alias,
        };
        Some((party, Sense { kind, origin }))
    })
}

pub(super) fn any_unaffiliated(block: &Block, range: Range<usize>) -> bool {
    range
        .into_iter()
        .any(|i| block.items[i].has(|k| k == SenseKind::Unaffiliated))
}
