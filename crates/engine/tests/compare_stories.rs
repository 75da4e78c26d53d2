//! Story grouping on the fixture articles and on constructed edge cases.

mod compare_support;

use compare_support::{fixture_articles, name, names};
use mizan_engine::corpus::stories::{Analysed, StoryOptions, group_stories};
use mizan_engine::corpus::{Article, Format, parse_article};
use mizan_engine::lexicon::Name;

fn without_statements(articles: &[Article]) -> Vec<Analysed<'_>> {
    articles
        .iter()
        .map(|article| Analysed {
            article,
            statements: &[],
            parties: &[],
        })
        .collect()
}

fn grouped_names(articles: &[Article], options: &StoryOptions) -> Vec<Vec<String>> {
    group_stories(&without_statements(articles), names(), options)
        .into_iter()
        .map(|story| {
            story
                .articles
                .iter()
                .map(|&index| name(&articles[index]).to_string())
                .collect()
        })
        .collect()
}

#[test]
fn stories_are_labelled_with_their_earliest_title() {
    let articles = fixture_articles();
    let stories = group_stories(
        &without_statements(&articles),
        names(),
        &StoryOptions::default(),
    );
    let clash = &stories[0];
    let levant = articles
        .iter()
        .position(|a| name(a) == "clash-2024-levant.md")
        .unwrap();
    assert!(clash.articles.contains(&levant));
    assert_ne!(
        clash.label, articles[levant].title,
        "the levant article is a day later"
    );
    let first_of_earliest_day = articles
        .iter()
        .find(|a| name(a) == "clash-2024-khalij.md")
        .unwrap();
    assert_eq!(clash.label, first_of_earliest_day.title);
}

fn dated(name: &str, date: &str, body: &str) -> Article {
    let source =
        format!("+++\ntitle = \"{name}\"\noutlet = \"{name}\"\ndate = \"{date}\"\n+++\n{body}\n");
    parse_article(name, source, Format::Markdown)
        .expect("valid article")
        .article
}

const CLASH: &str = "قتل ثلاثة جنود في اشتباك قرب قرية تل الورد الحدودية بين البلدين، \
    وقال الجيش إن القصف استهدف مواقع قرب تل الورد وسهل القمح فجرا.";

#[test]
fn the_same_clash_a_year_later_is_a_different_story() {
    let articles = [
        dated("a", "2024-05-02", CLASH),
        dated("b", "2024-05-03", CLASH),
        dated("c", "2025-05-02", CLASH),
    ];
    assert_eq!(
        grouped_names(&articles, &StoryOptions::default()),
        [vec!["a", "b"], vec!["c"]]
    );
}

#[test]
fn a_chain_of_daily_reports_does_not_stretch_a_story_beyond_the_window() {
    let articles = [
        dated("d0", "2024-05-01", CLASH),
        dated("d2", "2024-05-03", CLASH),
        dated("d4", "2024-05-05", CLASH),
        dated("d6", "2024-05-07", CLASH),
    ];
    let groups = grouped_names(&articles, &StoryOptions::default());
    assert_eq!(groups, [vec!["d0", "d2"], vec!["d4", "d6"]]);
    let wide = StoryOptions {
        window_days: 7,
        ..StoryOptions::default()
    };
    assert_eq!(grouped_names(&articles, &wide).len(), 1);
}

#[test]
fn unrelated_articles_on_the_same_day_stay_apart() {
    let articles = [
        dated("clash", "2024-05-02", CLASH),
        dated(
            "harvest",
            "2024-05-02",
            "بدأ المزارعون حصاد القمح في السهول الشمالية وسط توقعات بمحصول وفير هذا الموسم.",
        ),
    ];
    assert_eq!(grouped_names(&articles, &StoryOptions::default()).len(), 2);
}

#[test]
fn empty_and_undated_input_is_handled() {
    assert!(group_stories(&[], names(), &StoryOptions::default()).is_empty());
    let article = parse_article("only.txt", "عنوان\nنص".to_string(), Format::PlainText)
        .expect("valid")
        .article;
    let stories = group_stories(
        &without_statements(std::slice::from_ref(&article)),
        names(),
        &StoryOptions::default(),
    );
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].label, "عنوان");
}

fn in_language(name: &str, lang: &str, date: Option<&str>, body: &str) -> Article {
    let date = date
        .map(|d| format!("date = \"{d}\"\n"))
        .unwrap_or_default();
    let source = format!("+++\ntitle = \"{name}\"\nlang = \"{lang}\"\n{date}+++\n{body}\n");
    parse_article(name, source, Format::Markdown)
        .expect("valid article")
        .article
}

const ARABIC_CLASH: &str = "قتل 7 أشخاص في قصف متبادل بين قرغيزستان وطاجيكستان قرب باتكن، \
    وقالت بيشكيك إن دوشنبه خرقت اتفاق 2021.";
const ENGLISH_CLASH: &str = "Seven people were killed near Batken as Kyrgyzstan and Tajikistan \
    traded fire; Bishkek said Dushanbe broke the 2021 deal, 7 dead in all.";

fn with_parties<'a>(articles: &'a [Article], parties: &'a [Vec<Name>]) -> Vec<Analysed<'a>> {
    articles
        .iter()
        .zip(parties)
        .map(|(article, parties)| Analysed {
            article,
            statements: &[],
            parties,
        })
        .collect()
}

