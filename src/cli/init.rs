//! `mizan init`: the user's editable `config.toml` and empty lexicon
//! overlays, or with `--copy` full copies of built-in lexicon files, in the
//! user's configuration directory; existing files are never touched.

use anyhow::Context;
use clap::Args;
use mizan::config::user_config_dir;
use mizan::init::{InitReport, copy_builtin, init_user_files};
use mizan_text::sanitize::sanitize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to write into [default: $XDG_CONFIG_HOME/mizan].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Instead of the overlays, write a full copy of this built-in lexicon
    /// file (`ar/cues.toml`) as lexicons/ar/cues-full.toml, which replaces
    /// the built-in file. May be repeated.
    #[arg(long, value_name = "LANG/FILE.toml")]
    pub copy: Vec<String>,
}

pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => user_config_dir().context("no configuration directory (set XDG_CONFIG_HOME)")?,
    };
    let writing = || format!("writing into {}", dir.display());
    let report = if args.copy.is_empty() {
        init_user_files(&dir).with_context(writing)?
    } else {
        let mut report = InitReport::default();
        for name in &args.copy {
            let copied = copy_builtin(&dir, name).with_context(writing)?;
            report.written.extend(copied.written);
            report.kept.extend(copied.kept);
        }
        report
    };
    print(&report);
    Ok(ExitCode::SUCCESS)
}

fn print(report: &InitReport) {
    for path in &report.written {
        println!("wrote {}", shown(path));
    }
    for path in &report.kept {
        println!("kept  {} (exists)", shown(path));
    }
    println!(
        "{} files written, {} kept. Lexicon files are overlays on the built-in ones: what you add to them adds to or overrides the built-in entries, and mizan picks up every edit (`mizan check` validates them and says when a kept file is an old full copy).",
        report.written.len(),
        report.kept.len()
    );
}

fn shown(path: &Path) -> String {
    sanitize(&path.display().to_string()).into_owned()
}
