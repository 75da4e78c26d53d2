//! Whom a statement blames or supports. Two sources of tags: the reporting
//! verb's own stance toward its object (اتهم X، أدان X، رحب بـ X), and cues in
//! what was said, each finding its target the way its lexicon entry says
//! (nisba or possessor after a noun, agent phrase, subject of a verb, the
//! party after a marker). A negator shortly before a cue cancels it, a denial
//! cancels every blame, and no statement blames its own speaker's party.

use super::block::{Block, is_comma};
use super::discourse::{Discourse, Position};
use super::speaker::resolve_party;
use super::statements::Found;
use crate::lexicon::matcher::{Sense, SenseKind, Via};
use crate::lexicon::{CueTarget, Lexicon, Name, Stance};
use mizan_text::Lang;

/// How a tag's target was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// In the sentence: a nisba, possessor, agent phrase, subject or object.
    Syntax,
    /// In the discourse: the agent of the act the article reported last
    /// ("the attack", هذه الخطوة, "a blatant violation").
    Antecedent,
    /// The other of the article's two sides, for a judgement by one of
    /// them that names no target.
    OtherSide,
}

/// One tag, in item indices.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    pub stance: Stance,
    pub party: u32,
    pub cue: usize,
    pub target: usize,
    pub rule: Name,
    pub origin: u32,
    /// How the target was found (verbs find their object).
    pub rule_target: CueTarget,
    pub via: Reach,
}

/// What the rules of a statement may consult beyond its sentence.
pub struct Context<'a> {
    pub discourse: &'a Discourse,
    /// The block's index in the article.
    pub block: usize,
}

/// The tags of a found statement whose speaker's party is `speaker`.
pub fn tags(
    block: &Block,
    lexicon: &Lexicon,
    found: &Found,
    speaker: Option<u32>,
    context: &Context,
) -> Vec<Tag> {
    let finder = Finder {
        block,
        lexicon,
        found,
        speaker,
        end: found.range.end,
        context,
    };
    let mut out = Vec::new();
    for k in found.range.clone() {
        if found.excluded.iter().any(|r| r.contains(&k)) {
            continue;
        }
        let item = &block.items[k];
        for sense in item.senses {
            let tag = match sense.kind {
                SenseKind::Verb(v) => lexicon.verb(v).stance.and_then(|stance| {
                    let pronoun_object = finder.pronoun_after(k);
                    let object = if item.suffixed {
                        finder.antecedent(k)
                    } else if let Some(pronoun) = pronoun_object {
                        finder.antecedent(pronoun)
                    } else if Some(k) == found.verb {
                        finder.object(found.object_from, 12)
                    } else {
                        finder.object(k + 1, 8)
                    };
                    let (object, via) = match object {
                        Some(object) => (Some(object), Reach::Syntax),
                        // "condemned the attack": the attack's agent.
                        None if !item.suffixed && pronoun_object.is_none() => {
                            match finder.act_object(k, stance) {
                                Some(act) => (Some(act), Reach::Antecedent),
                                None => (finder.other_side_of_act(k, stance), Reach::OtherSide),
                            }
                        }
                        None => (None, Reach::Syntax),
                    };
                    object.map(|(target, party)| Tag {
                        stance,
                        party,
                        cue: k,
                        target,
                        rule: lexicon.verb_rule(v),
                        origin: sense.origin,
                        rule_target: CueTarget::Possessor,
                        via,
                    })
                }),
                // الصهيوني: the name blames its party (below), not a target.
                SenseKind::Cue(_) if item.party().is_some() => None,
                SenseKind::Cue(c) => finder.cue(lexicon, k, c, *sense),
                SenseKind::Party { party, .. } => finder.pejorative_name(lexicon, k, party),
                _ => None,
            };
            let Some(tag) = tag else { continue };
            // "accusing it of backing Iran" is no support of Iran.
            if tag.stance == Stance::Supports && accused_of(block, lexicon, found, k) {
                continue;
            }
            let coordinated = finder.coordinated(tag.target).map(|(target, party)| Tag {
                target,
                party,
                ..tag.clone()
            });
            for tag in std::iter::once(tag).chain(coordinated) {
                keep(block, found, speaker, tag, &mut out);
            }
        }
    }
    out
}

