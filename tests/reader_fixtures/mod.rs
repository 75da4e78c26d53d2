//! Fixtures for the reader's tests: a few short articles written for these
//! tests (two Arabic, two English), their statements with tags and evidence,
//! a party directory, and helpers to drive the reader with keys and draw it on
//! a `TestBackend`.
#![allow(dead_code)]

use mizan::app::{Action, Directory, NameAlias, PartyInfo, StartOptions, State, update};
use mizan::ui::keymap::{Keymap, parse_key};
use mizan_engine::corpus::{Article, Meta};
use mizan_engine::lexicon::Origin;
use mizan_engine::tagger::{Evidence, Relation, Statement};
use mizan_text::{Lang, TextRange};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyEvent};

/// An article whose source is the title, an empty line, then the paragraphs
/// separated by empty lines (the plain-text article format).
pub fn article(
    path: &str,
    title: &str,
    outlet: &str,
    date: &str,
    lang: Lang,
    paragraphs: &[&str],
) -> Article {
    let mut source = format!("{title}\n\n");
    let mut ranges = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            source.push_str("\n\n");
        }
        let start = source.len();
        source.push_str(paragraph);
        ranges.push(TextRange::new(start, source.len()));
    }
    Article {
        path: path.into(),
        title: title.into(),
        title_range: Some(TextRange::new(0, title.len())),
        meta: Meta {
            outlet: Some(outlet.into()),
            date: Some(date.into()),
            url: None,
        },
        lang,
        paragraphs: ranges,
        source,
    }
}

fn find(article: &Article, text: &str) -> TextRange {
    let start = article
        .source
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} not in {}", article.path));
    TextRange::new(start, start + text.len())
}

/// A tag: relation, party, cue and target as they stand in the article.
pub struct Tag<'a> {
    pub relation: Relation,
    pub party: &'a str,
    pub cue: &'a str,
    pub target: &'a str,
}

/// A statement of `article` covering `text`, said by `speaker` of `party`.
pub fn statement(
    article: &Article,
    text: &str,
    speaker: &str,
    party: &str,
    tags: &[Tag],
) -> Statement {
    Statement {
        range: find(article, text),
        quote: None,
        speaker: Some(find(article, speaker)),
        speaker_party: Some(party.into()),
        evidence: tags
            .iter()
            .map(|t| Evidence {
                relation: t.relation,
                party: t.party.into(),
                cue: find(article, t.cue),
                target: find(article, t.target),
                rule: format!(
                    "{}-cue",
                    if t.relation == Relation::Blames {
                        "blame"
                    } else {
                        "support"
                    }
                )
                .into(),
                origin: Origin {
                    file: format!(
                        "lexicons/{}/stance.toml",
                        if article.lang == Lang::Ar { "ar" } else { "en" }
                    )
                    .into(),
                    line: 12,
                },
            })
            .collect(),
    }
}

fn blames<'a>(party: &'a str, cue: &'a str, target: &'a str) -> Tag<'a> {
    Tag {
        relation: Relation::Blames,
        party,
        cue,
        target,
    }
}

fn supports<'a>(party: &'a str, cue: &'a str, target: &'a str) -> Tag<'a> {
    Tag {
        relation: Relation::Supports,
        party,
        cue,
        target,
    }
}

pub const AR_TRUCE: &str = "قال وزير الخارجية الأرمني إن القوات الأذربيجانية \"خرقت الهدنة مرتين خلال ليلة واحدة\" قرب بلدة حدودية.";
pub const AR_BLINKEN: &str = "من جهته، أكد وزير الخارجية الأمريكي أنتوني بلينكن أن واشنطن \"تدعم جهود الوساطة الروسية\" وتدعو الطرفين إلى ضبط النفس.";
pub const AR_MOSCOW: &str =
    "قالت المتحدثة باسم الخارجية الروسية إن أرمينيا \"تتحمل مسؤولية التصعيد الأخير\" على الحدود.";
pub const EN_TRUCE: &str = "Armenia's foreign minister said Azerbaijani forces \"broke the truce twice in one night\" near a border village.";
pub const EN_BLINKEN: &str = "Secretary of State Antony Blinken said Washington \"supports Russian mediation efforts\" and urged restraint.";
pub const EN_BAKU: &str = "Azerbaijan's defence ministry said Armenian units \"opened fire first\" and blamed Yerevan for the escalation.";

