//! The trust as a whole.

use crate::db::entities::trust;
use crate::error::AppError;
use sea_orm::{DatabaseConnection, EntityTrait};

/// What the product is called before a trust has been set up.
pub const DEFAULT_TRUST_NAME: &str = "Waymark";

/// The trust's name, shown in every page's header.
pub async fn trust_name(db: &DatabaseConnection) -> Result<String, AppError> {
    Ok(super::unique(db, trust::Entity::find())
        .await?
        .map(|t| t.name)
        .unwrap_or_else(|| DEFAULT_TRUST_NAME.to_owned()))
}
