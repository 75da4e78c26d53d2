//! End to end: the real `mizan` binary in tmux, driven with `send-keys` and
//! read back with `capture-pane`, which returns exactly the characters the
//! program drew, cell by cell. Checks what a person would see at 160×45 and
//! 80×24. Skipped, loudly, when tmux is missing, unless
//! `MIZAN_REQUIRE_TMUX=1` makes that a failure.

mod common;

use common::tmux::{self, SESSION, Tmux, shell_quote};
use mizan::app::geometry::GUTTER_WIDTH;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ARTICLES: [(&str, &str); 3] = [
    (
        "herald.md",
        "+++\ntitle = \"Baku says Yerevan provoked the border clash\"\noutlet = \"Baku Herald\"\ndate = \"2026-03-04\"\nlang = \"en\"\n+++\n\nAzerbaijan's defence ministry said Armenian units \"opened fire first\" near the village and blamed Yerevan for the escalation.\n\nThe ministry said two soldiers were wounded and that its troops had returned fire before the shelling stopped at dawn.\n",
    ),
    (
        "rasd.md",
        "+++\ntitle = \"يريفان تتهم باكو بخرق الهدنة على الحدود\"\noutlet = \"وكالة الرصد\"\ndate = \"2026-03-05\"\nlang = \"ar\"\n+++\n\nقال وزير الخارجية الأرمني إن القوات الأذربيجانية \"خرقت الهدنة مرتين خلال ليلة واحدة\" قرب بلدة حدودية.\n\nمن جهته، أكد وزير الخارجية الأمريكي أنتوني بلينكن أن واشنطن تدعم جهود الوساطة وتدعو الطرفين إلى ضبط النفس.\n",
    ),
    (
        "wire.md",
        "+++\ntitle = \"Armenia accuses Azerbaijan of breaking border truce\"\noutlet = \"Caucasus Wire\"\ndate = \"2026-03-05\"\nlang = \"en\"\n+++\n\nArmenia's foreign minister said Azerbaijani forces \"broke the truce twice in one night\" near a border village.\n",
    ),
];

fn write_articles(dir: &Path) -> Vec<PathBuf> {
    ARTICLES
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("write fixture");
            path
        })
        .collect()
}

/// The command that runs mizan on `dir` with no user configuration; `exec`
/// makes mizan the pane's process (the one a signal is sent to).
fn mizan_command(home: &Path) -> String {
    format!("{} {}", configured_command(home), shell_quote(home))
}

/// The command that runs mizan without a path, configured in `home`.
fn configured_command(home: &Path) -> String {
    format!(
        "exec env HOME={home} XDG_CONFIG_HOME={home}/config XDG_DATA_HOME={home}/data {bin}",
        home = shell_quote(home),
        bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_mizan"))),
    )
}

