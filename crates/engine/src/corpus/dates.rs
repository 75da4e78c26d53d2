//! Calendar dates as day numbers, and the dates articles write: the `date`
//! of an article's metadata, full dates ("13 أيلول/سبتمبر 2022", "September
//! 13, 2022", "2022-09-13"), a day and month without a year ("الثلاثاء 13
//! سبتمبر", "September 13"), and days relative to publication ("اليوم
//! الثلاثاء", "أمس", "on Monday"). Story grouping compares days, never
//! strings.
//!
//! Only a full date names a day by itself. A day and month needs a year:
//! the weekday written with it fixes one (the latest year with that weekday
//! not after the article's publication, or not after today when that is
//! unknown), else the publication does. A relative day needs the
//! publication day. What cannot be resolved still says something: a day and
//! month without a year is compared as such.

use super::terms::{WordTable, fold, is_word_char, word_table};
use std::sync::LazyLock;

/// Days since 1970-01-01 in the proleptic Gregorian calendar.
pub type Day = i64;

/// The day of a metadata date: `YYYY-MM-DD`, optionally followed by a time
/// (`2022-09-13T08:00Z`, `2022-09-13 08:00`). `None` for anything else.
pub fn parse_iso_day(text: &str) -> Option<Day> {
    let text = text.trim();
    let date = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
        return None;
    }
    let mut parts = date.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    civil_day(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The day of `year-month-day`, or `None` when no such day exists.
pub fn civil_day(year: i64, month: u32, day: u32) -> Option<Day> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Days-from-civil with March as the first month, so the leap day is the
    // last day of the shifted year.
    let shifted_year = if month <= 2 { year - 1 } else { year };
    let era = shifted_year.div_euclid(400);
    let year_of_era = shifted_year - era * 400;
    let shifted_month = i64::from((month + 9) % 12);
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date as an article writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// Day, month and year.
    Full(Day),
    /// A day and month, with the weekday when one is written with them.
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    },
    /// So many days before publication: 0 for "اليوم الثلاثاء", 1 for "أمس";
    /// with the weekday when one is written with it.
    DaysAgo { days: i64, weekday: Option<Weekday> },
    /// A weekday alone ("on Monday", "أعلنت، الجمعة، أن"): the latest such
    /// day not after publication.
    Weekday(Weekday),
}

/// Days of the week, Monday first.
pub type Weekday = u8;

/// The weekday of `day` (Monday 0).
pub fn weekday_of(day: Day) -> Weekday {
    // 1970-01-01 was a Thursday.
    (day + 3).rem_euclid(7) as Weekday
}

/// How far back a weekday may move a day and month to find its year: the
/// calendar repeats within 28 years, 400 for a 29 February.
const YEARS_SEARCHED: i64 = 400;

impl Written {
    /// The day this names, given the article's publication day (if known)
    /// and today.
    pub fn resolve(self, published: Option<Day>, today: Day) -> Option<Day> {
        match self {
            Written::Full(day) => Some(day),
            Written::MonthDay {
                month,
                day,
                weekday: Some(weekday),
            } => latest_on_weekday(month, day, weekday, published.unwrap_or(today)),
            Written::MonthDay { month, day, .. } => latest_not_after(month, day, published?),
            Written::DaysAgo { days, .. } => Some(published? - days),
            Written::Weekday(weekday) => {
                let published = published?;
                Some(published - i64::from((weekday_of(published) + 7 - weekday) % 7))
            }
        }
    }

    /// The month and day written, when the text writes them.
    pub fn month_day(self) -> Option<(u32, u32)> {
        match self {
            Written::Full(day) => {
                let (_, month, day) = civil_from_day(day);
                Some((month, day))
            }
            Written::MonthDay { month, day, .. } => Some((month, day)),
            Written::DaysAgo { .. } | Written::Weekday(_) => None,
        }
    }

    /// The weekday the text writes here, if any. A full date's weekday is
    /// not written: in an opening, a full date without one is as often an
    /// earlier event's as this one's.
    pub fn weekday(self) -> Option<Weekday> {
        match self {
            Written::Full(_) => None,
            Written::MonthDay { weekday, .. } | Written::DaysAgo { weekday, .. } => weekday,
            Written::Weekday(weekday) => Some(weekday),
        }
    }
}

/// The latest `month`/`day` falling on `weekday` and not after `limit`.
fn latest_on_weekday(month: u32, day: u32, weekday: Weekday, limit: Day) -> Option<Day> {
    let (latest_year, _, _) = civil_from_day(limit);
    (latest_year - YEARS_SEARCHED..=latest_year)
        .rev()
        .filter_map(|year| civil_day(year, month, day))
        .find(|&candidate| candidate <= limit && weekday_of(candidate) == weekday)
}

