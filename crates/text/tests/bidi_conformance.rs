//! The layout's bidi resolution checked against the Unicode conformance
//! files BidiTest.txt and BidiCharacterTest.txt, read from Debian's
//! `unicode-data` package (`/usr/share/unicode`, or `MIZAN_UNICODE_DATA`);
//! the files are not part of this repository. Every case goes through
//! `ParagraphBidi`, the code the layout runs: sanitising, the paragraph
//! level, the resolved levels, then rules L1 and L2 on one line.
//!
//! Cases without explicit formatting characters (embeddings, overrides,
//! isolates, PDF, PDI) must all agree with the standard. Cases with them are
//! scored apart, since the sanitiser deletes those characters
//! (`SECURITY.md`): each must be laid out as the same case without them,
//! which is checked against the standard's answer for that shorter case
//! wherever the file holds it (BidiTest.txt holds every sequence of up to
//! four classes); how many also agree with the standard as written, on the
//! characters kept, is printed.
//!
//! Without the files the tests print a loud notice and pass, unless
//! `MIZAN_REQUIRE_BIDI_TESTS=1` (CI) makes that a failure.

mod common;

use common::Reference;
use mizan_text::layout::{Direction, ParagraphBidi};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

/// What one case expects for each character: its level, `None` where the
/// standard assigns none (rule X9), and the display order of those that
/// have one.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Expected {
    levels: Vec<Option<u8>>,
    order: Vec<usize>,
}

/// One line of a conformance file: a text, the paragraph directions to run
/// it in (BidiTest.txt's bitset: 1 auto, 2 LTR, 4 RTL) and what the
/// standard expects.
struct Case {
    line_number: usize,
    text: String,
    directions: u8,
    /// Index into the file's results.
    expected: usize,
    /// The resolved paragraph level, where the file gives it.
    paragraph_level: Option<u8>,
}

/// A conformance file read: its cases and the results they refer to.
struct Cases {
    cases: Vec<Case>,
    results: Vec<Expected>,
}

/// The paragraph directions of the bitset.
const DIRECTIONS: [(u8, Option<Direction>); 3] = [
    (1, None),
    (2, Some(Direction::Ltr)),
    (4, Some(Direction::Rtl)),
];

/// What the layout made of one case, in the same terms.
struct Outcome {
    paragraph_level: u8,
    levels: Vec<Option<u8>>,
    order: Vec<usize>,
}

impl Outcome {
    fn of(text: &str, base: Option<Direction>) -> Self {
        let bidi = ParagraphBidi::new(text, base);
        Self {
            paragraph_level: bidi.paragraph_level(),
            levels: bidi.levels(),
            order: bidi.visual_order(),
        }
    }

    /// Whether the characters the layout keeps are where `expected` puts
    /// them: the same levels and the same order, on the characters to
    /// which both give a level.
    fn agrees_with(&self, expected: &Expected, paragraph_level: Option<u8>) -> bool {
        let both = |index: usize| expected.levels[index].is_some() && self.levels[index].is_some();
        let levels_agree = (0..expected.levels.len())
            .filter(|&index| both(index))
            .all(|index| expected.levels[index] == self.levels[index]);
        let ours: Vec<usize> = self.order.iter().copied().filter(|&i| both(i)).collect();
        let theirs: Vec<usize> = expected
            .order
            .iter()
            .copied()
            .filter(|&i| both(i))
            .collect();
        paragraph_level.is_none_or(|level| level == self.paragraph_level)
            && levels_agree
            && ours == theirs
    }

    /// Whether the layout removed exactly the characters `kept` says not.
    fn keeps_exactly(&self, kept: &[bool]) -> bool {
        kept.iter()
            .zip(&self.levels)
            .all(|(&kept, level)| kept == level.is_some())
    }

    /// The outcome restricted to the characters kept, renumbered as the
    /// sequence made of them alone.
    fn shortened(&self, kept: &[bool]) -> Outcome {
        let kept_indices: Vec<usize> = (0..kept.len()).filter(|&i| kept[i]).collect();
        let position: HashMap<usize, usize> = kept_indices
            .iter()
            .enumerate()
            .map(|(short, &long)| (long, short))
            .collect();
        Outcome {
            paragraph_level: self.paragraph_level,
            levels: kept_indices.iter().map(|&i| self.levels[i]).collect(),
            order: self.order.iter().map(|i| position[i]).collect(),
        }
    }
}

