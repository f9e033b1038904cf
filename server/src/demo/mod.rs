//! The demo trust: 22 academies and about 2,000 people with realistic roles and line
//! management up to the principals and the CEO, plus fixed sign-ins for trying Waymark.
//!
//! Generation is deterministic (a fixed random seed), so every demo trust is the same and
//! tests can rely on it. Everyone's password is `waymark-demo`.
mod evidence;
mod framework;
mod history;
mod names;
mod people;

pub use framework::FRAMEWORK_JSON;
use framework::seed_framework;
pub use people::{Plan, PlannedPerson, plan_trust};

use app::db::entities::{academy, person, person_role, trust};
use app::domain::PersonStatus;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
    TransactionTrait,
};

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
            id: Set(id_of(i)),
            name: Set((*name).to_owned()),
            phase: Set(phase.code().to_owned()),
            created_at: Set(now),
            // What staff call it: "Ashgrove" for Ashgrove Primary Academy.
            short_name: Set(name.split_whitespace().next().unwrap_or(name).to_owned()),
            closed_on: Set(None),
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
            // As the trust's HR system numbers its staff.
            employee_number: Set(Some(format!("E{:05}", p.id))),
            left_on: Set(None),
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
    history::seed_history(&txn, &plan, now).await?;
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
