//! Integration tests: a real Waymark server over a freshly migrated database (SQLite, or
//! PostgreSQL when `WAYMARK_TEST_POSTGRES` names a server), one module per feature. One binary,
//! so the server and its dependencies are linked once.

mod academies;
mod auth;
mod backup;
mod common;
mod crash;
mod demo;
mod errors;
mod evidence;
mod framework;
mod framework_admin;
mod getting_in;
mod headers;
mod health;
mod import;
mod limits;
mod pages;
mod people;
mod portfolio;
mod recognition;
mod sessions;
mod sso;
mod textareas;
mod throttle;
