//! The organisation's audit trail: one field of an academy or a person that changed, from
//! what to what, as people read it.

use serde::{Deserialize, Serialize};

/// One field of the organisation that changed, as the audit trail keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// What changed, as people read it: "Name", "Phase", "Line manager".
    pub field: String,
    /// Empty when there was nothing before (a new academy or person).
    pub from: String,
    pub to: String,
}

impl Change {
    pub fn new(field: &str, from: impl Into<String>, to: impl Into<String>) -> Self {
        Change {
            field: field.to_owned(),
            from: from.into(),
            to: to.into(),
        }
    }
}

/// The changes between two readings of the same labelled fields, in their order: each
/// `(field, before, after)` whose two values differ. `before` is empty for something new.
pub fn diff<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Vec<Change> {
    fields
        .into_iter()
        .filter(|(_, from, to)| from != to)
        .map(|(field, from, to)| Change::new(field, from, to))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_fields_whose_values_differ_are_changes() {
        assert_eq!(
            diff([
                ("Name", "Ann", "Ann"),
                ("Job title", "Teacher", "Head of maths")
            ]),
            vec![Change::new("Job title", "Teacher", "Head of maths")]
        );
    }

    #[test]
    fn something_new_records_every_field_it_was_given() {
        let fields: Vec<String> = diff([("Name", "", "Ann"), ("Short name", "", "")])
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(fields, ["Name"]);
    }
}
