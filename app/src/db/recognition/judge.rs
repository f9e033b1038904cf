//! Judging rules against the record: the framework's shape, people's verified entries as rules
//! read them, and giving the awards a verification has just earned — inside its transaction,
//! once per person and rule however many verifications race (the unique index decides).

use super::present::award_email;
use crate::db::entities::{
    award, evidence_claim, evidence_entry, evidence_place, milestone_rule, notification, person,
};
use crate::db::framework::{load_document, published_version};
use crate::domain::evidence::EvidenceStatus;
use crate::domain::recognition::{FrameworkShape, RuleKind, VerifiedEntry, first_met};
use crate::domain::{AcademyId, ActivityTypeId};
use crate::error::AppError;
use crate::mail::Email;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// The published framework's strands and pathways as rules read them (empty when none is
/// published).
pub(super) async fn shape(db: &impl ConnectionTrait) -> Result<FrameworkShape, AppError> {
    let Some(version) = published_version(db).await? else {
        return Ok(FrameworkShape::default());
    };
    let doc = load_document(db, &version).await?;
    let uuid_of: HashMap<&str, &str> = doc
        .elements()
        .filter_map(|e| Some((e.code.as_str(), e.id.as_deref()?)))
        .collect();
    let strands = doc
        .strands
        .iter()
        .filter_map(|s| {
            let elements = s.elements.iter().filter_map(|e| e.id.clone()).collect();
            Some((s.id.clone()?, elements))
        })
        .collect();
    let pathways = doc
        .pathways
        .iter()
        .filter_map(|p| {
            let targets = p
                .targets
                .iter()
                .filter_map(|t| Some(((*uuid_of.get(t.element.as_str())?).to_owned(), t.level)))
                .collect();
            Some((p.id.clone()?, targets))
        })
        .collect();
    Ok(FrameworkShape { strands, pathways })
}

/// The verified entries of `owner` (of everyone when `None`), by owner.
pub(super) async fn verified_entries(
    db: &impl ConnectionTrait,
    owner: Option<i64>,
) -> Result<HashMap<i64, Vec<VerifiedEntry>>, AppError> {
    let verified = EvidenceStatus::Verified.code();
    let mut ids = Query::select();
    ids.column(evidence_entry::Column::Id)
        .from(evidence_entry::Entity)
        .and_where(evidence_entry::Column::Status.eq(verified));
    let mut entries =
        evidence_entry::Entity::find().filter(evidence_entry::Column::Status.eq(verified));
    if let Some(owner) = owner {
        ids.and_where(evidence_entry::Column::OwnerId.eq(owner));
        entries = entries.filter(evidence_entry::Column::OwnerId.eq(owner));
    }
    let places: Vec<(i64, i64)> = evidence_place::Entity::find()
        .select_only()
        .columns([
            evidence_place::Column::EntryId,
            evidence_place::Column::AcademyId,
        ])
        .filter(evidence_place::Column::EntryId.in_subquery(ids.clone()))
        .into_tuple()
        .all(db)
        .await?;
    let claims: Vec<(i64, String, Option<i32>)> = evidence_claim::Entity::find()
        .select_only()
        .columns([
            evidence_claim::Column::EntryId,
            evidence_claim::Column::ElementUuid,
            evidence_claim::Column::VerifiedLevel,
        ])
        .filter(evidence_claim::Column::EntryId.in_subquery(ids))
        .into_tuple()
        .all(db)
        .await?;
    let mut places_of: HashMap<i64, Vec<AcademyId>> = HashMap::new();
    for (entry, academy) in places {
        places_of.entry(entry).or_default().push(AcademyId(academy));
    }
    let mut claims_of: HashMap<i64, Vec<(String, u32)>> = HashMap::new();
    for (entry, element, level) in claims {
        if let Some(level) = level.and_then(|l| u32::try_from(l).ok()) {
            claims_of.entry(entry).or_default().push((element, level));
        }
    }
    let mut by_owner: HashMap<i64, Vec<VerifiedEntry>> = HashMap::new();
    for e in entries.all(db).await? {
        let verified_on = e
            .decided_at
            .map_or_else(|| e.updated_at.date_naive(), |d| d.date_naive());
        by_owner.entry(e.owner_id).or_default().push(VerifiedEntry {
            verified_on,
            started_on: e.started_on,
            activity_type: e.activity_type_id.map(ActivityTypeId),
            places: places_of.remove(&e.id).unwrap_or_default(),
            quarters: i64::from(e.hours_quarters.unwrap_or(0)),
            claims: claims_of.remove(&e.id).unwrap_or_default(),
        });
    }
    Ok(by_owner)
}

