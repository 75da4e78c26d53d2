//! `mizan [PATH...]`: the reader. Loads the configuration and the articles,
//! builds the state and hands over to the event loop; the closures that tag
//! an article (through the analysis cache for stored ones), reload the
//! lexicon, read the rest of a large corpus or of the store in the
//! background, refresh the feeds and save read state are wired here.

use super::Cli;
use anyhow::Context;
use mizan::app::{Action, Directory, NameAlias, PartyInfo, StartOptions, State, update};
use mizan::config::{Config, user_config_file, user_lexicon_dir};
use mizan::init::{EditPlace, overlay_for};
use mizan::sources::{configured_feeds, load_configured_paged};
use mizan::ui::keymap::Keymap;
use mizan::ui::runtime::{self, Analyser, Loader, ReadStateWriter, Refresher, Reloaded, Runtime};
use mizan_engine::corpus::names::Names;
use mizan_engine::corpus::{self, Loaded, Problem, Remaining};
use mizan_engine::lexicon::{Lexicon, Origin, builtin_text};
use mizan_store::feeds::FetchOptions;
use mizan_store::feeds::refresh::refresh;
use mizan_store::guard::catch_panic;
use mizan_store::stored::{AnalysisCache, StoredPage, StoredRest};
use mizan_store::{ReadChange, ReadState, Store, default_db_path};
use mizan_text::{Lang, detect_lang};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// Article files read before the first frame: enough to fill the screen,
/// and every file of a small corpus, so a single bad file still ends mizan
/// with its error instead of an empty reader.
const READ_BEFORE_FIRST_FRAME: usize = 200;
/// Files read per batch in the background: each batch re-sorts the list, so
/// not too small, and the list should fill in several steps, so not too big.
const LOAD_BATCH: usize = 1000;

/// Where the reader's articles come from, as read before the first frame.
struct Start {
    loaded: Loaded,
    read_states: Vec<(i64, ReadState)>,
    /// The rest, read in the background.
    loader: Option<Loader>,
    /// What the status bar calls the source.
    source: String,
    /// The store, when the reader shows the configured sources: stored
    /// articles are cached, refreshed and keep their read state.
    db: Option<PathBuf>,
}

pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let (config, config_path) = Config::locate(cli.config.as_deref())?;
    let keymap = Keymap::with_overrides(&config.keys)
        .map_err(|errors| anyhow::anyhow!("{}", errors.join("\n")))
        .context("in the configuration's [keys]")?;
    let start = if cli.paths.is_empty() {
        start_configured(&config, default_db_path()?)
    } else {
        start_paths(&cli.paths, &config)
    };
    let loaded = start.loaded;
    if loaded.articles.is_empty() && loaded.has_errors() && start.loader.is_none() {
        let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        anyhow::bail!("no article could be loaded:\n{}", problems.join("\n"));
    }
    let notice = problems_notice(&loaded.problems);
    let db = start.db;
    let (analyser, directory, lexicon_errors) = match analysis(&config, db.as_deref()) {
        Ok((analyser, directory)) => (analyser, directory, Vec::new()),
        Err(errors) => {
            let (analyser, directory) = wire(Lexicon::builtin(), &config, db.as_deref());
            (analyser, directory, errors)
        }
    };
    let options = StartOptions {
        layout: config.layout,
        sort: config.sort,
        sync_scroll: config.sync_scroll,
        directory,
        source: start.source,
    };
    let mut state = State::new(loaded.articles, options);
    update(&mut state, Action::ReadStatesLoaded(start.read_states));
    // Local files keep their read state in the store too, whichever way
    // the reader was started.
    let read_state_db = db.clone().or_else(|| default_db_path().ok());
    if let Some(path) = &read_state_db {
        match local_read_states(path) {
            Ok(states) => update(&mut state, Action::LocalReadStatesLoaded(states)),
            Err(error) => update(&mut state, Action::Notice(format!("read state: {error}"))),
        }
    }
    if let Some(notice) = notice {
        update(&mut state, Action::Notice(notice));
    }
    if !lexicon_errors.is_empty() {
        update(&mut state, Action::LexiconError(lexicon_errors));
    }
    let mut watch: Vec<PathBuf> = config.lexicons.dirs.clone();
    // The user's config.toml is watched before it exists: `mizan init`
    // may write it while the reader runs.
    watch.extend(config_path.or_else(user_config_file));
    // Watched even before `mizan init` creates the copies' parent files.
    watch.extend(user_lexicon_dir().filter(|dir| !watch.contains(dir)));
    let explicit = cli.config.clone();
    let reload_db = db.clone();
    let runtime = Runtime {
        keymap,
        analyser,
        reload: Box::new(move || reload(explicit.as_deref(), reload_db.as_deref())),
        watch,
        loader: start.loader,
        refresh: db.clone().map(|db| refresher(cli.config.clone(), db)),
        read_states: read_state_db.map(read_state_writer),
        entry_file: Box::new(|origin| entry_file(origin, user_lexicon_dir().as_deref())),
    };
    runtime::run(&mut state, runtime)?;
    Ok(ExitCode::SUCCESS)
}

