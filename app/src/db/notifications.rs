//! In-app notifications: what a person should know about (a submission waiting for them, a
//! decision on their evidence), with what they have read.

use crate::db::entities::notification;
use crate::error::AppError;
use crate::model::{CurrentUser, NotificationView};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, SelectStatement};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

/// How many notifications a list shows.
pub const LIST_LIMIT: u64 = 50;

/// How many notifications of `person` (an expression for a person's id) are unread, as a
/// subquery.
pub(super) fn unread(person: Expr) -> SelectStatement {
    notification::Entity::find()
        .select_only()
        .expr(Expr::col(notification::Column::Id).count())
        .filter(Expr::col((notification::Entity, notification::Column::PersonId)).eq(person))
        .filter(notification::Column::ReadAt.is_null())
        .into_query()
}

/// The signed-in person's latest notifications, newest first.
pub async fn list(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<NotificationView>, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::PersonId.eq(user.actor.id.0))
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|n| NotificationView {
            message: n.message,
            href: n.entry_id.map(|id| format!("/evidence/{id}")),
            when: crate::domain::text::date_time(n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect())
}

/// Marks every one of the signed-in person's notifications read.
pub async fn mark_all_read(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::PersonId.eq(user.actor.id.0))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
