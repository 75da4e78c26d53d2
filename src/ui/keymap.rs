//! Keys to actions. The only place crossterm's key and mouse types appear.
//! Defaults are vim-like plus arrows; `[keys]` in `config.toml` replaces an
//! action's keys. While a line is being typed (the filter, or a search in
//! an article) it sees each key first, readline's editing keys included,
//! and says whether it consumed it, so typing `j` never also moves the
//! list.

use crate::app::{Action, LineEdit, State};
use crate::config::KeyList;
use crate::suggest::{did_you_mean, nearest};
use mizan_text::{Lang, detect_lang};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use std::collections::{BTreeMap, HashMap};

/// A key with its modifiers, normalised (a character's case carries Shift).
type Chord = (KeyCode, KeyModifiers);

/// Lines a mouse wheel notch scrolls.
const WHEEL_LINES: i32 = 3;

const DEFAULTS: &[(&str, &[&str])] = &[
    ("up", &["k", "up"]),
    ("down", &["j", "down"]),
    ("page_up", &["pageup", "ctrl-b", "ctrl-u"]),
    ("page_down", &["pagedown", "ctrl-f", "ctrl-d"]),
    ("home", &["g", "home"]),
    ("end", &["G", "end"]),
    ("open", &["enter", "l", "right"]),
    ("back", &["esc", "h", "left", "backspace"]),
    ("next_statement", &["n"]),
    ("prev_statement", &["N"]),
    ("explain", &["e"]),
    ("edit_lexicon", &["E"]),
    ("filter", &["/"]),
    ("statements", &["S"]),
    ("sort", &["="]),
    ("open_url", &["o"]),
    ("copy", &["y"]),
    ("export_markdown", &["w"]),
    ("export_csv", &["W"]),
    ("toggle_mark", &["space"]),
    ("compare", &["c"]),
    ("coverage", &["v"]),
    ("group_stories", &["t"]),
    ("omitted", &["O"]),
    ("toggle_sync", &["s"]),
    ("focus_next", &["tab"]),
    ("focus_prev", &["shift-tab"]),
    ("toggle_read", &["u"]),
    ("toggle_star", &["*"]),
    ("next_unread", &["J"]),
    ("prev_unread", &["K"]),
    ("refresh", &["r"]),
    ("help", &["?"]),
    ("quit", &["q", "ctrl-c"]),
];

/// The key bindings in force.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: HashMap<Chord, Action>,
    /// Each bindable action's keys as written, for the help screen.
    names: Vec<(Action, Vec<String>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with_overrides(&BTreeMap::new()).expect("the default keys parse")
    }
}

impl Keymap {
    /// The defaults with `[keys]` applied: each action listed there gets
    /// exactly the keys given. Every bad action name or key is reported.
    pub fn with_overrides(keys: &BTreeMap<String, KeyList>) -> Result<Keymap, Vec<String>> {
        let mut errors = Vec::new();
        let known: Vec<&str> = Action::bindable_with_names()
            .map(|(_, name)| name)
            .collect();
        for name in keys.keys() {
            if Action::from_name(name).is_none() {
                let near = did_you_mean(&nearest(name, known.iter().copied()));
                errors.push(format!("[keys]: unknown action `{name}`{near}"));
            }
        }
        let mut names = Vec::new();
        let mut bindings = HashMap::new();
        for (action, name) in Action::bindable_with_names() {
            let written: Vec<String> = match keys.get(name) {
                Some(list) => list.keys().to_vec(),
                None => default_keys(name),
            };
            for key in &written {
                match parse_key(key) {
                    Ok(chord) => {
                        bindings.insert(chord, action.clone());
                    }
                    Err(message) => errors.push(format!("[keys] {name}: {message}")),
                }
            }
            names.push((action.clone(), written));
        }
        if errors.is_empty() {
            Ok(Keymap { bindings, names })
        } else {
            Err(errors)
        }
    }

    /// The keys bound to `action`, as written.
    pub fn keys_for(&self, action: &Action) -> &[String] {
        self.names
            .iter()
            .find(|(a, _)| a == action)
            .map_or(&[], |(_, keys)| keys)
    }

    /// The action a terminal event means in the current state, if any.
    pub fn translate(&self, state: &State, event: &Event) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if state.typing()
                    && let Some(action) = line_input(state, key)
                {
                    return Some(action);
                }
                self.bindings
                    .get(&normalise(key.code, key.modifiers))
                    .cloned()
            }
            Event::Mouse(mouse) => {
                let (column, row) = (mouse.column, mouse.row);
                match mouse.kind {
                    MouseEventKind::ScrollDown => Some(Action::Scroll {
                        column,
                        row,
                        lines: WHEEL_LINES,
                    }),
                    MouseEventKind::ScrollUp => Some(Action::Scroll {
                        column,
                        row,
                        lines: -WHEEL_LINES,
                    }),
                    MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                    _ => None,
                }
            }
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            _ => None,
        }
    }
}

fn default_keys(action: &str) -> Vec<String> {
    DEFAULTS
        .iter()
        .find(|(name, _)| *name == action)
        .map(|(_, keys)| keys.iter().map(|k| k.to_string()).collect())
        .unwrap_or_default()
}

