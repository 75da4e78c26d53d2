//! Arabic shaping for cell terminals: every letter becomes its contextual
//! presentation form (U+FB50..U+FEFF) and lam + alef become one ligature,
//! because a terminal draws each cell on its own and would otherwise show
//! every letter isolated.
//!
//! Written to agree with libfribidi's Arabic shaping (the reference the
//! layout is checked against) rather than with ar-reshaper: the layout needs
//! to know which input characters each output character came from, and
//! ar-reshaper returns a string with characters dropped (ZWJ) or changed
//! (standalone hamza to U+FE80) where fribidi keeps them. The rules:
//! - joining follows Unicode joining types; transparent characters (harakat)
//!   are skipped and stay on their letter; characters whose bidi class is BN
//!   (ZWJ, ZWNJ) join at any level; letters at different embedding levels do
//!   not join;
//! - only characters with a joining type that shapes (R, D, L, T) take a
//!   presentation form, so a standalone hamza stays U+0621;
//! - lam + alef (plain, madda, hamza above or below) form the ligature only
//!   when directly adjacent at the same right-to-left level: a haraka between
//!   them keeps them apart, as in fribidi. Nothing else ligates (no الله
//!   ligature, which terminals draw squeezed into one cell).

use super::shaping_tables::{JOINING_TYPES, PRESENTATION_FORMS};

/// Unicode joining types other than Non_Joining.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum JoiningType {
    Right,
    Left,
    Dual,
    Causing,
    Transparent,
}

const JOINS_RIGHT: u8 = 1;
const JOINS_LEFT: u8 = 2;
const SHAPES: u8 = 4;
const TRANSPARENT: u8 = 8;
const FORM_BITS: u8 = JOINS_RIGHT | JOINS_LEFT;

/// The level given to BN characters: it matches every level.
const ANY_LEVEL: Option<u8> = None;

/// What shaping made of one input character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shaped {
    /// Shown as this character.
    Char(char),
    /// A lam absorbed into the lam-alef ligature shown for the next character.
    Absorbed,
}

/// Shapes `chars` (one paragraph in logical order) whose resolved bidi levels
/// are `levels`; `is_bn[i]` tells whether character `i` has bidi class BN.
/// `ligatures` allows the lam-alef ligatures.
pub(super) fn shape(chars: &[char], levels: &[u8], is_bn: &[bool], ligatures: bool) -> Vec<Shaped> {
    let joining = join(chars, levels, is_bn);
    let mut shaped: Vec<Shaped> = chars
        .iter()
        .zip(&joining)
        .map(|(&c, &props)| Shaped::Char(presentation_form(c, props)))
        .collect();
    if ligatures {
        form_lam_alef_ligatures(&mut shaped, levels);
    }
    shaped
}

/// Joining properties per character after deciding which neighbours join:
/// the type's bits, minus the sides that found no partner.
fn join(chars: &[char], levels: &[u8], is_bn: &[bool]) -> Vec<u8> {
    let mut props: Vec<u8> = chars.iter().map(|&c| type_bits(joining_type(c))).collect();
    let mut saved = 0;
    let mut saved_level = ANY_LEVEL;
    let mut saved_shapes = false;
    let mut saved_following = 0;
    let mut joins = false;
    for i in 0..chars.len() {
        let level = if is_bn[i] { ANY_LEVEL } else { Some(levels[i]) };
        let shapes = props[i] & SHAPES != 0;
        let skipped = props[i] & TRANSPARENT != 0;
        let mut disjoin = false;
        if joins && !levels_match(saved_level, level) {
            disjoin = true;
            joins = false;
        }
        if !skipped {
            let preceding = preceding_mask(level);
            if !joins {
                if shapes {
                    props[i] &= !preceding;
                }
            } else if props[i] & preceding == 0 {
                disjoin = true;
            } else {
                for between in &mut props[saved + 1..i] {
                    *between |= preceding | saved_following;
                }
            }
        }
        if disjoin && saved_shapes {
            props[saved] &= !saved_following;
        }
        if !skipped {
            saved = i;
            saved_level = level;
            saved_shapes = shapes;
            saved_following = following_mask(level);
            joins = props[i] & saved_following != 0;
        }
    }
    if joins && saved_shapes {
        props[saved] &= !saved_following;
    }
    props
}

