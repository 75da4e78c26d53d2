//! Which lam-alef ligatures a line width allows. A ligature is one cell
//! shaped and two unshaped (its letters apart), and every mode breaks lines
//! at the same places, so the wrapper counts it as two cells. A ligature
//! whose grapheme cluster, counted so, is wider than a line would end up on a
//! line of its own that is too wide unshaped: such a ligature is not formed,
//! and its letters, shaped apart, fit in every mode. At width 1 that is
//! every ligature; at other widths only those sharing their cluster with a
//! character that takes a cell: a prepended concatenation mark (U+0600 to
//! U+0605) before the lam joins it, as a wide combining character after the
//! alef does.

use super::clusters::{is_silent_extension, is_simple, width_around};
use super::shape::{Shaping, shape};
use std::ops::Range;
use unicode_bidi::BidiClass;

/// Shapes a paragraph for lines `width` cells wide: as `shape::shape`,
/// forming only the ligatures that fit a line.
pub(super) fn shape_for_width(
    chars: &[char],
    levels: &[u8],
    classes: &[BidiClass],
    width: usize,
) -> Shaping {
    if width < 2 {
        return shape(chars, levels, classes, |_| false);
    }
    let shaping = shape(chars, levels, classes, |_| true);
    let too_wide = too_wide_ligatures(&shaping, chars, width);
    if too_wide.is_empty() {
        return shaping;
    }
    shape(chars, levels, classes, |lam| {
        too_wide.binary_search(&lam).is_err()
    })
}

/// The lams of the ligatures of `shaping` whose grapheme cluster, the
/// ligature counted as two cells, is wider than `width`, in order.
fn too_wide_ligatures(shaping: &Shaping, chars: &[char], width: usize) -> Vec<usize> {
    let suspects: Vec<usize> = shaping
        .absorbed
        .iter()
        .copied()
        .filter(|&lam| may_share_its_cluster(chars, lam))
        .collect();
    if suspects.is_empty() {
        return suspects;
    }
    let ranges = ligature_ranges(shaping, &suspects);
    suspects
        .into_iter()
        .zip(ranges)
        .filter(|(_, range)| width_around(&shaping.text, range.clone()) + 1 > width)
        .map(|(lam, _)| lam)
        .collect()
}

/// Whether the ligature of the lam at `lam` and the alef after it may share
/// its grapheme cluster with a character that takes a cell: the character
/// before the lam, or the first after the alef that is no haraka or joiner,
/// is one the cluster fast path leaves to the full rules. Otherwise the
/// cluster is the ligature and zero-width marks.
fn may_share_its_cluster(chars: &[char], lam: usize) -> bool {
    let before = lam.checked_sub(1).map(|index| chars[index]);
    let after = chars[lam + 2..]
        .iter()
        .copied()
        .find(|&c| !is_silent_extension(c));
    before.into_iter().chain(after).any(|c| !is_simple(c))
}

/// The byte range in `shaping.text` of the ligature of each lam of `lams`
/// (absorbed lams, in order).
fn ligature_ranges(shaping: &Shaping, lams: &[usize]) -> Vec<Range<usize>> {
    let mut ranges = Vec::with_capacity(lams.len());
    let mut wanted = lams.iter().copied().peekable();
    let mut absorbed = shaping.absorbed.iter().copied().peekable();
    // The input character the next shown character stands for.
    let mut index = 0;
    for (offset, shown) in shaping.text.char_indices() {
        if wanted.peek().is_none() {
            break;
        }
        if wanted.next_if_eq(&index).is_some() {
            ranges.push(offset..offset + shown.len_utf8());
        }
        index += 1 + usize::from(absorbed.next_if_eq(&index).is_some());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(text: &str, width: usize) -> String {
        let chars: Vec<char> = text.chars().collect();
        let classes: Vec<BidiClass> = chars.iter().map(|&c| unicode_bidi::bidi_class(c)).collect();
        shape_for_width(&chars, &vec![1; chars.len()], &classes, width).text
    }

    #[test]
    fn a_plain_ligature_fits_every_width_but_one() {
        assert_eq!(shaped("لا", 2), "\u{fefb}");
        assert_eq!(shaped("لا", 1), "\u{fedf}\u{fe8e}");
        assert_eq!(shaped("لاً", 2), "\u{fefb}\u{64b}");
    }

    #[test]
    fn a_prepended_mark_keeps_a_ligature_from_a_line_too_narrow_for_it() {
        // U+0604 joins the lam's cluster: 2 cells shaped, 3 counted.
        assert_eq!(shaped("\u{604}لا", 2), "\u{604}\u{fedf}\u{fe8e}");
        assert_eq!(shaped("\u{604}لا", 3), "\u{604}\u{fefb}");
        let many = "\u{600}".repeat(9);
        assert_eq!(
            shaped(&format!("{many}لا لا"), 10),
            format!("{many}\u{fedf}\u{fe8e} \u{fefb}")
        );
    }

    #[test]
    fn a_wide_mark_after_the_alef_keeps_it_from_a_narrow_line() {
        // An emoji modifier extends the cluster by two cells.
        let text = "لا\u{1f3fb}";
        assert_eq!(shaped(text, 3), "\u{fedf}\u{fe8e}\u{1f3fb}");
        assert_eq!(shaped(text, 4), "\u{fefb}\u{1f3fb}");
    }

    #[test]
    fn only_ligatures_next_to_unusual_characters_are_suspects() {
        let chars: Vec<char> = "سلا \u{604}لا لا\u{1f3fb} لا\u{64e}\u{200d}".chars().collect();
        let suspects: Vec<usize> = (0..chars.len() - 1)
            .filter(|&i| chars[i] == 'ل')
            .filter(|&lam| may_share_its_cluster(&chars, lam))
            .collect();
        assert_eq!(suspects, vec![5, 8]);
    }
}
