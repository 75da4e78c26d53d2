//! Consonant skeletons: how a name written in Arabic letters meets the same
//! name written in Latin letters, so that an Arabic and an English report
//! of one event can share the places and people that name it (زاخو and
//! Zakho, أربيل and Erbil, قرداحي and Kordahi).
//!
//! Both scripts are reduced to classes of consonants that transliteration
//! maps onto each other (ج, ق, غ, خ and k, q, g, j, kh, gh are one class),
//! vowels and the letters that write them (ا و ي, a e i o u y w) are
//! dropped, and repeated classes collapse. Only skeletons of at least
//! [`MIN_CONSONANTS`] classes are kept: shorter ones meet by chance. On the
//! English side only capitalised words count (names); on the Arabic side,
//! which has no capitals, every word that is not a function word does, and
//! the collection's statistics weigh down what collides often.

use super::terms::{feature_key, fold, is_common_word, is_word_char};

/// The fewest consonant classes a skeleton needs.
const MIN_CONSONANTS: usize = 3;
/// Two adjacent words joined (بيونغ يانغ, Kok-Tash) need more: joined
/// pairs are many, and a short joined skeleton would meet by chance.
const MIN_JOINED_CONSONANTS: usize = 5;

/// Skeletons of this many classes or more are long enough to trust fully;
/// shorter ones meet by chance more often.
pub const DISTINCT_CONSONANTS: usize = 4;

/// Calls `visit` with the key of each skeleton of `text`, the words it
/// came from and its number of consonant classes: one per name-like word,
/// and one per pair of adjacent name-like words.
pub fn each_skeleton(text: &str, mut visit: impl FnMut(u64, &str, usize)) {
    let mut previous: (&str, Vec<String>) = ("", Vec::new());
    for word in text.split(|c: char| !is_word_char(c)) {
        let skeletons = name_skeletons(word);
        for before in &previous.1 {
            for skeleton in &skeletons {
                let joined = collapse(&format!("{before}{skeleton}"));
                if joined.len() >= MIN_JOINED_CONSONANTS {
                    let words = format!("{} {word}", previous.0);
                    visit(feature_key("sound", &joined), &words, joined.len());
                }
            }
        }
        for skeleton in skeletons.iter().filter(|s| s.len() >= MIN_CONSONANTS) {
            visit(feature_key("sound", skeleton), word, skeleton.len());
        }
        previous = (word, skeletons);
    }
}

/// The skeletons of a word that may be a name: an Arabic content word, or
/// a capitalised Latin word. None for other words.
fn name_skeletons(word: &str) -> Vec<String> {
    let Some(first) = word.chars().next() else {
        return Vec::new();
    };
    let folded = fold(word);
    if is_common_word(&folded) {
        return Vec::new();
    }
    let mut skeletons = if mizan_text::is_arabic(first) {
        readings(&folded).map(arabic_skeleton).collect()
    } else if first.is_uppercase() {
        vec![latin_skeleton(&folded)]
    } else {
        Vec::new()
    };
    skeletons.retain(|skeleton| !skeleton.is_empty());
    skeletons.dedup();
    skeletons
}

/// The ways to read a folded Arabic word's start: without the article
/// (الموساد → موساد); and, when a particle may be glued before the article
/// (والموساد، بالموساد), also as written, since names start that way too
/// (كالاتشا، فالنسيا).
fn readings(word: &str) -> impl Iterator<Item = &str> {
    let stripped = ["وال", "فال", "بال", "كال", "لل", "ال"]
        .into_iter()
        .find_map(|prefix| {
            let rest = word.strip_prefix(prefix)?;
            rest.chars().nth(1).is_some().then_some((prefix, rest))
        });
    match stripped {
        Some(("ال", rest)) => [Some(rest), None],
        Some((_, rest)) => [Some(rest), Some(word)],
        None => [Some(word), None],
    }
    .into_iter()
    .flatten()
}

