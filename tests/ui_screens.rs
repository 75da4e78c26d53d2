//! Snapshots of every screen at widths 80, 81 and 120, and the guarantee that
//! any terminal size draws without panicking.

mod reader_fixtures;

use mizan::app::{Action, update};
use ratatui::style::{Color, Modifier, Style};
use reader_fixtures::{press, screen, state, type_text};
use rstest::rstest;

fn snapshot(name: &str, width: u16, text: &str) {
    insta::with_settings!({ snapshot_suffix => format!("{width}") }, {
        insta::assert_snapshot!(name, text);
    });
}

#[rstest]
fn article_list(#[values(80, 81, 120)] width: u16) {
    let state = state(width, 24);
    let text = screen(&state);
    assert!(text.contains("Baku Herald"), "{text}");
    snapshot("article_list", width, &text);
}

#[rstest]
fn statement_list(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    press(&mut state, "S");
    let text = screen(&state);
    assert!(text.contains("◀AZE"), "{text}");
    snapshot("statement_list", width, &text);
}

#[rstest]
fn reader_with_selected_statement(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    press(&mut state, "G enter n");
    let text = screen(&state);
    assert!(text.contains("width"), "{text}");
    snapshot("reader", width, &text);
}

#[rstest]
fn explanation_panel(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    press(&mut state, "enter n n e");
    let text = screen(&state);
    assert!(text.contains("rule"), "{text}");
    snapshot("explanation", width, &text);
}

#[rstest]
fn compare_three(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    press(&mut state, "space space space c");
    let text = screen(&state);
    assert_eq!(state.compare().articles.len(), 3);
    snapshot("compare", width, &text);
}

#[rstest]
fn filter_with_qualifier(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    press(&mut state, "/");
    type_text(&mut state, "blames:armenia");
    let text = screen(&state);
    assert!(text.contains("/ blames:armenia"), "{text}");
    snapshot("filter", width, &text);
}

#[rstest]
fn help_overlay(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    press(&mut state, "?");
    let text = screen(&state);
    assert!(text.contains("next statement"), "{text}");
    snapshot("help", width, &text);
}

#[rstest]
fn help_scrolls_to_the_last_key_on_a_short_terminal(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    press(&mut state, "?");
    let first = screen(&state);
    assert!(first.contains("↓ more"), "{first}");
    assert!(!first.contains("quit"), "{first}");
    press(&mut state, "end");
    let last = screen(&state);
    assert!(last.contains("quit"), "{last}");
    assert!(last.contains("↑ more"), "{last}");
    assert!(state.help_shown(), "scrolling keeps the help open");
    assert_eq!(
        state.listing().article_list().cursor,
        0,
        "the list under it did not move"
    );
    snapshot("help_end", width, &last);
}

#[rstest]
fn untagged_list_shows_progress(#[values(80)] width: u16) {
    let state = reader_fixtures::untagged_state(width, 24);
    let text = screen(&state);
    assert!(text.contains("tagging 0/4"), "{text}");
}

#[rstest]
#[case(20, 5)]
#[case(1, 1)]
#[case(0, 0)]
#[case(7, 0)]
#[case(0, 7)]
#[case(3, 2)]
#[case(25, 3)]
fn any_size_draws_without_panicking(#[case] width: u16, #[case] height: u16) {
    let mut state = state(80, 24);
    let flows = [
        "",
        "S",
        "enter n e",
        "space space c",
        "/",
        "?",
        "enter n n e",
    ];
    for keys in flows {
        let mut state_for_flow = reader_fixtures::state(80, 24);
        if !keys.is_empty() {
            press(&mut state_for_flow, keys);
        }
        update(&mut state_for_flow, Action::Resize { width, height });
        let text = screen(&state_for_flow);
        assert_eq!(text.lines().count(), usize::from(height));
        press(&mut state_for_flow, "j pagedown G n N tab");
        screen(&state_for_flow);
    }
    update(&mut state, Action::Resize { width, height });
    assert_eq!(state.viewport().width, width);
}

/// The cells of row `y`, with their styles.
fn row_cells(buffer: &ratatui::buffer::Buffer, y: u16) -> Vec<&ratatui::buffer::Cell> {
    (0..buffer.area.width).map(|x| &buffer[(x, y)]).collect()
}

