//! Pathways: the published framework's, which a person follows, and following one.

use super::document::{load_document, parse_categories};
use super::readable_version;
use crate::db::entities::{pathway, pathway_follower, pathway_target};
use crate::domain::PathwayId;
use crate::error::AppError;
use crate::markdown;
use crate::model::{CurrentUser, PathwaySummary, PathwayTargetView, PathwayView};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};

async fn followed(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<HashSet<String>, AppError> {
    Ok(pathway_follower::Entity::find()
        .filter(pathway_follower::Column::PersonId.eq(user.actor.id.0))
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.pathway_uuid)
        .collect())
}

/// The published framework's pathways, marking those `user` follows.
pub async fn pathways(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<PathwaySummary>, AppError> {
    let Ok(version) = readable_version(db, user, None, now).await else {
        return Ok(Vec::new());
    };
    let following = followed(db, user).await?;
    let rows = pathway::Entity::find()
        .filter(pathway::Column::VersionId.eq(version.id))
        .order_by_asc(pathway::Column::Position)
        .all(db)
        .await?;
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for t in pathway_target::Entity::find()
        .filter(pathway_target::Column::PathwayId.is_in(rows.iter().map(|p| p.id)))
        .all(db)
        .await?
    {
        *counts.entry(t.pathway_id).or_default() += 1;
    }
    Ok(rows
        .into_iter()
        .map(|p| PathwaySummary {
            id: PathwayId(p.id),
            targets: counts.get(&p.id).copied().unwrap_or(0),
            following: following.contains(&p.uuid),
            role_categories: parse_categories(&p.role_categories),
            name: p.name,
            description: p.description,
        })
        .collect())
}

/// One pathway of a version `user` may read, with its targets.
pub async fn pathway_view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: PathwayId,
    now: DateTime<Utc>,
) -> Result<PathwayView, AppError> {
    let id = id.0;
    let row = pathway::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = readable_version(db, user, Some(row.version_id), now).await?;
    let doc = load_document(db, &version).await?;
    let pw = doc
        .pathways
        .iter()
        .find(|p| p.id.as_deref() == Some(row.uuid.as_str()))
        .ok_or(AppError::NotFound)?;
    let following = followed(db, user).await?.contains(&row.uuid);
    let targets = pw
        .targets
        .iter()
        .filter_map(|t| {
            let (strand, element) = doc
                .strands
                .iter()
                .flat_map(|s| s.elements.iter().map(move |e| (s, e)))
                .find(|(_, e)| e.code == t.element)?;
            Some(PathwayTargetView {
                code: element.code.clone(),
                title: element.title.clone(),
                strand: strand.name.clone(),
                level_rank: t.level,
                level: doc
                    .level(t.level)
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
            })
        })
        .collect::<Vec<_>>();
    Ok(PathwayView {
        summary: PathwaySummary {
            id: PathwayId(id),
            name: pw.name.clone(),
            description: pw.description.clone(),
            role_categories: pw.role_categories.clone(),
            targets: targets.len(),
            following,
        },
        description_html: markdown::render(&pw.description),
        targets,
    })
}

/// Starts or stops following a pathway `user` may read. Idempotent.
pub async fn set_following(
    db: &DatabaseConnection,
    user: &CurrentUser,
    pathway_id: PathwayId,
    follow: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let pathway_id = pathway_id.0;
    let row = pathway::Entity::find_by_id(pathway_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    readable_version(db, user, Some(row.version_id), now).await?;
    if follow {
        pathway_follower::Entity::insert(pathway_follower::ActiveModel {
            person_id: Set(user.actor.id.0),
            pathway_uuid: Set(row.uuid),
            followed_at: Set(now),
        })
        .on_conflict_do_nothing_on([
            pathway_follower::Column::PersonId,
            pathway_follower::Column::PathwayUuid,
        ])
        .exec(db)
        .await?;
    } else {
        pathway_follower::Entity::delete_many()
            .filter(pathway_follower::Column::PersonId.eq(user.actor.id.0))
            .filter(pathway_follower::Column::PathwayUuid.eq(row.uuid))
            .exec(db)
            .await?;
    }
    Ok(())
}
