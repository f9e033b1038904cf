//! Supporting files of evidence entries: added and removed by whoever may edit the entry,
//! downloaded by whoever may see it. The rows say what a file is; the bytes live in the
//! file store under a random key.

use super::{CHANGED_ELSEWHERE, bump, find_person, refusal, standing, status_of};
use crate::db::entities::{evidence_entry, evidence_file};
use crate::domain::evidence::{EvidenceAction, decide};
use crate::domain::files::{MAX_FILES, check_file, describe_size, within_quota};
use crate::domain::{EntryId, FileId};
use crate::error::AppError;
use crate::model::{CurrentUser, FileView};
use crate::storage::FileStore;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

/// The entry, once `user` has been found allowed to take `action` on it at `revision`.
async fn entry_for(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    revision: Option<i32>,
    action: EvidenceAction,
    now: DateTime<Utc>,
) -> Result<evidence_entry::Model, AppError> {
    let entry = evidence_entry::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = find_person(db, entry.owner_id).await?;
    let standing = standing(db, user, &owner, now).await?;
    decide(standing, status_of(&entry), action).map_err(|r| refusal(r, action))?;
    if revision.is_some_and(|r| r != entry.revision) {
        return Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()));
    }
    Ok(entry)
}

/// A file someone sent to add to an entry.
#[derive(Clone, Debug)]
pub struct Upload {
    pub entry: EntryId,
    /// The revision of the entry they were looking at.
    pub revision: i32,
    /// The file's name on their computer.
    pub name: String,
    /// The file's full size: reading may have stopped once it passed the limit.
    pub size: usize,
    /// What was read of it.
    pub bytes: Vec<u8>,
}

