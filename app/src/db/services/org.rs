//! The trust as a whole.

use crate::db::entities::trust;
use crate::error::AppError;
use sea_orm::sea_query::{Order, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// What the product is called before a trust has been set up.
pub const DEFAULT_TRUST_NAME: &str = "Waymark";

/// The trust's name.
pub async fn trust_name(db: &DatabaseConnection) -> Result<String, AppError> {
    Ok(header(db, None).await?.trust_name)
}

/// What every page's header shows.
#[derive(Debug)]
pub struct Header {
    pub trust_name: String,
    /// How many of the signed-in person's notifications are unread (none for no one).
    pub unread: u64,
}

/// What every page's header shows, for `person` if someone is signed in: one statement, since
/// every page asks it.
pub async fn header(db: &DatabaseConnection, person: Option<i64>) -> Result<Header, AppError> {
    let mut query = Query::select();
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
    let row = db.query_one(&query).await?;
    let trust_name: Option<String> = match &row {
        Some(row) => row.try_get("", "trust_name")?,
        None => None,
    };
    let unread: i64 = match &row {
        Some(row) if person.is_some() => row.try_get("", "unread")?,
        _ => 0,
    };
    Ok(Header {
        trust_name: trust_name.unwrap_or_else(|| DEFAULT_TRUST_NAME.to_owned()),
        unread: u64::try_from(unread).unwrap_or(0),
    })
}
