//! "Download all my data": everything Waymark holds about the signed-in person, as one JSON
//! document (a subject access request answered by the person themselves).

use crate::db::entities::{
    academy, activity_type, award, consultation_feedback, evidence_claim, evidence_co_leader,
    evidence_entry, evidence_event, evidence_file, evidence_link, evidence_place, notification,
    pathway_follower, person, person_role, share_link, share_opening,
};
use crate::error::AppError;
use crate::model::CurrentUser;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The signed-in person's data.
pub async fn export(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Value, AppError> {
    let me = person::Entity::find_by_id(user.actor.id.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let academies: HashMap<i64, String> = academy::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let line_manager = match me.line_manager_id {
        Some(id) => person::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| p.name),
        None => None,
    };
    let roles: Vec<String> = person_role::Entity::find()
        .filter(person_role::Column::PersonId.eq(me.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect();
    let feedback: Vec<Value> = consultation_feedback::Entity::find()
        .filter(consultation_feedback::Column::PersonId.eq(me.id))
        .order_by_asc(consultation_feedback::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|f| {
            json!({ "framework_version": f.version_id, "element": f.element_id,
                    "feedback": f.body, "at": f.created_at })
        })
        .collect();
    let notifications: Vec<Value> = notification::Entity::find()
        .filter(notification::Column::PersonId.eq(me.id))
        .order_by_asc(notification::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|n| {
            json!({ "at": n.created_at, "kind": n.kind, "message": n.message,
                    "entry": n.entry_id, "read_at": n.read_at })
        })
        .collect();
    let pathways: Vec<Value> = pathway_follower::Entity::find()
        .filter(pathway_follower::Column::PersonId.eq(me.id))
        .all(db)
        .await?
        .into_iter()
        .map(|f| json!({ "pathway": f.pathway_uuid, "followed_at": f.followed_at }))
        .collect();

    Ok(json!({
        "about": "Everything Waymark holds about you, as of the time below. Supporting files are listed; download each from its entry.",
        "exported_at": now,
        "person": {
            "name": me.name,
            "email": me.email,
            "job_title": me.job_title,
            "academy": me.academy_id.and_then(|a| academies.get(&a)),
            "role_category": me.role_category,
            "line_manager": line_manager,
            "status": me.status,
            "access_roles": roles,
        },
        "evidence": evidence_of(db, me.id, &academies).await?,
        "pathways_followed": pathways,
        "consultation_feedback": feedback,
        "notifications": notifications,
        "share_links": share_links_of(db, me.id).await?,
        "awards": awards_of(db, me.id).await?,
        "on_celebration_wall": me.on_wall,
    }))
}

/// Every award the person received, withdrawn ones too (with why).
async fn awards_of(db: &DatabaseConnection, person: i64) -> Result<Vec<Value>, AppError> {
    Ok(award::Entity::find()
        .filter(award::Column::PersonId.eq(person))
        .order_by_asc(award::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            json!({ "name": a.name, "citation": a.citation, "group": a.group_name,
                    "awarded_on": a.awarded_on, "by_milestone": a.rule_id.is_some(),
                    "withdrawn_at": a.withdrawn_at, "withdrawn_reason": a.withdrawn_reason })
        })
        .collect())
}

/// Rows of one kind, grouped by the entry they belong to.
type ByEntry<M> = HashMap<i64, Vec<M>>;

/// Everything recorded with a person's entries, read once for all of them.
struct EntryParts {
    claims: ByEntry<evidence_claim::Model>,
    places: ByEntry<evidence_place::Model>,
    co_leaders: ByEntry<evidence_co_leader::Model>,
    links: ByEntry<evidence_link::Model>,
    files: ByEntry<evidence_file::Model>,
    events: ByEntry<evidence_event::Model>,
}

/// Each of the person's entries with everything recorded with it.
async fn evidence_of(
    db: &DatabaseConnection,
    owner: i64,
    academies: &HashMap<i64, String>,
) -> Result<Vec<Value>, AppError> {
    let entries = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.eq(owner))
        .order_by_asc(evidence_entry::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
    macro_rules! by_entry {
        ($entity:ident) => {{
            let mut map: ByEntry<$entity::Model> = HashMap::new();
            for row in $entity::Entity::find()
                .filter($entity::Column::EntryId.is_in(ids.clone()))
                .all(db)
                .await?
            {
                map.entry(row.entry_id).or_default().push(row);
            }
            map
        }};
    }
    let parts = EntryParts {
        claims: by_entry!(evidence_claim),
        places: by_entry!(evidence_place),
        co_leaders: by_entry!(evidence_co_leader),
        links: by_entry!(evidence_link),
        files: by_entry!(evidence_file),
        events: by_entry!(evidence_event),
    };
    let mut people: Vec<i64> = parts
        .co_leaders
        .values()
        .flatten()
        .map(|c| c.person_id)
        .collect();
    people.extend(parts.events.values().flatten().map(|e| e.actor_id));
    let names: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let activities: HashMap<i64, String> = activity_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let named = Names {
        people: &names,
        academies,
        activities: &activities,
    };
    Ok(entries
        .iter()
        .map(|e| entry_json(e, &parts, &named))
        .collect())
}

/// What ids stand for, so that the export reads as names.
struct Names<'a> {
    people: &'a HashMap<i64, String>,
    academies: &'a HashMap<i64, String>,
    activities: &'a HashMap<i64, String>,
}

impl Names<'_> {
    fn person(&self, id: i64) -> String {
        self.people.get(&id).cloned().unwrap_or_default()
    }
}

