//! Waymark: a leadership framework and progression portfolio for a multi-academy trust.
//!
//! This crate is shared by the server (feature `ssr`) and the browser (feature `hydrate`):
//! - [`domain`]: pure types and rules, no I/O (its own crate, `app/domain`, re-exported here);
//! - [`db`] (server only): entities and the service functions that query them;
//! - [`ui`]: pages, components and the server functions that connect them to services.

// Leptos views are deeply nested types; the release build of the larger pages (HR's awards
// table) needs more room than the default to compute their layout.
#![recursion_limit = "256"]

pub use ::domain;
pub mod csp;
pub mod error;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod model;
pub mod ui;
pub mod url;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod storage;

pub use ui::{App, shell};
