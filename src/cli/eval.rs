//! `mizan eval`: tags articles and scores the result against gold
//! annotations, printing every miss and the summary line, so a user can
//! measure a lexicon edit.

use super::Cli;
use super::tag::load_lexicon;
use anyhow::Context;
use clap::Args;
use mizan_engine::tagger::eval::{Gold, Predicted, score};
use mizan_text::sanitize::sanitize;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold annotations (JSON Lines, as in the development corpus).
    #[arg(long, value_name = "GOLD.jsonl")]
    pub gold: PathBuf,
    /// A lexicon directory layered on top of the configured ones.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Articles or directories.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(cli: &Cli, args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = read_gold(&args.gold)?;
    let lexicon = load_lexicon(cli, args.lexicons.as_ref())?;
    let (articles, failed) = super::load_articles(cli, &args.paths)?;
    let predicted: Vec<Predicted> = articles
        .par_iter()
        .flat_map_iter(|article| {
            let id = article_id(&article.path);
            article.tag(&lexicon).into_iter().map(move |s| Predicted {
                article: id.clone(),
                text: s.range.slice(&article.source).to_string(),
                speaker_party: s.speaker_party.as_deref().map(String::from),
                blames: s.blames().map(|p| p.to_string()).collect(),
                supports: s.supports().map(|p| p.to_string()).collect(),
            })
        })
        .collect();
    let report = score(&gold, &predicted);
    for miss in &report.misses {
        println!("{}", sanitize(&miss.to_string()));
    }
    println!("{}", report.summary());
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads a gold file; a line that is not a gold object is an error naming it.
pub fn read_gold(path: &Path) -> anyhow::Result<Vec<Gold>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not a gold line", path.display(), n + 1))
        })
        .collect()
}

/// An article's id: its file name without extension, as gold files name it.
fn article_id(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
