//! Administering the framework: versions, drafts and their editing, publishing, consultation
//! windows and what changed. Every function here is for administrators only, and says so
//! first.

mod lifecycle;
mod pages;
mod save;

pub use lifecycle::{delete_draft, publish, set_consultation};
pub use pages::{changes, editor, element_editor, pathway_editor, preview};

use crate::db::entities::framework_version;
use crate::db::framework::{consultation_open_at, load_document, published_version, status};
use crate::domain::framework::edit::{Edit, EditError};
use crate::domain::framework::{FrameworkDocument, VersionStatus};
use crate::domain::{Action, VersionId, authorize};
use crate::error::AppError;
use crate::model::{CurrentUser, VersionInfo};
use chrono::{DateTime, Utc};
use save::save_document;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};

/// The longest a consultation may run.
pub const MAX_CONSULTATION_DAYS: i64 = 180;

fn date(at: DateTime<Utc>) -> String {
    crate::domain::text::day_of(at)
}

fn info(version: &framework_version::Model, now: DateTime<Utc>) -> VersionInfo {
    VersionInfo {
        id: VersionId(version.id),
        name: version.name.clone(),
        status: status(version),
        created: date(version.created_at),
        published: version.published_at.map(date),
        retired: version.retired_at.map(date),
        consultation_open: consultation_open_at(version, now),
        consultation_closes: version.consultation_closes_at.map(date),
        consultation_closes_input: version
            .consultation_closes_at
            .map(|at| crate::domain::text::iso_date(at.date_naive())),
    }
}

async fn version(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<framework_version::Model, AppError> {
    authorize(&user.actor, Action::ManageFramework)?;
    framework_version::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn draft(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<framework_version::Model, AppError> {
    let version = version(db, user, id).await?;
    if status(&version).is_editable() {
        Ok(version)
    } else {
        Err(AppError::Conflict(format!(
            "{} is {}, so it can no longer be changed. Start a new draft to make changes.",
            version.name,
            status(&version).label().to_lowercase()
        )))
    }
}

/// Every version, newest first.
pub async fn versions(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<VersionInfo>, AppError> {
    authorize(&user.actor, Action::ManageFramework)?;
    Ok(framework_version::Entity::find()
        .order_by_desc(framework_version::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|v| info(v, now))
        .collect())
}

/// Starts a new draft as a copy of the published version (identifiers kept, so followers and
/// evidence carry over), or an empty outline when nothing is published yet.
pub async fn start_draft(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    authorize(&user.actor, Action::ManageFramework)?;
    let txn = crate::db::write_transaction(db).await?;
    let mut doc = match published_version(&txn).await? {
        Some(published) => load_document(&txn, &published).await?,
        None => FrameworkDocument::outline(),
    };
    doc.id = None;
    doc.name = next_name(&doc.name, now);
    let id = crate::db::framework::insert_document(&txn, &doc, VersionStatus::Draft, now).await?;
    txn.commit().await?;
    Ok(id)
}

/// "Leadership Framework 2025" → "Leadership Framework 2025 (draft 22 November 2026)".
fn next_name(name: &str, now: DateTime<Utc>) -> String {
    let base = name.split(" (draft").next().unwrap_or(name).trim();
    format!("{base} (draft {})", date(now))
}

fn edit_error(err: EditError) -> AppError {
    match err {
        EditError::NotFound => AppError::NotFound,
        EditError::Fields(errors) => AppError::Validation(errors),
    }
}

/// Applies one edit to a draft and saves it. Returns the identifier of the item saved.
pub async fn edit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: VersionId,
    edit: Edit,
) -> Result<Option<String>, AppError> {
    let version_id = version_id.0;
    let txn = crate::db::write_transaction(db).await?;
    let version = draft(&txn, user, version_id).await?;
    let mut doc = load_document(&txn, &version).await?;
    let saved = doc
        .apply(edit, || uuid::Uuid::new_v4().to_string())
        .map_err(edit_error)?;
    let problems = doc.problems();
    if let Some(problem) = problems.first() {
        // The edit rules keep a draft well formed; this is a guard, not a user message.
        tracing::error!(%problem, "an edit left a draft malformed");
        return Err(AppError::Internal);
    }
    save_document(&txn, &version, &doc).await?;
    txn.commit().await?;
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_drafts_name_says_it_is_a_draft_without_piling_up_suffixes() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            next_name("Framework 2025", now),
            "Framework 2025 (draft 22 November 2026)"
        );
        assert_eq!(
            next_name("Framework 2025 (draft 1 May 2026)", now),
            "Framework 2025 (draft 22 November 2026)"
        );
    }
}
