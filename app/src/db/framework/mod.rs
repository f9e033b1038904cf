//! The leadership framework: reading it (scoped to the versions a person may see), exporting
//! and importing it as JSON, and following pathways.

pub mod admin;

use crate::db::entities::{
    consultation_feedback, descriptor, element, framework_version, level, pathway,
    pathway_follower, pathway_target, strand,
};
use crate::domain::access::may_read_framework_version;
use crate::domain::framework::{
    DOCUMENT_FORMAT, DescriptorDoc, ElementDoc, FrameworkDocument, LevelDoc, PathwayDoc, Problem,
    StrandDoc, TargetDoc, VersionStatus, descriptor_for,
};
use crate::domain::{Action, RoleCategory, authorize};
use crate::error::AppError;
use crate::markdown;
use crate::model::{
    ConsultationNotice, ConsultationView, CurrentUser, ElementSummary, ElementView, FeedbackGroup,
    FeedbackItem, FrameworkOverview, LevelSummary, PathwaySummary, PathwayTargetView, PathwayView,
    Rung, StrandSummary,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QueryResult, QuerySelect,
};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

/// Why an import was refused.
#[derive(Debug)]
pub enum ImportError {
    /// The file is not JSON of the right shape: the parser's message says where.
    Unreadable(String),
    /// The document parsed but breaks the framework's rules.
    Invalid(Vec<Problem>),
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(err: AppError) -> Self {
        ImportError::App(err)
    }
}

impl From<sea_orm::DbErr> for ImportError {
    fn from(err: sea_orm::DbErr) -> Self {
        ImportError::App(err.into())
    }
}

/// Whether a version's consultation is open at `now`.
pub fn consultation_open_at(version: &framework_version::Model, now: DateTime<Utc>) -> bool {
    version
        .consultation_closes_at
        .is_some_and(|closes| closes > now)
}

pub(crate) fn status(version: &framework_version::Model) -> VersionStatus {
    VersionStatus::from_code(&version.status).unwrap_or(VersionStatus::Draft)
}

/// The published version, if the trust has published one.
pub async fn published_version(
    db: &impl ConnectionTrait,
) -> Result<Option<framework_version::Model>, AppError> {
    // At most one version is published at a time.
    Ok(super::unique(
        db,
        framework_version::Entity::find()
            .filter(framework_version::Column::Status.eq(VersionStatus::Published.code())),
    )
    .await?)
}

/// A version `user` may read, or `NotFound` (never a hint that a hidden draft exists).
pub async fn readable_version(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<framework_version::Model, AppError> {
    let version = match version_id {
        Some(id) => framework_version::Entity::find_by_id(id).one(db).await?,
        None => published_version(db).await?,
    }
    .ok_or(AppError::NotFound)?;
    if may_read_framework_version(
        &user.actor,
        status(&version),
        consultation_open_at(&version, now),
    ) {
        Ok(version)
    } else {
        Err(AppError::NotFound)
    }
}

/// The whole of one version as an interchange document (see [`shared_document`]).
pub async fn load_document(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
) -> Result<FrameworkDocument, AppError> {
    Ok(Arc::unwrap_or_clone(shared_document(db, version).await?))
}

/// Documents of published (or retired) versions, keyed by the version's id and UUID (ids
/// repeat across databases; UUIDs do not).
type Kept = Mutex<HashMap<(i64, String), Arc<FrameworkDocument>>>;

fn kept_documents() -> &'static Kept {
    static KEPT: OnceLock<Kept> = OnceLock::new();
    KEPT.get_or_init(Default::default)
}

/// The kept document of the version with this (id, UUID), if it has been read.
fn kept_document(key: &(i64, String)) -> Option<Arc<FrameworkDocument>> {
    kept_documents().lock().ok()?.get(key).cloned()
}

