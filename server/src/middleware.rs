//! What every request passes through: refusal of cross-site state changes, the signed-in
//! person loaded once into the request, and the rule that every page but sign-in needs them.

use crate::state::AppState;
use app::db::auth::SignedIn;
use app::error::AppError;
use app::request::{SecureCookies, SessionToken, session_cookie_name};
use app::url::encode_query_value;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::{IpAddr, SocketAddr};

/// The stylesheet, script and WebAssembly, and the favicon.
fn is_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.ico"
}

/// Paths anyone may reach without signing in.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/sign-in"
            | "/forgot-password"
            | "/healthz"
            | "/api/sign_in"
            | "/api/sign_out"
            | "/api/session"
            | "/api/shared_portfolio"
            | "/api/request_password_reset"
            | "/api/password_link"
            | "/api/set_password"
            | "/api/verify_award"
            | "/api/check_credential"
            | "/api/credential_check"
            | "/api/sign_in_options"
            | crate::sso::NOT_KNOWN_PATH
    ) || is_asset(path)
        || path.starts_with("/sign-in/")
        || path.starts_with("/shared/")
        || path.starts_with("/password/")
        || path.starts_with("/awards/verify/")
        || path.starts_with("/credentials/")
}

/// Refuses state-changing requests sent from another site (server functions have no CSRF
/// token of their own), applies proxy headers when configured, and adds security headers.
pub async fn request_safety(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if !is_safe_method(req.method()) && is_cross_site(req.headers()) {
        tracing::warn!(path = %req.uri().path(), "refused a cross-site request");
        return (
            StatusCode::FORBIDDEN,
            "This request came from another website, so Waymark refused it.",
        )
            .into_response();
    }

    let settings = &state.settings;
    let forwarded_https = settings.trust_proxy
        && req
            .headers()
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    if settings.trust_proxy
        && let Some(ip) = forwarded_for(req.headers())
    {
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip, 0)));
    }
    let secure = settings.secure_cookies || forwarded_https;
    req.extensions_mut().insert(SecureCookies(secure));

    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    // Pages set their own policy with their nonce; any other HTML runs no script at all.
    let html = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::csp::NO_SCRIPT_POLICY),
        );
    }
    // Served over HTTPS: browsers keep to HTTPS for a year.
    if secure {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A browser says where a request came from with `Sec-Fetch-Site`, or failing that `Origin`.
/// Requests with neither come from non-browser clients, which cannot carry a victim's cookie.
fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or("null");
            !origin_host.eq_ignore_ascii_case(host.to_str().unwrap_or(""))
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The client's address as the proxy saw it: the right-most `X-Forwarded-For` entry, which
/// the proxy appended itself. Entries to its left came with the request and anyone can write
/// them, so they are never believed (rotating them must not escape a per-address limit).
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim()
        .parse()
        .ok()
}

