//! The configuration file. `RawConfig` mirrors `config.toml` exactly (unknown
//! keys are errors); `Config` is the validated form the rest of mizan uses.
//! The documented defaults are the repository's `config.toml`, embedded.

use mizan_engine::lexicon::LexiconSettings;
use mizan_engine::limits::{Limits, RawLimits};
use mizan_text::layout::{BidiMode, Harakat, LayoutOptions};
use mizan_text::{Lang, line_column};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    /// Action name → keys (`"n"` or `["n", "down"]`).
    #[serde(default)]
    pub keys: BTreeMap<String, KeyList>,
    /// Party id → colour name.
    #[serde(default)]
    pub colors: BTreeMap<String, String>,
    #[serde(default)]
    pub reader: RawReader,
    #[serde(default, rename = "source")]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub limits: RawLimits,
}

/// One `[[source]]` entry: a local file or directory (`path`) or a feed
/// (`url`), with what the articles do not say about themselves.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub path: Option<PathBuf>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    /// Minutes between fetches of a feed.
    pub refresh: Option<u64>,
}

/// One key or several, as `[keys]` accepts both.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> &[String] {
        match self {
            KeyList::One(key) => std::slice::from_ref(key),
            KeyList::Many(keys) => keys,
        }
    }
}

/// How the article list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListSort {
    /// Newest first.
    #[default]
    Date,
    Outlet,
    Title,
}

impl ListSort {
    /// The next key in the `sort` action's cycle.
    pub fn next(self) -> ListSort {
        match self {
            ListSort::Date => ListSort::Outlet,
            ListSort::Outlet => ListSort::Title,
            ListSort::Title => ListSort::Date,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ListSort::Date => "date",
            ListSort::Outlet => "outlet",
            ListSort::Title => "title",
        }
    }
}

/// The `[reader]` section.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawReader {
    pub sort: Option<ListSort>,
    pub sync_scroll: Option<bool>,
}

/// The `[display]` section.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawDisplay {
    pub bidi: Option<BidiMode>,
    pub shaping: Option<bool>,
    pub harakat: Option<Harakat>,
}

/// A resolved `[[source]]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Article files, or directories of them, read as they are.
    Local {
        path: PathBuf,
        outlet: Option<String>,
        lang: Option<Lang>,
    },
    /// A feed fetched into the store by `mizan fetch`.
    Feed {
        url: String,
        outlet: Option<String>,
        lang: Option<Lang>,
        /// Fetch no more often than this.
        refresh: Option<Duration>,
    },
}

/// The resolved configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub layout: LayoutOptions,
    pub lexicons: LexiconSettings,
    pub sources: Vec<Source>,
    /// Key bindings as written; the reader's keymap validates them.
    pub keys: BTreeMap<String, KeyList>,
    pub colors: BTreeMap<String, String>,
    pub sort: ListSort,
    pub sync_scroll: bool,
    pub limits: Limits,
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
    #[error("{path}: {message}")]
    Limits { path: String, message: String },
    #[error("{path}: [[source]] number {number}: {message}")]
    Source {
        path: String,
        number: usize,
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
        let (mut config, origin) = match path {
            Some(path) => (Config::load(&path)?, Some(path)),
            None => (Config::defaults(), None),
        };
        config.use_user_lexicon_copies();
        Ok((config, origin))
    }

    /// Puts the lexicon copies `mizan init` wrote (when present) beneath the
    /// directories the configuration names, so the user's edits apply.
    fn use_user_lexicon_copies(&mut self) {
        if let Some(dir) = user_lexicon_dir().filter(|dir| dir.is_dir())
            && !self.lexicons.dirs.contains(&dir)
        {
            self.lexicons.dirs.insert(0, dir);
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
        Config::resolve(raw, origin)
    }

    fn resolve(raw: RawConfig, origin: &str) -> Result<Config, ConfigError> {
        let defaults = LayoutOptions::default();
        let sources = raw
            .sources
            .into_iter()
            .enumerate()
            .map(|(index, source)| {
                resolve_source(source).map_err(|message| ConfigError::Source {
                    path: origin.to_string(),
                    number: index + 1,
                    message,
                })
            })
            .collect::<Result<_, _>>()?;
        let limits = Limits::resolve(&raw.limits).map_err(|message| ConfigError::Limits {
            path: origin.to_string(),
            message,
        })?;
        Ok(Config {
            limits,
            layout: LayoutOptions {
                bidi: raw.display.bidi.unwrap_or(defaults.bidi),
                shaping: raw.display.shaping.unwrap_or(defaults.shaping),
                harakat: raw.display.harakat.unwrap_or(defaults.harakat),
            },
            lexicons: raw.lexicons,
            keys: raw.keys,
            colors: raw.colors,
            sort: raw.reader.sort.unwrap_or_default(),
            sync_scroll: raw.reader.sync_scroll.unwrap_or(true),
            sources,
        })
    }

    /// The configured feeds.
    pub fn feeds(&self) -> impl Iterator<Item = &Source> {
        self.sources
            .iter()
            .filter(|source| matches!(source, Source::Feed { .. }))
    }
}

