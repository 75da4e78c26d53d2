//! `mizan eval`: tags articles and scores them against gold annotations
//! (one or more gold files, whose articles may lie anywhere among the
//! paths given), per article, per language, per gold file and in all.
//! Every miss and spurious tag is explained: the statement, the speaker and
//! party the tagger chose and how it found them (the antecedent of a
//! pronoun or title), and every tag with its rule, cue, target and lexicon
//! line, so that whoever edits a lexicon sees why. Text for reading, JSON
//! for scripts; the last line of the text is the reference scorer's
//! summary of everything.

mod explain;
mod output;

use super::Cli;
use super::tag::load_lexicon;
use anyhow::Context;
use clap::{Args, ValueEnum};
use explain::Tagged;
use mizan_engine::corpus::Article;
use mizan_engine::tagger::eval::{Gold, Report, score_articles};
use mizan_text::Lang;
use mizan_text::sanitize::sanitize;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// Explained misses, figures per article, language and gold file, and
    /// the summary line last.
    #[default]
    Text,
    /// One JSON object with the same, for scripts.
    Json,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold annotations (JSON Lines, as in the development corpus); repeat
    /// for several files.
    #[arg(long, value_name = "GOLD.jsonl", required = true)]
    pub gold: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
    /// A lexicon directory layered on top of the configured ones.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Articles or directories holding the articles the gold files name.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// One gold file as read.
pub struct GoldFile {
    pub path: String,
    pub lines: Vec<Gold>,
}

/// One article of one gold file, scored.
pub struct Row {
    /// Index into the gold files.
    pub gold: usize,
    pub article: String,
    /// Index into the tagged articles; `None` when no article of that
    /// name was given.
    pub tagged: Option<usize>,
    pub report: Report,
}

/// Everything `mizan eval` prints.
pub struct Evaluation<'a> {
    pub golds: &'a [GoldFile],
    pub tagged: &'a [Tagged<'a>],
    /// Per predicted statement (the index a miss names): the tagged
    /// article and the statement's index in it.
    pub statements: Vec<(usize, usize)>,
    pub rows: Vec<Row>,
}

impl Evaluation<'_> {
    pub fn lang_of(&self, row: &Row) -> Option<Lang> {
        row.tagged.map(|t| self.tagged[t].article.lang)
    }

    /// The rows of each language, in the order `ar`, `en`, then the
    /// articles of no known language (not given).
    pub fn by_language(&self) -> Vec<(Option<Lang>, Vec<&Row>)> {
        let mut groups: BTreeMap<(bool, Option<Lang>), Vec<&Row>> = BTreeMap::new();
        for row in &self.rows {
            let lang = self.lang_of(row);
            groups.entry((lang.is_none(), lang)).or_default().push(row);
        }
        groups
            .into_iter()
            .map(|((_, lang), rows)| (lang, rows))
            .collect()
    }

    /// The rows of gold file `gold`.
    pub fn of_gold(&self, gold: usize) -> Vec<&Row> {
        self.rows.iter().filter(|row| row.gold == gold).collect()
    }

    pub fn total(&self) -> Report {
        Report::sum(self.rows.iter().map(|row| &row.report))
    }
}

pub fn run(cli: &Cli, args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let golds: Vec<GoldFile> = args
        .gold
        .iter()
        .map(|path| read_gold_file(path))
        .collect::<anyhow::Result<_>>()?;
    let lexicon = load_lexicon(cli, args.lexicons.as_ref())?;
    let (articles, failed) = super::load_articles(cli, &args.paths)?;
    let named: BTreeSet<&str> = golds
        .iter()
        .flat_map(|g| g.lines.iter().map(|line| line.article.as_str()))
        .collect();
    let articles = articles_named(&articles, &named);
    let tagged: Vec<Tagged> = articles
        .par_iter()
        .map(|article| Tagged::new(article, &lexicon))
        .collect();
    let evaluation = evaluate(&golds, &tagged);
    warn_about_missing_articles(&evaluation);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        EvalFormat::Text => output::text(&mut out, &evaluation)?,
        EvalFormat::Json => output::json(&mut out, &evaluation)?,
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Scores every gold file against the statements of `tagged`.
fn evaluate<'a>(golds: &'a [GoldFile], tagged: &'a [Tagged<'a>]) -> Evaluation<'a> {
    let mut predicted = Vec::new();
    let mut statements = Vec::new();
    for (t, article) in tagged.iter().enumerate() {
        for (s, explained) in article.explained.iter().enumerate() {
            predicted.push(article.predicted(explained));
            statements.push((t, s));
        }
    }
    let tagged_index: BTreeMap<&str, usize> = tagged
        .iter()
        .enumerate()
        .map(|(t, article)| (article.id.as_str(), t))
        .collect();
    let rows = golds
        .iter()
        .enumerate()
        .flat_map(|(gold, file)| {
            score_articles(&file.lines, &predicted)
                .into_iter()
                .map(move |scored| (gold, scored))
        })
        .map(|(gold, scored)| Row {
            gold,
            tagged: tagged_index.get(scored.article.as_str()).copied(),
            article: scored.article,
            report: scored.report,
        })
        .collect();
    Evaluation {
        golds,
        tagged,
        statements,
        rows,
    }
}

/// The articles that gold files name, each file once (a file reached
/// through two paths given is scored once), and one file per article id:
/// when two files share a name, the first is scored and the clash is said.
fn articles_named<'a>(articles: &'a [Article], named: &BTreeSet<&str>) -> Vec<&'a Article> {
    let mut seen_files = BTreeSet::new();
    let mut by_id: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
    let mut kept = Vec::new();
    for article in articles {
        let id = explain::article_id(&article.path);
        let file =
            std::fs::canonicalize(&article.path).unwrap_or_else(|_| article.path.clone().into());
        if !named.contains(id.as_str()) || !seen_files.insert(file) {
            continue;
        }
        let same = by_id.entry(id).or_default();
        if same.is_empty() {
            kept.push(article);
        }
        same.push(article);
    }
    for (id, same) in by_id.iter().filter(|(_, same)| same.len() > 1) {
        let paths: Vec<&str> = same.iter().map(|a| a.path.as_str()).collect();
        let message = format!(
            "mizan: article `{id}` names several files ({}): the first is scored",
            paths.join(", ")
        );
        eprintln!("{}", sanitize(&message));
    }
    kept
}

fn warn_about_missing_articles(evaluation: &Evaluation) {
    for row in evaluation.rows.iter().filter(|row| row.tagged.is_none()) {
        let message = format!(
            "mizan: {}: article `{}` is not among the articles given: its gold statements count as not found",
            evaluation.golds[row.gold].path, row.article
        );
        eprintln!("{}", sanitize(&message));
    }
}

fn read_gold_file(path: &Path) -> anyhow::Result<GoldFile> {
    Ok(GoldFile {
        path: path.display().to_string(),
        lines: read_gold(path)?,
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
