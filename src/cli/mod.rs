//! Command-line parsing and the wiring of each subcommand to the library.
//! Errors are reported here, anyhow-style, with a non-zero exit.

mod compare;
mod fetch;
mod opml;
mod render;

use clap::{Parser, Subcommand};
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
}

/// Parses the command line, runs it and turns failures into a message and
/// exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Render(ref args)) => render::run(&cli, args),
        Some(Command::Compare(ref args)) => compare::run(&cli, args),
        Some(Command::Fetch(ref args)) => fetch::run(&cli, args),
        Some(Command::Import(ref args)) => opml::import(&cli, args),
        Some(Command::Export(ref args)) => opml::export(&cli, args),
        None => Err(anyhow::anyhow!(
            "the reader is not built yet; try `mizan render`"
        )),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("mizan: {error:#}");
            ExitCode::FAILURE
        }
    }
}
