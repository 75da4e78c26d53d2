//! Layout speed: 1 MB of Arabic prose laid out at width 80 must take at most
//! 50 ms on one core. The prose is generated here from our own word lists
//! (no real news), with the things that cost: harakat, lam-alef, numbers,
//! percentages, brackets and Latin names.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mizan_text::layout::{Direction, LayoutOptions, layout_paragraph};
use std::hint::black_box;

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

fn layout(c: &mut Criterion) {
    let paragraphs = prose_paragraphs();
    let single = paragraphs.join(" ");
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(single.len() as u64));
    group.bench_function("1MB_arabic_paragraphs_width_80", |b| {
        b.iter(|| {
            for paragraph in &paragraphs {
                black_box(layout_paragraph(
                    paragraph,
                    Some(Direction::Rtl),
                    80,
                    &options,
                ));
            }
        })
    });
    group.bench_function("1MB_arabic_one_paragraph_width_80", |b| {
        b.iter(|| {
            black_box(layout_paragraph(
                &single,
                Some(Direction::Rtl),
                80,
                &options,
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
