//! Hostile input through every command, as a user runs them: articles,
//! front matter, configurations, lexicons, feeds and file names carrying
//! terminal escapes (CSI, OSC 52 clipboard writes, OSC 8 links, DCS, window
//! titles), C0 and C1 controls, DEL and bidi overrides. No byte of the
//! output may be a control a terminal would act on (see `forbidden`), no
//! command may panic, and each must still say what went wrong.

mod common;

use common::TestServer;
use common::binary::mizan_at_home;
use common::hostile::{assert_clean, fixture, forbidden, hostile_articles};
use std::path::{Path, PathBuf};
use std::process::Output;

fn assert_output_clean(what: &str, output: &Output) {
    let stdout = String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8");
    let stderr = String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8");
    assert_clean(&format!("{what} stdout"), &stdout);
    assert_clean(&format!("{what} stderr"), &stderr);
    assert!(!stderr.contains("panicked"), "{what} panicked: {stderr}");
}

/// A home of its own, so no user configuration or store is read.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let home = Home {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(home.config(), "").unwrap();
        home
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    fn run_with(&self, config: &Path, args: &[&str], paths: &[PathBuf]) -> Output {
        mizan_at_home(self.dir.path(), config)
            .args(args)
            .args(paths)
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str], paths: &[PathBuf]) -> Output {
        self.run_with(&self.config(), args, paths)
    }
}

#[test]
fn render_prints_no_control_in_any_bidi_mode_or_width() {
    let home = Home::new();
    for bidi in ["app", "terminal", "off"] {
        for width in ["1", "7", "80"] {
            let output = home.run(
                &["render", "--bidi", bidi, "--width", width],
                &hostile_articles(),
            );
            let what = format!("render --bidi {bidi} --width {width}");
            assert!(output.status.success(), "{what}: {output:?}");
            assert_output_clean(&what, &output);
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                stdout.contains("trojan") || width == "1",
                "{what}: text kept"
            );
        }
    }
}

#[test]
fn tag_table_and_jsonl_carry_no_raw_control() {
    let home = Home::new();
    let table = home.run(&["tag", "--format", "table"], &hostile_articles());
    assert!(table.status.success(), "{table:?}");
    assert_output_clean("tag --format table", &table);

    let jsonl = home.run(&["tag", "--format", "jsonl"], &hostile_articles());
    assert!(jsonl.status.success(), "{jsonl:?}");
    assert_output_clean("tag --format jsonl", &jsonl);
    let stdout = String::from_utf8(jsonl.stdout).unwrap();
    assert!(!stdout.is_empty(), "the hostile articles hold statements");
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(value["text"].is_string(), "{line}");
    }
}

#[test]
fn jsonl_keeps_the_article_text_exactly_through_escapes() {
    let home = Home::new();
    let jsonl = home.run(&["tag", "--format", "jsonl"], &[fixture("article.txt")]);
    let source = std::fs::read_to_string(fixture("article.txt")).unwrap();
    let stdout = String::from_utf8(jsonl.stdout).unwrap();
    let mut seen_escaped = false;
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let (start, end) = (
            value["start"].as_u64().unwrap() as usize,
            value["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(value["text"].as_str().unwrap(), &source[start..end]);
        seen_escaped |= source[start..end].chars().any(forbidden);
    }
    assert!(seen_escaped, "some statement text held a control: {stdout}");
}

#[test]
fn check_quotes_hostile_lexicon_and_config_lines_without_their_controls() {
    let home = Home::new();
    let lexicon = fixture("lexicon");
    let output = home.run(&["check", "--lexicons"], &[lexicon]);
    assert!(!output.status.success(), "the hostile lexicon has errors");
    assert_output_clean("check --lexicons hostile", &output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("parties.toml:"),
        "file:line:col given: {stderr}"
    );

    let tagged = home.run(
        &["tag", "--lexicons", fixture("lexicon").to_str().unwrap()],
        &[fixture("article.txt")],
    );
    assert!(
        !tagged.status.success(),
        "a lexicon with errors is never used"
    );
    assert_output_clean("tag --lexicons hostile", &tagged);
    assert!(
        tagged.stdout.is_empty(),
        "nothing tagged with a broken lexicon"
    );

    for config in [
        "config-syntax.toml",
        "config-unknown.toml",
        "config-bidi.toml",
    ] {
        let output = home.run_with(&fixture(config), &["check"], &[]);
        assert!(!output.status.success(), "{config} is rejected");
        assert_output_clean(&format!("check with {config}"), &output);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(config), "{config} named: {stderr}");
    }
}

#[test]
fn commands_with_a_hostile_config_fail_cleanly() {
    let home = Home::new();
    for config in [
        "config-syntax.toml",
        "config-unknown.toml",
        "config-bidi.toml",
    ] {
        let output = home.run_with(&fixture(config), &["tag"], &[]);
        assert!(!output.status.success(), "{config} is rejected");
        assert_output_clean(&format!("tag with {config}"), &output);
    }
}

