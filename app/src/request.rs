//! What the server knows about the current request, for server functions and pages:
//! the database connection, the signed-in person and the session cookie.
//! The server's middleware puts these into the request; this module reads them back.

use crate::error::AppError;
use crate::model::CurrentUser;
use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;
use std::net::{IpAddr, SocketAddr};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "waymark_session";
/// The session cookie's name when cookies are `Secure`: the `__Host-` prefix makes browsers
/// refuse it unless it was set by this very host, over HTTPS, for the whole site, so a sibling
/// domain cannot plant one of its own.
pub const SECURE_SESSION_COOKIE: &str = "__Host-waymark_session";

/// The session cookie's name: `__Host-` prefixed whenever cookies are `Secure` (everywhere but
/// plain-HTTP development on loopback, where browsers would refuse the prefix).
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The raw session token from the request's cookie, put into the request by the middleware.
#[derive(Clone, Debug)]
pub struct SessionToken(pub String);

/// Whether cookies must be marked `Secure`: set by the server from its configuration and the
/// request (HTTPS, directly or behind a proxy).
#[derive(Clone, Copy, Debug)]
pub struct SecureCookies(pub bool);

/// The database connection.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database connection in context");
        AppError::Internal
    })
}

/// What the server keeps in memory between requests.
pub fn kept() -> Result<crate::db::kept::Kept, AppError> {
    use_context::<crate::db::kept::Kept>().ok_or_else(|| {
        tracing::error!("no server memory (Kept) in context");
        AppError::Internal
    })
}

/// Where supporting files are kept.
pub fn files() -> Result<crate::storage::Files, AppError> {
    use_context::<crate::storage::Files>().ok_or_else(|| {
        tracing::error!("no file store in context");
        AppError::Internal
    })
}

/// The trust's key for signing its badges.
pub fn seal() -> Result<crate::db::recognition::badge::Seal, AppError> {
    use_context::<crate::db::recognition::badge::Seal>().ok_or_else(|| {
        tracing::error!("no badge seal in context");
        AppError::Internal
    })
}

/// The address people reach Waymark at (`WAYMARK_BASE_URL`), without a trailing `/`.
pub fn base_url() -> Result<String, AppError> {
    Ok(mailer()?.base_url().trim_end_matches('/').to_owned())
}

/// How e-mail is sent.
pub fn mailer() -> Result<crate::mail::Mailer, AppError> {
    use_context::<crate::mail::Mailer>().ok_or_else(|| {
        tracing::error!("no mailer in context");
        AppError::Internal
    })
}

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| {
        tracing::error!("no request parts in context");
        AppError::Internal
    })
}

/// The signed-in person, or `Unauthenticated`.
pub fn user() -> Result<CurrentUser, AppError> {
    optional_user()?.ok_or(AppError::Unauthenticated)
}

/// The database connection and the signed-in person (or `Unauthenticated`): what nearly
/// every server function starts with.
pub fn db_and_user() -> Result<(DatabaseConnection, CurrentUser), AppError> {
    Ok((db()?, user()?))
}

/// The signed-in person, for plain axum routes (downloads): refused with "Please sign in" when
/// nobody is signed in. The session middleware put them in the request.
#[derive(Clone, Debug)]
pub struct SignedInUser(pub CurrentUser);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for SignedInUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .map(SignedInUser)
            .ok_or(AppError::Unauthenticated)
    }
}

/// The signed-in person, if there is one.
pub fn optional_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(parts()?.extensions.get::<CurrentUser>().cloned())
}

/// What the header shows the signed-in person, read with their session (none when no one is
/// signed in).
pub fn header() -> Result<Option<crate::db::org::Header>, AppError> {
    Ok(parts()?.extensions.get::<crate::db::org::Header>().cloned())
}

/// The session token the browser sent, if any.
pub fn session_token() -> Result<Option<String>, AppError> {
    Ok(parts()?
        .extensions
        .get::<SessionToken>()
        .map(|t| t.0.clone()))
}

/// The network address the request came from.
pub fn client_address() -> Result<Option<IpAddr>, AppError> {
    Ok(parts()?
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip()))
}

/// Whether to mark cookies `Secure`.
pub fn secure_cookies() -> Result<bool, AppError> {
    Ok(parts()?
        .extensions
        .get::<SecureCookies>()
        .is_some_and(|s| s.0))
}

/// A `Set-Cookie` value: `HttpOnly`, for `path`, `Secure` when `secure`. `None` clears it.
/// Every cookie Waymark sets is written here.
pub fn cookie(
    name: &str,
    value: Option<&str>,
    path: &str,
    same_site: &str,
    max_age_seconds: i64,
    secure: bool,
) -> String {
    let (value, max_age) = match value {
        Some(value) => (value, max_age_seconds),
        None => ("", 0),
    };
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{name}={value}; Path={path}; HttpOnly; SameSite={same_site}; Max-Age={max_age}{secure}"
    )
}

/// A `Set-Cookie` value for the session cookie. `None` clears it.
pub fn session_cookie(token: Option<&str>, max_age_seconds: i64, secure: bool) -> String {
    cookie(
        session_cookie_name(secure),
        token,
        "/",
        "Lax",
        max_age_seconds,
        secure,
    )
}

/// The value of the cookie named `wanted`, if the request carries a non-empty one.
pub fn cookie_value(headers: &http::HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == wanted && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// The value of the cookie named `wanted` in the current request.
pub fn request_cookie(wanted: &str) -> Result<Option<String>, AppError> {
    Ok(cookie_value(&parts()?.headers, wanted))
}

/// Adds a `Set-Cookie` (from [`cookie`]) to the response being made.
pub fn set_cookie(cookie: &str) -> Result<(), AppError> {
    let options = use_context::<leptos_axum::ResponseOptions>()
        .ok_or_else(|| AppError::internal("no response options in context"))?;
    let value = http::HeaderValue::from_str(cookie).map_err(AppError::internal)?;
    options.append_header(http::header::SET_COOKIE, value);
    Ok(())
}
