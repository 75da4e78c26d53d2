//! mizan: a terminal news reader that shows who each article quotes and whom
//! those quotes blame or support.
//!
//! This crate is the top layer: a library with a thin binary, above the
//! layer crates `mizan-text` (text functions and layout), `mizan-engine`
//! (lexicons, tagger, articles and stories) and `mizan-store` (the SQLite
//! store and feeds). Its modules:
//! - [`config`]: the configuration file, raw and resolved.
//! - [`init`]: the user's configuration and lexicon overlays (`mizan init`).
//! - [`sources`]: the configured sources loaded, local files and the store.
//! - [`fsutil`]: atomic writes of the user's files.
//! - [`suggest`]: "did you mean", for the filter and `mizan check`.
//! - [`app`]: the reader's state and its `update` function (no terminal).
//! - [`ui`]: ratatui widgets that draw the state, the keymap and the runtime.
//!
//! Only this crate may depend on the terminal (ratatui, crossterm),
//! file-watching (notify) and command-line (clap, indicatif, anyhow) crates;
//! within it, `app` may not depend on ratatui or crossterm, only `ui` does.

pub mod app;
pub mod config;
pub mod fsutil;
pub mod init;
pub mod sources;
pub mod suggest;
pub mod ui;