fn is_explicit_formatting(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A conformance file's text, or why it cannot be read.
fn data_file(name: &str) -> Result<String, String> {
    let directory = std::env::var_os("MIZAN_UNICODE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/unicode"));
    let path = directory.join(name);
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

const CONFORMANCE_FILES: Reference = Reference {
    required_by: "MIZAN_REQUIRE_BIDI_TESTS",
    test: "bidi conformance test",
    install: "install Debian's unicode-data (apt-get install -y unicode-data)",
};

/// Counts of one file's cases, each case counted once per direction run.
#[derive(Default)]
struct Score {
    plain: usize,
    plain_failures: Vec<String>,
    explicit: usize,
    explicit_as_written: usize,
    explicit_deleted: usize,
    explicit_with_shorter_case: usize,
    explicit_as_shorter_case: usize,
    explicit_failures: Vec<String>,
}

impl Score {
    /// Runs every case of `file` through the layout.
    fn of(file: &Cases) -> Self {
        // The case without explicit formatting characters for each text and
        // direction, to check the cases with them against once those are
        // deleted.
        let mut plain_cases: HashMap<(&str, u8), &Case> = HashMap::new();
        for case in &file.cases {
            if !case.text.contains(is_explicit_formatting) {
                for (bit, _) in DIRECTIONS {
                    if case.directions & bit != 0 {
                        plain_cases.insert((&case.text, bit), case);
                    }
                }
            }
        }
        let mut score = Score::default();
        for case in &file.cases {
            for (bit, base) in DIRECTIONS {
                if case.directions & bit != 0 {
                    score.run(
                        file,
                        case,
                        base,
                        plain_cases.get(&(&*shorter(&case.text), bit)),
                    );
                }
            }
        }
        score
    }

    fn run(
        &mut self,
        file: &Cases,
        case: &Case,
        base: Option<Direction>,
        shorter_case: Option<&&Case>,
    ) {
        let outcome = Outcome::of(&case.text, base);
        let expected = &file.results[case.expected];
        let agrees = outcome.agrees_with(expected, case.paragraph_level);
        let failure = || {
            format!(
                "line {} ({base:?}): paragraph level {}, levels {:?}, order {:?}",
                case.line_number, outcome.paragraph_level, outcome.levels, outcome.order
            )
        };
        let kept: Vec<bool> = case
            .text
            .chars()
            .map(|c| !is_explicit_formatting(c))
            .collect();
        if kept.iter().all(|&kept| kept) {
            self.plain += 1;
            if !agrees {
                self.plain_failures.push(failure());
            }
            return;
        }
        self.explicit += 1;
        self.explicit_as_written += usize::from(agrees);
        if !outcome.keeps_exactly(&kept) {
            self.explicit_failures.push(failure());
            return;
        }
        self.explicit_deleted += 1;
        if let Some(shorter_case) = shorter_case {
            self.explicit_with_shorter_case += 1;
            let shorter_expected = &file.results[shorter_case.expected];
            if outcome
                .shortened(&kept)
                .agrees_with(shorter_expected, shorter_case.paragraph_level)
            {
                self.explicit_as_shorter_case += 1;
            } else {
                self.explicit_failures.push(failure());
            }
        }
    }

    fn summary(&self, file: &str) -> String {
        format!(
            "{file}: {} of {} cases without explicit formatting characters agree with the \
             standard; of {} cases with them, {} agree with it as written (on the characters \
             kept), {} have them deleted, and {} of the {} whose case without them the file \
             holds are laid out as that case",
            self.plain - self.plain_failures.len(),
            self.plain,
            self.explicit,
            self.explicit_as_written,
            self.explicit_deleted,
            self.explicit_as_shorter_case,
            self.explicit_with_shorter_case,
        )
    }

    fn assert_all_pass(&self, file: &str) {
        let _ = writeln!(std::io::stderr().lock(), "{}", self.summary(file));
        assert!(
            self.plain_failures.is_empty() && self.explicit_failures.is_empty(),
            "{}\nfirst failures:\n{}\n{}",
            self.summary(file),
            first(&self.plain_failures),
            first(&self.explicit_failures)
        );
    }
}

/// `text` without its explicit formatting characters.
fn shorter(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_explicit_formatting(c))
        .collect()
}

