//! People: a manager's team and the staff directory (each scoped to what the acting person
//! may see), a person's record page, and the administrators' changes to people and leavers.

mod admin;
pub mod import;
mod leaving;
mod record;

pub use admin::{Saved, editor, save};
pub use leaving::{mark_left, mark_returned};
pub use record::page;

use crate::db::entities::{academy, person};
use crate::domain::PersonId;
use crate::domain::access::{PeopleScope, people_scope};
use crate::domain::{AcademyId, AcademyPhase, Action, PersonStatus, RoleCategory, authorize};
use crate::error::AppError;
use crate::model::{AcademySummary, CurrentUser, Page, PeopleFilter, PersonSummary};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// How many people a directory page shows.
pub const PER_PAGE: u64 = 25;

/// The acting person's direct reports, by name.
pub async fn team(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<PersonSummary>, AppError> {
    authorize(&user.actor, Action::ViewTeam)?;
    let people = person::Entity::find()
        .filter(person::Column::LineManagerId.eq(user.actor.id.0))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .order_by_asc(person::Column::Name)
        .all(db)
        .await?;
    summarise(db, people).await
}

/// A page of the staff directory, optionally narrowed by a search (name, e-mail or job title),
/// an academy and a role category. HR and administrators see the whole trust, leavers too; a
/// PD lead the people working at their own academy.
pub async fn directory(
    db: &DatabaseConnection,
    user: &CurrentUser,
    filter: &PeopleFilter,
) -> Result<Page<PersonSummary>, AppError> {
    let academy_filter = filter.academy.map(|id| id.0);
    authorize(&user.actor, Action::ViewPeople)?;
    let scope = people_scope(&user.actor).ok_or(AppError::Forbidden)?;
    let status = match scope {
        PeopleScope::WholeTrust => filter.status,
        PeopleScope::Academy(_) => PersonStatus::Active,
    };

    let mut query = person::Entity::find().filter(person::Column::Status.eq(status.code()));
    if filter.no_password && authorize(&user.actor, Action::ManageOrganisation).is_ok() {
        query = query.filter(person::Column::PasswordHash.is_null());
    }
    if let Some(category) = filter.category {
        query = query.filter(person::Column::RoleCategory.eq(category.code()));
    }
    query = match scope {
        PeopleScope::WholeTrust => match academy_filter {
            Some(id) => query.filter(person::Column::AcademyId.eq(id)),
            None => query,
        },
        PeopleScope::Academy(id) => query.filter(person::Column::AcademyId.eq(id.0)),
    };
    let search = filter.q.trim().to_lowercase();
    if !search.is_empty() {
        let pattern = format!("%{}%", escape_like(&search));
        let like = || LikeExpr::new(pattern.clone()).escape('\\');
        let lower = |col: person::Column| Expr::expr(Func::lower(Expr::col(col)));
        query = query.filter(
            Condition::any()
                .add(lower(person::Column::Name).like(like()))
                .add(lower(person::Column::Email).like(like()))
                .add(lower(person::Column::JobTitle).like(like())),
        );
    }
    let paginator = query
        .order_by_asc(person::Column::Name)
        .order_by_asc(person::Column::Id)
        .paginate(db, PER_PAGE);
    let total = paginator.num_items().await?;
    let last_page = Ord::max(total.div_ceil(PER_PAGE), 1);
    let page = Ord::clamp(filter.page, 1, last_page);
    let people = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: summarise(db, people).await?,
        page,
        per_page: PER_PAGE,
        total,
    })
}

/// The academies the acting person may filter the directory by, with their head counts.
pub async fn academies(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<AcademySummary>, AppError> {
    authorize(&user.actor, Action::ViewPeople)?;
    let scope = people_scope(&user.actor).ok_or(AppError::Forbidden)?;
    let mut query = academy::Entity::find().order_by_asc(academy::Column::Name);
    if let PeopleScope::Academy(id) = scope {
        query = query.filter(academy::Column::Id.eq(id.0));
    }
    let academies = query.all(db).await?;
    let counts = staff_counts(db).await?;
    Ok(academies
        .into_iter()
        .map(|a| AcademySummary {
            staff: counts.get(&a.id).copied().unwrap_or(0),
            phase: AcademyPhase::from_code(&a.phase).unwrap_or(AcademyPhase::Primary),
            id: AcademyId(a.id),
            closed: a.closed_on.is_some(),
            name: a.name,
        })
        .collect())
}

/// How many people work at each academy now (academies with nobody are absent).
pub(crate) async fn staff_counts(db: &DatabaseConnection) -> Result<HashMap<i64, u64>, AppError> {
    Ok(person::Entity::find()
        .select_only()
        .column(person::Column::AcademyId)
        .column_as(person::Column::Id.count(), "staff")
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .filter(person::Column::AcademyId.is_not_null())
        .group_by(person::Column::AcademyId)
        .into_tuple::<(Option<i64>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, n)| Some((id?, u64::try_from(n).unwrap_or(0))))
        .collect())
}

/// Adds academy names and report counts to a batch of people, in two queries.
async fn summarise(
    db: &DatabaseConnection,
    people: Vec<person::Model>,
) -> Result<Vec<PersonSummary>, AppError> {
    let academy_ids: Vec<i64> = people.iter().filter_map(|p| p.academy_id).collect();
    let academy_names: HashMap<i64, String> = academy::Entity::find()
        .filter(academy::Column::Id.is_in(academy_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let reports: HashMap<i64, i64> = person::Entity::find()
        .select_only()
        .column(person::Column::LineManagerId)
        .column_as(person::Column::Id.count(), "reports")
        .filter(person::Column::LineManagerId.is_in(ids))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .group_by(person::Column::LineManagerId)
        .into_tuple::<(Option<i64>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect();
    Ok(people
        .into_iter()
        .map(|p| PersonSummary {
            academy_name: p.academy_id.and_then(|id| academy_names.get(&id).cloned()),
            direct_reports: reports
                .get(&p.id)
                .copied()
                .unwrap_or(0)
                .try_into()
                .unwrap_or(0),
            role_category: RoleCategory::from_code(&p.role_category)
                .unwrap_or(RoleCategory::Delivering),
            id: PersonId(p.id),
            name: p.name,
            email: p.email,
            job_title: p.job_title,
            left_on: p.left_on.map(crate::domain::text::long_date),
        })
        .collect())
}

/// Escapes `%` and `_` so a search for "50%" means the characters, not a wildcard.
fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
