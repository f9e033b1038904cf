//! Progression portfolios: built from a person's verified evidence (and, for those allowed to
//! see it, what is waiting for verification), against the published framework.

pub(super) mod build;
mod listing;
mod present;
pub mod sharing;
mod summary;

use crate::domain::PersonId;
use build::{Reader, build};

use super::framework::{read_published, with_published_columns};
use super::org::academy_name_of_person;
use crate::db::entities::{pathway_follower, person, portfolio_summary};
use crate::db::evidence::standing;
use crate::db::kept::Kept;
use crate::domain::portfolio::may_see_portfolio;
use crate::error::AppError;
use crate::model::{CurrentUser, Portfolio, PortfolioFilters};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, Query, SelectStatement};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, FromQueryResult, QuerySelect,
    QueryTrait,
};
use std::collections::BTreeSet;

/// The portfolio of `person` (the signed-in person's own when `None`), if `user` may see it.
pub async fn portfolio(
    db: &DatabaseConnection,
    kept: &Kept,
    user: &CurrentUser,
    person: Option<PersonId>,
    filters: &PortfolioFilters,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    let person = person.map(|id| id.0);
    let id = person.unwrap_or(user.actor.id.0);
    let read = async move { subject(db, id).await?.ok_or(AppError::NotFound) };
    if id == user.actor.id.0 {
        // Everyone may see their own: the person is read alongside the rest.
        let reader = Reader {
            own: true,
            shared: false,
        };
        return build(db, kept, id, read, filters, reader, now).await;
    }
    let subject = read.await?;
    let standing = standing(db, user, &subject.person, now).await?;
    if !may_see_portfolio(standing) {
        return Err(AppError::NotFound);
    }
    build(
        db,
        kept,
        id,
        async { Ok(subject) },
        filters,
        Reader {
            own: standing.owner,
            shared: false,
        },
        now,
    )
    .await
}

/// A person whose portfolio is asked for, with what their portfolio needs from beside their row.
pub(super) struct Subject {
    pub person: person::Model,
    /// Their academy's name.
    pub academy: Option<String>,
    /// Their kept summary's figures, when counted at their current evidence revision.
    pub kept: Option<String>,
    /// The published framework version's id and UUID.
    pub published: Option<(i64, String)>,
    /// The UUIDs of the pathways they follow.
    pub followed: BTreeSet<String>,
}

/// The person with `id`, their academy's name, their kept summary, which framework version is
/// published and which pathways they follow, in one query.
pub(super) async fn subject(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<Subject>, AppError> {
    use portfolio_summary::Column::{Figures, PersonId, Revision};
    use sea_orm::sea_query::ExprTrait;
    let query = with_published_columns(person::Entity::find_by_id(id))
        .expr_as(academy_name_of_person(), "academy_name")
        .expr_as(
            Query::select()
                .column(Figures)
                .from(portfolio_summary::Entity)
                .and_where(
                    Expr::col((portfolio_summary::Entity, PersonId))
                        .equals((person::Entity, person::Column::Id)),
                )
                .and_where(
                    Expr::col((portfolio_summary::Entity, Revision))
                        .equals((person::Entity, person::Column::EvidenceRevision)),
                )
                .to_owned(),
            "kept_summary",
        )
        .expr_as(
            followed_pathways(db.get_database_backend()),
            "followed_pathways",
        )
        .into_query();
    let Some(row) = db.query_one(&query).await? else {
        return Ok(None);
    };
    Ok(Some(Subject {
        person: person::Model::from_query_result(&row, "")?,
        academy: row.try_get("", "academy_name")?,
        kept: row.try_get("", "kept_summary")?,
        published: read_published(&row)?,
        followed: row
            .try_get::<Option<String>>("", "followed_pathways")?
            .unwrap_or_default()
            .split(',')
            .filter(|uuid| !uuid.is_empty())
            .map(str::to_owned)
            .collect(),
    }))
}

/// The UUIDs of the pathways the person in the outer query follows, joined by commas (a UUID
/// has none), as a scalar subquery: SQLite's `group_concat`, PostgreSQL's `string_agg`.
fn followed_pathways(backend: DbBackend) -> SelectStatement {
    use pathway_follower::Column::{PathwayUuid, PersonId};
    // In scope here only: its `max` would shadow `Ord::max` on the numbers elsewhere.
    use sea_orm::sea_query::ExprTrait;
    let join = match backend {
        DbBackend::Postgres => "string_agg",
        _ => "group_concat",
    };
    Query::select()
        .expr(
            Func::cust(join)
                .arg(Expr::col((pathway_follower::Entity, PathwayUuid)))
                .arg(","),
        )
        .from(pathway_follower::Entity)
        .and_where(
            Expr::col((pathway_follower::Entity, PersonId))
                .equals((person::Entity, person::Column::Id)),
        )
        .to_owned()
}
