//! Evidence as pages show it: lists, an entry with its timeline and files, the form, and the
//! evidence settings.

use super::*;

pub use crate::domain::evidence::EntryForm;

/// An entry in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySummary {
    pub id: EntryId,
    pub title: String,
    pub activity: String,
    pub status: crate::domain::evidence::EvidenceStatus,
    /// "12 March 2026".
    pub date: String,
    /// "2025 to 2026".
    pub academic_year: String,
    pub owner: String,
    /// Whole days since it was submitted, for the verification queue.
    pub waiting_days: Option<i64>,
}

/// My evidence: the list, the filters chosen and what they could be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceList {
    pub entries: Vec<EntrySummary>,
    pub academic_years: Vec<String>,
    /// How many entries the person has in all, before filtering.
    pub total: usize,
}

/// One framework claim on an entry, with the descriptor it is judged against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimView {
    pub code: String,
    pub title: String,
    pub claimed: u32,
    pub claimed_name: String,
    pub verified: Option<u32>,
    pub verified_name: Option<String>,
    /// Sanitised HTML of the descriptor at the claimed level, in the owner's variant.
    pub descriptor_html: Option<String>,
}

/// One line of an entry's audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub who: String,
    /// "12 March 2026 at 14:05".
    pub when: String,
    pub what: String,
    pub comment: String,
    /// "A1 Moral purpose: Team → Academy".
    pub level_changes: Vec<String>,
}

/// A supporting file, as listed on its entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub id: FileId,
    pub name: String,
    /// "PDF", "Document", "Image".
    pub kind: String,
    /// "850 KB".
    pub size: String,
    /// Where it downloads from.
    pub url: String,
}

/// One entry as a person allowed to see it sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    pub id: EntryId,
    pub revision: i32,
    pub owner: String,
    pub owner_academy: Option<String>,
    pub status: crate::domain::evidence::EvidenceStatus,
    pub activity: String,
    pub title: String,
    pub dates: String,
    pub places: Vec<String>,
    pub hours: Option<String>,
    pub people_reached: Option<u32>,
    /// Names of the people who led it with the owner.
    pub co_leaders: Vec<String>,
    pub links: Vec<String>,
    pub files: Vec<FileView>,
    pub what_done_html: String,
    pub reflection_html: String,
    pub claims: Vec<ClaimView>,
    /// The level names, in order (for the verifier's choices).
    pub levels: Vec<String>,
    pub timeline: Vec<EventView>,
    /// What the viewer may do with it now.
    pub actions: Vec<crate::domain::evidence::EvidenceAction>,
    /// Why it cannot be submitted yet (owner only; empty when it can).
    pub submission_problems: Vec<crate::domain::FieldError>,
}

/// The evidence form: the entry as it stands and the choices the form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryEditor {
    pub id: Option<EntryId>,
    pub revision: i32,
    pub form: EntryForm,
    /// (id, name, description).
    pub activity_types: Vec<(ActivityTypeId, String, String)>,
    pub academies: Vec<(AcademyId, String)>,
    pub home_academy: Option<AcademyId>,
    /// (code, title, strand) of each element of the published framework.
    pub elements: Vec<(String, String, String)>,
    pub levels: Vec<String>,
}

/// An activity type as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityTypeView {
    pub id: ActivityTypeId,
    pub name: String,
    pub description: String,
    pub needs_host: bool,
    /// Element codes suggested for it.
    pub suggested: Vec<String>,
    pub active: bool,
    /// How many entries use it.
    pub entries: u64,
}

/// Someone verifying for an absent line manager.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegateView {
    pub manager_id: PersonId,
    pub manager: String,
    pub delegate: String,
    /// "12 March 2027".
    pub until: String,
    pub set_by: String,
    /// False once the date has passed.
    pub current: bool,
}

/// The evidence settings page: activity types, cover for absent managers, and the elements
/// an activity type may suggest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceSettings {
    pub activity_types: Vec<ActivityTypeView>,
    pub delegates: Vec<DelegateView>,
    /// (code, title) of each element of the published framework.
    pub elements: Vec<(String, String)>,
}

/// What the activity type form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityTypeForm {
    pub name: String,
    pub description: String,
    pub needs_host: bool,
    pub suggested: Vec<String>,
}
