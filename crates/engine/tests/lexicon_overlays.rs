//! User lexicon files as overlays on the built-in ones: entries add,
//! an entry with a built-in id replaces it, `remove` switches entries and
//! words off, `replaces_builtin = true` replaces a whole built-in file, and
//! the stale copies `mizan check` warns about. Problems in an overlay are
//! reported at their file:line:col, all in one pass, with no lexicon.

use mizan_engine::corpus::{Format, parse_article};
use mizan_engine::lexicon::{Diagnostic, Lexicon, LexiconSettings, Severity, builtin_text};
use mizan_engine::tagger::Statement;
use std::fs;
use std::path::Path;

/// A lexicon directory holding `files` (`(name below the directory, text)`).
fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    dir
}

fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn settings(dirs: &[&tempfile::TempDir]) -> LexiconSettings {
    LexiconSettings {
        dirs: dirs.iter().map(|d| d.path().to_path_buf()).collect(),
        ..LexiconSettings::default()
    }
}

fn load(dirs: &[&tempfile::TempDir]) -> Lexicon {
    match Lexicon::load(&settings(dirs)) {
        Ok(lexicon) => lexicon,
        Err(problems) => panic!("{problems:#?}"),
    }
}

/// Three English statements: one blaming with the built-in cue
/// `wrongdoing`, one whose cue the negator "no" cancels, one supporting
/// with the built-in verb `praise`.
const ARTICLE: &str = "Title line\n\n\
    The Armenian foreign ministry said the shelling was an act of Azerbaijani aggression.\n\n\
    The Armenian foreign ministry said there was no Azerbaijani aggression.\n\n\
    The Armenian foreign ministry praised Russia for its support.\n";

fn tag(lexicon: &Lexicon, text: &str) -> Vec<Statement> {
    let parsed = parse_article("t.txt", text.to_string(), Format::PlainText).unwrap();
    parsed.article.tag(lexicon)
}

