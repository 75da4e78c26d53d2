//! Hostile input through every command, as a user runs them: articles,
//! front matter, configurations, lexicons, feeds and file names carrying
//! terminal escapes (CSI, OSC 52 clipboard writes, OSC 8 links, DCS, window
//! titles), C0 and C1 controls, DEL and bidi overrides. No byte of the
//! output may be a control a terminal would act on (see `forbidden`), no
//! command may panic, and each must still say what went wrong.

mod common;

use common::TestServer;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Code points that must never reach a terminal from mizan: C0 controls but
/// line feed, DEL, C1 controls, the bidi embeddings, overrides and isolates,
/// and the bidi marks (which laid-out text never needs).
fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Panics naming the first forbidden code point of `text` and its context.
fn assert_clean(what: &str, text: &str) {
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| forbidden(c)) {
        let context: String = text[at..].chars().take(40).collect();
        panic!("{what}: U+{:04X} at byte {at}: {context:?}", u32::from(c));
    }
}

fn assert_output_clean(what: &str, output: &Output) {
    let stdout = String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8");
    let stderr = String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8");
    assert_clean(&format!("{what} stdout"), &stdout);
    assert_clean(&format!("{what} stderr"), &stderr);
    assert!(!stderr.contains("panicked"), "{what} panicked: {stderr}");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
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
        Command::new(env!("CARGO_BIN_EXE_mizan"))
            .arg("--config")
            .arg(config)
            .args(args)
            .args(paths)
            .env("MIZAN_DATA_DIR", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str], paths: &[PathBuf]) -> Output {
        self.run_with(&self.config(), args, paths)
    }
}

fn hostile_articles() -> Vec<PathBuf> {
    ["article.txt", "article.md", "article-ar.txt"]
        .iter()
        .map(|name| fixture(name))
        .collect()
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