/// The latest `month`/`day` not after `limit`.
fn latest_not_after(month: u32, day: u32, limit: Day) -> Option<Day> {
    let (latest_year, _, _) = civil_from_day(limit);
    (latest_year - 8..=latest_year)
        .rev()
        .filter_map(|year| civil_day(year, month, day))
        .find(|&candidate| candidate <= limit)
}

/// The year, month and day of `day`: the inverse of [`civil_day`].
pub fn civil_from_day(day: Day) -> (i64, u32, u32) {
    // Civil-from-days with March as the first month, as in `civil_day`.
    let shifted = day + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Which kinds of date to look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Dates with a day number: full dates and days with their month.
    Calendar,
    /// Those and days relative to publication, which only the opening of an
    /// article uses for its own event ("أمس" further down is background).
    WithRelative,
}

/// Every date `text` writes, in order.
pub fn written_dates(text: &str, scope: Scope) -> Vec<Written> {
    let has_digit = text
        .chars()
        .any(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c));
    // A day number is written in digits; most paragraphs have none.
    if !has_digit && scope == Scope::Calendar {
        return Vec::new();
    }
    let folded = fold(text);
    let tokens = tokens_with_gaps(&folded);
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let calendar = if has_digit {
            calendar_date_at(&tokens, index)
        } else {
            None
        };
        let (written, next) = match calendar {
            Some((written, next)) => (Some(written), next),
            None if scope == Scope::WithRelative => relative_date_at(&tokens, index),
            None => (None, index + 1),
        };
        found.extend(written);
        index = next;
    }
    found
}

/// A full date or a day and month starting at `index` (after a weekday
/// that belongs to it, if any), and the index after it.
fn calendar_date_at(tokens: &[Token], index: usize) -> Option<(Written, usize)> {
    let weekday = weekday_at(tokens, index);
    let start = if weekday.is_some() { index + 1 } else { index };
    let (written, next) = numeric_date_at(tokens, start)
        .map(|day| (Written::Full(day), start + 3))
        .or_else(|| day_month_at(tokens, start))
        .or_else(|| month_day_at(tokens, start))?;
    let written = match written {
        Written::MonthDay { month, day, .. } => Written::MonthDay {
            month,
            day,
            weekday,
        },
        other => other,
    };
    Some((written, next))
}

/// A day relative to publication at `index`, and the index after it.
fn relative_date_at(tokens: &[Token], index: usize) -> (Option<Written>, usize) {
    let word = tokens[index].text;
    let next = index + 1;
    if is_one_of(&TODAY, word)
        && let Some(weekday) = weekday_at(tokens, next)
    {
        let today = Written::DaysAgo {
            days: 0,
            weekday: Some(weekday),
        };
        return (Some(today), next + 1);
    }
    if is_one_of(&YESTERDAY, word) {
        let before = tokens
            .get(next)
            .is_some_and(|t| is_one_of(&DAY_BEFORE, t.text));
        let (days, after) = if before { (2, next + 1) } else { (1, next) };
        let ago = Written::DaysAgo {
            days,
            weekday: None,
        };
        return (Some(ago), after);
    }
    match weekday_at(tokens, index) {
        Some(weekday) if stands_as_a_day(tokens, index) => (Some(Written::Weekday(weekday)), next),
        _ => (None, next),
    }
}

/// Whether the weekday at `index` names a day rather than being another
/// word spelled alike: الاثنين is also "the two", so it counts only after a
/// time of day (مساء الاثنين) or set off by commas (، الاثنين،).
fn stands_as_a_day(tokens: &[Token], index: usize) -> bool {
    if tokens[index].text != AMBIGUOUS_MONDAY.as_str() {
        return true;
    }
    let set_off = index
        .checked_sub(1)
        .is_some_and(|before| tokens[before].gap.contains(['،', ',']));
    let after_time = index
        .checked_sub(1)
        .is_some_and(|before| is_one_of(&TIMES_OF_DAY, tokens[before].text));
    set_off || after_time
}

fn weekday_at(tokens: &[Token], index: usize) -> Option<Weekday> {
    WEEKDAYS.get(tokens.get(index)?.text).copied()
}

/// A run of letters or digits and the text between it and the next run.
struct Token<'a> {
    text: &'a str,
    gap: &'a str,
}

