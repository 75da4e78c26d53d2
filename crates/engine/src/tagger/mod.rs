//! Statements, speakers, parties and stance. Takes an article's text and a
//! compiled lexicon; returns data with byte offsets into the article.
//!
//! A reader holds hundreds of thousands of statements at once, so the names
//! they repeat (party ids, lexicon files) are [`Name`]s shared with the
//! compiled lexicon, and every list is allocated at its final size.

use crate::lexicon::{Name, Origin};
use mizan_text::{Lang, TextRange};
use serde::{Deserialize, Serialize};

/// Whether a tag blames or supports its party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Blames,
    Supports,
}

/// Why a statement carries one tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub relation: Relation,
    pub party: Name,
    /// The cue as it stands in the article.
    pub cue: TextRange,
    /// The target as it stands in the article.
    pub target: TextRange,
    pub rule: Name,
    pub origin: Origin,
}

/// One quoted or reported statement. Ranges index the article's `source`.
///
/// Whom it blames and supports is read off its evidence rather than kept in
/// lists of its own: a reader holds hundreds of thousands of statements, most
/// without a tag, and such a statement allocates nothing.
///
/// Stored (the analysis cache) with `blames` and `supports` written out, as
/// older versions kept them; reading ignores them, since the evidence says
/// the same.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Statement {
    pub range: TextRange,
    pub quote: Option<TextRange>,
    pub speaker: Option<TextRange>,
    pub speaker_party: Option<Name>,
    /// One per tag, in the order the tags were found.
    pub evidence: Box<[Evidence]>,
}

impl Statement {
    /// The parties it blames, in evidence order (a party twice when two
    /// cues blame it).
    pub fn blames(&self) -> impl Iterator<Item = &Name> + Clone {
        self.parties(Relation::Blames)
    }

    /// The parties it supports, in evidence order.
    pub fn supports(&self) -> impl Iterator<Item = &Name> + Clone {
        self.parties(Relation::Supports)
    }

    /// The parties tagged with `relation`, in evidence order.
    pub fn parties(&self, relation: Relation) -> impl Iterator<Item = &Name> + Clone {
        self.evidence
            .iter()
            .filter(move |evidence| evidence.relation == relation)
            .map(|evidence| &evidence.party)
    }
}

impl Serialize for Statement {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut fields = serializer.serialize_struct("Statement", 7)?;
        fields.serialize_field("range", &self.range)?;
        fields.serialize_field("quote", &self.quote)?;
        fields.serialize_field("speaker", &self.speaker)?;
        fields.serialize_field("speaker_party", &self.speaker_party)?;
        fields.serialize_field("blames", &Listed(self.blames()))?;
        fields.serialize_field("supports", &Listed(self.supports()))?;
        fields.serialize_field("evidence", &self.evidence)?;
        fields.end()
    }
}

/// Parties serialised as the list they used to be stored as.
struct Listed<I>(I);

impl<'a, I: Iterator<Item = &'a Name> + Clone> Serialize for Listed<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

mod block;
mod discourse;
pub mod eval;
mod speaker;
mod stance;
mod statements;

use crate::lexicon::matcher::{SenseKind, Via};
use crate::lexicon::{CueTarget, Lexicon, Stance};
use block::Block;
pub use discourse::SpeakerRule;
use discourse::{Act, Discourse, Entity, Mention, Position, Referent, Want};
use speaker::Speaker;
pub use stance::Reach;
use statements::Found;
use std::ops::Range;

/// Every statement of an article in `lang` whose text is `source`, read
/// from `paragraphs` in order (its title first when the title is part of
/// the text): a statement may continue the one of the paragraph before.
/// Ranges index `source`. Deterministic.
pub fn tag_article(
    source: &str,
    paragraphs: impl IntoIterator<Item = TextRange>,
    lang: Lang,
    lexicon: &Lexicon,
) -> Vec<Statement> {
    let mut out = Vec::new();
    tag_with(source, paragraphs, lang, lexicon, |statement, _, _| {
        out.push(statement)
    });
    out.shrink_to_fit();
    out
}

/// A statement with how the tagger reached it: how its speaker was found
/// and the earlier naming it was resolved to, and how each tag's target
/// was found (one per evidence, in order). For `mizan eval` and the
/// reader's explanations.
#[derive(Clone, Debug)]
pub struct Explained {
    pub statement: Statement,
    pub speaker_rule: SpeakerRule,
    pub antecedent: Option<TextRange>,
    pub reaches: Vec<Reach>,
}

