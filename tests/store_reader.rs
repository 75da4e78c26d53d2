//! Stored articles in the reader: the read and starred markers, `u` and `*`,
//! opening an article marks it read (and the store keeps it), `r` asks for
//! one refresh at a time and its articles arrive without moving the cursor,
//! and the store is read a page before the first frame, the rest in batches.

mod reader_fixtures;

use mizan::app::{Action, Screen, StartOptions, State, update};
use mizan::config::Config;
use mizan::sources::load_configured_paged;
use mizan_store::{FeedRecord, NewArticle, ReadChange, ReadState, Store};
use ratatui::style::Modifier;
use reader_fixtures::{buffer, press, screen};
use rstest::rstest;
use std::path::{Path, PathBuf};

/// The fixture reader with its first three articles made stored ones
/// (`store:1` read, `store:2` read and starred, `store:3` unread); the
/// fourth stays a local file.
fn state(width: u16, height: u16) -> State {
    let mut articles = reader_fixtures::articles();
    for (id, article) in articles.iter_mut().take(3).enumerate() {
        article.path = format!("store:{}", id + 1);
    }
    let mut state = reader_fixtures::state_of(articles, width, height);
    let read = ReadState {
        read: true,
        starred: false,
    };
    let starred = ReadState {
        read: true,
        starred: true,
    };
    update(
        &mut state,
        Action::ReadStatesLoaded(vec![(1, read), (2, starred), (3, ReadState::default())]),
    );
    state
}

/// Puts the list cursor on the article whose path is `path`.
fn select(state: &mut State, path: &str) {
    let article = state
        .articles()
        .iter()
        .position(|a| a.path == path)
        .unwrap();
    reader_fixtures::select_article(state, article);
}

fn row_of<'a>(text: &'a str, title: &str) -> &'a str {
    text.lines()
        .find(|line| line.contains(title))
        .unwrap_or_else(|| panic!("{text}"))
}

#[rstest]
fn the_list_marks_unread_and_starred_stored_articles(#[values(80, 81, 120)] width: u16) {
    let state = state(width, 16);
    let text = screen(&state);
    assert!(row_of(&text, "Armenia accuses").starts_with("N "), "{text}");
    assert!(
        row_of(&text, "Baku says").starts_with("  Baku"),
        "local: {text}"
    );
    let bold = |title: &str| {
        let row = text.lines().position(|line| line.contains(title)).unwrap();
        buffer(&state)[(2, row as u16)]
            .modifier
            .contains(Modifier::BOLD)
    };
    assert!(bold("Armenia accuses"), "unread titles are bold");
    assert!(!bold("Baku says"));
    insta::with_settings!({ snapshot_suffix => format!("{width}") }, {
        insta::assert_snapshot!("stored_article_list", text);
    });
}

#[test]
fn u_and_star_toggle_the_state_and_queue_it_for_the_store() {
    let mut state = state(80, 24);
    select(&mut state, "store:1");
    press(&mut state, "u");
    assert_eq!(state.status().message.as_deref(), Some("marked unread"));
    press(&mut state, "*");
    assert_eq!(
        state.status().message.as_deref(),
        Some("marked unread, starred")
    );
    let article = &state.articles()[0];
    assert_eq!(
        state.reading().state_of(article),
        Some(ReadState {
            read: false,
            starred: true
        })
    );
    assert_eq!(
        state.take_read_changes(),
        [
            ReadChange::Read { id: 1, read: false },
            ReadChange::Starred {
                id: 1,
                starred: true
            }
        ]
    );
    select(&mut state, "en/baku.txt");
    press(&mut state, "u");
    assert_eq!(
        state.status().message.as_deref(),
        Some("local files have no read state")
    );
    assert!(state.take_read_changes().is_empty());
    assert_eq!(state.reading().state_of(&state.articles()[3]), None);
}

#[test]
fn opening_a_stored_article_marks_it_read_once() {
    let mut state = state(80, 24);
    select(&mut state, "store:3");
    press(&mut state, "enter");
    assert_eq!(state.screen(), Screen::Reader);
    press(&mut state, "esc enter");
    assert_eq!(
        state.take_read_changes(),
        [ReadChange::Read { id: 3, read: true }],
        "the second opening changes nothing"
    );
    press(&mut state, "esc");
    select(&mut state, "en/baku.txt");
    press(&mut state, "enter");
    assert_eq!(state.screen(), Screen::Reader);
    assert!(state.take_read_changes().is_empty());
}

