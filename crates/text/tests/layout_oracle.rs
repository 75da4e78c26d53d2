//! The app-mode layout checked against libfribidi, the reference renderer:
//! for every fixture paragraph (tests/oracle/paragraphs.txt, written for
//! these tests) and width, libfribidi is given the logical text of the lines
//! `bidi = terminal` mode produced (implicit marks and tabs included) and
//! what separates them (a space, a tab, or nothing where a word was cut),
//! and must show exactly what app mode shows.
//!
//! `MIZAN_ORACLE_ARTICLES`, a list of plain-text article files separated by
//! colons, adds every non-empty line of each as a paragraph, laid out with
//! the base direction `mizan render` gives the article: a check on real
//! news kept out of the repository.
//!
//! The reference runs in Python through ctypes (tests/oracle/
//! fribidi_reference.py). Without python3 or libfribidi the test prints a
//! loud notice and passes, unless `MIZAN_REQUIRE_ORACLE=1` (CI) makes that a
//! failure.

mod common;

use common::Reference;
use mizan_text::layout::{
    BidiMode, Direction, LaidLine, LayoutOptions, base_direction, layout_paragraph,
};
use mizan_text::{detect_lang, is_arabic};
use serde_json::json;
use std::io::Write;
use std::process::{Command, Stdio};

/// From the narrowest at which a lam-alef ligature fits (at width 1 none is
/// formed, where libfribidi forms them all) to a wide terminal; the narrow
/// ones cut many words.
const WIDTHS: [usize; 9] = [2, 3, 5, 7, 12, 20, 33, 40, 80];
const PARAGRAPHS: &str = include_str!("oracle/paragraphs.txt");
const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/oracle/fribidi_reference.py"
);
const LIBRARY_MISSING: i32 = 3;

struct Fixture {
    base: Option<Direction>,
    text: String,
}

impl Fixture {
    fn base_name(&self) -> &'static str {
        match self.base {
            Some(Direction::Ltr) => "ltr",
            Some(Direction::Rtl) => "rtl",
            None => "auto",
        }
    }
}

/// The fixture paragraphs, in which `\t` stands for a tab and `\u{XXXX}`
/// for the character (the implicit marks are invisible).
fn fixtures() -> Vec<Fixture> {
    PARAGRAPHS
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (base, text) = if let Some(text) = line.strip_prefix("ltr: ") {
                (Some(Direction::Ltr), text)
            } else if let Some(text) = line.strip_prefix("auto: ") {
                (None, text)
            } else {
                (Some(Direction::Rtl), line)
            };
            Fixture {
                base,
                text: unescape(text),
            }
        })
        .collect()
}

fn unescape(text: &str) -> String {
    let mut unescaped = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        unescaped.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("\\t") {
            unescaped.push('\t');
            rest = after;
        } else if let Some((code, after)) = rest
            .strip_prefix("\\u{")
            .and_then(|after| after.split_once('}'))
        {
            let code = u32::from_str_radix(code, 16).expect("a hexadecimal code point");
            unescaped.push(char::from_u32(code).expect("a scalar value"));
            rest = after;
        } else {
            unescaped.push('\\');
            rest = &rest[1..];
        }
    }
    unescaped.push_str(rest);
    unescaped
}

