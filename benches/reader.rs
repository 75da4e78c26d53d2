//! The reader's speed targets: a filter keystroke over 100,000 statements
//! re-filters and redraws within one frame (16 ms); a 4-pane comparison frame
//! at 240×70 draws within 5 ms; the first frame over 10,000 articles.
//! The corpus is generated here from a small vocabulary written for it.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mizan::app::{Action, Directory, LineEdit, PartyInfo, StartOptions, State, update};
use mizan::ui::draw;
use mizan::ui::keymap::Keymap;
use mizan_engine::corpus::{Article, Meta};
use mizan_engine::lexicon::Origin;
use mizan_engine::tagger::{Evidence, Relation, Statement};
use mizan_text::{Lang, TextRange};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "قال",
    "وزير",
    "الخارجية",
    "إن",
    "القوات",
    "الحدودية",
    "خرقت",
    "الهدنة",
    "مرتين",
    "خلال",
    "ليلة",
    "واحدة",
    "قرب",
    "بلدة",
    "أكد",
    "المتحدث",
    "باسم",
    "الحكومة",
    "أن",
    "الوساطة",
    "الروسية",
    "تدعم",
    "جهود",
    "التهدئة",
    "وتدعو",
    "الطرفين",
    "إلى",
    "ضبط",
    "النفس",
    "المحادثات",
    "في",
    "العاصمة",
    "مسؤولية",
    "التصعيد",
    "الأخير",
    "على",
    "الحدود",
    "الجيش",
    "أعلن",
    "مقتل",
    "جنديين",
    "وإصابة",
    "آخرين",
    "قصف",
    "مدفعي",
    "طائرة",
    "مسيرة",
    "الأمم",
    "المتحدة",
    "دعت",
    "ضبط",
    "التهدئة",
    "بلينكن",
    "لافروف",
    "موسكو",
    "واشنطن",
    "يريفان",
    "باكو",
    "الاتفاق",
    "الممر",
    "البحري",
    "الأحمر",
    "مسقط",
    "صنعاء",
    "عدن",
];

const PARTIES: [&str; 6] = ["armenia", "azerbaijan", "russia", "usa", "un", "iran"];

/// A deterministic pseudo-random sequence (no dependency needed for this).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }

    fn sentence(&mut self, words: usize) -> String {
        (0..words)
            .map(|_| WORDS[self.next(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
            + "."
    }
}

/// `articles` Arabic articles of 5 paragraphs, each of 2 sentences that are
/// statements (10 statements per article).
fn corpus(articles: usize) -> (Vec<Article>, Vec<Vec<Statement>>) {
    let mut rng = Lcg(7);
    let mut all_articles = Vec::with_capacity(articles);
    let mut all_statements = Vec::with_capacity(articles);
    for n in 0..articles {
        let title = rng.sentence(8);
        let mut source = format!("{title}\n\n");
        let mut paragraphs = Vec::new();
        let mut statements = Vec::new();
        for p in 0..5 {
            if p > 0 {
                source.push_str("\n\n");
            }
            let start = source.len();
            for s in 0..2 {
                if s > 0 {
                    source.push(' ');
                }
                let sentence_start = source.len();
                source.push_str(&rng.sentence(14));
                let range = TextRange::new(sentence_start, source.len());
                let party = |rng: &mut Lcg| PARTIES[rng.next(PARTIES.len())];
                let speaker_party = Some(party(&mut rng).into());
                let mut tags = vec![tag(Relation::Blames, party(&mut rng), range)];
                if rng.next(3) == 0 {
                    tags.push(tag(Relation::Supports, party(&mut rng), range));
                }
                statements.push(Statement {
                    range,
                    quote: None,
                    speaker: Some(TextRange::new(sentence_start, sentence_start + 6)),
                    speaker_party,
                    evidence: tags.into_boxed_slice(),
                });
            }
            paragraphs.push(TextRange::new(start, source.len()));
        }
        all_articles.push(Article {
            path: format!("bench/{n}.txt"),
            title_range: Some(TextRange::new(0, title.len())),
            title,
            meta: Meta {
                outlet: Some(format!("وكالة {}", WORDS[n % WORDS.len()])),
                date: Some(format!("2026-03-{:02}", 1 + n % 28)),
                url: None,
            },
            lang: Lang::Ar,
            paragraphs,
            source,
        });
        all_statements.push(statements);
    }
    (all_articles, all_statements)
}

/// A tag cued by the whole sentence `range`.
fn tag(relation: Relation, party: &str, range: TextRange) -> Evidence {
    Evidence {
        relation,
        party: party.into(),
        cue: range,
        target: range,
        rule: "bench".into(),
        origin: Origin {
            file: "bench.toml".into(),
            line: 1,
        },
    }
}

fn directory() -> Directory {
    Directory::new(
        PARTIES.iter().map(|id| PartyInfo {
            id: id.to_string(),
            name_en: id.to_string(),
            ..PartyInfo::default()
        }),
        Vec::new(),
    )
}

fn tagged_state(articles: usize, width: u16, height: u16) -> State {
    let (articles, statements) = corpus(articles);
    let options = StartOptions {
        directory: directory(),
        sync_scroll: true,
        ..StartOptions::default()
    };
    let mut state = State::new(articles, options);
    update(&mut state, Action::Resize { width, height });
    update(&mut state, Action::AnalysisStarted { generation: 1 });
    let results = statements.into_iter().enumerate().collect();
    update(
        &mut state,
        Action::Analysed {
            generation: 1,
            results,
        },
    );
    state
}

fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("test backend")
}

/// Times only "type one character, then draw"; the untimed backspace after it
/// puts the filter back.
fn time_keystroke(
    state: &mut State,
    terminal: &mut Terminal<TestBackend>,
    c: char,
    iters: u64,
) -> Duration {
    let keymap = Keymap::default();
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        update(state, Action::Edit(LineEdit::Insert(c)));
        terminal
            .draw(|frame| draw(frame, state, &keymap))
            .expect("draw");
        total += start.elapsed();
        update(state, Action::Edit(LineEdit::Backspace));
    }
    total
}

