//! The command line's answers to everyday mistakes: a configuration naming
//! a party or an action nothing knows gets "did you mean" from
//! `mizan check`; `tag`, `compare` and `render` with nothing to read say so
//! and fail.

mod common;

use common::binary::run_at_home;
use std::process::Output;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_suggests_the_party_and_action_a_configuration_meant() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        home.path().join("config.toml"),
        "[colors]\nkuwiat = \"red\"\nkuwait = \"blue\"\n\n[keys]\n  next_statment = \"j\"\n",
    )
    .expect("write config");
    let output = run_at_home(home.path(), &["check"]);
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "config.toml:2:1: warning: [colors] kuwiat: no party has this id; did you mean kuwait?"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("config.toml:6:3: error: [keys] next_statment: no such action; did you mean next_statement?"),
        "{errors}"
    );
    assert!(
        !errors.contains("[colors] kuwait"),
        "a known party: {errors}"
    );
    assert!(!output.status.success(), "an unknown action is an error");
}

#[test]
fn tag_compare_and_render_with_nothing_to_read_say_so_and_fail() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(home.path().join("config.toml"), "").expect("write config");
    let empty = home.path().join("empty");
    std::fs::create_dir(&empty).expect("an empty directory");
    for command in ["tag", "compare", "render"] {
        for args in [vec![command], vec![command, empty.to_str().expect("UTF-8")]] {
            let output = run_at_home(home.path(), &args);
            assert!(!output.status.success(), "{args:?} exits non-zero");
            assert!(output.stdout.is_empty(), "{args:?} prints nothing to read");
            let errors = stderr(&output);
            assert!(errors.contains("nothing to read"), "{args:?}: {errors}");
        }
    }
}
