//! What a person's evidence adds up to: the counts their portfolio's figures, coverage matrix
//! and chart are drawn from, whatever the page is filtered to.
//!
//! Counting them means reading every claim and entry the person has, which at the scale of a
//! large trust is most of what a portfolio costs; so a summary is counted once per change of the
//! person's evidence and kept (the `portfolio_summary` table, stamped with the person's evidence
//! revision). It holds element UUIDs and academy ids, not names, so a new framework version or a
//! renamed academy leaves it true.

use crate::evidence::EvidenceStatus;
use crate::portfolio::academic_year_start;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An entry as it is counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountedEntry {
    pub id: i64,
    pub status: EvidenceStatus,
    pub started_on: Option<NaiveDate>,
    /// Hours in quarters of an hour.
    pub quarters: i64,
    pub people: i64,
}

/// What some verified entries add up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(i64, i64, i64)", into = "(i64, i64, i64)")]
pub struct Totals {
    pub activities: i64,
    /// Hours in quarters of an hour.
    pub quarters: i64,
    pub people: i64,
}

impl From<(i64, i64, i64)> for Totals {
    fn from((activities, quarters, people): (i64, i64, i64)) -> Self {
        Totals {
            activities,
            quarters,
            people,
        }
    }
}

impl From<Totals> for (i64, i64, i64) {
    fn from(t: Totals) -> Self {
        (t.activities, t.quarters, t.people)
    }
}

impl std::ops::AddAssign for Totals {
    fn add_assign(&mut self, other: Totals) {
        self.activities += other.activities;
        self.quarters += other.quarters;
        self.people += other.people;
    }
}

/// The claims on one element at one level by entries of one academic year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "(Option<i32>, u32, u32, u32)",
    into = "(Option<i32>, u32, u32, u32)"
)]
pub struct ClaimCount {
    /// The academic year the entries started in (`None`: undated).
    pub year: Option<i32>,
    pub level: u32,
    /// By verified entries.
    pub verified: u32,
    /// By entries waiting for verification.
    pub waiting: u32,
}

impl From<(Option<i32>, u32, u32, u32)> for ClaimCount {
    fn from((year, level, verified, waiting): (Option<i32>, u32, u32, u32)) -> Self {
        ClaimCount {
            year,
            level,
            verified,
            waiting,
        }
    }
}

impl From<ClaimCount> for (Option<i32>, u32, u32, u32) {
    fn from(c: ClaimCount) -> Self {
        (c.year, c.level, c.verified, c.waiting)
    }
}

/// What a person's verified and waiting evidence adds up to. Stored as JSON, so it is kept
/// small: tuples rather than objects on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Verified entries added up per calendar month (its first day; `None` for undated ones),
    /// in date order.
    pub months: Vec<(Option<NaiveDate>, Totals)>,
    /// Claims per element UUID, by academic year and level.
    pub claims: BTreeMap<String, Vec<ClaimCount>>,
    /// The academies verified entries took place at, with the academic years they did.
    pub places: BTreeMap<i64, BTreeSet<Option<i32>>>,
}

impl Summary {
    /// Adds up `entries` (only verified ones and those waiting for verification count), their
    /// `claims` (entry id, element UUID, level) and their `places` (entry id, academy id).
    /// Claims and places of entries not among `entries` are left out.
    pub fn count(
        entries: &[CountedEntry],
        claims: impl IntoIterator<Item = (i64, String, u32)>,
        places: impl IntoIterator<Item = (i64, i64)>,
    ) -> Summary {
        use EvidenceStatus::{Submitted, Verified};
        let counted: HashMap<i64, (bool, Option<i32>)> = entries
            .iter()
            .filter(|e| matches!(e.status, Verified | Submitted))
            .map(|e| {
                let year = e.started_on.map(academic_year_start);
                (e.id, (e.status == Verified, year))
            })
            .collect();

        let mut months: BTreeMap<Option<NaiveDate>, Totals> = BTreeMap::new();
        for e in entries.iter().filter(|e| e.status == Verified) {
            let first = e.started_on.and_then(|d| d.with_day(1));
            *months.entry(first).or_default() += Totals {
                activities: 1,
                quarters: e.quarters,
                people: e.people,
            };
        }

        // Per element UUID, per (academic year, level).
        let mut tallies: BTreeMap<String, BTreeMap<(Option<i32>, u32), ClaimCount>> =
            BTreeMap::new();
        for (entry, uuid, level) in claims {
            let Some(&(verified, year)) = counted.get(&entry) else {
                continue;
            };
            let tally = tallies
                .entry(uuid)
                .or_default()
                .entry((year, level))
                .or_insert(ClaimCount {
                    year,
                    level,
                    verified: 0,
                    waiting: 0,
                });
            if verified {
                tally.verified += 1;
            } else {
                tally.waiting += 1;
            }
        }
        let claims = tallies
            .into_iter()
            .map(|(uuid, counts)| (uuid, counts.into_values().collect()))
            .collect();

        let mut reached: BTreeMap<i64, BTreeSet<Option<i32>>> = BTreeMap::new();
        for (entry, academy) in places {
            if let Some(&(true, year)) = counted.get(&entry) {
                reached.entry(academy).or_default().insert(year);
            }
        }

        Summary {
            months: months.into_iter().collect(),
            claims,
            places: reached,
        }
    }

