//! Input no one should write still tags without a panic, in linear time:
//! unbalanced and nested quotes, thousands of quote marks, text of only
//! diacritics, a sentence of megabytes.

use mizan_engine::corpus::{Format, parse_article};
use mizan_engine::lexicon::Lexicon;

fn tag(text: String) -> usize {
    let article = parse_article("t.txt", text, Format::PlainText)
        .unwrap()
        .article;
    let statements = article.tag(&Lexicon::builtin());
    for s in &statements {
        assert!(s.range.end() <= article.source.len());
        assert!(
            article.source.is_char_boundary(s.range.start())
                && article.source.is_char_boundary(s.range.end())
        );
    }
    statements.len()
}

#[test]
fn unbalanced_and_nested_quotes() {
    tag("عنوان\nقال الكرملين «إن \"الوضع «هادئ\" جدا.\nوأضاف » « ».".to_string());
    tag("Title\n“He said ”“ “ \" that\"\" it was fine,” said Putin.".to_string());
}

#[test]
fn ten_thousand_quote_marks() {
    let text = format!("عنوان\nقال الكرملين {}", "« \" » ".repeat(10_000));
    tag(text);
}

#[test]
fn text_of_only_diacritics() {
    assert_eq!(
        tag(format!(
            "{}\n{}",
            "\u{064E}".repeat(50),
            "\u{0651}\u{0650}".repeat(5_000)
        )),
        0
    );
}

#[test]
fn a_five_megabyte_sentence() {
    let sentence = "وقالت باكو إن القصف الأرميني مستمر على المواقع، ".repeat(5 * 1024 * 1024 / 90);
    let statements = tag(format!("عنوان\n{sentence}"));
    assert!(statements > 0);
}
