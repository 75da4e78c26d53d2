//! Articles laid out for a pane by the layout pipeline's
//! [`lay_out_article`], the function `mizan render` prints through, so the
//! reader shows exactly the lines `render` prints at that width. Laid-out
//! articles are cached per (article, width) so scrolling and redrawing never
//! re-run layout; short texts (list cells, headers) are memoised.

use mizan_engine::corpus::Article;
use mizan_text::layout::{
    ArticleLines, Direction, LaidLine, LayoutOptions, lay_out_article, layout_paragraph,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

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
        let lines = Rc::new(lay_out_article(article.text(), width, options));
        let mut entries = self.entries.borrow_mut();
        if entries.len() >= CACHE_LIMIT {
            entries.clear();
        }
        entries.insert((index, width), Rc::clone(&lines));
        lines
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

#[cfg(test)]
mod tests {
    use super::*;
    use mizan_engine::corpus::Meta;
    use mizan_text::{Lang, TextRange};

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
    fn the_cache_lays_out_once_per_width() {
        let cache = LayoutCache::default();
        let options = LayoutOptions::default();
        let article = article();
        let first = cache.get(0, &article, 40, &options);
        assert!(Rc::ptr_eq(&first, &cache.get(0, &article, 40, &options)));
        assert!(!Rc::ptr_eq(&first, &cache.get(0, &article, 41, &options)));
    }
}
