//! Leavers: marking someone as having left the trust (on or after their last day), and
//! undoing it when they return. A leaver cannot sign in from that moment, their reports (and
//! the submissions waiting for them) move to the leaver's own line manager, and everything
//! they recorded or decided stays.

use super::admin::{admin, other_admins, tell_new_manager, waiting_submissions};
use super::record::{find, roles_of};
use crate::db::entities::{person, session, verification_delegate};
use crate::db::org_trail::{self, Subject};
use crate::domain::org_change::Change;
use crate::domain::people::{LeavingForm, check_leaving};
use crate::domain::text::long_date;
use crate::domain::{AccessRole, PersonId, PersonStatus};
use crate::error::AppError;
use crate::model::CurrentUser;
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter,
};

/// Marks `id` as having left on the day the form gives, and returns how many people reported
/// to them (who now report to the leaver's own manager, if they had one).
pub async fn mark_left(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: PersonId,
    form: &LeavingForm,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    admin(user)?;
    let txn = crate::db::write_transaction(db).await?;
    let leaver = find(&txn, id).await?;
    if leaver.status != PersonStatus::Active.code() {
        return Err(AppError::Conflict(format!(
            "{} has already been marked as a leaver.",
            leaver.name
        )));
    }
    let is_admin = roles_of(&txn, leaver.id)
        .await?
        .contains(&AccessRole::Administrator);
    let others = other_admins(&txn, leaver.id).await?;
    let left_on = check_leaving(form, user.actor.id, id, is_admin, others, now.date_naive())
        .map_err(|e| AppError::Validation(vec![e]))?;

    let reports = leave(&txn, user, leaver, left_on, now).await?;
    txn.commit().await?;
    Ok(reports)
}

/// Marks `leaver` as having left on `left_on` inside the transaction `txn`: they are signed
/// out, their reports (with any submissions waiting) move to the leaver's own manager, cover
/// they gave or had ends, and the trail records it all. Returns how many reports moved.
pub(super) async fn leave(
    txn: &impl ConnectionTrait,
    user: &CurrentUser,
    leaver: person::Model,
    left_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let successor = match leaver.line_manager_id {
        Some(m) => person::Entity::find_by_id(m).one(txn).await?,
        None => None,
    };
    let successor_name = successor.as_ref().map_or("no one", |s| s.name.as_str());
    let reports = person::Entity::find()
        .filter(person::Column::LineManagerId.eq(leaver.id))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .all(txn)
        .await?;
    for report in &reports {
        let waiting = waiting_submissions(txn, report.id).await?;
        let mut trail = vec![Change::new(
            "Line manager",
            leaver.name.clone(),
            successor
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        )];
        if waiting > 0 {
            trail.push(Change::new(
                "Waiting submissions",
                format!("{waiting} waiting for {}", leaver.name),
                format!("{waiting} waiting for {successor_name}"),
            ));
            if let Some(successor) = &successor {
                tell_new_manager(txn, successor.id, &report.name, waiting, now).await?;
            }
        }
        org_trail::record(txn, user, Subject::Person(report.id), &trail, now).await?;
    }
    person::Entity::update_many()
        .col_expr(
            person::Column::LineManagerId,
            sea_orm::sea_query::Expr::value(leaver.line_manager_id),
        )
        .filter(person::Column::LineManagerId.eq(leaver.id))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .exec(txn)
        .await?;
    // Cover they gave or were given ends with them.
    verification_delegate::Entity::delete_many()
        .filter(
            Condition::any()
                .add(verification_delegate::Column::DelegateId.eq(leaver.id))
                .add(verification_delegate::Column::ManagerId.eq(leaver.id)),
        )
        .exec(txn)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::PersonId.eq(leaver.id))
        .exec(txn)
        .await?;
    let name = leaver.name.clone();
    let mut row: person::ActiveModel = leaver.into();
    row.status = Set(PersonStatus::Left.code().to_owned());
    row.left_on = Set(Some(left_on));
    row.updated_at = Set(now);
    let saved = row.update(txn).await?;
    let status = Change::new(
        "Status",
        PersonStatus::Active.label(),
        format!("Left on {}", long_date(left_on)),
    );
    org_trail::record(txn, user, Subject::Person(saved.id), &[status], now).await?;
    tracing::info!(person = %name, reports = reports.len(), "marked as a leaver");
    Ok(u64::try_from(reports.len()).unwrap_or(u64::MAX))
}

/// Undoes a leaver: `id` works for the trust again (with no line manager until one is set).
pub async fn mark_returned(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: PersonId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    admin(user)?;
    let txn = crate::db::write_transaction(db).await?;
    let person = find(&txn, id).await?;
    if person.status == PersonStatus::Active.code() {
        return Ok(());
    }
    let from = match person.left_on {
        Some(day) => format!("Left on {}", long_date(day)),
        None => PersonStatus::Left.label().to_owned(),
    };
    let mut row: person::ActiveModel = person.into();
    row.status = Set(PersonStatus::Active.code().to_owned());
    row.left_on = Set(None);
    row.updated_at = Set(now);
    let saved = row.update(&txn).await?;
    let change = Change::new("Status", from, PersonStatus::Active.label());
    org_trail::record(&txn, user, Subject::Person(saved.id), &[change], now).await?;
    txn.commit().await?;
    Ok(())
}
