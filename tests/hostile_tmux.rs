//! The reader in a real terminal (tmux) with hostile articles: nothing in
//! them changes the pane's title, the clipboard or the screen beyond the
//! reader's own drawing, and the terminal is usable again (echo and
//! canonical mode back, the alternate screen left) after the reader quits,
//! is killed with SIGTERM or SIGHUP, and the reader ends when its terminal
//! goes away altogether. Skipped, loudly, without tmux, unless
//! `MIZAN_REQUIRE_TMUX=1` makes that a failure.

mod common;

use common::hostile::{forbidden, hostile_articles};
use common::tmux::{self, Tmux, shell_quote};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A shell in tmux with an empty configuration file beside it, where the
/// reader is started and checked after it ends.
struct Shell {
    tmux: Tmux,
    dir: tempfile::TempDir,
}

impl Shell {
    fn start(name: &str) -> Shell {
        let shell = Shell {
            tmux: Tmux::new(name),
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(shell.dir.path().join("config.toml"), "").unwrap();
        let command = "env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME=/tmp PS1='$ ' bash --norc --noprofile";
        shell.tmux.start(100, 30, command);
        // Let applications write the clipboard, so a leaked OSC 52 shows.
        shell.tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
        shell
            .tmux
            .wait("the shell prompt", |screen| screen.contains('$'));
        shell
    }

    /// Starts the reader on `articles` and waits for its screen.
    fn open_reader(&self, articles: &[PathBuf]) {
        let mut line = format!(
            "exec_mizan() {{ {} --config {}",
            shell_quote(Path::new(env!("CARGO_BIN_EXE_mizan"))),
            shell_quote(&self.dir.path().join("config.toml"))
        );
        for article in articles {
            line.push_str(&format!(" {}", shell_quote(article)));
        }
        // Quoted apart, so the typed line does not read as the output.
        line.push_str("; echo \"reader\"\"-exit=$?\"; }; exec_mizan");
        self.tmux.send_line(&line);
        self.tmux.wait_until("the reader's alternate screen", |t| {
            t.pane_format("#{alternate_on}") == "1"
        });
    }

    /// The reader's process: the shell's only child.
    fn reader_pid(&self) -> String {
        let shell = self.tmux.pane_format("#{pane_pid}");
        let children = Command::new("ps")
            .args(["-o", "pid=", "--ppid", &shell])
            .output()
            .unwrap();
        let pids = String::from_utf8_lossy(&children.stdout);
        pids.split_whitespace()
            .next()
            .expect("the reader runs")
            .to_string()
    }

    /// The shell is usable: the reader's screen is gone and `stty` shows
    /// echo and canonical mode back on.
    fn assert_usable(&self, after: &str) {
        self.tmux
            .wait_until(&format!("the main screen back after {after}"), |t| {
                t.pane_format("#{alternate_on}") == "0"
            });
        let stty = self.dir.path().join("stty.txt");
        self.tmux
            .send_line(&format!("stty -a > {}", shell_quote(&stty)));
        self.tmux.wait_until("stty", |_| {
            std::fs::read_to_string(&stty).is_ok_and(|s| s.contains("icanon"))
        });
        let modes = std::fs::read_to_string(&stty).unwrap();
        let words: Vec<&str> = modes.split_whitespace().collect();
        for mode in ["echo", "icanon", "isig"] {
            assert!(words.contains(&mode), "{after}: `{mode}` is off: {modes}");
        }
    }
}

#[test]
fn hostile_articles_change_no_title_clipboard_or_screen_outside_the_reader() {
    if !tmux::available("hostile_articles_change_no_title_clipboard_or_screen_outside_the_reader") {
        return;
    }
    let shell = Shell::start("hostile");
    let tmux = &shell.tmux;
    let title_before = tmux.pane_format("#{pane_title}");
    shell.open_reader(&hostile_articles());
    for key in ["Enter", "j", "j", "Tab", "j", "Escape", "j", "Enter"] {
        tmux.keys(&[key]);
        std::thread::sleep(Duration::from_millis(150));
        let screen = tmux.screen();
        assert!(!screen.chars().any(forbidden), "after {key}: {screen}");
        assert_eq!(
            tmux.pane_format("#{pane_title}"),
            title_before,
            "after {key}"
        );
    }
    let buffers = String::from_utf8_lossy(&tmux.run(&["list-buffers"]).stdout).into_owned();
    assert!(
        buffers.trim().is_empty(),
        "a clipboard write got through: {buffers}"
    );
    tmux.keys(&["q"]);
    shell.assert_usable("quit");
}

#[test]
fn the_terminal_is_restored_when_the_reader_is_killed() {
    if !tmux::available("the_terminal_is_restored_when_the_reader_is_killed") {
        return;
    }
    for signal in ["TERM", "HUP", "INT"] {
        let shell = Shell::start(&signal.to_lowercase());
        shell.open_reader(&hostile_articles());
        let pid = shell.reader_pid();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        shell
            .tmux
            .wait(&format!("the reader to exit on SIG{signal}"), |screen| {
                screen.contains("reader-exit=")
            });
        shell.assert_usable(&format!("SIG{signal}"));
    }
}

#[test]
fn the_reader_ends_when_its_terminal_goes_away() {
    if !tmux::available("the_reader_ends_when_its_terminal_goes_away") {
        return;
    }
    let shell = Shell::start("gone");
    shell.open_reader(&hostile_articles());
    let pid = shell.reader_pid();
    // The pane's terminal closes with the server: the reader gets SIGHUP
    // and then reads nothing but end-of-file, and must not spin on it.
    shell.tmux.run(&["kill-server"]);
    let running = || Path::new(&format!("/proc/{pid}")).exists();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while running() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!running(), "the reader {pid} still runs without a terminal");
}
