//! Pure Rust types and rules shared by server and browser: no database, no runtime, no UI.
//!
//! Everything that decides *what is allowed* or *what a valid value is* lives here, so it can
//! be unit-tested without a database and used by both halves of the app.

pub mod academy;
pub mod access;
pub mod evidence;
pub mod files;
pub mod framework;
pub mod ids;
pub mod import;
pub mod input;
pub mod line;
pub mod org;
pub mod org_change;
pub mod people;
pub mod portfolio;
pub mod recognition;
pub mod session;
pub mod sso;
pub mod text;
pub mod throttle;

pub use access::{Action, Actor, Denied, NavItem, authorize, navigation};
pub use ids::{
    AcademyId, ActivityTypeId, AwardId, EntryId, FileId, ImportId, PathwayId, PersonId, RuleId,
    ShareId, StrandId, VersionId,
};
pub use input::{EmailAddress, FieldError, InputError, Password, PersonName, safe_next_path};
pub use org::{AcademyPhase, AccessRole, PersonStatus, RoleCategory};