fn levels_match(a: Option<u8>, b: Option<u8>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// In right-to-left text the preceding character is on the right.
fn preceding_mask(level: Option<u8>) -> u8 {
    if level.is_none_or(|l| l % 2 == 1) {
        JOINS_RIGHT
    } else {
        JOINS_LEFT
    }
}

fn following_mask(level: Option<u8>) -> u8 {
    FORM_BITS & !preceding_mask(level)
}

fn type_bits(joining: Option<JoiningType>) -> u8 {
    match joining {
        None => 0,
        Some(JoiningType::Right) => JOINS_RIGHT | SHAPES,
        Some(JoiningType::Left) => JOINS_LEFT | SHAPES,
        Some(JoiningType::Dual) => JOINS_RIGHT | JOINS_LEFT | SHAPES,
        Some(JoiningType::Causing) => JOINS_RIGHT | JOINS_LEFT,
        Some(JoiningType::Transparent) => TRANSPARENT | SHAPES,
    }
}

/// Joining types of U+0600..U+07FF, looked up directly: nearly every
/// character of Arabic text is there.
static ARABIC_BLOCKS: [Option<JoiningType>; 0x200] = arabic_blocks();

const ARABIC_FIRST: u32 = 0x600;

const fn arabic_blocks() -> [Option<JoiningType>; 0x200] {
    let mut table = [None; 0x200];
    let mut range = 0;
    while range < JOINING_TYPES.len() {
        let (first, last, joining) = JOINING_TYPES[range];
        let mut c = first as u32;
        while c <= last as u32 {
            if c >= ARABIC_FIRST && c < ARABIC_FIRST + 0x200 {
                table[(c - ARABIC_FIRST) as usize] = Some(joining);
            }
            c += 1;
        }
        range += 1;
    }
    table
}

pub(super) fn joining_type(c: char) -> Option<JoiningType> {
    let code = c as u32;
    if code < 0xad {
        return None;
    }
    if let Some(&joining) = ARABIC_BLOCKS.get(code.wrapping_sub(ARABIC_FIRST) as usize) {
        return joining;
    }
    let index = JOINING_TYPES
        .binary_search_by(|&(first, last, _)| {
            if last < c {
                std::cmp::Ordering::Less
            } else if first > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .ok()?;
    Some(JOINING_TYPES[index].2)
}

/// The presentation form for a character with joining properties `props`:
/// isolated, final (joins the preceding letter), initial or medial.
fn presentation_form(c: char, props: u8) -> char {
    if props & SHAPES == 0 {
        return c;
    }
    FORMS_BY_LETTER
        .get((c as u32).wrapping_sub(SHAPED_FIRST) as usize)
        .and_then(|forms| forms[usize::from(props & FORM_BITS)])
        .unwrap_or(c)
}

/// The first letter with presentation forms; every one of them is within
/// `FORMS_BY_LETTER.len()` of it.
const SHAPED_FIRST: u32 = 0x621;

/// `PRESENTATION_FORMS` indexed by letter, for a direct lookup.
static FORMS_BY_LETTER: [[Option<char>; 4]; 0xb3] = forms_by_letter();

const fn forms_by_letter() -> [[Option<char>; 4]; 0xb3] {
    let mut table = [[None; 4]; 0xb3];
    let mut entry = 0;
    while entry < PRESENTATION_FORMS.len() {
        let (letter, forms) = PRESENTATION_FORMS[entry];
        table[(letter as u32 - SHAPED_FIRST) as usize] = forms;
        entry += 1;
    }
    table
}

/// Lam (initial or medial) followed by alef (final) of the same
/// right-to-left level becomes one ligature shown where the alef was.
fn form_lam_alef_ligatures(shaped: &mut [Shaped], levels: &[u8]) {
    for i in 1..shaped.len() {
        let (Shaped::Char(lam), Shaped::Char(alef)) = (shaped[i - 1], shaped[i]) else {
            continue;
        };
        if levels[i - 1] % 2 == 1
            && levels[i - 1] == levels[i]
            && let Some(ligature) = lam_alef(lam, alef)
        {
            shaped[i - 1] = Shaped::Absorbed;
            shaped[i] = Shaped::Char(ligature);
        }
    }
}

/// The ligature for a shaped lam (initial U+FEDF, medial U+FEE0) and a final
/// alef (with madda, hamza above, hamza below, plain).
fn lam_alef(lam: char, alef: char) -> Option<char> {
    let isolated = match alef {
        '\u{fe82}' => '\u{fef5}',
        '\u{fe84}' => '\u{fef7}',
        '\u{fe88}' => '\u{fef9}',
        '\u{fe8e}' => '\u{fefb}',
        _ => return None,
    };
    match lam {
        '\u{fedf}' => Some(isolated),
        '\u{fee0}' => char::from_u32(isolated as u32 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped_rtl(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let levels = vec![1; chars.len()];
        let is_bn: Vec<bool> = chars
            .iter()
            .map(|c| ['\u{200c}', '\u{200d}'].contains(c))
            .collect();
        shape(&chars, &levels, &is_bn, true)
            .into_iter()
            .filter_map(|s| match s {
                Shaped::Char(c) => Some(c),
                Shaped::Absorbed => None,
            })
            .collect()
    }

    #[test]
    fn letters_take_contextual_forms() {
        assert_eq!(shaped_rtl("بيت"), "\u{fe91}\u{fef4}\u{fe96}");
        assert_eq!(shaped_rtl("دار"), "\u{fea9}\u{fe8d}\u{fead}");
    }

    #[test]
    fn harakat_are_transparent_and_kept() {
        assert_eq!(shaped_rtl("بَيت"), "\u{fe91}\u{64e}\u{fef4}\u{fe96}");
    }

    #[test]
    fn lam_alef_variants_ligate() {
        assert_eq!(shaped_rtl("لا"), "\u{fefb}");
        assert_eq!(shaped_rtl("سلام"), "\u{feb3}\u{fefc}\u{fee1}");
        assert_eq!(shaped_rtl("لأ"), "\u{fef7}");
        assert_eq!(shaped_rtl("لإ"), "\u{fef9}");
        assert_eq!(shaped_rtl("لآ"), "\u{fef5}");
    }

    #[test]
    fn haraka_between_lam_and_alef_prevents_the_ligature() {
        assert_eq!(shaped_rtl("لَا"), "\u{fedf}\u{64e}\u{fe8e}");
    }

    #[test]
    fn no_allah_ligature() {
        assert_eq!(
            shaped_rtl("الله"),
            "\u{fe8d}\u{fedf}\u{fee0}\u{feea}",
            "alef, lam, lam, heh: each its own form"
        );
    }

    #[test]
    fn standalone_hamza_stays_nominal() {
        assert_eq!(shaped_rtl("ماء"), "\u{fee3}\u{fe8e}\u{621}");
    }

    #[test]
    fn tatweel_joins_both_sides() {
        assert_eq!(shaped_rtl("بـب"), "\u{fe91}\u{640}\u{fe90}");
    }

    #[test]
    fn zwnj_breaks_and_zwj_forces_joining() {
        assert_eq!(shaped_rtl("ب\u{200c}ب"), "\u{fe8f}\u{200c}\u{fe8f}");
        assert_eq!(shaped_rtl("ب\u{200d}"), "\u{fe91}\u{200d}");
    }

    #[test]
    fn direct_lookup_agrees_with_the_table() {
        for code in ARABIC_FIRST..ARABIC_FIRST + 0x200 {
            let c = char::from_u32(code).expect("valid");
            let searched = JOINING_TYPES
                .iter()
                .find(|(first, last, _)| (*first..=*last).contains(&c))
                .map(|entry| entry.2);
            assert_eq!(joining_type(c), searched, "U+{code:04X}");
        }
        assert_eq!(joining_type('\u{ad}'), Some(JoiningType::Transparent));
        assert_eq!(joining_type('a'), None);
    }

    #[test]
    fn letters_at_different_levels_do_not_join() {
        let chars: Vec<char> = "بب".chars().collect();
        let shaped = shape(&chars, &[1, 3], &[false, false], true);
        assert_eq!(
            shaped,
            vec![Shaped::Char('\u{fe8f}'), Shaped::Char('\u{fe8f}')]
        );
    }
}
