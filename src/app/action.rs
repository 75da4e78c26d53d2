//! Everything that can happen to the reader, as data. The unit variants are
//! the keymap's vocabulary: their snake_case names are what `[keys]` in
//! `config.toml` binds. The others carry input text, mouse positions and the
//! results of background work into [`super::update`].

use super::coverage::Stories;
use super::directory::Directory;
use super::line::LineEdit;
use mizan_engine::corpus::Article;
use mizan_engine::tagger::Statement;
use mizan_store::ReadState;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use std::sync::OnceLock;

/// One thing that changes the reader's state.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
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
    /// Close the innermost panel, or go back to the previous screen.
    Back,
    /// Select the next statement in the article.
    NextStatement,
    /// Select the previous statement in the article.
    PrevStatement,
    /// Open the explanation panel for the selected statement (in a
    /// comparison, below the panes, of the focused pane's statement).
    Explain,
    /// Open the lexicon entry behind the explained tag in `$EDITOR`.
    EditLexicon,
    /// Type in the filter box; in an article, search it.
    Filter,
    /// Switch between the article list and the list of all statements.
    Statements,
    /// Sort the article list by the next key (date, outlet, title).
    Sort,
    /// Open the article's URL in the browser.
    OpenUrl,
    /// Copy the selected statement, in logical order and unshaped.
    Copy,
    /// Write what the screen shows to a Markdown file.
    ExportMarkdown,
    /// Write what the screen shows to a CSV file.
    ExportCsv,
    /// Mark or unmark the selected article for comparison; in the article
    /// list the cursor then moves down, so marks go on consecutive rows.
    ToggleMark,
    /// Put the marked articles (2 to 4), or the story under the cursor, side
    /// by side.
    Compare,
    /// Show the coverage of the marked articles, or of the selected
    /// article's story.
    Coverage,
    /// Group the article list by story, or list the articles one by one.
    GroupStories,
    /// In a comparison, list what the other panes quote that the focused
    /// one omits.
    Omitted,
    /// Turn synchronised scrolling of the compared articles on or off.
    ToggleSync,
    /// Move the focus to the next compared article (in an explanation: to
    /// the next tag).
    FocusNext,
    /// Move the focus to the previous compared article.
    FocusPrev,

    // Sources: read state and refresh (see `super::reading`).
    /// Mark the selected article read or unread.
    ToggleRead,
    /// Star or unstar the selected article.
    ToggleStar,
    /// Go to the next unread article.
    NextUnread,
    /// Go to the previous unread article.
    PrevUnread,
    /// Fetch the configured feeds in the background.
    Refresh,
    /// Show or hide the list of keys.
    Help,
    /// Leave mizan.
    Quit,

    // Sent by the text input, the terminal and background work.
    /// The read state of stored articles, by store id, as the store has it.
    #[serde(skip)]
    ReadStatesLoaded(Vec<(i64, ReadState)>),
    /// The read state of local article files, by the hash of their text;
    /// from now on local files keep a read state.
    #[serde(skip)]
    LocalReadStatesLoaded(Vec<(String, ReadState)>),
    /// A background refresh ended; the outcome for the status bar.
    #[serde(skip)]
    RefreshFinished(String),

    /// An editing key for the line being typed (the filter).
    #[serde(skip)]
    Edit(LineEdit),
    /// Keep what was typed and leave the line.
    #[serde(skip)]
    InputAccept,
    /// Clear what was typed and leave the line.
    #[serde(skip)]
    InputCancel,
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
    /// What the help says a bindable action does; `None` for the actions
    /// only the terminal, the text input or background work send. Every
    /// variant has its arm (there is no wildcard), so the compiler refuses
    /// an action until it is decided whether a key can be bound to it and,
    /// if so, what the help calls it. Its `[keys]` name is serde's, and the
    /// help lists the actions in the order they are declared.
    pub fn help(&self) -> Option<&'static str> {
        Some(match self {
            Action::Up => "up one row or line",
            Action::Down => "down one row or line",
            Action::PageUp => "up one screen",
            Action::PageDown => "down one screen",
            Action::Home => "to the top",
            Action::End => "to the end",
            Action::Open => "open article; explain statement",
            Action::Back => "close panel / go back / clear filter",
            Action::NextStatement => "next statement; next search match",
            Action::PrevStatement => "previous statement; previous search match",
            Action::Explain => "explain the statement (in a comparison too)",
            Action::EditLexicon => "edit the tag's lexicon entry in $EDITOR",
            Action::Filter => "filter (blames: speaker: …); search an article",
            Action::Statements => "article list / statement list",
            Action::Sort => "sort by date, outlet, title",
            Action::OpenUrl => "open the article's URL in the browser",
            Action::Copy => "copy the statement (as written, not as shown)",
            Action::ExportMarkdown => "write what the screen shows to a Markdown file",
            Action::ExportCsv => "write what the screen shows to a CSV file",
            Action::ToggleMark => "mark article for comparison, move down",
            Action::Compare => "compare the marked articles, or the story",
            Action::Coverage => "coverage of the story or the marked articles",
            Action::GroupStories => "group the article list by story / ungroup",
            Action::Omitted => "what the other panes quote that this one omits",
            Action::ToggleSync => "synchronised scrolling on/off",
            Action::FocusNext => "next pane; next tag in an explanation",
            Action::FocusPrev => "previous pane or tag",
            Action::ToggleRead => "mark the article read / unread",
            Action::ToggleStar => "star / unstar the article",
            Action::NextUnread => "next unread article",
            Action::PrevUnread => "previous unread article",
            Action::Refresh => "fetch the feeds in the background",
            Action::Help => "show or hide this help",
            Action::Quit => "quit",
            Action::ReadStatesLoaded(_)
            | Action::LocalReadStatesLoaded(_)
            | Action::RefreshFinished(_)
            | Action::Edit(_)
            | Action::InputAccept
            | Action::InputCancel
            | Action::Resize { .. }
            | Action::Scroll { .. }
            | Action::Click { .. }
            | Action::AnalysisStarted { .. }
            | Action::Analysed { .. }
            | Action::StoriesBuilt { .. }
            | Action::ArticlesLoaded(_)
            | Action::LexiconReloaded(_)
            | Action::LexiconError(_)
            | Action::Notice(_) => return None,
        })
    }

    /// Every action a key can be bound to, in the order the help lists them.
    pub fn bindable() -> &'static [Action] {
        &bindable_names().0
    }

    /// Every bindable action with its `[keys]` name, in help order.
    pub fn bindable_with_names() -> impl Iterator<Item = (&'static Action, &'static str)> {
        let (actions, names) = bindable_names();
        actions.iter().zip(names.iter().copied())
    }

    /// Its name in `[keys]`, when a key can be bound to it.
    pub fn name(&self) -> Option<&'static str> {
        let (actions, names) = bindable_names();
        actions.iter().position(|a| a == self).map(|i| names[i])
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
                | Action::LocalReadStatesLoaded(_)
                | Action::RefreshFinished(_)
        )
    }

    /// The bindable action named `name` in `[keys]`.
    pub fn from_name(name: &str) -> Option<Action> {
        let (actions, names) = bindable_names();
        names
            .iter()
            .position(|n| *n == name)
            .map(|i| actions[i].clone())
    }
}

