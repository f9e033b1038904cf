//! The leadership framework: reading it (scoped to the versions a person may see), exporting
//! and importing it, following pathways, staff consultation on a draft, and (in [`admin`])
//! administering its versions.

pub mod admin;
mod browse;
mod consultation;
mod document;
mod exchange;
mod pathways;

pub use browse::{element_view, overview};
pub use consultation::*;
pub use document::{insert_document, load_document};
pub(crate) use document::{
    published_document, read_document, read_published, with_published_columns,
};
pub use exchange::{ImportError, case_export, export, import};
pub use pathways::{pathway_view, pathways, set_following};

use crate::db::entities::framework_version;
use crate::domain::access::may_read_framework_version;
use crate::domain::framework::VersionStatus;
use crate::error::AppError;
use crate::model::CurrentUser;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Whether a version's consultation is open at `now`.
pub fn consultation_open_at(version: &framework_version::Model, now: DateTime<Utc>) -> bool {
    version
        .consultation_closes_at
        .is_some_and(|closes| closes > now)
}

pub(crate) fn status(version: &framework_version::Model) -> VersionStatus {
    VersionStatus::from_code(&version.status).unwrap_or(VersionStatus::Draft)
}

/// The published version, if the trust has published one.
pub async fn published_version(
    db: &impl ConnectionTrait,
) -> Result<Option<framework_version::Model>, AppError> {
    // At most one version is published at a time.
    Ok(super::unique(
        db,
        framework_version::Entity::find()
            .filter(framework_version::Column::Status.eq(VersionStatus::Published.code())),
    )
    .await?)
}

/// A version `user` may read, or `NotFound` (never a hint that a hidden draft exists).
pub async fn readable_version(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<framework_version::Model, AppError> {
    let version = match version_id {
        Some(id) => framework_version::Entity::find_by_id(id).one(db).await?,
        None => published_version(db).await?,
    }
    .ok_or(AppError::NotFound)?;
    if may_read_framework_version(
        &user.actor,
        status(&version),
        consultation_open_at(&version, now),
    ) {
        Ok(version)
    } else {
        Err(AppError::NotFound)
    }
}
