//! Each row's line manager — someone in the file first, then someone Waymark knows — and the
//! check that line management stays a tree once the file is applied.

use super::{ManagerRef, Matched, Planner, Snapshot, Target};
use crate::ids::PersonId;
use crate::import::row::ManagerKey;
use std::collections::HashMap;

/// People's names by id and by place among those added, so naming someone costs nothing
/// per row.
pub(super) struct Names<'a> {
    known: HashMap<PersonId, &'a str>,
    new: HashMap<usize, &'a str>,
}

impl<'a> Names<'a> {
    pub(super) fn new(
        known: &'a Snapshot,
        matched: &'a [Matched],
        targets: &[Option<Target>],
    ) -> Self {
        let known = known
            .people
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect();
        let new = matched
            .iter()
            .zip(targets)
            .filter_map(|(m, t)| match t {
                Some(Target::New(n)) => Some((*n, m.row.name.as_str())),
                _ => None,
            })
            .collect();
        Self { known, new }
    }

    pub(super) fn of(&self, t: Target) -> String {
        match t {
            Target::Known(id) => self.known.get(&id),
            Target::New(n) => self.new.get(&n),
        }
        .map(|n| (*n).to_owned())
        .unwrap_or_default()
    }

    /// A line manager's name (empty for nobody).
    pub(super) fn of_manager(&self, m: ManagerRef) -> String {
        match m {
            ManagerRef::Nobody => String::new(),
            ManagerRef::Known(id) => self.of(Target::Known(id)),
            ManagerRef::New(n) => self.of(Target::New(n)),
        }
    }
}

impl Planner<'_> {
    /// Each row's line manager, or `None` when the row names one who cannot be.
    pub(super) fn managers(
        &mut self,
        matched: &[Matched],
        targets: &[Option<Target>],
    ) -> Vec<Option<ManagerRef>> {
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
        let mut managers = Vec::with_capacity(matched.len());
        for (i, m) in matched.iter().enumerate() {
            let Some(key) = &m.row.manager else {
                managers.push(Some(ManagerRef::Nobody));
                continue;
            };
            let in_file = match key {
                ManagerKey::Email(e) => file_email.get(e.as_str()),
                ManagerKey::Number(n) => file_number.get(n.as_str()),
            };
            let found = match in_file.copied() {
                Some(j) => self.manager_in_file(matched, targets, i, j),
                None => self.manager_known(m.row.row, key),
            };
            managers.push(found);
        }
        managers
    }

    /// Row `i`'s manager when the file names them on row `j`.
    fn manager_in_file(
        &mut self,
        matched: &[Matched],
        targets: &[Option<Target>],
        i: usize,
        j: usize,
    ) -> Option<ManagerRef> {
        let row = matched[i].row.row;
        if j == i {
            self.problem(row, "Nobody can be their own line manager".to_owned());
            return None;
        }
        if self.leaving(&matched[j]) {
            let manager = &matched[j].row;
            let message = format!(
                "Their line manager {} is leaving (row {}): give them a new one",
                manager.name, manager.row
            );
            self.problem(row, message);
            return None;
        }
        targets[j].map(|t| match t {
            Target::Known(id) => ManagerRef::Known(id),
            Target::New(n) => ManagerRef::New(n),
        })
    }

    /// A row's manager when the file does not name them: someone Waymark knows, still here.
    fn manager_known(&mut self, row: usize, key: &ManagerKey) -> Option<ManagerRef> {
        let known = self.known;
        let found = match key {
            ManagerKey::Email(e) => self.by_email.get(e.as_str()),
            ManagerKey::Number(n) => self.by_number.get(n.as_str()),
        }
        .map(|&p| &known.people[p]);
        match found {
            Some(p) if p.active => Some(ManagerRef::Known(p.id)),
            Some(p) => {
                let message = format!("Their line manager {} has left the trust", p.name);
                self.problem(row, message);
                None
            }
            None => {
                let message = format!(
                    "Line manager “{}” is not in the file or in Waymark",
                    key.text()
                );
                self.problem(row, message);
                None
            }
        }
    }

    /// Refuses every row whose manager would make a line management loop once the file is
    /// applied, naming the people around it.
    pub(super) fn break_loops(
        &mut self,
        matched: &[Matched],
        targets: &[Option<Target>],
        managers: &mut [Option<ManagerRef>],
        names: &Names,
    ) {
        let mut above: HashMap<Target, Target> = self
            .known
            .people
            .iter()
            .filter_map(|p| Some((Target::Known(p.id), Target::Known(p.manager?))))
            .collect();
        for (target, manager) in targets.iter().zip(managers.iter()) {
            let Some(target) = target else { continue };
            match manager {
                Some(ManagerRef::Known(id)) => above.insert(*target, Target::Known(*id)),
                Some(ManagerRef::New(n)) => above.insert(*target, Target::New(*n)),
                _ => above.remove(target),
            };
        }
        let longest = self.known.people.len() + matched.len();
        for (i, target) in targets.iter().enumerate() {
            let Some(start) = *target else { continue };
            let mut chain = vec![start];
            let mut current = start;
            while let Some(&next) = above.get(&current) {
                if next == start {
                    let names: Vec<String> =
                        chain.iter().chain([&start]).map(|t| names.of(*t)).collect();
                    let message =
                        format!("This makes a line management loop: {}", names.join(" → "));
                    self.problem(matched[i].row.row, message);
                    managers[i] = None;
                    break;
                }
                if chain.contains(&next) || chain.len() > longest {
                    break;
                }
                chain.push(next);
                current = next;
            }
        }
    }
}