const BACKGROUND: &str = "The two neighbours have fought over the border region for decades, and talks mediated by several capitals have repeatedly stalled over the sequence of withdrawals.";

/// The four fixture articles.
pub fn articles() -> Vec<Article> {
    vec![
        article(
            "ar/truce.txt",
            "يريفان تتهم باكو بخرق الهدنة على الحدود",
            "وكالة الرصد",
            "2026-03-05",
            Lang::Ar,
            &[
                AR_TRUCE,
                AR_BLINKEN,
                "ولم يصدر تعليق فوري من باكو حتى مساء أمس.",
            ],
        ),
        article(
            "ar/moscow.txt",
            "موسكو تدعو إلى تثبيت وقف إطلاق النار",
            "موقع المرصد",
            "2026-03-06",
            Lang::Ar,
            &[
                AR_MOSCOW,
                "وأضافت أن موسكو مستعدة لاستضافة جولة جديدة من المحادثات، بعد أن اتهمت يريفان باكو بخرق الهدنة مرتين قرب بلدة حدودية.",
            ],
        ),
        article(
            "en/truce.txt",
            "Armenia accuses Azerbaijan of breaking border truce",
            "Caucasus Wire",
            "2026-03-05",
            Lang::En,
            &[EN_TRUCE, EN_BLINKEN, BACKGROUND],
        ),
        article(
            "en/baku.txt",
            "Baku says Yerevan provoked the clash",
            "Baku Herald",
            "2026-03-04",
            Lang::En,
            &[
                EN_BAKU, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND,
            ],
        ),
    ]
}

/// What the tagger would find in each fixture article.
pub fn statements(articles: &[Article]) -> Vec<Vec<Statement>> {
    let a = articles;
    vec![
        vec![
            statement(
                &a[0],
                AR_TRUCE,
                "وزير الخارجية الأرمني",
                "armenia",
                &[blames("azerbaijan", "خرقت", "القوات الأذربيجانية")],
            ),
            statement(
                &a[0],
                AR_BLINKEN,
                "أنتوني بلينكن",
                "usa",
                &[supports("russia", "تدعم", "الوساطة الروسية")],
            ),
        ],
        vec![statement(
            &a[1],
            AR_MOSCOW,
            "المتحدثة باسم الخارجية الروسية",
            "russia",
            &[blames("armenia", "تتحمل مسؤولية", "أرمينيا")],
        )],
        vec![
            statement(
                &a[2],
                EN_TRUCE,
                "Armenia's foreign minister",
                "armenia",
                &[blames(
                    "azerbaijan",
                    "broke the truce",
                    "Azerbaijani forces",
                )],
            ),
            statement(
                &a[2],
                EN_BLINKEN,
                "Antony Blinken",
                "usa",
                &[supports("russia", "supports", "Russian mediation")],
            ),
        ],
        vec![statement(
            &a[3],
            EN_BAKU,
            "Azerbaijan's defence ministry",
            "azerbaijan",
            &[blames("armenia", "blamed", "Yerevan")],
        )],
    ]
}

pub fn directory() -> Directory {
    let party = |id: &str, en: &str, ar: &str, short: &str| PartyInfo {
        id: id.into(),
        name_en: en.into(),
        name_ar: ar.into(),
        short: short.into(),
        color: None,
    };
    Directory::new(
        [
            party("armenia", "Armenia", "أرمينيا", "ARM"),
            party("azerbaijan", "Azerbaijan", "أذربيجان", "AZE"),
            party("russia", "Russia", "روسيا", "RUS"),
            party("usa", "United States", "الولايات المتحدة", "USA"),
        ],
        vec![NameAlias {
            english: "Antony Blinken".into(),
            arabic: vec!["بلينكن".into()],
        }],
    )
}

/// A reader on the fixtures, tagging not yet arrived, at `width`×`height`.
pub fn untagged_state(width: u16, height: u16) -> State {
    untagged(articles(), width, height)
}

