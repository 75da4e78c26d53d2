//! Size limits on untrusted input, and reading a file within them.
//!
//! mizan reads articles from anywhere: a directory may hold a multi-gigabyte
//! log named `.txt`, and a path may name a device that never ends. Layout
//! and tagging run in time linear in an article's size, but everything about
//! an article is held in memory at once, so the size of one article is
//! bounded. The limit is configurable (`[limits]` in `config.toml`) and a
//! refused file is reported with the limit's name, never read in part.

use mizan_text::TextRange;
use serde::Deserialize;
use std::io::Read;
use std::path::Path;

/// The default largest article: far above any news article (the longest are
/// well under 1 MB) and small enough to lay out and tag in about a second.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// The longest article text, and so the largest limit the configuration may
/// set: half of what a 32-bit [`TextRange`] can index, since ranges also
/// index laid-out lines and shaping may grow a line by half (an Arabic
/// letter of two bytes becomes a presentation form of three).
pub const MAX_ARTICLE_BYTES_CEILING: u64 = TextRange::MAX_OFFSET as u64 / 2;

/// The `[limits]` section of `config.toml` as written.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    pub max_article_bytes: Option<u64>,
}

/// The resolved limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Article files larger than this are refused.
    pub max_article_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

impl Limits {
    /// The limits `raw` asks for, the defaults filling in what it leaves
    /// out. A limit of zero would refuse every article, one past
    /// [`MAX_ARTICLE_BYTES_CEILING`] would let in a text too long for the
    /// ranges that index it: both are errors.
    pub fn resolve(raw: &RawLimits) -> Result<Limits, String> {
        let max_article_bytes = raw.max_article_bytes.unwrap_or(DEFAULT_MAX_ARTICLE_BYTES);
        if max_article_bytes == 0 {
            return Err("limits.max_article_bytes must be at least 1".into());
        }
        if max_article_bytes > MAX_ARTICLE_BYTES_CEILING {
            return Err(format!(
                "limits.max_article_bytes must be at most {MAX_ARTICLE_BYTES_CEILING} (2 GiB), not {max_article_bytes}"
            ));
        }
        Ok(Limits { max_article_bytes })
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(
        "larger than the limit of {limit} bytes (limits.max_article_bytes in config.toml), not read"
    )]
    TooLarge { limit: u64 },
}

/// The whole of the file at `path`, if it holds at most `limit` bytes. The
/// size is checked before reading and the read stops one byte past the
/// limit, so a file that grows, or a device like `/dev/zero`, is refused
/// without filling memory.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path)?;
    let declared = file.metadata()?.len();
    if declared > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_limited(&path, 10).unwrap(), b"0123456789");
    }

    #[test]
    fn a_file_one_byte_over_is_refused_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "0123456789").unwrap();
        let error = read_limited(&path, 9).unwrap_err();
        assert!(matches!(error, ReadError::TooLarge { limit: 9 }));
        assert!(error.to_string().contains("limits.max_article_bytes"));
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_is_refused_without_reading_it_all() {
        let error = read_limited(Path::new("/dev/zero"), 1024).unwrap_err();
        assert!(matches!(error, ReadError::TooLarge { limit: 1024 }));
    }

    #[test]
    fn a_zero_limit_is_an_error_and_a_missing_one_the_default() {
        assert!(
            Limits::resolve(&RawLimits {
                max_article_bytes: Some(0)
            })
            .is_err()
        );
        assert_eq!(
            Limits::resolve(&RawLimits::default()).unwrap(),
            Limits::default()
        );
    }

    #[test]
    fn a_limit_past_what_a_range_can_index_is_an_error_naming_the_key() {
        let resolve = |bytes| {
            Limits::resolve(&RawLimits {
                max_article_bytes: Some(bytes),
            })
        };
        let ceiling = resolve(MAX_ARTICLE_BYTES_CEILING).expect("the ceiling itself");
        assert_eq!(ceiling.max_article_bytes, u64::from(u32::MAX / 2));
        let error = resolve(MAX_ARTICLE_BYTES_CEILING + 1).unwrap_err();
        assert!(error.contains("limits.max_article_bytes"), "{error}");
        assert!(error.contains("2147483648"), "{error}");
        assert!(resolve(u64::MAX).is_err());
    }
}
