//! One row of a staff file, read by the mapping into what it says about a person, or the
//! reasons it cannot be.

use super::columns::{Column, Mapping};
use crate::input::{EmailAddress, PersonName};
use crate::org::RoleCategory;
use crate::people::{MAX_EMPLOYEE_NUMBER, MAX_JOB_TITLE};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A row that cannot be imported as it stands, and why, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// As a spreadsheet numbers it: the headings are row 1.
    pub row: usize,
    pub message: String,
}

/// Who a row names as line manager.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ManagerKey {
    Email(EmailAddress),
    Number(String),
}

impl ManagerKey {
    pub(crate) fn text(&self) -> &str {
        match self {
            ManagerKey::Email(e) => e.as_str(),
            ManagerKey::Number(n) => n,
        }
    }
}

/// What a row says, once each cell has been read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StaffRow {
    pub row: usize,
    pub employee_number: Option<String>,
    pub name: String,
    pub email: EmailAddress,
    /// As written: matched to an academy by the plan.
    pub academy: String,
    pub job_title: String,
    pub category: RoleCategory,
    pub manager: Option<ManagerKey>,
    pub leaving: Option<NaiveDate>,
}

/// A date as HR systems write them: 2026-08-31, 31/08/2026, 31-08-2026, 31.08.2026 (day
/// first, as in the UK), with or without leading zeros.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    // A spreadsheet's date-and-time: keep the date.
    let raw = raw.split_whitespace().next().unwrap_or(raw);
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(raw, f).ok())
}

