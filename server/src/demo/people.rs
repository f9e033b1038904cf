//! The demo trust's people: planned top-down (every manager before their reports) from a
//! fixed seed, so every demo trust is the same.

use super::names::{ACADEMIES, FIRST_NAMES, LAST_NAMES, SUBJECTS};
use app::domain::{AcademyPhase, AccessRole, RoleCategory};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashSet;

/// One planned person.
#[derive(Clone, Debug)]
pub struct PlannedPerson {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub academy: Option<i64>,
    pub category: RoleCategory,
    pub manager: Option<i64>,
}

/// The whole demo trust, before it is written.
pub struct Plan {
    pub academies: Vec<(&'static str, AcademyPhase)>,
    pub people: Vec<PlannedPerson>,
    pub roles: Vec<(i64, AccessRole)>,
}

/// Builds people top-down, so every manager exists before their reports.
struct Builder {
    rng: StdRng,
    people: Vec<PlannedPerson>,
    roles: Vec<(i64, AccessRole)>,
    emails: HashSet<String>,
}

impl Builder {
    fn add(
        &mut self,
        title: &str,
        category: RoleCategory,
        academy: Option<i64>,
        manager: Option<i64>,
    ) -> i64 {
        let first = FIRST_NAMES[self.rng.random_range(0..FIRST_NAMES.len())];
        let last = LAST_NAMES[self.rng.random_range(0..LAST_NAMES.len())];
        let base = format!("{}.{}", first.to_lowercase(), last.to_lowercase());
        let mut email = format!("{base}@meridian.test");
        let mut n = 2;
        while self.emails.contains(&email) {
            email = format!("{base}{n}@meridian.test");
            n += 1;
        }
        self.add_named(
            &format!("{first} {last}"),
            &email,
            title,
            category,
            academy,
            manager,
        )
    }

    fn add_named(
        &mut self,
        name: &str,
        email: &str,
        title: &str,
        category: RoleCategory,
        academy: Option<i64>,
        manager: Option<i64>,
    ) -> i64 {
        let id = super::id_of(self.people.len());
        self.emails.insert(email.to_owned());
        self.people.push(PlannedPerson {
            id,
            name: name.to_owned(),
            email: email.to_owned(),
            job_title: title.to_owned(),
            academy,
            category,
            manager,
        });
        id
    }

