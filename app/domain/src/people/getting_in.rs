//! Getting in: the links that let someone set their password (an invitation, or a reset when
//! they forgot it), how long each lasts, and what a new password must be — long enough and
//! not one of the passwords people choose most, with no rules about kinds of character.

use crate::input::FieldError;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 12;
/// The longest (hashing has to stay cheap).
pub const MAX_PASSWORD: usize = 1024;

/// What a password link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    /// A new person setting their first password.
    Invitation,
    /// Someone who forgot theirs.
    Reset,
}

impl LinkPurpose {
    pub fn code(self) -> &'static str {
        match self {
            LinkPurpose::Invitation => "invitation",
            LinkPurpose::Reset => "reset",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "invitation" => Some(LinkPurpose::Invitation),
            "reset" => Some(LinkPurpose::Reset),
            _ => None,
        }
    }

    /// How long a link works: a week to accept an invitation, an hour to reset a password.
    pub fn lifetime(self) -> Duration {
        match self {
            LinkPurpose::Invitation => Duration::days(7),
            LinkPurpose::Reset => Duration::hours(1),
        }
    }
}

/// Whether a link can still be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    Usable,
    Used,
    Expired,
}

/// The state of a link that expires at `expires_at` and was used at `used_at`, at `now`.
pub fn link_state(
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> LinkState {
    if used_at.is_some() {
        LinkState::Used
    } else if now >= expires_at {
        LinkState::Expired
    } else {
        LinkState::Usable
    }
}

impl LinkState {
    /// Why the link no longer works, in plain words (nothing when it does).
    pub fn problem(self, purpose: LinkPurpose) -> Option<&'static str> {
        match (self, purpose) {
            (LinkState::Usable, _) => None,
            (LinkState::Used, _) => Some(
                "This link has already been used. If you have set your password, sign in with it; if not, ask for a new link.",
            ),
            (LinkState::Expired, LinkPurpose::Invitation) => Some(
                "This invitation has expired (they last a week). Ask your administrator to send a new one.",
            ),
            (LinkState::Expired, LinkPurpose::Reset) => Some(
                "This link has expired (they last an hour). Ask for a new one from the sign-in page.",
            ),
        }
    }
}

/// What the set-a-password form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPasswordForm {
    pub password: String,
    pub confirm: String,
}

impl NewPasswordForm {
    /// The new password, or a message for each field that is wrong. `is_common` says whether
    /// a password is one of the most common.
    pub fn check(&self, is_common: impl Fn(&str) -> bool) -> Result<String, Vec<FieldError>> {
        let length = self.password.chars().count();
        let problem = if self.password.trim().is_empty() {
            Some("Choose a password".to_owned())
        } else if length < MIN_PASSWORD {
            Some(format!(
                "Use at least {MIN_PASSWORD} characters: a few words you will remember work well"
            ))
        } else if length > MAX_PASSWORD {
            Some(format!("Use at most {MAX_PASSWORD} characters"))
        } else if is_common(&self.password) || is_common(&self.password.to_lowercase()) {
            Some("That is one of the passwords people choose most often: choose something less easy to guess".to_owned())
        } else {
            None
        };
        let mut errors: Vec<FieldError> = problem
            .into_iter()
            .map(|m| FieldError::new("password", m))
            .collect();
        if errors.is_empty() && self.confirm != self.password {
            errors.push(FieldError::new(
                "confirm",
                "The two passwords are not the same: type it again",
            ));
        }
        if errors.is_empty() {
            Ok(self.password.clone())
        } else {
            Err(errors)
        }
    }
}

/// Whether `password` is on the list of the most common passwords (shipped with the
/// `passwords` crate).
#[cfg(feature = "server")]
pub fn is_common_password(password: &str) -> bool {
    passwords::analyzer::is_common_password(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(password: &str, confirm: &str) -> NewPasswordForm {
        NewPasswordForm {
            password: password.into(),
            confirm: confirm.into(),
        }
    }

    fn never(_: &str) -> bool {
        false
    }

    #[test]
    fn a_long_password_typed_twice_is_accepted_whatever_its_characters() {
        assert_eq!(
            form("correct horse battery", "correct horse battery").check(never),
            Ok("correct horse battery".to_owned())
        );
        assert!(
            form("alllowercaseletters", "alllowercaseletters")
                .check(never)
                .is_ok()
        );
    }

    #[test]
    fn a_short_or_common_password_is_refused_with_a_reason() {
        let short = form("short pass", "short pass").check(never).unwrap_err();
        assert!(short[0].message.contains("at least 12"));
        let common = form("Password1234", "Password1234")
            .check(|p| p == "password1234")
            .unwrap_err();
        assert!(common[0].message.contains("choose most often"));
    }

    #[test]
    fn the_two_passwords_must_match() {
        let errors = form("correct horse battery", "correct horse batery")
            .check(never)
            .unwrap_err();
        assert_eq!(errors[0].field, "confirm");
    }

    #[test]
    fn an_invitation_lasts_a_week_and_a_reset_an_hour() {
        let now = Utc::now();
        let invited = now + LinkPurpose::Invitation.lifetime();
        assert_eq!(
            link_state(invited, None, now + Duration::days(6)),
            LinkState::Usable
        );
        assert_eq!(
            link_state(invited, None, now + Duration::days(7)),
            LinkState::Expired
        );
        let reset = now + LinkPurpose::Reset.lifetime();
        assert_eq!(
            link_state(reset, None, now + Duration::minutes(59)),
            LinkState::Usable
        );
        assert_eq!(
            link_state(reset, None, now + Duration::minutes(61)),
            LinkState::Expired
        );
    }

    #[test]
    fn a_used_link_never_works_again() {
        let now = Utc::now();
        let state = link_state(now + Duration::hours(1), Some(now), now);
        assert_eq!(state, LinkState::Used);
        assert!(state.problem(LinkPurpose::Reset).is_some());
        assert_eq!(LinkState::Usable.problem(LinkPurpose::Reset), None);
    }

    #[cfg(feature = "server")]
    #[test]
    fn the_common_password_list_knows_the_usual_suspects() {
        assert!(is_common_password("password"));
        assert!(is_common_password("123456789"));
        assert!(!is_common_password("wobbly lighthouse marmalade"));
    }
}
