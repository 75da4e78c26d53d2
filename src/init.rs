//! The user's own configuration and lexicon files: `mizan init`'s copy of
//! the documented configuration and its empty lexicon overlays, full copies
//! of a built-in lexicon file on request (`mizan init --copy`), and the
//! overlay entry the reader's `E` opens for a built-in lexicon entry.
//!
//! User lexicon files are overlays on the built-in ones (see the engine's
//! `lexicon` module), so what `init` writes changes nothing until the user
//! adds to it, and a newer mizan's built-in lexicons still reach the user.
//! A file that exists is never replaced, and each file appears whole or
//! not at all.

use crate::config::DEFAULT_CONFIG;
use crate::fsutil::write_atomic;
use mizan_engine::lexicon::{FileKind, Origin, builtin_entry, builtin_sources, builtin_text};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What happened to each file a command would write.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct InitReport {
    pub written: Vec<PathBuf>,
    /// Files that already existed and were left as they are.
    pub kept: Vec<PathBuf>,
}

/// Why a user file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no built-in lexicon file `{0}` (they are {list})", list = builtin_names())]
    UnknownBuiltin(String),
}

/// Where to edit a lexicon entry: a file and a 1-based line.
#[derive(Debug, PartialEq, Eq)]
pub struct EditPlace {
    pub path: PathBuf,
    pub line: usize,
    /// Whether this call wrote to the file (created it, or copied the
    /// entry into it).
    pub written: bool,
}

/// Writes `config.toml` and an empty overlay `lexicons/{ar,en}/KIND.toml`
/// for every built-in lexicon file below `dir`, keeping every file that
/// already exists.
pub fn init_user_files(dir: &Path) -> Result<InitReport, InitError> {
    let mut report = InitReport::default();
    report.record(dir.join("config.toml"), DEFAULT_CONFIG.as_bytes())?;
    for &(name, _) in builtin_sources() {
        let template = overlay_template(name).ok_or_else(|| unknown(name))?;
        report.record(dir.join("lexicons").join(name), template.as_bytes())?;
    }
    Ok(report)
}

/// Writes a full copy of the built-in lexicon file `name` (`ar/cues.toml`)
/// as `lexicons/ar/cues-full.toml` below `dir`, marked to replace the
/// built-in file; keeps a file that exists.
pub fn copy_builtin(dir: &Path, name: &str) -> Result<InitReport, InitError> {
    let text = builtin_text(name).ok_or_else(|| unknown(name))?;
    let copy = format!(
        "# A full copy of mizan's built-in {name}, used instead of it: entries the\n\
         # built-in file gains in a newer mizan do not reach you while this file\n\
         # says `replaces_builtin = true` (`mizan check` tells you when that\n\
         # happens). Remove that line to make this file an overlay, or delete the\n\
         # entries you did not change so a newer mizan's versions of them apply.\n\
         replaces_builtin = true\n\n{text}"
    );
    let mut report = InitReport::default();
    report.record(
        dir.join("lexicons").join(full_copy_name(name)),
        copy.as_bytes(),
    )?;
    Ok(report)
}

/// `ar/cues.toml` → `ar/cues-full.toml`.
fn full_copy_name(name: &str) -> String {
    let stem = name.strip_suffix(".toml").unwrap_or(name);
    format!("{stem}-full.toml")
}

