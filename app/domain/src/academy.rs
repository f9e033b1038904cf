//! The academies of the trust as administrators keep them: what an academy form must say, and
//! what a change alters, for the organisation's audit trail.

use crate::input::FieldError;
use crate::org::AcademyPhase;
use serde::{Deserialize, Serialize};

pub use crate::org_change::Change;
use crate::org_change::diff;

/// The longest an academy's name may be.
pub const MAX_NAME: usize = 200;
/// The longest its short name may be ("Ashgrove", "KHS").
pub const MAX_SHORT_NAME: usize = 40;

/// What the academy form sends, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcademyForm {
    pub name: String,
    pub short_name: String,
    /// An [`AcademyPhase`] code.
    pub phase: String,
}

/// An academy's details once they have been checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcademyDetails {
    pub name: String,
    /// Empty when the academy has none.
    pub short_name: String,
    pub phase: AcademyPhase,
}

impl AcademyForm {
    /// The details, tidied, or a message for each field that is wrong.
    pub fn parse(&self) -> Result<AcademyDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            errors.push(FieldError::new("name", "Enter the academy's name"));
        } else if name.chars().count() > MAX_NAME {
            errors.push(FieldError::new(
                "name",
                format!("The name must be {MAX_NAME} characters or fewer"),
            ));
        }
        let short_name = self
            .short_name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if short_name.chars().count() > MAX_SHORT_NAME {
            errors.push(FieldError::new(
                "short_name",
                format!("The short name must be {MAX_SHORT_NAME} characters or fewer"),
            ));
        }
        let phase = AcademyPhase::from_code(self.phase.trim());
        if phase.is_none() {
            errors.push(FieldError::new("phase", "Choose the academy's phase"));
        }
        match phase {
            Some(phase) if errors.is_empty() => Ok(AcademyDetails {
                name,
                short_name,
                phase,
            }),
            _ => Err(errors),
        }
    }
}

/// What saving `after` over `before` changes (`before` is `None` for a new academy), field by
/// field; nothing when the details are the same.
pub fn changes(before: Option<&AcademyDetails>, after: &AcademyDetails) -> Vec<Change> {
    let (name, short_name, phase) = match before {
        Some(b) => (b.name.as_str(), b.short_name.as_str(), b.phase.label()),
        None => ("", "", ""),
    };
    diff([
        ("Name", name, after.name.as_str()),
        ("Short name", short_name, after.short_name.as_str()),
        ("Phase", phase, after.phase.label()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, short_name: &str, phase: &str) -> AcademyForm {
        AcademyForm {
            name: name.into(),
            short_name: short_name.into(),
            phase: phase.into(),
        }
    }

    #[test]
    fn an_academy_needs_a_name_and_a_phase_and_its_spaces_are_tidied() {
        let parsed = form("  Kingsmead   Academy ", " KMA ", "secondary").parse();
        assert_eq!(
            parsed,
            Ok(AcademyDetails {
                name: "Kingsmead Academy".into(),
                short_name: "KMA".into(),
                phase: AcademyPhase::Secondary,
            })
        );
        let fields: Vec<String> = form(" ", "", "nursery")
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "phase"]);
    }

    #[test]
    fn a_short_name_is_optional_but_short() {
        assert!(form("Ashgrove Primary", "", "primary").parse().is_ok());
        let long = "x".repeat(MAX_SHORT_NAME + 1);
        let errors = form("Ashgrove Primary", &long, "primary")
            .parse()
            .unwrap_err();
        assert_eq!(errors[0].field, "short_name");
    }

    #[test]
    fn only_what_changed_goes_in_the_audit_trail() {
        let before = AcademyDetails {
            name: "Ashgrove Primary".into(),
            short_name: String::new(),
            phase: AcademyPhase::Primary,
        };
        assert_eq!(changes(Some(&before), &before), vec![]);
        let after = AcademyDetails {
            name: "Ashgrove Primary Academy".into(),
            phase: AcademyPhase::AllThrough,
            ..before.clone()
        };
        assert_eq!(
            changes(Some(&before), &after),
            vec![
                Change::new("Name", "Ashgrove Primary", "Ashgrove Primary Academy"),
                Change::new("Phase", "Primary", "All-through"),
            ]
        );
    }

    #[test]
    fn a_new_academy_records_each_detail_it_was_given() {
        let new = AcademyDetails {
            name: "Brookfield School".into(),
            short_name: "Brookfield".into(),
            phase: AcademyPhase::Special,
        };
        let fields: Vec<String> = changes(None, &new).into_iter().map(|c| c.field).collect();
        assert_eq!(fields, ["Name", "Short name", "Phase"]);
    }
}
