//! How Waymark writes dates, times, hours and academic years for people to read. One place,
//! so every page says "25 August 2026" the same way.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as people write it: "25 August 2026" (written directly: chrono's `format` reads its
/// pattern afresh each time, and a portfolio writes dozens of dates).
pub fn long_date(date: NaiveDate) -> String {
    let month = usize::try_from(date.month0())
        .ok()
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

/// The dates of something that may run over several days: "5 August 2026", or
/// "5 August 2026 to 7 August 2026"; empty when there is no start.
pub fn date_range(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (Some(start), Some(end)) if end != start => {
            format!("{} to {}", long_date(start), long_date(end))
        }
        (Some(start), _) => long_date(start),
        _ => String::new(),
    }
}

/// The day of a moment: "25 August 2026".
pub fn day_of(at: DateTime<Utc>) -> String {
    long_date(at.date_naive())
}

/// A moment to the minute: "25 August 2026 at 09:05".
pub fn date_time(at: DateTime<Utc>) -> String {
    format!("{} at {:02}:{:02}", day_of(at), at.hour(), at.minute())
}

/// A date as a form field holds it: "2026-08-25".
pub fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The academic year a date falls in: September to August, as "2025 to 2026".
pub fn academic_year(date: NaiveDate) -> String {
    use crate::portfolio::{academic_year_label, academic_year_start};
    academic_year_label(academic_year_start(date))
}

/// Hours kept as quarter hours, as people say them: "1.5 hours", "1 hour", "2.25 hours".
pub fn format_hours(quarters: i32) -> String {
    if quarters == 4 {
        return "1 hour".to_owned();
    }
    let number = if quarters % 4 == 0 {
        format!("{}", quarters / 4)
    } else {
        format!("{}", f64::from(quarters) / 4.0)
    };
    format!("{number} hours")
}

/// Hours kept as quarter hours, as the evidence form holds them: "1.5", "2".
pub fn hours_field(quarters: i32) -> String {
    format!("{}", f64::from(quarters) / 4.0)
}

/// A count as people write it: "1,986".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1986), "1,986");
        assert_eq!(count(2_000_000), "2,000,000");
    }

    #[test]
    fn the_academic_year_runs_from_september_to_august() {
        assert_eq!(academic_year(d(2025, 9, 1)), "2025 to 2026");
        assert_eq!(academic_year(d(2026, 8, 31)), "2025 to 2026");
        assert_eq!(academic_year(d(2026, 9, 1)), "2026 to 2027");
    }

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(long_date(d(2026, 8, 5)), "5 August 2026");
        assert_eq!(long_date(d(2025, 12, 31)), "31 December 2025");
        assert_eq!(long_date(d(2026, 1, 1)), "1 January 2026");
        assert_eq!(date_range(Some(d(2026, 8, 5)), None), "5 August 2026");
        assert_eq!(
            date_range(Some(d(2026, 8, 5)), Some(d(2026, 8, 5))),
            "5 August 2026"
        );
        assert_eq!(
            date_range(Some(d(2026, 8, 5)), Some(d(2026, 8, 7))),
            "5 August 2026 to 7 August 2026"
        );
        assert_eq!(date_range(None, Some(d(2026, 8, 7))), "");
        for month in 1..=12 {
            let date = d(2026, month, 14);
            assert_eq!(long_date(date), date.format("%-d %B %Y").to_string());
        }
    }

    #[test]
    fn a_moment_reads_as_its_day_and_time_to_the_minute() {
        let at = d(2026, 3, 7)
            .and_hms_opt(9, 5, 59)
            .expect("a real time")
            .and_utc();
        assert_eq!(date_time(at), "7 March 2026 at 09:05");
        assert_eq!(date_time(at), at.format("%-d %B %Y at %H:%M").to_string());
        assert_eq!(day_of(at), "7 March 2026");
    }

    #[test]
    fn a_form_holds_dates_year_first() {
        assert_eq!(iso_date(d(2026, 3, 7)), "2026-03-07");
    }

    #[test]
    fn hours_read_naturally() {
        assert_eq!(format_hours(4), "1 hour");
        assert_eq!(format_hours(6), "1.5 hours");
        assert_eq!(format_hours(8), "2 hours");
        assert_eq!(format_hours(9), "2.25 hours");
        assert_eq!(format_hours(1), "0.25 hours");
    }

    #[test]
    fn the_form_shows_hours_as_a_plain_number() {
        assert_eq!(hours_field(6), "1.5");
        assert_eq!(hours_field(8), "2");
    }
}
