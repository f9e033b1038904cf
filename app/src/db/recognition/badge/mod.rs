//! Awards as Open Badges 3.0 credentials: signed for their holders to download and share,
//! checked for anyone who is handed one, with the trust's issuer profile (and public key) and
//! its milestones' achievements published for verifiers. The documents themselves are built in
//! [`crate::domain::recognition::badge`]; the key is the [`Seal`].

mod seal;

pub use seal::{Checked, Seal};

use super::certificate::verify;
use super::judge::kind_of;
use super::trust_name;
use crate::db::entities::{award, milestone_rule};
use crate::domain::recognition::badge::{self, Achievement, Issuer};
use crate::domain::{Action, AwardId, authorize};
use crate::error::AppError;
use crate::model::{CredentialCheck, CredentialVerdict, CurrentUser};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

/// The most a pasted credential may hold: ours are about 2 KB.
pub const MAX_CHECKED: usize = 64 * 1024;

/// Award `id`'s name and its credential, signed: for its holder, HR and
/// administrators (anyone else is told it does not exist). A withdrawn award has none.
pub async fn credential(
    db: &DatabaseConnection,
    seal: &Seal,
    base: &str,
    user: &CurrentUser,
    id: AwardId,
) -> Result<(String, Value), AppError> {
    let found = award::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let holder = found.person_id == user.actor.id.0;
    if !holder && authorize(&user.actor, Action::ManageRecognition).is_err() {
        return Err(AppError::NotFound);
    }
    if found.withdrawn_at.is_some() {
        return Err(AppError::Gone(
            "This award was withdrawn, so it has no credential.".to_owned(),
        ));
    }
    let trust = trust_name(db).await?;
    let issuer = Issuer { base, name: &trust };
    let achievement = achievement_of(db, &issuer, &found).await?;
    let unsigned = badge::credential(
        &issuer,
        &badge::Award {
            public_id: &found.public_id,
            name: &found.name,
            citation: &found.citation,
            awarded_on: found.awarded_on,
            achievement,
        },
    );
    let signed = seal.sign(unsigned, &issuer.key_id(), &issuer.id()).await?;
    Ok((found.name, signed))
}

async fn achievement_of(
    db: &DatabaseConnection,
    issuer: &Issuer<'_>,
    found: &award::Model,
) -> Result<Achievement, AppError> {
    let rule = match found.rule_id {
        Some(rule) => milestone_rule::Entity::find_by_id(rule).one(db).await?,
        None => None,
    };
    Ok(match rule {
        Some(rule) => milestone(db, issuer, &rule).await?,
        None => Achievement::by_hand(
            issuer,
            &found.public_id,
            &found.name,
            &found.citation,
            &found.group_name,
        ),
    })
}

async fn milestone(
    db: &DatabaseConnection,
    issuer: &Issuer<'_>,
    rule: &milestone_rule::Model,
) -> Result<Achievement, AppError> {
    let choices = super::choices::choices(db).await?;
    let sentence = kind_of(rule)
        .map(|k| k.sentence(super::choices::namer(&choices)))
        .unwrap_or_else(|| rule.name.clone());
    Ok(Achievement::of_milestone(
        issuer,
        rule.id,
        &rule.name,
        &rule.description,
        &sentence,
    ))
}

/// Milestone `rule`'s achievement, public once someone holds it (a milestone no one has met
/// yet is HR's draft, and "not found").
pub async fn achievement(
    db: &DatabaseConnection,
    base: &str,
    rule: i64,
) -> Result<Value, AppError> {
    let found = milestone_rule::Entity::find_by_id(rule)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let held = award::Entity::find()
        .filter(award::Column::RuleId.eq(rule))
        .count(db)
        .await?;
    if held == 0 {
        return Err(AppError::NotFound);
    }
    let trust = trust_name(db).await?;
    let issuer = Issuer { base, name: &trust };
    Ok(milestone(db, &issuer, &found).await?.to_document(&issuer))
}

/// The trust's issuer profile with its public key, for anyone.
pub async fn issuer(db: &DatabaseConnection, seal: &Seal, base: &str) -> Result<Value, AppError> {
    let trust = trust_name(db).await?;
    let issuer = Issuer { base, name: &trust };
    let key = seal
        .public_multibase(&issuer.key_id(), &issuer.id())
        .await?;
    Ok(badge::issuer_profile(&issuer, &key))
}

/// What a credential file pasted by anyone is: the trust's and unchanged (and whether its
/// award still stands), or not.
pub async fn check(
    db: &DatabaseConnection,
    seal: &Seal,
    base: &str,
    text: &str,
) -> Result<CredentialCheck, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::field(
            "credential",
            "Paste the credential: open its .json file in a text editor and copy all of it.",
        ));
    }
    if text.len() > MAX_CHECKED {
        return Err(AppError::field(
            "credential",
            "This is far longer than any credential Waymark issues: check the right file was pasted.",
        ));
    }
    let trust = trust_name(db).await?;
    let issuer = Issuer { base, name: &trust };
    let unchecked = |verdict| CredentialCheck {
        verdict,
        award: None,
    };
    match seal.check(text, &issuer.key_id(), &issuer.id()).await? {
        Checked::Unreadable(why) => return Ok(unchecked(CredentialVerdict::Unreadable(why))),
        Checked::NotGenuine(why) => return Ok(unchecked(CredentialVerdict::NotGenuine(why))),
        Checked::Genuine => {}
    }
    let id = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v["id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    let Some(token) = issuer.public_id_of(&id) else {
        return Ok(unchecked(CredentialVerdict::NotGenuine(
            "It is signed with this trust's key but names no award of this trust.".to_owned(),
        )));
    };
    let award = verify(db, token).await?;
    let verdict = match &award.withdrawn {
        Some(when) => CredentialVerdict::Withdrawn(when.clone()),
        None => CredentialVerdict::Genuine,
    };
    Ok(CredentialCheck {
        verdict,
        award: Some(award),
    })
}