    /// How many claims verified entries (or, `verified` false, entries waiting for
    /// verification) make on each (element UUID, level): those started in academic `year`, or
    /// all of them (undated ones too) when `year` is `None`. Only non-zero counts.
    pub fn claim_counts(&self, verified: bool, year: Option<i32>) -> Vec<(&str, u32, u32)> {
        let mut counts = Vec::new();
        for (uuid, tallies) in &self.claims {
            let mut per_level: BTreeMap<u32, u32> = BTreeMap::new();
            for t in tallies {
                if year.is_some_and(|y| t.year != Some(y)) {
                    continue;
                }
                let n = if verified { t.verified } else { t.waiting };
                if n > 0 {
                    *per_level.entry(t.level).or_default() += n;
                }
            }
            counts.extend(
                per_level
                    .into_iter()
                    .map(|(level, n)| (uuid.as_str(), level, n)),
            );
        }
        counts
    }

    /// How many academies other than `home` verified entries took place at: ever, and in
    /// academic `year`.
    pub fn academies_reached(&self, home: Option<i64>, year: i32) -> (u32, u32) {
        let away = self.places.iter().filter(|(a, _)| Some(**a) != home);
        let (mut ever, mut in_year) = (0, 0);
        for (_, years) in away {
            ever += 1;
            if years.contains(&Some(year)) {
                in_year += 1;
            }
        }
        (ever, in_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EvidenceStatus::{Declined, Draft, Submitted, Verified};

    fn date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    fn entry(id: i64, status: EvidenceStatus, started_on: &str) -> CountedEntry {
        CountedEntry {
            id,
            status,
            started_on: date(started_on),
            quarters: 8,
            people: 10,
        }
    }

    fn claim(entry: i64, uuid: &str, level: u32) -> (i64, String, u32) {
        (entry, uuid.to_owned(), level)
    }

    #[test]
    fn verified_entries_are_added_up_per_calendar_month() {
        let entries = [
            entry(1, Verified, "2025-10-03"),
            entry(2, Verified, "2025-10-28"),
            entry(3, Verified, "2026-01-15"),
            entry(4, Submitted, "2025-10-10"),
        ];
        let summary = Summary::count(&entries, [], []);
        assert_eq!(
            summary.months,
            vec![
                (date("2025-10-01"), Totals::from((2, 16, 20))),
                (date("2026-01-01"), Totals::from((1, 8, 10))),
            ]
        );
    }

    #[test]
    fn undated_verified_entries_count_in_a_month_of_their_own() {
        let summary = Summary::count(&[entry(1, Verified, "")], [], []);
        assert_eq!(summary.months, vec![(None, Totals::from((1, 8, 10)))]);
    }

    #[test]
    fn drafts_returned_and_declined_entries_count_for_nothing() {
        let entries = [
            entry(1, Draft, "2025-10-03"),
            entry(2, Declined, "2025-10-03"),
            entry(3, EvidenceStatus::ChangesRequested, "2025-10-03"),
        ];
        let claims = [claim(1, "a", 1), claim(2, "a", 1), claim(3, "a", 1)];
        let summary = Summary::count(&entries, claims, [(1, 5), (2, 5), (3, 5)]);
        assert_eq!(summary, Summary::default());
    }

    #[test]
    fn claims_are_counted_per_element_level_and_academic_year_verified_apart_from_waiting() {
        let entries = [
            entry(1, Verified, "2025-10-03"),
            entry(2, Verified, "2026-08-31"),
            entry(3, Verified, "2026-09-01"),
            entry(4, Submitted, "2026-09-02"),
        ];
        let claims = [
            claim(1, "a", 2),
            claim(2, "a", 2),
            claim(3, "a", 2),
            claim(4, "a", 2),
            claim(1, "b", 1),
        ];
        let summary = Summary::count(&entries, claims, []);
        assert_eq!(
            summary.claim_counts(true, None),
            vec![("a", 2, 3), ("b", 1, 1)]
        );
        assert_eq!(
            summary.claim_counts(true, Some(2025)),
            vec![("a", 2, 2), ("b", 1, 1)]
        );
        assert_eq!(summary.claim_counts(true, Some(2026)), vec![("a", 2, 1)]);
        assert_eq!(summary.claim_counts(false, Some(2026)), vec![("a", 2, 1)]);
        assert_eq!(summary.claim_counts(false, Some(2025)), vec![]);
    }

    #[test]
    fn claims_of_undated_entries_count_only_when_every_year_is_asked_for() {
        let summary = Summary::count(&[entry(1, Verified, "")], [claim(1, "a", 3)], []);
        assert_eq!(summary.claim_counts(true, None), vec![("a", 3, 1)]);
        assert_eq!(summary.claim_counts(true, Some(2025)), vec![]);
    }

    #[test]
    fn claims_of_entries_not_counted_are_left_out() {
        let summary = Summary::count(&[entry(1, Verified, "2025-10-03")], [claim(9, "a", 1)], []);
        assert_eq!(summary.claim_counts(true, None), vec![]);
    }

    #[test]
    fn academies_reached_leave_out_the_home_academy_and_waiting_entries() {
        let entries = [
            entry(1, Verified, "2025-10-03"),
            entry(2, Verified, "2026-10-03"),
            entry(3, Submitted, "2026-10-03"),
        ];
        let places = [(1, 7), (1, 1), (2, 7), (2, 8), (3, 9)];
        let summary = Summary::count(&entries, [], places);
        assert_eq!(summary.academies_reached(Some(1), 2026), (2, 2));
        assert_eq!(summary.academies_reached(Some(1), 2025), (2, 1));
        assert_eq!(summary.academies_reached(None, 2024), (3, 0));
    }

    #[test]
    fn a_summary_survives_being_stored_as_json() {
        let entries = [entry(1, Verified, "2025-10-03"), entry(2, Submitted, "")];
        let summary = Summary::count(
            &entries,
            [claim(1, "a", 2), claim(2, "a", 1)],
            [(1, 4), (2, 5)],
        );
        let json = serde_json::to_string(&summary).expect("serialises");
        assert_eq!(serde_json::from_str::<Summary>(&json).ok(), Some(summary));
    }
}
