//! Statement alignment across the articles of the 2024 clash story, with
//! statements written by hand as the tagger reports them.

mod compare_support;

use compare_support::{analysed, fixture_articles, name, names, statement};
use mizan_engine::corpus::Article;
use mizan_engine::corpus::align::{AlignOptions, Alignment, Members, StatementRef, align_story};
use mizan_engine::corpus::stories::{StoryOptions, group_stories};
use mizan_engine::tagger::Statement;

/// The statements of the 2024 clash articles; every other article has none.
fn clash_statements(article: &Article) -> Vec<Statement> {
    let s = |sentence: &str, quote: Option<&str>, party: &str, blames: &[&str]| {
        statement(article, sentence, quote, Some(party), blames, &[])
    };
    match name(article) {
        "clash-2024-wakala.md" => vec![
            s(
                "وقالت وزارة الدفاع الأرمينية في بيان إن \"القوات الأذربيجانية فتحت النار من أسلحة رشاشة على مواقعنا قرب نيركين هاند عند الساعة الخامسة صباحا\"",
                Some(
                    "القوات الأذربيجانية فتحت النار من أسلحة رشاشة على مواقعنا قرب نيركين هاند عند الساعة الخامسة صباحا",
                ),
                "armenia",
                &["azerbaijan"],
            ),
            s(
                "أعلنت وزارة الدفاع الأذربيجانية أن وحداتها ردت على \"استفزاز من الجانب الأرميني\"",
                Some("استفزاز من الجانب الأرميني"),
                "azerbaijan",
                &["armenia"],
            ),
            s(
                "وقالت المتحدثة باسمها إن \"موسكو تتابع بقلق بالغ الوضع على الحدود الأرمينية الأذربيجانية وتدعو إلى وقف فوري لإطلاق النار\"",
                Some(
                    "موسكو تتابع بقلق بالغ الوضع على الحدود الأرمينية الأذربيجانية وتدعو إلى وقف فوري لإطلاق النار",
                ),
                "russia",
                &[],
            ),
        ],
        "clash-2024-sahifa.md" => vec![
            s(
                "وأوضحت وزارة الدفاع الأرمينية أن \"القوات الأذربيجانية فتحت النار على مواقعنا قرب نيركين هاند\"",
                Some("القوات الأذربيجانية فتحت النار على مواقعنا قرب نيركين هاند"),
                "armenia",
                &["azerbaijan"],
            ),
            s(
                "أما وزارة الدفاع الأذربيجانية فقالت إن جيشها رد على \"استفزاز من الجانب الأرميني\"",
                Some("استفزاز من الجانب الأرميني"),
                "azerbaijan",
                &["armenia"],
            ),
            s(
                "وقال رئيس الوزراء الأرميني في اجتماع للحكومة إن \"الاعتداء على سيونيك يهدد مسار السلام الذي نعمل عليه منذ شهور\"",
                Some("الاعتداء على سيونيك يهدد مسار السلام الذي نعمل عليه منذ شهور"),
                "armenia",
                &["azerbaijan"],
            ),
        ],
        "clash-2024-khalij.md" => vec![
            s(
                "وذكرت وزارة الدفاع الأرمينية أن إطلاق النار بدأ نحو الخامسة فجرا قرب نيركين هاند، وأن القوات الأذربيجانية استخدمت أسلحة رشاشة في استهداف المواقع الأرمينية",
                None,
                "armenia",
                &["azerbaijan"],
            ),
            s(
                "وقالت المتحدثة باسم الخارجية الروسية إن موسكو \"تتابع بقلق بالغ الوضع على الحدود\" وتدعو إلى \"وقف فوري لإطلاق النار\"",
                None,
                "russia",
                &[],
            ),
        ],
        "clash-2024-levant.md" => vec![
            s(
                "وقال حاكم سيونيك إن \"السكان في نيركين هاند عادوا إلى منازلهم لكن الخوف ما زال قائما\"",
                Some("السكان في نيركين هاند عادوا إلى منازلهم لكن الخوف ما زال قائما"),
                "armenia",
                &[],
            ),
            s(
                "وجددت وزارة الدفاع الأرمينية اتهامها للقوات الأذربيجانية بأنها \"فتحت النار على مواقعنا قرب نيركين هاند\"",
                Some("فتحت النار على مواقعنا قرب نيركين هاند"),
                "armenia",
                &["azerbaijan"],
            ),
        ],
        _ => Vec::new(),
    }
}

