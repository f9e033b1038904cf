//! What the administrators' pages read: a version's editor, the element and pathway editors,
//! what changed from the published version, and the Markdown preview.

use super::{draft, info, version};
use crate::db::entities::framework_version;
use crate::db::framework::{load_document, published_version};
use crate::domain::framework::FrameworkDocument;
use crate::domain::framework::diff::{ChangeGroup, diff};
use crate::domain::framework::edit::descriptor_field;
use crate::domain::{Action, VersionId, authorize};
use crate::error::AppError;
use crate::markdown;
use crate::model::{CurrentUser, DraftEditor, ElementEditor, PathwayEditor, VersionChanges};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

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
    version_id: VersionId,
    now: DateTime<Utc>,
) -> Result<DraftEditor, AppError> {
    let version_id = version_id.0;
    let version = version(db, user, version_id).await?;
    let document = load_document(db, &version).await?;
    let (_, changes) = changes_against_published(db, &version, &document).await?;
    let labels = crate::db::framework::ElementLabels::load(db, version.id).await?;
    let feedback_groups =
        crate::db::framework::group_feedback(db, VersionId(version.id), &labels).await?;
    Ok(DraftEditor {
        version: info(&version, now),
        publish_problems: document
            .publish_problems()
            .iter()
            .map(ToString::to_string)
            .collect(),
        changes: changes.iter().map(|g| g.changes.len()).sum(),
        feedback: feedback_groups
            .iter()
            .map(|g| g.items.len())
            .sum::<usize>()
            .try_into()
            .unwrap_or(u64::MAX),
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
    version_id: VersionId,
    element: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ElementEditor, AppError> {
    let version_id = version_id.0;
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
    version_id: VersionId,
    pathway: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PathwayEditor, AppError> {
    let version_id = version_id.0;
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
    version_id: VersionId,
    now: DateTime<Utc>,
) -> Result<VersionChanges, AppError> {
    let version_id = version_id.0;
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