#[test]
fn one_refresh_at_a_time_and_its_articles_keep_the_cursor_in_place() {
    let mut state = state(80, 24);
    select(&mut state, "store:3");
    let on = state.selected_article_row();
    press(&mut state, "r");
    assert!(state.reading().refreshing());
    assert!(state.take_refresh_request());
    press(&mut state, "r");
    assert_eq!(
        state.status().message.as_deref(),
        Some("a refresh is already running")
    );
    assert!(!state.take_refresh_request());

    let mut fresh = state.articles()[0].clone();
    fresh.path = "store:9".to_string();
    fresh.title = "Talks resume in Muscat".to_string();
    fresh.meta.date = Some("2026-03-09".to_string());
    update(
        &mut state,
        Action::ReadStatesLoaded(vec![(9, ReadState::default())]),
    );
    update(&mut state, Action::ArticlesLoaded(vec![fresh]));
    update(&mut state, Action::RefreshFinished("1 new article".into()));
    assert_eq!(
        state.selected_article_row(),
        on,
        "the cursor stays on its article"
    );
    assert_eq!(state.article_rows()[0], 4, "the newest comes first");
    assert_eq!(state.status().message.as_deref(), Some("1 new article"));
    assert!(row_of(&screen(&state), "Talks resume").starts_with("N "));
    assert!(!state.reading().refreshing());
    press(&mut state, "r");
    assert!(state.take_refresh_request(), "a new refresh may start");
}

fn fill(db: &Path, count: usize) {
    let mut store = Store::open(db).unwrap();
    let feed = FeedRecord {
        url: "http://127.0.0.1/feed.xml".to_string(),
        ..FeedRecord::default()
    };
    let articles: Vec<NewArticle> = (0..count)
        .map(|n| NewArticle {
            guid: Some(format!("guid-{n}")),
            title: format!("Article {n:03}"),
            published: Some(format!("2026-01-01T00:{:02}:{:02}+00:00", n / 60, n % 60)),
            body: format!("Paragraph of article {n}."),
            ..NewArticle::default()
        })
        .collect();
    store
        .store_feed(&feed, &articles, "2026-11-02T00:00:00+00:00")
        .unwrap();
}

/// A store of `count` generated articles in a temporary directory.
fn store_of(count: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mizan.db");
    fill(&db, count);
    (dir, db)
}

fn no_sources() -> Config {
    Config::parse("", "config.toml").unwrap()
}

#[test]
fn opening_marks_read_in_the_store_and_it_persists() {
    let (_dir, db) = store_of(3);
    let paged = load_configured_paged(&no_sources(), &db, 10);
    let mut state = State::new(paged.loaded.articles, StartOptions::default());
    update(&mut state, Action::ReadStatesLoaded(paged.read_states));
    update(
        &mut state,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut state, "enter");
    let opened = state.articles()[state.reader().article].clone();
    let store = Store::open(&db).unwrap();
    for change in state.take_read_changes() {
        store.apply(change).unwrap();
    }
    drop(store);

    let again = load_configured_paged(&no_sources(), &db, 10);
    let position = again
        .loaded
        .articles
        .iter()
        .position(|a| a.path == opened.path)
        .unwrap();
    let id: i64 = opened.path["store:".len()..].parse().unwrap();
    assert_eq!(
        again.read_states[position],
        (
            id,
            ReadState {
                read: true,
                starred: false
            }
        )
    );
    let unread = again.read_states.iter().filter(|(_, s)| !s.read).count();
    assert_eq!(unread, 2);
}

