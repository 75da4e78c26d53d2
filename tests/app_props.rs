//! Properties over random input: no sequence of actions at any terminal size
//! panics or leaves a cursor out of range, and narrowing the filter
//! incrementally always gives what a fresh search gives.

mod reader_fixtures;

use mizan::app::filter::{Matches, Query};
use mizan::app::{Action, LineEdit, Screen, update};
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    let bindable = (0..Action::bindable().len()).prop_map(|i| Action::bindable()[i].clone());
    let typed = prop::sample::select(vec![
        'a', 'r', 'm', ' ', ':', 'ب', 'ل', 'أ', 'ي', 'n', 'j', '/',
    ])
    .prop_map(|c| Action::Edit(LineEdit::Insert(c)));
    let editing = prop::sample::select(vec![
        Action::Edit(LineEdit::Backspace),
        Action::Edit(LineEdit::Delete),
        Action::Edit(LineEdit::Back),
        Action::Edit(LineEdit::Forward),
        Action::Edit(LineEdit::WordBack),
        Action::Edit(LineEdit::WordForward),
        Action::Edit(LineEdit::KillToStart),
        Action::Edit(LineEdit::KillWordBack),
        Action::Edit(LineEdit::KillWordForward),
        Action::Edit(LineEdit::KillToEnd),
        Action::InputAccept,
        Action::InputCancel,
    ]);
    let resize = (0u16..140, 0u16..50).prop_map(|(width, height)| Action::Resize { width, height });
    let mouse = (0u16..140, 0u16..50, -5i32..5).prop_map(|(column, row, lines)| Action::Scroll {
        column,
        row,
        lines,
    });
    let click = (0u16..140, 0u16..50).prop_map(|(column, row)| Action::Click { column, row });
    prop_oneof![4 => bindable, 3 => typed, 1 => editing, 1 => resize, 1 => mouse, 1 => click]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_actions_never_panic_and_keep_cursors_in_range(actions in prop::collection::vec(action(), 1..40)) {
        let mut state = reader_fixtures::shared_state(80, 24);
        for action in actions {
            if action == Action::Quit {
                continue;
            }
            update(&mut state, action);
            reader_fixtures::screen(&state);
            prop_assert!(state.listing().article_list().cursor <= state.listing().article_list_len().saturating_sub(1));
            prop_assert!(state.listing().grouped() || state.listing().list_rows().is_empty());
            prop_assert!(state.listing().statement_list().cursor <= state.statement_rows().len().saturating_sub(1));
            prop_assert!(state.filter().prompt().input().is_char_boundary(state.filter().prompt().cursor()));
            if state.screen() == Screen::Compare {
                prop_assert!((2..=4).contains(&state.compare().articles.len()));
                prop_assert!(state.compare().focus < state.compare().articles.len());
                if let Some(list) = &state.compare().omitted {
                    prop_assert!(list.cursor < list.entries.len());
                }
            }
        }
    }

    #[test]
    fn narrowing_equals_a_fresh_search(typed in "[a-z :ابلينكأرم]{1,12}") {
        let articles = reader_fixtures::articles();
        let statements = reader_fixtures::statements(&articles);
        let directory = reader_fixtures::directory();
        let mut index = mizan::app::filter::FilterIndex::default();
        for (i, (article, statements)) in articles.iter().zip(&statements).enumerate() {
            index.set_article(i, article, statements);
        }
        let mut previous_query = Query::default();
        let mut previous: Option<Matches> = None;
        for end in typed.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let query = Query::parse(&typed[..end]);
            let fresh = (!query.is_empty()).then(|| index.search(&query, &directory, None));
            let narrowed = (!query.is_empty()).then(|| {
                let within = if query.narrows(&previous_query) { previous.as_ref() } else { None };
                index.search(&query, &directory, within)
            });
            prop_assert_eq!(&narrowed, &fresh);
            previous = narrowed;
            previous_query = query;
        }
    }
}