/// Where to edit the lexicon entry at `origin` (a tag's evidence) without
/// touching mizan's built-in files: an entry of a user file is edited where
/// it is; an entry of a built-in file is copied into the user's overlay of
/// that file in `lexicon_dir` (created from its template when missing),
/// where it replaces the built-in entry, and that copy is the place. A
/// built-in line outside any entry (a grammar word) opens the overlay at
/// its end. Nothing in the overlay is removed or changed; an overlay that
/// already overrides the entry is opened at it without copying again.
pub fn overlay_for(lexicon_dir: &Path, origin: &Origin) -> Result<EditPlace, InitError> {
    let name = origin.file.as_str();
    let line = origin.line as usize;
    if builtin_text(name).is_none() {
        return Ok(EditPlace {
            path: PathBuf::from(name),
            line,
            written: false,
        });
    }
    let path = lexicon_dir.join(name);
    let template = overlay_template(name).ok_or_else(|| unknown(name))?;
    let created = create_new_atomically(&path, template.as_bytes()).map_err(io_at(&path))?;
    let existing = std::fs::read_to_string(&path).map_err(io_at(&path))?;
    let Some(entry) = builtin_entry(name, line) else {
        return Ok(EditPlace {
            line: existing.lines().count().max(1),
            path,
            written: created,
        });
    };
    if let Some(at) = overriding_line(&existing, &entry.id) {
        return Ok(EditPlace {
            path,
            line: at,
            written: created,
        });
    }
    let mut text = existing;
    for ending in ["\n", "\n\n"] {
        if !text.is_empty() && !text.ends_with(ending) {
            text.push('\n');
        }
    }
    let header_line = text.lines().count() + 2;
    text.push_str(&format!(
        "# Copied from the built-in {name}, line {}: edit it here.\n{}\n",
        entry.first_line, entry.text
    ));
    write_atomic(&path, text.as_bytes()).map_err(io_at(&path))?;
    Ok(EditPlace {
        path,
        line: header_line + (line - entry.first_line),
        written: true,
    })
}

/// The 1-based line of `id = "ID"` in an overlay that already holds an
/// entry of that id.
fn overriding_line(overlay: &str, id: &str) -> Option<usize> {
    let wanted = format!("\"{id}\"");
    overlay
        .lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix("id")
                .map(str::trim_start)
                .and_then(|rest| rest.strip_prefix('='))
                .is_some_and(|value| value.trim() == wanted)
        })
        .map(|index| index + 1)
}

/// The commented, empty overlay `init` writes for the built-in file
/// `name`: valid TOML that adds nothing, saying what can go in it.
pub fn overlay_template(name: &str) -> Option<String> {
    let (lang, file_name) = name.split_once('/')?;
    let kind = FileKind::of(file_name)?;
    let language = match lang {
        "ar" => "Arabic",
        _ => "English",
    };
    let what = match kind {
        FileKind::Parties => "parties and their names and people",
        FileKind::Verbs => "reporting verbs",
        FileKind::Sources => "source phrases",
        FileKind::Cues => "blame and support cues",
        FileKind::Grammar => "function words",
        FileKind::Negation => "negation words",
    };
    let rules = match kind_table(kind) {
        Some(table) => entry_rules(table),
        None => WORD_RULES.to_string(),
    };
    Some(format!(
        "# Your {language} {what}: an overlay on mizan's built-in {name}.\n\
         #\n\
         # mizan reads its built-in {name} first, then this file on top, so you\n\
         # keep your changes and still get every improvement of a newer mizan.\n\
         # As written, this file is all comments and changes nothing.\n\
         #\n\
         {rules}\
         #\n\
         # For example (remove the leading `# `):\n\
         #\n\
         {example}\
         #\n\
         # `mizan check` validates this file (every problem with file:line:col),\n\
         # and the reader applies each save. To see the built-in file, or to\n\
         # replace it whole, run\n\
         #   mizan init --copy {name}\n\
         # which writes {copy} beside this file: a full copy that starts\n\
         # with `replaces_builtin = true` and is used instead of the built-in file\n\
         # (this overlay still applies on top of it).\n",
        example = example(kind),
        copy = full_copy_name(file_name),
    ))
}

/// The `[[...]]` table of a kind of entry file; `None` for word files.
fn kind_table(kind: FileKind) -> Option<&'static str> {
    match kind {
        FileKind::Parties => Some("party"),
        FileKind::Verbs => Some("verb"),
        FileKind::Sources => Some("source"),
        FileKind::Cues => Some("cue"),
        FileKind::Grammar | FileKind::Negation => None,
    }
}

fn entry_rules(table: &str) -> String {
    format!(
        "# - A [[{table}]] here is added to the built-in ones.\n\
         # - A [[{table}]] with the id of a built-in one replaces that entry whole:\n\
         #   copy the entry from the built-in file and edit the copy.\n\
         # - remove = [\"id\", ...] switches built-in entries off; write it at the\n\
         #   top, before the first [[{table}]].\n"
    )
}

