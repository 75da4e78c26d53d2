//! Snapshots of `render_article`, the text `mizan render` prints, for
//! articles written for these tests, at widths 33, 40 and 80, in app mode
//! (shaped, reordered, RTL lines padded on the left) and terminal mode
//! (logical order, unshaped). Also the guarantees every rendering keeps.

use mizan_text::layout::{ArticleText, BidiMode, LayoutOptions, render_article};
use mizan_text::{Lang, TextRange};
use rstest::rstest;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fn article(lang: Lang, title: &str, paragraphs: &[&str]) -> Article {
    let mut source = format!("{title}\n");
    let mut ranges = Vec::new();
    for paragraph in paragraphs {
        source.push('\n');
        let start = source.len();
        source.push_str(paragraph);
        ranges.push(TextRange::new(start, source.len()));
        source.push('\n');
    }
    Article {
        source,
        title: title.to_string(),
        lang,
        paragraphs: ranges,
    }
}

/// A plain-text article: its title line, then its paragraphs.
struct Article {
    source: String,
    title: String,
    lang: Lang,
    paragraphs: Vec<TextRange>,
}

impl Article {
    fn text(&self) -> ArticleText<'_> {
        ArticleText {
            title: &self.title,
            title_range: Some(TextRange::new(0, self.title.len())),
            source: &self.source,
            paragraphs: &self.paragraphs,
            lang: self.lang,
        }
    }
}

fn arabic_report() -> Article {
    article(
        Lang::Ar,
        "الحكومة تعلن خطة جديدة لخفض التضخم",
        &[
            "قال وزير المالية إن معدل التضخم تراجع إلى 3.5% في الربع الأول، بعد أن سجل الناتج انكماشا بنسبة -0.8% العام الماضي.",
            "وأضاف في مؤتمر صحفي عقده يوم 2024-03-05 (في مقر الوزارة) أن «الإصلاحات لا تحتمل التأجيل»، مشيرا إلى أن وكالة AFP نقلت تصريحات مماثلة.",
            "إِنَّ الْقَرَارَ نِهَائِيٌّ، وَلَا رَجْعَةَ فِيهِ.",
        ],
    )
}

fn english_report() -> Article {
    article(
        Lang::En,
        "Ministers agree a new budget",
        &[
            "The finance minister said inflation fell to 3.5% in the first quarter, after output shrank by 0.8% last year.",
            "\"We will not delay the reforms,\" he told reporters, quoting the Arabic slogan «لا تأجيل» used by the campaign.",
        ],
    )
}

fn hostile_report() -> Article {
    article(
        Lang::Ar,
        "عنوان \u{1b}]0;pwned\u{7}فيه تسلل",
        &[
            "قالت وكالة \u{202e}AFP 2024 Reuters\u{202c} إن \u{1b}[2J\u{1b}[31mالخبر\u{1b}[0m صحيح\u{9b}1;1H.",
            "\u{2067}نص معزول\u{2069} ثم \u{202d}LTR override\u{202c} و\u{200f}علامة\ttab\u{7f}.",
        ],
    )
}

fn options(mode: &str) -> LayoutOptions {
    let bidi = match mode {
        "app" => BidiMode::App,
        _ => BidiMode::Terminal,
    };
    LayoutOptions {
        bidi,
        ..LayoutOptions::default()
    }
}

fn cells(line: &str) -> usize {
    line.graphemes(true).map(|g| g.width()).sum()
}

#[rstest]
fn render_snapshots(
    #[values("arabic", "english")] name: &str,
    #[values("app", "terminal")] mode: &str,
    #[values(33, 40, 80)] width: usize,
) {
    let article = match name {
        "arabic" => arabic_report(),
        _ => english_report(),
    };
    let lines = render_article(article.text(), width, &options(mode));
    insta::assert_snapshot!(format!("{name}_{mode}_{width}"), lines.join("\n"));
}

#[rstest]
fn lines_fit_and_rtl_lines_fill_the_width_in_app_mode(
    #[values(1, 2, 7, 33, 40, 80)] width: usize,
    #[values("app", "terminal")] mode: &str,
) {
    let article = arabic_report();
    for line in render_article(article.text(), width, &options(mode)) {
        let used = cells(&line);
        assert!(used <= width, "{line:?} takes {used} cells, limit {width}");
        if mode == "app" && !line.is_empty() {
            assert_eq!(
                used, width,
                "app-mode RTL line {line:?} is not padded to {width}"
            );
        }
    }
}

#[test]
fn title_and_paragraphs_are_separated_by_one_empty_line() {
    let article = english_report();
    let lines = render_article(article.text(), 200, &options("app"));
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0], "Ministers agree a new budget");
    assert!(lines[1].is_empty() && lines[3].is_empty());
}

#[rstest]
fn hostile_text_prints_no_escape_and_no_reversed_latin(
    #[values("app", "terminal")] mode: &str,
    #[values(33, 80)] width: usize,
) {
    let rendered = render_article(hostile_report().text(), width, &options(mode)).join("\n");
    assert!(!rendered.contains('\u{1b}'));
    assert!(!rendered.chars().any(|c| c.is_control() && c != '\n'));
    assert!(!rendered.chars().any(
        |c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    ));
    assert!(!rendered.contains("pwned"));
    assert!(rendered.contains("AFP 2024 Reuters"), "{rendered}");
    assert!(rendered.contains("LTR override"), "{rendered}");
    assert!(!rendered.contains("sretueR") && !rendered.contains("edirrevo"));
}