/// The acts a statement or sentence names with their agent ("Algeria's
/// decision", قرار الجزائر، "Turkish strikes"), as (item, agent) pairs, for
/// the discourse to remember.
pub fn named_acts(
    block: &Block,
    lexicon: &Lexicon,
    found: &Found,
    speaker: Option<u32>,
    context: &Context,
) -> Vec<(usize, u32)> {
    let finder = Finder {
        block,
        lexicon,
        found,
        speaker,
        end: found.range.end,
        context,
    };
    found
        .range
        .clone()
        .filter(|&i| block.items[i].has(|s| s == SenseKind::ActNoun))
        .filter_map(|i| finder.act_noun_agent(i).map(|(_, party)| (i, party)))
        .collect()
}

/// Adds `tag` to `out` unless it blames the speaker's own party, falls
/// under a denial, or repeats a tag already there.
fn keep(block: &Block, found: &Found, speaker: Option<u32>, tag: Tag, out: &mut Vec<Tag>) {
    let self_promotion = tag.stance == Stance::Supports && tag.rule_target == CueTarget::Act;
    let own = (tag.stance == Stance::Blames || self_promotion) && Some(tag.party) == speaker;
    // A denial cancels what it denies (blame or support: نفت تقديم دعم),
    // not a counter-accusation quoted after it (نفت X الاتهامات وعدتها
    // "محاولة ... فشل Y").
    let denied = found.denial.is_some_and(|end| tag.cue < end) && !block.items[tag.cue].quoted;
    if !own
        && !denied
        && !out
            .iter()
            .any(|t: &Tag| t.stance == tag.stance && t.party == tag.party)
    {
        out.push(tag);
    }
}

/// The tag of a name at `k` that blames its own party, when `senses` hold a
/// blame noun.
fn pejorative(lexicon: &Lexicon, senses: &[Sense], k: usize, party: u32) -> Option<Tag> {
    let (cue, sense) = senses.iter().find_map(|s| match s.kind {
        SenseKind::Cue(c)
            if lexicon.cue(c).stance == Stance::Blames
                && lexicon.cue(c).target == CueTarget::Noun =>
        {
            Some((c, *s))
        }
        _ => None,
    })?;
    Some(Tag {
        stance: Stance::Blames,
        party,
        cue: k,
        target: k,
        rule: lexicon.cue_rule(cue),
        origin: sense.origin,
        rule_target: CueTarget::Noun,
        via: Reach::Syntax,
    })
}

/// Whether item `k` stands in what an accusation charges ("accused X of
/// backing Y", اتهم X بدعم Y): back from `k`, an accusation verb comes before
/// any other verb of speech (مؤكدة دعم ... is a claim of the speaker's own).
fn accused_of(block: &Block, lexicon: &Lexicon, found: &Found, k: usize) -> bool {
    if opens_coordinated_predicate(block, k) {
        return false;
    }
    (found.range.start..k)
        .rev()
        .find_map(|i| {
            block.items[i].senses.iter().find_map(|s| match s.kind {
                SenseKind::Verb(v) => Some(lexicon.verb(v).stance == Some(Stance::Blames)),
                _ => None,
            })
        })
        .unwrap_or(false)
}

/// Whether item `k` is a finite verb after "and" ("condemned the shelling
/// and welcomed Russia's offer"): a predicate of its own, outside what a
/// verb before it charges. An -ing form ("accused X of shelling and backing
/// Y") stays inside; Arabic و joins masdars and verbs in one spelling, so it
/// is not read this way.
fn opens_coordinated_predicate(block: &Block, k: usize) -> bool {
    block.lang == Lang::En
        && k > 0
        && block.item_text(k - 1) == "and"
        && !block.item_text(k).ends_with("ing")
}

struct Finder<'a, 'l> {
    block: &'a Block<'l>,
    lexicon: &'a Lexicon,
    found: &'a Found,
    speaker: Option<u32>,
    end: usize,
    context: &'a Context<'a>,
}