/// The typed line's handling of a key (the filter, or a search in an
/// article), readline's keys included; `None` when it leaves the key to the
/// keymap (arrows up and down, page keys, other Ctrl combinations such as
/// Ctrl-C).
fn line_input(state: &State, key: &KeyEvent) -> Option<Action> {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let edit = match (control, alt, key.code) {
        (true, false, KeyCode::Char(c)) => control_edit(c)?,
        (false, true, KeyCode::Char(c)) => alt_edit(c)?,
        (false, true, KeyCode::Backspace) => LineEdit::KillWordBack,
        (false, false, code) => return plain_key(state, code),
        _ => return None,
    };
    Some(Action::Edit(edit))
}

/// Readline's Ctrl keys.
fn control_edit(c: char) -> Option<LineEdit> {
    Some(match c.to_ascii_lowercase() {
        'a' => LineEdit::Start,
        'e' => LineEdit::End,
        'b' => LineEdit::Back,
        'f' => LineEdit::Forward,
        'h' => LineEdit::Backspace,
        'u' => LineEdit::KillToStart,
        'k' => LineEdit::KillToEnd,
        'w' => LineEdit::KillWordBack,
        _ => return None,
    })
}

/// Readline's Alt (Meta) keys.
fn alt_edit(c: char) -> Option<LineEdit> {
    Some(match c.to_ascii_lowercase() {
        'b' => LineEdit::WordBack,
        'f' => LineEdit::WordForward,
        'd' => LineEdit::KillWordForward,
        _ => return None,
    })
}

/// Keys without modifiers: characters, editing keys, Enter and Esc.
fn plain_key(state: &State, code: KeyCode) -> Option<Action> {
    let typed = state
        .article_search()
        .map_or(state.filter().prompt().input(), |search| {
            search.prompt().input()
        });
    // In right-to-left input the left arrow moves towards the end of the text.
    let rtl = detect_lang(typed) == Lang::Ar;
    let (left, right) = if rtl {
        (LineEdit::Forward, LineEdit::Back)
    } else {
        (LineEdit::Back, LineEdit::Forward)
    };
    let edit = match code {
        KeyCode::Char(c) => LineEdit::Insert(c),
        KeyCode::Backspace => LineEdit::Backspace,
        KeyCode::Delete => LineEdit::Delete,
        KeyCode::Left => left,
        KeyCode::Right => right,
        KeyCode::Home => LineEdit::Start,
        KeyCode::End => LineEdit::End,
        KeyCode::Enter => return Some(Action::InputAccept),
        KeyCode::Esc => return Some(Action::InputCancel),
        _ => return None,
    };
    Some(Action::Edit(edit))
}

/// A character already says whether Shift was held; BackTab always has it.
fn normalise(code: KeyCode, modifiers: KeyModifiers) -> Chord {
    match code {
        KeyCode::Char(_) | KeyCode::BackTab => (code, modifiers.difference(KeyModifiers::SHIFT)),
        _ => (code, modifiers),
    }
}

/// Parses a key as written in `[keys]`: `j`, `G`, `ctrl-d`, `shift-tab`,
/// `enter`, `pagedown`, `f5`, ...
pub fn parse_key(text: &str) -> Result<Chord, String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (flag, len) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        if rest.len() == len {
            break;
        }
        modifiers |= flag;
        rest = &rest[len..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "space" => KeyCode::Char(' '),
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                Some(n) if (1..=12).contains(&n) => KeyCode::F(n),
                _ => return Err(format!("unknown key `{text}`")),
            },
        },
    };
    Ok(normalise(code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_with_modifiers() {
        assert_eq!(
            parse_key("ctrl-d"),
            Ok((KeyCode::Char('d'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            parse_key("shift-tab"),
            Ok((KeyCode::BackTab, KeyModifiers::NONE))
        );
        assert_eq!(parse_key("G"), Ok((KeyCode::Char('G'), KeyModifiers::NONE)));
        assert_eq!(parse_key("f5"), Ok((KeyCode::F(5), KeyModifiers::NONE)));
        assert!(parse_key("hyper-x").is_err());
    }

    #[test]
    fn every_bindable_action_has_a_default_key_and_every_default_an_action() {
        let keymap = Keymap::default();
        for action in Action::bindable() {
            assert!(!keymap.keys_for(action).is_empty(), "{action:?}");
        }
        for (name, _) in DEFAULTS {
            assert!(Action::from_name(name).is_some(), "{name}");
        }
    }

    #[test]
    fn overrides_replace_defaults_and_report_errors() {
        let mut keys = BTreeMap::new();
        keys.insert("quit".to_string(), KeyList::One("x".into()));
        let keymap = Keymap::with_overrides(&keys).unwrap();
        assert_eq!(keymap.keys_for(&Action::Quit), ["x"]);
        keys.insert("fly".to_string(), KeyList::One("z".into()));
        keys.insert("help".to_string(), KeyList::One("nokey".into()));
        let errors = Keymap::with_overrides(&keys).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
    }
}
