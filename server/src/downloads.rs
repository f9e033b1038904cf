//! File downloads that are not pages: the framework as JSON.

use app::model::CurrentUser;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct VersionQuery {
    version: Option<i64>,
}

/// `GET /framework.json[?version=id]`: the framework a person may read, as the same JSON that
/// import accepts.
pub async fn framework_json(
    State(db): State<DatabaseConnection>,
    user: Option<Extension<CurrentUser>>,
    Query(query): Query<VersionQuery>,
) -> Response {
    let Some(Extension(user)) = user else {
        return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
    };
    let document =
        match app::db::services::framework::export(&db, &user, query.version, chrono::Utc::now())
            .await
        {
            Ok(document) => document,
            Err(err) => {
                return (
                    StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                    err.to_string(),
                )
                    .into_response();
            }
        };
    let Ok(body) = serde_json::to_string_pretty(&document) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.").into_response();
    };
    attachment(body, &format!("{}.json", slug(&document.name)))
}

/// `GET /framework.case.json[?version=id]`: the same framework as a 1EdTech CASE 1.1 package.
pub async fn framework_case(
    State(db): State<DatabaseConnection>,
    user: Option<Extension<CurrentUser>>,
    Query(query): Query<VersionQuery>,
    secure: Option<Extension<app::request::SecureCookies>>,
    headers: axum::http::HeaderMap,
) -> Response {
    let Some(Extension(user)) = user else {
        return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if secure.is_some_and(|Extension(s)| s.0) {
        "https"
    } else {
        "http"
    };
    let base = format!("{scheme}://{host}");
    match app::db::services::framework::case_export(
        &db,
        &user,
        query.version,
        &base,
        chrono::Utc::now(),
    )
    .await
    {
        Ok((name, package)) => match serde_json::to_string_pretty(&package) {
            Ok(body) => attachment(body, &format!("{}.case.json", slug(&name))),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.").into_response(),
        },
        Err(err) => (
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            err.to_string(),
        )
            .into_response(),
    }
}

fn attachment(body: String, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// "Meridian Leadership Framework 2025" → "meridian-leadership-framework-2025".
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "framework".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_plain_slugs() {
        assert_eq!(
            super::slug("Meridian Leadership Framework 2025"),
            "meridian-leadership-framework-2025"
        );
        assert_eq!(super::slug("\"; rm -rf /"), "rm-rf");
        assert_eq!(super::slug("***"), "framework");
    }
}
