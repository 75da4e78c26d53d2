//! `mizan render`: articles printed exactly as the reader lays them out, for
//! pipes, scripts and checking the layout against a reference. Wiring only:
//! loading is the CLI's shared `load_articles` (paths, else the configured
//! sources and the store), formatting is `mizan_text::layout::render_article`.

use super::Cli;
use anyhow::Context;
use clap::{Args, ValueEnum};
use mizan::config::Config;
use mizan_text::layout::{BidiMode, LayoutOptions, render_article};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const MAX_WIDTH: usize = 10_000;
const WIDTH_WHEN_NOT_A_TERMINAL: usize = 80;

#[derive(Debug, Args)]
#[command(after_help = "\
Output: for each article its title, an empty line, then its paragraphs \
separated by one empty line; one empty line separates articles. No line is \
wider than the width. With --bidi app, right-to-left lines are shaped, in \
display order, and padded on the left to exactly the width; with --bidi \
terminal or off, the same lines are printed in logical order, unshaped and \
unpadded. Escape sequences and control characters in articles are never \
printed.")]
pub struct RenderArgs {
    /// Line width in cells, 1 to 10000 [default: the terminal's width, or
    /// 80 when not printing to a terminal].
    #[arg(long, value_name = "N", value_parser = parse_width)]
    pub width: Option<usize>,
    /// Who does the bidi: mizan (app), the terminal (terminal), nobody (off)
    /// [default: the configuration's display.bidi].
    #[arg(long, value_enum)]
    pub bidi: Option<BidiArg>,
    /// Do not join Arabic letters into their contextual forms.
    #[arg(long)]
    pub no_shaping: bool,
    /// Article files (.txt, .md) or directories of them [default: the
    /// configured sources and the articles fetched into the store].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// `--bidi` values; mirrors the configuration's `display.bidi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BidiArg {
    App,
    Terminal,
    Off,
}

impl From<BidiArg> for BidiMode {
    fn from(arg: BidiArg) -> Self {
        match arg {
            BidiArg::App => BidiMode::App,
            BidiArg::Terminal => BidiMode::Terminal,
            BidiArg::Off => BidiMode::Off,
        }
    }
}

fn parse_width(text: &str) -> Result<usize, String> {
    let width: usize = text
        .parse()
        .map_err(|_| format!("the width must be a whole number of cells, got {text:?}"))?;
    if (1..=MAX_WIDTH).contains(&width) {
        Ok(width)
    } else {
        Err(format!(
            "the width must be between 1 and {MAX_WIDTH} cells, got {width}"
        ))
    }
}

pub fn run(cli: &Cli, args: &RenderArgs) -> anyhow::Result<ExitCode> {
    let (config, _) = Config::locate(cli.config.as_deref())?;
    let options = options(&config.layout, args);
    let width = args.width.unwrap_or_else(default_width);
    let (articles, failed) = super::load_articles(cli, &args.paths)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for (index, article) in articles.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        for line in render_article(article.text(), width, &options) {
            writeln!(out, "{line}")?;
        }
    }
    match out.flush() {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
        flushed => flushed.context("writing to standard output")?,
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn options(configured: &LayoutOptions, args: &RenderArgs) -> LayoutOptions {
    LayoutOptions {
        bidi: args.bidi.map_or(configured.bidi, BidiMode::from),
        shaping: configured.shaping && !args.no_shaping,
        harakat: configured.harakat,
    }
}

fn default_width() -> usize {
    if !io::stdout().is_terminal() {
        return WIDTH_WHEN_NOT_A_TERMINAL;
    }
    ratatui::crossterm::terminal::size()
        .map(|(columns, _)| usize::from(columns).clamp(1, MAX_WIDTH))
        .unwrap_or(WIDTH_WHEN_NOT_A_TERMINAL)
}
