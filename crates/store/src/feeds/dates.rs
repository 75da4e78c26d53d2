//! Dates as feeds write them, to UTC. RSS asks for RFC 822 and Atom, Dublin
//! Core and JSON Feed for RFC 3339, but publishers also write two-digit
//! years, named US zones, no zone, no seconds, day names in their own
//! language, a space for the `T`, or a date alone. Both families are read
//! leniently; what cannot be a date gives `None`, never a guess.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};

/// A feed date in UTC, to the second: stored dates are compared as text,
/// which a fraction of a second would upset.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let date = DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|date| date.with_timezone(&Utc))
        .or_else(|| iso_date(text))
        .or_else(|| rfc822_date(text))?;
    date.with_nanosecond(0)
}

/// `YYYY[-MM[-DD[(T| )hh:mm[:ss[.fff]]]]][Z|±hh[:]mm]`.
fn iso_date(text: &str) -> Option<DateTime<Utc>> {
    let (date_part, rest) = split_at_time(text);
    let mut fields = date_part.split('-');
    let year: i32 = digits(fields.next()?, 4)?;
    let month: u32 = fields.next().map_or(Some(1), |m| digits(m, 2))?;
    let day: u32 = fields.next().map_or(Some(1), |d| digits(d, 2))?;
    if fields.next().is_some() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let (time, zone) = match rest {
        Some(rest) => {
            let zone_start = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
            let (clock, zone) = rest.split_at(zone_start);
            (clock_time(clock.trim())?, zone_offset(zone.trim())?)
        }
        None => (NaiveTime::MIN, 0),
    };
    in_utc(NaiveDateTime::new(date, time), zone)
}

fn split_at_time(text: &str) -> (&str, Option<&str>) {
    match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    }
}

/// `[Day,] DD Mon YYYY [hh:mm[:ss]] [zone]`, also with the month first. A
/// day name can look like a month (Italian `mar` is Tuesday), so every
/// month-like word is tried.
fn rfc822_date(text: &str) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    (0..words.len()).find_map(|at| date_with_month_at(&words, at))
}

fn date_with_month_at(words: &[&str], month_at: usize) -> Option<DateTime<Utc>> {
    let month = month_number(words[month_at])?;
    let is_number = |word: &&str| word.bytes().all(|b| b.is_ascii_digit());
    let before = month_at.checked_sub(1).and_then(|at| words.get(at));
    let (day_word, year_at) = match (before, words.get(month_at + 1)) {
        (Some(day), _) if is_number(day) => (*day, month_at + 1),
        (_, Some(day)) if is_number(day) => (*day, month_at + 2),
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(
        full_year(words.get(year_at)?)?,
        month,
        day_word.parse().ok()?,
    )?;
    let mut rest = words[year_at + 1..].iter().peekable();
    let time = match rest.peek() {
        Some(clock) if clock.contains(':') => clock_time(rest.next()?)?,
        _ => NaiveTime::MIN,
    };
    let zone = rest.next().map_or(0, |zone| zone_offset(zone).unwrap_or(0));
    in_utc(NaiveDateTime::new(date, time), zone)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = word.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let index = MONTHS.iter().position(|month| *month == prefix)?;
    (lower.chars().all(|c| c.is_ascii_alphabetic() || c == '.')).then_some(index as u32 + 1)
}

fn full_year(word: &str) -> Option<i32> {
    let year: i32 = word.parse().ok()?;
    match word.len() {
        2 if year < 50 => Some(2000 + year),
        2 => Some(1900 + year),
        4 => Some(year),
        _ => None,
    }
}

/// `hh:mm[:ss[.fff]]`; a leap second is read as the second before.
fn clock_time(clock: &str) -> Option<NaiveTime> {
    if clock.is_empty() {
        return Some(NaiveTime::MIN);
    }
    let mut fields = clock.split(':');
    let hour_field = fields.next()?;
    let hour: u32 = digits(hour_field, 2).or_else(|| digits(hour_field, 1))?;
    let minute: u32 = digits(fields.next()?, 2)?;
    let second: u32 = match fields.next() {
        Some(seconds) => {
            let whole = seconds.split(['.', ',']).next()?;
            digits(whole, 2)?
        }
        None => 0,
    };
    if fields.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second.min(59))
}