/// Like [`tag_article`], with each statement's explanation.
pub fn explain_article(
    source: &str,
    paragraphs: impl IntoIterator<Item = TextRange>,
    lang: Lang,
    lexicon: &Lexicon,
) -> Vec<Explained> {
    let mut out = Vec::new();
    tag_with(
        source,
        paragraphs,
        lang,
        lexicon,
        |statement, speaker, reaches| {
            out.push(Explained {
                statement,
                speaker_rule: speaker.rule,
                antecedent: speaker.antecedent,
                reaches: reaches.to_vec(),
            })
        },
    );
    out
}

/// Tags an article and hands each statement, its speaker and the reach of
/// each of its tags to `sink`, in text order.
fn tag_with(
    source: &str,
    paragraphs: impl IntoIterator<Item = TextRange>,
    lang: Lang,
    lexicon: &Lexicon,
    mut sink: impl FnMut(Statement, &Referent, &[Reach]),
) {
    let mut discourse = Discourse::default();
    let mut reaches = Vec::new();
    for (index, range) in paragraphs.into_iter().enumerate() {
        let mut block = Block::new(source, range, lang, lexicon);
        accept_weak_names(&mut block, &discourse, index);
        for party in block.items.iter().filter_map(|item| item.party()) {
            discourse.add_name(party.0);
        }
        let found_here = statements::find(&block, lexicon);
        for (item, party, via) in statements::sentence_subjects(&block, &found_here) {
            discourse.add_mention(mention(&block, index, item, party, via));
        }
        let mut narration = statements::narration(&block, &found_here)
            .into_iter()
            .peekable();
        for found in found_here {
            while let Some(sentence) = narration.next_if(|s| s.start < found.range.start) {
                record_acts(&block, lexicon, &mut discourse, index, &sentence);
            }
            if found.bare_quote && discourse.adjacent_speaker(index).is_none() {
                continue;
            }
            let speaker = resolve_speaker(source, &block, &found, &discourse, index);
            let tags = stance_of(&block, lexicon, &found, &speaker, &discourse, index);
            let speaker = place_by_side(speaker, &tags, &discourse);
            add_acts(&mut discourse, index, &tags);
            add_named_acts(&block, lexicon, &found, &mut discourse, index);
            if let Some(party) = speaker.party.filter(|_| !speaker.guessed) {
                for tag in &tags {
                    if tag.stance == Stance::Blames && tag.via == stance::Reach::Syntax {
                        discourse.add_blame(party, tag.party);
                    }
                }
            }
            reaches.clear();
            reaches.extend(tags.iter().map(|tag| tag.via));
            sink(
                statement(&block, lexicon, &found, &speaker, tags),
                &speaker,
                &reaches,
            );
            discourse.add_speaker(speaker);
        }
        for sentence in narration {
            record_acts(&block, lexicon, &mut discourse, index, &sentence);
        }
    }
}

/// A weak name (مالي، "financial" too) names its party in an article that
/// has named the party otherwise, before or in this paragraph, or as the
/// first word of its title.
fn accept_weak_names(block: &mut Block, discourse: &Discourse, index: usize) {
    if !block
        .items
        .iter()
        .any(|item| item.weak_names().next().is_some())
    {
        return;
    }
    let named_here: Vec<u32> = block
        .items
        .iter()
        .filter_map(|item| item.party().map(|(p, _)| p))
        .collect();
    block.accept_weak_names(|party, item| {
        discourse.named(party) || named_here.contains(&party) || (index == 0 && item == 0)
    });
}

fn mention(block: &Block, index: usize, item: usize, party: u32, via: Via) -> Mention {
    Mention {
        party,
        entity: match via {
            Via::Person(_) => Entity::Person,
            Via::Alias | Via::Demonym => Entity::Body,
        },
        name: block.source_range(item..item + 1),
        at: Position { block: index, item },
    }
}

/// The speaker of `found`, its anaphors and unnamed continuations resolved
/// against what the article said before.
fn resolve_speaker(
    source: &str,
    block: &Block,
    found: &Found,
    discourse: &Discourse,
    index: usize,
) -> Referent {
    let resolver = Resolver {
        source,
        block,
        found,
        discourse,
        index,
        at: Position {
            block: index,
            item: found.range.start,
        },
    };
    match &found.speaker {
        Speaker::Previous(want) => resolver.continuation(*want),
        Speaker::Anaphor {
            range,
            want,
            pronoun,
        } => resolver.anaphor(range.clone(), *want, *pronoun),
        Speaker::Possessed { range, entity } => resolver.possessed(range.clone(), *entity),
        Speaker::Named {
            range,
            party,
            unaffiliated,
            entity,
        } => resolver.named(range.clone(), party.map(|(p, _)| p), *unaffiliated, *entity),
    }
}

