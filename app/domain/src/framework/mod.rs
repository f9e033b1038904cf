//! The leadership framework as data: its interchange document (what export writes and import
//! reads), the rules for a well-formed framework and for publishing one, and version states.

#[cfg(feature = "server")]
pub mod case;
mod checks;
pub mod diff;
pub mod edit;

pub use checks::Problem;

use super::org::RoleCategory;
use serde::{Deserialize, Serialize};

/// The `format` every exported framework carries, so an import knows what it is reading.
pub const DOCUMENT_FORMAT: &str = "waymark-framework/1";

/// Where a framework version is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    Draft,
    Published,
    Retired,
}

impl VersionStatus {
    pub fn code(self) -> &'static str {
        match self {
            VersionStatus::Draft => "draft",
            VersionStatus::Published => "published",
            VersionStatus::Retired => "retired",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "draft" => Some(VersionStatus::Draft),
            "published" => Some(VersionStatus::Published),
            "retired" => Some(VersionStatus::Retired),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VersionStatus::Draft => "Draft",
            VersionStatus::Published => "Published",
            VersionStatus::Retired => "Retired",
        }
    }

    /// Only a draft can be edited or published; published and retired versions are history.
    pub fn is_editable(self) -> bool {
        self == VersionStatus::Draft
    }

    /// Where a version goes when another version (or itself) is published: the draft being
    /// published becomes the published version, the published one is retired, and every
    /// other version stays as it is.
    pub fn on_publishing(self, this_one: bool) -> Result<VersionStatus, &'static str> {
        match (self, this_one) {
            (VersionStatus::Draft, true) => Ok(VersionStatus::Published),
            (_, true) => Err("Only a draft can be published"),
            (VersionStatus::Published, false) => Ok(VersionStatus::Retired),
            (other, false) => Ok(other),
        }
    }
}

/// A whole framework version, as exported and imported (JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkDocument {
    pub format: String,
    /// Stable identifier of the version; generated on import when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub levels: Vec<LevelDoc>,
    pub strands: Vec<StrandDoc>,
    #[serde(default)]
    pub pathways: Vec<PathwayDoc>,
}

