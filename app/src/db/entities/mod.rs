//! sea-orm entities, one per table. The schema itself is defined by the `migrations` crate.

pub mod academy;
pub mod consultation_feedback;
pub mod descriptor;
pub mod element;
pub mod framework_version;
pub mod level;
pub mod pathway;
pub mod pathway_follower;
pub mod pathway_target;
pub mod person;
pub mod person_role;
pub mod session;
pub mod sign_in_failure;
pub mod strand;
pub mod trust;
