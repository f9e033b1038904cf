//! Awards in numbers, for HR: how many people hold each award, in each academy and role
//! category, this academic year and all time; and every award as a CSV file.

use crate::portfolio::academic_year_start;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One award as the report reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwardRow {
    pub award: String,
    pub holder: String,
    pub email: String,
    /// Their academy, or the central team.
    pub workplace: String,
    pub category: String,
    pub awarded_on: NaiveDate,
    pub by_milestone: bool,
    pub group: String,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawn_reason: String,
}

/// How many awards one thing (an award, an academy, a role category) counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub name: String,
    pub this_year: u64,
    pub all_time: u64,
}

/// The awards that stand (withdrawn ones aside), counted three ways, most first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub by_award: Vec<Count>,
    pub by_academy: Vec<Count>,
    pub by_category: Vec<Count>,
    /// Awards given in each of the last twelve months, oldest first: ("December 2025", n).
    pub months: Vec<(String, u64)>,
}

/// Counts `rows` as of `today` (this academic year: from 1 September).
pub fn tally(rows: &[AwardRow], today: NaiveDate) -> Tally {
    let this_year = academic_year_start(today);
    let standing: Vec<&AwardRow> = rows.iter().filter(|r| r.withdrawn_on.is_none()).collect();
    let count = |key: fn(&AwardRow) -> &str| {
        let mut counts: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        for row in &standing {
            let entry = counts.entry(key(row)).or_default();
            entry.1 += 1;
            if academic_year_start(row.awarded_on) == this_year {
                entry.0 += 1;
            }
        }
        let mut list: Vec<Count> = counts
            .into_iter()
            .map(|(name, (this_year, all_time))| Count {
                name: name.to_owned(),
                this_year,
                all_time,
            })
            .collect();
        list.sort_by(|a, b| {
            b.all_time
                .cmp(&a.all_time)
                .then_with(|| a.name.cmp(&b.name))
        });
        list
    };
    Tally {
        by_award: count(|r| &r.award),
        by_academy: count(|r| &r.workplace),
        by_category: count(|r| &r.category),
        months: months(&standing, today),
    }
}

/// How many of `rows` were given in each of the twelve months up to `today`'s, oldest first.
fn months(rows: &[&AwardRow], today: NaiveDate) -> Vec<(String, u64)> {
    use chrono::{Datelike, Months};
    let this_month = today.with_day(1).unwrap_or(today);
    (0..12u32)
        .rev()
        .filter_map(|back| this_month.checked_sub_months(Months::new(back)))
        .map(|start| {
            let given = rows
                .iter()
                .filter(|r| {
                    r.awarded_on.year() == start.year() && r.awarded_on.month() == start.month()
                })
                .count();
            (
                start.format("%B %Y").to_string(),
                u64::try_from(given).unwrap_or(u64::MAX),
            )
        })
        .collect()
}

/// A cell as a spreadsheet will read it: one that would start a formula (`=`, `+`, `-`, `@`,
/// a tab or a return) is prefixed with an apostrophe, so nothing anyone wrote is ever run.
#[cfg(feature = "server")]
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Every award, one row each, as CSV with a heading row.
#[cfg(feature = "server")]
pub fn to_csv(rows: &[AwardRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let headings = [
        "Award",
        "Holder",
        "E-mail",
        "Academy",
        "Role category",
        "Awarded on",
        "How",
        "Group",
        "Withdrawn on",
        "Why withdrawn",
    ];
    let mut ok = writer.write_record(headings).is_ok();
    for r in rows {
        let how = if r.by_milestone {
            "Milestone"
        } else {
            "By hand"
        };
        let withdrawn = r.withdrawn_on.map(|d| d.to_string()).unwrap_or_default();
        let record = [
            cell(&r.award),
            cell(&r.holder),
            cell(&r.email),
            cell(&r.workplace),
            cell(&r.category),
            r.awarded_on.to_string(),
            how.to_owned(),
            cell(&r.group),
            withdrawn,
            cell(&r.withdrawn_reason),
        ];
        ok &= writer.write_record(&record).is_ok();
    }
    let bytes = writer.into_inner().unwrap_or_default();
    if ok {
        String::from_utf8(bytes).unwrap_or_default()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn row(award: &str, workplace: &str, on: NaiveDate) -> AwardRow {
        AwardRow {
            award: award.into(),
            holder: "Sam Taylor".into(),
            email: "sam@example.org".into(),
            workplace: workplace.into(),
            category: "Delivering".into(),
            awarded_on: on,
            by_milestone: true,
            group: String::new(),
            withdrawn_on: None,
            withdrawn_reason: String::new(),
        }
    }

    #[test]
    fn awards_are_counted_this_academic_year_and_all_time_most_first() {
        let today = day(2026, 12, 7);
        let rows = [
            row("Coach", "Ashgrove", day(2026, 9, 1)),
            row("Coach", "Kingsmead", day(2026, 8, 31)),
            row("Trust connector", "Ashgrove", day(2026, 10, 2)),
            row("Coach", "Ashgrove", day(2025, 1, 5)),
        ];
        let tally = tally(&rows, today);
        assert_eq!(
            tally.by_award,
            [
                Count {
                    name: "Coach".into(),
                    this_year: 1,
                    all_time: 3
                },
                Count {
                    name: "Trust connector".into(),
                    this_year: 1,
                    all_time: 1
                },
            ]
        );
        assert_eq!(tally.by_academy[0].name, "Ashgrove");
        assert_eq!(
            (tally.by_academy[0].this_year, tally.by_academy[0].all_time),
            (2, 3)
        );
        assert_eq!(tally.by_category[0].all_time, 4);
    }

    #[test]
    fn a_withdrawn_award_is_not_counted() {
        let mut withdrawn = row("Coach", "Ashgrove", day(2026, 10, 1));
        withdrawn.withdrawn_on = Some(day(2026, 11, 1));
        let counted = tally(&[withdrawn], day(2026, 12, 7));
        assert!(counted.by_award.is_empty() && counted.by_academy.is_empty());
        assert!(counted.months.iter().all(|(_, n)| *n == 0));
    }

    #[test]
    fn the_last_twelve_months_are_counted_oldest_first_with_empty_months_kept() {
        let rows = [
            row("Coach", "Ashgrove", day(2026, 12, 1)),
            row("Coach", "Ashgrove", day(2026, 1, 31)),
            row("Coach", "Ashgrove", day(2025, 12, 31)),
        ];
        let months = tally(&rows, day(2026, 12, 7)).months;
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], ("January 2026".to_owned(), 1));
        assert_eq!(months[11], ("December 2026".to_owned(), 1));
        assert_eq!(
            months.iter().map(|(_, n)| n).sum::<u64>(),
            2,
            "December 2025 is too old"
        );
    }

    #[test]
    fn the_csv_has_a_heading_row_and_never_starts_a_cell_with_a_formula() {
        let mut sly = row("=HYPERLINK(\"http://x\")", "Ashgrove", day(2026, 10, 1));
        sly.group = "+cmd".into();
        let text = to_csv(&[sly]);
        let mut lines = text.lines();
        assert!(
            lines
                .next()
                .expect("headings")
                .starts_with("Award,Holder,E-mail")
        );
        let data = lines.next().expect("a row");
        assert!(
            data.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\""),
            "{data}"
        );
        assert!(data.contains(",'+cmd,"), "{data}");
    }
}
