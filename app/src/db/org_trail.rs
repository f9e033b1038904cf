//! The organisation's audit trail: every change to an academy or a person, who made it and
//! when, written in the same transaction as the change so the trail never misses one.

use crate::db::entities::{org_change, person};
use crate::domain::org_change::Change;
use crate::domain::text::date_time;
use crate::error::AppError;
use crate::model::{CurrentUser, OrgChangeView};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// What a change was made to.
#[derive(Clone, Copy, Debug)]
pub enum Subject {
    Academy(i64),
    Person(i64),
}

/// Writes `changes` to `subject` by `user` into the trail.
pub async fn record(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    subject: Subject,
    changes: &[Change],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if changes.is_empty() {
        return Ok(());
    }
    let (academy, person) = match subject {
        Subject::Academy(id) => (Some(id), None),
        Subject::Person(id) => (None, Some(id)),
    };
    org_change::Entity::insert_many(changes.iter().map(|c| org_change::ActiveModel {
        at: Set(now),
        actor_id: Set(user.actor.id.0),
        academy_id: Set(academy),
        person_id: Set(person),
        field: Set(c.field.clone()),
        from_value: Set(c.from.clone()),
        to_value: Set(c.to.clone()),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// Every change to `subject`, newest first, with who made it.
pub async fn history(
    db: &impl ConnectionTrait,
    subject: Subject,
) -> Result<Vec<OrgChangeView>, AppError> {
    let query = match subject {
        Subject::Academy(id) => {
            org_change::Entity::find().filter(org_change::Column::AcademyId.eq(id))
        }
        Subject::Person(id) => {
            org_change::Entity::find().filter(org_change::Column::PersonId.eq(id))
        }
    };
    let changes = query
        .order_by_desc(org_change::Column::At)
        .order_by_desc(org_change::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(changes.iter().map(|c| c.actor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(changes
        .into_iter()
        .map(|c| OrgChangeView {
            when: date_time(c.at),
            who: names.get(&c.actor_id).cloned().unwrap_or_default(),
            field: c.field,
            from: c.from_value,
            to: c.to_value,
        })
        .collect())
}
