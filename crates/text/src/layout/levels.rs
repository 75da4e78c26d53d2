//! Bidi embedding levels (UAX #9, rules P2-P3, W1-W7, N0-N2, I1-I2) for the
//! one kind of paragraph the layout ever resolves: sanitised text, which has
//! no embedding, override or isolate controls and no paragraph or segment
//! separators. All of it is then a single isolating run sequence at the
//! paragraph level, and resolution is a few linear passes over characters.
//!
//! Why not unicode-bidi's `ParagraphBidiInfo`: it handles the general case
//! byte by byte and was the largest cost of laying out Arabic text (where
//! every character is two bytes). Its data is still the source of bidi
//! classes and bracket pairs, and a property test checks that both resolve
//! the same levels.

use unicode_bidi::data_source::BidiMatchedOpeningBracket;
use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData};

use BidiClass::{AL, AN, B, BN, CS, EN, ES, ET, L, NSM, ON, R, S, WS};

/// The deepest nesting of brackets BD16 tracks before giving up.
const BRACKET_STACK_LIMIT: usize = 63;

/// The paragraph level by rules P2-P3: the first strong character decides,
/// left-to-right when there is none.
pub(super) fn first_strong_level(classes: &[BidiClass]) -> u8 {
    classes
        .iter()
        .find_map(|class| match class {
            L => Some(0),
            R | AL => Some(1),
            _ => None,
        })
        .unwrap_or(0)
}

/// The resolved level of every character of a paragraph at `paragraph_level`
/// whose characters and bidi classes are `chars` and `classes`. Characters
/// rule X9 removes (class BN) take the level of the character before them.
pub(super) fn resolve(chars: &[char], classes: &[BidiClass], paragraph_level: u8) -> Vec<u8> {
    if !classes.contains(&BN) {
        return resolve_sequence(chars, classes, paragraph_level);
    }
    let kept: Vec<usize> = (0..classes.len()).filter(|&i| classes[i] != BN).collect();
    let kept_chars: Vec<char> = kept.iter().map(|&i| chars[i]).collect();
    let kept_classes: Vec<BidiClass> = kept.iter().map(|&i| classes[i]).collect();
    let kept_levels = resolve_sequence(&kept_chars, &kept_classes, paragraph_level);
    let mut levels = vec![paragraph_level; classes.len()];
    for (&index, &level) in kept.iter().zip(&kept_levels) {
        levels[index] = level;
    }
    for i in 1..levels.len() {
        if classes[i] == BN {
            levels[i] = levels[i - 1];
        }
    }
    levels
}

/// The levels of an isolating run sequence free of BN characters.
fn resolve_sequence(chars: &[char], classes: &[BidiClass], paragraph_level: u8) -> Vec<u8> {
    let mut types = classes.to_vec();
    let embedding = if paragraph_level.is_multiple_of(2) {
        L
    } else {
        R
    };
    resolve_weak(&mut types, embedding);
    resolve_brackets(&mut types, chars, classes, embedding);
    resolve_neutrals(&mut types, embedding);
    types
        .into_iter()
        .map(|class| implicit_level(class, paragraph_level))
        .collect()
}

/// Rules W1-W7. The sequence's sos and eos are both the embedding direction.
fn resolve_weak(types: &mut [BidiClass], embedding: BidiClass) {
    let mut previous = embedding;
    let mut last_strong = embedding;
    for class in types.iter_mut() {
        if *class == NSM {
            *class = previous;
        }
        match *class {
            EN if last_strong == AL => *class = AN,
            L | R | AL => last_strong = *class,
            _ => {}
        }
        previous = *class;
        if *class == AL {
            *class = R;
        }
    }
    for i in 1..types.len().saturating_sub(1) {
        let (before, after) = (types[i - 1], types[i + 1]);
        types[i] = match (types[i], before, after) {
            (ES, EN, EN) => EN,
            (CS, EN, EN) => EN,
            (CS, AN, AN) => AN,
            (class, _, _) => class,
        };
    }
    terminators_next_to_numbers(types);
    let mut last_strong = embedding;
    for class in types.iter_mut() {
        match *class {
            ES | ET | CS => *class = ON,
            EN if last_strong == L => *class = L,
            L | R => last_strong = *class,
            _ => {}
        }
    }
}