fn tokens_with_gaps(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if !is_word_char(c) {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(offset, c)) = chars.peek().filter(|&&(_, c)| is_word_char(c)) {
            end = offset + c.len_utf8();
            chars.next();
        }
        let mut gap_end = end;
        while let Some(&(offset, c)) = chars.peek().filter(|&&(_, c)| !is_word_char(c)) {
            gap_end = offset + c.len_utf8();
            chars.next();
        }
        tokens.push(Token {
            text: &text[start..end],
            gap: &text[end..gap_end],
        });
    }
    tokens
}

/// `2022-09-13`, `13/09/2022` and `13-9-2022`.
fn numeric_date_at(tokens: &[Token], index: usize) -> Option<Day> {
    let [first, second, third] = tokens.get(index..index + 3)? else {
        return None;
    };
    let separator = first.gap;
    if !matches!(separator, "-" | "/") || second.gap != separator {
        return None;
    }
    let numbers = [first.text, second.text, third.text].map(|t| t.parse::<i64>().ok());
    let [Some(a), Some(b), Some(c)] = numbers else {
        return None;
    };
    if first.text.len() == 4 {
        civil_day(a, u32::try_from(b).ok()?, u32::try_from(c).ok()?)
    } else if third.text.len() == 4 {
        civil_day(c, u32::try_from(b).ok()?, u32::try_from(a).ok()?)
    } else {
        None
    }
}

/// `13 سبتمبر 2022`, `13 أيلول/سبتمبر 2022`, `13 September 2022`, or
/// the same without the year.
fn day_month_at(tokens: &[Token], index: usize) -> Option<(Written, usize)> {
    let day = day_number(tokens.get(index)?.text)?;
    let (month, after) = month_at(tokens, index + 1)?;
    with_year(month, day, tokens, after)
}

/// `September 13, 2022`, or `September 13`.
fn month_day_at(tokens: &[Token], index: usize) -> Option<(Written, usize)> {
    let (month, after) = month_at(tokens, index)?;
    let day = day_number(tokens.get(after)?.text)?;
    with_year(month, day, tokens, after + 1)
}

/// The date of `month` and `day`, with the year at `index` when one is
/// written there, and the index after it. `None` when no such day exists.
fn with_year(month: u32, day: u32, tokens: &[Token], index: usize) -> Option<(Written, usize)> {
    if let Some(year) = tokens.get(index).and_then(|token| year_number(token.text)) {
        return civil_day(year, month, day).map(|full| (Written::Full(full), index + 1));
    }
    // A leap year admits every day a month can have.
    civil_day(2000, month, day)?;
    let undated = Written::MonthDay {
        month,
        day,
        weekday: None,
    };
    Some((undated, index))
}

/// The month named at `index` (one or two words, possibly followed by the
/// same month's other name, as in أيلول/سبتمبر) and the index after it.
fn month_at(tokens: &[Token], index: usize) -> Option<(u32, usize)> {
    let (month, mut after) = month_name_at(tokens, index)?;
    if let Some((_, next)) = month_name_at(tokens, after).filter(|&(m, _)| m == month) {
        after = next;
    }
    Some((month, after))
}

fn month_name_at(tokens: &[Token], index: usize) -> Option<(u32, usize)> {
    let word = tokens.get(index)?.text;
    if let Some(next) = tokens.get(index + 1) {
        let pair = format!("{word} {}", next.text);
        if let Some(&month) = MONTHS.get(&pair) {
            return Some((month, index + 2));
        }
    }
    MONTHS.get(word).map(|&month| (month, index + 1))
}

fn day_number(text: &str) -> Option<u32> {
    let day: u32 = text.parse().ok().filter(|_| text.len() <= 2)?;
    (1..=31).contains(&day).then_some(day)
}

fn year_number(text: &str) -> Option<i64> {
    let year: i64 = text.parse().ok().filter(|_| text.len() == 4)?;
    (1900..=2200).contains(&year).then_some(year)
}

/// Weekday names, Monday first, folded on first use; الثلثاء is how some
/// outlets spell Tuesday.
static WEEKDAYS: LazyLock<WordTable<Weekday>> = LazyLock::new(|| {
    word_table(&[
        ("الاثنين", 0),
        ("الثلاثاء", 1),
        ("الثلثاء", 1),
        ("الأربعاء", 2),
        ("الخميس", 3),
        ("الجمعة", 4),
        ("السبت", 5),
        ("الأحد", 6),
        ("monday", 0),
        ("tuesday", 1),
        ("wednesday", 2),
        ("thursday", 3),
        ("friday", 4),
        ("saturday", 5),
        ("sunday", 6),
    ])
});

