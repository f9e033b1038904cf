//! The rows beside an entry (claims, places, co-leaders, links) and what stops it being
//! submitted as it is stored.

use crate::db::entities::{
    activity_type, evidence_claim, evidence_co_leader, evidence_entry, evidence_link,
    evidence_place, person,
};
use crate::domain::AcademyId;
use crate::domain::FieldError;
use crate::domain::evidence::{Completeness, Places, submission_problems};
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

pub(super) fn claim_levels(
    claims: &[evidence_claim::Model],
    verified: bool,
) -> BTreeMap<String, i32> {
    claims
        .iter()
        .map(|c| {
            let level = if verified {
                c.verified_level.unwrap_or(c.claimed_level)
            } else {
                c.claimed_level
            };
            (c.element_code.clone(), level)
        })
        .collect()
}

pub(super) async fn claims_of(
    db: &impl ConnectionTrait,
    entry: i64,
) -> Result<Vec<evidence_claim::Model>, AppError> {
    Ok(evidence_claim::Entity::find()
        .filter(evidence_claim::Column::EntryId.eq(entry))
        .order_by_asc(evidence_claim::Column::Id)
        .all(db)
        .await?)
}

/// The academies an entry happened at.
pub(super) async fn places_of(db: &impl ConnectionTrait, entry: i64) -> Result<Vec<i64>, AppError> {
    Ok(evidence_place::Entity::find()
        .filter(evidence_place::Column::EntryId.eq(entry))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.academy_id)
        .collect())
}

/// The people who led an entry with its owner, by name.
pub(super) async fn co_leaders_of(
    db: &impl ConnectionTrait,
    entry: i64,
) -> Result<Vec<person::Model>, AppError> {
    let ids: Vec<i64> = evidence_co_leader::Entity::find()
        .filter(evidence_co_leader::Column::EntryId.eq(entry))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.person_id)
        .collect();
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .order_by_asc(person::Column::Name)
        .all(db)
        .await?)
}

/// An entry's links, in the order given.
pub(super) async fn links_of(
    db: &impl ConnectionTrait,
    entry: i64,
) -> Result<Vec<String>, AppError> {
    Ok(evidence_link::Entity::find()
        .filter(evidence_link::Column::EntryId.eq(entry))
        .order_by_asc(evidence_link::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.url)
        .collect())
}

/// What stops an entry being submitted, as it is stored.
pub(super) async fn problems_before_submitting(
    db: &impl ConnectionTrait,
    entry: &evidence_entry::Model,
    owner: &person::Model,
    academies: Vec<i64>,
    claims: usize,
) -> Result<Vec<FieldError>, AppError> {
    let needs_host = match entry.activity_type_id {
        Some(t) => activity_type::Entity::find_by_id(t)
            .one(db)
            .await?
            .is_some_and(|t| t.needs_host),
        None => false,
    };
    Ok(submission_problems(&Completeness {
        has_activity_type: entry.activity_type_id.is_some(),
        needs_host,
        title: &entry.title,
        has_date: entry.started_on.is_some(),
        places: &Places {
            academies: academies.into_iter().map(AcademyId).collect(),
            trust_wide: entry.trust_wide,
        },
        home_academy: owner.academy_id.map(AcademyId),
        hours: entry.hours_quarters.map(|q| f64::from(q) / 4.0),
        what_done: &entry.what_done,
        claims,
    }))
}
