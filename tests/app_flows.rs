//! Flows driven by key events, as a person uses the reader: open → filter →
//! compare → explain → a broken lexicon edit → a fixed one.

mod reader_fixtures;

use mizan::app::geometry::compare_areas;
use mizan::app::grouping::ListRow;
use mizan::app::omitted::OmittedEntry;
use mizan::app::{Action, Screen, update};
use mizan_engine::corpus::align::StatementRef;
use mizan_engine::corpus::coverage::CountFilter;
use mizan_engine::tagger::Relation;
use mizan_text::layout::render_article;
use reader_fixtures::{AR_BLINKEN, press, screen, state, statements, type_text};

#[test]
fn open_filter_compare_explain() {
    let mut state = state(120, 30);
    press(&mut state, "/");
    type_text(&mut state, "blinken");
    assert_eq!(
        state.filter().matches().unwrap().statements,
        vec![(0, 1), (2, 1)]
    );
    press(&mut state, "enter");
    assert!(!state.filter().prompt().editing());
    assert_eq!(state.article_rows().len(), 2);
    press(&mut state, "space space c");
    assert_eq!(state.screen(), Screen::Compare);
    assert_eq!(state.compare().articles.len(), 2);
    press(&mut state, "tab");
    assert_eq!(state.compare().focus, 1);
    press(&mut state, "esc esc");
    assert_eq!(state.screen(), Screen::Articles);
    assert!(
        state.filter().prompt().input().is_empty(),
        "esc on the list clears the filter"
    );
    press(&mut state, "S j e");
    assert_eq!(state.screen(), Screen::Reader);
    assert!(state.reader().explaining);
    let text = screen(&state);
    assert!(text.contains("speaker:"), "{text}");
    assert!(text.contains("lexicons/"), "{text}");
    press(&mut state, "esc");
    assert!(!state.reader().explaining);
    press(&mut state, "esc");
    assert_eq!(state.screen(), Screen::Statements);
}

