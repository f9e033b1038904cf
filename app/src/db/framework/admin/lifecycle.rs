//! A draft's life: published, opened or closed for consultation, or deleted.

use super::{MAX_CONSULTATION_DAYS, draft};
use crate::db::entities::framework_version;
use crate::db::framework::{load_document, published_version, status};
use crate::domain::FieldError;
use crate::domain::VersionId;
use crate::error::AppError;
use crate::model::CurrentUser;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, DatabaseConnection, EntityTrait,
};

/// Publishes a draft: refused, with every reason, unless it is complete. The version it
/// replaces is retired; nothing that refers to it is rewritten.
pub async fn publish(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: VersionId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let version_id = version_id.0;
    let txn = crate::db::write_transaction(db).await?;
    let version = draft(&txn, user, version_id).await?;
    let doc = load_document(&txn, &version).await?;
    let problems = doc.publish_problems();
    if !problems.is_empty() {
        return Err(AppError::Validation(
            problems
                .iter()
                .map(|p| FieldError::new("publish", p.to_string()))
                .collect(),
        ));
    }
    let published = status(&version)
        .on_publishing(true)
        .map_err(|why| AppError::Conflict(why.to_owned()))?;
    if let Some(current) = published_version(&txn).await? {
        let next = status(&current)
            .on_publishing(false)
            .map_err(|why| AppError::Conflict(why.to_owned()))?;
        framework_version::ActiveModel {
            id: Unchanged(current.id),
            status: Set(next.code().to_owned()),
            retired_at: Set(Some(now)),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    let publishing = framework_version::ActiveModel {
        id: Unchanged(version.id),
        status: Set(published.code().to_owned()),
        published_at: Set(Some(now)),
        consultation_closes_at: Set(None),
        ..Default::default()
    }
    .update(&txn)
    .await;
    // The database keeps to one published version: of two publishes at the same moment, the
    // second to write finds the first's and is refused.
    match publishing.map(|_| ()) {
        Ok(()) => txn.commit().await.map_err(published_meanwhile),
        Err(err) => Err(published_meanwhile(err)),
    }
}

fn published_meanwhile(err: sea_orm::DbErr) -> AppError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(
            "Another version was published at the same moment. Reload the page to see which is published now.".to_owned(),
        ),
        _ => err.into(),
    }
}

/// Opens a draft for consultation until the end of `closes` (a date in the future), or
/// closes it (`None`). Only one draft is open for consultation at a time.
pub async fn set_consultation(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: VersionId,
    closes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let version_id = version_id.0;
    let txn = crate::db::write_transaction(db).await?;
    let version = draft(&txn, user, version_id).await?;
    let closes_at = match closes.map(str::trim) {
        None => None,
        Some(text) => {
            let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| AppError::field("closes", "Enter the closing date as a date"))?;
            let at = day
                .and_hms_opt(23, 59, 59)
                .map(|t| t.and_utc())
                .ok_or_else(|| AppError::field("closes", "Enter a real date"))?;
            if at <= now {
                return Err(AppError::field(
                    "closes",
                    "The closing date must be in the future",
                ));
            }
            if (at - now).num_days() > MAX_CONSULTATION_DAYS {
                return Err(AppError::field(
                    "closes",
                    format!("A consultation can run for at most {MAX_CONSULTATION_DAYS} days"),
                ));
            }
            if let Some(other) = crate::db::framework::open_consultation(&txn, now).await?
                && other.id != version.id
            {
                return Err(AppError::field(
                    "closes",
                    format!(
                        "{} is already open for consultation; close it first",
                        other.name
                    ),
                ));
            }
            Some(at)
        }
    };
    framework_version::ActiveModel {
        id: Unchanged(version.id),
        consultation_closes_at: Set(closes_at.or_else(|| {
            // Closing keeps the record of when it ended.
            version.consultation_closes_at.map(|at| at.min(now))
        })),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a draft and everything in it, feedback included.
pub async fn delete_draft(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: VersionId,
) -> Result<(), AppError> {
    let version_id = version_id.0;
    let txn = crate::db::write_transaction(db).await?;
    let version = draft(&txn, user, version_id).await?;
    framework_version::Entity::delete_by_id(version.id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
