//! One entry, read for someone allowed to see it.

use super::access::standing;
use super::parts::{claims_of, co_leaders_of, links_of, places_of, problems_before_submitting};
use super::{find_person, level_rank, refusal, status_of};
use crate::db::entities::{
    academy, activity_type, evidence_entry, evidence_event, framework_version, person,
};
use crate::db::framework::load_document;
use crate::domain::EntryId;
use crate::domain::RoleCategory;
use crate::domain::evidence::{EvidenceAction, decide};
use crate::domain::framework::descriptor_for;
use crate::domain::framework::index_of_rank;
use crate::domain::text::{date_time, format_hours, long_date};
use crate::error::AppError;
use crate::markdown;
use crate::model::{ClaimView, CurrentUser, EntryView, EventView};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

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
    let actions = [
        EvidenceAction::Edit,
        EvidenceAction::Submit,
        EvidenceAction::Withdraw,
        EvidenceAction::Verify,
        EvidenceAction::RequestChanges,
        EvidenceAction::Decline,
        EvidenceAction::Delete,
    ]
    .into_iter()
    .filter(|a| decide(standing, status, *a).is_ok())
    .collect::<Vec<_>>();

    let version = match entry.framework_version_id {
        Some(v) => framework_version::Entity::find_by_id(v).one(db).await?,
        None => None,
    };
    let doc = match &version {
        Some(v) => Some(load_document(db, v).await?),
        None => None,
    };
    let level_names: Vec<String> = doc
        .as_ref()
        .map(|d| d.levels.iter().map(|l| l.name.clone()).collect())
        .unwrap_or_default();
    let level_name = |rank: i32| {
        level_names
            .get(index_of_rank(level_rank(rank)).unwrap_or(usize::MAX))
            .cloned()
            .unwrap_or_else(|| format!("Level {rank}"))
    };
    let category = RoleCategory::from_code(&owner.role_category);
    let claims = claims_of(db, id)
        .await?
        .into_iter()
        .map(|c| {
            let element = doc.as_ref().and_then(|d| {
                d.elements()
                    .find(|e| e.id.as_deref() == Some(c.element_uuid.as_str()))
            });
            ClaimView {
                code: c.element_code.clone(),
                title: element.map(|e| e.title.clone()).unwrap_or_default(),
                claimed: level_rank(c.claimed_level),
                claimed_name: level_name(c.claimed_level),
                verified: c.verified_level.map(level_rank),
                verified_name: c.verified_level.map(level_name),
                descriptor_html: element
                    .and_then(|e| {
                        descriptor_for(&e.descriptors, level_rank(c.claimed_level), category)
                    })
                    .map(|d| markdown::render(&d.body)),
            }
        })
        .collect::<Vec<ClaimView>>();

    let academies = places_of(db, id).await?;
    let places: Vec<String> = {
        let mut names: Vec<String> = academy::Entity::find()
            .filter(academy::Column::Id.is_in(academies.clone()))
            .order_by_asc(academy::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.name)
            .collect();
        if entry.trust_wide {
            names.push("Trust-wide / online".to_owned());
        }
        names
    };
    let co_leaders: Vec<String> = co_leaders_of(db, id)
        .await?
        .into_iter()
        .map(|p| p.name)
        .collect();
    let links = links_of(db, id).await?;
    let owner_academy = match owner.academy_id {
        Some(a) => academy::Entity::find_by_id(a)
            .one(db)
            .await?
            .map(|a| a.name),
        None => None,
    };

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
    let timeline = events
        .iter()
        .map(|e| {
            let before: BTreeMap<String, i32> =
                serde_json::from_str(&e.levels_before).unwrap_or_default();
            let after: BTreeMap<String, i32> =
                serde_json::from_str(&e.levels_after).unwrap_or_default();
            let level_changes = if e.action == EvidenceAction::Verify.code() {
                after
                    .iter()
                    .filter(|(code, level)| before.get(*code) != Some(level))
                    .map(|(code, level)| {
                        format!(
                            "{code}: claimed {}, verified at {}",
                            before.get(code).map(|l| level_name(*l)).unwrap_or_default(),
                            level_name(*level)
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            EventView {
                who: actors.get(&e.actor_id).cloned().unwrap_or_default(),
                when: date_time(e.at),
                what: EvidenceAction::from_code(&e.action)
                    .map_or("Changed", EvidenceAction::history_label)
                    .to_owned(),
                comment: e.comment.clone(),
                level_changes,
            }
        })
        .collect();

    let activity = match entry.activity_type_id {
        Some(t) => activity_type::Entity::find_by_id(t)
            .one(db)
            .await?
            .map(|t| t.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let dates = match (entry.started_on, entry.ended_on) {
        (Some(start), Some(end)) if end != start => {
            format!("{} to {}", long_date(start), long_date(end))
        }
        (Some(start), _) => long_date(start),
        _ => String::new(),
    };
    let submission_problems = if actions.contains(&EvidenceAction::Submit) {
        problems_before_submitting(db, &entry, &owner, academies, claims.len()).await?
    } else {
        Vec::new()
    };
    Ok(EntryView {
        id: EntryId(id),
        revision: entry.revision,
        owner: owner.name.clone(),
        owner_academy,
        status,
        activity,
        title: entry.title.clone(),
        dates,
        places,
        hours: entry.hours_quarters.map(format_hours),
        people_reached: entry.people_reached.map(|p| u32::try_from(p).unwrap_or(0)),
        co_leaders,
        links,
        files: super::files::files_of(db, id).await?,
        what_done_html: markdown::render(&entry.what_done),
        reflection_html: markdown::render(&entry.reflection),
        claims,
        levels: level_names,
        timeline,
        actions,
        submission_problems,
    })
}