const WORD_RULES: &str = "\
# - Words in a list here are added to the built-in list of the same name.
# - remove = [\"word\", ...] takes words out of every list of the built-in
#   file; list a word again below to move it to another list.
# - A number (negation's `scope`) replaces the built-in one.
";

fn example(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Parties => {
            "\
# [[party]]
# id = \"atlantis\"                 # the same id in ar/ and en/
# kind = \"state\"                  # state | organisation | group | region
# name = \"...\"
# aliases = [\"...\"]
# demonyms = [\"...\"]
# people = [{ id = \"jane_doe\", names = [\"...\"], role = \"Foreign Minister\" }]
"
        }
        FileKind::Verbs => {
            "\
# [[verb]]
# id = \"my_verb\"
# kind = \"say\"                    # say | continue | relay | deny
# stance = \"blames\"               # optional: blames | supports
# forms = [\"...\"]
"
        }
        FileKind::Sources => {
            "\
# [[source]]
# id = \"my_source\"
# phrases = [\"...\"]
"
        }
        FileKind::Cues => {
            "\
# remove = [\"some_built_in_id\"]
#
# [[cue]]
# id = \"my_cue\"
# stance = \"blames\"               # blames | supports
# target = \"noun\"                 # noun | act | passive | possessor | marker | evaluation
# terms = [\"...\"]
"
        }
        FileKind::Grammar => {
            "\
# remove = [\"...\"]
# titles = [\"...\"]
"
        }
        FileKind::Negation => {
            "\
# remove = [\"...\"]
# negators = [\"...\"]
# scope = 3
"
        }
    }
}

fn builtin_names() -> String {
    let names: Vec<&str> = builtin_sources().iter().map(|&(name, _)| name).collect();
    names.join(", ")
}

fn unknown(name: &str) -> InitError {
    InitError::UnknownBuiltin(name.to_string())
}

fn io_at(path: &Path) -> impl Fn(std::io::Error) -> InitError + '_ {
    move |source| InitError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl InitReport {
    /// Writes `bytes` to `path` unless a file is there, noting which.
    fn record(&mut self, path: PathBuf, bytes: &[u8]) -> Result<(), InitError> {
        if create_new_atomically(&path, bytes).map_err(io_at(&path))? {
            self.written.push(path);
        } else {
            self.kept.push(path);
        }
        Ok(())
    }
}

