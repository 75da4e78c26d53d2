//! `mizan init`: editable copies of `config.toml` and the lexicons in the
//! user's configuration directory; existing files are never touched.

use anyhow::Context;
use clap::Args;
use mizan::config::user_config_dir;
use mizan::init::init_user_files;
use mizan_text::sanitize::sanitize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to write into [default: $XDG_CONFIG_HOME/mizan].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => user_config_dir().context("no configuration directory (set XDG_CONFIG_HOME)")?,
    };
    let report =
        init_user_files(&dir).with_context(|| format!("writing into {}", dir.display()))?;
    for path in &report.written {
        println!("wrote {}", sanitize(&path.display().to_string()));
    }
    for path in &report.kept {
        println!("kept  {} (exists)", sanitize(&path.display().to_string()));
    }
    println!(
        "{} files written, {} kept; edit them and mizan picks them up (`mizan check` validates them)",
        report.written.len(),
        report.kept.len()
    );
    Ok(ExitCode::SUCCESS)
}
