//! The framework as pages show it: the overview, an element's ladder, pathways, consultation,
//! and the administrators' draft editor.

use super::*;

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