fn first(failures: &[String]) -> String {
    failures
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

/// BidiCharacterTest.txt: per line, code points, paragraph direction (0
/// LTR, 1 RTL, 2 auto), resolved paragraph level, levels, order.
fn parse_character_test(file: &str) -> Cases {
    let mut cases = Vec::new();
    let mut results = Vec::new();
    for (index, line) in file.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        assert_eq!(fields.len(), 5, "line {}: {line}", index + 1);
        let text = fields[0]
            .split_whitespace()
            .map(|code| {
                let code = u32::from_str_radix(code, 16).expect("hexadecimal code point");
                char::from_u32(code).expect("a scalar value")
            })
            .collect();
        let directions = match fields[1] {
            "0" => 2,
            "1" => 4,
            _ => 1,
        };
        cases.push(Case {
            line_number: index + 1,
            text,
            directions,
            expected: results.len(),
            paragraph_level: Some(fields[2].parse().expect("a level")),
        });
        results.push(Expected {
            levels: fields[3]
                .split_whitespace()
                .map(|l| l.parse().ok())
                .collect(),
            order: indices(fields[4]),
        });
    }
    Cases { cases, results }
}

/// A character of each bidi class, to run BidiTest.txt's class sequences
/// as text.
const CLASS_CHARACTERS: [(&str, char); 23] = [
    ("L", 'a'),
    ("R", '\u{5d0}'),
    ("AL", '\u{628}'),
    ("EN", '1'),
    ("ES", '+'),
    ("ET", '$'),
    ("AN", '\u{660}'),
    ("CS", ','),
    ("NSM", '\u{300}'),
    ("BN", '\u{ad}'),
    ("B", '\u{2029}'),
    ("S", '\t'),
    ("WS", ' '),
    ("ON", '!'),
    ("LRE", '\u{202a}'),
    ("RLE", '\u{202b}'),
    ("PDF", '\u{202c}'),
    ("LRO", '\u{202d}'),
    ("RLO", '\u{202e}'),
    ("LRI", '\u{2066}'),
    ("RLI", '\u{2067}'),
    ("FSI", '\u{2068}'),
    ("PDI", '\u{2069}'),
];

/// BidiTest.txt: sequences of bidi classes with a bitset of directions,
/// each under the `@Levels` and `@Reorder` lines before it.
fn parse_class_test(file: &str) -> Cases {
    let characters: HashMap<&str, char> = CLASS_CHARACTERS.into_iter().collect();
    let mut cases = Vec::new();
    let mut results = Vec::new();
    let mut levels = Vec::new();
    for (index, line) in file.lines().enumerate() {
        if let Some(field) = line.strip_prefix("@Levels:") {
            levels = field.split_whitespace().map(|l| l.parse().ok()).collect();
        } else if let Some(field) = line.strip_prefix("@Reorder:") {
            results.push(Expected {
                levels: levels.clone(),
                order: indices(field),
            });
        } else if let Some((sequence, bits)) = line.split_once(';')
            && !line.starts_with('#')
        {
            cases.push(Case {
                line_number: index + 1,
                text: sequence
                    .split_whitespace()
                    .map(|class| characters[class])
                    .collect(),
                directions: u8::from_str_radix(bits.trim(), 16).expect("a hex bitset"),
                expected: results.len() - 1,
                paragraph_level: None,
            });
        }
    }
    Cases { cases, results }
}

fn indices(field: &str) -> Vec<usize> {
    field
        .split_whitespace()
        .map(|n| n.parse().expect("an index"))
        .collect()
}

#[test]
fn the_class_characters_have_their_classes() {
    for (name, c) in CLASS_CHARACTERS {
        let class = format!("{:?}", unicode_bidi::bidi_class(c));
        assert_eq!(class, name, "U+{:04X}", u32::from(c));
    }
}

#[test]
fn bidi_character_test() {
    match data_file("BidiCharacterTest.txt") {
        Ok(file) => {
            Score::of(&parse_character_test(&file)).assert_all_pass("BidiCharacterTest.txt")
        }
        Err(reason) => CONFORMANCE_FILES.skip_or_fail(&reason),
    }
}

#[test]
fn bidi_test() {
    match data_file("BidiTest.txt") {
        Ok(file) => Score::of(&parse_class_test(&file)).assert_all_pass("BidiTest.txt"),
        Err(reason) => CONFORMANCE_FILES.skip_or_fail(&reason),
    }
}
