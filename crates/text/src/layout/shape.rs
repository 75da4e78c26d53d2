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
//!   ligature, which terminals draw squeezed into one cell). The caller may
//!   keep any lam from ligating (see `ligatures`).
//!
//! A word cut over two lines because it is longer than a line is shaped as
//! two words: the letters on either side of the cut take the forms they
//! would have next to a non-joining character ([`Joining::shown_at_cuts`]),
//! as libfribidi shapes the lines rejoined with a ZWNJ.

use super::shaping_tables::{JOINING_TYPES, PRESENTATION_FORMS};
use unicode_bidi::BidiClass;

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

/// A shaped paragraph.
pub(super) struct Shaping {
    /// The characters shown, in logical order: one per input character,
    /// except that a lam-alef ligature stands for two.
    pub text: String,
    /// The input characters (lams) absorbed into the ligature shown for the
    /// next one, in increasing order. Few, so listed rather than flagged.
    pub absorbed: Vec<usize>,
}

/// A paragraph's joining properties, each character's (`join`): what
/// shaping decided from, kept apart from `Shaping` because only a line with
/// a cut word needs them again, and a paragraph's worth of them is not worth
/// holding for every line.
pub(super) struct Joining {
    props: Vec<u8>,
}

/// Where a word is cut next to a letter, in logical order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Cuts {
    /// A cut before the letter: it starts a line.
    pub before: bool,
    /// A cut after it: it ends a line.
    pub after: bool,
}

/// Shapes `chars` (one paragraph in logical order) whose resolved bidi levels
/// and bidi classes are `levels` and `classes`. `ligates(i)` says whether the
/// lam at `i` may form a lam-alef ligature.
pub(super) fn shape(
    chars: &[char],
    levels: &[u8],
    classes: &[BidiClass],
    ligates: impl Fn(usize) -> bool,
) -> Shaping {
    let joining = join(chars, levels, classes);
    // Presentation forms take three bytes.
    let mut text = String::with_capacity(chars.len() * 3);
    let mut absorbed = Vec::new();
    let mut previous = None;
    for (i, (&c, &props)) in chars.iter().zip(&joining).enumerate() {
        let form = presentation_form(c, props);
        let ligature = match previous {
            Some(lam) => {
                lam_alef(lam, form).filter(|_| same_rtl_level(&levels[i - 1..=i]) && ligates(i - 1))
            }
            None => None,
        };
        let shown = match ligature {
            Some(ligature) => {
                text.pop();
                absorbed.push(i - 1);
                ligature
            }
            None => form,
        };
        text.push(shown);
        previous = Some(shown);
    }
    Shaping { text, absorbed }
}

impl Shaping {
    /// Whether input character `index` is not shown on its own: a lam
    /// inside the ligature shown for the alef after it.
    pub(super) fn is_absorbed(&self, index: usize) -> bool {
        self.absorbed.binary_search(&index).is_ok()
    }
}

impl Joining {
    /// The joining properties of a paragraph, as `shape` decides them.
    pub(super) fn of(chars: &[char], levels: &[u8], classes: &[BidiClass]) -> Self {
        Self {
            props: join(chars, levels, classes),
        }
    }

    /// Whether input character `index` is transparent to joining (a
    /// haraka): the letter next to a cut is the nearest one that is not.
    pub(super) fn is_transparent(&self, index: usize) -> bool {
        self.props[index] & TRANSPARENT != 0
    }

    /// What is shown for input character `index` of a paragraph shaped as
    /// `shaping` (for an absorbed lam: its ligature) when a word is cut next
    /// to it, `None` when that changes nothing: the character joins nothing
    /// across the cuts. `level` is its resolved level.
    pub(super) fn shown_at_cuts(
        &self,
        shaping: &Shaping,
        chars: &[char],
        index: usize,
        level: u8,
        cuts: Cuts,
    ) -> Option<char> {
        let props = self.props[index];
        let level = Some(level);
        let before = if cuts.before {
            preceding_mask(level)
        } else {
            0
        };
        let after = if cuts.after { following_mask(level) } else { 0 };
        let cut_sides = before | after;
        if props & SHAPES == 0 || props & cut_sides == 0 {
            return None;
        }
        let form = presentation_form(chars[index], props & !cut_sides);
        if !shaping.is_absorbed(index) {
            return Some(form);
        }
        let alef = index + 1;
        lam_alef(form, presentation_form(chars[alef], self.props[alef]))
    }
}

