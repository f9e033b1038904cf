//! Identifiers as newtypes, so a person's id can never be passed where an academy's is wanted.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            /// Reads an id from an address or a form field: digits only.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }
    };
}

id_type!(
    /// A person in the trust: any member of staff, whatever their role.
    PersonId
);
id_type!(
    /// One academy (school) of the trust.
    AcademyId
);
id_type!(
    /// One milestone rule the trust set.
    RuleId
);
id_type!(
    /// One award a person received.
    AwardId
);
id_type!(
    /// One staff file uploaded for import.
    ImportId
);
id_type!(
    /// One evidence entry.
    EntryId
);
id_type!(
    /// One version of the leadership framework (draft, published or retired).
    VersionId
);
id_type!(
    /// One supporting file attached to an evidence entry.
    FileId
);
id_type!(
    /// One pathway of one framework version.
    PathwayId
);
id_type!(
    /// One strand (Attitudes, Behaviours, Skills…) of one framework version.
    StrandId
);
id_type!(
    /// One kind of activity staff choose from when recording evidence.
    ActivityTypeId
);
id_type!(
    /// One share link of a portfolio.
    ShareId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_from_digits_and_writes_as_them() {
        assert_eq!("42".parse::<EntryId>(), Ok(EntryId(42)));
        assert_eq!(VersionId(7).to_string(), "7");
        assert!("4a".parse::<FileId>().is_err());
        assert!("".parse::<PathwayId>().is_err());
    }

    #[test]
    fn an_id_travels_as_a_bare_number() {
        assert_eq!(
            serde_json::to_string(&ShareId(3)).ok().as_deref(),
            Some("3")
        );
        assert_eq!(
            serde_json::from_str::<StrandId>("9").ok(),
            Some(StrandId(9))
        );
    }
}
