//! Writing a draft's document over its rows, matching items by identifier, so that the
//! database ids of kept items (and the feedback and evidence that refer to them) never change.

use crate::db::entities::{
    consultation_feedback, descriptor, element, framework_version, level, pathway, pathway_target,
    strand,
};
use crate::domain::framework::FrameworkDocument;
use crate::error::AppError;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait,
    EntityTrait, QueryFilter,
};
use std::collections::{HashMap, HashSet};

/// Writes `doc` over a draft's rows, matching items by identifier: changed rows are updated,
/// new ones inserted, missing ones deleted. Database ids of kept items never change, so
/// feedback stays attached to its element.
pub(super) async fn save_document(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
    doc: &FrameworkDocument,
) -> Result<(), AppError> {
    save_details(db, version, doc).await?;
    let level_ids = save_levels(db, version, doc).await?;
    let strand_ids = save_strands(db, version, doc).await?;
    let element_ids = save_elements(db, version, doc, &strand_ids).await?;
    save_descriptors(db, doc, &element_ids, &level_ids).await?;
    save_pathways(db, version, doc, &element_ids, &level_ids).await
}

/// The level's row id with this rank (1-based), if there is one.
fn level_id(level_ids: &[i64], rank: u32) -> Option<i64> {
    let index = usize::try_from(rank).ok()?.checked_sub(1)?;
    level_ids.get(index).copied()
}

use crate::db::list_position as position;

