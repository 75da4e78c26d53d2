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
//! Failing all of these, the weekday its opening gives the event ("اليوم
//! الثلاثاء", "on Tuesday"): reports of one event name the same day of the
//! week, reports of another clash between the same parties most often a
//! different one.

use super::super::Article;
use super::super::dates::{
    Day, Scope, Weekday, Written, civil_day, civil_from_day, parse_iso_day, weekday_of,
    written_dates,
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
    /// A day and month written there without a weekday or year, and the
    /// weekdays the opening names elsewhere, if any.
    MonthDay {
        month: u32,
        day: u32,
        weekdays: Option<OpeningWeekdays>,
    },
    /// Only the weekdays its opening names.
    OnWeekday(OpeningWeekdays),
    Undated,
}

/// The weekdays an article's title and first paragraphs name: the first,
/// which is its event's, and all of them, since a report of the next day
/// names both ("on Wednesday, a day after Tuesday's clash").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpeningWeekdays {
    pub first: Weekday,
    /// One bit per weekday named, Monday lowest.
    named: u8,
}

impl OpeningWeekdays {
    /// The weekdays named, in order; `None` when there are none.
    pub fn of(mut weekdays: impl Iterator<Item = Weekday>) -> Option<OpeningWeekdays> {
        let first = weekdays.next()?;
        let named = weekdays.fold(bit(first), |named, weekday| named | bit(weekday));
        Some(OpeningWeekdays { first, named })
    }

    /// One weekday alone.
    pub fn single(weekday: Weekday) -> OpeningWeekdays {
        OpeningWeekdays {
            first: weekday,
            named: bit(weekday),
        }
    }

    /// Whether the opening names `weekday`, first or later.
    fn names(self, weekday: Weekday) -> bool {
        self.named & bit(weekday) != 0
    }
}

/// The bit of `weekday` in [`OpeningWeekdays`]'s set.
fn bit(weekday: Weekday) -> u8 {
    1 << (weekday % 7)
}

/// How much a pair's dates support linking it, up to full: 0 when they say
/// nothing either way (one gives no date), full when both give full dates
/// within the window, half when a date is partial. Below 0 they speak
/// against it (see [`WEEKDAY_DISAGREEMENT`]).
pub const FULL_AGREEMENT: f32 = 1.0;
pub const PARTIAL_AGREEMENT: f32 = 0.5;
/// Two articles that write the same weekday for their event, not both with
/// a day. Reports of one event nearly always do, reports of two events
/// mostly not (six times in seven), which makes this as strong as two full
/// dates within the window: the pair needs what dated pairs need, and
/// names weigh fully. When one names the other's weekday only after its
/// own (a report of the next day), they agree half.
pub const WEEKDAY_AGREEMENT: f32 = FULL_AGREEMENT;
/// Two articles that write weekdays for their event, neither naming the
/// other's: evidence *against* one event, though not proof (a story may
/// run over a few days). A pair needs the undated threshold times
/// `1 - agreement`: twice it here, 0.30 in one language, and 1.0 across
/// two, where so few terms compare that such a pair is in effect never
/// linked.
pub const WEEKDAY_DISAGREEMENT: f32 = -1.0;

impl Dating {
    /// The article's day, when it has one.
    pub fn day(self) -> Option<Day> {
        match self {
            Dating::Published(day) | Dating::Dateline(day) | Dating::Weekday(day) => Some(day),
            Dating::MonthDay { .. } | Dating::OnWeekday(_) | Dating::Undated => None,
        }
    }

    /// The weekdays of the article's event, when they can be told.
    pub fn weekdays(self) -> Option<OpeningWeekdays> {
        match self {
            Dating::OnWeekday(weekdays) => Some(weekdays),
            Dating::MonthDay { weekdays, .. } => weekdays,
            other => other
                .day()
                .map(|day| OpeningWeekdays::single(weekday_of(day))),
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
            Dating::MonthDay { month, day, .. } => Some((month, day)),
            other => other.day().map(|day| {
                let (_, month, date) = civil_from_day(day);
                (month, date)
            }),
        }
    }

    fn is_full(self) -> bool {
        matches!(self, Dating::Published(_) | Dating::Dateline(_))
    }

