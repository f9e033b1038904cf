//! Lists of entries: one's own, and the queue waiting for a verifier.

use super::status_of;
use crate::db::entities::{activity_type, evidence_entry, person, verification_delegate};
use crate::domain::EntryId;
use crate::domain::evidence::EvidenceStatus;
use crate::domain::text::{academic_year, long_date};
use crate::error::AppError;
use crate::model::{CurrentUser, EntrySummary, EvidenceList};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

pub(super) async fn activity_names(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i64, String>, AppError> {
    Ok(activity_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect())
}

fn summary(
    entry: &evidence_entry::Model,
    activities: &HashMap<i64, String>,
    owner: &str,
    now: DateTime<Utc>,
) -> EntrySummary {
    EntrySummary {
        id: EntryId(entry.id),
        title: entry.title.clone(),
        activity: entry
            .activity_type_id
            .and_then(|id| activities.get(&id).cloned())
            .unwrap_or_default(),
        status: status_of(entry),
        date: entry.started_on.map(long_date).unwrap_or_default(),
        academic_year: entry.started_on.map(academic_year).unwrap_or_default(),
        owner: owner.to_owned(),
        waiting_days: entry.submitted_at.map(|at| (now - at).num_days()),
    }
}

/// The signed-in person's own entries, newest first, narrowed by status, academic year and
/// words in the title.
pub async fn mine(
    db: &DatabaseConnection,
    user: &CurrentUser,
    status: Option<EvidenceStatus>,
    year: Option<&str>,
    search: &str,
    now: DateTime<Utc>,
) -> Result<EvidenceList, AppError> {
    let all = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.eq(user.actor.id.0))
        .order_by_desc(evidence_entry::Column::StartedOn)
        .order_by_desc(evidence_entry::Column::Id)
        .all(db)
        .await?;
    let activities = activity_names(db).await?;
    let mut years: Vec<String> = all
        .iter()
        .filter_map(|e| e.started_on.map(academic_year))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    let entries = all
        .iter()
        .map(|e| summary(e, &activities, &user.name, now))
        .filter(|e| status.is_none_or(|s| e.status == s))
        .filter(|e| year.is_none_or(|y| e.academic_year == y))
        .filter(|e| {
            let haystack = format!("{} {}", e.title, e.activity).to_lowercase();
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .collect();
    Ok(EvidenceList {
        entries,
        academic_years: years,
        total: all.len(),
    })
}

/// Entries waiting for `user` to verify, oldest first: those of their direct reports, and
/// of the reports of managers they are standing in for.
pub async fn queue(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<EntrySummary>, AppError> {
    let me = user.actor.id.0;
    let mut managers = vec![me];
    managers.extend(
        verification_delegate::Entity::find()
            .filter(verification_delegate::Column::DelegateId.eq(me))
            .filter(verification_delegate::Column::Until.gt(now))
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.manager_id),
    );
    let reports: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::LineManagerId.is_in(managers))
        .filter(person::Column::Id.ne(me))
        // A leaver's submissions leave the queue with them; their record stays.
        .filter(person::Column::Status.eq(crate::domain::PersonStatus::Active.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let entries = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.is_in(reports.keys().copied()))
        .filter(evidence_entry::Column::Status.eq(EvidenceStatus::Submitted.code()))
        .order_by_asc(evidence_entry::Column::SubmittedAt)
        .all(db)
        .await?;
    let activities = activity_names(db).await?;
    Ok(entries
        .iter()
        .map(|e| {
            let owner = reports.get(&e.owner_id).map_or("", String::as_str);
            summary(e, &activities, owner, now)
        })
        .collect())
}
