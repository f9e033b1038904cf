//! Share links: read-only views of a person's verified evidence for someone without an
//! account (an interview panel). The token is 256 random bits, shown to the owner once; only
//! its SHA-256 is kept. Every opening is recorded, and refused ones at most hourly per link.

use super::build::{Reader, build};
use super::subject;
use crate::db::entities::{share_link, share_opening};
use crate::db::kept::Kept;
use crate::domain::{FieldError, PersonStatus, ShareId};
use crate::error::AppError;
use crate::model::{CurrentUser, Portfolio, PortfolioFilters, ShareView};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// How long a link lasts unless its owner says otherwise.
pub const DEFAULT_DAYS: i64 = 30;
/// The longest a link may last.
pub const MAX_DAYS: i64 = 365;
/// The longest a link's label may be.
pub const MAX_LABEL: usize = 120;

/// "12 March 2027".
fn day(t: DateTime<Utc>) -> String {
    crate::domain::text::long_date(t.date_naive())
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Makes a link to the signed-in person's portfolio, lasting `days` (empty: 30). Returns the
/// token, which is never shown again.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    label: &str,
    days: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let mut errors = Vec::new();
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.chars().count() > MAX_LABEL {
        errors.push(FieldError::new(
            "label",
            format!("The name must be {MAX_LABEL} characters or fewer"),
        ));
    }
    let days = match days.trim() {
        "" => Some(DEFAULT_DAYS),
        text => match text.parse::<i64>() {
            Ok(d) if (1..=MAX_DAYS).contains(&d) => Some(d),
            Ok(_) => {
                errors.push(FieldError::new(
                    "days",
                    format!("A link can last from 1 to {MAX_DAYS} days"),
                ));
                None
            }
            Err(_) => {
                errors.push(FieldError::new(
                    "days",
                    "Enter the number of days as a whole number, such as 30",
                ));
                None
            }
        },
    };
    let (Some(days), true) = (days, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    share_link::Entity::insert(share_link::ActiveModel {
        person_id: Set(user.actor.id.0),
        token_hash: Set(hash(&token)),
        label: Set(if label.is_empty() {
            "Portfolio link".to_owned()
        } else {
            label
        }),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(days)),
        revoked_at: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(token)
}

/// The signed-in person's links, newest first.
pub async fn list(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<ShareView>, AppError> {
    let links = share_link::Entity::find()
        .filter(share_link::Column::PersonId.eq(user.actor.id.0))
        .order_by_desc(share_link::Column::CreatedAt)
        .order_by_desc(share_link::Column::Id)
        .all(db)
        .await?;
    // Counted by the database: a link opened ten thousand times is still one row here.
    let counted: Vec<(i64, i64, Option<DateTime<Utc>>)> = share_opening::Entity::find()
        .select_only()
        .column(share_opening::Column::LinkId)
        .column_as(share_opening::Column::Id.count(), "openings")
        .column_as(share_opening::Column::At.max(), "last")
        .filter(share_opening::Column::LinkId.is_in(links.iter().map(|l| l.id)))
        .group_by(share_opening::Column::LinkId)
        .into_tuple()
        .all(db)
        .await?;
    let openings: HashMap<i64, (u32, Option<DateTime<Utc>>)> = counted
        .into_iter()
        .map(|(link, n, last)| (link, (u32::try_from(n).unwrap_or(u32::MAX), last)))
        .collect();
    Ok(links
        .into_iter()
        .map(|l| {
            let (count, last) = openings.get(&l.id).copied().unwrap_or_default();
            let (status, active) = match l.revoked_at {
                Some(_) => ("Withdrawn", false),
                None if l.expires_at <= now => ("Expired", false),
                None => ("Active", true),
            };
            ShareView {
                id: ShareId(l.id),
                label: l.label,
                created: day(l.created_at),
                expires: day(l.expires_at),
                status: status.to_owned(),
                active,
                openings: count,
                last_opened: last.map(crate::domain::text::date_time),
            }
        })
        .collect())
}

/// Withdraws one of the signed-in person's links. Withdrawing it twice is harmless.
pub async fn revoke(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ShareId,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let id = id.0;
    let link = share_link::Entity::find_by_id(id)
        .filter(share_link::Column::PersonId.eq(user.actor.id.0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if link.revoked_at.is_none() {
        share_link::Entity::update(share_link::ActiveModel {
            id: Set(link.id),
            revoked_at: Set(Some(now)),
            ..Default::default()
        })
        .exec(db)
        .await?;
    }
    Ok(link.label)
}

/// How often a refused opening of the same link is written down: someone (or something)
/// opening a dead link over and over adds one row an hour, not one a request.
pub const REFUSALS_RECORDED_EVERY: Duration = Duration::hours(1);

/// Records a refused opening of `link` unless one was recorded in the last hour, in one
/// statement (`INSERT … SELECT … WHERE NOT EXISTS`).
async fn record_refusal(
    db: &DatabaseConnection,
    link: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use sea_orm::ConnectionTrait;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let recent = Query::select()
        .expr(Expr::val(1))
        .from(share_opening::Entity)
        .and_where(share_opening::Column::LinkId.eq(link))
        .and_where(share_opening::Column::Served.eq(false))
        .and_where(share_opening::Column::At.gt(now - REFUSALS_RECORDED_EVERY))
        .to_owned();
    let mut insert = Query::insert();
    insert
        .into_table(share_opening::Entity)
        .columns([
            share_opening::Column::LinkId,
            share_opening::Column::At,
            share_opening::Column::Served,
        ])
        .select_from(
            Query::select()
                .exprs([Expr::val(link), Expr::val(now), Expr::val(false)])
                .and_where(Expr::exists(recent).not())
                .to_owned(),
        )
        .map_err(|e| AppError::internal(e))?;
    db.execute(&insert).await?;
    Ok(())
}

/// The portfolio behind a token, for anyone holding it while it is live. Every opening is
/// recorded (a refused one at most hourly, see [`record_refusal`]); an expired or withdrawn link
/// says so.
pub async fn open(
    db: &DatabaseConnection,
    kept: &Kept,
    token: &str,
    filters: &PortfolioFilters,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let link = share_link::Entity::find()
        .filter(share_link::Column::TokenHash.eq(hash(&token.to_ascii_lowercase())))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let subject = subject(db, link.person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = &subject.person;
    let refusal = if let Some(when) = link.revoked_at {
        Some(format!(
            "{} withdrew this link on {}. Ask them for a new one if you still need to see their portfolio.",
            owner.name,
            day(when)
        ))
    } else if link.expires_at <= now {
        Some(format!(
            "This link expired on {}. Ask {} for a new one if you still need to see their portfolio.",
            day(link.expires_at),
            owner.name
        ))
    } else if PersonStatus::from_code(&owner.status) != Some(PersonStatus::Active) {
        Some("This portfolio is no longer shared.".to_owned())
    } else {
        None
    };
    if let Some(message) = refusal {
        record_refusal(db, link.id, now).await?;
        return Err(AppError::Gone(message));
    }
    share_opening::Entity::insert(share_opening::ActiveModel {
        link_id: Set(link.id),
        at: Set(now),
        served: Set(true),
        ..Default::default()
    })
    .exec(db)
    .await?;
    build(
        db,
        kept,
        link.person_id,
        async { Ok(subject) },
        filters,
        Reader {
            own: false,
            shared: true,
        },
        now,
    )
    .await
}