/// Resolves one statement's speaker.
struct Resolver<'a, 'l> {
    source: &'a str,
    block: &'a Block<'l>,
    found: &'a Found,
    discourse: &'a Discourse,
    index: usize,
    at: Position,
}

impl Resolver<'_, '_> {
    /// `antecedent` speaking again, here: `rule` says how it was found.
    fn again(&self, antecedent: &Referent, rule: SpeakerRule) -> Referent {
        Referent {
            block: self.index,
            at: self.at,
            rule,
            antecedent: antecedent.speaker,
            ..antecedent.clone()
        }
    }

    /// No subject of its own (وأضاف، "and said"): the speaker before.
    fn continuation(&self, want: Want) -> Referent {
        match self.discourse.resolve(want, self.index) {
            Some((referent, _)) => self.again(referent, SpeakerRule::Continuation),
            None => Referent::unknown(self.index),
        }
    }

    /// A pronoun stands for its antecedent, name and all; a bare title
    /// keeps its own words and takes the party of the speaker that bore the
    /// title, or of the speaker or subject before.
    fn anaphor(&self, range: Range<usize>, want: Want, pronoun: bool) -> Referent {
        let own = self.block.source_range(range.clone());
        if !pronoun {
            // "the foreign minister" after "Kuwaiti Foreign Minister ...".
            let title = self.block.title_text(range.clone());
            if let Some(same) = self.discourse.same_title(self.source, &title) {
                return Referent {
                    speaker: Some(own),
                    ..self.again(same, SpeakerRule::Title)
                };
            }
        }
        let rule = if pronoun {
            SpeakerRule::Pronoun
        } else {
            SpeakerRule::Title
        };
        let antecedent = pronoun
            .then(|| self.subject_of_relative_clause(range.start))
            .flatten()
            .or_else(|| {
                let pronoun_at = Position {
                    block: self.index,
                    item: range.start,
                };
                self.discourse.pronoun(want, pronoun_at)
            });
        match antecedent {
            Some((antecedent, compatible)) => Referent {
                speaker: if pronoun {
                    antecedent.speaker
                } else {
                    Some(own)
                },
                guessed: antecedent.guessed || !compatible,
                ..self.again(&antecedent, rule)
            },
            None => Referent {
                speaker: Some(own),
                entity: want.entity.unwrap_or(Entity::Unknown),
                gender: want.gender.or(self.found.gender),
                ..Referent::unknown(self.index)
            },
        }
    }

    /// "Iran fired missiles at what it said were ...": in a relative
    /// clause, a pronoun stands for the subject of its own sentence.
    fn subject_of_relative_clause(&self, at: usize) -> Option<(Referent, bool)> {
        let block = self.block;
        let relative = at > 0 && block.items[at - 1].has(|k| k == SenseKind::Relative);
        if !relative {
            return None;
        }
        let (item, party, via) = statements::subject_in_sentence(block, at)?;
        let mention = mention(block, self.index, item, party, via);
        let referent = Referent {
            speaker: Some(mention.name),
            party: Some(party),
            entity: mention.entity,
            ..Referent::unknown(self.index)
        };
        Some((referent, true))
    }

    /// "its foreign ministry", حكومته: the party named before it.
    fn possessed(&self, range: Range<usize>, entity: Entity) -> Referent {
        Referent {
            speaker: Some(self.block.source_range(range)),
            party: self.discourse.possessor(self.at),
            entity,
            gender: self.found.gender,
            block: self.index,
            at: self.at,
            rule: SpeakerRule::Possessive,
            ..Referent::unknown(self.index)
        }
    }

    /// Named here. A name the lexicon does not know is the speaker named so
    /// before ("Hun Manet said" after "Prime Minister Hun Manet"), else a
    /// guess that it speaks for the speaker just before it.
    fn named(
        &self,
        range: Range<usize>,
        party: Option<u32>,
        unaffiliated: bool,
        entity: Entity,
    ) -> Referent {
        let own = self.block.source_range(range);
        let named = Referent {
            speaker: Some(own),
            party,
            entity,
            gender: self.found.gender,
            block: self.index,
            at: self.at,
            rule: SpeakerRule::Named,
            ..Referent::unknown(self.index)
        };
        if party.is_some() || unaffiliated {
            return Referent {
                unaffiliated,
                ..named
            };
        }
        if let Some(same) = self
            .discourse
            .same_name(self.source, own.slice(self.source))
        {
            return Referent {
                party: same.party,
                guessed: same.guessed,
                rule: SpeakerRule::NamedBefore,
                antecedent: same.speaker,
                ..named
            };
        }
        match self.discourse.adjacent_speaker(self.index) {
            Some(last) => Referent {
                party: last.party,
                guessed: true,
                rule: SpeakerRule::Guess,
                antecedent: last.speaker,
                ..named
            },
            None => named,
        }
    }
}