/// Adds a supporting file to an entry the person may edit.
pub async fn add(
    db: &DatabaseConnection,
    store: &dyn FileStore,
    user: &CurrentUser,
    upload: &Upload,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Upload {
        entry: EntryId(id),
        revision,
        ref name,
        size,
        ref bytes,
    } = *upload;
    let entry = entry_for(db, user, id, Some(revision), EvidenceAction::Edit, now).await?;
    let accepted = check_file(name, size, bytes).map_err(|m| AppError::field("file", m))?;
    let count = evidence_file::Entity::find()
        .filter(evidence_file::Column::EntryId.eq(id))
        .count(db)
        .await?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_FILES {
        return Err(AppError::field(
            "file",
            format!("An entry can have up to {MAX_FILES} files: remove one before adding another"),
        ));
    }
    let used = files_size_of(db, entry.owner_id).await?;
    within_quota(used, u64::try_from(bytes.len()).unwrap_or(u64::MAX))
        .map_err(|m| AppError::field("file", m))?;
    let key = uuid::Uuid::new_v4().to_string();
    store.put(&key, bytes).await.map_err(|err| {
        tracing::error!(%err, "could not store a supporting file");
        AppError::Internal
    })?;
    let saved = async {
        let txn = crate::db::write_transaction(db).await?;
        evidence_file::Entity::insert(evidence_file::ActiveModel {
            entry_id: Set(id),
            storage_key: Set(key.clone()),
            file_name: Set(accepted.name.clone()),
            content_type: Set(accepted.content_type.to_owned()),
            size_bytes: Set(i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
            uploaded_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        bump(
            &txn,
            &entry,
            revision,
            evidence_entry::ActiveModel {
                updated_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
        txn.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    if saved.is_err()
        && let Err(err) = store.delete(&key).await
    {
        tracing::warn!(%err, %key, "could not tidy away a file whose entry was not saved");
    }
    saved
}

/// Removes a supporting file from an entry the person may edit.
pub async fn remove(
    db: &DatabaseConnection,
    store: &dyn FileStore,
    user: &CurrentUser,
    id: EntryId,
    revision: i32,
    file: FileId,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let file = file.0;
    let id = id.0;
    let entry = entry_for(db, user, id, Some(revision), EvidenceAction::Edit, now).await?;
    let file = evidence_file::Entity::find_by_id(file)
        .filter(evidence_file::Column::EntryId.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::write_transaction(db).await?;
    evidence_file::Entity::delete_by_id(file.id)
        .exec(&txn)
        .await?;
    bump(
        &txn,
        &entry,
        revision,
        evidence_entry::ActiveModel {
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    forget(store, [file.storage_key]).await;
    Ok(file.file_name)
}

/// Deletes stored bytes whose rows are gone; a failure only leaves an orphan, so it is
/// logged rather than reported.
pub(super) async fn forget(store: &dyn FileStore, keys: impl IntoIterator<Item = String>) {
    for key in keys {
        if let Err(err) = store.delete(&key).await {
            tracing::warn!(%err, %key, "could not delete a stored file");
        }
    }
}

/// A file to download: (name, content type, bytes). Anyone who may not see the entry is
/// told there is no such file.
pub async fn download(
    db: &DatabaseConnection,
    store: &dyn FileStore,
    user: &CurrentUser,
    id: EntryId,
    file: FileId,
    now: DateTime<Utc>,
) -> Result<(String, String, Vec<u8>), AppError> {
    let file = file.0;
    let id = id.0;
    entry_for(db, user, id, None, EvidenceAction::DownloadFile, now)
        .await
        .map_err(|err| match err {
            AppError::Forbidden | AppError::Conflict(_) => AppError::NotFound,
            other => other,
        })?;
    let file = evidence_file::Entity::find_by_id(file)
        .filter(evidence_file::Column::EntryId.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = store.get(&file.storage_key).await.map_err(|err| {
        tracing::error!(%err, key = %file.storage_key, "a supporting file's bytes are missing");
        AppError::NotFound
    })?;
    Ok((file.file_name, file.content_type, bytes))
}

/// The files of an entry, for showing on it (the caller has checked the person may see it).
pub async fn files_of(db: &impl ConnectionTrait, id: i64) -> Result<Vec<FileView>, AppError> {
    Ok(evidence_file::Entity::find()
        .filter(evidence_file::Column::EntryId.eq(id))
        .order_by_asc(evidence_file::Column::UploadedAt)
        .order_by_asc(evidence_file::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|f| FileView {
            id: FileId(f.id),
            url: format!("/evidence/{id}/files/{}", f.id),
            size: describe_size(u64::try_from(f.size_bytes).unwrap_or(0)),
            kind: kind_in_words(&f.content_type).to_owned(),
            name: f.file_name,
        })
        .collect())
}

fn kind_in_words(content_type: &str) -> &'static str {
    match content_type.split(';').next().unwrap_or_default() {
        "application/pdf" => "PDF",
        t if t.starts_with("image/") => "Image",
        "text/plain" => "Text",
        "text/csv" => "Spreadsheet (CSV)",
        t if t.contains("word") || t.ends_with(".text") || t == "application/msword" => "Document",
        t if t.contains("sheet") || t.contains("excel") => "Spreadsheet",
        t if t.contains("presentation") || t.contains("powerpoint") => "Presentation",
        _ => "File",
    }
}

/// How many bytes the supporting files on `owner`'s entries take.
async fn files_size_of(db: &impl ConnectionTrait, owner: i64) -> Result<u64, AppError> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let total: Option<i64> = evidence_file::Entity::find()
        .select_only()
        .column_as(
            Expr::col(evidence_file::Column::SizeBytes)
                .sum()
                .cast_as("BIGINT"),
            "total",
        )
        .filter(
            evidence_file::Column::EntryId.in_subquery(
                Query::select()
                    .column(evidence_entry::Column::Id)
                    .from(evidence_entry::Entity)
                    .and_where(evidence_entry::Column::OwnerId.eq(owner))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    Ok(total.and_then(|t| u64::try_from(t).ok()).unwrap_or(0))
}
