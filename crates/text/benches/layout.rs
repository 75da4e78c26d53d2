//! Layout speed: 1 MB of Arabic prose laid out at width 80 must take at most
//! 50 ms on one core. The prose is generated here from our own word lists
//! (no real news), with the things that cost: harakat, lam-alef, numbers,
//! percentages, brackets and Latin names.
//!
//! Group `layout` measures wall time, the target's measure on a quiet
//! machine. Group `layout_cpu` measures the same work in the benchmark
//! thread's time on a CPU (Linux scheduler statistics), which other work on
//! a busy machine inflates far less: a way to compare two versions there.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mizan_text::layout::{Direction, LayoutOptions, layout_paragraph};
use std::hint::black_box;
use std::time::Duration;

const WORDS: &[&str] = &[
    "قال",
    "الوزير",
    "إن",
    "الحكومة",
    "ستعمل",
    "على",
    "تنفيذ",
    "الخطة",
    "الجديدة",
    "خلال",
    "الأشهر",
    "المقبلة",
    "وأضاف",
    "أن",
    "الاقتصاد",
    "لا",
    "يزال",
    "يواجه",
    "تحديات",
    "كبيرة",
    "بسبب",
    "ارتفاع",
    "الأسعار",
    "والتضخم",
    "مشيرا",
    "إلى",
    "المفاوضات",
    "مع",
    "الشركاء",
    "الدوليين",
    "مستمرة",
    "وفي",
    "المقابل",
    "أكدت",
    "المعارضة",
    "الإصلاحات",
    "المقترحة",
    "غير",
    "كافية",
    "لِلْمُوَاطِنِينَ",
    "الْعَامَّةِ",
    "(رويترز)",
    "«بيان»",
    "AFP",
    "UNESCO",
    "2024-03-05",
    "3.5%",
    "-0.8%",
    "12,500",
    "١٥٠",
    "السلام",
    "الأمن",
    "لأن",
    "إلا",
    "الآن",
    "الماء",
    "جـديد",
    "الاجتماع",
    "البرلمان",
    "المتحدث",
];

const PARAGRAPH_WORDS: usize = 60;
const TARGET_BYTES: usize = 1 << 20;

/// A deterministic stream of word indices (a linear congruential generator:
/// the bench must measure the same text every run).
fn word_indices() -> impl Iterator<Item = usize> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    std::iter::repeat_with(move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % WORDS.len()
    })
}

fn prose_paragraphs() -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut total = 0;
    let mut indices = word_indices();
    while total < TARGET_BYTES {
        let words: Vec<&str> = indices
            .by_ref()
            .take(PARAGRAPH_WORDS)
            .map(|i| WORDS[i])
            .collect();
        let paragraph = words.join(" ") + ".";
        total += paragraph.len();
        paragraphs.push(paragraph);
    }
    paragraphs
}

/// The two texts, and laying each out once.
struct Prose {
    paragraphs: Vec<String>,
    single: String,
    options: LayoutOptions,
}

impl Prose {
    fn new() -> Self {
        let paragraphs = prose_paragraphs();
        let single = paragraphs.join(" ");
        Self {
            paragraphs,
            single,
            options: LayoutOptions::default(),
        }
    }

    fn lay_out_paragraphs(&self) {
        for paragraph in &self.paragraphs {
            black_box(layout_paragraph(
                paragraph,
                Some(Direction::Rtl),
                80,
                &self.options,
            ));
        }
    }

    fn lay_out_single(&self) {
        black_box(layout_paragraph(
            &self.single,
            Some(Direction::Rtl),
            80,
            &self.options,
        ));
    }
}

const PARAGRAPHS: &str = "1MB_arabic_paragraphs_width_80";
const SINGLE: &str = "1MB_arabic_one_paragraph_width_80";

fn layout(c: &mut Criterion) {
    let prose = Prose::new();
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(prose.single.len() as u64));
    group.bench_function(PARAGRAPHS, |b| b.iter(|| prose.lay_out_paragraphs()));
    group.bench_function(SINGLE, |b| b.iter(|| prose.lay_out_single()));
    group.finish();
}

/// The calling thread's time on a CPU so far, where the kernel reports it.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanoseconds))
}

/// `iterations` runs of `work`, timed on the CPU.
fn cpu_time_of(iterations: u64, work: impl Fn()) -> Duration {
    let start = thread_cpu_time().unwrap_or_default();
    for _ in 0..iterations {
        work();
    }
    thread_cpu_time().unwrap_or_default().saturating_sub(start)
}

fn layout_cpu(c: &mut Criterion) {
    if thread_cpu_time().is_none() {
        return;
    }
    let prose = Prose::new();
    let mut group = c.benchmark_group("layout_cpu");
    group.throughput(Throughput::Bytes(prose.single.len() as u64));
    group.bench_function(PARAGRAPHS, |b| {
        b.iter_custom(|iterations| cpu_time_of(iterations, || prose.lay_out_paragraphs()))
    });
    group.bench_function(SINGLE, |b| {
        b.iter_custom(|iterations| cpu_time_of(iterations, || prose.lay_out_single()))
    });
    group.finish();
}

criterion_group!(benches, layout, layout_cpu);
criterion_main!(benches);
