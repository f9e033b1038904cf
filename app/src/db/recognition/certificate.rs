//! An award's certificate (for its holder, and HR) and its public verification page, which
//! anyone holding the link may open without signing in.

use super::present::present;
use super::trust_name;
use crate::db::entities::{award, person};
use crate::domain::text::long_date;
use crate::domain::{Action, AwardId, authorize};
use crate::error::AppError;
use crate::model::{CertificateView, CurrentUser, VerificationView};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Where an award's public verification page is.
pub fn verify_path(public_id: &str) -> String {
    format!("/awards/verify/{public_id}")
}

/// The certificate of award `id`, for its holder, HR and administrators (anyone else is told
/// it does not exist). A withdrawn award has none.
pub async fn certificate(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: AwardId,
) -> Result<CertificateView, AppError> {
    let found = award::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let holder = found.person_id == user.actor.id.0;
    if !holder && authorize(&user.actor, Action::ManageRecognition).is_err() {
        return Err(AppError::NotFound);
    }
    if found.withdrawn_at.is_some() {
        return Err(AppError::Gone(
            "This award was withdrawn, so it has no certificate.".to_owned(),
        ));
    }
    let verify = verify_path(&found.public_id);
    let award = present(db, vec![found])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(CertificateView {
        trust_name: trust_name(db).await?,
        award,
        verify_path: verify,
    })
}

/// What the public may know of the award behind `token`: whose it is, what, when, and whether
/// it still stands. Anything that is not a live link is "not found".
pub async fn verify(db: &DatabaseConnection, token: &str) -> Result<VerificationView, AppError> {
    if token.len() != 32 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let found = award::Entity::find()
        .filter(award::Column::PublicId.eq(token.to_ascii_lowercase()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let holder = person::Entity::find_by_id(found.person_id)
        .one(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    Ok(VerificationView {
        trust_name: trust_name(db).await?,
        holder,
        award: found.name,
        awarded_on: long_date(found.awarded_on),
        withdrawn: found
            .withdrawn_at
            .map(|at| format!("Withdrawn on {}.", long_date(at.date_naive()))),
    })
}
