//! What importing a file would do to the trust Waymark knows: match each row to a person (on
//! employee number, then e-mail address), then plan the people to add, the changes field by
//! field, the leavers, and the people missing from the file; and find every row with a
//! problem (unknown academy, the same person twice, a manager not found, a management loop).

mod managers;
mod outcome;
mod rows;

use super::columns::Mapping;
use super::row::{RowProblem, StaffRow};
use crate::ids::{AcademyId, PersonId};
use crate::org::RoleCategory;
use crate::org_change::Change;
use chrono::NaiveDate;
use std::collections::HashMap;

/// An academy as the import matches it: by name or short name, whatever their case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownAcademy {
    pub id: AcademyId,
    pub name: String,
    pub short_name: String,
    pub open: bool,
}

/// A person Waymark knows, as the import compares them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownPerson {
    pub id: PersonId,
    pub employee_number: Option<String>,
    pub email: String,
    pub name: String,
    pub job_title: String,
    pub academy: Option<AcademyId>,
    pub category: RoleCategory,
    pub manager: Option<PersonId>,
    pub active: bool,
}

/// The trust as it is, for the plan to compare a file with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub academies: Vec<KnownAcademy>,
    pub people: Vec<KnownPerson>,
    /// What the central trust team is called, as the trail writes it.
    pub central: String,
}

/// Someone's details as a row gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffDetails {
    pub name: String,
    pub email: String,
    pub employee_number: Option<String>,
    pub job_title: String,
    pub academy: Option<AcademyId>,
    pub category: RoleCategory,
}

/// Who a row's line manager is, once found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManagerRef {
    Nobody,
    Known(PersonId),
    /// A person the same file adds: their place in [`Plan::adds`].
    New(usize),
}

/// A person the file adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPerson {
    pub row: usize,
    pub details: StaffDetails,
    pub manager: ManagerRef,
    /// What the trail records for them.
    pub changes: Vec<Change>,
}

/// A person the file changes (or brings back, when they had left).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    pub row: usize,
    pub person: PersonId,
    pub details: StaffDetails,
    pub manager: ManagerRef,
    pub changes: Vec<Change>,
    pub returns: bool,
}

/// A person the file says has left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaver {
    pub row: usize,
    pub person: PersonId,
    pub name: String,
    pub left_on: NaiveDate,
}

/// What applying the file would do, and what stops it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Rows of staff in the file.
    pub rows: usize,
    pub problems: Vec<RowProblem>,
    pub adds: Vec<NewPerson>,
    pub updates: Vec<Update>,
    pub leavers: Vec<Leaver>,
    /// People working for the trust whom the file does not mention: offered as leavers
    /// when the file is a full export, never marked silently.
    pub missing: Vec<PersonId>,
    /// Rows that change nothing.
    pub unchanged: usize,
}

/// Where a row's person ends up: someone known, or the n-th person added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Target {
    Known(PersonId),
    New(usize),
}

/// A row that was read, with what it matched. A row whose academy could not be found is kept
/// (`usable: false`) so the rest of it is still checked, but plans nothing.
struct Matched {
    row: StaffRow,
    /// The person's place in [`Snapshot::people`].
    person: Option<usize>,
    academy: Option<AcademyId>,
    usable: bool,
}

/// What the planning steps share: the trust as it is, looked up by employee number and
/// e-mail address, and the problems found so far.
struct Planner<'a> {
    known: &'a Snapshot,
    today: NaiveDate,
    by_number: HashMap<&'a str, usize>,
    by_email: HashMap<&'a str, usize>,
    problems: Vec<RowProblem>,
}

impl<'a> Planner<'a> {
    fn new(known: &'a Snapshot, today: NaiveDate) -> Self {
        let by_number = known
            .people
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((p.employee_number.as_deref()?, i)))
            .collect();
        let by_email = known
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.email.as_str(), i))
            .collect();
        Self {
            known,
            today,
            by_number,
            by_email,
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, row: usize, message: String) {
        self.problems.push(RowProblem { row, message });
    }

    /// Whether a row says its person leaves on or before today.
    fn leaving(&self, m: &Matched) -> bool {
        m.row.leaving.is_some_and(|d| d <= self.today)
    }

    /// Who each row becomes: someone known, the n-th person added, or nobody (a leaver
    /// Waymark never knew).
    fn targets(&self, matched: &[Matched]) -> Vec<Option<Target>> {
        let mut added = 0;
        matched
            .iter()
            .map(|m| match m.person {
                Some(p) => Some(Target::Known(self.known.people[p].id)),
                None if self.leaving(m) => None,
                None => {
                    added += 1;
                    Some(Target::New(added - 1))
                }
            })
            .collect()
    }
}

/// Plans importing the rows of a file read with `mapping` into the trust `known`, as of
/// `today` (a leaving date after it is not acted on yet).
pub fn plan(
    headings: &[String],
    rows: &[(usize, Vec<String>)],
    mapping: &Mapping,
    known: &Snapshot,
    today: NaiveDate,
) -> Plan {
    let mut plan = Plan {
        rows: rows.len(),
        ..Plan::default()
    };
    let missing_columns = mapping.missing(headings);
    if !missing_columns.is_empty() {
        plan.problems = missing_columns
            .into_iter()
            .map(|message| RowProblem { row: 1, message })
            .collect();
        return plan;
    }
    let mut planner = Planner::new(known, today);
    let (matched, present) = planner.read_rows(headings, rows, mapping);
    let targets = planner.targets(&matched);
    let names = managers::Names::new(known, &matched, &targets);
    let mut managers = planner.managers(&matched, &targets);
    planner.break_loops(&matched, &targets, &mut managers, &names);
    for (m, manager) in matched.iter().zip(&managers) {
        if let Some(manager) = manager.filter(|_| m.usable) {
            planner.outcome(m, manager, &names, &mut plan);
        }
    }
    plan.missing = known
        .people
        .iter()
        .zip(&present)
        .filter(|(p, here)| p.active && !**here)
        .map(|(p, _)| p.id)
        .collect();
    let mut problems = planner.problems;
    problems.sort_by_key(|p| p.row);
    plan.problems = problems;
    plan
}

#[cfg(test)]
mod tests;
