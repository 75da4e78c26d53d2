//! The user-editable lexicons: TOML files read into plain serde structs,
//! resolved and validated across files, then compiled into a matcher.

use serde::Deserialize;
use std::path::PathBuf;

/// The `[lexicons]` section of `config.toml`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LexiconSettings {
    /// User lexicon directories layered on top of the embedded defaults.
    #[serde(default)]
    pub dirs: Vec<PathBuf>,
}
