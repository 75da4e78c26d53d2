//! The lexicon as a user meets it: the embedded defaults are clean, user
//! directories layer on top, inline additions work, and a malformed lexicon
//! is refused with every problem and its file:line:col.

use mizan_engine::lexicon::{InlineAlias, Lexicon, LexiconSettings, NameHit, Severity};
use mizan_text::Lang;
use std::fs;

fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn settings(dir: &tempfile::TempDir) -> LexiconSettings {
    LexiconSettings {
        dirs: vec![dir.path().to_path_buf()],
        ..LexiconSettings::default()
    }
}

#[test]
fn the_embedded_defaults_have_no_errors() {
    let (lexicon, problems) = Lexicon::check(&LexiconSettings::default());
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.with_caret())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    for id in [
        "armenia",
        "azerbaijan",
        "russia",
        "usa",
        "turkey",
        "eu",
        "un",
        "csto",
        "karabakh",
    ] {
        assert!(lexicon.party(id).is_some(), "missing party {id}");
    }
    let armenia = lexicon.party("armenia").unwrap();
    assert_eq!(
        (armenia.name_en.as_str(), armenia.name_ar.as_str()),
        ("Armenia", "أرمينيا")
    );
}

#[test]
fn a_name_in_either_language_finds_the_person_and_the_party() {
    let lexicon = Lexicon::builtin();
    let hit = NameHit {
        party: "usa".into(),
        person: Some("antony_blinken".into()),
    };
    assert!(lexicon.lookup_names("blinken").contains(&hit));
    assert!(lexicon.lookup_names("بلينكن").contains(&hit));
    assert!(
        lexicon
            .lookup_names("والكرملين")
            .iter()
            .any(|h| h.party == "russia" && h.person.is_none())
    );
    assert!(lexicon.lookup_names("weather").is_empty());
}

#[test]
fn user_files_with_a_default_name_or_another_both_add_to_the_defaults() {
    let dir = user_dir(&[
        ("ar/negation.toml", "negators = [\"أبدا\"]\n"),
        (
            "ar/parties-mine.toml",
            "[[party]]\nid = \"atlantis\"\nkind = \"state\"\nname = \"أطلنطس\"\naliases = [\"أطلنطس\"]\n",
        ),
    ]);
    let lexicon = Lexicon::load(&settings(&dir)).unwrap();
    assert!(lexicon.party("atlantis").is_some());
    assert!(
        lexicon.party("armenia").is_some(),
        "the default parties stay"
    );
    assert_eq!(lexicon.lookup_names("أطلنطس")[0].party, "atlantis");
}

#[test]
fn a_malformed_lexicon_is_refused_with_every_problem_located() {
    let dir = user_dir(&[
        (
            "ar/cues.toml",
            "[[cue]]\nid = \"x\"\nstance = \"blame\"\ntarget = \"noun\"\nterms = [\"a\"]\n",
        ),
        (
            "ar/verbs.toml",
            "[[verb]]\nid = \"say\"\nforms = [\"قال\"]\ncolour = 1\n",
        ),
        ("en/grammar.toml", "complementizers = [\"that\"\n"),
    ]);
    let problems = Lexicon::load(&settings(&dir)).unwrap_err();
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 3, "{problems:#?}");
    let cue = errors
        .iter()
        .find(|p| p.path.ends_with("cues.toml"))
        .unwrap();
    assert_eq!((cue.line, cue.column), (3, 10));
    assert!(cue.to_string().contains("cues.toml:3:10: "), "{cue}");
    assert!(
        cue.with_caret()
            .ends_with("\n  stance = \"blame\"\n           ^"),
        "{}",
        cue.with_caret()
    );
    let verb = errors
        .iter()
        .find(|p| p.path.ends_with("verbs.toml"))
        .unwrap();
    assert!(verb.message.contains("colour"), "{}", verb.message);
}

#[test]
fn a_name_claimed_by_two_parties_and_a_duplicate_are_reported() {
    let dir = user_dir(&[(
        "ar/parties-mine.toml",
        "[[party]]\nid = \"atlantis\"\nkind = \"state\"\nname = \"x\"\naliases = [\"باكو\", \"أطلنطس\", \"أطلنطس\"]\n",
    )]);
    let (_, problems) = Lexicon::check(&settings(&dir));
    let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("also a name of `azerbaijan`")),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("duplicate entry")),
        "{messages:#?}"
    );
}

#[test]
fn inline_additions_add_aliases_and_unknown_ids_are_errors() {
    let mut settings = LexiconSettings::default();
    settings.aliases.push(InlineAlias {
        lang: Lang::Ar,
        party: "israel".into(),
        alias: "دولة الاحتلال".into(),
    });
    let lexicon = Lexicon::load(&settings).unwrap();
    assert_eq!(lexicon.lookup_names("دولة الاحتلال")[0].party, "israel");
    settings.aliases.push(InlineAlias {
        lang: Lang::Ar,
        party: "nowhere".into(),
        alias: "لا مكان".into(),
    });
    let problems = Lexicon::load(&settings).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("unknown party id `nowhere`"))
    );
}

#[test]
fn switched_off_parties_and_terms_no_longer_match() {
    let settings = LexiconSettings {
        off: vec!["russia".into(), "باكو".into()],
        ..LexiconSettings::default()
    };
    let lexicon = Lexicon::load(&settings).unwrap();
    assert!(lexicon.lookup_names("الكرملين").is_empty());
    assert!(lexicon.lookup_names("باكو").is_empty());
    assert!(!lexicon.lookup_names("أذربيجان").is_empty());
}
