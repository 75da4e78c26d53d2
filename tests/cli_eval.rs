//! `mizan eval` as a lexicon editor runs it, on three small articles of our
//! own in three directories and two gold files (`tests/fixtures/eval/`)
//! that disagree with the tagger on purpose, one way each: a wrong speaker
//! party, a narration sentence annotated as a statement, a spurious blame,
//! a blame no lexicon can find, and an article not given. The figures per
//! article, language and gold file add up to the summary line, and every
//! miss is explained with what `mizan tag` says of the statement.

use serde_json::Value;
use std::process::{Command, Output};

const GOLD_AR: &str = "tests/fixtures/eval/gold-ar.jsonl";
const GOLD_EN: &str = "tests/fixtures/eval/gold-en.jsonl";
/// The articles, `en/` twice: an article reached twice is scored once.
const PATHS: [&str; 4] = [
    "tests/fixtures/eval/ar",
    "tests/fixtures/eval/en",
    "tests/fixtures/eval/more",
    "tests/fixtures/eval/en",
];

fn mizan(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home.path())
        .env("HOME", home.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn eval(golds: &[&str], extra: &[&str]) -> Output {
    let mut args = vec!["eval"];
    for gold in golds {
        args.extend(["--gold", gold]);
    }
    args.extend(extra);
    args.extend(PATHS);
    let output = mizan(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn text_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The numbers of a summary line, in order (`-` for an undefined one).
fn numbers(line: &str) -> Vec<String> {
    let summary = &line[line.find("statements found").expect(line)..];
    summary
        .split_whitespace()
        .flat_map(|word| {
            word.trim_matches(|c| matches!(c, '(' | ')' | ';'))
                .split('/')
        })
        .filter(|part| *part == "-" || part.parse::<f64>().is_ok())
        .map(String::from)
        .collect()
}

fn line_starting<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?} in\n{text}"))
}

#[test]
fn figures_per_article_language_and_gold_file_add_up_to_the_last_line() {
    let output = eval(&[GOLD_AR, GOLD_EN], &[]);
    let text = text_of(&output);
    let table = &text[text.find("\narticle ").expect("the table")..];
    let row = |article: &str| -> Vec<&str> {
        line_starting(&table[1..], &format!("{article} "))
            .split_whitespace()
            .collect()
    };
    assert_eq!(
        row("e1-ar")[..7],
        [
            "e1-ar",
            "ar",
            "2/3",
            "(2)",
            "0.33",
            "1.00/1.00/1.00",
            "1.00/1.00/1.00"
        ]
    );
    assert_eq!(
        row("e2-en")[..7],
        [
            "e2-en",
            "en",
            "2/2",
            "(2)",
            "1.00",
            "0.00/0.00/0.00",
            "1.00/1.00/1.00"
        ],
        "one spurious and one missed blame; the article given twice is tagged once"
    );
    assert_eq!(
        row("e3-en")[..7],
        [
            "e3-en",
            "en",
            "2/3",
            "(2)",
            "0.50",
            "1.00/1.00/1.00",
            "-/-/0.00"
        ]
    );
    assert_eq!(row("e9-en")[..4], ["e9-en", "?", "0/1", "(0)"]);
    assert!(row("e9-en").last().unwrap().ends_with(GOLD_EN));

    let ar = line_starting(&text, "ar (1 article): ");
    let en = line_starting(&text, "en (2 articles): ");
    let unknown = line_starting(&text, "unknown language (1 article): ");
    assert_eq!(numbers(ar)[..3], ["2", "3", "2"]);
    assert_eq!(numbers(en)[..4], ["4", "5", "4", "0.75"]);
    assert_eq!(numbers(unknown)[..3], ["0", "1", "0"]);
    let per_en_file = line_starting(&text, &format!("{GOLD_EN} (3 articles): "));
    assert_eq!(numbers(per_en_file)[..4], ["4", "6", "4", "0.75"]);
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("statements found 6/9 (predicted 6); speaker party acc 0.57; blame P 0.67 R 0.67 F1 0.67; support P 1.00 R 1.00 F1 1.00"), "{last}");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("article `e9-en` is not among the articles given"),
        "{err}"
    );
}

#[test]
fn the_total_over_several_gold_files_is_their_lines_scored_together() {
    let together = tempfile::NamedTempFile::new().unwrap();
    let lines = [GOLD_AR, GOLD_EN].map(|gold| std::fs::read_to_string(gold).unwrap());
    std::fs::write(together.path(), lines.concat()).unwrap();
    let joined = text_of(&eval(&[together.path().to_str().unwrap()], &[]));
    let apart = text_of(&eval(&[GOLD_AR, GOLD_EN], &[]));
    assert_eq!(joined.lines().last(), apart.lines().last());
    let english_only = text_of(&eval(&[GOLD_EN], &[]));
    let per_file = line_starting(&apart, &format!("{GOLD_EN} (3 articles): "));
    assert!(
        per_file.ends_with(english_only.lines().last().unwrap()),
        "{per_file}"
    );
    assert!(
        !english_only.contains(&format!("{GOLD_EN} (")),
        "one gold file needs no line of its own"
    );
}

/// `mizan tag`'s JSON of statement `index` of `article`.
fn tagged(article: &str, index: usize) -> Value {
    let output = mizan(&["tag", article]);
    let line = text_of(&output).lines().nth(index).unwrap().to_string();
    serde_json::from_str(&line).unwrap()
}

