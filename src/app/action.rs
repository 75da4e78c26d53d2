//! Everything that can happen to the reader, as data. The unit variants are
//! the keymap's vocabulary: their snake_case names are what `[keys]` in
//! `config.toml` binds. The others carry input text, mouse positions and the
//! results of background work into [`super::update`].

use super::coverage::Stories;
use super::directory::Directory;
use mizan_engine::corpus::Article;
use mizan_engine::tagger::Statement;
use mizan_store::ReadState;
use serde::Deserialize;

/// One thing that changes the reader's state.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave mizan.
    Quit,
    /// Show or hide the list of keys.
    Help,
    /// Close the innermost panel, or go back to the previous screen.
    Back,
    /// Move up one row (or scroll the text up one line).
    Up,
    /// Move down one row (or scroll the text down one line).
    Down,
    /// Move up one screen.
    PageUp,
    /// Move down one screen.
    PageDown,
    /// Go to the first row or the top of the text.
    Home,
    /// Go to the last row or the end of the text.
    End,
    /// Open the selected article or statement; on a statement, explain it.
    Open,
    /// Open the explanation panel for the selected statement.
    Explain,
    /// Select the next statement in the article.
    NextStatement,
    /// Select the previous statement in the article.
    PrevStatement,
    /// Open the lexicon entry behind the explained tag in `$EDITOR`.
    EditLexicon,
    /// Mark or unmark the selected article for comparison.
    ToggleMark,
    /// Put the marked articles (2 to 4), or the story under the cursor, side
    /// by side.
    Compare,
    /// Turn synchronised scrolling of the compared articles on or off.
    ToggleSync,
    /// Move the focus to the next compared article (in an explanation: to
    /// the next tag).
    FocusNext,
    /// Move the focus to the previous compared article.
    FocusPrev,
    /// Type in the filter box.
    Filter,
    /// Switch between the article list and the list of all statements.
    Statements,
    /// Sort the article list by the next key (date, outlet, title).
    Sort,
    /// Show the coverage of the marked articles, or of the selected
    /// article's story.
    Coverage,
    /// Group the article list by story, or list the articles one by one.
    GroupStories,
    /// In a comparison, list what the other panes quote that the focused
    /// one omits.
    Omitted,

    // Sources: read state and refresh (see `super::reading`).
    /// Mark the selected stored article read or unread.
    ToggleRead,
    /// Star or unstar the selected stored article.
    ToggleStar,
    /// Fetch the configured feeds in the background.
    Refresh,
    /// The read state of stored articles, by store id, as the store has it.
    #[serde(skip)]
    ReadStatesLoaded(Vec<(i64, ReadState)>),
    /// A background refresh ended; the outcome for the status bar.
    #[serde(skip)]
    RefreshFinished(String),

    /// A character typed into the filter box.
    #[serde(skip)]
    FilterInsert(char),
    /// Delete the character before the filter cursor.
    #[serde(skip)]
    FilterBackspace,
    /// Delete the character after the filter cursor.
    #[serde(skip)]
    FilterDelete,
    /// Move the filter cursor one character back in the text.
    #[serde(skip)]
    FilterCursorBack,
    /// Move the filter cursor one character forward in the text.
    #[serde(skip)]
    FilterCursorForward,
    /// Keep the filter and leave the filter box.
    #[serde(skip)]
    FilterAccept,
    /// Clear the filter and leave the filter box.
    #[serde(skip)]
    FilterCancel,
    /// The terminal has a new size.
    #[serde(skip)]
    Resize { width: u16, height: u16 },
    /// The mouse wheel turned over a cell (`lines` > 0 scrolls down).
    #[serde(skip)]
    Scroll { column: u16, row: u16, lines: i32 },
    /// A mouse click on a cell.
    #[serde(skip)]
    Click { column: u16, row: u16 },
    /// Tagging of all articles (re)started, as pass `generation`.
    #[serde(skip)]
    AnalysisStarted { generation: u64 },
    /// The statements of some articles (`(article, statements)`), from
    /// tagging pass `generation`. Results come in batches so a corpus of
    /// thousands of articles does not re-filter once per article.
    #[serde(skip)]
    Analysed {
        generation: u64,
        results: Vec<(usize, Vec<Statement>)>,
    },
    /// The stories of tagging pass `generation`, built in the background.
    #[serde(skip)]
    StoriesBuilt {
        generation: u64,
        stories: Box<Stories>,
    },
    /// More articles read from disk, appended to the list: a large corpus
    /// is loaded in the background so the first frame need not wait for it.
    #[serde(skip)]
    ArticlesLoaded(Vec<Article>),
    /// A new lexicon is in force; its parties and name aliases.
    #[serde(skip)]
    LexiconReloaded(Directory),
    /// A lexicon or configuration edit was rejected (`file:line:col: message`
    /// lines); the previous lexicon stays in force.
    #[serde(skip)]
    LexiconError(Vec<String>),
    /// A message for the status bar.
    #[serde(skip)]
    Notice(String),
}

