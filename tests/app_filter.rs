//! The filter's query language and its incremental search.

mod reader_fixtures;

use mizan::app::filter::{FilterIndex, Matches, Query, Terms, unknown_values};
use mizan::app::{Directory, PartyInfo};
use rstest::rstest;

fn index() -> FilterIndex {
    let articles = reader_fixtures::articles();
    let statements = reader_fixtures::statements(&articles);
    let mut index = FilterIndex::default();
    for (i, (article, statements)) in articles.iter().zip(&statements).enumerate() {
        index.set_article(i, article, statements);
    }
    index
}

fn search(query: &str) -> Matches {
    index().search(&Query::parse(query), &reader_fixtures::directory(), None)
}

#[rstest]
#[case("blames:armenia", &[(1, 0), (3, 0)])]
#[case("blames:أرمينيا", &[(1, 0), (3, 0)])]
#[case("supports:russia", &[(0, 1), (2, 1)])]
#[case("supports:russia lang:en", &[(2, 1)])]
#[case("speaker:usa", &[(0, 1), (2, 1)])]
#[case("outlet:herald", &[(3, 0)])]
#[case("outlet:herald blames:azerbaijan", &[])]
#[case("blinken", &[(0, 1), (2, 1)])]
#[case("truce twice", &[(2, 0)])]
#[case("blnkn", &[(2, 1)])]
fn qualifiers_and_text_combine(#[case] query: &str, #[case] expected: &[(usize, usize)]) {
    assert_eq!(search(query).statements, expected);
}

#[test]
fn titles_and_outlets_match_articles_without_statements_matching() {
    let matches = search("provoked");
    assert_eq!(matches.articles, vec![3]);
    let matches = search("outlet:caucasus");
    assert_eq!(matches.articles, vec![2]);
}

#[test]
fn harakat_and_hamza_are_ignored_on_both_sides() {
    assert_eq!(search("مَوسكو").articles, search("موسكو").articles);
    assert_eq!(search("اذربيجان").statements, search("أذربيجان").statements);
    assert!(!search("اذربيجان").statements.is_empty());
}

#[test]
fn narrowing_gives_what_a_fresh_search_gives() {
    let index = index();
    let directory = reader_fixtures::directory();
    for typed in [
        "blinken",
        "blames:armenia",
        "supports:ru lang:en",
        "ال",
        "speaker:us",
    ] {
        let mut previous_query = Query::default();
        let mut previous: Option<Matches> = None;
        for end in typed.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let query = Query::parse(&typed[..end]);
            let narrowed = if query.is_empty() {
                None
            } else {
                let within = if query.narrows(&previous_query) {
                    previous.as_ref()
                } else {
                    None
                };
                Some(index.search(&query, &directory, within))
            };
            let fresh = (!query.is_empty()).then(|| index.search(&query, &directory, None));
            assert_eq!(narrowed, fresh, "after typing {:?}", &typed[..end]);
            previous = narrowed;
            previous_query = query;
        }
    }
}

#[test]
fn a_term_crossing_the_alias_threshold_is_not_a_narrowing() {
    let short = Query::parse("bl");
    let long = Query::parse("bli");
    assert!(!long.narrows(&short));
    assert!(Query::parse("blin").narrows(&long));
}

#[test]
fn terms_say_where_they_match_as_the_search_matched_them() {
    use reader_fixtures::{AR_BLINKEN, AR_TRUCE, EN_BLINKEN};
    let directory = reader_fixtures::directory();
    let terms = |query: &str| Terms::resolve(&Query::parse(query), &directory);
    let shown = |query: &str, text: &str| -> String {
        let ranges = terms(query).ranges_in(text);
        ranges.iter().map(|r| r.slice(text)).collect()
    };
    assert_eq!(shown("blinken", AR_BLINKEN), "بلينكن", "the alias");
    assert_eq!(shown("blnkn", EN_BLINKEN), "Blnkn", "within one word");
    assert_eq!(
        shown("اذربيجانيه", AR_TRUCE),
        "اذربيجانية",
        "folded: no hamza, ta marbuta as ha"
    );
    assert_eq!(shown("moscow", AR_TRUCE), "");
    assert!(terms("armenia").name_party("armenia", &directory));
    assert!(terms("أرمينيا").name_party("armenia", &directory));
    assert!(!terms("armenia").name_party("russia", &directory));
}

