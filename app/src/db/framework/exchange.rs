//! The framework in and out of Waymark: exported as JSON and as a 1EdTech CASE package,
//! imported from JSON as a new draft.

use super::document::{insert_document, load_document};
use super::{readable_version, status};
use crate::db::entities::framework_version;
use crate::domain::framework::{FrameworkDocument, Problem, VersionStatus};
use crate::domain::{Action, VersionId, authorize};
use crate::error::AppError;
use crate::model::CurrentUser;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Why an import was refused.
#[derive(Debug)]
pub enum ImportError {
    /// The file is not JSON of the right shape: the parser's message says where.
    Unreadable(String),
    /// The document parsed but breaks the framework's rules.
    Invalid(Vec<Problem>),
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(err: AppError) -> Self {
        ImportError::App(err)
    }
}

impl From<sea_orm::DbErr> for ImportError {
    fn from(err: sea_orm::DbErr) -> Self {
        ImportError::App(err.into())
    }
}

/// The framework `user` may read (the published version unless another is named) as JSON.
pub async fn export(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: Option<VersionId>,
    now: DateTime<Utc>,
) -> Result<FrameworkDocument, AppError> {
    let version_id = version_id.map(|id| id.0);
    let version = readable_version(db, user, version_id, now).await?;
    load_document(db, &version).await
}

/// The framework `user` may read as a 1EdTech CASE 1.1 package; `base_url` is this site's
/// origin, for the package's `uri` fields.
pub async fn case_export(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: Option<VersionId>,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(String, serde_json::Value), AppError> {
    let version_id = version_id.map(|id| id.0);
    let version = readable_version(db, user, version_id, now).await?;
    let doc = load_document(db, &version).await?;
    let creator = crate::db::org::trust_name(db).await?;
    let package = crate::domain::framework::case::package(
        &doc,
        &crate::domain::framework::case::CaseMeta {
            base_url,
            creator: &creator,
            status: status(&version),
            last_change: version.published_at.unwrap_or(version.created_at),
        },
    );
    Ok((doc.name, package))
}

/// Imports a framework document as a new draft version (administrators only). Nothing is
/// written unless the whole document is valid.
pub async fn import(
    db: &DatabaseConnection,
    user: &CurrentUser,
    json: &str,
    now: DateTime<Utc>,
) -> Result<i64, ImportError> {
    authorize(&user.actor, Action::ManageFramework).map_err(AppError::from)?;
    let document: FrameworkDocument =
        serde_json::from_str(json).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let problems = document.problems();
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    let mut document = document;
    let txn = crate::db::write_transaction(db).await?;
    // A file exported from this trust names a version that already exists: the import is a
    // new version of it, so it gets its own identifier (its items keep theirs).
    if let Some(id) = &document.id
        && framework_version::Entity::find()
            .filter(framework_version::Column::Uuid.eq(id.as_str()))
            .one(&txn)
            .await?
            .is_some()
    {
        document.id = None;
    }
    let id = insert_document(&txn, &document, VersionStatus::Draft, now).await?;
    txn.commit().await?;
    Ok(id)
}
