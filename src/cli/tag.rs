//! `mizan tag`: every statement of the given articles, with speaker, party,
//! blame and support tags and their evidence, as JSON Lines or a table.

use super::Cli;
use anyhow::Context;
use clap::{Args, ValueEnum};
use mizan::config::Config;
use mizan_engine::corpus::Article;
use mizan_engine::lexicon::Lexicon;
use mizan_engine::tagger::Statement;
use mizan_store::default_db_path;
use mizan_store::stored::AnalysisCache;
use mizan_text::sanitize::sanitize_lines;
use rayon::prelude::*;
use serde_json::json;
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
    /// Articles or directories [default: the configured sources and the store].
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
    let (articles, failed) = super::load_articles(cli, &args.paths)?;
    let cache = analysis_cache(&args.paths, &lexicon);
    let started = Instant::now();
    let tagged: Vec<Vec<Statement>> = articles
        .par_iter()
        .map(|a| tag_cached(a, &lexicon, cache.as_ref()))
        .collect();
    let elapsed = started.elapsed();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Jsonl => {
            for (article, statements) in articles.iter().zip(&tagged) {
                for (index, statement) in statements.iter().enumerate() {
                    writeln!(
                        out,
                        "{}",
                        super::escape_json_unsafe(
                            &statement_json(article, index, statement).to_string()
                        )
                    )?;
                }
            }
        }
        Format::Table => super::table::write(&mut out, &articles, &tagged)?,
    }
    out.flush()?;
    if args.stats {
        let bytes: usize = articles.iter().map(|a| a.source.len()).sum();
        let seconds = elapsed.as_secs_f64().max(1e-9);
        let count: usize = tagged.iter().map(Vec::len).sum();
        let served = cache.as_ref().map_or(0, AnalysisCache::served);
        eprintln!(
            "mizan: tagged {} articles ({served} from the analysis cache), {bytes} bytes, {count} statements in {:.3} s: {:.1} MB/s",
            articles.len(),
            seconds,
            bytes as f64 / seconds / 1e6
        );
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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

/// One statement as a JSON object (one line of `--format jsonl`).
pub fn statement_json(article: &Article, index: usize, s: &Statement) -> serde_json::Value {
    let text = |r: mizan_text::TextRange| r.slice(&article.source).to_string();
    let evidence: Vec<_> = s
        .evidence
        .iter()
        .map(|e| {
            json!({
                "relation": e.relation,
                "party": e.party,
                "cue": text(e.cue),
                "cue_start": e.cue.start(),
                "target": text(e.target),
                "target_start": e.target.start(),
                "rule": e.rule,
                "origin": format!("{}:{}", e.origin.file, e.origin.line),
            })
        })
        .collect();
    json!({
        "article": article.path,
        "outlet": article.meta.outlet,
        "index": index,
        "start": s.range.start(),
        "end": s.range.end(),
        "text": text(s.range),
        "quote": s.quote.map(text),
        "speaker": s.speaker.map(text),
        "speaker_party": s.speaker_party,
        "blames": s.blames().collect::<Vec<_>>(),
        "supports": s.supports().collect::<Vec<_>>(),
        "evidence": evidence,
    })
}
