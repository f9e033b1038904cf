//! Data shapes sent between server and browser: what pages show, never database rows.

use crate::domain::framework::{FrameworkDocument, VersionStatus};
use crate::domain::{
    AcademyId, ActivityTypeId, Actor, EntryId, FileId, NavItem, PathwayId, PersonId, RoleCategory,
    ShareId, StrandId, VersionId, navigation,
};
use serde::{Deserialize, Serialize};

mod evidence;
mod framework;
mod organisation;
mod portfolio;
mod recognition;
pub use evidence::*;
pub use framework::*;
pub use organisation::*;
pub use portfolio::*;
pub use recognition::*;

/// The signed-in person: who they are and what they may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub actor: Actor,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub role_category: RoleCategory,
    /// `None`: the central trust team.
    pub academy_name: Option<String>,
    pub line_manager_name: Option<String>,
}

impl CurrentUser {
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }

    /// "Central trust team" when they belong to no academy.
    pub fn workplace(&self) -> &str {
        self.academy_name.as_deref().unwrap_or(CENTRAL_TEAM)
    }

    pub fn navigation(&self) -> Vec<NavItem> {
        navigation(&self.actor)
    }

    /// The access roles as people read them, e.g. "Administrator, HR"; empty if none.
    pub fn access_roles_in_words(&self) -> String {
        self.actor
            .roles
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the trust's own team is called where an academy name would go.
pub const CENTRAL_TEAM: &str = "Central trust team";

/// One page of a longer list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

impl<T> Page<T> {
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// What every page needs to know about who is looking: the trust and the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub trust_name: String,
    pub user: Option<CurrentUser>,
    /// How many of the person's notifications they have not read.
    pub unread: u64,
}

/// One notification in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub message: String,
    /// Where it leads: the entry it is about.
    pub href: Option<String>,
    pub when: String,
    pub unread: bool,
}

/// The single sign-on providers this server offers (from its configuration), put into every
/// request's context by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoOffer(pub Vec<crate::domain::sso::Provider>);

/// How people may sign in: the providers offered, and whether passwords are still accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInOptions {
    pub providers: Vec<crate::domain::sso::Provider>,
    pub passwords: bool,
}