/// Every non-empty line of the articles `MIZAN_ORACLE_ARTICLES` names, with
/// its article's base direction.
fn article_paragraphs() -> Vec<Fixture> {
    let Some(paths) = std::env::var_os("MIZAN_ORACLE_ARTICLES") else {
        return Vec::new();
    };
    std::env::split_paths(&paths)
        .flat_map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("MIZAN_ORACLE_ARTICLES: {}: {e}", path.display()));
            let base = base_direction(detect_lang(&text));
            text.lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| Fixture {
                    base,
                    text: line.to_string(),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn laid_out(
    paragraph: &str,
    base: Option<Direction>,
    width: usize,
    bidi: BidiMode,
) -> Vec<LaidLine> {
    let options = LayoutOptions {
        bidi,
        ..LayoutOptions::default()
    };
    layout_paragraph(paragraph, base, width, &options)
}

/// What the reference is given for a paragraph: the logical text of each
/// line terminal mode printed and what the break between two lines
/// consumed.
fn reference_input(fixture: &Fixture, width: usize) -> serde_json::Value {
    let lines = laid_out(&fixture.text, fixture.base, width, BidiMode::Terminal);
    let logical: Vec<&str> = lines
        .iter()
        .map(|line| line.source.slice(&fixture.text))
        .collect();
    let separators: Vec<&str> = lines
        .windows(2)
        .map(|pair| &fixture.text[pair[0].source.end()..pair[1].source.start()])
        .collect();
    json!({ "base": fixture.base_name(), "lines": logical, "separators": separators })
}

/// Runs the reference on a batch; `Err` says why it could not run.
fn reference(batch: &serde_json::Value) -> Result<Vec<Vec<String>>, String> {
    let mut child = Command::new("python3")
        .arg(REFERENCE)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let input = serde_json::to_vec(batch).expect("serialisable");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(&input)
        .expect("reference reads stdin");
    let output = child.wait_with_output().expect("reference runs");
    if output.status.code() == Some(LIBRARY_MISSING) {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    assert!(
        output.status.success(),
        "the reference failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(serde_json::from_slice(&output.stdout).expect("the reference prints JSON"))
}

const LIBFRIBIDI: Reference = Reference {
    required_by: "MIZAN_REQUIRE_ORACLE",
    test: "layout oracle test",
    install: "install python3 and libfribidi0 (apt-get install -y libfribidi0)",
};

#[test]
fn app_mode_matches_libfribidi() {
    let articles = article_paragraphs();
    let article_count = articles.len();
    let fixtures: Vec<Fixture> = fixtures().into_iter().chain(articles).collect();
    let mut cases = Vec::new();
    let mut batch = Vec::new();
    for fixture in &fixtures {
        for width in WIDTHS {
            let shown: Vec<String> = laid_out(&fixture.text, fixture.base, width, BidiMode::App)
                .into_iter()
                .map(|line| line.text)
                .collect();
            batch.push(reference_input(fixture, width));
            cases.push((fixture.text.as_str(), width, shown));
        }
    }
    let expected = match reference(&json!(batch)) {
        Ok(expected) => expected,
        Err(reason) => return LIBFRIBIDI.skip_or_fail(&reason),
    };
    assert_eq!(expected.len(), cases.len());
    let mismatches: Vec<String> = cases
        .iter()
        .zip(&expected)
        .filter(|((_, _, shown), expected)| shown != *expected)
        .map(|((text, width, shown), expected)| {
            format!("width {width}: {text}\n  mizan:    {shown:?}\n  fribidi:  {expected:?}")
        })
        .collect();
    if article_count > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "layout oracle: {} of {} layouts agree ({} article paragraphs at widths {WIDTHS:?})",
            cases.len() - mismatches.len(),
            cases.len(),
            article_count
        );
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} layouts differ from libfribidi:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}

#[test]
fn fixtures_cover_the_hard_cases() {
    let all: String = fixtures().iter().map(|f| f.text.as_str()).collect();
    for needle in [
        "3.5%",
        "-0.8%",
        "2024-03-05",
        "(",
        "[",
        "«",
        "\"",
        "\u{64e}",
        "لا",
        "ـ",
        "\u{200c}",
        "\u{200d}",
        "ء",
        "لأ",
        "لإ",
        "لآ",
        "\u{200e}",
        "\u{200f}",
        "\u{61c}",
        "\t",
    ] {
        assert!(all.contains(needle), "no fixture contains {needle:?}");
    }
    // A word too long for a line as narrow as a small terminal pane.
    let width = 20;
    let arabic_word_cut = fixtures().iter().any(|fixture| {
        laid_out(&fixture.text, fixture.base, width, BidiMode::App)
            .windows(2)
            .any(|pair| {
                let cut = pair[0].source.end();
                let letters = |text: &str| text.chars().all(is_arabic);
                cut == pair[1].source.start() && letters(&fixture.text[cut - 2..cut + 2])
            })
    });
    assert!(
        arabic_word_cut,
        "no fixture has an Arabic word cut at width {}",
        WIDTHS[0]
    );
}
