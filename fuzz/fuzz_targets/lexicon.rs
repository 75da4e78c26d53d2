//! Fuzzes lexicon parsing and resolution: the input is written as one user
//! lexicon file (the first byte picks which) layered on the embedded
//! defaults, then `Lexicon::check` reads, resolves and compiles it. Any text
//! must give diagnostics, never a panic; each diagnostic must render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_engine::lexicon::{Lexicon, LexiconSettings};

const FILES: [&str; 12] = [
    "ar/parties.toml",
    "ar/verbs.toml",
    "ar/sources.toml",
    "ar/cues.toml",
    "ar/grammar.toml",
    "ar/negation.toml",
    "en/parties.toml",
    "en/verbs.toml",
    "en/sources.toml",
    "en/cues.toml",
    "en/grammar.toml",
    "en/negation.toml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let file = dir.path().join(FILES[usize::from(pick) % FILES.len()]);
    let Some(parent) = file.parent() else {
        return;
    };
    if std::fs::create_dir_all(parent).is_err() || std::fs::write(&file, rest).is_err() {
        return;
    }
    let settings = LexiconSettings {
        dirs: vec![dir.path().to_path_buf()],
        ..LexiconSettings::default()
    };
    let (_, problems) = Lexicon::check(&settings);
    for problem in problems {
        let _ = problem.to_string();
    }
});
