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

use super::block::{Block, is_comma, is_quote_mark};
use super::discourse::{Entity, Gender, Want};
use super::speaker::{
    Speaker, Subject, any_unaffiliated, entity_of, inverted, is_english_participle,
    is_masculine_form, noun_phrase_after, resolve_party, sentence_subject, speaker, subject_before,
};
use crate::lexicon::matcher::{SenseKind, Via};
use crate::lexicon::{Lexicon, VerbKind};
use mizan_text::Lang;
use std::ops::Range;

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
    /// The speaker's gender, where the verb marks it (قال، قالت).
    pub gender: Option<Gender>,
}

#[derive(Clone, Copy, Debug)]
enum Trigger {
    Verb(usize, u32),
    Source(usize),
    /// A report in a relative clause that starts a statement of its own
    /// (وهو ما تنفيه كابول، "a claim that Seoul has denied"): the verb, its
    /// rule and where the clause starts.
    Relative(usize, u32, usize),
}

impl Trigger {
    fn item(self) -> usize {
        match self {
            Trigger::Verb(i, _) | Trigger::Source(i) | Trigger::Relative(i, ..) => i,
        }
    }
}

/// Every statement of `block`, in text order.
pub fn find(block: &Block, lexicon: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    for sentence in &block.sentences {
        let sentence = &past_dateline(block, lexicon, sentence.clone());
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
        let starts = segment_starts(block, lexicon, sentence.clone(), &triggers);
        let first = out.len();
        for (n, &(start, trigger)) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(sentence.end, |&(next, _)| next);
            let found = analyse(block, lexicon, start..end, trigger);
            let merged = out.len() > first && continues_in_sentence(block, &found);
            match out.last_mut() {
                Some(last) if merged => {
                    // نفت X الاتهامات وانتقدت Y: the denial ends where the
                    // verb joined to it starts.
                    last.denial = last.denial.map(|d| d.min(start));
                    last.range.end = end;
                }
                _ => out.push(found),
            }
        }
    }
    out
}

/// The sentence without a dateline before it ("SEOUL:", "Dubai:", "موسكو
/// (رويترز) -"): a few words and a colon or dash, followed by a sentence
/// that reports speech of its own. Without such a report, "X: ..." is a
/// headline's attribution (الكرملين: بوتين منخرط ...), and stays.
fn past_dateline(block: &Block, lexicon: &Lexicon, sentence: Range<usize>) -> Range<usize> {
    let items = &block.items;
    // A dash written between spaces, not the hyphen of "al-Wadei".
    let spaced = |i: usize| i > 0 && !block.attached(i);
    let separator = (sentence.start..sentence.end.min(sentence.start + 7)).find(|&i| {
        !items[i].quoted
            && (items[i].is_punct(|c| c == ':')
                || items[i].is_punct(|c| matches!(c, '-' | '–' | '—')) && spaced(i))
    });
    let Some(separator) = separator else {
        return sentence;
    };
    let words = (sentence.start..separator)
        .filter(|&i| items[i].is_word())
        .count();
    let label = (sentence.start..separator).all(|i| {
        items[i].is_word() || items[i].is_punct(|c| matches!(c, '(' | ')' | '-' | '.' | ','))
    });
    let rest = separator + 1..sentence.end;
    let reports = rest.len() >= 5
        && (!triggers(block, lexicon, rest.clone()).is_empty()
            || participle_after_narration(block, lexicon, rest.clone()).is_some());
    if (1..=4).contains(&words) && label && reports {
        rest
    } else {
        sentence
    }
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
        // "Asked about the list, X said", "Speaking to reporters, she
        // said": a form that opens the sentence and runs into a phrase is a
        // participle framing the report, not a report of its own.
        if opens_participial_phrase(block, sentence.start, i) {
            continue;
        }
        // في رد، برد: after a preposition a verb's form is a noun; "citing
        // reported comments": after another verb, an English form is an
        // adjective.
        let after_preposition = item.proclitics.preposition
            || (i > sentence.start && items[i - 1].has(|k| k == SenseKind::Preposition))
            || (block.lang == Lang::En
                && i > sentence.start
                && items[i - 1].has(|k| matches!(k, SenseKind::Verb(_))));
        if let Some((verb, _)) = item.find(|k| {
            if let SenseKind::Verb(v) = k {
                Some(v)
            } else {
                None
            }
        }) {
            let kind = lexicon.verb(verb).kind;
            let relative = (matches!(kind, VerbKind::Say | VerbKind::Deny))
                .then(|| relative_speech_start(block, sentence.start, i))
                .flatten();
            if let Some(start) = relative {
                out.push(Trigger::Relative(i, verb, start));
                has_verb = true;
            } else if kind != VerbKind::Continue && !after_relative && !after_preposition {
                out.push(Trigger::Verb(i, verb));
                has_verb = true;
            }
        } else if item.has(|k| matches!(k, SenseKind::Source(_))) && !has_verb {
            out.push(Trigger::Source(i));
        }
    }
    if has_verb {
        out.retain(|t| matches!(t, Trigger::Verb(..) | Trigger::Relative(..)));
    } else {
        out.truncate(1);
    }
    out
}