/// Monday's Arabic name, which also reads "the two".
static AMBIGUOUS_MONDAY: LazyLock<String> = LazyLock::new(|| fold("الاثنين"));

/// "Today" as wire copy writes it before the weekday (اليوم الثلاثاء).
static TODAY: LazyLock<Vec<String>> = LazyLock::new(|| folded(&["اليوم"]));
static YESTERDAY: LazyLock<Vec<String>> =
    LazyLock::new(|| folded(&["أمس", "الأمس", "البارحة", "yesterday"]));
/// After "yesterday": the day before it (أمس الأول).
static DAY_BEFORE: LazyLock<Vec<String>> = LazyLock::new(|| folded(&["الأول"]));
/// Times of day that make the word after them a weekday (مساء الاثنين).
static TIMES_OF_DAY: LazyLock<Vec<String>> = LazyLock::new(|| {
    folded(&[
        "يوم", "مساء", "صباح", "ليل", "ليلة", "فجر", "ظهر", "عصر", "late", "early", "on",
    ])
});

fn is_one_of(words: &[String], word: &str) -> bool {
    words.iter().any(|listed| listed == word)
}

fn folded(words: &[&str]) -> Vec<String> {
    words.iter().map(|word| fold(word)).collect()
}

/// Month names as news text writes them: the Egyptian/Gulf names, the
/// Levantine names and English, folded on first use.
static MONTHS: LazyLock<WordTable<u32>> = LazyLock::new(|| {
    word_table(&[
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("أبريل", 4),
        ("ابريل", 4),
        ("إبريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يوليو", 7),
        ("أغسطس", 8),
        ("اغسطس", 8),
        ("سبتمبر", 9),
        ("أكتوبر", 10),
        ("اكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
        ("كانون الثاني", 1),
        ("شباط", 2),
        ("آذار", 3),
        ("نيسان", 4),
        ("أيار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("آب", 8),
        ("أيلول", 9),
        ("تشرين الأول", 10),
        ("تشرين الثاني", 11),
        ("كانون الأول", 12),
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("sept", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
    ])
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_count_from_the_epoch_across_leap_years() {
        assert_eq!(civil_day(1970, 1, 1), Some(0));
        assert_eq!(civil_day(2000, 3, 1), Some(11_017));
        assert_eq!(
            civil_day(2024, 2, 29)
                .zip(civil_day(2024, 3, 1))
                .map(|(a, b)| b - a),
            Some(1)
        );
        assert_eq!(civil_day(2023, 2, 29), None);
    }

    #[test]
    fn metadata_dates_accept_a_time_and_reject_other_shapes() {
        assert_eq!(parse_iso_day("2022-09-13"), civil_day(2022, 9, 13));
        assert_eq!(parse_iso_day("2022-09-13T08:00Z"), civil_day(2022, 9, 13));
        assert_eq!(parse_iso_day("13/09/2022"), None);
        assert_eq!(parse_iso_day("2022-9-13"), None);
        assert_eq!(parse_iso_day("٢٠٢٢"), None);
    }

    #[test]
    fn dates_written_in_arabic_and_english_text_are_found() {
        let expected = civil_day(2022, 9, 13);
        for text in [
            "وفي 13 أيلول/سبتمبر 2022 قالت الوزارة",
            "في 13 سبتمبر 2022",
            "on September 13, 2022, the ministry",
            "on 13 September 2022",
            "بتاريخ 2022-09-13",
            "بتاريخ 13/09/2022",
        ] {
            let full = expected.map(Written::Full);
            assert_eq!(
                written_dates(text, Scope::Calendar),
                [full.unwrap()],
                "{text}"
            );
        }
    }

    #[test]
    fn numbers_that_are_not_dates_are_ignored() {
        let partial = Written::MonthDay {
            month: 9,
            day: 13,
            weekday: None,
        };
        let found = written_dates("قتل 49 جنديا في 2022 و 13 سبتمبر", Scope::Calendar);
        assert_eq!(found, [partial], "49 and 2022 are no dates");
        assert!(written_dates("31 فبراير 2022", Scope::Calendar).is_empty());
        assert!(written_dates("31 فبراير", Scope::Calendar).is_empty());
    }

    fn day(year: i64, month: u32, day: u32) -> Day {
        civil_day(year, month, day).expect("a real day")
    }

    #[test]
    fn civil_dates_come_back_from_day_numbers() {
        for (year, month, date) in [(1970, 1, 1), (2000, 2, 29), (2021, 11, 17), (1899, 12, 31)] {
            assert_eq!(civil_from_day(day(year, month, date)), (year, month, date));
        }
        assert_eq!(weekday_of(day(2021, 11, 17)), 2, "a Wednesday");
    }

    #[test]
    fn a_weekday_fixes_the_year_of_a_day_and_month() {
        let written = written_dates("الأربعاء 17 نوفمبر", Scope::Calendar);
        let expected = Written::MonthDay {
            month: 11,
            day: 17,
            weekday: Some(2),
        };
        assert_eq!(written, [expected]);
        let today = day(2026, 12, 6);
        // Wednesday 17 November fell in 2010, 2021 and 2027.
        assert_eq!(expected.resolve(None, today), Some(day(2021, 11, 17)));
        assert_eq!(
            expected.resolve(Some(day(2015, 1, 1)), today),
            Some(day(2010, 11, 17))
        );
        let english = written_dates("on Wednesday, November 17, the ministry", Scope::Calendar);
        assert_eq!(english, [expected]);
    }

    #[test]
    fn a_day_and_month_alone_needs_the_publication_for_its_year() {
        let [written] = written_dates("وفي 13 سبتمبر قالت الوزارة", Scope::Calendar)[..]
        else {
            panic!("one date");
        };
        assert_eq!(written.month_day(), Some((9, 13)));
        assert_eq!(written.resolve(None, day(2026, 1, 1)), None);
        assert_eq!(
            written.resolve(Some(day(2022, 9, 16)), day(2026, 1, 1)),
            Some(day(2022, 9, 13))
        );
        assert_eq!(
            written.resolve(Some(day(2023, 2, 1)), day(2026, 1, 1)),
            Some(day(2022, 9, 13)),
            "the latest September 13 before February"
        );
        let english = written_dates("clashes on September 13 killed", Scope::Calendar);
        assert_eq!(english, [written]);
    }

    #[test]
    fn relative_days_count_back_from_publication() {
        let published = day(2022, 9, 14);
        let cases = [
            ("قالت الوزارة اليوم الأربعاء إن", day(2022, 9, 14)),
            ("اندلعت الاشتباكات أمس قرب الحدود", day(2022, 9, 13)),
            ("وقعت أمس الأول", day(2022, 9, 12)),
            ("the ministry said on Monday", day(2022, 9, 12)),
            ("أعلنت الوزارة، الاثنين، أن", day(2022, 9, 12)),
            ("the fighting late Wednesday", day(2022, 9, 14)),
        ];
        for (text, expected) in cases {
            let written = written_dates(text, Scope::WithRelative);
            assert_eq!(written.len(), 1, "{text}: {written:?}");
            assert_eq!(
                written[0].resolve(Some(published), published),
                Some(expected),
                "{text}"
            );
            assert_eq!(written[0].resolve(None, published), None, "{text}");
        }
    }

    #[test]
    fn relative_days_and_dates_say_their_weekday() {
        let cases = [
            ("قالت الوزارة اليوم الثلاثاء إن", Some(1)),
            ("قالت الوزارة اليوم الثلثاء إن", Some(1)),
            ("وقعت الاشتباكات فجر الجمعة", Some(4)),
            ("the army said on Sunday", Some(6)),
            ("اندلعت الاشتباكات أمس", None),
        ];
        for (text, weekday) in cases {
            let written = written_dates(text, Scope::WithRelative);
            assert_eq!(written.len(), 1, "{text}: {written:?}");
            assert_eq!(written[0].weekday(), weekday, "{text}");
        }
        // 13 September 2022 was a Tuesday, but the text does not say so.
        let [full] = written_dates("في 13 سبتمبر 2022", Scope::Calendar)[..] else {
            panic!("one date");
        };
        assert_eq!(full.weekday(), None);
        let [with_weekday] = written_dates("الثلاثاء 13 سبتمبر", Scope::Calendar)[..]
        else {
            panic!("one date");
        };
        assert_eq!(with_weekday.weekday(), Some(1));
    }

    #[test]
    fn the_word_for_two_is_not_monday_and_relative_days_need_their_scope() {
        assert!(written_dates("قتل الجنديين الاثنين في القصف", Scope::WithRelative).is_empty());
        assert!(written_dates("اندلعت الاشتباكات أمس", Scope::Calendar).is_empty());
        assert!(written_dates("في اليوم الثالث من القتال", Scope::WithRelative).is_empty());
    }
}
