//! The evidence form, filled in for a new entry or the owner's draft or returned entry.

use super::access::standing;
use super::parts::{claims_of, co_leaders_of, links_of, places_of};
use super::{find_person, level_rank, refusal, status_of};
use crate::db::entities::{academy, activity_type, evidence_entry};
use crate::db::framework::{load_document, published_version};
use crate::domain::EntryId;
use crate::domain::evidence::{EvidenceAction, decide};
use crate::domain::text::{hours_field, iso_date};
use crate::domain::{AcademyId, ActivityTypeId};
use crate::error::AppError;
use crate::model::{CurrentUser, EntryEditor, EntryForm};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The evidence form: a new entry (`id: None`) or the owner's draft or returned entry.
pub async fn editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<EntryId>,
    now: DateTime<Utc>,
) -> Result<EntryEditor, AppError> {
    let id = id.map(|id| id.0);
    let (revision, form) = match id {
        None => (0, EntryForm::default()),
        Some(id) => filled_in(db, user, id, now).await?,
    };
    let published = match published_version(db).await? {
        Some(v) => Some(load_document(db, &v).await?),
        None => None,
    };
    let published_elements: HashMap<&str, &str> = published
        .iter()
        .flat_map(|doc| doc.elements())
        .map(|e| (e.code.as_str(), e.title.as_str()))
        .collect();
    // Each type's description, with what it usually shows and whether it needs a host.
    let activity_types = activity_type::Entity::find()
        .filter(activity_type::Column::Active.eq(true))
        .order_by_asc(activity_type::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let suggested: Vec<String> = t
                .suggested_elements
                .split(',')
                .map(str::trim)
                .filter_map(|c| {
                    published_elements
                        .get(c)
                        .map(|title| format!("{c} {title}"))
                })
                .collect();
            let mut about = t.description.clone();
            if !suggested.is_empty() {
                about.push_str(&format!(" Often shows: {}.", suggested.join(", ")));
            }
            if t.needs_host {
                about.push_str(" Choose the academy where it took place.");
            }
            (ActivityTypeId(t.id), t.name, about)
        })
        .collect();
    // A closed academy is offered only where the entry already names it.
    let academies = academy::Entity::find()
        .order_by_asc(academy::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|a| a.closed_on.is_none() || form.places.contains(&AcademyId(a.id)))
        .map(|a| (AcademyId(a.id), a.name))
        .collect();
    let (elements, levels) = match &published {
        Some(doc) => (
            doc.strands
                .iter()
                .flat_map(|s| {
                    s.elements
                        .iter()
                        .map(|e| (e.code.clone(), e.title.clone(), s.name.clone()))
                })
                .collect(),
            doc.levels.iter().map(|l| l.name.clone()).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(EntryEditor {
        id: id.map(EntryId),
        revision,
        form,
        activity_types,
        academies,
        home_academy: user.actor.academy,
        elements,
        levels,
    })
}

/// The form as the entry says it now, with its revision, if the person may edit it.
async fn filled_in(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(i32, EntryForm), AppError> {
    let entry = evidence_entry::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = find_person(db, entry.owner_id).await?;
    let standing = standing(db, user, &owner, now).await?;
    decide(standing, status_of(&entry), EvidenceAction::Edit)
        .map_err(|r| refusal(r, EvidenceAction::Edit))?;
    let places = places_of(db, id).await?;
    let claims = claims_of(db, id)
        .await?
        .into_iter()
        .map(|c| (c.element_code, level_rank(c.claimed_level)))
        .collect();
    let co_leaders = co_leaders_of(db, id)
        .await?
        .into_iter()
        .map(|p| p.email)
        .collect::<Vec<_>>()
        .join("\n");
    let links = links_of(db, id).await?.join("\n");
    let form = EntryForm {
        activity_type: entry.activity_type_id.map(ActivityTypeId),
        title: entry.title,
        started_on: entry.started_on.map(iso_date).unwrap_or_default(),
        ended_on: entry.ended_on.map(iso_date).unwrap_or_default(),
        places: places.into_iter().map(AcademyId).collect(),
        trust_wide: entry.trust_wide,
        hours: entry.hours_quarters.map(hours_field).unwrap_or_default(),
        people_reached: entry
            .people_reached
            .map(|p| p.to_string())
            .unwrap_or_default(),
        what_done: entry.what_done,
        reflection: entry.reflection,
        claims,
        co_leaders,
        links,
    };
    Ok((entry.revision, form))
}