fn arabic_skeleton(word: &str) -> String {
    let mut classes = String::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        // A final ه is usually the feminine ending (ta marbuta, folded).
        if c == 'ه' && chars.peek().is_none() && !classes.is_empty() {
            break;
        }
        // تش writes the one sound of "ch" (فوتشيتش, Vučić).
        if c == 'ت' && chars.peek() == Some(&'ش') {
            chars.next();
            classes.push('s');
        } else if let Some(class) = arabic_class(c) {
            classes.push(class);
        }
    }
    collapse(&classes)
}

fn arabic_class(c: char) -> Option<char> {
    Some(match c {
        'ب' | 'پ' => 'b',
        'ت' | 'ط' | 'ث' => 't',
        'د' | 'ض' | 'ذ' | 'ظ' => 'd',
        'ك' | 'ق' | 'ج' | 'غ' | 'خ' | 'گ' | 'چ' => 'k',
        'ح' | 'ه' => 'h',
        'س' | 'ص' | 'ش' | 'ز' | 'ژ' => 's',
        'ف' | 'ڤ' => 'f',
        'ل' => 'l',
        'م' => 'm',
        'ن' => 'n',
        'ر' => 'r',
        _ => return None,
    })
}

fn latin_skeleton(word: &str) -> String {
    let letters: Vec<char> = word.chars().collect();
    let mut classes = String::new();
    let mut index = 0;
    while index < letters.len() {
        let c = letters[index];
        let next = letters.get(index + 1).copied();
        let (class, width) = match (c, next) {
            ('k' | 'g' | 'c' | 'z' | 's' | 't' | 'd' | 'p', Some('h')) => (digraph_class(c), 2),
            ('c', Some('e' | 'i' | 'y')) => (Some('s'), 1),
            ('x', _) => {
                classes.push_str("ks");
                index += 1;
                continue;
            }
            _ => (latin_class(c), 1),
        };
        classes.extend(class);
        index += width;
    }
    collapse(&classes)
}

/// The class of a consonant written with `h` after it (kh, sh, th, ...).
fn digraph_class(first: char) -> Option<char> {
    Some(match first {
        'k' | 'g' => 'k',
        'c' | 's' | 'z' => 's',
        't' => 't',
        'd' => 'd',
        'p' => 'f',
        _ => return None,
    })
}

fn latin_class(c: char) -> Option<char> {
    Some(match c {
        'b' | 'p' => 'b',
        't' => 't',
        'd' => 'd',
        'k' | 'q' | 'g' | 'j' | 'c' => 'k',
        'h' => 'h',
        's' | 'z' | 'š' | 'ž' | 'ç' | 'ş' => 's',
        'č' | 'ć' => 's',
        'f' | 'v' => 'f',
        'l' => 'l',
        'm' => 'm',
        'n' => 'n',
        'r' => 'r',
        _ => return None,
    })
}

/// `classes` with each run of one class written once.
fn collapse(classes: &str) -> String {
    let mut out = String::with_capacity(classes.len());
    for c in classes.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skeletons(text: &str) -> Vec<u64> {
        let mut keys = Vec::new();
        each_skeleton(text, |key, _, _| keys.push(key));
        keys
    }

    fn meet(arabic: &str, latin: &str) -> bool {
        let latin = skeletons(latin);
        skeletons(arabic).iter().any(|key| latin.contains(key))
    }

    #[test]
    fn names_meet_across_the_two_scripts() {
        for (arabic, latin) in [
            ("مدينة أربيل", "in Erbil"),
            ("الوزير قرداحي", "minister Kordahi"),
            ("مقر الموساد", "Mossad headquarters"),
            ("منطقة باتكن", "Batken region"),
            ("حقل هجليج", "the Heglig field"),
            ("قرية أوفتشي كالاتشا", "the village of Ovchi-Kalacha"),
            ("سمرقند", "Samarkand"),
            ("بيونغ يانغ", "Pyongyang"),
        ] {
            assert!(meet(arabic, latin), "{arabic} / {latin}");
        }
    }

    #[test]
    fn lower_case_english_words_and_short_names_are_not_names() {
        assert!(skeletons("the border was shelled").is_empty());
        assert!(skeletons("Zakho").is_empty(), "two classes meet by chance");
        assert!(!meet("مدينة أربيل", "Dhaka"));
    }
}