#[test]
fn statements_are_highlighted_and_badges_coloured_by_party() {
    let mut state = state(100, 30);
    reader_fixtures::select_article(&mut state, 3);
    press(&mut state, "enter n");
    let buffer = reader_fixtures::buffer(&state);
    let text = screen(&state);
    let badge_row = text
        .lines()
        .position(|l| l.starts_with("1× AZE ◀ARM"))
        .expect("badge row") as u16;
    let cells = row_cells(&buffer, badge_row);
    assert_ne!(
        cells[0].bg, cells[3].bg,
        "the single-outlet badge stands out from the party badges"
    );
    let aze = cells[3].fg;
    let arm = cells[8].fg;
    assert_ne!(aze, arm, "one colour per party");
    assert!(
        cells[3].modifier.contains(Modifier::BOLD),
        "the speaker's party is bold"
    );
    let selected_bg = cells[20].bg;
    let plain_row = text
        .lines()
        .position(|l| l.contains("The two neighbours"))
        .unwrap() as u16;
    assert_ne!(
        row_cells(&buffer, plain_row)[20].bg,
        selected_bg,
        "only the statement is highlighted"
    );
    let cue_row = text.lines().position(|l| l.contains("blamed")).unwrap();
    let line = text.lines().nth(cue_row).unwrap();
    let cue_x = line[..line.find("blamed").unwrap()].chars().count();
    let cue_row = cue_row as u16;
    assert!(
        row_cells(&buffer, cue_row)[cue_x]
            .modifier
            .contains(Modifier::UNDERLINED),
        "the cue is underlined"
    );
}

#[rstest]
fn coverage_of_marked_articles(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    press(&mut state, "space space space space v");
    let text = screen(&state);
    assert!(text.contains("4 marked articles"), "{text}");
    assert!(text.contains("AZE → ARM ×1"), "{text}");
    assert!(text.contains("blamed"), "{text}");
    snapshot("coverage", width, &text);
}

#[rstest]
fn grouped_article_list(#[values(80, 81, 120)] width: u16) {
    let mut state = reader_fixtures::shared_state(width, 24);
    press(&mut state, "t");
    assert!(state.listing().grouped());
    let text = screen(&state);
    assert!(text.contains("▾ "), "a story header: {text}");
    assert!(text.contains("no story with another"), "{text}");
    assert!(text.contains("by story"), "{text}");
    snapshot("grouped_list", width, &text);
}

#[rstest]
fn compare_with_outlet_badges(#[values(80, 81, 120)] width: u16) {
    let mut state = reader_fixtures::shared_state(width, 24);
    press(&mut state, "t g enter");
    assert_eq!(state.screen(), mizan::app::Screen::Compare);
    let text = screen(&state);
    assert!(
        text.contains("3×"),
        "statements the Arabic report, its copy and the English one share: {text}"
    );
    assert!(text.contains("1×"), "statements one outlet carries: {text}");
    snapshot("compare_badges", width, &text);
}

#[rstest]
fn omitted_statements_list(#[values(80, 81, 120)] width: u16) {
    let mut state = reader_fixtures::shared_state(width, 24);
    press(&mut state, "t g enter O");
    let list = state.compare().omitted.as_ref().expect("the omitted list");
    assert!(!list.entries.is_empty());
    let text = screen(&state);
    assert!(text.contains("enter jumps"), "{text}");
    snapshot("omitted", width, &text);
}

/// The symbols of row `y` drawn in `style`'s colour and modifiers.
fn cells_in_style(buffer: &ratatui::buffer::Buffer, y: u16, style: Style) -> String {
    row_cells(buffer, y)
        .into_iter()
        .filter(|cell| Some(cell.fg) == style.fg && cell.modifier.contains(style.add_modifier))
        .map(|cell| cell.symbol())
        .collect()
}

