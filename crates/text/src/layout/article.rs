//! A whole article laid out, the one way the reader shows it and
//! `mizan render` prints it: title, an empty row, then the paragraphs
//! separated by one empty row, each through [`layout_paragraph`] with the
//! article's base direction. No I/O and no article type of a higher layer:
//! callers hand over the text and ranges it needs.

use super::{BidiMode, Direction, LaidLine, LayoutOptions, layout_paragraph};
use crate::{Lang, TextRange};

/// What laying out an article needs of it.
#[derive(Clone, Copy, Debug)]
pub struct ArticleText<'a> {
    pub title: &'a str,
    /// Where the title stands in `source`, when it is part of the text.
    pub title_range: Option<TextRange>,
    /// The text the paragraph ranges index.
    pub source: &'a str,
    pub paragraphs: &'a [TextRange],
    pub lang: Lang,
}

/// The base direction of an article's paragraphs: those of an Arabic article
/// are right-to-left; those of other articles take the direction of their
/// first strong character.
pub fn base_direction(lang: Lang) -> Option<Direction> {
    (lang == Lang::Ar).then_some(Direction::Rtl)
}

/// One screen row of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `None` for the empty separator rows.
    pub line: Option<LaidLine>,
    /// The byte offset in the article's source of the paragraph this line
    /// was laid out from (`piece.source` is relative to it); `None` when the
    /// text is not part of the source (a title from front matter) or for
    /// separators.
    pub offset: Option<usize>,
}

/// An article laid out at one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleLines {
    pub width: usize,
    pub rows: Vec<Row>,
}

/// Lays out a whole article at `width` cells.
pub fn lay_out_article(
    article: ArticleText<'_>,
    width: usize,
    options: &LayoutOptions,
) -> ArticleLines {
    let base = base_direction(article.lang);
    let mut rows = Vec::new();
    let push_paragraph = |rows: &mut Vec<Row>, text: &str, offset: Option<usize>| {
        rows.extend(
            layout_paragraph(text, base, width, options)
                .into_iter()
                .map(|line| Row {
                    line: Some(line),
                    offset,
                }),
        );
    };
    let title_offset = article.title_range.map(|r| r.start());
    push_paragraph(&mut rows, article.title, title_offset);
    for range in article.paragraphs {
        rows.push(Row {
            line: None,
            offset: None,
        });
        let text = article.source.get(range.as_range()).unwrap_or("");
        push_paragraph(&mut rows, text, Some(range.start()));
    }
    ArticleLines { width, rows }
}

impl ArticleLines {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row showing byte `offset` of the article's source, or the first
    /// row after it when the offset fell on a line break.
    pub fn row_of(&self, offset: usize) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| match (&row.line, row.offset) {
                (Some(line), Some(base)) => base + line.source.end() > offset,
                _ => false,
            })
    }
}

/// The article laid out at `width` cells as the text `mizan render` prints,
/// one string per row, separators empty. In `bidi = app` mode right-to-left
/// lines are padded on the left to exactly `width` cells (the reader
/// right-aligns them); in the other modes lines are printed as they are,
/// the terminal placing them itself.
pub fn render_article(
    article: ArticleText<'_>,
    width: usize,
    options: &LayoutOptions,
) -> Vec<String> {
    let width = width.max(1);
    let padded = options.bidi == BidiMode::App;
    lay_out_article(article, width, options)
        .rows
        .into_iter()
        .map(|row| match row.line {
            None => String::new(),
            Some(line) if padded => align(line, width),
            Some(line) => line.text,
        })
        .collect()
}

fn align(line: LaidLine, width: usize) -> String {
    if line.direction == Direction::Ltr {
        return line.text;
    }
    let padding = width.saturating_sub(line.width);
    let mut aligned = String::with_capacity(padding + line.text.len());
    aligned.extend(std::iter::repeat_n(' ', padding));
    aligned.push_str(&line.text);
    aligned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_title_blank_then_paragraphs_separated_by_blanks() {
        let paragraphs = [TextRange::new(7, 28), TextRange::new(30, 41)];
        let article = ArticleText {
            title: "Title",
            title_range: Some(TextRange::new(0, 5)),
            source: "Title\n\nFirst paragraph here.\n\nSecond one.",
            paragraphs: &paragraphs,
            lang: Lang::En,
        };
        let lines = lay_out_article(article, 40, &LayoutOptions::default());
        let texts: Vec<&str> = lines
            .rows
            .iter()
            .map(|row| row.line.as_ref().map_or("", |l| l.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            ["Title", "", "First paragraph here.", "", "Second one."]
        );
        assert_eq!(lines.row_of(30), Some(4));
        assert_eq!(lines.row_of(7), Some(2));
    }
}