/// The version's name and description.
async fn save_details(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
    doc: &FrameworkDocument,
) -> Result<(), AppError> {
    if version.name != doc.name || version.description != doc.description {
        framework_version::ActiveModel {
            id: Unchanged(version.id),
            name: Set(doc.name.clone()),
            description: Set(doc.description.clone()),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(())
}

/// The levels, in order; returns their row ids by rank.
async fn save_levels(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
    doc: &FrameworkDocument,
) -> Result<Vec<i64>, AppError> {
    let existing: HashMap<String, level::Model> = level::Entity::find()
        .filter(level::Column::VersionId.eq(version.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.uuid.clone(), l))
        .collect();
    let wanted: HashSet<&str> = doc.levels.iter().filter_map(|l| l.id.as_deref()).collect();
    let gone: Vec<i64> = existing
        .values()
        .filter(|l| !wanted.contains(l.uuid.as_str()))
        .map(|l| l.id)
        .collect();
    if !gone.is_empty() {
        level::Entity::delete_many()
            .filter(level::Column::Id.is_in(gone))
            .exec(db)
            .await?;
    }
    let mut level_ids = Vec::with_capacity(doc.levels.len());
    for (i, l) in doc.levels.iter().enumerate() {
        let uuid = l.id.clone().unwrap_or_default();
        let rank = position(i) + 1;
        match existing.get(&uuid) {
            Some(row) => {
                if row.rank != rank || row.name != l.name || row.description != l.description {
                    level::ActiveModel {
                        id: Unchanged(row.id),
                        rank: Set(rank),
                        name: Set(l.name.clone()),
                        description: Set(l.description.clone()),
                        ..Default::default()
                    }
                    .update(db)
                    .await?;
                }
                level_ids.push(row.id);
            }
            None => {
                let id = level::Entity::insert(level::ActiveModel {
                    version_id: Set(version.id),
                    uuid: Set(uuid),
                    rank: Set(rank),
                    name: Set(l.name.clone()),
                    description: Set(l.description.clone()),
                    ..Default::default()
                })
                .exec(db)
                .await?
                .last_insert_id;
                level_ids.push(id);
            }
        }
    }
    Ok(level_ids)
}

/// The strands, in order; returns their row ids by identifier.
async fn save_strands(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
    doc: &FrameworkDocument,
) -> Result<HashMap<String, i64>, AppError> {
    let existing: HashMap<String, strand::Model> = strand::Entity::find()
        .filter(strand::Column::VersionId.eq(version.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.uuid.clone(), s))
        .collect();
    let wanted: HashSet<&str> = doc.strands.iter().filter_map(|s| s.id.as_deref()).collect();
    let gone: Vec<i64> = existing
        .values()
        .filter(|s| !wanted.contains(s.uuid.as_str()))
        .map(|s| s.id)
        .collect();
    if !gone.is_empty() {
        // Only empty strands can be removed, so no element goes with them.
        strand::Entity::delete_many()
            .filter(strand::Column::Id.is_in(gone))
            .exec(db)
            .await?;
    }
    let mut strand_ids = HashMap::new();
    for (i, s) in doc.strands.iter().enumerate() {
        let uuid = s.id.clone().unwrap_or_default();
        let position = position(i);
        let id = match existing.get(&uuid) {
            Some(row) => {
                if row.position != position
                    || row.name != s.name
                    || row.description != s.description
                {
                    strand::ActiveModel {
                        id: Unchanged(row.id),
                        position: Set(position),
                        name: Set(s.name.clone()),
                        description: Set(s.description.clone()),
                        ..Default::default()
                    }
                    .update(db)
                    .await?;
                }
                row.id
            }
            None => {
                strand::Entity::insert(strand::ActiveModel {
                    version_id: Set(version.id),
                    uuid: Set(uuid.clone()),
                    name: Set(s.name.clone()),
                    description: Set(s.description.clone()),
                    position: Set(position),
                    ..Default::default()
                })
                .exec(db)
                .await?
                .last_insert_id
            }
        };
        strand_ids.insert(uuid, id);
    }
    Ok(strand_ids)
}

/// The elements, in framework order: removed ones first (their codes may be reused), keeping
/// feedback about them. Returns their row ids by code.
async fn save_elements<'d>(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
    doc: &'d FrameworkDocument,
    strand_ids: &HashMap<String, i64>,
) -> Result<HashMap<&'d str, i64>, AppError> {
    let existing: HashMap<String, element::Model> = element::Entity::find()
        .filter(element::Column::VersionId.eq(version.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.uuid.clone(), e))
        .collect();
    let wanted: HashSet<&str> = doc.elements().filter_map(|e| e.id.as_deref()).collect();
    for row in existing
        .values()
        .filter(|e| !wanted.contains(e.uuid.as_str()))
    {
        keep_feedback_about(db, row).await?;
        element::Entity::delete_by_id(row.id).exec(db).await?;
    }
    let mut element_ids: HashMap<&str, i64> = HashMap::new();
    let mut position = 0;
    for s in &doc.strands {
        let strand_id = strand_ids
            .get(s.id.as_deref().unwrap_or_default())
            .copied()
            .unwrap_or_default();
        for e in &s.elements {
            position += 1;
            let uuid = e.id.clone().unwrap_or_default();
            let id = match existing.get(&uuid) {
                Some(row) => {
                    let same = row.strand_id == strand_id
                        && row.position == position
                        && row.code == e.code
                        && row.title == e.title
                        && row.summary == e.summary
                        && row.description == e.description;
                    if !same {
                        element::ActiveModel {
                            id: Unchanged(row.id),
                            strand_id: Set(strand_id),
                            code: Set(e.code.clone()),
                            title: Set(e.title.clone()),
                            summary: Set(e.summary.clone()),
                            description: Set(e.description.clone()),
                            position: Set(position),
                            ..Default::default()
                        }
                        .update(db)
                        .await?;
                    }
                    row.id
                }
                None => {
                    element::Entity::insert(element::ActiveModel {
                        version_id: Set(version.id),
                        strand_id: Set(strand_id),
                        uuid: Set(uuid),
                        code: Set(e.code.clone()),
                        title: Set(e.title.clone()),
                        summary: Set(e.summary.clone()),
                        description: Set(e.description.clone()),
                        position: Set(position),
                        ..Default::default()
                    })
                    .exec(db)
                    .await?
                    .last_insert_id
                }
            };
            element_ids.insert(e.code.as_str(), id);
        }
    }
    Ok(element_ids)
}

