//! The framework as one interchange document: read from a version's rows, and written as a
//! new version.

use crate::db::entities::{
    descriptor, element, framework_version, level, pathway, pathway_target, strand,
};
use crate::db::kept::Kept;
use crate::domain::RoleCategory;
use crate::domain::framework::index_of_rank;
use crate::domain::framework::{
    DOCUMENT_FORMAT, DescriptorDoc, ElementDoc, FrameworkDocument, LevelDoc, PathwayDoc, StrandDoc,
    TargetDoc, VersionStatus,
};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QueryResult, QuerySelect,
};
use std::collections::HashMap;
use std::sync::Arc;

/// The whole of one version as an interchange document, read from its rows. (The portfolio
/// and the framework pages read settled versions through [`Kept`](crate::db::kept::Kept)
/// instead, which reads each once.)
pub async fn load_document(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
) -> Result<FrameworkDocument, AppError> {
    read_document(db, version).await
}

/// Adds to a query the published version's id and UUID (null when none is published), for
/// [`published_document`] to find its document without a query of its own.
pub(crate) fn with_published_columns<Q: QuerySelect>(query: Q) -> Q {
    let published = || {
        Query::select()
            .from(framework_version::Entity)
            .and_where(
                Expr::col((framework_version::Entity, framework_version::Column::Status))
                    .eq(VersionStatus::Published.code()),
            )
            .to_owned()
    };
    query
        .expr_as(
            published()
                .column((framework_version::Entity, framework_version::Column::Id))
                .to_owned(),
            "published_id",
        )
        .expr_as(
            published()
                .column((framework_version::Entity, framework_version::Column::Uuid))
                .to_owned(),
            "published_uuid",
        )
}

/// The published version's (id, UUID) from a row with [`with_published_columns`].
pub(crate) fn read_published(row: &QueryResult) -> Result<Option<(i64, String)>, DbErr> {
    let id: Option<i64> = row.try_get("", "published_id")?;
    let uuid: Option<String> = row.try_get("", "published_uuid")?;
    Ok(id.zip(uuid))
}

/// The document of the published version read by [`with_published_columns`]: kept, or read.
pub(crate) async fn published_document(
    db: &impl ConnectionTrait,
    kept: &Kept,
    published: Option<(i64, String)>,
) -> Result<Option<Arc<FrameworkDocument>>, AppError> {
    let Some(key) = published else {
        return Ok(None);
    };
    if let Some(doc) = kept.kept_document(&key) {
        return Ok(Some(doc));
    }
    match crate::db::unique(db, framework_version::Entity::find_by_id(key.0)).await? {
        Some(version) => Ok(Some(kept.document(db, &version).await?)),
        None => Ok(None),
    }
}

