//! Writing the planned entries, in batches of 400: the entries, their places, claims and audit
//! trails, and the notifications their verifiers have of what is waiting.

use super::{PlannedEntry, PlannedEvent, S};
use app::db::entities::{
    evidence_claim, evidence_entry, evidence_event, evidence_place, notification,
};
use chrono::NaiveDate;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use std::collections::BTreeMap;

/// Writes the planned entries in batches.
pub async fn write(
    db: &impl ConnectionTrait,
    entries: &[PlannedEntry],
    framework_version: i64,
    today: NaiveDate,
) -> Result<(), DbErr> {
    for batch in entries.chunks(400) {
        evidence_entry::Entity::insert_many(
            batch.iter().map(|e| entry_row(e, framework_version, today)),
        )
        .exec(db)
        .await?;
        let places: Vec<_> = batch
            .iter()
            .flat_map(|e| {
                e.places.iter().map(|a| evidence_place::ActiveModel {
                    entry_id: Set(e.id),
                    academy_id: Set(*a),
                })
            })
            .collect();
        if !places.is_empty() {
            evidence_place::Entity::insert_many(places).exec(db).await?;
        }
        evidence_claim::Entity::insert_many(batch.iter().flat_map(claim_rows))
            .exec(db)
            .await?;
        evidence_event::Entity::insert_many(batch.iter().flat_map(event_rows))
            .exec(db)
            .await?;
    }
    notify_verifiers(db, entries).await
}

/// The entry itself, its dates read off its audit trail.
fn entry_row(
    e: &PlannedEntry,
    framework_version: i64,
    today: NaiveDate,
) -> evidence_entry::ActiveModel {
    let when = |actions: &[&str]| {
        e.events
            .iter()
            .find(|ev| actions.contains(&ev.2))
            .map(|ev| ev.1)
    };
    evidence_entry::ActiveModel {
        id: Set(e.id),
        owner_id: Set(e.owner),
        activity_type_id: Set(Some(e.activity_type)),
        title: Set(e.title.clone()),
        started_on: Set(Some(e.started_on)),
        ended_on: Set(e.ended_on.filter(|d| *d <= today)),
        trust_wide: Set(e.trust_wide),
        hours_quarters: Set(Some(e.hours_quarters)),
        people_reached: Set(Some(e.people_reached)),
        what_done: Set(e.what_done.clone()),
        reflection: Set(e.reflection.clone()),
        status: Set(e.status.code().to_owned()),
        revision: Set(i32::try_from(e.events.len()).unwrap_or(i32::MAX) - 1),
        framework_version_id: Set(Some(framework_version)),
        created_at: Set(e.events.first().map(|ev| ev.1).unwrap_or_default()),
        updated_at: Set(e.events.last().map(|ev| ev.1).unwrap_or_default()),
        submitted_at: Set(when(&["submit"])),
        decided_at: Set(when(&["verify", "request_changes", "decline"])),
    }
}

fn claim_rows(e: &PlannedEntry) -> impl Iterator<Item = evidence_claim::ActiveModel> + '_ {
    e.claims.iter().map(
        |(uuid, code, claimed, verified)| evidence_claim::ActiveModel {
            entry_id: Set(e.id),
            element_uuid: Set(uuid.clone()),
            element_code: Set(code.clone()),
            claimed_level: Set(*claimed),
            verified_level: Set(*verified),
            ..Default::default()
        },
    )
}

/// The audit trail, each line with the levels before and after it as the service writes them.
fn event_rows(e: &PlannedEntry) -> impl Iterator<Item = evidence_event::ActiveModel> + '_ {
    let claimed: BTreeMap<&str, i32> = e.claims.iter().map(|c| (c.1.as_str(), c.2)).collect();
    let verified: BTreeMap<&str, i32> = e
        .claims
        .iter()
        .map(|c| (c.1.as_str(), c.3.unwrap_or(c.2)))
        .collect();
    let claimed = serde_json::to_string(&claimed).unwrap_or_default();
    let verified = serde_json::to_string(&verified).unwrap_or_default();
    e.events.iter().map(move |event: &PlannedEvent| {
        let (actor, at, action, from, to, comment) = event;
        let before = if *action == "edit" {
            "{}".to_owned()
        } else {
            claimed.clone()
        };
        let after = if *action == "verify" {
            verified.clone()
        } else {
            claimed.clone()
        };
        evidence_event::ActiveModel {
            entry_id: Set(e.id),
            actor_id: Set(*actor),
            at: Set(*at),
            action: Set((*action).to_owned()),
            from_status: Set(from.map(|s| s.code().to_owned())),
            to_status: Set(to.code().to_owned()),
            comment: Set(comment.clone()),
            levels_before: Set(before),
            levels_after: Set(after),
            ..Default::default()
        }
    })
}

/// Verifiers have heard about what is waiting for them.
async fn notify_verifiers(
    db: &impl ConnectionTrait,
    entries: &[PlannedEntry],
) -> Result<(), DbErr> {
    let waiting: Vec<_> = entries
        .iter()
        .filter(|e| e.status == S::Submitted)
        .map(|e| notification::ActiveModel {
            person_id: Set(e.verifier),
            entry_id: Set(Some(e.id)),
            kind: Set("submitted".to_owned()),
            message: Set(format!("“{}” is waiting for you to verify.", e.title)),
            created_at: Set(e.events.last().map(|ev| ev.1).unwrap_or_default()),
            read_at: Set(None),
            ..Default::default()
        })
        .collect();
    for batch in waiting.chunks(400) {
        notification::Entity::insert_many(batch.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}
