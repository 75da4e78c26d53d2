//! The event loop: owns the terminal, turns terminal events into actions
//! through the keymap, and runs the background work whose results arrive as
//! actions over a channel: loading the articles that were not read before
//! the first frame, tagging (started once they are all in, re-run from
//! scratch after every lexicon reload, stale passes discarded by generation),
//! grouping the tagged articles into stories once a pass completes, a file
//! watcher that reloads lexicons and configuration, a refresh of the feeds
//! (run like a loader) and the saving of read state. What loading, tagging,
//! reloading, refreshing and saving mean is given as closures, so this module
//! knows nothing about files, lexicons or the store. What the reader asks
//! for outside itself (a browser, the clipboard, an export file) is done by
//! `external` and told back in the status bar.
//!
//! The terminal is always given back, and only when the process ends:
//! `ratatui::init` installs a panic hook that restores it, ours chains
//! before it to switch off mouse capture and explicit bidi mode, and
//! SIGTERM/SIGINT/SIGHUP end the loop normally. A panic on any other thread
//! leaves the reader running: the hook queues its message, which the loop
//! shows in the status bar, and leaves the terminal alone (a panic that
//! `mizan_store::guard` turns into an error is not even queued).

use super::draw;
use super::external;
use super::keymap::Keymap;
use super::watch::{Watch, WatchSet};
use crate::app::requests::Request;
use crate::app::{Action, Directory, State, StoriesRequest, update};
use crate::init::EditPlace;
use mizan_engine::corpus::Article;
use mizan_engine::lexicon::Origin;
use mizan_engine::tagger::Statement;
use mizan_store::ReadChange;
use mizan_store::guard;
use mizan_text::layout::BidiMode;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

/// Finds the statements of one article.
pub type Analyser = Arc<dyn Fn(&Article) -> Vec<Statement> + Send + Sync>;

/// What a successful reload puts in force.
pub struct Reloaded {
    pub analyser: Analyser,
    pub directory: Directory,
    /// The key bindings of the new configuration.
    pub keymap: Keymap,
}

/// Re-reads configuration and lexicons; `Err` holds `file:line:col: message`
/// lines and leaves the previous lexicon in force.
pub type Reloader = Box<dyn FnMut() -> Result<Reloaded, Vec<String>>>;

/// Reads the articles not loaded before the first frame, on a thread of its
/// own, handing them (and progress notices) to the sink as actions.
pub type Loader = Box<dyn FnOnce(&dyn Fn(Action)) + Send>;

/// Fetches the feeds on a thread of its own, like a [`Loader`]: the
/// articles it stored arrive as `ArticlesLoaded`, its outcome as
/// `RefreshFinished`.
pub type Refresher = Box<dyn FnMut() -> Loader>;

/// Saves read-state changes to the store off the UI thread; problems come
/// back over the sender as actions.
pub type ReadStateWriter = Box<dyn FnMut(Vec<ReadChange>, &mpsc::Sender<Action>)>;

/// The file `E` opens for a lexicon entry, or exactly why there is none.
pub type EntryFile = Box<dyn Fn(&Origin) -> Result<EditPlace, String>>;

/// What the event loop needs besides the state.
pub struct Runtime {
    pub keymap: Keymap,
    pub analyser: Analyser,
    pub reload: Reloader,
    /// Files and directories whose changes trigger a reload.
    pub watch: Vec<PathBuf>,
    /// The rest of the articles, when they are still to be read.
    pub loader: Option<Loader>,
    /// The feeds' refresh, when the reader shows the configured sources.
    pub refresh: Option<Refresher>,
    pub read_states: Option<ReadStateWriter>,
    pub entry_file: EntryFile,
}

/// How long the watcher waits for edits to settle before reloading.
const RELOAD_DEBOUNCE: Duration = Duration::from_millis(200);
/// How often the loop wakes without input, to pick up background results.
const TICK: Duration = Duration::from_millis(30);
/// Explicit (app-managed) bidi mode on, then back to implicit.
const BIDI_EXPLICIT: &str = "\x1b[8l";
const BIDI_IMPLICIT: &str = "\x1b[8h";

/// Runs the reader until the user quits or a termination signal arrives.
pub fn run(state: &mut State, mut runtime: Runtime) -> io::Result<()> {
    let bidi = state.layout().bidi == BidiMode::App;
    let mut terminal = ratatui::try_init()?;
    install_panic_hook(bidi);
    let result =
        prepare_terminal(bidi).and_then(|()| event_loop(&mut terminal, state, &mut runtime));
    leave_terminal(bidi);
    // Not `ratatui::restore`: it reports its failure with `eprintln!`,
    // which panics when the terminal is gone.
    let _ = ratatui::try_restore();
    result
}