/// The tags of `found`, its speaker's own party spared unless the party
/// was only guessed.
fn stance_of(
    block: &Block,
    lexicon: &Lexicon,
    found: &Found,
    speaker: &Referent,
    discourse: &Discourse,
    index: usize,
) -> Vec<stance::Tag> {
    let trusted = speaker.party.filter(|_| !speaker.guessed);
    let context = stance::Context {
        discourse,
        block: index,
    };
    stance::tags(block, lexicon, found, trusted, &context)
}

/// A speaker the lexicon could not place (no party, or one only guessed)
/// whose statement blames one side of the article by name speaks for the
/// other side.
fn place_by_side(speaker: Referent, tags: &[stance::Tag], discourse: &Discourse) -> Referent {
    let unplaced = speaker.party.is_none() || speaker.guessed;
    if !unplaced || speaker.unaffiliated {
        return speaker;
    }
    let mut blamed: Vec<u32> = tags
        .iter()
        .filter(|t| t.stance == Stance::Blames && t.via == stance::Reach::Syntax)
        .map(|t| t.party)
        .collect();
    blamed.dedup();
    match discourse.side_of_accuser(&blamed) {
        Some(side) => Referent {
            party: Some(side),
            guessed: true,
            rule: SpeakerRule::Side,
            ..speaker
        },
        None => speaker,
    }
}

/// Remembers the acts a statement names with their agents, for "the
/// attack" and هذه الخطوة later on.
fn add_acts(discourse: &mut Discourse, index: usize, tags: &[stance::Tag]) {
    for tag in tags {
        // A pejorative name (العدو الصهيوني) names no act.
        let named_here = tag.via == stance::Reach::Syntax
            && tag.cue != tag.target
            && tag.stance == Stance::Blames
            && matches!(tag.rule_target, CueTarget::Act | CueTarget::Passive);
        if named_here {
            discourse.add_act(Act {
                agent: tag.party,
                at: Position {
                    block: index,
                    item: tag.cue,
                },
            });
        }
    }
}

/// The acts a sentence of narration reports ("Iranian strikes hit Erbil on
/// Monday"), read as if it were a statement of nobody's.
fn record_acts(
    block: &Block,
    lexicon: &Lexicon,
    discourse: &mut Discourse,
    index: usize,
    sentence: &std::ops::Range<usize>,
) {
    let found = statements::narrated(sentence.clone());
    let tags = stance_of(
        block,
        lexicon,
        &found,
        &Referent::unknown(index),
        discourse,
        index,
    );
    add_acts(discourse, index, &tags);
    add_named_acts(block, lexicon, &found, discourse, index);
}

/// Remembers the acts named with their agent ("Algeria's decision").
fn add_named_acts(
    block: &Block,
    lexicon: &Lexicon,
    found: &Found,
    discourse: &mut Discourse,
    index: usize,
) {
    let context = stance::Context {
        discourse,
        block: index,
    };
    let acts = stance::named_acts(block, lexicon, found, None, &context);
    for (item, agent) in acts {
        discourse.add_act(Act {
            agent,
            at: Position { block: index, item },
        });
    }
}

