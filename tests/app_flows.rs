//! Flows driven by key events, as a person uses the reader: open → filter →
//! compare → explain → a broken lexicon edit → a fixed one.

mod reader_fixtures;

use mizan::app::{Action, Screen, update};
use mizan::tagger::Relation;
use mizan::text::layout::render_article;
use reader_fixtures::{AR_BLINKEN, press, screen, state, statements, type_text};

#[test]
fn open_filter_compare_explain() {
    let mut state = state(120, 30);
    press(&mut state, "/");
    type_text(&mut state, "blinken");
    assert_eq!(
        state.filter.matches.as_ref().unwrap().statements,
        vec![(0, 1), (2, 1)]
    );
    press(&mut state, "enter");
    assert!(!state.filter.editing);
    assert_eq!(state.article_rows.len(), 2);
    press(&mut state, "space space c");
    assert_eq!(state.screen, Screen::Compare);
    assert_eq!(state.compare.articles.len(), 2);
    press(&mut state, "tab");
    assert_eq!(state.compare.focus, 1);
    press(&mut state, "esc esc");
    assert_eq!(state.screen, Screen::Articles);
    assert!(
        state.filter.input.is_empty(),
        "esc on the list clears the filter"
    );
    press(&mut state, "S j e");
    assert_eq!(state.screen, Screen::Reader);
    assert!(state.reader.explaining);
    let text = screen(&state);
    assert!(text.contains("speaker:"), "{text}");
    assert!(text.contains("lexicons/"), "{text}");
    press(&mut state, "esc");
    assert!(!state.reader.explaining);
    press(&mut state, "esc");
    assert_eq!(state.screen, Screen::Statements);
}

#[test]
fn next_and_previous_statement_walk_the_article() {
    let mut state = state(80, 24);
    let truce = state.article_rows.iter().position(|&a| a == 0).unwrap();
    for _ in 0..truce {
        press(&mut state, "j");
    }
    press(&mut state, "enter n");
    assert_eq!(state.reader.selected, Some(0));
    press(&mut state, "n");
    assert_eq!(state.reader.selected, Some(1));
    press(&mut state, "n");
    assert_eq!(state.reader.selected, Some(1));
    assert_eq!(state.status.message.as_deref(), Some("last statement"));
    press(&mut state, "N");
    assert_eq!(state.reader.selected, Some(0));
    press(&mut state, "E");
    assert!(
        state.editor_request.is_none(),
        "E needs the explanation open"
    );
    press(&mut state, "e E");
    let origin = state.editor_request.take().expect("an editor request");
    assert_eq!(
        (origin.file.as_str(), origin.line),
        ("lexicons/ar/stance.toml", 12)
    );
}

#[test]
fn broken_lexicon_shows_its_error_and_the_reader_keeps_working() {
    let mut state = state(100, 24);
    let error = "lexicons/ar/stance.toml:3:7: expected `=` after a key".to_string();
    update(&mut state, Action::LexiconError(vec![error.clone()]));
    let text = screen(&state);
    assert!(text.contains(&error), "{text}");
    press(&mut state, "enter n");
    assert_eq!(state.screen, Screen::Reader);
    assert!(state.reader.selected.is_some());

    let mut fixed = statements(&state.articles.clone());
    for statements in &mut fixed {
        for statement in statements {
            statement.blames.clear();
            statement
                .evidence
                .retain(|e| e.relation == Relation::Supports);
        }
    }
    update(
        &mut state,
        Action::LexiconReloaded(reader_fixtures::directory()),
    );
    update(&mut state, Action::AnalysisStarted { generation: 2 });
    let results = fixed.into_iter().enumerate().collect();
    update(
        &mut state,
        Action::Analysed {
            generation: 2,
            results,
        },
    );
    assert!(state.status.errors.is_empty());
    let text = screen(&state);
    assert!(
        !text.contains("◀"),
        "blame tags are gone after the fix: {text}"
    );
    assert!(!text.contains("expected `="), "{text}");
}

