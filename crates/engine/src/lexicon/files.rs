//! Where lexicon files come from: the defaults embedded in the binary, then
//! each user directory on top, in order, every file kept with the layer it
//! came from. How the layers combine (overlays, overrides by id, full
//! replacement) is `layers`'s business, not this module's. A file's kind is
//! the start of its name (`cues-mine.toml` is a cues file) and its language
//! the directory it is in (`ar/`, `en/`).

use super::Diagnostic;
use mizan_text::{Lang, LineIndex};
use std::path::Path;

/// The defaults, embedded at build time.
const BUILTIN: &[(&str, &str)] = &[
    (
        "ar/parties.toml",
        include_str!("../../../../lexicons/ar/parties.toml"),
    ),
    (
        "ar/verbs.toml",
        include_str!("../../../../lexicons/ar/verbs.toml"),
    ),
    (
        "ar/sources.toml",
        include_str!("../../../../lexicons/ar/sources.toml"),
    ),
    (
        "ar/cues.toml",
        include_str!("../../../../lexicons/ar/cues.toml"),
    ),
    (
        "ar/grammar.toml",
        include_str!("../../../../lexicons/ar/grammar.toml"),
    ),
    (
        "ar/negation.toml",
        include_str!("../../../../lexicons/ar/negation.toml"),
    ),
    (
        "en/parties.toml",
        include_str!("../../../../lexicons/en/parties.toml"),
    ),
    (
        "en/verbs.toml",
        include_str!("../../../../lexicons/en/verbs.toml"),
    ),
    (
        "en/sources.toml",
        include_str!("../../../../lexicons/en/sources.toml"),
    ),
    (
        "en/cues.toml",
        include_str!("../../../../lexicons/en/cues.toml"),
    ),
    (
        "en/grammar.toml",
        include_str!("../../../../lexicons/en/grammar.toml"),
    ),
    (
        "en/negation.toml",
        include_str!("../../../../lexicons/en/negation.toml"),
    ),
];

/// What a lexicon file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Parties,
    Verbs,
    Sources,
    Cues,
    Grammar,
    Negation,
}

impl FileKind {
    const ALL: [(&'static str, FileKind); 6] = [
        ("parties", FileKind::Parties),
        ("verbs", FileKind::Verbs),
        ("sources", FileKind::Sources),
        ("cues", FileKind::Cues),
        ("grammar", FileKind::Grammar),
        ("negation", FileKind::Negation),
    ];

    /// The kind of a file named `file_name` (`cues-mine.toml`).
    pub fn of(file_name: &str) -> Option<FileKind> {
        Self::ALL
            .iter()
            .find(|(prefix, _)| file_name.starts_with(prefix))
            .map(|&(_, kind)| kind)
    }
}

/// Where a lexicon file sits in the stack of layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// Embedded in the binary.
    Builtin,
    /// From a user directory (or the configuration's inline additions).
    User,
}

/// One lexicon file's text.
#[derive(Clone, Debug)]
pub struct LexiconFile {
    /// `ar/parties.toml`: the name below a lexicon directory.
    pub name: String,
    /// What diagnostics and evidence call it: the name for a default, the
    /// path for a user file.
    pub path: String,
    pub lang: Lang,
    pub kind: FileKind,
    pub layer: Layer,
    pub text: String,
    /// Where its lines start, for the line of every entry.
    pub lines: LineIndex,
}

impl LexiconFile {
    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_column(&self.text, offset).0
    }

    pub fn is_builtin(&self) -> bool {
        self.layer == Layer::Builtin
    }
}

/// The embedded default files as `(name, text)`, `name` being the path
/// below a lexicon directory (`ar/parties.toml`).
pub fn builtin_sources() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// The embedded defaults.
pub fn builtin() -> Vec<LexiconFile> {
    BUILTIN
        .iter()
        .filter_map(|&(name, text)| describe(name, name, Layer::Builtin, text.to_string()))
        .collect()
}

/// The embedded text of the built-in file `name` (`ar/cues.toml`).
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|&&(builtin, _)| builtin == name)
        .map(|&(_, text)| text)
}

/// One entry (`[[party]]`, `[[cue]]`, ...) of a built-in file, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuiltinEntry {
    pub id: String,
    /// From its `[[...]]` line to its last line, comments after it left out.
    pub text: &'static str,
    /// The 1-based line of its `[[...]]` line in the built-in file.
    pub first_line: usize,
}