/// Writes `bytes` to `path` only if nothing is there, without ever leaving a
/// partial file: the content goes to a temporary file beside it, which is
/// then hard-linked into place (a link fails rather than replace a file,
/// so a file created meanwhile is kept too). Returns whether it wrote.
pub fn create_new_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{file_name}.mizan-{}", std::process::id()));
    let outcome =
        write_synced(&temporary, bytes).and_then(|()| std::fs::hard_link(&temporary, path));
    let _ = std::fs::remove_file(&temporary);
    match outcome {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error),
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_writes_config_and_an_overlay_per_lexicon_then_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let first = init_user_files(dir.path()).unwrap();
        assert!(first.kept.is_empty());
        assert_eq!(first.written.len(), 1 + builtin_sources().len());
        let config = dir.path().join("config.toml");
        assert_eq!(std::fs::read_to_string(&config).unwrap(), DEFAULT_CONFIG);
        let overlay = std::fs::read_to_string(dir.path().join("lexicons/ar/cues.toml")).unwrap();
        assert_eq!(Some(overlay), overlay_template("ar/cues.toml"));

        std::fs::write(&config, "# mine\n").unwrap();
        let second = init_user_files(dir.path()).unwrap();
        assert!(second.written.is_empty());
        assert_eq!(std::fs::read_to_string(&config).unwrap(), "# mine\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }

    #[test]
    fn every_template_is_comments_only_and_names_its_file() {
        for &(name, _) in builtin_sources() {
            let template = overlay_template(name).unwrap();
            assert!(
                template.lines().all(|line| line.starts_with('#')),
                "{name}: {template}"
            );
            assert!(template.contains(&format!("built-in {name}")), "{name}");
            assert!(template.contains(&format!("mizan init --copy {name}")));
        }
        assert_eq!(overlay_template("ar/colours.toml"), None);
    }

    #[test]
    fn a_full_copy_replaces_the_built_in_file_and_is_never_written_twice() {
        let dir = tempfile::tempdir().unwrap();
        let report = copy_builtin(dir.path(), "en/verbs.toml").unwrap();
        let path = dir.path().join("lexicons/en/verbs-full.toml");
        assert_eq!(report.written, std::slice::from_ref(&path));
        let copy = std::fs::read_to_string(&path).unwrap();
        assert!(copy.contains("\nreplaces_builtin = true\n"));
        assert!(copy.ends_with(builtin_text("en/verbs.toml").unwrap()));
        std::fs::write(&path, "# mine\n").unwrap();
        let again = copy_builtin(dir.path(), "en/verbs.toml").unwrap();
        assert_eq!(again.kept, std::slice::from_ref(&path));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
        assert!(matches!(
            copy_builtin(dir.path(), "en/colours.toml"),
            Err(InitError::UnknownBuiltin(_))
        ));
    }

    fn origin(file: &str, line: usize) -> Origin {
        Origin {
            file: file.into(),
            line: line as u32,
        }
    }

    /// The 1-based line `line` of `text`.
    fn line_of(text: &str, line: usize) -> &str {
        text.lines().nth(line - 1).unwrap()
    }

    /// The 1-based number of the line of `text` that is `line`.
    fn number_of(text: &str, line: &str) -> usize {
        text.lines().position(|l| l == line).unwrap() + 1
    }

    #[test]
    fn a_built_in_entry_is_copied_into_its_overlay_once_and_opened_at_the_same_line() {
        let dir = tempfile::tempdir().unwrap();
        let builtin = builtin_text("en/cues.toml").unwrap();
        let term_line = number_of(builtin, "id = \"wrongdoing\"") + 3;
        let place = overlay_for(dir.path(), &origin("en/cues.toml", term_line)).unwrap();
        assert_eq!(place.path, dir.path().join("en/cues.toml"));
        assert!(place.written);
        let overlay = std::fs::read_to_string(&place.path).unwrap();
        assert!(overlay.starts_with(&overlay_template("en/cues.toml").unwrap()));
        assert_eq!(line_of(&overlay, place.line), line_of(builtin, term_line));
        assert!(
            line_of(&overlay, place.line - 5)
                .starts_with("# Copied from the built-in en/cues.toml")
        );

        let again = overlay_for(dir.path(), &origin("en/cues.toml", term_line + 1)).unwrap();
        assert!(!again.written);
        assert_eq!(line_of(&overlay, again.line), "id = \"wrongdoing\"");
        assert_eq!(std::fs::read_to_string(&place.path).unwrap(), overlay);
    }

    #[test]
    fn an_existing_overlay_keeps_all_it_had_and_gains_the_entry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("en/verbs.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mine = "# mine\nremove = [\"deny\"]";
        std::fs::write(&path, mine).unwrap();
        let builtin = builtin_text("en/verbs.toml").unwrap();
        let id_line = number_of(builtin, "id = \"praise\"");
        let place = overlay_for(dir.path(), &origin("en/verbs.toml", id_line)).unwrap();
        let overlay = std::fs::read_to_string(&path).unwrap();
        assert!(
            overlay.starts_with(&format!("{mine}\n\n# Copied")),
            "{overlay}"
        );
        assert_eq!(line_of(&overlay, place.line), "id = \"praise\"");
        let parsed: toml::Table = toml::from_str(&overlay).expect("still TOML");
        assert_eq!(parsed["verb"][0]["id"].as_str(), Some("praise"));
    }

    #[test]
    fn user_entries_are_edited_where_they_are_and_grammar_words_open_the_overlay() {
        let dir = tempfile::tempdir().unwrap();
        let user = origin("/home/me/lexicons/en/cues-mine.toml", 7);
        let place = overlay_for(dir.path(), &user).unwrap();
        assert_eq!(
            place,
            EditPlace {
                path: PathBuf::from("/home/me/lexicons/en/cues-mine.toml"),
                line: 7,
                written: false
            }
        );
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());

        let place = overlay_for(dir.path(), &origin("ar/grammar.toml", 4)).unwrap();
        let overlay = std::fs::read_to_string(&place.path).unwrap();
        assert_eq!(Some(&overlay), overlay_template("ar/grammar.toml").as_ref());
        assert_eq!(place.line, overlay.lines().count());
    }
}
