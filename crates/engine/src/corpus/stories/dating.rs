//! When an article's event happened, as far as the article says, and how
//! much two articles' dates agree.
//!
//! An article's own date is, best first: its metadata `date` (when it was
//! published); a full date in its title or opening paragraphs (wire copy
//! opens with it); a day and month there with the weekday that fixes the
//! year; a day and month there without a year. Dates further down are
//! usually background (an earlier war, an old agreement) and are not read
//! as the article's own. Full dates are evidence; the others are weaker,
//! and a day and month alone only says which days of a year are possible.

use super::super::Article;
use super::super::dates::{
    Day, Scope, Written, civil_day, civil_from_day, parse_iso_day, written_dates,
};

/// How many paragraphs after the title may hold an article's dateline.
pub const DATELINE_PARAGRAPHS: usize = 2;

/// What an article says about its own date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dating {
    /// Its metadata date.
    Published(Day),
    /// A full date written in its title or opening paragraphs.
    Dateline(Day),
    /// A day and month written there with a weekday, which fixed the year.
    Weekday(Day),
    /// A day and month written there without a weekday or year.
    MonthDay {
        month: u32,
        day: u32,
    },
    Undated,
}

/// How much a pair's dates support linking it: not at all when neither
/// says anything or one is undated, fully when both give full dates within
/// the window, half when a date is partial.
pub const FULL_AGREEMENT: f32 = 1.0;
pub const PARTIAL_AGREEMENT: f32 = 0.5;

impl Dating {
    /// The article's day, when it has one.
    pub fn day(self) -> Option<Day> {
        match self {
            Dating::Published(day) | Dating::Dateline(day) | Dating::Weekday(day) => Some(day),
            Dating::MonthDay { .. } | Dating::Undated => None,
        }
    }

    /// The day a relative date ("أمس", "on Monday") counts back from: a
    /// publication or dateline day, never one inferred from a weekday.
    pub fn publication(self) -> Option<Day> {
        match self {
            Dating::Published(day) | Dating::Dateline(day) => Some(day),
            _ => None,
        }
    }

    fn month_day(self) -> Option<(u32, u32)> {
        match self {
            Dating::MonthDay { month, day } => Some((month, day)),
            other => other.day().map(|day| {
                let (_, month, date) = civil_from_day(day);
                (month, date)
            }),
        }
    }

    fn is_full(self) -> bool {
        matches!(self, Dating::Published(_) | Dating::Dateline(_))
    }

    /// How much two datings support linking (see [`FULL_AGREEMENT`]), or
    /// `None` when they are more than `window` days apart.
    pub fn agreement(self, other: Dating, window: i64) -> Option<f32> {
        if self == Dating::Undated || other == Dating::Undated {
            return Some(0.0);
        }
        if let (Some(left), Some(right)) = (self.day(), other.day()) {
            let full = self.is_full() && other.is_full();
            return ((left - right).abs() <= window).then_some(if full {
                FULL_AGREEMENT
            } else {
                PARTIAL_AGREEMENT
            });
        }
        let (left, right) = (self.month_day()?, other.month_day()?);
        (days_apart_in_a_year(left, right) <= window).then_some(PARTIAL_AGREEMENT)
    }
}

/// How many days apart two days of the year are, the shorter way round
/// (31 December and 2 January are two days apart).
pub fn days_apart_in_a_year(left: (u32, u32), right: (u32, u32)) -> i64 {
    let in_year = |(month, day): (u32, u32)| {
        // A leap year holds every day a month can have.
        civil_day(2000, month, day).unwrap_or_default() - civil_day(2000, 1, 1).unwrap_or_default()
    };
    let apart = (in_year(left) - in_year(right)).abs();
    apart.min(366 - apart)
}

/// What `article` says about its own date; `today` fixes the year of a
/// weekday and month when no publication date is known.
pub fn article_dating(article: &Article, today: Day) -> Dating {
    if let Some(day) = article.meta.date.as_deref().and_then(parse_iso_day) {
        return Dating::Published(day);
    }
    match dateline(article) {
        Some(Written::Full(day)) => Dating::Dateline(day),
        Some(
            written @ Written::MonthDay {
                weekday: Some(_), ..
            },
        ) => written
            .resolve(None, today)
            .map_or(Dating::Undated, Dating::Weekday),
        Some(Written::MonthDay { month, day, .. }) => Dating::MonthDay { month, day },
        _ => Dating::Undated,
    }
}

/// The day an article was published or its dateline names, without
/// inferring one from a weekday: what relative dates count back from.
pub fn publication_day(article: &Article) -> Option<Day> {
    let metadata = article.meta.date.as_deref().and_then(parse_iso_day);
    metadata.or_else(|| match dateline(article)? {
        Written::Full(day) => Some(day),
        _ => None,
    })
}

/// The first date with a day number in the title or opening paragraphs.
fn dateline(article: &Article) -> Option<Written> {
    opening(article)
        .flat_map(|text| written_dates(text, Scope::Calendar))
        .next()
}

/// An article's title and opening paragraphs, where it dates its event.
pub fn opening(article: &Article) -> impl Iterator<Item = &str> {
    let lede = article
        .paragraphs
        .iter()
        .take(DATELINE_PARAGRAPHS)
        .map(|range| range.slice(&article.source));
    std::iter::once(article.title.as_str()).chain(lede)
}

/// Today, by the system clock.
pub fn today() -> Day {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    i64::try_from(seconds / 86_400).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i64, month: u32, date: u32) -> Day {
        civil_day(year, month, date).expect("a real day")
    }

    #[test]
    fn full_dates_agree_fully_and_partial_ones_half() {
        let published = Dating::Published(day(2022, 9, 13));
        let next_day = Dating::Dateline(day(2022, 9, 14));
        let weekday = Dating::Weekday(day(2022, 9, 13));
        let month_day = Dating::MonthDay { month: 9, day: 12 };
        assert_eq!(published.agreement(next_day, 3), Some(FULL_AGREEMENT));
        assert_eq!(published.agreement(weekday, 3), Some(PARTIAL_AGREEMENT));
        assert_eq!(published.agreement(month_day, 3), Some(PARTIAL_AGREEMENT));
        assert_eq!(published.agreement(Dating::Undated, 3), Some(0.0));
    }

    #[test]
    fn dates_beyond_the_window_forbid_a_link_even_without_a_year() {
        let september = Dating::MonthDay { month: 9, day: 13 };
        let november = Dating::MonthDay { month: 11, day: 16 };
        let a_year_later = Dating::Published(day(2023, 9, 19));
        assert_eq!(september.agreement(november, 3), None);
        assert_eq!(september.agreement(a_year_later, 3), None);
        assert_eq!(
            Dating::Published(day(2022, 9, 13)).agreement(Dating::Published(day(2023, 9, 13)), 3),
            None
        );
        let new_year = Dating::MonthDay { month: 1, day: 1 };
        let new_years_eve = Dating::MonthDay { month: 12, day: 31 };
        assert_eq!(
            new_year.agreement(new_years_eve, 3),
            Some(PARTIAL_AGREEMENT)
        );
    }
}
