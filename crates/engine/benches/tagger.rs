//! Throughput of the whole tagging pipeline (normalise, tokenise, match,
//! statements, stance) on Arabic news text, and the time to compile the
//! lexicons. The text is generated from sentences written for the bench.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mizan_engine::corpus::{Format, parse_article};
use mizan_engine::lexicon::Lexicon;
use std::hint::black_box;

const SENTENCES: &[&str] = &[
    "وقالت وزارة الدفاع الأذربيجانية، في بيان، إن «وحدات من الجيش الأرميني فتحت النار على مواقعنا قرب الحدود».",
    "وأضافت الوزارة أن قواتها ردت على ما وصفته بـ\"الاستفزاز الأرميني الواسع النطاق\"، مشيرة إلى أن الهدوء عاد صباحاً.",
    "من جهته، دعا الأمين العام للأمم المتحدة الطرفين إلى ضبط النفس والعودة إلى طاولة المفاوضات في أقرب وقت ممكن.",
    "واتهم رئيس الوزراء الأرميني نيكول باشينيان أذربيجان بمهاجمة قرى حدودية، قائلاً إن \"المسؤولية تقع على باكو\".",
    "وتشهد المنطقة منذ سنوات توتراً متكرراً بسبب الخلاف على ترسيم الحدود وتوزيع مياه الأنهار بين البلدين الجارين.",
    "وقال المتحدث باسم الكرملين للصحافيين إن موسكو \"مستعدة للمساعدة في تهدئة الوضع\"، مضيفاً أن الاتصالات مستمرة.",
    "الخارجية التركية: ندعم أذربيجان في الدفاع عن أراضيها ونرفض أي عدوان عليها.",
];

fn arabic_news(bytes: usize) -> String {
    let mut text = String::from("عنوان الخبر\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        text.push(if i % 3 == 2 { '\n' } else { ' ' });
        i += 1;
    }
    text
}

fn tagging(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let text = arabic_news(1 << 20);
    let article = parse_article("bench.txt", text, Format::PlainText)
        .expect("generated text parses")
        .article;
    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Bytes(article.source.len() as u64));
    group.sample_size(20);
    group.bench_function("tag_article arabic 1 MiB", |b| {
        b.iter(|| black_box(&article).tag(&lexicon))
    });
    group.finish();
}

fn compiling(c: &mut Criterion) {
    c.bench_function("lexicon builtin compile", |b| b.iter(Lexicon::builtin));
}

criterion_group!(benches, tagging, compiling);
criterion_main!(benches);