/// Joining properties per character after deciding which neighbours join:
/// the type's bits, minus the sides that found no partner.
fn join(chars: &[char], levels: &[u8], classes: &[BidiClass]) -> Vec<u8> {
    let mut props: Vec<u8> = chars.iter().map(|&c| type_bits(joining_type(c))).collect();
    // One length for all, so the loop below indexes without checks.
    let levels = &levels[..props.len()];
    let classes = &classes[..props.len()];
    let mut saved = 0;
    let mut saved_level = ANY_LEVEL;
    let mut saved_shapes = false;
    let mut saved_following = 0;
    let mut joins = false;
    for i in 0..props.len() {
        let level = if classes[i] == BidiClass::BN {
            ANY_LEVEL
        } else {
            Some(levels[i])
        };
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

/// Whether two neighbours, whose levels are `levels`, are at one
/// right-to-left level, as a lam and an alef must be to form a ligature.
fn same_rtl_level(levels: &[u8]) -> bool {
    matches!(levels, [first, second] if first % 2 == 1 && first == second)
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

    fn shaping_rtl(text: &str) -> Shaping {
        let chars: Vec<char> = text.chars().collect();
        let levels = vec![1; chars.len()];
        let classes: Vec<BidiClass> = chars.iter().map(|&c| unicode_bidi::bidi_class(c)).collect();
        shape(&chars, &levels, &classes, |_| true)
    }

    fn joining_rtl(text: &str) -> Joining {
        let chars: Vec<char> = text.chars().collect();
        let classes: Vec<BidiClass> = chars.iter().map(|&c| unicode_bidi::bidi_class(c)).collect();
        Joining::of(&chars, &vec![1; chars.len()], &classes)
    }

    fn shaped_rtl(text: &str) -> String {
        shaping_rtl(text).text
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
    fn absorbed_lams_are_listed_in_order() {
        assert_eq!(shaping_rtl("سلام لا").absorbed, vec![1, 5]);
        assert_eq!(shaping_rtl("لَا").absorbed, Vec::<usize>::new());
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
    fn a_lam_kept_from_ligating_joins_its_alef() {
        let chars: Vec<char> = "سلا لا".chars().collect();
        let classes: Vec<BidiClass> = chars.iter().map(|&c| unicode_bidi::bidi_class(c)).collect();
        let shaped = shape(&chars, &[1; 6], &classes, |lam| lam != 1);
        assert_eq!(shaped.text, "\u{feb3}\u{fee0}\u{fe8e} \u{fefb}");
        assert_eq!(shaped.absorbed, vec![4]);
    }

    #[test]
    fn letters_next_to_a_cut_take_the_forms_of_a_word_end_and_start() {
        const BEFORE: Cuts = Cuts {
            before: true,
            after: false,
        };
        const AFTER: Cuts = Cuts {
            before: false,
            after: true,
        };
        let cut = |text: &str, index, cuts| {
            let chars: Vec<char> = text.chars().collect();
            joining_rtl(text).shown_at_cuts(&shaping_rtl(text), &chars, index, 1, cuts)
        };
        // بيت cut after its yeh: a final yeh, an isolated teh; cut on both
        // sides of the yeh, an isolated yeh.
        assert_eq!(cut("بيت", 1, AFTER), Some('\u{fef2}'));
        assert_eq!(cut("بيت", 2, BEFORE), Some('\u{fe95}'));
        let both = Cuts {
            before: true,
            after: true,
        };
        assert_eq!(cut("بيت", 1, both), Some('\u{fef1}'));
        // سلا cut before the lam: an isolated seen, an isolated lam-alef; an
        // alef joins nothing after it anyway.
        assert!(shaping_rtl("سلا").is_absorbed(1));
        assert_eq!(cut("سلا", 0, AFTER), Some('\u{feb1}'));
        assert_eq!(cut("سلا", 1, BEFORE), Some('\u{fefb}'));
        assert_eq!(cut("سلا", 2, AFTER), None);
        // Harakat are transparent; a letter after a space joins nothing.
        let joining = joining_rtl("بَ د");
        assert!(joining.is_transparent(1) && !joining.is_transparent(0));
        assert_eq!(cut("بَ د", 3, BEFORE), None);
    }

    #[test]
    fn letters_at_different_levels_do_not_join() {
        let chars: Vec<char> = "بب".chars().collect();
        let shaped = shape(&chars, &[1, 3], &[BidiClass::AL, BidiClass::AL], |_| true);
        assert_eq!(shaped.text, "\u{fe8f}\u{fe8f}");
        assert!(shaped.absorbed.is_empty());
    }
}
