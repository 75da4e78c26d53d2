//! An article laid out for a pane: title, empty line, paragraphs separated by
//! one empty line, each paragraph through the shared layout pipeline with the
//! same base-direction rule as `mizan render`, so the reader shows exactly the
//! lines `render` prints at that width. Laid-out articles are cached per
//! (article, width) so scrolling and redrawing never re-run layout.

use crate::corpus::Article;
use crate::text::Lang;
use crate::text::layout::{Direction, LaidLine, LayoutOptions, layout_paragraph};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// One screen row of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `None` for the empty separator rows.
    pub line: Option<LaidLine>,
    /// The byte offset in `article.source` of the paragraph this line was
    /// laid out from (`piece.source` is relative to it); `None` when the text
    /// is not part of the source (a title from front matter) or for separators.
    pub offset: Option<usize>,
}

/// An article laid out at one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleLines {
    pub width: usize,
    pub rows: Vec<Row>,
}

/// The base direction of an article's paragraphs: Arabic articles are RTL,
/// anything else follows its first strong character.
pub fn base_direction(article: &Article) -> Option<Direction> {
    (article.lang == Lang::Ar).then_some(Direction::Rtl)
}

/// Lays out a whole article at `width` cells.
pub fn lay_out_article(article: &Article, width: usize, options: &LayoutOptions) -> ArticleLines {
    let base = base_direction(article);
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
    push_paragraph(&mut rows, &article.title, title_offset);
    for range in &article.paragraphs {
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

/// Past this many cached layouts (articles × widths), the cache starts over.
const CACHE_LIMIT: usize = 256;

/// Laid-out articles by (article index, width). A memo: lookups through a
/// shared reference fill it, which is why it uses a `RefCell`.
#[derive(Debug, Default)]
pub struct LayoutCache {
    entries: RefCell<HashMap<(usize, usize), Rc<ArticleLines>>>,
}

impl LayoutCache {
    /// The layout of `article` (index `index`) at `width`, computed once.
    pub fn get(
        &self,
        index: usize,
        article: &Article,
        width: usize,
        options: &LayoutOptions,
    ) -> Rc<ArticleLines> {
        if let Some(found) = self.entries.borrow().get(&(index, width)) {
            return Rc::clone(found);
        }
        let lines = Rc::new(lay_out_article(article, width, options));
        let mut entries = self.entries.borrow_mut();
        if entries.len() >= CACHE_LIMIT {
            entries.clear();
        }
        entries.insert((index, width), Rc::clone(&lines));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;
    use crate::text::TextRange;

    fn article() -> Article {
        let source = "Title\n\nFirst paragraph here.\n\nSecond one.".to_string();
        Article {
            path: "t.txt".into(),
            title: "Title".into(),
            title_range: Some(TextRange::new(0, 5)),
            meta: Meta::default(),
            lang: Lang::En,
            paragraphs: vec![TextRange::new(7, 28), TextRange::new(30, 41)],
            source,
        }
    }

    #[test]
    fn rows_are_title_blank_then_paragraphs_separated_by_blanks() {
        let lines = lay_out_article(&article(), 40, &LayoutOptions::default());
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

    #[test]
    fn the_cache_lays_out_once_per_width() {
        let cache = LayoutCache::default();
        let options = LayoutOptions::default();
        let article = article();
        let first = cache.get(0, &article, 40, &options);
        assert!(Rc::ptr_eq(&first, &cache.get(0, &article, 40, &options)));
        assert!(!Rc::ptr_eq(&first, &cache.get(0, &article, 41, &options)));
    }
}

/// Past this many memoised texts, the memo starts over.
const MEMO_LIMIT: usize = 8192;

/// A text's hash, base direction and width.
type MemoKey = (u64, Option<Direction>, usize);
/// The text itself (to rule out hash collisions) and its lines.
type MemoEntry = (Box<str>, Rc<Vec<LaidLine>>);

/// Laid-out short texts (list cells, headers) by (text, base direction,
/// width): lists redraw every frame, and a filter keystroke must not lay out
/// the same rows again. Like [`LayoutCache`], a memo behind a `RefCell`.
#[derive(Debug, Default)]
pub struct TextMemo {
    entries: RefCell<HashMap<MemoKey, MemoEntry>>,
}

impl TextMemo {
    /// `layout_paragraph(text, base, width, options)`, computed once.
    pub fn get(
        &self,
        text: &str,
        base: Option<Direction>,
        width: usize,
        options: &LayoutOptions,
    ) -> Rc<Vec<LaidLine>> {
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(text, &mut hasher);
        let key = (std::hash::Hasher::finish(&hasher), base, width);
        if let Some((stored, lines)) = self.entries.borrow().get(&key)
            && &**stored == text
        {
            return Rc::clone(lines);
        }
        let lines = Rc::new(layout_paragraph(text, base, width, options));
        let mut entries = self.entries.borrow_mut();
        if entries.len() >= MEMO_LIMIT {
            entries.clear();
        }
        entries.insert(key, (text.into(), Rc::clone(&lines)));
        lines
    }
}
