//! Reading the file's rows and matching each to a person and an academy, with the problems
//! that stop a row: the same e-mail, number or person twice, an address that is someone
//! else's, an academy that is closed or unknown.

use super::{KnownAcademy, Matched, Planner};
use crate::ids::AcademyId;
use crate::import::columns::Mapping;
use crate::import::row::{StaffRow, parse_row};
use std::collections::HashMap;

pub(super) fn lower(s: &str) -> String {
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

/// The first row each e-mail address, employee number and known person was seen on.
#[derive(Default)]
struct Seen {
    email: HashMap<String, usize>,
    number: HashMap<String, usize>,
    person: HashMap<usize, usize>,
}

impl Planner<'_> {
    /// Reads and matches every row. Also answers, for each known person, whether the file
    /// names them.
    pub(super) fn read_rows(
        &mut self,
        headings: &[String],
        rows: &[(usize, Vec<String>)],
        mapping: &Mapping,
    ) -> (Vec<Matched>, Vec<bool>) {
        let known = self.known;
        let academies = academy_names(&known.academies);
        let mut matched = Vec::new();
        let mut seen = Seen::default();
        let mut present = vec![false; known.people.len()];
        for (number, cells) in rows {
            let row = match parse_row(*number, cells, mapping, headings) {
                Ok(row) => row,
                Err(found) => {
                    for message in found {
                        self.problem(*number, message);
                    }
                    continue;
                }
            };
            let person = row
                .employee_number
                .as_deref()
                .and_then(|n| self.by_number.get(n))
                .or_else(|| self.by_email.get(row.email.as_str()))
                .copied();
            if let Some(p) = person {
                present[p] = true;
            }
            let ok = self.unique(&row, person, &mut seen);
            let academy = self.academy(&row, person, &academies);
            if ok {
                matched.push(Matched {
                    row,
                    person,
                    usable: academy.is_some(),
                    academy: academy.flatten(),
                });
            }
        }
        (matched, present)
    }

    /// Whether a row's e-mail address, employee number and person are its own: not on an
    /// earlier row, and (matched on the number) not changing to someone else's address.
    fn unique(&mut self, row: &StaffRow, person: Option<usize>, seen: &mut Seen) -> bool {
        let mut ok = true;
        if let Some(first) = seen.email.insert(row.email.as_str().to_owned(), row.row) {
            self.problem(
                row.row,
                format!("The e-mail address {} is also on row {first}", row.email),
            );
            ok = false;
        }
        if let Some(n) = &row.employee_number
            && let Some(first) = seen.number.insert(n.clone(), row.row)
        {
            self.problem(
                row.row,
                format!("The employee number {n} is also on row {first}"),
            );
            ok = false;
        }
        let Some(p) = person.filter(|_| ok) else {
            return ok;
        };
        let known = self.known;
        let people = &known.people;
        if let Some(first) = seen.person.insert(p, row.row) {
            let message = format!("This is {} again, already on row {first}", people[p].name);
            self.problem(row.row, message);
            ok = false;
        }
        if let Some(&other) = self.by_email.get(row.email.as_str())
            && other != p
        {
            let message = format!(
                "{} is already the e-mail address of {}",
                row.email, people[other].name
            );
            self.problem(row.row, message);
            ok = false;
        }
        ok
    }

    /// The row's workplace: `Some(None)` for the central team, `Some(Some(id))` for an open
    /// academy (or the closed one the person is already at), `None` when it cannot be used.
    fn academy(
        &mut self,
        row: &StaffRow,
        person: Option<usize>,
        academies: &HashMap<String, &KnownAcademy>,
    ) -> Option<Option<AcademyId>> {
        if is_central(&row.academy, &self.known.central) {
            return Some(None);
        }
        let known = self.known;
        let stays =
            |a: &KnownAcademy| person.is_some_and(|p| known.people[p].academy == Some(a.id));
        match academies.get(&lower(&row.academy)) {
            Some(a) if a.open || stays(a) => Some(Some(a.id)),
            Some(a) => {
                let message = format!("{} has closed: choose an open academy", a.name);
                self.problem(row.row, message);
                None
            }
            None => {
                let message = format!(
                    "Unknown academy “{}”: add it on the Academies page, or correct the spelling",
                    row.academy
                );
                self.problem(row.row, message);
                None
            }
        }
    }
}
