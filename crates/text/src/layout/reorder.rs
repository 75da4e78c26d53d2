//! Putting one line in display order (UAX #9 rules L1-L4). The layout
//! reorders whole grapheme clusters, which keeps combining marks after their
//! base (L3), and mirrors each base character at an odd level (L4);
//! unicode-bidi's `reorder_line` and `visual_runs` work on characters and do
//! neither. Rules L1 and L2 work on any units, characters or clusters, so
//! the conformance test checks them on characters.

use unicode_bidi::BidiClass::{self, B, BN, S, WS};

/// What a unit of a line (a character, or a cluster of them) is to rule L1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineRole {
    /// A segment or paragraph separator (class S or B): a tab, once
    /// sanitised.
    Separator,
    /// Whitespace (class WS), or characters rule X9 sets aside (BN), which
    /// UAX #9 section 5.2 counts with the whitespace around them.
    Whitespace,
    Other,
}

/// The role of a unit whose characters have the bidi classes `classes`.
#[inline]
pub(super) fn line_role(classes: &[BidiClass]) -> LineRole {
    match classes.first() {
        Some(S | B) => LineRole::Separator,
        Some(WS | BN) if classes.iter().all(|class| matches!(class, WS | BN)) => {
            LineRole::Whitespace
        }
        _ => LineRole::Other,
    }
}

/// Rule L1 on the levels of one line's units in logical order: separators,
/// the whitespace before each of them and the whitespace ending the line
/// take the paragraph level. `role_of(i)` is unit `i`'s role. Without
/// `separators` (the line holds none) only the end of the line is looked
/// at: nearly every line of prose.
pub(super) fn reset_line_ends(
    levels: &mut [u8],
    role_of: impl Fn(usize) -> LineRole,
    paragraph_level: u8,
    separators: bool,
) {
    let mut resetting = true;
    for (index, level) in levels.iter_mut().enumerate().rev() {
        match role_of(index) {
            LineRole::Separator => {
                *level = paragraph_level;
                resetting = true;
            }
            LineRole::Whitespace if resetting => *level = paragraph_level,
            LineRole::Whitespace => {}
            LineRole::Other if separators => resetting = false,
            LineRole::Other => return,
        }
    }
}

