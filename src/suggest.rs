//! "Did you mean": the known names nearest to one the user wrote, for the
//! reader's filter qualifiers and for `mizan check`. Nearness is the optimal
//! string alignment distance (insertions, deletions, substitutions, and a
//! swap of two neighbouring letters counting as one edit), within a limit
//! that grows with the length of what was written, so `kuwiat` finds
//! `kuwait` and `oma` finds `oman` but `usa` does not find `iran`.

/// At most this many suggestions are offered.
const MAX_SUGGESTIONS: usize = 3;

/// The names of `known` nearest to `written`, nearest first (ties in
/// alphabetical order), each once; none when nothing is near enough.
/// Compare like with like: callers fold both sides the same way.
pub fn nearest<'a>(written: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let written: Vec<char> = written.chars().collect();
    let limit = limit(written.len());
    let mut near: Vec<(usize, &str)> = known
        .into_iter()
        .filter_map(|name| {
            let chars: Vec<char> = name.chars().collect();
            let distance = distance(&written, &chars);
            (distance > 0 && distance <= limit).then_some((distance, name))
        })
        .collect();
    near.sort_unstable();
    near.dedup_by_key(|(_, name)| *name);
    near.into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, name)| name)
        .collect()
}

/// `suggestions` as the end of a message: `; did you mean kuwait?`, or
/// nothing when there are none.
pub fn did_you_mean(suggestions: &[&str]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [rest @ .., last] => format!("; did you mean {} or {last}?", rest.join(", ")),
    }
}

/// How many edits a name of `len` characters may be away: one for a short
/// name, a quarter of a longer one.
fn limit(len: usize) -> usize {
    (len / 4).max(1)
}

/// The optimal string alignment distance between `a` and `b`.
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    // Three rows of the table: two back, one back, this one.
    let mut rows = vec![vec![0; width]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (older, rest) = rows.split_at_mut(1);
        let (previous, current) = rest.split_at_mut(1);
        let (two_back, previous, current) = (&older[0], &previous[0], &mut current[0]);
        current[0] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(two_back[j - 2] + 1);
            }
            current[j] = best;
        }
        rows.rotate_left(1);
    }
    rows[1][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTIES: [&str; 6] = ["kuwait", "oman", "iran", "iraq", "usa", "israel"];

    #[test]
    fn typos_swaps_and_short_forms_find_their_name() {
        assert_eq!(nearest("kuwiat", PARTIES), ["kuwait"]);
        assert_eq!(nearest("isreal", PARTIES), ["israel"]);
        assert_eq!(nearest("oma", PARTIES), ["oman"]);
        assert_eq!(nearest("ira", PARTIES), ["iran", "iraq"]);
        assert!(
            nearest("usa", PARTIES).is_empty(),
            "an exact name needs no suggestion"
        );
        assert!(nearest("france", PARTIES).is_empty());
    }

    #[test]
    fn distances_count_a_swap_as_one_edit() {
        let d = |a: &str, b: &str| {
            distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("ab", "ba"), 1);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("عمان", "عمن"), 1);
    }

    #[test]
    fn the_message_lists_the_suggestions() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["oman"]), "; did you mean oman?");
        assert_eq!(
            did_you_mean(&["iran", "iraq", "oman"]),
            "; did you mean iran, iraq or oman?"
        );
    }
}
