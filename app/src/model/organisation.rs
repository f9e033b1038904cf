//! The organisation as pages show it: people, academies and the audit trail of changes.

use crate::domain::{AcademyId, AccessRole, PersonId, PersonStatus, RoleCategory};
use serde::{Deserialize, Serialize};

/// One person in a list: enough to recognise them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub role_category: RoleCategory,
    pub academy_name: Option<String>,
    pub direct_reports: u32,
    /// "31 August 2026" for someone who has left.
    pub left_on: Option<String>,
}

/// An academy with its head count, for filters and overviews.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcademySummary {
    pub id: AcademyId,
    pub name: String,
    pub phase: crate::domain::AcademyPhase,
    pub staff: u64,
    pub closed: bool,
}

/// An academy as administrators keep it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcademyRecord {
    pub id: AcademyId,
    pub name: String,
    pub short_name: String,
    pub phase: crate::domain::AcademyPhase,
    /// Staff who work there now.
    pub staff: u64,
    /// "31 August 2026" once it has closed.
    pub closed_on: Option<String>,
}

/// One change in the organisation's audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgChangeView {
    pub when: String,
    pub who: String,
    pub field: String,
    pub from: String,
    pub to: String,
}

/// The academy form: the academy (none when adding one) and what has changed about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcademyEditor {
    pub academy: Option<AcademyRecord>,
    pub history: Vec<OrgChangeView>,
}

/// Someone named on another person's record, to link to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLink {
    pub id: PersonId,
    pub name: String,
    pub job_title: String,
    /// The academy's name, or the central trust team.
    pub workplace: String,
}

/// A person's record, as administrators keep it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    /// Empty when the HR system's number is not known.
    pub employee_number: String,
    pub job_title: String,
    /// `None`: the central trust team.
    pub academy: Option<AcademyId>,
    pub workplace: String,
    pub role_category: RoleCategory,
    pub line_manager: Option<PersonLink>,
    /// The line manager's e-mail address, as the form names them; empty for none.
    pub line_manager_email: String,
    pub roles: Vec<AccessRole>,
    pub status: PersonStatus,
    /// "31 August 2026" for a leaver.
    pub left_on: Option<String>,
}

/// A person's record page: who they are, their line above and below, and every change to
/// their record. `may_manage` says whether the viewer may change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonPage {
    pub person: PersonRecord,
    /// Their line manager first, then that manager's manager, up to the top.
    pub chain: Vec<PersonLink>,
    /// Who reports to them now.
    pub reports: Vec<PersonLink>,
    pub history: Vec<OrgChangeView>,
    pub may_manage: bool,
    /// Whether they can sign in yet (for administrators, who invite people).
    pub invitation: Option<InvitationStatus>,
}

/// An academy to choose from on the person form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcademyChoice {
    pub id: AcademyId,
    pub name: String,
}

/// The person form: the person (none when adding one) and where they may work: the open
/// academies, and their own even if it has closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonEditor {
    pub person: Option<PersonRecord>,
    pub academies: Vec<AcademyChoice>,
    /// Today, `YYYY-MM-DD`: what the leaving day starts as (and the latest it may be).
    pub today: String,
}

/// What the staff directory is narrowed by, as its address gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleFilter {
    /// Part of a name, e-mail address or job title.
    pub q: String,
    pub academy: Option<AcademyId>,
    pub category: Option<RoleCategory>,
    /// Active people, or (for HR and administrators) leavers.
    pub status: PersonStatus,
    /// Only people who have not set a password yet (for administrators, to invite).
    #[serde(default)]
    pub no_password: bool,
    /// 1-based.
    pub page: u64,
}

impl Default for PeopleFilter {
    fn default() -> Self {
        PeopleFilter {
            q: String::new(),
            academy: None,
            category: None,
            status: PersonStatus::Active,
            no_password: false,
            page: 1,
        }
    }
}

/// One row of an import preview: who, and what the file says of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The file's row number (0 for someone not in the file).
    pub row: usize,
    pub name: String,
    /// The e-mail address, workplace and job title, or the leaving day.
    pub detail: String,
}

/// One person an import changes, field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportChange {
    pub row: usize,
    pub name: String,
    pub changes: Vec<crate::domain::org_change::Change>,
}

/// Which heading of the file a column is read from (`None`: not read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnChoice {
    pub column: crate::domain::import::Column,
    pub heading: Option<String>,
}

/// What importing an uploaded staff file would do, before anything changes. Each list shows
/// its first [`ImportPreview::SHOWN`] rows; the counts are of them all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: crate::domain::ImportId,
    pub file_name: String,
    pub uploaded: String,
    /// When it was applied, and what that did, once it has been.
    pub applied: Option<String>,
    pub headings: Vec<String>,
    pub mapping: Vec<ColumnChoice>,
    pub rows: usize,
    pub problems: Vec<crate::domain::import::RowProblem>,
    pub adds: Vec<ImportRow>,
    pub add_count: usize,
    pub changes: Vec<ImportChange>,
    pub change_count: usize,
    pub leavers: Vec<ImportRow>,
    pub leaver_count: usize,
    pub missing: Vec<ImportRow>,
    pub missing_count: usize,
    pub unchanged: usize,
}

impl ImportPreview {
    /// How many rows of each list a preview shows.
    pub const SHOWN: usize = 100;
}

/// What the set-a-password page shows about its link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLinkView {
    pub first_name: String,
    pub email: String,
    /// An invitation (a first password) rather than a reset.
    pub invitation: bool,
    /// When the link stops working.
    pub expires: String,
}

/// Whether a person can sign in yet: they have set a password, or when they were invited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationStatus {
    pub has_password: bool,
    pub invited: Option<String>,
}
