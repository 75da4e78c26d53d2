//! Calendar dates as day numbers: the `date` of an article's metadata and
//! the full dates written in its text ("13 أيلول/سبتمبر 2022", "September
//! 13, 2022", "2022-09-13"). Story grouping compares days, never strings.

use super::terms::{fold, is_word_char};
use std::collections::HashMap;
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

/// Every full date written in `text` (day, month name, year), in order.
pub fn dates_in_text(text: &str) -> Vec<Day> {
    // Every date form has a year in digits; most paragraphs have none.
    if !text
        .chars()
        .any(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c))
    {
        return Vec::new();
    }
    let folded = fold(text);
    let tokens = tokens_with_gaps(&folded);
    let mut days = Vec::new();
    for index in 0..tokens.len() {
        days.extend(
            numeric_date_at(&tokens, index)
                .or_else(|| day_month_year_at(&tokens, index))
                .or_else(|| month_day_year_at(&tokens, index)),
        );
    }
    days
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

/// `13 سبتمبر 2022`, `13 أيلول/سبتمبر 2022`, `13 September 2022`.
fn day_month_year_at(tokens: &[Token], index: usize) -> Option<Day> {
    let day = day_number(tokens.get(index)?.text)?;
    let (month, after) = month_at(tokens, index + 1)?;
    let year = year_number(tokens.get(after)?.text)?;
    civil_day(year, month, day)
}

/// `September 13, 2022`.
fn month_day_year_at(tokens: &[Token], index: usize) -> Option<Day> {
    let (month, after) = month_at(tokens, index)?;
    let day = day_number(tokens.get(after)?.text)?;
    let year = year_number(tokens.get(after + 1)?.text)?;
    civil_day(year, month, day)
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

/// Month names as news text writes them: the Egyptian/Gulf names, the
/// Levantine names and English, folded on first use.
static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    const NAMES: &[(&str, u32)] = &[
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
    ];
    NAMES
        .iter()
        .map(|&(name, month)| (fold(name), month))
        .collect()
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
            assert_eq!(dates_in_text(text), vec![expected.unwrap()], "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_dates_are_ignored() {
        assert!(dates_in_text("قتل 49 جنديا في 2022 و 13 سبتمبر").is_empty());
        assert!(dates_in_text("31 فبراير 2022").is_empty());
    }
}
