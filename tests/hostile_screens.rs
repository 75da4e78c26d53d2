//! Every screen of the reader, drawn on ratatui's `TestBackend` with the
//! hostile articles (tagged with the embedded lexicon), party names and
//! badges carrying escapes and bidi overrides, a filter typed with control
//! characters, and a notice and lexicon errors quoting hostile text: no cell
//! of any screen may hold a code point a terminal would act on.

mod common;

use common::hostile::forbidden;
use mizan::app::{Action, Directory, NameAlias, PartyInfo, StartOptions, State, update};
use mizan::ui::keymap::{Keymap, parse_key};
use mizan_engine::corpus::{Article, load_paths};
use mizan_engine::lexicon::Lexicon;
use mizan_engine::tagger::Statement;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use std::path::Path;
use std::sync::OnceLock;

const PAYLOAD: &str = "\u{1b}]0;title\u{7}\u{1b}[2J\u{202e}\u{9b}31m\u{7f}\u{2066}";

fn hostile_directory(lexicon: &Lexicon) -> Directory {
    let parties: Vec<PartyInfo> = lexicon
        .parties()
        .map(|party| PartyInfo {
            id: party.id.clone(),
            name_en: format!("{}{PAYLOAD}", party.name_en),
            name_ar: format!("{PAYLOAD}{}", party.name_ar),
            short: format!("{PAYLOAD}X"),
            color: None,
        })
        .collect();
    let aliases = vec![NameAlias {
        english: format!("Minister{PAYLOAD}"),
        arabic: vec![format!("الوزير{PAYLOAD}")],
    }];
    Directory::new(parties, aliases)
}

/// The hostile articles, their statements and the embedded lexicon,
/// prepared once: every screen starts from a copy.
struct Prepared {
    articles: Vec<Article>,
    results: Vec<(usize, Vec<Statement>)>,
    lexicon: Lexicon,
}

fn prepared() -> &'static Prepared {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
        let loaded = load_paths(&[
            dir.join("article.txt"),
            dir.join("article.md"),
            dir.join("article-ar.txt"),
        ]);
        assert_eq!(loaded.articles.len(), 3, "{:?}", loaded.problems);
        let lexicon = Lexicon::builtin();
        let results: Vec<_> = loaded
            .articles
            .iter()
            .map(|article| article.tag(&lexicon))
            .enumerate()
            .collect();
        assert!(
            results.iter().any(|(_, s)| !s.is_empty()),
            "statements found"
        );
        Prepared {
            articles: loaded.articles,
            results,
            lexicon,
        }
    })
}

fn hostile_state(width: u16, height: u16) -> State {
    let prepared = prepared();
    let options = StartOptions {
        directory: hostile_directory(&prepared.lexicon),
        source: format!("hostile{PAYLOAD}"),
        sync_scroll: true,
        ..StartOptions::default()
    };
    let mut state = State::new(prepared.articles.clone(), options);
    update(&mut state, Action::Resize { width, height });
    update(&mut state, Action::AnalysisStarted { generation: 1 });
    update(
        &mut state,
        Action::Analysed {
            generation: 1,
            results: prepared.results.clone(),
        },
    );
    if let Some(request) = state.take_stories_request() {
        update(&mut state, request.build());
    }
    state
}

fn press(state: &mut State, keys: &str) {
    let keymap = Keymap::default();
    for key in keys.split(' ') {
        let (code, modifiers) = parse_key(key).unwrap_or_else(|e| panic!("{e}"));
        if let Some(action) = keymap.translate(state, &Event::Key(KeyEvent::new(code, modifiers))) {
            update(state, action);
        }
    }
}

fn type_text(state: &mut State, text: &str) {
    let keymap = Keymap::default();
    for c in text.chars() {
        let event = Event::Key(KeyEvent::from(KeyCode::Char(c)));
        if let Some(action) = keymap.translate(state, &event) {
            update(state, action);
        }
    }
}

/// Draws the state, panics naming the first forbidden cell, and returns
/// the screen's text.
fn assert_screen_clean(state: &State, flow: &str) -> String {
    let (width, height) = (state.viewport().width, state.viewport().height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| mizan::ui::draw(frame, state, &Keymap::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    let mut text = String::new();
    for y in 0..height {
        for x in 0..width {
            let symbol = buffer[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|&c| forbidden(c)) {
                panic!(
                    "{flow} at {width}x{height}: U+{:04X} in cell ({x}, {y}); row so far: {text:?}",
                    u32::from(c)
                );
            }
            text.push_str(symbol);
        }
        screen.push_str(&text);
        screen.push('\n');
        text.clear();
    }
    screen
}

#[test]
fn no_screen_shows_a_control_from_hostile_content() {
    let flows = [
        "",
        "S",
        "enter",
        "enter n",
        "enter n e",
        "enter n n e",
        "enter j j j j pagedown",
        "G enter n e",
        "space j space j space c",
        "space j space c tab n",
        "?",
        "o o",
        "t",
        "t g enter",
        "t g enter O",
        "space space space c O",
        "space space space c tab O j enter",
    ];
    for (width, height) in [(80, 24), (120, 40), (33, 12)] {
        for flow in flows {
            let mut state = hostile_state(width, height);
            if !flow.is_empty() {
                press(&mut state, flow);
            }
            let screen = assert_screen_clean(&state, flow);
            if flow.ends_with(" O") && width == 120 {
                assert!(screen.contains("enter jumps"), "the omitted list: {screen}");
            }
            if flow.is_empty() {
                assert!(
                    screen.contains("trojan"),
                    "the hostile title is listed: {screen}"
                );
            }
        }
        let mut state = hostile_state(width, height);
        press(&mut state, "/");
        type_text(&mut state, &format!("blames:{PAYLOAD}x"));
        assert_screen_clean(&state, "filter typed with controls");

        let mut state = hostile_state(width, height);
        update(&mut state, Action::Notice(format!("notice {PAYLOAD} end")));
        assert_screen_clean(&state, "notice");
        update(
            &mut state,
            Action::LexiconError(vec![format!("en/parties.toml:3:1: bad {PAYLOAD} line")]),
        );
        assert_screen_clean(&state, "lexicon error");
    }
}
