//! What an article has said so far, built once per article and passed
//! through its blocks in order: the speakers it has quoted (with whether
//! each is a person or a body, its gender and number where the text shows
//! them), and the hostile acts it has reported with their agents.
//!
//! The sentence rules cannot see past their sentence, and news leans on what
//! came before at every turn: "he added", وأوضحت الوزارة, "the ministry
//! said", "these attacks", هذه الخطوة. Each of those asks the discourse for
//! the most recent compatible antecedent, and the answer is kept so that
//! `mizan eval` can show which one was chosen.

use mizan_text::TextRange;

/// Grammatical gender, where the text marks it (Arabic verbs and titles,
/// English pronouns and -woman titles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
}

/// Whether a speaker is a person or a body (a state, ministry, army,
/// statement). Pronouns and continuation verbs pick one or the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Person,
    Body,
    Unknown,
}

/// What an anaphor asks of its antecedent; `None` accepts anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Want {
    pub entity: Option<Entity>,
    pub gender: Option<Gender>,
    pub plural: Option<bool>,
}

impl Want {
    fn accepts(&self, referent: &Referent) -> bool {
        let entity = match (self.entity, referent.entity) {
            (Some(want), got) => got == Entity::Unknown || got == want,
            (None, _) => true,
        };
        let gender = match (self.gender, referent.gender) {
            (Some(want), Some(got)) => want == got,
            _ => true,
        };
        let number = self.plural.is_none_or(|plural| plural == referent.plural);
        entity && gender && number
    }
}

/// How a statement's speaker was found, for the explanations of `mizan
/// eval` and the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerRule {
    /// Named in the sentence, with its party.
    Named,
    /// Named in the sentence by a name the lexicon does not know, that an
    /// earlier speaker bore ("Hun Manet" after "Prime Minister Hun Manet").
    NamedBefore,
    /// A pronoun ("he", "it"), resolved to the speaker or subject before.
    Pronoun,
    /// A bare title or anaphor ("the ministry", الوزارة), resolved to the
    /// speaker that bore the title or came before.
    Title,
    /// A possessive ("its foreign ministry", حكومته), resolved to the party
    /// named before.
    Possessive,
    /// No subject (وأضاف، "and said"): the speaker before.
    Continuation,
    /// A name or title the lexicon cannot place: the party of the speaker
    /// just before, a guess.
    Guess,
    /// A name or title the lexicon cannot place, whose statement blames one
    /// of the article's two sides: the other side, a guess.
    Side,
    /// Nobody: no speaker could be found.
    Unknown,
}

/// A speaker the article has quoted.
#[derive(Clone, Debug)]
pub struct Referent {
    /// The speaker as named, in the article's source.
    pub speaker: Option<TextRange>,
    /// The party's index in the lexicon.
    pub party: Option<u32>,
    /// The party was carried over to a speaker the lexicon could not place:
    /// a guess, shown but not trusted to cancel blame of the speaker's own
    /// side.
    pub guessed: bool,
    pub entity: Entity,
    pub gender: Option<Gender>,
    pub plural: bool,
    /// A speaker of no party by nature (an analyst, a witness, a source).
    pub unaffiliated: bool,
    /// The block (title or paragraph) it spoke in.
    pub block: usize,
    /// Where its statement starts.
    pub at: Position,
    /// How it was found, and the earlier naming it was resolved to.
    pub rule: SpeakerRule,
    pub antecedent: Option<TextRange>,
}

impl Referent {
    /// A speaker nobody named.
    pub fn unknown(block: usize) -> Referent {
        Referent {
            speaker: None,
            party: None,
            guessed: false,
            entity: Entity::Unknown,
            gender: None,
            plural: false,
            unaffiliated: false,
            block,
            at: Position { block, item: 0 },
            rule: SpeakerRule::Unknown,
            antecedent: None,
        }
    }
}

/// A party named as the subject of a sentence (its first party outside a
/// prepositional phrase), speaker or not: "Iran welcomed the agreement. Its
/// foreign ministry said ..." refers back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub party: u32,
    pub entity: Entity,
    /// The name in the article's source.
    pub name: TextRange,
    pub at: Position,
}

/// Where in the article: a block and an item of it. Orders mentions and
/// speakers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub block: usize,
    pub item: usize,
}

