//! Counting sign-in attempts in the database, atomically, before any password is checked
//! (the rule is [`crate::domain::throttle`]).

use crate::db::entities::sign_in_failure;
use crate::domain::throttle::{AttemptCount, ThrottlePolicy};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IdenStatic, QueryFilter,
};

/// Counts one sign-in attempt for `key` and returns the count with it, in one statement (an
/// upsert that returns its row), so attempts at the same moment each see their own number. A
/// window that has run out starts afresh, as [`ThrottlePolicy::count`] says.
pub(super) async fn count_attempt(
    db: &DatabaseConnection,
    key: &str,
    policy: &ThrottlePolicy,
    now: DateTime<Utc>,
) -> Result<AttemptCount, AppError> {
    use sign_in_failure::Column as C;
    let table = sign_in_failure::Entity;
    let fresh = Expr::col((table, C::WindowStartedAt)).gt(policy.stale_before(now));
    let attempts = Expr::case(fresh.clone(), Expr::col((table, C::Failures)).add(1)).finally(1);
    let started = Expr::case(fresh, Expr::col((table, C::WindowStartedAt))).finally(now);
    let upsert = Query::insert()
        .into_table(table)
        .columns([C::Key, C::Failures, C::WindowStartedAt])
        .values_panic([key.into(), 1.into(), now.into()])
        .on_conflict(
            OnConflict::column(C::Key)
                .values([
                    (C::Failures, attempts.into()),
                    (C::WindowStartedAt, started.into()),
                ])
                .to_owned(),
        )
        .returning(Query::returning().columns([C::Failures, C::WindowStartedAt]))
        .to_owned();
    let row = db
        .query_one(&upsert)
        .await?
        .ok_or_else(|| AppError::internal("counting a sign-in attempt returned no row"))?;
    Ok(AttemptCount {
        attempts: u32::try_from(row.try_get::<i32>("", C::Failures.as_str())?).unwrap_or(0),
        window_started_at: row.try_get("", C::WindowStartedAt.as_str())?,
    })
}

/// Takes back one counted attempt for each of `checks`' keys.
pub(super) async fn forgive(
    db: &DatabaseConnection,
    checks: &[(String, ThrottlePolicy)],
) -> Result<(), AppError> {
    use sign_in_failure::Column as C;
    sign_in_failure::Entity::update_many()
        .col_expr(C::Failures, Expr::col(C::Failures).sub(1))
        .filter(C::Key.is_in(checks.iter().map(|(key, _)| key.as_str())))
        .filter(C::Failures.gt(0))
        .exec(db)
        .await?;
    Ok(())
}