/// The lines of the explanation under the miss line starting `start`.
fn explanation<'a>(text: &'a str, start: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|line| !line.starts_with(start))
        .skip(1)
        .take_while(|line| line.starts_with("    "))
        .collect()
}

#[test]
fn every_miss_is_explained_with_the_statement_speaker_and_rules_the_tagger_used() {
    let text = text_of(&eval(&[GOLD_AR, GOLD_EN], &[]));
    let spurious = explanation(&text, "  spurious blames   e2-en azerbaijan");
    let statement = tagged("tests/fixtures/eval/en/e2-en.txt", 0);
    assert_eq!(
        spurious[0],
        format!(
            "      statement #0: «{}»",
            statement["text"].as_str().unwrap()
        )
    );
    let speaker = format!(
        "      speaker «{}» (named), party {}",
        statement["speaker"].as_str().unwrap(),
        statement["speaker_party"].as_str().unwrap()
    );
    assert_eq!(spurious[1], speaker);
    let evidence = &statement["evidence"][0];
    let starred = format!(
        "    * -azerbaijan {} «{}» → «{}» (syntax) {}",
        evidence["rule"].as_str().unwrap(),
        evidence["cue"].as_str().unwrap(),
        evidence["target"].as_str().unwrap(),
        evidence["origin"].as_str().unwrap()
    );
    assert_eq!(spurious[2], starred);

    let missed = explanation(&text, "  missed   blames   e2-en atlantis");
    assert!(missed[0].starts_with("      statement #1: «The Armenian foreign ministry praised"));
    assert!(
        missed[2].starts_with("      +russia "),
        "a tag about another party is not starred: {missed:?}"
    );

    let wrong_speaker = explanation(&text, "  speaker  party    e1-ar armenia");
    assert!(
        wrong_speaker[1].ends_with("party armenia"),
        "{wrong_speaker:?}"
    );
    let narration = explanation(&text, "  not-found         e3-en Officials met in Geneva");
    assert_eq!(narration, ["      the tagger found no statement there"]);
    let absent = explanation(&text, "  not-found         e9-en anything");
    assert_eq!(absent, ["      no article of that name was given"]);
}

/// The object of a JSON array whose `key` is `value`.
fn with<'a>(array: &'a Value, key: &str, value: &str) -> &'a Value {
    let found = array.as_array().unwrap().iter().find(|o| o[key] == value);
    found.unwrap_or_else(|| panic!("no {key} = {value} in {array}"))
}

#[test]
fn json_holds_the_same_figures_and_the_explanations_with_their_antecedents() {
    let text = text_of(&eval(&[GOLD_AR, GOLD_EN], &[]));
    let json: Value =
        serde_json::from_str(&text_of(&eval(&[GOLD_AR, GOLD_EN], &["--format", "json"]))).unwrap();
    let total = &json["total"];
    assert_eq!(
        (
            total["statements_found"].as_u64(),
            total["gold_statements"].as_u64(),
            total["pred_statements"].as_u64()
        ),
        (Some(6), Some(9), Some(6))
    );
    let langs: Vec<&Value> = json["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &l["lang"])
        .collect();
    assert_eq!(
        langs,
        [&Value::from("ar"), &Value::from("en"), &Value::Null]
    );
    let golds = json["gold_files"].as_array().unwrap();
    assert_eq!(golds.len(), 2);
    assert_eq!(golds[1]["articles"], 3);
    let found: u64 = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["statements_found"].as_u64().unwrap())
        .sum();
    assert_eq!(found, 6);

    let e3 = with(&json["articles"], "article", "e3-en");
    assert_eq!(e3["path"], "tests/fixtures/eval/more/e3-en.txt");
    let miss = with(&e3["misses"], "kind", "speaker_party");
    assert_eq!(miss["expected"][0], "atlantis");
    let statement = &miss["statement"];
    let from_tag = tagged(
        "tests/fixtures/eval/more/e3-en.txt",
        statement["index"].as_u64().unwrap() as usize,
    );
    assert_eq!(statement["speaker"], from_tag["speaker"]);
    assert_eq!(statement["speaker_party"], from_tag["speaker_party"]);
    let rule = statement["speaker_rule"].as_str().unwrap();
    let shown = match statement["antecedent"].as_str() {
        Some(antecedent) => format!("({rule} → «{antecedent}»)"),
        None => format!("({rule})"),
    };
    let lines = explanation(&text, "  speaker  party    e3-en");
    assert!(lines[1].contains(&shown), "{lines:?} lacks {shown}");
}

#[test]
fn hostile_gold_text_reaches_the_json_only_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let line = r#"{"article": "e2-en\u001b[2J", "key": "said \u001b]52;c;aGk=\u0007the\u202e", "speaker_party": ["x\u009b1m"], "blames": [], "supports": []}"#;
    std::fs::write(&gold, format!("{line}\n")).unwrap();
    let output = eval(&[gold.to_str().unwrap()], &["--format", "json"]);
    let text = text_of(&output);
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && mizan_text::sanitize::is_unsafe(c)),
        "{text:?}"
    );
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["articles"][0]["article"], "e2-en\u{1b}[2J",
        "escaped, not lost"
    );
}
