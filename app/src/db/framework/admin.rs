//! Administering the framework: versions, drafts and their editing, publishing, consultation
//! windows and what changed. Every function here is for administrators only, and says so
//! first.

use crate::db::entities::{
    consultation_feedback, descriptor, element, framework_version, level, pathway, pathway_target,
    strand,
};
use crate::db::framework::{consultation_open_at, load_document, published_version, status};
use crate::domain::framework::{FrameworkDocument, VersionStatus};
use crate::domain::framework_diff::{ChangeGroup, diff};
use crate::domain::framework_edit::{Edit, EditError, descriptor_field};
use crate::domain::{Action, FieldError, authorize};
use crate::error::AppError;
use crate::markdown;
use crate::model::{
    CurrentUser, DraftEditor, ElementEditor, PathwayEditor, VersionChanges, VersionInfo,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};

/// The longest a consultation may run.
pub const MAX_CONSULTATION_DAYS: i64 = 180;

fn date(at: DateTime<Utc>) -> String {
    at.format("%-d %B %Y").to_string()
}

fn info(version: &framework_version::Model, now: DateTime<Utc>) -> VersionInfo {
    VersionInfo {
        id: version.id,
        name: version.name.clone(),
        status: status(version),
        created: date(version.created_at),
        published: version.published_at.map(date),
        retired: version.retired_at.map(date),
        consultation_open: consultation_open_at(version, now),
        consultation_closes: version.consultation_closes_at.map(date),
        consultation_closes_input: version
            .consultation_closes_at
            .map(|at| at.format("%Y-%m-%d").to_string()),
    }
}