impl Finder<'_, '_> {
    /// A party joined to the target by و (واشنطن ولندن، أرمينيا وفرنسا):
    /// the tag holds for it too.
    fn coordinated(&self, target: usize) -> Option<(usize, u32)> {
        let next = target + 1;
        let item = self.block.items.get(next).filter(|_| next < self.end)?;
        if item.proclitics.conjunction {
            return self.party(next).map(|p| (next, p));
        }
        // "the M23 offensive and Rwanda's support", "Israel and Hamas"
        if self.block.lang == Lang::En && self.block.item_text(next) == "and" {
            let mut after = next + 1;
            if after < self.end && self.block.item_text(after) == "the" {
                after += 1;
            }
            return (after < self.end)
                .then(|| self.party(after).map(|p| (after, p)))
                .flatten();
        }
        None
    }

    fn party(&self, i: usize) -> Option<u32> {
        resolve_party(self.block, i..i + 1).map(|(p, _)| p)
    }

    fn cue(&self, lexicon: &Lexicon, k: usize, cue: u32, sense: Sense) -> Option<Tag> {
        let rule = lexicon.cue(cue);
        let negated = self.negated(lexicon, k);
        if negated != rule.negated {
            return None;
        }
        let item = &self.block.items[k];
        let english = self.block.lang == Lang::En;
        let target = match rule.target {
            CueTarget::Noun if item.suffixed || self.after_possessive(k) => {
                self.verb_object(lexicon, k, false)
            }
            CueTarget::Noun if english => self
                .premodifier(k)
                .or_else(|| self.agent(k))
                .or_else(|| self.on_the_part_of(k))
                .or_else(|| self.verb_object(lexicon, k, true)),
            CueTarget::Noun => self
                .modifier(k)
                .or_else(|| self.agent(k))
                .or_else(|| self.verb_object(lexicon, k, true)),
            CueTarget::Act => self.subject(k),
            // ضرباته، هجماتها: the acts of the clause's subject.
            CueTarget::Passive if item.suffixed => self.subject(k),
            CueTarget::Passive if english => self.premodifier(k).or_else(|| self.agent(k)),
            CueTarget::Passive => self.nisba(k).or_else(|| self.agent(k)),
            CueTarget::Possessor if rule.stance == Stance::Supports => self.supported(k),
            CueTarget::Possessor => self.modifier(k),
            CueTarget::Marker => self.after_marker(k, cue),
            CueTarget::Evaluation => self.evaluated(lexicon, k),
            CueTarget::Demand => self.demanded(lexicon, k),
        };
        // The speaker's own side named as the target is its victim
        // ("a violation of Iraq's sovereignty", said by Iraq).
        let victim = target.is_some_and(|(_, party)| Some(party) == self.speaker);
        let target = target.filter(|_| !victim || rule.stance == Stance::Supports);
        let (target, via) = match target {
            Some(target) => (target, Reach::Syntax),
            None if rule.stance == Stance::Blames
                && self.judges_a_known_act(rule.target, rule.label, k) =>
            {
                let opponent = self
                    .speaker
                    .and_then(|s| self.context.discourse.opponent(s));
                let act = self.act_antecedent(k).filter(|act| {
                    self.pointed_at(k)
                        || victim
                        || Some(act.1) == opponent
                        || self
                            .speaker
                            .is_some_and(|s| self.context.discourse.adversaries(s, act.1))
                });
                // A judgement of no act the article named, by one side of
                // the conflict: a judgement of the other side.
                let judgement = matches!(rule.target, CueTarget::Evaluation | CueTarget::Noun);
                match act {
                    Some(act) => (act, Reach::Antecedent),
                    None if judgement => ((k, opponent?), Reach::OtherSide),
                    None => return None,
                }
            }
            None => return None,
        };
        Some(Tag {
            stance: rule.stance,
            party: target.1,
            cue: k,
            target: target.0,
            rule: lexicon.cue_rule(cue),
            origin: sense.origin,
            rule_target: rule.target,
            via,
        })
    }

    /// Whether a blame cue with no target of its own judges the act the
    /// article reported last: a judgement always does ("a blatant
    /// violation", مؤسف); a noun of wrongdoing does ("an aggression", الاعتداء);
    /// a noun of an attack only when it points back (these attacks، هذا
    /// القصف), as "an attack" or "the shelling killed nine" may be news of
    /// an act rather than a judgement of it.
    fn judges_a_known_act(&self, target: CueTarget, label: bool, k: usize) -> bool {
        match target {
            // "terrorist" said of no one judges no act.
            CueTarget::Evaluation | CueTarget::Noun => !label,
            CueTarget::Passive => self.pointed_at(k),
            CueTarget::Act | CueTarget::Possessor | CueTarget::Marker | CueTarget::Demand => false,
        }
    }

