//! Milestone rules: listed with how many hold each, written and checked against what the
//! framework and the activity types offer, previewed (who would meet one today), applied to
//! the evidence already verified, retired and restored.

use super::choices::{choices, namer};
use super::judge::{give_for_rule, kind_of, shape, verified_entries};
use super::manager;
use crate::db::entities::{award, milestone_rule, person};
use crate::domain::recognition::{COLOURS, LevelScope, ParsedRule, RuleForm, RuleKind, first_met};
use crate::domain::{AcademyId, FieldError, PersonStatus, RuleId};
use crate::error::AppError;
use crate::mail::Email;
use crate::model::{CurrentUser, RuleChoices, RuleEditor, RulePreview, RuleView};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// How many names a preview lists.
const PREVIEW_NAMES: usize = 12;

/// Every rule, in use first, with how many people hold each.
pub async fn list(db: &DatabaseConnection, user: &CurrentUser) -> Result<Vec<RuleView>, AppError> {
    manager(user)?;
    let held: HashMap<i64, i64> = award::Entity::find()
        .select_only()
        .column(award::Column::RuleId)
        .column_as(award::Column::Id.count(), "held")
        .filter(award::Column::RuleId.is_not_null())
        .filter(award::Column::WithdrawnAt.is_null())
        .group_by(award::Column::RuleId)
        .into_tuple::<(Option<i64>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(rule, n)| Some((rule?, n)))
        .collect();
    let choices = choices(db).await?;
    let name = namer(&choices);
    Ok(milestone_rule::Entity::find()
        .order_by_desc(milestone_rule::Column::Active)
        .order_by_asc(milestone_rule::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RuleView {
            id: RuleId(r.id),
            sentence: kind_of(&r).map(|k| k.sentence(&name)).unwrap_or_default(),
            awarded: held
                .get(&r.id)
                .and_then(|n| u64::try_from(*n).ok())
                .unwrap_or(0),
            name: r.name,
            colour: r.colour,
            active: r.active,
        })
        .collect())
}

/// The form of rule `id` (a new one when `None`), with its preview.
pub async fn editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<RuleId>,
) -> Result<RuleEditor, AppError> {
    manager(user)?;
    let choices = choices(db).await?;
    let Some(id) = id else {
        return Ok(RuleEditor {
            id: None,
            form: RuleForm {
                kind: "cross_school".to_owned(),
                ..RuleForm::default()
            },
            colour: COLOURS[0].0.to_owned(),
            active: true,
            choices,
            preview: None,
        });
    };
    let rule = find(db, id).await?;
    let kind = kind_of(&rule);
    let preview = match &kind {
        Some(kind) => Some(preview_of(db, rule.id, kind, &choices).await?),
        None => None,
    };
    Ok(RuleEditor {
        id: Some(id),
        form: form_of(&rule, kind.as_ref()),
        colour: rule.colour,
        active: rule.active,
        choices,
        preview,
    })
}

