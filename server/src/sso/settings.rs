//! Which single sign-on providers this server offers, read from the environment. A provider is
//! offered only when all of its settings are given; some but not all is a mistake, refused at
//! start-up rather than half-working.

use crate::config::{ConfigError, Secret};
use app::domain::sso::{Boundary, Provider};

/// One provider's settings.
#[derive(Clone, Debug)]
pub struct ProviderSettings {
    pub provider: Provider,
    /// The OpenID issuer: its discovery document is `{issuer}/.well-known/openid-configuration`,
    /// and every ID token must name it.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// The trust's own tenant (Microsoft) or Workspace domain (Google).
    pub boundary: Boundary,
}

/// Every provider offered, in the order the sign-in page shows them.
#[derive(Clone, Debug, Default)]
pub struct SsoSettings {
    pub providers: Vec<ProviderSettings>,
}

impl SsoSettings {
    pub fn get(&self, provider: Provider) -> Option<&ProviderSettings> {
        self.providers.iter().find(|p| p.provider == provider)
    }

    pub fn offered(&self) -> Vec<Provider> {
        self.providers.iter().map(|p| p.provider).collect()
    }

    /// Reads `WAYMARK_MICROSOFT_*` and `WAYMARK_GOOGLE_*`.
    pub fn from_lookup(var: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let set = |name: &str| {
            var(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut providers = Vec::new();

        let microsoft = [
            "WAYMARK_MICROSOFT_TENANT_ID",
            "WAYMARK_MICROSOFT_CLIENT_ID",
            "WAYMARK_MICROSOFT_CLIENT_SECRET",
        ];
        if let Some([tenant, client_id, secret]) = all_or_none(&microsoft, &set)? {
            let issuer = set("WAYMARK_MICROSOFT_ISSUER")
                .unwrap_or_else(|| format!("https://login.microsoftonline.com/{tenant}/v2.0"));
            providers.push(ProviderSettings {
                provider: Provider::Microsoft,
                issuer: checked_issuer("WAYMARK_MICROSOFT_ISSUER", issuer)?,
                client_id,
                client_secret: Secret(secret),
                boundary: Boundary::Tenant(tenant),
            });
        }

        let google = [
            "WAYMARK_GOOGLE_DOMAIN",
            "WAYMARK_GOOGLE_CLIENT_ID",
            "WAYMARK_GOOGLE_CLIENT_SECRET",
        ];
        if let Some([domain, client_id, secret]) = all_or_none(&google, &set)? {
            let issuer = set("WAYMARK_GOOGLE_ISSUER")
                .unwrap_or_else(|| "https://accounts.google.com".into());
            providers.push(ProviderSettings {
                provider: Provider::Google,
                issuer: checked_issuer("WAYMARK_GOOGLE_ISSUER", issuer)?,
                client_id,
                client_secret: Secret(secret),
                boundary: Boundary::Domain(domain.to_ascii_lowercase()),
            });
        }
        Ok(Self { providers })
    }
}

/// The three values named, when all are set; nothing when none is; an error naming the first
/// missing one otherwise.
fn all_or_none(
    names: &[&'static str; 3],
    set: &impl Fn(&str) -> Option<String>,
) -> Result<Option<[String; 3]>, ConfigError> {
    let values = names.map(set);
    if values.iter().all(Option::is_none) {
        return Ok(None);
    }
    if let Some(missing) = names.iter().zip(&values).find(|(_, v)| v.is_none()) {
        return Err(ConfigError {
            name: missing.0,
            reason: format!(
                "is needed too: single sign-on is set up only when {} are all set",
                names.join(", ")
            ),
        });
    }
    Ok(Some(values.map(Option::unwrap_or_default)))
}

/// An issuer must be an absolute `https` address (plain `http` only on loopback, for tests).
fn checked_issuer(name: &'static str, issuer: String) -> Result<String, ConfigError> {
    let ok = match openidconnect::url::Url::parse(&issuer) {
        Ok(url) => {
            url.scheme() == "https"
                || (url.scheme() == "http"
                    && matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]")))
        }
        Err(_) => false,
    };
    if ok {
        // As given: ID tokens must name the issuer exactly, trailing `/` or not.
        Ok(issuer)
    } else {
        Err(ConfigError {
            name,
            reason: format!("expected an https:// address, got {issuer:?}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> Result<SsoSettings, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        SsoSettings::from_lookup(&|name| map.get(name).cloned())
    }

    #[test]
    fn no_provider_is_offered_unless_configured() {
        assert!(read(&[]).expect("valid").providers.is_empty());
    }

    #[test]
    fn microsoft_defaults_to_the_tenants_own_issuer() {
        let s = read(&[
            ("WAYMARK_MICROSOFT_TENANT_ID", "7c1a"),
            ("WAYMARK_MICROSOFT_CLIENT_ID", "app"),
            ("WAYMARK_MICROSOFT_CLIENT_SECRET", "s3cret"),
        ])
        .expect("valid");
        let ms = s.get(Provider::Microsoft).expect("offered");
        assert_eq!(ms.issuer, "https://login.microsoftonline.com/7c1a/v2.0");
        assert_eq!(ms.boundary, Boundary::Tenant("7c1a".into()));
        assert!(!format!("{ms:?}").contains("s3cret"));
    }

    #[test]
    fn google_checks_the_workspace_domain_in_lower_case() {
        let s = read(&[
            ("WAYMARK_GOOGLE_DOMAIN", "Meridian.test"),
            ("WAYMARK_GOOGLE_CLIENT_ID", "app"),
            ("WAYMARK_GOOGLE_CLIENT_SECRET", "s"),
        ])
        .expect("valid");
        let google = s.get(Provider::Google).expect("offered");
        assert_eq!(google.issuer, "https://accounts.google.com");
        assert_eq!(google.boundary, Boundary::Domain("meridian.test".into()));
    }

    #[test]
    fn a_half_configured_provider_names_what_is_missing() {
        let err = read(&[
            ("WAYMARK_GOOGLE_DOMAIN", "meridian.test"),
            ("WAYMARK_GOOGLE_CLIENT_ID", "app"),
        ])
        .unwrap_err();
        assert_eq!(err.name, "WAYMARK_GOOGLE_CLIENT_SECRET");
    }

    #[test]
    fn an_issuer_over_plain_http_is_refused_except_on_loopback() {
        let base = [
            ("WAYMARK_MICROSOFT_TENANT_ID", "t"),
            ("WAYMARK_MICROSOFT_CLIENT_ID", "app"),
            ("WAYMARK_MICROSOFT_CLIENT_SECRET", "s"),
        ];
        let mut remote = base.to_vec();
        remote.push(("WAYMARK_MICROSOFT_ISSUER", "http://login.example.test/t"));
        assert_eq!(read(&remote).unwrap_err().name, "WAYMARK_MICROSOFT_ISSUER");
        let mut local = base.to_vec();
        local.push(("WAYMARK_MICROSOFT_ISSUER", "http://127.0.0.1:3127"));
        let s = read(&local).expect("valid");
        assert_eq!(
            s.get(Provider::Microsoft).expect("offered").issuer,
            "http://127.0.0.1:3127"
        );
    }
}
