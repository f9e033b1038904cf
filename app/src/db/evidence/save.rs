//! Saving the evidence form: a new draft, or changes to a draft or returned entry.

use super::access::standing;
use super::form::{Checked, check_form};
use super::lifecycle::{Event, record_event};
use super::parts::places_of;
use super::{bump, find_person, level_column, refusal, status_of};
use crate::db::entities::{
    evidence_claim, evidence_co_leader, evidence_entry, evidence_link, evidence_place,
};
use crate::db::framework::{load_document, published_version};
use crate::domain::EntryId;
use crate::domain::evidence::{EvidenceAction, EvidenceStatus, decide};
use crate::error::AppError;
use crate::model::{CurrentUser, EntryForm};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use std::collections::BTreeMap;

/// Saves the evidence form: a new draft (`id: None`) or changes to the owner's draft or
/// returned entry. Returns the entry's id.
pub async fn save(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<EntryId>,
    revision: i32,
    form: &EntryForm,
    now: DateTime<Utc>,
) -> Result<EntryId, AppError> {
    let id = id.map(|id| id.0);
    let txn = crate::db::write_transaction(db).await?;
    // Who may change it is settled before anything about the form is said.
    let existing = match id {
        None => None,
        Some(id) => {
            let entry = evidence_entry::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let owner = find_person(&txn, entry.owner_id).await?;
            let standing = standing(&txn, user, &owner, now).await?;
            decide(standing, status_of(&entry), EvidenceAction::Edit)
                .map_err(|r| refusal(r, EvidenceAction::Edit))?;
            Some(entry)
        }
    };
    let published = published_version(&txn).await?;
    let framework = match &published {
        Some(version) => Some(load_document(&txn, version).await?),
        None => None,
    };
    let me = user.actor.id.0;
    let kept = match &existing {
        Some(entry) => places_of(&txn, entry.id).await?,
        None => Vec::new(),
    };
    let checked = check_form(&txn, me, &kept, form, framework.as_ref(), now.date_naive()).await?;
    let parsed = &checked.entry;
    let fields = evidence_entry::ActiveModel {
        activity_type_id: Set(parsed.activity_type.map(|t| t.0)),
        title: Set(parsed.title.clone()),
        started_on: Set(parsed.started_on),
        ended_on: Set(parsed.ended_on),
        trust_wide: Set(parsed.places.trust_wide),
        hours_quarters: Set(parsed.hours_quarters),
        people_reached: Set(parsed.people_reached),
        what_done: Set(parsed.what_done.clone()),
        reflection: Set(parsed.reflection.clone()),
        framework_version_id: Set(published.as_ref().map(|v| v.id)),
        updated_at: Set(now),
        ..Default::default()
    };
    let entry_id = match existing {
        None => {
            let mut new = fields;
            new.owner_id = Set(me);
            new.status = Set(EvidenceStatus::Draft.code().to_owned());
            new.revision = Set(0);
            new.created_at = Set(now);
            let id = evidence_entry::Entity::insert(new)
                .exec(&txn)
                .await?
                .last_insert_id;
            let levels = checked
                .claims
                .iter()
                .map(|(_, code, level)| (code.clone(), level_column(*level)))
                .collect();
            let started = Event {
                entry: id,
                actor: me,
                action: EvidenceAction::Edit,
                from: None,
                to: EvidenceStatus::Draft,
                comment: "",
                before: &BTreeMap::new(),
                after: &levels,
            };
            record_event(&txn, &started, now).await?;
            id
        }
        Some(entry) => {
            bump(&txn, &entry, revision, fields).await?;
            clear_parts(&txn, entry.id).await?;
            entry.id
        }
    };
    write_parts(&txn, entry_id, &checked).await?;
    txn.commit().await?;
    Ok(EntryId(entry_id))
}

/// Removes an entry's places, claims, co-leaders and links, to be written afresh.
async fn clear_parts(db: &impl ConnectionTrait, id: i64) -> Result<(), AppError> {
    evidence_place::Entity::delete_many()
        .filter(evidence_place::Column::EntryId.eq(id))
        .exec(db)
        .await?;
    evidence_claim::Entity::delete_many()
        .filter(evidence_claim::Column::EntryId.eq(id))
        .exec(db)
        .await?;
    evidence_co_leader::Entity::delete_many()
        .filter(evidence_co_leader::Column::EntryId.eq(id))
        .exec(db)
        .await?;
    evidence_link::Entity::delete_many()
        .filter(evidence_link::Column::EntryId.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Writes the places, claims, co-leaders and links of a checked form.
async fn write_parts(
    db: &impl ConnectionTrait,
    entry_id: i64,
    checked: &Checked,
) -> Result<(), AppError> {
    if !checked.co_leaders.is_empty() {
        evidence_co_leader::Entity::insert_many(checked.co_leaders.iter().map(|p| {
            evidence_co_leader::ActiveModel {
                entry_id: Set(entry_id),
                person_id: Set(*p),
            }
        }))
        .exec(db)
        .await?;
    }
    if !checked.entry.links.is_empty() {
        evidence_link::Entity::insert_many(checked.entry.links.iter().map(|url| {
            evidence_link::ActiveModel {
                entry_id: Set(entry_id),
                url: Set(url.clone()),
                label: Set(String::new()),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    let academies = &checked.entry.places.academies;
    if !academies.is_empty() {
        evidence_place::Entity::insert_many(academies.iter().map(|a| {
            evidence_place::ActiveModel {
                entry_id: Set(entry_id),
                academy_id: Set(a.0),
            }
        }))
        .exec(db)
        .await?;
    }
    if !checked.claims.is_empty() {
        evidence_claim::Entity::insert_many(checked.claims.iter().map(|(uuid, code, level)| {
            evidence_claim::ActiveModel {
                entry_id: Set(entry_id),
                element_uuid: Set(uuid.clone()),
                element_code: Set(code.clone()),
                claimed_level: Set(level_column(*level)),
                verified_level: Set(None),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}
