//! `mizan init`: editable copies of the documented configuration and of the
//! built-in lexicons in the user's configuration directory. A file that
//! exists is never replaced, and each file appears whole or not at all.

use crate::config::DEFAULT_CONFIG;
use mizan_engine::lexicon::builtin_sources;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What happened to each file `init` would write.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct InitReport {
    pub written: Vec<PathBuf>,
    /// Files that already existed and were left as they are.
    pub kept: Vec<PathBuf>,
}

/// Writes `config.toml` and `lexicons/{ar,en}/*.toml` below `dir`, keeping
/// every file that already exists.
pub fn init_user_files(dir: &Path) -> std::io::Result<InitReport> {
    let mut report = InitReport::default();
    let files = std::iter::once(("config.toml".to_string(), DEFAULT_CONFIG)).chain(
        builtin_sources()
            .iter()
            .map(|(name, text)| (format!("lexicons/{name}"), *text)),
    );
    for (name, text) in files {
        let path = dir.join(name);
        if create_new_atomically(&path, text.as_bytes())? {
            report.written.push(path);
        } else {
            report.kept.push(path);
        }
    }
    Ok(report)
}

/// Writes `bytes` to `path` only if nothing is there, without ever leaving a
/// partial file: the content goes to a temporary file beside it, which is
/// then hard-linked into place (a link fails rather than replace a file,
/// so a file created meanwhile is kept too). Returns whether it wrote.
pub fn create_new_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{file_name}.mizan-{}", std::process::id()));
    let outcome =
        write_synced(&temporary, bytes).and_then(|()| std::fs::hard_link(&temporary, path));
    let _ = std::fs::remove_file(&temporary);
    match outcome {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error),
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_writes_config_and_every_lexicon_then_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let first = init_user_files(dir.path()).unwrap();
        assert!(first.kept.is_empty());
        assert_eq!(first.written.len(), 1 + builtin_sources().len());
        let config = dir.path().join("config.toml");
        assert_eq!(std::fs::read_to_string(&config).unwrap(), DEFAULT_CONFIG);
        assert!(dir.path().join("lexicons/ar/parties.toml").is_file());

        std::fs::write(&config, "# mine\n").unwrap();
        let second = init_user_files(dir.path()).unwrap();
        assert!(second.written.is_empty());
        assert_eq!(std::fs::read_to_string(&config).unwrap(), "# mine\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
}
