//! Applying a staff file: everyone it adds, changes and marks as leaving, with the trail for
//! each, in the caller's transaction, and the invitations to send once it is saved.

use super::{admin, load, snapshot};
use crate::db::entities::{person, staff_import};
use crate::db::org_trail::{self, Subject};
use crate::db::people::leaving::leave;
use crate::domain::import::{ManagerRef, Mapping, NewPerson, Plan, Update, plan, read};
use crate::domain::{ImportId, PersonId, PersonStatus};
use crate::error::AppError;
use crate::model::CurrentUser;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};

/// What applying a file did, and the invitations to send now it is saved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub changed: usize,
    pub left: usize,
    pub invitations: Vec<crate::mail::Email>,
}

/// What applying a file should do beyond the file itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Mark the people the file does not mention as leavers today.
    pub missing_leave: bool,
    /// Invite each person added to set their password.
    pub invite_new: bool,
}

impl Applied {
    fn in_words(&self) -> String {
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let invited = match self.invitations.len() {
            0 => String::new(),
            count => format!(", {} invited", n(count, "person", "people")),
        };
        format!(
            "{} added, {} changed, {} marked as leavers{invited}",
            n(self.added, "person", "people"),
            n(self.changed, "person", "people"),
            n(self.left, "person", "people"),
        )
    }
}

/// Applies the kept file as it reads now, all of it or nothing (see [`Options`] for what else
/// it may do).
pub async fn apply(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ImportId,
    options: Options,
    now: DateTime<Utc>,
) -> Result<Applied, AppError> {
    admin(user)?;
    let txn = crate::db::write_transaction(db).await?;
    let (import, table, mapping, known) = load(&txn, id).await?;
    let planned = plan(
        &table.headings,
        &table.rows,
        &mapping,
        &known,
        now.date_naive(),
    );
    let applied = apply_plan(&txn, user, &planned, options, now).await?;
    let mut row: staff_import::ActiveModel = import.into();
    row.applied_at = Set(Some(now));
    row.outcome = Set(applied.in_words());
    row.update(&txn).await?;
    txn.commit().await?;
    tracing::info!(
        added = applied.added,
        changed = applied.changed,
        left = applied.left,
        "staff import applied"
    );
    Ok(applied)
}

/// Reads, plans and applies a whole staff file at once inside `db` (a transaction the caller
/// commits), with the mapping guessed from its headings: how the demo trust is built, through
/// the same code as every import. Refused, changing nothing, when any row has a problem.
pub async fn apply_file(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    bytes: &[u8],
    options: Options,
    now: DateTime<Utc>,
) -> Result<Applied, AppError> {
    admin(user)?;
    let table = read(bytes).map_err(|message| AppError::field("file", message))?;
    let mapping = Mapping::guess(&table.headings);
    let known = snapshot(db).await?;
    let planned = plan(
        &table.headings,
        &table.rows,
        &mapping,
        &known,
        now.date_naive(),
    );
    if let Some(first) = planned.problems.first() {
        tracing::error!(row = first.row, problem = %first.message, "staff file refused");
    }
    apply_plan(db, user, &planned, options, now).await
}

/// Applies a plan inside a transaction: refused while any row has a problem.
async fn apply_plan(
    txn: &impl ConnectionTrait,
    user: &CurrentUser,
    planned: &Plan,
    options: Options,
    now: DateTime<Utc>,
) -> Result<Applied, AppError> {
    if !planned.problems.is_empty() {
        let n = planned.problems.len();
        return Err(AppError::Conflict(format!(
            "The file has {n} {} to fix first: nothing has been changed. Correct the file and upload it again.",
            if n == 1 { "problem" } else { "problems" }
        )));
    }
    let mut leaving: Vec<(PersonId, NaiveDate)> = planned
        .leavers
        .iter()
        .map(|l| (l.person, l.left_on))
        .collect();
    if options.missing_leave {
        leaving.extend(planned.missing.iter().map(|id| (*id, now.date_naive())));
    }
    check_leavers(user, &leaving)?;
    let new_ids = add_people(txn, user, &planned.adds, now).await?;
    let manager_id = |m: ManagerRef| match m {
        ManagerRef::Nobody => None,
        ManagerRef::Known(id) => Some(id.0),
        ManagerRef::New(n) => new_ids.get(n).copied(),
    };
    for (add, id) in planned.adds.iter().zip(&new_ids) {
        if let Some(manager) = manager_id(add.manager) {
            person::Entity::update_many()
                .col_expr(person::Column::LineManagerId, Expr::value(manager))
                .filter(person::Column::Id.eq(*id))
                .exec(txn)
                .await?;
        }
    }
    for update in &planned.updates {
        update_person(txn, user, update, manager_id(update.manager), now).await?;
    }
    for (id, left_on) in &leaving {
        let Some(leaver) = person::Entity::find_by_id(id.0).one(txn).await? else {
            continue;
        };
        if leaver.status == PersonStatus::Active.code() {
            leave(txn, user, leaver, *left_on, now).await?;
        }
    }
    let invitations = if options.invite_new {
        invite(txn, user, &new_ids, now).await?
    } else {
        Vec::new()
    };
    Ok(Applied {
        added: planned.adds.len(),
        changed: planned.updates.len(),
        left: leaving.len(),
        invitations,
    })
}