/// Whether English item `i` is a participle opening the sentence with a
/// phrase after it ("Asked whether ...", "Pressed on ...", "Told of ..."):
/// its subject is the main clause's, named after the comma.
fn opens_participial_phrase(block: &Block, sentence_start: usize, i: usize) -> bool {
    block.lang == Lang::En
        && i == sentence_start
        && block.items.get(i + 1).is_some_and(|next| {
            next.has(|k| k == SenseKind::Preposition)
                || matches!(
                    block.item_text(i + 1),
                    "whether" | "if" | "why" | "how" | "what" | "when"
                )
        })
}

/// Where a report in a relative clause starts a statement of its own: after
/// the comma before "وهو ما تنفيه كابول", "a claim that Seoul has denied",
/// "which Iran said", "an accusation denied by Sudan". `None` for a verb in
/// an ordinary relative clause ("the ministry, which was set up in 1991").
fn relative_speech_start(block: &Block, sentence_start: usize, verb: usize) -> Option<usize> {
    let items = &block.items;
    let english = block.lang == Lang::En;
    let relative = |i: usize| items[i].has(|k| k == SenseKind::Relative);
    let speech_noun = |i: usize| english && items[i].has(|k| k == SenseKind::ActNoun);
    let comma = |i: usize| items[i].is_punct(is_comma);
    // English puts the clause's own subject between the relative and the
    // verb ("which Iran said"); with none, the relative is the subject and
    // the report is embedded ("Azerbaijan, which accused Armenia"). Arabic
    // puts it after the verb, and only ما opens such a clause (وهو ما
    // تنفيه كابول); التي اتهمت is about the noun before it.
    let mut r = verb;
    while r > sentence_start && verb - r < 8 {
        let i = r - 1;
        if relative(i) || speech_noun(i) || comma(i) {
            break;
        }
        r -= 1;
    }
    if r == sentence_start || (english && r == verb && !speech_noun(r - 1)) {
        return None;
    }
    let mut i = r - 1;
    if relative(i) && i > sentence_start && speech_noun(i - 1) {
        i -= 1;
    }
    if speech_noun(i) {
        // "a claim", "an accusation": its determiner.
        while i > sentence_start && matches!(block.item_text(i - 1), "a" | "an" | "the") {
            i -= 1;
        }
    } else if relative(i) && (english || block.item_text(i) == "ما" || block.item_text(i) == "الذي")
    {
        // وهو ما، وهي ما، الأمر الذي
        let pronoun = i > sentence_start
            && matches!(block.item_text(i - 1), "وهو" | "وهي" | "هو" | "هي" | "الامر");
        let which = english && block.item_text(i) == "which";
        if pronoun {
            i -= 1;
        } else if !which && block.item_text(i) != "ما" {
            return None;
        }
    } else {
        return None;
    }
    (i > sentence_start && comma(i - 1)).then_some(i)
}

/// The speaker of a report in a relative clause: after the verb in Arabic
/// (وهو ما تنفيه كابول), before it in English ("a claim that Seoul has
/// denied"), or after "by" ("an accusation denied by Sudan").
fn relative_speaker(
    block: &Block,
    lexicon: &Lexicon,
    start: usize,
    verb: usize,
    end: usize,
) -> (Speaker, usize, Vec<Range<usize>>) {
    if block.lang == Lang::Ar {
        return noun_phrase_after(block, lexicon, verb + 1, end, None);
    }
    if verb + 1 < end && block.item_text(verb + 1) == "by" {
        return noun_phrase_after(block, lexicon, verb + 2, end, None);
    }
    match subject_before(block, lexicon, start, verb) {
        Some(subject) => {
            let speaker = subject_speaker(block, start, &subject);
            (speaker, verb + 1, vec![subject.range])
        }
        None => (Speaker::Previous(Want::default()), verb + 1, Vec::new()),
    }
}

