//! The reader's state and the `update(&mut State, Action)` function. No
//! terminal and no I/O, so every flow is testable without a screen: input
//! becomes [`Action`]s in `ui::keymap`, background work (tagging, lexicon
//! reloads) arrives as [`Action`]s from the runtime, and the widgets in `ui`
//! only read [`State`].

mod action;
pub mod coverage;
pub mod directory;
pub mod filter;
pub mod fold;
pub mod geometry;
pub mod grouping;
pub mod lines;
pub mod omitted;
pub mod reading;
mod state;
mod update;

pub use action::Action;
pub use coverage::{CoverageView, Stories, StoriesRequest};
pub use directory::{Directory, NameAlias, PartyInfo};
pub use reading::Reading;
pub use state::{
    CompareView, FilterState, ListView, ReaderView, Screen, StartOptions, State, Status, Tagged,
    tagged_statements,
};
pub use update::update;
