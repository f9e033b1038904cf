//! The portfolio's server functions: one's own or someone's, and what a share link opens.

use crate::domain::PersonId;
#[cfg(feature = "ssr")]
use crate::domain::portfolio::TimelineChoice;
use crate::error::AppError;
use crate::model::Portfolio;
#[cfg(feature = "ssr")]
use crate::model::PortfolioFilters;
use leptos::prelude::*;

/// `strand`, `year`, `element`, `level` and `timeline` are the filters (flat, so a form can
/// send them).
#[server(prefix = "/api", endpoint = "portfolio")]
pub async fn get_portfolio(
    person: Option<PersonId>,
    strand: Option<usize>,
    year: Option<i32>,
    element: Option<String>,
    level: Option<u32>,
    timeline: Option<String>,
) -> Result<Portfolio, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let filters = PortfolioFilters {
        strand,
        year,
        element,
        level,
        timeline: TimelineChoice::parse(timeline.as_deref()),
    };
    crate::db::portfolio::portfolio(
        &db,
        &crate::request::kept()?,
        &user,
        person,
        &filters,
        chrono::Utc::now(),
    )
    .await
}

#[server(prefix = "/api", endpoint = "shared_portfolio")]
pub async fn get_shared(
    token: String,
    strand: Option<usize>,
    year: Option<i32>,
    element: Option<String>,
    level: Option<u32>,
    timeline: Option<String>,
) -> Result<Portfolio, AppError> {
    let db = crate::request::db()?;
    let filters = PortfolioFilters {
        strand,
        year,
        element,
        level,
        timeline: TimelineChoice::parse(timeline.as_deref()),
    };
    crate::db::portfolio::sharing::open(
        &db,
        &crate::request::kept()?,
        &token,
        &filters,
        chrono::Utc::now(),
    )
    .await
}
