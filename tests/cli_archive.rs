//! Archive-scale tagging as a user runs it (issue 17): `mizan tag --input
//! jsonl` on standard input and on files, shards that give the same lines
//! as the whole, malformed lines reported by number while the rest is
//! tagged, `mizan compare --input jsonl`, and the Dask recipe of
//! `scripts/dask_tag.py` against the single process. The articles are our
//! own.

use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Articles of our own: (id, title, text, outlet, lang).
const ARTICLES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "ar-1",
        "اشتباكات على الحدود",
        "قالت وزارة الخارجية الأرمينية إن القوات الأذربيجانية «قصفت قرى حدودية» فجر اليوم.\n\nوأدانت فرنسا الهجوم، ودعت باكو إلى احترام وقف إطلاق النار.\n\nمن جهته، أعرب الكرملين عن دعمه لجهود الوساطة.",
        "wakala",
        "ar",
    ),
    (
        "ar-2",
        "خاركيف",
        "ندد الاتحاد الأوروبي بالقصف الروسي لمدينة خاركيف، وطالب موسكو بسحب قواتها.\n\nوقال المتحدث باسم الحكومة الأوكرانية: «نشكر شركاءنا على دعمهم».",
        "sahifa",
        "ar",
    ),
    (
        "en-3",
        "Border shelling",
        "The Armenian foreign ministry accused Azerbaijan of shelling border villages overnight.\n\n\"We will respond to any provocation,\" the Azerbaijani defence ministry said in a statement.",
        "Gulf Wire",
        "en",
    ),
    (
        "en-4",
        "Sanctions",
        "Russia condemned the new sanctions, saying they would hurt ordinary people.\n\nUkraine's president thanked the European Union for its support.",
        "Gulf Wire",
        "en",
    ),
];

fn record(index: usize) -> Value {
    let (id, title, text, outlet, lang) = ARTICLES[index % ARTICLES.len()];
    json!({
        "id": format!("{id}-{index}"),
        "title": title,
        "text": text,
        "outlet": outlet,
        "date": format!("2024-03-{:02}", index % 28 + 1),
        "lang": lang,
    })
}