fn prepare_terminal(bidi: bool) -> io::Result<()> {
    let mut out = io::stdout();
    execute!(out, EnableMouseCapture)?;
    if bidi {
        out.write_all(BIDI_EXPLICIT.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}

fn leave_terminal(bidi: bool) {
    let mut out = io::stdout();
    // Best effort: the terminal may already be gone.
    let _ = execute!(out, DisableMouseCapture);
    if bidi {
        let _ = out.write_all(BIDI_IMPLICIT.as_bytes());
        let _ = out.flush();
    }
}

fn install_panic_hook(bidi: bool) {
    install_reader_panic_hook(move || leave_terminal(bidi));
}

/// Panics of background threads not yet shown.
static BACKGROUND_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Chains a hook before the current one: a panic on the calling thread
/// (the reader's) runs `restore` and then the previous hook, as the
/// process is ending; a panic on another thread is queued for
/// [`take_background_panics`] and nothing is written to the terminal; a
/// panic that `mizan_store::guard` catches passes silently.
pub fn install_reader_panic_hook(restore: impl Fn() + Send + Sync + 'static) {
    let reader = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if guard::is_caught_here() {
            return;
        }
        let thread = std::thread::current();
        if thread.id() == reader {
            restore();
            previous(info);
            return;
        }
        let name = thread.name().unwrap_or("a background thread");
        let message = format!("{name} failed: {}", guard::describe_panic(info));
        BACKGROUND_PANICS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(message);
    }));
}

/// The messages of the background panics since the last call.
pub fn take_background_panics() -> Vec<String> {
    std::mem::take(
        &mut *BACKGROUND_PANICS
            .lock()
            .unwrap_or_else(PoisonError::into_inner),
    )
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    state: &mut State,
    runtime: &mut Runtime,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    // SIGHUP too: `kill -HUP` leaves the terminal in place, and it must be
    // restored. When the terminal is really gone, `exit_if_stuck` ends a
    // loop spinning on its end-of-file within `STOP_GRACE`.
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    exit_if_stuck(Arc::clone(&stop), state.layout().bidi == BidiMode::App);
    let (actions, results) = mpsc::channel::<Action>();
    let tagging = Tagging::new(actions.clone());
    let (changes_tx, changes) = mpsc::channel::<()>();
    let mut watching = None;
    watch(state, &runtime.watch, &changes_tx, &mut watching);
    let size = terminal.size()?;
    update(
        state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    // Tagging waits for the last article: a pass holding the article list
    // would make every arriving batch copy it. The loader starts after the
    // first frame, which it would otherwise slow down on a busy machine.
    let mut loader = runtime.loader.take();
    let mut loading = None;
    if loader.is_none() {
        tagging.start(state, Arc::clone(&runtime.analyser));
    }
    let mut reload_due: Option<Instant> = None;
    let mut dirty = true;
    let mut trimmed_after: u64 = 0;
    while !state.quit_requested() && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| draw(frame, state, &runtime.keymap))?;
            dirty = false;
        }
        if let Some(loader) = loader.take() {
            loading = Some(spawn_loader(loader));
        }
        if event::poll(TICK)? {
            let event = event::read()?;
            if let Some(action) = runtime.keymap.translate(state, &event) {
                update(state, action);
            }
            dirty = true;
        }
        for message in take_background_panics() {
            update(state, Action::Notice(format!("error: {message}")));
            dirty = true;
        }
        for action in coalesce(results.try_iter()) {
            // The stories are the last work of a tagging pass: what the
            // pass freed can go back to the system once they are in.
            let pass_done = matches!(&action,
                Action::StoriesBuilt { generation, .. } if *generation == state.generation());
            update(state, action);
            if pass_done && trimmed_after != state.generation() {
                trimmed_after = state.generation();
                release_freed_memory();
            }
            dirty = true;
        }
        if let Some(request) = state.take_stories_request() {
            tagging.build_stories(request);
        }
        dirty |= store_work(state, runtime, &actions, &mut loading);
        if let Some(batches) = &loading {
            let (arrived, done) = receive_loaded(state, batches);
            dirty |= arrived || done;
            if done {
                loading = None;
                tagging.start(state, Arc::clone(&runtime.analyser));
            }
        }
        if changes.try_recv().is_ok() {
            while changes.try_recv().is_ok() {}
            reload_due = Some(Instant::now() + RELOAD_DEBOUNCE);
        }
        if reload_due.is_some_and(|due| Instant::now() >= due) {
            reload_due = None;
            reload(state, runtime, &tagging, loading.is_some());
            // Directories the edit created (`mizan init`) are watched from now on.
            watch(state, &runtime.watch, &changes_tx, &mut watching);
            dirty = true;
        }
        for request in state.take_requests() {
            serve(state, request);
            dirty = true;
        }
        if let Some(origin) = state.take_editor_request() {
            match (runtime.entry_file)(&origin) {
                Ok(place) => {
                    edit(terminal, state, &place.path, place.line)?;
                    reload(state, runtime, &tagging, loading.is_some());
                    if place.written {
                        let copied = format!(
                            "{}:{} copied into your overlay {}: your edits there override it",
                            origin.file,
                            origin.line,
                            place.path.display()
                        );
                        update(state, Action::Notice(copied));
                    }
                }
                Err(why) => update(state, Action::Notice(why)),
            }
            dirty = true;
        }
    }
    tagging.cancel();
    Ok(())
}