    /// How much two datings support linking, from [`WEEKDAY_DISAGREEMENT`]
    /// to [`FULL_AGREEMENT`], or `None` when they are more than `window`
    /// days apart. Days and months count with their weekdays, up to full:
    /// the same day and month with the same weekday written agree fully.
    pub fn agreement(self, other: Dating, window: i64) -> Option<f32> {
        let dates = self.date_agreement(other, window)?;
        Some((dates + self.weekday_agreement(other)).min(FULL_AGREEMENT))
    }

    /// What the days and months of two datings say.
    fn date_agreement(self, other: Dating, window: i64) -> Option<f32> {
        let (Some(left_month_day), Some(right_month_day)) = (self.month_day(), other.month_day())
        else {
            return Some(0.0);
        };
        if let (Some(left), Some(right)) = (self.day(), other.day()) {
            let full = self.is_full() && other.is_full();
            return ((left - right).abs() <= window).then_some(if full {
                FULL_AGREEMENT
            } else {
                PARTIAL_AGREEMENT
            });
        }
        (days_apart_in_a_year(left_month_day, right_month_day) <= window)
            .then_some(PARTIAL_AGREEMENT)
    }

    /// What the weekdays of two datings say (see [`WEEKDAY_AGREEMENT`]).
    /// Against a publication or dateline day, the same weekday agrees half
    /// and a different one says nothing: a report is often published, and
    /// a wire filed, the day after its event.
    fn weekday_agreement(self, other: Dating) -> f32 {
        let (Some(left), Some(right)) = (self.weekdays(), other.weekdays()) else {
            return 0.0;
        };
        let written = self.names_its_weekday() && other.names_its_weekday();
        let same = left.first == right.first;
        if self.day().is_some() && other.day().is_some() {
            // The days have said whether they agree; a weekday written with
            // each lifts the same day and month to full.
            return if written && same {
                PARTIAL_AGREEMENT
            } else {
                0.0
            };
        }
        let next_day = left.names(right.first) || right.names(left.first);
        match (written, same) {
            (true, true) => WEEKDAY_AGREEMENT,
            (true, false) if next_day => PARTIAL_AGREEMENT,
            (true, false) => WEEKDAY_DISAGREEMENT,
            (false, true) => PARTIAL_AGREEMENT,
            (false, false) => 0.0,
        }
    }

    /// The weekday of both articles' events, when it is the same and it
    /// says something the days do not (one of the two has none).
    pub fn weekday_shared_with(self, other: Dating) -> Option<Weekday> {
        let (left, right) = (self.weekdays()?, other.weekdays()?);
        let one_without_a_day = self.day().is_none() || other.day().is_none();
        (left.first == right.first && one_without_a_day).then_some(left.first)
    }

    /// Whether the article's weekday is one its text writes for its event,
    /// rather than that of a publication day or a wire's dateline.
    fn names_its_weekday(self) -> bool {
        matches!(
            self,
            Dating::OnWeekday(_) | Dating::Weekday(_) | Dating::MonthDay { .. }
        )
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
        Some(Written::MonthDay { month, day, .. }) => Dating::MonthDay {
            month,
            day,
            weekdays: opening_weekdays(article),
        },
        _ => opening_weekdays(article).map_or(Dating::Undated, Dating::OnWeekday),
    }
}

/// How many paragraphs after the title may name the weekday of an
/// article's event: a lede often gives it only after a dateline line and a
/// sentence of scene-setting.
const WEEKDAY_PARAGRAPHS: usize = 4;

