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

    /// The start of a file name that makes a file of this kind.
    pub fn prefix(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|&&(_, kind)| kind == self)
            .map_or("", |&(prefix, _)| prefix)
    }

    fn of(file_name: &str) -> Option<FileKind> {
        Self::ALL
            .iter()
            .find(|(prefix, _)| file_name.starts_with(prefix))
            .map(|&(_, kind)| kind)
    }
}

/// Where a lexicon file sits in the stack of layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    /// Embedded in the binary.
    Builtin,
    /// From the user directory at this index of `[lexicons] dirs`.
    User(usize),
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

/// The defaults, then the files of every directory in `dirs`, in order
/// (within a directory, `ar/` then `en/`, each sorted by name).
pub fn gather(dirs: &[impl AsRef<Path>]) -> (Vec<LexiconFile>, Vec<Diagnostic>) {
    let mut files = builtin();
    let mut problems = Vec::new();
    for (index, dir) in dirs.iter().enumerate() {
        files.extend(read_dir(dir.as_ref(), Layer::User(index), &mut problems));
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
