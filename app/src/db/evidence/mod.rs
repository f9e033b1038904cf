//! Evidence entries: recording them, moving them through their lifecycle, and reading them
//! back for the people allowed to see them.

mod access;
mod editor;
mod entry;
pub mod files;
mod form;
mod lifecycle;
mod list;
mod notify;
mod parts;
mod present;
mod save;
pub mod settings;

pub use access::standing;
pub use editor::editor;
pub use entry::view;
pub use lifecycle::{Acted, Decision, Levels, act, delete};
pub use list::{mine, queue};
pub use save::save;
pub use settings::ensure_activity_types;

use crate::db::entities::{evidence_entry, person};
use crate::domain::evidence::{EvidenceAction, EvidenceStatus, Refusal};
use crate::error::AppError;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A level rank as its column holds it (ranks are small: a framework has a handful of levels).
pub(super) fn level_column(rank: u32) -> i32 {
    i32::try_from(rank).unwrap_or(i32::MAX)
}

/// A level rank read from its column (never negative; a bad value reads as 0, no level).
pub(super) fn level_rank(column: i32) -> u32 {
    u32::try_from(column).unwrap_or(0)
}

pub(super) const CHANGED_ELSEWHERE: &str = "This entry was changed by someone else while you had it open. Here is what it says now: nothing you sent has been saved, so please check it and try again.";

pub(super) fn status_of(entry: &evidence_entry::Model) -> EvidenceStatus {
    EvidenceStatus::from_code(&entry.status).unwrap_or(EvidenceStatus::Draft)
}

pub(super) fn refusal(refused: Refusal, action: EvidenceAction) -> AppError {
    match refused {
        Refusal::NotFound => AppError::NotFound,
        Refusal::NotAllowed => AppError::Forbidden,
        Refusal::WrongState(_) | Refusal::OnRecord => AppError::Conflict(refused.message(action)),
    }
}

/// Whether the entry has ever been submitted (and so is part of the record for good).
pub(super) async fn ever_submitted(
    db: &impl ConnectionTrait,
    entry: i64,
) -> Result<bool, AppError> {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    Ok(crate::db::entities::evidence_event::Entity::find()
        .filter(crate::db::entities::evidence_event::Column::EntryId.eq(entry))
        .filter(
            crate::db::entities::evidence_event::Column::Action.eq(EvidenceAction::Submit.code()),
        )
        .count(db)
        .await?
        > 0)
}

pub(super) async fn find_person(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<person::Model, AppError> {
    person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Moves the entry on to `revision + 1`, only if nobody else has moved it first.
pub(super) async fn bump(
    db: &impl ConnectionTrait,
    entry: &evidence_entry::Model,
    expected_revision: i32,
    changes: evidence_entry::ActiveModel,
) -> Result<(), AppError> {
    let mut changes = changes;
    changes.revision = Set(expected_revision + 1);
    let result = evidence_entry::Entity::update_many()
        .set(changes)
        .filter(evidence_entry::Column::Id.eq(entry.id))
        .filter(evidence_entry::Column::Revision.eq(expected_revision))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()))
    }
}
