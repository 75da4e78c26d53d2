//! Why each article is in its story, for `mizan compare --format json`: its
//! date and where the date came from, how similar it is to the rest of the
//! story, the member it resembles most, and the evidence they share
//! (terms, dates, parties), so that a surprising story can be understood.
//!
//! Explaining recomputes what grouping computed, and reads the terms' text
//! back, which grouping never keeps: the reader groups ten thousand
//! articles and never explains one.

use super::super::names::Names;
use super::super::terms::{KeyMap, Term};
use super::profile::{Context, Reach, Shown, day_text, each_counted, similarity};
use super::{Analysed, Dating, Scored, Story, StoryOptions};
use serde::Serialize;

/// Why one article is in its story.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberEvidence {
    /// Index into the analysed articles.
    pub article: usize,
    /// The article's own date, if it gives one.
    pub date: Option<DateEvidence>,
    /// Its mean similarity to the story's other members, each pair's
    /// relative to what the pair needs: 1 is the threshold; `None` for a
    /// story of one.
    pub cohesion: Option<f32>,
    /// The member it is most similar to.
    pub closest: Option<Closest>,
    /// What it shares with the other members, heaviest first: words and
    /// numbers (and names compared by their consonants across languages),
    /// dates, parties.
    pub shared_terms: Vec<String>,
    pub shared_dates: Vec<String>,
    pub shared_parties: Vec<String>,
}

/// An article's own date and where it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateEvidence {
    /// `YYYY-MM-DD`, `--MM-DD` for a day and month without a year, or the
    /// English name of a weekday (`Tuesday`) when that is all it gives.
    pub date: String,
    /// `metadata`, `dateline` (a full date in the title or opening),
    /// `weekday` (a day and month whose weekday fixed the year),
    /// `month_day` (a day and month without a year) or `opening_weekday`
    /// (only the weekday its opening gives its event).
    pub source: &'static str,
}

/// The member an article resembles most, and by how much.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Closest {
    pub article: usize,
    /// Cosine similarity: over words, numbers, dates and parties in one
    /// language; over what reads alike across two.
    pub similarity: f32,
    /// What the pair needed (lower when their dates agree).
    pub needed: f32,
    pub across_languages: bool,
}

/// How many shared terms an explanation lists.
const SHOWN_TERMS: usize = 10;

/// The evidence for every member of every story, stories in order.
pub fn explain_stories(
    articles: &[Analysed],
    names: &Names,
    options: &StoryOptions,
    stories: &[Story],
) -> Vec<Vec<MemberEvidence>> {
    let scored = Scored::new(articles, names, options);
    let explainer = Explainer {
        articles,
        scored: &scored,
        context: scored.context(names, options),
        options,
    };
    stories.iter().map(|story| explainer.story(story)).collect()
}

struct Explainer<'a> {
    articles: &'a [Analysed<'a>],
    scored: &'a Scored,
    context: Context<'a>,
    options: &'a StoryOptions,
}

/// One term of an article as an explanation shows it.
struct Labelled {
    text: String,
    kind: Kind,
    weight: f32,
    reach: Reach,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Term,
    Date,
    Party,
}

