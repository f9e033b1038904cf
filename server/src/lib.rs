//! The Waymark web server: configuration, start-up, session and request-safety middleware,
//! and the command-line tasks (serve, migrate, demo).

pub mod config;
pub mod demo;
pub mod downloads;
pub mod middleware;
pub mod startup;

pub use config::Settings;
pub use startup::{AppState, Application};
