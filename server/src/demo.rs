//! The demo trust: 22 academies and about 2,000 people with realistic roles and line
//! management up to the principals and the CEO, plus fixed sign-ins for trying Waymark.
//!
//! Generation is deterministic (a fixed random seed), so every demo trust is the same and
//! tests can rely on it. Everyone's password is `waymark-demo`.

use app::db::entities::{
    academy, consultation_feedback, element, framework_version, pathway, pathway_follower, person,
    person_role, trust,
};
use app::domain::{AcademyPhase, AccessRole, PersonStatus, RoleCategory};
use chrono::Utc;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, TransactionTrait,
};
use std::collections::HashSet;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "waymark-demo";

/// The fixed sign-ins printed when the demo starts.
pub const DEMO_SIGN_INS: &[(&str, &str)] = &[
    ("admin@waymark.test", "administrator"),
    ("hr@waymark.test", "HR"),
    (
        "manager@waymark.test",
        "assistant principal and line manager",
    ),
    ("staff@waymark.test", "class teacher"),
];

pub const TRUST_NAME: &str = "Meridian Learning Trust";

/// Why the demo was not seeded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the database already has {0} people in it; the demo only seeds an empty database")]
    NotEmpty(u64),
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
    #[error("could not hash the demo password")]
    Hash,
    #[error("the demo framework is not valid: {0}")]
    Framework(String),
}

/// What was created.
#[derive(Debug)]
pub struct DemoSummary {
    pub academies: usize,
    pub people: usize,
    pub entries: usize,
}

