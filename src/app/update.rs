//! `update(&mut State, Action)`: the only way the reader's state changes.
//! Each action is routed by the current screen; navigation keeps cursors and
//! scroll positions in range for the current viewport.

use super::action::Action;
use super::coverage::CoverageView;
use super::explain::first_statement_from;
use super::export::ExportFormat;
use super::filter::unknown_values;
use super::geometry::{Area, contains};
use super::grouping::{self, ListRow, MAX_PANES};
use super::omitted;
use super::requests;
use super::search;
use super::state::{Screen, State};
use super::words::counted;
use crate::suggest::did_you_mean;
use mizan_engine::corpus::Article;
use mizan_engine::tagger::Statement;

/// Applies one action.
pub fn update(state: &mut State, action: Action) {
    // A message stays until the user does something: background results
    // arriving must not wipe it before it is read.
    if action.is_from_user() {
        state.status.message = None;
    }
    if omitted::handle(state, &action) {
        return;
    }
    if state.help && scroll_help(state, &action) {
        return;
    }
    match action {
        Action::Quit => state.quit = true,
        Action::Help => {
            state.help = !state.help;
            state.help_top = 0;
        }
        Action::Back => back(state),
        Action::Up => move_by(state, -1),
        Action::Down => move_by(state, 1),
        Action::PageUp => move_by(state, -page(state)),
        Action::PageDown => move_by(state, page(state)),
        Action::Home => move_by(state, isize::MIN / 2),
        Action::End => move_by(state, isize::MAX / 2),
        Action::Open => open(state),
        Action::Explain => explain(state),
        Action::NextStatement if search::steps(state) => search::step(state, true),
        Action::PrevStatement if search::steps(state) => search::step(state, false),
        Action::NextStatement => step_statement(state, true),
        Action::PrevStatement => step_statement(state, false),
        Action::EditLexicon => request_editor(state),
        Action::ToggleMark => toggle_mark(state),
        Action::Compare => start_compare(state),
        Action::Coverage => open_coverage(state),
        Action::GroupStories => grouping::toggle_grouping(state),
        Action::Omitted => omitted::toggle(state),
        Action::ToggleSync => {
            state.compare.synced = !state.compare.synced;
            let word = if state.compare.synced { "on" } else { "off" };
            state.status.message = Some(format!("synchronised scrolling {word}"));
        }
        Action::FocusNext => cycle_focus(state, 1),
        Action::FocusPrev => cycle_focus(state, -1),
        Action::Filter if state.screen == Screen::Reader => search::start(state),
        Action::Filter => start_filter(state),
        Action::Statements => {
            state.screen = match state.screen {
                Screen::Statements => Screen::Articles,
                _ => Screen::Statements,
            };
            state.help = false;
        }
        Action::Sort => {
            state.listing.next_sort(&state.library);
            let sort = state.listing.sort().name();
            state.status.message = Some(format!("sorted by {sort}"));
        }
        Action::Edit(edit) if state.article_search().is_some() => search::edit(state, edit),
        Action::InputAccept if state.article_search().is_some() => search::accept(state),
        Action::InputCancel if state.article_search().is_some() => search::cancel(state),
        Action::Edit(edit) => {
            state.listing.edit_filter(&state.library, edit);
            state.status.message = unknown_name_hint(state);
        }
        Action::InputAccept => state.listing.accept_filter(),
        Action::InputCancel => clear_filter(state),
        Action::Resize { width, height } => {
            state.listing.resize(Area::new(0, 0, width, height));
            clamp_all(state);
        }
        Action::Scroll { column, row, lines } => scroll_at(state, column, row, lines as isize),
        Action::Click { column, row } => click(state, column, row),
        Action::AnalysisStarted { generation } => {
            state.generation = generation;
            state.tagged_this_pass = 0;
        }
        Action::Analysed {
            generation,
            results,
        } => analysed(state, generation, results),
        Action::StoriesBuilt {
            generation,
            stories,
        } => grouping::stories_built(state, generation, *stories),
        Action::ArticlesLoaded(articles) => articles_loaded(state, articles),
        Action::LexiconReloaded(directory) => {
            state.library.set_directory(directory);
            state.status.errors.clear();
            state.listing.directory_changed(&state.library);
            state.status.message = Some("lexicons reloaded".into());
        }
        Action::LexiconError(errors) => state.status.errors = errors,
        Action::Notice(message) => state.status.message = Some(message),
        Action::OpenUrl => requests::open_url(state),
        Action::Copy => requests::copy(state),
        Action::ExportMarkdown => requests::export(state, ExportFormat::Markdown),
        Action::ExportCsv => requests::export(state, ExportFormat::Csv),
        Action::ToggleRead
        | Action::ToggleStar
        | Action::NextUnread
        | Action::PrevUnread
        | Action::Refresh
        | Action::ReadStatesLoaded(_)
        | Action::LocalReadStatesLoaded(_)
        | Action::RefreshFinished(_) => super::reading::update(state, action),
    }
}

