//! Story grouping on every set of fixture articles, against the stories
//! `tests/fixtures/stories_expected.json` says each set forms (written
//! before the grouping ran on them), with the parties the built-in lexicon
//! finds; and the evidence `explain_stories` gives for them.

mod compare_support;

use compare_support::{articles_in, names};
use mizan_engine::corpus::Article;
use mizan_engine::corpus::stories::{
    Analysed, MemberEvidence, StoryOptions, civil_day, explain_stories, group_stories,
    parties_named,
};
use mizan_engine::lexicon::{Lexicon, Name};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn expected() -> Vec<(String, Vec<BTreeSet<String>>)> {
    let path = Path::new(ROOT).join("tests/fixtures/stories_expected.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("readable"))
        .expect("valid JSON");
    json.as_object()
        .expect("an object")
        .iter()
        .filter(|(set, _)| !set.starts_with('_'))
        .map(|(set, stories)| {
            let stories = stories
                .as_array()
                .expect("stories")
                .iter()
                .map(|story| {
                    story
                        .as_array()
                        .expect("file names")
                        .iter()
                        .map(|name| name.as_str().expect("a name").to_string())
                        .collect()
                })
                .collect();
            (set.clone(), stories)
        })
        .collect()
}

fn file_name(article: &Article) -> String {
    article
        .path
        .rsplit('/')
        .next()
        .unwrap_or(&article.path)
        .to_string()
}

/// A fixed today, so that a weekday fixes the same year on any day the
/// tests run.
fn options() -> StoryOptions {
    StoryOptions {
        today: civil_day(2026, 12, 6).expect("a day"),
        ..StoryOptions::default()
    }
}

struct Set {
    articles: Vec<Article>,
    parties: Vec<Vec<Name>>,
}

impl Set {
    fn load(set: &str) -> Set {
        let lexicon = Lexicon::builtin();
        let articles = articles_in(&Path::new(ROOT).join(set));
        let parties = articles
            .iter()
            .map(|a| parties_named(a, &lexicon))
            .collect();
        Set { articles, parties }
    }

    fn analysed(&self) -> Vec<Analysed<'_>> {
        self.articles
            .iter()
            .zip(&self.parties)
            .map(|(article, parties)| Analysed {
                article,
                statements: &[],
                parties,
            })
            .collect()
    }

    fn index(&self, file: &str) -> usize {
        self.articles
            .iter()
            .position(|a| file_name(a) == file)
            .unwrap_or_else(|| panic!("no {file}"))
    }

    /// The evidence of every member of the stories the set forms, by file.
    fn explained(&self) -> Explained<'_> {
        let analysed = self.analysed();
        let stories = group_stories(&analysed, names(), &options());
        let evidence = explain_stories(&analysed, names(), &options(), &stories);
        Explained {
            set: self,
            members: evidence.into_iter().flatten().collect(),
        }
    }
}

struct Explained<'a> {
    set: &'a Set,
    members: Vec<MemberEvidence>,
}

impl Explained<'_> {
    fn member(&self, file: &str) -> &MemberEvidence {
        let index = self.set.index(file);
        self.members
            .iter()
            .find(|member| member.article == index)
            .expect("every article explained")
    }
}

#[test]
fn every_fixture_set_forms_the_stories_written_down_for_it() {
    for (set, expected) in expected() {
        let loaded = Set::load(&set);
        let stories = group_stories(&loaded.analysed(), names(), &options());
        let found: Vec<BTreeSet<String>> = stories
            .iter()
            .map(|story| {
                story
                    .articles
                    .iter()
                    .map(|&i| file_name(&loaded.articles[i]))
                    .collect()
            })
            .collect();
        for story in &expected {
            assert!(
                found.contains(story),
                "{set}: {story:?} not one story in {found:?}"
            );
        }
        assert_eq!(found.len(), expected.len(), "{set}: {found:?}");
    }
}

#[test]
fn each_member_says_what_linked_it() {
    let set = Set::load("tests/fixtures/stories_undated");
    let explained = set.explained();
    let member = |file: &str| explained.member(file);

    let agency = member("isfara-water-agency.txt");
    let daily = set.index("isfara-water-daily.txt");
    let english = set.index("isfara-water-english.txt");
    let closest = agency.closest.as_ref().expect("a story of three");
    assert!([daily, english].contains(&closest.article), "{closest:?}");
    assert!(closest.similarity >= closest.needed, "{closest:?}");
    assert!(agency.cohesion.expect("a story of three") >= 0.75);
    for shared in ["154", "كوك", "تاش"] {
        assert!(
            agency.shared_terms.iter().any(|term| term == shared),
            "the count of wounded, the village: {:?}",
            agency.shared_terms
        );
    }
    assert!(
        agency
            .shared_parties
            .iter()
            .any(|party| party == "kyrgyzstan")
    );
    let date = agency.date.as_ref().expect("الخميس in its lede");
    assert_eq!(
        (date.date.as_str(), date.source),
        ("Thursday", "opening_weekday"),
        "no day written, only the weekday"
    );

    let english = member("batken-airport-english.txt");
    let across = english.closest.as_ref().expect("in the Batken story");
    assert!(across.across_languages, "its story is otherwise Arabic");
    assert!(
        english.shared_terms.iter().any(|term| term == "Samarkand"),
        "names meet across scripts: {:?}",
        english.shared_terms
    );

    let channel = member("batken-airport-channel.txt");
    let date = channel.date.as_ref().expect("الجمعة 16 سبتمبر");
    assert_eq!((date.date.as_str(), date.source), ("2022-09-16", "weekday"));

    let alone = member("tort-kocho-road.txt");
    assert_eq!((alone.cohesion, &alone.closest), (None, &None));
    assert!(alone.shared_terms.is_empty());
}

#[test]
fn a_weekday_shared_without_a_day_is_given_as_evidence() {
    let set = Set::load("tests/fixtures/stories_weekdays");
    let explained = set.explained();
    let member = |file: &str| explained.member(file);

    let wire = member("kt-1-wire.txt");
    let date = wire.date.as_ref().expect("May 14, without a year");
    assert_eq!((date.date.as_str(), date.source), ("--05-14", "month_day"));
    assert!(
        wire.shared_dates.iter().any(|date| date == "Wednesday"),
        "its story's other reports also say Wednesday: {:?}",
        wire.shared_dates
    );
    let later = member("kt-2-tv.txt");
    assert_eq!(
        later.shared_dates,
        ["Sunday"],
        "the weekday its opening gives first, not the Monday it names after"
    );
}