/// Per statement: the parties blamed and supported, as `-x` and `+x`.
fn tags(lexicon: &Lexicon, text: &str) -> Vec<String> {
    tag(lexicon, text)
        .iter()
        .map(|s| {
            let blamed = s.blames().map(|p| format!("-{p}"));
            let supported = s.supports().map(|p| format!("+{p}"));
            blamed.chain(supported).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn warnings_of(dirs: &[&tempfile::TempDir]) -> Vec<Diagnostic> {
    let (_, problems) = Lexicon::check(&settings(dirs));
    assert!(!problems.iter().any(Diagnostic::is_error), "{problems:#?}");
    problems
        .into_iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect()
}

#[test]
fn the_built_in_lexicon_tags_the_test_article_as_the_tests_expect() {
    let tagged = tags(&Lexicon::builtin(), ARTICLE);
    assert_eq!(tagged, ["-azerbaijan", "", "+russia"]);
}

#[test]
fn an_overlay_with_a_built_in_name_adds_entries_and_keeps_the_built_in_ones() {
    let dir = user_dir(&[
        (
            "en/cues.toml",
            "[[cue]]\nid = \"mine\"\nstance = \"blames\"\ntarget = \"noun\"\nterms = [\"skulduggery\"]\n",
        ),
        (
            "en/parties.toml",
            "[[party]]\nid = \"atlantis\"\nkind = \"state\"\nname = \"Atlantis\"\naliases = [\"Atlantis\"]\n",
        ),
    ]);
    let lexicon = load(&[&dir]);
    let text = "Title line\n\nThe Armenian foreign ministry said the shelling was Azerbaijani skulduggery.\n";
    assert_eq!(tags(&lexicon, text), ["-azerbaijan"]);
    assert_eq!(tags(&lexicon, ARTICLE), ["-azerbaijan", "", "+russia"]);
    assert_eq!(lexicon.lookup_names("Atlantis")[0].party, "atlantis");
    assert!(lexicon.party("armenia").is_some(), "built-in parties stay");
}

#[test]
fn an_entry_with_a_built_in_id_replaces_it_and_its_evidence_points_at_the_overlay() {
    let cue = "# my wrongdoing\n[[cue]]\nid = \"wrongdoing\"\nstance = \"blames\"\ntarget = \"noun\"\nterms = [\"skulduggery\"]\n";
    let dir = user_dir(&[("en/cues-mine.toml", cue)]);
    let lexicon = load(&[&dir]);
    let text = "Title line\n\nThe Armenian foreign ministry said the shelling was Azerbaijani skulduggery.\n";
    let statements = tag(&lexicon, text);
    let evidence = &statements[0].evidence[0];
    assert_eq!(evidence.rule.as_str(), "cue:wrongdoing");
    let file = dir.path().join("en/cues-mine.toml");
    assert_eq!(evidence.origin.file.as_str(), file.display().to_string());
    assert_eq!(evidence.origin.line, 6, "the line of the overlay's term");
    assert_eq!(
        tags(&lexicon, ARTICLE),
        ["", "", "+russia"],
        "the built-in terms of `wrongdoing` are gone with its entry"
    );
}

#[test]
fn a_party_overridden_in_one_language_keeps_only_the_overlays_names() {
    let dir = user_dir(&[(
        "en/parties.toml",
        "[[party]]\nid = \"armenia\"\nkind = \"state\"\nname = \"Armenistan\"\naliases = [\"Armenistan\"]\n",
    )]);
    let lexicon = load(&[&dir]);
    let armenia = lexicon.party("armenia").unwrap();
    assert_eq!(armenia.name_en, "Armenistan");
    assert_eq!(armenia.name_ar, "أرمينيا", "the Arabic entry is untouched");
    assert_eq!(lexicon.lookup_names("Armenistan")[0].party, "armenia");
    assert!(
        lexicon.lookup_names("Yerevan").is_empty(),
        "the built-in English names went with the entry"
    );
}

#[test]
fn a_later_directory_overrides_an_earlier_one() {
    let cue = |term: &str| {
        format!(
            "[[cue]]\nid = \"mine\"\nstance = \"blames\"\ntarget = \"noun\"\nterms = [\"{term}\"]\n"
        )
    };
    let first = user_dir(&[("en/cues.toml", &cue("skulduggery"))]);
    let second = user_dir(&[("en/cues.toml", &cue("chicanery"))]);
    let lexicon = load(&[&first, &second]);
    let said = |word: &str| {
        format!(
            "Title line\n\nThe Armenian foreign ministry said the shelling was Azerbaijani {word}.\n"
        )
    };
    assert_eq!(tags(&lexicon, &said("chicanery")), ["-azerbaijan"]);
    assert_eq!(tags(&lexicon, &said("skulduggery")), [""]);
}

#[test]
fn remove_switches_built_in_entries_off_by_id_and_warns_about_unknown_ids() {
    let dir = user_dir(&[
        (
            "en/cues.toml",
            "remove = [\"wrongdoing\", \"no_such_cue\"]\n",
        ),
        ("en/verbs.toml", "remove = [\"praise\"]\n"),
    ]);
    let lexicon = load(&[&dir]);
    let tagged = tags(&lexicon, ARTICLE);
    assert_eq!(tagged[0], "", "wrongdoing is off");
    assert!(
        !tagged.iter().any(|t| t.contains("+russia")),
        "praise is off"
    );
    let warnings = warnings_of(&[&dir]);
    let unknown = warnings
        .iter()
        .find(|w| w.message.contains("no_such_cue"))
        .expect("a warning about the unknown id");
    assert!(unknown.path.ends_with("en/cues.toml"), "{unknown}");
    assert_eq!((unknown.line, unknown.column), (1, 25));
    assert!(unknown.message.contains("nothing to remove"), "{unknown}");
}

#[test]
fn a_word_file_overlay_adds_words_and_removes_them_from_the_files_below() {
    let lexicon = load(&[&user_dir(&[("en/negation.toml", "remove = [\"no\"]\n")])]);
    assert_eq!(
        tags(&lexicon, ARTICLE)[1],
        "-azerbaijan",
        "without the negator `no` the cue counts"
    );
    let lexicon = load(&[&user_dir(&[(
        "en/negation.toml",
        "negators = [\"hardly\"]\n",
    )])]);
    let text = "Title line\n\nThe Armenian foreign ministry said there was hardly Azerbaijani aggression.\n";
    assert_eq!(
        tags(&lexicon, text),
        [""],
        "the added negator cancels the cue"
    );
    assert_eq!(tags(&lexicon, ARTICLE), ["-azerbaijan", "", "+russia"]);
}

#[test]
fn a_word_removed_and_listed_again_in_the_same_file_stays() {
    let dir = user_dir(&[(
        "en/negation.toml",
        "remove = [\"no\"]\nnegators = [\"no\"]\n",
    )]);
    assert_eq!(tags(&load(&[&dir]), ARTICLE)[1], "");
    assert!(warnings_of(&[&dir]).is_empty());
}

#[test]
fn removing_a_word_no_file_below_has_is_a_warning_at_its_place() {
    let dir = user_dir(&[("en/grammar.toml", "# mine\nremove = [\"zzz\"]\n")]);
    let warnings = warnings_of(&[&dir]);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!((warnings[0].line, warnings[0].column), (2, 11));
    assert!(warnings[0].message.contains("`zzz`"), "{}", warnings[0]);
}

#[test]
fn replaces_builtin_uses_the_file_instead_of_the_built_in_one() {
    let dir = user_dir(&[(
        "en/cues-full.toml",
        "replaces_builtin = true\n\n[[cue]]\nid = \"mine\"\nstance = \"blames\"\ntarget = \"noun\"\nterms = [\"skulduggery\"]\n",
    )]);
    let lexicon = load(&[&dir]);
    assert_eq!(
        tags(&lexicon, ARTICLE)[0],
        "",
        "no built-in English cue is left"
    );
    let text = "Title line\n\nThe Armenian foreign ministry said the shelling was Azerbaijani skulduggery.\n";
    assert_eq!(tags(&lexicon, text), ["-azerbaijan"]);
    let arabic = "عنوان\n\nوقالت وزارة الخارجية الأرمينية إن القصف عدوان أذربيجاني.\n";
    assert_eq!(
        tags(&lexicon, arabic),
        ["-azerbaijan"],
        "the Arabic built-in cues stay"
    );
}

#[test]
fn a_full_copy_lacking_built_in_entries_is_reported_as_shadowing_a_newer_file() {
    let builtin = builtin_text("en/cues.toml").unwrap();
    let (kept, last) = builtin.split_at(builtin.rfind("[[cue]]\nid = \"").unwrap());
    let last_id = last.split('"').nth(1).unwrap();
    let copy = format!("replaces_builtin = true\n{kept}");
    let dir = user_dir(&[("en/cues-full.toml", &copy)]);
    let warnings = warnings_of(&[&dir]);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &warnings[0];
    assert_eq!((warning.line, warning.column), (1, 20));
    assert!(warning.path.ends_with("en/cues-full.toml"));
    assert!(
        warning.message.contains(&format!(
            "replaces the built-in en/cues.toml, which has 1 entry it lacks (`{last_id}`)"
        )),
        "{warning}"
    );

    let whole = format!("replaces_builtin = true\n{builtin}");
    let dir = user_dir(&[("en/cues-full.toml", &whole)]);
    assert!(
        warnings_of(&[&dir]).is_empty(),
        "a copy with every built-in entry shadows nothing"
    );
}

#[test]
fn a_full_copy_of_a_word_file_lacking_built_in_words_is_reported() {
    let copy = "replaces_builtin = true\nnegators = [\"not\"]\n";
    let dir = user_dir(&[("en/negation.toml", copy)]);
    let warnings = warnings_of(&[&dir]);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].message.contains("words it lacks"),
        "{}",
        warnings[0]
    );
    let lexicon = load(&[&dir]);
    assert_eq!(
        tags(&lexicon, ARTICLE)[1],
        "-azerbaijan",
        "the built-in negators are replaced"
    );
}

#[test]
fn an_old_full_copy_as_overlay_is_recognised_and_still_loads() {
    let builtin = builtin_text("en/cues.toml").unwrap();
    let dir = user_dir(&[("en/cues.toml", builtin)]);
    let warnings = warnings_of(&[&dir]);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].message.contains("older `mizan init`"),
        "{}",
        warnings[0]
    );
    assert_eq!((warnings[0].line, warnings[0].column), (1, 1));
    assert_eq!(
        tags(&load(&[&dir]), ARTICLE),
        ["-azerbaijan", "", "+russia"]
    );
    let small = user_dir(&[(
        "en/cues.toml",
        "[[cue]]\nid = \"wrongdoing\"\nstance = \"blames\"\ntarget = \"noun\"\nterms = [\"aggression\"]\n",
    )]);
    assert!(
        warnings_of(&[&small]).is_empty(),
        "overriding one entry is no copy"
    );
}