fn page(state: &State) -> isize {
    let height = match state.screen {
        Screen::Reader => state.reader_areas().text.height,
        Screen::Compare => pane_text_height(state),
        _ => state.list_rows_area().height,
    };
    (height.max(2) as isize - 1).max(1)
}

/// Moves the open help overlay instead of what lies under it; `false` for
/// every action that is not a movement.
fn scroll_help(state: &mut State, action: &Action) -> bool {
    let rows = state.help_rows().max(1);
    let step = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -(rows as isize),
        Action::PageDown => rows as isize,
        Action::Home => isize::MIN / 2,
        Action::End => isize::MAX / 2,
        _ => return false,
    };
    let last_top = Action::bindable().len().saturating_sub(rows);
    state.help_top = state.help_top.saturating_add_signed(step).min(last_top);
    true
}

fn back(state: &mut State) {
    if state.help {
        state.help = false;
        return;
    }
    match state.screen {
        Screen::Reader if state.reader.explaining => state.reader.explaining = false,
        Screen::Reader if state.reader.search.is_some() => search::cancel(state),
        Screen::Compare if state.compare.explaining => state.compare.explaining = false,
        Screen::Reader => state.screen = state.reader.return_to,
        Screen::Statements if state.listing.count_filter().is_some() => {
            state.listing.set_count_filter(&state.library, None);
            state.screen = Screen::Coverage;
        }
        Screen::Compare | Screen::Statements | Screen::Coverage => state.screen = Screen::Articles,
        Screen::Articles if !state.filter().prompt().input().is_empty() => clear_filter(state),
        Screen::Articles if !state.marked.is_empty() => {
            state.marked.clear();
            state.status.message = Some("marks cleared".into());
        }
        Screen::Articles => {}
    }
    clamp_all(state);
}

fn move_by(state: &mut State, delta: isize) {
    match state.screen {
        Screen::Articles => state.listing.move_articles(delta),
        Screen::Statements => state.listing.move_statements(delta),
        Screen::Reader => {
            state.reader.top = offset(state.reader.top, delta, reader_max_top(state));
        }
        Screen::Compare => {
            let focus = state.compare.focus;
            scroll_pane(state, focus, delta);
        }
        Screen::Coverage => {
            let last = state.coverage.targets.len().saturating_sub(1);
            state.coverage.cursor = offset(state.coverage.cursor, delta, last);
        }
    }
    clamp_all(state);
}

fn offset(value: usize, delta: isize, max: usize) -> usize {
    value.saturating_add_signed(delta).min(max)
}

fn reader_max_top(state: &State) -> usize {
    let height = usize::from(state.reader_areas().text.height);
    state
        .reader_lines()
        .map_or(0, |lines| lines.len().saturating_sub(height))
}

