//! A person's record page: their details, their line above and below, and the audit trail of
//! changes to them. The person reads their own; HR and administrators read anyone's.

use crate::db::entities::{academy, person, person_role};
use crate::db::org_trail::{self, Subject};
use crate::domain::access::may_read_record;
use crate::domain::line::chain_above;
use crate::domain::text::long_date;
use crate::domain::{
    AcademyId, AccessRole, Action, PersonId, PersonStatus, RoleCategory, authorize,
};
use crate::error::AppError;
use crate::model::{CENTRAL_TEAM, CurrentUser, PersonLink, PersonPage, PersonRecord};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// The person with `id`, or "not found".
pub(super) async fn find(
    db: &impl ConnectionTrait,
    id: PersonId,
) -> Result<person::Model, AppError> {
    person::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The access roles `person` holds, in [`AccessRole::ALL`] order.
pub(super) async fn roles_of(
    db: &impl ConnectionTrait,
    person: i64,
) -> Result<Vec<AccessRole>, AppError> {
    let held: Vec<String> = person_role::Entity::find()
        .select_only()
        .column(person_role::Column::Role)
        .filter(person_role::Column::PersonId.eq(person))
        .into_tuple()
        .all(db)
        .await?;
    Ok(AccessRole::ALL
        .iter()
        .copied()
        .filter(|r| held.iter().any(|h| h == r.code()))
        .collect())
}

/// The name of every academy, by id.
pub(super) async fn academy_names(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i64, String>, AppError> {
    Ok(academy::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect())
}

/// Where someone works, in words: their academy's name or the central trust team.
pub(super) fn workplace(academy: Option<i64>, names: &HashMap<i64, String>) -> String {
    academy
        .and_then(|id| names.get(&id).cloned())
        .unwrap_or_else(|| CENTRAL_TEAM.to_owned())
}

/// Who manages whom, for everyone: what a loop check and a chain walk read.
pub(super) async fn managers(
    db: &impl ConnectionTrait,
) -> Result<HashMap<PersonId, PersonId>, AppError> {
    let pairs: Vec<(i64, Option<i64>)> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .column(person::Column::LineManagerId)
        .filter(person::Column::LineManagerId.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(pairs
        .into_iter()
        .filter_map(|(p, m)| Some((PersonId(p), PersonId(m?))))
        .collect())
}

fn link(p: &person::Model, names: &HashMap<i64, String>) -> PersonLink {
    PersonLink {
        id: PersonId(p.id),
        name: p.name.clone(),
        job_title: p.job_title.clone(),
        workplace: workplace(p.academy_id, names),
    }
}

/// `person`'s record as the form and the record page show it.
pub(super) async fn record(
    db: &impl ConnectionTrait,
    p: &person::Model,
    names: &HashMap<i64, String>,
) -> Result<PersonRecord, AppError> {
    let manager = match p.line_manager_id {
        Some(id) => person::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(PersonRecord {
        id: PersonId(p.id),
        name: p.name.clone(),
        email: p.email.clone(),
        employee_number: p.employee_number.clone().unwrap_or_default(),
        job_title: p.job_title.clone(),
        academy: p.academy_id.map(AcademyId),
        workplace: workplace(p.academy_id, names),
        role_category: RoleCategory::from_code(&p.role_category)
            .unwrap_or(RoleCategory::Delivering),
        line_manager_email: manager
            .as_ref()
            .map(|m| m.email.clone())
            .unwrap_or_default(),
        line_manager: manager.as_ref().map(|m| link(m, names)),
        roles: roles_of(db, p.id).await?,
        status: PersonStatus::from_code(&p.status).unwrap_or(PersonStatus::Active),
        left_on: p.left_on.map(long_date),
    })
}

/// `id`'s record page, for someone who may read it.
pub async fn page(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: PersonId,
) -> Result<PersonPage, AppError> {
    if !may_read_record(&user.actor, id) {
        return Err(AppError::Forbidden);
    }
    let p = find(db, id).await?;
    let names = academy_names(db).await?;
    let managers = managers(db).await?;
    let chain_ids: Vec<i64> = chain_above(id, |p| managers.get(&p).copied())
        .into_iter()
        .map(|p| p.0)
        .collect();
    let above: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(chain_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let chain = chain_ids
        .iter()
        .filter_map(|id| above.get(id).map(|p| link(p, &names)))
        .collect();
    let reports = person::Entity::find()
        .filter(person::Column::LineManagerId.eq(id.0))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .order_by_asc(person::Column::Name)
        .all(db)
        .await?
        .iter()
        .map(|p| link(p, &names))
        .collect();
    let may_manage = authorize(&user.actor, Action::ManageOrganisation).is_ok();
    let invitation = match may_manage {
        true => Some(crate::db::getting_in::invitation_status(db, &p).await?),
        false => None,
    };
    Ok(PersonPage {
        person: record(db, &p, &names).await?,
        chain,
        reports,
        history: org_trail::history(db, Subject::Person(p.id)).await?,
        may_manage,
        invitation,
    })
}