#[test]
fn results_of_an_old_tagging_pass_are_ignored() {
    let mut state = reader_fixtures::untagged_state(80, 24);
    update(&mut state, Action::AnalysisStarted { generation: 2 });
    let stale = statements(&state.articles.clone()).remove(0);
    update(
        &mut state,
        Action::Analysed {
            generation: 1,
            results: vec![(0, stale)],
        },
    );
    assert_eq!(state.analysed(), 0);
}

#[test]
fn filter_box_takes_letters_before_the_list() {
    let mut state = state(80, 24);
    press(&mut state, "/");
    type_text(&mut state, "j");
    assert_eq!(state.filter.input, "j");
    assert_eq!(state.article_list.cursor, 0);
    press(&mut state, "down");
    assert_eq!(
        state.filter.input, "j",
        "arrows still move the list while typing"
    );
}

#[test]
fn compare_scrolls_in_proportion_and_unsynced_on_demand() {
    let mut state = state(80, 8);
    let order = state.article_rows.clone();
    let short = order.iter().position(|&a| a == 1).unwrap();
    let long = order.iter().position(|&a| a == 3).unwrap();
    for position in [long, short] {
        state.article_list.cursor = position;
        press(&mut state, "space");
    }
    press(&mut state, "c G");
    let tops = state.compare.tops.clone();
    assert!(tops[1] > 0 && tops[0] > 0, "{tops:?}");
    press(&mut state, "g s tab G");
    assert!(!state.compare.synced);
    assert_eq!(
        state.compare.tops[0], 0,
        "the other pane stays when unsynced"
    );
    assert!(state.compare.tops[1] > 0);
}

#[test]
fn mouse_clicks_select_and_wheel_scrolls_the_pane_under_it() {
    let mut state = state(80, 10);
    update(&mut state, Action::Click { column: 10, row: 3 });
    assert_eq!(state.article_list.cursor, 2);
    press(&mut state, "space");
    state.article_list.cursor = 3;
    press(&mut state, "space c");
    update(
        &mut state,
        Action::Scroll {
            column: 70,
            row: 5,
            lines: 3,
        },
    );
    assert_eq!(
        state.compare.tops.iter().filter(|&&t| t > 0).count(),
        2,
        "synced"
    );
    update(&mut state, Action::Click { column: 70, row: 5 });
    assert_eq!(state.compare.focus, 1);
}

#[test]
fn reader_shows_the_lines_render_prints() {
    for width in [80u16, 81, 120] {
        for position in 0..4 {
            let mut state = state(width, 60);
            state.article_list.cursor = position;
            press(&mut state, "enter");
            let article = &state.articles[state.reader.article];
            let text_area = state.reader_areas().text;
            let expected = render_article(article, usize::from(text_area.width), &state.layout);
            let screen = screen(&state);
            let shown: Vec<String> = screen
                .lines()
                .skip(usize::from(text_area.y))
                .take(expected.len())
                .map(|line| line.chars().skip(usize::from(text_area.x)).collect())
                .collect();
            let expected: Vec<&str> = expected.iter().map(|l| l.trim_end()).collect();
            assert_eq!(shown, expected, "{} at {width}", article.path);
        }
    }
}

#[test]
fn arabic_statement_is_found_by_english_name_and_without_hamza() {
    let mut state = state(80, 24);
    press(&mut state, "/");
    type_text(&mut state, "الاذربيجانيه");
    let matches = state.filter.matches.clone().unwrap();
    assert!(matches.statements.contains(&(0, 0)), "{matches:?}");
    press(&mut state, "esc /");
    type_text(&mut state, "Blinken lang:ar");
    let matches = state.filter.matches.clone().unwrap();
    assert_eq!(matches.statements, vec![(0, 1)]);
    let source = &state.articles[0].source;
    assert!(source.contains(AR_BLINKEN));
}

