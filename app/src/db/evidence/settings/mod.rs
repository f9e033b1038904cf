//! Administrators' evidence settings: the kinds of activity staff record, and who verifies a
//! team's evidence while their line manager is away.

mod activity_types;
mod cover;

pub use activity_types::{
    activity_type, ensure_activity_types, save_activity_type, set_activity_type_active,
};
pub use cover::{end_delegate, set_delegate};

use crate::db::framework::{load_document, published_version};
use crate::domain::{Action, authorize};
use crate::error::AppError;
use crate::model::{CurrentUser, EvidenceSettings};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// The longest an activity type's name may be.
pub const MAX_NAME: usize = 120;
/// The longest its description may be.
pub const MAX_DESCRIPTION: usize = 1_000;
/// The furthest ahead cover may be arranged.
pub const MAX_COVER_DAYS: i64 = 366;

fn admin(user: &CurrentUser) -> Result<(), AppError> {
    Ok(authorize(&user.actor, Action::ManageEvidenceSettings)?)
}

/// (code, title) of every element of the published framework.
async fn elements(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, AppError> {
    Ok(match published_version(db).await? {
        Some(v) => load_document(db, &v)
            .await?
            .elements()
            .map(|e| (e.code.clone(), e.title.clone()))
            .collect(),
        None => Vec::new(),
    })
}

fn codes(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Everything on the evidence settings page.
pub async fn settings(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<EvidenceSettings, AppError> {
    admin(user)?;
    Ok(EvidenceSettings {
        activity_types: activity_types::listing(db).await?,
        delegates: cover::listing(db, now).await?,
        elements: elements(db).await?,
    })
}
