//! "Sign in with Microsoft" and "Sign in with Google": two routes per provider. The first
//! sends the browser to the provider (authorization code flow with PKCE, `state` and `nonce`,
//! remembered in the database and tied to this browser by a short-lived cookie); the second
//! takes the answer once, checks it, and signs the person in — or says plainly why not.

pub mod provider;
pub mod settings;

use crate::state::AppState;
use app::db::auth::sso::{self, Outcome, Pending};
use app::domain::sso::{Provider, Refusal, admit};
use app::request::{SecureCookies, SessionToken};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use provider::{OpenIdProvider, ProviderError};
use serde::Deserialize;
use std::net::SocketAddr;

/// The providers this server offers, ready to talk to.
#[derive(Clone, Default)]
pub struct Providers(pub Vec<OpenIdProvider>);

impl Providers {
    pub fn new(settings: &settings::SsoSettings, base_url: &str) -> anyhow::Result<Self> {
        settings
            .providers
            .iter()
            .map(|p| OpenIdProvider::new(p.clone(), base_url))
            .collect::<anyhow::Result<Vec<_>>>()
            .map(Self)
    }

    fn get(&self, code: &str) -> Option<&OpenIdProvider> {
        let provider = Provider::from_code(code)?;
        self.0.iter().find(|p| p.provider() == provider)
    }

    pub fn offered(&self) -> Vec<Provider> {
        self.0.iter().map(OpenIdProvider::provider).collect()
    }
}

/// Where the person who is not on Waymark is told to ask their administrator.
pub const NOT_KNOWN_PATH: &str = "/ask-your-administrator";

/// The cookie that ties a sign-in to the browser that started it: an answer brought back by
/// another browser (someone else's sign-in pushed onto you) is refused.
fn binding_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-waymark_sso"
    } else {
        "waymark_sso"
    }
}

fn binding_cookie(value: Option<&str>, secure: bool) -> String {
    // Lax: the provider sends the browser back with a top-level GET from its own site.
    app::request::cookie(
        binding_cookie_name(secure),
        value,
        "/",
        "Lax",
        sso::REQUEST_LIFETIME.num_seconds(),
        secure,
    )
}

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /sign-in/{provider}`: off to the provider.
pub async fn start(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<StartQuery>,
    secure: Option<axum::Extension<SecureCookies>>,
) -> Response {
    let Some(provider) = state.providers.get(&code) else {
        return app::error::AppError::NotFound.into_response();
    };
    let secure = secure.is_some_and(|s| s.0.0);
    let started = match provider.start().await {
        Ok(started) => started,
        Err(error) => {
            tracing::error!(provider = code, error = ?error.to_string(), "single sign-on: provider unavailable");
            return refused(Refusal::Unavailable, secure);
        }
    };
    let next = app::domain::safe_next_path(query.next.as_deref().unwrap_or("/")).to_owned();
    let pending = Pending {
        provider: provider.provider(),
        pkce_verifier: started.pkce_verifier,
        nonce: started.nonce,
        next,
    };
    if let Err(error) = sso::begin(&state.db, &started.state, &pending, chrono::Utc::now()).await {
        return error.into_response();
    }
    let mut response = Redirect::to(&started.url).into_response();
    set_cookie(&mut response, &binding_cookie(Some(&started.state), secure));
    response
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /sign-in/{provider}/callback`: the provider's answer.
pub async fn callback(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
    secure: Option<axum::Extension<SecureCookies>>,
    previous: Option<axum::Extension<SessionToken>>,
    address: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
) -> Response {
    let Some(provider) = state.providers.get(&code) else {
        return app::error::AppError::NotFound.into_response();
    };
    let secure = secure.is_some_and(|s| s.0.0);
    let address = address.map(|a| a.0.0.ip());
    let refuse = |refusal: Refusal, detail: &str| {
        tracing::warn!(provider = code, ?address, reason = refusal.code(), detail = ?detail, "single sign-on refused");
        refused(refusal, secure)
    };

    let Some(sent_state) = query.state.as_deref().filter(|s| !s.is_empty()) else {
        return refuse(Refusal::Stale, "no state");
    };
    let bound = app::request::cookie_value(&headers, binding_cookie_name(secure));
    if bound.as_deref() != Some(sent_state) {
        return refuse(Refusal::Stale, "state not started by this browser");
    }
    let now = chrono::Utc::now();
    let pending = match sso::take(&state.db, provider.provider(), sent_state, now).await {
        Ok(Some(pending)) => pending,
        Ok(None) => return refuse(Refusal::Stale, "state unknown, used or expired"),
        Err(error) => return error.into_response(),
    };
    if let Some(error) = &query.error {
        return refuse(Refusal::Cancelled, error);
    }
    let Some(code_value) = query.code.as_deref().filter(|c| !c.is_empty()) else {
        return refuse(Refusal::BadToken, "no code");
    };

    let identity = match provider
        .finish(code_value, &pending.pkce_verifier, &pending.nonce)
        .await
    {
        Ok(identity) => identity,
        Err(ProviderError::Unavailable(detail)) => return refuse(Refusal::Unavailable, &detail),
        Err(ProviderError::BadToken(detail)) => return refuse(Refusal::BadToken, &detail),
    };
    let admitted = match admit(&identity, &provider.settings.boundary) {
        Ok(admitted) => admitted,
        Err(refusal) => return refuse(refusal, &format!("subject {}", identity.subject)),
    };
    let previous = previous.map(|t| t.0.0);
    match sso::sign_in(
        &state.db,
        &identity,
        &admitted.email,
        previous.as_deref(),
        now,
    )
    .await
    {
        Ok(Outcome::SignedIn { person, session }) => {
            tracing::info!(
                person = person.0,
                provider = code,
                ?address,
                "signed in with single sign-on"
            );
            let mut response = Redirect::to(&pending.next).into_response();
            set_cookie(&mut response, &binding_cookie(None, secure));
            set_cookie(
                &mut response,
                &app::request::session_cookie(
                    Some(&session.token),
                    app::db::auth::SESSION_LIFETIME.num_seconds(),
                    secure,
                ),
            );
            response
        }
        Ok(Outcome::Unknown) => {
            tracing::warn!(provider = code, ?address, email = ?admitted.email, "single sign-on refused: nobody active has this account");
            let mut response = Redirect::to(NOT_KNOWN_PATH).into_response();
            set_cookie(&mut response, &binding_cookie(None, secure));
            response
        }
        Ok(Outcome::Refused(refusal)) => refuse(refusal, &admitted.email),
        Err(error) => error.into_response(),
    }
}

/// Back to the sign-in page, saying why.
fn refused(refusal: Refusal, secure: bool) -> Response {
    let mut response =
        Redirect::to(&format!("/sign-in?refused={}", refusal.code())).into_response();
    set_cookie(&mut response, &binding_cookie(None, secure));
    response
}

fn set_cookie(response: &mut Response, cookie: &str) {
    match HeaderValue::from_str(cookie) {
        Ok(value) => {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
        Err(_) => *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR,
    }
}
