//! Fuzzes article parsing (`corpus::parse_article`) in both formats: plain
//! text and Markdown with TOML front matter. Every range it returns must lie
//! on character boundaries of the source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_engine::corpus::{Format, parse_article};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Markdown, Format::PlainText] {
        if let Ok(parsed) = parse_article("fuzz.md", text.to_string(), format) {
            let article = parsed.article;
            for index in 0..article.paragraphs.len() {
                let _ = article.paragraph(index);
            }
            if let Some(range) = article.title_range {
                let _ = range.slice(&article.source);
            }
        }
    }
});
