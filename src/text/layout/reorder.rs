//! Putting one line's clusters in display order (UAX #9 rules L2-L4).
//! unicode-bidi's `reorder_line` and `visual_runs` work on characters and
//! neither keep combining marks after their base (L3) nor mirror brackets
//! (L4); reordering whole grapheme clusters and mirroring each base
//! character at an odd level does both.

/// The display order of clusters whose levels (after rule L1) are `levels`:
/// from the highest level down to the lowest odd one, every run at that
/// level or higher is reversed (L2).
pub(super) fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&highest) = levels.iter().max() else {
        return order;
    };
    let lowest = levels.iter().min().copied().unwrap_or(highest);
    let lowest_odd = lowest | 1;
    let mut current: Vec<u8> = levels.to_vec();
    for level in (lowest_odd..=highest).rev() {
        let mut i = 0;
        while i < current.len() {
            if current[i] < level {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < current.len() && current[i] >= level {
                i += 1;
            }
            order[run_start..i].reverse();
            current[run_start..i].reverse();
        }
    }
    order
}

/// Appends a cluster's text, its characters mirrored (`(` ↔ `)`, `«` ↔ `»`)
/// when it sits in a right-to-left run.
pub(super) fn push_cluster(line: &mut String, cluster: &str, mirror: bool) {
    if mirror && cluster.chars().any(|c| mirrored(c) != c) {
        line.extend(cluster.chars().map(mirrored));
    } else {
        line.push_str(cluster);
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

    #[test]
    fn ltr_line_keeps_its_order() {
        assert_eq!(visual_order(&[0, 0, 0]), vec![0, 1, 2]);
    }

    #[test]
    fn rtl_line_is_reversed() {
        assert_eq!(visual_order(&[1, 1, 1]), vec![2, 1, 0]);
    }

    #[test]
    fn numbers_inside_rtl_keep_their_order() {
        assert_eq!(visual_order(&[1, 2, 2, 1]), vec![3, 1, 2, 0]);
    }

    #[test]
    fn rtl_run_inside_ltr_is_reversed_alone() {
        assert_eq!(visual_order(&[0, 1, 1, 0]), vec![0, 2, 1, 3]);
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
