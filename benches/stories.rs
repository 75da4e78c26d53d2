//! Grouping and aligning 10,000 synthetic articles: 1,000 events over a
//! year, ten reports each from different outlets, sharing the event's
//! places, numbers and quotes amid a common newswire vocabulary. Then the
//! reader's side: what the UI thread does when the last tagging batch
//! arrives (the stories themselves are built in the background), that
//! background build, and toggling the list's grouping by story.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mizan::app::{Action, StartOptions, State, update};
use mizan_engine::corpus::align::{AlignOptions, align_story};
use mizan_engine::corpus::coverage::coverage;
use mizan_engine::corpus::names::Names;
use mizan_engine::corpus::stories::{Analysed, StoryOptions, group_stories};
use mizan_engine::corpus::{Article, Meta};
use mizan_engine::lexicon::{Lexicon, Origin};
use mizan_engine::tagger::{Evidence, Relation, Statement};
use mizan_text::{Lang, TextRange};
use rayon::prelude::*;
use std::hint::black_box;

const EVENTS: usize = 1_000;
const REPORTS_PER_EVENT: usize = 10;
const PARTIES: [&str; 6] = [
    "armenia",
    "azerbaijan",
    "russia",
    "iran",
    "turkey",
    "france",
];
const LETTERS: [char; 20] = [
    'ب', 'ت', 'ج', 'ح', 'د', 'ر', 'س', 'ش', 'ع', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي', 'ا',
    'ز',
];

/// xorshift64*: deterministic input without a dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// Skewed towards small values, like word frequencies.
    fn zipf_like(&mut self, bound: usize) -> usize {
        let uniform = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((bound as f64).powf(uniform) as usize)
            .saturating_sub(1)
            .min(bound - 1)
    }

    fn word(&mut self) -> String {
        let length = 3 + self.below(4);
        (0..length)
            .map(|_| LETTERS[self.below(LETTERS.len())])
            .collect()
    }
}

