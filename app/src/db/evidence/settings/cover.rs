//! Cover for an absent line manager: who verifies their team's evidence, and until when.

use super::{MAX_COVER_DAYS, admin};
use crate::db::entities::{person, verification_delegate};
use crate::domain::{EmailAddress, FieldError, PersonId, PersonStatus};
use crate::error::AppError;
use crate::model::{CurrentUser, DelegateView};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// The cover arranged, soonest to end first, with whether each is still running.
pub(super) async fn listing(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<DelegateView>, AppError> {
    let cover = verification_delegate::Entity::find()
        .order_by_asc(verification_delegate::Column::Until)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = person::Entity::find()
        .filter(
            person::Column::Id.is_in(
                cover
                    .iter()
                    .flat_map(|d| [d.manager_id, d.delegate_id, d.set_by]),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let delegates = cover
        .iter()
        .map(|d| DelegateView {
            manager_id: PersonId(d.manager_id),
            manager: name(d.manager_id),
            delegate: name(d.delegate_id),
            until: crate::domain::text::day_of(d.until),
            set_by: name(d.set_by),
            current: d.until > now,
        })
        .collect();
    Ok(delegates)
}

async fn active_person_by_email(
    db: &impl ConnectionTrait,
    field: &str,
    text: &str,
    missing: &str,
) -> Result<person::Model, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, missing));
    }
    let email = EmailAddress::parse(text).map_err(|e| FieldError::new(field, e.to_string()))?;
    match person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .one(db)
        .await
    {
        Ok(Some(p)) if PersonStatus::from_code(&p.status) == Some(PersonStatus::Active) => Ok(p),
        Ok(Some(_)) => Err(FieldError::new(field, format!("{text} has left the trust"))),
        Ok(None) => Err(FieldError::new(
            field,
            format!("Nobody in the trust has the e-mail address {text}"),
        )),
        Err(err) => {
            tracing::error!(%err, "looking up a person for cover");
            Err(FieldError::new(
                field,
                "Something went wrong. Please try again.",
            ))
        }
    }
}

/// Arranges for `delegate` to verify `manager`'s team until the end of `until` (a date, as a
/// date input sends it). Replaces any cover already arranged for that manager. Returns the
/// manager's name.
pub async fn set_delegate(
    db: &DatabaseConnection,
    user: &CurrentUser,
    manager: &str,
    delegate: &str,
    until: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    admin(user)?;
    let mut errors = Vec::new();
    let manager = active_person_by_email(
        db,
        "manager",
        manager,
        "Enter the e-mail address of the line manager who is away",
    )
    .await
    .map_err(|e| errors.push(e))
    .ok();
    let delegate = active_person_by_email(
        db,
        "delegate",
        delegate,
        "Enter the e-mail address of the person who will verify instead",
    )
    .await
    .map_err(|e| errors.push(e))
    .ok();
    if let Some(m) = &manager {
        let reports = person::Entity::find()
            .filter(person::Column::LineManagerId.eq(m.id))
            .count(db)
            .await?;
        if reports == 0 {
            errors.push(FieldError::new(
                "manager",
                format!(
                    "{} does not line-manage anyone, so has nothing to verify",
                    m.name
                ),
            ));
        }
    }
    if let (Some(m), Some(d)) = (&manager, &delegate)
        && m.id == d.id
    {
        errors.push(FieldError::new(
            "delegate",
            "Choose someone other than the manager who is away",
        ));
    }
    let today = now.date_naive();
    let until = match NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d") {
        Err(_) if until.trim().is_empty() => {
            errors.push(FieldError::new("until", "Enter the last day of the cover"));
            None
        }
        Err(_) => {
            errors.push(FieldError::new(
                "until",
                "Enter the last day as a real date, for example 2027-03-31",
            ));
            None
        }
        Ok(date) if date < today => {
            errors.push(FieldError::new(
                "until",
                "The last day of the cover cannot be in the past",
            ));
            None
        }
        Ok(date) if (date - today).num_days() > MAX_COVER_DAYS => {
            errors.push(FieldError::new(
                "until",
                "Cover can be arranged for up to a year: for longer, change the line manager",
            ));
            None
        }
        Ok(date) => date.and_hms_opt(23, 59, 59).map(|t| t.and_utc()),
    };
    let (Some(manager), Some(delegate), Some(until), true) =
        (manager, delegate, until, errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    let cover = verification_delegate::ActiveModel {
        manager_id: Set(manager.id),
        delegate_id: Set(delegate.id),
        until: Set(until),
        set_by: Set(user.actor.id.0),
    };
    if verification_delegate::Entity::find_by_id(manager.id)
        .one(db)
        .await?
        .is_some()
    {
        verification_delegate::Entity::update(cover)
            .exec(db)
            .await?;
    } else {
        verification_delegate::Entity::insert(cover)
            .exec(db)
            .await?;
    }
    Ok(manager.name)
}

/// Ends the cover for a manager now. Returns the manager's name.
pub async fn end_delegate(
    db: &DatabaseConnection,
    user: &CurrentUser,
    manager: PersonId,
) -> Result<String, AppError> {
    let manager = manager.0;
    admin(user)?;
    let deleted = verification_delegate::Entity::delete_by_id(manager)
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(person::Entity::find_by_id(manager)
        .one(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default())
}
