//! Reading articles from the file system and from the samples embedded in
//! the binary. Bad input never stops the others: every file's problem is
//! collected, named by path (and byte offset where it helps), and the caller
//! decides the exit status.

use super::Article;
use super::parse::{Format, Parsed, parse_article};
use crate::limits::{Limits, ReadError, read_limited};
use rayon::prelude::*;
use std::fmt;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}

/// How serious a loading problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The article was loaded, or a file inside a directory was skipped.
    Warning,
    /// Something the user named could not be read as an article.
    Error,
}

/// One problem met while loading, for one path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    /// An input named by `path` that could not be opened or read.
    pub fn unreadable(path: &str, error: &std::io::Error) -> Problem {
        error_problem(path, io_message(error))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}: {}", self.path, self.message)
    }
}

/// What a load produced: the articles in the order given (directories in
/// sorted path order) and every problem met.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// Whether any problem is an error (the command should exit non-zero).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Loads every path: files as articles, directories recursively (every
/// `.txt`/`.md` below them), within the default [`Limits`].
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    load_paths_within(paths, &Limits::default())
}

/// [`load_paths`] with the configured limits: a file over
/// `limits.max_article_bytes` is a problem naming the limit, never read.
pub fn load_paths_within(paths: &[PathBuf], limits: &Limits) -> Loaded {
    let (loaded, _none_left) = load_paths_split(paths, limits, usize::MAX);
    loaded
}

/// Like [`load_paths_within`], but reads only the first `now` article files;
/// the others are returned to be read later (the reader shows its first
/// frame without waiting for ten thousand files). Problems with the paths
/// themselves are all reported here.
pub fn load_paths_split(paths: &[PathBuf], limits: &Limits, now: usize) -> (Loaded, Remaining) {
    let mut candidates = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        collect_candidates(path, &mut candidates, &mut problems);
    }
    let rest = candidates.split_off(now.min(candidates.len()));
    let mut loaded = Loaded {
        articles: Vec::new(),
        problems,
    };
    loaded.append(load_candidates(&candidates, limits));
    let remaining = Remaining {
        loaded_before: candidates.len(),
        candidates: rest,
        limits: *limits,
    };
    (loaded, remaining)
}

/// Article files found by [`load_paths_split`] and not read yet.
pub struct Remaining {
    loaded_before: usize,
    candidates: Vec<Candidate>,
    limits: Limits,
}

impl Remaining {
    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// How many article files were found, read or not.
    pub fn total_files(&self) -> usize {
        self.loaded_before + self.candidates.len()
    }

    /// Reads the files `batch` at a time, in order, handing each batch's
    /// articles and problems to `each` with the number of files read so far.
    pub fn load_in_batches(self, batch: usize, mut each: impl FnMut(Loaded, usize)) {
        for (loaded, read) in self.into_batches(batch) {
            each(loaded, read);
        }
    }

    /// The files `batch` at a time, in order, each batch read on all cores
    /// when it is asked for, with the number of files read so far: a
    /// consumer that stops early leaves the rest unread.
    pub fn into_batches(self, batch: usize) -> impl Iterator<Item = (Loaded, usize)> {
        let batch = batch.max(1);
        let Remaining {
            loaded_before,
            candidates,
            limits,
        } = self;
        (0..candidates.len()).step_by(batch).map(move |start| {
            let end = (start + batch).min(candidates.len());
            let loaded = load_candidates(&candidates[start..end], &limits);
            (loaded, loaded_before + end)
        })
    }
}

impl Loaded {
    fn append(&mut self, mut other: Loaded) {
        self.articles.append(&mut other.articles);
        self.problems.append(&mut other.problems);
    }
}

/// Reads and parses `candidates` on all cores, keeping their order.
fn load_candidates(candidates: &[Candidate], limits: &Limits) -> Loaded {
    let results: Vec<(Option<Article>, Vec<Problem>)> = candidates
        .par_iter()
        .map(|candidate| load_candidate(candidate, limits))
        .collect();
    let mut loaded = Loaded {
        articles: Vec::with_capacity(results.len()),
        problems: Vec::new(),
    };
    for (article, file_problems) in results {
        loaded.articles.extend(article);
        loaded.problems.extend(file_problems);
    }
    loaded
}

/// The sample articles bundled with mizan, parsed. They are tested to load
/// without problems, so any problem here is reported like a file's.
pub fn samples() -> Loaded {
    let mut loaded = Loaded::default();
    for (name, bytes) in embedded::SAMPLES {
        let Some(format) = Format::from_name(name) else {
            continue;
        };
        let (article, problems) = from_bytes(name, bytes.to_vec(), format, Severity::Error);
        loaded.articles.extend(article);
        loaded.problems.extend(problems);
    }
    loaded
}

/// A file to load, and whether the user named it (its failures are errors)
/// or it was found in a directory (its failures are warnings).
struct Candidate {
    path: PathBuf,
    shown: String,
    format: Format,
    named: bool,
}

fn collect_candidates(path: &Path, out: &mut Vec<Candidate>, problems: &mut Vec<Problem>) {
    let shown = path.display().to_string();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => {
            problems.push(error_problem(&shown, io_message(&error)));
            return;
        }
    };
    if metadata.is_dir() {
        let before = out.len();
        walk_directory(path, out, problems);
        if out.len() == before {
            problems.push(error_problem(
                &shown,
                "no .txt or .md articles in this directory".into(),
            ));
        }
    } else {
        let format = Format::from_name(&shown).unwrap_or(Format::PlainText);
        out.push(Candidate {
            path: path.to_path_buf(),
            shown,
            format,
            named: true,
        });
    }
}