/// A rule as stored, read back (`None`, with a warning, if it no longer reads).
pub(super) fn kind_of(rule: &milestone_rule::Model) -> Option<RuleKind> {
    serde_json::from_str(&rule.rule)
        .inspect_err(|e| tracing::warn!(rule = rule.id, "a milestone rule does not read: {e}"))
        .ok()
}

/// Gives `person` an award for `rule`, first met on `on`, unless they hold one already (then
/// nothing happens). Tells them in the app, and returns the e-mail to send once saved.
pub(super) async fn give_for_rule(
    db: &impl ConnectionTrait,
    holder: &person::Model,
    rule: &milestone_rule::Model,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<Email>, AppError> {
    let inserted = award::Entity::insert(award::ActiveModel {
        public_id: Set(super::present::public_id()),
        person_id: Set(holder.id),
        rule_id: Set(Some(rule.id)),
        name: Set(rule.name.clone()),
        citation: Set(rule.description.clone()),
        group_name: Set(String::new()),
        given_by: Set(None),
        awarded_on: Set(on),
        created_at: Set(now),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
        withdrawn_reason: Set(String::new()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([award::Column::PersonId, award::Column::RuleId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 0 {
        return Ok(None);
    }
    tell(db, holder, &rule.name, now).await?;
    Ok(Some(award_email(holder, &rule.name)))
}

/// Tells `holder` in the app that they have an award.
pub(super) async fn tell(
    db: &impl ConnectionTrait,
    holder: &person::Model,
    award: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    notification::Entity::insert(notification::ActiveModel {
        person_id: Set(holder.id),
        entry_id: Set(None),
        kind: Set("award".to_owned()),
        message: Set(format!(
            "You have a new award: {award}. It is on your portfolio."
        )),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Gives `person` every award their verified evidence has earned and they do not hold yet:
/// called inside the transaction of each verification. Returns the e-mails to send.
pub(crate) async fn award_due(
    db: &impl ConnectionTrait,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Email>, AppError> {
    let held: HashSet<i64> = award::Entity::find()
        .select_only()
        .column(award::Column::RuleId)
        .filter(award::Column::PersonId.eq(person_id))
        .filter(award::Column::RuleId.is_not_null())
        .into_tuple::<Option<i64>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let due: Vec<milestone_rule::Model> = milestone_rule::Entity::find()
        .filter(milestone_rule::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter(|r| !held.contains(&r.id))
        .collect();
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let holder = person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let entries = verified_entries(db, Some(person_id))
        .await?
        .remove(&person_id)
        .unwrap_or_default();
    // Only level and pathway rules need the framework: read it only for them.
    let needs_framework = due
        .iter()
        .filter_map(kind_of)
        .any(|k| matches!(k, RuleKind::Level { .. } | RuleKind::Pathway { .. }));
    let shape = if needs_framework {
        shape(db).await?
    } else {
        FrameworkShape::default()
    };
    let home = holder.academy_id.map(AcademyId);
    let mut emails = Vec::new();
    for rule in &due {
        let Some(kind) = kind_of(rule) else { continue };
        if let Some(on) = first_met(&kind, home, &entries, &shape)
            && let Some(email) = give_for_rule(db, &holder, rule, on, now).await?
        {
            emails.push(email);
        }
    }
    Ok(emails)
}
