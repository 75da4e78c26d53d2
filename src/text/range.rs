//! A byte range into a text, the currency that ties tags, statements and
//! laid-out cells back to the original article without copying strings.

use std::ops::Range;

/// A half-open byte range `start..end` into some UTF-8 text.
///
/// Invariant: `start <= end`. Whether both ends fall on `char` boundaries
/// depends on the text it indexes; constructors in this crate only make
/// ranges from boundaries they have checked.
///
/// ```
/// use mizan::text::TextRange;
/// let text = "قال: نعم";
/// let r = TextRange::new(0, 6);
/// assert_eq!(r.slice(text), "قال");
/// assert_eq!(r.len(), 6);
/// assert!(r.contains(4));
/// assert!(!r.contains(6));
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
    start: usize,
    end: usize,
}

impl TextRange {
    /// Makes `start..end`.
    ///
    /// # Panics
    /// When `start > end`: that is a bug in the caller, never a property of input.
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "TextRange start {start} > end {end}");
        Self { start, end }
    }

    /// The empty range at `offset`.
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    pub fn start(self) -> usize {
        self.start
    }

    pub fn end(self) -> usize {
        self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` lies in `start..end`.
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether the two ranges share at least one byte.
    ///
    /// ```
    /// use mizan::text::TextRange;
    /// assert!(TextRange::new(0, 4).intersects(TextRange::new(3, 9)));
    /// assert!(!TextRange::new(0, 4).intersects(TextRange::new(4, 9)));
    /// ```
    pub fn intersects(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same range moved `by` bytes to the right.
    pub fn shifted(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> Self {
        Self::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this range indexes.
    ///
    /// # Panics
    /// When the range is out of bounds or not on `char` boundaries of `text`.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    pub fn as_range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// A range as stored (the analysis cache): `start > end` there is bad
/// input, refused as an error instead of the panic of [`TextRange::new`].
#[derive(serde::Deserialize)]
struct RangeFields {
    start: usize,
    end: usize,
}

impl TryFrom<RangeFields> for TextRange {
    type Error = String;

    fn try_from(fields: RangeFields) -> Result<Self, Self::Error> {
        if fields.start <= fields.end {
            Ok(Self::new(fields.start, fields.end))
        } else {
            Err(format!("range start {} > end {}", fields.start, fields.end))
        }
    }
}

impl From<Range<usize>> for TextRange {
    fn from(r: Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}
