//! The `tag`, `eval` and `check` subcommands as a user runs them, and the
//! quality thresholds on our own gold fixtures: `cargo test` runs
//! `mizan eval` on the samples and the construction fixtures.

use std::path::Path;
use std::process::{Command, Output};

fn mizan(args: &[&str]) -> Output {
    let config_home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", config_home.path())
        .env("HOME", config_home.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The numbers of `mizan eval`'s summary line.
struct Summary {
    found: f64,
    speaker: f64,
    blame_f1: f64,
    support_f1: f64,
}

fn eval(gold: &str, path: &str) -> Summary {
    let output = mizan(&["eval", "--gold", gold, path]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    let line = text.lines().last().unwrap();
    let parts: Vec<&str> = line.split("; ").collect();
    let fraction = parts[0]
        .trim_start_matches("statements found ")
        .split_whitespace()
        .next()
        .unwrap();
    let (hit, all) = fraction.split_once('/').unwrap();
    let last_number = |part: &str| part.rsplit(' ').next().unwrap().parse::<f64>().unwrap();
    Summary {
        found: hit.parse::<f64>().unwrap() / all.parse::<f64>().unwrap(),
        speaker: last_number(parts[1]),
        blame_f1: last_number(parts[2]),
        support_f1: last_number(parts[3]),
    }
}

#[test]
fn tag_writes_one_json_object_per_statement_with_every_field() {
    let output = mizan(&[
        "tag",
        "--format",
        "jsonl",
        "tests/fixtures/gold/g1-kalbajar-ar.txt",
    ]);
    assert!(output.status.success());
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold/g1-kalbajar-ar.txt"),
    )
    .unwrap();
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 5);
    for (i, line) in lines.iter().enumerate() {
        for field in [
            "article",
            "outlet",
            "index",
            "start",
            "end",
            "text",
            "quote",
            "speaker",
            "speaker_party",
            "blames",
            "supports",
            "evidence",
        ] {
            assert!(line.get(field).is_some(), "{field} missing in {line}");
        }
        assert_eq!(line["index"], i);
        assert_eq!(line["article"], "tests/fixtures/gold/g1-kalbajar-ar.txt");
        let (start, end) = (
            line["start"].as_u64().unwrap() as usize,
            line["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(line["text"], source[start..end]);
    }
    let evidence = lines
        .iter()
        .flat_map(|l| l["evidence"].as_array().unwrap())
        .next()
        .expect("some evidence");
    assert!(evidence["origin"].as_str().unwrap().contains(".toml:"));
}

#[test]
fn tag_output_is_deterministic_across_many_files() {
    let first = stdout(&mizan(&["tag", "samples", "tests/fixtures/gold"]));
    let second = stdout(&mizan(&["tag", "samples", "tests/fixtures/gold"]));
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

#[test]
fn table_format_lays_out_rows_without_colour_under_no_color() {
    let output = mizan(&[
        "tag",
        "--format",
        "table",
        "tests/fixtures/gold/g3-sotk-en.txt",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.starts_with("tests/fixtures/gold/g3-sotk-en.txt\n"),
        "{text}"
    );
    assert!(text.contains("armenia"));
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn stats_print_throughput_to_standard_error() {
    let output = mizan(&["tag", "--stats", "samples"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("MB/s"), "{err}");
}

#[test]
fn check_reports_every_problem_with_its_position_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("ar")).unwrap();
    std::fs::write(
        dir.path().join("ar/cues.toml"),
        "[[cue]]\nid = \"x\"\nstance = \"blame\"\ntarget = \"noun\"\nterms = [\"a\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ar/verbs.toml"), "[[verb]]\nid = 3\n").unwrap();
    let output = mizan(&["check", "--lexicons", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("cues.toml:3:10: error:"), "{err}");
    assert!(err.contains("verbs.toml:2:6: error:"), "{err}");
    assert!(err.contains("           ^"), "{err}");
    assert!(stdout(&output).contains("2 error(s)"));
    assert!(mizan(&["check"]).status.success());
}

#[test]
fn check_places_inline_additions_in_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[lexicons]\ndirs = []\naliases = [\n  { lang = \"ar\", party = \"israel\", alias = \"دولة الاحتلال\" },\n  { lang = \"ar\", party = \"atlantis\", alias = \"أطلانتس\" },\n]\n",
    )
    .unwrap();
    let output = mizan(&["--config", config.to_str().unwrap(), "check"]);
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    let place = format!(
        "{}:5:27: error: unknown party id `atlantis`",
        config.display()
    );
    assert!(err.contains(&place), "{err}");
    assert!(
        err.contains("party = \"atlantis\""),
        "the offending line: {err}"
    );
}

#[test]
fn tag_refuses_a_broken_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("ar")).unwrap();
    std::fs::write(dir.path().join("ar/negation.toml"), "negators = [\n").unwrap();
    let output = mizan(&["tag", "--lexicons", dir.path().to_str().unwrap(), "samples"]);
    assert!(!output.status.success());
    assert!(
        stdout(&output).is_empty(),
        "nothing is tagged with a half-loaded lexicon"
    );
}

#[test]
fn quality_on_the_construction_fixtures() {
    let s = eval("tests/gold/constructions.jsonl", "tests/fixtures/gold");
    assert!(s.found >= 0.98, "statements found {}", s.found);
    assert!(s.speaker >= 0.95, "speaker party accuracy {}", s.speaker);
    assert!(s.blame_f1 >= 0.90, "blame F1 {}", s.blame_f1);
    assert!(s.support_f1 >= 0.90, "support F1 {}", s.support_f1);
}

#[test]
fn quality_on_the_samples() {
    let s = eval("tests/gold/samples.jsonl", "samples");
    assert!(s.found >= 0.95, "statements found {}", s.found);
    assert!(s.speaker >= 0.85, "speaker party accuracy {}", s.speaker);
    assert!(s.blame_f1 >= 0.80, "blame F1 {}", s.blame_f1);
    assert!(s.support_f1 >= 0.70, "support F1 {}", s.support_f1);
}

/// Invented articles in the styles of several outlets about other conflicts
/// (Gaza, Sudan, Ukraine, Yemen, eastern Congo, Kashmir, Lebanon), annotated
/// before the tagger was run on them: the guard against fitting one conflict.
#[test]
fn quality_on_other_conflicts() {
    let s = eval("tests/gold/other.jsonl", "tests/fixtures/tagger_other");
    assert!(s.found >= 0.95, "statements found {}", s.found);
    assert!(s.speaker >= 0.95, "speaker party accuracy {}", s.speaker);
    assert!(s.blame_f1 >= 0.85, "blame F1 {}", s.blame_f1);
    assert!(s.support_f1 >= 0.85, "support F1 {}", s.support_f1);
}

/// The table as a reader sees it: Arabic cells laid out right-to-left by
/// the layout pipeline, columns aligned, no colour under NO_COLOR.
#[rstest::rstest]
#[case::arabic("tests/fixtures/tagger_other/o6-kashmir-ar.txt")]
#[case::english("tests/fixtures/gold/g3-sotk-en.txt")]
fn table_format_snapshot(#[case] path: &str) {
    let output = mizan(&["tag", "--format", "table", path]);
    assert!(output.status.success());
    let name = Path::new(path).file_stem().unwrap().to_str().unwrap();
    insta::assert_snapshot!(format!("table_{name}"), stdout(&output));
}
