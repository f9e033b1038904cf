//! Evidence of cross-school activity: the lifecycle of an entry and who may do what to it
//! ([`lifecycle`]), the form and what makes an entry complete enough to submit ([`form`]),
//! and the activity types a trust starts with.

mod activity_types;
pub mod form;
pub mod lifecycle;

pub use activity_types::STARTER_ACTIVITY_TYPES;
pub use form::*;
pub use lifecycle::*;
