//! File downloads that are not pages: the framework as JSON and CASE, and evidence files.

use app::domain::{EntryId, FileId, VersionId};
use app::error::AppError;
use app::request::SignedInUser;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct VersionQuery {
    version: Option<VersionId>,
}

/// `GET /framework.json[?version=id]`: the framework a person may read, as the same JSON that
/// import accepts.
pub async fn framework_json(
    State(db): State<DatabaseConnection>,
    SignedInUser(user): SignedInUser,
    Query(query): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let document = app::db::framework::export(&db, &user, query.version, Utc::now()).await?;
    let body = json(&document)?;
    Ok(attachment(body, &format!("{}.json", slug(&document.name))))
}

/// `GET /framework.case.json[?version=id]`: the same framework as a 1EdTech CASE 1.1 package.
pub async fn framework_case(
    State(db): State<DatabaseConnection>,
    SignedInUser(user): SignedInUser,
    Query(query): Query<VersionQuery>,
    secure: Option<Extension<app::request::SecureCookies>>,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
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
    let (name, package) =
        app::db::framework::case_export(&db, &user, query.version, &base, Utc::now()).await?;
    Ok(attachment(
        json(&package)?,
        &format!("{}.case.json", slug(&name)),
    ))
}

/// `GET /evidence/{id}/files/{file}`: a supporting file, to whoever may see its entry, always
/// as a download (never shown inline, so nothing uploaded can run as part of Waymark).
pub async fn evidence_file(
    State(db): State<DatabaseConnection>,
    State(files): State<app::storage::Files>,
    SignedInUser(user): SignedInUser,
    axum::extract::Path((entry, file)): axum::extract::Path<(EntryId, FileId)>,
) -> Result<Response, AppError> {
    let store = files.as_ref();
    let (name, content_type, bytes) =
        app::db::evidence::files::download(&db, store, &user, entry, file, Utc::now()).await?;
    Ok((
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
        .into_response())
}

/// `GET /portfolio/my-data.json`: everything Waymark holds about the signed-in person.
pub async fn my_data(
    State(db): State<DatabaseConnection>,
    SignedInUser(user): SignedInUser,
) -> Result<Response, AppError> {
    let data = app::db::my_data::export(&db, &user, Utc::now()).await?;
    let mut response = attachment(json(&data)?, "waymark-my-data.json");
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

/// `GET /manage/recognition/awards.csv`: every award, for HR and administrators.
pub async fn awards_csv(
    State(db): State<DatabaseConnection>,
    SignedInUser(user): SignedInUser,
) -> Result<Response, AppError> {
    let body = app::db::recognition::report::csv(&db, &user).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&format!("waymark-awards-{}.csv", Utc::now().date_naive())),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// A download's JSON, indented for people who open it.
pub(crate) fn json(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string_pretty(value).map_err(|error| {
        tracing::error!(%error, "could not write a download as JSON");
        AppError::Internal
    })
}

/// `attachment` with the name twice: plain ASCII for old clients, UTF-8 (RFC 6266) for the rest.
pub(crate) fn content_disposition(name: &str) -> String {
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
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
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
    slug_or(name, "framework")
}

/// `name` as a plain file-name slug, or `fallback` when nothing of it is left.
pub(crate) fn slug_or(name: &str, fallback: &str) -> String {
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
        fallback.to_owned()
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
