//! What a person's evidence adds up to: counted once per change to it and kept
//! (`portfolio_summary`), and the queries that count it.

use super::Subject;
use super::present::count;
use crate::db::entities::{
    evidence_claim, evidence_entry, evidence_place, person, portfolio_summary,
};
use crate::db::kept::Kept;
use crate::domain::evidence::EvidenceStatus;
use crate::domain::portfolio::summary::{CountedEntry, Summary};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, Expr, Func, OnConflict, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    QueryTrait, Select,
};
use std::sync::Arc;

/// The entries of `subject` in `status`, started within `span` (from, until) when given.
pub(super) fn entries_of(
    subject: i64,
    status: EvidenceStatus,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Select<evidence_entry::Entity> {
    let query = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.eq(subject))
        .filter(evidence_entry::Column::Status.eq(status.code()));
    match span {
        Some(span) => query.filter(within(span)),
        None => query,
    }
}

/// The ids of the entries a query finds, as a subquery.
fn ids_of(query: Select<evidence_entry::Entity>) -> SelectStatement {
    query
        .select_only()
        .column(evidence_entry::Column::Id)
        .into_query()
}

/// An entry started within `span` (from, until).
fn within(span: (NaiveDate, NaiveDate)) -> Condition {
    Condition::all()
        .add(evidence_entry::Column::StartedOn.gte(span.0))
        .add(evidence_entry::Column::StartedOn.lt(span.1))
}

/// A claim at `level` (see [`claim_level`]).
pub(super) fn claim_at(level: u32) -> Expr {
    use sea_orm::sea_query::ExprTrait;
    claim_level().eq(i32::try_from(level).unwrap_or(i32::MAX))
}

/// A claim's level: the verified one once there is one.
pub(super) fn claim_level() -> Expr {
    Func::coalesce([
        Expr::col((
            evidence_claim::Entity,
            evidence_claim::Column::VerifiedLevel,
        )),
        Expr::col((evidence_claim::Entity, evidence_claim::Column::ClaimedLevel)),
    ])
    .into()
}

/// What `subject`'s evidence adds up to: their kept summary when there is one counted at their
/// current evidence revision; otherwise counted now, and kept for next time.
pub(super) async fn summary(
    db: &impl ConnectionTrait,
    memory: &Kept,
    subject: &Subject,
) -> Result<Arc<Summary>, AppError> {
    if let Some(kept) = &subject.kept {
        match memory.summary(subject.person.id, kept) {
            Ok(summary) => return Ok(summary),
            Err(e) => tracing::warn!(
                person = subject.person.id,
                "a kept portfolio summary did not read back, so it is counted afresh: {e}"
            ),
        }
    }
    let summary = count_summary(db, subject.person.id).await?;
    keep(db, &subject.person, &summary).await;
    Ok(Arc::new(summary))
}

/// Counts what `owner`'s verified and waiting evidence adds up to.
async fn count_summary(db: &impl ConnectionTrait, owner: i64) -> Result<Summary, AppError> {
    use EvidenceStatus::{Submitted, Verified};
    let counted = || {
        evidence_entry::Entity::find()
            .filter(evidence_entry::Column::OwnerId.eq(owner))
            .filter(evidence_entry::Column::Status.is_in([Verified.code(), Submitted.code()]))
    };
    let entries = counted()
        .select_only()
        .columns([
            evidence_entry::Column::Id,
            evidence_entry::Column::Status,
            evidence_entry::Column::StartedOn,
            evidence_entry::Column::HoursQuarters,
            evidence_entry::Column::PeopleReached,
        ])
        .into_tuple::<(i64, String, Option<NaiveDate>, Option<i32>, Option<i32>)>()
        .all(db);
    let claims = evidence_claim::Entity::find()
        .select_only()
        .column(evidence_claim::Column::EntryId)
        .column(evidence_claim::Column::ElementUuid)
        .expr_as(claim_level(), "level")
        .filter(evidence_claim::Column::EntryId.in_subquery(ids_of(counted())))
        .into_tuple::<(i64, String, i32)>()
        .all(db);
    let places = evidence_place::Entity::find()
        .select_only()
        .columns([
            evidence_place::Column::EntryId,
            evidence_place::Column::AcademyId,
        ])
        .filter(
            evidence_place::Column::EntryId.in_subquery(ids_of(entries_of(owner, Verified, None))),
        )
        .into_tuple::<(i64, i64)>()
        .all(db);
    let (entries, claims, places) = tokio::try_join!(entries, claims, places)?;
    let entries: Vec<CountedEntry> = entries
        .into_iter()
        .filter_map(|(id, status, started_on, quarters, people)| {
            Some(CountedEntry {
                id,
                status: EvidenceStatus::from_code(&status)?,
                started_on,
                quarters: quarters.unwrap_or(0).into(),
                people: people.unwrap_or(0).into(),
            })
        })
        .collect();
    let claims = claims
        .into_iter()
        .map(|(entry, uuid, level)| (entry, uuid, count(level.into())));
    Ok(Summary::count(&entries, claims, places))
}

/// Keeps `summary` as counted at `subject`'s evidence revision, unless one counted at a later
/// revision is kept already. Failing to keep it costs only a recount, so it is logged, not
/// shown.
async fn keep(db: &impl ConnectionTrait, subject: &person::Model, summary: &Summary) {
    use portfolio_summary::Column;
    use sea_orm::sea_query::ExprTrait;
    let figures = match serde_json::to_string(summary) {
        Ok(figures) => figures,
        Err(e) => {
            tracing::warn!(
                person = subject.id,
                "could not write a portfolio summary: {e}"
            );
            return;
        }
    };
    let row = portfolio_summary::ActiveModel {
        person_id: Set(subject.id),
        revision: Set(subject.evidence_revision),
        figures: Set(figures),
    };
    let newer_only = OnConflict::column(Column::PersonId)
        .update_columns([Column::Revision, Column::Figures])
        .action_and_where(
            Expr::col((portfolio_summary::Entity, Column::Revision)).lt(subject.evidence_revision),
        )
        .to_owned();
    let kept = portfolio_summary::Entity::insert(row)
        .on_conflict(newer_only)
        .exec_without_returning(db)
        .await;
    if let Err(e) = kept {
        tracing::warn!(
            person = subject.id,
            "could not keep a portfolio summary: {e}"
        );
    }
}