/// `word` as a number of exactly `width` ASCII digits.
fn digits<T: std::str::FromStr>(word: &str, width: usize) -> Option<T> {
    (word.len() == width && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// Seconds east of UTC: `Z`, `±h`, `±hh`, `±hhmm`, `±hh:mm` (also after
/// `GMT` or `UTC`, as in `GMT+3`), or a zone name RFC 822 knows. Empty
/// means UTC.
fn zone_offset(zone: &str) -> Option<i32> {
    let upper = zone.to_ascii_uppercase();
    let named = match upper.as_str() {
        "" | "Z" | "UT" | "UTC" | "GMT" => Some(0),
        "EST" | "CDT" => Some(-5),
        "EDT" => Some(-4),
        "CST" | "MDT" => Some(-6),
        "MST" | "PDT" => Some(-7),
        "PST" => Some(-8),
        _ => None,
    };
    if let Some(hours) = named {
        return Some(hours * 3600);
    }
    let numeric = ["GMT", "UTC"]
        .iter()
        .find_map(|name| upper.strip_prefix(name))
        .unwrap_or(&upper);
    let sign = match numeric.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let number: String = numeric[1..].chars().filter(|c| *c != ':').collect();
    let (hours, minutes): (i32, i32) = match number.len() {
        1 | 2 => (number.parse().ok()?, 0),
        4 => (digits(&number[..2], 2)?, digits(&number[2..], 2)?),
        _ => return None,
    };
    (hours < 24 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

fn in_utc(local: NaiveDateTime, offset_seconds: i32) -> Option<DateTime<Utc>> {
    FixedOffset::east_opt(offset_seconds)?
        .from_local_datetime(&local)
        .single()
        .map(|date| date.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Option<String> {
        parse_date(text).map(|date| date.to_rfc3339())
    }

    #[test]
    fn rfc822_dates_with_their_usual_deviations() {
        let expected = Some("2026-11-02T08:15:00+00:00".to_string());
        for text in [
            "Mon, 02 Nov 2026 08:15:00 GMT",
            "Mon, 2 Nov 2026 08:15:00 +0000",
            "Mon, 02 Nov 2026 10:15:00 +02:00",
            "lun, 02 nov 2026 09:15:00 +0100",
            "02 November 2026 03:15:00 EST",
            "Mon, 02 Nov 26 08:15 Z",
            "Nov 2, 2026 08:15:00",
            "Mon, 02 Nov 2026 8:15:00 UT",
            "mar, 02 nov 2026 08:15:00 +0000",
            "Mon, 02 Nov 2026 11:15:00 GMT+3",
            "Mon, 02 Nov 2026 11:15:00 UTC+03:00",
        ] {
            assert_eq!(utc(text), expected, "{text}");
        }
        assert_eq!(
            utc("Thu, 01 Aug 2019 16:15 EDT").as_deref(),
            Some("2019-08-01T20:15:00+00:00")
        );
    }

    #[test]
    fn iso_dates_full_partial_and_with_a_space() {
        assert_eq!(
            utc("2026-11-02T11:15:00+03:00").as_deref(),
            Some("2026-11-02T08:15:00+00:00")
        );
        assert_eq!(
            utc("2026-11-02 08:15:00.250Z").as_deref(),
            Some("2026-11-02T08:15:00+00:00")
        );
        assert_eq!(
            utc("2026-11-02T08:15").as_deref(),
            Some("2026-11-02T08:15:00+00:00")
        );
        assert_eq!(
            utc("2026-11-02").as_deref(),
            Some("2026-11-02T00:00:00+00:00")
        );
        assert_eq!(
            utc("2026-11-02T10:15:00+0200").as_deref(),
            Some("2026-11-02T08:15:00+00:00")
        );
    }

    #[test]
    fn what_is_not_a_date_gives_none() {
        for text in [
            "",
            "yesterday",
            "2026-13-40",
            "32 Nov 2026",
            "Nov 2026",
            "2026-11-02T25:00Z",
        ] {
            assert_eq!(utc(text), None, "{text}");
        }
    }
}