    /// `count` people with the same title, managed in turn by `managers`.
    fn add_many(
        &mut self,
        count: usize,
        title: &str,
        category: RoleCategory,
        academy: Option<i64>,
        managers: &[i64],
    ) -> Vec<i64> {
        (0..count)
            .map(|i| {
                let manager = (!managers.is_empty()).then(|| managers[i % managers.len()]);
                self.add(title, category, academy, manager)
            })
            .collect()
    }
}

use RoleCategory::{Delivering, Enabling, Leading, Supporting};

/// Plans the whole demo trust.
pub fn plan_trust() -> Plan {
    let mut b = Builder {
        rng: StdRng::seed_from_u64(2026),
        people: Vec::new(),
        roles: Vec::new(),
        emails: HashSet::new(),
    };

    // The central team.
    let ceo = b.add("Chief Executive Officer", Leading, None, None);
    let director_education = b.add("Director of Education", Leading, None, Some(ceo));
    let regional = b.add_many(3, "Regional Director", Leading, None, &[director_education]);
    let institute = b.add(
        "Director of the Meridian Institute",
        Leading,
        None,
        Some(director_education),
    );
    b.add_many(4, "Institute Programme Lead", Leading, None, &[institute]);
    b.add_many(3, "Institute Coordinator", Enabling, None, &[institute]);
    let cfo = b.add("Chief Financial Officer", Leading, None, Some(ceo));
    let finance_manager = b.add("Trust Finance Manager", Enabling, None, Some(cfo));
    b.add_many(6, "Finance Officer", Enabling, None, &[finance_manager]);
    let operations = b.add("Director of Operations", Leading, None, Some(ceo));
    let admin = b.add_named(
        "Priya Shah",
        "admin@waymark.test",
        "Head of Systems and Data",
        Enabling,
        None,
        Some(operations),
    );
    b.roles.push((admin, AccessRole::Administrator));
    b.add_many(5, "IT Technician", Enabling, None, &[admin]);
    let estates = b.add("Head of Estates", Enabling, None, Some(operations));
    b.add_many(3, "Estates Officer", Enabling, None, &[estates]);
    let people_director = b.add("Director of People", Leading, None, Some(ceo));
    b.roles.push((people_director, AccessRole::Hr));
    let hr = b.add_named(
        "Marcus Bennett",
        "hr@waymark.test",
        "HR Business Partner",
        Enabling,
        None,
        Some(people_director),
    );
    b.roles.push((hr, AccessRole::Hr));
    let hr_officers = b.add_many(4, "HR Officer", Enabling, None, &[people_director]);
    b.roles.push((hr_officers[0], AccessRole::Hr));
    b.add_many(2, "Payroll Officer", Enabling, None, &[people_director]);
    b.add_many(2, "Governance Officer", Enabling, None, &[operations]);
    b.add("SEND Trust Lead", Leading, None, Some(director_education));
    b.add(
        "Safeguarding Trust Lead",
        Leading,
        None,
        Some(director_education),
    );

    for (index, (_, phase)) in ACADEMIES.iter().enumerate() {
        let academy = super::id_of(index);
        let regional_director = regional[index % regional.len()];
        plan_academy(&mut b, academy, *phase, regional_director);
    }

    Plan {
        academies: ACADEMIES.to_vec(),
        people: b.people,
        roles: b.roles,
    }
}

fn plan_academy(b: &mut Builder, academy: i64, phase: AcademyPhase, regional_director: i64) {
    let a = Some(academy);
    let principal = b.add("Principal", Leading, a, Some(regional_director));
    let (vice_principals, assistant_principals, scale) = match phase {
        AcademyPhase::Primary => (1, 2, 1.0),
        AcademyPhase::Secondary => (2, 4, 2.6),
        AcademyPhase::AllThrough => (2, 5, 3.2),
        AcademyPhase::Special => (1, 2, 1.2),
        AcademyPhase::AlternativeProvision => (1, 1, 0.6),
        AcademyPhase::FurtherEducation => (2, 3, 1.8),
    };
    // A handful of people per role: the rounded product is small and never negative.
    #[allow(clippy::as_conversions)]
    let count = |n: f64| ((n * scale).round() as usize).max(1);
    let vps = b.add_many(vice_principals, "Vice Principal", Leading, a, &[principal]);

    // Ashgrove is home to the fixed demo manager and class teacher.
    let aps: Vec<i64> = if academy == 1 {
        let manager = b.add_named(
            "Hannah Okafor",
            "manager@waymark.test",
            "Assistant Principal (Key Stage 2)",
            Leading,
            a,
            Some(vps[0]),
        );
        let other = b.add(
            "Assistant Principal (Early Years and Key Stage 1)",
            Leading,
            a,
            Some(vps[0]),
        );
        vec![manager, other]
    } else {
        b.add_many(
            assistant_principals,
            "Assistant Principal",
            Leading,
            a,
            &vps,
        )
    };
    // Each academy's PD lead is one of its assistant principals (not the demo manager).
    b.roles
        .push((*aps.last().unwrap_or(&principal), AccessRole::AcademyPdLead));

    let senco = b.add("SENCo", Leading, a, Some(vps[0]));
    let business_manager = b.add("School Business Manager", Enabling, a, Some(principal));

    // Teaching staff under middle leaders (secondary) or assistant principals (primary).
    let teacher_leads = match phase {
        AcademyPhase::Primary | AcademyPhase::Special | AcademyPhase::AlternativeProvision => {
            aps.clone()
        }
        _ => {
            let departments = count(3.5).min(SUBJECTS.len());
            (0..departments)
                .map(|i| {
                    let title = format!("Head of {}", SUBJECTS[i]);
                    b.add(&title, Leading, a, Some(aps[i % aps.len()]))
                })
                .collect()
        }
    };
    if academy == 1 {
        b.add_named(
            "Sam Taylor",
            "staff@waymark.test",
            "Class Teacher (Year 4)",
            Delivering,
            a,
            Some(aps[0]),
        );
        for year in ["Year 3", "Year 5", "Year 6", "Year 6"] {
            b.add(
                &format!("Class Teacher ({year})"),
                Delivering,
                a,
                Some(aps[0]),
            );
        }
        b.add_many(9, "Class Teacher", Delivering, a, &aps[1..]);
    } else {
        let title = match phase {
            AcademyPhase::Primary => "Class Teacher",
            AcademyPhase::Special | AcademyPhase::AlternativeProvision => "Teacher",
            _ => "Subject Teacher",
        };
        b.add_many(count(16.0), title, Delivering, a, &teacher_leads);
    }
    if !matches!(phase, AcademyPhase::Primary) {
        let pastoral = b.add_many(count(1.5), "Head of Year", Leading, a, &aps);
        b.add_many(count(1.5), "Pastoral Manager", Supporting, a, &pastoral);
        b.add_many(count(1.0), "Cover Supervisor", Supporting, a, &vps);
        b.add("Exams Officer", Enabling, a, Some(business_manager));
        b.add("Data Manager", Enabling, a, Some(business_manager));
        b.add_many(
            count(1.0),
            "Science Technician",
            Supporting,
            a,
            &teacher_leads[..1],
        );
    }
    b.add("Early Career Teacher Mentor", Delivering, a, Some(aps[0]));

    // SEND and classroom support.
    let hltas = b.add_many(
        count(2.0),
        "Higher Level Teaching Assistant",
        Supporting,
        a,
        &[senco],
    );
    b.add_many(count(14.0), "Teaching Assistant", Supporting, a, &hltas);
    b.add("Family Support Worker", Supporting, a, Some(senco));
    b.add_many(count(4.0), "Midday Supervisor", Supporting, a, &hltas);

    // Office, finance, site.
    let office = b.add("Office Manager", Enabling, a, Some(business_manager));
    b.add_many(count(2.0), "Administrative Officer", Enabling, a, &[office]);
    b.add("Attendance Officer", Enabling, a, Some(office));
    b.add_many(
        count(1.0),
        "Finance Officer",
        Enabling,
        a,
        &[business_manager],
    );
    let site = b.add("Site Manager", Enabling, a, Some(business_manager));
    b.add_many(count(3.0), "Site Assistant", Enabling, a, &[site]);
    b.add_many(count(1.0), "Catering Assistant", Enabling, a, &[office]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn the_demo_trust_has_22_academies_and_about_two_thousand_people() {
        let plan = plan_trust();
        assert_eq!(plan.academies.len(), 22);
        assert!(
            (1_800..=2_300).contains(&plan.people.len()),
            "{}",
            plan.people.len()
        );
    }

    #[test]
    fn every_manager_is_planned_before_their_reports() {
        let plan = plan_trust();
        for p in &plan.people {
            if let Some(m) = p.manager {
                assert!(m < p.id, "{} is managed by a later person", p.name);
            }
        }
    }

    #[test]
    fn every_line_leads_up_to_the_ceo() {
        let plan = plan_trust();
        let managers: HashMap<_, _> = plan.people.iter().map(|p| (p.id, p.manager)).collect();
        let tops: Vec<_> = plan.people.iter().filter(|p| p.manager.is_none()).collect();
        assert_eq!(tops.len(), 1);
        assert_eq!(tops[0].job_title, "Chief Executive Officer");
        for p in &plan.people {
            let mut current = p.id;
            let mut steps = 0;
            while let Some(Some(m)) = managers.get(&current) {
                current = *m;
                steps += 1;
                assert!(steps < 20);
            }
            assert_eq!(current, tops[0].id);
        }
    }

    #[test]
    fn the_demo_manager_manages_the_demo_class_teacher_and_others() {
        let plan = plan_trust();
        let find = |email: &str| {
            plan.people
                .iter()
                .find(|p| p.email == email)
                .expect("present")
        };
        let manager = find("manager@waymark.test");
        let staff = find("staff@waymark.test");
        assert_eq!(staff.manager, Some(manager.id));
        let reports = plan
            .people
            .iter()
            .filter(|p| p.manager == Some(manager.id))
            .count();
        assert!(reports >= 5, "{reports}");
    }

    #[test]
    fn e_mail_addresses_are_unique() {
        let plan = plan_trust();
        let unique: HashSet<_> = plan.people.iter().map(|p| &p.email).collect();
        assert_eq!(unique.len(), plan.people.len());
    }

    #[test]
    fn every_role_category_is_represented() {
        let plan = plan_trust();
        for category in RoleCategory::ALL {
            assert!(
                plan.people.iter().any(|p| p.category == *category),
                "{category}"
            );
        }
    }
}
