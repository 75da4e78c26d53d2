//! Command-line parsing and the wiring of each subcommand to the library.
//! Errors are reported here, anyhow-style, with a non-zero exit.

mod check;
mod compare;
mod eval;
mod fetch;
mod init;
mod jsonl_out;
mod opml;
mod render;
mod stream;
mod table;
mod tag;
mod tui;

use clap::{Parser, Subcommand};
use mizan::config::Config;
use mizan::sources::load_configured;
use mizan_engine::corpus::{Article, Problem, Severity, load_paths_within};
use mizan_store::default_db_path;
use mizan_text::sanitize::{is_unsafe, sanitize_lines};
use std::path::PathBuf;
use std::process::ExitCode;

/// mizan: read Arabic and English news in the terminal and see whom each
/// article's quotes blame or support.
#[derive(Debug, Parser)]
#[command(name = "mizan", version, about)]
pub struct Cli {
    /// Configuration file (default: ~/.config/mizan/config.toml if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Articles or directories to open in the reader (default: the bundled samples).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write config.toml and empty lexicon overlays to edit, or full copies
    /// of built-in lexicon files (never overwrites).
    Init(init::InitArgs),
    /// Print articles laid out as the reader shows them.
    Render(render::RenderArgs),
    /// Group articles into stories and compare whom each outlet quotes,
    /// blames and supports.
    Compare(compare::CompareArgs),
    /// Download the configured feeds into the local store.
    Fetch(fetch::FetchArgs),
    /// Add the feeds of an OPML file to the configuration.
    Import(opml::ImportArgs),
    /// Print the configured feeds (as OPML).
    Export(opml::ExportArgs),
    /// Tag every statement of the articles: speaker, party, blame, support.
    Tag(tag::TagArgs),
    /// Validate the configuration and lexicons (file:line:col diagnostics).
    Check(check::CheckArgs),
    /// Score the tagger against gold annotations.
    Eval(eval::EvalArgs),
}

/// The articles a command works on: `paths` when given, else the configured
/// sources and the store. Every loading problem is printed to standard
/// error; the flag says whether any was an error. No article at all is an
/// error: a command with nothing to read says so rather than print nothing.
fn load_articles(cli: &Cli, paths: &[PathBuf]) -> anyhow::Result<(Vec<Article>, bool)> {
    let (config, _) = Config::locate(cli.config.as_deref())?;
    let loaded = if paths.is_empty() {
        load_configured(&config, &default_db_path()?)
    } else {
        load_paths_within(paths, &config.limits)
    };
    let failed = report_all(&loaded.problems);
    if loaded.articles.is_empty() {
        return Err(nothing_to_read(paths));
    }
    Ok((loaded.articles, failed))
}

/// The error of a command that found no article where it looked.
fn nothing_to_read(paths: &[PathBuf]) -> anyhow::Error {
    anyhow::anyhow!(
        "nothing to read: {}",
        if paths.is_empty() {
            "give a PATH, or add [[source]] entries to config.toml (feeds are read once `mizan fetch` has stored them)"
        } else {
            "no .txt or .md article in the paths given"
        }
    )
}

/// Prints every problem to standard error; whether any is an error.
fn report_all(problems: &[Problem]) -> bool {
    for problem in problems {
        eprintln!("mizan: {}", sanitize_lines(&problem.to_string()));
    }
    problems.iter().any(|p| p.severity == Severity::Error)
}

/// Parses the command line, runs it and turns failures into a message and
/// exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Init(ref args)) => init::run(args),
        Some(Command::Render(ref args)) => render::run(&cli, args),
        Some(Command::Compare(ref args)) => compare::run(&cli, args),
        Some(Command::Fetch(ref args)) => fetch::run(&cli, args),
        Some(Command::Import(ref args)) => opml::import(&cli, args),
        Some(Command::Export(ref args)) => opml::export(&cli, args),
        Some(Command::Tag(ref args)) => tag::run(&cli, args),
        Some(Command::Check(ref args)) => check::run(&cli, args),
        Some(Command::Eval(ref args)) => eval::run(&cli, args),
        None => tui::run(&cli),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            // Errors quote file names and input: shown without their controls.
            eprintln!("mizan: {}", sanitize_lines(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}

/// JSON text with every character a terminal could act on written as a
/// `\u` escape. serde_json escapes only C0 controls, and the output may go
/// to a terminal; inside a JSON string the escape means the same character,
/// so the data is unchanged. A raw line feed is never inside a string
/// (serde_json escapes it there): it is pretty-printing and stays.
fn escape_json_unsafe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) && c != '\n' {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}
