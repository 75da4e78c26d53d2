//! Coverage counts: they must equal the statements' tags exactly, and every
//! number must select exactly the statements it counts.

mod compare_support;

use compare_support::{analysed, fixture_articles, name, statement, tags};
use mizan_engine::corpus::coverage::{CountFilter, Counts, PartyPair, coverage};
use mizan_engine::lexicon::Name;
use mizan_engine::tagger::{Relation, Statement};
use mizan_text::TextRange;
use proptest::prelude::*;
use std::collections::BTreeSet;

const PARTIES: [&str; 4] = ["armenia", "azerbaijan", "russia", "france"];

fn party() -> impl Strategy<Value = Name> {
    prop::sample::select(PARTIES.to_vec()).prop_map(Name::from)
}

fn tagged_statement() -> impl Strategy<Value = Statement> {
    (
        prop::option::of(party()),
        prop::collection::vec(party(), 0..3),
        prop::collection::vec(party(), 0..3),
    )
        .prop_map(|(speaker_party, blames, supports)| {
            let range = TextRange::new(0, 1);
            Statement {
                range,
                quote: None,
                speaker: None,
                speaker_party,
                evidence: tags(range, &names(&blames), &names(&supports)),
            }
        })
}

fn names(parties: &[Name]) -> Vec<&str> {
    parties.iter().map(|p| p.as_str()).collect()
}

fn distinct<'a>(parties: impl Iterator<Item = &'a Name>) -> usize {
    parties.collect::<BTreeSet<_>>().len()
}

proptest! {
    #[test]
    fn counts_equal_the_sum_of_the_tags(statements in prop::collection::vec(tagged_statement(), 0..30)) {
        let counts = Counts::of(&statements);
        prop_assert_eq!(counts.statements, statements.len());
        let quoted: usize = counts.quoted.values().sum();
        prop_assert_eq!(quoted + counts.unattributed, statements.len());
        let blames: usize = statements.iter().map(|s| distinct(s.blames())).sum();
        let supports: usize = statements.iter().map(|s| distinct(s.supports())).sum();
        prop_assert_eq!(counts.blames.values().sum::<usize>(), blames);
        prop_assert_eq!(counts.supports.values().sum::<usize>(), supports);
        let attributed_tags: usize = statements
            .iter()
            .filter(|s| s.speaker_party.is_some())
            .map(|s| distinct(s.blames()) + distinct(s.supports()))
            .sum();
        prop_assert_eq!(counts.pairs.iter().map(|p| p.count).sum::<usize>(), attributed_tags);
    }

    #[test]
    fn every_number_selects_exactly_the_statements_it_counts(statements in prop::collection::vec(tagged_statement(), 0..30)) {
        let counts = Counts::of(&statements);
        let selected = |filter: &CountFilter| statements.iter().filter(|s| filter.matches(s)).count();
        prop_assert_eq!(selected(&CountFilter::All), counts.statements);
        prop_assert_eq!(selected(&CountFilter::Unattributed), counts.unattributed);
        for (party, &count) in &counts.quoted {
            prop_assert_eq!(selected(&CountFilter::Quoted(party.clone())), count);
        }
        for (relation, tally) in [(Relation::Blames, &counts.blames), (Relation::Supports, &counts.supports)] {
            for (party, &count) in tally {
                prop_assert_eq!(selected(&CountFilter::Tagged(relation, party.clone())), count);
            }
        }
        for pair in &counts.pairs {
            let filter = CountFilter::Pair {
                speaker: pair.speaker.clone(),
                relation: pair.relation,
                target: pair.target.clone(),
            };
            prop_assert_eq!(selected(&filter), pair.count);
        }
    }
}

#[test]
fn outlets_sum_their_articles_and_unknown_outlets_are_named_by_path() {
    let articles = fixture_articles();
    let statements: Vec<Vec<Statement>> = articles
        .iter()
        .map(|article| match name(article) {
            "clash-2024-wakala.md" | "clash-2025-wakala.md" => vec![statement(
                article,
                "وزارة الدفاع الأذربيجانية",
                None,
                Some("azerbaijan"),
                &["armenia"],
                &[],
            )],
            "clash-2025-sahifa.txt" => vec![statement(
                article,
                "وردت وزارة الدفاع الأرمينية",
                None,
                Some("armenia"),
                &["azerbaijan"],
                &["armenia"],
            )],
            _ => Vec::new(),
        })
        .collect();
    let analysed = analysed(&articles, &statements);
    let everything: Vec<usize> = (0..articles.len()).collect();
    let coverage = coverage(&analysed, &everything);
    assert_eq!(coverage.articles.len(), articles.len());
    let wakala = coverage
        .outlets
        .iter()
        .find(|o| o.outlet == "al-wakala")
        .expect("al-wakala");
    assert_eq!(wakala.articles.len(), 3);
    assert_eq!(wakala.counts.statements, 2);
    assert_eq!(wakala.counts.quoted["azerbaijan"], 2);
    assert_eq!(
        wakala.counts.pairs,
        [PartyPair {
            speaker: "azerbaijan".into(),
            relation: Relation::Blames,
            target: "armenia".into(),
            count: 2,
        }]
    );
    let undated = coverage
        .outlets
        .iter()
        .find(|o| o.outlet.ends_with("clash-2025-sahifa.txt"))
        .expect("the plain-text article is its own outlet");
    assert_eq!(undated.counts.supports["armenia"], 1);
    assert_eq!(undated.counts.pairs.len(), 2);
}