/// An act the article reported (an attack, a decision, remarks), with the
/// party that did it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Act {
    pub agent: u32,
    /// Where the act was named.
    pub at: Position,
}

/// How far back, in blocks, an antecedent is looked for: a continuation
/// two paragraphs after its speaker is common, one six paragraphs later is
/// more often a new, unnamed voice.
const SPEAKER_REACH: usize = 3;

/// How many speakers back a name or a title is looked up.
const NAME_REACH: usize = 40;

/// The words of a name, split at spaces and punctuation without the
/// general Unicode tables (a name is looked up for every unknown speaker).
fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| {
        c.is_ascii_whitespace()
            || c.is_ascii_punctuation()
            || matches!(c, '\u{a0}' | '،' | '؛' | '«' | '»' | '“' | '”' | '’')
    })
    .filter(|w| !w.is_empty())
}

/// How far back an act is remembered for "the attack", "هذه الخطوة".
const ACT_REACH: usize = 6;

/// The article so far.
#[derive(Debug, Default)]
pub struct Discourse {
    speakers: Vec<Referent>,
    mentions: Vec<Mention>,
    acts: Vec<Act>,
    /// Who has blamed whom, in so many words: the sides of the conflict
    /// the article reports.
    blamed: Vec<(u32, u32)>,
    /// How often each party has been named so far, with the order of its
    /// first mention: the two named most are the article's sides.
    named: Vec<(u32, u32)>,
}

impl Discourse {
    /// The most recent speaker within reach of `block` that `want` accepts.
    pub fn antecedent(&self, want: Want, block: usize) -> Option<&Referent> {
        self.speakers
            .iter()
            .rev()
            .take_while(|r| r.block + SPEAKER_REACH >= block)
            .find(|r| want.accepts(r))
    }

    /// The antecedent of an anaphor: the latest compatible speaker, else
    /// one that differs only in gender (Arabic verbs of bodies agree
    /// loosely: قال الجيش، قالت الجيش), else the speaker before, whatever it
    /// is. The flag says whether the antecedent is compatible: a fallback is
    /// a guess.
    pub fn resolve(&self, want: Want, block: usize) -> Option<(&Referent, bool)> {
        let genderless = Want {
            gender: None,
            ..want
        };
        self.antecedent(want, block)
            .or_else(|| self.antecedent(genderless, block))
            .map(|r| (r, true))
            .or_else(|| self.last_speaker(block).map(|r| (r, false)))
    }

    /// The speaker before, whatever it is, when within reach of `block`.
    pub fn last_speaker(&self, block: usize) -> Option<&Referent> {
        self.speakers
            .last()
            .filter(|r| r.block + SPEAKER_REACH >= block)
    }

    /// The speaker before when it spoke in `block` or the block before: the
    /// only one an unknown name may be guessed to speak for.
    pub fn adjacent_speaker(&self, block: usize) -> Option<&Referent> {
        self.speakers.last().filter(|r| r.block + 1 >= block)
    }

    /// The latest speaker with a party whose name holds `title` (folded
    /// text): "the foreign minister" after "Kuwaiti Foreign Minister Salem".
    pub fn same_title(&self, source: &str, title: &str) -> Option<&Referent> {
        // Word by word, the article set aside: الوزارة is the وزارة الدفاع
        // named before, "the ministry" the Saudi foreign ministry.
        fn bare(word: &str) -> &str {
            word.strip_prefix("ال")
                .filter(|rest| rest.chars().nth(1).is_some())
                .unwrap_or(word)
        }
        let wanted: Vec<&str> = title.split_whitespace().map(bare).collect();
        if wanted.is_empty() {
            return None;
        }
        self.recent_speakers().find(|r| {
            r.party.is_some()
                && r.speaker.is_some_and(|range| {
                    let name = mizan_text::normalize::normalize(range.slice(source)).text;
                    wanted
                        .iter()
                        .all(|w| name.split_whitespace().any(|word| bare(word) == *w))
                })
        })
    }

    /// The latest speaker whose name holds the last word of `name` (a
    /// surname: "Hun Manet" after "Prime Minister Hun Manet"). A word in
    /// lower case is no name ("a spokesperson" is not the spokesperson
    /// named before); Arabic script has no case and is always looked up.
    pub fn same_name(&self, source: &str, name: &str) -> Option<&Referent> {
        let surname = words(name).rfind(|w| {
            w.chars().count() > 2 && !w.chars().next().is_some_and(char::is_lowercase)
        })?;
        self.recent_speakers().find(|r| {
            r.party.is_some()
                && r.speaker
                    .is_some_and(|range| words(range.slice(source)).any(|w| w == surname))
        })
    }