/// One entry as the export writes it.
fn entry_json(e: &evidence_entry::Model, parts: &EntryParts, names: &Names<'_>) -> Value {
    json!({
        "id": e.id,
        "title": e.title,
        "status": e.status,
        "activity_type": e.activity_type_id.and_then(|t| names.activities.get(&t)),
        "started_on": e.started_on,
        "ended_on": e.ended_on,
        "places": parts.places.get(&e.id).into_iter().flatten()
            .map(|p| names.academies.get(&p.academy_id).cloned().unwrap_or_default())
            .collect::<Vec<_>>(),
        "trust_wide": e.trust_wide,
        "hours": e.hours_quarters.map(|q| f64::from(q) / 4.0),
        "people_reached": e.people_reached,
        "what_was_done": e.what_done,
        "reflection_and_impact": e.reflection,
        "claims": parts.claims.get(&e.id).into_iter().flatten().map(|c| json!({
            "element": c.element_code,
            "claimed_level": c.claimed_level,
            "verified_level": c.verified_level,
        })).collect::<Vec<_>>(),
        "co_leaders": parts.co_leaders.get(&e.id).into_iter().flatten()
            .map(|c| names.person(c.person_id)).collect::<Vec<_>>(),
        "links": parts.links.get(&e.id).into_iter().flatten()
            .map(|l| l.url.clone()).collect::<Vec<_>>(),
        "files": parts.files.get(&e.id).into_iter().flatten().map(|f| json!({
            "name": f.file_name,
            "content_type": f.content_type,
            "size_bytes": f.size_bytes,
            "uploaded_at": f.uploaded_at,
        })).collect::<Vec<_>>(),
        "audit_trail": parts.events.get(&e.id).into_iter().flatten().map(|ev| json!({
            "at": ev.at,
            "by": names.person(ev.actor_id),
            "action": ev.action,
            "from": ev.from_status,
            "to": ev.to_status,
            "comment": ev.comment,
            "levels_before": serde_json::from_str::<Value>(&ev.levels_before).unwrap_or(Value::Null),
            "levels_after": serde_json::from_str::<Value>(&ev.levels_after).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
        "created_at": e.created_at,
        "updated_at": e.updated_at,
        "submitted_at": e.submitted_at,
        "decided_at": e.decided_at,
    })
}

/// The person's share links, each with every opening.
async fn share_links_of(db: &DatabaseConnection, owner: i64) -> Result<Vec<Value>, AppError> {
    let shares = share_link::Entity::find()
        .filter(share_link::Column::PersonId.eq(owner))
        .order_by_asc(share_link::Column::CreatedAt)
        .all(db)
        .await?;
    let mut openings: HashMap<i64, Vec<Value>> = HashMap::new();
    for o in share_opening::Entity::find()
        .filter(share_opening::Column::LinkId.is_in(shares.iter().map(|s| s.id)))
        .order_by_asc(share_opening::Column::At)
        .all(db)
        .await?
    {
        openings
            .entry(o.link_id)
            .or_default()
            .push(json!({ "at": o.at, "shown": o.served }));
    }
    Ok(shares
        .iter()
        .map(|s| {
            json!({
                "label": s.label,
                "created_at": s.created_at,
                "expires_at": s.expires_at,
                "withdrawn_at": s.revoked_at,
                "openings": openings.remove(&s.id).unwrap_or_default(),
            })
        })
        .collect())
}
