//! The reader's state and the `update(&mut State, Action)` function. No
//! terminal and no I/O, so every flow is testable without a screen: input
//! becomes [`Action`]s in `ui::keymap`, background work (tagging, lexicon
//! reloads) arrives as [`Action`]s from the runtime, and the widgets in `ui`
//! only read [`State`], whose fields are private: what must agree (the rows,
//! the filter, the grouping, the cursors: [`Listing`]; the articles and their
//! statements: [`Library`]) changes only through methods that keep it so.

mod action;
pub mod coverage;
pub mod directory;
pub mod explain;
pub mod export;
pub mod filter;
pub mod fold;
pub mod geometry;
pub mod grouping;
pub mod library;
pub mod line;
pub mod lines;
pub mod listing;
pub mod omitted;
pub mod reading;
pub mod requests;
pub mod search;
mod state;
mod update;
pub mod words;

pub use action::Action;
pub use coverage::{CoverageView, Stories, StoriesRequest};
pub use directory::{Directory, NameAlias, PartyInfo};
pub use library::{Library, Tagged, tagged_statements};
pub use line::{LineEdit, LineInput, Prompt};
pub use listing::{FilterState, ListView, Listing};
pub use reading::Reading;
pub use state::{CompareView, ReaderView, Screen, StartOptions, State, Status};
pub use update::update;