/// Loads the signed-in person from the session cookie into the request, and sends anonymous
/// visitors to the sign-in page.
pub async fn session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    // The site's assets are the same for everyone: who asks does not matter. Their names do not
    // change between releases, so browsers must check their copy each time (a cheap 304): a
    // stale script would not match the pages of a newer release.
    if is_asset(req.uri().path()) {
        let mut response = next.run(req).await;
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        return response;
    }
    let secure = req.extensions().get::<SecureCookies>().is_some_and(|s| s.0);
    let token = session_token(req.headers(), secure);
    let mut signed_in: Option<SignedIn> = None;
    if let Some(token) = &token {
        let idle = state.settings.idle;
        match app::db::auth::session_user(&state.db, token, idle, chrono::Utc::now()).await {
            Ok(found) => signed_in = found,
            Err(_) => {
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Waymark cannot reach its database just now. Please try again in a moment.",
                )
                    .into_response();
            }
        }
        req.extensions_mut().insert(SessionToken(token.clone()));
    }

    let path = req.uri().path().to_owned();
    match signed_in {
        Some(SignedIn { user, header }) => {
            req.extensions_mut().insert(user);
            req.extensions_mut().insert(header);
        }
        None if !is_public(&path) => {
            if matches!(*req.method(), Method::GET | Method::HEAD) {
                let wanted = req
                    .uri()
                    .path_and_query()
                    .map(|pq| pq.as_str().to_owned())
                    .unwrap_or_else(|| "/".into());
                let target = if wanted == "/" {
                    "/sign-in".to_owned()
                } else {
                    format!("/sign-in?next={}", encode_query_value(&wanted))
                };
                return Redirect::to(&target).into_response();
            }
            return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
        }
        None => {}
    }

    let mut response = next.run(req).await;
    // Pages show personal information: never keep them in shared caches.
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// Gives a server function's error the HTTP status it deserves (422 for bad input, 409 for a
/// conflict, 404, 403…) rather than the 500 every server-function error is sent with. A plain
/// form post is redirected back to its page instead, and keeps its redirect.
pub async fn error_status(req: Request, next: Next) -> Response {
    use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
    let response = next.run(req).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // An error is a short JSON document; anything longer is not one of ours.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Internal.to_string(),
        )
            .into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = status_of(&error);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The HTTP status of an error.
fn status_of(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The session token from the cookie of the name this site uses: over HTTPS only the
/// `__Host-` one, which no other host can have set.
fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    app::request::cookie_value(headers, session_cookie_name(secure))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn a_same_origin_post_is_allowed() {
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
    }

    #[test]
    fn a_post_from_another_site_is_refused() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "waymark.test")
        ])));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let map = headers(&[("cookie", "theme=dark; waymark_session=abc123; other=1")]);
        assert_eq!(session_token(&map, false).as_deref(), Some("abc123"));
        assert_eq!(
            session_token(&headers(&[("cookie", "waymark_session=")]), false),
            None
        );
    }

    #[test]
    fn over_https_only_the_host_only_cookie_is_honoured() {
        // A sibling domain can set `waymark_session` for this host; it cannot set `__Host-`.
        let planted = headers(&[("cookie", "waymark_session=planted")]);
        assert_eq!(session_token(&planted, true), None);
        let both = headers(&[(
            "cookie",
            "waymark_session=planted; __Host-waymark_session=ours",
        )]);
        assert_eq!(session_token(&both, true).as_deref(), Some("ours"));
    }

    #[test]
    fn assets_and_sign_in_are_public_but_pages_are_not() {
        assert!(is_public("/sign-in"));
        assert!(is_public("/pkg/waymark.wasm"));
        assert!(!is_public("/"));
        assert!(!is_public("/people"));
        assert!(!is_public("/api/people"));
        assert!(is_public("/forgot-password"));
        assert!(is_public("/password/abc123"));
        assert!(is_public("/awards/verify/0123456789abcdef0123456789abcdef"));
        assert!(!is_public("/awards/3/certificate"));
        assert!(!is_public("/awards/3/credential.json"));
        assert!(is_public("/credentials/issuer"));
        assert!(is_public("/credentials/check"));
    }

    #[test]
    fn the_client_is_the_right_most_forwarded_address_the_proxy_added() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().unwrap(),
        );
        assert_eq!(
            forwarded_for(&headers),
            Some("198.51.100.7".parse().unwrap())
        );
        headers.append("x-forwarded-for", "192.0.2.1".parse().unwrap());
        assert_eq!(forwarded_for(&headers), Some("192.0.2.1".parse().unwrap()));
        let mut nonsense = HeaderMap::new();
        nonsense.insert(
            "x-forwarded-for",
            "198.51.100.7, not-an-address".parse().unwrap(),
        );
        assert_eq!(forwarded_for(&nonsense), None);
    }

    #[test]
    fn the_next_address_is_percent_encoded() {
        assert_eq!(
            encode_query_value("/people?q=a b&x=1"),
            "/people%3Fq%3Da%20b%26x%3D1"
        );
    }
}