/// The entry of the built-in file `name` that 1-based `line` belongs to
/// (the line a tag's evidence names: its id or one of its terms); `None`
/// for a line outside any entry (the lists of grammar and negation files).
pub fn builtin_entry(name: &str, line: usize) -> Option<BuiltinEntry> {
    let text = builtin_text(name)?;
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .filter(|&at| at < text.len())
        .collect();
    let line_at = |index: usize| text[starts[index]..].lines().next().unwrap_or("");
    let header = (0..line.min(starts.len()))
        .rev()
        .find(|&index| line_at(index).starts_with("[["))?;
    let next_table = (header + 1..starts.len())
        .find(|&index| line_at(index).starts_with('['))
        .unwrap_or(starts.len());
    let last = (header..next_table)
        .rev()
        .find(|&index| !matches!(line_at(index).trim_start().chars().next(), None | Some('#')))?;
    if last + 1 < line {
        return None;
    }
    let entry = &text[starts[header]..starts[last] + line_at(last).len()];
    Some(BuiltinEntry {
        id: id_of(entry)?,
        text: entry,
        first_line: header + 1,
    })
}

/// The `id` of the one table in `entry` (`[[cue]]\nid = "x"...`).
fn id_of(entry: &str) -> Option<String> {
    let table = toml::from_str::<toml::Table>(entry).ok()?;
    let (_, tables) = table.into_iter().next()?;
    let id = tables.as_array()?.first()?.get("id")?.as_str()?;
    Some(id.to_string())
}

/// The defaults, then the files of every directory in `dirs`, in order
/// (within a directory, `ar/` then `en/`, each sorted by name).
pub fn gather(dirs: &[impl AsRef<Path>]) -> (Vec<LexiconFile>, Vec<Diagnostic>) {
    let mut files = builtin();
    let mut problems = Vec::new();
    for dir in dirs {
        files.extend(read_dir(dir.as_ref(), Layer::User, &mut problems));
    }
    (files, problems)
}

fn read_dir(dir: &Path, layer: Layer, problems: &mut Vec<Diagnostic>) -> Vec<LexiconFile> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        problems.push(Diagnostic::file(
            &dir.display().to_string(),
            "not a directory".into(),
        ));
        return out;
    }
    for lang in [Lang::Ar, Lang::En] {
        let sub = dir.join(lang.code());
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        {
            let shown = path.display().to_string();
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = format!("{}/{file_name}", lang.code());
            match std::fs::read_to_string(&path) {
                Ok(text) => match describe(&name, &shown, layer, text) {
                    Some(file) => out.push(file),
                    None => problems.push(Diagnostic::file(
                        &shown,
                        "unknown kind of lexicon file: the name must start with parties, verbs, sources, cues, grammar or negation".into(),
                    )),
                },
                Err(error) => problems.push(Diagnostic::file(&shown, error.to_string())),
            }
        }
    }
    out
}

fn describe(name: &str, path: &str, layer: Layer, text: String) -> Option<LexiconFile> {
    let (lang, file_name) = name.split_once('/')?;
    Some(LexiconFile {
        name: name.to_string(),
        path: path.to_string(),
        lang: Lang::parse(lang)?,
        kind: FileKind::of(file_name)?,
        layer,
        lines: LineIndex::new(&text),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_a_built_in_entry_finds_the_whole_entry_and_its_id() {
        let text = builtin_text("en/cues.toml").unwrap();
        let id_line = text
            .lines()
            .position(|l| l == "id = \"wrongdoing\"")
            .unwrap()
            + 1;
        let term_line = id_line + 4;
        let entry = builtin_entry("en/cues.toml", term_line).unwrap();
        assert_eq!(entry.id, "wrongdoing");
        assert_eq!(entry.first_line, id_line - 1);
        assert!(entry.text.starts_with("[[cue]]\nid = \"wrongdoing\""));
        assert!(!entry.text.contains("\n[[") && !entry.text.ends_with('\n'));
        assert!(
            !entry.text.lines().last().unwrap().starts_with('#'),
            "the comments before the next entry are not its own"
        );
        let parsed: toml::Table = toml::from_str(entry.text).unwrap();
        assert_eq!(parsed["cue"][0]["stance"].as_str(), Some("blames"));
    }

    #[test]
    fn lines_outside_entries_and_unknown_files_find_none() {
        assert_eq!(builtin_entry("en/cues.toml", 1), None);
        assert_eq!(builtin_entry("en/grammar.toml", 5), None);
        assert_eq!(builtin_entry("en/nothing.toml", 5), None);
        let lines = builtin_text("en/verbs.toml").unwrap().lines().count();
        assert!(builtin_entry("en/verbs.toml", lines).is_some());
        assert_eq!(builtin_entry("en/verbs.toml", lines + 10), None);
    }
}
