//! The demo trust: 22 academies and about 2,000 people with realistic roles and line
//! management up to the principals and the CEO, plus fixed sign-ins for trying Waymark.
//!
//! Generation is deterministic (a fixed random seed), so every demo trust is the same and
//! tests can rely on it. The staff come in through the staff importer, from `staff.csv`.
//! Everyone's password is `waymark-demo`.
mod evidence;
mod framework;
mod history;
mod names;
mod people;
mod recognition;
mod staff;

pub use framework::FRAMEWORK_JSON;
use framework::seed_framework;
pub use people::{Plan, PlannedPerson, plan_trust};

use app::db::entities::{academy, person, person_role, trust};
use app::domain::{AccessRole, PersonStatus};
use app::model::CurrentUser;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
    TransactionTrait,
};
use std::collections::HashMap;

/// The id of the row planned at `index` (ids start at 1; the demo's lists are short).
pub(crate) fn id_of(index: usize) -> i64 {
    i64::try_from(index).map_or(i64::MAX, |i| i + 1)
}

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
    let planned = plan_trust();
    let now = Utc::now();

    let txn = db.begin().await?;
    trust::Entity::insert(trust::ActiveModel {
        name: Set(TRUST_NAME.to_owned()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    academy::Entity::insert_many(
        planned
            .academies
            .iter()
            .enumerate()
            .map(|(i, (name, phase))| {
                academy::ActiveModel {
                    id: Set(id_of(i)),
                    name: Set((*name).to_owned()),
                    phase: Set(phase.code().to_owned()),
                    created_at: Set(now),
                    // What staff call it: "Ashgrove" for Ashgrove Primary Academy.
                    short_name: Set(name.split_whitespace().next().unwrap_or(name).to_owned()),
                    closed_on: Set(None),
                }
            }),
    )
    .exec(&txn)
    .await?;
    let plan = import_staff(&txn, planned, &hash, now).await?;
    seed_framework(&txn, &plan, now).await?;
    app::db::evidence::ensure_activity_types(&txn)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?;
    let entries = seed_evidence(&txn, &plan, now).await?;
    history::seed_history(&txn, &plan, now).await?;
    let behaviours = strand_uuid(&txn, "Behaviours").await?;
    recognition::seed_recognition(&txn, &plan, behaviours, now)
        .await
        .map_err(DemoError::Framework)?;
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

/// Brings the demo's staff in through the importer: the administrator first (someone has to
/// import), then `staff.csv` as an administrator would upload it; then everyone gets the demo
/// password and their access roles. Returns the plan with the ids the people were given.
async fn import_staff(
    txn: &impl ConnectionTrait,
    mut plan: Plan,
    hash: &str,
    now: chrono::DateTime<Utc>,
) -> Result<Plan, DemoError> {
    let Some(admin) = plan
        .roles
        .iter()
        .find(|(_, r)| *r == AccessRole::Administrator)
        .and_then(|(id, _)| plan.people.iter().find(|p| p.id == *id))
        .cloned()
    else {
        return Err(DemoError::Framework(
            "the demo plan has no administrator".into(),
        ));
    };
    let admin_id = person::Entity::insert(person::ActiveModel {
        email: Set(admin.email.clone()),
        name: Set(admin.name.clone()),
        job_title: Set(admin.job_title.clone()),
        academy_id: Set(admin.academy),
        role_category: Set(admin.category.code().to_owned()),
        line_manager_id: Set(None),
        status: Set(PersonStatus::Active.code().to_owned()),
        password_hash: Set(Some(hash.to_owned())),
        created_at: Set(now),
        updated_at: Set(now),
        employee_number: Set(Some(staff::employee_number(admin.id))),
        left_on: Set(None),
        ..Default::default()
    })
    .exec(txn)
    .await?
    .last_insert_id;
    person_role::Entity::insert(person_role::ActiveModel {
        person_id: Set(admin_id),
        role: Set(AccessRole::Administrator.code().to_owned()),
    })
    .exec(txn)
    .await?;
    let importer = CurrentUser {
        actor: app::domain::Actor {
            id: app::domain::PersonId(admin_id),
            roles: vec![AccessRole::Administrator],
            academy: admin.academy.map(app::domain::AcademyId),
            direct_reports: 0,
        },
        name: admin.name.clone(),
        email: admin.email.clone(),
        job_title: admin.job_title.clone(),
        role_category: admin.category,
        academy_name: None,
        line_manager_name: None,
    };
    app::db::people::import::apply_file(
        txn,
        &importer,
        staff::STAFF_CSV.as_bytes(),
        app::db::people::import::Options::default(),
        now,
    )
    .await
    .map_err(|e| DemoError::Framework(format!("the demo's staff file: {e}")))?;
    person::Entity::update_many()
        .col_expr(
            person::Column::PasswordHash,
            Expr::value(Some(hash.to_owned())),
        )
        .exec(txn)
        .await?;

    // The plan again, with the ids the import gave.
    let given: HashMap<String, person::Model> = person::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.email.clone(), p))
        .collect();
    let planned_emails: HashMap<i64, String> = plan
        .people
        .iter()
        .map(|p| (p.id, p.email.clone()))
        .collect();
    for p in &mut plan.people {
        let Some(row) = given.get(&p.email) else {
            return Err(DemoError::Framework(format!(
                "{} was not imported",
                p.email
            )));
        };
        p.id = row.id;
        p.manager = row.line_manager_id;
        p.academy = row.academy_id;
    }
    plan.roles = plan
        .roles
        .iter()
        .filter_map(|(id, role)| Some((given.get(planned_emails.get(id)?)?.id, *role)))
        .collect();
    person_role::Entity::insert_many(
        plan.roles
            .iter()
            .filter(|(id, role)| !(*id == admin_id && *role == AccessRole::Administrator))
            .map(|(id, role)| person_role::ActiveModel {
                person_id: Set(*id),
                role: Set(role.code().to_owned()),
            }),
    )
    .exec(txn)
    .await?;
    Ok(plan)
}

/// The UUID of the published framework's strand called `name`.
async fn strand_uuid(txn: &impl ConnectionTrait, name: &str) -> Result<String, DemoError> {
    let published = app::db::framework::published_version(txn)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?
        .ok_or_else(|| DemoError::Framework("nothing published".into()))?;
    let doc = app::db::framework::load_document(txn, &published)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?;
    doc.strands
        .iter()
        .find(|s| s.name == name)
        .and_then(|s| s.id.clone())
        .ok_or_else(|| DemoError::Framework(format!("no strand called {name}")))
}

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
        i64::try_from(plan.academies.len()).unwrap_or(i64::MAX),
        &elements,
        &names,
        now.date_naive(),
        staff,
    );
    evidence::write(txn, &entries, published.id, now.date_naive()).await?;
    Ok(entries.len())
}