fn open(state: &mut State) {
    state.help = false;
    match state.screen {
        Screen::Articles => match state.listing.selected_row() {
            Some(ListRow::Article(article)) => open_reader(state, article, None, Screen::Articles),
            Some(ListRow::Story(story)) => compare_story(state, story),
            Some(ListRow::Unshared(_)) => {
                state.status.message = Some("the articles below share no story with another".into())
            }
            None => {}
        },
        Screen::Statements => {
            if let Some((article, statement)) = state.selected_statement_row() {
                open_reader(state, article, Some(statement), Screen::Statements);
            }
        }
        Screen::Reader => explain(state),
        Screen::Compare => {
            if let Some(&article) = state.compare.articles.get(state.compare.focus) {
                open_reader(state, article, None, Screen::Compare);
            }
        }
        Screen::Coverage => open_count(state),
    }
}

/// The articles the coverage view counts: the marked ones, else the story
/// of the article the current screen is on.
fn coverage_selection(state: &State) -> Option<(String, Vec<usize>)> {
    if !state.marked.is_empty() {
        let mut marked = state.marked.clone();
        marked.sort_unstable();
        return Some((format!("{} marked articles", marked.len()), marked));
    }
    let story = story_at_cursor(state)?;
    let story = state.stories()?.stories.get(story)?;
    Some((format!("story: {}", story.label), story.articles.clone()))
}

/// The story of what the current screen is on: the article list's row, the
/// statement list's article, the open article or the focused pane.
fn story_at_cursor(state: &State) -> Option<usize> {
    let article = match state.screen {
        Screen::Articles => return state.listing.selected_story(&state.library),
        Screen::Statements => state.selected_statement_row().map(|(a, _)| a),
        Screen::Reader => Some(state.reader.article),
        Screen::Compare => state.compare.articles.get(state.compare.focus).copied(),
        Screen::Coverage => None,
    }?;
    state.stories()?.story_of.get(article).copied()
}

fn open_coverage(state: &mut State) {
    if state.screen == Screen::Coverage {
        return;
    }
    if state.marked.is_empty() && state.stories().is_none() {
        state.status.message = Some("stories are ready once tagging is complete".into());
        return;
    }
    let Some((title, selection)) = coverage_selection(state) else {
        return;
    };
    state.coverage = CoverageView::new(
        title,
        state.articles(),
        state.library.tagged(),
        &selection,
        state.directory(),
    );
    state.screen = Screen::Coverage;
    state.help = false;
}

/// Narrows the statement list to the statements behind the selected number.
fn open_count(state: &mut State) {
    let Some(target) = state.coverage.targets.get(state.coverage.cursor).cloned() else {
        return;
    };
    state.status.message = Some(format!(
        "{} (esc returns to the coverage)",
        counted(target.count, "statement")
    ));
    state.listing.set_count_filter(&state.library, Some(target));
    state.screen = Screen::Statements;
}

pub(super) fn open_reader(
    state: &mut State,
    article: usize,
    statement: Option<usize>,
    return_to: Screen,
) {
    state.screen = Screen::Reader;
    state.reader.article = article;
    state.reader.top = 0;
    state.reader.selected = None;
    state.reader.explaining = false;
    state.reader.search = None;
    state.reader.return_to = return_to;
    super::reading::opened(state, article);
    if let Some(statement) = statement {
        select_statement(state, statement);
    }
}

fn explain(state: &mut State) {
    match state.screen {
        Screen::Statements => {
            if let Some((article, statement)) = state.selected_statement_row() {
                open_reader(state, article, None, Screen::Statements);
                state.reader.explaining = true;
                // Selected with the panel open, so it stays in view above it.
                select_statement(state, statement);
            }
        }
        Screen::Reader => {
            if state.reader.selected.is_none() {
                step_statement(state, true);
            }
            if let Some(statement) = state.reader.selected {
                state.reader.explaining = !state.reader.explaining;
                // The panel takes rows from the text: keep the statement in view.
                let evidence = state.reader.evidence;
                select_statement(state, statement);
                state.reader.evidence = evidence;
            } else {
                state.status.message = Some("no statement to explain".into());
            }
        }
        Screen::Compare => explain_in_pane(state),
        Screen::Articles | Screen::Coverage => {}
    }
    clamp_all(state);
}

