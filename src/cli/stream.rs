//! The input of `mizan tag` as a stream of batches, so that memory stays
//! bounded however long the input is: article files and directories, the
//! configured sources and the store, or JSON Lines from files or standard
//! input. One batch is read ahead on a thread of its own while the one
//! before it is tagged on all cores; batches come out in input order.
//!
//! `mizan compare` needs every article at once and reads the same JSON
//! Lines through [`read_all`].

use super::Cli;
use clap::ValueEnum;
use mizan::config::Config;
use mizan::sources::load_configured;
use mizan_engine::corpus::load_paths_split;
use mizan_engine::corpus::{Article, Line, Parsed, Problem, RecordLines, Severity};
use mizan_engine::limits::Limits;
use mizan_store::default_db_path;
use rayon::prelude::*;
use std::collections::VecDeque;
use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;

/// How the PATH arguments are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Input {
    /// Article files (.txt, .md) and directories of them.
    #[default]
    Files,
    /// JSON Lines, one article per line; `-` (or no PATH) is standard input.
    Jsonl,
}

/// Article files read per batch: enough to keep every core busy.
const FILES_PER_BATCH: usize = 256;
/// JSON Lines read per batch: at most this many lines...
const RECORDS_PER_BATCH: usize = 1024;
/// ...and about this many bytes (one longer line is a batch of its own).
const RECORD_BYTES_PER_BATCH: usize = 4 << 20;
/// The read buffer of a JSON Lines input.
const READ_BUFFER: usize = 1 << 20;

/// Articles and records to tag, in input order, and what reading them
/// reported.
pub struct Batch {
    pub pending: Vec<Pending>,
    pub problems: Vec<Problem>,
}

/// One article to tag, parsed already (files) or still a line of JSON.
pub enum Pending {
    Article(Box<Article>),
    Record { input: Arc<str>, line: Line },
}

impl Pending {
    /// The article, or the problem that left none; warnings either way.
    pub fn into_article(self) -> (Option<Article>, Vec<Problem>) {
        match self {
            Pending::Article(article) => (Some(*article), Vec::new()),
            Pending::Record { input, line } => {
                let at = format!("{input}:{}", line.number);
                let problem = |severity, message| Problem {
                    path: at.clone(),
                    severity,
                    message,
                };
                match line.into_article() {
                    Ok(Parsed { article, warnings }) => {
                        let warnings = warnings.into_iter();
                        let problems = warnings.map(|w| problem(Severity::Warning, w));
                        (Some(article), problems.collect())
                    }
                    Err(error) => (None, vec![problem(Severity::Error, error.to_string())]),
                }
            }
        }
    }
}

/// The batches `paths` hold, read as `input` says (no PATH: the configured
/// sources and the store, or standard input for JSON Lines).
pub fn batches(
    cli: &Cli,
    input: Input,
    paths: &[PathBuf],
) -> anyhow::Result<Box<dyn Iterator<Item = Batch> + Send>> {
    let (config, _) = Config::locate(cli.config.as_deref())?;
    Ok(match input {
        Input::Jsonl => Box::new(RecordBatches::new(paths, config.limits)),
        Input::Files if paths.is_empty() => {
            let loaded = load_configured(&config, &default_db_path()?);
            Box::new(in_batches(loaded.articles, loaded.problems))
        }
        Input::Files => {
            let (first, rest) = load_paths_split(paths, &config.limits, 0);
            let named = std::iter::once(batch_of(first.articles, first.problems));
            let files = rest.into_batches(FILES_PER_BATCH);
            Box::new(
                named.chain(files.map(|(loaded, _)| batch_of(loaded.articles, loaded.problems))),
            )
        }
    })
}

/// Articles loaded already, cut into batches; the problems come first.
fn in_batches(articles: Vec<Article>, problems: Vec<Problem>) -> impl Iterator<Item = Batch> {
    let mut articles = articles.into_iter();
    let mut problems = Some(problems);
    std::iter::from_fn(move || {
        let pending: Vec<Article> = articles.by_ref().take(FILES_PER_BATCH).collect();
        let problems = problems.take();
        (!pending.is_empty() || problems.is_some())
            .then(|| batch_of(pending, problems.unwrap_or_default()))
    })
}

