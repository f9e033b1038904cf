//! What one usable row does: add a person, change (or bring back) someone, mark a leaver, or
//! nothing at all — with the changes field by field, as the trail will record them.

use super::managers::Names;
use super::{
    KnownPerson, Leaver, ManagerRef, Matched, NewPerson, Plan, Planner, StaffDetails, Target,
    Update,
};
use crate::ids::AcademyId;
use crate::org_change::Change;
use crate::people::{PersonFacts, changes};

impl Planner<'_> {
    /// The name the trail gives a workplace: an academy's, or the central team's.
    fn workplace(&self, academy: Option<AcademyId>) -> String {
        match academy {
            None => self.known.central.clone(),
            Some(id) => self
                .known
                .academies
                .iter()
                .find(|k| k.id == id)
                .map(|k| k.name.clone())
                .unwrap_or_default(),
        }
    }

    /// Adds what row `m` does, with line manager `manager`, to `plan`.
    pub(super) fn outcome(&self, m: &Matched, manager: ManagerRef, names: &Names, plan: &mut Plan) {
        let row = &m.row;
        let known_person = m.person.map(|p| &self.known.people[p]);
        if self.leaving(m) {
            match (known_person, row.leaving) {
                (Some(p), Some(left_on)) if p.active => plan.leavers.push(Leaver {
                    row: row.row,
                    person: p.id,
                    name: p.name.clone(),
                    left_on,
                }),
                _ => plan.unchanged += 1,
            }
            return;
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
            workplace: self.workplace(details.academy),
            role_category: details.category.label().to_owned(),
            line_manager: names.of_manager(manager),
            roles: String::new(),
        };
        let Some(p) = known_person else {
            plan.adds.push(NewPerson {
                row: row.row,
                changes: changes(None, &after),
                details,
                manager,
            });
            return;
        };
        let mut changed = changes(Some(&self.facts(p, names)), &after);
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

    /// A known person's facts as the trail compares them.
    fn facts(&self, p: &KnownPerson, names: &Names) -> PersonFacts {
        PersonFacts {
            name: p.name.clone(),
            email: p.email.clone(),
            employee_number: p.employee_number.clone().unwrap_or_default(),
            job_title: p.job_title.clone(),
            workplace: self.workplace(p.academy),
            role_category: p.category.label().to_owned(),
            line_manager: p
                .manager
                .map(|m| names.of(Target::Known(m)))
                .unwrap_or_default(),
            roles: String::new(),
        }
    }
}
