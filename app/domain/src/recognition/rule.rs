//! Milestone rules: the kinds a trust can choose from, each with its own parameters, what each
//! says in words, and reading one from the form an administrator fills in.

use crate::ids::ActivityTypeId;
use crate::input::FieldError;
use serde::{Deserialize, Serialize};

/// The longest a rule's name may be.
pub const MAX_NAME: usize = 120;
/// The longest its description (Markdown) may be.
pub const MAX_DESCRIPTION: usize = 2_000;
/// The colours a milestone's badge may have: (value, name).
pub const COLOURS: [(&str, &str); 6] = [
    ("#1d70b8", "Blue"),
    ("#00703c", "Green"),
    ("#6f3c8f", "Purple"),
    ("#b58840", "Gold"),
    ("#d4351c", "Red"),
    ("#005a70", "Teal"),
];

/// The most any count or level in a rule may ask for.
const MAX_COUNT: u32 = 1_000;

/// Which elements a level rule looks at. Elements and strands are named by UUID, which stays
/// the same from one framework version to the next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum LevelScope {
    /// Any one element of the strand.
    AnyInStrand { strand: String },
    /// Every element of the strand.
    EveryInStrand { strand: String },
    /// One named element.
    Element { element: String },
}

/// What a milestone asks of a person's verified evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleKind {
    /// At least `activities` verified activities, between them at at least `academies`
    /// academies other than the person's own.
    CrossSchool { activities: u32, academies: u32 },
    /// A verified level of at least `level` where `scope` says.
    Level { level: u32, scope: LevelScope },
    /// At least `entries` verified entries of one activity type.
    ActivityType {
        activity_type: ActivityTypeId,
        entries: u32,
    },
    /// At least `hours` verified hours of cross-school work started in one academic year.
    HoursInYear { hours: u32 },
    /// Every target of a pathway (named by UUID) met.
    Pathway { pathway: String },
}

impl RuleKind {
    /// The kinds as the form offers them: (code, label).
    pub const CHOICES: [(&'static str, &'static str); 5] = [
        ("cross_school", "Verified activities across other academies"),
        ("level", "A level reached in the framework"),
        ("activity_type", "Verified entries of one activity type"),
        (
            "hours_in_year",
            "Hours of cross-school work in one academic year",
        ),
        ("pathway", "A pathway completed"),
    ];

    /// The kind's code, as [`RuleKind::CHOICES`] and the database name it.
    pub fn code(&self) -> &'static str {
        match self {
            RuleKind::CrossSchool { .. } => "cross_school",
            RuleKind::Level { .. } => "level",
            RuleKind::ActivityType { .. } => "activity_type",
            RuleKind::HoursInYear { .. } => "hours_in_year",
            RuleKind::Pathway { .. } => "pathway",
        }
    }

    /// What the rule asks, in a sentence; `name` names the strand, element, activity type or
    /// pathway it refers to (by UUID or id as text).
    pub fn sentence(&self, name: impl Fn(&str) -> String) -> String {
        let plural =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match self {
            RuleKind::CrossSchool {
                activities,
                academies,
            } => format!(
                "{} between them at {} other than their own",
                plural(*activities, "verified activity", "verified activities"),
                plural(*academies, "academy", "academies"),
            ),
            RuleKind::Level { level, scope } => match scope {
                LevelScope::AnyInStrand { strand } => {
                    format!("Level {level} or higher in any element of {}", name(strand))
                }
                LevelScope::EveryInStrand { strand } => {
                    format!(
                        "Level {level} or higher in every element of {}",
                        name(strand)
                    )
                }
                LevelScope::Element { element } => {
                    format!("Level {level} or higher in {}", name(element))
                }
            },
            RuleKind::ActivityType {
                activity_type,
                entries,
            } => format!(
                "{} of {}",
                plural(*entries, "verified entry", "verified entries"),
                name(&activity_type.to_string())
            ),
            RuleKind::HoursInYear { hours } => format!(
                "{} of verified cross-school work in one academic year",
                plural(*hours, "hour", "hours")
            ),
            RuleKind::Pathway { pathway } => {
                format!("Every target of the pathway {} met", name(pathway))
            }
        }
    }
}

/// A milestone rule as the form posts it: every kind's fields, of which only the chosen
/// kind's are read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub activities: String,
    #[serde(default)]
    pub academies: String,
    #[serde(default)]
    pub level: String,
    /// `any:<strand>`, `every:<strand>` or `element:<element>`.
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub activity_type: String,
    #[serde(default)]
    pub entries: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub pathway: String,
}

