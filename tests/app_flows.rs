//! Flows driven by key events, as a person uses the reader: open → filter →
//! compare → explain → a broken lexicon edit → a fixed one.

mod reader_fixtures;

use mizan::app::{Action, Screen, update};
use mizan::corpus::coverage::CountFilter;
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

#[test]
fn articles_arriving_in_batches_fill_the_list_and_keep_the_selection() {
    let all = reader_fixtures::articles();
    let options = mizan::app::StartOptions {
        source: "fixtures".into(),
        ..Default::default()
    };
    let mut state = mizan::app::State::new(all[..2].to_vec(), options);
    update(
        &mut state,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    press(&mut state, "j");
    let selected = state.selected_article_row().expect("a selected article");
    for batch in all[2..].chunks(2) {
        update(&mut state, Action::ArticlesLoaded(batch.to_vec()));
        assert_eq!(state.selected_article_row(), Some(selected));
    }
    assert_eq!(state.articles.len(), all.len());
    assert_eq!(state.article_rows.len(), all.len());
    let status = format!("{} articles", all.len());
    assert!(screen(&state).contains(&status), "{}", screen(&state));
}

#[test]
fn coverage_numbers_open_exactly_their_statements() {
    let mut state = state(120, 30);
    let stories = state.stories.as_ref().expect("stories once tagged");
    assert_eq!(stories.story_of.len(), 4);
    press(&mut state, "space space space space v");
    assert_eq!(state.screen, Screen::Coverage);
    let blames_armenia = state
        .coverage
        .targets
        .iter()
        .position(|t| {
            t.filter == CountFilter::Tagged(Relation::Blames, "armenia".into())
                && t.articles.len() > 1
        })
        .expect("an outlet blaming armenia");
    for _ in 0..blames_armenia {
        press(&mut state, "down");
    }
    assert_eq!(state.coverage.cursor, blames_armenia);
    press(&mut state, "enter");
    assert_eq!(state.screen, Screen::Statements);
    let count = state.coverage.targets[blames_armenia].count;
    assert_eq!(state.statement_rows.len(), count);
    for &(article, statement) in &state.statement_rows {
        assert!(
            state.statements_of(article)[statement]
                .blames
                .contains(&"armenia".into())
        );
    }
    press(&mut state, "esc");
    assert_eq!(state.screen, Screen::Coverage);
    assert_eq!(state.statement_rows.len(), 6, "esc clears the count filter");
    press(&mut state, "esc");
    assert_eq!(state.screen, Screen::Articles);
}

#[test]
fn coverage_waits_for_tagging_and_follows_the_story() {
    let mut untagged = reader_fixtures::untagged_state(80, 24);
    press(&mut untagged, "v");
    assert_eq!(untagged.screen, Screen::Articles);
    assert!(untagged.stories.is_none());
    let mut state = state(80, 24);
    press(&mut state, "v");
    assert_eq!(state.screen, Screen::Coverage);
    let article = state.article_rows[0];
    let stories = state.stories.as_ref().unwrap();
    let story = &stories.stories[stories.story_of[article]];
    assert!(state.coverage.title.contains(&story.label));
    let counted: Vec<usize> = state
        .coverage
        .coverage
        .articles
        .iter()
        .map(|a| a.article)
        .collect();
    assert_eq!(counted, story.articles);
}

#[test]
fn compare_without_marks_opens_the_story_under_the_cursor() {
    let mut state = state(120, 30);
    let stories = state.stories.clone().unwrap();
    let shared = stories
        .stories
        .iter()
        .find(|s| s.articles.len() >= 2)
        .expect("the fixtures share a story");
    let row = state
        .article_rows
        .iter()
        .position(|a| shared.articles.contains(a))
        .unwrap();
    for _ in 0..row {
        press(&mut state, "j");
    }
    press(&mut state, "c");
    assert_eq!(state.screen, Screen::Compare);
    let expected: Vec<usize> = shared.articles.iter().copied().take(4).collect();
    assert_eq!(state.compare.articles, expected);
    let mut lone = reader_fixtures::untagged_state(120, 30);
    press(&mut lone, "c");
    assert_eq!(lone.screen, Screen::Articles, "no stories before tagging");
}

#[test]
fn next_statement_in_a_comparison_lights_up_its_counterpart() {
    let articles = reader_fixtures::articles();
    let mut copy = articles[0].clone();
    copy.path = "ar/truce-copy.txt".into();
    copy.meta.outlet = Some("Other Outlet".into());
    let tagged = statements(&articles);
    let options = mizan::app::StartOptions {
        directory: reader_fixtures::directory(),
        ..Default::default()
    };
    let mut state = mizan::app::State::new(vec![articles[0].clone(), copy], options);
    update(
        &mut state,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    update(&mut state, Action::AnalysisStarted { generation: 1 });
    let results = vec![(0, tagged[0].clone()), (1, tagged[0].clone())];
    update(
        &mut state,
        Action::Analysed {
            generation: 1,
            results,
        },
    );
    assert_eq!(state.stories.as_ref().unwrap().stories.len(), 1);
    press(&mut state, "c");
    assert_eq!(state.screen, Screen::Compare);
    assert_eq!(state.compare_highlight(1), None, "nothing selected yet");
    press(&mut state, "n");
    let (article, statement) = state.compare.selected.expect("n selects");
    let other = 1 - article;
    assert_eq!(state.compare_highlight(other), Some(statement));
    assert!(!state.carried_by_one_outlet(article, statement));
    assert_eq!(state.status.message, None, "two outlets carry it");
}

#[test]
fn a_statement_only_one_outlet_carries_is_marked() {
    let mut state = state(120, 30);
    press(&mut state, "space space space space c");
    press(&mut state, "n");
    let (article, statement) = state.compare.selected.expect("n selects");
    assert!(state.carried_by_one_outlet(article, statement));
    assert_eq!(
        state.status.message.as_deref(),
        Some("¹ no other outlet carries this statement")
    );
}
