//! One statement reported in Arabic and in English: aligned by who made it,
//! on the bilingual fixture story (Banjska), with statements written by
//! hand as the tagger reports them.

mod compare_support;

use compare_support::{names, tags};
use mizan_engine::corpus::align::{AlignOptions, Alignment, StatementRef, align_story};
use mizan_engine::corpus::stories::{Analysed, Story};
use mizan_engine::corpus::{Article, load_paths};
use mizan_engine::tagger::Statement;
use mizan_text::TextRange;
use std::path::PathBuf;

const SET: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/stories_bilingual"
);

fn article(file: &str) -> Article {
    let loaded = load_paths(&[PathBuf::from(SET).join(file)]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.articles.into_iter().next().expect("one article")
}

fn range_of(article: &Article, text: &str) -> TextRange {
    let start = article
        .source
        .find(text)
        .unwrap_or_else(|| panic!("{} lacks {text:?}", article.path));
    TextRange::new(start, start + text.len())
}

/// A statement covering `sentence`, made by `speaker` (as written in the
/// article) of `party`, with tags cued by `rule`.
struct Said<'a> {
    sentence: &'a str,
    speaker: &'a str,
    party: &'a str,
    blames: &'a [&'a str],
    rule: &'a str,
}

fn statement(article: &Article, said: &Said) -> Statement {
    let range = range_of(article, said.sentence);
    let mut evidence = tags(range, said.blames, &[]).into_vec();
    for tag in &mut evidence {
        tag.rule = said.rule.into();
    }
    Statement {
        range,
        quote: None,
        speaker: Some(range_of(article, said.speaker)),
        speaker_party: Some(said.party.into()),
        evidence: evidence.into_boxed_slice(),
    }
}

const AR_VUCIC: Said = Said {
    sentence: "ونفى الرئيس الصربي ألكسندر فوتشيتش أي تورط لبلاده",
    speaker: "الرئيس الصربي ألكسندر فوتشيتش",
    party: "serbia",
    blames: &[],
    rule: "",
};
const AR_VUCIC_MOURNING: Said = Said {
    sentence: "وأعلن فوتشيتش الحداد الوطني يوماً واحداً على القتلى الصرب الثلاثة",
    speaker: "فوتشيتش",
    party: "serbia",
    blames: &[],
    rule: "",
};
const AR_KOSOVO: Said = Said {
    sentence: "واتهمت حكومة كوسوفو صربيا بتسليح المهاجمين وتمويلهم",
    speaker: "حكومة كوسوفو",
    party: "kosovo",
    blames: &["serbia"],
    rule: "verb:accuse",
};
const EN_KOSOVO: Said = Said {
    sentence: "Kosovo's government accused Serbia of arming and financing the attackers.",
    speaker: "Kosovo's government",
    party: "kosovo",
    blames: &["serbia"],
    rule: "verb:accuse",
};
const EN_VUCIC: Said = Said {
    sentence: "Serbian President Aleksandar Vucic denied any involvement.",
    speaker: "Serbian President Aleksandar Vucic",
    party: "serbia",
    blames: &[],
    rule: "",
};
const EN_VUCIC_MOURNING: Said = Said {
    sentence: "Vucic declared a day of national mourning for the three Serbs who were killed.",
    speaker: "Vucic",
    party: "serbia",
    blames: &[],
    rule: "",
};
const EN_BORRELL: Said = Said {
    sentence: "The European Union's foreign policy chief Josep Borrell condemned the \"hideous attack\"",
    speaker: "Josep Borrell",
    party: "eu",
    blames: &[],
    rule: "",
};

struct Pair {
    articles: [Article; 2],
    statements: [Vec<Statement>; 2],
}

impl Pair {
    fn new(arabic: &[Said], english: &[Said]) -> Pair {
        let articles = [
            article("banjska-ar-wakala.md"),
            article("banjska-en-wire.md"),
        ];
        let statements = [
            arabic.iter().map(|s| statement(&articles[0], s)).collect(),
            english.iter().map(|s| statement(&articles[1], s)).collect(),
        ];
        Pair {
            articles,
            statements,
        }
    }

    fn align(&self) -> Alignment {
        let analysed: Vec<Analysed> = (0..2)
            .map(|i| Analysed {
                article: &self.articles[i],
                statements: &self.statements[i],
                parties: &[],
            })
            .collect();
        let story = Story {
            label: String::new(),
            articles: vec![0, 1],
        };
        align_story(&analysed, &story, names(), &AlignOptions::default())
    }
}

fn arabic(statement: usize) -> StatementRef {
    StatementRef {
        article: 0,
        statement,
    }
}

fn english(statement: usize) -> StatementRef {
    StatementRef {
        article: 1,
        statement,
    }
}

#[test]
fn a_named_official_is_one_speaker_in_both_languages() {
    let pair = Pair::new(&[AR_KOSOVO, AR_VUCIC], &[EN_VUCIC, EN_BORRELL]);
    let alignment = pair.align();
    assert_eq!(alignment.counterparts(arabic(1)), [english(0)]);
    assert!(
        alignment.counterparts(english(1)).is_empty(),
        "the Arabic report does not quote Borrell"
    );
    assert_eq!(alignment.omitted_by(0).len(), 1, "Borrell's statement");
}

#[test]
fn one_party_blaming_the_same_party_with_the_same_cue_is_one_statement() {
    let pair = Pair::new(&[AR_KOSOVO, AR_VUCIC], &[EN_KOSOVO, EN_VUCIC]);
    let alignment = pair.align();
    assert_eq!(alignment.counterparts(arabic(0)), [english(0)]);
    let other_cue = Said {
        rule: "cue:wrongdoing",
        ..EN_KOSOVO
    };
    let other_target = Said {
        blames: &["russia"],
        ..EN_KOSOVO
    };
    for changed in [other_cue, other_target] {
        let pair = Pair::new(&[AR_KOSOVO], &[changed]);
        assert!(pair.align().counterparts(arabic(0)).is_empty());
    }
}

#[test]
fn each_statement_of_one_speaker_meets_one_counterpart_in_the_order_told() {
    let pair = Pair::new(
        &[AR_VUCIC, AR_VUCIC_MOURNING],
        &[EN_VUCIC, EN_VUCIC_MOURNING],
    );
    let alignment = pair.align();
    assert_eq!(alignment.counterparts(arabic(0)), [english(0)]);
    assert_eq!(alignment.counterparts(arabic(1)), [english(1)]);
    let speaker = alignment
        .group_of(arabic(0))
        .expect("a group")
        .speaker(
            &[
                Analysed {
                    article: &pair.articles[0],
                    statements: &pair.statements[0],
                    parties: &[],
                },
                Analysed {
                    article: &pair.articles[1],
                    statements: &pair.statements[1],
                    parties: &[],
                },
            ],
            names(),
        )
        .map(|name| name.as_str());
    assert_eq!(speaker, Some("aleksandar_vucic"));
}

#[test]
fn statements_days_apart_are_not_one_statement() {
    let mut pair = Pair::new(&[AR_VUCIC], &[EN_VUCIC]);
    pair.articles[1].meta.date = Some("2023-09-29".into());
    assert!(pair.align().counterparts(arabic(0)).is_empty());
    pair.articles[1].meta.date = Some("2023-09-26".into());
    assert_eq!(pair.align().counterparts(arabic(0)), [english(0)]);
}
