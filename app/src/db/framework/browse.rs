//! Reading the published framework: at a glance, and one element with its ladder of levels.

use super::consultation::consultation_notice;
use super::{readable_version, status};
use crate::db::entities::strand;
use crate::db::kept::Kept;
use crate::domain::RoleCategory;
use crate::domain::StrandId;
use crate::domain::VersionId;
use crate::domain::framework::{ElementDoc, descriptor_for, rank_at};
use crate::error::AppError;
use crate::markdown;
use crate::model::{
    CurrentUser, ElementSummary, ElementView, FrameworkOverview, LevelSummary, Rung, StrandSummary,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// The framework at a glance, narrowed by a search (code, title or summary) and a strand.
pub async fn overview(
    db: &DatabaseConnection,
    kept: &Kept,
    user: &CurrentUser,
    search: &str,
    strand_filter: Option<StrandId>,
    now: DateTime<Utc>,
) -> Result<Option<FrameworkOverview>, AppError> {
    let strand_filter = strand_filter.map(|id| id.0);
    let version = match readable_version(db, user, None, now).await {
        Ok(version) => version,
        Err(AppError::NotFound) => return Ok(None),
        Err(err) => return Err(err),
    };
    let doc = kept.document(db, &version).await?;
    let strand_ids: Vec<i64> = strand::Entity::find()
        .filter(strand::Column::VersionId.eq(version.id))
        .order_by_asc(strand::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    let matches_search = |e: &ElementDoc| {
        let haystack =
            format!("{} {} {} {}", e.code, e.title, e.summary, e.description).to_lowercase();
        words.iter().all(|w| haystack.contains(w.as_str()))
    };
    let strands: Vec<StrandSummary> = doc
        .strands
        .iter()
        .zip(strand_ids)
        .filter(|(_, id)| strand_filter.is_none_or(|f| f == *id))
        .map(|(s, id)| StrandSummary {
            id: StrandId(id),
            name: s.name.clone(),
            description: s.description.clone(),
            elements: s
                .elements
                .iter()
                .filter(|e| matches_search(e))
                .map(|e| ElementSummary {
                    code: e.code.clone(),
                    title: e.title.clone(),
                    summary: e.summary.clone(),
                })
                .collect(),
        })
        .collect();
    let matches = strands.iter().map(|s| s.elements.len()).sum();
    Ok(Some(FrameworkOverview {
        version_id: VersionId(version.id),
        name: doc.name.clone(),
        status: status(&version),
        levels: doc
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| LevelSummary {
                rank: rank_at(i),
                name: l.name.clone(),
                description: l.description.clone(),
            })
            .collect(),
        strands,
        matches,
        consultation: consultation_notice(db, now).await?,
    }))
}

/// One element of the published framework, with the ladder of levels. Descriptors are those
/// tailored to `variant` where they exist, else those for everyone; by default the viewer's
/// own role category.
pub async fn element_view(
    db: &DatabaseConnection,
    kept: &Kept,
    user: &CurrentUser,
    code: &str,
    variant: Option<Option<RoleCategory>>,
    now: DateTime<Utc>,
) -> Result<ElementView, AppError> {
    let version = readable_version(db, user, None, now).await?;
    let doc = kept.document(db, &version).await?;
    let (strand, element) = doc
        .strands
        .iter()
        .flat_map(|s| s.elements.iter().map(move |e| (s, e)))
        .find(|(_, e)| e.code.eq_ignore_ascii_case(code))
        .ok_or(AppError::NotFound)?;
    let showing = variant.unwrap_or(Some(user.role_category));
    let variants: Vec<RoleCategory> = RoleCategory::ALL
        .iter()
        .copied()
        .filter(|c| {
            element
                .descriptors
                .iter()
                .any(|d| d.role_category == Some(*c))
        })
        .collect();
    let rungs = doc
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let rank = rank_at(i);
            let chosen = descriptor_for(&element.descriptors, rank, showing);
            Rung {
                rank,
                level: l.name.clone(),
                level_description: l.description.clone(),
                descriptor_html: chosen.map(|d| markdown::render(&d.body)),
                tailored_for: chosen.and_then(|d| d.role_category),
            }
        })
        .collect();
    Ok(ElementView {
        code: element.code.clone(),
        title: element.title.clone(),
        summary: element.summary.clone(),
        strand: strand.name.clone(),
        description_html: markdown::render(&element.description),
        showing,
        variants,
        rungs,
    })
}
