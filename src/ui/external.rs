//! What the reader does outside the terminal for the user: opens a URL in
//! the browser (`$BROWSER`, else the platform's opener), puts text on the
//! clipboard (the terminal's, through OSC 52, and the system's clipboard
//! tool when one is installed), and writes an export to a new file. No
//! program is run through a shell: each is started with its arguments as
//! they are, so nothing in a URL or a statement is ever interpreted.

use crate::app::export::Export;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A program and its arguments.
type Program = (String, Vec<String>);

/// The commands that may open `url`, in the order they are tried:
/// `browser` (the value of `$BROWSER`: commands separated by `:`, each with
/// `%s` standing for the URL or else the URL after it), then the platform's
/// opener.
fn browser_commands(browser: Option<&str>, url: &str) -> Vec<Program> {
    let mut commands: Vec<Program> = browser
        .unwrap_or_default()
        .split(':')
        .filter_map(|entry| {
            let mut words = entry.split_whitespace().map(str::to_string);
            let program = words.next()?;
            let mut args: Vec<String> = words.collect();
            if args.iter().any(|arg| arg.contains("%s")) {
                args = args.iter().map(|arg| arg.replace("%s", url)).collect();
            } else {
                args.push(url.to_string());
            }
            Some((program, args))
        })
        .collect();
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    commands.push((opener.to_string(), vec![url.to_string()]));
    commands
}

/// Opens `url` in the browser; the program that took it, or why none did.
pub fn open_in_browser(url: &str) -> Result<String, String> {
    let browser = std::env::var("BROWSER").ok();
    for (program, args) in browser_commands(browser.as_deref(), url) {
        let started = Command::new(&program)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = started {
            // Reaped in the background: a browser may run for hours.
            std::thread::spawn(move || child.wait());
            return Ok(program);
        }
    }
    Err("no browser could be started: set $BROWSER".to_string())
}

/// The system clipboard tool for this session, with its arguments: on
/// Wayland `wl-copy`, on X11 `xclip` or `xsel`, on macOS `pbcopy`, under
/// Windows or WSL `clip.exe`; `found` says whether a program is installed.
fn clipboard_tool(
    wayland: bool,
    x11: bool,
    found: impl Fn(&str) -> bool,
) -> Option<(&'static str, &'static [&'static str])> {
    let candidates: [(bool, &str, &[&str]); 5] = [
        (wayland, "wl-copy", &[]),
        (x11, "xclip", &["-selection", "clipboard"]),
        (x11, "xsel", &["--clipboard", "--input"]),
        (cfg!(target_os = "macos"), "pbcopy", &[]),
        (true, "clip.exe", &[]),
    ];
    candidates
        .into_iter()
        .find(|&(usable, program, _)| usable && found(program))
        .map(|(_, program, args)| (program, args))
}

/// Whether `program` is an executable file in one of the `PATH` directories.
fn on_path(program: &str, path: Option<&OsString>) -> bool {
    path.is_some_and(|path| {
        std::env::split_paths(path)
            .any(|dir| std::fs::metadata(dir.join(program)).is_ok_and(|meta| meta.is_file()))
    })
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard.
fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |group, (i, &b)| group | u32::from(b) << (16 - 8 * i));
        for index in 0..4 {
            if index <= chunk.len() {
                let sextet = (group >> (18 - 6 * index)) & 0x3f;
                out.push(char::from(ALPHABET[sextet as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Puts `text` on the terminal's clipboard (through `terminal`) and the
/// system's; where it went, for the status bar.
pub fn copy_to_clipboard(text: &str, terminal: &mut impl Write) -> String {
    let mut places = Vec::new();
    if terminal
        .write_all(osc52(text).as_bytes())
        .and_then(|()| terminal.flush())
        .is_ok()
    {
        places.push("the terminal".to_string());
    }
    let path = std::env::var_os("PATH");
    let tool = clipboard_tool(
        std::env::var_os("WAYLAND_DISPLAY").is_some(),
        std::env::var_os("DISPLAY").is_some(),
        |program| on_path(program, path.as_ref()),
    );
    if let Some((program, args)) = tool {
        match pipe_to(program, args, text) {
            Ok(()) => places.push(program.to_string()),
            Err(error) => places.push(format!("not {program}: {error}")),
        }
    }
    let characters = text.chars().count();
    format!("copied {characters} characters ({})", places.join(", "))
}

/// Runs `program` with `text` on its standard input; it is reaped in the
/// background (clipboard tools may stay to serve the selection).
fn pipe_to(program: &str, args: &[&str], text: &str) -> std::io::Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let written = child
        .stdin
        .take()
        .map_or(Ok(()), |mut stdin| stdin.write_all(text.as_bytes()));
    std::thread::spawn(move || child.wait());
    written
}

/// Writes `export` to a new file in `dir` named after what it holds and
/// `stamp`, never over an existing file (a number is added instead).
pub fn write_export(export: &Export, dir: &Path, stamp: &str) -> std::io::Result<PathBuf> {
    let extension = export.format.extension();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let suffix = if attempt == 1 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let name = format!("mizan-{}-{stamp}{suffix}.{extension}", export.what);
        let path = dir.join(name);
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match created {
            Ok(mut file) => {
                file.write_all(export.contents.as_bytes())?;
                return Ok(path);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::export::ExportFormat;

    #[test]
    fn browser_entries_are_tried_in_order_with_the_url_as_one_argument() {
        let url = "https://a.example/x;rm -rf ~";
        let commands = browser_commands(Some("firefox --new-tab:w3m %s"), url);
        assert_eq!(
            commands[0],
            ("firefox".into(), vec!["--new-tab".into(), url.into()])
        );
        assert_eq!(commands[1], ("w3m".into(), vec![url.into()]));
        assert_eq!(commands.len(), 3, "then the platform's opener");
        assert_eq!(browser_commands(None, url).len(), 1);
    }

    #[test]
    fn the_clipboard_tool_follows_the_session() {
        let all = |_: &str| true;
        let wayland = clipboard_tool(true, true, all).map(|(p, _)| p);
        assert_eq!(wayland, Some("wl-copy"));
        let x11 = clipboard_tool(false, true, |p| p == "xsel").map(|(p, _)| p);
        assert_eq!(x11, Some("xsel"));
        assert_eq!(clipboard_tool(false, false, |p| p == "xclip"), None);
    }

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("قال".as_bytes()), "2YLYp9mE");
        assert_eq!(osc52("foo"), "\x1b]52;c;Zm9v\x07");
    }

    #[test]
    fn an_export_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let export = Export {
            what: "statements",
            format: ExportFormat::Csv,
            summary: String::new(),
            contents: "a\r\n".into(),
        };
        std::fs::write(dir.path().join("mizan-statements-1.csv"), "mine").unwrap();
        let written = write_export(&export, dir.path(), "1").unwrap();
        assert_eq!(written, dir.path().join("mizan-statements-1-2.csv"));
        let mine = std::fs::read_to_string(dir.path().join("mizan-statements-1.csv")).unwrap();
        assert_eq!(mine, "mine");
        assert_eq!(std::fs::read_to_string(written).unwrap(), "a\r\n");
    }
}
