//! The article size limit as a user meets it: a file over
//! `limits.max_article_bytes` is refused with a message naming the setting
//! while the other files are still shown, an endless device is refused
//! without filling memory, and a limit of zero or past what a text range can
//! index once laid out (2 GiB) is a configuration error.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn mizan(config: &Path, args: &[&str]) -> Output {
    let home = config.parent().unwrap();
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env("MIZAN_DATA_DIR", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn an_article_over_the_configured_limit_is_refused_and_the_others_shown() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[limits]\nmax_article_bytes = 1000\n").unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(
        &small,
        "Small title\n\nThe minister said the talks would resume.\n",
    )
    .unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, format!("Big title\n\n{}\n", "word ".repeat(400))).unwrap();

    let output = mizan(
        &config,
        &["render", small.to_str().unwrap(), big.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("Small title"), "{stdout}");
    assert!(!stdout.contains("Big title"), "{stdout}");
    assert!(
        stderr.contains("big.txt: larger than the limit of 1000 bytes (limits.max_article_bytes"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_at_the_default_limit() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let output = mizan(&config, &["render", "/dev/zero"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("/dev/zero: larger than the limit of 16777216 bytes"),
        "{stderr}"
    );
}

/// The `check` error output for a configured `max_article_bytes`.
fn limit_error(max_article_bytes: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let limits = format!("[limits]\nmax_article_bytes = {max_article_bytes}\n");
    std::fs::write(&config, limits).unwrap();
    let output = mizan(&config, &["check"]);
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_zero_limit_is_a_configuration_error() {
    let stderr = limit_error("0");
    assert!(
        stderr.contains("limits.max_article_bytes must be at least 1"),
        "{stderr}"
    );
}

#[test]
fn a_limit_past_2_gib_is_a_configuration_error() {
    let stderr = limit_error("2147483648");
    assert!(
        stderr.contains("limits.max_article_bytes must be at most 2147483647"),
        "{stderr}"
    );
}
