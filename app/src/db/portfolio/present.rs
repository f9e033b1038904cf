//! Turning a person's counted evidence into what their portfolio shows: figures, the coverage
//! matrix, the chart, the timeline's terms and pathway progress. Pure: no database here, so it
//! is tested on its own.

use super::listing::Listed;
use crate::domain::EntryId;
use crate::domain::framework::FrameworkDocument;
use crate::domain::portfolio::summary::Totals;
use crate::domain::portfolio::{
    Term, academic_year_label, current_levels, pathway_progress, term_of,
};
use crate::domain::text::{format_hours, long_date};
use crate::model::{
    CoverageCell, CoverageRow, Figures, PathwayProgressView, TermActivity, TimelineEntry,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A count from the database as a `u32` (never negative; saturating).
pub(super) fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// One element of the published framework, as the portfolio names it.
pub(super) struct Element {
    pub(super) uuid: String,
    pub(super) code: String,
    pub(super) title: String,
    /// Its strand's place in the framework (0-based).
    pub(super) strand: usize,
}

/// The published framework as the portfolio reads it: level and strand names, and every
/// element in framework order (a matrix row each).
pub(super) struct Frame {
    pub(super) levels: Vec<String>,
    pub(super) strands: Vec<String>,
    pub(super) elements: Vec<Element>,
}

impl Frame {
    pub(super) fn of(doc: Option<&FrameworkDocument>) -> Self {
        let levels = doc
            .iter()
            .flat_map(|d| d.levels.iter().map(|l| l.name.clone()))
            .collect();
        let strands = doc
            .iter()
            .flat_map(|d| d.strands.iter().map(|s| s.name.clone()))
            .collect();
        let elements = doc
            .iter()
            .flat_map(|d| {
                d.strands.iter().enumerate().flat_map(|(i, s)| {
                    s.elements.iter().map(move |e| Element {
                        uuid: e.id.clone().unwrap_or_default(),
                        code: e.code.clone(),
                        title: e.title.clone(),
                        strand: i,
                    })
                })
            })
            .collect();
        Frame {
            levels,
            strands,
            elements,
        }
    }

    /// Each element's row, by UUID.
    pub(super) fn rows_by_uuid(&self) -> HashMap<&str, usize> {
        (0..)
            .zip(&self.elements)
            .map(|(i, e)| (e.uuid.as_str(), i))
            .collect()
    }

    /// A level's name, by its rank (1-based).
    pub(super) fn level_name(&self, rank: u32) -> String {
        usize::try_from(rank)
            .ok()
            .and_then(|r| r.checked_sub(1))
            .and_then(|i| self.levels.get(i))
            .cloned()
            .unwrap_or_else(|| format!("Level {rank}"))
    }

    /// The row of the element with `code`.
    pub(super) fn row_of(&self, code: &str) -> Option<usize> {
        self.elements.iter().position(|e| e.code == code)
    }
}

/// A period's headline figures.
pub(super) fn figures(totals: Totals, academies: u32) -> Figures {
    Figures {
        activities: count(totals.activities),
        hours: format_hours(i32::try_from(totals.quarters.max(0)).unwrap_or(i32::MAX))
            .trim_end_matches(" hours")
            .trim_end_matches(" hour")
            .to_owned(),
        academies,
        people: count(totals.people),
    }
}

/// The monthly totals added up: all time, and in the academic year starting `this_year`.
pub(super) fn totals(months: &[(Option<NaiveDate>, Totals)], this_year: i32) -> (Totals, Totals) {
    use crate::domain::portfolio::academic_year_start;
    let (mut all_time, mut in_this_year) = (Totals::default(), Totals::default());
    for (first, month) in months {
        all_time += *month;
        // Academic years begin on the first of a month, so a month lies wholly in one.
        if first.is_some_and(|d| academic_year_start(d) == this_year) {
            in_this_year += *month;
        }
    }
    (all_time, in_this_year)
}

/// Claim counts as the summary gives them: (element UUID, level, activities).
pub(super) type Counts<'a> = [(&'a str, u32, u32)];

/// The current level on each element (the highest verified), by code.
pub(super) fn current(frame: &Frame, verified: &Counts) -> BTreeMap<String, u32> {
    let by_uuid = frame.rows_by_uuid();
    current_levels(verified.iter().filter_map(|(uuid, level, _)| {
        by_uuid
            .get(uuid)
            .map(|row| (frame.elements[*row].code.as_str(), *level))
    }))
}

