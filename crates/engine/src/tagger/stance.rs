//! Whom a statement blames or supports. Two sources of tags: the reporting
//! verb's own stance toward its object (اتهم X، أدان X، رحب بـ X), and cues in
//! what was said, each finding its target the way its lexicon entry says
//! (nisba or possessor after a noun, agent phrase, subject of a verb, the
//! party after a marker). A negator shortly before a cue cancels it, a denial
//! cancels every blame, and no statement blames its own speaker's party.

use super::block::{Block, is_comma};
use super::statements::{Found, resolve_party};
use crate::lexicon::matcher::{Sense, SenseKind, Via};
use crate::lexicon::{CueTarget, Lexicon, Name, Stance};

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
}

/// The tags of a found statement whose speaker's party is `speaker`.
pub fn tags(block: &Block, lexicon: &Lexicon, found: &Found, speaker: Option<u32>) -> Vec<Tag> {
    let finder = Finder {
        block,
        lexicon,
        found,
        speaker,
        end: found.range.end,
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
                    let object = if item.suffixed {
                        finder.antecedent(k)
                    } else if Some(k) == found.verb {
                        finder.object(found.object_from, 12)
                    } else {
                        finder.object(k + 1, 4)
                    };
                    object.map(|(target, party)| Tag {
                        stance,
                        party,
                        cue: k,
                        target,
                        rule: lexicon.verb_rule(v),
                        origin: sense.origin,
                        rule_target: CueTarget::Possessor,
                    })
                }),
                SenseKind::Cue(c) => finder.cue(lexicon, k, c, *sense),
                SenseKind::Party { party, .. } => finder.pejorative_name(lexicon, k, party),
                _ => None,
            };
            let Some(tag) = tag else { continue };
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

struct Finder<'a, 'l> {
    block: &'a Block<'l>,
    lexicon: &'a Lexicon,
    found: &'a Found,
    speaker: Option<u32>,
    end: usize,
}

impl Finder<'_, '_> {
    /// A party joined to the target by و (واشنطن ولندن، أرمينيا وفرنسا):
    /// the tag holds for it too.
    fn coordinated(&self, target: usize) -> Option<(usize, u32)> {
        let next = target + 1;
        let item = self.block.items.get(next).filter(|_| next < self.end)?;
        if !item.proclitics.conjunction {
            return None;
        }
        self.party(next).map(|p| (next, p))
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
        let target = match rule.target {
            CueTarget::Noun if item.suffixed || self.after_possessive(k) => {
                self.verb_object(lexicon, k, false)
            }
            CueTarget::Noun => self
                .modifier(k)
                .or_else(|| self.agent(k))
                .or_else(|| self.verb_object(lexicon, k, true)),
            CueTarget::Act => self.subject(k),
            // ضرباته، هجماتها: the acts of the clause's subject.
            CueTarget::Passive if item.suffixed => self.subject(k),
            CueTarget::Passive => self.nisba(k).or_else(|| self.agent(k)),
            CueTarget::Possessor if rule.stance == Stance::Supports => self.supported(k),
            CueTarget::Possessor => self.modifier(k),
            CueTarget::Marker => self.after_marker(k, cue),
        }?;
        Some(Tag {
            stance: rule.stance,
            party: target.1,
            cue: k,
            target: target.0,
            rule: lexicon.cue_rule(cue),
            origin: sense.origin,
            rule_target: rule.target,
        })
    }

    fn negated(&self, lexicon: &Lexicon, k: usize) -> bool {
        let scope = lexicon.negation_scope(self.block.lang);
        let from = k.saturating_sub(scope).max(self.found.range.start);
        (from..k).any(|i| self.block.items[i].has(|s| s == SenseKind::Negator))
    }

    /// The first party after `from` that is not the speaker's: a verb's
    /// object. An anaphor in its place (اتهم الحركة) stands for the party
    /// named before it.
    fn object(&self, from: usize, reach: usize) -> Option<(usize, u32)> {
        let items = &self.block.items;
        (from..self.end.min(from + reach))
            .take_while(|&i| !items[i].has(|s| s == SenseKind::Complementizer))
            .filter(|i| !self.found.excluded.iter().any(|r| r.contains(i)))
            .find_map(|i| match self.party(i) {
                Some(p) => (Some(p) != self.speaker).then_some((i, p)),
                None if i == from && items[i].has(|s| s == SenseKind::Anaphor) => {
                    self.antecedent(i)
                }
                None => None,
            })
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
        if item.end - item.first < 2 || self.negated(lexicon, k) {
            return None;
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
        let (cue, sense) = matcher
            .senses(hit.phrase)
            .iter()
            .find_map(|s| match s.kind {
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
        })
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
        let (t, party) = self.modifier(k)?;
        if Some(party) != self.speaker {
            return Some((t, party));
        }
        let beneficiary = self
            .party_within(t + 1, 5)
            .filter(|&(_, p)| Some(p) != self.speaker);
        Some(beneficiary.unwrap_or((t, party)))
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
            if !item.is_word() || !item.is_plain() && !item.has(|s| s == SenseKind::Title) {
                return None;
            }
        }
        None
    }

    /// The party of an agent phrase after the cue (من جانب X).
    fn agent(&self, k: usize) -> Option<(usize, u32)> {
        let end = self.end.min(k + 9);
        for (m, item) in self.block.items.iter().enumerate().take(end).skip(k + 1) {
            if item.is_punct(is_comma)
                || item.has(|s| matches!(s, SenseKind::Complementizer | SenseKind::Verb(_)))
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
        let before = (start..k).find_map(|i| {
            let in_phrase = items[i].proclitics.preposition
                || (i > 0
                    && items[i - 1].has(|s| s == SenseKind::Preposition)
                    && !items[i - 1].has(|s| s == SenseKind::AgentMarker));
            if in_phrase {
                None
            } else {
                self.party(i).map(|p| (i, p))
            }
        });
        before.or_else(|| {
            let mut t = k + 1;
            while t < self.end && items[t].has(|s| s == SenseKind::Skip) {
                t += 1;
            }
            (t < self.end)
                .then(|| self.party(t).map(|p| (t, p)))
                .flatten()
        })
    }

    /// The party after one of the cue's markers (المسؤولية ... على X).
    fn after_marker(&self, k: usize, cue: u32) -> Option<(usize, u32)> {
        let items = &self.block.items;
        let marker = (k + 1..self.end.min(k + 9))
            .find(|&m| items[m].has(|s| s == SenseKind::CueMarker(cue)))?;
        self.party_within(marker + 1, 5)
    }
}
