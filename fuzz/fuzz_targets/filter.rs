//! Fuzzes the reader's filter: the input is typed as a query, parsed, and
//! searched over an index of the embedded sample articles, tagged once.
//! Checks what the reader relies on: a query narrowing itself gives the same
//! matches searched afresh or from the previous matches, and matches never
//! name an article the index does not hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan::app::filter::{FilterIndex, Query};
use mizan::app::{Directory, PartyInfo};
use mizan_engine::corpus::samples;
use mizan_engine::lexicon::Lexicon;
use std::sync::OnceLock;

struct Prepared {
    index: FilterIndex,
    directory: Directory,
    articles: usize,
}

fn prepared() -> &'static Prepared {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let lexicon = Lexicon::builtin();
        let directory = Directory::new(
            lexicon.parties().map(|party| PartyInfo {
                id: party.id.clone(),
                name_en: party.name_en.clone(),
                name_ar: party.name_ar.clone(),
                short: party.id.chars().take(3).collect(),
                color: None,
            }),
            Vec::new(),
        );
        let articles = samples().articles;
        let mut index = FilterIndex::default();
        for (number, article) in articles.iter().enumerate() {
            index.set_article(number, article, &article.tag(&lexicon));
        }
        Prepared {
            index,
            directory,
            articles: articles.len(),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let prepared = prepared();
    let query = Query::parse(input);
    let fresh = prepared.index.search(&query, &prepared.directory, None);
    assert!(fresh.articles.iter().all(|&a| a < prepared.articles));
    let cut = input.char_indices().nth(input.chars().count() / 2).map_or(0, |(i, _)| i);
    let shorter = Query::parse(&input[..cut]);
    if query.narrows(&shorter) {
        let before = prepared.index.search(&shorter, &prepared.directory, None);
        let narrowed = prepared.index.search(&query, &prepared.directory, Some(&before));
        assert_eq!(narrowed, fresh, "{input:?} narrowing {:?}", &input[..cut]);
    }
});