/// Three statements: an Omani minister's, a US spokeswoman's and one by
/// Thomas Green of the UK; each blames someone.
fn speakers_index() -> (FilterIndex, Directory) {
    use mizan_engine::tagger::Relation;
    use mizan_text::Lang;
    use reader_fixtures::{Tag, article, statement};
    let said = [
        (
            "Oman's foreign minister",
            "oman",
            "Oman's foreign minister said the talks were blocked by Iran.",
        ),
        (
            "A State Department spokeswoman",
            "usa",
            "A State Department spokeswoman said Iran blocked the talks.",
        ),
        (
            "Thomas Green",
            "uk",
            "Thomas Green said Kuwait blocked nothing.",
        ),
    ];
    let mut index = FilterIndex::default();
    for (i, (speaker, party, text)) in said.iter().enumerate() {
        let written = article(
            &format!("{i}.md"),
            "Talks",
            "Gulf Wire",
            "2026-03-01",
            Lang::En,
            &[text],
        );
        let tag = Tag {
            relation: Relation::Blames,
            party: "iran",
            cue: "blocked",
            target: "Iran",
        };
        let tags = if *party == "uk" {
            Vec::new()
        } else {
            vec![tag]
        };
        let statements = vec![statement(&written, text, speaker, party, &tags)];
        index.set_article(i, &written, &statements);
    }
    let party = |id: &str, en: &str, short: &str| PartyInfo {
        id: id.into(),
        name_en: en.into(),
        short: short.into(),
        ..PartyInfo::default()
    };
    let directory = Directory::new(
        [
            party("oman", "Oman", "OMN"),
            party("usa", "United States", "USA"),
            party("uk", "United Kingdom", "UK"),
            party("iran", "Iran", "IRN"),
            party("kuwait", "Kuwait", "KUW"),
        ],
        Vec::new(),
    );
    (index, directory)
}

#[rstest]
#[case("speaker:oman", &[(0, 0)])]
#[case("speaker:OMN", &[(0, 0)])]
#[case("speaker:oma", &[])]
#[case("speaker:woman", &[])]
#[case("speaker:thomas", &[(2, 0)])]
#[case("speaker:united", &[(1, 0), (2, 0)])]
#[case("blames:IRN", &[(0, 0), (1, 0)])]
#[case("blames:ira", &[])]
#[case("outlet:gulf", &[(0, 0), (1, 0), (2, 0)])]
#[case("outlet:gul", &[])]
fn qualifiers_match_whole_words_ids_and_codes(
    #[case] query: &str,
    #[case] expected: &[(usize, usize)],
) {
    let (index, directory) = speakers_index();
    let found = index.search(&Query::parse(query), &directory, None);
    assert_eq!(found.statements, expected, "{query}");
}

#[test]
fn unknown_parties_and_people_get_the_nearest_names() {
    let (_, directory) = speakers_index();
    let unknown = |query: &str| unknown_values(&Query::parse(query), &directory);
    let found = unknown("blames:kuwiat speaker:omn speaker:oman");
    assert_eq!(found.len(), 1, "OMN and oman name a party: {found:?}");
    assert_eq!(found[0].qualifier, "blames");
    assert_eq!(found[0].suggestions, ["kuwait"]);
    assert_eq!(
        unknown("speaker:oma")[0].suggestions,
        ["oman", "omn"],
        "name, code"
    );
    assert!(unknown("supports:nobodyatall")[0].suggestions.is_empty());
}
