//! The trust as a whole.

use crate::db::entities::{academy, person, trust};
use crate::error::AppError;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};

/// What the product is called before a trust has been set up.
pub const DEFAULT_TRUST_NAME: &str = "Waymark";

/// The trust's name.
pub async fn trust_name(db: &impl ConnectionTrait) -> Result<String, AppError> {
    Ok(header(db, None).await?.trust_name)
}

/// What every page's header shows.
#[derive(Clone, Debug)]
pub struct Header {
    pub trust_name: String,
    /// How many of the signed-in person's notifications are unread (none for no one).
    pub unread: u64,
}

/// What every page's header shows, for `person` if someone is signed in: one statement. (For
/// someone signed in, the session's statement reads it: see [`with_header_columns`].)
pub async fn header(db: &impl ConnectionTrait, person: Option<i64>) -> Result<Header, AppError> {
    let query = with_header_columns(Query::select().to_owned(), person.map(Expr::val));
    let row = db.query_one(&query).await?.ok_or(DbErr::RecordNotFound(
        "a statement without a table gives one row".to_owned(),
    ))?;
    Ok(read_header(&row, person.is_some())?)
}

/// Adds to a statement what the header shows: the trust's name and, when `person` (an
/// expression for a person's id) is given, how many of their notifications are unread.
pub(super) fn with_header_columns(
    mut query: SelectStatement,
    person: Option<Expr>,
) -> SelectStatement {
    query.expr_as(
        Query::select()
            .column(trust::Column::Name)
            .from(trust::Entity)
            .order_by(trust::Column::Id, Order::Asc)
            .limit(1)
            .to_owned(),
        "trust_name",
    );
    if let Some(person) = person {
        query.expr_as(super::notifications::unread(person), "unread");
    }
    query
}

/// The header from a row with [`with_header_columns`] (`unread` when a person was given).
pub(super) fn read_header(row: &QueryResult, unread: bool) -> Result<Header, DbErr> {
    let trust_name: Option<String> = row.try_get("", "trust_name")?;
    let unread: i64 = if unread {
        row.try_get("", "unread")?
    } else {
        0
    };
    Ok(Header {
        trust_name: trust_name.unwrap_or_else(|| DEFAULT_TRUST_NAME.to_owned()),
        unread: u64::try_from(unread).unwrap_or(0),
    })
}

/// The name of the academy of the person in the enclosing query (which has the `person` table
/// in it), as a subquery.
pub(super) fn academy_name_of_person() -> SelectStatement {
    Query::select()
        .column(academy::Column::Name)
        .from(academy::Entity)
        .and_where(
            Expr::col((academy::Entity, academy::Column::Id))
                .equals((person::Entity, person::Column::AcademyId)),
        )
        .to_owned()
}
