//! The rules a progression portfolio is built by: which academic year and term an activity
//! falls in, a person's current level on each element, and how far along a pathway they are.

#[cfg(feature = "server")]
pub mod summary;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Whether someone standing as `standing` to a person may see that person's portfolio: the
/// person, their line manager (or the delegate covering for them) and those above in the line,
/// their academy's PD lead, HR and administrators. Anyone else is told it does not exist.
pub fn may_see_portfolio(standing: crate::evidence::Standing) -> bool {
    standing.owner || standing.oversees()
}

/// The three terms of an English school year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Term {
    /// September to December.
    Autumn,
    /// January to March (Easter falls at the end of March or in April; the split is by month
    /// so every date has one answer).
    Spring,
    /// April to August.
    Summer,
}

impl Term {
    pub const ALL: [Term; 3] = [Term::Autumn, Term::Spring, Term::Summer];

    pub fn label(self) -> &'static str {
        match self {
            Term::Autumn => "Autumn",
            Term::Spring => "Spring",
            Term::Summer => "Summer",
        }
    }
}

/// The year an academic year starts in (September to August).
pub fn academic_year_start(date: NaiveDate) -> i32 {
    if date.month() >= 9 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The days an academic year covers: from its first of September up to (not including) the
/// next.
pub fn academic_year_span(start: i32) -> (NaiveDate, NaiveDate) {
    let first = |year| NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(NaiveDate::MIN);
    (first(start), first(start + 1))
}

/// Which years a portfolio's timeline lists, as the address asks (`timeline`: a year or `all`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineChoice {
    /// The latest academic year with verified activity.
    #[default]
    Latest,
    /// One academic year (its start).
    Year(i32),
    /// Every year.
    Every,
}

impl TimelineChoice {
    /// From the address: a year, or `all`; anything else is the default.
    pub fn parse(param: Option<&str>) -> Self {
        match param {
            Some("all") => TimelineChoice::Every,
            Some(year) => year
                .parse()
                .map_or(TimelineChoice::Latest, TimelineChoice::Year),
            None => TimelineChoice::Latest,
        }
    }

    /// Back into the address (`None` for the default).
    pub fn param(self) -> Option<String> {
        match self {
            TimelineChoice::Latest => None,
            TimelineChoice::Year(year) => Some(year.to_string()),
            TimelineChoice::Every => Some("all".to_owned()),
        }
    }
}

/// Which academic year a portfolio's timeline lists: the year the whole page is narrowed to;
/// else the one chosen; every year when chosen (`None`); otherwise the latest with verified
/// activity (`years`, any order), or none when there is none.
pub fn timeline_year(page_year: Option<i32>, choice: TimelineChoice, years: &[i32]) -> Option<i32> {
    match (page_year, choice) {
        (Some(year), _) | (None, TimelineChoice::Year(year)) => Some(year),
        (None, TimelineChoice::Every) => None,
        (None, TimelineChoice::Latest) => years.iter().max().copied(),
    }
}

/// "2025 to 2026".
pub fn academic_year_label(start: i32) -> String {
    format!("{start} to {}", start + 1)
}

/// The academic year and term a date falls in.
pub fn term_of(date: NaiveDate) -> (i32, Term) {
    let term = match date.month() {
        9..=12 => Term::Autumn,
        1..=3 => Term::Spring,
        _ => Term::Summer,
    };
    (academic_year_start(date), term)
}

/// A person's current level on each element: the highest level at which at least one verified
/// entry confirms it. `verified` holds (element code, verified level) for every verified claim;
/// elements with no verified evidence have no current level.
pub fn current_levels<'a>(
    verified: impl IntoIterator<Item = (&'a str, u32)>,
) -> BTreeMap<String, u32> {
    let mut levels = BTreeMap::new();
    for (element, level) in verified {
        if level == 0 {
            continue;
        }
        let current = levels.entry(element.to_owned()).or_insert(level);
        *current = (*current).max(level);
    }
    levels
}

/// How far someone is along a pathway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Elements at or above their target.
    pub met: usize,
    /// Elements in the pathway.
    pub total: usize,
    /// The nearest target not yet met: the one with the smallest gap to close (the first in
    /// the pathway's order when several are as near).
    pub next: Option<NextStep>,
}

impl Progress {
    /// Whole per cent, rounded down (so 100 means every target is met).
    pub fn percent(&self) -> u32 {
        u32::try_from((self.met * 100).checked_div(self.total).unwrap_or(0)).unwrap_or(100)
    }
}

/// The target to work on next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub element: String,
    /// Where they are now (none yet verified: `None`).
    pub current: Option<u32>,
    pub target: u32,
}

