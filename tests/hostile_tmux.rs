//! The reader in a real terminal (tmux) with hostile articles: nothing in
//! them changes the pane's title, the clipboard or the screen beyond the
//! reader's own drawing, and the terminal is usable again (echo and
//! canonical mode back, the alternate screen left) after the reader quits,
//! is killed with SIGTERM or SIGHUP. Skipped, loudly, without tmux, unless
//! `MIZAN_REQUIRE_TMUX=1` makes that a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server of its own (`-L`), so no user session is touched.
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    fn start(name: &str) -> Option<Tmux> {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            assert!(
                std::env::var_os("MIZAN_REQUIRE_TMUX").is_none_or(|v| v != "1"),
                "tmux is required (MIZAN_REQUIRE_TMUX=1) but not found"
            );
            eprintln!("SKIPPED {name}: tmux not found (set MIZAN_REQUIRE_TMUX=1 to fail instead)");
            return None;
        }
        let tmux = Tmux {
            socket: format!("mizan-test-{}-{name}", std::process::id()),
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(tmux.dir.path().join("config.toml"), "").unwrap();
        let shell = "env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME=/tmp PS1='$ ' bash --norc --noprofile";
        tmux.run(&["new-session", "-d", "-x", "100", "-y", "30", shell]);
        // Let applications write the clipboard, so a leaked OSC 52 shows.
        tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
        tmux.wait_for("the shell prompt", |t| t.capture().contains('$'));
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn send_line(&self, line: &str) {
        self.run(&["send-keys", "-l", line]);
        self.run(&["send-keys", "Enter"]);
    }

    fn capture(&self) -> String {
        self.run(&["capture-pane", "-p"])
    }

    fn format(&self, variable: &str) -> String {
        self.run(&["display-message", "-p", variable])
            .trim()
            .to_string()
    }

    fn wait_for(&self, what: &str, done: impl Fn(&Tmux) -> bool) {
        let started = Instant::now();
        while !done(self) {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}; the pane shows:\n{}",
                self.capture()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Starts the reader on `articles` and waits for its screen.
    fn open_reader(&self, articles: &[PathBuf]) {
        let mut line = format!(
            "exec_mizan() {{ '{}' --config '{}'",
            env!("CARGO_BIN_EXE_mizan"),
            self.dir.path().join("config.toml").display()
        );
        for article in articles {
            line.push_str(&format!(" '{}'", article.display()));
        }
        // Quoted apart, so the typed line does not read as the output.
        line.push_str("; echo \"reader\"\"-exit=$?\"; }; exec_mizan");
        self.send_line(&line);
        self.wait_for("the reader's alternate screen", |t| {
            t.format("#{alternate_on}") == "1"
        });
    }

    /// The reader's process: the shell's only child.
    fn reader_pid(&self) -> String {
        let shell = self.format("#{pane_pid}");
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
    fn assert_shell_usable(&self, after: &str) {
        self.wait_for(&format!("the main screen back after {after}"), |t| {
            t.format("#{alternate_on}") == "0"
        });
        let stty = self.dir.path().join("stty.txt");
        self.send_line(&format!("stty -a > '{}'", stty.display()));
        self.wait_for("stty", |_| {
            std::fs::read_to_string(&stty).is_ok_and(|s| s.contains("icanon"))
        });
        let modes = std::fs::read_to_string(&stty).unwrap();
        let words: Vec<&str> = modes.split_whitespace().collect();
        for mode in ["echo", "icanon", "isig"] {
            assert!(words.contains(&mode), "{after}: `{mode}` is off: {modes}");
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

fn hostile_articles() -> Vec<PathBuf> {
    ["article.txt", "article.md", "article-ar.txt"]
        .iter()
        .map(|name| hostile(name))
        .collect()
}

fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

#[test]
fn hostile_articles_change_no_title_clipboard_or_screen_outside_the_reader() {
    let Some(tmux) = Tmux::start("hostile") else {
        return;
    };
    let title_before = tmux.format("#{pane_title}");
    tmux.open_reader(&hostile_articles());
    for key in ["Enter", "j", "j", "Tab", "j", "Escape", "j", "Enter"] {
        tmux.run(&["send-keys", key]);
        std::thread::sleep(Duration::from_millis(150));
        let screen = tmux.capture();
        assert!(!screen.chars().any(forbidden), "after {key}: {screen}");
        assert_eq!(tmux.format("#{pane_title}"), title_before, "after {key}");
    }
    let buffers = tmux.run(&["list-buffers"]);
    assert!(
        buffers.trim().is_empty(),
        "a clipboard write got through: {buffers}"
    );
    tmux.run(&["send-keys", "q"]);
    tmux.assert_shell_usable("quit");
}

#[test]
fn the_terminal_is_restored_when_the_reader_is_killed() {
    for signal in ["TERM", "HUP", "INT"] {
        let Some(tmux) = Tmux::start(&signal.to_lowercase()) else {
            return;
        };
        tmux.open_reader(&hostile_articles());
        let pid = tmux.reader_pid();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        tmux.wait_for(&format!("the reader to exit on SIG{signal}"), |t| {
            t.capture().contains("reader-exit=")
        });
        tmux.assert_shell_usable(&format!("SIG{signal}"));
    }
}
