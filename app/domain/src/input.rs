//! Parsing what people type into values the rest of the code can trust ("parse, don't
//! validate"): once you hold an `EmailAddress`, it is a well-formed, normalised address.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A problem with one form field, in words a person understands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name`, so the message can sit next to it and the summary can link to it.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Why a value could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

impl InputError {
    /// Attaches the message to a form field.
    pub fn for_field(self, field: &str) -> FieldError {
        FieldError::new(field, self.0)
    }
}

/// An e-mail address, trimmed and lower-cased so that the same person always matches.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(InputError("Enter your e-mail address".into()));
        }
        if email.len() > Self::MAX_LEN {
            return Err(InputError(
                "E-mail address must be 254 characters or fewer".into(),
            ));
        }
        let well_formed = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if well_formed {
            Ok(Self(email))
        } else {
            Err(InputError(
                "Enter an e-mail address in the correct format, like name@example.org".into(),
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed at sign-in. Never printed: `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Longer inputs are refused before hashing, so nobody can make the server hash megabytes.
    pub const MAX_LEN: usize = 1024;

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        if raw.is_empty() {
            Err(InputError("Enter your password".into()))
        } else if raw.len() > Self::MAX_LEN {
            Err(InputError(
                "Password must be 1024 characters or fewer".into(),
            ))
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// A person's full name as they want it shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_LEN: usize = 120;

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            Err(InputError("Enter a name".into()))
        } else if name.chars().count() > Self::MAX_LEN {
            Err(InputError("Name must be 120 characters or fewer".into()))
        } else if name.chars().any(char::is_control) {
            Err(InputError(
                "Name must not contain control characters".into(),
            ))
        } else {
            Ok(Self(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where to go after signing in: only a path on this site, never another site
/// (`//evil.example`, `https://…`) or a script URL. Anything else means the home page.
pub fn safe_next_path(raw: &str) -> &str {
    let local = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && !raw.chars().any(|c| c.is_control() || c == '\\');
    if local { raw } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_address_is_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Staff@Waymark.TEST ").expect("valid");
        assert_eq!(email.as_str(), "staff@waymark.test");
    }

    #[test]
    fn an_empty_email_address_asks_for_one() {
        assert_eq!(
            EmailAddress::parse("   ").unwrap_err().0,
            "Enter your e-mail address"
        );
    }

    #[test]
    fn malformed_email_addresses_are_refused() {
        for bad in [
            "staff",
            "@waymark.test",
            "staff@",
            "staff@localhost",
            "a@b@c.test",
            "st aff@waymark.test",
            "staff@.test",
            "staff@waymark.",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn an_overlong_email_address_is_refused() {
        let long = format!("{}@waymark.test", "a".repeat(250));
        assert!(EmailAddress::parse(&long).is_err());
    }

    #[test]
    fn a_password_must_not_be_empty_or_enormous() {
        assert!(Password::parse("").is_err());
        assert!(Password::parse(&"x".repeat(1025)).is_err());
        assert!(Password::parse("waymark-demo").is_ok());
    }

    #[test]
    fn a_password_never_appears_in_debug_output() {
        let password = Password::parse("secret-words").expect("valid");
        assert!(!format!("{password:?}").contains("secret"));
    }

    #[test]
    fn only_paths_on_this_site_are_followed_after_sign_in() {
        assert_eq!(safe_next_path("/people?q=ada"), "/people?q=ada");
        for outside in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(safe_next_path(outside), "/", "{outside}");
        }
    }

    #[test]
    fn a_name_has_its_spaces_tidied() {
        assert_eq!(
            PersonName::parse("  Ada   Lovelace ")
                .expect("valid")
                .as_str(),
            "Ada Lovelace"
        );
        assert!(PersonName::parse(" \t ").is_err());
    }
}
