//! Awards in numbers for HR, and every award as a CSV file.

use super::manager;
use crate::db::entities::{academy, award, person};
use crate::domain::RoleCategory;
use crate::domain::recognition::report::{AwardRow, Tally, tally, to_csv};
use crate::error::AppError;
use crate::model::{CENTRAL_TEAM, CurrentUser};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use std::collections::HashMap;

/// Every award with its holder, newest first.
async fn rows(db: &DatabaseConnection) -> Result<Vec<AwardRow>, AppError> {
    let people: HashMap<i64, person::Model> = person::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let academies: HashMap<i64, String> = academy::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(award::Entity::find()
        .order_by_desc(award::Column::AwardedOn)
        .order_by_desc(award::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let holder = people.get(&a.person_id);
            AwardRow {
                holder: holder.map(|p| p.name.clone()).unwrap_or_default(),
                email: holder.map(|p| p.email.clone()).unwrap_or_default(),
                workplace: holder
                    .and_then(|p| p.academy_id)
                    .and_then(|id| academies.get(&id).cloned())
                    .unwrap_or_else(|| CENTRAL_TEAM.to_owned()),
                category: holder
                    .and_then(|p| RoleCategory::from_code(&p.role_category))
                    .map(|c| c.label().to_owned())
                    .unwrap_or_default(),
                awarded_on: a.awarded_on,
                by_milestone: a.rule_id.is_some(),
                group: a.group_name,
                withdrawn_on: a.withdrawn_at.map(|at| at.date_naive()),
                withdrawn_reason: a.withdrawn_reason,
                award: a.name,
            }
        })
        .collect())
}

/// The awards that stand, counted by award, academy and role category.
pub async fn counts(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Tally, AppError> {
    manager(user)?;
    Ok(tally(&rows(db).await?, now.date_naive()))
}

/// Every award, withdrawn ones too, as CSV.
pub async fn csv(db: &DatabaseConnection, user: &CurrentUser) -> Result<String, AppError> {
    manager(user)?;
    Ok(to_csv(&rows(db).await?))
}