fn statement(
    block: &Block,
    lexicon: &Lexicon,
    found: &Found,
    speaker: &Referent,
    tags: Vec<stance::Tag>,
) -> Statement {
    let evidence = tags
        .into_iter()
        .map(|tag| Evidence {
            relation: match tag.stance {
                Stance::Blames => Relation::Blames,
                Stance::Supports => Relation::Supports,
            },
            party: lexicon.party_id(tag.party),
            cue: block.source_range(tag.cue..tag.cue + 1),
            target: block.source_range(tag.target..tag.target + 1),
            rule: tag.rule,
            origin: lexicon.origin(tag.origin),
        })
        .collect();
    Statement {
        range: block.source_range(found.range.clone()),
        quote: found.quote.clone().map(|q| block.source_range(q)),
        speaker: speaker.speaker,
        speaker_party: speaker.party.map(|p| lexicon.party_id(p)),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Format, parse_article};

    #[test]
    fn party_ids_are_the_lexicons_shared_names_and_lists_have_no_spare_room() {
        let lexicon = Lexicon::builtin();
        let sentence =
            "ندد الاتحاد الأوروبي بالهجوم الروسي على أوكرانيا، ودعا موسكو إلى وقف عدوانها فوراً.";
        let text = format!("عنوان\n\n{sentence}\n\n{sentence}");
        let article = parse_article("t.txt", text, Format::PlainText)
            .expect("article")
            .article;
        let statements = article.tag(&lexicon);
        let blamed: Vec<&Name> = statements.iter().flat_map(Statement::blames).collect();
        assert_eq!(blamed, ["russia", "russia"]);
        assert!(blamed[0].shares_text_with(blamed[1]));
        let speakers: Vec<&Name> = statements.iter().flat_map(|s| &s.speaker_party).collect();
        assert!(speakers.len() >= 2 && speakers[0].shares_text_with(speakers[1]));
        let evidence: Vec<&Evidence> = statements.iter().flat_map(|s| &s.evidence).collect();
        assert!(evidence[0].party.shares_text_with(blamed[0]));
        assert!(
            evidence[0]
                .origin
                .file
                .shares_text_with(&evidence[1].origin.file)
        );
        assert!(evidence[0].rule.shares_text_with(&evidence[1].rule));
        assert_eq!(statements.capacity(), statements.len());
    }

    #[test]
    fn a_statement_and_its_evidence_are_small() {
        assert!(size_of::<Statement>() <= 56, "{}", size_of::<Statement>());
        assert!(size_of::<Evidence>() <= 56, "{}", size_of::<Evidence>());
    }

    fn tagged_statement() -> Statement {
        let origin = Origin {
            file: Name::from("ar/verbs.toml"),
            line: 12,
        };
        let evidence = |relation, party: &str, at: usize| Evidence {
            relation,
            party: Name::from(party),
            cue: TextRange::new(at, at + 4),
            target: TextRange::new(at + 5, at + 9),
            rule: Name::from("verb:condemn"),
            origin: origin.clone(),
        };
        Statement {
            range: TextRange::new(0, 60),
            quote: Some(TextRange::new(10, 50)),
            speaker: Some(TextRange::new(0, 8)),
            speaker_party: Some(Name::from("eu")),
            evidence: Box::new([
                evidence(Relation::Blames, "russia", 10),
                evidence(Relation::Supports, "ukraine", 20),
                evidence(Relation::Blames, "belarus", 30),
            ]),
        }
    }

    #[test]
    fn blames_and_supports_are_the_evidence_parties_in_order_and_are_stored_as_lists() {
        let statement = tagged_statement();
        assert_eq!(
            statement.blames().collect::<Vec<_>>(),
            ["russia", "belarus"]
        );
        assert_eq!(statement.supports().collect::<Vec<_>>(), ["ukraine"]);
        let stored = serde_json::to_string(&statement).expect("serialise");
        let lists = r#""speaker_party":"eu","blames":["russia","belarus"],"supports":["ukraine"],"evidence":[{"#;
        assert!(stored.contains(lists), "{stored}");
        let read: Statement = serde_json::from_str(&stored).expect("read back");
        assert_eq!(read, statement);
    }

    #[test]
    fn a_statement_stored_by_an_older_version_reads_back() {
        let old = r#"{"range":{"start":0,"end":60},"quote":{"start":10,"end":50},
            "speaker":{"start":0,"end":8},"speaker_party":"eu",
            "blames":["russia","belarus"],"supports":["ukraine"],
            "evidence":[
              {"relation":"blames","party":"russia","cue":{"start":10,"end":14},
               "target":{"start":15,"end":19},"rule":"verb:condemn",
               "origin":{"file":"ar/verbs.toml","line":12}},
              {"relation":"supports","party":"ukraine","cue":{"start":20,"end":24},
               "target":{"start":25,"end":29},"rule":"verb:condemn",
               "origin":{"file":"ar/verbs.toml","line":12}},
              {"relation":"blames","party":"belarus","cue":{"start":30,"end":34},
               "target":{"start":35,"end":39},"rule":"verb:condemn",
               "origin":{"file":"ar/verbs.toml","line":12}}]}"#;
        let read: Statement = serde_json::from_str(old).expect("an old record");
        assert_eq!(read, tagged_statement());
        let untagged = r#"{"range":{"start":0,"end":5},"quote":null,"speaker":null,
            "speaker_party":null,"blames":[],"supports":[],"evidence":[]}"#;
        let read: Statement = serde_json::from_str(untagged).expect("an untagged record");
        assert!(read.evidence.is_empty() && read.blames().next().is_none());
    }
}
