//! What every handler can reach: the site's options, the database, the settings, where files
//! are kept, how e-mail is sent, and what the server keeps in memory between requests.

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
    /// Settled framework documents and portfolio summaries, read once (see [`app::db::kept`]).
    pub kept: app::db::kept::Kept,
    /// The trust's key for signing its Open Badges (in its own file, made on first use).
    pub seal: app::db::recognition::badge::Seal,
    /// Microsoft and Google sign-in, where configured.
    pub providers: crate::sso::Providers,
}
