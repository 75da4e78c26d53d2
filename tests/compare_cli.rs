//! `mizan compare` end to end: the JSON shape documented in
//! the README, counts that agree with `mizan tag`, and the table.

use serde_json::Value;
use std::collections::BTreeMap;
use std::process::{Command, Output};

const FIXTURES: &str = "tests/fixtures/stories";

fn mizan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("mizan runs")
}

fn compare_json(paths: &[&str]) -> Value {
    let mut args = vec!["compare", "--format", "json"];
    args.extend_from_slice(paths);
    let output = mizan(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

#[test]
fn json_has_the_documented_shape() {
    let json = compare_json(&[FIXTURES]);
    let keys =
        |value: &Value| -> Vec<String> { value.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&json), ["aligned", "articles", "outlets", "stories"]);
    for story in json["stories"].as_array().unwrap() {
        assert_eq!(keys(story), ["articles", "label", "members"]);
    }
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 10);
    for article in articles {
        let object = article.as_object().unwrap();
        for key in [
            "path",
            "outlet",
            "date",
            "story",
            "statements",
            "quoted",
            "unattributed",
            "blames",
            "supports",
            "pairs",
            "exclusive",
            "omits",
        ] {
            assert!(object.contains_key(key), "article lacks {key}: {article}");
        }
        assert!(article["path"].as_str().unwrap().starts_with(FIXTURES));
        for index in article["omits"].as_array().unwrap() {
            let group = &json["aligned"][index.as_u64().unwrap() as usize];
            assert_eq!(group["story"], article["story"]);
            assert!(
                group["statements"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|s| s["article"] != article["path"])
            );
        }
    }
    for group in json["aligned"].as_array().unwrap() {
        for statement in group["statements"].as_array().unwrap() {
            assert!(statement["text"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(statement["statement"].is_u64());
            assert_eq!(statement["speaker_party"], group["speaker_party"]);
        }
        assert!(group["speaker"].is_null() || group["speaker"].is_string());
    }
}

#[test]
fn stories_list_the_paths_as_given_one_story_per_event() {
    let json = compare_json(&[FIXTURES]);
    let stories: Vec<Vec<&str>> = json["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|story| strings(&story["articles"]))
        .collect();
    let name = |path: &str| path.rsplit('/').next().unwrap().to_string();
    let names: Vec<Vec<String>> = stories
        .iter()
        .map(|story| story.iter().map(|p| name(p)).collect())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(
        names[0],
        [
            "clash-2024-khalij.md",
            "clash-2024-levant.md",
            "clash-2024-sahifa.md",
            "clash-2024-wakala.md"
        ]
    );
    assert_eq!(names[1], ["clash-2025-sahifa.txt", "clash-2025-wakala.md"]);
    assert!(
        json["stories"][0]["label"]
            .as_str()
            .is_some_and(|l| !l.is_empty())
    );
}

/// What `mizan tag` reports for one article: its statements, and per
/// field (`speaker_party`, `blames`, `supports`) how many statements name
/// each party.
#[derive(Default)]
struct Tagged {
    statements: u64,
    by_field: BTreeMap<&'static str, BTreeMap<String, u64>>,
}

/// `mizan tag` over the fixtures, by article path.
fn tagged_fixtures() -> BTreeMap<String, Tagged> {
    let output = mizan(&["tag", "--format", "jsonl", FIXTURES]);
    assert!(output.status.success());
    let mut by_article: BTreeMap<String, Tagged> = BTreeMap::new();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        let tagged = by_article
            .entry(row["article"].as_str().unwrap().to_string())
            .or_default();
        tagged.statements += 1;
        for field in ["speaker_party", "blames", "supports"] {
            let mut parties: Vec<&str> = match &row[field] {
                Value::String(party) => vec![party.as_str()],
                Value::Array(_) => strings(&row[field]),
                _ => Vec::new(),
            };
            parties.sort();
            parties.dedup();
            let counts = tagged.by_field.entry(field).or_default();
            for party in parties {
                *counts.entry(party.to_string()).or_insert(0) += 1;
            }
        }
    }
    by_article
}

fn as_counts(value: &Value) -> BTreeMap<String, u64> {
    value
        .as_object()
        .unwrap()
        .iter()
        .map(|(party, count)| (party.clone(), count.as_u64().unwrap()))
        .collect()
}

#[test]
fn article_counts_agree_with_mizan_tag() {
    let json = compare_json(&[FIXTURES]);
    let tagged = tagged_fixtures();
    for article in json["articles"].as_array().unwrap() {
        let path = article["path"].as_str().unwrap();
        let expected = tagged.get(path).map_or(0, |t| t.statements);
        assert_eq!(article["statements"].as_u64(), Some(expected), "{path}");
        for (json_field, tag_field) in [
            ("quoted", "speaker_party"),
            ("blames", "blames"),
            ("supports", "supports"),
        ] {
            let expected = tagged
                .get(path)
                .and_then(|t| t.by_field.get(tag_field))
                .cloned()
                .unwrap_or_default();
            assert_eq!(
                as_counts(&article[json_field]),
                expected,
                "{path} {json_field}"
            );
        }
    }
    assert!(
        tagged.values().map(|t| t.statements).sum::<u64>() > 20,
        "the tagger found little"
    );
}

#[test]
fn outlet_counts_are_the_sums_of_their_articles() {
    let json = compare_json(&[FIXTURES]);
    for outlet in json["outlets"].as_array().unwrap() {
        let paths = strings(&outlet["articles"]);
        let members: Vec<&Value> = json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| paths.contains(&a["path"].as_str().unwrap()))
            .collect();
        assert_eq!(members.len(), paths.len());
        let statements: u64 = members
            .iter()
            .map(|a| a["statements"].as_u64().unwrap())
            .sum();
        assert_eq!(outlet["statements"].as_u64(), Some(statements));
        let mut blames: BTreeMap<String, u64> = BTreeMap::new();
        for member in &members {
            for (party, count) in as_counts(&member["blames"]) {
                *blames.entry(party).or_insert(0) += count;
            }
        }
        assert_eq!(as_counts(&outlet["blames"]), blames);
    }
}

#[test]
fn the_table_prints_every_section_without_colour_when_piped() {
    let output = mizan(&["compare", "--width", "100", FIXTURES]);
    assert!(output.status.success());
    let table = String::from_utf8(output.stdout).unwrap();
    for heading in [
        "Stories",
        "Coverage by outlet",
        "Coverage by article",
        "Who blames or supports whom, by outlet",
        "Statements carried by several outlets",
    ] {
        assert!(
            table.lines().any(|line| line == heading),
            "no {heading:?} in\n{table}"
        );
    }
    assert!(!table.contains('\u{1b}'));
    assert!(table.contains("clash-2024-wakala.md"));
    let widest = table
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap();
    assert!(widest <= 100, "a line is {widest} cells wide");
}

#[test]
fn a_missing_path_fails_but_the_others_are_compared() {
    let output = mizan(&[
        "compare",
        "--format",
        "json",
        FIXTURES,
        "no/such/article.md",
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no/such/article.md"));
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON still printed");
    assert_eq!(json["articles"].as_array().unwrap().len(), 10);
}

const BILINGUAL: &str = "tests/fixtures/stories_bilingual";
const UNDATED: &str = "tests/fixtures/stories_undated";

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[test]
fn each_story_member_says_what_linked_it() {
    let json = compare_json(&[BILINGUAL]);
    for story in json["stories"].as_array().unwrap() {
        let members = story["members"].as_array().unwrap();
        let paths: Vec<&str> = members
            .iter()
            .map(|m| m["article"].as_str().unwrap())
            .collect();
        assert_eq!(paths, strings(&story["articles"]), "in the same order");
        for member in members {
            for key in [
                "date",
                "cohesion",
                "closest",
                "shared_terms",
                "shared_dates",
                "shared_parties",
            ] {
                assert!(member.get(key).is_some(), "member lacks {key}: {member}");
            }
        }
    }
    let banjska = json["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["articles"].as_array().unwrap().len() == 3)
        .expect("the Banjska story");
    for member in banjska["members"].as_array().unwrap() {
        assert_eq!(member["date"]["date"], "2023-09-25");
        assert_eq!(member["date"]["source"], "metadata");
        assert!(member["cohesion"].as_f64().unwrap() >= 0.75, "{member}");
        let closest = &member["closest"];
        assert!(
            closest["similarity"].as_f64().unwrap() >= closest["needed"].as_f64().unwrap(),
            "{member}"
        );
        let parties = strings(&member["shared_parties"]);
        assert!(
            parties.contains(&"kosovo") && parties.contains(&"serbia"),
            "{member}"
        );
    }
    let english = banjska["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["article"]
                .as_str()
                .unwrap()
                .ends_with("banjska-en-wire.md")
        })
        .unwrap();
    assert_eq!(english["closest"]["across_languages"], true);
    let zvecan = json["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["articles"].as_array().unwrap().len() == 1)
        .expect("the earlier clash alone");
    assert_eq!(zvecan["members"][0]["cohesion"], Value::Null);
    assert_eq!(zvecan["members"][0]["closest"], Value::Null);
}

#[test]
fn a_named_officials_statement_is_aligned_across_languages() {
    let json = compare_json(&[BILINGUAL]);
    let vucic: Vec<&Value> = json["aligned"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|group| group["speaker"] == "aleksandar_vucic")
        .collect();
    let bilingual = vucic.iter().find(|group| {
        let files: Vec<&str> = group["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| file_name(s["article"].as_str().unwrap()))
            .collect();
        files.contains(&"banjska-ar-wakala.md") && files.contains(&"banjska-en-wire.md")
    });
    let group = bilingual.unwrap_or_else(|| panic!("no bilingual Vučić group in {vucic:?}"));
    assert_eq!(group["speaker_party"], "serbia");
    assert_eq!(strings(&group["outlets"]), ["al-wakala", "the-wire"]);
    let sahifa = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["path"]
                .as_str()
                .unwrap()
                .ends_with("banjska-ar-sahifa.md")
        })
        .unwrap();
    let omitted: Vec<&Value> = sahifa["omits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|index| &json["aligned"][index.as_u64().unwrap() as usize])
        .collect();
    assert!(
        omitted.iter().any(|g| std::ptr::eq(*g, *group)),
        "the other Arabic outlet omits what Vučić said"
    );
}

#[test]
fn undated_reports_of_three_clashes_form_three_stories() {
    let json = compare_json(&[UNDATED]);
    let mut stories: Vec<Vec<&str>> = json["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|story| {
            let mut files: Vec<&str> = strings(&story["articles"])
                .into_iter()
                .map(file_name)
                .collect();
            files.sort();
            files
        })
        .collect();
    stories.sort();
    assert_eq!(
        stories,
        [
            vec![
                "batken-airport-agency.txt",
                "batken-airport-channel.txt",
                "batken-airport-english.txt",
                "batken-airport-site.txt"
            ],
            vec![
                "isfara-water-agency.txt",
                "isfara-water-daily.txt",
                "isfara-water-english.txt"
            ],
            vec!["tort-kocho-road.txt"],
        ]
    );
}