/// The bindable actions and their `[keys]` names, in declaration order:
/// the variants serde's derive deserializes (every other one is
/// `serde(skip)`), read once from the derive itself so no list of them is
/// kept by hand.
fn bindable_names() -> &'static (Vec<Action>, &'static [&'static str]) {
    static BINDABLE: OnceLock<(Vec<Action>, &'static [&'static str])> = OnceLock::new();
    BINDABLE.get_or_init(|| {
        let names = variant_names::of::<Action>();
        let actions = names
            .iter()
            .map(|name| {
                Action::deserialize(name.into_deserializer())
                    .unwrap_or_else(|e: serde::de::value::Error| panic!("{name}: {e}"))
            })
            .collect();
        (actions, names)
    })
}

/// Reading the variant names serde's derive knows for an enum: the derived
/// `Deserialize` hands them to `deserialize_enum`, where this deserializer
/// keeps them and stops.
mod variant_names {
    use serde::de::{self, Deserialize, Deserializer, Visitor};

    struct Names(&'static [&'static str]);

    impl<'de> Deserializer<'de> for &mut Names {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not an enum"))
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            variants: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = variants;
            Err(de::Error::custom("names read"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct identifier ignored_any
        }
    }

    /// The names of `T`'s deserializable variants, in declaration order.
    pub fn of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
        let mut names = Names(&[]);
        // The error is the point: deserializing stops once the names are in.
        let _ = T::deserialize(&mut names);
        names.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the help overlay has for a description at 80 columns.
    const HELP_TEXT_WIDTH: usize = 49;

    #[test]
    fn every_deserializable_action_is_bindable_with_help_and_a_name() {
        assert_eq!(Action::bindable().len(), 34);
        for action in Action::bindable() {
            let name = action.name().expect("a name");
            let parsed: Action =
                serde_json::from_value(serde_json::Value::String(name.into())).unwrap();
            assert_eq!(&parsed, action);
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
            let help = action.help().expect("help");
            assert!(!help.is_empty());
            assert!(
                help.chars().count() <= HELP_TEXT_WIDTH,
                "{help:?} is wider than the help overlay at 80 columns"
            );
        }
    }

    #[test]
    fn actions_from_the_runtime_have_no_name_or_help() {
        for action in [Action::Notice(String::new()), Action::InputAccept] {
            assert_eq!(action.name(), None);
            assert_eq!(action.help(), None);
        }
        assert_eq!(Action::from_name("notice"), None);
    }
}
