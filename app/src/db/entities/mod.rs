//! sea-orm entities, one per table. The schema itself is defined by the `migrations` crate.

pub mod academy;
pub mod activity_type;
pub mod consultation_feedback;
pub mod descriptor;
pub mod element;
pub mod evidence_claim;
pub mod evidence_co_leader;
pub mod evidence_entry;
pub mod evidence_event;
pub mod evidence_file;
pub mod evidence_link;
pub mod evidence_place;
pub mod framework_version;
pub mod level;
pub mod notification;
pub mod pathway;
pub mod pathway_follower;
pub mod pathway_target;
pub mod person;
pub mod person_role;
pub mod session;
pub mod sign_in_failure;
pub mod strand;
pub mod trust;
pub mod verification_delegate;