#[test]
fn the_terminal_is_restored_after_sigterm() {
    if !tmux::available("the_terminal_is_restored_after_sigterm") {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    write_articles(home.path());
    let tmux = Tmux::new("e2e-term");
    tmux.start(100, 30, "sleep 0.3; exit");
    tmux.run(&["set-option", "-g", "remain-on-exit", "on"]);
    tmux.run(&[
        "respawn-pane",
        "-k",
        "-t",
        SESSION,
        &mizan_command(home.path()),
    ]);
    tmux.wait("the article list", |s| s.contains("3 articles"));
    assert_eq!(tmux.pane_format("#{alternate_on}"), "1");
    assert_eq!(tmux.pane_format("#{mouse_any_flag}"), "1");
    let pid = tmux.pane_format("#{pane_pid}");
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    // tmux may see the pane close a moment before it learns the exit status,
    // and with the reader exec'd as the pane's process it sometimes never
    // does: a dead pane whose status stays unknown for a while is a process
    // that ended by itself (death by the signal would show as signal 15).
    let mut dead_since: Option<Instant> = None;
    let how = loop {
        let how = tmux.pane_format("#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}");
        if how.starts_with('1') {
            let since = *dead_since.get_or_insert_with(Instant::now);
            if how != "1::" || since.elapsed() > Duration::from_secs(2) {
                break how;
            }
        }
        assert!(Instant::now() < deadline, "mizan did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        how == "1:0:" || how == "1::",
        "a clean exit, not death by the signal: {how}"
    );
    assert_eq!(
        tmux.pane_format("#{alternate_on}"),
        "0",
        "alternate screen left"
    );
    assert_eq!(
        tmux.pane_format("#{mouse_any_flag}"),
        "0",
        "mouse capture off"
    );
}

#[test]
fn a_person_reads_filters_compares_and_quits() {
    if !tmux::available("a_person_reads_filters_compares_and_quits") {
        return;
    }
    for (width, height) in [(160u16, 45u16), (80, 24)] {
        let home = tempfile::tempdir().expect("temp dir");
        let paths = write_articles(home.path());
        let command = mizan_command(home.path());
        let tmux = Tmux::new(&format!("e2e-{width}"));
        tmux.start(width, height, &command);

        let list = tmux.wait("the article list", |s| s.contains("3 articles"));
        assert!(
            list.contains("Baku Herald") && list.contains("Caucasus Wire"),
            "{list}"
        );

        tmux.keys(&["/"]);
        tmux.type_literal("outlet:herald");
        // Each wait names the finished state: tmux may still be delivering
        // keys, and an Escape sent too early would reach mizan glued to the
        // next key (as Alt+key) instead of closing the filter.
        let filtered = tmux.wait("the filter", |s| {
            s.contains("/ outlet:herald") && s.contains("1 article ·")
        });
        assert!(
            filtered.contains("Baku Herald") && !filtered.contains("Caucasus Wire"),
            "{filtered}"
        );
        tmux.keys(&["Escape"]);
        tmux.wait("the filter to clear", filter_cleared);

        tmux.keys(&["/"]);
        tmux.type_literal("تتهم lang:ar");
        let arabic = tmux.wait("the Arabic filter", |s| {
            s.contains("lang:ar") && s.contains("1 article ·")
        });
        assert!(!arabic.contains("Baku Herald"), "{arabic}");
        tmux.keys(&["Escape"]);
        tmux.wait("the filter to clear", filter_cleared);
        tmux.keys(&["/"]);
        tmux.type_literal("باكو");
        tmux.wait("the Arabic input", |s| s.contains("1 article ·"));
        // Typing ends with the cursor at the left end of the Arabic text,
        // right after the prompt (tmux may still be delivering keys).
        let deadline = Instant::now() + Duration::from_secs(5);
        while tmux.pane_format("#{cursor_x}") != "/ ".len().to_string() {
            assert!(
                Instant::now() < deadline,
                "the cursor is not at the left end of the Arabic input"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        tmux.keys(&["Escape"]);
        tmux.wait("the filter to clear", filter_cleared);

        tmux.keys(&["?"]);
        tmux.wait("the help", |s| s.contains("next statement"));
        tmux.keys(&["?"]);
        tmux.wait("the help to close", |s| !s.contains("next statement"));

        check_reader_matches_render(&tmux, &paths);

        tmux.keys(&["Space", "Space", "Space", "c"]);
        let compare = tmux.wait("the comparison", |s| s.contains('│'));
        let header = compare.lines().next().unwrap_or("");
        assert_eq!(header.matches('│').count(), 2, "three panes: {compare}");
        for outlet in ["Baku Herald", "Caucasus Wire"] {
            assert!(header.contains(outlet), "{compare}");
        }
        tmux.keys(&["Escape"]);
        tmux.wait("the list", |s| s.contains("title (sorted by"));
        tmux.keys(&["q"]);
        assert!(tmux.ended(), "q ends mizan");
    }
}

#[test]
fn a_story_is_grouped_compared_and_its_omissions_listed() {
    if !tmux::available("a_story_is_grouped_compared_and_its_omissions_listed") {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    write_articles(home.path());
    let tmux = Tmux::new("e2e-story");
    tmux.start(160, 45, &mizan_command(home.path()));
    tmux.wait("the article list", |s| s.contains("3 articles"));

    // `t` groups once the stories are built in the background (before that
    // it says to press it again), so it is pressed until the list is
    // grouped, slower than mizan answers, never twice into one state.
    let mut pressed: Option<Instant> = None;
    tmux.wait_until("the list grouped by story", |tmux| {
        if tmux.screen().contains("by story") {
            return true;
        }
        if pressed.is_none_or(|at| at.elapsed() > Duration::from_millis(500)) {
            tmux.keys(&["t"]);
            pressed = Some(Instant::now());
        }
        false
    });
    // The header names the story's parties, dates, articles and outlets.
    // The cursor stays on its article (the newest, first under the
    // header), so `k` reaches the header.
    let grouped = tmux.wait("the story header", |s| s.contains("3 articles · 3 outlets"));
    assert!(grouped.contains("2026-03-04–05"), "{grouped}");
    tmux.keys(&["k", "Enter"]);
    let compare = tmux.wait("the story's comparison", |s| s.contains('│'));
    let header = compare.lines().next().unwrap_or("");
    assert_eq!(header.matches('│').count(), 2, "three panes: {compare}");
    assert!(header.starts_with("Baku Herald"), "oldest first: {compare}");

    // The first pane's outlet does not report the Arabic article's two
    // statements nor the wire's: the omitted list shows all three.
    tmux.keys(&["O"]);
    let omitted = tmux.wait("the omitted list", |s| {
        s.contains("that Baku Herald omits: 3")
    });
    assert!(
        omitted.contains("Caucasus Wire") && omitted.contains("Armenia's foreign minister"),
        "{omitted}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait("the omitted list to close", |s| !s.contains("omits:"));
    tmux.keys(&["Escape"]);
    tmux.wait("the list", |s| s.contains("title (sorted by"));
    tmux.keys(&["q"]);
}

/// The whole list shows again and the filter line is gone.
fn filter_cleared(screen: &str) -> bool {
    screen.contains("Caucasus Wire") && !screen.lines().any(|line| line.starts_with("/ "))
}

/// Opens the first article (newest: the Arabic one) and checks every body
/// row against what `mizan render` prints at the width the header states.
fn check_reader_matches_render(tmux: &Tmux, paths: &[PathBuf]) {
    tmux.keys(&["Enter"]);
    let reader = tmux.wait("the reader", |s| s.contains("· width "));
    let width: usize = reader
        .split("· width ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("the header states the text width");
    let rendered = Command::new(env!("CARGO_BIN_EXE_mizan"))
        .args(["render", "--width", &width.to_string()])
        .arg(&paths[1])
        .env("XDG_CONFIG_HOME", paths[1].parent().expect("a directory"))
        .output()
        .expect("mizan render runs");
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let expected = String::from_utf8(rendered.stdout).expect("UTF-8");
    let expected: Vec<&str> = expected.lines().collect();
    // The frame may still be arriving: wait until every body row matches.
    let matches = |screen: &str| {
        let rows: Vec<String> = screen
            .lines()
            .skip(1)
            .take(expected.len())
            .map(|row| row.chars().skip(usize::from(GUTTER_WIDTH)).collect())
            .collect();
        rows.len() == expected.len()
            && rows
                .iter()
                .zip(&expected)
                .all(|(shown, line)| shown.trim_end() == line.trim_end())
    };
    tmux.wait("the reader to show what render prints", matches);
    tmux.keys(&["Escape"]);
    tmux.wait("the list", |s| s.contains("title (sorted by"));
}

/// A home with the fixture articles in `articles/` and a configuration
/// directory; the articles' directory and where `config.toml` goes.
fn configured_home() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let home = tempfile::tempdir().expect("temp dir");
    let articles = home.path().join("articles");
    std::fs::create_dir(&articles).expect("articles dir");
    write_articles(&articles);
    let config_dir = home.path().join("config/mizan");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    let config = config_dir.join("config.toml");
    (home, articles, config)
}

#[test]
fn a_broken_configuration_edit_is_reported_and_a_fix_is_applied() {
    if !tmux::available("a_broken_configuration_edit_is_reported_and_a_fix_is_applied") {
        return;
    }
    let (home, articles, config) = configured_home();
    let good = format!(
        "[[source]]\npath = {:?}\n\n[reader]\nsort = \"title\"\n",
        articles.display().to_string()
    );
    std::fs::write(&config, &good).expect("write config");
    let command = configured_command(home.path());
    let tmux = Tmux::new("e2e-reload");
    tmux.start(160, 30, &command);
    let list = tmux.wait("the configured sources", |s| s.contains("3 articles"));
    assert!(list.contains("configured sources"), "{list}");
    assert!(list.contains("sorted by title"), "{list}");

    std::fs::write(&config, "[reader]\nsorting = 1\n").expect("break config");
    let broken = tmux.wait("the error", |s| s.contains("reload error"));
    assert!(broken.contains("config.toml:2:1"), "{broken}");
    tmux.keys(&["Enter"]);
    tmux.wait("the reader, still working", |s| s.contains("· width "));
    tmux.keys(&["Escape"]);

    let rebound = format!("{good}[keys]\nquit = \"x\"\n");
    std::fs::write(&config, &rebound).expect("fix config");
    let fixed = tmux.wait("the fix", |s| s.contains("reloaded"));
    assert!(!fixed.contains("reload error"), "{fixed}");
    assert!(fixed.contains("3 articles"), "{fixed}");
    tmux.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(tmux.alive(), "q is no longer bound");
    tmux.keys(&["x"]);
    assert!(tmux.ended(), "the new quit key works");
}

/// Saves `text` to `path` the way editors that keep backups do: a new file
/// beside it, renamed over it.
fn save_by_rename(path: &Path, text: &str) {
    let temporary = path.with_extension("toml.new");
    std::fs::write(&temporary, text).expect("write the new file");
    std::fs::rename(&temporary, path).expect("rename it over");
}

#[test]
fn editors_atomic_saves_of_the_configuration_are_reloaded_at_80x24() {
    if !tmux::available("editors_atomic_saves_of_the_configuration_are_reloaded_at_80x24") {
        return;
    }
    let (home, articles, config) = configured_home();
    let quitting_with = |key: &str| {
        format!(
            "[[source]]\npath = {:?}\n\n[keys]\nquit = \"{key}\"\n",
            articles.display().to_string()
        )
    };
    std::fs::write(&config, quitting_with("q")).expect("write config");
    let command = configured_command(home.path());
    let tmux = Tmux::new("e2e-atomic");
    tmux.start(80, 24, &command);
    tmux.wait("the configured sources", |s| s.contains("3 articles"));
    // Each save is told apart from the last by the status message: a key
    // clears "reloaded" first.
    let reloaded_after = |what: &str, save: &dyn Fn()| {
        tmux.keys(&["j"]);
        tmux.wait("the message cleared", |s| !s.contains("reloaded"));
        save();
        let screen = tmux.wait(what, |s| s.contains("reloaded"));
        assert!(!screen.contains("reload error"), "{what}: {screen}");
    };

    save_by_rename(&config, "[reader]\nsorting = 1\n");
    let broken = tmux.wait("the error of a renamed-over save", |s| {
        s.contains("reload error")
    });
    assert!(broken.contains("config.toml:2:1"), "{broken}");
    reloaded_after("a deleted and recreated file, the error cleared", &|| {
        std::fs::remove_file(&config).expect("delete");
        std::fs::write(&config, quitting_with("x")).expect("recreate");
    });
    reloaded_after("sed -i's save", &|| {
        let sed = Command::new("sed")
            .args(["-i", "s/\"x\"/\"z\"/"])
            .arg(&config)
            .status()
            .expect("sed runs");
        assert!(sed.success());
    });
    reloaded_after("a second renamed-over save", &|| {
        save_by_rename(&config, &quitting_with("y"))
    });
    tmux.keys(&["q", "x", "z"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(tmux.alive(), "q, x and z no longer quit");
    tmux.keys(&["y"]);
    assert!(tmux.ended(), "the last save's quit key works");
}

/// The reader on the bundled samples with its home in `home` and, as
/// `$EDITOR`, a script that writes its arguments to the returned file.
fn reader_with_recording_editor(home: &Path) -> (String, PathBuf) {
    let args_file = home.join("editor-args");
    let editor = home.join("editor.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\necho \"$@\" > {}\n", shell_quote(&args_file)),
    )
    .expect("write editor");
    let mode = Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .expect("chmod runs");
    assert!(mode.success());
    let command = format!(
        "exec env HOME={home} XDG_CONFIG_HOME={home}/config XDG_DATA_HOME={home}/data EDITOR={editor} {bin}",
        home = shell_quote(home),
        editor = shell_quote(&editor),
        bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_mizan"))),
    );
    (command, args_file)
}

#[test]
fn a_tag_opens_its_lexicon_entry_in_the_editor_and_a_broken_lexicon_is_reported() {
    if !tmux::available(
        "a_tag_opens_its_lexicon_entry_in_the_editor_and_a_broken_lexicon_is_reported",
    ) {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let env = |command: &mut Command| {
        command
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"));
    };
    // `init` writes empty overlays, so tags still come from the built-in
    // files; full copies of every file make each tag's entry a user file.
    let mut init = Command::new(env!("CARGO_BIN_EXE_mizan"));
    init.arg("init");
    for file in ["parties", "verbs", "sources", "cues", "grammar", "negation"] {
        for lang in ["ar", "en"] {
            init.args(["--copy", &format!("{lang}/{file}.toml")]);
        }
    }
    env(&mut init);
    assert!(init.output().expect("mizan init runs").status.success());
    let (command, args_file) = reader_with_recording_editor(home.path());
    let tmux = Tmux::new("e2e-editor");
    tmux.start(160, 45, &command);
    tmux.wait("the tagged samples", |s| {
        s.contains("bundled samples") && !s.contains("tagging")
    });
    tmux.keys(&["/"]);
    tmux.type_literal("blames:hou");
    tmux.wait("the filter", |s| {
        s.contains("/ blames:hou") && s.contains(" statements")
    });
    tmux.keys(&["Enter"]);
    tmux.keys(&["S"]);
    tmux.wait("the statement list", |s| s.contains("statement ("));
    tmux.keys(&["Enter"]);
    tmux.wait("the reader", |s| s.contains("· width "));
    tmux.keys(&["e"]);
    let explained = tmux.wait("the explanation", |s| s.contains("blames HOU"));
    assert!(explained.contains("lexicons/"), "{explained}");

    tmux.keys(&["E"]);
    tmux.wait("the reader back after the editor", |s| {
        s.contains("reloaded")
    });
    let args = std::fs::read_to_string(&args_file).expect("the editor ran");
    let (line, file) = args.trim().split_once(' ').expect("+LINE FILE");
    assert!(
        line.strip_prefix('+')
            .is_some_and(|n| n.parse::<u32>().is_ok()),
        "{args}"
    );
    assert!(
        file.starts_with(&home.path().display().to_string()),
        "the user's copy: {args}"
    );
    assert_eq!(
        tmux.pane_format("#{alternate_on}"),
        "1",
        "the reader has the terminal again"
    );

    let lexicon = PathBuf::from(file);
    let good = std::fs::read_to_string(&lexicon).expect("read lexicon");
    std::fs::write(&lexicon, format!("{good}\n[[broken\n")).expect("break lexicon");
    let broken = tmux.wait("the lexicon error", |s| s.contains("reload error"));
    let name = lexicon.file_name().unwrap().to_string_lossy().to_string();
    assert!(broken.contains(&name), "the error names the file: {broken}");
    assert!(
        broken.contains("blames HOU"),
        "the reader keeps its tags: {broken}"
    );
    std::fs::write(&lexicon, good).expect("fix lexicon");
    tmux.wait("the fix", |s| {
        !s.contains("reload error") && s.contains("reloaded")
    });
}

/// An article with a web page, and one that quotes an Omani minister, a
/// US spokeswoman and a British diplomat (for `speaker:oman`).
const MORE_ARTICLES: [(&str, &str); 1] = [(
    "gulf.md",
    "+++\ntitle = \"Gulf mediators press for a ceasefire\"\noutlet = \"Gulf Wire\"\ndate = \"2026-03-03\"\nlang = \"en\"\nurl = \"https://gulf-wire.example/ceasefire?id=7\"\n+++\n\nOman's foreign minister said Iran had blocked the talks for a week.\n\nA State Department spokeswoman said Washington supports the Omani mediation.\n\nThomas Green, a British diplomat, said the delay helped nobody.\n",
)];

/// A directory of stand-ins for the browser and the clipboard tool that
/// write what they were given to files beside them.
fn stand_ins(home: &Path) -> PathBuf {
    let bin = home.join("bin");
    std::fs::create_dir(&bin).expect("bin dir");
    let scripts = [
        (
            "browser",
            format!(
                "#!/bin/sh\necho \"$@\" > {}\n",
                shell_quote(&home.join("opened"))
            ),
        ),
        (
            "xclip",
            format!(
                "#!/bin/sh\ncat > {}\n",
                shell_quote(&home.join("clipboard"))
            ),
        ),
    ];
    for (name, script) in scripts {
        let path = bin.join(name);
        std::fs::write(&path, script).expect("write stand-in");
        let mode = Command::new("chmod")
            .arg("+x")
            .arg(&path)
            .status()
            .expect("chmod runs");
        assert!(mode.success());
    }
    bin
}

/// Waits until `path` holds something, and returns it.
fn written(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match std::fs::read_to_string(path) {
            Ok(text) if !text.is_empty() => return text,
            _ => assert!(
                Instant::now() < deadline,
                "{} was not written",
                path.display()
            ),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn o_y_w_and_j_do_what_the_help_says_at_80x24() {
    if !tmux::available("o_y_w_and_j_do_what_the_help_says_at_80x24") {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let articles = home.path().join("articles");
    std::fs::create_dir(&articles).expect("articles dir");
    write_articles(&articles);
    for (name, text) in MORE_ARTICLES {
        std::fs::write(articles.join(name), text).expect("write fixture");
    }
    let bin = stand_ins(home.path());
    let command = format!(
        "cd {home} && exec env HOME={home} XDG_CONFIG_HOME={home}/config XDG_DATA_HOME={home}/data BROWSER={browser} DISPLAY=:99 PATH={bin}:/usr/bin:/bin {mizan} {articles}",
        home = shell_quote(home.path()),
        browser = shell_quote(&bin.join("browser")),
        bin = shell_quote(&bin),
        mizan = shell_quote(Path::new(env!("CARGO_BIN_EXE_mizan"))),
        articles = shell_quote(&articles),
    );
    let tmux = Tmux::new("e2e-keys");
    tmux.start(80, 24, &command);
    tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
    tmux.wait("the tagged list", |s| {
        s.contains("4 articles") && !s.contains("tagging")
    });
    let help = {
        tmux.keys(&["?"]);
        tmux.wait("the help", |s| s.contains("open the article's URL"))
    };
    for key in ["o ", "y ", "w ", "W "] {
        assert!(
            help.lines().any(|line| line.contains(&format!("│{key}"))),
            "{key}: {help}"
        );
    }
    tmux.keys(&["?"]);
    tmux.wait("the help to close", |s| {
        !s.contains("open the article's URL")
    });

    // o: the article's page, handed to $BROWSER as one argument.
    tmux.keys(&["/"]);
    tmux.type_literal("outlet:gulf");
    tmux.wait("the filter", |s| s.contains("1 article ·"));
    tmux.keys(&["Enter", "o"]);
    tmux.wait("the browser started", |s| {
        s.contains("opened https://gulf-wire")
    });
    let opened = written(&home.path().join("opened"));
    assert_eq!(opened.trim(), "https://gulf-wire.example/ceasefire?id=7");

    // y: the statement as written, on tmux's clipboard (OSC 52) and xclip's.
    tmux.keys(&["Enter", "n", "y"]);
    tmux.wait("the copy", |s| s.contains("copied"));
    let statement = "Oman's foreign minister said Iran had blocked the talks for a week.";
    assert_eq!(written(&home.path().join("clipboard")), statement);
    let buffer = tmux.run(&["show-buffer"]);
    assert_eq!(String::from_utf8_lossy(&buffer.stdout), statement);

    // w: the statement list, with its filter, to a new file each time.
    tmux.keys(&["Escape"]);
    tmux.wait("the list", |s| s.contains("title (sorted by"));
    tmux.keys(&["S", "w"]);
    let wrote = tmux.wait("the export", |s| s.contains("wrote 3 statements"));
    assert!(wrote.contains("mizan-statements-"), "{wrote}");
    tmux.keys(&["w"]);
    tmux.wait("a second export", |s| s.contains("-2.md"));
    let exports: Vec<String> = std::fs::read_dir(home.path())
        .expect("list home")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("mizan-statements-"))
        .collect();
    assert_eq!(exports.len(), 2, "never over the first: {exports:?}");
    let markdown = std::fs::read_to_string(home.path().join(&exports[0])).expect("read export");
    assert!(
        markdown.starts_with("# Statements (filter: outlet:gulf)"),
        "{markdown}"
    );
    assert!(markdown.contains(statement), "{markdown}");

    // J: the newest article is read once opened; J goes to the next unread.
    tmux.keys(&["S"]);
    tmux.wait("the list", |s| s.contains("title (sorted by"));
    tmux.keys(&["Escape"]);
    tmux.wait("the whole list", |s| s.contains("Caucasus Wire"));
    tmux.keys(&["g", "Enter"]);
    tmux.wait("the newest article", |s| s.contains("· width "));
    tmux.keys(&["J"]);
    let next = tmux.wait("the next unread article", |s| {
        s.lines()
            .next()
            .is_some_and(|header| header.contains("Caucasus Wire"))
    });
    assert!(next.contains("Armenia accuses"), "{next}");
    tmux.keys(&["q"]);
    assert!(tmux.ended(), "q ends mizan");
}

#[test]
fn compare_tags_explanations_search_and_whole_word_speakers_at_150x40() {
    if !tmux::available("compare_tags_explanations_search_and_whole_word_speakers_at_150x40") {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    write_articles(home.path());
    for (name, text) in MORE_ARTICLES {
        std::fs::write(home.path().join(name), text).expect("write fixture");
    }
    let tmux = Tmux::new("e2e-150");
    tmux.start(150, 40, &mizan_command(home.path()));
    tmux.wait("the tagged list", |s| {
        s.contains("4 articles") && !s.contains("tagging")
    });

    // speaker:oman: the Omani minister, not the spokeswoman nor Thomas.
    tmux.keys(&["/"]);
    tmux.type_literal("speaker:oman");
    tmux.wait("the qualifier", |s| s.contains("1 article · 1 statement"));
    tmux.keys(&["Enter", "S"]);
    let listed = tmux.wait("the statement list", |s| s.contains("statement (1 shown)"));
    assert!(listed.contains("Oman's foreign minister"), "{listed}");
    tmux.keys(&["S"]);
    tmux.wait("the list", |s| s.contains("title (sorted by"));
    tmux.keys(&["/", "C-u"]);
    tmux.wait("the filter cleared by Ctrl-U", |s| {
        s.lines().any(|line| line.trim_end() == "/") && s.contains("Caucasus Wire")
    });
    tmux.keys(&["Enter"]);
    tmux.wait("the filter line closed", |s| {
        !s.lines().any(|line| line.trim_end() == "/")
    });

    // A search with an English name inside the Arabic article.
    tmux.keys(&["g", "Enter", "/"]);
    tmux.type_literal("Blinken");
    tmux.wait("the match", |s| {
        s.contains("search: Blinken") && s.contains("1 of 1")
    });
    tmux.keys(&["Enter", "n"]);
    tmux.wait("n on the match", |s| s.contains("match 1 of 1"));
    tmux.keys(&["Escape"]);
    tmux.wait("the search ended", |s| !s.contains("search: "));
    tmux.keys(&["Escape"]);
    tmux.wait("the list", |s| s.contains("title (sorted by"));

    // Tags in the compare panes, and e explaining in place.
    tmux.keys(&["g", "Space", "Space", "Space", "c"]);
    let compare = tmux.wait("the comparison", |s| s.contains('│'));
    assert!(
        compare.contains("◀AZE") || compare.contains("◀ARM"),
        "tags: {compare}"
    );
    tmux.keys(&["e"]);
    let explained = tmux.wait("the explanation", |s| {
        s.contains("speaker:") && s.contains('│')
    });
    assert!(explained.contains("Tab picks a tag"), "{explained}");
    tmux.keys(&["Escape"]);
    tmux.wait("the explanation closed", |s| !s.contains("speaker:"));
    tmux.keys(&["q"]);
    assert!(tmux.ended(), "q ends mizan");
}

#[test]
fn e_before_mizan_init_copies_the_built_in_entry_into_an_overlay_and_opens_it() {
    if !tmux::available(
        "e_before_mizan_init_copies_the_built_in_entry_into_an_overlay_and_opens_it",
    ) {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let (command, args_file) = reader_with_recording_editor(home.path());
    let tmux = Tmux::new("e2e-no-init");
    tmux.start(160, 30, &command);
    tmux.wait("the tagged samples", |s| {
        s.contains("bundled samples") && !s.contains("tagging")
    });
    tmux.keys(&["/"]);
    tmux.type_literal("blames:hou");
    tmux.wait("the filter", |s| {
        s.contains("/ blames:hou") && s.contains(" statements")
    });
    tmux.keys(&["Enter", "S"]);
    tmux.wait("the statement list", |s| s.contains("statement ("));
    tmux.keys(&["e"]);
    tmux.wait("the explanation", |s| s.contains("blames HOU"));
    tmux.keys(&["E"]);
    let told = tmux.wait("the copy reported", |s| {
        s.contains("copied into your overlay")
    });
    let args = std::fs::read_to_string(&args_file).expect("the editor ran");
    let (line, file) = args.trim().split_once(' ').expect("+LINE FILE");
    let line: usize = line
        .strip_prefix('+')
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("+LINE: {args}"));
    let overlays = home.path().join("config/mizan/lexicons");
    assert!(
        Path::new(file).starts_with(&overlays),
        "the user's overlay: {args}"
    );
    let overlay = std::fs::read_to_string(file).expect("the overlay exists");
    let before = overlay.lines().take(line).collect::<Vec<_>>().join("\n");
    assert!(
        before.contains("# Copied from the built-in"),
        "opened at the copied entry: {overlay}"
    );
    assert!(!told.contains("reload error"), "{told}");
    assert_eq!(
        tmux.pane_format("#{alternate_on}"),
        "1",
        "the reader kept the screen"
    );
    tmux.keys(&["q"]);
}