/// Fills `order` with the display order of clusters whose levels (after
/// rule L1) are `levels`: from the highest level down to the lowest odd
/// one, every run at that level or higher is reversed (L2).
///
/// Runs are found in `levels` as given, never in a reordered copy: reversing
/// a run at one level only permutes places whose levels are all higher than
/// the next level down, so the places of a run at that level are the same
/// before and after.
pub(super) fn visual_order(levels: &[u8], order: &mut Vec<usize>) {
    order.clear();
    order.extend(0..levels.len());
    let (Some(&highest), Some(&lowest)) = (levels.iter().max(), levels.iter().min()) else {
        return;
    };
    for level in ((lowest | 1)..=highest).rev() {
        let mut i = 0;
        while i < levels.len() {
            if levels[i] < level {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < levels.len() && levels[i] >= level {
                i += 1;
            }
            order[run_start..i].reverse();
        }
    }
}

/// Appends a cluster's text, its characters mirrored (`(` ↔ `)`, `«` ↔ `»`)
/// when it sits in a right-to-left run.
#[inline]
pub(super) fn push_cluster(line: &mut String, cluster: &str, mirror: bool) {
    let mut chars = cluster.chars();
    match (chars.next(), chars.next()) {
        // Nearly every cluster is one character: pushing it spares a call
        // to copy two or three bytes.
        (Some(c), None) => line.push(if mirror { mirrored(c) } else { c }),
        _ if mirror && cluster.chars().any(|c| mirrored(c) != c) => {
            line.extend(cluster.chars().map(mirrored));
        }
        _ => line.push_str(cluster),
    }
}

/// The mirror image of `c`, skipping the lookup for Arabic letters, which
/// make up most right-to-left text and never mirror.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '<' => '>',
        '>' => '<',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '\0'..='\u{7f}'
        | '\u{0600}'..='\u{06ff}'
        | '\u{fb50}'..='\u{fdff}'
        | '\u{fe70}'..='\u{feff}' => c,
        _ => unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visual(levels: &[u8]) -> Vec<usize> {
        let mut order = vec![7];
        visual_order(levels, &mut order);
        order
    }

    fn reset(levels: &[u8], classes: &[BidiClass], paragraph_level: u8) -> Vec<u8> {
        let mut levels = levels.to_vec();
        let separators = classes.contains(&S);
        let role_of = |i: usize| line_role(&classes[i..=i]);
        reset_line_ends(&mut levels, role_of, paragraph_level, separators);
        levels
    }

    #[test]
    fn separators_and_the_whitespace_before_them_and_at_the_end_are_reset() {
        use unicode_bidi::BidiClass::{L, R};
        let classes = [R, WS, BN, S, R, WS, R, WS, BN];
        assert_eq!(
            reset(&[1, 1, 1, 1, 1, 1, 1, 1, 1], &classes, 0),
            [1, 0, 0, 0, 1, 1, 1, 0, 0]
        );
        assert_eq!(reset(&[2, 2, 1], &[L, WS, R], 1), [2, 2, 1]);
        assert_eq!(reset(&[1, 2, 2, 2], &[R, WS, L, WS], 0), [1, 2, 2, 0]);
        assert_eq!(reset(&[1, 2, 2, 2], &[R, WS, L, WS], 0), [1, 2, 2, 0]);
    }

    #[test]
    fn a_cluster_is_whitespace_only_when_all_of_it_is() {
        use unicode_bidi::BidiClass::NSM;
        assert_eq!(line_role(&[WS, BN]), LineRole::Whitespace);
        assert_eq!(line_role(&[WS, NSM]), LineRole::Other);
        assert_eq!(line_role(&[S]), LineRole::Separator);
    }

    #[test]
    fn ltr_line_keeps_its_order() {
        assert_eq!(visual(&[0, 0, 0]), vec![0, 1, 2]);
    }

    #[test]
    fn rtl_line_is_reversed() {
        assert_eq!(visual(&[1, 1, 1]), vec![2, 1, 0]);
    }

    #[test]
    fn numbers_inside_rtl_keep_their_order() {
        assert_eq!(visual(&[1, 2, 2, 1]), vec![3, 1, 2, 0]);
    }

    #[test]
    fn rtl_run_inside_ltr_is_reversed_alone() {
        assert_eq!(visual(&[0, 1, 1, 0]), vec![0, 2, 1, 3]);
    }

    /// Rule L2 as written: runs are reversed with their levels, and each
    /// level's runs are found in the order left by the level above.
    fn reordered_as_written(levels: &[u8]) -> Vec<usize> {
        let mut placed: Vec<(usize, u8)> = levels.iter().copied().enumerate().collect();
        let highest = levels.iter().copied().max().unwrap_or(0);
        let lowest_odd = levels.iter().copied().min().unwrap_or(0) | 1;
        for level in (lowest_odd..=highest).rev() {
            for run in placed.chunk_by_mut(|a, b| (a.1 >= level) == (b.1 >= level)) {
                if run[0].1 >= level {
                    run.reverse();
                }
            }
        }
        placed.into_iter().map(|(index, _)| index).collect()
    }

    #[test]
    fn runs_found_in_the_given_levels_match_rule_l2_as_written() {
        for length in 0..=6u32 {
            for code in 0..4usize.pow(length) {
                let levels: Vec<u8> = (0..length)
                    .map(|place| (code / 4usize.pow(place) % 4) as u8)
                    .collect();
                assert_eq!(visual(&levels), reordered_as_written(&levels), "{levels:?}");
            }
        }
    }

    #[test]
    fn fast_mirroring_agrees_with_unicode_bidi_mirroring() {
        let ranges = [
            '\0'..='\u{7f}',
            '\u{0600}'..='\u{06ff}',
            '\u{fb50}'..='\u{fdff}',
            '\u{fe70}'..='\u{feff}',
        ];
        for c in ranges.into_iter().flatten() {
            let expected = unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c);
            assert_eq!(mirrored(c), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn brackets_are_mirrored_only_when_asked() {
        let mut line = String::new();
        push_cluster(&mut line, "(«", true);
        push_cluster(&mut line, "(", false);
        assert_eq!(line, ")»(");
    }
}
