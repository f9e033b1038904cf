//! Which column of the file holds what: the columns Waymark reads, a mapping from them to the
//! file's headings, and a first guess at that mapping from the headings HR systems use.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What Waymark reads from a staff file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    EmployeeNumber,
    FirstName,
    LastName,
    FullName,
    Email,
    Academy,
    JobTitle,
    RoleCategory,
    ManagerEmail,
    ManagerNumber,
    LeavingDate,
}

impl Column {
    /// Every column, in the order the mapping form lists them.
    pub const ALL: [Column; 11] = [
        Column::EmployeeNumber,
        Column::FirstName,
        Column::LastName,
        Column::FullName,
        Column::Email,
        Column::Academy,
        Column::JobTitle,
        Column::RoleCategory,
        Column::ManagerEmail,
        Column::ManagerNumber,
        Column::LeavingDate,
    ];

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            Column::EmployeeNumber => "Employee number",
            Column::FirstName => "First name",
            Column::LastName => "Last name",
            Column::FullName => "Full name",
            Column::Email => "E-mail address",
            Column::Academy => "Academy",
            Column::JobTitle => "Job title",
            Column::RoleCategory => "Role category",
            Column::ManagerEmail => "Line manager’s e-mail address",
            Column::ManagerNumber => "Line manager’s employee number",
            Column::LeavingDate => "Leaving date",
        }
    }

    /// How forms name it.
    pub fn code(self) -> &'static str {
        match self {
            Column::EmployeeNumber => "employee_number",
            Column::FirstName => "first_name",
            Column::LastName => "last_name",
            Column::FullName => "full_name",
            Column::Email => "email",
            Column::Academy => "academy",
            Column::JobTitle => "job_title",
            Column::RoleCategory => "role_category",
            Column::ManagerEmail => "manager_email",
            Column::ManagerNumber => "manager_number",
            Column::LeavingDate => "leaving_date",
        }
    }

    pub fn from_code(code: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Headings HR systems give this column, as [`normalise`] writes them.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Column::EmployeeNumber => &[
                "employeenumber",
                "employeeno",
                "employeeid",
                "empno",
                "staffnumber",
                "staffno",
                "staffid",
                "payrollnumber",
                "payrollno",
                "personnelnumber",
                "employeecode",
            ],
            Column::FirstName => &[
                "firstname",
                "forename",
                "forenames",
                "givenname",
                "preferredname",
            ],
            Column::LastName => &["lastname", "surname", "familyname", "preferredsurname"],
            Column::FullName => &[
                "name",
                "fullname",
                "displayname",
                "staffname",
                "employeename",
            ],
            Column::Email => &[
                "email",
                "emailaddress",
                "workemail",
                "workemailaddress",
                "schoolemail",
                "mail",
            ],
            Column::Academy => &[
                "academy",
                "academyname",
                "school",
                "schoolname",
                "site",
                "establishment",
                "location",
                "base",
                "workplace",
            ],
            Column::JobTitle => &[
                "jobtitle", "position", "post", "postname", "jobrole", "role",
            ],
            Column::RoleCategory => &["rolecategory", "category", "staffcategory", "staffgroup"],
            Column::ManagerEmail => &[
                "linemanageremail",
                "linemanageremailaddress",
                "manageremail",
                "manageremailaddress",
                "linemanager",
                "manager",
                "reportsto",
            ],
            Column::ManagerNumber => &[
                "linemanagernumber",
                "linemanageremployeenumber",
                "linemanagerid",
                "manageremployeenumber",
                "managernumber",
                "managerid",
                "linemanagerstaffnumber",
            ],
            Column::LeavingDate => &[
                "leavingdate",
                "leavedate",
                "dateleft",
                "leftdate",
                "enddate",
                "terminationdate",
                "contractenddate",
            ],
        }
    }
}

