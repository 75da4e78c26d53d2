//! mizan: a terminal news reader that shows who each article quotes and whom
//! those quotes blame or support.
//!
//! The crate is a library with a thin binary. The layers, from the bottom up:
//! - [`text`]: pure text functions (sanitising, normalisation, layout).
//! - [`lexicon`]: the user-editable TOML lexicons, validated and compiled.
//! - [`tagger`]: statements, speakers, parties and stance, from text and a lexicon.
//! - [`corpus`]: articles and how they are loaded.
//! - [`store`]: the SQLite store of fetched articles and cached analyses.
//! - [`feeds`]: fetching RSS/Atom/JSON feeds and article pages into the store.
//! - [`config`]: the configuration file, raw and resolved.
//! - [`sources`]: the configured sources loaded, local files and the store.
//! - [`limits`]: size limits on untrusted input.
//! - [`fsutil`]: atomic writes of the user's files.
//! - [`app`]: the reader's state and its `update` function (no terminal).
//! - [`ui`]: ratatui widgets that draw the state.

pub mod app;
pub mod config;
pub mod corpus;
pub mod feeds;
pub mod fsutil;
pub mod init;
pub mod lexicon;
pub mod limits;
pub mod sources;
pub mod store;
pub mod tagger;
pub mod text;
pub mod ui;
