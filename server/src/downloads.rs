//! File downloads that are not pages: the framework as JSON and CASE, and evidence files.

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
        match app::db::framework::export(&db, &user, query.version, chrono::Utc::now()).await {
            Ok(document) => document,
            Err(err) => return failed(err),
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
    match app::db::framework::case_export(&db, &user, query.version, &base, chrono::Utc::now())
        .await
    {
        Ok((name, package)) => match serde_json::to_string_pretty(&package) {
            Ok(body) => attachment(body, &format!("{}.case.json", slug(&name))),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.").into_response(),
        },
        Err(err) => failed(err),
    }
}

/// `GET /evidence/{id}/files/{file}`: a supporting file, to whoever may see its entry, always
/// as a download (never shown inline, so nothing uploaded can run as part of Waymark).
pub async fn evidence_file(
    State(db): State<DatabaseConnection>,
    State(files): State<app::storage::Files>,
    user: Option<Extension<CurrentUser>>,
    axum::extract::Path((entry, file)): axum::extract::Path<(i64, i64)>,
) -> Response {
    let Some(Extension(user)) = user else {
        return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
    };
    match app::db::evidence::files::download(
        &db,
        files.as_ref(),
        &user,
        entry,
        file,
        chrono::Utc::now(),
    )
    .await
    {
        Ok((name, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CONTENT_DISPOSITION, content_disposition(&name)),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => failed(err),
    }
}

/// `GET /portfolio/my-data.json`: everything Waymark holds about the signed-in person.
pub async fn my_data(
    State(db): State<DatabaseConnection>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let Some(Extension(user)) = user else {
        return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
    };
    match app::db::my_data::export(&db, &user, chrono::Utc::now()).await {
        Ok(data) => match serde_json::to_string_pretty(&data) {
            Ok(body) => {
                let mut response = attachment(body, "waymark-my-data.json");
                response.headers_mut().insert(
                    header::CACHE_CONTROL,
                    axum::http::HeaderValue::from_static("private, no-store"),
                );
                response
            }
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.").into_response(),
        },
        Err(err) => failed(err),
    }
}

/// `attachment` with the name twice: plain ASCII for old clients, UTF-8 (RFC 6266) for the rest.
fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// An error as a plain-text answer with its status.
fn failed(err: app::error::AppError) -> Response {
    (
        StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        err.to_string(),
    )
        .into_response()
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

    #[test]
    fn a_download_keeps_its_name_in_both_forms() {
        assert_eq!(
            super::content_disposition("Café \"notes\".pdf"),
            "attachment; filename=\"Caf_ _notes_.pdf\"; filename*=UTF-8''Caf%C3%A9%20%22notes%22.pdf"
        );
    }
}
