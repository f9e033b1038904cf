//! One entry, read for someone allowed to see it.

use super::access::standing;
use super::parts::{claims_of, co_leaders_of, links_of, places_of, problems_before_submitting};
use super::present::{LevelNames, claim_views, offered_actions, timeline};
use super::{find_person, refusal, status_of};
use crate::db::entities::{
    academy, activity_type, evidence_entry, evidence_event, framework_version, person,
};
use crate::db::framework::load_document;
use crate::domain::evidence::{EvidenceAction, decide};
use crate::domain::text::{date_range, format_hours};
use crate::domain::{EntryId, RoleCategory};
use crate::error::AppError;
use crate::markdown;
use crate::model::{CurrentUser, EntryView, EventView};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// One entry, for someone allowed to see it.
pub async fn view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: EntryId,
    now: DateTime<Utc>,
) -> Result<EntryView, AppError> {
    let id = id.0;
    let entry = evidence_entry::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = find_person(db, entry.owner_id).await?;
    let standing = standing(db, user, &owner, now).await?;
    let status = status_of(&entry);
    decide(standing, status, EvidenceAction::View).map_err(|r| refusal(r, EvidenceAction::View))?;
    let actions = offered_actions(standing, status, super::ever_submitted(db, id).await?);

    let doc = match entry.framework_version_id {
        Some(v) => match framework_version::Entity::find_by_id(v).one(db).await? {
            Some(version) => Some(load_document(db, &version).await?),
            None => None,
        },
        None => None,
    };
    let levels = LevelNames::of(doc.as_ref());
    let category = RoleCategory::from_code(&owner.role_category);
    let claims = claim_views(claims_of(db, id).await?, doc.as_ref(), category, &levels);
    let academies = places_of(db, id).await?;
    let submission_problems = if actions.contains(&EvidenceAction::Submit) {
        problems_before_submitting(db, &entry, &owner, academies.clone(), claims.len()).await?
    } else {
        Vec::new()
    };
    Ok(EntryView {
        id: EntryId(id),
        revision: entry.revision,
        owner: owner.name.clone(),
        owner_academy: academy_name(db, owner.academy_id).await?,
        status,
        activity: activity_name(db, entry.activity_type_id).await?,
        title: entry.title.clone(),
        dates: date_range(entry.started_on, entry.ended_on),
        places: place_names(db, academies, entry.trust_wide).await?,
        hours: entry.hours_quarters.map(format_hours),
        people_reached: entry.people_reached.map(|p| u32::try_from(p).unwrap_or(0)),
        co_leaders: co_leaders_of(db, id)
            .await?
            .into_iter()
            .map(|p| p.name)
            .collect(),
        links: links_of(db, id).await?,
        files: super::files::files_of(db, id).await?,
        what_done_html: markdown::render(&entry.what_done),
        reflection_html: markdown::render(&entry.reflection),
        claims,
        timeline: events_of(db, id, &levels).await?,
        levels: levels.0,
        actions,
        submission_problems,
    })
}

/// The names of the academies an entry happened at, A to Z, then trust-wide if it was.
async fn place_names(
    db: &DatabaseConnection,
    academies: Vec<i64>,
    trust_wide: bool,
) -> Result<Vec<String>, AppError> {
    let mut names: Vec<String> = academy::Entity::find()
        .filter(academy::Column::Id.is_in(academies))
        .order_by_asc(academy::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.name)
        .collect();
    if trust_wide {
        names.push("Trust-wide / online".to_owned());
    }
    Ok(names)
}

async fn academy_name(
    db: &DatabaseConnection,
    academy: Option<i64>,
) -> Result<Option<String>, AppError> {
    Ok(match academy {
        Some(a) => academy::Entity::find_by_id(a)
            .one(db)
            .await?
            .map(|a| a.name),
        None => None,
    })
}

async fn activity_name(db: &DatabaseConnection, activity: Option<i64>) -> Result<String, AppError> {
    Ok(match activity {
        Some(t) => activity_type::Entity::find_by_id(t)
            .one(db)
            .await?
            .map(|t| t.name)
            .unwrap_or_default(),
        None => String::new(),
    })
}

/// The entry's timeline, oldest first, with each step's person named.
async fn events_of(
    db: &DatabaseConnection,
    id: i64,
    levels: &LevelNames,
) -> Result<Vec<EventView>, AppError> {
    let events = evidence_event::Entity::find()
        .filter(evidence_event::Column::EntryId.eq(id))
        .order_by_asc(evidence_event::Column::At)
        .order_by_asc(evidence_event::Column::Id)
        .all(db)
        .await?;
    let actors: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(events.iter().map(|e| e.actor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(timeline(&events, &actors, levels))
}