/// A rule's name, description and kind, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRule {
    pub name: String,
    pub description: String,
    pub kind: RuleKind,
}

/// A whole number from 1 to [`MAX_COUNT`] in `field`, or the message saying what is wanted.
fn count(field: &str, text: &str, what: &str, errors: &mut Vec<FieldError>) -> u32 {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_COUNT).contains(&n) => n,
        Ok(_) => {
            errors.push(FieldError::new(
                field,
                format!("Enter {what} from 1 to {MAX_COUNT}"),
            ));
            0
        }
        Err(_) if text.trim().is_empty() => {
            errors.push(FieldError::new(field, format!("Enter {what}")));
            0
        }
        Err(_) => {
            errors.push(FieldError::new(
                field,
                format!("Enter {what} as a whole number, like 3"),
            ));
            0
        }
    }
}

/// A choice that must be made in `field`.
fn chosen(field: &str, text: &str, what: &str, errors: &mut Vec<FieldError>) -> String {
    let text = text.trim();
    if text.is_empty() {
        errors.push(FieldError::new(field, format!("Choose {what}")));
    }
    text.to_owned()
}

impl RuleForm {
    /// The rule the form describes, or every field's message. `levels` is how many levels the
    /// framework has (a level rule cannot ask for more).
    pub fn parse(&self, levels: u32) -> Result<ParsedRule, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            errors.push(FieldError::new("name", "Enter a name for the milestone"));
        } else if name.chars().count() > MAX_NAME {
            errors.push(FieldError::new(
                "name",
                format!("The name must be {MAX_NAME} characters or fewer"),
            ));
        }
        let description = self.description.trim().to_owned();
        if description.chars().count() > MAX_DESCRIPTION {
            errors.push(FieldError::new(
                "description",
                format!("The description must be {MAX_DESCRIPTION} characters or fewer"),
            ));
        }
        let kind = self.kind(levels, &mut errors);
        match kind {
            Some(kind) if errors.is_empty() => Ok(ParsedRule {
                name,
                description,
                kind,
            }),
            _ => Err(errors),
        }
    }

    fn kind(&self, levels: u32, errors: &mut Vec<FieldError>) -> Option<RuleKind> {
        let kind = match self.kind.as_str() {
            "cross_school" => RuleKind::CrossSchool {
                activities: count(
                    "activities",
                    &self.activities,
                    "how many activities",
                    errors,
                ),
                academies: count("academies", &self.academies, "how many academies", errors),
            },
            "level" => {
                let level = count("level", &self.level, "a level", errors);
                if level > levels {
                    errors.push(FieldError::new(
                        "level",
                        format!("The framework has {levels} levels: choose one of them"),
                    ));
                }
                let scope = match self.scope.trim().split_once(':') {
                    Some(("any", strand)) if !strand.is_empty() => LevelScope::AnyInStrand {
                        strand: strand.to_owned(),
                    },
                    Some(("every", strand)) if !strand.is_empty() => LevelScope::EveryInStrand {
                        strand: strand.to_owned(),
                    },
                    Some(("element", element)) if !element.is_empty() => LevelScope::Element {
                        element: element.to_owned(),
                    },
                    _ => {
                        errors.push(FieldError::new(
                            "scope",
                            "Choose the strand or element the level is reached in",
                        ));
                        return None;
                    }
                };
                RuleKind::Level { level, scope }
            }
            "activity_type" => {
                let chosen = chosen(
                    "activity_type",
                    &self.activity_type,
                    "an activity type",
                    errors,
                );
                let entries = count("entries", &self.entries, "how many entries", errors);
                let activity_type = chosen.parse().ok().map(ActivityTypeId);
                if activity_type.is_none() && !chosen.is_empty() {
                    errors.push(FieldError::new("activity_type", "Choose an activity type"));
                }
                RuleKind::ActivityType {
                    activity_type: activity_type?,
                    entries,
                }
            }
            "hours_in_year" => RuleKind::HoursInYear {
                hours: count("hours", &self.hours, "how many hours", errors),
            },
            "pathway" => RuleKind::Pathway {
                pathway: chosen("pathway", &self.pathway, "a pathway", errors),
            },
            _ => {
                errors.push(FieldError::new(
                    "kind",
                    "Choose what the milestone asks for",
                ));
                return None;
            }
        };
        Some(kind)
    }
}