#[test]
fn sort_cycles_through_date_outlet_and_title() {
    let mut state = state(80, 24);
    let dates: Vec<String> = state
        .article_rows
        .iter()
        .map(|&a| state.articles[a].meta.date.clone().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    press(&mut state, "o");
    let outlets: Vec<&str> = state
        .article_rows
        .iter()
        .map(|&a| state.articles[a].meta.outlet.as_deref().unwrap())
        .collect();
    assert_eq!(outlets[0], "Baku Herald");
    press(&mut state, "o");
    let titles: Vec<&str> = state
        .article_rows
        .iter()
        .map(|&a| state.articles[a].title.as_str())
        .collect();
    assert_eq!(
        titles[0],
        "Armenia accuses Azerbaijan of breaking border truce"
    );
    assert!(screen(&state).contains("sorted by title"));
}

#[test]
fn tab_picks_which_tag_the_editor_opens() {
    let mut state = state(100, 30);
    let mut fixed = statements(&state.articles.clone());
    let extra = fixed[3][0].evidence[0].clone();
    let mut second = extra.clone();
    second.origin.line = 40;
    fixed[3][0].evidence.push(second);
    update(
        &mut state,
        Action::Analysed {
            generation: 1,
            results: vec![(3, fixed.remove(3))],
        },
    );
    state.article_list.cursor = state.article_rows.iter().position(|&a| a == 3).unwrap();
    press(&mut state, "enter n e tab E");
    assert_eq!(state.editor_request.take().map(|o| o.line), Some(40));
    press(&mut state, "tab E");
    assert_eq!(
        state.editor_request.take().map(|o| o.line),
        Some(extra.origin.line)
    );
    assert!(screen(&state).contains("▶◀ blames"));
}

#[test]
fn next_statement_in_a_comparison_scrolls_the_focused_pane_to_it() {
    let mut state = state(80, 8);
    for article in [0, 2] {
        state.article_list.cursor = state
            .article_rows
            .iter()
            .position(|&a| a == article)
            .unwrap();
        press(&mut state, "space");
    }
    press(&mut state, "c s n");
    let first = state.compare.tops[0];
    assert!(first > 0, "{:?}", state.compare.tops);
    assert_eq!(state.compare.tops[1], 0, "unsynced: the other pane stays");
    press(&mut state, "n");
    assert!(state.compare.tops[0] > first);
    press(&mut state, "N");
    assert_eq!(state.compare.tops[0], first);
}

#[test]
fn the_explained_statement_stays_in_view_above_the_panel() {
    let mut state = state(80, 16);
    state.article_list.cursor = state.article_rows.iter().position(|&a| a == 3).unwrap();
    press(&mut state, "enter n e");
    let lines = state.reader_lines().unwrap();
    let starts = state.statement_starts(3, &lines);
    let row = starts[state.reader.selected.unwrap()].unwrap();
    let height = usize::from(state.reader_areas().text.height);
    assert!(
        row >= state.reader.top && row < state.reader.top + height,
        "row {row} top {} height {height}",
        state.reader.top
    );
}

#[test]
fn retagging_keeps_the_explained_statement_when_it_is_still_there() {
    let mut state = state(100, 30);
    state.article_list.cursor = state.article_rows.iter().position(|&a| a == 3).unwrap();
    press(&mut state, "enter n e");
    let mut retagged = statements(&state.articles.clone()).remove(3);
    retagged[0].evidence[0].origin.line = 99;
    update(&mut state, Action::AnalysisStarted { generation: 2 });
    update(
        &mut state,
        Action::Analysed {
            generation: 2,
            results: vec![(3, retagged)],
        },
    );
    assert!(state.reader.explaining);
    assert!(screen(&state).contains(":99"));
    update(&mut state, Action::AnalysisStarted { generation: 3 });
    update(
        &mut state,
        Action::Analysed {
            generation: 3,
            results: vec![(3, Vec::new())],
        },
    );
    assert_eq!(state.reader.selected, None);
    assert!(!state.reader.explaining);
}
