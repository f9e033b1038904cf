//! Moving an entry through its lifecycle (every move checked by `domain::evidence::decide`
//! and written to its timeline), and deleting a draft.

use super::access::standing;
use super::notify::notify;
use super::parts::{claim_levels, claims_of, places_of, problems_before_submitting};
use super::{CHANGED_ELSEWHERE, bump, find_person, level_column, refusal, status_of};
use crate::db::entities::{evidence_claim, evidence_entry, evidence_event, evidence_file, level};
use crate::domain::EntryId;
use crate::domain::evidence::{EvidenceAction, EvidenceStatus, comment_problem, decide, on_record};
use crate::error::AppError;
use crate::mail::Email;
use crate::model::CurrentUser;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use std::collections::{BTreeMap, HashMap};

/// One step on an entry's timeline.
pub(super) struct Event<'a> {
    pub(super) entry: i64,
    pub(super) actor: i64,
    pub(super) action: EvidenceAction,
    pub(super) from: Option<EvidenceStatus>,
    pub(super) to: EvidenceStatus,
    pub(super) comment: &'a str,
    /// Element code → level, before and after the step.
    pub(super) before: &'a BTreeMap<String, i32>,
    pub(super) after: &'a BTreeMap<String, i32>,
}

/// Writes a step to the entry's timeline.
pub(super) async fn record_event(
    db: &impl ConnectionTrait,
    event: &Event<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    evidence_event::Entity::insert(evidence_event::ActiveModel {
        entry_id: Set(event.entry),
        actor_id: Set(event.actor),
        at: Set(now),
        action: Set(event.action.code().to_owned()),
        from_status: Set(event.from.map(|s| s.code().to_owned())),
        to_status: Set(event.to.code().to_owned()),
        comment: Set(event.comment.to_owned()),
        levels_before: Set(serde_json::to_string(event.before).unwrap_or_default()),
        levels_after: Set(serde_json::to_string(event.after).unwrap_or_default()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// What the verifier decided about each claim: element code → level rank.
pub type Levels = HashMap<String, u32>;

/// A lifecycle action someone takes on an entry, as their form sent it.
#[derive(Clone, Debug)]
pub struct Decision {
    pub entry: EntryId,
    /// The revision the person was looking at.
    pub revision: i32,
    pub action: EvidenceAction,
    pub comment: String,
    /// For a verification: the level confirmed or adjusted for each claim (the claimed one
    /// where none is given).
    pub levels: Levels,
}

impl Decision {
    /// `action` on `entry` as it was at `revision`, with no comment and the claimed levels.
    pub fn new(entry: EntryId, revision: i32, action: EvidenceAction) -> Self {
        Decision {
            entry,
            revision,
            action,
            comment: String::new(),
            levels: Levels::new(),
        }
    }

    pub fn with_comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = comment.into();
        self
    }

    pub fn with_levels(mut self, levels: Levels) -> Self {
        self.levels = levels;
        self
    }
}

/// Takes a lifecycle action on an entry: submit, withdraw, verify, request changes or
/// decline. If the entry has moved on since the revision the person was looking at, nothing
/// happens and they are told so.
pub async fn act(
    db: &DatabaseConnection,
    user: &CurrentUser,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<Acted, AppError> {
    let (id, action) = (decision.entry.0, decision.action);
    let txn = crate::db::write_transaction(db).await?;
    let entry = evidence_entry::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = find_person(&txn, entry.owner_id).await?;
    let standing = standing(&txn, user, &owner, now).await?;
    let from = status_of(&entry);
    let to = decide(standing, from, action).map_err(|r| refusal(r, action))?;
    if entry.revision != decision.revision {
        return Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()));
    }
    let comment = decision.comment.trim();
    if let Some(problem) = comment_problem(action, comment) {
        return Err(AppError::Validation(vec![problem]));
    }
    let claims = claims_of(&txn, id).await?;
    if action == EvidenceAction::Submit {
        let places = places_of(&txn, id).await?;
        let problems =
            problems_before_submitting(&txn, &entry, &owner, places, claims.len()).await?;
        if !problems.is_empty() {
            return Err(AppError::Validation(problems));
        }
    }
    let before = claim_levels(&claims, false);
    let after = if action == EvidenceAction::Verify {
        verify_claims(&txn, &entry, &claims, &decision.levels, &before).await?
    } else {
        before.clone()
    };
    let mut changes = evidence_entry::ActiveModel {
        status: Set(to.code().to_owned()),
        updated_at: Set(now),
        ..Default::default()
    };
    match action {
        EvidenceAction::Submit => changes.submitted_at = Set(Some(now)),
        EvidenceAction::Verify | EvidenceAction::RequestChanges | EvidenceAction::Decline => {
            changes.decided_at = Set(Some(now));
        }
        _ => {}
    }
    bump(&txn, &entry, decision.revision, changes).await?;
    let event = Event {
        entry: id,
        actor: user.actor.id.0,
        action,
        from: Some(from),
        to,
        comment,
        before: &before,
        after: &after,
    };
    record_event(&txn, &event, now).await?;
    let email = notify(&txn, &entry, &owner, user, &event, now).await?;
    // A verification may complete a milestone: awarded here, with the verification or not at all.
    let awards = if action == EvidenceAction::Verify {
        crate::db::recognition::award_due(&txn, owner.id, now).await?
    } else {
        Vec::new()
    };
    txn.commit().await?;
    Ok(Acted {
        status: to,
        email,
        awards,
    })
}

/// Writes the verified level of each claim (the claimed one unless `levels` adjusts it), each
/// checked to be one of the framework's levels. Returns the levels after verification.
async fn verify_claims(
    db: &impl ConnectionTrait,
    entry: &evidence_entry::Model,
    claims: &[evidence_claim::Model],
    levels: &Levels,
    before: &BTreeMap<String, i32>,
) -> Result<BTreeMap<String, i32>, AppError> {
    let level_count = match entry.framework_version_id {
        Some(v) => {
            level::Entity::find()
                .filter(level::Column::VersionId.eq(v))
                .count(db)
                .await?
        }
        None => 0,
    };
    let mut after = before.clone();
    for claim in claims {
        let level = levels
            .get(&claim.element_code)
            .copied()
            .unwrap_or(u32::try_from(claim.claimed_level).unwrap_or(0));
        if level == 0 || u64::from(level) > level_count {
            return Err(AppError::field(
                &format!("level-{}", claim.element_code),
                format!("Choose one of the levels for {}", claim.element_code),
            ));
        }
        after.insert(claim.element_code.clone(), level_column(level));
        evidence_claim::Entity::update_many()
            .col_expr(
                evidence_claim::Column::VerifiedLevel,
                sea_orm::sea_query::Expr::value(level_column(level)),
            )
            .filter(evidence_claim::Column::Id.eq(claim.id))
            .exec(db)
            .await?;
    }
    Ok(after)
}

/// Deletes one of the owner's drafts, with its files. Nothing else can be deleted: what was
/// submitted stays on the record.
pub async fn delete(
    db: &DatabaseConnection,
    store: &dyn crate::storage::FileStore,
    user: &CurrentUser,
    id: EntryId,
    revision: i32,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let id = id.0;
    let txn = crate::db::write_transaction(db).await?;
    let entry = evidence_entry::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = find_person(&txn, entry.owner_id).await?;
    let standing = standing(&txn, user, &owner, now).await?;
    decide(standing, status_of(&entry), EvidenceAction::Delete)
        .map_err(|r| refusal(r, EvidenceAction::Delete))?;
    on_record(
        EvidenceAction::Delete,
        super::ever_submitted(&txn, id).await?,
    )
    .map_err(|r| refusal(r, EvidenceAction::Delete))?;
    if entry.revision != revision {
        return Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()));
    }
    let keys: Vec<String> = evidence_file::Entity::find()
        .filter(evidence_file::Column::EntryId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|f| f.storage_key)
        .collect();
    // The steps of its drafting go first (the trail's foreign keys refuse to lose them, and
    // the database allows it only for an entry never submitted); its parts go with it (their
    // foreign keys cascade); the revision guards a race with an edit.
    evidence_event::Entity::delete_many()
        .filter(evidence_event::Column::EntryId.eq(id))
        .exec(&txn)
        .await?;
    let deleted = evidence_entry::Entity::delete_many()
        .filter(evidence_entry::Column::Id.eq(id))
        .filter(evidence_entry::Column::Revision.eq(revision))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()));
    }
    txn.commit().await?;
    super::files::forget(store, keys).await;
    Ok(entry.title)
}

/// What an action did: the entry's new status, and the e-mails to send now it is saved (about
/// the decision, and about any award it earned).
#[derive(Debug)]
pub struct Acted {
    pub status: EvidenceStatus,
    pub email: Option<Email>,
    pub awards: Vec<Email>,
}
