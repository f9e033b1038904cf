//! Telling the verifier of a submission and the owner of a decision.

use super::find_person;
use super::lifecycle::Event;
use crate::db::entities::{evidence_entry, notification, person, verification_delegate};
use crate::domain::evidence::EvidenceAction;
use crate::error::AppError;
use crate::mail::Email;
use crate::model::CurrentUser;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

/// Tells the verifier of a submission, and the owner of a decision: in the app now, and by
/// the e-mail returned once the change is saved.
pub(super) async fn notify(
    db: &impl ConnectionTrait,
    entry: &evidence_entry::Model,
    owner: &person::Model,
    user: &CurrentUser,
    event: &Event<'_>,
    now: DateTime<Utc>,
) -> Result<Option<Email>, AppError> {
    let (action, comment) = (event.action, event.comment);
    let (to, kind, message, subject) = match action {
        EvidenceAction::Submit => {
            let Some(manager) = owner.line_manager_id else {
                return Ok(None);
            };
            let to = match verification_delegate::Entity::find_by_id(manager)
                .one(db)
                .await?
            {
                Some(d) if d.until > now => d.delegate_id,
                _ => manager,
            };
            (
                find_person(db, to).await?,
                "submitted",
                format!(
                    "{} submitted “{}” for verification.",
                    owner.name, entry.title
                ),
                format!("To verify: “{}” from {}", entry.title, owner.name),
            )
        }
        EvidenceAction::Verify => (
            owner.clone(),
            "verified",
            format!("{} verified “{}”.", user.name, entry.title),
            format!("Verified: “{}”", entry.title),
        ),
        EvidenceAction::RequestChanges => (
            owner.clone(),
            "changes_requested",
            format!("{} asked for changes to “{}”.", user.name, entry.title),
            format!("Changes asked for: “{}”", entry.title),
        ),
        EvidenceAction::Decline => (
            owner.clone(),
            "declined",
            format!("{} declined “{}”.", user.name, entry.title),
            format!("Declined: “{}”", entry.title),
        ),
        _ => return Ok(None),
    };
    notification::Entity::insert(notification::ActiveModel {
        person_id: Set(to.id),
        entry_id: Set(Some(entry.id)),
        kind: Set(kind.to_owned()),
        message: Set(message.clone()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?;
    let first_name = to.name.split_whitespace().next().unwrap_or(&to.name);
    let comment = if comment.is_empty() {
        String::new()
    } else {
        format!(
            "Their comment:\n\n    {}\n\n",
            comment.replace('\n', "\n    ")
        )
    };
    let next = if action == EvidenceAction::Submit {
        "Open it to verify"
    } else {
        "Open it"
    };
    Ok(Some(Email {
        to_name: to.name.clone(),
        to_address: to.email.clone(),
        subject,
        body: format!(
            "Hello {first_name},\n\n{message}\n\n{comment}{next}: {{base}}/evidence/{}\n\nWaymark\n",
            entry.id
        ),
    }))
}