#[test]
fn a_bad_front_matter_error_quotes_nothing_raw() {
    let home = Home::new();
    let output = home.run(&["render"], &[fixture("bad-front-matter.md")]);
    assert!(!output.status.success());
    assert_output_clean("render bad front matter", &output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad-front-matter.md"), "{stderr}");
}

#[test]
fn file_names_with_controls_are_shown_without_them() {
    let home = Home::new();
    let dir = home.dir.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    let hostile_name = "evil\u{1b}]0;title\u{7}\u{202e}\u{9b}2J.md";
    let broken = dir.join(hostile_name);
    std::fs::write(&broken, "+++\ntitle = \n+++\nBody.\n").unwrap();
    let missing = dir.join("gone\u{1b}[2J\u{7f}.txt");
    for command in [&["render"][..], &["tag", "--format", "table"][..]] {
        let output = home.run(command, &[broken.clone(), missing.clone()]);
        assert!(!output.status.success());
        assert_output_clean(&format!("{command:?} hostile file names"), &output);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("evil"), "the file is still named: {stderr}");
        assert!(stderr.contains("gone"), "the file is still named: {stderr}");
    }
}

#[test]
fn fetch_report_lines_carry_no_feed_controls() {
    let server = TestServer::start();
    server.fixture(
        "/rss.xml",
        "../hostile/feeds/rss-controls.xml",
        "application/xml",
    );
    server.fixture(
        "/feed.json",
        "../hostile/feeds/jsonfeed-controls.json",
        "application/feed+json",
    );
    server.fixture(
        "/broken.xml",
        "../hostile/feeds/broken-controls.xml",
        "application/xml",
    );
    let home = Home::new();
    let urls = [
        server.url("/rss.xml"),
        server.url("/feed.json"),
        server.url("/broken.xml"),
        server.url("/gone\u{1b}[2J"),
    ];
    let config: String = urls
        .iter()
        .map(|url| {
            format!(
                "[[source]]\nurl = \"{}\"\n\n",
                url.replace('\u{1b}', "\\u001b")
            )
        })
        .collect();
    std::fs::write(home.config(), config).unwrap();
    let output = home.run(&["fetch", "--no-pages"], &[]);
    assert_output_clean("fetch hostile feeds", &output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.xml"), "{stderr}");

    for args in [
        &["render"][..],
        &["tag", "--format", "table"][..],
        &["tag"][..],
    ] {
        let output = home.run(args, &[]);
        assert_output_clean(&format!("{args:?} of stored hostile feeds"), &output);
        assert!(!output.stdout.is_empty(), "{args:?}: stored articles shown");
    }
}

#[test]
fn compare_table_and_json_carry_no_raw_control() {
    let home = Home::new();
    let mut articles = hostile_articles();
    articles.push(fixture("article-ar.txt"));
    for format in ["table", "json"] {
        let output = home.run(
            &["compare", "--format", format, "--width", "100"],
            &articles,
        );
        assert!(
            output.status.success(),
            "compare --format {format}: {output:?}"
        );
        assert_output_clean(&format!("compare --format {format}"), &output);
        assert!(
            !output.stdout.is_empty(),
            "compare --format {format} printed nothing"
        );
        if format == "json" {
            let value: serde_json::Value =
                serde_json::from_slice(&output.stdout).expect("compare --format json is JSON");
            assert!(value.is_object(), "{value}");
        }
    }
}

/// A directory name carrying an OSC 52 clipboard write, a bidi override and
/// an 8-bit CSI.
const HOSTILE_DIR: &str = "conf\u{1b}]52;c;aGk=\u{7}\u{202e}\u{9b}2J";

#[test]
fn eval_prints_no_control_from_a_hostile_gold_file_or_config() {
    let home = Home::new();
    let dir = home.dir.path().join(HOSTILE_DIR);
    std::fs::create_dir(&dir).unwrap();
    let gold = dir.join("gold.jsonl");
    std::fs::write(
        &gold,
        concat!(
            r#"{"article": "article", "key": "never \u001b]52;c;aGk=\u0007said\u202e", "#,
            r#""speaker_party": ["ev\u001b[31mil"], "blames": ["fo\u009bxe"], "supports": [], "#,
            r#""optional_blames": [], "optional_supports": []}"#,
            "\n"
        ),
    )
    .unwrap();
    let gold_arg = gold.to_str().unwrap();
    let output = home.run(&["eval", "--gold", gold_arg], &[fixture("article.txt")]);
    let stdout = stdout_of_clean_success("eval, hostile gold", &output);
    assert!(
        stdout.contains("not-found") && stdout.contains("never said"),
        "the miss is reported with its key: {stdout}"
    );
    assert!(stdout.contains("statements found 0/1"), "{stdout}");

    let broken = dir.join("broken.jsonl");
    std::fs::write(&broken, "{\"article\": \"a\u{1b}[2J\", \"key\": \"\u{202e}").unwrap();
    let output = home.run(
        &["eval", "--gold", broken.to_str().unwrap()],
        &[fixture("article.txt")],
    );
    assert_fails_cleanly_naming(
        "eval, broken gold in a hostile directory",
        &output,
        "broken.jsonl:1: not a gold line",
    );

    let config = dir.join("config.toml");
    std::fs::copy(fixture("config-bidi.toml"), &config).unwrap();
    let output = home.run_with(
        &config,
        &["eval", "--gold", gold_arg],
        &[fixture("article.txt")],
    );
    assert_fails_cleanly_naming(
        "eval, hostile config in a hostile directory",
        &output,
        "config.toml:",
    );
}

/// The command succeeded and printed nothing forbidden; its output.
fn stdout_of_clean_success(what: &str, output: &Output) -> String {
    assert!(output.status.success(), "{what}: {output:?}");
    assert_output_clean(what, output);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The command failed, printed nothing forbidden, and its error names `named`.
fn assert_fails_cleanly_naming(what: &str, output: &Output, named: &str) {
    assert!(!output.status.success(), "{what}: an error");
    assert_output_clean(what, output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(named), "{what}: names {named}: {stderr}");
}

#[test]
fn init_prints_the_paths_it_writes_without_their_controls() {
    let home = Home::new();
    let dir = home.dir.path().join(HOSTILE_DIR);
    let dir_arg = dir.to_str().unwrap();
    let first = home.run(&["init", "--dir", dir_arg], &[]);
    let stdout = stdout_of_clean_success("init into a hostile directory", &first);
    assert!(
        dir.join("config.toml").is_file(),
        "init wrote into the directory"
    );
    assert!(
        stdout.contains("wrote ") && stdout.contains("conf/config.toml"),
        "{stdout}"
    );

    let again = home.run(&["init", "--dir", dir_arg], &[]);
    let stdout = stdout_of_clean_success("init again into a hostile directory", &again);
    assert!(
        stdout.contains("kept ") && stdout.contains("0 files written"),
        "{stdout}"
    );
}

/// The character shown above the caret of the diagnostic for `file`.
fn char_above_caret(stderr: &str, file: &str) -> char {
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.contains(file) && line.contains(": error:"))
        .unwrap_or_else(|| panic!("no error for {file}: {stderr}"));
    let (shown, caret) = (lines[at + 1], lines[at + 2]);
    assert_eq!(caret.trim_start(), "^", "a caret line: {stderr}");
    let column = caret.chars().count() - 1;
    shown
        .chars()
        .nth(column)
        .unwrap_or_else(|| panic!("the caret is past the line: {shown:?}\n{caret:?}"))
}

#[test]
fn the_check_caret_sits_under_the_column_after_removed_characters() {
    let home = Home::new();
    let lexicon = home.dir.path().join("lexicon");
    std::fs::create_dir_all(lexicon.join("en")).unwrap();
    // Bidi controls are allowed in TOML strings; the sanitiser removes them
    // from the quoted line, four characters before the bad `kind`.
    std::fs::write(
        lexicon.join("en/parties.toml"),
        "party = [{ id = \"\u{202e}one\u{202c}\", name = \"\u{2067}One\u{2069}\", kind = \"nonsense\" }]\n",
    )
    .unwrap();
    // A raw escape is a TOML error at the escape itself, after a removed
    // override: the caret goes where the sequence was, before the quote.
    std::fs::write(
        lexicon.join("en/parties-two.toml"),
        "[[party]]\nid = \"two\"\nname = \"Tw\u{202e}o\u{1b}[31m\"\nkind = \"group\"\n",
    )
    .unwrap();
    let output = home.run(&["check", "--lexicons"], &[lexicon]);
    assert!(!output.status.success());
    assert_output_clean("check, lexicon with bidi controls", &output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(char_above_caret(&stderr, "parties.toml:1:"), '"');
    let shown_kind = stderr
        .lines()
        .find(|line| line.contains("kind = \"nonsense\""))
        .unwrap();
    let caret_line = stderr
        .lines()
        .skip_while(|line| *line != shown_kind)
        .nth(1)
        .unwrap();
    assert_eq!(
        caret_line.len() - 1,
        shown_kind.find("\"nonsense\"").unwrap(),
        "under the value of kind:\n{shown_kind}\n{caret_line}"
    );
    assert_eq!(char_above_caret(&stderr, "parties-two.toml:3:"), '"');
    assert!(stderr.contains("  name = \"Two\"\n"), "{stderr}");
}
