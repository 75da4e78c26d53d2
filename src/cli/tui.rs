//! `mizan [PATH...]`: the reader. Loads the configuration and the articles,
//! builds the state and hands over to the event loop; the closures that tag
//! an article, reload the lexicon and read the rest of a large corpus in the
//! background are wired here.

use super::Cli;
use anyhow::Context;
use mizan::app::{Action, Directory, NameAlias, PartyInfo, StartOptions, State, update};
use mizan::config::{Config, user_lexicon_dir};
use mizan::corpus::{self, Problem, Remaining};
use mizan::lexicon::Lexicon;
use mizan::store::default_db_path;
use mizan::tagger::tag_article;
use mizan::text::{Lang, detect_lang};
use mizan::ui::keymap::Keymap;
use mizan::ui::runtime::{self, Analyser, Loader, Reloaded, Runtime};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Article files read before the first frame: enough to fill the screen,
/// and every file of a small corpus, so a single bad file still ends mizan
/// with its error instead of an empty reader.
const READ_BEFORE_FIRST_FRAME: usize = 200;
/// Files read per batch in the background: each batch re-sorts the list, so
/// not too small, and the list should fill in several steps, so not too big.
const LOAD_BATCH: usize = 1000;

pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let (config, config_path) = Config::locate(cli.config.as_deref())?;
    let keymap = Keymap::with_overrides(&config.keys)
        .map_err(|errors| anyhow::anyhow!("{}", errors.join("\n")))
        .context("in the configuration's [keys]")?;
    let (loaded, rest, source) = if !cli.paths.is_empty() {
        let (loaded, rest) =
            corpus::load_paths_split(&cli.paths, &config.limits, READ_BEFORE_FIRST_FRAME);
        (loaded, Some(rest), describe_paths(&cli.paths))
    } else {
        let configured = corpus::load_configured(&config, &default_db_path()?);
        if configured.articles.is_empty() && configured.problems.is_empty() {
            (corpus::samples(), None, "bundled samples".to_string())
        } else {
            (configured, None, "configured sources".to_string())
        }
    };
    let rest = rest.filter(|rest| !rest.is_empty());
    if loaded.articles.is_empty() && loaded.has_errors() && rest.is_none() {
        let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        anyhow::bail!("no article could be loaded:\n{}", problems.join("\n"));
    }
    let notice = problems_notice(&loaded.problems);
    let (analyser, directory, lexicon_errors) = match analysis(&config) {
        Ok((analyser, directory)) => (analyser, directory, Vec::new()),
        Err(errors) => {
            let (analyser, directory) = wire(Lexicon::builtin(), &config);
            (analyser, directory, errors)
        }
    };
    let options = StartOptions {
        layout: config.layout,
        sort: config.sort,
        sync_scroll: config.sync_scroll,
        directory,
        source,
    };
    let mut state = State::new(loaded.articles, options);
    if let Some(notice) = notice {
        update(&mut state, Action::Notice(notice));
    }
    if !lexicon_errors.is_empty() {
        update(&mut state, Action::LexiconError(lexicon_errors));
    }
    let mut watch: Vec<PathBuf> = config.lexicons.dirs.clone();
    watch.extend(config_path.clone());
    // Watched even before `mizan init` creates the copies' parent files.
    watch.extend(user_lexicon_dir().filter(|dir| !watch.contains(dir)));
    let explicit = cli.config.clone();
    let runtime = Runtime {
        keymap,
        analyser,
        reload: Box::new(move || reload(explicit.as_deref())),
        watch,
        loader: rest.map(|rest| background_loader(rest, loaded.problems)),
    };
    runtime::run(&mut state, runtime)?;
    Ok(ExitCode::SUCCESS)
}

/// The tagger and the party directory for `config`.
/// The configured lexicon wired for the reader; `Err` holds its errors
/// (`file:line:col: message`), and the lexicon is not used.
fn analysis(config: &Config) -> Result<(Analyser, Directory), Vec<String>> {
    let lexicon = Lexicon::load(&config.lexicons).map_err(|problems| {
        problems
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    })?;
    Ok(wire(lexicon, config))
}

/// The tagger over `lexicon`, and the party directory the reader shows.
fn wire(lexicon: Lexicon, config: &Config) -> (Analyser, Directory) {
    let directory = directory(&lexicon).with_colors(&config.colors);
    let lexicon = Arc::new(lexicon);
    let analyser: Analyser = Arc::new(move |article| tag_article(article, &lexicon));
    (analyser, directory)
}

/// Every party with its names, and every person's English names with their
/// Arabic spellings (so the filter finds بلينكن from `blinken`).
fn directory(lexicon: &Lexicon) -> Directory {
    let parties = lexicon.parties().map(|party| PartyInfo {
        id: party.id.clone(),
        name_en: party.name_en.clone(),
        name_ar: party.name_ar.clone(),
        ..PartyInfo::default()
    });
    let aliases = lexicon
        .people()
        .map(|person| {
            let (arabic, english): (Vec<String>, Vec<String>) = person
                .names
                .iter()
                .cloned()
                .partition(|name| detect_lang(name) == Lang::Ar);
            NameAlias {
                english: english.join(" / "),
                arabic,
            }
        })
        .filter(|alias| !alias.english.is_empty() && !alias.arabic.is_empty())
        .collect();
    Directory::new(parties, aliases)
}

/// Re-reads the configuration (and with it the lexicons).
fn reload(explicit: Option<&std::path::Path>) -> Result<Reloaded, Vec<String>> {
    let (config, _) = Config::locate(explicit).map_err(|error| vec![error.to_string()])?;
    let keymap = Keymap::with_overrides(&config.keys)?;
    let (analyser, directory) = analysis(&config)?;
    Ok(Reloaded {
        analyser,
        directory,
        keymap,
    })
}

fn describe_paths(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.display().to_string(),
        many => format!("{} paths", many.len()),
    }
}

/// Reads the rest of the article files in batches, reporting progress in
/// the status bar, then the problems of the whole load (`earlier` are those
/// met before the first frame).
fn background_loader(rest: Remaining, earlier: Vec<Problem>) -> Loader {
    Box::new(move |send| {
        let total = rest.total_files();
        let mut problems = earlier;
        rest.load_in_batches(LOAD_BATCH, |batch, read| {
            problems.extend(batch.problems);
            send(Action::ArticlesLoaded(batch.articles));
            send(Action::Notice(format!("loading {read}/{total}")));
        });
        let done = problems_notice(&problems).unwrap_or_else(|| format!("{total} files loaded"));
        send(Action::Notice(done));
    })
}

fn problems_notice(problems: &[Problem]) -> Option<String> {
    let first = problems.first()?;
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    Some(format!("{first}{more}"))
}
