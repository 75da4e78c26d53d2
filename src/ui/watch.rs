//! The watch behind live reload: which configuration and lexicon files
//! changed. Editors save by writing a new file and renaming it over the old
//! one, or by deleting and recreating it (`sed -i` renames too); a watch on
//! the file itself follows the old inode and goes quiet after the first such
//! save. So a file is watched through its directory and events are matched
//! by path, and a directory of lexicons is watched whole (or, until it
//! exists, through its parent, so its creation is seen).

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// The files and directories whose changes matter, by absolute path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WatchSet {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl WatchSet {
    /// `paths` sorted into directories (those that are directories now)
    /// and files (everything else, existing or not).
    pub fn new(paths: &[PathBuf]) -> WatchSet {
        let mut set = WatchSet::default();
        for path in paths {
            let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            if path.is_dir() {
                set.dirs.push(path);
            } else {
                set.files.push(path);
            }
        }
        set
    }

    /// Whether a change at `path` is one of ours: a watched file, or
    /// anything in (or the creation of) a watched directory.
    pub fn concerns(&self, path: &Path) -> bool {
        self.files.iter().any(|file| file == path)
            || self.dirs.iter().any(|dir| path.starts_with(dir))
    }

    /// What to hand the watcher: each file's directory, each directory
    /// whole; the ones that do not exist are left out.
    fn targets(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut targets: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        let parents = self.files.iter().filter_map(|file| file.parent());
        for parent in parents.filter(|dir| dir.is_dir()) {
            if !targets.iter().any(|(dir, _)| dir == parent) {
                targets.push((parent.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        for dir in &self.dirs {
            targets.retain(|(other, _)| other != dir);
            targets.push((dir.clone(), RecursiveMode::Recursive));
        }
        targets
    }
}

/// A running watch; dropping it stops it.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// Watches `set`, sending `()` on `changes` for each event that concerns
/// it. Directories that could not be watched are listed in the second
/// value, as status messages; `Err` when there is no watching at all.
pub fn start(set: WatchSet, changes: mpsc::Sender<()>) -> Result<(Watch, Vec<String>), String> {
    let targets = set.targets();
    let handler = move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else {
            return;
        };
        if !event.kind.is_access() && event.paths.iter().any(|path| set.concerns(path)) {
            // A closed channel means the reader has quit.
            let _ = changes.send(());
        }
    };
    let mut watcher = notify::recommended_watcher(handler).map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    for (dir, mode) in targets {
        if let Err(error) = watcher.watch(&dir, mode) {
            problems.push(format!("not watching {}: {error}", dir.display()));
        }
    }
    Ok((Watch { _watcher: watcher }, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// How long a test waits for an event that should come.
    const PATIENCE: Duration = Duration::from_secs(10);

    struct Watched {
        dir: tempfile::TempDir,
        changes: mpsc::Receiver<()>,
        _watch: Watch,
    }

    impl Watched {
        /// Watches `config.toml` and a `lexicons` directory in a fresh
        /// directory, both existing.
        fn new() -> Watched {
            let dir = tempfile::tempdir().expect("temp dir");
            std::fs::write(dir.path().join("config.toml"), "[reader]\n").expect("write");
            std::fs::create_dir(dir.path().join("lexicons")).expect("mkdir");
            let set = WatchSet::new(&[dir.path().join("config.toml"), dir.path().join("lexicons")]);
            let (sender, changes) = mpsc::channel();
            let (watch, problems) = start(set, sender).expect("a watcher");
            assert!(problems.is_empty(), "{problems:?}");
            Watched {
                dir,
                changes,
                _watch: watch,
            }
        }

        fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        /// Waits for the events of one edit, then lets the rest of its
        /// events pass; whether there was one.
        fn saw_a_change(&self) -> bool {
            self.saw_a_change_within(PATIENCE)
        }

        fn saw_a_change_within(&self, patience: Duration) -> bool {
            let seen = self.changes.recv_timeout(patience).is_ok();
            while self
                .changes
                .recv_timeout(Duration::from_millis(300))
                .is_ok()
            {}
            seen
        }
    }

    #[test]
    fn atomic_saves_of_the_file_are_seen_again_and_again() {
        let watched = Watched::new();
        let config = watched.path("config.toml");
        for round in 0..3 {
            let temporary = watched.path(".config.toml.swp");
            std::fs::write(&temporary, format!("# save {round}\n")).expect("write");
            std::fs::rename(&temporary, &config).expect("rename over");
            assert!(watched.saw_a_change(), "rename over, save {round}");
        }
        std::fs::remove_file(&config).expect("delete");
        assert!(watched.saw_a_change(), "delete");
        std::fs::write(&config, "[reader]\n").expect("recreate");
        assert!(watched.saw_a_change(), "recreate");
        std::fs::write(&config, "[reader]\nsort = \"title\"\n").expect("write in place");
        assert!(watched.saw_a_change(), "in place, after the others");
    }

    #[test]
    fn sed_in_place_is_seen() {
        let sed_works = std::process::Command::new("sed")
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success());
        if !sed_works {
            eprintln!("*** SKIPPED sed_in_place_is_seen: no GNU sed ***");
            return;
        }
        let watched = Watched::new();
        for word in ["title", "date"] {
            let status = std::process::Command::new("sed")
                .arg("-i")
                .arg(format!("s/^\\[reader\\].*/[reader] # {word}/"))
                .arg(watched.path("config.toml"))
                .status()
                .expect("sed runs");
            assert!(status.success());
            assert!(watched.saw_a_change(), "sed -i, {word}");
        }
    }

    #[test]
    fn lexicon_files_anywhere_below_are_seen_and_neighbours_are_not() {
        let watched = Watched::new();
        std::fs::write(watched.path("notes.txt"), "unrelated").expect("write");
        let a_while = Duration::from_secs(1);
        assert!(
            !watched.saw_a_change_within(a_while),
            "a file beside config.toml"
        );
        std::fs::create_dir(watched.path("lexicons/ar")).expect("mkdir");
        assert!(watched.saw_a_change(), "a new lexicon directory");
        std::fs::write(watched.path("lexicons/ar/parties.toml"), "").expect("write");
        assert!(watched.saw_a_change(), "a lexicon file below it");
    }

    #[test]
    fn paths_are_matched_whole() {
        let set = WatchSet::new(&[PathBuf::from("/nowhere/config.toml")]);
        assert!(set.concerns(Path::new("/nowhere/config.toml")));
        assert!(!set.concerns(Path::new("/nowhere/config.toml.swp")));
        assert!(!set.concerns(Path::new("/nowhere")));
        assert!(set.targets().is_empty(), "a directory that does not exist");
    }
}