#[test]
fn highlights_are_where_the_filter_matched_aliases_and_party_names_included() {
    let mut state = state(120, 24);
    press(&mut state, "/");
    type_text(&mut state, "blinken");
    press(&mut state, "enter S");
    assert_eq!(state.statement_rows(), [(0, 1), (2, 1)]);
    let buffer = reader_fixtures::buffer(&state);
    let matched = Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD);
    // In the statement and in the speaker column: the Arabic name the
    // English one stands for, shaped, and the English name.
    let arabic = cells_in_style(&buffer, 1, matched);
    assert_eq!(arabic, "ﻦﻜﻨﻴﻠﺑ".repeat(2), "{arabic:?}");
    assert_eq!(cells_in_style(&buffer, 2, matched), "Blinken".repeat(2));

    press(&mut state, "esc esc /");
    type_text(&mut state, "armenia");
    // The cursor's row is drawn reversed: it goes to the last row.
    press(&mut state, "enter S G");
    let text = screen(&state);
    let buffer = reader_fixtures::buffer(&state);
    let moscow = text
        .lines()
        .position(|line| line.contains("◀ARM") && line.contains("RUS"))
        .expect("the Russian statement blaming Armenia") as u16;
    let reversed = row_cells(&buffer, moscow)
        .into_iter()
        .filter(|cell| cell.modifier.contains(Modifier::REVERSED))
        .map(|cell| cell.symbol())
        .collect::<String>();
    assert!(
        reversed.contains("ARM") && !reversed.contains("RUS"),
        "the party whose name matched: {reversed:?}"
    );
}

#[rstest]
fn compare_with_explanation(#[values(80, 81, 120)] width: u16) {
    let mut state = reader_fixtures::shared_state(width, 24);
    press(&mut state, "t g enter e");
    let text = screen(&state);
    assert!(text.contains("statement 1/1"), "{text}");
    assert!(text.contains("blames"), "{text}");
    snapshot("compare_explanation", width, &text);
}

#[rstest]
fn search_within_an_arabic_article(#[values(80, 81, 120)] width: u16) {
    let mut state = state(width, 24);
    reader_fixtures::select_article(&mut state, 0);
    press(&mut state, "enter /");
    type_text(&mut state, "blinken");
    press(&mut state, "enter");
    let text = screen(&state);
    assert!(text.contains("search: blinken"), "{text}");
    assert!(text.contains("1 of 1"), "{text}");
    snapshot("reader_search", width, &text);
}

#[rstest]
fn the_stance_column_goes_last(#[values(80, 81, 120)] width: u16) {
    let state = state(width, 24);
    let text = screen(&state);
    assert!(text.contains("◀AZE 1 ♥RUS 1"), "the whole summary: {text}");
    let narrow = reader_fixtures::state(60, 24);
    let text = screen(&narrow);
    assert!(
        text.contains("◀AZE 1 ♥RUS 1"),
        "stance outlives the other columns: {text}"
    );
    assert!(!text.contains("Baku Herald"), "the outlet gave way: {text}");
    assert!(!text.contains("2026-03-04"), "the date gave way: {text}");
}

/// The main screens at 150×40, the other size a person reads at.
#[test]
fn screens_at_150x40() {
    let flows = [
        ("articles", ""),
        ("statements", "S"),
        ("explanation", "enter n e"),
        ("compare", "space space space c"),
        ("coverage", "space space space space v"),
    ];
    for (name, keys) in flows {
        let mut state = reader_fixtures::shared_state(150, 40);
        if !keys.is_empty() {
            press(&mut state, keys);
        }
        let text = screen(&state);
        insta::with_settings!({ snapshot_suffix => "150x40" }, {
            insta::assert_snapshot!(name, text);
        });
    }
}

#[test]
fn a_chart_too_narrow_for_every_outlet_says_how_many_it_leaves_out() {
    let mut state = reader_fixtures::shared_state(80, 24);
    press(&mut state, "space space space space space space v");
    let outlets = state.coverage().coverage.outlets.len();
    assert_eq!(outlets, 6);
    let text = screen(&state);
    let title = text
        .lines()
        .find(|line| line.contains("┌quoted"))
        .expect("the quoted chart");
    assert!(title.contains("quoted: 2 outlets left out"), "{title}");
    let mut wide = reader_fixtures::shared_state(150, 40);
    press(&mut wide, "space space space space space space v");
    assert!(!screen(&wide).contains("left out"), "{}", screen(&wide));
}
