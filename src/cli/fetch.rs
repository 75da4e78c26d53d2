//! `mizan fetch`: downloads the configured feeds (or the feeds and sites
//! given) into the store. Wiring and reporting only: the work is
//! `mizan_store::feeds::fetch_all`. On a terminal a progress bar, otherwise
//! one plain line per feed; a web page given for a feed is reported with
//! the feeds it names, which are fetched after it; failures are printed as
//! `error: FEED: message` on one line and make the exit status non-zero
//! once every other feed is done.

use super::Cli;
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use mizan::config::Config;
use mizan::sources::configured_feeds;
use mizan_store::feeds::refresh::one_line;
use mizan_store::feeds::{
    FeedOutcome, FeedReport, FeedSource, FetchOptions, HttpLimits, fetch_all,
};
use mizan_store::{Store, default_db_path};
use mizan_text::sanitize::sanitize;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Feeds to fetch instead of the configured ones.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
    /// Seconds allowed for connecting and for each whole response.
    #[arg(long, value_name = "SECONDS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// The largest response read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_size: u64,
    /// How many feeds are downloaded at once.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=64))]
    pub jobs: u64,
    /// Store the feed's summary and do not download article pages.
    #[arg(long)]
    pub no_pages: bool,
    /// Fetch every feed, even those fetched within their refresh interval.
    #[arg(long)]
    pub force: bool,
    /// The database file [default: $MIZAN_DATA_DIR or $XDG_DATA_HOME/mizan, mizan.db].
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &FetchArgs) -> anyhow::Result<ExitCode> {
    mizan_store::guard::quiet_caught_panics();
    let (config, _) = Config::locate(cli.config.as_deref())?;
    let db_path = match &args.db {
        Some(path) => path.clone(),
        None => default_db_path()?,
    };
    let mut store =
        Store::open(&db_path).with_context(|| format!("opening {}", db_path.display()))?;
    let sources = if args.urls.is_empty() {
        due_feeds(&config, &store, args.force)
    } else {
        args.urls
            .iter()
            .map(|url| FeedSource {
                url: url.clone(),
                outlet: None,
                lang: None,
            })
            .collect()
    };
    if sources.is_empty() {
        if config.feeds().next().is_some() {
            println!(
                "every feed was fetched within its refresh interval (--force to fetch anyway)"
            );
        } else {
            println!("nothing to fetch: add [[source]] entries with a url to the configuration");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let options = FetchOptions {
        limits: HttpLimits {
            timeout: Duration::from_secs(args.timeout),
            max_body: args.max_size,
            ..HttpLimits::default()
        },
        jobs: usize::try_from(args.jobs).unwrap_or(1),
        fetch_pages: !args.no_pages,
    };
    let progress = std::io::stderr()
        .is_terminal()
        .then(|| progress_bar(sources.len()));
    let reports = fetch_all(&mut store, &sources, &options, |report| {
        if let (Some(bar), FeedOutcome::Discovered(links)) = (&progress, &report.outcome) {
            bar.inc_length(u64::try_from(links.len()).unwrap_or(0));
        }
        print_report(report, progress.as_ref());
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let failed = reports
        .iter()
        .filter(|report| matches!(report.outcome, FeedOutcome::Failed(_)))
        .count();
    let added: usize = reports
        .iter()
        .map(|report| match report.outcome {
            FeedOutcome::Stored(stored) => stored.added,
            _ => 0,
        })
        .sum();
    println!(
        "{} feeds, {added} new articles, {failed} failed; store: {}",
        reports.len(),
        db_path.display()
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The configured feeds whose refresh interval has passed (all with `force`).
fn due_feeds(config: &Config, store: &Store, force: bool) -> Vec<FeedSource> {
    configured_feeds(config)
        .into_iter()
        .filter(|(source, refresh)| {
            force || refresh.is_none_or(|interval| is_due(store, &source.url, interval))
        })
        .map(|(source, _)| source)
        .collect()
}

fn is_due(store: &Store, url: &str, interval: Duration) -> bool {
    let last = store
        .feed(url)
        .ok()
        .flatten()
        .and_then(|feed| feed.last_fetched)
        .and_then(|text| chrono::DateTime::parse_from_rfc3339(&text).ok());
    let Some(last) = last else { return true };
    let elapsed = chrono::Utc::now().signed_duration_since(last);
    elapsed.to_std().map_or(true, |elapsed| elapsed >= interval)
}

fn progress_bar(feeds: usize) -> ProgressBar {
    let bar = ProgressBar::new(u64::try_from(feeds).unwrap_or(u64::MAX));
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} feeds {msg}") {
        bar.set_style(style);
    }
    bar
}

fn print_report(report: &FeedReport, progress: Option<&ProgressBar>) {
    let line = match &report.outcome {
        FeedOutcome::Stored(stored) => format!(
            "{}: {} new, {} already stored{}{}",
            sanitize(&report.url),
            stored.added,
            stored.duplicates,
            page_note(report.page_failures),
            problem_note(report.problem.as_deref())
        ),
        FeedOutcome::NotModified => format!("{}: not modified", sanitize(&report.url)),
        FeedOutcome::Discovered(links) => {
            let named: Vec<String> = links.iter().map(ToString::to_string).collect();
            one_line(&format!(
                "{}: a web page, not a feed; it names {}: {}; fetching {}",
                report.url,
                count(links.len(), "feed"),
                named.join(", "),
                if links.len() == 1 { "it" } else { "them" }
            ))
        }
        FeedOutcome::Failed(error) => {
            let message = format!(
                "error: {}: {}",
                sanitize(&report.url),
                one_line(&error.to_string())
            );
            match progress {
                Some(bar) => {
                    bar.println(&message);
                    bar.inc(1);
                }
                None => eprintln!("{message}"),
            }
            return;
        }
    };
    match progress {
        Some(bar) => {
            bar.set_message(line);
            bar.inc(1);
        }
        None => println!("{line}"),
    }
}

fn count(number: usize, noun: &str) -> String {
    match number {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// Says that a feed was not well-formed and only its whole entries were
/// stored.
fn problem_note(problem: Option<&str>) -> String {
    problem.map_or_else(String::new, |problem| {
        format!(
            " (not well-formed XML, {}; its whole entries were kept)",
            one_line(problem)
        )
    })
}

fn page_note(failures: usize) -> String {
    if failures == 0 {
        String::new()
    } else {
        format!(" ({failures} article pages unreadable, summaries kept)")
    }
}