/// Where each statement of a sentence starts: the first at the sentence's
/// start, later ones at a reporting verb that opens a clause.
fn segment_starts(
    block: &Block,
    lexicon: &Lexicon,
    sentence: Range<usize>,
    triggers: &[Trigger],
) -> Vec<(usize, Trigger)> {
    let mut out = vec![(sentence.start, triggers[0])];
    for &trigger in &triggers[1..] {
        if is_english_participle(block, trigger.item()) {
            continue;
        }
        if let Trigger::Relative(_, _, start) = trigger {
            if start > out.last().map_or(0, |&(s, _)| s) {
                out.push((start, trigger));
            }
            continue;
        }
        let Some(start) = clause_start(block, lexicon, sentence.start, trigger.item()) else {
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
fn clause_start(
    block: &Block,
    lexicon: &Lexicon,
    sentence_start: usize,
    verb: usize,
) -> Option<usize> {
    let items = &block.items;
    if let Some(start) = apposed_clause_start(block, lexicon, sentence_start, verb) {
        return Some(start);
    }
    let mut b = verb;
    while b > sentence_start && verb - b < 8 {
        let previous = &items[b - 1];
        if previous.is_punct(ends_a_clause) {
            break;
        }
        if opens_a_clause(block, b - 1) {
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
    let boundary =
        b == sentence_start || items[b - 1].is_punct(ends_a_clause) || opens_a_clause(block, b);
    // "and Cambodia condemned": a conjunction opens a clause only with a
    // subject of its own; "and said" goes on with the clause before.
    let subject_or_none = if joins_clauses(block, b) {
        subject_before(block, lexicon, b + 1, verb).is_some()
    } else {
        b == verb
            || items[b].has(|k| k == SenseKind::ClauseOpener) && b + 1 == verb
            || subject_before(block, lexicon, b, verb).is_some()
    };
    (boundary && subject_or_none).then_some(b)
}

/// Where a later clause starts whose subject is set off by an apposition
/// ("..., while Egypt, whose canal revenues halved, thanked Muscat"): at
/// its subject, or the opener before it.
fn apposed_clause_start(
    block: &Block,
    lexicon: &Lexicon,
    sentence_start: usize,
    verb: usize,
) -> Option<usize> {
    let items = &block.items;
    if block.lang != Lang::En || verb == sentence_start || !items[verb - 1].is_punct(is_comma) {
        return None;
    }
    let subject = subject_before(block, lexicon, sentence_start, verb)?;
    subject.apposition.as_ref()?;
    let first = subject.range.start;
    if first == sentence_start {
        return Some(first);
    }
    let before = &items[first - 1];
    if opens_a_clause(block, first - 1) {
        Some(first - 1)
    } else {
        before.is_punct(ends_a_clause).then_some(first)
    }
}

/// A comma, quotation mark or colon: a later clause may start after it.
fn ends_a_clause(c: char) -> bool {
    is_comma(c) || is_quote_mark(c) || c == ':'
}

/// A clause opener (فيما، بينما، "while") or a conjunction joining two
/// clauses, which starts the clause it opens.
fn opens_a_clause(block: &Block, i: usize) -> bool {
    block.items[i].has(|k| k == SenseKind::ClauseOpener) || joins_clauses(block, i)
}

/// English "and"/"but", which can join two reports in one sentence
/// ("Thailand accused Cambodia ... and Cambodia condemned Thailand").
fn joins_clauses(block: &Block, i: usize) -> bool {
    block.lang == Lang::En && !block.items[i].quoted && matches!(block.item_text(i), "and" | "but")
}

fn analyse(block: &Block, lexicon: &Lexicon, range: Range<usize>, trigger: Trigger) -> Found {
    let mut found = Found {
        range: range.clone(),
        speaker: Speaker::Previous(Want::default()),
        verb: None,
        object_from: trigger.item() + 1,
        excluded: Vec::new(),
        denial: None,
        quote: longest_quote(block, range.clone()),
        bare_quote: false,
        gender: None,
    };
    match trigger {
        Trigger::Relative(v, verb, _) => {
            found.verb = Some(v);
            found.gender = verb_gender(block, v);
            if lexicon.verb(verb).kind == VerbKind::Deny {
                found.denial = Some(range.end);
            }
            let (speaker, end, excluded) =
                relative_speaker(block, lexicon, range.start, v, range.end);
            found.speaker = speaker;
            found.object_from = end;
            found.excluded = excluded;
        }
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
            found.denial =
                (rule.kind == VerbKind::Deny).then(|| denial_end(block, lexicon, v, range.end));
            found.gender = verb_gender(block, v);
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
            } else if let Some(speaker) = is_english_participle(block, v)
                .then(|| sentence_subject(block, lexicon, range.start, v))
                .flatten()
            {
                found.speaker = speaker;
            } else if let Some(subject) = subject_before(block, lexicon, range.start, v) {
                found.speaker = subject_speaker(block, range.start, &subject);
                found.excluded = std::iter::once(subject.range.clone())
                    .chain(subject.apposition.clone())
                    .collect();
            } else if let Some(speaker) = sentence_subject(block, lexicon, range.start, v)
                .filter(|_| block.lang == Lang::En && !inverted(block, v))
            {
                found.speaker = speaker;
            } else if block.lang == Lang::En && !inverted(block, v) {
                found.speaker = Speaker::Previous(Want::default());
            } else {
                let masculine = is_masculine_form(block.item_text(v));
                let (speaker, end, excluded) =
                    noun_phrase_after(block, lexicon, v + 1, range.end, Some(masculine));
                found.speaker = match speaker {
                    Speaker::Previous(_) => sentence_subject(block, lexicon, range.start, v)
                        .unwrap_or(Speaker::Previous(Want {
                            gender: found.gender,
                            ..Want::default()
                        })),
                    named => named,
                };
                found.object_from = end;
                found.excluded = excluded;
            }
        }
    }
    found
}

/// The speaker a subject before its verb names: its own party, else the
/// party of a title in its apposition ("Barnaba Benjamin, South Sudan's
/// information minister,"), else, for "its spokesman", the party named
/// earlier in the clause.
fn subject_speaker(block: &Block, clause_start: usize, subject: &Subject) -> Speaker {
    let items = &block.items;
    let before = subject.range.clone();
    let possessive = before
        .clone()
        .any(|i| items[i].has(|k| k == SenseKind::Possessive));
    let role = subject
        .apposition
        .clone()
        .filter(|a| a.clone().any(|i| items[i].has(|k| k == SenseKind::Title)))
        .and_then(|a| resolve_party(block, a));
    let party = resolve_party(block, before.clone()).or(role).or_else(|| {
        possessive
            .then(|| resolve_party(block, clause_start..before.start))
            .flatten()
    });
    if possessive && party.is_none() {
        return Speaker::Possessed {
            entity: entity_of(block, before.clone()),
            range: before,
        };
    }
    let unaffiliated = any_unaffiliated(block, before.clone());
    match speaker(block, before, party, unaffiliated) {
        // "Russia's ambassador to the UN, Vassily Nebenzia,": the name
        // belongs to the speaker, and is what "Mr. Nebenzia" refers back to.
        Speaker::Named {
            range,
            party,
            unaffiliated,
            entity,
        } => Speaker::Named {
            range: match &subject.apposition {
                Some(name) if is_personal_name(block, name.clone()) => range.start..name.end,
                _ => range,
            },
            party,
            unaffiliated,
            entity,
        },
        other => other,
    }
}

/// Whether `range` is a person's name alone: a few capitalised words, no
/// title, body or party among them.
fn is_personal_name(block: &Block, range: Range<usize>) -> bool {
    let items = &block.items;
    let words = range.clone().filter(|&i| items[i].is_word()).count();
    (1..=5).contains(&words)
        && range.clone().all(|i| {
            let item = &items[i];
            if !item.is_word() {
                return item.is_punct(|c| matches!(c, '-' | '\'' | '’' | '.'));
            }
            item.capital
                && item.party().is_none()
                && !item.has(|k| matches!(k, SenseKind::Title | SenseKind::Body))
        })
}

/// The subject party of each sentence, unless a statement of that
/// sentence starts before it (its speaker stands for it): the sentence's
/// first party outside quotations and prepositional phrases, with the item
/// naming it.
pub fn sentence_subjects(block: &Block, found: &[Found]) -> Vec<(usize, u32, Via)> {
    block
        .sentences
        .iter()
        .filter_map(|sentence| {
            let (i, party, via) = first_subject(block, sentence.clone())?;
            let spoken = found
                .iter()
                .any(|f| sentence.contains(&f.range.start) && f.range.start <= i);
            (!spoken).then_some((i, party, via))
        })
        .collect()
}

/// The sentences of `block` that hold no found statement: narration.
pub fn narration(block: &Block, found: &[Found]) -> Vec<Range<usize>> {
    block
        .sentences
        .iter()
        .filter(|s| {
            !found
                .iter()
                .any(|f| f.range.start < s.end && s.start < f.range.end)
        })
        .cloned()
        .collect()
}

/// A sentence of narration as a statement of nobody's, for reading the acts
/// it reports.
pub fn narrated(sentence: Range<usize>) -> Found {
    Found {
        object_from: sentence.start,
        range: sentence,
        speaker: Speaker::Previous(Want::default()),
        verb: None,
        excluded: Vec::new(),
        denial: None,
        quote: None,
        bare_quote: false,
        gender: None,
    }
}

/// The subject party of the sentence holding item `at`, when it is named
/// before `at` (and not at the sentence's first word, which is `at`'s own
/// place as a subject).
pub fn subject_in_sentence(block: &Block, at: usize) -> Option<(usize, u32, Via)> {
    let sentence = block.sentences.iter().find(|s| s.contains(&at))?;
    first_subject(block, sentence.start..at)
}

/// The first party in `range` outside quotations and prepositional
/// phrases, with how it is named.
fn first_subject(block: &Block, range: Range<usize>) -> Option<(usize, u32, Via)> {
    let items = &block.items;
    range.into_iter().find_map(|i| {
        let item = &items[i];
        let in_phrase = item.proclitics.preposition
            || (i > 0 && items[i - 1].has(|k| k == SenseKind::Preposition));
        if item.quoted || in_phrase {
            return None;
        }
        item.party().map(|(party, via)| (i, party, via))
    })
}

/// The gender an Arabic verb form marks on its subject; none in English.
fn verb_gender(block: &Block, verb: usize) -> Option<Gender> {
    (block.lang == Lang::Ar).then(|| {
        if is_masculine_form(block.item_text(verb)) {
            Gender::Masculine
        } else {
            Gender::Feminine
        }
    })
}

/// Where a denial ends: at the end of its statement, or where another
/// verb of speech takes over — a participle after a comma (نفى ...، قائلين
/// إنه اتهام محسوب) or a verb joined by و (نفت X الاتهامات وانتقدت Y):
/// what follows is not denied.
fn denial_end(block: &Block, lexicon: &Lexicon, verb: usize, end: usize) -> usize {
    let items = &block.items;
    (verb + 2..end)
        .find(|&i| {
            let item = &items[i];
            let participle = item.senses.iter().any(|s| match s.kind {
                SenseKind::Verb(v) => lexicon.verb(v).kind == VerbKind::Continue,
                _ => false,
            });
            let joined_verb =
                item.proclitics.conjunction && item.has(|k| matches!(k, SenseKind::Verb(_)));
            !item.quoted && ((participle && items[i - 1].is_punct(is_comma)) || joined_verb)
        })
        .unwrap_or(end)
}

/// A conjoined verb that names no new speaker (قال ...، وأضاف أن ...،
/// وطالبت المجتمع الدولي): the same statement goes on.
fn continues_in_sentence(block: &Block, found: &Found) -> bool {
    let Some(verb) = found.verb else {
        return false;
    };
    let conjoined = block.items[verb].proclitics.conjunction;
    let new_speaker = match &found.speaker {
        Speaker::Previous(_) => false,
        Speaker::Anaphor { range, .. } | Speaker::Possessed { range, .. } => range
            .clone()
            .any(|i| block.items[i].has(|k| k == SenseKind::Title)),
        Speaker::Named {
            party,
            unaffiliated,
            range,
            ..
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
            entity: entity_of(block, prefix.clone()),
        },
        verb: None,
        object_from: colon + 1,
        excluded: vec![prefix],
        denial: None,
        quote: longest_quote(block, sentence),
        bare_quote: false,
        gender: None,
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
    // After a comma (هاجم ...، قائلين), or anywhere for a participle of
    // protest (استدعت السفير احتجاجا على ...).
    let participle = (sentence.start + 1..sentence.end).find(|&i| {
        let item = &items[i];
        !item.quoted
            && item.senses.iter().any(|s| match s.kind {
                SenseKind::Verb(v) => {
                    let rule = lexicon.verb(v);
                    rule.kind == VerbKind::Continue
                        && (items[i - 1].is_punct(is_comma) || rule.stance.is_some())
                }
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
            entity: Entity::Unknown,
        },
        verb: Some(participle),
        object_from: participle + 1,
        excluded: std::iter::once(sentence.start..participle).collect(),
        denial: None,
        quote: longest_quote(block, sentence),
        bare_quote: false,
        gender: None,
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
        speaker: Speaker::Previous(Want::default()),
        verb: None,
        object_from: sentence.start,
        excluded: Vec::new(),
        denial: None,
        quote: longest_quote(block, sentence),
        bare_quote: true,
        gender: None,
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
