//! What every handler can reach: the site's options, the database, the settings, where files
//! are kept and how e-mail is sent.

use axum::extract::FromRef;
use sea_orm::DatabaseConnection;

use crate::config::Settings;

/// The application's shared state, one clone per handler.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: leptos::config::LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Settings,
    pub files: app::storage::Files,
    pub mailer: app::mail::Mailer,
}