/// Hands the memory a finished tagging pass and its story grouping freed
/// back to the system.
///
/// glibc returns only the top of a heap by itself; the pass's temporaries
/// (the tagger threads' working buffers between the statements they keep,
/// the counts of the story grouping) leave free pages inside the heaps that
/// stay resident. Measured over 10,000 generated articles
/// (`scripts/startup.sh`): live heap 137 MiB, RSS 181 MiB before the call,
/// 160 MiB after it. The call costs a few milliseconds once per pass.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    // SAFETY: glibc's malloc_trim takes no pointers and only gives free
    // pages back; it is safe to call from any thread at any time.
    unsafe {
        malloc_trim(0);
    }
}

/// Other allocators return freed memory on their own terms.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// The pending actions with consecutive tagging results of one pass merged
/// into one action, so the state re-filters once per frame, not per article.
fn coalesce(pending: impl Iterator<Item = Action>) -> Vec<Action> {
    let mut merged: Vec<Action> = Vec::new();
    for action in pending {
        match (merged.last_mut(), action) {
            (
                Some(Action::Analysed {
                    generation,
                    results,
                }),
                Action::Analysed {
                    generation: next,
                    results: more,
                },
            ) if *generation == next => results.extend(more),
            (_, action) => merged.push(action),
        }
    }
    merged
}

/// How long the loop gets to wind down after a termination signal.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Once `stop` is set, gives the event loop [`STOP_GRACE`] to return, then
/// restores the terminal and exits: a loop blocked on a terminal that went
/// away must not keep running.
fn exit_if_stuck(stop: Arc<AtomicBool>, bidi: bool) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(TICK);
        }
        std::thread::sleep(STOP_GRACE);
        leave_terminal(bidi);
        // A terminal that went away makes every write fail: nothing here
        // may panic, or this thread dies and the loop spins on forever.
        let _ = ratatui::try_restore();
        std::process::exit(1);
    });
}

/// Runs `loader` on its own thread; its channel closes when it is done.
fn spawn_loader(loader: Loader) -> mpsc::Receiver<Action> {
    let (sender, batches) = mpsc::channel();
    std::thread::spawn(move || {
        // A closed channel means the reader has quit.
        loader(&|action| {
            let _ = sender.send(action);
        });
    });
    batches
}

/// Hands the state's read-state changes to the writer and starts an asked
/// for refresh (after the initial load: both append to the list); whether
/// the state changed.
fn store_work(
    state: &mut State,
    runtime: &mut Runtime,
    actions: &mpsc::Sender<Action>,
    loading: &mut Option<mpsc::Receiver<Action>>,
) -> bool {
    let changes = state.take_read_changes();
    if let Some(write) = runtime.read_states.as_mut().filter(|_| !changes.is_empty()) {
        write(changes, actions);
    }
    if !state.take_refresh_request() {
        return false;
    }
    let refused = match (&mut runtime.refresh, loading.is_some()) {
        (Some(refresh), false) => {
            *loading = Some(spawn_loader(refresh()));
            return false;
        }
        (Some(_), true) => "articles are still loading: refresh once they are in",
        (None, _) => "refresh works on the configured sources: run mizan without a PATH",
    };
    update(state, Action::RefreshFinished(refused.into()));
    true
}