/// A heading without case, spaces or punctuation: "Line Manager E-mail" → "linemanageremail".
fn normalise(heading: &str) -> String {
    heading
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Which heading of the file each column is read from. Kept by heading, not position, so a
/// mapping made once fits next term's export with its columns in another order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping(pub BTreeMap<Column, String>);

impl Mapping {
    /// A first guess from the file's headings: each column takes the first heading that is one
    /// of its usual names.
    pub fn guess(headings: &[String]) -> Mapping {
        let normalised: Vec<String> = headings.iter().map(|h| normalise(h)).collect();
        let mut mapping = BTreeMap::new();
        for column in Column::ALL {
            let found = column
                .synonyms()
                .iter()
                .find_map(|s| normalised.iter().position(|h| h == s));
            if let Some(i) = found {
                mapping.insert(column, headings[i].clone());
            }
        }
        Mapping(mapping)
    }

    /// This mapping where it fits `headings` (a heading it names is in the file), the guess
    /// for the rest: how a remembered mapping meets a new file.
    pub fn fitted(&self, headings: &[String]) -> Mapping {
        let mut fitted = Mapping::guess(headings);
        for (column, heading) in &self.0 {
            if headings.contains(heading) {
                fitted.0.insert(*column, heading.clone());
            }
        }
        fitted
    }

    /// The position of `column`'s heading in `headings`, if it is mapped and there.
    pub fn index(&self, column: Column, headings: &[String]) -> Option<usize> {
        let heading = self.0.get(&column)?;
        headings.iter().position(|h| h == heading)
    }

    /// What the file must have before its rows can be read: an e-mail address, a name (whole,
    /// or first and last), an academy, a job title and a role category.
    pub fn missing(&self, headings: &[String]) -> Vec<String> {
        let has = |c: Column| self.index(c, headings).is_some();
        let mut missing = Vec::new();
        if !has(Column::Email) {
            missing.push("Choose the column with each person’s e-mail address".to_owned());
        }
        let named = has(Column::FullName) || (has(Column::FirstName) && has(Column::LastName));
        if !named {
            missing.push(
                "Choose the column with each person’s full name, or the columns with their first and last names"
                    .to_owned(),
            );
        }
        for (column, what) in [
            (Column::Academy, "the academy they work at"),
            (Column::JobTitle, "their job title"),
            (Column::RoleCategory, "their role category"),
        ] {
            if !has(column) {
                missing.push(format!("Choose the column with {what}"));
            }
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(list: &[&str]) -> Vec<String> {
        list.iter().map(|h| (*h).to_owned()).collect()
    }

    #[test]
    fn usual_headings_are_recognised_whatever_their_case_and_punctuation() {
        let file = headings(&[
            "Staff No.",
            "Forename",
            "Surname",
            "Work E-mail",
            "School",
            "Job Title",
            "Staff Category",
            "Line Manager Email",
            "Leaving Date",
        ]);
        let mapping = Mapping::guess(&file);
        assert_eq!(
            mapping.0.get(&Column::EmployeeNumber).map(String::as_str),
            Some("Staff No.")
        );
        assert_eq!(
            mapping.0.get(&Column::Email).map(String::as_str),
            Some("Work E-mail")
        );
        assert_eq!(
            mapping.0.get(&Column::Academy).map(String::as_str),
            Some("School")
        );
        assert_eq!(
            mapping.0.get(&Column::ManagerEmail).map(String::as_str),
            Some("Line Manager Email")
        );
        assert!(mapping.missing(&file).is_empty());
    }

    #[test]
    fn a_file_without_a_name_or_an_email_says_what_to_choose() {
        let file = headings(&["Forename", "School", "Post", "Category"]);
        let missing = Mapping::guess(&file).missing(&file);
        assert_eq!(missing.len(), 2, "{missing:?}");
        assert!(missing[0].contains("e-mail"));
        assert!(missing[1].contains("full name"));
    }

    #[test]
    fn a_remembered_mapping_fits_a_file_with_its_columns_moved() {
        let mut remembered = Mapping::default();
        remembered
            .0
            .insert(Column::JobTitle, "Post Title".to_owned());
        remembered
            .0
            .insert(Column::Academy, "Old Heading".to_owned());
        let file = headings(&["Email", "Post Title", "Site", "Name", "Category"]);
        let fitted = remembered.fitted(&file);
        assert_eq!(fitted.index(Column::JobTitle, &file), Some(1));
        assert_eq!(
            fitted.index(Column::Academy, &file),
            Some(2),
            "a missing heading is guessed"
        );
    }
}
