//! Putting one line's clusters in display order (UAX #9 rules L2-L4).
//! unicode-bidi's `reorder_line` and `visual_runs` work on characters and
//! neither keep combining marks after their base (L3) nor mirror brackets
//! (L4); reordering whole grapheme clusters and mirroring each base
//! character at an odd level does both.

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