/// Applies the batches that arrived, merged so the list is re-sorted once
/// per frame however many came: a loader faster than the re-sorting would
/// otherwise keep the loop here, and the screen frozen, until it is done.
/// Whether any arrived, and whether the loader is done.
fn receive_loaded(state: &mut State, batches: &mpsc::Receiver<Action>) -> (bool, bool) {
    let mut pending = Vec::new();
    let done = loop {
        match batches.try_recv() {
            Ok(action) => pending.push(action),
            Err(mpsc::TryRecvError::Empty) => break false,
            Err(mpsc::TryRecvError::Disconnected) => break true,
        }
    };
    let arrived = !pending.is_empty();
    for action in merge_loaded(pending) {
        update(state, action);
    }
    (arrived, done)
}

/// The read states, then the articles, of all `pending` batches as one
/// action each (both only add to the state), then the other actions in
/// their order.
fn merge_loaded(pending: Vec<Action>) -> Vec<Action> {
    let (mut articles, mut read_states, mut others) = (Vec::new(), Vec::new(), Vec::new());
    for action in pending {
        match action {
            Action::ArticlesLoaded(more) => articles.extend(more),
            Action::ReadStatesLoaded(more) => read_states.extend(more),
            other => others.push(other),
        }
    }
    let mut merged = Vec::with_capacity(others.len() + 2);
    if !read_states.is_empty() {
        merged.push(Action::ReadStatesLoaded(read_states));
    }
    if !articles.is_empty() {
        merged.push(Action::ArticlesLoaded(articles));
    }
    merged.extend(others);
    merged
}

/// Puts a reloaded configuration in force; a new tagging pass starts unless
/// articles are still `loading` (the pass starts when they are in).
fn reload(state: &mut State, runtime: &mut Runtime, tagging: &Tagging, loading: bool) {
    match (runtime.reload)() {
        Ok(reloaded) => {
            runtime.analyser = reloaded.analyser;
            runtime.keymap = reloaded.keymap;
            update(state, Action::LexiconReloaded(reloaded.directory));
            if !loading {
                tagging.start(state, Arc::clone(&runtime.analyser));
            }
        }
        Err(errors) => update(state, Action::LexiconError(errors)),
    }
}

/// The background tagging passes.
///
/// Tagging runs on a thread pool of its own: on rayon's global pool its
/// queued work would come before the filter's, and a keystroke would wait
/// for the tagger.
struct Tagging {
    actions: mpsc::Sender<Action>,
    /// The pass whose work is still wanted; older passes stop early.
    current: Arc<AtomicU64>,
    pool: Option<Arc<rayon::ThreadPool>>,
}

impl Tagging {
    fn new(actions: mpsc::Sender<Action>) -> Tagging {
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("mizan-tagger-{i}"))
            .build()
            .map(Arc::new);
        if let Err(error) = &pool {
            let _ = actions.send(Action::Notice(format!(
                "tagging on the shared pool: {error}"
            )));
        }
        Tagging {
            actions,
            current: Arc::new(AtomicU64::new(0)),
            pool: pool.ok(),
        }
    }

    /// Starts a new pass over every article; results arrive as `Analysed`.
    fn start(&self, state: &mut State, analyser: Analyser) {
        let generation = self.current.fetch_add(1, Ordering::SeqCst) + 1;
        update(state, Action::AnalysisStarted { generation });
        let articles = Arc::clone(state.library().articles());
        let current = Arc::clone(&self.current);
        let actions = self.actions.clone();
        let pool = self.pool.clone();
        let pass = move || {
            (0..articles.len())
                .into_par_iter()
                .for_each_with(actions, |actions, article| {
                    if current.load(Ordering::Relaxed) != generation {
                        return;
                    }
                    let statements = analyser(&articles[article]);
                    // A closed channel means the reader has quit.
                    let _ = actions.send(Action::Analysed {
                        generation,
                        results: vec![(article, statements)],
                    });
                });
        };
        std::thread::spawn(move || match pool {
            Some(pool) => pool.install(pass),
            None => pass(),
        });
    }

    /// Builds the stories of a completed pass on the tagging pool (a
    /// keystroke's filter search on the global pool must not wait for it);
    /// the result arrives as `StoriesBuilt`. Skipped when a newer pass has
    /// started meanwhile.
    fn build_stories(&self, request: StoriesRequest) {
        let current = Arc::clone(&self.current);
        let actions = self.actions.clone();
        let pool = self.pool.clone();
        std::thread::spawn(move || {
            if current.load(Ordering::Relaxed) != request.generation {
                return;
            }
            let built = match pool {
                Some(pool) => pool.install(|| request.build()),
                None => request.build(),
            };
            // A closed channel means the reader has quit.
            let _ = actions.send(built);
        });
    }

    fn cancel(&self) {
        self.current.fetch_add(1, Ordering::SeqCst);
    }
}