/// Rule W5: a run of European terminators touching a European number
/// becomes part of it.
fn terminators_next_to_numbers(types: &mut [BidiClass]) {
    let mut i = 0;
    while i < types.len() {
        if types[i] != ET {
            i += 1;
            continue;
        }
        let start = i;
        while i < types.len() && types[i] == ET {
            i += 1;
        }
        let touches_number =
            (start > 0 && types[start - 1] == EN) || (i < types.len() && types[i] == EN);
        if touches_number {
            types[start..i].fill(EN);
        }
    }
}

/// The strong direction a resolved type counts as in rules N0-N1.
fn strong_direction(class: BidiClass) -> Option<BidiClass> {
    match class {
        L => Some(L),
        R | AL | EN | AN => Some(R),
        _ => None,
    }
}

/// Rule N0: paired brackets take the direction of what they enclose, or of
/// what precedes them (BD16 pairs them).
fn resolve_brackets(
    types: &mut [BidiClass],
    chars: &[char],
    original: &[BidiClass],
    embedding: BidiClass,
) {
    for (open, close) in bracket_pairs(types, chars) {
        let Some(direction) = bracket_direction(types, open, close, embedding) else {
            continue;
        };
        for bracket in [open, close] {
            types[bracket] = direction;
            let mut mark = bracket + 1;
            while mark < types.len() && original[mark] == NSM {
                types[mark] = direction;
                mark += 1;
            }
        }
    }
}

/// What a bracket pair resolves to, if anything.
fn bracket_direction(
    types: &[BidiClass],
    open: usize,
    close: usize,
    embedding: BidiClass,
) -> Option<BidiClass> {
    let mut opposite_inside = false;
    for &class in &types[open + 1..close] {
        match strong_direction(class) {
            Some(direction) if direction == embedding => return Some(embedding),
            Some(_) => opposite_inside = true,
            None => {}
        }
    }
    if !opposite_inside {
        return None;
    }
    let before = types[..open]
        .iter()
        .rev()
        .find_map(|&class| strong_direction(class))
        .unwrap_or(embedding);
    Some(if before == embedding {
        embedding
    } else {
        before
    })
}

