//! Recognition as pages show it: milestone rules and their previews, awards, and the wall.

use super::Page;
use crate::domain::recognition::RuleForm;
use crate::domain::{AcademyId, ActivityTypeId, AwardId, PersonId, RuleId};
use serde::{Deserialize, Serialize};

/// A milestone rule in the list HR keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleView {
    pub id: RuleId,
    pub name: String,
    /// What it asks, in a sentence.
    pub sentence: String,
    pub colour: String,
    pub active: bool,
    /// How many people hold it (withdrawn awards aside).
    pub awarded: u64,
}

/// What HR sees on the recognition page: the rules, and the awards given most recently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognitionPage {
    pub rules: Vec<RuleView>,
    pub recent: Page<AwardView>,
    /// The awards that stand, counted by award, academy and role category.
    pub counts: crate::domain::recognition::report::Tally,
}

/// Everything a rule's form can choose from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleChoices {
    /// The framework's level names, in order.
    pub levels: Vec<String>,
    /// (UUID, name) of each strand.
    pub strands: Vec<(String, String)>,
    /// (UUID, "code title") of each element.
    pub elements: Vec<(String, String)>,
    pub activity_types: Vec<(ActivityTypeId, String)>,
    /// (UUID, name) of each pathway.
    pub pathways: Vec<(String, String)>,
}

/// Who would meet a rule today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulePreview {
    pub sentence: String,
    /// How many people meet it.
    pub people: u64,
    /// Of those, how many do not hold it yet (applying it would award them).
    pub not_yet: u64,
    /// The first few of them by name.
    pub names: Vec<String>,
}

/// A rule's page: its form (empty for a new one), what it can choose from, and its preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleEditor {
    pub id: Option<RuleId>,
    pub form: RuleForm,
    pub colour: String,
    pub active: bool,
    pub choices: RuleChoices,
    pub preview: Option<RulePreview>,
}

/// One award, as its holder, HR and the wall see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardView {
    pub id: AwardId,
    pub person: PersonId,
    pub person_name: String,
    /// Their academy, or the central team.
    pub workplace: String,
    pub name: String,
    /// The citation (or the rule's description), rendered from Markdown.
    pub citation_html: String,
    pub group_name: String,
    /// "3 March 2026".
    pub awarded_on: String,
    /// Given by a milestone rule rather than by hand.
    pub automatic: bool,
    pub colour: String,
    /// "Withdrawn on 5 March 2026: …" for a withdrawn award.
    pub withdrawn: Option<String>,
}

/// The celebration wall, narrowed by academy and award.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WallPage {
    pub awards: Page<AwardView>,
    pub academies: Vec<(AcademyId, String)>,
    /// The names of the awards on the wall, to narrow it to one.
    pub award_names: Vec<String>,
    pub academy: Option<AcademyId>,
    pub award: Option<String>,
    /// Whether the reader has chosen to appear on it.
    pub on_wall: bool,
}

/// The filters in the wall's address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WallFilters {
    pub academy: Option<AcademyId>,
    pub award: Option<String>,
    pub page: Option<u64>,
}

/// An award given by hand, as its form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiveForm {
    /// One e-mail address per line (or separated by commas).
    #[serde(default)]
    pub people: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub citation: String,
    /// The group it recognises, when given to several people together.
    #[serde(default)]
    pub group_name: String,
}

/// An award's printable certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateView {
    pub trust_name: String,
    pub award: AwardView,
    /// The public page that says whether it is genuine.
    pub verify_path: String,
}

/// What the public verification page says of an award.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationView {
    pub trust_name: String,
    pub holder: String,
    pub award: String,
    /// "3 March 2026".
    pub awarded_on: String,
    /// "Withdrawn on 5 March 2026." when it was withdrawn.
    pub withdrawn: Option<String>,
}

/// The wall as a page for the staff bulletin: the awards of a few recent weeks, by award.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinView {
    pub trust_name: String,
    /// How many weeks back it looks, and the choices offered.
    pub weeks: u32,
    pub week_choices: Vec<u32>,
    /// "3 November 2026" and "1 December 2026".
    pub from: String,
    pub to: String,
    pub academies: Vec<(AcademyId, String)>,
    pub academy: Option<AcademyId>,
    /// The academy's name when narrowed to one.
    pub academy_name: Option<String>,
    /// Each award's name and colour, with the people who received it, newest first.
    pub groups: Vec<BulletinGroup>,
    /// Awards in the period beyond those shown (a bulletin stops at a readable length).
    pub more: u64,
}

/// One award on the bulletin and who received it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinGroup {
    pub award: String,
    pub colour: String,
    pub awards: Vec<AwardView>,
}

/// What checking a credential file found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CredentialVerdict {
    /// Signed by this trust and unchanged; the award stands.
    Genuine,
    /// Signed by this trust and unchanged, but the award was withdrawn ("Withdrawn on …").
    Withdrawn(String),
    /// Not signed by this trust, or changed since: why, in plain words.
    NotGenuine(String),
    /// Not a credential at all: what to do, in plain words.
    Unreadable(String),
}

/// A credential file checked: the verdict, and the award it is for when it is the trust's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialCheck {
    pub verdict: CredentialVerdict,
    pub award: Option<VerificationView>,
}