/// Opens (or closes) the explanation below the panes: of the selected
/// statement, or its counterpart, when the focused pane has one, else of
/// the first statement the focused pane shows.
fn explain_in_pane(state: &mut State) {
    if state.compare.explaining {
        state.compare.explaining = false;
        return;
    }
    let focus = state.compare.focus;
    let Some(&article) = state.compare.articles.get(focus) else {
        return;
    };
    let statement = state
        .compare_highlight(article)
        .or_else(|| first_statement_in_pane(state, focus));
    let Some(statement) = statement else {
        state.status.message = Some("no statement in this pane to explain".into());
        return;
    };
    state.compare.selected = Some((article, statement));
    state.compare.explaining = true;
    state.compare.evidence = 0;
    scroll_pane_to(state, focus, statement, PaneScroll::Visible);
}

/// The first statement pane `pane` shows (from its top row).
fn first_statement_in_pane(state: &State, pane: usize) -> Option<usize> {
    let areas = state.compare_areas();
    let (area, &article, &top) = (
        areas.get(pane)?,
        state.compare.articles.get(pane)?,
        state.compare.tops.get(pane)?,
    );
    let lines = state.lines(article, area.text.width)?;
    first_statement_from(&state.statements_by_row(article, &lines), top)
}

/// Scrolls pane `pane` so statement `statement` of its article starts at
/// its top; `Visible` leaves a pane that shows its start as it is.
pub(super) fn scroll_pane_to(state: &mut State, pane: usize, statement: usize, how: PaneScroll) {
    let areas = state.compare_areas();
    let (Some(area), Some(&article)) = (areas.get(pane), state.compare.articles.get(pane)) else {
        return;
    };
    let height = usize::from(area.text.height).max(1);
    let row = state.lines(article, area.text.width).and_then(|lines| {
        let starts = state.statement_starts(article, &lines);
        starts.get(statement).copied().flatten()
    });
    let max = pane_max_top(state, pane);
    if let (Some(row), Some(top)) = (row, state.compare.tops.get_mut(pane)) {
        let visible = (*top..*top + height).contains(&row);
        if how == PaneScroll::ToTop || !visible {
            *top = row.min(max);
        }
    }
}

/// How [`scroll_pane_to`] scrolls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PaneScroll {
    /// The statement starts at the pane's top.
    ToTop,
    /// The statement's first row is in view.
    Visible,
}

/// Selects statement `statement` of the open article and scrolls it into view.
fn select_statement(state: &mut State, statement: usize) {
    state.reader.selected = Some(statement);
    state.reader.evidence = 0;
    let Some(lines) = state.reader_lines() else {
        return;
    };
    let starts = state.statement_starts(state.reader.article, &lines);
    let Some(Some(row)) = starts.get(statement).copied() else {
        return;
    };
    let height = usize::from(state.reader_areas().text.height).max(1);
    if row < state.reader.top || row >= state.reader.top + height {
        state.reader.top = row.saturating_sub(height / 3);
    }
    state.reader.top = state.reader.top.min(lines.len().saturating_sub(height));
}

fn step_statement(state: &mut State, forward: bool) {
    if state.screen == Screen::Statements {
        move_by(state, if forward { 1 } else { -1 });
        return;
    }
    if state.screen == Screen::Compare {
        step_pane_statement(state, forward);
        return;
    }
    if state.screen != Screen::Reader {
        return;
    }
    let Some(lines) = state.reader_lines() else {
        return;
    };
    let order = state.statements_by_row(state.reader.article, &lines);
    let current = state
        .reader
        .selected
        .and_then(|s| order.iter().position(|&(_, i)| i == s));
    let next = match (current, forward) {
        (Some(pos), true) => order.get(pos + 1),
        (Some(pos), false) => pos.checked_sub(1).and_then(|p| order.get(p)),
        (None, true) => order.iter().find(|&&(row, _)| row >= state.reader.top),
        (None, false) => order
            .iter()
            .rev()
            .find(|&&(row, _)| row >= state.reader.top),
    };
    match next {
        Some(&(_, statement)) => select_statement(state, statement),
        None if order.is_empty() => {
            state.status.message = Some("no statements in this article".into())
        }
        None => {
            state.status.message = Some(
                if forward {
                    "last statement"
                } else {
                    "first statement"
                }
                .into(),
            )
        }
    }
}