/// The descriptors: nothing refers to them, so they are rewritten whole.
async fn save_descriptors(
    db: &impl ConnectionTrait,
    doc: &FrameworkDocument,
    element_ids: &HashMap<&str, i64>,
    level_ids: &[i64],
) -> Result<(), AppError> {
    let all_elements: Vec<i64> = element_ids.values().copied().collect();
    descriptor::Entity::delete_many()
        .filter(descriptor::Column::ElementId.is_in(all_elements))
        .exec(db)
        .await?;
    let rows: Vec<descriptor::ActiveModel> = doc
        .elements()
        .flat_map(|e| {
            let element_id = element_ids.get(e.code.as_str()).copied();
            e.descriptors.iter().filter_map(move |d| {
                Some(descriptor::ActiveModel {
                    element_id: Set(element_id?),
                    level_id: Set(level_id(level_ids, d.level)?),
                    role_category: Set(d.role_category.map(|c| c.code().to_owned())),
                    body: Set(d.body.clone()),
                    ..Default::default()
                })
            })
        })
        .collect();
    if !rows.is_empty() {
        descriptor::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// The pathways and their targets.
async fn save_pathways(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
    doc: &FrameworkDocument,
    element_ids: &HashMap<&str, i64>,
    level_ids: &[i64],
) -> Result<(), AppError> {
    let existing: HashMap<String, pathway::Model> = pathway::Entity::find()
        .filter(pathway::Column::VersionId.eq(version.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.uuid.clone(), p))
        .collect();
    let wanted: HashSet<&str> = doc
        .pathways
        .iter()
        .filter_map(|p| p.id.as_deref())
        .collect();
    let gone: Vec<i64> = existing
        .values()
        .filter(|p| !wanted.contains(p.uuid.as_str()))
        .map(|p| p.id)
        .collect();
    if !gone.is_empty() {
        pathway::Entity::delete_many()
            .filter(pathway::Column::Id.is_in(gone))
            .exec(db)
            .await?;
    }
    pathway_target::Entity::delete_many()
        .filter(pathway_target::Column::PathwayId.is_in(existing.values().map(|p| p.id)))
        .exec(db)
        .await?;
    let mut targets = Vec::new();
    for (i, p) in doc.pathways.iter().enumerate() {
        let uuid = p.id.clone().unwrap_or_default();
        let categories = p
            .role_categories
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(",");
        let id = match existing.get(&uuid) {
            Some(row) => {
                pathway::ActiveModel {
                    id: Unchanged(row.id),
                    name: Set(p.name.clone()),
                    description: Set(p.description.clone()),
                    role_categories: Set(categories),
                    position: Set(position(i)),
                    ..Default::default()
                }
                .update(db)
                .await?;
                row.id
            }
            None => {
                pathway::Entity::insert(pathway::ActiveModel {
                    version_id: Set(version.id),
                    uuid: Set(uuid),
                    name: Set(p.name.clone()),
                    description: Set(p.description.clone()),
                    role_categories: Set(categories),
                    position: Set(position(i)),
                    ..Default::default()
                })
                .exec(db)
                .await?
                .last_insert_id
            }
        };
        for t in &p.targets {
            if let (Some(element_id), Some(level_id)) = (
                element_ids.get(t.element.as_str()),
                level_id(level_ids, t.level),
            ) {
                targets.push(pathway_target::ActiveModel {
                    pathway_id: Set(id),
                    element_id: Set(*element_id),
                    level_id: Set(level_id),
                });
            }
        }
    }
    if !targets.is_empty() {
        pathway_target::Entity::insert_many(targets)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Feedback about an element being removed from a draft is kept, filed under the framework
/// as a whole with a note of what it was about.
async fn keep_feedback_about(
    db: &impl ConnectionTrait,
    element: &element::Model,
) -> Result<(), AppError> {
    let feedback = consultation_feedback::Entity::find()
        .filter(consultation_feedback::Column::ElementId.eq(element.id))
        .all(db)
        .await?;
    for f in feedback {
        consultation_feedback::ActiveModel {
            id: Unchanged(f.id),
            element_id: Set(None),
            body: Set(format!(
                "(About {} {}, since removed from the draft) {}",
                element.code, element.title, f.body
            )),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(())
}