fn parties(ids: &[&str]) -> Vec<Name> {
    ids.iter().map(|&id| Name::from(id)).collect()
}

#[test]
fn reports_in_two_languages_link_on_parties_numbers_and_dates() {
    let articles = [
        in_language("ar", "ar", Some("2026-03-05"), ARABIC_CLASH),
        in_language("en", "en", Some("2026-03-05"), ENGLISH_CLASH),
        in_language("en-undated", "en", None, ENGLISH_CLASH),
        in_language("en-next-year", "en", Some("2027-03-05"), ENGLISH_CLASH),
    ];
    let named = vec![parties(&["kyrgyzstan", "tajikistan"]); 4];
    let stories = group_stories(
        &with_parties(&articles, &named),
        names(),
        &StoryOptions::default(),
    );
    let groups: Vec<Vec<usize>> = stories.into_iter().map(|s| s.articles).collect();
    assert_eq!(groups, [vec![0, 1, 2], vec![3]]);
}

#[test]
fn reports_in_two_languages_about_other_parties_stay_apart() {
    let articles = [
        in_language("ar", "ar", Some("2026-03-05"), ARABIC_CLASH),
        in_language(
            "en",
            "en",
            Some("2026-03-05"),
            "Oman brokered a Red Sea corridor deal.",
        ),
    ];
    let named = [
        parties(&["kyrgyzstan", "tajikistan"]),
        parties(&["oman", "houthis"]),
    ];
    let stories = group_stories(
        &with_parties(&articles, &named),
        names(),
        &StoryOptions::default(),
    );
    assert_eq!(stories.len(), 2);
}

fn plain(name: &str, text: &str) -> Article {
    parse_article(name, text.to_string(), Format::PlainText)
        .expect("valid article")
        .article
}

#[test]
fn undated_articles_are_dated_by_their_lede_not_by_background_dates() {
    let lede_2024 = format!("اشتباك حدودي\nفي الخميس 2 أيار/مايو 2024 {CLASH}\nتفاصيل أخرى.");
    let lede_2025 = format!("اشتباك حدودي\nفي الجمعة 2 أيار/مايو 2025 {CLASH}\nتفاصيل أخرى.");
    let background_2025 =
        format!("اشتباك حدودي\n{CLASH}\nتفاصيل أخرى.\nوكان اتفاق قد وقع في 2 أيار/مايو 2023.");
    let articles = [
        plain("2024.txt", &lede_2024),
        plain("2025.txt", &lede_2025),
        plain("background.txt", &background_2025),
    ];
    let groups = grouped_names(&articles, &StoryOptions::default());
    assert_eq!(groups.len(), 2, "the ledes are a year apart: {groups:?}");
    let with_background = groups
        .iter()
        .find(|g| g.contains(&"background.txt".to_string()))
        .unwrap();
    assert_eq!(
        with_background.len(),
        2,
        "a 2023 date in the last paragraph is not the article's date: {groups:?}"
    );
}

fn titled(name: &str, body: &str) -> Article {
    let source = format!("+++\ntitle = \"-\"\n+++\n{body}\n");
    parse_article(name, source, Format::Markdown)
        .expect("valid article")
        .article
}

#[test]
fn a_report_like_one_member_but_not_the_rest_stays_out_of_the_story() {
    // The middle report shares two names with the first and two with the
    // last; the first and last share nothing. One link at a time would
    // chain all three.
    let first = "زمردان كوسارا ميلتاف برونيك سالتور فيدرام هارتونا ليسكام";
    let middle = "هارتونا ليسكام دوربيل ناتسكا قوريمان طلسان";
    let last = "دوربيل ناتسكا جبرانو مارتيك سوفيلا كرنداش بيلوتسا زافرين";
    let articles = [
        titled("first", first),
        titled("middle", middle),
        titled("last", last),
    ];
    let groups = grouped_names(&articles, &StoryOptions::default());
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(groups.contains(&vec!["last".to_string()]), "{groups:?}");
}

#[test]
fn days_and_months_without_a_year_keep_apart_reports_more_than_the_window_apart() {
    let report = |name: &str, day: &str| {
        plain(
            name,
            &format!("اشتباك حدودي\nفي {day} سبتمبر {CLASH}\nتفاصيل أخرى."),
        )
    };
    let articles = [
        report("13.txt", "13"),
        report("14.txt", "14"),
        report("19.txt", "19"),
    ];
    assert_eq!(
        grouped_names(&articles, &StoryOptions::default()),
        [vec!["13.txt", "14.txt"], vec!["19.txt"]]
    );
}

#[test]
fn a_weekday_fixes_the_year_of_an_undated_report() {
    let lede = format!("اشتباك حدودي\nفي الأربعاء 17 نوفمبر {CLASH}\nتفاصيل أخرى.");
    let today = mizan_engine::corpus::stories::civil_day(2026, 12, 6).expect("a day");
    let options = StoryOptions {
        today,
        ..StoryOptions::default()
    };
    for (date, together) in [("2021-11-18", true), ("2027-11-17", false)] {
        let articles = [plain("weekday.txt", &lede), dated("dated", date, CLASH)];
        let groups = grouped_names(&articles, &options);
        assert_eq!(groups.len() == 1, together, "{date}: {groups:?}");
    }
}