fn batch_of(articles: Vec<Article>, problems: Vec<Problem>) -> Batch {
    Batch {
        pending: articles
            .into_iter()
            .map(|article| Pending::Article(Box::new(article)))
            .collect(),
        problems,
    }
}

/// A JSON Lines input: a file or standard input.
type Reader = Box<dyn BufRead + Send>;

/// JSON Lines from each path in turn (`-` is standard input), a batch of
/// lines at a time. A path that cannot be opened is a problem of its own.
struct RecordBatches {
    paths: VecDeque<PathBuf>,
    current: Option<(Arc<str>, RecordLines<Reader>)>,
    limits: Limits,
}

impl RecordBatches {
    fn new(paths: &[PathBuf], limits: Limits) -> RecordBatches {
        let mut paths: VecDeque<PathBuf> = paths.iter().cloned().collect();
        if paths.is_empty() {
            paths.push_back(PathBuf::from("-"));
        }
        RecordBatches {
            paths,
            current: None,
            limits,
        }
    }

    /// Opens the next path: `Err` is a batch holding the problem.
    fn open_next(&mut self) -> Option<Result<(), Batch>> {
        let path = self.paths.pop_front()?;
        let reader: Reader = if path.as_os_str() == "-" {
            Box::new(std::io::BufReader::with_capacity(
                READ_BUFFER,
                std::io::stdin(),
            ))
        } else {
            match std::fs::File::open(&path) {
                Ok(file) => Box::new(std::io::BufReader::with_capacity(READ_BUFFER, file)),
                Err(error) => {
                    let problem = Problem::unreadable(&path.display().to_string(), &error);
                    return Some(Err(Batch {
                        pending: Vec::new(),
                        problems: vec![problem],
                    }));
                }
            }
        };
        let name: Arc<str> = if path.as_os_str() == "-" {
            "stdin".into()
        } else {
            path.display().to_string().into()
        };
        self.current = Some((name, RecordLines::new(reader, &self.limits)));
        Some(Ok(()))
    }
}

impl Iterator for RecordBatches {
    type Item = Batch;

    fn next(&mut self) -> Option<Batch> {
        loop {
            if let Some((input, lines)) = &mut self.current {
                let lines = lines.next_batch(RECORDS_PER_BATCH, RECORD_BYTES_PER_BATCH);
                if !lines.is_empty() {
                    let pending = lines
                        .into_iter()
                        .map(|line| Pending::Record {
                            input: Arc::clone(input),
                            line,
                        })
                        .collect();
                    return Some(Batch {
                        pending,
                        problems: Vec::new(),
                    });
                }
                self.current = None;
            }
            if let Err(failed) = self.open_next()? {
                return Some(failed);
            }
        }
    }
}

/// Hands `batches` to `consume` in order while the next one is read on a
/// thread of its own: one batch is read ahead, never more. When `consume`
/// fails, reading stops at the next batch and the error is returned.
pub fn read_ahead<T: Send, E>(
    batches: impl Iterator<Item = T> + Send,
    mut consume: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for batch in batches {
                if sender.send(batch).is_err() {
                    break;
                }
            }
        });
        receiver.into_iter().try_for_each(&mut consume)
    })
}

/// Every article of the JSON Lines `paths` (standard input without one),
/// parsed on all cores; every problem is printed, and the flag says whether
/// any line was skipped.
pub fn read_all(paths: &[PathBuf], limits: Limits) -> (Vec<Article>, bool) {
    let mut articles = Vec::new();
    let mut failed = false;
    for batch in RecordBatches::new(paths, limits) {
        failed |= super::report_all(&batch.problems);
        let parsed: Vec<_> = batch
            .pending
            .into_par_iter()
            .map(Pending::into_article)
            .collect();
        for (article, problems) in parsed {
            failed |= super::report_all(&problems);
            articles.extend(article);
        }
    }
    (articles, failed)
}
