//! The article list grouped by story: a header row per story of several
//! articles, its articles under it, and the articles that share no story
//! last under a header of their own. The rows are derived from the sorted,
//! filtered article rows, so the sort applies within each story, stories
//! come in the order of their first article, and a story shows while any
//! of its articles matches the filter.
//!
//! Grouping needs the stories, which exist only once tagging is complete and
//! are rebuilt in the background after each re-tagging; every change of the
//! rows keeps the cursor on the article it stood on.

use super::coverage::StoriesRequest;
use super::state::{Screen, State};
use std::sync::Arc;

/// One row of the grouped article list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListRow {
    /// The header of a story of several articles (an index into the stories).
    Story(usize),
    /// The header over the articles that share no story (how many they are).
    Unshared(usize),
    /// An article (an index into the articles).
    Article(usize),
}

/// The grouped rows of `article_rows` (sorted and filtered article indices).
pub fn grouped_rows(article_rows: &[usize], stories: &super::Stories) -> Vec<ListRow> {
    let shared_story = |article: usize| {
        stories.story_of.get(article).copied().filter(|&story| {
            stories
                .stories
                .get(story)
                .is_some_and(|s| s.articles.len() > 1)
        })
    };
    let mut slot_of_story: Vec<Option<usize>> = vec![None; stories.stories.len()];
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut unshared = Vec::new();
    for &article in article_rows {
        match shared_story(article) {
            Some(story) => {
                let slot = *slot_of_story[story].get_or_insert_with(|| {
                    groups.push((story, Vec::new()));
                    groups.len() - 1
                });
                groups[slot].1.push(article);
            }
            None => unshared.push(article),
        }
    }
    let mut rows = Vec::with_capacity(article_rows.len() + groups.len() + 1);
    for (story, members) in groups {
        rows.push(ListRow::Story(story));
        rows.extend(members.into_iter().map(ListRow::Article));
    }
    if !unshared.is_empty() {
        rows.push(ListRow::Unshared(unshared.len()));
        rows.extend(unshared.into_iter().map(ListRow::Article));
    }
    rows
}

/// Groups the article list by story, or ungroups it.
pub(super) fn toggle_grouping(state: &mut State) {
    let Some(stories) = state.library.stories() else {
        state.status.message = Some(if state.stories_request.is_some() {
            "the stories are being grouped; press t again in a moment".into()
        } else {
            format!(
                "stories are grouped once tagging is complete ({}/{} tagged)",
                state.analysed(),
                state.articles().len()
            )
        });
        return;
    };
    let shared = stories
        .stories
        .iter()
        .filter(|s| s.articles.len() > 1)
        .count();
    state.listing.toggle_grouping(&state.library);
    state.screen = Screen::Articles;
    state.help = false;
    state.status.message = Some(if state.listing.grouped() {
        let stories = if shared == 1 { "story" } else { "stories" };
        format!(
            "grouped by story: {shared} {stories} of several articles (enter on one compares it)"
        )
    } else {
        "one article per row".into()
    });
}

/// Asks the runtime to build the stories of the completed tagging pass.
pub(super) fn request_stories(state: &mut State) {
    state.stories_request = Some(StoriesRequest::new(
        state.generation,
        Arc::clone(state.library.articles()),
        state.library.tagged().to_vec(),
        Arc::clone(state.directory().known_names()),
    ));
}

/// Puts stories built in the background in force, unless a newer tagging
/// pass (or newly loaded articles) made them stale.
pub(super) fn stories_built(state: &mut State, generation: u64, stories: super::Stories) {
    if generation != state.generation || !state.library.set_stories(stories) {
        return;
    }
    state.listing.stories_changed(&state.library);
    super::omitted::refresh(state);
}

/// Most articles a comparison shows side by side.
pub const MAX_PANES: usize = 4;

/// The articles of `story` a comparison shows: the earliest
/// [`MAX_PANES`] by date (undated ones last), in date order; and how many
/// articles the story has.
pub(super) fn story_panes(state: &State, story: usize) -> (Vec<usize>, usize) {
    let Some(members) = state
        .stories()
        .and_then(|stories| stories.stories.get(story))
    else {
        return (Vec::new(), 0);
    };
    let mut articles = members.articles.clone();
    articles.sort_by_key(|&a| {
        let date = state.articles().get(a).and_then(|a| a.meta.date.as_deref());
        (date.is_none(), date, a)
    });
    let total = articles.len();
    articles.truncate(MAX_PANES);
    (articles, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Stories;
    use mizan_engine::corpus::stories::Story;

    fn stories(groups: &[&[usize]], articles: usize) -> Stories {
        let mut story_of = vec![0; articles];
        for (index, group) in groups.iter().enumerate() {
            for &article in *group {
                story_of[article] = index;
            }
        }
        Stories {
            stories: groups
                .iter()
                .map(|group| Story {
                    label: String::new(),
                    articles: group.to_vec(),
                })
                .collect(),
            story_of,
            ..Stories::default()
        }
    }

    #[test]
    fn stories_follow_their_first_article_and_singletons_come_last() {
        let stories = stories(&[&[0, 3], &[1], &[2, 4]], 5);
        let rows = grouped_rows(&[4, 1, 0, 2, 3], &stories);
        use ListRow::*;
        assert_eq!(
            rows,
            vec![
                Story(2),
                Article(4),
                Article(2),
                Story(0),
                Article(0),
                Article(3),
                Unshared(1),
                Article(1),
            ]
        );
    }

    #[test]
    fn a_story_shows_while_one_of_its_articles_is_kept() {
        let stories = stories(&[&[0, 1, 2]], 3);
        let rows = grouped_rows(&[2], &stories);
        assert_eq!(rows, vec![ListRow::Story(0), ListRow::Article(2)]);
        assert!(grouped_rows(&[], &stories).is_empty());
    }

    #[test]
    fn articles_newer_than_the_stories_count_as_unshared() {
        let stories = stories(&[&[0, 1]], 2);
        let rows = grouped_rows(&[0, 5, 1], &stories);
        assert_eq!(
            rows,
            vec![
                ListRow::Story(0),
                ListRow::Article(0),
                ListRow::Article(1),
                ListRow::Unshared(1),
                ListRow::Article(5),
            ]
        );
    }
}