fn request_editor(state: &mut State) {
    match state.explained_origin() {
        Some(origin) => state.editor_request = Some(origin),
        None => {
            state.status.message =
                Some("open the explanation of a tagged statement first (e)".into())
        }
    }
}

fn toggle_mark(state: &mut State) {
    let article = match state.screen {
        Screen::Articles => state.selected_article_row(),
        Screen::Statements => state.selected_statement_row().map(|(a, _)| a),
        Screen::Reader => Some(state.reader.article),
        Screen::Compare | Screen::Coverage => None,
    };
    let Some(article) = article else {
        return;
    };
    match state.marked.iter().position(|&a| a == article) {
        Some(pos) => {
            state.marked.remove(pos);
        }
        None => state.marked.push(article),
    }
    state.status.message = Some(format!("{} marked (c compares 2 to 4)", state.marked.len()));
    if state.screen == Screen::Articles {
        move_by(state, 1);
    }
}

/// Compares the marked articles, or without marks the story under the
/// list cursor.
fn start_compare(state: &mut State) {
    if state.marked.is_empty() {
        let story = matches!(state.screen, Screen::Articles | Screen::Statements)
            .then(|| story_at_cursor(state))
            .flatten();
        match story {
            Some(story) => compare_story(state, story),
            None => too_few_to_compare(state),
        }
        return;
    }
    let marked = state.marked.clone();
    if marked.len() < 2 {
        too_few_to_compare(state);
        return;
    }
    if marked.len() > MAX_PANES {
        state.status.message = Some(format!(
            "comparing the first {MAX_PANES} of {} marked articles",
            marked.len()
        ));
    }
    show_compare(state, marked.into_iter().take(MAX_PANES).collect());
}

fn too_few_to_compare(state: &mut State) {
    state.status.message =
        Some("mark 2 to 4 articles with space (or put the cursor on a story), then press c".into());
}

/// Compares the articles of `story`, the earliest by date when it has more
/// than fit.
fn compare_story(state: &mut State, story: usize) {
    let (articles, total) = grouping::story_panes(state, story);
    if articles.len() < 2 {
        too_few_to_compare(state);
        return;
    }
    if total > articles.len() {
        state.status.message = Some(format!(
            "comparing the first {} by date of the story's {total} articles",
            articles.len()
        ));
    }
    show_compare(state, articles);
}

fn show_compare(state: &mut State, articles: Vec<usize>) {
    state.compare.tops = vec![0; articles.len()];
    state.compare.articles = articles;
    state.compare.focus = 0;
    state.compare.selected = None;
    state.compare.explaining = false;
    state.compare.evidence = 0;
    state.compare.omitted = None;
    state.screen = Screen::Compare;
    state.help = false;
}

/// Moves the focus between compared panes, or between the tags of the
/// explained statement.
fn cycle_focus(state: &mut State, delta: isize) {
    if let Some(explained) = state.explained() {
        let tags = state
            .statements_of(explained.article)
            .get(explained.statement)
            .map_or(0, |s| s.evidence.len());
        if tags > 0 {
            let next = (explained.evidence as isize + delta).rem_euclid(tags as isize) as usize;
            match state.screen {
                Screen::Compare => state.compare.evidence = next,
                _ => state.reader.evidence = next,
            }
        }
        return;
    }
    let count = state.compare.articles.len();
    if state.screen == Screen::Compare && count > 0 {
        state.compare.focus =
            (state.compare.focus as isize + delta).rem_euclid(count as isize) as usize;
    }
}

fn pane_text_height(state: &State) -> u16 {
    state.compare_areas().first().map_or(0, |p| p.text.height)
}