/// The weekdays the title and the first paragraphs name.
fn opening_weekdays(article: &Article) -> Option<OpeningWeekdays> {
    let lede = article
        .paragraphs
        .iter()
        .take(WEEKDAY_PARAGRAPHS)
        .map(|range| range.slice(&article.source));
    let named = std::iter::once(article.title.as_str())
        .chain(lede)
        .flat_map(|text| written_dates(text, Scope::WithRelative))
        .filter_map(Written::weekday);
    OpeningWeekdays::of(named)
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

    /// A day and month without a year or weekday.
    fn month_day(month: u32, day: u32) -> Dating {
        Dating::MonthDay {
            month,
            day,
            weekdays: None,
        }
    }

    #[test]
    fn full_dates_agree_fully_and_partial_ones_half() {
        let published = Dating::Published(day(2022, 9, 13));
        let next_day = Dating::Dateline(day(2022, 9, 14));
        let weekday = Dating::Weekday(day(2022, 9, 13));
        let month_day = month_day(9, 12);
        assert_eq!(published.agreement(next_day, 3), Some(FULL_AGREEMENT));
        assert_eq!(published.agreement(weekday, 3), Some(PARTIAL_AGREEMENT));
        assert_eq!(published.agreement(month_day, 3), Some(PARTIAL_AGREEMENT));
        assert_eq!(published.agreement(Dating::Undated, 3), Some(0.0));
    }

    #[test]
    fn dates_beyond_the_window_forbid_a_link_even_without_a_year() {
        let september = month_day(9, 13);
        let november = month_day(11, 16);
        let a_year_later = Dating::Published(day(2023, 9, 19));
        assert_eq!(september.agreement(november, 3), None);
        assert_eq!(september.agreement(a_year_later, 3), None);
        assert_eq!(
            Dating::Published(day(2022, 9, 13)).agreement(Dating::Published(day(2023, 9, 13)), 3),
            None
        );
        let new_year = month_day(1, 1);
        let new_years_eve = month_day(12, 31);
        assert_eq!(
            new_year.agreement(new_years_eve, 3),
            Some(PARTIAL_AGREEMENT)
        );
    }

    const TUESDAY: Weekday = 1;
    const WEDNESDAY: Weekday = 2;

    fn on(weekday: Weekday) -> Dating {
        Dating::OnWeekday(OpeningWeekdays::single(weekday))
    }

    #[test]
    fn the_same_weekday_agrees_fully_and_different_ones_disagree() {
        let tuesday = on(TUESDAY);
        let wednesday = on(WEDNESDAY);
        assert_eq!(tuesday.agreement(tuesday, 3), Some(WEEKDAY_AGREEMENT));
        assert_eq!(tuesday.agreement(wednesday, 3), Some(WEEKDAY_DISAGREEMENT));
        assert_eq!(tuesday.agreement(Dating::Undated, 3), Some(0.0));
        let options = super::super::StoryOptions::default();
        assert_eq!(
            options.needed(true, WEEKDAY_DISAGREEMENT),
            2.0 * options.min_similarity
        );
        assert_eq!(
            options.needed(true, WEEKDAY_AGREEMENT),
            options.min_similarity_dated
        );
    }

    #[test]
    fn a_weekday_against_a_publication_day_agrees_half_or_says_nothing() {
        // 13 September 2022 was a Tuesday; reports of it published on the
        // 14th still say "on Tuesday".
        let published_tuesday = Dating::Published(day(2022, 9, 13));
        let published_wednesday = Dating::Published(day(2022, 9, 14));
        let tuesday = on(TUESDAY);
        assert_eq!(
            tuesday.agreement(published_tuesday, 3),
            Some(PARTIAL_AGREEMENT)
        );
        assert_eq!(published_wednesday.agreement(tuesday, 3), Some(0.0));
    }

    #[test]
    fn a_weekday_written_with_its_day_counts_as_written() {
        // "الأربعاء 14 سبتمبر": the text names the event's weekday.
        let written_wednesday = Dating::Weekday(day(2022, 9, 14));
        assert_eq!(
            written_wednesday.agreement(on(WEDNESDAY), 3),
            Some(WEEKDAY_AGREEMENT)
        );
        assert_eq!(
            written_wednesday.agreement(on(TUESDAY), 3),
            Some(WEEKDAY_DISAGREEMENT)
        );
    }

    #[test]
    fn days_and_months_that_agree_count_with_their_weekdays() {
        let on_day = |day: u32, weekday: Option<Weekday>| Dating::MonthDay {
            month: 3,
            day,
            weekdays: weekday.map(OpeningWeekdays::single),
        };
        let tuesday = Some(TUESDAY);
        assert_eq!(
            on_day(12, tuesday).agreement(on_day(12, tuesday), 3),
            Some(FULL_AGREEMENT)
        );
        assert_eq!(
            on_day(12, None).agreement(on_day(12, tuesday), 3),
            Some(PARTIAL_AGREEMENT)
        );
        assert_eq!(
            on_day(12, tuesday).agreement(on_day(13, Some(WEDNESDAY)), 3),
            Some(PARTIAL_AGREEMENT + WEEKDAY_DISAGREEMENT)
        );
        assert_eq!(
            on_day(12, tuesday).agreement(on_day(20, tuesday), 3),
            None,
            "a week apart"
        );
        assert_eq!(
            on(TUESDAY).agreement(on_day(12, tuesday), 3),
            Some(WEEKDAY_AGREEMENT)
        );
    }

    #[test]
    fn a_report_of_the_next_day_that_names_the_first_day_agrees_half() {
        let opening = |weekdays: &[Weekday]| {
            let weekdays = OpeningWeekdays::of(weekdays.iter().copied());
            Dating::OnWeekday(weekdays.expect("weekdays"))
        };
        let next_day = opening(&[WEDNESDAY, TUESDAY]);
        assert_eq!(next_day.agreement(on(TUESDAY), 3), Some(PARTIAL_AGREEMENT));
        assert_eq!(
            next_day.agreement(on(WEDNESDAY), 3),
            Some(WEEKDAY_AGREEMENT)
        );
        assert_eq!(next_day.agreement(on(4), 3), Some(WEEKDAY_DISAGREEMENT));
        const SUNDAY: Weekday = 6;
        assert_eq!(
            opening(&[TUESDAY, SUNDAY]).agreement(opening(&[WEDNESDAY, SUNDAY]), 3),
            Some(WEEKDAY_DISAGREEMENT),
            "a background weekday both name is neither event's"
        );
    }

    #[test]
    fn the_same_day_written_with_its_weekday_agrees_fully() {
        // "الثلاثاء 13 سبتمبر" in both.
        let written = Dating::Weekday(day(2022, 9, 13));
        assert_eq!(written.agreement(written, 3), Some(FULL_AGREEMENT));
        let next = Dating::Weekday(day(2022, 9, 14));
        assert_eq!(written.agreement(next, 3), Some(PARTIAL_AGREEMENT));
        let dateline = Dating::Dateline(day(2022, 9, 13));
        assert_eq!(written.agreement(dateline, 3), Some(PARTIAL_AGREEMENT));
    }

    fn plain_text(source: &str) -> Article {
        let format = crate::corpus::parse::Format::PlainText;
        crate::corpus::parse::parse_article("a.txt", source.to_string(), format)
            .expect("a plain-text article")
            .article
    }

    #[test]
    fn an_undated_report_is_dated_by_the_weekday_of_its_opening() {
        let today = day(2026, 12, 6);
        let report = plain_text(
            "Border guards trade fire\n\nBISHKEK:\n\nThe fighting began at dawn.\n\n\
             Guards of both sides exchanged fire on Wednesday, officials said.\n\n\
             The last clash, on a Sunday, was in a different valley.\n",
        );
        // The event's weekday first; a later one of the opening is named too.
        let weekdays = OpeningWeekdays::of([WEDNESDAY, 6].into_iter());
        assert_eq!(
            article_dating(&report, today),
            Dating::OnWeekday(weekdays.expect("one"))
        );
        let with_month_day = plain_text(
            "اشتباكات حدودية\n\nتبادلت القوات إطلاق النار اليوم الثلاثاء 12 مارس قرب الحدود.\n",
        );
        assert_eq!(
            article_dating(&with_month_day, today),
            Dating::Weekday(day(2024, 3, 12)),
            "a weekday beside the date fixes the year"
        );
        let apart = plain_text(
            "اشتباكات حدودية\n\nفي 12 مارس تبادلت القوات إطلاق النار.\n\nوقالت الوزارة الثلاثاء إن الهدوء عاد.\n",
        );
        assert_eq!(
            article_dating(&apart, today),
            Dating::MonthDay {
                month: 3,
                day: 12,
                weekdays: Some(OpeningWeekdays::single(TUESDAY))
            }
        );
        let background = plain_text(
            "Border guards trade fire\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nA clash on Sunday followed.\n",
        );
        assert_eq!(article_dating(&background, today), Dating::Undated);
    }
}
