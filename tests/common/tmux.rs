//! A tmux server of a test's own, for tests that drive the real binary in a
//! terminal: `send-keys` types, `capture-pane` returns exactly the
//! characters the program drew, cell by cell, and format variables tell the
//! pane's title, screen and modes. Its own socket and no configuration
//! file, so no user session or setting is involved. Without tmux the tests
//! are skipped, loudly, unless `MIZAN_REQUIRE_TMUX=1` makes that a failure.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long a test waits for the screen it expects.
const PATIENCE: Duration = Duration::from_secs(20);

/// Whether tmux is installed; when it is not, says that `test` is skipped
/// (or fails when `MIZAN_REQUIRE_TMUX=1`).
pub fn available(test: &str) -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("MIZAN_REQUIRE_TMUX").as_deref() != Ok("1"),
            "MIZAN_REQUIRE_TMUX=1 but tmux is not installed"
        );
        eprintln!("\n*** SKIPPED {test}: tmux is not installed ***\n");
    }
    found
}

/// `path` quoted for a POSIX shell.
pub fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// One tmux server with one session, `test`; killed when dropped.
pub struct Tmux {
    socket: String,
}

/// The session every command of a `Tmux` addresses.
pub const SESSION: &str = "test";

impl Tmux {
    /// A server named after the test and this process, started by `start`.
    pub fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("mizan-test-{}-{name}", std::process::id()),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Starts the session at `width` × `height` running `command`.
    pub fn start(&self, width: u16, height: u16, command: &str) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.run(&[
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            &w,
            "-y",
            &h,
            command,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Sends each of `keys` as a key name (`Enter`, `Escape`, `j`).
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", SESSION, key]);
        }
    }

    pub fn type_literal(&self, text: &str) {
        self.run(&["send-keys", "-t", SESSION, "-l", text]);
    }

    /// Types `line` and Enter.
    pub fn send_line(&self, line: &str) {
        self.type_literal(line);
        self.keys(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", SESSION]).stdout)
            .into_owned()
    }

    /// Waits until the screen satisfies `ready`, then returns it.
    ///
    /// The screen must also be the same on two captures in a row: tmux can
    /// be read while mizan is half way through writing a frame, and a
    /// half-drawn popup may already show its title but not its rows.
    pub fn wait(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let mut screen = String::new();
        self.wait_until(what, |tmux| {
            let previous = std::mem::replace(&mut screen, tmux.screen());
            ready(&screen) && screen == previous
        });
        screen
    }

    /// Waits until `done` holds, failing with the screen after a while.
    pub fn wait_until(&self, what: &str, mut done: impl FnMut(&Tmux) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A tmux format variable of the pane, such as `#{alternate_on}`.
    pub fn pane_format(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", SESSION, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn alive(&self) -> bool {
        self.run(&["has-session", "-t", SESSION]).status.success()
    }

    /// Waits a few seconds for the session to end (its program quit);
    /// whether it did.
    pub fn ended(&self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        !self.alive()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
