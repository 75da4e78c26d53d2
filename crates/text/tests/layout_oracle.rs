//! The app-mode layout checked against libfribidi, the reference renderer:
//! for every fixture paragraph (tests/oracle/paragraphs.txt, written for
//! these tests) and width, libfribidi is given the lines that
//! `bidi = terminal` mode produced and must show exactly what app mode shows.
//!
//! The reference runs in Python through ctypes (tests/oracle/
//! fribidi_reference.py). Without python3 or libfribidi the test prints a
//! loud notice and passes, unless `MIZAN_REQUIRE_ORACLE=1` (CI) makes that a
//! failure.

use mizan_text::layout::{BidiMode, Direction, LayoutOptions, layout_paragraph};
use serde_json::json;
use std::io::Write;
use std::process::{Command, Stdio};

const WIDTHS: [usize; 4] = [20, 33, 40, 80];
const PARAGRAPHS: &str = include_str!("oracle/paragraphs.txt");
const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/oracle/fribidi_reference.py"
);
const LIBRARY_MISSING: i32 = 3;

struct Fixture {
    base: Option<Direction>,
    base_name: &'static str,
    text: &'static str,
}

fn fixtures() -> Vec<Fixture> {
    PARAGRAPHS
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            if let Some(text) = line.strip_prefix("ltr: ") {
                Fixture {
                    base: Some(Direction::Ltr),
                    base_name: "ltr",
                    text,
                }
            } else if let Some(text) = line.strip_prefix("auto: ") {
                Fixture {
                    base: None,
                    base_name: "auto",
                    text,
                }
            } else {
                Fixture {
                    base: Some(Direction::Rtl),
                    base_name: "rtl",
                    text: line,
                }
            }
        })
        .collect()
}

fn texts(paragraph: &str, base: Option<Direction>, width: usize, bidi: BidiMode) -> Vec<String> {
    let options = LayoutOptions {
        bidi,
        ..LayoutOptions::default()
    };
    layout_paragraph(paragraph, base, width, &options)
        .into_iter()
        .map(|line| line.text)
        .collect()
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

fn skip_or_fail(reason: &str) {
    if std::env::var("MIZAN_REQUIRE_ORACLE").as_deref() == Ok("1") {
        panic!("MIZAN_REQUIRE_ORACLE=1 but the libfribidi oracle cannot run: {reason}");
    }
    let banner = "!".repeat(74);
    // Written to the process's stderr directly: the test harness captures
    // `eprintln!` of passing tests, and this notice must be seen.
    let _ = writeln!(
        std::io::stderr().lock(),
        "\n{banner}\n!!! SKIPPED: layout oracle test did not run: {reason}\n\
         !!! install python3 and libfribidi0 (apt-get install -y libfribidi0)\n{banner}\n"
    );
}

#[test]
fn app_mode_matches_libfribidi() {
    let fixtures = fixtures();
    let mut cases = Vec::new();
    let mut batch = Vec::new();
    for fixture in &fixtures {
        for width in WIDTHS {
            let logical = texts(fixture.text, fixture.base, width, BidiMode::Terminal);
            let shown = texts(fixture.text, fixture.base, width, BidiMode::App);
            batch.push(json!({ "base": fixture.base_name, "lines": logical }));
            cases.push((fixture.text, width, shown));
        }
    }
    let expected = match reference(&json!(batch)) {
        Ok(expected) => expected,
        Err(reason) => return skip_or_fail(&reason),
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
    let all: String = fixtures().iter().map(|f| f.text).collect();
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
    ] {
        assert!(all.contains(needle), "no fixture contains {needle:?}");
    }
}