#[test]
fn next_and_previous_statement_walk_the_article() {
    let mut state = state(80, 24);
    let truce = state.article_rows().iter().position(|&a| a == 0).unwrap();
    for _ in 0..truce {
        press(&mut state, "j");
    }
    press(&mut state, "enter n");
    assert_eq!(state.reader().selected, Some(0));
    press(&mut state, "n");
    assert_eq!(state.reader().selected, Some(1));
    press(&mut state, "n");
    assert_eq!(state.reader().selected, Some(1));
    assert_eq!(state.status().message.as_deref(), Some("last statement"));
    press(&mut state, "N");
    assert_eq!(state.reader().selected, Some(0));
    press(&mut state, "E");
    assert!(
        state.take_editor_request().is_none(),
        "E needs the explanation open"
    );
    press(&mut state, "e E");
    let origin = state.take_editor_request().expect("an editor request");
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
    assert_eq!(state.screen(), Screen::Reader);
    assert!(state.reader().selected.is_some());

    let mut fixed = statements(state.articles());
    for statements in &mut fixed {
        for statement in statements {
            let supports = statement
                .evidence
                .iter()
                .filter(|e| e.relation == Relation::Supports);
            statement.evidence = supports.cloned().collect();
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
    assert!(state.status().errors.is_empty());
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
    let stale = statements(state.articles()).remove(0);
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
    assert_eq!(state.filter().prompt().input(), "j");
    assert_eq!(state.listing().article_list().cursor, 0);
    press(&mut state, "down");
    assert_eq!(
        state.filter().prompt().input(),
        "j",
        "arrows still move the list while typing"
    );
}

#[test]
fn compare_scrolls_in_proportion_and_unsynced_on_demand() {
    let mut state = state(80, 8);
    let order = state.article_rows().to_vec();
    let short = order.iter().position(|&a| a == 1).unwrap();
    let long = order.iter().position(|&a| a == 3).unwrap();
    for position in [long, short] {
        reader_fixtures::select_row(&mut state, position);
        press(&mut state, "space");
    }
    press(&mut state, "c G");
    let tops = state.compare().tops.clone();
    assert!(tops[1] > 0 && tops[0] > 0, "{tops:?}");
    press(&mut state, "g s tab G");
    assert!(!state.compare().synced);
    assert_eq!(
        state.compare().tops[0],
        0,
        "the other pane stays when unsynced"
    );
    assert!(state.compare().tops[1] > 0);
}

#[test]
fn mouse_clicks_select_and_wheel_scrolls_the_pane_under_it() {
    let mut state = state(80, 10);
    update(&mut state, Action::Click { column: 10, row: 3 });
    assert_eq!(state.listing().article_list().cursor, 2);
    press(&mut state, "space");
    reader_fixtures::select_row(&mut state, 3);
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
        state.compare().tops.iter().filter(|&&t| t > 0).count(),
        2,
        "synced"
    );
    update(&mut state, Action::Click { column: 70, row: 5 });
    assert_eq!(state.compare().focus, 1);
}

#[test]
fn reader_shows_the_lines_render_prints() {
    for width in [80u16, 81, 120] {
        for position in 0..4 {
            let mut state = state(width, 60);
            reader_fixtures::select_row(&mut state, position);
            press(&mut state, "enter");
            let article = &state.articles()[state.reader().article];
            let text_area = state.reader_areas().text;
            let expected =
                render_article(article.text(), usize::from(text_area.width), state.layout());
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
    let matches = state.filter().matches().cloned().unwrap();
    assert!(matches.statements.contains(&(0, 0)), "{matches:?}");
    press(&mut state, "esc /");
    type_text(&mut state, "Blinken lang:ar");
    let matches = state.filter().matches().cloned().unwrap();
    assert_eq!(matches.statements, vec![(0, 1)]);
    let source = &state.articles()[0].source;
    assert!(source.contains(AR_BLINKEN));
}

#[test]
fn sort_cycles_through_date_outlet_and_title() {
    let mut state = state(80, 24);
    let dates: Vec<String> = state
        .article_rows()
        .iter()
        .map(|&a| state.articles()[a].meta.date.clone().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    press(&mut state, "=");
    let outlets: Vec<&str> = state
        .article_rows()
        .iter()
        .map(|&a| state.articles()[a].meta.outlet.as_deref().unwrap())
        .collect();
    assert_eq!(outlets[0], "Baku Herald");
    press(&mut state, "=");
    let titles: Vec<&str> = state
        .article_rows()
        .iter()
        .map(|&a| state.articles()[a].title.as_str())
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
    let mut fixed = statements(state.articles());
    let extra = fixed[3][0].evidence[0].clone();
    let mut second = extra.clone();
    second.origin.line = 40;
    let mut evidence = fixed[3][0].evidence.to_vec();
    evidence.push(second);
    fixed[3][0].evidence = evidence.into();
    update(
        &mut state,
        Action::Analysed {
            generation: 1,
            results: vec![(3, fixed.remove(3))],
        },
    );
    reader_fixtures::select_article(&mut state, 3);
    press(&mut state, "enter n e tab E");
    assert_eq!(state.take_editor_request().map(|o| o.line), Some(40));
    press(&mut state, "tab E");
    assert_eq!(
        state.take_editor_request().map(|o| o.line),
        Some(extra.origin.line)
    );
    assert!(screen(&state).contains("▶◀ blames"));
}

#[test]
fn next_statement_in_a_comparison_scrolls_the_focused_pane_to_it() {
    let mut state = state(80, 8);
    for article in [0, 2] {
        reader_fixtures::select_article(&mut state, article);
        press(&mut state, "space");
    }
    press(&mut state, "c s n");
    let first = state.compare().tops[0];
    assert!(first > 0, "{:?}", state.compare().tops);
    assert_eq!(state.compare().tops[1], 0, "unsynced: the other pane stays");
    press(&mut state, "n");
    assert!(state.compare().tops[0] > first);
    press(&mut state, "N");
    assert_eq!(state.compare().tops[0], first);
}

#[test]
fn the_explained_statement_stays_in_view_above_the_panel() {
    let mut state = state(80, 16);
    reader_fixtures::select_article(&mut state, 3);
    press(&mut state, "enter n e");
    let lines = state.reader_lines().unwrap();
    let starts = state.statement_starts(3, &lines);
    let row = starts[state.reader().selected.unwrap()].unwrap();
    let height = usize::from(state.reader_areas().text.height);
    assert!(
        row >= state.reader().top && row < state.reader().top + height,
        "row {row} top {} height {height}",
        state.reader().top
    );
}

#[test]
fn retagging_keeps_the_explained_statement_when_it_is_still_there() {
    let mut state = state(100, 30);
    reader_fixtures::select_article(&mut state, 3);
    press(&mut state, "enter n e");
    let mut retagged = statements(state.articles()).remove(3);
    retagged[0].evidence[0].origin.line = 99;
    update(&mut state, Action::AnalysisStarted { generation: 2 });
    update(
        &mut state,
        Action::Analysed {
            generation: 2,
            results: vec![(3, retagged)],
        },
    );
    assert!(state.reader().explaining);
    assert!(screen(&state).contains(":99"));
    update(&mut state, Action::AnalysisStarted { generation: 3 });
    update(
        &mut state,
        Action::Analysed {
            generation: 3,
            results: vec![(3, Vec::new())],
        },
    );
    assert_eq!(state.reader().selected, None);
    assert!(!state.reader().explaining);
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
    assert_eq!(state.articles().len(), all.len());
    assert_eq!(
        state.library().articles().capacity(),
        all.len(),
        "the batches leave no spare room"
    );
    assert_eq!(state.article_rows().len(), all.len());
    let status = format!("{} articles", all.len());
    assert!(screen(&state).contains(&status), "{}", screen(&state));
}

#[test]
fn coverage_numbers_open_exactly_their_statements() {
    let mut state = state(120, 30);
    let stories = state.stories().expect("stories once tagged");
    assert_eq!(stories.story_of.len(), 4);
    press(&mut state, "space space space space v");
    assert_eq!(state.screen(), Screen::Coverage);
    let blames_armenia = state
        .coverage()
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
    assert_eq!(state.coverage().cursor, blames_armenia);
    press(&mut state, "enter");
    assert_eq!(state.screen(), Screen::Statements);
    let count = state.coverage().targets[blames_armenia].count;
    assert_eq!(state.statement_rows().len(), count);
    for &(article, statement) in state.statement_rows() {
        assert!(
            state.statements_of(article)[statement]
                .blames()
                .any(|party| party == "armenia")
        );
    }
    press(&mut state, "esc");
    assert_eq!(state.screen(), Screen::Coverage);
    assert_eq!(
        state.statement_rows().len(),
        6,
        "esc clears the count filter"
    );
    press(&mut state, "esc");
    assert_eq!(state.screen(), Screen::Articles);
}

#[test]
fn coverage_waits_for_tagging_and_follows_the_story() {
    let mut untagged = reader_fixtures::untagged_state(80, 24);
    press(&mut untagged, "v");
    assert_eq!(untagged.screen(), Screen::Articles);
    assert!(untagged.stories().is_none());
    let mut state = state(80, 24);
    press(&mut state, "v");
    assert_eq!(state.screen(), Screen::Coverage);
    let article = state.article_rows()[0];
    let stories = state.stories().unwrap();
    let story = &stories.stories[stories.story_of[article]];
    assert!(state.coverage().title.contains(&story.label));
    let counted: Vec<usize> = state
        .coverage()
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
    let stories = state.stories().cloned().unwrap();
    let shared = stories
        .stories
        .iter()
        .find(|s| s.articles.len() >= 2)
        .expect("the fixtures share a story");
    let row = state
        .article_rows()
        .iter()
        .position(|a| shared.articles.contains(a))
        .unwrap();
    for _ in 0..row {
        press(&mut state, "j");
    }
    press(&mut state, "c");
    assert_eq!(state.screen(), Screen::Compare);
    let mut expected = shared.articles.clone();
    expected.sort_by_key(|&a| (state.articles()[a].meta.date.clone(), a));
    expected.truncate(4);
    assert_eq!(
        state.compare().articles,
        expected,
        "the story's articles by date"
    );
    let mut lone = reader_fixtures::untagged_state(120, 30);
    press(&mut lone, "c");
    assert_eq!(lone.screen(), Screen::Articles, "no stories before tagging");
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
    assert!(state.stories().is_none(), "built in the background");
    reader_fixtures::build_stories(&mut state);
    assert_eq!(state.stories().unwrap().stories.len(), 1);
    press(&mut state, "c");
    assert_eq!(state.screen(), Screen::Compare);
    assert_eq!(state.compare_highlight(1), None, "nothing selected yet");
    press(&mut state, "n");
    let (article, statement) = state.compare().selected.expect("n selects");
    let other = 1 - article;
    assert_eq!(state.compare_highlight(other), Some(statement));
    assert!(!state.carried_by_one_outlet(article, statement));
    assert_eq!(state.status().message, None, "two outlets carry it");
}

#[test]
fn a_statement_only_one_outlet_carries_is_marked() {
    let mut state = state(120, 30);
    press(&mut state, "space space space space c");
    press(&mut state, "n");
    let (article, statement) = state.compare().selected.expect("n selects");
    assert!(state.carried_by_one_outlet(article, statement));
    assert_eq!(
        state.status().message.as_deref(),
        Some("¹ no other outlet carries this statement")
    );
}

#[test]
fn grouping_waits_for_the_stories_and_keeps_the_cursor_on_its_article() {
    let mut untagged = reader_fixtures::untagged_state(80, 24);
    press(&mut untagged, "t");
    assert!(!untagged.listing().grouped());
    let message = untagged.status().message.clone().unwrap_or_default();
    assert!(message.contains("tagging is complete (0/4"), "{message}");

    let mut state = reader_fixtures::shared_state(120, 30);
    press(&mut state, "j j");
    let article = state.selected_article_row().expect("an article row");
    press(&mut state, "t");
    assert!(state.listing().grouped());
    assert_eq!(state.selected_article_row(), Some(article), "same article");
    assert!(matches!(state.listing().list_rows()[0], ListRow::Story(_)));
    press(&mut state, "t");
    assert!(!state.listing().grouped());
    assert!(state.listing().list_rows().is_empty());
    assert_eq!(state.selected_article_row(), Some(article));

    press(&mut state, "t G");
    assert_eq!(
        state.listing().article_list().cursor,
        state.listing().list_rows().len() - 1
    );
    press(&mut state, "/");
    type_text(&mut state, "grain exports");
    assert_eq!(
        state.listing().list_rows(),
        vec![ListRow::Unshared(1), ListRow::Article(5)],
        "the filter applies within the groups"
    );
    assert!(state.listing().article_list().cursor < state.listing().list_rows().len());
    press(&mut state, "esc esc");
    assert!(matches!(state.listing().list_rows()[0], ListRow::Story(_)));
}

#[test]
fn a_story_header_matches_when_one_of_its_articles_does() {
    let mut state = reader_fixtures::shared_state(120, 30);
    press(&mut state, "t /");
    type_text(&mut state, "baku says");
    let story = state.stories().unwrap().story_of[3];
    assert_eq!(
        state.listing().list_rows(),
        vec![ListRow::Story(story), ListRow::Article(3)]
    );
    assert!(
        screen(&state).contains("1 of 5 articles"),
        "{}",
        screen(&state)
    );
}

#[test]
fn enter_on_a_story_header_compares_its_first_four_articles_by_date() {
    let mut state = reader_fixtures::shared_state(120, 30);
    press(&mut state, "t g");
    let Some(ListRow::Story(story)) = state.listing().selected_row() else {
        panic!("the first row is a story header");
    };
    let members = state.stories().unwrap().stories[story].articles.clone();
    assert_eq!(members.len(), 5);
    press(&mut state, "enter");
    assert_eq!(state.screen(), Screen::Compare);
    assert_eq!(
        state.compare().articles,
        vec![3, 0, 2, 4],
        "by date, then order"
    );
    let message = state.status().message.clone().unwrap_or_default();
    assert!(message.contains("first 4 by date"), "{message}");
    press(&mut state, "esc G enter");
    assert_eq!(
        state.screen(),
        Screen::Reader,
        "an article row opens the reader"
    );
}

#[test]
fn stories_arrive_from_the_background_and_stale_ones_are_dropped() {
    let mut state = reader_fixtures::shared_state(120, 30);
    press(&mut state, "t j j j");
    let article = state.selected_article_row().expect("an article");
    let built = state.stories().cloned().expect("stories");

    update(&mut state, Action::AnalysisStarted { generation: 2 });
    let tagged = statements(state.articles());
    let mut results: Vec<_> = tagged.into_iter().enumerate().collect();
    results.push((4, results[0].1.clone()));
    results.push((5, Vec::new()));
    update(
        &mut state,
        Action::Analysed {
            generation: 2,
            results,
        },
    );
    let request = state.take_stories_request().expect("a build request");
    assert_eq!(request.generation, 2);
    let first = state.library().tagged()[0].as_ref().expect("tagged");
    assert_eq!(
        std::sync::Arc::strong_count(first),
        2,
        "the build shares the statements with the reader, it does not copy them"
    );
    assert!(
        state.listing().grouped(),
        "the old stories stay until the new ones arrive"
    );

    update(
        &mut state,
        Action::StoriesBuilt {
            generation: 1,
            stories: Box::new(mizan::app::Stories::default()),
        },
    );
    assert_eq!(state.stories(), Some(&built), "stale stories dropped");
    update(&mut state, request.build());
    assert_eq!(state.stories(), Some(&built), "same articles, same stories");
    assert_eq!(state.selected_article_row(), Some(article));
}

#[test]
fn omitted_list_shows_what_the_focused_pane_lacks_and_enter_jumps_there() {
    let mut state = reader_fixtures::shared_state(120, 12);
    press(&mut state, "O");
    assert!(state.compare().omitted.is_none(), "only in a comparison");
    press(&mut state, "t g enter tab O");
    assert_eq!(state.compare().focus, 1);
    let list = state.compare().omitted.clone().expect("the list is open");
    assert_eq!(list.pane, 1);
    let focused = state.compare().articles[1];
    assert_eq!(
        list.entries,
        [OmittedEntry {
            members: vec![StatementRef {
                article: 3,
                statement: 0
            }]
        }],
        "Baku's words; the English report carries the same two statements \
         as the focused Arabic one, and the copy carries them too"
    );
    press(&mut state, "esc shift-tab O");
    assert_eq!(state.compare().focus, 0);
    let list = state.compare().omitted.clone().expect("the list is open");
    let focused_first = state.compare().articles[0];
    for entry in &list.entries {
        assert!(entry.members.iter().all(|m| m.article != focused_first));
        assert_eq!(
            entry.members.len(),
            3,
            "one statement, in Arabic, in English and in the copy: {entry:?}"
        );
    }
    assert_eq!(list.entries.len(), 2, "{:?}", list.entries);
    assert_ne!(focused, focused_first);

    press(&mut state, "j");
    let target = list.entries[1].members[0];
    press(&mut state, "enter");
    assert!(state.compare().omitted.is_none());
    assert_eq!(state.compare().focus, 0, "the focus stays");
    assert_eq!(
        state.compare().selected,
        Some((target.article, target.statement))
    );
    let pane = state
        .compare()
        .articles
        .iter()
        .position(|&a| a == target.article)
        .unwrap();
    let areas = compare_areas(state.main_area(), state.compare().articles.len());
    let lines = state.lines(target.article, areas[pane].text.width).unwrap();
    let row = state.statement_starts(target.article, &lines)[target.statement].unwrap();
    let top = state.compare().tops[pane];
    assert!(top > 0, "the pane scrolled");
    assert!(
        (top..top + usize::from(areas[pane].text.height)).contains(&row),
        "the statement is in view"
    );

    press(&mut state, "O tab");
    assert_eq!(state.compare().focus, 1);
    let switched = state.compare().omitted.as_ref().expect("reopened");
    assert_eq!(switched.pane, 1);
    press(&mut state, "esc");
    assert!(state.compare().omitted.is_none());
    assert_eq!(state.screen(), Screen::Compare, "esc only closes the list");
}

#[test]
fn compare_panes_draw_the_outlet_count_of_each_statement() {
    let mut state = reader_fixtures::shared_state(120, 30);
    press(&mut state, "t g enter");
    assert_eq!(
        state.outlets_carrying(0, 0),
        Some(3),
        "the Arabic report, its copy and the English report"
    );
    assert_eq!(state.outlets_carrying(3, 0), Some(1));
    let text = screen(&state);
    let copies = text.matches("3×").count();
    assert_eq!(copies, 6, "two statements in each of three panes: {text}");
    assert!(text.contains("1×"), "{text}");
}

#[test]
fn a_story_only_one_outlet_covers_draws_no_outlet_badge() {
    let articles = reader_fixtures::articles();
    let tagged = statements(&articles);
    let options = mizan::app::StartOptions {
        directory: reader_fixtures::directory(),
        ..Default::default()
    };
    let mut state = mizan::app::State::new(vec![articles[3].clone()], options);
    update(&mut state, Action::AnalysisStarted { generation: 1 });
    update(
        &mut state,
        Action::Analysed {
            generation: 1,
            results: vec![(0, tagged[3].clone())],
        },
    );
    reader_fixtures::build_stories(&mut state);
    assert!(state.stories().is_some());
    assert_eq!(state.outlets_carrying(0, 0), None);
    assert!(!state.carried_by_one_outlet(0, 0));
    press(&mut state, "enter");
    assert!(!screen(&state).contains("1×"), "{}", screen(&state));
}

#[test]
fn e_explains_the_focused_panes_statement_in_place_and_follows_n() {
    let mut state = reader_fixtures::shared_state(120, 30);
    press(&mut state, "t g enter tab");
    assert_eq!(state.screen(), Screen::Compare);
    let focused = state.compare().articles[1];
    press(&mut state, "e");
    assert_eq!(state.screen(), Screen::Compare, "in place");
    let explained = state.explained().expect("an explanation");
    assert_eq!(explained.article, focused);
    assert_eq!(
        state.compare().selected,
        Some((explained.article, explained.statement))
    );
    let text = screen(&state);
    assert!(
        text.contains("speaker:") && text.contains("lexicons/"),
        "{text}"
    );
    assert!(text.contains('│'), "the panes stay: {text}");

    press(&mut state, "n");
    let next = state.explained().expect("still explaining");
    assert_eq!(next.article, focused);
    assert_ne!(
        next.statement, explained.statement,
        "n moves the explanation"
    );
    press(&mut state, "E");
    let origin = state
        .take_editor_request()
        .expect("E opens the tag's entry");
    let tagged = &state.statements_of(focused)[next.statement].evidence[0];
    assert_eq!(origin, tagged.origin);

    press(&mut state, "esc");
    assert_eq!(
        state.screen(),
        Screen::Compare,
        "esc closes the panel first"
    );
    assert!(state.explained().is_none());
    assert!(!screen(&state).contains("speaker:"));
}

#[test]
fn compare_panes_carry_the_readers_badges() {
    let mut state = state(80, 24);
    press(&mut state, "space space space c");
    let text = screen(&state);
    for article in state.compare().articles.clone() {
        for statement in state.statements_of(article) {
            let party = statement.speaker_party.as_deref().expect("a party");
            let code = state.directory().short(party);
            assert!(text.contains(&code), "{code}: {text}");
        }
    }
    assert!(text.contains("◀ARM") && text.contains("♥RUS"), "{text}");
}

#[test]
fn a_qualifier_naming_no_party_says_which_it_may_mean() {
    let mut state = state(80, 24);
    press(&mut state, "/");
    type_text(&mut state, "blames:armenai");
    assert!(state.statement_rows().is_empty());
    assert_eq!(
        state.status().message.as_deref(),
        Some("blames:armenai names no party; did you mean armenia?")
    );
    assert!(
        screen(&state).contains("did you mean armenia?"),
        "{}",
        screen(&state)
    );
    for _ in 0.."armenai".len() {
        press(&mut state, "backspace");
    }
    type_text(&mut state, "ARM");
    assert_eq!(state.status().message, None, "the code the screen shows");
    assert_eq!(state.statement_rows(), [(1, 0), (3, 0)]);
}

#[test]
fn the_filter_line_edits_as_readline_does_and_reopens_where_it_was() {
    let mut state = state(80, 24);
    press(&mut state, "/");
    type_text(&mut state, "blinken lang:ar");
    press(&mut state, "ctrl-w");
    assert_eq!(state.filter().prompt().input(), "blinken ");
    press(&mut state, "ctrl-a alt-f");
    assert_eq!(state.filter().prompt().cursor(), "blinken".len());
    press(&mut state, "ctrl-e enter /");
    assert_eq!(
        (
            state.filter().prompt().input(),
            state.filter().prompt().cursor()
        ),
        ("blinken ", "blinken ".len()),
        "/ reopens the filter, the cursor at its end"
    );
    assert_eq!(state.statement_rows(), [(0, 1), (2, 1)]);
    press(&mut state, "ctrl-u");
    assert_eq!(state.filter().prompt().input(), "");
    assert!(
        state.filter().matches().is_none(),
        "Ctrl-U clears, it does not page"
    );
    type_text(&mut state, "truce");
    press(&mut state, "alt-b ctrl-k");
    assert_eq!(state.filter().prompt().input(), "");
}

#[test]
fn slash_in_an_arabic_article_searches_it_with_english_names_and_folded_forms() {
    let mut state = state(80, 24);
    reader_fixtures::select_article(&mut state, 0);
    press(&mut state, "enter /");
    assert_eq!(state.screen(), Screen::Reader, "/ stays in the article");
    type_text(&mut state, "blinken");
    let search = state.article_search().expect("a search");
    assert_eq!(search.matches().len(), 1);
    let shown: String = search.matches()[0]
        .iter()
        .map(|c| c.slice(&state.articles()[0].source))
        .collect();
    assert_eq!(
        shown, "بلينكن",
        "the Arabic name the English one stands for"
    );
    assert!(
        screen(&state).contains("search: blinken"),
        "{}",
        screen(&state)
    );

    press(&mut state, "ctrl-u");
    type_text(&mut state, "الخارجيه");
    press(&mut state, "enter");
    assert_eq!(state.article_search().unwrap().matches().len(), 2);
    assert_eq!(state.article_search().unwrap().current(), Some(0));
    press(&mut state, "n");
    assert_eq!(state.article_search().unwrap().current(), Some(1));
    assert_eq!(state.status().message.as_deref(), Some("match 2 of 2"));
    press(&mut state, "n");
    assert_eq!(
        state.article_search().unwrap().current(),
        Some(0),
        "round the end"
    );
    press(&mut state, "N");
    assert_eq!(state.article_search().unwrap().current(), Some(1));

    press(&mut state, "esc");
    assert!(state.article_search().is_none(), "esc ends the search");
    assert_eq!(state.screen(), Screen::Reader);
    press(&mut state, "n");
    assert_eq!(state.reader().selected, Some(0), "n steps statements again");
}

#[test]
fn o_asks_for_the_articles_web_page_and_refuses_a_file() {
    use mizan::app::requests::Request;
    let mut articles = reader_fixtures::articles();
    articles[0].meta.url = Some("https://wire.example/truce?id=1".into());
    articles[1].meta.url = Some("file:///etc/passwd".into());
    let mut state = reader_fixtures::state_of(articles, 80, 24);
    reader_fixtures::select_article(&mut state, 0);
    press(&mut state, "o");
    assert_eq!(
        state.take_requests(),
        [Request::OpenUrl("https://wire.example/truce?id=1".into())]
    );
    press(&mut state, "enter o");
    assert_eq!(state.take_requests().len(), 1, "from the reader too");
    press(&mut state, "esc");
    reader_fixtures::select_article(&mut state, 1);
    press(&mut state, "o");
    assert!(state.take_requests().is_empty());
    let message = state.status().message.clone().unwrap_or_default();
    assert!(message.contains("file on this machine"), "{message}");
    reader_fixtures::select_article(&mut state, 2);
    press(&mut state, "o");
    assert_eq!(
        state.status().message.as_deref(),
        Some("this article has no URL")
    );
}

#[test]
fn y_asks_to_copy_the_statement_as_written() {
    use mizan::app::requests::Request;
    let mut state = state(80, 24);
    press(&mut state, "y");
    assert!(
        state.take_requests().is_empty(),
        "no statement selected on the list"
    );
    reader_fixtures::select_article(&mut state, 0);
    press(&mut state, "enter n y");
    assert_eq!(
        state.take_requests(),
        [Request::Copy(reader_fixtures::AR_TRUCE.into())],
        "logical order, not shaped"
    );
    press(&mut state, "esc S");
    press(&mut state, "G y");
    let Some(Request::Copy(copied)) = state.take_requests().pop() else {
        panic!("a copy from the statement list");
    };
    let (article, statement) = state.selected_statement_row().unwrap();
    let range = state.statements_of(article)[statement].range;
    assert_eq!(copied, range.slice(&state.articles()[article].source));
}

#[test]
fn w_and_shift_w_write_what_the_screen_shows() {
    use mizan::app::export::ExportFormat;
    use mizan::app::requests::Request;
    let mut state = state(80, 24);
    press(&mut state, "/");
    type_text(&mut state, "blinken");
    press(&mut state, "enter S w");
    let Some(Request::Export(export)) = state.take_requests().pop() else {
        panic!("an export of the statement list");
    };
    assert_eq!(
        (export.what, export.format),
        ("statements", ExportFormat::Markdown)
    );
    assert_eq!(export.summary, "2 statements");
    assert!(
        export
            .contents
            .starts_with("# Statements (filter: blinken)")
    );
    assert!(export.contents.contains(reader_fixtures::AR_BLINKEN));
    assert!(export.contents.contains(reader_fixtures::EN_BLINKEN));

    press(&mut state, "esc esc space space space c W");
    let Some(Request::Export(export)) = state.take_requests().pop() else {
        panic!("an export of the comparison");
    };
    assert_eq!(
        (export.what, export.format),
        ("comparison", ExportFormat::Csv)
    );
    let statements: usize = state
        .compare()
        .articles
        .iter()
        .map(|&a| state.statements_of(a).len())
        .sum();
    assert_eq!(
        export.contents.lines().count(),
        statements + 1,
        "a header, then one row each"
    );

    press(&mut state, "esc v w");
    let Some(Request::Export(export)) = state.take_requests().pop() else {
        panic!("an export of the coverage");
    };
    assert_eq!(export.what, "coverage");
    assert!(
        export
            .contents
            .contains("| outlet | Caucasus Wire | blames | azerbaijan |  | 1 |"),
        "{}",
        export.contents
    );

    press(&mut state, "esc enter w");
    assert!(state.take_requests().is_empty(), "the reader has no table");
}

#[test]
fn a_name_found_whole_and_in_part_is_one_match() {
    let alias = mizan::app::NameAlias {
        english: "Antony Blinken".into(),
        arabic: vec!["أنتوني بلينكن".into(), "بلينكن".into()],
    };
    let options = mizan::app::StartOptions {
        directory: mizan::app::Directory::new([], vec![alias]),
        ..Default::default()
    };
    let mut state = mizan::app::State::new(reader_fixtures::articles(), options);
    update(
        &mut state,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    reader_fixtures::select_article(&mut state, 0);
    press(&mut state, "enter /");
    type_text(&mut state, "blinken");
    let search = state.article_search().expect("a search");
    assert_eq!(search.matches().len(), 1, "{:?}", search.matches());
    let source = &state.articles()[0].source;
    let first = search.matches()[0].first().unwrap().slice(source);
    assert_eq!(first, "أ", "the longer name, from its first letter");
}