/// The coverage matrix: a row per element (of one strand, 1-based, when `strand` is given),
/// a cell per level counting verified activities and, apart, those waiting.
pub(super) fn coverage(
    frame: &Frame,
    current: &BTreeMap<String, u32>,
    verified: &Counts,
    waiting: &Counts,
    strand: Option<usize>,
) -> Vec<CoverageRow> {
    let by_uuid = frame.rows_by_uuid();
    let mut rows: Vec<CoverageRow> = frame
        .elements
        .iter()
        .map(|e| CoverageRow {
            code: e.code.clone(),
            title: e.title.clone(),
            strand: frame.strands[e.strand].clone(),
            current: current.get(&e.code).map(|l| frame.level_name(*l)),
            cells: vec![CoverageCell::default(); frame.levels.len()],
        })
        .collect();
    for (counts, is_verified) in [(verified, true), (waiting, false)] {
        for (uuid, level, n) in counts {
            let column = usize::try_from(*level).ok().and_then(|l| l.checked_sub(1));
            let Some(cell) = by_uuid
                .get(uuid)
                .zip(column)
                .and_then(|(row, column)| rows[*row].cells.get_mut(column))
            else {
                continue; // an element or level no longer in the framework
            };
            if is_verified {
                cell.verified += n;
            } else {
                cell.pending += n;
            }
        }
    }
    rows.into_iter()
        .zip(&frame.elements)
        .filter(|(_, e)| strand.is_none_or(|s| s == e.strand + 1))
        .map(|(row, _)| row)
        .collect()
}

/// The calendar year a term falls in: autumn in the academic year's first, the rest in its
/// second.
pub(super) fn term_year(academic_year: i32, term: Term) -> i32 {
    match term {
        Term::Autumn => academic_year,
        Term::Spring | Term::Summer => academic_year + 1,
    }
}

/// Verified activities per term and per academic year, from the monthly counts.
pub(super) fn per_term_and_year(
    months: &[(Option<NaiveDate>, Totals)],
) -> (BTreeMap<(i32, Term), u32>, BTreeMap<i32, u32>) {
    let mut per_term: BTreeMap<(i32, Term), u32> = BTreeMap::new();
    let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
    for (first, month) in months {
        let Some(first) = first else { continue };
        let (year, term) = term_of(*first);
        let n = count(month.activities);
        *per_term.entry((year, term)).or_default() += n;
        *per_year.entry(year).or_default() += n;
    }
    (per_term, per_year)
}

/// The chart's bars: every term of the chosen year, or of every year from the first with
/// activity up to this one.
pub(super) fn chart(
    per_term: &BTreeMap<(i32, Term), u32>,
    per_year: &BTreeMap<i32, u32>,
    year: Option<i32>,
    this_year: i32,
) -> Vec<(String, u32)> {
    let years: Vec<i32> = match (year, per_year.keys().next()) {
        (Some(year), _) => vec![year],
        (None, Some(first)) => (*first..=this_year.max(*first)).collect(),
        (None, None) => vec![this_year],
    };
    years
        .iter()
        .flat_map(|year| {
            Term::ALL.iter().map(|term| {
                (
                    format!("{} {}", term.label(), term_year(*year, *term)),
                    per_term.get(&(*year, *term)).copied().unwrap_or(0),
                )
            })
        })
        .collect()
}

/// An entry as the timeline and the cell panel list it.
pub(super) fn timeline_entry(frame: &Frame, e: &Listed) -> TimelineEntry {
    TimelineEntry {
        id: EntryId(e.id),
        title: e.title.clone(),
        date: e.started_on.map(long_date).unwrap_or_default(),
        activity: e.activity.clone().unwrap_or_default(),
        shows: e
            .claims
            .iter()
            .map(|(row, level)| {
                format!(
                    "{} at {}",
                    frame.elements[*row].code,
                    frame.level_name(*level)
                )
            })
            .collect(),
    }
}

/// The timeline's entries (newest first) grouped by term.
pub(super) fn terms(frame: &Frame, timeline: &[Listed]) -> Vec<TermActivity> {
    let mut terms: Vec<TermActivity> = Vec::new();
    for e in timeline {
        let Some(date) = e.started_on else {
            continue;
        };
        let (year, term) = term_of(date);
        let label = format!("{} term {}", term.label(), term_year(year, term));
        match terms.last_mut() {
            Some(t) if t.label == label => t.entries.push(timeline_entry(frame, e)),
            _ => terms.push(TermActivity {
                label,
                year: academic_year_label(year),
                entries: vec![timeline_entry(frame, e)],
            }),
        }
    }
    terms
}