/// A level of progression; descriptors and targets refer to it by its 1-based rank.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrandDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub elements: Vec<ElementDoc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub code: String,
    pub title: String,
    pub summary: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub descriptors: Vec<DescriptorDoc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DescriptorDoc {
    /// 1-based rank of the level.
    pub level: u32,
    /// `None`: for everyone; otherwise tailored to one role category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_category: Option<RoleCategory>,
    /// Markdown.
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathwayDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub role_categories: Vec<RoleCategory>,
    pub targets: Vec<TargetDoc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetDoc {
    /// The element's code.
    pub element: String,
    /// 1-based rank of the target level.
    pub level: u32,
}

/// Limits that keep a framework readable (and an import from filling the disk).
pub const MAX_NAME: usize = 120;
pub const MAX_SUMMARY: usize = 300;
pub const MAX_MARKDOWN: usize = 20_000;

/// An element code: one to three letters then a number, like `A1`, `B12` or `SK3`.
/// A level's rank (1-based) from its place in the list of levels.
pub fn rank_at(index: usize) -> u32 {
    u32::try_from(index).map_or(u32::MAX, |i| i.saturating_add(1))
}

/// A level's place in the list of levels from its rank, if it is a rank (they start at 1).
pub fn index_of_rank(rank: u32) -> Option<usize> {
    usize::try_from(rank).ok()?.checked_sub(1)
}

pub fn is_valid_code(code: &str) -> bool {
    let letters = code.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = &code[letters..];
    (1..=3).contains(&letters)
        && !digits.is_empty()
        && digits.len() <= 3
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
}

impl FrameworkDocument {
    /// How many levels it has.
    pub fn level_count(&self) -> u32 {
        u32::try_from(self.levels.len()).unwrap_or(u32::MAX)
    }

    /// The level with this rank (1-based).
    pub fn level(&self, rank: u32) -> Option<&LevelDoc> {
        index_of_rank(rank).and_then(|i| self.levels.get(i))
    }
}

/// Picks the descriptor a person should read first at one level: the variant tailored to
/// their role category if there is one, else the one for everyone.
pub fn descriptor_for(
    descriptors: &[DescriptorDoc],
    level: u32,
    category: Option<RoleCategory>,
) -> Option<&DescriptorDoc> {
    let tailored = category.and_then(|c| {
        descriptors
            .iter()
            .find(|d| d.level == level && d.role_category == Some(c))
    });
    tailored.or_else(|| {
        descriptors
            .iter()
            .find(|d| d.level == level && d.role_category.is_none())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> FrameworkDocument {
        FrameworkDocument {
            format: DOCUMENT_FORMAT.into(),
            id: None,
            name: "Leadership framework".into(),
            description: String::new(),
            levels: vec![
                LevelDoc {
                    id: None,
                    name: "Own practice".into(),
                    description: String::new(),
                },
                LevelDoc {
                    id: None,
                    name: "Team".into(),
                    description: String::new(),
                },
            ],
            strands: vec![StrandDoc {
                id: None,
                name: "Attitudes".into(),
                description: String::new(),
                elements: vec![ElementDoc {
                    id: None,
                    code: "A1".into(),
                    title: "Moral purpose".into(),
                    summary: "Puts pupils first".into(),
                    description: String::new(),
                    descriptors: vec![
                        DescriptorDoc {
                            level: 1,
                            role_category: None,
                            body: "Mine".into(),
                        },
                        DescriptorDoc {
                            level: 2,
                            role_category: None,
                            body: "Ours".into(),
                        },
                    ],
                }],
            }],
            pathways: vec![PathwayDoc {
                id: None,
                name: "Aspiring leader".into(),
                description: String::new(),
                role_categories: vec![RoleCategory::Delivering],
                targets: vec![TargetDoc {
                    element: "A1".into(),
                    level: 2,
                }],
            }],
        }
    }

    #[test]
    fn a_complete_framework_has_no_problems_and_can_be_published() {
        assert_eq!(doc().problems(), vec![]);
        assert_eq!(doc().publish_problems(), vec![]);
    }

    #[test]
    fn element_codes_look_like_a1() {
        for good in ["A1", "B12", "SK3", "S999"] {
            assert!(is_valid_code(good), "{good}");
        }
        for bad in ["", "A", "1", "a1", "A01", "ABCD1", "A1b", "A-1", "A1000"] {
            assert!(!is_valid_code(bad), "{bad}");
        }
    }

    #[test]
    fn a_repeated_code_is_reported_where_it_is() {
        let mut d = doc();
        let copy = d.strands[0].elements[0].clone();
        d.strands[0].elements.push(copy);
        let problems = d.problems();
        assert!(
            problems
                .iter()
                .any(|p| p.at == "strands[0].elements[1].code"
                    && p.message.contains("used more than once")),
            "{problems:?}"
        );
    }

    #[test]
    fn publishing_is_refused_while_an_element_lacks_a_descriptor_at_some_level() {
        let mut d = doc();
        d.strands[0].elements[0].descriptors.pop();
        assert_eq!(d.problems(), vec![], "a draft may be incomplete");
        let problems = d.publish_problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "element A1: has no descriptor at level 2 (Team)"
        );
    }

    #[test]
    fn a_tailored_variant_does_not_count_as_the_descriptor_for_everyone() {
        let mut d = doc();
        d.strands[0].elements[0].descriptors[1].role_category = Some(RoleCategory::Enabling);
        assert!(!d.publish_problems().is_empty());
    }

    #[test]
    fn a_descriptor_for_a_level_that_does_not_exist_is_refused() {
        let mut d = doc();
        d.strands[0].elements[0].descriptors[0].level = 7;
        let problems = d.problems();
        assert_eq!(
            problems[0].at,
            "strands[0].elements[0].descriptors[0].level"
        );
        assert!(problems[0].message.contains("no level 7"));
    }

    #[test]
    fn a_pathway_must_target_elements_that_exist() {
        let mut d = doc();
        d.pathways[0].targets[0].element = "Z9".into();
        let problems = d.problems();
        assert_eq!(problems[0].at, "pathways[0].targets[0].element");
    }

    #[test]
    fn a_document_of_another_format_is_refused() {
        let mut d = doc();
        d.format = "something-else".into();
        assert_eq!(d.problems()[0].at, "format");
    }

    #[test]
    fn people_read_their_own_role_categorys_variant_first() {
        let descriptors = vec![
            DescriptorDoc {
                level: 1,
                role_category: None,
                body: "general".into(),
            },
            DescriptorDoc {
                level: 1,
                role_category: Some(RoleCategory::Enabling),
                body: "enabling".into(),
            },
        ];
        let pick = |c| descriptor_for(&descriptors, 1, c).map(|d| d.body.as_str());
        assert_eq!(pick(Some(RoleCategory::Enabling)), Some("enabling"));
        assert_eq!(pick(Some(RoleCategory::Delivering)), Some("general"));
        assert_eq!(pick(None), Some("general"));
        assert_eq!(descriptor_for(&descriptors, 2, None), None);
    }

    #[test]
    fn publishing_a_draft_retires_the_published_version_and_leaves_the_rest_alone() {
        use VersionStatus::*;
        assert_eq!(Draft.on_publishing(true), Ok(Published));
        assert_eq!(Published.on_publishing(false), Ok(Retired));
        assert_eq!(Draft.on_publishing(false), Ok(Draft));
        assert_eq!(Retired.on_publishing(false), Ok(Retired));
    }

    #[test]
    fn a_published_or_retired_version_cannot_be_published_again() {
        assert!(VersionStatus::Published.on_publishing(true).is_err());
        assert!(VersionStatus::Retired.on_publishing(true).is_err());
    }

    #[test]
    fn only_a_draft_is_editable() {
        assert!(VersionStatus::Draft.is_editable());
        assert!(!VersionStatus::Published.is_editable());
        assert!(!VersionStatus::Retired.is_editable());
    }

    #[test]
    fn unknown_fields_in_an_import_are_refused_rather_than_silently_dropped() {
        let json = r#"{"format":"waymark-framework/1","name":"x","levels":[],"strands":[],"colour":"red"}"#;
        let err = serde_json::from_str::<FrameworkDocument>(json).unwrap_err();
        assert!(err.to_string().contains("colour"));
    }
}
