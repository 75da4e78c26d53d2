//! Byte offset → line and column, for diagnostics that name `file:line:col`.
//! Built once per file so that reporting many positions costs a binary
//! search each, not a scan from the start of the file.

/// The start offset of every line of a text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    /// The 1-based line and column (counted in characters) of byte `offset`
    /// of `text`, the text this index was built from. Offsets past the end
    /// or inside a character are clamped to the nearest earlier boundary.
    ///
    /// ```
    /// use mizan_text::LineIndex;
    /// let text = "ab\nقال x";
    /// let index = LineIndex::new(text);
    /// assert_eq!(index.line_column(text, 0), (1, 1));
    /// assert_eq!(index.line_column(text, 9), (2, 4));
    /// ```
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        // `str::floor_char_boundary` is newer than the supported Rust 1.88.
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let column = text[self.starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }
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
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nقال x", 9), (2, 4));
        assert_eq!(line_column("a\nb\n", 100), (3, 1));
    }
}