    /// A demonstrative before item `k` (these attacks، هذا القصف).
    fn pointed_at(&self, k: usize) -> bool {
        (k.saturating_sub(2)..k).any(|i| self.block.items[i].has(|s| s == SenseKind::Demonstrative))
    }

    /// The agent of the act the article reported last before item `k`,
    /// other than the speaker's side, as a target at `k`.
    fn act_antecedent(&self, k: usize) -> Option<(usize, u32)> {
        let at = Position {
            block: self.context.block,
            item: k,
        };
        self.context
            .discourse
            .act_agent(at, self.speaker)
            .map(|act| (k, act.agent))
    }

    /// What a judgement judges: the subject of its clause ("the Canadian
    /// position is an interference"), the object of the reporting verb
    /// ("called the decision ludicrous", وصف X بأنه), each a party or an act
    /// whose agent is named with it.
    fn evaluated(&self, lexicon: &Lexicon, k: usize) -> Option<(usize, u32)> {
        self.subject_before(k)
            .filter(|(t, _)| !self.found.excluded.iter().any(|r| r.contains(t)))
            .or_else(|| self.agent(k))
            .or_else(|| self.on_the_part_of(k))
            .or_else(|| self.act_agent_before(k))
            .or_else(|| self.verb_object(lexicon, k, true))
    }

    /// The agent of an act noun in the clause before `k` ("the decision of
    /// Algeria", قرار الجزائر، "France's decision"), found by its nisba or
    /// possessor.
    fn act_agent_before(&self, k: usize) -> Option<(usize, u32)> {
        let items = &self.block.items;
        let from = self.clause_start(k);
        let act = (from..k)
            .rev()
            .find(|&i| items[i].has(|s| s == SenseKind::ActNoun))?;
        // التصريحات، "the move": an act named before; "the accusations":
        // whoever accused the speaker's side.
        self.act_noun_agent(act)
            .or_else(|| self.accuser(act))
            .or_else(|| self.act_antecedent(act))
            .map(|(_, party)| (act, party))
    }

    /// For a noun of speech with no owner named, whoever last blamed the
    /// speaker's side.
    fn accuser(&self, k: usize) -> Option<(usize, u32)> {
        if !self.block.items[k].has(|s| s == SenseKind::SpeechNoun) {
            return None;
        }
        let speaker = self.speaker?;
        self.context
            .discourse
            .accuser_of(speaker)
            .map(|party| (k, party))
    }

    /// The party an act noun at `i` belongs to: a nisba or possessor after
    /// it (Arabic), a premodifier before it (English).
    fn act_noun_agent(&self, i: usize) -> Option<(usize, u32)> {
        match self.block.lang {
            Lang::En => self.premodifier(i),
            Lang::Ar => self.modifier(i),
        }
        .filter(|&(_, party)| Some(party) != self.speaker)
    }

    /// The object of an accusation verb that names an act, not a party
    /// ("condemned the attack", "denounced the move", أدانت الهجوم): the
    /// act's agent, named with it or reported before.
    fn act_object(&self, verb: usize, stance: Stance) -> Option<(usize, u32)> {
        if stance != Stance::Blames {
            return None;
        }
        let act = self.act_after(verb, 4, |s| {
            matches!(s, SenseKind::ActNoun | SenseKind::Cue(_))
        })?;
        self.act_noun_agent(act)
            .or_else(|| self.premodifier(act))
            .or_else(|| self.nisba(act))
            .or_else(|| self.act_antecedent(act))
            .filter(|&(_, party)| Some(party) != self.speaker)
    }

    /// "نستنكر هذا الحكم" by one side of the conflict, when the act names
    /// no agent and none was reported: the other side.
    fn other_side_of_act(&self, verb: usize, stance: Stance) -> Option<(usize, u32)> {
        if stance != Stance::Blames {
            return None;
        }
        let act = self.act_after(verb, 3, |s| s == SenseKind::ActNoun)?;
        let opponent = self.context.discourse.opponent(self.speaker?)?;
        Some((act, opponent))
    }

