//! Administrators add people and change their records: home academy, job title, role
//! category, line manager and access roles. Every change goes into the organisation's audit
//! trail in the same transaction. Line management stays a tree, and there is always an
//! administrator.

use super::record::{academy_names, find, managers, record, roles_of, workplace};
use crate::db::entities::{academy, evidence_entry, notification, person, person_role};
use crate::db::org_trail::{self, Subject};
use crate::domain::evidence::EvidenceStatus;
use crate::domain::line::check_new_manager;
use crate::domain::org_change::Change;
use crate::domain::people::{PersonDetails, PersonFacts, PersonForm, changes, check_admin_change};
use crate::domain::{AcademyId, AccessRole, Action, PersonId, PersonStatus, authorize};
use crate::error::AppError;
use crate::model::{AcademyChoice, CurrentUser, PersonEditor};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

pub(super) fn admin(user: &CurrentUser) -> Result<(), AppError> {
    Ok(authorize(&user.actor, Action::ManageOrganisation)?)
}

/// The person form: empty to add someone (`id: None`), or their record.
pub async fn editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<PersonEditor, AppError> {
    admin(user)?;
    let person = match id {
        Some(id) => Some(find(db, id).await?),
        None => None,
    };
    let own = person.as_ref().and_then(|p| p.academy_id);
    let academies = academy::Entity::find()
        .order_by_asc(academy::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|a| a.closed_on.is_none() || Some(a.id) == own)
        .map(|a| AcademyChoice {
            id: AcademyId(a.id),
            name: match a.closed_on {
                Some(_) => format!("{} (closed)", a.name),
                None => a.name,
            },
        })
        .collect();
    let names = academy_names(db).await?;
    let person = match person {
        Some(p) => Some(record(db, &p, &names).await?),
        None => None,
    };
    Ok(PersonEditor {
        person,
        academies,
        today: crate::domain::text::iso_date(now.date_naive()),
    })
}

/// What saving a person did besides their record: how many of their waiting submissions
/// moved to a new line manager's queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Saved {
    pub id: PersonId,
    pub moved: u64,
}

/// How many people still working for the trust, other than `except`, are administrators.
pub(super) async fn other_admins(db: &impl ConnectionTrait, except: i64) -> Result<u64, AppError> {
    let admins: Vec<i64> = person_role::Entity::find()
        .filter(person_role::Column::Role.eq(AccessRole::Administrator.code()))
        .filter(person_role::Column::PersonId.ne(except))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.person_id)
        .collect();
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(admins))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .count(db)
        .await?)
}

/// The roles in words, as the trail keeps them.
pub(super) fn roles_in_words(roles: &[AccessRole]) -> String {
    roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Someone's record in words, for the trail.
async fn facts(
    db: &impl ConnectionTrait,
    p: &person::Model,
    names: &HashMap<i64, String>,
) -> Result<PersonFacts, AppError> {
    let manager = match p.line_manager_id {
        Some(id) => person::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(PersonFacts {
        name: p.name.clone(),
        email: p.email.clone(),
        employee_number: p.employee_number.clone().unwrap_or_default(),
        job_title: p.job_title.clone(),
        workplace: workplace(p.academy_id, names),
        role_category: crate::domain::RoleCategory::from_code(&p.role_category)
            .map(|c| c.label().to_owned())
            .unwrap_or_default(),
        line_manager: manager.map(|m| m.name).unwrap_or_default(),
        roles: roles_in_words(&roles_of(db, p.id).await?),
    })
}

/// Checks what the form names against the trust: the e-mail address and employee number are
/// nobody else's, the academy is open (or already theirs), and the line manager works here
/// and does not make a loop. The line manager, or a message on the field that is wrong.
async fn check_against_trust(
    db: &impl ConnectionTrait,
    before: Option<&person::Model>,
    after: &PersonDetails,
) -> Result<Option<person::Model>, AppError> {
    let me = before.map(|b| b.id);
    let someone_else = |p: Option<person::Model>| p.filter(|p| Some(p.id) != me);
    let email_owner = person::Entity::find()
        .filter(person::Column::Email.eq(after.email.as_str()))
        .one(db)
        .await?;
    if someone_else(email_owner).is_some() {
        return Err(AppError::field(
            "email",
            format!(
                "Someone else already has the e-mail address {}",
                after.email
            ),
        ));
    }
    if let Some(number) = &after.employee_number {
        let holder = person::Entity::find()
            .filter(person::Column::EmployeeNumber.eq(number.as_str()))
            .one(db)
            .await?;
        if let Some(holder) = someone_else(holder) {
            return Err(AppError::field(
                "employee_number",
                format!("{} already has the employee number {number}", holder.name),
            ));
        }
    }
    if let Some(id) = after.academy {
        let Some(academy) = academy::Entity::find_by_id(id.0).one(db).await? else {
            return Err(AppError::field(
                "academy",
                "Choose an academy from the list",
            ));
        };
        if academy.closed_on.is_some() && before.and_then(|b| b.academy_id) != Some(academy.id) {
            return Err(AppError::field(
                "academy",
                format!("{} has closed: choose an open academy", academy.name),
            ));
        }
    }
    let Some(email) = &after.line_manager else {
        return Ok(None);
    };
    let manager = person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::field(
                "line_manager",
                format!("No one working for the trust has the e-mail address {email}"),
            )
        })?;
    if let Some(me) = me {
        let managers = managers(db).await?;
        check_new_manager(PersonId(me), PersonId(manager.id), |p| {
            managers.get(&p).copied()
        })
        .map_err(|e| {
            let message = match e {
                crate::domain::line::LineError::SelfManaged => {
                    "Nobody can be their own line manager".to_owned()
                }
                crate::domain::line::LineError::Cycle => format!(
                    "{} already reports to this person (directly or further down the line), so they cannot also be their line manager",
                    manager.name
                ),
            };
            AppError::field("line_manager", message)
        })?;
    }
    Ok(Some(manager))
}