/// `mizan PATH...`: the first files now, the rest in the background.
fn start_paths(paths: &[PathBuf], config: &Config) -> Start {
    let (loaded, rest) = corpus::load_paths_split(paths, &config.limits, READ_BEFORE_FIRST_FRAME);
    let loader = (!rest.is_empty()).then(|| background_loader(rest, loaded.problems.clone()));
    Start {
        loaded,
        read_states: Vec::new(),
        loader,
        source: describe_paths(paths),
        db: None,
    }
}

/// `mizan`: the configured local files and the first page of the store now,
/// the rest of the store in the background; the bundled samples when there
/// is nothing at all.
fn start_configured(config: &Config, db: PathBuf) -> Start {
    let paged = load_configured_paged(config, &db, READ_BEFORE_FIRST_FRAME);
    let (loaded, source) = if paged.loaded.articles.is_empty() && paged.loaded.problems.is_empty() {
        (corpus::samples(), "bundled samples")
    } else {
        (paged.loaded, "configured sources")
    };
    Start {
        loaded,
        read_states: paged.read_states,
        loader: paged.rest.map(stored_loader),
        source: source.to_string(),
        db: Some(db),
    }
}

/// The tagger and the party directory for `config`.
/// The configured lexicon wired for the reader; `Err` holds its errors
/// (`file:line:col: message`), and the lexicon is not used.
fn analysis(config: &Config, db: Option<&Path>) -> Result<(Analyser, Directory), Vec<String>> {
    let lexicon = Lexicon::load(&config.lexicons).map_err(|problems| {
        problems
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    })?;
    Ok(wire(lexicon, config, db))
}

/// The tagger over `lexicon` (through the analysis cache of the store at
/// `db`, when there is one), and the party directory the reader shows.
fn wire(lexicon: Lexicon, config: &Config, db: Option<&Path>) -> (Analyser, Directory) {
    let directory = directory(&lexicon).with_colors(&config.colors);
    let cache = db.map(|db| AnalysisCache::new(db, lexicon.version()));
    let lexicon = Arc::new(lexicon);
    let analyser: Analyser = match cache {
        Some(cache) => {
            Arc::new(move |article| cache.statements(article, |article| article.tag(&lexicon)))
        }
        None => Arc::new(move |article| article.tag(&lexicon)),
    };
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
    Directory::new(parties, aliases).with_known_names(Names::from_lexicon(lexicon))
}