/// Progress along each followed pathway, with the nearest target in words.
pub(super) fn pathways(
    frame: &Frame,
    doc: Option<&FrameworkDocument>,
    followed: &BTreeSet<String>,
    current: &BTreeMap<String, u32>,
) -> Vec<PathwayProgressView> {
    doc.iter()
        .flat_map(|d| d.pathways.iter())
        .filter(|p| p.id.as_ref().is_some_and(|id| followed.contains(id)))
        .map(|p| {
            let targets: Vec<(String, u32)> = p
                .targets
                .iter()
                .map(|t| (t.element.clone(), t.level))
                .collect();
            let progress = pathway_progress(&targets, current);
            let next = progress.next.as_ref().map(|step| {
                let title = frame
                    .row_of(&step.element)
                    .map(|row| frame.elements[row].title.clone())
                    .unwrap_or_default();
                let now = match step.current {
                    Some(level) => format!("verified at {} so far", frame.level_name(level)),
                    None => "no verified evidence yet".to_owned(),
                };
                format!(
                    "Next: {} {title} at {} ({now}).",
                    step.element,
                    frame.level_name(step.target)
                )
            });
            PathwayProgressView {
                id: p.id.clone().unwrap_or_default(),
                name: p.name.clone(),
                met: u32::try_from(progress.met).unwrap_or(u32::MAX),
                total: u32::try_from(progress.total).unwrap_or(u32::MAX),
                percent: progress.percent(),
                next,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        let element = |uuid: &str, code: &str, strand| Element {
            uuid: uuid.to_owned(),
            code: code.to_owned(),
            title: format!("Title of {code}"),
            strand,
        };
        Frame {
            levels: vec![
                "Self".into(),
                "Team".into(),
                "School".into(),
                "Trust".into(),
            ],
            strands: vec!["Attitudes".into(), "Skills".into()],
            elements: vec![
                element("u1", "A1", 0),
                element("u2", "A2", 0),
                element("u3", "S1", 1),
            ],
        }
    }

    #[test]
    fn a_level_is_named_by_its_rank_or_said_plainly_when_unknown() {
        let frame = frame();
        assert_eq!(frame.level_name(1), "Self");
        assert_eq!(frame.level_name(4), "Trust");
        assert_eq!(frame.level_name(0), "Level 0");
        assert_eq!(frame.level_name(9), "Level 9");
    }

    #[test]
    fn the_matrix_counts_verified_and_waiting_apart_and_ignores_what_left_the_framework() {
        let frame = frame();
        let verified = [("u1", 2, 3), ("u1", 2, 1), ("gone", 1, 5), ("u3", 7, 1)];
        let waiting = [("u2", 1, 2)];
        let current = current(&frame, &verified);
        let rows = coverage(&frame, &current, &verified, &waiting, None);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0].cells[1],
            CoverageCell {
                verified: 4,
                pending: 0
            }
        );
        assert_eq!(rows[0].current.as_deref(), Some("Team"));
        assert_eq!(
            rows[1].cells[0],
            CoverageCell {
                verified: 0,
                pending: 2
            }
        );
        assert_eq!(rows[1].current, None);
        assert!(rows[2].cells.iter().all(|c| *c == CoverageCell::default()));
        let skills = coverage(&frame, &current, &verified, &waiting, Some(2));
        assert_eq!(
            skills.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
            ["S1"]
        );
    }

    #[test]
    fn the_chart_runs_from_the_first_year_with_activity_to_this_one() {
        let date = |y, m| NaiveDate::from_ymd_opt(y, m, 1);
        let month = |n| Totals {
            activities: n,
            ..Totals::default()
        };
        let months = [
            (date(2024, 10), month(2)),
            (date(2026, 1), month(3)),
            (None, month(9)),
        ];
        let (per_term, per_year) = per_term_and_year(&months);
        let bars = chart(&per_term, &per_year, None, 2025);
        assert_eq!(bars.len(), 6, "two academic years of three terms");
        assert_eq!(bars[0], ("Autumn 2024".to_owned(), 2));
        assert_eq!(bars[4], ("Spring 2026".to_owned(), 3));
        assert_eq!(chart(&per_term, &per_year, Some(2025), 2025).len(), 3);
        assert_eq!(
            chart(&BTreeMap::new(), &BTreeMap::new(), None, 2025)[0].1,
            0
        );
    }

    #[test]
    fn figures_say_hours_as_a_plain_number() {
        let totals = Totals {
            activities: 3,
            quarters: 10,
            people: 40,
        };
        let f = figures(totals, 2);
        assert_eq!(
            (f.activities, f.hours.as_str(), f.academies, f.people),
            (3, "2.5", 2, 40)
        );
        assert_eq!(
            figures(
                Totals {
                    quarters: 4,
                    ..totals
                },
                0
            )
            .hours,
            "1"
        );
    }
}
