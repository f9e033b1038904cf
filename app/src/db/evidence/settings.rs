//! Administrators' evidence settings: the kinds of activity staff record, and who verifies a
//! team's evidence while their line manager is away.

use crate::db::entities::{activity_type, evidence_entry, person, verification_delegate};
use crate::db::framework::{load_document, published_version};
use crate::domain::{
    Action, ActivityTypeId, EmailAddress, FieldError, PersonId, PersonStatus, authorize,
};
use crate::error::AppError;
use crate::model::{
    ActivityTypeForm, ActivityTypeView, CurrentUser, DelegateView, EvidenceSettings,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// The longest an activity type's name may be.
pub const MAX_NAME: usize = 120;
/// The longest its description may be.
pub const MAX_DESCRIPTION: usize = 1_000;
/// The furthest ahead cover may be arranged.
pub const MAX_COVER_DAYS: i64 = 366;

fn admin(user: &CurrentUser) -> Result<(), AppError> {
    Ok(authorize(&user.actor, Action::ManageEvidenceSettings)?)
}

/// (code, title) of every element of the published framework.
async fn elements(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, AppError> {
    Ok(match published_version(db).await? {
        Some(v) => load_document(db, &v)
            .await?
            .elements()
            .map(|e| (e.code.clone(), e.title.clone()))
            .collect(),
        None => Vec::new(),
    })
}

fn codes(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Everything on the evidence settings page.
pub async fn settings(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<EvidenceSettings, AppError> {
    admin(user)?;
    let uses: HashMap<i64, u64> = evidence_entry::Entity::find()
        .select_only()
        .column(evidence_entry::Column::ActivityTypeId)
        .column_as(evidence_entry::Column::Id.count(), "uses")
        .filter(evidence_entry::Column::ActivityTypeId.is_not_null())
        .group_by(evidence_entry::Column::ActivityTypeId)
        .into_tuple::<(Option<i64>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(t, n)| t.map(|t| (t, u64::try_from(n).unwrap_or(0))))
        .collect();
    let activity_types = activity_type::Entity::find()
        .order_by_desc(activity_type::Column::Active)
        .order_by_asc(activity_type::Column::Position)
        .order_by_asc(activity_type::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| ActivityTypeView {
            id: ActivityTypeId(t.id),
            entries: uses.get(&t.id).copied().unwrap_or(0),
            suggested: codes(&t.suggested_elements),
            name: t.name,
            description: t.description,
            needs_host: t.needs_host,
            active: t.active,
        })
        .collect();

    let cover = verification_delegate::Entity::find()
        .order_by_asc(verification_delegate::Column::Until)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = person::Entity::find()
        .filter(
            person::Column::Id.is_in(
                cover
                    .iter()
                    .flat_map(|d| [d.manager_id, d.delegate_id, d.set_by]),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let delegates = cover
        .iter()
        .map(|d| DelegateView {
            manager_id: PersonId(d.manager_id),
            manager: name(d.manager_id),
            delegate: name(d.delegate_id),
            until: crate::domain::text::day_of(d.until),
            set_by: name(d.set_by),
            current: d.until > now,
        })
        .collect();
    Ok(EvidenceSettings {
        activity_types,
        delegates,
        elements: elements(db).await?,
    })
}

/// One activity type, to change it.
pub async fn activity_type(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ActivityTypeId,
) -> Result<ActivityTypeView, AppError> {
    let id = id.0;
    admin(user)?;
    let t = activity_type::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ActivityTypeView {
        id: ActivityTypeId(t.id),
        entries: evidence_entry::Entity::find()
            .filter(evidence_entry::Column::ActivityTypeId.eq(t.id))
            .count(db)
            .await?,
        suggested: codes(&t.suggested_elements),
        name: t.name,
        description: t.description,
        needs_host: t.needs_host,
        active: t.active,
    })
}

/// Adds (`id: None`) or changes an activity type. Returns its id.
pub async fn save_activity_type(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<ActivityTypeId>,
    form: &ActivityTypeForm,
) -> Result<i64, AppError> {
    let id = id.map(|id| id.0);
    admin(user)?;
    let existing = match id {
        Some(id) => Some(
            activity_type::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let mut errors = Vec::new();
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let description = form.description.trim().to_owned();
    if name.is_empty() {
        errors.push(FieldError::new(
            "name",
            "Enter a name for the activity type",
        ));
    } else if name.chars().count() > MAX_NAME {
        errors.push(FieldError::new(
            "name",
            format!("The name must be {MAX_NAME} characters or fewer"),
        ));
    } else if activity_type::Entity::find()
        .all(db)
        .await?
        .iter()
        .any(|t| Some(t.id) != id && t.name.to_lowercase() == name.to_lowercase())
    {
        errors.push(FieldError::new(
            "name",
            format!("There is already an activity type called “{name}”"),
        ));
    }
    if description.is_empty() {
        errors.push(FieldError::new(
            "description",
            "Describe the activity, so staff know when to choose it",
        ));
    } else if description.chars().count() > MAX_DESCRIPTION {
        errors.push(FieldError::new(
            "description",
            format!("The description must be {MAX_DESCRIPTION} characters or fewer"),
        ));
    }
    let known = elements(db).await?;
    let mut suggested: Vec<String> = Vec::new();
    for code in &form.suggested {
        let code = code.trim();
        if code.is_empty() || suggested.iter().any(|c| c == code) {
            continue;
        }
        if known.iter().any(|(c, _)| c == code) {
            suggested.push(code.to_owned());
        } else {
            errors.push(FieldError::new(
                "suggested",
                format!("{code} is not an element of the published framework"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    // Kept in the framework's order, whatever order they were ticked in.
    suggested.sort_by_key(|c| known.iter().position(|(k, _)| k == c));
    let suggested = suggested.join(",");
    match existing {
        Some(t) => {
            activity_type::Entity::update(activity_type::ActiveModel {
                id: Set(t.id),
                name: Set(name),
                description: Set(description),
                needs_host: Set(form.needs_host),
                suggested_elements: Set(suggested),
                ..Default::default()
            })
            .exec(db)
            .await?;
            Ok(t.id)
        }
        None => {
            let position = activity_type::Entity::find()
                .order_by_desc(activity_type::Column::Position)
                .one(db)
                .await?
                .map_or(0, |t| t.position + 1);
            let inserted = activity_type::Entity::insert(activity_type::ActiveModel {
                name: Set(name),
                description: Set(description),
                needs_host: Set(form.needs_host),
                suggested_elements: Set(suggested),
                position: Set(position),
                active: Set(true),
                ..Default::default()
            })
            .exec(db)
            .await?;
            Ok(inserted.last_insert_id)
        }
    }
}

/// Retires an activity type (staff no longer see it; entries keep it) or brings it back.
/// Returns its name.
pub async fn set_activity_type_active(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ActivityTypeId,
    active: bool,
) -> Result<String, AppError> {
    let id = id.0;
    admin(user)?;
    let t = activity_type::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !active {
        let others = activity_type::Entity::find()
            .filter(activity_type::Column::Active.eq(true))
            .filter(activity_type::Column::Id.ne(id))
            .count(db)
            .await?;
        if others == 0 {
            return Err(AppError::Conflict(
                "This is the last activity type staff can choose: add another before retiring it"
                    .to_owned(),
            ));
        }
    }
    activity_type::Entity::update(activity_type::ActiveModel {
        id: Set(t.id),
        active: Set(active),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(t.name)
}

async fn active_person_by_email(
    db: &impl ConnectionTrait,
    field: &str,
    text: &str,
    missing: &str,
) -> Result<person::Model, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, missing));
    }
    let email = EmailAddress::parse(text).map_err(|e| FieldError::new(field, e.to_string()))?;
    match person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .one(db)
        .await
    {
        Ok(Some(p)) if PersonStatus::from_code(&p.status) == Some(PersonStatus::Active) => Ok(p),
        Ok(Some(_)) => Err(FieldError::new(field, format!("{text} has left the trust"))),
        Ok(None) => Err(FieldError::new(
            field,
            format!("Nobody in the trust has the e-mail address {text}"),
        )),
        Err(err) => {
            tracing::error!(%err, "looking up a person for cover");
            Err(FieldError::new(
                field,
                "Something went wrong. Please try again.",
            ))
        }
    }
}

/// Arranges for `delegate` to verify `manager`'s team until the end of `until` (a date, as a
/// date input sends it). Replaces any cover already arranged for that manager. Returns the
/// manager's name.
pub async fn set_delegate(
    db: &DatabaseConnection,
    user: &CurrentUser,
    manager: &str,
    delegate: &str,
    until: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    admin(user)?;
    let mut errors = Vec::new();
    let manager = active_person_by_email(
        db,
        "manager",
        manager,
        "Enter the e-mail address of the line manager who is away",
    )
    .await
    .map_err(|e| errors.push(e))
    .ok();
    let delegate = active_person_by_email(
        db,
        "delegate",
        delegate,
        "Enter the e-mail address of the person who will verify instead",
    )
    .await
    .map_err(|e| errors.push(e))
    .ok();
    if let Some(m) = &manager {
        let reports = person::Entity::find()
            .filter(person::Column::LineManagerId.eq(m.id))
            .count(db)
            .await?;
        if reports == 0 {
            errors.push(FieldError::new(
                "manager",
                format!(
                    "{} does not line-manage anyone, so has nothing to verify",
                    m.name
                ),
            ));
        }
    }
    if let (Some(m), Some(d)) = (&manager, &delegate)
        && m.id == d.id
    {
        errors.push(FieldError::new(
            "delegate",
            "Choose someone other than the manager who is away",
        ));
    }
    let today = now.date_naive();
    let until = match NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d") {
        Err(_) if until.trim().is_empty() => {
            errors.push(FieldError::new("until", "Enter the last day of the cover"));
            None
        }
        Err(_) => {
            errors.push(FieldError::new(
                "until",
                "Enter the last day as a real date, for example 2027-03-31",
            ));
            None
        }
        Ok(date) if date < today => {
            errors.push(FieldError::new(
                "until",
                "The last day of the cover cannot be in the past",
            ));
            None
        }
        Ok(date) if (date - today).num_days() > MAX_COVER_DAYS => {
            errors.push(FieldError::new(
                "until",
                "Cover can be arranged for up to a year: for longer, change the line manager",
            ));
            None
        }
        Ok(date) => date.and_hms_opt(23, 59, 59).map(|t| t.and_utc()),
    };
    let (Some(manager), Some(delegate), Some(until), true) =
        (manager, delegate, until, errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    let cover = verification_delegate::ActiveModel {
        manager_id: Set(manager.id),
        delegate_id: Set(delegate.id),
        until: Set(until),
        set_by: Set(user.actor.id.0),
    };
    if verification_delegate::Entity::find_by_id(manager.id)
        .one(db)
        .await?
        .is_some()
    {
        verification_delegate::Entity::update(cover)
            .exec(db)
            .await?;
    } else {
        verification_delegate::Entity::insert(cover)
            .exec(db)
            .await?;
    }
    Ok(manager.name)
}

/// Ends the cover for a manager now. Returns the manager's name.
pub async fn end_delegate(
    db: &DatabaseConnection,
    user: &CurrentUser,
    manager: PersonId,
) -> Result<String, AppError> {
    let manager = manager.0;
    admin(user)?;
    let deleted = verification_delegate::Entity::delete_by_id(manager)
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(person::Entity::find_by_id(manager)
        .one(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default())
}
/// Gives a trust with no activity types the starter set. Idempotent.
pub async fn ensure_activity_types(db: &impl ConnectionTrait) -> Result<(), AppError> {
    use sea_orm::PaginatorTrait;
    if activity_type::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    activity_type::Entity::insert_many(
        crate::domain::evidence::STARTER_ACTIVITY_TYPES
            .iter()
            .enumerate()
            .map(
                |(i, (name, description, needs_host, suggested))| activity_type::ActiveModel {
                    name: Set((*name).to_owned()),
                    description: Set((*description).to_owned()),
                    needs_host: Set(*needs_host),
                    suggested_elements: Set((*suggested).to_owned()),
                    position: Set(crate::db::list_position(i)),
                    active: Set(true),
                    ..Default::default()
                },
            ),
    )
    .exec(db)
    .await?;
    Ok(())
}