async fn find(db: &impl ConnectionTrait, id: RuleId) -> Result<milestone_rule::Model, AppError> {
    milestone_rule::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A stored rule as its form shows it.
fn form_of(rule: &milestone_rule::Model, kind: Option<&RuleKind>) -> RuleForm {
    let mut form = RuleForm {
        name: rule.name.clone(),
        description: rule.description.clone(),
        kind: rule.kind.clone(),
        ..RuleForm::default()
    };
    match kind {
        Some(RuleKind::CrossSchool {
            activities,
            academies,
        }) => {
            form.activities = activities.to_string();
            form.academies = academies.to_string();
        }
        Some(RuleKind::Level { level, scope }) => {
            form.level = level.to_string();
            form.scope = match scope {
                LevelScope::AnyInStrand { strand } => format!("any:{strand}"),
                LevelScope::EveryInStrand { strand } => format!("every:{strand}"),
                LevelScope::Element { element } => format!("element:{element}"),
            };
        }
        Some(RuleKind::ActivityType {
            activity_type,
            entries,
        }) => {
            form.activity_type = activity_type.to_string();
            form.entries = entries.to_string();
        }
        Some(RuleKind::HoursInYear { hours }) => form.hours = hours.to_string(),
        Some(RuleKind::Pathway { pathway }) => form.pathway.clone_from(pathway),
        None => {}
    }
    form
}

/// The form read and checked against what the framework and activity types offer now.
async fn checked(
    db: &impl ConnectionTrait,
    form: &RuleForm,
    colour: &str,
) -> Result<(ParsedRule, RuleChoices), AppError> {
    let choices = choices(db).await?;
    let levels = u32::try_from(choices.levels.len()).unwrap_or(u32::MAX);
    let mut errors = Vec::new();
    let parsed = form
        .parse(levels)
        .map_err(|mut e| errors.append(&mut e))
        .ok();
    if !COLOURS.iter().any(|(c, _)| *c == colour) {
        errors.push(FieldError::new("colour", "Choose one of the colours"));
    }
    if let Some(rule) = &parsed {
        let known = |list: &[(String, String)], key: &str| list.iter().any(|(id, _)| id == key);
        let missing = match &rule.kind {
            RuleKind::Level { scope, .. } => match scope {
                LevelScope::AnyInStrand { strand } | LevelScope::EveryInStrand { strand } => {
                    (!known(&choices.strands, strand))
                        .then_some(("scope", "Choose a strand of the published framework"))
                }
                LevelScope::Element { element } => (!known(&choices.elements, element))
                    .then_some(("scope", "Choose an element of the published framework")),
            },
            RuleKind::ActivityType { activity_type, .. } => (!choices
                .activity_types
                .iter()
                .any(|(id, _)| id == activity_type))
            .then_some((
                "activity_type",
                "Choose one of the activity types staff record",
            )),
            RuleKind::Pathway { pathway } => (!known(&choices.pathways, pathway))
                .then_some(("pathway", "Choose a pathway of the published framework")),
            _ => None,
        };
        if let Some((field, message)) = missing {
            errors.push(FieldError::new(field, message));
        }
    }
    match parsed {
        Some(rule) if errors.is_empty() => Ok((rule, choices)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Adds (`id: None`) or changes a rule. Changing one does not touch the awards it gave.
pub async fn save(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<RuleId>,
    form: &RuleForm,
    colour: &str,
    now: DateTime<Utc>,
) -> Result<RuleId, AppError> {
    manager(user)?;
    let (rule, _) = checked(db, form, colour).await?;
    let json = serde_json::to_string(&rule.kind).map_err(|_| AppError::Internal)?;
    let mut row = match id {
        Some(id) => find(db, id).await?.into(),
        None => milestone_rule::ActiveModel {
            created_by: Set(user.actor.id.0),
            created_at: Set(now),
            active: Set(true),
            ..Default::default()
        },
    };
    row.name = Set(rule.name);
    row.description = Set(rule.description);
    row.kind = Set(rule.kind.code().to_owned());
    row.rule = Set(json);
    row.colour = Set(colour.to_owned());
    row.updated_at = Set(now);
    let saved = if id.is_some() {
        row.update(db).await?
    } else {
        row.insert(db).await?
    };
    Ok(RuleId(saved.id))
}

/// Who meets `kind` today, and how many of them do not hold rule `rule` yet.
async fn preview_of(
    db: &impl ConnectionTrait,
    rule: i64,
    kind: &RuleKind,
    choices: &RuleChoices,
) -> Result<RulePreview, AppError> {
    let meeting = meeting(db, kind).await?;
    let held: HashSet<i64> = holders(db, rule).await?;
    let mut names: Vec<String> = meeting.iter().map(|(p, _)| p.name.clone()).collect();
    names.sort();
    names.truncate(PREVIEW_NAMES);
    Ok(RulePreview {
        sentence: kind.sentence(namer(choices)),
        people: u64::try_from(meeting.len()).unwrap_or(u64::MAX),
        not_yet: u64::try_from(
            meeting
                .iter()
                .filter(|(p, _)| !held.contains(&p.id))
                .count(),
        )
        .unwrap_or(u64::MAX),
        names,
    })
}

/// Who would meet the rule the form describes, before it is saved.
pub async fn preview(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<RuleId>,
    form: &RuleForm,
    colour: &str,
) -> Result<RulePreview, AppError> {
    manager(user)?;
    let (rule, choices) = checked(db, form, colour).await?;
    preview_of(db, id.map_or(0, |id| id.0), &rule.kind, &choices).await
}

/// The people still working for the trust who meet `kind`, each with the day they first did.
async fn meeting(
    db: &impl ConnectionTrait,
    kind: &RuleKind,
) -> Result<Vec<(person::Model, chrono::NaiveDate)>, AppError> {
    let entries = verified_entries(db, None).await?;
    let shape = shape(db).await?;
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(entries.keys().copied()))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .all(db)
        .await?;
    Ok(people
        .into_iter()
        .filter_map(|p| {
            let theirs = entries.get(&p.id)?;
            let on = first_met(kind, p.academy_id.map(AcademyId), theirs, &shape)?;
            Some((p, on))
        })
        .collect())
}

/// Who holds rule `rule` (withdrawn awards included: withdrawing one does not let the rule
/// give it again).
async fn holders(db: &impl ConnectionTrait, rule: i64) -> Result<HashSet<i64>, AppError> {
    Ok(award::Entity::find()
        .select_only()
        .column(award::Column::PersonId)
        .filter(award::Column::RuleId.eq(rule))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Awards rule `id` to everyone whose verified evidence already meets it, dated the day each
/// first did. Returns how many it awarded and the e-mails to send.
pub async fn apply(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: RuleId,
    now: DateTime<Utc>,
) -> Result<(usize, Vec<Email>), AppError> {
    manager(user)?;
    let txn = crate::db::write_transaction(db).await?;
    let rule = find(&txn, id).await?;
    if !rule.active {
        return Err(AppError::Conflict(
            "This milestone is retired: restore it before applying it.".to_owned(),
        ));
    }
    let emails = award_everyone(&txn, &rule, now).await?;
    txn.commit().await?;
    Ok((emails.len(), emails))
}

/// Awards `rule` to everyone whose verified evidence meets it and who does not hold it yet,
/// each dated the day they first met it, inside the caller's transaction. Returns the e-mails
/// to send once it is saved (the demo trust is built with it too).
pub async fn award_everyone(
    db: &impl ConnectionTrait,
    rule: &milestone_rule::Model,
    now: DateTime<Utc>,
) -> Result<Vec<Email>, AppError> {
    let kind = kind_of(rule).ok_or(AppError::Internal)?;
    let held = holders(db, rule.id).await?;
    let mut emails = Vec::new();
    for (holder, on) in meeting(db, &kind).await? {
        if held.contains(&holder.id) {
            continue;
        }
        if let Some(email) = give_for_rule(db, &holder, rule, on, now).await? {
            emails.push(email);
        }
    }
    Ok(emails)
}

/// Retires (`active: false`) or restores a rule. Awards it gave stay either way. Returns its name.
pub async fn set_active(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: RuleId,
    active: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    manager(user)?;
    let rule = find(db, id).await?;
    let name = rule.name.clone();
    let mut row: milestone_rule::ActiveModel = rule.into();
    row.active = Set(active);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(name)
}