/// Adds a person (`id: None`) or changes one. Moving someone to a new line manager moves
/// their waiting submissions to that manager's queue, who is told.
pub async fn save(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<PersonId>,
    form: &PersonForm,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    admin(user)?;
    let after = form.parse().map_err(AppError::Validation)?;
    let txn = crate::db::write_transaction(db).await?;
    let before = match id {
        Some(id) => Some(find(&txn, id).await?),
        None => None,
    };
    let manager = check_against_trust(&txn, before.as_ref(), &after).await?;
    if let Some(b) = &before {
        let was = roles_of(&txn, b.id)
            .await?
            .contains(&AccessRole::Administrator);
        let will = after.roles.contains(&AccessRole::Administrator);
        if was && !will {
            let others = other_admins(&txn, b.id).await?;
            check_admin_change(user.actor.id, PersonId(b.id), was, will, others)
                .map_err(|e| AppError::Validation(vec![e]))?;
        }
    }
    let names = academy_names(&txn).await?;
    let old = match &before {
        Some(b) => Some(facts(&txn, b, &names).await?),
        None => None,
    };
    let old_manager = before.as_ref().and_then(|b| b.line_manager_id);
    let manager_id = manager.as_ref().map(|m| m.id);
    let row = person::ActiveModel {
        email: Set(after.email.as_str().to_owned()),
        name: Set(after.name.clone()),
        employee_number: Set(after.employee_number.clone()),
        job_title: Set(after.job_title.clone()),
        academy_id: Set(after.academy.map(|a| a.0)),
        role_category: Set(after.role_category.code().to_owned()),
        line_manager_id: Set(manager_id),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = match &before {
        Some(b) => {
            let mut row = row;
            row.id = Set(b.id);
            row.update(&txn).await?
        }
        None => {
            let mut row = row;
            row.status = Set(PersonStatus::Active.code().to_owned());
            row.password_hash = Set(None);
            row.created_at = Set(now);
            row.insert(&txn).await?
        }
    };
    person_role::Entity::delete_many()
        .filter(person_role::Column::PersonId.eq(saved.id))
        .exec(&txn)
        .await?;
    if !after.roles.is_empty() {
        person_role::Entity::insert_many(after.roles.iter().map(|r| person_role::ActiveModel {
            person_id: Set(saved.id),
            role: Set(r.code().to_owned()),
        }))
        .exec(&txn)
        .await?;
    }
    let new = facts(&txn, &saved, &names).await?;
    let mut changed = changes(old.as_ref(), &new);
    let mut moved = 0;
    if before.is_some() && old_manager != manager_id {
        moved = waiting_submissions(&txn, saved.id).await?;
        if moved > 0 {
            let with = |name: &str| {
                let who = if name.is_empty() { "no one" } else { name };
                format!("{moved} waiting for {who}")
            };
            let (from, to) = (
                old.as_ref().map(|o| o.line_manager.as_str()),
                &new.line_manager,
            );
            changed.push(Change::new(
                "Waiting submissions",
                with(from.unwrap_or_default()),
                with(to),
            ));
            if let Some(manager) = &manager {
                tell_new_manager(&txn, manager.id, &saved.name, moved, now).await?;
            }
        }
    }
    org_trail::record(&txn, user, Subject::Person(saved.id), &changed, now).await?;
    txn.commit().await?;
    Ok(Saved {
        id: PersonId(saved.id),
        moved,
    })
}

/// How many of `person`'s entries wait for their line manager's verification.
pub(super) async fn waiting_submissions(
    db: &impl ConnectionTrait,
    person: i64,
) -> Result<u64, AppError> {
    Ok(evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.eq(person))
        .filter(evidence_entry::Column::Status.eq(EvidenceStatus::Submitted.code()))
        .count(db)
        .await?)
}

/// Tells a new line manager that `count` submissions from `from` now wait for them.
pub(super) async fn tell_new_manager(
    db: &impl ConnectionTrait,
    manager: i64,
    from: &str,
    count: u64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let message = if count == 1 {
        format!(
            "You are now {from}'s line manager: 1 of their submissions waits for you to verify."
        )
    } else {
        format!(
            "You are now {from}'s line manager: {count} of their submissions wait for you to verify."
        )
    };
    notification::Entity::insert(notification::ActiveModel {
        person_id: Set(manager),
        entry_id: Set(None),
        kind: Set("new_reports".to_owned()),
        message: Set(message),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}