struct Event {
    specific: Vec<String>,
    quotes: Vec<(String, &'static str)>,
    day: usize,
}

fn make_event(random: &mut Random, vocabulary: &[String]) -> Event {
    let specific: Vec<String> = (0..12).map(|_| random.word()).collect();
    let quotes = (0..6)
        .map(|_| {
            let words: Vec<String> = (0..10)
                .map(|i| {
                    if i % 3 == 0 {
                        specific[random.below(specific.len())].clone()
                    } else {
                        vocabulary[random.zipf_like(vocabulary.len())].clone()
                    }
                })
                .collect();
            (words.join(" "), PARTIES[random.below(PARTIES.len())])
        })
        .collect();
    Event {
        specific,
        quotes,
        day: random.below(330),
    }
}

fn make_report(
    random: &mut Random,
    vocabulary: &[String],
    event: &Event,
    index: usize,
) -> (Article, Vec<Statement>) {
    let mut source = String::new();
    let mut paragraphs = Vec::new();
    let mut statements = Vec::new();
    for _ in 0..6 {
        let start = source.len();
        for _ in 0..35 {
            let word = if random.below(5) == 0 {
                &event.specific[random.below(event.specific.len())]
            } else {
                &vocabulary[random.zipf_like(vocabulary.len())]
            };
            source.push_str(word);
            source.push(' ');
        }
        let (quote, party) = &event.quotes[random.below(event.quotes.len())];
        source.push_str("وقال المتحدث \"");
        let quote_start = source.len();
        source.push_str(quote);
        let quote_end = source.len();
        source.push_str("\".");
        let blamed = PARTIES[random.below(PARTIES.len())];
        let quoted = TextRange::new(quote_start, quote_end);
        statements.push(Statement {
            range: TextRange::new(start, source.len()),
            quote: Some(quoted),
            speaker: None,
            speaker_party: Some((*party).into()),
            evidence: Box::new([Evidence {
                relation: Relation::Blames,
                party: blamed.into(),
                cue: quoted,
                target: quoted,
                rule: "blame-cue".into(),
                origin: Origin {
                    file: "lexicons/ar/stance.toml".into(),
                    line: 12,
                },
            }]),
        });
        paragraphs.push(TextRange::new(start, source.len()));
        source.push('\n');
    }
    let day_of_year = event.day + random.below(2);
    let (month, day) = (1 + day_of_year / 28, 1 + day_of_year % 28);
    let article = Article {
        path: format!("synthetic/{index}.md"),
        title: format!("{} {}", event.specific[0], event.specific[1]),
        title_range: None,
        meta: Meta {
            outlet: Some(format!("outlet-{}", index % REPORTS_PER_EVENT)),
            date: Some(format!("2024-{month:02}-{day:02}")),
            url: None,
        },
        lang: Lang::Ar,
        paragraphs,
        source,
    };
    (article, statements)
}

fn synthetic_corpus() -> (Vec<Article>, Vec<Vec<Statement>>) {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let vocabulary: Vec<String> = (0..5_000).map(|_| random.word()).collect();
    let events: Vec<Event> = (0..EVENTS)
        .map(|_| make_event(&mut random, &vocabulary))
        .collect();
    let mut articles = Vec::new();
    let mut statements = Vec::new();
    for report in 0..REPORTS_PER_EVENT {
        for event in &events {
            let index = articles.len();
            let (article, tagged) = make_report(&mut random, &vocabulary, event, index + report);
            articles.push(article);
            statements.push(tagged);
        }
    }
    (articles, statements)
}

fn group_and_align(analysed: &[Analysed], names: &Names) -> usize {
    let stories = group_stories(analysed, names, &StoryOptions::default());
    let aligned: usize = stories
        .par_iter()
        .map(|story| align_story(analysed, story, names, &AlignOptions::default()).group_count())
        .sum();
    let everything: Vec<usize> = (0..analysed.len()).collect();
    aligned + coverage(analysed, &everything).outlets.len() + stories.len()
}

fn bench(c: &mut Criterion) {
    let (articles, statements) = synthetic_corpus();
    let analysed: Vec<Analysed> = articles
        .iter()
        .zip(&statements)
        .map(|(article, statements)| Analysed {
            article,
            statements,
            parties: &[],
        })
        .collect();
    let names = Names::from_lexicon(&Lexicon::builtin());
    let stories = group_stories(&analysed, &names, &StoryOptions::default());
    eprintln!(
        "{} articles → {} stories (expected about {EVENTS})",
        analysed.len(),
        stories.len()
    );
    let mut group = c.benchmark_group("stories");
    group.sample_size(10);
    group.bench_function("group_align_cover_10k", |b| {
        b.iter(|| group_and_align(black_box(&analysed), &names))
    });
    group.finish();
    reader(c, &articles, &statements);
}

/// A reader on `articles` whose tagging pass has delivered all but the last
/// article.
fn almost_tagged(articles: &[Article], statements: &[Vec<Statement>]) -> State {
    let mut state = State::new(articles.to_vec(), StartOptions::default());
    update(
        &mut state,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut state, Action::AnalysisStarted { generation: 1 });
    update(&mut state, batch(statements, 0..statements.len() - 1));
    state
}

/// The statements of `articles` (indices) as one batch of tagging pass 1.
fn batch(statements: &[Vec<Statement>], articles: std::ops::Range<usize>) -> Action {
    Action::Analysed {
        generation: 1,
        results: articles.map(|a| (a, statements[a].clone())).collect(),
    }
}

fn last_batch(statements: &[Vec<Statement>]) -> Action {
    batch(statements, statements.len() - 1..statements.len())
}

fn reader(c: &mut Criterion, articles: &[Article], statements: &[Vec<Statement>]) {
    let mut group = c.benchmark_group("reader_stories");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(3));
    let mut state = almost_tagged(articles, statements);
    group.bench_function("ui_thread_last_tagging_batch_10k", |b| {
        b.iter_batched(
            || {
                let mut state = almost_tagged(articles, statements);
                state.take_stories_request();
                (state, last_batch(statements))
            },
            |(mut state, batch)| {
                update(&mut state, batch);
                assert!(
                    state.take_stories_request().is_some(),
                    "the build is requested"
                );
                state
            },
            BatchSize::PerIteration,
        )
    });
    update(&mut state, last_batch(statements));
    let request = state.take_stories_request().expect("a build request");
    group.bench_function("background_stories_build_10k", |b| {
        b.iter_batched(
            || request.clone(),
            |request| request.build(),
            BatchSize::PerIteration,
        )
    });
    update(&mut state, request.build());
    group.bench_function("toggle_grouping_10k", |b| {
        b.iter(|| update(black_box(&mut state), Action::GroupStories))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