/// A role category as a file writes it: its label ("Leading Education"), its first word
/// ("Leading") or its code, in any case.
pub(crate) fn category(raw: &str) -> Option<RoleCategory> {
    let raw = raw.trim().to_lowercase();
    RoleCategory::ALL.iter().copied().find(|c| {
        let label = c.label().to_lowercase();
        raw == c.code() || raw == label || label.split_whitespace().next() == Some(raw.as_str())
    })
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads one row by the mapping (which has every column it needs: see [`Mapping::missing`]).
pub(crate) fn parse_row(
    row: usize,
    cells: &[String],
    mapping: &Mapping,
    headings: &[String],
) -> Result<StaffRow, Vec<String>> {
    let cell = |c: Column| {
        mapping
            .index(c, headings)
            .and_then(|i| cells.get(i))
            .map(|s| tidy(s))
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    let full = cell(Column::FullName);
    let name = if full.is_empty() {
        tidy(&format!(
            "{} {}",
            cell(Column::FirstName),
            cell(Column::LastName)
        ))
    } else {
        full
    };
    let name = match PersonName::parse(&name) {
        Ok(n) => n.as_str().to_owned(),
        Err(_) if name.is_empty() => {
            problems.push("The name is empty".to_owned());
            String::new()
        }
        Err(e) => {
            problems.push(e.0);
            String::new()
        }
    };
    let raw_email = cell(Column::Email);
    let email = if raw_email.is_empty() {
        problems.push("The e-mail address is empty".to_owned());
        None
    } else {
        match EmailAddress::parse(&raw_email) {
            Ok(e) => Some(e),
            Err(_) => {
                problems.push(format!("“{raw_email}” is not an e-mail address"));
                None
            }
        }
    };
    let number = cell(Column::EmployeeNumber);
    if number.chars().count() > MAX_EMPLOYEE_NUMBER {
        problems.push(format!(
            "The employee number is longer than {MAX_EMPLOYEE_NUMBER} characters"
        ));
    }
    let academy = cell(Column::Academy);
    if academy.is_empty() {
        problems.push("The academy is empty: give the academy, or “Central trust team”".to_owned());
    }
    let job_title = cell(Column::JobTitle);
    if job_title.is_empty() {
        problems.push("The job title is empty".to_owned());
    } else if job_title.chars().count() > MAX_JOB_TITLE {
        problems.push(format!(
            "The job title is longer than {MAX_JOB_TITLE} characters"
        ));
    }
    let raw_category = cell(Column::RoleCategory);
    let category = category(&raw_category);
    if category.is_none() {
        problems.push(if raw_category.is_empty() {
            "The role category is empty".to_owned()
        } else {
            format!(
                "Unknown role category “{raw_category}”: use Leading, Delivering, Enabling or Supporting Education"
            )
        });
    }
    let manager_email = cell(Column::ManagerEmail);
    let manager_number = cell(Column::ManagerNumber);
    let manager = if !manager_email.is_empty() {
        match EmailAddress::parse(&manager_email) {
            Ok(e) => Some(ManagerKey::Email(e)),
            Err(_) => {
                problems.push(format!(
                    "The line manager’s e-mail address “{manager_email}” is not an e-mail address"
                ));
                None
            }
        }
    } else if !manager_number.is_empty() {
        Some(ManagerKey::Number(manager_number))
    } else {
        None
    };
    let raw_leaving = cell(Column::LeavingDate);
    let leaving = if raw_leaving.is_empty() {
        None
    } else {
        let day = parse_date(&raw_leaving);
        if day.is_none() {
            problems.push(format!(
                "The leaving date “{raw_leaving}” is not a date: write it like 31/08/2026 or 2026-08-31"
            ));
        }
        day
    };
    match (email, category) {
        (Some(email), Some(category)) if problems.is_empty() => Ok(StaffRow {
            row,
            employee_number: (!number.is_empty()).then_some(number),
            name,
            email,
            academy,
            job_title,
            category,
            manager,
            leaving,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings() -> Vec<String> {
        [
            "No", "First", "Last", "Email", "School", "Post", "Category", "Manager", "Left",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    }

    fn mapping() -> Mapping {
        let mut m = Mapping::default();
        for (c, h) in [
            (Column::EmployeeNumber, "No"),
            (Column::FirstName, "First"),
            (Column::LastName, "Last"),
            (Column::Email, "Email"),
            (Column::Academy, "School"),
            (Column::JobTitle, "Post"),
            (Column::RoleCategory, "Category"),
            (Column::ManagerEmail, "Manager"),
            (Column::LeavingDate, "Left"),
        ] {
            m.0.insert(c, h.to_owned());
        }
        m
    }

    fn cells(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_good_row_is_read_with_its_names_joined_and_its_address_lower_cased() {
        let row = parse_row(
            2,
            &cells(&[
                "E1",
                " Ann ",
                "Lee",
                "Ann.Lee@X.org",
                "Ashgrove",
                "Teacher",
                "delivering",
                "",
                "31/08/2026",
            ]),
            &mapping(),
            &headings(),
        )
        .expect("reads");
        assert_eq!(row.name, "Ann Lee");
        assert_eq!(row.email.as_str(), "ann.lee@x.org");
        assert_eq!(row.category, RoleCategory::Delivering);
        assert_eq!(row.leaving, NaiveDate::from_ymd_opt(2026, 8, 31));
        assert_eq!(row.manager, None);
    }

    #[test]
    fn each_bad_cell_gets_its_own_plain_message() {
        let problems = parse_row(
            5,
            &cells(&[
                "",
                "",
                "",
                "not-an-address",
                "",
                "",
                "Teaching",
                "boss",
                "32/13/2026",
            ]),
            &mapping(),
            &headings(),
        )
        .unwrap_err();
        assert_eq!(problems.len(), 7, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("Unknown role category “Teaching”"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("“32/13/2026” is not a date"))
        );
    }

    #[test]
    fn dates_are_read_day_first_in_the_forms_hr_systems_write() {
        let day = NaiveDate::from_ymd_opt(2026, 8, 31);
        for raw in [
            "2026-08-31",
            "31/08/2026",
            "31/8/2026",
            "31-08-2026",
            "31.08.2026",
            "2026-08-31 00:00:00",
        ] {
            assert_eq!(parse_date(raw), day, "{raw}");
        }
        assert_eq!(parse_date("08/31/2026"), None, "month first is not guessed");
    }

    #[test]
    fn role_categories_are_read_by_label_first_word_or_code() {
        assert_eq!(category("Leading Education"), Some(RoleCategory::Leading));
        assert_eq!(category("SUPPORTING"), Some(RoleCategory::Supporting));
        assert_eq!(category("enabling"), Some(RoleCategory::Enabling));
        assert_eq!(category("Education"), None);
    }
}