    /// The speakers a name or title is looked up among, latest first: a
    /// bounded number, so that an article of thousands of statements is
    /// tagged in linear time.
    fn recent_speakers(&self) -> impl Iterator<Item = &Referent> {
        self.speakers.iter().rev().take(NAME_REACH)
    }

    /// The party a possessive refers to ("its foreign ministry", حكومته):
    /// the latest sentence subject or speaker with a party before `at`,
    /// whichever came last.
    pub fn possessor(&self, at: Position) -> Option<u32> {
        let mention = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.at < at && m.at.block + SPEAKER_REACH >= at.block);
        let speaker = self
            .speakers
            .iter()
            .rev()
            .find(|r| r.party.is_some() && r.at < at && r.block + SPEAKER_REACH >= at.block);
        match (mention, speaker) {
            (Some(m), Some(s)) if s.at > m.at => s.party,
            (Some(m), _) => Some(m.party),
            (None, Some(s)) => s.party,
            (None, None) => None,
        }
    }

    /// What a pronoun refers to: the latest compatible speaker, or a
    /// sentence subject named after it ("Israel's foreign ministry was
    /// sharply critical. In a statement, it said ..."), as a referent.
    pub fn pronoun(&self, want: Want, at: Position) -> Option<(Referent, bool)> {
        let speaker = self.resolve(want, at.block);
        let after = speaker
            .filter(|(_, compatible)| *compatible)
            .map(|(r, _)| r.at);
        let mention = self.mentions.iter().rev().find(|m| {
            m.at < at
                && after.is_none_or(|after| m.at > after)
                && m.at.block + SPEAKER_REACH >= at.block
                && want.entity.is_none_or(|e| e == m.entity)
        });
        match (mention, speaker) {
            (Some(m), _) => Some((
                Referent {
                    speaker: Some(m.name),
                    party: Some(m.party),
                    entity: m.entity,
                    at: m.at,
                    ..Referent::unknown(m.at.block)
                },
                true,
            )),
            (None, Some((r, compatible))) => Some((r.clone(), compatible)),
            (None, None) => None,
        }
    }

    pub fn add_mention(&mut self, mention: Mention) {
        self.mentions.push(mention);
    }

    pub fn add_speaker(&mut self, referent: Referent) {
        self.speakers.push(referent);
    }

    /// The agent of the latest act named before `at` and within reach,
    /// other than `not`: "the attack", هذه الخطوة, "a blatant violation"
    /// judge the act under discussion, and a speaker does not judge its own
    /// side's acts so.
    pub fn act_agent(&self, at: Position, not: Option<u32>) -> Option<&Act> {
        self.acts
            .iter()
            .rev()
            .filter(|a| a.at < at)
            .take_while(|a| a.at.block + ACT_REACH >= at.block)
            .find(|a| Some(a.agent) != not)
    }

    /// Counts a mention of `party`.
    pub fn add_name(&mut self, party: u32) {
        match self.named.iter_mut().find(|(p, _)| *p == party) {
            Some((_, count)) => *count += 1,
            None => self.named.push((party, 1)),
        }
    }

    /// Whether the article has named `party` so far.
    pub fn named(&self, party: u32) -> bool {
        self.named.iter().any(|&(p, _)| p == party)
    }

    /// The other side, for a speaker that is one of the article's two sides
    /// (the two parties named most, each at least twice): whom a judgement
    /// with no target of its own is about. None for a third party (a
    /// mediator, the UN), and when the sides are not clear.
    pub fn opponent(&self, speaker: u32) -> Option<u32> {
        // The three named most, in one pass: of parties named as often, the
        // one named first ranks first.
        let mut top: [Option<(u32, u32)>; 3] = [None; 3];
        for &(party, count) in &self.named {
            let slot = top.iter().position(|t| t.is_none_or(|(_, c)| count > c));
            if let Some(slot) = slot {
                top.copy_within(slot..2, slot + 1);
                top[slot] = Some((party, count));
            }
        }
        let [Some(first), Some(second), third] = top else {
            return None;
        };
        let clear = second.1 >= 2 && third.is_none_or(|(_, count)| count < second.1);
        if !clear {
            return None;
        }
        if first.0 == speaker {
            Some(second.0)
        } else if second.0 == speaker {
            Some(first.0)
        } else {
            None
        }
    }

    /// The side a speaker the lexicon could not place speaks for, when its
    /// statement blames one of the article's two sides and only it: the
    /// other ("the Army said Pakistani troops opened fire", in a report of
    /// India and Pakistan).
    pub fn side_of_accuser(&self, blamed: &[u32]) -> Option<u32> {
        match blamed {
            [one] => self.opponent(*one),
            _ => None,
        }
    }

    /// Records that `speaker` blamed `target` by name or nisba.
    pub fn add_blame(&mut self, speaker: u32, target: u32) {
        if !self.blamed.contains(&(speaker, target)) {
            self.blamed.push((speaker, target));
        }
    }

    /// Whether `a` and `b` have blamed one another, either way: sides of a
    /// conflict, for whom a judgement with no target of its own judges the
    /// other side's latest act.
    pub fn adversaries(&self, a: u32, b: u32) -> bool {
        self.blamed.contains(&(a, b)) || self.blamed.contains(&(b, a))
    }

    /// Who last blamed `party` by name: the owner of "the accusations".
    pub fn accuser_of(&self, party: u32) -> Option<u32> {
        self.blamed
            .iter()
            .rev()
            .find(|&&(_, target)| target == party)
            .map(|&(speaker, _)| speaker)
    }

    pub fn add_act(&mut self, act: Act) {
        if !self.acts.iter().rev().take(4).any(|a| *a == act) {
            self.acts.push(act);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn referent(entity: Entity, gender: Option<Gender>, party: u32, block: usize) -> Referent {
        Referent {
            party: Some(party),
            entity,
            gender,
            ..Referent::unknown(block)
        }
    }

    #[test]
    fn an_anaphor_takes_the_latest_compatible_speaker() {
        let mut discourse = Discourse::default();
        discourse.add_speaker(referent(Entity::Person, Some(Gender::Masculine), 1, 0));
        discourse.add_speaker(referent(Entity::Body, Some(Gender::Feminine), 2, 1));
        let he = Want {
            entity: Some(Entity::Person),
            gender: Some(Gender::Masculine),
            plural: None,
        };
        assert_eq!(discourse.antecedent(he, 1).and_then(|r| r.party), Some(1));
        let it = Want {
            entity: Some(Entity::Body),
            ..Want::default()
        };
        assert_eq!(discourse.antecedent(it, 1).and_then(|r| r.party), Some(2));
        assert!(discourse.antecedent(he, 1 + SPEAKER_REACH + 1).is_none());
    }

    fn at(block: usize, item: usize) -> Position {
        Position { block, item }
    }

    #[test]
    fn the_opponent_is_the_other_of_the_two_parties_named_most() {
        let mut discourse = Discourse::default();
        for party in [1, 2, 1, 3, 2, 1] {
            discourse.add_name(party);
        }
        assert_eq!(discourse.opponent(1), Some(2));
        assert_eq!(discourse.opponent(2), Some(1));
        assert_eq!(discourse.opponent(3), None, "a third party has no side");
        discourse.add_name(3);
        assert_eq!(
            discourse.opponent(1),
            None,
            "a tie for second: no clear sides"
        );
    }

    #[test]
    fn sides_are_parties_that_blamed_one_another() {
        let mut discourse = Discourse::default();
        discourse.add_blame(1, 2);
        assert!(discourse.adversaries(1, 2) && discourse.adversaries(2, 1));
        assert!(!discourse.adversaries(1, 3));
    }

    #[test]
    fn an_act_of_the_speaker_is_not_its_own_antecedent() {
        let mut discourse = Discourse::default();
        discourse.add_act(Act {
            agent: 5,
            at: at(0, 3),
        });
        discourse.add_act(Act {
            agent: 7,
            at: at(1, 3),
        });
        let agent = |at, not| discourse.act_agent(at, not).map(|a| a.agent);
        assert_eq!(agent(at(2, 0), None), Some(7));
        assert_eq!(agent(at(1, 2), None), Some(5), "only acts named before");
        assert_eq!(agent(at(2, 0), Some(7)), Some(5));
        assert_eq!(agent(at(2 + ACT_REACH, 0), Some(7)), None);
    }
}
