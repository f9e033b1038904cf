//! Administrators keep the trust's academies: add one, rename it, set its phase and short
//! name, close and reopen it. Every change goes into the organisation's audit trail in the
//! same transaction, so the trail never misses one.

use crate::db::entities::{academy, person};
use crate::db::org_trail::{self, Subject};
use crate::domain::academy::{AcademyDetails, AcademyForm, Change, changes};
use crate::domain::text::long_date;
use crate::domain::{AcademyId, AcademyPhase, Action, PersonStatus, authorize};
use crate::error::AppError;
use crate::model::{AcademyEditor, AcademyRecord, CurrentUser};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

fn admin(user: &CurrentUser) -> Result<(), AppError> {
    Ok(authorize(&user.actor, Action::ManageOrganisation)?)
}

fn details(a: &academy::Model) -> AcademyDetails {
    AcademyDetails {
        name: a.name.clone(),
        short_name: a.short_name.clone(),
        phase: AcademyPhase::from_code(&a.phase).unwrap_or(AcademyPhase::Primary),
    }
}

/// Every academy, open ones first, each A to Z, with how many staff work there now.
pub async fn list(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<AcademyRecord>, AppError> {
    admin(user)?;
    let staff = crate::db::people::staff_counts(db).await?;
    let mut academies = academy::Entity::find()
        .order_by_asc(academy::Column::Name)
        .all(db)
        .await?;
    academies.sort_by_key(|a| a.closed_on.is_some());
    Ok(academies
        .iter()
        .map(|a| record(a, staff.get(&a.id).copied().unwrap_or(0)))
        .collect())
}

fn record(a: &academy::Model, staff: u64) -> AcademyRecord {
    AcademyRecord {
        id: AcademyId(a.id),
        name: a.name.clone(),
        short_name: a.short_name.clone(),
        phase: details(a).phase,
        staff,
        closed_on: a.closed_on.map(long_date),
    }
}

async fn find(db: &impl ConnectionTrait, id: AcademyId) -> Result<academy::Model, AppError> {
    academy::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn staff_at(db: &impl ConnectionTrait, id: i64) -> Result<u64, AppError> {
    Ok(person::Entity::find()
        .filter(person::Column::AcademyId.eq(id))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .count(db)
        .await?)
}

/// The academy form: empty to add one (`id: None`), or an academy with its change history.
pub async fn editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<AcademyId>,
) -> Result<AcademyEditor, AppError> {
    admin(user)?;
    let Some(id) = id else {
        return Ok(AcademyEditor {
            academy: None,
            history: Vec::new(),
        });
    };
    let academy = find(db, id).await?;
    let history = org_trail::history(db, Subject::Academy(academy.id)).await?;
    Ok(AcademyEditor {
        academy: Some(record(&academy, staff_at(db, academy.id).await?)),
        history,
    })
}

/// Adds an academy (`id: None`) or changes one. Names are unique, whatever their capitals.
pub async fn save(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<AcademyId>,
    form: &AcademyForm,
    now: DateTime<Utc>,
) -> Result<AcademyId, AppError> {
    admin(user)?;
    let after = form.parse().map_err(AppError::Validation)?;
    let txn = crate::db::write_transaction(db).await?;
    let before = match id {
        Some(id) => Some(find(&txn, id).await?),
        None => None,
    };
    let taken = academy::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .any(|a| {
            Some(a.id) != before.as_ref().map(|b| b.id)
                && a.name.to_lowercase() == after.name.to_lowercase()
        });
    if taken {
        return Err(AppError::field(
            "name",
            format!("Another academy is already called {}", after.name),
        ));
    }
    let changed = changes(before.as_ref().map(details).as_ref(), &after);
    let saved = match before {
        Some(before) => {
            let mut row: academy::ActiveModel = before.into();
            row.name = Set(after.name);
            row.short_name = Set(after.short_name);
            row.phase = Set(after.phase.code().to_owned());
            row.update(&txn).await?
        }
        None => {
            academy::ActiveModel {
                name: Set(after.name),
                short_name: Set(after.short_name),
                phase: Set(after.phase.code().to_owned()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    org_trail::record(&txn, user, Subject::Academy(saved.id), &changed, now).await?;
    txn.commit().await?;
    Ok(AcademyId(saved.id))
}

/// Closes an academy (`closed: true`) or reopens it. A closed academy keeps its history and
/// still shows on evidence recorded there; it is no longer offered for new evidence. One with
/// staff still working there cannot close.
pub async fn set_closed(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: AcademyId,
    closed: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admin(user)?;
    let txn = crate::db::write_transaction(db).await?;
    let academy = find(&txn, id).await?;
    if academy.closed_on.is_some() == closed {
        return Ok(());
    }
    let status = |on: Option<chrono::NaiveDate>| match on {
        Some(day) => format!("Closed on {}", long_date(day)),
        None => "Open".to_owned(),
    };
    let closed_on = closed.then(|| now.date_naive());
    if closed {
        let staff = staff_at(&txn, academy.id).await?;
        if staff > 0 {
            return Err(AppError::Conflict(format!(
                "{staff} {} still {} at {}: move them to another academy before closing it.",
                if staff == 1 { "person" } else { "people" },
                if staff == 1 { "works" } else { "work" },
                academy.name
            )));
        }
    }
    let change = Change::new("Status", status(academy.closed_on), status(closed_on));
    let mut row: academy::ActiveModel = academy.into();
    row.closed_on = Set(closed_on);
    let saved = row.update(&txn).await?;
    org_trail::record(&txn, user, Subject::Academy(saved.id), &[change], now).await?;
    txn.commit().await?;
    Ok(())
}
