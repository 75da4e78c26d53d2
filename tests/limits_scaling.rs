//! Limits: hostile sizes are handled in time linear in their size and with
//! memory bounded by a small multiple of it. Each case runs at size n and 8n:
//! the time ratio must stay well under the 64 a quadratic step would give
//! (linear gives 8, caches and allocation make it up to about 20; the best
//! of three runs, and up to three tries, so a
//! busy machine does not decide), and the peak of live heap memory, counted
//! by this binary's allocator, must stay under a fixed multiple of the
//! input (deterministic). The full-size cases (a 100 MB article, a
//! million lines, 100,000 articles) are in `scripts/limits.sh`.

use mizan::corpus::{Format, parse_article};
use mizan::lexicon::{Lexicon, LexiconSettings};
use mizan::tagger::tag_article;
use mizan::text::layout::{LayoutOptions, layout_paragraph};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's layout is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peaks are per process: cases run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

/// Quadratic work at 8n is 64 times that at n; linear is 8.
const MAX_TIME_RATIO: f64 = 32.0;
const TRIES: usize = 3;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// The best of three runs' time and the largest growth of live memory.
fn measure(run: &dyn Fn()) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut growth = 0;
    for _ in 0..3 {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let started = Instant::now();
        run();
        best = best.min(started.elapsed());
        growth = growth.max(PEAK.load(Ordering::Relaxed) - before);
    }
    (best, growth)
}

/// Runs `case` on inputs of `base` / 2 and 4 × `base` units and checks
/// time and memory. `memory_factor` bounds peak memory per input byte.
fn assert_linear(
    name: &str,
    base: usize,
    memory_factor: usize,
    case: impl Fn(&str),
    input: impl Fn(usize) -> String,
) {
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let small = input(base / 2);
    let large = input(base * 4);
    let mut ratios = Vec::new();
    let mut large_memory = 0;
    for _ in 0..TRIES {
        let (small_time, _) = measure(&|| case(&small));
        let (large_time, memory) = measure(&|| case(&large));
        large_memory = memory;
        let ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-6);
        eprintln!(
            "{name}: {} B in {small_time:?}, {} B in {large_time:?} (x{ratio:.1}), peak {memory} B",
            small.len(),
            large.len()
        );
        ratios.push(ratio);
        if ratio < MAX_TIME_RATIO {
            break;
        }
    }
    assert!(
        ratios.iter().any(|&ratio| ratio < MAX_TIME_RATIO),
        "{name}: {} bytes against {} bytes took x{ratios:.1?} as long",
        small.len(),
        large.len()
    );
    assert!(
        large_memory <= memory_factor * large.len() + (1 << 20),
        "{name}: {} bytes of input used {large_memory} bytes of memory",
        large.len()
    );
}

fn lay_out(text: &str) {
    let lines = layout_paragraph(text, None, 80, &LayoutOptions::default());
    assert!(!lines.is_empty());
}

/// Every punctuation mark is a token, with its item and offsets: tagging
/// needs up to a few hundred bytes per byte of such text.
fn tag_plain(text: &str) {
    let parsed = parse_article(
        "limits.txt",
        format!("Title\n\n{text}\n"),
        Format::PlainText,
    )
    .unwrap();
    let statements = tag_article(&parsed.article, lexicon());
    assert!(statements.len() <= parsed.article.source.len());
}

const ENGLISH: &str =
    "The minister said: \"We blame the other side for the collapse of the talks,\" he added. ";
const ARABIC: &str = "قال الوزير «نحمّل الطرف الآخر المسؤولية» في بيان. ";

#[test]
fn a_long_line_lays_out_in_linear_time() {
    assert_linear("layout, one long English line", 400, 64, lay_out, |n| {
        ENGLISH.repeat(n)
    });
    assert_linear("layout, one long Arabic line", 800, 64, lay_out, |n| {
        ARABIC.repeat(n)
    });
}

#[test]
fn ten_thousand_bidi_controls_in_one_paragraph_lay_out_in_linear_time() {
    assert_linear("layout, bidi controls", 5_000, 64, lay_out, |n| {
        "\u{202e}\u{2067}قال a\u{202c}\u{2069} ".repeat(n)
    });
}

#[test]
fn a_long_line_is_tagged_in_linear_time() {
    assert_linear("tagger, one long English line", 400, 64, tag_plain, |n| {
        ENGLISH.repeat(n)
    });
    assert_linear("tagger, one long Arabic line", 800, 64, tag_plain, |n| {
        ARABIC.repeat(n)
    });
}

#[test]
fn deep_nesting_of_quotes_and_brackets_is_handled_in_linear_time() {
    assert_linear("tagger, nested guillemets", 32_000, 256, tag_plain, |n| {
        format!("{}قال{} said the minister", "«".repeat(n), "»".repeat(n))
    });
    assert_linear("tagger, nested brackets", 8_000, 256, tag_plain, |n| {
        format!("{}x{} said the minister", "([".repeat(n), "])".repeat(n))
    });
    assert_linear("tagger, straight quotes", 64_000, 256, tag_plain, |n| {
        format!("{} said the minister.", "\"".repeat(n))
    });
    assert_linear("layout, nested brackets", 4_000, 64, lay_out, |n| {
        format!("{}قال{}", "«([".repeat(n), "])»".repeat(n))
    });
}

#[test]
fn many_lines_are_parsed_in_linear_time() {
    assert_linear(
        "front matter and paragraphs, many lines",
        80_000,
        64,
        |text| {
            let parsed = parse_article("limits.md", text.to_string(), Format::Markdown).unwrap();
            assert!(!parsed.article.paragraphs.is_empty());
        },
        |n| format!("+++\ntitle = \"t\"\n+++\n\n{}", "A line.\n\n".repeat(n)),
    );
}

/// Quadratic today: the lexicon matcher keeps a phrase's next words in a
/// list searched linearly, so 10,000 aliases sharing a first word ("Front
/// 1" ... "Front 9999") compile in quadratic time (debug build, `mizan
/// check`: 2,500 entries 1.3 s, 5,000 4.3 s, 10,000 18.8 s). Compiling the
/// built-in lexicons dominates the small case, so the time ratio here is
/// only about 13 and this test does not catch it: run `scripts/limits.sh`.
/// Ignored because it takes about a minute in a debug build.
#[test]
#[ignore = "quadratic lexicon compile, see the comment"]
fn a_large_lexicon_compiles_in_linear_time() {
    assert_linear(
        "lexicon, many aliases",
        2_500,
        512,
        |text| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("en")).unwrap();
            std::fs::write(dir.path().join("en/parties-many.toml"), text).unwrap();
            let settings = LexiconSettings {
                dirs: vec![dir.path().to_path_buf()],
                ..LexiconSettings::default()
            };
            let (_, problems) = Lexicon::check(&settings);
            assert!(!problems.iter().any(|p| p.is_error()), "{problems:?}");
        },
        |n| {
            (0..n)
                .map(|i| {
                    format!(
                        "[[party]]\nid = \"party_{i}\"\nkind = \"group\"\nname = \"Party {i}\"\naliases = [\"Front {i}\", \"Movement number {i}\"]\n\n"
                    )
                })
                .collect()
        },
    );
}
