//! `mizan render`: articles laid out exactly as the reader lays them out.

use super::Cli;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Line width in cells (default: the terminal's, or 80).
    #[arg(long)]
    pub width: Option<usize>,
    /// Articles or directories.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

pub fn run(_cli: &Cli, _args: &RenderArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("render is being built")
}
