//! Nothing lost: `mizan import` writes the user's configuration only when
//! the result is valid, and atomically; a hostile OPML file (titles with
//! bidi overrides and C1 controls) is imported and exported without any of
//! them reaching the terminal.

mod common;

use common::binary::run_at_home;
use common::hostile::forbidden;
use std::path::{Path, PathBuf};

fn opml(home: &Path, outlines: &str) -> PathBuf {
    let path = home.join("subs.opml");
    std::fs::write(
        &path,
        format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>subs</title></head><body>{outlines}</body></opml>"
        ),
    )
    .unwrap();
    path
}

#[test]
fn an_import_that_would_break_the_config_leaves_it_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    // Valid on its own; `[[source]]` tables cannot be added after it.
    let before = "# mine\nsource = []\n";
    std::fs::write(&config, before).unwrap();
    let subs = opml(
        dir.path(),
        r#"<outline text="Dispatch" xmlUrl="http://127.0.0.1:9/feed.xml"/>"#,
    );
    let output = run_at_home(dir.path(), &["import", subs.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("left unchanged"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|name| name.to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn hostile_feed_titles_are_imported_and_exported_without_controls() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[display]\nbidi = \"off\"\n",
    )
    .unwrap();
    let subs = opml(
        dir.path(),
        "<outline text=\"Daily \u{202e}semiT\u{202c} \u{9b}2J \u{2066}x\u{2069}\" xmlUrl=\"http://127.0.0.1:9/a\u{9d}.xml\"/>",
    );
    let import = run_at_home(dir.path(), &["import", subs.to_str().unwrap()]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let export = run_at_home(dir.path(), &["export", "--opml"]);
    assert!(export.status.success());
    for (what, output) in [("import", &import), ("export", &export)] {
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.chars().any(forbidden), "{what}: {text:?}");
        }
    }
    let exported = String::from_utf8_lossy(&export.stdout);
    let feeds = mizan_store::feeds::opml::read_opml(&exported).unwrap();
    assert_eq!(
        feeds[0].title.as_deref(),
        Some("Daily \u{202e}semiT\u{202c} \u{9b}2J \u{2066}x\u{2069}"),
        "character references keep the data: {exported}"
    );
}