    /// The first of the `words` after `verb` (within the clause) that names
    /// an act by `is_act`: the object of a verb is close to it.
    fn act_after(
        &self,
        verb: usize,
        words: usize,
        is_act: impl Fn(SenseKind) -> bool,
    ) -> Option<usize> {
        let items = &self.block.items;
        (verb + 1..self.end.min(verb + 1 + words)).find(|&i| items[i].has(&is_act))
    }

    /// English: a party before a noun, within its phrase ("Azerbaijani
    /// aggression", "Myanmar's mortar shelling", "the Canadian position").
    fn premodifier(&self, k: usize) -> Option<(usize, u32)> {
        let items = &self.block.items;
        let mut i = k;
        while i > self.found.range.start && k - i < 5 {
            i -= 1;
            let item = &items[i];
            if let Some(party) = self.party(i) {
                return Some((i, party));
            }
            let inside = item.is_punct(|c| matches!(c, '’' | '\'' | '-'))
                || (item.is_word()
                    && !item.quoted
                    && !item.has(|s| {
                        matches!(
                            s,
                            SenseKind::Verb(_)
                                | SenseKind::Preposition
                                | SenseKind::Complementizer
                                | SenseKind::Relative
                                | SenseKind::Negator
                        )
                    }));
            if !inside {
                return None;
            }
        }
        None
    }

    /// A pronoun right after a verb: its object ("accused them of").
    fn pronoun_after(&self, verb: usize) -> Option<usize> {
        let next = verb + 1;
        (next < self.end && self.block.items[next].has(|s| matches!(s, SenseKind::Pronoun(_))))
            .then_some(next)
    }

    /// Whom a demand to stop or withdraw is made of: the one party the
    /// reporting verb before it calls on ("urged Kigali to withdraw", طالب
    /// X بالانسحاب); none when it calls on two ("urged Israel and Hamas to
    /// stop": a call to both sides).
    fn demanded(&self, lexicon: &Lexicon, k: usize) -> Option<(usize, u32)> {
        let (t, party) = self.verb_object(lexicon, k, true)?;
        let both_sides = self.coordinated(t).is_some()
            || (t > 0 && (t - 1..t).any(|i| self.coordinated(i).is_some_and(|(n, _)| n == t)));
        (!both_sides).then_some((t, party))
    }

    /// English "on X's part" after a noun: its agent.
    fn on_the_part_of(&self, k: usize) -> Option<(usize, u32)> {
        let text = |i: usize| {
            if i < self.end {
                self.block.item_text(i)
            } else {
                ""
            }
        };
        let on = (k + 1..self.end.min(k + 4)).find(|&i| text(i) == "on")?;
        let party = self.party(on + 1)?;
        let part = (on + 2..self.end.min(on + 5)).find(|&i| text(i) == "part")?;
        (part <= on + 4).then_some((on + 1, party))
    }

    /// Where the clause holding item `k` starts within the statement.
    fn clause_start(&self, k: usize) -> usize {
        let items = &self.block.items;
        let mut start = k;
        while start > self.found.range.start {
            let item = &items[start - 1];
            let boundary = item.is_punct(|c| is_comma(c) || c == ':')
                || item.has(|s| {
                    matches!(
                        s,
                        SenseKind::Complementizer
                            | SenseKind::ClauseOpener
                            | SenseKind::Verb(_)
                            | SenseKind::Relative
                    )
                });
            if boundary {
                break;
            }
            start -= 1;
        }
        start
    }

    fn negated(&self, lexicon: &Lexicon, k: usize) -> bool {
        let scope = lexicon.negation_scope(self.block.lang);
        let from = k.saturating_sub(scope).max(self.found.range.start);
        let items = &self.block.items;
        (from..k).any(|i| {
            items[i].has(|s| s == SenseKind::Negator)
                && !(i + 1..k).any(|j| items[j].has(|s| s == SenseKind::Refusal))
        })
    }