impl Explainer<'_> {
    fn story(&self, story: &Story) -> Vec<MemberEvidence> {
        let terms: Vec<KeyMap<Labelled>> = if story.articles.len() > 1 {
            story.articles.iter().map(|&a| self.labelled(a)).collect()
        } else {
            Vec::new()
        };
        (0..story.articles.len())
            .map(|position| self.member(position, story, &terms))
            .collect()
    }

    /// The evidence of the story's member at `position`; `terms` holds
    /// every member's labelled terms, in order.
    fn member(&self, position: usize, story: &Story, terms: &[KeyMap<Labelled>]) -> MemberEvidence {
        let member = story.articles[position];
        let others: Vec<usize> = (0..story.articles.len())
            .filter(|&o| o != position)
            .collect();
        let mut evidence = MemberEvidence {
            article: member,
            date: date_evidence(self.scored.datings[member]),
            cohesion: None,
            closest: None,
            shared_terms: Vec::new(),
            shared_dates: Vec::new(),
            shared_parties: Vec::new(),
        };
        if others.is_empty() {
            return evidence;
        }
        let total: f32 = others
            .iter()
            .map(|&other| self.scored.strength(member, story.articles[other]))
            .sum();
        evidence.cohesion = Some(total / others.len() as f32);
        let other_articles: Vec<usize> = others.iter().map(|&o| story.articles[o]).collect();
        evidence.closest = self.closest(member, &other_articles);
        let theirs: Vec<(bool, &KeyMap<Labelled>)> = others
            .iter()
            .map(|&o| (self.across(member, story.articles[o]), &terms[o]))
            .collect();
        fill_shared(&mut evidence, &terms[position], &theirs);
        evidence
            .shared_dates
            .extend(self.shared_weekday(member, &other_articles));
        evidence
    }

    /// The weekday of the member's event, when it shares it with another
    /// member (see [`Dating::weekday_shared_with`]).
    fn shared_weekday(&self, member: usize, others: &[usize]) -> Option<String> {
        let datings = &self.scored.datings;
        others
            .iter()
            .find_map(|&other| datings[member].weekday_shared_with(datings[other]))
            .map(|weekday| weekday_name(weekday).to_string())
    }

    fn across(&self, a: usize, b: usize) -> bool {
        self.articles[a].article.lang != self.articles[b].article.lang
    }

    fn closest(&self, member: usize, others: &[usize]) -> Option<Closest> {
        let other = others.iter().copied().max_by(|&x, &y| {
            let (x, y) = (
                self.scored.strength(member, x),
                self.scored.strength(member, y),
            );
            x.total_cmp(&y)
        })?;
        let across_languages = self.across(member, other);
        let window = i64::from(self.options.window_days);
        let agreement = self.scored.datings[member]
            .agreement(self.scored.datings[other], window)
            .unwrap_or(0.0);
        let (mine, theirs) = (&self.scored.profiles[member], &self.scored.profiles[other]);
        Some(Closest {
            article: other,
            similarity: similarity(mine, theirs, !across_languages, agreement),
            needed: self.options.needed(!across_languages, agreement),
            across_languages,
        })
    }

    /// The article's terms that count, by key, with their text and weight.
    fn labelled(&self, article: usize) -> KeyMap<Labelled> {
        let mut labelled: KeyMap<Labelled> = KeyMap::default();
        let dating = self.scored.datings[article];
        let analysed = &self.articles[article];
        each_counted(
            analysed,
            dating,
            &self.context,
            |key, occurrences, shown| {
                let Some(weight) = self.scored.weights.weight(key, occurrences) else {
                    return;
                };
                let (text, kind) = match shown {
                    Shown::Term(Term::Word(word)) => (word.into_owned(), Kind::Term),
                    Shown::Term(Term::Number(digits)) => (digits.to_string(), Kind::Term),
                    Shown::Sound(words) => (words.to_string(), Kind::Term),
                    Shown::Date(date) => (date, Kind::Date),
                    Shown::Party(party) => (party.to_string(), Kind::Party),
                };
                labelled
                    .entry(key)
                    .and_modify(|known| known.weight = known.weight.max(weight))
                    .or_insert(Labelled {
                        text,
                        kind,
                        weight,
                        reach: occurrences.reach,
                    });
            },
        );
        labelled
    }
}

/// The member's terms that another member also has (in a comparison their
/// pair makes: words in one language, what reads alike across two),
/// heaviest first. `theirs` says for each other member whether it is in
/// another language.
fn fill_shared(
    evidence: &mut MemberEvidence,
    own: &KeyMap<Labelled>,
    theirs: &[(bool, &KeyMap<Labelled>)],
) {
    let mut shared: Vec<&Labelled> = own
        .iter()
        .filter(|(key, term)| {
            theirs.iter().any(|&(across, other)| {
                let compared = if across {
                    term.reach != Reach::SameLanguage
                } else {
                    term.reach != Reach::AcrossLanguages
                };
                compared && other.contains_key(*key)
            })
        })
        .map(|(_, term)| term)
        .collect();
    shared.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.text.cmp(&b.text)));
    let texts = |kind: Kind| -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for term in shared.iter().filter(|term| term.kind == kind) {
            if !texts.contains(&term.text) {
                texts.push(term.text.clone());
            }
        }
        texts
    };
    evidence.shared_terms = texts(Kind::Term).into_iter().take(SHOWN_TERMS).collect();
    evidence.shared_dates = texts(Kind::Date);
    evidence.shared_parties = texts(Kind::Party);
}

fn date_evidence(dating: Dating) -> Option<DateEvidence> {
    let (date, source) = match dating {
        Dating::Published(day) => (day_text(day), "metadata"),
        Dating::Dateline(day) => (day_text(day), "dateline"),
        Dating::Weekday(day) => (day_text(day), "weekday"),
        Dating::MonthDay { month, day, .. } => (format!("--{month:02}-{day:02}"), "month_day"),
        Dating::OnWeekday(weekdays) => {
            (weekday_name(weekdays.first).to_string(), "opening_weekday")
        }
        Dating::Undated => return None,
    };
    Some(DateEvidence { date, source })
}

/// The English name of a weekday (Monday 0), as evidence shows it.
fn weekday_name(weekday: crate::corpus::dates::Weekday) -> &'static str {
    const NAMES: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    NAMES[usize::from(weekday) % 7]
}