fn jsonl(records: impl IntoIterator<Item = Value>) -> Vec<u8> {
    let mut out = Vec::new();
    for record in records {
        out.extend_from_slice(record.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

/// A temporary home: no user configuration or store is read.
struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Home {
        Home(tempfile::tempdir().expect("a temporary directory"))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a directory");
        std::fs::write(&path, bytes).expect("written");
        path
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mizan"));
        command
            .args(args)
            .current_dir(self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("MIZAN_DATA_DIR", self.path().join("data"))
            .env("HOME", self.path())
            .env("NO_COLOR", "1");
        command
    }

    /// mizan with `args`, `input` on its standard input.
    fn run(&self, args: &[&str], input: &[u8]) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mizan starts");
        let mut stdin = child.stdin.take().expect("a pipe");
        let input = input.to_vec();
        let feeder = std::thread::spawn(move || stdin.write_all(&input));
        let output = child.wait_with_output().expect("mizan ends");
        feeder
            .join()
            .expect("the feeder ends")
            .expect("input written");
        output
    }
}

fn succeeded(output: &Output) -> &[u8] {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    &output.stdout
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect()
}

fn articles_of(lines: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = lines
        .iter()
        .map(|line| line["article"].as_str().expect("an id").to_string())
        .collect();
    ids.dedup();
    ids
}

#[test]
fn records_on_standard_input_are_tagged_in_input_order_with_their_ids() {
    let home = Home::new();
    let input = jsonl((0..ARTICLES.len()).map(record));
    let output = home.run(&["tag", "--input", "jsonl", "-"], &input);
    let lines = lines(succeeded(&output));
    assert_eq!(
        articles_of(&lines),
        ["ar-1-0", "ar-2-1", "en-3-2", "en-4-3"]
    );
    let blamed: Vec<&str> = lines
        .iter()
        .flat_map(|l| l["blames"].as_array().expect("a list"))
        .map(|p| p.as_str().expect("a party"))
        .collect();
    assert!(
        blamed.contains(&"azerbaijan") && blamed.contains(&"russia"),
        "{blamed:?}"
    );
    assert!(lines.iter().any(|l| l["outlet"] == "Gulf Wire"));
}

#[test]
fn a_record_tags_like_the_markdown_file_with_the_same_front_matter() {
    let home = Home::new();
    let input = jsonl((0..ARTICLES.len()).map(record));
    let from_records = lines(succeeded(&home.run(&["tag", "--input", "jsonl"], &input)));
    let mut paths = Vec::new();
    let mut body_starts = Vec::new();
    for index in 0..ARTICLES.len() {
        let r = record(index);
        let front_matter = format!(
            "+++\ntitle = {}\noutlet = {}\ndate = {}\nlang = {}\n+++\n",
            r["title"], r["outlet"], r["date"], r["lang"]
        );
        let markdown = format!("{front_matter}{}\n", r["text"].as_str().expect("text"));
        let name = format!("{}.md", r["id"].as_str().expect("an id"));
        home.write(&name, markdown.as_bytes());
        paths.push(name);
        body_starts.push(front_matter.len() as u64);
    }
    let mut args = vec!["tag"];
    args.extend(paths.iter().map(String::as_str));
    let mut from_files = lines(succeeded(&home.command(&args).output().expect("runs")));
    // A file's offsets count its front matter; a record's index its text.
    for line in &mut from_files {
        let path = line["article"].as_str().expect("a path");
        let id = path.trim_end_matches(".md").to_string();
        let index: usize = id
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a number");
        let shift = |value: &mut Value| {
            *value = json!(value.as_u64().expect("an offset") - body_starts[index]);
        };
        shift(&mut line["start"]);
        shift(&mut line["end"]);
        for evidence in line["evidence"].as_array_mut().expect("evidence") {
            shift(&mut evidence["cue_start"]);
            shift(&mut evidence["target_start"]);
        }
        line["article"] = json!(id);
    }
    assert!(from_records.len() >= 8, "{from_records:?}");
    assert_eq!(from_records, from_files);
}

#[test]
fn four_shards_give_the_lines_of_the_whole_stream_byte_for_byte() {
    let home = Home::new();
    // More records than one batch holds, so the order across batches counts.
    let records: Vec<Value> = (0..2_100).map(record).collect();
    let whole = home.run(&["tag", "--input", "jsonl", "-"], &jsonl(records.clone()));
    let whole = succeeded(&whole).to_vec();
    let expected_ids: Vec<String> = records
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect();
    assert_eq!(articles_of(&lines(&whole)), expected_ids);
    let mut shards = Vec::new();
    let mut by_shard = Vec::new();
    for (n, chunk) in records.chunks(records.len().div_ceil(4)).enumerate() {
        let path = home.write(&format!("shard-{n}.jsonl"), &jsonl(chunk.to_vec()));
        by_shard.extend_from_slice(succeeded(&home.run(
            &["tag", "--input", "jsonl", path.to_str().expect("a path")],
            b"",
        )));
        shards.push(path.to_str().expect("a path").to_string());
    }
    assert_eq!(shards.len(), 4);
    assert!(
        by_shard == whole,
        "the shards tagged one by one differ from the whole"
    );
    let mut args = vec!["tag", "--input", "jsonl"];
    args.extend(shards.iter().map(String::as_str));
    let named = home.command(&args).output().expect("runs");
    assert!(
        succeeded(&named) == whole,
        "the shards named together differ from the whole"
    );
}

#[test]
fn malformed_lines_are_reported_by_number_and_the_others_tagged() {
    let home = Home::new();
    let config = home.write("small.toml", b"[limits]\nmax_article_bytes = 2000\n");
    let mut input = Vec::new();
    let good = |index: usize| jsonl([record(index)]);
    input.extend(good(0)); // line 1
    input.extend(b"{\"id\": \"broken\", \"text\": \n"); // 2: bad JSON
    input.extend(good(1)); // 3
    input.extend(b"{\"id\": \"no-text\", \"title\": \"t\"}\n"); // 4
    input.extend(b"\n"); // 5: blank, skipped quietly
    input.extend(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n"); // 6: invalid UTF-8
    let long = "ب".repeat(1_500);
    input.extend(jsonl([json!({"id": "long", "text": long})])); // 7: 3,000+ bytes
    input.extend(good(2)); // 8
    input.extend(b"[\"ar-9\", \"title\", \"text\"]\n"); // 9: not an object
    input.extend(good(3)); // 10, no final line break
    input.pop();
    let output = home.run(
        &[
            "--config",
            config.to_str().expect("a path"),
            "tag",
            "--input",
            "jsonl",
            "-",
        ],
        &input,
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "a skipped line fails the run"
    );
    let stderr = String::from_utf8(output.stderr.clone()).expect("UTF-8 messages");
    for expected in [
        "mizan: error: stdin:2: bad JSON at column 25: EOF while parsing a value",
        "mizan: error: stdin:4: no `text` field",
        "mizan: error: stdin:6: invalid UTF-8 at byte 29 of the line",
        "mizan: error: stdin:7: longer than the limit of 2000 bytes (limits.max_article_bytes in config.toml)",
        "mizan: error: stdin:9: bad JSON at column 1: expected a JSON object (an article)",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert_eq!(stderr.lines().count(), 5, "{stderr}");
    assert!(!stderr.contains("panicked"));
    let tagged = articles_of(&lines(&output.stdout));
    assert_eq!(tagged, ["ar-1-0", "ar-2-1", "en-3-2", "en-4-3"]);
}

#[test]
fn a_missing_jsonl_file_is_reported_and_the_next_one_read() {
    let home = Home::new();
    let present = home.write("present.jsonl", &jsonl([record(0)]));
    let output = home
        .command(&[
            "tag",
            "--input",
            "jsonl",
            "missing.jsonl",
            present.to_str().expect("a path"),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("missing.jsonl: no such file or directory"),
        "{stderr}"
    );
    assert_eq!(articles_of(&lines(&output.stdout)), ["ar-1-0"]);
}

#[test]
fn an_unknown_lang_is_a_warning_naming_the_line() {
    let home = Home::new();
    let mut odd = record(2);
    odd["lang"] = json!("xx");
    let output = home.run(&["tag", "--input", "jsonl"], &jsonl([record(0), odd]));
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("mizan: warning: stdin:2: unknown lang `xx`, detected from the text"),
        "{stderr}"
    );
    assert_eq!(articles_of(&lines(&output.stdout)), ["ar-1-0", "en-3-2"]);
}

#[test]
fn compare_reads_the_same_records() {
    let home = Home::new();
    let input = jsonl((0..ARTICLES.len()).map(record));
    let output = home.run(
        &["compare", "--input", "jsonl", "--format", "json", "-"],
        &input,
    );
    let comparison: Value = serde_json::from_slice(succeeded(&output)).expect("JSON");
    let paths: Vec<&str> = comparison["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["path"].as_str().expect("a path"))
        .collect();
    assert_eq!(paths, ["ar-1-0", "ar-2-1", "en-3-2", "en-4-3"]);
    let tagged = lines(succeeded(&home.run(&["tag", "--input", "jsonl"], &input)));
    let statements: u64 = comparison["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["statements"].as_u64().expect("a count"))
        .sum();
    assert_eq!(statements, tagged.len() as u64);
}

/// A Python with Dask distributed: `$MIZAN_DASK_PYTHON`, else the virtual
/// environment `.ci/run` makes (`target/dask-venv`), else `python3`.
/// Without one the engine test is skipped, loudly, unless
/// `MIZAN_REQUIRE_DASK` is set (as `.ci/run` sets it).
fn dask_python() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("MIZAN_DASK_PYTHON").map(PathBuf::from),
        Some(root.join("target/dask-venv/bin/python")),
        Some(PathBuf::from("python3")),
    ];
    let found = candidates.into_iter().flatten().find(|python| {
        Command::new(python)
            .args(["-c", "import dask.distributed"])
            .output()
            .is_ok_and(|output| output.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("MIZAN_REQUIRE_DASK").is_none(),
            "MIZAN_REQUIRE_DASK is set but no Python has dask.distributed"
        );
        eprintln!(
            "SKIPPED: the Dask engine test needs Python with `dask[distributed]` (set MIZAN_DASK_PYTHON or run .ci/run)"
        );
    }
    found
}

#[test]
fn the_dask_engine_writes_what_the_single_process_writes() {
    let Some(python) = dask_python() else { return };
    let home = Home::new();
    let records: Vec<Value> = (0..240).map(record).collect();
    let mut shards = Vec::new();
    let mut concatenated = Vec::new();
    for (n, chunk) in records.chunks(60).enumerate() {
        let mut shard = jsonl(chunk.to_vec());
        if n == 2 {
            shard.extend_from_slice(b"{\"id\": \"broken\"\n");
            shard.extend(jsonl([record(7)]));
        }
        concatenated.extend_from_slice(&shard);
        let path = home.write(&format!("shard-{n}.jsonl"), &shard);
        shards.push(path.to_str().expect("a path").to_string());
    }
    let single = home.run(&["tag", "--input", "jsonl", "-"], &concatenated);
    assert_eq!(single.status.code(), Some(1), "the broken line is skipped");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/dask_tag.py");
    for (run, blocksize) in [("per-shard", None), ("blocks", Some("4kB"))] {
        let out = home.path().join(run);
        let mut engine = Command::new(&python);
        engine
            .arg(&script)
            .args(["--local", "2", "--mizan", env!("CARGO_BIN_EXE_mizan")])
            .env("XDG_CONFIG_HOME", home.path().join("config"));
        if let Some(size) = blocksize {
            engine.args(["--blocksize", size]);
        }
        let output = engine
            .arg(&out)
            .args(&shards)
            .output()
            .expect("python runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        // A block is a whole shard unless a size is asked for: the line
        // number is then the shard's.
        let reported = match blocksize {
            None => "shard-2.jsonl: mizan: error: stdin:61: bad JSON",
            Some(_) => "shard-2.jsonl: mizan: error: stdin:",
        };
        assert!(stderr.contains(reported), "{stderr}");
        let mut parts: Vec<PathBuf> = std::fs::read_dir(&out)
            .expect("part files")
            .map(|entry| entry.expect("an entry").path())
            .collect();
        parts.sort();
        assert!(parts.len() >= 4, "{parts:?}");
        let written: Vec<u8> = parts
            .iter()
            .flat_map(|part| std::fs::read(part).expect("a part"))
            .collect();
        assert!(written == single.stdout, "{run}: the engine's lines differ");
    }
}