/// (Re)starts the watch of `paths` for live reload in `watching`; each
/// change that concerns them sends `()`. Problems are status messages: the
/// reader works without it.
fn watch(
    state: &mut State,
    paths: &[PathBuf],
    changes: &mpsc::Sender<()>,
    watching: &mut Option<Watch>,
) {
    *watching = match super::watch::start(WatchSet::new(paths), changes.clone()) {
        Ok((watch, problems)) => {
            for problem in problems {
                update(state, Action::Notice(problem));
            }
            Some(watch)
        }
        Err(error) => {
            update(
                state,
                Action::Notice(format!("live reload is off: {error}")),
            );
            None
        }
    };
}

/// Does what the reader asked for outside itself, telling the outcome in
/// the status bar.
fn serve(state: &mut State, request: Request) {
    let outcome = match request {
        Request::OpenUrl(url) => match external::open_in_browser(&url) {
            Ok(program) => format!("opened {url} with {program}"),
            Err(error) => error,
        },
        Request::Copy(text) => external::copy_to_clipboard(&text, &mut io::stdout()),
        Request::Export(export) => {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
            let written = std::env::current_dir()
                .and_then(|dir| external::write_export(&export, &dir, &stamp));
            match written {
                Ok(path) => format!("wrote {} to {}", export.summary, shown_path(&path)),
                Err(error) => format!("could not write the {}: {error}", export.what),
            }
        }
    };
    update(state, Action::Notice(outcome));
}

/// `path` as the status bar names it: `./NAME` for a file in the current
/// directory.
fn shown_path(path: &Path) -> String {
    let here = std::env::current_dir().ok();
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) if Some(dir) == here.as_deref() => {
            format!("./{}", name.to_string_lossy())
        }
        _ => path.display().to_string(),
    }
}

/// Hands the terminal to `$VISUAL`/`$EDITOR` at `line` of `path`, then takes
/// it back.
fn edit(
    terminal: &mut DefaultTerminal,
    state: &mut State,
    path: &Path,
    line: usize,
) -> io::Result<()> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen)?;
    disable_raw_mode()?;
    let outcome = std::process::Command::new(program)
        .args(words)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()?;
    let message = match outcome {
        Ok(status) if status.success() => format!("edited {}:{line}", path.display()),
        Ok(status) => format!("{program} exited with {status}"),
        Err(error) => format!("could not run {program}: {error}"),
    };
    update(state, Action::Notice(message));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagging_results_of_one_pass_merge_and_other_actions_keep_their_place() {
        let analysed = |generation, article| Action::Analysed {
            generation,
            results: vec![(article, Vec::new())],
        };
        let pending = vec![
            analysed(1, 0),
            analysed(1, 1),
            Action::Notice("x".into()),
            analysed(1, 2),
            analysed(2, 0),
        ];
        let merged = coalesce(pending.into_iter());
        assert_eq!(merged.len(), 4);
        assert!(matches!(&merged[0], Action::Analysed { results, .. } if results.len() == 2));
        assert!(matches!(&merged[3], Action::Analysed { generation: 2, .. }));
    }

    #[test]
    fn loaded_batches_merge_into_one_and_notices_keep_their_order() {
        let article = |path: &str| Article {
            path: path.into(),
            source: String::new(),
            title: String::new(),
            title_range: None,
            meta: Default::default(),
            lang: mizan_text::Lang::En,
            paragraphs: Vec::new(),
        };
        let state = mizan_store::ReadState::default();
        let pending = vec![
            Action::ReadStatesLoaded(vec![(1, state)]),
            Action::ArticlesLoaded(vec![article("store:1")]),
            Action::Notice("loading 1/2".into()),
            Action::ReadStatesLoaded(vec![(2, state)]),
            Action::ArticlesLoaded(vec![article("store:2")]),
            Action::Notice("2 loaded".into()),
        ];
        let merged = merge_loaded(pending);
        assert_eq!(merged.len(), 4);
        assert!(matches!(&merged[0], Action::ReadStatesLoaded(states) if states.len() == 2));
        assert!(
            matches!(&merged[1], Action::ArticlesLoaded(articles) if articles[1].path == "store:2")
        );
        assert_eq!(merged[3], Action::Notice("2 loaded".into()));
    }
}