fn resolve_source(raw: RawSource) -> Result<Source, String> {
    let lang = match raw.lang.as_deref() {
        None => None,
        Some(code) => Some(
            Lang::parse(code)
                .ok_or_else(|| format!("lang must be \"ar\" or \"en\", got {code:?}"))?,
        ),
    };
    match (raw.path, raw.url) {
        (Some(path), None) => {
            if raw.refresh.is_some() {
                return Err("refresh applies to feeds (url), not to a path".to_string());
            }
            Ok(Source::Local {
                path,
                outlet: raw.outlet,
                lang,
            })
        }
        (None, Some(url)) => {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(format!(
                    "url must start with http:// or https://, got {url:?}"
                ));
            }
            Ok(Source::Feed {
                url,
                outlet: raw.outlet,
                lang,
                refresh: raw
                    .refresh
                    .map(|minutes| Duration::from_secs(minutes.saturating_mul(60))),
            })
        }
        (Some(_), Some(_)) => Err("give either path or url, not both".to_string()),
        (None, None) => Err("give a path (file or directory) or a url (feed)".to_string()),
    }
}

/// Where `key` is written in table `[table]` of configuration `text`, as a
/// 1-based line and column, for messages about a value that parses but
/// names nothing (a party id in `[colors]` no lexicon knows).
pub fn key_position(text: &str, table: &str, key: &str) -> Option<(usize, usize)> {
    let mut current = "";
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(header) = trimmed.strip_prefix('[') {
            current = header.split(']').next().unwrap_or("").trim();
            continue;
        }
        let written = trimmed.split('=').next().unwrap_or("").trim();
        if current == table && written.trim_matches('"') == key && trimmed.contains('=') {
            let column = line[..line.len() - trimmed.len()].chars().count() + 1;
            return Some((index + 1, column));
        }
    }
    None
}

/// mizan's directory in the user's configuration directory
/// (`$XDG_CONFIG_HOME/mizan`, usually `~/.config/mizan`).
pub fn user_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("mizan"))
}

/// Where `mizan init` puts the editable copies of the lexicons.
pub fn user_lexicon_dir() -> Option<PathBuf> {
    user_config_dir().map(|dir| dir.join("lexicons"))
}

/// The user's `config.toml`, whether or not it exists.
pub fn user_config_file() -> Option<PathBuf> {
    user_config_dir().map(|dir| dir.join("config.toml"))
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
    fn reader_sections_parse() {
        let text = "[keys]\nquit = \"x\"\nnext_statement = [\"j\", \"down\"]\n[colors]\narmenia = \"red\"\n[reader]\nsort = \"title\"\nsync_scroll = false\n";
        let config = Config::parse(text, "c.toml").unwrap();
        assert_eq!(config.keys["next_statement"].keys(), ["j", "down"]);
        assert_eq!(config.keys["quit"].keys(), ["x"]);
        assert_eq!(config.colors["armenia"], "red");
        assert_eq!(config.sort, ListSort::Title);
        assert!(!config.sync_scroll);
        assert!(Config::defaults().sync_scroll);
    }

    #[test]
    fn sources_resolve_to_feeds_and_local_paths() {
        let text = "[[source]]\nurl = \"http://127.0.0.1:8/f.xml\"\noutlet = \"X\"\nlang = \"ar\"\nrefresh = 30\n\n[[source]]\npath = \"news\"\n";
        let config = Config::parse(text, "c.toml").unwrap();
        assert_eq!(
            config.sources,
            vec![
                Source::Feed {
                    url: "http://127.0.0.1:8/f.xml".to_string(),
                    outlet: Some("X".to_string()),
                    lang: Some(Lang::Ar),
                    refresh: Some(Duration::from_secs(1800)),
                },
                Source::Local {
                    path: PathBuf::from("news"),
                    outlet: None,
                    lang: None,
                },
            ]
        );
        assert_eq!(config.feeds().count(), 1);
    }

    #[test]
    fn keys_are_found_in_their_table() {
        let text = "[keys]\nquit = \"x\"\n\n[colors]\n  \"kuwiat\" = \"red\"\nquit = \"blue\"\n";
        assert_eq!(key_position(text, "colors", "kuwiat"), Some((5, 3)));
        assert_eq!(key_position(text, "colors", "quit"), Some((6, 1)));
        assert_eq!(key_position(text, "keys", "quit"), Some((2, 1)));
        assert_eq!(key_position(text, "colors", "oman"), None);
    }

    #[test]
    fn a_source_needs_exactly_one_of_path_and_url() {
        let both = "[[source]]\npath = \"a\"\nurl = \"http://127.0.0.1/\"\n";
        let message = Config::parse(both, "c.toml").unwrap_err().to_string();
        assert!(
            message.starts_with("c.toml: [[source]] number 1:"),
            "{message}"
        );
        assert!(Config::parse("[[source]]\nlang = \"ar\"\n", "c.toml").is_err());
        assert!(Config::parse("[[source]]\nurl = \"ftp://x\"\n", "c.toml").is_err());
    }
}
