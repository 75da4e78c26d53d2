//! `mizan import FILE.opml|URL` and `mizan export --opml`: subscription
//! lists in and out. Import appends a `[[source]]` entry to the
//! configuration file for every feed it does not list yet: the feeds of an
//! OPML file, or what an address offers (the feed itself, the feeds a web
//! page names, or an OPML list); export prints the configured feeds.

use super::Cli;
use anyhow::{Context, bail};
use clap::Args;
use mizan::config::{Config, Source, user_config_file};
use mizan::fsutil::write_atomic;
use mizan_store::feeds::discover::{Offered, offered_at};
use mizan_store::feeds::opml::{OpmlFeed, read_opml, write_opml};
use mizan_store::feeds::refresh::one_line;
use mizan_store::feeds::{Client, HttpLimits};
use mizan_text::sanitize::{is_unsafe, sanitize};
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An OPML file of feeds, or the address of a feed, of an OPML list or
    /// of a site whose pages name their feeds.
    #[arg(value_name = "FILE.opml|URL")]
    pub source: String,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Print the configured feeds as OPML (the only format so far).
    #[arg(long, required = true)]
    pub opml: bool,
}

pub fn import(cli: &Cli, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let feeds = if is_address(&args.source) {
        feeds_at_address(&args.source)?
    } else {
        let file = PathBuf::from(&args.source);
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        read_opml(&text).with_context(|| file.display().to_string())?
    };
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
        sanitize(&args.source),
        new.len(),
        sanitize(&target.display().to_string()),
        feeds.len() - new.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn is_address(source: &str) -> bool {
    let lower = source.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The feeds `url` offers, with a line saying what it turned out to be.
fn feeds_at_address(url: &str) -> anyhow::Result<Vec<OpmlFeed>> {
    mizan_store::guard::quiet_caught_panics();
    let client = Client::new(HttpLimits::default());
    let offered = offered_at(&client, url)
        .map_err(|error| anyhow::anyhow!("{url}: {}", one_line(&error.to_string())))?;
    Ok(match offered {
        Offered::Feed(feed) => {
            println!("{}: a feed", sanitize(url));
            vec![feed]
        }
        Offered::Opml(feeds) => feeds,
        Offered::Page(links) => {
            let named: Vec<String> = links.iter().map(ToString::to_string).collect();
            println!(
                "{}",
                one_line(&format!(
                    "{url}: a web page naming {} feed{}: {}",
                    links.len(),
                    if links.len() == 1 { "" } else { "s" },
                    named.join(", ")
                ))
            );
            links
                .into_iter()
                .map(|link| OpmlFeed {
                    url: link.url,
                    title: link.title,
                    lang: None,
                })
                .collect()
        }
    })
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
            .filter(|lang| mizan_text::Lang::parse(lang).is_some())
        {
            text.push_str(&format!("lang = {}\n", toml_string(lang)));
        }
    }
    // The new text is checked before anything is written, then replaces
    // the file atomically: a failed import leaves the configuration as it was.
    let mut updated = match std::fs::read_to_string(target) {
        Ok(existing) => existing,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(error).with_context(|| format!("reading {}", target.display())),
    };
    updated.push_str(&text);
    if let Err(error) = Config::parse(&updated, &target.display().to_string()) {
        bail!(
            "{} would no longer parse after the import, left unchanged: {error}",
            target.display()
        );
    }
    write_atomic(target, updated.as_bytes())
        .with_context(|| format!("writing {}", target.display()))
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
    print!("{}", escape_unsafe(&write_opml(&feeds)?));
    println!();
    Ok(ExitCode::SUCCESS)
}

/// OPML text with every character a terminal could act on (feed titles and
/// URLs come from strangers) written as an XML character reference, which
/// means the same character to any XML reader. Line feeds and tabs between
/// elements are the writer's own and stay.
fn escape_unsafe(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    for c in xml.chars() {
        if is_unsafe(c) && c != '\n' && c != '\t' {
            out.push_str(&format!("&#x{:X};", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}
