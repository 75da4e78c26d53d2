//! A whole article as text lines, the way the reader shows it: what
//! `mizan render` prints and what its snapshot tests pin down. No I/O here,
//! so the command only wires files to this function.

use super::{BidiMode, Direction, LaidLine, LayoutOptions, layout_paragraph};
use crate::corpus::Article;
use crate::text::Lang;

/// The article's title, an empty line, then its paragraphs separated by one
/// empty line, each laid out at `width` cells. In `bidi = app` mode
/// right-to-left lines are padded on the left to exactly `width` cells (the
/// reader right-aligns them); in the other modes lines are printed as they
/// are, the terminal placing them itself.
///
/// Paragraphs of an Arabic article are right-to-left; those of other
/// articles take the direction of their first strong character.
pub fn render_article(article: &Article, width: usize, options: &LayoutOptions) -> Vec<String> {
    let base = (article.lang == Lang::Ar).then_some(Direction::Rtl);
    let width = width.max(1);
    let mut lines = Vec::new();
    push_paragraph(&mut lines, &article.title, base, width, options);
    for index in 0..article.paragraphs.len() {
        lines.push(String::new());
        push_paragraph(&mut lines, article.paragraph(index), base, width, options);
    }
    lines
}

fn push_paragraph(
    lines: &mut Vec<String>,
    paragraph: &str,
    base: Option<Direction>,
    width: usize,
    options: &LayoutOptions,
) {
    let padded = options.bidi == BidiMode::App;
    for line in layout_paragraph(paragraph, base, width, options) {
        lines.push(if padded {
            align(line, width)
        } else {
            line.text
        });
    }
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