/// Every article file below `dir`, in sorted order. Symbolic links to
/// directories are not followed, so a link cycle cannot loop.
fn walk_directory(dir: &Path, out: &mut Vec<Candidate>, problems: &mut Vec<Problem>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(error_problem(
                &dir.display().to_string(),
                io_message(&error),
            ));
            return;
        }
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk_directory(&path, out, problems);
        } else if let Some(format) = Format::from_name(&entry.file_name().to_string_lossy()) {
            let shown = path.display().to_string();
            out.push(Candidate {
                path,
                shown,
                format,
                named: false,
            });
        }
    }
}

fn load_candidate(candidate: &Candidate, limits: &Limits) -> (Option<Article>, Vec<Problem>) {
    let severity = if candidate.named {
        Severity::Error
    } else {
        Severity::Warning
    };
    match read_limited(&candidate.path, limits.max_article_bytes) {
        Ok(bytes) => from_bytes(&candidate.shown, bytes, candidate.format, severity),
        Err(error) => {
            let message = match error {
                ReadError::Io(error) => io_message(&error),
                too_large => too_large.to_string(),
            };
            let problem = Problem {
                path: candidate.shown.clone(),
                severity,
                message,
            };
            (None, vec![problem])
        }
    }
}

/// Decodes and parses one file's bytes; `failure` is the severity of a
/// file that yields no article. The bytes become the article's source in
/// place: a corpus is never held twice, even for a moment.
fn from_bytes(
    shown: &str,
    bytes: Vec<u8>,
    format: Format,
    failure: Severity,
) -> (Option<Article>, Vec<Problem>) {
    let problem = |severity, message| Problem {
        path: shown.to_string(),
        severity,
        message,
    };
    // `contains` is a vectorised scan; the position is wanted only for the
    // rare binary file.
    if bytes.contains(&0) {
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or_default();
        let message = format!("binary file (NUL byte at offset {offset}), skipped");
        return (None, vec![problem(failure, message)]);
    }
    let mut problems = Vec::new();
    let source = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let message = format!(
                "invalid UTF-8 at byte offset {}; undecodable bytes shown as U+FFFD",
                error.utf8_error().valid_up_to()
            );
            problems.push(problem(Severity::Warning, message));
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    };
    match parse_article(shown, source, format) {
        Ok(Parsed { article, warnings }) => {
            problems.extend(warnings.into_iter().map(|w| problem(Severity::Warning, w)));
            (Some(article), problems)
        }
        Err(error) => {
            problems.push(problem(failure, error.to_string()));
            (None, problems)
        }
    }
}

fn error_problem(path: &str, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        severity: Severity::Error,
        message,
    }
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn directories_load_recursively_in_sorted_order_and_skip_other_files() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.txt", "B\nbody".as_bytes());
        write(
            dir.path(),
            "sub/a.md",
            "+++\ntitle = \"A\"\n+++\nbody\n".as_bytes(),
        );
        write(dir.path(), "notes.json", b"{}");
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        let titles: Vec<_> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["B", "A"]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    }

    #[test]
    fn named_missing_empty_and_binary_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let empty = write(dir.path(), "empty.txt", b"\n\n");
        let binary = write(dir.path(), "bin.txt", b"ab\0cd");
        let missing = dir.path().join("missing.txt");
        let loaded = load_paths(&[empty, binary, missing]);
        assert!(loaded.articles.is_empty());
        let messages: Vec<_> = loaded.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "no such file or directory",
                "the file is empty",
                "binary file (NUL byte at offset 2), skipped"
            ]
        );
        assert!(loaded.has_errors());
    }

    #[test]
    fn binary_files_inside_a_directory_are_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"Title\nbody");
        write(dir.path(), "z.txt", b"\0\0");
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        assert_eq!(loaded.articles.len(), 1);
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].severity, Severity::Warning);
        assert!(!loaded.has_errors());
    }

    #[test]
    fn a_directory_without_articles_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "x.json", b"{}");
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        assert!(loaded.has_errors());
        assert!(
            loaded.problems[0]
                .message
                .contains("no .txt or .md articles")
        );
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_the_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "a.txt", b"Title\nab\xffcd");
        let loaded = load_paths(&[path]);
        assert_eq!(loaded.articles[0].paragraph(0), "ab\u{FFFD}cd");
        assert_eq!(loaded.problems[0].severity, Severity::Warning);
        assert!(
            loaded.problems[0].message.contains("byte offset 8"),
            "{}",
            loaded.problems[0]
        );
    }

    #[test]
    fn a_split_load_reads_the_rest_in_order_in_batches() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c", "d", "e"] {
            write(dir.path(), &format!("{name}.txt"), name.as_bytes());
        }
        write(dir.path(), "f.txt", b"\0");
        let (loaded, rest) = load_paths_split(&[dir.path().to_path_buf()], &Limits::default(), 2);
        let titles: Vec<_> = loaded.articles.iter().map(|a| a.title.clone()).collect();
        assert_eq!(titles, ["a", "b"]);
        assert_eq!(rest.total_files(), 6);
        let mut batches = Vec::new();
        rest.load_in_batches(3, |batch, read| {
            let titles: Vec<_> = batch.articles.iter().map(|a| a.title.clone()).collect();
            batches.push((titles, batch.problems.len(), read));
        });
        assert_eq!(
            batches,
            [
                (vec!["c".to_string(), "d".into(), "e".into()], 0, 5),
                (Vec::new(), 1, 6)
            ]
        );
    }

    #[test]
    fn bundled_samples_load_without_problems() {
        let loaded = samples();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.articles.len(), embedded::SAMPLES.len());
        assert!(loaded.articles.len() >= 8, "the reader needs its samples");
    }
}