impl Action {
    /// Every action a key can be bound to, in the order the help lists them.
    pub const BINDABLE: [Action; 28] = [
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Home,
        Action::End,
        Action::Open,
        Action::Back,
        Action::NextStatement,
        Action::PrevStatement,
        Action::Explain,
        Action::EditLexicon,
        Action::Filter,
        Action::Statements,
        Action::Sort,
        Action::ToggleMark,
        Action::Compare,
        Action::Coverage,
        Action::GroupStories,
        Action::Omitted,
        Action::ToggleSync,
        Action::FocusNext,
        Action::FocusPrev,
        Action::ToggleRead,
        Action::ToggleStar,
        Action::Refresh,
        Action::Help,
        Action::Quit,
    ];

    /// Its name in `[keys]`.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Back => "back",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Home => "home",
            Action::End => "end",
            Action::Open => "open",
            Action::Explain => "explain",
            Action::NextStatement => "next_statement",
            Action::PrevStatement => "prev_statement",
            Action::EditLexicon => "edit_lexicon",
            Action::ToggleMark => "toggle_mark",
            Action::Compare => "compare",
            Action::ToggleSync => "toggle_sync",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Filter => "filter",
            Action::Statements => "statements",
            Action::Sort => "sort",
            Action::Coverage => "coverage",
            Action::GroupStories => "group_stories",
            Action::Omitted => "omitted",
            Action::ToggleRead => "toggle_read",
            Action::ToggleStar => "toggle_star",
            Action::Refresh => "refresh",
            _ => "",
        }
    }

    /// What it does, for the help screen.
    pub fn description(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "show or hide this help",
            Action::Back => "close panel / go back / clear filter",
            Action::Up => "up one row or line",
            Action::Down => "down one row or line",
            Action::PageUp => "up one screen",
            Action::PageDown => "down one screen",
            Action::Home => "to the top",
            Action::End => "to the end",
            Action::Open => "open article; explain statement",
            Action::Explain => "explain the selected statement",
            Action::NextStatement => "next statement (in a comparison: of the focused pane)",
            Action::PrevStatement => "previous statement",
            Action::EditLexicon => "edit the tag's lexicon entry in $EDITOR",
            Action::ToggleMark => "mark article for comparison",
            Action::Compare => "compare the marked articles, or the story",
            Action::ToggleSync => "synchronised scrolling on/off",
            Action::FocusNext => "next pane; next tag in an explanation",
            Action::FocusPrev => "previous pane or tag",
            Action::Filter => "filter (blames: supports: speaker: outlet: lang:)",
            Action::Statements => "article list / statement list",
            Action::Sort => "sort by date, outlet, title",
            Action::Coverage => "coverage of the story or the marked articles",
            Action::GroupStories => "group the article list by story / ungroup",
            Action::Omitted => "what the other panes quote that this one omits",
            Action::ToggleRead => "mark the stored article read / unread",
            Action::ToggleStar => "star / unstar the stored article",
            Action::Refresh => "fetch the feeds in the background",
            _ => "",
        }
    }

    /// Whether the user caused it (a key or the mouse), as opposed to the
    /// terminal or background work.
    pub fn is_from_user(&self) -> bool {
        !matches!(
            self,
            Action::Resize { .. }
                | Action::AnalysisStarted { .. }
                | Action::Analysed { .. }
                | Action::StoriesBuilt { .. }
                | Action::ArticlesLoaded(_)
                | Action::LexiconReloaded(_)
                | Action::LexiconError(_)
                | Action::Notice(_)
                | Action::ReadStatesLoaded(_)
                | Action::RefreshFinished(_)
        )
    }

    /// The bindable action named `name` in `[keys]`.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE.into_iter().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde() {
        for action in Action::BINDABLE {
            let parsed: Action =
                serde_json::from_value(serde_json::Value::String(action.name().into())).unwrap();
            assert_eq!(parsed, action);
            assert!(!action.description().is_empty());
        }
    }
}
