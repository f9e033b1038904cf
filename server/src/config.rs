//! Settings read from the environment. Nothing secret has a default: Waymark's only secrets
//! (session tokens) are generated at run time and stored hashed.

use leptos::config::{Env, LeptosOptions};
use std::net::SocketAddr;

/// Where the embedded database lives unless `DATABASE_URL` says otherwise.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/waymark.db?mode=rwc";

/// Everything the server needs to start.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// The Leptos site: address (`LEPTOS_SITE_ADDR`), where the built assets are, and so on.
    pub leptos: LeptosOptions,
    /// `WAYMARK_SECURE_COOKIES=true`: always mark cookies `Secure` (set it when a proxy
    /// terminates HTTPS without sending `X-Forwarded-Proto`).
    pub secure_cookies: bool,
    /// `WAYMARK_TRUST_PROXY=true`: believe `X-Forwarded-For` and `X-Forwarded-Proto`. Only
    /// set it behind a proxy that overwrites them, or anyone could fake their address.
    pub trust_proxy: bool,
    /// `WAYMARK_FILES_DIR`: where supporting files are kept (default `data/files`).
    pub files_dir: std::path::PathBuf,
    /// `WAYMARK_KEY_FILE`: the trust's key for signing Open Badges (default
    /// `data/trust-key.json`), made on first use. Outside the database on purpose: a copy of
    /// the database never carries it. Back it up with the database.
    pub key_file: std::path::PathBuf,
    /// `SMTP_URL` (`smtp://host:25`, `smtps://user:password@host`, …): where e-mail goes.
    /// Unset, e-mail is written to the log instead.
    pub smtp_url: Option<Secret>,
    /// `WAYMARK_MAIL_FROM`: the sender of Waymark's e-mail.
    pub mail_from: String,
    /// `WAYMARK_BASE_URL`: the address people reach Waymark at, for links in e-mail
    /// (default `http://` and the site address).
    pub base_url: String,
    /// `WAYMARK_IDLE_MINUTES`: how long a session lasts without a request (default 30; from
    /// 5 to 720, the absolute limit).
    pub idle: chrono::Duration,
    /// `WAYMARK_MICROSOFT_*`, `WAYMARK_GOOGLE_*`: single sign-on (see [`crate::sso::settings`]).
    pub sso: crate::sso::settings::SsoSettings,
}

/// A setting that may carry a password: never printed.
#[derive(Clone)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// A setting that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{name} is not valid: {reason}")]
pub struct ConfigError {
    pub name: &'static str,
    pub reason: String,
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `var`, so tests can supply their own environment.
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|e: std::net::AddrParseError| ConfigError {
                name: "LEPTOS_SITE_ADDR",
                reason: e.to_string(),
            })?;
        let env = match var("LEPTOS_ENV").as_deref() {
            Some("PROD") | Some("prod") | Some("production") => Env::PROD,
            _ => Env::DEV,
        };
        let leptos = LeptosOptions::builder()
            .output_name(var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| "waymark".into()))
            .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
            .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".into()))
            .env(env)
            .site_addr(site_addr)
            .build();
        Ok(Self {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            leptos,
            secure_cookies: flag(&var, "WAYMARK_SECURE_COOKIES")?,
            trust_proxy: flag(&var, "WAYMARK_TRUST_PROXY")?,
            files_dir: var("WAYMARK_FILES_DIR")
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| "data/files".into())
                .into(),
            key_file: var("WAYMARK_KEY_FILE")
                .filter(|f| !f.trim().is_empty())
                .unwrap_or_else(|| "data/trust-key.json".into())
                .into(),
            smtp_url: var("SMTP_URL").filter(|u| !u.trim().is_empty()).map(Secret),
            mail_from: var("WAYMARK_MAIL_FROM")
                .filter(|f| !f.trim().is_empty())
                .unwrap_or_else(|| "Waymark <waymark@localhost>".into()),
            idle: idle_minutes(&var)?,
            sso: crate::sso::settings::SsoSettings::from_lookup(&var)?,
            base_url: var("WAYMARK_BASE_URL")
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| format!("http://{site_addr}")),
        })
    }
}

fn idle_minutes(var: &impl Fn(&str) -> Option<String>) -> Result<chrono::Duration, ConfigError> {
    let name = "WAYMARK_IDLE_MINUTES";
    let Some(text) = var(name).filter(|v| !v.trim().is_empty()) else {
        return Ok(app::domain::session::DEFAULT_IDLE);
    };
    let most = app::domain::session::ABSOLUTE.num_minutes();
    match text.trim().parse::<i64>() {
        Ok(minutes) if (5..=most).contains(&minutes) => Ok(chrono::Duration::minutes(minutes)),
        _ => Err(ConfigError {
            name,
            reason: format!("expected a number of minutes from 5 to {most}, got {text:?}"),
        }),
    }
}

fn flag(var: &impl Fn(&str) -> Option<String>, name: &'static str) -> Result<bool, ConfigError> {
    match var(name).as_deref().map(str::trim) {
        None | Some("") | Some("0") | Some("false") | Some("no") => Ok(false),
        Some("1") | Some("true") | Some("yes") => Ok(true),
        Some(other) => Err(ConfigError {
            name,
            reason: format!("expected true or false, got {other:?}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn with_nothing_set_waymark_serves_the_sqlite_file_on_port_3000() {
        let s = settings(&[]).expect("defaults are valid");
        assert_eq!(s.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(s.leptos.site_addr.to_string(), "127.0.0.1:3000");
        assert!(!s.secure_cookies);
    }

    #[test]
    fn database_url_and_site_addr_are_honoured() {
        let s = settings(&[
            ("DATABASE_URL", "postgres://localhost/waymark"),
            ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
        ])
        .expect("valid");
        assert_eq!(s.database_url, "postgres://localhost/waymark");
        assert_eq!(s.leptos.site_addr.port(), 8080);
    }

    #[test]
    fn a_nonsense_flag_is_refused_rather_than_guessed() {
        let err = settings(&[("WAYMARK_SECURE_COOKIES", "maybe")]).unwrap_err();
        assert_eq!(err.name, "WAYMARK_SECURE_COOKIES");
    }

    #[test]
    fn sessions_end_after_thirty_idle_minutes_unless_told_otherwise() {
        assert_eq!(settings(&[]).expect("valid").idle.num_minutes(), 30);
        let s = settings(&[("WAYMARK_IDLE_MINUTES", "10")]).expect("valid");
        assert_eq!(s.idle.num_minutes(), 10);
        for bad in ["0", "721", "soon"] {
            let err = settings(&[("WAYMARK_IDLE_MINUTES", bad)]).unwrap_err();
            assert_eq!(err.name, "WAYMARK_IDLE_MINUTES");
        }
    }

    #[test]
    fn a_bad_address_names_the_variable() {
        let err = settings(&[("LEPTOS_SITE_ADDR", "localhost")]).unwrap_err();
        assert_eq!(err.name, "LEPTOS_SITE_ADDR");
    }
}