/// Progress along a pathway with `targets` (element code, target level), in order.
pub fn pathway_progress(targets: &[(String, u32)], current: &BTreeMap<String, u32>) -> Progress {
    let mut met = 0;
    let mut next: Option<(u32, NextStep)> = None;
    for (element, target) in targets {
        let now = current.get(element).copied();
        let reached = now.unwrap_or(0);
        if reached >= *target {
            met += 1;
            continue;
        }
        let gap = target - reached;
        if next.as_ref().is_none_or(|(best, _)| gap < *best) {
            next = Some((
                gap,
                NextStep {
                    element: element.clone(),
                    current: now,
                    target: *target,
                },
            ));
        }
    }
    Progress {
        met,
        total: targets.len(),
        next: next.map(|(_, step)| step),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_portfolio_is_seen_by_the_person_those_above_them_their_pd_lead_hr_and_administrators() {
        use crate::evidence::Standing;
        let nobody = Standing::default();
        assert!(
            !may_see_portfolio(nobody),
            "a colleague elsewhere sees nothing"
        );
        for standing in [
            Standing {
                owner: true,
                ..nobody
            },
            Standing {
                verifier: true,
                ..nobody
            },
            Standing {
                above_in_line: true,
                ..nobody
            },
            Standing {
                academy_pd_lead: true,
                ..nobody
            },
            Standing { hr: true, ..nobody },
            Standing {
                administrator: true,
                ..nobody
            },
        ] {
            assert!(may_see_portfolio(standing), "{standing:?}");
        }
    }

    #[test]
    fn an_academic_years_span_ends_where_the_next_begins() {
        assert_eq!(
            academic_year_span(2025),
            (date(2025, 9, 1), date(2026, 9, 1))
        );
        let (start, end) = academic_year_span(2025);
        assert_eq!(academic_year_start(start), 2025);
        assert_eq!(academic_year_start(end.pred_opt().expect("a day")), 2025);
        assert_eq!(academic_year_start(end), 2026);
    }

    #[test]
    fn the_timeline_lists_the_latest_year_with_activity_unless_told_otherwise() {
        use TimelineChoice::{Every, Latest, Year};
        assert_eq!(timeline_year(None, Latest, &[2023, 2025, 2024]), Some(2025));
        assert_eq!(timeline_year(Some(2023), Latest, &[2023, 2025]), Some(2023));
        assert_eq!(timeline_year(Some(2023), Every, &[2025]), Some(2023));
        assert_eq!(timeline_year(None, Year(2024), &[2025]), Some(2024));
        assert_eq!(timeline_year(None, Every, &[2025]), None, "every year");
        assert_eq!(timeline_year(None, Latest, &[]), None, "nothing to list");
    }

    #[test]
    fn the_timeline_choice_reads_back_from_the_address_it_writes() {
        use TimelineChoice::{Every, Latest, Year};
        for choice in [Latest, Year(2024), Every] {
            assert_eq!(TimelineChoice::parse(choice.param().as_deref()), choice);
        }
        assert_eq!(
            TimelineChoice::parse(Some("soon")),
            Latest,
            "nonsense is the default"
        );
    }

    #[test]
    fn the_academic_year_runs_from_september_to_august() {
        assert_eq!(academic_year_start(date(2025, 9, 1)), 2025);
        assert_eq!(academic_year_start(date(2026, 8, 31)), 2025);
        assert_eq!(academic_year_label(2025), "2025 to 2026");
    }

    #[test]
    fn every_date_falls_in_exactly_one_term() {
        assert_eq!(term_of(date(2025, 12, 19)), (2025, Term::Autumn));
        assert_eq!(term_of(date(2026, 1, 5)), (2025, Term::Spring));
        assert_eq!(term_of(date(2026, 3, 31)), (2025, Term::Spring));
        assert_eq!(term_of(date(2026, 4, 1)), (2025, Term::Summer));
        assert_eq!(term_of(date(2026, 8, 31)), (2025, Term::Summer));
        assert_eq!(term_of(date(2026, 9, 1)), (2026, Term::Autumn));
    }

    #[test]
    fn the_current_level_is_the_highest_verified_level() {
        let levels = current_levels([("B2", 1), ("B2", 3), ("B2", 2), ("S5", 2)]);
        assert_eq!(levels.get("B2"), Some(&3));
        assert_eq!(levels.get("S5"), Some(&2));
    }

    #[test]
    fn an_element_without_verified_evidence_has_no_current_level() {
        let levels = current_levels([("B2", 2)]);
        assert_eq!(levels.get("A1"), None);
        assert!(
            current_levels([("A1", 0)]).is_empty(),
            "level 0 is not a level"
        );
    }

    fn targets(list: &[(&str, u32)]) -> Vec<(String, u32)> {
        list.iter().map(|(e, l)| ((*e).to_owned(), *l)).collect()
    }

    #[test]
    fn progress_counts_elements_at_or_above_target() {
        let current = current_levels([("A1", 3), ("B2", 2), ("S5", 4)]);
        let progress = pathway_progress(&targets(&[("A1", 3), ("B2", 3), ("S5", 3)]), &current);
        assert_eq!((progress.met, progress.total), (2, 3));
        assert_eq!(progress.percent(), 66);
    }

    #[test]
    fn the_next_step_is_the_nearest_unmet_target() {
        let current = current_levels([("B2", 2)]);
        let progress = pathway_progress(&targets(&[("A1", 2), ("B2", 3), ("S5", 4)]), &current);
        assert_eq!(
            progress.next,
            Some(NextStep {
                element: "B2".into(),
                current: Some(2),
                target: 3
            })
        );
    }

    #[test]
    fn of_equally_near_targets_the_first_in_the_pathway_comes_next() {
        let progress = pathway_progress(&targets(&[("S5", 1), ("A1", 1)]), &BTreeMap::new());
        assert_eq!(progress.next.map(|n| n.element), Some("S5".to_owned()));
    }

    #[test]
    fn a_completed_pathway_has_no_next_step_and_is_complete() {
        let current = current_levels([("A1", 4)]);
        let progress = pathway_progress(&targets(&[("A1", 2)]), &current);
        assert_eq!(progress.next, None);
        assert_eq!(progress.percent(), 100);
    }

    #[test]
    fn an_empty_pathway_is_not_progress() {
        assert_eq!(pathway_progress(&[], &BTreeMap::new()).percent(), 0);
    }
}
