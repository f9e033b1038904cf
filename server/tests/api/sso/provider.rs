//! A fake OpenID provider on a random port, for tokens the tests write themselves: its
//! discovery document, its published key, and a token endpoint that answers each code with the
//! ID token the test planned (checking the client's secret and the PKCE verifier first).

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use openidconnect::core::{
    CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EndUserEmail, IdToken, IdTokenClaims, IssuerUrl, JsonWebKeyId, Nonce,
    PrivateSigningKey, StandardClaims, SubjectIdentifier,
};
use server::sso::provider::TrustClaims;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const CLIENT_ID: &str = "waymark-test";
pub const CLIENT_SECRET: &str = "test-secret";
pub const TENANT: &str = "trust-tenant";

const PROVIDER_KEY: &str = include_str!("keys/provider.pem");
const IMPOSTOR_KEY: &str = include_str!("keys/impostor.pem");

/// What the ID token for one code says, and how it is signed.
#[derive(Clone, Debug)]
pub struct Plan {
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub tenant: Option<String>,
    pub domain: Option<String>,
    /// `None`: the provider's own issuer.
    pub issuer: Option<String>,
    pub audience: String,
    /// Seconds from now (negative: already expired).
    pub expires_in: i64,
    /// `None`: the nonce of the sign-in the code answers.
    pub nonce: Option<String>,
    /// Signed with a key the provider does not publish.
    pub impostor: bool,
}

impl Plan {
    /// A good token for `email` in the trust's tenant.
    pub fn for_email(email: &str) -> Self {
        Self {
            subject: format!("subject-of-{email}"),
            email: Some(email.to_owned()),
            email_verified: Some(true),
            tenant: Some(TENANT.to_owned()),
            domain: None,
            issuer: None,
            audience: CLIENT_ID.to_owned(),
            expires_in: 300,
            nonce: None,
            impostor: false,
        }
    }
}

struct Issued {
    plan: Plan,
    nonce: String,
    challenge: String,
}

#[derive(Clone)]
struct Shared {
    issuer: String,
    codes: Arc<Mutex<HashMap<String, Issued>>>,
}

pub struct FakeProvider {
    pub issuer: String,
    shared: Shared,
}

impl FakeProvider {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let issuer = format!("http://{}", listener.local_addr().expect("bound"));
        let shared = Shared {
            issuer: issuer.clone(),
            codes: Arc::default(),
        };
        let router = axum::Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/token", post(token))
            .with_state(shared.clone());
        tokio::spawn(async move {
            axum::serve(listener, router).await.ok();
        });
        Self { issuer, shared }
    }

    /// The settings that point Waymark's Microsoft sign-in here.
    pub fn microsoft_settings(&self) -> Vec<(&'static str, String)> {
        vec![
            ("WAYMARK_MICROSOFT_TENANT_ID", TENANT.to_owned()),
            ("WAYMARK_MICROSOFT_CLIENT_ID", CLIENT_ID.to_owned()),
            ("WAYMARK_MICROSOFT_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
            ("WAYMARK_MICROSOFT_ISSUER", self.issuer.clone()),
        ]
    }

    /// The settings that point Waymark's Google sign-in here, for `domain`.
    pub fn google_settings(&self, domain: &str) -> Vec<(&'static str, String)> {
        vec![
            ("WAYMARK_GOOGLE_DOMAIN", domain.to_owned()),
            ("WAYMARK_GOOGLE_CLIENT_ID", CLIENT_ID.to_owned()),
            ("WAYMARK_GOOGLE_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
            ("WAYMARK_GOOGLE_ISSUER", self.issuer.clone()),
        ]
    }

    /// Makes `code` answer with `plan`, for the sign-in that sent `nonce` and `challenge`.
    pub fn will_answer(&self, code: &str, plan: Plan, nonce: &str, challenge: &str) {
        self.shared.codes.lock().expect("lock").insert(
            code.to_owned(),
            Issued {
                plan,
                nonce: nonce.to_owned(),
                challenge: challenge.to_owned(),
            },
        );
    }
}

async fn discovery(State(shared): State<Shared>) -> Json<serde_json::Value> {
    let issuer = &shared.issuer;
    Json(serde_json::json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "code_challenge_methods_supported": ["S256"],
    }))
}

fn key(pem: &str) -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new("k1".into()))).expect("test key")
}

async fn jwks() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "keys": [key(PROVIDER_KEY).as_verification_key()] }))
}

async fn token(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let code = form.get("code").cloned().unwrap_or_default();
    let Some(issued) = shared.codes.lock().expect("lock").remove(&code) else {
        return bad_grant();
    };
    // PKCE: the verifier must hash to the challenge the sign-in started with.
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    let hashed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier));
    if hashed != issued.challenge {
        return bad_grant();
    }
    let plan = issued.plan;
    let now = chrono::Utc::now();
    let mut standard = StandardClaims::<CoreGenderClaim>::new(SubjectIdentifier::new(plan.subject));
    if let Some(email) = plan.email {
        standard = standard.set_email(Some(EndUserEmail::new(email)));
    }
    standard = standard.set_email_verified(plan.email_verified);
    let claims = IdTokenClaims::new(
        IssuerUrl::new(plan.issuer.unwrap_or(shared.issuer.clone())).expect("issuer"),
        vec![Audience::new(plan.audience)],
        now + chrono::Duration::seconds(plan.expires_in),
        now - chrono::Duration::seconds(5),
        standard,
        TrustClaims {
            tid: plan.tenant,
            hd: plan.domain,
            xms_edov: None,
        },
    )
    .set_nonce(Some(Nonce::new(plan.nonce.unwrap_or(issued.nonce))));
    let signer = key(if plan.impostor {
        IMPOSTOR_KEY
    } else {
        PROVIDER_KEY
    });
    let id_token = IdToken::<
        TrustClaims,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >::new(
        claims,
        &signer,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        None,
        None,
    )
    .expect("signs");
    Json(serde_json::json!({
        "access_token": "access",
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}

fn bad_grant() -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({"error": "invalid_grant"})),
    )
        .into_response()
}