/// The whole of one version as an interchange document, read from its rows.
pub(crate) async fn read_document(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
) -> Result<FrameworkDocument, AppError> {
    let levels = level::Entity::find()
        .filter(level::Column::VersionId.eq(version.id))
        .order_by_asc(level::Column::Rank)
        .all(db)
        .await?;
    let rank_of: HashMap<i64, u32> = levels
        .iter()
        .map(|l| (l.id, u32::try_from(l.rank).unwrap_or(0)))
        .collect();
    let strands = strand::Entity::find()
        .filter(strand::Column::VersionId.eq(version.id))
        .order_by_asc(strand::Column::Position)
        .all(db)
        .await?;
    let elements = element::Entity::find()
        .filter(element::Column::VersionId.eq(version.id))
        .order_by_asc(element::Column::Position)
        .order_by_asc(element::Column::Id)
        .all(db)
        .await?;
    let element_ids: Vec<i64> = elements.iter().map(|e| e.id).collect();
    let code_of: HashMap<i64, String> = elements.iter().map(|e| (e.id, e.code.clone())).collect();
    let mut descriptors: HashMap<i64, Vec<DescriptorDoc>> = HashMap::new();
    for d in descriptor::Entity::find()
        .filter(descriptor::Column::ElementId.is_in(element_ids))
        .order_by_asc(descriptor::Column::Id)
        .all(db)
        .await?
    {
        descriptors
            .entry(d.element_id)
            .or_default()
            .push(DescriptorDoc {
                level: rank_of.get(&d.level_id).copied().unwrap_or(0),
                role_category: d.role_category.as_deref().and_then(RoleCategory::from_code),
                body: d.body,
            });
    }
    for list in descriptors.values_mut() {
        list.sort_by_key(|d| (d.level, d.role_category.map(|c| c.code())));
    }
    let pathways = pathway::Entity::find()
        .filter(pathway::Column::VersionId.eq(version.id))
        .order_by_asc(pathway::Column::Position)
        .all(db)
        .await?;
    let mut targets: HashMap<i64, Vec<TargetDoc>> = HashMap::new();
    for t in pathway_target::Entity::find()
        .filter(pathway_target::Column::PathwayId.is_in(pathways.iter().map(|p| p.id)))
        .all(db)
        .await?
    {
        targets.entry(t.pathway_id).or_default().push(TargetDoc {
            element: code_of.get(&t.element_id).cloned().unwrap_or_default(),
            level: rank_of.get(&t.level_id).copied().unwrap_or(0),
        });
    }
    let position_of: HashMap<&str, usize> = elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.code.as_str(), i))
        .collect();
    for list in targets.values_mut() {
        list.sort_by_key(|t| {
            position_of
                .get(t.element.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
    }

    Ok(FrameworkDocument {
        format: DOCUMENT_FORMAT.to_owned(),
        id: Some(version.uuid.clone()),
        name: version.name.clone(),
        description: version.description.clone(),
        levels: levels
            .iter()
            .map(|l| LevelDoc {
                id: Some(l.uuid.clone()),
                name: l.name.clone(),
                description: l.description.clone(),
            })
            .collect(),
        strands: strands
            .iter()
            .map(|s| StrandDoc {
                id: Some(s.uuid.clone()),
                name: s.name.clone(),
                description: s.description.clone(),
                elements: elements
                    .iter()
                    .filter(|e| e.strand_id == s.id)
                    .map(|e| ElementDoc {
                        id: Some(e.uuid.clone()),
                        code: e.code.clone(),
                        title: e.title.clone(),
                        summary: e.summary.clone(),
                        description: e.description.clone(),
                        descriptors: descriptors.remove(&e.id).unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect(),
        pathways: pathways
            .into_iter()
            .map(|p| PathwayDoc {
                id: Some(p.uuid),
                name: p.name,
                description: p.description,
                role_categories: parse_categories(&p.role_categories),
                targets: targets.remove(&p.id).unwrap_or_default(),
            })
            .collect(),
    })
}

pub(super) fn parse_categories(codes: &str) -> Vec<RoleCategory> {
    codes
        .split(',')
        .filter_map(|c| RoleCategory::from_code(c.trim()))
        .collect()
}

fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Writes a (valid) document as a new version with the given status. Call inside a
/// transaction; used by import and by the demo.
pub async fn insert_document(
    db: &impl ConnectionTrait,
    doc: &FrameworkDocument,
    status: VersionStatus,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let version = framework_version::Entity::insert(framework_version::ActiveModel {
        uuid: Set(doc.id.clone().unwrap_or_else(new_uuid)),
        name: Set(doc.name.trim().to_owned()),
        description: Set(doc.description.clone()),
        status: Set(status.code().to_owned()),
        consultation_closes_at: Set(None),
        created_at: Set(now),
        published_at: Set((status != VersionStatus::Draft).then_some(now)),
        retired_at: Set((status == VersionStatus::Retired).then_some(now)),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;

    let mut level_ids = Vec::with_capacity(doc.levels.len());
    for (i, l) in doc.levels.iter().enumerate() {
        let id = level::Entity::insert(level::ActiveModel {
            version_id: Set(version),
            uuid: Set(l.id.clone().unwrap_or_else(new_uuid)),
            rank: Set(crate::db::list_position(i) + 1),
            name: Set(l.name.trim().to_owned()),
            description: Set(l.description.clone()),
            ..Default::default()
        })
        .exec(db)
        .await?
        .last_insert_id;
        level_ids.push(id);
    }
    let level_id = |rank: u32| {
        index_of_rank(rank)
            .and_then(|i| level_ids.get(i))
            .copied()
            .unwrap_or_default()
    };

    let mut element_ids: HashMap<&str, i64> = HashMap::new();
    let mut position = 0;
    for (s, st) in doc.strands.iter().enumerate() {
        let strand_id = strand::Entity::insert(strand::ActiveModel {
            version_id: Set(version),
            uuid: Set(st.id.clone().unwrap_or_else(new_uuid)),
            name: Set(st.name.trim().to_owned()),
            description: Set(st.description.clone()),
            position: Set(crate::db::list_position(s)),
            ..Default::default()
        })
        .exec(db)
        .await?
        .last_insert_id;
        for el in &st.elements {
            position += 1;
            let element_id = element::Entity::insert(element::ActiveModel {
                version_id: Set(version),
                strand_id: Set(strand_id),
                uuid: Set(el.id.clone().unwrap_or_else(new_uuid)),
                code: Set(el.code.clone()),
                title: Set(el.title.trim().to_owned()),
                summary: Set(el.summary.trim().to_owned()),
                description: Set(el.description.clone()),
                position: Set(position),
                ..Default::default()
            })
            .exec(db)
            .await?
            .last_insert_id;
            element_ids.insert(el.code.as_str(), element_id);
            if !el.descriptors.is_empty() {
                descriptor::Entity::insert_many(el.descriptors.iter().map(|d| {
                    descriptor::ActiveModel {
                        element_id: Set(element_id),
                        level_id: Set(level_id(d.level)),
                        role_category: Set(d.role_category.map(|c| c.code().to_owned())),
                        body: Set(d.body.clone()),
                        ..Default::default()
                    }
                }))
                .exec(db)
                .await?;
            }
        }
    }

    for (p, pw) in doc.pathways.iter().enumerate() {
        let pathway_id = pathway::Entity::insert(pathway::ActiveModel {
            version_id: Set(version),
            uuid: Set(pw.id.clone().unwrap_or_else(new_uuid)),
            name: Set(pw.name.trim().to_owned()),
            description: Set(pw.description.clone()),
            role_categories: Set(pw
                .role_categories
                .iter()
                .map(|c| c.code())
                .collect::<Vec<_>>()
                .join(",")),
            position: Set(crate::db::list_position(p)),
            ..Default::default()
        })
        .exec(db)
        .await?
        .last_insert_id;
        if !pw.targets.is_empty() {
            pathway_target::Entity::insert_many(pw.targets.iter().map(|t| {
                pathway_target::ActiveModel {
                    pathway_id: Set(pathway_id),
                    element_id: Set(element_ids
                        .get(t.element.as_str())
                        .copied()
                        .unwrap_or_default()),
                    level_id: Set(level_id(t.level)),
                }
            }))
            .exec(db)
            .await?;
        }
    }
    Ok(version)
}
