//! A byte range into a text, the currency that ties tags, statements and
//! laid-out cells back to the original article without copying strings.

use std::ops::Range;

/// A half-open byte range `start..end` into some UTF-8 text.
///
/// Invariants: `start <= end`, and both ends are at most `u32::MAX`. The
/// ends are kept as `u32` because a reader holds millions of ranges (every
/// statement carries several), and they are handed out as `usize`. Every
/// article text is capped where it becomes an article, at half of
/// [`TextRange::MAX_OFFSET`] so that its laid-out lines fit too
/// (`mizan_engine::limits::MAX_ARTICLE_BYTES_CEILING`: the configured size
/// limit of article files cannot exceed it, a decoded text past it is
/// refused, feed bodies and store rows are far smaller). Whether both ends fall on `char`
/// boundaries depends on the text it indexes; constructors in this crate
/// only make ranges from boundaries they have checked.
///
/// ```
/// use mizan_text::TextRange;
/// let text = "قال: نعم";
/// let r = TextRange::new(0, 6);
/// assert_eq!(r.slice(text), "قال");
/// assert_eq!(r.len(), 6);
/// assert!(r.contains(4));
/// assert!(!r.contains(6));
/// let last = TextRange::MAX_OFFSET;
/// assert_eq!(TextRange::new(last, last).end(), last);
/// assert_eq!(std::mem::size_of::<TextRange>(), 8);
/// ```
///
/// An end past `u32::MAX` is a caller's bug, like `start > end`:
///
/// ```should_panic
/// use mizan_text::TextRange;
/// TextRange::new(0, TextRange::MAX_OFFSET + 1);
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(try_from = "RangeFields")]
pub struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// The largest offset a range can hold: the longest text it can index.
    pub const MAX_OFFSET: usize = u32::MAX as usize;

    /// Makes `start..end`.
    ///
    /// # Panics
    /// When `start > end` or `end > u32::MAX`: that is a bug in the caller
    /// (a text that was not capped where it was read), never a property of
    /// input.
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "TextRange start {start} > end {end}");
        let end =
            u32::try_from(end).unwrap_or_else(|_| panic!("TextRange end {end} is past u32::MAX"));
        Self {
            start: start as u32,
            end,
        }
    }

    /// The empty range at `offset`.
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` lies in `start..end`.
    pub fn contains(self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    /// Whether the two ranges share at least one byte.
    ///
    /// ```
    /// use mizan_text::TextRange;
    /// assert!(TextRange::new(0, 4).intersects(TextRange::new(3, 9)));
    /// assert!(!TextRange::new(0, 4).intersects(TextRange::new(4, 9)));
    /// ```
    pub fn intersects(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same range moved `by` bytes to the right.
    pub fn shifted(self, by: usize) -> Self {
        Self::new(self.start() + by, self.end() + by)
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> Self {
        Self {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text this range indexes.
    ///
    /// # Panics
    /// When the range is out of bounds or not on `char` boundaries of `text`.
    pub fn slice(self, text: &str) -> &str {
        &text[self.as_range()]
    }

    pub fn as_range(self) -> Range<usize> {
        self.start()..self.end()
    }
}

/// A range as stored (the analysis cache): `start > end` or an end past
/// `u32::MAX` there is bad input, refused as an error instead of the panic
/// of [`TextRange::new`].
#[derive(serde::Deserialize)]
struct RangeFields {
    start: u64,
    end: u64,
}

impl TryFrom<RangeFields> for TextRange {
    type Error = String;

    fn try_from(fields: RangeFields) -> Result<Self, Self::Error> {
        let RangeFields { start, end } = fields;
        if start > end {
            return Err(format!("range start {start} > end {end}"));
        }
        let end = u32::try_from(end).map_err(|_| format!("range end {end} is past u32::MAX"))?;
        Ok(Self {
            start: start as u32,
            end,
        })
    }
}

impl From<Range<usize>> for TextRange {
    fn from(r: Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<TextRange, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn a_stored_range_reads_back_and_bad_ones_are_errors_not_panics() {
        let last = TextRange::MAX_OFFSET;
        let stored = serde_json::to_string(&TextRange::new(3, last)).expect("serialise");
        assert_eq!(stored, format!(r#"{{"start":3,"end":{last}}}"#));
        assert_eq!(read(&stored).expect("fits"), TextRange::new(3, last));
        let past = read(&format!(r#"{{"start":0,"end":{}}}"#, last + 1));
        assert!(
            past.expect_err("past u32")
                .to_string()
                .contains("past u32::MAX")
        );
        let huge = read(r#"{"start":0,"end":18446744073709551615}"#);
        assert!(huge.is_err());
        let reversed = read(r#"{"start":9,"end":2}"#);
        assert!(
            reversed
                .expect_err("reversed")
                .to_string()
                .contains("start 9 > end 2")
        );
    }
}