struct Fixture {
    articles: Vec<Article>,
    statements: Vec<Vec<Statement>>,
}

impl Fixture {
    fn load() -> Fixture {
        let articles = fixture_articles();
        let statements = articles.iter().map(clash_statements).collect();
        Fixture {
            articles,
            statements,
        }
    }

    fn index(&self, file: &str) -> usize {
        self.articles
            .iter()
            .position(|a| name(a) == file)
            .unwrap_or_else(|| panic!("no fixture {file}"))
    }

    fn at(&self, file: &str, statement: usize) -> StatementRef {
        StatementRef {
            article: self.index(file),
            statement,
        }
    }

    fn clash_alignment(&self) -> Alignment {
        let analysed = analysed(&self.articles, &self.statements);
        let stories = group_stories(&analysed, names(), &StoryOptions::default());
        let story = stories
            .iter()
            .find(|story| story.articles.contains(&self.index("clash-2024-wakala.md")))
            .expect("the clash story");
        align_story(&analysed, story, names(), &AlignOptions::default())
    }
}

fn sorted(mut refs: Vec<StatementRef>) -> Vec<StatementRef> {
    refs.sort();
    refs
}

#[test]
fn the_defence_ministry_quote_is_aligned_across_outlets_even_partial_or_paraphrased() {
    let fixture = Fixture::load();
    let alignment = fixture.clash_alignment();
    let full = fixture.at("clash-2024-wakala.md", 0);
    let group = alignment.group_of(full).expect("in a group");
    let expected = sorted(vec![
        full,
        fixture.at("clash-2024-sahifa.md", 0),
        fixture.at("clash-2024-khalij.md", 0),
        fixture.at("clash-2024-levant.md", 1),
    ]);
    assert_eq!(*group.members, expected);
    assert_eq!(
        group
            .speaker_party(&analysed(&fixture.articles, &fixture.statements))
            .map(|party| party.as_str()),
        Some("armenia")
    );
}

#[test]
fn short_quotes_and_quotes_split_in_two_are_aligned() {
    let fixture = Fixture::load();
    let alignment = fixture.clash_alignment();
    assert_eq!(
        alignment.counterparts(fixture.at("clash-2024-wakala.md", 1)),
        [fixture.at("clash-2024-sahifa.md", 1)]
    );
    assert_eq!(
        alignment.counterparts(fixture.at("clash-2024-wakala.md", 2)),
        [fixture.at("clash-2024-khalij.md", 1)]
    );
}

#[test]
fn different_words_of_the_same_side_stay_apart_and_are_marked_as_one_outlets() {
    let fixture = Fixture::load();
    let alignment = fixture.clash_alignment();
    let analysed = analysed(&fixture.articles, &fixture.statements);
    for exclusive in [
        fixture.at("clash-2024-sahifa.md", 2),
        fixture.at("clash-2024-levant.md", 0),
    ] {
        assert!(
            alignment.counterparts(exclusive).is_empty(),
            "{exclusive:?}"
        );
        assert!(alignment.carried_by_one_outlet(&analysed, exclusive));
    }
    assert!(!alignment.carried_by_one_outlet(&analysed, fixture.at("clash-2024-wakala.md", 0)));
}