/// Seeds the demo trust into an empty (migrated) database, in one transaction.
pub async fn seed(db: &DatabaseConnection) -> Result<DemoSummary, DemoError> {
    let existing = person::Entity::find().count(db).await?;
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing));
    }
    // One argon2 hash shared by every demo account: hashing 2,000 would take minutes.
    let hash = app::db::auth::hash_password_blocking(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|_| DemoError::Hash)?;
    let plan = plan_trust();
    let now = Utc::now();

    let txn = db.begin().await?;
    trust::Entity::insert(trust::ActiveModel {
        name: Set(TRUST_NAME.to_owned()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    academy::Entity::insert_many(plan.academies.iter().enumerate().map(|(i, (name, phase))| {
        academy::ActiveModel {
            id: Set(i as i64 + 1),
            name: Set((*name).to_owned()),
            phase: Set(phase.code().to_owned()),
            created_at: Set(now),
        }
    }))
    .exec(&txn)
    .await?;
    // Managers are planned before their reports, so each batch only refers to rows
    // already inserted.
    for batch in plan.people.chunks(500) {
        person::Entity::insert_many(batch.iter().map(|p| person::ActiveModel {
            id: Set(p.id),
            email: Set(p.email.clone()),
            name: Set(p.name.clone()),
            job_title: Set(p.job_title.clone()),
            academy_id: Set(p.academy),
            role_category: Set(p.category.code().to_owned()),
            line_manager_id: Set(p.manager),
            status: Set(PersonStatus::Active.code().to_owned()),
            password_hash: Set(Some(hash.clone())),
            created_at: Set(now),
            updated_at: Set(now),
            evidence_revision: Set(0),
        }))
        .exec(&txn)
        .await?;
    }
    person_role::Entity::insert_many(plan.roles.iter().map(|(id, role)| {
        person_role::ActiveModel {
            person_id: Set(*id),
            role: Set(role.code().to_owned()),
        }
    }))
    .exec(&txn)
    .await?;
    seed_framework(&txn, &plan, now).await?;
    app::db::evidence::ensure_activity_types(&txn)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?;
    let entries = seed_evidence(&txn, &plan, now).await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        // Ids were given explicitly; move the sequences past them.
        for table in ["academy", "person", "trust", "evidence_entry"] {
            txn.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    txn.commit().await?;
    Ok(DemoSummary {
        academies: plan.academies.len(),
        people: plan.people.len(),
        entries,
    })
}

/// The demo framework: published 2025 version, plus a 2026 draft open for consultation.
mod evidence;

/// Plans and writes the demo's evidence against the published framework. Returns how many
/// entries there are.
async fn seed_evidence(
    txn: &impl ConnectionTrait,
    plan: &Plan,
    now: chrono::DateTime<Utc>,
) -> Result<usize, DemoError> {
    let published = app::db::framework::published_version(txn)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?
        .ok_or_else(|| DemoError::Framework("nothing published".into()))?;
    let doc = app::db::framework::load_document(txn, &published)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?;
    let elements: Vec<(String, String)> = doc
        .elements()
        .map(|e| (e.id.clone().unwrap_or_default(), e.code.clone()))
        .collect();
    let names: Vec<&str> = plan.academies.iter().map(|(name, _)| *name).collect();
    let staff = plan
        .people
        .iter()
        .find(|p| p.email == "staff@waymark.test")
        .map_or(0, |p| p.id);
    let entries = evidence::plan_evidence(
        &plan.people,
        plan.academies.len() as i64,
        &elements,
        &names,
        now.date_naive(),
        staff,
    );
    evidence::write(txn, &entries, published.id, now.date_naive()).await?;
    Ok(entries.len())
}

pub const FRAMEWORK_JSON: &str = include_str!("demo/framework.json");

async fn seed_framework(
    txn: &impl ConnectionTrait,
    plan: &Plan,
    now: chrono::DateTime<Utc>,
) -> Result<(), DemoError> {
    use app::db::framework::insert_document;
    use app::domain::framework::{DescriptorDoc, ElementDoc, FrameworkDocument, VersionStatus};

    let published: FrameworkDocument =
        serde_json::from_str(FRAMEWORK_JSON).map_err(|e| DemoError::Framework(e.to_string()))?;
    let problems = published.publish_problems();
    if !problems.is_empty() {
        return Err(DemoError::Framework(format!("{problems:?}")));
    }
    let published_id = insert_document(txn, &published, VersionStatus::Published, now)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?;

    // Next year's draft keeps the same identifiers, rewords one element and adds another.
    let doc = app::db::framework::load_document(
        txn,
        &framework_version::Entity::find_by_id(published_id)
            .one(txn)
            .await?
            .ok_or_else(|| DemoError::Framework("published version vanished".into()))?,
    )
    .await
    .map_err(|e| DemoError::Framework(e.to_string()))?;
    let mut draft = doc;
    draft.id = None;
    draft.name = "Meridian Leadership Framework 2026".into();
    if let Some(a4) = draft.strands[0]
        .elements
        .iter_mut()
        .find(|e| e.code == "A4")
    {
        a4.summary =
            "Takes shared responsibility for every pupil in every Meridian academy.".into();
    }
    draft.strands[2].elements.push(ElementDoc {
        id: None,
        code: "S6".into(),
        title: "Digital fluency".into(),
        summary: "Uses technology purposefully to improve learning and reduce workload.".into(),
        description: "Proposed for 2026 after feedback from the trust's digital think tank.".into(),
        descriptors: [
            "Uses the trust's digital tools confidently and safely in your own work.",
            "Helps your team adopt digital tools that save time or improve learning.",
            "Leads the academy's use of technology so that it serves clear priorities.",
            "Shapes the trust's digital strategy with colleagues from other academies.",
        ]
        .iter()
        .enumerate()
        .map(|(i, body)| DescriptorDoc {
            level: i as u32 + 1,
            role_category: None,
            body: (*body).into(),
        })
        .collect(),
    });
    let draft_id = insert_document(txn, &draft, VersionStatus::Draft, now)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?;
    framework_version::Entity::update(framework_version::ActiveModel {
        id: Set(draft_id),
        consultation_closes_at: Set(Some(now + chrono::Duration::days(21))),
        ..Default::default()
    })
    .exec(txn)
    .await?;

    // Some consultation feedback already in.
    let elements: std::collections::HashMap<String, i64> = element::Entity::find()
        .filter(element::Column::VersionId.eq(draft_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|e| (e.code, e.id))
        .collect();
    let voices = [
        (
            Some("S6"),
            "Welcome this. Could level 1 mention online safety explicitly for support staff?",
        ),
        (
            Some("S6"),
            "Please make sure this is not only about teachers: our office team lead a lot of the digital work.",
        ),
        (
            Some("A4"),
            "The new wording is clearer. \"Every pupil in every academy\" is exactly how it feels in our hub.",
        ),
        (
            Some("B4"),
            "Could the trust level give examples of what counts, such as leading a staff meeting at another academy?",
        ),
        (
            Some("A5"),
            "Good to see wellbeing here. Level 3 should mention workload of support staff too.",
        ),
        (
            None,
            "The framework reads well for my role as a site manager; the tailored descriptors help a lot.",
        ),
        (
            None,
            "Four levels is about right. Please keep the language plain.",
        ),
    ];
    feedback_rows(txn, plan, draft_id, &elements, &voices, now).await?;

    // The demo class teacher and manager already follow a pathway each.
    for (email, name) in [
        ("staff@waymark.test", "Aspiring middle leader"),
        ("manager@waymark.test", "Aspiring senior leader"),
    ] {
        let person = plan.people.iter().find(|p| p.email == email);
        let pathway = pathway::Entity::find()
            .filter(pathway::Column::VersionId.eq(published_id))
            .filter(pathway::Column::Name.eq(name))
            .one(txn)
            .await?;
        if let (Some(person), Some(pathway)) = (person, pathway) {
            pathway_follower::Entity::insert(pathway_follower::ActiveModel {
                person_id: Set(person.id),
                pathway_uuid: Set(pathway.uuid),
                followed_at: Set(now),
            })
            .exec(txn)
            .await?;
        }
    }
    Ok(())
}

async fn feedback_rows(
    txn: &impl ConnectionTrait,
    plan: &Plan,
    version_id: i64,
    elements: &std::collections::HashMap<String, i64>,
    voices: &[(Option<&str>, &str)],
    now: chrono::DateTime<Utc>,
) -> Result<(), DemoError> {
    consultation_feedback::Entity::insert_many(voices.iter().enumerate().map(
        |(i, (code, body))| {
            // A spread of people from across the trust.
            let person = &plan.people[(i * 257 + 40) % plan.people.len()];
            consultation_feedback::ActiveModel {
                version_id: Set(version_id),
                element_id: Set(code.and_then(|c| elements.get(c).copied())),
                person_id: Set(person.id),
                body: Set((*body).to_owned()),
                created_at: Set(now - chrono::Duration::hours(6 * i as i64 + 1)),
                ..Default::default()
            }
        },
    ))
    .exec(txn)
    .await?;
    Ok(())
}

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

const ACADEMIES: &[(&str, AcademyPhase)] = &[
    ("Ashgrove Primary Academy", AcademyPhase::Primary),
    ("Kingsmead Academy", AcademyPhase::Secondary),
    ("Brookfield Primary Academy", AcademyPhase::Primary),
    ("Castle Vale Academy", AcademyPhase::Secondary),
    ("Elmhurst Primary Academy", AcademyPhase::Primary),
    ("Fernwood Academy", AcademyPhase::AllThrough),
    ("Greenacres Primary Academy", AcademyPhase::Primary),
    ("Harbour View Academy", AcademyPhase::Secondary),
    ("Hollybank Primary Academy", AcademyPhase::Primary),
    ("Larkspur Special School", AcademyPhase::Special),
    ("Meadowside Primary Academy", AcademyPhase::Primary),
    ("Northgate Academy", AcademyPhase::Secondary),
    ("Oakfield Primary Academy", AcademyPhase::Primary),
    ("Pool Meadow Academy", AcademyPhase::Secondary),
    ("Queensbridge Primary Academy", AcademyPhase::Primary),
    (
        "Riverside Learning Centre",
        AcademyPhase::AlternativeProvision,
    ),
    ("Rowan Tree Primary Academy", AcademyPhase::Primary),
    ("St Aidan's Academy", AcademyPhase::Secondary),
    ("Thornbury Primary Academy", AcademyPhase::Primary),
    (
        "Westfield Sixth Form College",
        AcademyPhase::FurtherEducation,
    ),
    ("Willowbrook Primary Academy", AcademyPhase::Primary),
    ("Windmill Hill School", AcademyPhase::Special),
];

const FIRST_NAMES: &[&str] = &[
    "Aaliyah",
    "Adam",
    "Aisha",
    "Alex",
    "Amelia",
    "Amir",
    "Anna",
    "Ben",
    "Bethany",
    "Callum",
    "Charlotte",
    "Chloe",
    "Daniel",
    "David",
    "Eleanor",
    "Ella",
    "Emily",
    "Ethan",
    "Fatima",
    "Freya",
    "George",
    "Grace",
    "Hannah",
    "Harry",
    "Imran",
    "Isla",
    "Jack",
    "Jacob",
    "James",
    "Jasmine",
    "Joseph",
    "Joshua",
    "Katie",
    "Kieran",
    "Laura",
    "Leah",
    "Liam",
    "Lucy",
    "Maya",
    "Megan",
    "Mohammed",
    "Nadia",
    "Natalie",
    "Nathan",
    "Olivia",
    "Oliver",
    "Oscar",
    "Priya",
    "Rachel",
    "Rebecca",
    "Rhys",
    "Ruby",
    "Ryan",
    "Samuel",
    "Sarah",
    "Sophie",
    "Thomas",
    "Tom",
    "Usman",
    "Victoria",
    "William",
    "Yasmin",
    "Zara",
    "Zoe",
    "Gareth",
    "Helen",
    "Karen",
    "Mark",
    "Michelle",
    "Paul",
    "Sandra",
    "Simon",
    "Stephen",
    "Susan",
    "Wendy",
    "Andrew",
];

const LAST_NAMES: &[&str] = &[
    "Ahmed",
    "Ali",
    "Allen",
    "Atkinson",
    "Bailey",
    "Baker",
    "Begum",
    "Bell",
    "Brown",
    "Campbell",
    "Carter",
    "Chapman",
    "Clarke",
    "Collins",
    "Cooper",
    "Davies",
    "Dixon",
    "Edwards",
    "Evans",
    "Fisher",
    "Fletcher",
    "Green",
    "Griffiths",
    "Hall",
    "Harris",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Jones",
    "Kaur",
    "Khan",
    "King",
    "Lewis",
    "Lloyd",
    "Martin",
    "Mason",
    "Mistry",
    "Morgan",
    "Morris",
    "Murphy",
    "Nowak",
    "Owen",
    "Palmer",
    "Parker",
    "Patel",
    "Phillips",
    "Price",
    "Roberts",
    "Robinson",
    "Rogers",
    "Shaw",
    "Singh",
    "Smith",
    "Stevens",
    "Taylor",
    "Thomas",
    "Thompson",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
];

const SUBJECTS: &[&str] = &[
    "English",
    "Mathematics",
    "Science",
    "History",
    "Geography",
    "Modern Languages",
    "Art",
    "Music",
    "Physical Education",
    "Computing",
    "Religious Education",
    "Design and Technology",
];

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
        let id = self.people.len() as i64 + 1;
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
        let academy = index as i64 + 1;
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
