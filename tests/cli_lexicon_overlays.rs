//! `mizan init` and `mizan check` with user lexicons as overlays, as a user
//! runs them: init writes empty overlays that change nothing and never
//! overwrites a file, `--copy` writes a full copy that replaces a built-in
//! file, and check points at stale copies and at problems in overlays.

mod common;

use common::binary::run_at_home;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A user's home, with an empty `config.toml`: the lexicons `mizan init`
/// writes go to its configuration directory.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        Home { dir }
    }

    /// A file of `$XDG_CONFIG_HOME/mizan/lexicons`.
    fn lexicon(&self, name: &str) -> PathBuf {
        let lexicons = self.dir.path().join("xdg-config/mizan/lexicons");
        lexicons.join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        run_at_home(self.dir.path(), args)
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn builtin(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("lexicons")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

const ARTICLES: &str = "tests/fixtures/gold";

#[test]
fn init_writes_overlays_that_change_nothing_and_check_finds_them_clean() {
    let home = Home::new();
    let before = stdout(&home.run(&["tag", ARTICLES]));
    assert!(before.contains("\"evidence\""), "{before}");
    let output = home.run(&["init"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(text.matches("wrote ").count(), 13, "{text}");
    assert!(text.contains("overlays on the built-in ones"), "{text}");
    for name in ["ar/parties.toml", "en/cues.toml", "en/negation.toml"] {
        let overlay = std::fs::read_to_string(home.lexicon(name)).unwrap();
        assert!(
            overlay.contains(&format!("mizan init --copy {name}")),
            "{overlay}"
        );
    }
    let check = home.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("0 error(s), 0 warning(s)"),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
    assert_eq!(stdout(&home.run(&["tag", ARTICLES])), before);
}

#[test]
fn init_keeps_every_existing_file_and_check_names_an_old_full_copy() {
    let home = Home::new();
    let old_copy = builtin("en/cues.toml");
    let path = home.lexicon("en/cues.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &old_copy).unwrap();
    let output = home.run(&["init"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("kept "), "{}", stdout(&output));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), old_copy);

    let check = home.run(&["check"]);
    assert!(
        check.status.success(),
        "warnings do not fail: {}",
        stderr(&check)
    );
    let warning = format!("{}:1:1: warning: this overlay repeats", path.display());
    assert!(stderr(&check).contains(&warning), "{}", stderr(&check));
    assert!(stderr(&check).contains("older `mizan init`"));
    assert!(
        stdout(&check).contains("1 warning(s)"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn a_full_copy_replaces_the_built_in_file_and_check_says_when_the_built_in_is_newer() {
    let home = Home::new();
    let output = home.run(&["init", "--copy", "en/cues.toml", "--copy", "ar/verbs.toml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let copy = home.lexicon("en/cues-full.toml");
    assert!(copy.is_file() && home.lexicon("ar/verbs-full.toml").is_file());
    assert!(
        !home.lexicon("en/cues.toml").exists(),
        "--copy writes only copies"
    );
    assert!(stdout(&home.run(&["check"])).contains("0 warning(s)"));

    let text = std::fs::read_to_string(&copy).unwrap();
    let last_entry = text.rfind("[[cue]]").unwrap();
    let last_id = text[last_entry..].split('"').nth(1).unwrap().to_string();
    std::fs::write(&copy, &text[..last_entry]).unwrap();
    let check = home.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let key_line = text
        .lines()
        .position(|l| l == "replaces_builtin = true")
        .unwrap()
        + 1;
    let place = format!(
        "{}:{key_line}:20: warning: this file replaces the built-in en/cues.toml",
        copy.display()
    );
    let err = stderr(&check);
    assert!(err.contains(&place), "{err}");
    assert!(err.contains(&format!("(`{last_id}`)")), "{err}");
    assert!(
        err.contains("  replaces_builtin = true\n                     ^"),
        "{err}"
    );

    let again = home.run(&["init", "--copy", "en/cues.toml"]);
    assert!(stdout(&again).contains("kept "));
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text[..last_entry]);
}

#[test]
fn copying_an_unknown_file_fails_naming_the_built_in_ones() {
    let output = Home::new().run(&["init", "--copy", "en/colours.toml"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("no built-in lexicon file `en/colours.toml`")
            && err.contains("ar/parties.toml"),
        "{err}"
    );
}

#[test]
fn check_reports_every_problem_of_the_overlays_at_its_place() {
    let home = Home::new();
    assert!(home.run(&["init"]).status.success());
    let cues = home.lexicon("en/cues.toml");
    let mut overlay = std::fs::read_to_string(&cues).unwrap();
    overlay.push_str("[[cue]]\nid = \"mine\"\nstance = \"blames\"\ntarget = \"noun\"\nterms = [\"x\"]\nremove = [\"wrongdoing\"]\n");
    std::fs::write(&cues, &overlay).unwrap();
    let remove_line = overlay.lines().count();
    std::fs::write(
        home.lexicon("ar/negation.toml"),
        "remove = [\"zzz\"]\nscope = \"three\"\n",
    )
    .unwrap();
    let check = home.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let err = stderr(&check);
    let cue_error = format!(
        "{}:{remove_line}:1: error: unknown field `remove`",
        cues.display()
    );
    assert!(err.contains(&cue_error), "{err}");
    let negation = home.lexicon("ar/negation.toml");
    assert!(
        err.contains(&format!("{}:2:9: error:", negation.display())),
        "{err}"
    );
    assert!(stdout(&check).contains("2 error(s)"), "{}", stdout(&check));
    let tag = home.run(&["tag", ARTICLES]);
    assert!(!tag.status.success() && stdout(&tag).is_empty());
}
