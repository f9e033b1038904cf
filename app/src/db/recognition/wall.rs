//! The celebration wall: recent awards of the people who chose to appear on it, narrowed by
//! academy and award; and each person's choice, theirs alone to make.

use super::present::present;
use crate::db::entities::{academy, award, person};
use crate::domain::{AcademyId, PersonStatus};
use crate::error::AppError;
use crate::model::{CurrentUser, Page, WallFilters, WallPage};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Awards per page of the wall.
pub const PER_PAGE: u64 = 24;

/// The wall as `user` reads it: every signed-in person may.
pub async fn wall(
    db: &DatabaseConnection,
    user: &CurrentUser,
    filters: &WallFilters,
) -> Result<WallPage, AppError> {
    let mut query = standing_on_wall(filters.academy);
    if let Some(name) = filters.award.as_deref().filter(|n| !n.is_empty()) {
        query = query.filter(award::Column::Name.eq(name));
    }
    let paginator = query
        .order_by_desc(award::Column::AwardedOn)
        .order_by_desc(award::Column::Id)
        .paginate(db, PER_PAGE);
    let total = paginator.num_items().await?;
    let page = filters
        .page
        .unwrap_or(1)
        .clamp(1, total.div_ceil(PER_PAGE).max(1));
    let awards = paginator.fetch_page(page - 1).await?;
    let award_names: Vec<String> = award::Entity::find()
        .select_only()
        .column(award::Column::Name)
        .filter(award::Column::WithdrawnAt.is_null())
        .distinct()
        .order_by_asc(award::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    let academies = open_academies(db).await?;
    let on_wall = person::Entity::find_by_id(user.actor.id.0)
        .one(db)
        .await?
        .is_some_and(|p| p.on_wall);
    Ok(WallPage {
        awards: Page {
            items: present(db, awards).await?,
            page,
            per_page: PER_PAGE,
            total,
        },
        academies,
        award_names,
        academy: filters.academy,
        award: filters.award.clone().filter(|n| !n.is_empty()),
        on_wall,
    })
}

/// The awards that stand, of the active people who chose to appear on the wall (of `academy`
/// only, when given).
pub(super) fn standing_on_wall(academy: Option<AcademyId>) -> sea_orm::Select<award::Entity> {
    let mut shown = Query::select();
    shown
        .column(person::Column::Id)
        .from(person::Entity)
        .and_where(person::Column::OnWall.eq(true))
        .and_where(person::Column::Status.eq(PersonStatus::Active.code()));
    if let Some(academy) = academy {
        shown.and_where(person::Column::AcademyId.eq(academy.0));
    }
    award::Entity::find()
        .filter(award::Column::WithdrawnAt.is_null())
        .filter(award::Column::PersonId.in_subquery(shown))
}

/// The academies that are open, by name, to narrow a list to one.
pub(super) async fn open_academies(
    db: &DatabaseConnection,
) -> Result<Vec<(AcademyId, String)>, AppError> {
    Ok(academy::Entity::find()
        .filter(academy::Column::ClosedOn.is_null())
        .order_by_asc(academy::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (AcademyId(a.id), a.name))
        .collect())
}

/// Puts `user` on the wall, or takes them off it at once.
pub async fn set_on_wall(
    db: &DatabaseConnection,
    user: &CurrentUser,
    on: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    person::Entity::update_many()
        .col_expr(person::Column::OnWall, sea_orm::sea_query::Expr::value(on))
        .col_expr(
            person::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(person::Column::Id.eq(user.actor.id.0))
        .exec(db)
        .await?;
    Ok(())
}