/// BD16: bracket pairs, sorted by the position of their opening bracket.
fn bracket_pairs(types: &[BidiClass], chars: &[char]) -> Vec<(usize, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut pairs = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if types[i] != ON {
            continue;
        }
        let Some(bracket) = paired_bracket(c) else {
            continue;
        };
        if bracket.is_open {
            if stack.len() == BRACKET_STACK_LIMIT {
                break;
            }
            stack.push((bracket.opening, i));
        } else if let Some(depth) = stack
            .iter()
            .rposition(|&(opening, _)| opening == bracket.opening)
        {
            pairs.push((stack[depth].1, i));
            stack.truncate(depth);
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The bracket pair `c` belongs to. The lookup scans a table, so the
/// punctuation of ASCII and Arabic text, which holds no brackets but the
/// ASCII ones, is answered first.
fn paired_bracket(c: char) -> Option<BidiMatchedOpeningBracket> {
    let never_paired = (c.is_ascii() && !matches!(c, '(' | ')' | '[' | ']' | '{' | '}'))
        || ('\u{0600}'..='\u{06ff}').contains(&c);
    if never_paired {
        None
    } else {
        HardcodedBidiData.bidi_matched_opening_bracket(c)
    }
}

/// Rules N1-N2: neutrals between two strong types of one direction take it,
/// the others take the embedding direction.
fn resolve_neutrals(types: &mut [BidiClass], embedding: BidiClass) {
    let mut i = 0;
    while i < types.len() {
        if !is_neutral(types[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < types.len() && is_neutral(types[i]) {
            i += 1;
        }
        let before = match start {
            0 => embedding,
            _ => strong_direction(types[start - 1]).unwrap_or(embedding),
        };
        let after = types
            .get(i)
            .and_then(|&class| strong_direction(class))
            .unwrap_or(embedding);
        let direction = if before == after { before } else { embedding };
        types[start..i].fill(direction);
    }
}

fn is_neutral(class: BidiClass) -> bool {
    matches!(class, B | S | WS | ON)
}

/// Rules I1-I2.
fn implicit_level(class: BidiClass, paragraph_level: u8) -> u8 {
    match (paragraph_level.is_multiple_of(2), class) {
        (true, R) => paragraph_level + 1,
        (true, AN | EN) => paragraph_level + 2,
        (false, L | EN | AN) => paragraph_level + 1,
        _ => paragraph_level,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_bidi::{Level, ParagraphBidiInfo};

    /// Characters of every class a sanitised paragraph can hold.
    const PALETTE: &[char] = &[
        'a', 'Z', 'ب', 'ل', 'ا', 'ق', 'א', '\u{64e}', '\u{651}', '\u{301}', '0', '7', '٣', '۴',
        '+', '-', '%', '$', '#', '°', ',', '.', ':', '/', '\u{a0}', ' ', '(', ')', '[', ']', '{',
        '}', '«', '»', '"', '!', '?', '،', '؟', '\u{200d}', '\u{200c}', '\u{ad}', '\u{2329}',
        '\u{3009}', '\u{660}', '\u{6f0}', '\u{600}', 'ـ', '\u{fefb}', '\u{fb50}',
    ];

    fn unicode_bidi_levels(text: &str, level: Option<u8>) -> (Vec<u8>, u8) {
        let default = level.map(|l| Level::new(l).expect("valid level"));
        let info = ParagraphBidiInfo::new(text, default);
        let levels = text
            .char_indices()
            .map(|(byte, _)| info.levels[byte].number())
            .collect();
        (levels, info.paragraph_level.number())
    }

    fn ours(text: &str, level: Option<u8>) -> (Vec<u8>, u8) {
        let chars: Vec<char> = text.chars().collect();
        let classes: Vec<BidiClass> = chars
            .iter()
            .map(|&c| HardcodedBidiData.bidi_class(c))
            .collect();
        let paragraph_level = level.unwrap_or_else(|| first_strong_level(&classes));
        (resolve(&chars, &classes, paragraph_level), paragraph_level)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_with_unicode_bidi(
            chars in prop::collection::vec(prop::sample::select(PALETTE), 0..40),
            level in prop::sample::select(vec![None, Some(0u8), Some(1u8)]),
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(ours(&text, level), unicode_bidi_levels(&text, level), "{:?}", text);
        }
    }

    #[test]
    fn bracket_shortcut_agrees_with_the_table() {
        for c in ('\0'..='\u{7f}').chain('\u{0600}'..='\u{06ff}') {
            let expected = HardcodedBidiData.bidi_matched_opening_bracket(c);
            assert_eq!(
                paired_bracket(c).map(|b| (b.opening, b.is_open)),
                expected.map(|b| (b.opening, b.is_open))
            );
        }
    }

    #[test]
    fn numbers_after_arabic_letters_are_arabic_numbers() {
        let (levels, _) = ours("ب 12", Some(1));
        assert_eq!(levels, vec![1, 1, 2, 2]);
    }

    #[test]
    fn brackets_take_the_direction_inside() {
        let (levels, _) = ours("ب (a) ت", Some(1));
        assert_eq!(levels, vec![1, 1, 1, 2, 1, 1, 1]);
    }
}