/// Where `E` edits lexicon entry `origin`, or exactly why it cannot: an
/// entry of a user file is edited where it is; a built-in entry is copied
/// into the user's overlay of its file below `user_dir` (created when
/// missing, nothing in it changed), where it overrides the built-in one.
fn entry_file(origin: &Origin, user_dir: Option<&Path>) -> Result<EditPlace, String> {
    let name = &*origin.file;
    let at = format!("{name}:{}", origin.line);
    if builtin_text(name).is_none() && !Path::new(name).is_file() {
        return Err(format!(
            "no editor: {at} is not there any more (moved or deleted since it was read)"
        ));
    }
    let Some(dir) = user_dir else {
        return Err(format!(
            "no editor: {at} is built into mizan and there is no configuration directory for your overlay of it (is $HOME set?)"
        ));
    };
    overlay_for(dir, origin).map_err(|error| format!("no editor for {at}: {error}"))
}

/// Re-reads the configuration (and with it the lexicons).
fn reload(explicit: Option<&Path>, db: Option<&Path>) -> Result<Reloaded, Vec<String>> {
    let (config, _) = Config::locate(explicit).map_err(|error| vec![error.to_string()])?;
    let keymap = Keymap::with_overrides(&config.keys)?;
    let (analyser, directory) = analysis(&config, db)?;
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

/// Reads the stored articles after the first page in batches, with their
/// read state, reporting progress in the status bar.
fn stored_loader(rest: StoredRest) -> Loader {
    Box::new(move |send| {
        let total = rest.total();
        let mut read = rest.first_page_len();
        let outcome = rest.load_in_batches(LOAD_BATCH, |page| {
            read += page.articles.len();
            send_page(send, page);
            send(Action::Notice(format!(
                "loading {read}/{total} stored articles"
            )));
            true
        });
        send(Action::Notice(match outcome {
            Ok(()) => format!("{total} stored articles loaded"),
            Err(error) => format!("reading the store: {error}"),
        }));
    })
}

/// Read states first, so the articles show theirs as soon as they appear.
fn send_page(send: &dyn Fn(Action), page: StoredPage) {
    send(Action::ReadStatesLoaded(page.read_states));
    send(Action::ArticlesLoaded(page.articles));
}

/// The refresh the `refresh` action starts: the configured feeds (read
/// again, so an edited configuration counts), fetched into `db`. It always
/// ends with `RefreshFinished`, a panic included, so the reader never waits
/// for a refresh that died.
fn refresher(explicit: Option<PathBuf>, db: PathBuf) -> Refresher {
    Box::new(move || {
        let (explicit, db) = (explicit.clone(), db.clone());
        Box::new(move |send| {
            let outcome = catch_panic(|| refresh_feeds(explicit.as_deref(), &db, send))
                .unwrap_or_else(|message| format!("error: the refresh failed: {message}"));
            send(Action::RefreshFinished(outcome));
        })
    })
}

/// Fetches every configured feed, reporting progress, and hands the new
/// articles to the reader; the outcome for the status bar.
fn refresh_feeds(explicit: Option<&Path>, db: &Path, send: &dyn Fn(Action)) -> String {
    let feeds: Vec<_> = match Config::locate(explicit) {
        Ok((config, _)) => configured_feeds(&config)
            .into_iter()
            .map(|(feed, _)| feed)
            .collect(),
        Err(error) => return format!("refresh: {error}"),
    };
    if feeds.is_empty() {
        return "no feeds to refresh: add [[source]] entries with a url".to_string();
    }
    let total = feeds.len();
    send(Action::Notice(format!("refreshing 0/{total} feeds")));
    let progress = |done, total| send(Action::Notice(format!("refreshing {done}/{total} feeds")));
    match refresh(db, &feeds, &FetchOptions::default(), progress) {
        Ok(refreshed) => {
            send_page(send, StoredPage::of(&refreshed.new));
            refreshed.summary()
        }
        Err(error) => format!("refresh failed: {error}"),
    }
}

/// The read state of local files kept in the store at `db` (none before
/// the store exists: the first change creates it).
fn local_read_states(db: &Path) -> Result<Vec<(String, ReadState)>, mizan_store::StoreError> {
    if !db.exists() {
        return Ok(Vec::new());
    }
    Store::open_read_only(db)?.local_read_states()
}

/// How long quitting waits for read state still being saved.
const SAVE_GRACE: Duration = Duration::from_secs(1);

/// Saves read-state changes on a thread of its own, in order: a database
/// locked by a running fetch delays the save, never a frame.
fn read_state_writer(db: PathBuf) -> ReadStateWriter {
    let (sender, batches) = mpsc::channel::<(Vec<ReadChange>, mpsc::Sender<Action>)>();
    let (done, finished) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let mut store: Option<Store> = None;
        for (changes, actions) in batches {
            if let Err(error) = save_read_states(&db, &mut store, &changes) {
                let _ = actions.send(Action::Notice(format!("read state not saved: {error}")));
            }
        }
        drop(done);
    });
    let writer = WriterThread {
        sender: Some(sender),
        finished,
    };
    Box::new(move |changes, actions| writer.send(changes, actions))
}

