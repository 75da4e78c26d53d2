//! The configuration file. `RawConfig` mirrors `config.toml` exactly (unknown
//! keys are errors); `Config` is the validated form the rest of mizan uses.
//! The documented defaults are the repository's `config.toml`, embedded.

use crate::lexicon::LexiconSettings;
use crate::text::LineIndex;
use crate::text::layout::{BidiMode, Harakat, LayoutOptions};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The documented default configuration, as shipped.
pub const DEFAULT_CONFIG: &str = include_str!("../config.toml");

/// `config.toml` as written.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    #[serde(default)]
    pub display: RawDisplay,
    #[serde(default)]
    pub lexicons: LexiconSettings,
}

/// The `[display]` section.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawDisplay {
    pub bidi: Option<BidiMode>,
    pub shaping: Option<bool>,
    pub harakat: Option<Harakat>,
}

/// The resolved configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub layout: LayoutOptions,
    pub lexicons: LexiconSettings,
}

/// A configuration file that could not be read or understood.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Config {
    /// The built-in defaults.
    pub fn defaults() -> Config {
        Config::parse(DEFAULT_CONFIG, "<built-in config.toml>")
            .expect("the embedded config.toml is valid")
    }

    /// The configuration mizan runs with: `explicit` (from `--config`) when
    /// given, else the user's `config.toml` in the XDG configuration
    /// directory when it exists, else the built-in defaults. Also returns
    /// the file it came from, if any.
    pub fn locate(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => user_config_file().filter(|path| path.is_file()),
        };
        match path {
            Some(path) => Ok((Config::load(&path)?, Some(path))),
            None => Ok((Config::defaults(), None)),
        }
    }

    /// Reads and validates a configuration file; settings it leaves out keep
    /// their defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// Parses configuration text; `origin` names it in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_column(text, span.start))
                .unwrap_or((1, 1));
            ConfigError::Syntax {
                path: origin.to_string(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        Ok(Config::resolve(raw))
    }

    fn resolve(raw: RawConfig) -> Config {
        let defaults = LayoutOptions::default();
        Config {
            layout: LayoutOptions {
                bidi: raw.display.bidi.unwrap_or(defaults.bidi),
                shaping: raw.display.shaping.unwrap_or(defaults.shaping),
                harakat: raw.display.harakat.unwrap_or(defaults.harakat),
            },
            lexicons: raw.lexicons,
        }
    }
}

/// mizan's directory in the user's configuration directory
/// (`$XDG_CONFIG_HOME/mizan`, usually `~/.config/mizan`).
pub fn user_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("mizan"))
}

/// The user's `config.toml`, whether or not it exists.
pub fn user_config_file() -> Option<PathBuf> {
    user_config_dir().map(|dir| dir.join("config.toml"))
}

/// The 1-based line and column (in characters) of byte `offset` in `text`,
/// for a single position; build a [`LineIndex`] to report many.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_parse() {
        let config = Config::defaults();
        assert_eq!(config.layout.bidi, BidiMode::App);
        assert!(config.layout.shaping);
    }

    #[test]
    fn unknown_key_is_reported_with_its_position() {
        let err = Config::parse("[display]\nbidy = \"app\"\n", "c.toml").unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("c.toml:2:1:"), "{message}");
        assert!(message.contains("bidy"), "{message}");
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nقال x", 9), (2, 4));
        assert_eq!(line_column("a\nb\n", 100), (3, 1));
    }
}