fn untagged(articles: Vec<Article>, width: u16, height: u16) -> State {
    let options = StartOptions {
        directory: directory(),
        source: "fixtures".into(),
        sync_scroll: true,
        ..StartOptions::default()
    };
    let mut state = State::new(articles, options);
    update(&mut state, Action::Resize { width, height });
    update(&mut state, Action::AnalysisStarted { generation: 1 });
    state
}

/// A reader on the fixtures with every article tagged.
pub fn state(width: u16, height: u16) -> State {
    let mut state = untagged_state(width, height);
    let tagged = statements(state.articles());
    tag(&mut state, tagged);
    state
}

/// A reader on `articles` (the fixtures' statements tagged in, by index)
/// with the stories built.
pub fn state_of(articles: Vec<Article>, width: u16, height: u16) -> State {
    let tagged = statements(&articles);
    let mut state = untagged(articles, width, height);
    tag(&mut state, tagged);
    state
}

/// Delivers every article's statements as one tagging batch and builds the
/// stories.
fn tag(state: &mut State, tagged: Vec<Vec<Statement>>) {
    let results = tagged.into_iter().enumerate().collect();
    update(
        state,
        Action::Analysed {
            generation: 1,
            results,
        },
    );
    build_stories(state);
}

/// Builds the stories the last tagging pass asked for, as the runtime's
/// background thread does.
pub fn build_stories(state: &mut State) {
    if let Some(request) = state.take_stories_request() {
        update(state, request.build());
    }
}

/// A reader on the fixtures plus a second outlet's copy of the Arabic truce
/// report (same statements, so they align across the two outlets) and an
/// unrelated report from the year before, every article tagged and the
/// stories built. The copy is article 4, the unrelated report article 5.
pub fn shared_state(width: u16, height: u16) -> State {
    let mut articles = articles();
    let mut copy = articles[0].clone();
    copy.path = "ar/truce-copy.txt".into();
    copy.meta.outlet = Some("صحيفة الميدان".into());
    articles.push(copy);
    articles.push(article(
        "en/harvest.txt",
        "Grain exports resume after port repairs",
        "Harbour Daily",
        "2025-02-11",
        Lang::En,
        &["Loading resumed at the eastern terminal on Tuesday after three weeks of repairs to the quay cranes."],
    ));
    let mut tagged = statements(&articles);
    tagged.push(tagged[0].clone());
    tagged.push(Vec::new());
    let mut state = untagged(articles, width, height);
    tag(&mut state, tagged);
    state
}

/// Presses each space-separated key (`[keys]` syntax) through the default
/// keymap, as the runtime would.
pub fn press(state: &mut State, keys: &str) {
    let keymap = Keymap::default();
    for key in keys.split(' ') {
        let (code, modifiers) = parse_key(key).unwrap_or_else(|e| panic!("{e}"));
        let event = Event::Key(KeyEvent::new(code, modifiers));
        if let Some(action) = keymap.translate(state, &event) {
            update(state, action);
        }
    }
}

/// Moves the article list's cursor to its `row`th row, with keys.
pub fn select_row(state: &mut State, row: usize) {
    press(state, "g");
    for _ in 0..row {
        press(state, "j");
    }
    assert_eq!(state.listing().article_list().cursor, row, "no row {row}");
}

/// Moves the article list's cursor to `article`'s row, with keys.
pub fn select_article(state: &mut State, article: usize) {
    let row = state
        .listing()
        .row_of_article(article)
        .unwrap_or_else(|| panic!("article {article} is not listed"));
    select_row(state, row);
}

/// Types text into whatever has the keyboard, one character at a time.
pub fn type_text(state: &mut State, text: &str) {
    let keymap = Keymap::default();
    for c in text.chars() {
        let event = Event::Key(KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c)));
        if let Some(action) = keymap.translate(state, &event) {
            update(state, action);
        }
    }
}

/// Draws the state at its viewport size.
pub fn buffer(state: &State) -> Buffer {
    let (width, height) = (state.viewport().width, state.viewport().height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| mizan::ui::draw(frame, state, &Keymap::default()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Draws the state at its viewport size and returns the screen as text, one
/// line per row, trailing spaces removed.
pub fn screen(state: &State) -> String {
    let (width, height) = (state.viewport().width, state.viewport().height);
    let buffer = &buffer(state);
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