#[test]
fn the_store_pages_newest_first_and_streams_the_rest_in_batches() {
    let (_dir, db) = store_of(250);
    let paged = load_configured_paged(&no_sources(), &db, 100);
    let titles: Vec<&str> = paged
        .loaded
        .articles
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles.len(), 100);
    assert_eq!((titles[0], titles[99]), ("Article 249", "Article 150"));
    let rest = paged.rest.unwrap();
    assert_eq!((rest.total(), rest.first_page_len()), (250, 100));

    // Stored after the first page was read: the rest includes it.
    let mut store = Store::open(&db).unwrap();
    let late = NewArticle {
        guid: Some("late".into()),
        title: "Late article".into(),
        body: "Stored while the reader starts.".into(),
        ..NewArticle::default()
    };
    let feed = FeedRecord {
        url: "http://127.0.0.1/feed.xml".to_string(),
        ..FeedRecord::default()
    };
    store
        .store_feed(&feed, &[late], "2026-11-02T00:00:00+00:00")
        .unwrap();

    let mut batches = Vec::new();
    rest.load_in_batches(60, |page| {
        assert_eq!(page.articles.len(), page.read_states.len());
        batches.push(page.articles);
        true
    })
    .unwrap();
    let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
    assert_eq!(sizes, [60, 60, 31]);
    let mut all: Vec<String> = paged
        .loaded
        .articles
        .iter()
        .map(|a| a.path.clone())
        .collect();
    all.extend(batches.iter().flatten().map(|a| a.path.clone()));
    let unique: std::collections::HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), 251, "no article twice, none missing");
    assert_eq!(batches[0][0].title, "Article 149");
    assert_eq!(
        batches[2].last().unwrap().title,
        "Late article",
        "undated last"
    );
}

#[test]
fn a_stopped_stream_reads_no_further() {
    let (_dir, db) = store_of(30);
    let rest = load_configured_paged(&no_sources(), &db, 5).rest.unwrap();
    let mut calls = 0;
    rest.load_in_batches(10, |_| {
        calls += 1;
        false
    })
    .unwrap();
    assert_eq!(calls, 1);
    assert!(
        load_configured_paged(&no_sources(), &db, 30).rest.is_none(),
        "all on one page"
    );
}

#[test]
fn j_and_k_go_to_the_next_and_previous_unread_article() {
    let mut state = state(80, 24);
    press(&mut state, "g");
    let unread = state
        .articles()
        .iter()
        .position(|a| a.path == "store:3")
        .unwrap();
    press(&mut state, "J");
    assert_eq!(state.selected_article_row(), Some(unread));
    press(&mut state, "J");
    assert_eq!(
        state.status().message.as_deref(),
        Some("no unread article below")
    );
    assert_eq!(
        state.selected_article_row(),
        Some(unread),
        "the cursor stays"
    );
    press(&mut state, "G K");
    assert_eq!(state.selected_article_row(), Some(unread));
    press(&mut state, "u g J");
    assert_eq!(
        state.status().message.as_deref(),
        Some("no unread article below"),
        "u marked it read"
    );
}

#[test]
fn local_files_keep_a_read_state_by_the_hash_of_their_text_once_there_is_a_store() {
    let mut state = reader_fixtures::state(80, 24);
    let baku = state
        .articles()
        .iter()
        .position(|a| a.path == "en/baku.txt")
        .unwrap();
    assert_eq!(state.read_state(baku), None, "no store: no read state");
    let hash = mizan_text::stable_hash([state.articles()[baku].source.as_bytes()]);
    let read = ReadState {
        read: true,
        starred: false,
    };
    update(
        &mut state,
        Action::LocalReadStatesLoaded(vec![(hash.clone(), read)]),
    );
    assert_eq!(state.read_state(baku), Some(read));
    let text = screen(&state);
    assert!(row_of(&text, "Armenia accuses").starts_with("N "), "{text}");
    assert!(row_of(&text, "Baku says").starts_with("  "), "{text}");

    let wire = state
        .articles()
        .iter()
        .position(|a| a.path == "en/truce.txt")
        .unwrap();
    reader_fixtures::select_article(&mut state, wire);
    press(&mut state, "enter esc");
    let wire_hash = mizan_text::stable_hash([state.articles()[wire].source.as_bytes()]);
    assert_eq!(
        state.take_read_changes(),
        [ReadChange::Local {
            hash: wire_hash,
            state: read
        }],
        "opening a local file marks it read"
    );
    reader_fixtures::select_article(&mut state, baku);
    press(&mut state, "*");
    assert_eq!(
        state.status().message.as_deref(),
        Some("marked read, starred")
    );
}