#[test]
fn each_article_lists_what_the_others_report_and_it_omits() {
    let fixture = Fixture::load();
    let alignment = fixture.clash_alignment();
    let omitted: Vec<Vec<StatementRef>> = alignment
        .omitted_by(fixture.index("clash-2024-khalij.md"))
        .into_iter()
        .map(|group| group.members.to_vec())
        .collect();
    let mut expected = vec![
        vec![
            fixture.at("clash-2024-sahifa.md", 1),
            fixture.at("clash-2024-wakala.md", 1),
        ],
        vec![fixture.at("clash-2024-sahifa.md", 2)],
        vec![fixture.at("clash-2024-levant.md", 0)],
    ];
    expected.iter_mut().for_each(|g| g.sort());
    expected.sort();
    let mut omitted = omitted;
    omitted.sort();
    assert_eq!(omitted, expected);
}

#[test]
fn every_statement_of_the_story_is_in_exactly_one_group() {
    let fixture = Fixture::load();
    let alignment = fixture.clash_alignment();
    let mut members: Vec<StatementRef> = alignment
        .groups()
        .flat_map(|g| g.members.to_vec())
        .collect();
    let total = members.len();
    members.sort();
    members.dedup();
    assert_eq!(members.len(), total);
    let statements: usize = fixture.statements.iter().map(Vec::len).sum();
    assert_eq!(total, statements);
}

#[test]
fn stricter_options_split_the_paraphrase_off() {
    let fixture = Fixture::load();
    let analysed = analysed(&fixture.articles, &fixture.statements);
    let stories = group_stories(&analysed, names(), &StoryOptions::default());
    let story = stories
        .iter()
        .find(|story| {
            story
                .articles
                .contains(&fixture.index("clash-2024-wakala.md"))
        })
        .unwrap();
    let strict = AlignOptions {
        min_overlap: 0.95,
        ..AlignOptions::default()
    };
    let alignment = align_story(&analysed, story, names(), &strict);
    assert!(
        alignment
            .counterparts(fixture.at("clash-2024-khalij.md", 0))
            .is_empty()
    );
}

#[test]
fn groups_come_once_each_in_order_of_their_first_member() {
    let fixture = Fixture::load();
    let alignment = fixture.clash_alignment();
    let groups: Vec<_> = alignment.groups().collect();
    assert_eq!(groups.len(), alignment.group_count());
    let firsts: Vec<StatementRef> = groups.iter().map(|group| group.members[0]).collect();
    let mut ascending = firsts.clone();
    ascending.sort();
    ascending.dedup();
    assert_eq!(firsts, ascending);
    for group in &groups {
        for &member in group.members.iter() {
            assert_eq!(alignment.group_of(member), Some(*group));
        }
    }
}

#[test]
fn a_statement_no_other_article_reports_is_a_group_of_one_with_no_counterparts() {
    let fixture = Fixture::load();
    let alignment = fixture.clash_alignment();
    let alone = fixture.at("clash-2024-sahifa.md", 2);
    let group = alignment.group_of(alone).expect("in a group");
    assert_eq!(group.members, Members::One(alone));
    assert!(alignment.counterparts(alone).is_empty());
    let analysed = analysed(&fixture.articles, &fixture.statements);
    assert_eq!(
        group.speaker_party(&analysed).map(|party| party.as_str()),
        Some("armenia")
    );
    let shared = alignment
        .groups()
        .filter(|group| matches!(group.members, Members::Several(_)))
        .count();
    assert_eq!(
        shared, 3,
        "the ministry quote, the provocation, Moscow's call"
    );
}

#[test]
fn statements_outside_the_story_have_no_group() {
    let fixture = Fixture::load();
    let alignment = fixture.clash_alignment();
    let beyond_the_last = fixture.at("clash-2024-levant.md", 2);
    assert_eq!(alignment.group_of(beyond_the_last), None);
    let other_story = fixture.at("nile-2024-wire.md", 0);
    assert_eq!(alignment.group_of(other_story), None);
    assert!(alignment.counterparts(other_story).is_empty());
}