/// The most rows pane `pane` can scroll, at its current width.
pub(super) fn pane_max_top(state: &State, pane: usize) -> usize {
    let areas = state.compare_areas();
    let (Some(area), Some(&article)) = (areas.get(pane), state.compare.articles.get(pane)) else {
        return 0;
    };
    state.lines(article, area.text.width).map_or(0, |lines| {
        lines.len().saturating_sub(usize::from(area.text.height))
    })
}

/// Scrolls the focused pane so the next (or previous) statement starts at
/// its top; the other panes follow when synchronised.
fn step_pane_statement(state: &mut State, forward: bool) {
    let focus = state.compare.focus;
    let areas = state.compare_areas();
    let (Some(area), Some(&article), Some(&top)) = (
        areas.get(focus),
        state.compare.articles.get(focus),
        state.compare.tops.get(focus),
    ) else {
        return;
    };
    let Some(lines) = state.lines(article, area.text.width) else {
        return;
    };
    let rows = state.statements_by_row(article, &lines);
    // From the selected statement when this pane has it (an explanation
    // follows it), else from the pane's top.
    let selected = match state.compare.selected {
        Some((selected, statement)) if selected == article => {
            rows.iter().position(|&(_, s)| s == statement)
        }
        _ => None,
    };
    let target = match (selected, forward) {
        (Some(at), true) => rows.get(at + 1).copied(),
        (Some(at), false) => at.checked_sub(1).and_then(|at| rows.get(at).copied()),
        (None, true) => rows.into_iter().find(|&(row, _)| row > top),
        (None, false) => rows.into_iter().rev().find(|&(row, _)| row < top),
    };
    match target {
        Some((row, statement)) => {
            state.compare.selected = Some((article, statement));
            state.compare.evidence = 0;
            if state.carried_by_one_outlet(article, statement) {
                state.status.message = Some("¹ no other outlet carries this statement".into());
            }
            scroll_pane(state, focus, row as isize - top as isize);
        }
        None => state.status.message = Some("no more statements in this pane".into()),
    }
}

/// Scrolls one pane; with synchronised scrolling, the others follow at the
/// same proportion of their own length.
fn scroll_pane(state: &mut State, pane: usize, delta: isize) {
    let max = pane_max_top(state, pane);
    let Some(top) = state.compare.tops.get_mut(pane) else {
        return;
    };
    *top = offset(*top, delta, max);
    if !state.compare.synced {
        return;
    }
    let fraction = if max == 0 {
        0.0
    } else {
        *top as f64 / max as f64
    };
    for other in 0..state.compare.tops.len() {
        if other != pane {
            let other_max = pane_max_top(state, other);
            state.compare.tops[other] = (fraction * other_max as f64).round() as usize;
        }
    }
}

fn start_filter(state: &mut State) {
    if matches!(state.screen, Screen::Reader | Screen::Compare) {
        state.screen = Screen::Articles;
    }
    state.help = false;
    state.listing.start_filter();
    clamp_all(state);
}

/// When the filter finds no statement, why: a qualifier value that names
/// no party or person, and what it may have meant.
fn unknown_name_hint(state: &State) -> Option<String> {
    let filter = state.filter();
    if !filter.matches()?.statements.is_empty() {
        return None;
    }
    let unknown = unknown_values(filter.query(), state.directory());
    let first = unknown.first()?;
    let what = match first.qualifier {
        "speaker" => "party or person",
        _ => "party",
    };
    let suggestions: Vec<&str> = first.suggestions.iter().map(String::as_str).collect();
    Some(format!(
        "{}:{} names no {what}{}",
        first.qualifier,
        first.value,
        did_you_mean(&suggestions)
    ))
}

fn clear_filter(state: &mut State) {
    state.listing.clear_filter(&state.library);
    clamp_all(state);
}

fn analysed(state: &mut State, generation: u64, results: Vec<(usize, Vec<Statement>)>) {
    if generation != state.generation {
        return;
    }
    let batch = results.len();
    let mut tagged = Vec::with_capacity(batch);
    for (article, statements) in results {
        if article >= state.articles().len() {
            continue;
        }
        if state.reader.article == article {
            keep_selection(state, &statements);
        }
        state.library.set_statements(article, statements);
        tagged.push(article);
    }
    // Stories need every article of the pass: a partial grouping would move
    // articles between stories as results arrive, and regrouping per batch
    // would cost a grouping per batch.
    state.tagged_this_pass += batch;
    if state.tagged_this_pass >= state.articles().len() {
        grouping::request_stories(state);
    }
    state.listing.statements_changed(&state.library, &tagged);
    clamp_all(state);
}