/// The whole of one version as an interchange document, to read without copying. A published
/// (or retired) version never changes again, so its document is read once per process and
/// kept.
pub async fn shared_document(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
) -> Result<Arc<FrameworkDocument>, AppError> {
    let settled = status(version) != VersionStatus::Draft;
    let key = (version.id, version.uuid.clone());
    if settled && let Some(doc) = kept_document(&key) {
        return Ok(doc);
    }
    let doc = Arc::new(read_document(db, version).await?);
    if settled && let Ok(mut c) = kept_documents().lock() {
        c.insert(key, doc.clone());
    }
    Ok(doc)
}

/// Adds to a query the published version's id and UUID (null when none is published), for
/// [`published_document`] to find its document without a query of its own.
pub(super) fn with_published_columns<Q: QuerySelect>(query: Q) -> Q {
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
pub(super) fn read_published(row: &QueryResult) -> Result<Option<(i64, String)>, DbErr> {
    let id: Option<i64> = row.try_get("", "published_id")?;
    let uuid: Option<String> = row.try_get("", "published_uuid")?;
    Ok(id.zip(uuid))
}

/// The document of the published version read by [`with_published_columns`]: kept, or read.
pub(super) async fn published_document(
    db: &impl ConnectionTrait,
    published: Option<(i64, String)>,
) -> Result<Option<Arc<FrameworkDocument>>, AppError> {
    let Some(key) = published else {
        return Ok(None);
    };
    if let Some(doc) = kept_document(&key) {
        return Ok(Some(doc));
    }
    match super::unique(db, framework_version::Entity::find_by_id(key.0)).await? {
        Some(version) => Ok(Some(shared_document(db, &version).await?)),
        None => Ok(None),
    }
}

async fn read_document(
    db: &impl ConnectionTrait,
    version: &framework_version::Model,
) -> Result<FrameworkDocument, AppError> {
    let levels = level::Entity::find()
        .filter(level::Column::VersionId.eq(version.id))
        .order_by_asc(level::Column::Rank)
        .all(db)
        .await?;
    let rank_of: HashMap<i64, u32> = levels.iter().map(|l| (l.id, l.rank as u32)).collect();
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

fn parse_categories(codes: &str) -> Vec<RoleCategory> {
    codes
        .split(',')
        .filter_map(|c| RoleCategory::from_code(c.trim()))
        .collect()
}

/// The framework `user` may read (the published version unless another is named) as JSON.
pub async fn export(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<FrameworkDocument, AppError> {
    let version = readable_version(db, user, version_id, now).await?;
    load_document(db, &version).await
}

/// The framework `user` may read as a 1EdTech CASE 1.1 package; `base_url` is this site's
/// origin, for the package's `uri` fields.
pub async fn case_export(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: Option<i64>,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(String, serde_json::Value), AppError> {
    let version = readable_version(db, user, version_id, now).await?;
    let doc = load_document(db, &version).await?;
    let creator = super::org::trust_name(db).await?;
    let package = crate::domain::case::package(
        &doc,
        &crate::domain::case::CaseMeta {
            base_url,
            creator: &creator,
            status: status(&version),
            last_change: version.published_at.unwrap_or(version.created_at),
        },
    );
    Ok((doc.name, package))
}

/// Imports a framework document as a new draft version (administrators only). Nothing is
/// written unless the whole document is valid.
pub async fn import(
    db: &DatabaseConnection,
    user: &CurrentUser,
    json: &str,
    now: DateTime<Utc>,
) -> Result<i64, ImportError> {
    authorize(&user.actor, Action::ManageFramework).map_err(AppError::from)?;
    let document: FrameworkDocument =
        serde_json::from_str(json).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let problems = document.problems();
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    let mut document = document;
    let txn = super::write_transaction(db).await?;
    // A file exported from this trust names a version that already exists: the import is a
    // new version of it, so it gets its own identifier (its items keep theirs).
    if let Some(id) = &document.id
        && framework_version::Entity::find()
            .filter(framework_version::Column::Uuid.eq(id.as_str()))
            .one(&txn)
            .await?
            .is_some()
    {
        document.id = None;
    }
    let id = insert_document(&txn, &document, VersionStatus::Draft, now).await?;
    txn.commit().await?;
    Ok(id)
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
            rank: Set(i as i32 + 1),
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
        level_ids
            .get(rank as usize - 1)
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
            position: Set(s as i32),
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
            position: Set(p as i32),
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

/// The framework at a glance, narrowed by a search (code, title or summary) and a strand.
pub async fn overview(
    db: &DatabaseConnection,
    user: &CurrentUser,
    search: &str,
    strand_filter: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<FrameworkOverview>, AppError> {
    let version = match readable_version(db, user, None, now).await {
        Ok(version) => version,
        Err(AppError::NotFound) => return Ok(None),
        Err(err) => return Err(err),
    };
    let doc = load_document(db, &version).await?;
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
            id,
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
        version_id: version.id,
        name: doc.name,
        status: status(&version),
        levels: doc
            .levels
            .into_iter()
            .enumerate()
            .map(|(i, l)| LevelSummary {
                rank: i as u32 + 1,
                name: l.name,
                description: l.description,
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
    user: &CurrentUser,
    code: &str,
    variant: Option<Option<RoleCategory>>,
    now: DateTime<Utc>,
) -> Result<ElementView, AppError> {
    let version = readable_version(db, user, None, now).await?;
    let doc = load_document(db, &version).await?;
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
            let rank = i as u32 + 1;
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
            id: p.id,
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
    id: i64,
    now: DateTime<Utc>,
) -> Result<PathwayView, AppError> {
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
                    .levels
                    .get(t.level as usize - 1)
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
            })
        })
        .collect::<Vec<_>>();
    Ok(PathwayView {
        summary: PathwaySummary {
            id,
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
    pathway_id: i64,
    follow: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
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

/// The most feedback one person may send at once.
pub const MAX_FEEDBACK: usize = 2_000;

/// The draft open for consultation at `now`, if any.
pub async fn open_consultation(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Option<framework_version::Model>, AppError> {
    Ok(framework_version::Entity::find()
        .filter(framework_version::Column::Status.eq(VersionStatus::Draft.code()))
        .filter(framework_version::Column::ConsultationClosesAt.gt(now))
        .order_by_desc(framework_version::Column::Id)
        .one(db)
        .await?)
}

fn notice(version: &framework_version::Model) -> Option<ConsultationNotice> {
    version
        .consultation_closes_at
        .map(|closes| ConsultationNotice {
            version_id: version.id,
            name: version.name.clone(),
            closes: closes.format("%-d %B %Y").to_string(),
        })
}

/// The notice shown on the framework page while a consultation is open.
pub async fn consultation_notice(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<ConsultationNotice>, AppError> {
    Ok(open_consultation(db, now).await?.as_ref().and_then(notice))
}

/// The open consultation as `user` sees it, or `None` when none is open.
pub async fn consultation_view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Option<ConsultationView>, AppError> {
    let Some(version) = open_consultation(db, now).await? else {
        return Ok(None);
    };
    let Some(notice) = notice(&version) else {
        return Ok(None);
    };
    let doc = load_document(db, &version).await?;
    let elements = ElementLabels::load(db, version.id).await?;
    let mine = consultation_feedback::Entity::find()
        .filter(consultation_feedback::Column::VersionId.eq(version.id))
        .filter(consultation_feedback::Column::PersonId.eq(user.actor.id.0))
        .order_by_desc(consultation_feedback::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|f| feedback_item(&f, &elements, user.name.clone()))
        .collect();
    Ok(Some(ConsultationView {
        notice,
        strands: doc
            .strands
            .iter()
            .enumerate()
            .map(|(i, s)| StrandSummary {
                id: i as i64,
                name: s.name.clone(),
                description: s.description.clone(),
                elements: s
                    .elements
                    .iter()
                    .map(|e| ElementSummary {
                        code: e.code.clone(),
                        title: e.title.clone(),
                        summary: e.summary.clone(),
                    })
                    .collect(),
            })
            .collect(),
        element_choices: elements.0.clone(),
        mine,
        received: match authorize(&user.actor, Action::ManageFramework) {
            Ok(()) => Some(group_feedback(db, version.id, &elements).await?),
            Err(_) => None,
        },
    }))
}

fn feedback_item(
    f: &consultation_feedback::Model,
    elements: &ElementLabels,
    from: String,
) -> FeedbackItem {
    FeedbackItem {
        about: elements.about(f.element_id),
        body: f.body.clone(),
        from,
        when: f.created_at.format("%-d %B %Y").to_string(),
    }
}

/// What feedback on no particular element is filed under.
pub const WHOLE_FRAMEWORK: &str = "The framework as a whole";

/// Records `user`'s feedback on the open consultation, about one of its elements or (with
/// no element) the whole. Refused once the consultation has closed.
pub async fn leave_feedback(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: i64,
    element_id: Option<i64>,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "Enter your feedback"));
    }
    if body.chars().count() > MAX_FEEDBACK {
        return Err(AppError::field(
            "body",
            format!("Feedback must be {MAX_FEEDBACK} characters or fewer"),
        ));
    }
    let version = open_consultation(db, now)
        .await?
        .filter(|v| v.id == version_id)
        .ok_or_else(|| {
            AppError::Conflict(
                "This consultation has closed, so feedback can no longer be sent.".into(),
            )
        })?;
    if let Some(id) = element_id {
        let belongs = element::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_some_and(|e| e.version_id == version.id);
        if !belongs {
            return Err(AppError::field(
                "element",
                "Choose an element of this draft",
            ));
        }
    }
    consultation_feedback::Entity::insert(consultation_feedback::ActiveModel {
        version_id: Set(version.id),
        element_id: Set(element_id),
        person_id: Set(user.actor.id.0),
        body: Set(body.to_owned()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// A version's elements in framework order, named as feedback is filed ("A2 Growth and
/// curiosity").
pub struct ElementLabels(Vec<(i64, String)>);

impl ElementLabels {
    pub async fn load(db: &DatabaseConnection, version_id: i64) -> Result<Self, AppError> {
        Ok(Self(
            element::Entity::find()
                .filter(element::Column::VersionId.eq(version_id))
                .order_by_asc(element::Column::Position)
                .all(db)
                .await?
                .into_iter()
                .map(|e| (e.id, format!("{} {}", e.code, e.title)))
                .collect(),
        ))
    }

    /// What feedback on `element` (or on none) is about.
    fn about(&self, element: Option<i64>) -> String {
        element
            .and_then(|id| self.0.iter().find(|(e, _)| *e == id))
            .map(|(_, label)| label.clone())
            .unwrap_or_else(|| WHOLE_FRAMEWORK.to_owned())
    }
}

/// Everyone's feedback on a version, grouped: the whole framework first, then by element.
pub async fn group_feedback(
    db: &DatabaseConnection,
    version_id: i64,
    elements: &ElementLabels,
) -> Result<Vec<FeedbackGroup>, AppError> {
    let feedback = consultation_feedback::Entity::find()
        .filter(consultation_feedback::Column::VersionId.eq(version_id))
        .order_by_asc(consultation_feedback::Column::CreatedAt)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = crate::db::entities::person::Entity::find()
        .filter(
            crate::db::entities::person::Column::Id
                .is_in(feedback.iter().map(|f| f.person_id).collect::<HashSet<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let order = std::iter::once(None).chain(elements.0.iter().map(|(id, _)| Some(*id)));
    Ok(order
        .filter_map(|key| {
            let items: Vec<FeedbackItem> = feedback
                .iter()
                .filter(|f| f.element_id == key)
                .map(|f| {
                    let from = names.get(&f.person_id).cloned().unwrap_or_default();
                    feedback_item(f, elements, from)
                })
                .collect();
            (!items.is_empty()).then(|| FeedbackGroup {
                about: elements.about(key),
                items,
            })
        })
        .collect())
}