#[test]
fn problems_in_overlays_are_all_reported_at_their_place_and_no_lexicon_is_made() {
    let dir = user_dir(&[
        (
            "en/cues.toml",
            "[[cue]]\nid = \"a\"\nstance = \"blames\"\ntarget = \"noun\"\nterms = [\"x\"]\n\n[[cue]]\nid = \"a\"\nstance = \"blames\"\ntarget = \"noun\"\nterms = [\"y\"]\n",
        ),
        (
            "en/verbs.toml",
            "[[verb]]\nid = \"say\"\nforms = [\"said\"]\nremove = [\"praise\"]\n",
        ),
        ("ar/grammar.toml", "replaces_builtin = \"yes\"\n"),
        (
            "ar/parties.toml",
            "[[party]]\nid = \"Bad Id\"\nkind = \"state\"\nname = \"x\"\n",
        ),
    ]);
    let problems = Lexicon::load(&settings(&[&dir])).unwrap_err();
    let mut errors: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| {
            let file = Path::new(&p.path).strip_prefix(dir.path()).unwrap();
            format!("{}:{}:{}", file.display(), p.line, p.column)
        })
        .collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            "ar/grammar.toml:1:20",
            "ar/parties.toml:2:6",
            "en/cues.toml:8:6",
            "en/verbs.toml:4:1",
        ],
        "{problems:#?}"
    );
    let twice = problems
        .iter()
        .find(|p| p.path.ends_with("en/cues.toml"))
        .unwrap();
    assert!(
        twice.message.contains("defined twice") && twice.message.contains("cues.toml:2)"),
        "{twice}"
    );
}
