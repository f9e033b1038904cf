//! What importing a file would do to the trust Waymark knows: match each row to a person (on
//! employee number, then e-mail address), then plan the people to add, the changes field by
//! field, the leavers, and the people missing from the file; and find every row with a
//! problem (unknown academy, the same person twice, a manager not found, a management loop).

use super::columns::Mapping;
use super::row::{ManagerKey, RowProblem, StaffRow, parse_row};
use crate::ids::{AcademyId, PersonId};
use crate::org::RoleCategory;
use crate::org_change::Change;
use crate::people::{PersonFacts, changes};
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
    person: Option<usize>,
    academy: Option<AcademyId>,
    usable: bool,
}

fn lower(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Every way a file may name an academy: its name, its short name, and its name without the
/// words schools end with ("Kingsmead" for Kingsmead Academy) unless two academies share it.
fn academy_names(academies: &[KnownAcademy]) -> HashMap<String, &KnownAcademy> {
    const ENDINGS: [&str; 8] = [
        "academy",
        "school",
        "primary",
        "secondary",
        "college",
        "centre",
        "infant",
        "junior",
    ];
    let mut names: HashMap<String, &KnownAcademy> = HashMap::new();
    let mut bare: HashMap<String, Vec<&KnownAcademy>> = HashMap::new();
    for a in academies {
        names.insert(lower(&a.name), a);
        if !a.short_name.trim().is_empty() {
            names.insert(lower(&a.short_name), a);
        }
        let mut words: Vec<String> = lower(&a.name)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        while words.len() > 1 && words.last().is_some_and(|w| ENDINGS.contains(&w.as_str())) {
            words.pop();
        }
        bare.entry(words.join(" ")).or_default().push(a);
    }
    for (key, found) in bare {
        if let [only] = found.as_slice() {
            names.entry(key).or_insert(only);
        }
    }
    names
}

/// The words that mean "the central trust team" in the academy column.
fn is_central(text: &str, central: &str) -> bool {
    let t = lower(text);
    t == lower(central)
        || [
            "central",
            "central team",
            "trust",
            "central trust",
            "head office",
        ]
        .contains(&t.as_str())
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
    let mut problems: Vec<RowProblem> = Vec::new();
    let mut problem = |row: usize, message: String| problems.push(RowProblem { row, message });

    let by_number: HashMap<&str, usize> = known
        .people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.employee_number.as_deref()?, i)))
        .collect();
    let by_email: HashMap<&str, usize> = known
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.email.as_str(), i))
        .collect();
    let academies = academy_names(&known.academies);

    // Read and match every row; note the first row each e-mail, number and person is on.
    let mut matched: Vec<Matched> = Vec::new();
    let mut seen_email: HashMap<String, usize> = HashMap::new();
    let mut seen_number: HashMap<String, usize> = HashMap::new();
    let mut seen_person: HashMap<usize, usize> = HashMap::new();
    let mut present = vec![false; known.people.len()];
    for (number, cells) in rows {
        let row = match parse_row(*number, cells, mapping, headings) {
            Ok(row) => row,
            Err(found) => {
                for message in found {
                    problem(*number, message);
                }
                continue;
            }
        };
        let person = row
            .employee_number
            .as_deref()
            .and_then(|n| by_number.get(n))
            .or_else(|| by_email.get(row.email.as_str()))
            .copied();
        if let Some(p) = person {
            present[p] = true;
        }
        let mut ok = true;
        if let Some(first) = seen_email.insert(row.email.as_str().to_owned(), row.row) {
            problem(
                row.row,
                format!("The e-mail address {} is also on row {first}", row.email),
            );
            ok = false;
        }
        if let Some(n) = &row.employee_number
            && let Some(first) = seen_number.insert(n.clone(), row.row)
        {
            problem(
                row.row,
                format!("The employee number {n} is also on row {first}"),
            );
            ok = false;
        }
        if let Some(p) = person.filter(|_| ok) {
            if let Some(first) = seen_person.insert(p, row.row) {
                problem(
                    row.row,
                    format!(
                        "This is {} again, already on row {first}",
                        known.people[p].name
                    ),
                );
                ok = false;
            }
            // Matched on the number, the address may be changing: not to someone else's.
            if let Some(&other) = by_email.get(row.email.as_str())
                && other != p
            {
                problem(
                    row.row,
                    format!(
                        "{} is already the e-mail address of {}",
                        row.email, known.people[other].name
                    ),
                );
                ok = false;
            }
        }
        let academy = if is_central(&row.academy, &known.central) {
            Some(None)
        } else {
            match academies.get(&lower(&row.academy)) {
                Some(a)
                    if a.open || person.is_some_and(|p| known.people[p].academy == Some(a.id)) =>
                {
                    Some(Some(a.id))
                }
                Some(a) => {
                    problem(
                        row.row,
                        format!("{} has closed: choose an open academy", a.name),
                    );
                    None
                }
                None => {
                    problem(
                        row.row,
                        format!(
                            "Unknown academy “{}”: add it on the Academies page, or correct the spelling",
                            row.academy
                        ),
                    );
                    None
                }
            }
        };
        if ok {
            matched.push(Matched {
                row,
                person,
                usable: academy.is_some(),
                academy: academy.flatten(),
            });
        }
    }

    // Who each row becomes, and the rows that leave.
    let leaving = |m: &Matched| m.row.leaving.is_some_and(|d| d <= today);
    let mut targets: Vec<Option<Target>> = Vec::with_capacity(matched.len());
    let mut new_count = 0;
    for m in &matched {
        let target = match m.person {
            Some(p) => Some(Target::Known(known.people[p].id)),
            None if leaving(m) => None,
            None => {
                new_count += 1;
                Some(Target::New(new_count - 1))
            }
        };
        targets.push(target);
    }
    let file_email: HashMap<&str, usize> = matched
        .iter()
        .enumerate()
        .map(|(i, m)| (m.row.email.as_str(), i))
        .collect();
    let file_number: HashMap<&str, usize> = matched
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((m.row.employee_number.as_deref()?, i)))
        .collect();

    // Each row's line manager: someone in the file first, then someone Waymark knows.
    let mut managers: Vec<Option<ManagerRef>> = Vec::with_capacity(matched.len());
    for (i, m) in matched.iter().enumerate() {
        let Some(key) = &m.row.manager else {
            managers.push(Some(ManagerRef::Nobody));
            continue;
        };
        let in_file = match key {
            ManagerKey::Email(e) => file_email.get(e.as_str()),
            ManagerKey::Number(n) => file_number.get(n.as_str()),
        }
        .copied();
        let found = match in_file {
            Some(j) if j == i => {
                problem(m.row.row, "Nobody can be their own line manager".to_owned());
                None
            }
            Some(j) if leaving(&matched[j]) => {
                problem(
                    m.row.row,
                    format!(
                        "Their line manager {} is leaving (row {}): give them a new one",
                        matched[j].row.name, matched[j].row.row
                    ),
                );
                None
            }
            Some(j) => targets[j].map(|t| match t {
                Target::Known(id) => ManagerRef::Known(id),
                Target::New(n) => ManagerRef::New(n),
            }),
            None => {
                let known_manager = match key {
                    ManagerKey::Email(e) => by_email.get(e.as_str()),
                    ManagerKey::Number(n) => by_number.get(n.as_str()),
                }
                .map(|&p| &known.people[p]);
                match known_manager {
                    Some(p) if p.active => Some(ManagerRef::Known(p.id)),
                    Some(p) => {
                        problem(
                            m.row.row,
                            format!("Their line manager {} has left the trust", p.name),
                        );
                        None
                    }
                    None => {
                        problem(
                            m.row.row,
                            format!(
                                "Line manager “{}” is not in the file or in Waymark",
                                key.text()
                            ),
                        );
                        None
                    }
                }
            }
        };
        managers.push(found);
    }

    // Line management must stay a tree once the file is applied.
    let mut above: HashMap<Target, Target> = known
        .people
        .iter()
        .filter_map(|p| Some((Target::Known(p.id), Target::Known(p.manager?))))
        .collect();
    for (target, manager) in targets.iter().zip(&managers) {
        let Some(target) = target else { continue };
        match manager {
            Some(ManagerRef::Known(id)) => {
                above.insert(*target, Target::Known(*id));
            }
            Some(ManagerRef::New(n)) => {
                above.insert(*target, Target::New(*n));
            }
            _ => {
                above.remove(target);
            }
        }
    }
    // Names by id and by place among those added, so naming a manager costs nothing per row.
    let known_names: HashMap<PersonId, &str> = known
        .people
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let new_names: HashMap<usize, &str> = matched
        .iter()
        .zip(&targets)
        .filter_map(|(m, t)| match t {
            Some(Target::New(n)) => Some((*n, m.row.name.as_str())),
            _ => None,
        })
        .collect();
    let name_of = |t: Target| -> String {
        match t {
            Target::Known(id) => known_names.get(&id),
            Target::New(n) => new_names.get(&n),
        }
        .map(|n| (*n).to_owned())
        .unwrap_or_default()
    };
    for (i, target) in targets.iter().enumerate() {
        let Some(start) = *target else { continue };
        let mut chain = vec![start];
        let mut current = start;
        while let Some(&next) = above.get(&current) {
            if next == start {
                let names: Vec<String> =
                    chain.iter().chain([&start]).map(|t| name_of(*t)).collect();
                problem(
                    matched[i].row.row,
                    format!("This makes a line management loop: {}", names.join(" → ")),
                );
                managers[i] = None;
                break;
            }
            if chain.contains(&next) || chain.len() > known.people.len() + matched.len() {
                break;
            }
            chain.push(next);
            current = next;
        }
    }

    // What each row does.
    let academy_name = |a: Option<AcademyId>| match a {
        None => known.central.clone(),
        Some(id) => known
            .academies
            .iter()
            .find(|k| k.id == id)
            .map(|k| k.name.clone())
            .unwrap_or_default(),
    };
    let manager_name = |m: ManagerRef| match m {
        ManagerRef::Nobody => String::new(),
        ManagerRef::Known(id) => name_of(Target::Known(id)),
        ManagerRef::New(n) => name_of(Target::New(n)),
    };
    for (i, m) in matched.iter().enumerate() {
        let Some(manager) = managers[i].filter(|_| m.usable) else {
            continue;
        };
        let row = &m.row;
        let known_person = m.person.map(|p| &known.people[p]);
        if leaving(m) {
            match (known_person, row.leaving) {
                (Some(p), Some(left_on)) if p.active => plan.leavers.push(Leaver {
                    row: row.row,
                    person: p.id,
                    name: p.name.clone(),
                    left_on,
                }),
                _ => plan.unchanged += 1,
            }
            continue;
        }
        let details = StaffDetails {
            name: row.name.clone(),
            email: row.email.as_str().to_owned(),
            employee_number: row
                .employee_number
                .clone()
                .or_else(|| known_person.and_then(|p| p.employee_number.clone())),
            job_title: row.job_title.clone(),
            academy: m.academy,
            category: row.category,
        };
        let after = PersonFacts {
            name: details.name.clone(),
            email: details.email.clone(),
            employee_number: details.employee_number.clone().unwrap_or_default(),
            job_title: details.job_title.clone(),
            workplace: academy_name(details.academy),
            role_category: details.category.label().to_owned(),
            line_manager: manager_name(manager),
            roles: String::new(),
        };
        match known_person {
            None => plan.adds.push(NewPerson {
                row: row.row,
                changes: changes(None, &after),
                details,
                manager,
            }),
            Some(p) => {
                let before = PersonFacts {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    employee_number: p.employee_number.clone().unwrap_or_default(),
                    job_title: p.job_title.clone(),
                    workplace: academy_name(p.academy),
                    role_category: p.category.label().to_owned(),
                    line_manager: p
                        .manager
                        .map(|m| name_of(Target::Known(m)))
                        .unwrap_or_default(),
                    roles: String::new(),
                };
                let mut changed = changes(Some(&before), &after);
                if !p.active {
                    changed.push(Change::new("Status", "Left the trust", "Active"));
                }
                if changed.is_empty() {
                    plan.unchanged += 1;
                } else {
                    plan.updates.push(Update {
                        row: row.row,
                        person: p.id,
                        details,
                        manager,
                        changes: changed,
                        returns: !p.active,
                    });
                }
            }
        }
    }
    plan.missing = known
        .people
        .iter()
        .zip(&present)
        .filter(|(p, here)| p.active && !**here)
        .map(|(p, _)| p.id)
        .collect();
    problems.sort_by_key(|p| p.row);
    plan.problems = problems;
    plan
}

#[cfg(test)]
mod tests;
