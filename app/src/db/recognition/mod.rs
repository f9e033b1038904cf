//! Recognition, the database side: milestone rules (written, previewed, applied, retired),
//! the awards a verification earns (given in its transaction), awards given by hand, and the
//! celebration wall. HR and administrators manage it; everyone reads the wall.

pub mod awards;
pub mod badge;
pub mod bulletin;
pub mod certificate;
mod choices;
mod judge;
pub mod present;
pub mod report;
pub mod rules;
pub mod wall;

pub(crate) use judge::award_due;

use crate::domain::{Action, authorize};
use crate::error::AppError;
use crate::model::CurrentUser;

/// Only HR and administrators set milestones and give or withdraw awards.
fn manager(user: &CurrentUser) -> Result<(), AppError> {
    Ok(authorize(&user.actor, Action::ManageRecognition)?)
}

/// The trust's name, as certificates, bulletins and credentials give it.
async fn trust_name(db: &impl sea_orm::ConnectionTrait) -> Result<String, AppError> {
    use sea_orm::EntityTrait;
    Ok(crate::db::entities::trust::Entity::find()
        .one(db)
        .await?
        .map(|t| t.name)
        .unwrap_or_default())
}
