//! `mizan render` as a user runs it: bad widths and paths give a clear
//! message and a non-zero exit (never a panic), and good input prints lines
//! that fit the width.

use std::process::{Command, Output};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fn mizan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .args(args)
        .env("HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("mizan runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_clean_failure(output: &Output, expected: &str) {
    let message = stderr(output);
    assert!(!output.status.success(), "exit status {:?}", output.status);
    assert!(message.contains(expected), "message was: {message}");
    assert!(!message.contains("panicked"), "panic: {message}");
}

fn article_file() -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new()
        .suffix(".txt")
        .tempfile()
        .expect("temp file");
    std::fs::write(
        file.path(),
        "عنوان الخبر التجريبي\n\nقال المتحدث إن \u{1b}[31mالاجتماع\u{1b}[0m سيعقد يوم 2024-03-05 بحضور ممثلين عن 12 دولة (منها AFP).\n",
    )
    .expect("written");
    file
}

#[test]
fn width_zero_is_refused() {
    let file = article_file();
    let output = mizan(&["render", "--width", "0", file.path().to_str().unwrap()]);
    assert_clean_failure(&output, "between 1 and 10000");
}

#[test]
fn huge_width_is_refused() {
    let file = article_file();
    let output = mizan(&["render", "--width", "100000", file.path().to_str().unwrap()]);
    assert_clean_failure(&output, "between 1 and 10000");
}

#[test]
fn non_numeric_width_is_refused() {
    let output = mizan(&["render", "--width", "wide", "x.txt"]);
    assert_clean_failure(&output, "whole number");
}

#[test]
fn missing_file_is_reported() {
    let output = mizan(&["render", "/nonexistent/article.txt"]);
    assert_clean_failure(&output, "/nonexistent/article.txt");
}

#[test]
fn app_mode_lines_fill_the_width_and_hold_no_escape() {
    let file = article_file();
    let output = mizan(&["render", "--width", "33", file.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(!text.contains('\u{1b}'));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 4, "{text}");
    for line in lines.iter().filter(|line| !line.is_empty()) {
        let cells: usize = line.graphemes(true).map(|g| g.width()).sum();
        assert_eq!(cells, 33, "{line:?}");
    }
}

#[test]
fn terminal_mode_prints_logical_unpadded_lines() {
    let file = article_file();
    let output = mizan(&[
        "render",
        "--width",
        "40",
        "--bidi",
        "terminal",
        file.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.starts_with("عنوان الخبر التجريبي\n\nقال المتحدث"),
        "{text}"
    );
    assert!(text.contains("2024-03-05"));
}
