//! The kinds of activity staff record: listed with how often each is used, added, changed,
//! retired and restored, and the starter set a new trust begins with.

use super::{MAX_DESCRIPTION, MAX_NAME, admin, codes, elements};
use crate::db::entities::{activity_type, evidence_entry};
use crate::domain::{ActivityTypeId, FieldError};
use crate::error::AppError;
use crate::model::{ActivityTypeForm, ActivityTypeView, CurrentUser};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Every activity type, in use first, with how many entries use each.
pub(super) async fn listing(db: &DatabaseConnection) -> Result<Vec<ActivityTypeView>, AppError> {
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
    Ok(activity_types)
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