fn filter_keystroke(c: &mut Criterion) {
    let mut state = tagged_state(10_000, 120, 40);
    assert_eq!(state.filter().index().statement_count(), 100_000);
    update(&mut state, Action::Statements);
    update(&mut state, Action::Filter);
    let mut terminal = terminal(120, 40);
    let mut group = c.benchmark_group("filter_100k_statements");
    group.sample_size(20);
    // One letter: nearly every statement matches (the worst case for
    // building the rows); then words of the corpus typed one letter more.
    group.bench_function("first_keystroke", |b| {
        b.iter_custom(|iters| time_keystroke(&mut state, &mut terminal, 'ق', iters))
    });
    for c in "الخارج".chars() {
        update(&mut state, Action::Edit(LineEdit::Insert(c)));
    }
    group.bench_function("extending_keystroke", |b| {
        b.iter_custom(|iters| time_keystroke(&mut state, &mut terminal, 'ي', iters))
    });
    for c in "ية الرو".chars() {
        update(&mut state, Action::Edit(LineEdit::Insert(c)));
    }
    group.bench_function("extending_second_term", |b| {
        b.iter_custom(|iters| time_keystroke(&mut state, &mut terminal, 'س', iters))
    });
    group.finish();
}

fn compare_frame(c: &mut Criterion) {
    let mut state = tagged_state(4, 240, 70);
    // With the stories built, each statement's outlet count is drawn too.
    let request = state.take_stories_request().expect("tagging complete");
    update(&mut state, request.build());
    for _ in 0..4 {
        update(&mut state, Action::ToggleMark);
    }
    update(&mut state, Action::Compare);
    let keymap = Keymap::default();
    let mut terminal = terminal(240, 70);
    terminal
        .draw(|frame| draw(frame, &state, &keymap))
        .expect("draw");
    c.bench_function("compare_4_panes_240x70_scroll_and_draw", |b| {
        b.iter(|| {
            update(&mut state, Action::Down);
            terminal
                .draw(|frame| draw(frame, black_box(&state), &keymap))
                .expect("draw");
        })
    });
}

/// The coverage view of 10 marked articles: counting them and one frame.
fn coverage_frame(c: &mut Criterion) {
    let mut state = tagged_state(10, 160, 45);
    for _ in 0..10 {
        update(&mut state, Action::ToggleMark);
    }
    let keymap = Keymap::default();
    let mut terminal = terminal(160, 45);
    c.bench_function("coverage_10_articles_160x45_open_and_draw", |b| {
        b.iter(|| {
            update(&mut state, Action::Coverage);
            terminal
                .draw(|frame| draw(frame, black_box(&state), &keymap))
                .expect("draw");
            update(&mut state, Action::Back);
        })
    });
}

fn first_frame(c: &mut Criterion) {
    let (articles, _) = corpus(10_000);
    let keymap = Keymap::default();
    let mut group = c.benchmark_group("first_frame");
    group.sample_size(10);
    group.bench_function("10k_articles_state_and_draw", |b| {
        b.iter_batched(
            || articles.clone(),
            |articles| {
                let mut state = State::new(articles, StartOptions::default());
                update(
                    &mut state,
                    Action::Resize {
                        width: 160,
                        height: 45,
                    },
                );
                let mut terminal = terminal(160, 45);
                terminal
                    .draw(|frame| draw(frame, &state, &keymap))
                    .expect("draw");
                state
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(
    benches,
    filter_keystroke,
    compare_frame,
    coverage_frame,
    first_frame
);
criterion_main!(benches);
