//! Turning laid-out lines into ratatui `Line`s. Text reaches ratatui only
//! from here: already shaped and in visual order, one span per run of equally
//! styled clusters, RTL lines padded on the left by hand. ratatui's own
//! wrapping and alignment are never used on laid-out text (its width rules
//! differ from the layout pipeline's for Arabic).

use crate::app::State;
use mizan_text::TextRange;
use mizan_text::layout::{BidiMode, Direction, LaidLine, LayoutOptions, layout_paragraph};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The width to right-align RTL lines to: in `bidi = app` mode mizan places
/// them itself; in the other modes the terminal does (as `mizan render`).
pub fn align_width(options: &LayoutOptions, width: u16) -> u16 {
    if options.bidi == BidiMode::App {
        width
    } else {
        0
    }
}

/// `line` as a ratatui line, RTL lines padded on the left to `align` cells
/// (0: no padding); `style_of` styles each cluster by its source range
/// (relative to the laid-out paragraph).
pub fn styled_line(
    line: &LaidLine,
    align: u16,
    style_of: impl Fn(TextRange) -> Style,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let padding = usize::from(align).saturating_sub(line.width);
    if line.direction == Direction::Rtl && padding > 0 {
        spans.push(Span::raw(" ".repeat(padding)));
    }
    let mut run = String::new();
    let mut run_style = Style::default();
    let mut shown_end = 0;
    for piece in &line.pieces {
        let style = style_of(piece.source);
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        let start = piece.shown.start().max(shown_end);
        run.push_str(line.text.get(start..piece.shown.end()).unwrap_or(""));
        shown_end = shown_end.max(piece.shown.end());
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    Line::from(spans)
}

/// Marks text cut to fit its cell.
const ELLIPSIS: &str = "…";

/// The first screen line of `text` laid out at `width` (for list cells and
/// headers), with `highlight` on the clusters whose source bytes it covers.
pub fn single_line(
    text: &str,
    base: Option<Direction>,
    width: u16,
    state: &State,
    style: Style,
    highlight: (&[TextRange], Style),
) -> Line<'static> {
    if width == 0 {
        return Line::default();
    }
    let options = state.layout();
    let mut laid = state
        .text_memo()
        .get(text, base, usize::from(width), options);
    let cut = laid.len() > 1 && width > 1;
    if cut {
        laid = state
            .text_memo()
            .get(text, base, usize::from(width - 1), options);
    }
    let Some(first) = laid.first() else {
        return Line::default();
    };
    let (ranges, marked) = highlight;
    let align = align_width(options, width - u16::from(cut));
    let mut line = styled_line(first, align, |source| {
        if ranges.iter().any(|r| r.intersects(source)) {
            marked
        } else {
            style
        }
    });
    if cut {
        // The ellipsis goes where the text continues: after the end of a
        // left-to-right line, before the (visual) start of a right-to-left one.
        match first.direction {
            Direction::Ltr => line.spans.push(Span::styled(ELLIPSIS, style)),
            Direction::Rtl => {
                let padded = usize::from(align) > first.width;
                line.spans
                    .insert(usize::from(padded), Span::styled(ELLIPSIS, style));
            }
        }
    }
    line
}

/// A header's text (which may hold Arabic names) laid out on one line, in
/// the header style. Headers are English labels with names in them, so their
/// base direction is left-to-right whatever the first letter.
pub fn header_text(text: &str, width: u16, state: &State) -> Vec<Span<'static>> {
    let bold = super::theme::header_style();
    single_line(text, Some(Direction::Ltr), width, state, bold, (&[], bold)).spans
}

/// Every screen line of `text` at `width`, in one style, left-to-right based
/// (explanation lines start with English labels).
pub fn wrapped_lines(
    text: &str,
    width: u16,
    options: &LayoutOptions,
    style: Style,
) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    layout_paragraph(text, Some(Direction::Ltr), usize::from(width), options)
        .iter()
        .map(|line| styled_line(line, align_width(options, width), |_| style))
        .collect()
}

/// The cells `text` fills when ratatui draws it: the sum of its grapheme
/// clusters' widths, which is how the buffer places them (a string-level
/// width can differ, as for an unshaped lam-alef).
pub fn cell_width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `text` in at most `width` cells: cut at the end of a word, with an
/// ellipsis, when it does not fit (within a word only when the first word
/// alone is too long).
pub fn cut_at_word(text: &str, width: usize) -> String {
    if cell_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let kept = clip(text, width - 1);
    let whole_words = text[kept.len()..].starts_with(' ');
    let at_word = match kept.rfind(' ') {
        _ if whole_words => kept.trim_end(),
        Some(space) if !kept[..space].trim().is_empty() => kept[..space].trim_end(),
        _ => kept.as_str(),
    };
    format!("{at_word}{ELLIPSIS}")
}

/// Cuts `text` to at most `width` cells, at a grapheme boundary.
pub fn clip(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for grapheme in text.graphemes(true) {
        used += grapheme.width();
        if used > width {
            break;
        }
        out.push_str(grapheme);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_after_a_whole_word() {
        let message = "blames:armenai names no party; did you mean armenia?";
        assert_eq!(cut_at_word(message, 100), message);
        assert_eq!(
            cut_at_word(message, 40),
            "blames:armenai names no party; did you…"
        );
        assert_eq!(cut_at_word(message, 32), "blames:armenai names no party;…");
        assert_eq!(cut_at_word(message, 8), "blames:…", "one long word");
        assert_eq!(cut_at_word(message, 0), "");
        for width in 0..60 {
            assert!(cell_width(&cut_at_word(message, width)) <= width);
        }
    }

    #[test]
    fn rtl_lines_are_padded_to_the_right_edge() {
        let laid = layout_paragraph("سلام", Some(Direction::Rtl), 10, &LayoutOptions::default());
        let line = styled_line(&laid[0], 10, |_| Style::default());
        let cells: usize = line.spans.iter().map(|s| cell_width(&s.content)).sum();
        assert_eq!(cells, 10);
        assert!(line.spans[0].content.chars().all(|c| c == ' '));
    }
}