async fn version(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<framework_version::Model, AppError> {
    authorize(&user.actor, Action::ManageFramework)?;
    framework_version::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn draft(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<framework_version::Model, AppError> {
    let version = version(db, user, id).await?;
    if status(&version).is_editable() {
        Ok(version)
    } else {
        Err(AppError::Conflict(format!(
            "{} is {}, so it can no longer be changed. Start a new draft to make changes.",
            version.name,
            status(&version).label().to_lowercase()
        )))
    }
}

/// Every version, newest first.
pub async fn versions(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<VersionInfo>, AppError> {
    authorize(&user.actor, Action::ManageFramework)?;
    Ok(framework_version::Entity::find()
        .order_by_desc(framework_version::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|v| info(v, now))
        .collect())
}

/// Starts a new draft as a copy of the published version (identifiers kept, so followers and
/// evidence carry over), or an empty outline when nothing is published yet.
pub async fn start_draft(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    authorize(&user.actor, Action::ManageFramework)?;
    let txn = crate::db::write_transaction(db).await?;
    let mut doc = match published_version(&txn).await? {
        Some(published) => load_document(&txn, &published).await?,
        None => FrameworkDocument::outline(),
    };
    doc.id = None;
    doc.name = next_name(&doc.name, now);
    let id = crate::db::framework::insert_document(&txn, &doc, VersionStatus::Draft, now).await?;
    txn.commit().await?;
    Ok(id)
}

/// "Leadership Framework 2025" → "Leadership Framework 2025 (draft 22 November 2026)".
fn next_name(name: &str, now: DateTime<Utc>) -> String {
    let base = name.split(" (draft").next().unwrap_or(name).trim();
    format!("{base} (draft {})", date(now))
}

fn edit_error(err: EditError) -> AppError {
    match err {
        EditError::NotFound => AppError::NotFound,
        EditError::Fields(errors) => AppError::Validation(errors),
    }
}

/// Applies one edit to a draft and saves it. Returns the identifier of the item saved.
pub async fn edit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
    edit: Edit,
) -> Result<Option<String>, AppError> {
    let txn = crate::db::write_transaction(db).await?;
    let version = draft(&txn, user, version_id).await?;
    let mut doc = load_document(&txn, &version).await?;
    let saved = doc
        .apply(edit, || uuid::Uuid::new_v4().to_string())
        .map_err(edit_error)?;
    let problems = doc.problems();
    if let Some(problem) = problems.first() {
        // The edit rules keep a draft well formed; this is a guard, not a user message.
        tracing::error!(%problem, "an edit left a draft malformed");
        return Err(AppError::Internal);
    }
    save_document(&txn, &version, &doc).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Writes `doc` over a draft's rows, matching items by identifier: changed rows are updated,
/// new ones inserted, missing ones deleted. Database ids of kept items never change, so
/// feedback stays attached to its element.
async fn save_document(
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

    // Levels.
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
        let rank = i as i32 + 1;
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
    let level_id = |rank: u32| level_ids.get((rank as usize).wrapping_sub(1)).copied();

    // Strands.
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
        let position = i as i32;
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

    // Elements: removed ones first (their codes may be reused), keeping feedback about them.
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

    // Descriptors: nothing refers to them, so they are rewritten whole.
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
                    level_id: Set(level_id(d.level)?),
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

    // Pathways and their targets.
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
                    position: Set(i as i32),
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
                    position: Set(i as i32),
                    ..Default::default()
                })
                .exec(db)
                .await?
                .last_insert_id
            }
        };
        for t in &p.targets {
            if let (Some(element_id), Some(level_id)) =
                (element_ids.get(t.element.as_str()), level_id(t.level))
            {
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

/// Publishes a draft: refused, with every reason, unless it is complete. The version it
/// replaces is retired; nothing that refers to it is rewritten.
pub async fn publish(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::write_transaction(db).await?;
    let version = draft(&txn, user, version_id).await?;
    let doc = load_document(&txn, &version).await?;
    let problems = doc.publish_problems();
    if !problems.is_empty() {
        return Err(AppError::Validation(
            problems
                .iter()
                .map(|p| FieldError::new("publish", p.to_string()))
                .collect(),
        ));
    }
    let published = status(&version)
        .on_publishing(true)
        .map_err(|why| AppError::Conflict(why.to_owned()))?;
    if let Some(current) = published_version(&txn).await? {
        let next = status(&current)
            .on_publishing(false)
            .map_err(|why| AppError::Conflict(why.to_owned()))?;
        framework_version::ActiveModel {
            id: Unchanged(current.id),
            status: Set(next.code().to_owned()),
            retired_at: Set(Some(now)),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    framework_version::ActiveModel {
        id: Unchanged(version.id),
        status: Set(published.code().to_owned()),
        published_at: Set(Some(now)),
        consultation_closes_at: Set(None),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Opens a draft for consultation until the end of `closes` (a date in the future), or
/// closes it (`None`). Only one draft is open for consultation at a time.
pub async fn set_consultation(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
    closes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::write_transaction(db).await?;
    let version = draft(&txn, user, version_id).await?;
    let closes_at = match closes.map(str::trim) {
        None => None,
        Some(text) => {
            let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| AppError::field("closes", "Enter the closing date as a date"))?;
            let at = day
                .and_hms_opt(23, 59, 59)
                .map(|t| t.and_utc())
                .ok_or_else(|| AppError::field("closes", "Enter a real date"))?;
            if at <= now {
                return Err(AppError::field(
                    "closes",
                    "The closing date must be in the future",
                ));
            }
            if (at - now).num_days() > MAX_CONSULTATION_DAYS {
                return Err(AppError::field(
                    "closes",
                    format!("A consultation can run for at most {MAX_CONSULTATION_DAYS} days"),
                ));
            }
            if let Some(other) = crate::db::framework::open_consultation(&txn, now).await?
                && other.id != version.id
            {
                return Err(AppError::field(
                    "closes",
                    format!(
                        "{} is already open for consultation; close it first",
                        other.name
                    ),
                ));
            }
            Some(at)
        }
    };
    framework_version::ActiveModel {
        id: Unchanged(version.id),
        consultation_closes_at: Set(closes_at.or_else(|| {
            // Closing keeps the record of when it ended.
            version.consultation_closes_at.map(|at| at.min(now))
        })),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a draft and everything in it, feedback included.
pub async fn delete_draft(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
) -> Result<(), AppError> {
    let txn = crate::db::write_transaction(db).await?;
    let version = draft(&txn, user, version_id).await?;
    framework_version::Entity::delete_by_id(version.id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

async fn changes_against_published(
    db: &DatabaseConnection,
    version: &framework_version::Model,
    doc: &FrameworkDocument,
) -> Result<(Option<String>, Vec<ChangeGroup>), AppError> {
    match published_version(db).await? {
        Some(published) if published.id != version.id => {
            let old = load_document(db, &published).await?;
            Ok((Some(published.name), diff(&old, doc)))
        }
        _ => Ok((None, Vec::new())),
    }
}

/// A version's editing page (read-only for published and retired versions).
pub async fn editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
    now: DateTime<Utc>,
) -> Result<DraftEditor, AppError> {
    let version = version(db, user, version_id).await?;
    let document = load_document(db, &version).await?;
    let (_, changes) = changes_against_published(db, &version, &document).await?;
    let labels = crate::db::framework::ElementLabels::load(db, version.id).await?;
    let feedback_groups = crate::db::framework::group_feedback(db, version.id, &labels).await?;
    Ok(DraftEditor {
        version: info(&version, now),
        publish_problems: document
            .publish_problems()
            .iter()
            .map(ToString::to_string)
            .collect(),
        changes: changes.iter().map(|g| g.changes.len()).sum(),
        feedback: feedback_groups.iter().map(|g| g.items.len() as u64).sum(),
        feedback_groups,
        description_html: markdown::render(&document.description),
        document,
    })
}

/// The page for editing one element of a draft (`element: None` for a new one), with every
/// Markdown field rendered as staff will read it.
pub async fn element_editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
    element: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ElementEditor, AppError> {
    let version = draft(db, user, version_id).await?;
    let document = load_document(db, &version).await?;
    let mut previews = Vec::new();
    if let Some(id) = element {
        let found = document
            .elements()
            .find(|e| e.id.as_deref() == Some(id))
            .ok_or(AppError::NotFound)?;
        if !found.description.is_empty() {
            previews.push((
                "description".to_owned(),
                markdown::render(&found.description),
            ));
        }
        for d in &found.descriptors {
            previews.push((
                descriptor_field(d.level, d.role_category),
                markdown::render(&d.body),
            ));
        }
    }
    Ok(ElementEditor {
        version: info(&version, now),
        element: element.map(str::to_owned),
        previews,
        document,
    })
}

/// The page for editing one pathway of a draft (`pathway: None` for a new one).
pub async fn pathway_editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
    pathway: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PathwayEditor, AppError> {
    let version = draft(db, user, version_id).await?;
    let document = load_document(db, &version).await?;
    if let Some(id) = pathway
        && !document
            .pathways
            .iter()
            .any(|p| p.id.as_deref() == Some(id))
    {
        return Err(AppError::NotFound);
    }
    Ok(PathwayEditor {
        version: info(&version, now),
        pathway: pathway.map(str::to_owned),
        document,
    })
}

/// What a version changes from the published one.
pub async fn changes(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
    now: DateTime<Utc>,
) -> Result<VersionChanges, AppError> {
    let version = version(db, user, version_id).await?;
    let doc = load_document(db, &version).await?;
    let (against, groups) = changes_against_published(db, &version, &doc).await?;
    Ok(VersionChanges {
        version: info(&version, now),
        against,
        groups,
    })
}

/// Renders Markdown as staff would see it, for the editor's live preview.
pub fn preview(user: &CurrentUser, text: &str) -> Result<String, AppError> {
    authorize(&user.actor, Action::ManageFramework)?;
    Ok(markdown::render(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_drafts_name_says_it_is_a_draft_without_piling_up_suffixes() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            next_name("Framework 2025", now),
            "Framework 2025 (draft 22 November 2026)"
        );
        assert_eq!(
            next_name("Framework 2025 (draft 1 May 2026)", now),
            "Framework 2025 (draft 22 November 2026)"
        );
    }
}