/// The read-state writer's end of its thread. Dropped when the reader
/// quits: the article just opened is still marked read, unless the store
/// stays locked for longer than [`SAVE_GRACE`].
struct WriterThread {
    sender: Option<mpsc::Sender<(Vec<ReadChange>, mpsc::Sender<Action>)>>,
    finished: mpsc::Receiver<()>,
}

impl WriterThread {
    fn send(&self, changes: Vec<ReadChange>, actions: &mpsc::Sender<Action>) {
        if let Some(sender) = &self.sender {
            // A closed channel means the thread is gone; nothing to save to.
            let _ = sender.send((changes, actions.clone()));
        }
    }
}

impl Drop for WriterThread {
    fn drop(&mut self) {
        // Closing the channel ends the thread once the queue is saved.
        self.sender = None;
        let _ = self.finished.recv_timeout(SAVE_GRACE);
    }
}

fn save_read_states(
    db: &Path,
    store: &mut Option<Store>,
    changes: &[ReadChange],
) -> Result<(), mizan_store::StoreError> {
    let store = match store {
        Some(store) => store,
        None => store.insert(Store::open(db)?),
    };
    changes
        .iter()
        .try_for_each(|change| store.apply(change.clone()))
}

fn problems_notice(problems: &[Problem]) -> Option<String> {
    let first = problems.first()?;
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    Some(format!("{first}{more}"))
}

#[cfg(test)]
mod tests {
    use super::{builtin_text, entry_file};
    use mizan_engine::lexicon::Origin;

    fn origin(file: &str) -> Origin {
        Origin {
            file: file.into(),
            line: 12,
        }
    }

    #[test]
    fn e_copies_a_built_in_entry_into_the_overlay_or_says_why_it_cannot() {
        let home = tempfile::tempdir().expect("temp dir");
        let dir = home.path().join("lexicons");
        let cues = builtin_text("en/cues.toml").expect("built in");
        let id_line = cues
            .lines()
            .position(|line| line.starts_with("id = "))
            .expect("an entry")
            + 1;
        let entry = Origin {
            file: "en/cues.toml".into(),
            line: u32::try_from(id_line).expect("small"),
        };
        let place = entry_file(&entry, Some(&dir)).expect("an overlay");
        assert_eq!(place.path, dir.join("en/cues.toml"));
        assert!(place.written);
        let overlay = std::fs::read_to_string(&place.path).expect("written");
        let opened_at = overlay.lines().nth(place.line - 1).expect("the line");
        assert_eq!(opened_at, cues.lines().nth(id_line - 1).expect("id line"));

        let mine = dir.join("en/cues-mine.toml");
        let gone = entry_file(&origin(&mine.display().to_string()), Some(&dir)).unwrap_err();
        assert!(gone.contains("is not there any more"), "{gone}");
        std::fs::write(&mine, "").expect("write");
        let place = entry_file(&origin(&mine.display().to_string()), Some(&dir)).expect("mine");
        assert_eq!((place.path, place.line, place.written), (mine, 12, false));
        let homeless = entry_file(&origin("ar/cues.toml"), None).unwrap_err();
        assert!(homeless.contains("is $HOME set?"), "{homeless}");
    }
}