    /// The first party after `from` that is not the speaker's: a verb's
    /// object. An anaphor in its place (اتهم الحركة) stands for the party
    /// named before it.
    fn object(&self, from: usize, reach: usize) -> Option<(usize, u32)> {
        let items = &self.block.items;
        (from..self.end.min(from + reach))
            .take_while(|&i| !items[i].has(|s| s == SenseKind::Complementizer))
            .filter(|i| !self.found.excluded.iter().any(|r| r.contains(i)))
            .filter(|&i| !self.compound_modifier(i))
            .find_map(|i| match self.party(i) {
                Some(p) => (Some(p) != self.speaker).then_some((i, p)),
                None if i == from && items[i].has(|s| s == SenseKind::Anaphor) => {
                    self.antecedent(i)
                }
                None => None,
            })
    }

    /// English "Iran-backed", "US-orchestrated": a party joined by a hyphen
    /// to the word after it modifies the noun that follows; it is not the
    /// object.
    fn compound_modifier(&self, i: usize) -> bool {
        let items = &self.block.items;
        self.block.lang == Lang::En
            && items
                .get(i + 1)
                .is_some_and(|next| next.is_punct(|c| c == '-'))
    }

    /// What a pronoun or anaphor at `i` refers to (اتهمها، اتهم الحركة): the
    /// nearest party before it in its sentence or the one before, other than
    /// the speaker's; none when two different parties compete there.
    fn antecedent(&self, i: usize) -> Option<(usize, u32)> {
        let sentences = &self.block.sentences;
        let current = sentences.iter().position(|r| r.contains(&i))?;
        let from = sentences[current.saturating_sub(1)].start;
        let mut candidates = (from..i)
            .rev()
            .filter_map(|t| self.party(t).map(|p| (t, p)))
            .filter(|&(_, p)| Some(p) != self.speaker);
        let nearest = candidates.next()?;
        candidates.all(|(_, p)| p == nearest.1).then_some(nearest)
    }

    /// A party named by a phrase that opens with a blame noun (العدو
    /// الصهيوني، ميليشيا الحوثي, "the Zionist enemy"): the name itself blames.
    fn pejorative_name(&self, lexicon: &Lexicon, k: usize, party: u32) -> Option<Tag> {
        let item = &self.block.items[k];
        if self.negated(lexicon, k) {
            return None;
        }
        if item.end - item.first < 2 {
            return self.pejorative_word(lexicon, k, party);
        }
        // قوات الاحتلال الروسية: the nisba after the name says whose.
        let party = self.party(k).unwrap_or(party);
        let text = &self.block.normalized.text;
        let first_token = &self.block.tokens[item.first..item.first + 1];
        let matcher = lexicon.matcher(self.block.lang);
        let hit = matcher
            .find(text, first_token, &[false])
            .into_iter()
            .next()?;
        pejorative(lexicon, matcher.senses(hit.phrase), k, party)
    }

    /// A one-word name that is itself a blame noun (الصهيوني، "Zionist").
    fn pejorative_word(&self, lexicon: &Lexicon, k: usize, party: u32) -> Option<Tag> {
        pejorative(lexicon, self.block.items[k].senses, k, party)
    }

    fn after_possessive(&self, k: usize) -> bool {
        k > 0 && self.block.items[k - 1].has(|s| s == SenseKind::Possessive)
    }

    /// The object of the reporting verb before the cue (دعا X، وصف X بأنه):
    /// what a cue in its report points at when it names no target itself,
    /// or what its possessive suffix refers to (دعا X إلى وقف استفزازاتها).
    /// `only_object_verbs`: only a verb that takes an object has one.
    fn verb_object(
        &self,
        lexicon: &Lexicon,
        k: usize,
        only_object_verbs: bool,
    ) -> Option<(usize, u32)> {
        let items = &self.block.items;
        let verb = (self.found.range.start..k)
            .rev()
            .find(|&i| !items[i].quoted && items[i].has(|s| matches!(s, SenseKind::Verb(_))));
        let Some(verb) = verb else {
            return if only_object_verbs {
                None
            } else {
                self.object(self.found.object_from, 12)
            };
        };
        let takes_object = items[verb].senses.iter().any(|s| match s.kind {
            SenseKind::Verb(v) => lexicon.verb(v).object,
            _ => false,
        });
        let from = if Some(verb) == self.found.verb {
            self.found.object_from
        } else {
            verb + 1
        };
        if takes_object {
            self.object(from, 6)
        } else if only_object_verbs {
            None
        } else {
            self.object(from, 12)
        }
    }

