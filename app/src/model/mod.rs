//! Data shapes sent between server and browser: what pages show, never database rows.

use crate::domain::framework::{FrameworkDocument, VersionStatus};
use crate::domain::{
    AcademyId, ActivityTypeId, Actor, EntryId, FileId, NavItem, PathwayId, PersonId, RoleCategory,
    ShareId, StrandId, VersionId, navigation,
};
use serde::{Deserialize, Serialize};

mod organisation;
pub use organisation::*;

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

/// The framework at a glance: strands with their elements, and the levels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkOverview {
    pub version_id: VersionId,
    pub name: String,
    pub status: crate::domain::framework::VersionStatus,
    pub levels: Vec<LevelSummary>,
    pub strands: Vec<StrandSummary>,
    /// How many elements matched the search and filter.
    pub matches: usize,
    /// A draft open for consultation, if there is one.
    pub consultation: Option<ConsultationNotice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelSummary {
    pub rank: u32,
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrandSummary {
    pub id: StrandId,
    pub name: String,
    pub description: String,
    pub elements: Vec<ElementSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementSummary {
    pub code: String,
    pub title: String,
    pub summary: String,
}

/// One element with its ladder of levels, as a person reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementView {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub strand: String,
    /// Sanitised HTML rendered from Markdown on the server.
    pub description_html: String,
    /// The role category whose variants are shown (`None`: the descriptors for everyone).
    pub showing: Option<RoleCategory>,
    /// Role categories with at least one tailored descriptor on this element.
    pub variants: Vec<RoleCategory>,
    pub rungs: Vec<Rung>,
}

/// One level of an element's ladder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rung {
    pub rank: u32,
    pub level: String,
    pub level_description: String,
    /// Sanitised HTML; `None` when the level has no descriptor yet.
    pub descriptor_html: Option<String>,
    /// Set when the descriptor shown is tailored to this role category.
    pub tailored_for: Option<RoleCategory>,
}

/// A pathway in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwaySummary {
    pub id: PathwayId,
    pub name: String,
    pub description: String,
    pub role_categories: Vec<RoleCategory>,
    pub targets: usize,
    pub following: bool,
}

/// A pathway with its targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayView {
    pub summary: PathwaySummary,
    pub description_html: String,
    pub targets: Vec<PathwayTargetView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayTargetView {
    pub code: String,
    pub title: String,
    pub strand: String,
    pub level_rank: u32,
    pub level: String,
}

/// A draft framework open for staff consultation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationNotice {
    pub version_id: VersionId,
    pub name: String,
    /// The closing date, as people read it ("12 December 2026").
    pub closes: String,
}

/// The consultation page: the draft's elements and what this person has said so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub notice: ConsultationNotice,
    pub strands: Vec<StrandSummary>,
    /// (id, "A2 Growth and curiosity") of every element, to choose from in the feedback form.
    pub element_choices: Vec<(i64, String)>,
    pub mine: Vec<FeedbackItem>,
    /// Everyone's feedback grouped by element: administrators only.
    pub received: Option<Vec<FeedbackGroup>>,
}

/// One piece of consultation feedback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackItem {
    /// "S6 Digital fluency" or "The framework as a whole".
    pub about: String,
    pub body: String,
    pub from: String,
    pub when: String,
}

/// Feedback on a draft grouped by what it is about, for administrators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackGroup {
    pub about: String,
    pub items: Vec<FeedbackItem>,
}

/// A framework version as administrators see it in lists and page headers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub id: VersionId,
    pub name: String,
    pub status: VersionStatus,
    /// Dates as people read them ("22 November 2026").
    pub created: String,
    pub published: Option<String>,
    pub retired: Option<String>,
    pub consultation_open: bool,
    /// When the consultation closes (or closed), if one was ever opened.
    pub consultation_closes: Option<String>,
    /// The same date as a date input wants it ("2026-12-13").
    pub consultation_closes_input: Option<String>,
}

/// A version's editing page: the whole document and what stands between it and publishing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftEditor {
    pub version: VersionInfo,
    pub document: FrameworkDocument,
    pub description_html: String,
    /// Why it cannot be published yet; empty when it can.
    pub publish_problems: Vec<String>,
    /// How many items differ from the published version.
    pub changes: usize,
    /// How many pieces of consultation feedback it has had.
    pub feedback: u64,
    /// All of that feedback, grouped by what it is about.
    pub feedback_groups: Vec<FeedbackGroup>,
}

/// Editing one element of a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementEditor {
    pub version: VersionInfo,
    pub document: FrameworkDocument,
    /// The element's identifier; `None` when adding one.
    pub element: Option<String>,
    /// (form field, sanitised HTML) of every saved Markdown field, as staff will read it.
    pub previews: Vec<(String, String)>,
}