/// Adds the people the file adds, with their trail but without line managers yet (some are
/// managed by others the file adds). Returns their ids, in the plan's order.
async fn add_people(
    txn: &impl ConnectionTrait,
    user: &CurrentUser,
    adds: &[NewPerson],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, AppError> {
    let mut new_ids = Vec::with_capacity(adds.len());
    for add in adds {
        let d = &add.details;
        let inserted = person::Entity::insert(person::ActiveModel {
            email: Set(d.email.clone()),
            name: Set(d.name.clone()),
            employee_number: Set(d.employee_number.clone()),
            job_title: Set(d.job_title.clone()),
            academy_id: Set(d.academy.map(|a| a.0)),
            role_category: Set(d.category.code().to_owned()),
            line_manager_id: Set(None),
            status: Set(PersonStatus::Active.code().to_owned()),
            password_hash: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            left_on: Set(None),
            ..Default::default()
        })
        .exec(txn)
        .await?;
        let id = inserted.last_insert_id;
        org_trail::record(txn, user, Subject::Person(id), &add.changes, now).await?;
        new_ids.push(id);
    }
    Ok(new_ids)
}

/// Changes (or brings back) one person as the file says, with their trail.
async fn update_person(
    txn: &impl ConnectionTrait,
    user: &CurrentUser,
    update: &Update,
    manager: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let d = &update.details;
    let mut row = person::ActiveModel {
        id: Set(update.person.0),
        email: Set(d.email.clone()),
        name: Set(d.name.clone()),
        employee_number: Set(d.employee_number.clone()),
        job_title: Set(d.job_title.clone()),
        academy_id: Set(d.academy.map(|a| a.0)),
        role_category: Set(d.category.code().to_owned()),
        line_manager_id: Set(manager),
        updated_at: Set(now),
        ..Default::default()
    };
    if update.returns {
        row.status = Set(PersonStatus::Active.code().to_owned());
        row.left_on = Set(None);
    }
    row.update(txn).await?;
    let subject = Subject::Person(update.person.0);
    org_trail::record(txn, user, subject, &update.changes, now).await?;
    Ok(())
}

/// Invitations for the people just added (read in one query), to send once the import is saved.
async fn invite(
    txn: &impl ConnectionTrait,
    user: &CurrentUser,
    new_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<crate::mail::Email>, AppError> {
    let added = person::Entity::find()
        .filter(person::Column::Id.is_in(new_ids.iter().copied()))
        .all(txn)
        .await?;
    let mut invitations = Vec::with_capacity(added.len());
    for person in &added {
        invitations.push(crate::db::getting_in::invitation(txn, user, person, now).await?);
    }
    Ok(invitations)
}

/// The file cannot mark the person applying it as a leaver. (So an administrator always
/// remains: the one applying it.)
fn check_leavers(user: &CurrentUser, leaving: &[(PersonId, NaiveDate)]) -> Result<(), AppError> {
    if leaving.iter().any(|(id, _)| *id == user.actor.id) {
        return Err(AppError::Conflict(
            "The file would mark you as a leaver: ask another administrator to apply it.".into(),
        ));
    }
    Ok(())
}
