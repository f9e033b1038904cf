//! The person form: what it sends, what it means once checked, and what saving it changes.

use crate::ids::AcademyId;
use crate::input::{EmailAddress, FieldError, PersonName};
use crate::org::{AccessRole, RoleCategory};
use crate::org_change::{Change, diff};
use serde::{Deserialize, Serialize};

/// The value of the academy field that means the central trust team.
pub const CENTRAL: &str = "central";
/// The longest a job title may be.
pub const MAX_JOB_TITLE: usize = 120;
/// The longest an employee number may be.
pub const MAX_EMPLOYEE_NUMBER: usize = 40;

/// What the person form sends, as typed. A ticked box sends a value; an unticked one nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonForm {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub employee_number: String,
    pub job_title: String,
    /// An academy's id, or [`CENTRAL`].
    pub academy: String,
    /// A [`RoleCategory`] code.
    pub role_category: String,
    /// The line manager's e-mail address; empty for none.
    #[serde(default)]
    pub line_manager: String,
    #[serde(default)]
    pub administrator: Option<String>,
    #[serde(default)]
    pub hr: Option<String>,
    #[serde(default)]
    pub pd_lead: Option<String>,
}

/// A person's details once the form has been checked (the academy and manager named are
/// still to be found in the database).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonDetails {
    pub name: String,
    pub email: EmailAddress,
    pub employee_number: Option<String>,
    pub job_title: String,
    /// `None`: the central trust team.
    pub academy: Option<AcademyId>,
    pub role_category: RoleCategory,
    pub line_manager: Option<EmailAddress>,
    /// In [`AccessRole::ALL`] order.
    pub roles: Vec<AccessRole>,
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl PersonForm {
    /// The details, tidied, or a message for each field that is wrong.
    pub fn parse(&self) -> Result<PersonDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = PersonName::parse(&self.name)
            .map_err(|e| errors.push(e.for_field("name")))
            .ok();
        let email = if self.email.trim().is_empty() {
            errors.push(FieldError::new("email", "Enter their e-mail address"));
            None
        } else {
            EmailAddress::parse(&self.email)
                .map_err(|e| errors.push(e.for_field("email")))
                .ok()
        };
        let employee_number = tidy(&self.employee_number);
        if employee_number.chars().count() > MAX_EMPLOYEE_NUMBER {
            errors.push(FieldError::new(
                "employee_number",
                format!("The employee number must be {MAX_EMPLOYEE_NUMBER} characters or fewer"),
            ));
        }
        let job_title = tidy(&self.job_title);
        if job_title.is_empty() {
            errors.push(FieldError::new("job_title", "Enter their job title"));
        } else if job_title.chars().count() > MAX_JOB_TITLE {
            errors.push(FieldError::new(
                "job_title",
                format!("The job title must be {MAX_JOB_TITLE} characters or fewer"),
            ));
        }
        let academy = match self.academy.trim() {
            CENTRAL => Some(None),
            id => id.parse::<AcademyId>().ok().map(Some),
        };
        if academy.is_none() {
            errors.push(FieldError::new(
                "academy",
                "Choose where they work: an academy or the central trust team",
            ));
        }
        let role_category = RoleCategory::from_code(self.role_category.trim());
        if role_category.is_none() {
            errors.push(FieldError::new(
                "role_category",
                "Choose their role category",
            ));
        }
        let line_manager = match self.line_manager.trim() {
            "" => None,
            raw => EmailAddress::parse(raw)
                .map_err(|_| {
                    errors.push(FieldError::new(
                        "line_manager",
                        "Enter the line manager's e-mail address, like name@example.org, or leave it empty",
                    ))
                })
                .ok(),
        };
        let ticked = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
        let roles: Vec<AccessRole> = [
            (AccessRole::Administrator, &self.administrator),
            (AccessRole::Hr, &self.hr),
            (AccessRole::AcademyPdLead, &self.pd_lead),
        ]
        .into_iter()
        .filter(|(_, v)| ticked(v))
        .map(|(role, _)| role)
        .collect();
        if roles.contains(&AccessRole::AcademyPdLead) && academy == Some(None) {
            errors.push(FieldError::new(
                "pd_lead",
                "A PD lead leads their own academy's development: choose their academy, or untick PD lead",
            ));
        }
        match (name, email, academy, role_category) {
            (Some(name), Some(email), Some(academy), Some(role_category)) if errors.is_empty() => {
                Ok(PersonDetails {
                    name: name.as_str().to_owned(),
                    email,
                    employee_number: (!employee_number.is_empty()).then_some(employee_number),
                    job_title,
                    academy,
                    role_category,
                    line_manager,
                    roles,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A person's record as the audit trail reads it: every value in words ("Central trust team",
/// the manager's name, "Administrator, HR"), so the trail needs nothing else to be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonFacts {
    pub name: String,
    pub email: String,
    pub employee_number: String,
    pub job_title: String,
    pub workplace: String,
    pub role_category: String,
    pub line_manager: String,
    pub roles: String,
}

/// What saving `after` over `before` changes (`before` is `None` for a new person), field by
/// field; nothing when the record is the same.
pub fn changes(before: Option<&PersonFacts>, after: &PersonFacts) -> Vec<Change> {
    let empty = PersonFacts::default();
    let b = before.unwrap_or(&empty);
    diff([
        ("Name", b.name.as_str(), after.name.as_str()),
        ("E-mail address", &b.email, &after.email),
        (
            "Employee number",
            &b.employee_number,
            &after.employee_number,
        ),
        ("Job title", &b.job_title, &after.job_title),
        ("Works at", &b.workplace, &after.workplace),
        ("Role category", &b.role_category, &after.role_category),
        ("Line manager", &b.line_manager, &after.line_manager),
        ("Access roles", &b.roles, &after.roles),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> PersonForm {
        PersonForm {
            name: "  Ann   Example ".into(),
            email: " Ann.Example@Trust.org ".into(),
            employee_number: " E123 ".into(),
            job_title: "Teacher of maths".into(),
            academy: "4".into(),
            role_category: "delivering".into(),
            line_manager: "head@trust.org".into(),
            administrator: None,
            hr: Some("on".into()),
            pd_lead: None,
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_filled_in_form_is_tidied_into_a_person() {
        let person = form().parse().expect("valid");
        assert_eq!(person.name, "Ann Example");
        assert_eq!(person.email.as_str(), "ann.example@trust.org");
        assert_eq!(person.employee_number.as_deref(), Some("E123"));
        assert_eq!(person.academy, Some(AcademyId(4)));
        assert_eq!(person.role_category, RoleCategory::Delivering);
        assert_eq!(
            person.line_manager.as_ref().map(EmailAddress::as_str),
            Some("head@trust.org")
        );
        assert_eq!(person.roles, vec![AccessRole::Hr]);
    }

    #[test]
    fn the_central_team_and_no_manager_are_choices_too() {
        let person = PersonForm {
            academy: CENTRAL.into(),
            line_manager: " ".into(),
            employee_number: String::new(),
            ..form()
        }
        .parse()
        .expect("valid");
        assert_eq!(person.academy, None);
        assert_eq!(person.line_manager, None);
        assert_eq!(person.employee_number, None);
    }

    #[test]
    fn every_missing_answer_gets_its_own_message() {
        let errors = PersonForm::default().parse().unwrap_err();
        assert_eq!(
            fields(errors),
            ["name", "email", "job_title", "academy", "role_category"]
        );
    }

    #[test]
    fn a_manager_address_that_is_not_an_address_is_refused() {
        let errors = PersonForm {
            line_manager: "the head".into(),
            ..form()
        }
        .parse()
        .unwrap_err();
        assert_eq!(fields(errors), ["line_manager"]);
    }

    #[test]
    fn a_pd_lead_must_belong_to_an_academy() {
        let errors = PersonForm {
            academy: CENTRAL.into(),
            pd_lead: Some("on".into()),
            ..form()
        }
        .parse()
        .unwrap_err();
        assert_eq!(fields(errors), ["pd_lead"]);
    }

    #[test]
    fn only_changed_fields_go_into_the_trail_in_words() {
        let before = PersonFacts {
            name: "Ann Example".into(),
            workplace: "Ashgrove Primary".into(),
            line_manager: "Bea Head".into(),
            ..PersonFacts::default()
        };
        let after = PersonFacts {
            workplace: "Kingsmead Academy".into(),
            ..before.clone()
        };
        assert_eq!(changes(Some(&before), &before), vec![]);
        assert_eq!(
            changes(Some(&before), &after),
            vec![Change::new(
                "Works at",
                "Ashgrove Primary",
                "Kingsmead Academy"
            )]
        );
    }
}
