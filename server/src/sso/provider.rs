//! Talking to an OpenID provider with the `openidconnect` crate: its discovery document and
//! keys (read when first needed, kept an hour, read again if a token is signed with a key not
//! yet seen), the address the browser is sent to, and the code exchange whose ID token is
//! checked — signature, issuer, audience, expiry and nonce — before anything is believed.

use super::settings::ProviderSettings;
use app::domain::sso::{Identity, Provider};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreClientAuthMethod, CoreErrorResponseType, CoreGenderClaim,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreResponseType, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthType, AuthenticationFlow, AuthorizationCode, ClaimsVerificationError,
    Client, ClientId, ClientSecret, CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IdTokenClaims, IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// The claims beyond the standard ones that the trust's rules read.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TrustClaims {
    /// Microsoft: the tenant the account belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<String>,
    /// Google: the Workspace domain the account belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hd: Option<String>,
    /// Microsoft's optional claim: the e-mail's domain is verified as the tenant's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xms_edov: Option<serde_json::Value>,
}

impl AdditionalClaims for TrustClaims {}

pub type Claims = IdTokenClaims<TrustClaims, CoreGenderClaim>;
type TokenFields = IdTokenFields<
    TrustClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type TokenResponse = StandardTokenResponse<TokenFields, CoreTokenType>;
type OidcClient = Client<
    TrustClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How long a provider's discovery document and keys are trusted before being read again.
const METADATA_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// Why a sign-in could not be completed with the provider.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The provider could not be reached, or answered with something that is not OpenID.
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    /// The provider's answer did not check out.
    #[error("ID token refused: {0}")]
    BadToken(String),
}

/// Where to send the browser, and what its answer must match.
pub struct Started {
    pub url: String,
    pub state: String,
    pub pkce_verifier: String,
    pub nonce: String,
}

/// One configured provider, with its discovery document once read.
#[derive(Clone)]
pub struct OpenIdProvider {
    pub settings: ProviderSettings,
    redirect: RedirectUrl,
    http: reqwest::Client,
    metadata: Arc<RwLock<Option<(Instant, CoreProviderMetadata)>>>,
}

impl OpenIdProvider {
    /// `base_url` is where people reach Waymark: the provider sends them back to
    /// `{base_url}/sign-in/{provider}/callback`.
    pub fn new(settings: ProviderSettings, base_url: &str) -> anyhow::Result<Self> {
        let redirect = RedirectUrl::new(callback_url(base_url, settings.provider))?;
        let http = reqwest::ClientBuilder::new()
            // Following redirects would let a provider's answer send Waymark's requests
            // anywhere (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self {
            settings,
            redirect,
            http,
            metadata: Arc::default(),
        })
    }

    pub fn provider(&self) -> Provider {
        self.settings.provider
    }

    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, ProviderError> {
        if !fresh
            && let Some((read_at, metadata)) = self.metadata.read().await.as_ref()
            && read_at.elapsed() < METADATA_LIFETIME
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| ProviderError::Unavailable(error_chain(&e)))?;
        *self.metadata.write().await = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    async fn client(&self, fresh: bool) -> Result<OidcClient, ProviderError> {
        let metadata = self.metadata(fresh).await?;
        // Secret in the Authorization header unless the provider says it takes it only in the
        // form (the default, per OpenID Connect Discovery, is the header).
        let basic = metadata
            .token_endpoint_auth_methods_supported()
            .is_none_or(|methods| methods.contains(&CoreClientAuthMethod::ClientSecretBasic));
        let client = OidcClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.0.clone())),
        )
        .set_redirect_uri(self.redirect.clone())
        .set_auth_type(if basic {
            AuthType::BasicAuth
        } else {
            AuthType::RequestBody
        });
        Ok(client)
    }

    /// The provider's sign-in address for a new attempt, with PKCE, `state` and `nonce`.
    pub async fn start(&self) -> Result<Started, ProviderError> {
        let client = self.client(false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge);
        if let app::domain::sso::Boundary::Domain(domain) = &self.settings.boundary {
            // Google shows only the trust's accounts (a hint: the `hd` claim is still checked).
            request = request.add_extra_param("hd", domain.clone());
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
        })
    }

    /// Exchanges the code the browser brought back and checks the ID token that comes with
    /// it. A token signed with a key not yet seen has the keys read again once (providers
    /// rotate them).
    pub async fn finish(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<Identity, ProviderError> {
        let client = self.client(false).await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| ProviderError::BadToken(format!("code exchange: {}", error_chain(&e))))?;
        let id_token = response
            .extra_fields()
            .id_token()
            .ok_or_else(|| ProviderError::BadToken("no ID token in the answer".into()))?;
        let nonce = Nonce::new(nonce.to_owned());
        let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => claims.clone(),
            Err(ClaimsVerificationError::SignatureVerification(first)) => {
                let client = self.client(true).await?;
                id_token
                    .claims(&client.id_token_verifier(), &nonce)
                    .map_err(|e| ProviderError::BadToken(format!("{first}; with fresh keys: {e}")))?
                    .clone()
            }
            Err(e) => return Err(ProviderError::BadToken(error_chain(&e))),
        };
        Ok(identity(self.settings.provider, &claims))
    }
}

/// Where the provider sends the browser back to.
pub fn callback_url(base_url: &str, provider: Provider) -> String {
    format!(
        "{}/sign-in/{}/callback",
        base_url.trim_end_matches('/'),
        provider.code()
    )
}

/// What checked claims say about the person.
pub fn identity(provider: Provider, claims: &Claims) -> Identity {
    let extra = claims.additional_claims();
    let domain_verified = matches!(&extra.xms_edov, Some(serde_json::Value::Bool(true)))
        || matches!(&extra.xms_edov, Some(serde_json::Value::String(s)) if s == "true" || s == "1");
    Identity {
        provider,
        subject: claims.subject().as_str().to_owned(),
        email: claims.email().map(|e| e.as_str().to_owned()),
        email_verified: claims.email_verified() == Some(true)
            || (provider == Provider::Microsoft && domain_verified),
        tenant: extra.tid.clone(),
        domain: extra.hd.clone(),
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
