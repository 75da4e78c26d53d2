//! `mizan import FILE.opml` and `mizan export --opml`: subscription lists in
//! and out. Import appends a `[[source]]` entry to the configuration file for
//! every feed it does not list yet; export prints the configured feeds.

use super::Cli;
use anyhow::{Context, bail};
use clap::Args;
use mizan::config::{Config, Source, user_config_file};
use mizan::feeds::opml::{OpmlFeed, read_opml, write_opml};
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An OPML file of feeds.
    #[arg(value_name = "FILE.opml")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Print the configured feeds as OPML (the only format so far).
    #[arg(long, required = true)]
    pub opml: bool,
}

pub fn import(cli: &Cli, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let feeds = read_opml(&text).with_context(|| args.file.display().to_string())?;
    let target = match &cli.config {
        Some(path) => path.clone(),
        None => user_config_file().context("no configuration directory (set XDG_CONFIG_HOME)")?,
    };
    let (config, _) = Config::locate(Some(&target)).or_else(|error| {
        if target.exists() {
            Err(error)
        } else {
            Ok((Config::defaults(), None))
        }
    })?;
    let known: HashSet<&str> = config
        .feeds()
        .filter_map(|source| match source {
            Source::Feed { url, .. } => Some(url.as_str()),
            Source::Local { .. } => None,
        })
        .collect();
    let new: Vec<&OpmlFeed> = feeds
        .iter()
        .filter(|feed| !known.contains(feed.url.as_str()))
        .collect();
    if !new.is_empty() {
        append_sources(&target, &new)?;
    }
    println!(
        "{} feeds in {}: {} added to {}, {} already there",
        feeds.len(),
        args.file.display(),
        new.len(),
        target.display(),
        feeds.len() - new.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn append_sources(target: &std::path::Path, feeds: &[&OpmlFeed]) -> anyhow::Result<()> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let mut text = String::new();
    for feed in feeds {
        text.push_str("\n[[source]]\n");
        text.push_str(&format!("url = {}\n", toml_string(&feed.url)));
        if let Some(title) = &feed.title {
            text.push_str(&format!("outlet = {}\n", toml_string(title)));
        }
        if let Some(lang) = feed
            .lang
            .as_deref()
            .filter(|lang| mizan::text::Lang::parse(lang).is_some())
        {
            text.push_str(&format!("lang = {}\n", toml_string(lang)));
        }
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(target)
        .with_context(|| format!("opening {}", target.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", target.display()))?;
    if let Err(error) = Config::load(target) {
        bail!(
            "{} no longer parses after the import: {error}",
            target.display()
        );
    }
    Ok(())
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

pub fn export(cli: &Cli, _args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let (config, _) = Config::locate(cli.config.as_deref())?;
    let feeds: Vec<OpmlFeed> = config
        .feeds()
        .filter_map(|source| match source {
            Source::Feed {
                url, outlet, lang, ..
            } => Some(OpmlFeed {
                url: url.clone(),
                title: outlet.clone(),
                lang: lang.map(|lang| lang.code().to_string()),
            }),
            Source::Local { .. } => None,
        })
        .collect();
    print!("{}", write_opml(&feeds)?);
    println!();
    Ok(ExitCode::SUCCESS)
}
