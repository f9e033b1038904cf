//! The Waymark web server: configuration, start-up, session and request-safety middleware,
//! and the command-line tasks (serve, migrate, demo).

// Leptos views are deeply nested types; the administrators' editors need more room.
#![recursion_limit = "256"]

pub mod backup;
pub mod config;
pub mod credentials;
pub mod demo;
pub mod downloads;
pub mod import_staff;
pub mod limits;
pub mod middleware;
pub mod sso;
pub mod startup;
pub mod state;

pub use config::Settings;
pub use startup::Application;
pub use state::AppState;
