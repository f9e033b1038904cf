//! sea-orm entities, one per table. The schema itself is defined by the `migrations` crate.

pub mod academy;
pub mod person;
pub mod person_role;
pub mod session;
pub mod sign_in_failure;
pub mod trust;