/// Appends articles loaded in the background. The list cursors stay on the
/// article and statement they were on, wherever the sort puts the new ones.
fn articles_loaded(state: &mut State, articles: Vec<Article>) {
    let first = state.articles().len();
    state.library.append(articles);
    state.listing.articles_appended(&state.library, first);
    clamp_all(state);
}

/// Re-tagging the open article keeps the selected statement (and its
/// explanation) when the new tags still have a statement over the same text,
/// so an edited lexicon shows its effect in place.
fn keep_selection(state: &mut State, new: &[Statement]) {
    let old_range = state
        .reader
        .selected
        .and_then(|s| state.statements_of(state.reader.article).get(s))
        .map(|s| s.range);
    let kept = old_range.and_then(|range| new.iter().position(|s| s.range == range));
    state.reader.selected = kept;
    state.reader.explaining &= kept.is_some();
    let tags = kept
        .and_then(|s| new.get(s))
        .map_or(0, |s| s.evidence.len());
    state.reader.evidence = state.reader.evidence.min(tags.saturating_sub(1));
}

fn scroll_at(state: &mut State, column: u16, row: u16, lines: isize) {
    if state.screen == Screen::Compare {
        let areas = state.compare_areas();
        if let Some(pane) = areas.iter().position(|p| contains(p.pane, column, row)) {
            scroll_pane(state, pane, lines);
        }
        return;
    }
    if contains(state.main_area(), column, row) {
        move_by(state, lines);
    }
}

fn click(state: &mut State, column: u16, row: u16) {
    match state.screen {
        Screen::Articles | Screen::Statements => {
            let rows = state.list_rows_area();
            if contains(rows, column, row) {
                let index = usize::from(row - rows.y);
                if state.screen == Screen::Articles {
                    state.listing.point_article(index);
                } else {
                    state.listing.point_statement(index);
                }
            }
        }
        Screen::Compare => {
            let areas = state.compare_areas();
            if let Some(pane) = areas.iter().position(|p| contains(p.pane, column, row)) {
                state.compare.focus = pane;
            }
        }
        Screen::Reader => click_reader(state, column, row),
        Screen::Coverage => {}
    }
}

/// A click on a row of the reader selects the statement that covers it.
fn click_reader(state: &mut State, column: u16, row: u16) {
    let areas = state.reader_areas();
    let body = areas.gutter.map_or(areas.text, |g| g.union(areas.text));
    if !contains(body, column, row) {
        return;
    }
    let Some(lines) = state.reader_lines() else {
        return;
    };
    let Some(laid) = lines.rows.get(state.reader.top + usize::from(row - body.y)) else {
        return;
    };
    let (Some(line), Some(base)) = (&laid.line, laid.offset) else {
        return;
    };
    let span = mizan_text::TextRange::new(base + line.source.start(), base + line.source.end());
    let hit = state
        .statements_of(state.reader.article)
        .iter()
        .position(|s| s.range.intersects(span));
    if let Some(statement) = hit {
        state.reader.selected = Some(statement);
        state.reader.evidence = 0;
    }
}

/// Keeps the reader's and the panes' scroll positions valid for the
/// current viewport (the lists keep their own cursors).
fn clamp_all(state: &mut State) {
    if state.screen == Screen::Reader {
        state.reader.top = state.reader.top.min(reader_max_top(state));
    }
    if state.screen == Screen::Compare {
        for pane in 0..state.compare.tops.len() {
            let max = pane_max_top(state, pane);
            state.compare.tops[pane] = state.compare.tops[pane].min(max);
        }
        state.compare.focus = state
            .compare
            .focus
            .min(state.compare.articles.len().saturating_sub(1));
    }
}
