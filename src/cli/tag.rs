//! `mizan tag`: every statement of the given articles, with speaker, party,
//! blame and support tags and their evidence, as JSON Lines or a table.
//!
//! Articles are read, tagged and written a batch at a time ([`stream`]), so
//! an archive of any length streams through in bounded memory: each batch
//! is tagged and formatted on all cores while the next is read, and written
//! in input order.

use super::Cli;
use super::jsonl_out::ArticleFields;
use super::stream::{self, Batch, Input, Pending};
use anyhow::Context;
use clap::{Args, ValueEnum};
use mizan::config::Config;
use mizan_engine::corpus::{Article, Problem};
use mizan_engine::lexicon::Lexicon;
use mizan_engine::tagger::Statement;
use mizan_store::default_db_path;
use mizan_store::stored::AnalysisCache;
use mizan_text::sanitize::sanitize_lines;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Format {
    #[default]
    Jsonl,
    Table,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// A lexicon directory layered on top of the configured ones.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Print throughput (MB/s) to standard error.
    #[arg(long)]
    pub stats: bool,
    /// What PATH holds: article files and directories, or JSON Lines (one
    /// article per line: id, title, text, outlet, date, lang, url).
    #[arg(long, value_enum, default_value_t = Input::Files)]
    pub input: Input,
    /// Articles or directories [default: the configured sources and the
    /// store]; with `--input jsonl`, JSON Lines files (`-` or none: standard
    /// input).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The configured lexicon, with `extra` layered on top. A lexicon with
/// errors is never used: every problem is printed and the command fails.
pub fn load_lexicon(cli: &Cli, extra: Option<&PathBuf>) -> anyhow::Result<Lexicon> {
    let (config, _) = Config::locate(cli.config.as_deref()).context("reading the configuration")?;
    let mut settings = config.lexicons;
    settings.dirs.extend(extra.cloned());
    Lexicon::load(&settings).map_err(|problems| {
        for problem in problems.iter().filter(|p| p.is_error()) {
            eprintln!("{}", sanitize_lines(&problem.with_caret()));
        }
        anyhow::anyhow!("the lexicons have errors (run `mizan check`)")
    })
}

pub fn run(cli: &Cli, args: &TagArgs) -> anyhow::Result<ExitCode> {
    let lexicon = load_lexicon(cli, args.lexicons.as_ref())?;
    let cache = match args.input {
        Input::Files => analysis_cache(&args.paths, &lexicon),
        Input::Jsonl => None,
    };
    let started = Instant::now();
    let batches = stream::batches(cli, args.input, &args.paths)?;
    let tagging = Tagging {
        lexicon: &lexicon,
        cache: cache.as_ref(),
        format: args.format,
    };
    let mut totals = Totals::default();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = stream::read_ahead(batches, |batch| {
        tagging.write_batch(&mut out, batch, &mut totals)
    })
    .and_then(|()| out.flush());
    match written {
        // A reader that stops early (`| head`) is not a failure.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("writing the statements")?,
    }
    if totals.articles == 0 && args.input == Input::Files {
        return Err(super::nothing_to_read(&args.paths));
    }
    if args.stats {
        let seconds = started.elapsed().as_secs_f64().max(1e-9);
        let served = cache.as_ref().map_or(0, AnalysisCache::served);
        eprintln!(
            "mizan: tagged {} articles ({served} from the analysis cache), {} bytes, {} statements in {seconds:.3} s (reading, tagging and writing): {:.1} MB/s",
            totals.articles,
            totals.bytes,
            totals.statements,
            totals.bytes as f64 / seconds / 1e6
        );
    }
    Ok(if totals.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What the run has done so far.
#[derive(Default)]
struct Totals {
    articles: usize,
    bytes: usize,
    statements: usize,
    /// Something named could not be read, or a line was skipped.
    failed: bool,
}

/// How each article of a batch is tagged and written.
struct Tagging<'a> {
    lexicon: &'a Lexicon,
    cache: Option<&'a AnalysisCache>,
    format: Format,
}

/// One article's part of the output, made on any core.
struct Written {
    output: Vec<u8>,
    problems: Vec<Problem>,
    bytes: usize,
    statements: Option<usize>,
}

impl Tagging<'_> {
    /// Tags and formats the batch's articles on all cores, then writes
    /// them and their problems in input order.
    fn write_batch(
        &self,
        out: &mut impl Write,
        batch: Batch,
        totals: &mut Totals,
    ) -> std::io::Result<()> {
        totals.failed |= super::report_all(&batch.problems);
        let written: Vec<Written> = batch
            .pending
            .into_par_iter()
            .map(|pending| self.tag_one(pending))
            .collect();
        for one in written {
            totals.failed |= super::report_all(&one.problems);
            if let Some(statements) = one.statements {
                totals.articles += 1;
                totals.bytes += one.bytes;
                totals.statements += statements;
            }
            out.write_all(&one.output)?;
        }
        Ok(())
    }

    fn tag_one(&self, pending: Pending) -> Written {
        let (article, problems) = pending.into_article();
        let mut written = Written {
            output: Vec::new(),
            problems,
            bytes: 0,
            statements: None,
        };
        if let Some(article) = article {
            let statements = tag_cached(&article, self.lexicon, self.cache);
            written.bytes = article.source.len();
            written.statements = Some(statements.len());
            written.output = self.format_article(&article, statements);
        }
        written
    }

    fn format_article(&self, article: &Article, statements: Vec<Statement>) -> Vec<u8> {
        // The lines quote the text, most of it once or twice: one
        // allocation, seldom grown.
        let mut output = Vec::with_capacity(2 * article.source.len());
        match self.format {
            Format::Jsonl => ArticleFields::new(article).write_all(&mut output, &statements),
            Format::Table => {
                let articles = std::slice::from_ref(article);
                // Writing into memory cannot fail.
                let _ = super::table::write(&mut output, articles, &[statements]);
            }
        }
        output
    }
}

/// The analysis cache for the articles of the configured sources and the
/// store (no `paths` given); named files are always tagged afresh.
pub fn analysis_cache(paths: &[PathBuf], lexicon: &Lexicon) -> Option<AnalysisCache> {
    if !paths.is_empty() {
        return None;
    }
    Some(AnalysisCache::new(
        &default_db_path().ok()?,
        lexicon.version(),
    ))
}

/// The statements of `article`, from `cache` when it has them.
pub fn tag_cached(
    article: &Article,
    lexicon: &Lexicon,
    cache: Option<&AnalysisCache>,
) -> Vec<Statement> {
    match cache {
        Some(cache) => cache.statements(article, |article| article.tag(lexicon)),
        None => article.tag(lexicon),
    }
}