/// Editing one pathway of a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayEditor {
    pub version: VersionInfo,
    pub document: FrameworkDocument,
    pub pathway: Option<String>,
}

/// What a version changes from the published one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionChanges {
    pub version: VersionInfo,
    /// The published version's name; `None` when this is the published one or none is.
    pub against: Option<String>,
    pub groups: Vec<crate::domain::framework::diff::ChangeGroup>,
}

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

/// Headline figures of verified activity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub activities: u32,
    /// "12.5".
    pub hours: String,
    /// Academies other than the person's own.
    pub academies: u32,
    pub people: u32,
}

/// One cell of the coverage matrix: entries behind an element at a level. Sent to the browser
/// as a pair, `[verified, pending]`: a matrix has a hundred cells or so, and their field names
/// would be a third of the page's hydration data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u32, u32)", into = "(u32, u32)")]
pub struct CoverageCell {
    /// Verified at this level.
    pub verified: u32,
    /// Claimed at this level and waiting for verification.
    pub pending: u32,
}

impl From<(u32, u32)> for CoverageCell {
    fn from((verified, pending): (u32, u32)) -> Self {
        CoverageCell { verified, pending }
    }
}

impl From<CoverageCell> for (u32, u32) {
    fn from(cell: CoverageCell) -> Self {
        (cell.verified, cell.pending)
    }
}

/// One element's row of the coverage matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub code: String,
    pub title: String,
    pub strand: String,
    /// The current level's name, if any evidence is verified.
    pub current: Option<String>,
    /// One per level, in order.
    pub cells: Vec<CoverageCell>,
}

/// Progress along one followed pathway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayProgressView {
    pub id: String,
    pub name: String,
    pub met: u32,
    pub total: u32,
    pub percent: u32,
    /// What to do next, in words; `None` once every target is met.
    pub next: Option<String>,
}

/// A verified activity on the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: EntryId,
    pub title: String,
    pub date: String,
    pub activity: String,
    /// "B2 at Academy".
    pub shows: Vec<String>,
}

/// The verified activities of one term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermActivity {
    /// "Autumn term 2025".
    pub label: String,
    /// "2025 to 2026".
    pub year: String,
    pub entries: Vec<TimelineEntry>,
}

/// A progression portfolio, as the person looking at it may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portfolio {
    pub person_id: PersonId,
    pub name: String,
    pub job_title: String,
    pub academy: Option<String>,
    /// The person is looking at their own.
    pub own: bool,
    /// Opened through a share link: verified evidence only, no links into the app.
    pub shared: bool,
    pub framework: String,
    /// "2025 to 2026".
    pub this_year: String,
    pub this_year_figures: Figures,
    pub all_time: Figures,
    pub levels: Vec<String>,
    /// Strand names, in order (the filter's choices; 1-based in the address).
    pub strands: Vec<String>,
    pub rows: Vec<CoverageRow>,
    pub pathways: Vec<PathwayProgressView>,
    /// Newest first.
    pub terms: Vec<TermActivity>,
    /// Verified entries per term, oldest first: ("Autumn 2025", count).
    pub chart: Vec<(String, u32)>,
    /// Years with verified activity, newest first: (start year, "2025 to 2026", activities).
    pub academic_years: Vec<(i32, String, u32)>,
    /// The academic year `terms` lists (`None`: every year).
    pub timeline_year: Option<i32>,
    pub strand_filter: Option<usize>,
    pub year_filter: Option<i32>,
    /// The entries behind one cell of the matrix, when one was chosen.
    pub cell: Option<(String, Vec<TimelineEntry>)>,
}

/// What a portfolio is narrowed to: a strand (1-based), an academic year (its start), and
/// the element and level of a matrix cell whose entries to list; and, without a year, which
/// years the timeline lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioFilters {
    pub strand: Option<usize>,
    pub year: Option<i32>,
    pub element: Option<String>,
    pub level: Option<u32>,
    /// The timeline's years (without changing the rest of the page).
    pub timeline: crate::domain::portfolio::TimelineChoice,
}

/// One of the owner's share links, as listed to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareView {
    pub id: ShareId,
    pub label: String,
    /// "12 March 2027".
    pub created: String,
    pub expires: String,
    /// "Active", "Expired" or "Withdrawn".
    pub status: String,
    pub active: bool,
    pub openings: u32,
    /// "12 March 2027 at 14:05".
    pub last_opened: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::CoverageCell;

    #[test]
    fn a_matrix_cell_travels_as_a_pair_and_reads_back_the_same() {
        let cell = CoverageCell {
            verified: 3,
            pending: 1,
        };
        let json = serde_json::to_string(&cell).expect("serialises");
        assert_eq!(json, "[3,1]");
        assert_eq!(
            serde_json::from_str::<CoverageCell>(&json).expect("reads back"),
            cell
        );
    }
}
