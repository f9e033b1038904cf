//! The shape of the trust: academy phases, role categories, access roles and staff status.

use serde::{Deserialize, Serialize};

/// Declares a closed set of values stored as short text codes, with a label for people.
macro_rules! coded_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and used in URLs and forms.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// What people read.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Reads a stored code; `None` for anything unknown.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

coded_enum!(
    /// The phase of education an academy serves.
    AcademyPhase {
        Primary => "primary", "Primary";
        Secondary => "secondary", "Secondary";
        AllThrough => "all_through", "All-through";
        Special => "special", "Special";
        AlternativeProvision => "alternative_provision", "Alternative provision";
        FurtherEducation => "further_education", "Further education";
    }
);

coded_enum!(
    /// The trust's four role categories: every member of staff belongs to exactly one.
    RoleCategory {
        Leading => "leading", "Leading Education";
        Delivering => "delivering", "Delivering Education";
        Enabling => "enabling", "Enabling Education";
        Supporting => "supporting", "Supporting Education";
    }
);

coded_enum!(
    /// Extra powers granted to a person. Being a line manager is not one of them: it follows
    /// from having direct reports.
    AccessRole {
        Administrator => "administrator", "Administrator";
        Hr => "hr", "HR";
        AcademyPdLead => "academy_pd_lead", "Academy PD lead";
    }
);

coded_enum!(
    /// Whether a person still works for the trust. People who have left keep their history
    /// but can no longer sign in.
    PersonStatus {
        Active => "active", "Active";
        Left => "left", "Left the trust";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_the_same_value() {
        for phase in AcademyPhase::ALL {
            assert_eq!(AcademyPhase::from_code(phase.code()), Some(*phase));
        }
        for category in RoleCategory::ALL {
            assert_eq!(RoleCategory::from_code(category.code()), Some(*category));
        }
        for role in AccessRole::ALL {
            assert_eq!(AccessRole::from_code(role.code()), Some(*role));
        }
        for status in PersonStatus::ALL {
            assert_eq!(PersonStatus::from_code(status.code()), Some(*status));
        }
    }

    #[test]
    fn values_serialise_as_their_codes() {
        for category in RoleCategory::ALL {
            assert_eq!(
                serde_json::to_string(category).expect("serialises"),
                format!("\"{}\"", category.code())
            );
        }
        for phase in AcademyPhase::ALL {
            assert_eq!(
                serde_json::to_string(phase).expect("serialises"),
                format!("\"{}\"", phase.code())
            );
        }
    }

    #[test]
    fn an_unknown_code_is_not_guessed() {
        assert_eq!(RoleCategory::from_code("Leading"), None);
        assert_eq!(AccessRole::from_code(""), None);
    }

    #[test]
    fn role_categories_are_labelled_as_the_trust_names_them() {
        let labels: Vec<_> = RoleCategory::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(
            labels,
            [
                "Leading Education",
                "Delivering Education",
                "Enabling Education",
                "Supporting Education"
            ]
        );
    }
}
