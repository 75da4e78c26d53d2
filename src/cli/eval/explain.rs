//! What `mizan eval` says about one miss: the statement concerned as the
//! tagger made it (its text, its speaker and party and how the speaker was
//! found, each tag with its rule, cue, target, lexicon line and how the
//! target was found), or for a gold key no statement contains, the
//! statements it overlaps. Plain data, for the text and the JSON alike.

use super::Evaluation;
use mizan_engine::corpus::Article;
use mizan_engine::lexicon::Lexicon;
use mizan_engine::tagger::eval::{Miss, Predicted};
use mizan_engine::tagger::{Explained, Reach, Relation, SpeakerRule, explain_article};
use mizan_text::TextRange;
use serde::Serialize;
use std::path::Path;

/// An article with every statement the tagger found in it, explained.
pub struct Tagged<'a> {
    pub article: &'a Article,
    /// Its id as gold files name it: the file name without extension.
    pub id: String,
    pub explained: Vec<Explained>,
}

impl<'a> Tagged<'a> {
    /// Tags `article` exactly as `mizan tag` does, keeping the explanations.
    pub fn new(article: &'a Article, lexicon: &Lexicon) -> Tagged<'a> {
        let paragraphs = article.title_range.iter().chain(&article.paragraphs);
        Tagged {
            article,
            id: article_id(&article.path),
            explained: explain_article(&article.source, paragraphs.copied(), article.lang, lexicon),
        }
    }

    /// A statement reduced to what is scored.
    pub fn predicted(&self, explained: &Explained) -> Predicted {
        let statement = &explained.statement;
        Predicted {
            article: self.id.clone(),
            text: statement.range.slice(&self.article.source).to_string(),
            speaker_party: statement.speaker_party.as_deref().map(String::from),
            blames: statement.blames().map(|p| p.to_string()).collect(),
            supports: statement.supports().map(|p| p.to_string()).collect(),
        }
    }

    /// The text at `range`, its white space folded to single spaces.
    fn text(&self, range: TextRange) -> String {
        fold(range.slice(&self.article.source))
    }

    /// Statement `index` of the article as the tagger made it.
    pub fn statement(&self, index: usize) -> StatementView {
        let explained = &self.explained[index];
        let statement = &explained.statement;
        let tags = statement
            .evidence
            .iter()
            .zip(0..)
            .map(|(evidence, i)| TagView {
                relation: evidence.relation,
                party: evidence.party.to_string(),
                rule: evidence.rule.to_string(),
                cue: self.text(evidence.cue),
                target: self.text(evidence.target),
                reach: explained.reaches.get(i).copied(),
                origin: format!("{}:{}", evidence.origin.file, evidence.origin.line),
            });
        StatementView {
            index,
            text: self.text(statement.range),
            speaker: statement.speaker.map(|r| self.text(r)),
            speaker_party: statement.speaker_party.as_deref().map(String::from),
            speaker_rule: explained.speaker_rule,
            antecedent: explained.antecedent.map(|r| self.text(r)),
            tags: tags.collect(),
        }
    }

    /// Where `key`, which no statement contains, stands among the statements.
    fn place_of_key(&self, key: &str) -> KeyPlace {
        let Some(start) = self.article.source.find(key).filter(|_| !key.is_empty()) else {
            return KeyPlace::NotInText;
        };
        let end = start + key.len();
        let statements = self.explained.iter().enumerate().filter(|(_, e)| {
            let range = e.statement.range;
            range.start() < end && start < range.end()
        });
        KeyPlace::Overlapping {
            statements: statements.map(|(index, _)| index).collect(),
        }
    }
}

/// An article's id: its file name without extension, as gold files name it.
pub fn article_id(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A statement as the tagger made it.
#[derive(Debug, Serialize)]
pub struct StatementView {
    /// Its index among the article's statements (as `mizan tag` numbers them).
    pub index: usize,
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_party: Option<String>,
    pub speaker_rule: SpeakerRule,
    /// The earlier naming a pronoun, title or continuation stands for.
    pub antecedent: Option<String>,
    pub tags: Vec<TagView>,
}

/// One tag of a statement and why it was made.
#[derive(Debug, Serialize)]
pub struct TagView {
    pub relation: Relation,
    pub party: String,
    pub rule: String,
    pub cue: String,
    pub target: String,
    pub reach: Option<Reach>,
    /// The lexicon `file:line` of the rule.
    pub origin: String,
}

/// Where a gold key that no statement contains stands.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case", tag = "place")]
pub enum KeyPlace {
    /// No article of that name was given.
    NoArticle,
    /// The key is not in the article's text as written.
    NotInText,
    /// These statements overlap it; none when the tagger found no
    /// statement there.
    Overlapping { statements: Vec<usize> },
}

/// One miss with its explanation.
#[derive(Debug, Serialize)]
pub struct MissView {
    /// `not_found`, `speaker_party`, `missed` or `spurious`.
    pub kind: &'static str,
    pub relation: Option<&'static str>,
    pub party: Option<String>,
    pub key: Option<String>,
    pub expected: Option<Vec<String>>,
    pub got: Option<String>,
    pub statement: Option<StatementView>,
    pub key_place: Option<KeyPlace>,
    /// The reference scorer's line for the miss.
    #[serde(skip)]
    pub line: String,
}

impl MissView {
    pub fn new(miss: &Miss, evaluation: &Evaluation) -> MissView {
        let statement = miss.statement().map(|global| {
            let (tagged, index) = evaluation.statements[global];
            evaluation.tagged[tagged].statement(index)
        });
        let mut view = MissView {
            kind: "",
            relation: None,
            party: miss.party().map(String::from),
            key: None,
            expected: None,
            got: None,
            statement,
            key_place: None,
            line: miss.to_string(),
        };
        match miss {
            Miss::NotFound { article, key } => {
                view.kind = "not_found";
                let tagged = evaluation.tagged.iter().find(|t| &t.id == article);
                view.key_place = Some(tagged.map_or(KeyPlace::NoArticle, |t| t.place_of_key(key)));
                view.key = Some(key.clone());
            }
            Miss::SpeakerParty {
                key, expected, got, ..
            } => {
                view.kind = "speaker_party";
                view.key = Some(key.clone());
                view.expected = Some(expected.clone());
                view.got = got.clone();
            }
            Miss::Missed { relation, key, .. } => {
                view.kind = "missed";
                view.relation = Some(relation);
                view.key = Some(key.clone());
            }
            Miss::Spurious { relation, .. } => {
                view.kind = "spurious";
                view.relation = Some(relation);
            }
        }
        view
    }
}