    /// A nisba adjective right after the cue (القصف الأذربيجاني), or an
    /// institution's name (هجمات الجيش الكونغولي): the agent of a transitive
    /// act, whose possessor would otherwise be its victim (قصف غزة).
    fn nisba(&self, k: usize) -> Option<(usize, u32)> {
        let items = &self.block.items;
        let next = items.get(k + 1).filter(|_| k + 1 < self.end)?;
        match next.party() {
            Some((party, Via::Demonym)) => Some((k + 1, party)),
            Some((party, Via::Alias)) if self.opens_with_title(k + 1) => Some((k + 1, party)),
            // بنيران القوات الباكستانية، هجمات الجيش الكونغولي
            None if next.has(|s| matches!(s, SenseKind::Title | SenseKind::Anaphor)) => {
                match items.get(k + 2).filter(|_| k + 2 < self.end)?.party() {
                    Some((party, Via::Demonym)) => Some((k + 2, party)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn opens_with_title(&self, i: usize) -> bool {
        let item = &self.block.items[i];
        let first = &self.block.tokens[item.first..item.first + 1];
        let matcher = self.lexicon.matcher(self.block.lang);
        matcher
            .find(&self.block.normalized.text, first, &[false])
            .first()
            .is_some_and(|hit| {
                matcher
                    .senses(hit.phrase)
                    .iter()
                    .any(|s| matches!(s.kind, SenseKind::Title | SenseKind::Anaphor))
            })
    }

    /// Whom a support noun backs: its possessor, or, when that is the
    /// speaker itself (دعم الدوحة الكامل لصمود الشعب الفلسطيني), the party
    /// its complement names next, if any.
    fn supported(&self, k: usize) -> Option<(usize, u32)> {
        // تضامنها التام مع السعودية، "full support for": past an adjective
        // and the preposition that introduces whom it backs.
        let (t, party) = self.modifier(k).or_else(|| self.beneficiary(k))?;
        if Some(party) != self.speaker {
            return Some((t, party));
        }
        let beneficiary = self
            .party_within(t + 1, 5)
            .filter(|&(_, p)| Some(p) != self.speaker);
        Some(beneficiary.unwrap_or((t, party)))
    }

    /// The party a support cue introduces with a preposition, past an
    /// adjective (تضامنها التام مع السعودية، "full support for Kyiv"), other
    /// than the speaker's.
    fn beneficiary(&self, k: usize) -> Option<(usize, u32)> {
        let items = &self.block.items;
        let preposition = (k + 1..self.end.min(k + 4))
            .take_while(|&i| items[i].is_word())
            .find(|&i| items[i].has(|s| s == SenseKind::Preposition))?;
        self.party_within(preposition + 1, 3)
            .filter(|&(_, party)| Some(party) != self.speaker)
    }

    /// A nisba or possessor right after the cue, past at most one word, or
    /// two after a title (دعم القوات المسلحة الكونغولية).
    fn modifier(&self, k: usize) -> Option<(usize, u32)> {
        let after_title = self
            .block
            .items
            .get(k + 1)
            .is_some_and(|item| item.has(|s| s == SenseKind::Title));
        let end = self.end.min(k + if after_title { 4 } else { 3 });
        for (t, item) in self.block.items.iter().enumerate().take(end).skip(k + 1) {
            if let Some(p) = self.party(t) {
                return Some((t, p));
            }
            let passable =
                item.is_plain() || item.has(|s| matches!(s, SenseKind::Title | SenseKind::Skip));
            if !item.is_word() || !passable {
                return None;
            }
        }
        None
    }

    /// The party of an agent phrase after the cue (من جانب X).
    fn agent(&self, k: usize) -> Option<(usize, u32)> {
        let english = self.block.lang == Lang::En;
        let end = self.end.min(k + 9);
        for (m, item) in self.block.items.iter().enumerate().take(end).skip(k + 1) {
            // English auxiliaries end the noun's phrase: "the bombardment
            // were tourists from Iraq" names no agent.
            if item.is_punct(is_comma)
                || item.has(|s| matches!(s, SenseKind::Complementizer | SenseKind::Verb(_)))
                || (english && item.has(|s| s == SenseKind::Skip))
            {
                return None;
            }
            let found = item
                .has(|s| s == SenseKind::AgentMarker)
                .then(|| self.party_within(m + 1, 4))
                .flatten();
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The first party in the `reach` items from `from`, before any comma.
    fn party_within(&self, from: usize, reach: usize) -> Option<(usize, u32)> {
        let end = self.end.min(from + reach);
        for (t, item) in self.block.items.iter().enumerate().take(end).skip(from) {
            if let Some(p) = self.party(t) {
                return Some((t, p));
            }
            if item.is_punct(is_comma) {
                return None;
            }
        }
        None
    }

    /// The subject of an act: the clause's first party before the cue that
    /// is not in a prepositional phrase, else the party right after it.
    fn subject(&self, k: usize) -> Option<(usize, u32)> {
        let items = &self.block.items;
        self.subject_before(k).or_else(|| {
            let mut t = k + 1;
            while t < self.end && items[t].has(|s| s == SenseKind::Skip) {
                t += 1;
            }
            (t < self.end)
                .then(|| self.party(t).map(|p| (t, p)))
                .flatten()
        })
    }

    /// The subject of a clause before item `k`: its first party outside a
    /// prepositional phrase.
    fn subject_before(&self, k: usize) -> Option<(usize, u32)> {
        let start = self.clause_start(k);
        self.first_party_in(start..k).or_else(|| {
            // أن القوات الهندية، "عبرت ...": a subject set off by a comma
            // after the complementizer that opens the report.
            let reported = self.reported_clause_start(start)?;
            self.first_party_in(reported..start)
        })
    }

    /// Where the reported clause holding item `at` starts, when only commas
    /// stand between them: right after its complementizer.
    fn reported_clause_start(&self, at: usize) -> Option<usize> {
        let items = &self.block.items;
        let mut i = at;
        while i > self.found.range.start && at - i < 20 {
            i -= 1;
            let item = &items[i];
            if item.has(|s| s == SenseKind::Complementizer) {
                return Some(i + 1);
            }
            if item.has(|s| {
                matches!(
                    s,
                    SenseKind::Verb(_) | SenseKind::ClauseOpener | SenseKind::Relative
                )
            }) {
                return None;
            }
        }
        None
    }

    /// The first party in `range` outside a prepositional phrase (a
    /// pronoun stands for whom it refers to).
    fn first_party_in(&self, range: std::ops::Range<usize>) -> Option<(usize, u32)> {
        let items = &self.block.items;
        range.into_iter().find_map(|i| {
            let excluded = self.found.excluded.iter().any(|r| r.contains(&i));
            if excluded || self.in_prepositional_phrase(i) {
                None
            } else if items[i].has(|s| matches!(s, SenseKind::Pronoun(_))) {
                // "they had reversed their position": whom "they" stands for.
                self.antecedent(i)
            } else {
                self.party(i).map(|p| (i, p))
            }
        })
    }

    /// Whether item `i` is the noun of a prepositional phrase (في غزة، "to
    /// the United Nations"); an agent phrase (من جانب X، "by X") is not one.
    fn in_prepositional_phrase(&self, i: usize) -> bool {
        let items = &self.block.items;
        let preposition = |j: usize| {
            items[j].has(|s| s == SenseKind::Preposition)
                && !items[j].has(|s| s == SenseKind::AgentMarker)
        };
        let determiner = |j: usize| {
            self.block.lang == Lang::En && matches!(self.block.item_text(j), "the" | "a" | "an")
        };
        items[i].proclitics.preposition
            || (i > 0 && preposition(i - 1))
            || (i > 1 && determiner(i - 1) && preposition(i - 2))
    }

    /// The party after one of the cue's markers (المسؤولية ... على X).
    fn after_marker(&self, k: usize, cue: u32) -> Option<(usize, u32)> {
        let items = &self.block.items;
        let marker = (k + 1..self.end.min(k + 9))
            .find(|&m| items[m].has(|s| s == SenseKind::CueMarker(cue)))?;
        self.party_within(marker + 1, 5)
    }
}
