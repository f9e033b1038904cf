//! What keeps the organisation whole when people change: there is always an administrator,
//! nobody takes away their own administrator role or marks themselves as a leaver, and a leaver
//! is marked on or after their last day.

use crate::ids::PersonId;
use crate::input::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Checks a change to `person`'s administrator role made by `actor`. `others` is how many
/// other people still working for the trust are administrators.
pub fn check_admin_change(
    actor: PersonId,
    person: PersonId,
    was_admin: bool,
    will_be_admin: bool,
    others: u64,
) -> Result<(), FieldError> {
    if !was_admin || will_be_admin {
        return Ok(());
    }
    if actor == person {
        return Err(FieldError::new(
            "administrator",
            "You cannot remove your own administrator role: ask another administrator to do it",
        ));
    }
    if others == 0 {
        return Err(FieldError::new(
            "administrator",
            "Waymark needs at least one administrator: make someone else an administrator first",
        ));
    }
    Ok(())
}

/// What the leaving form sends: the last day, as `YYYY-MM-DD` (a date field).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeavingForm {
    pub left_on: String,
}

/// Checks that `actor` may mark `person` as having left on the day the form gives, `today`;
/// the day, or why not. `is_admin` says whether the person is an administrator and `others` how
/// many other administrators still work for the trust.
pub fn check_leaving(
    form: &LeavingForm,
    actor: PersonId,
    person: PersonId,
    is_admin: bool,
    others: u64,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    let field = |message: &str| FieldError::new("left_on", message);
    if actor == person {
        return Err(field(
            "You cannot mark yourself as a leaver: ask another administrator",
        ));
    }
    if is_admin && others == 0 {
        return Err(field(
            "They are the only administrator: make someone else an administrator first",
        ));
    }
    let raw = form.left_on.trim();
    if raw.is_empty() {
        return Err(field("Enter the day they left"));
    }
    let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| field("Enter the day they left as a real date, like 31/08/2026"))?;
    if day > today {
        return Err(field(
            "The leaving day cannot be in the future: mark them as a leaver on or after their last day",
        ));
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: PersonId = PersonId(1);
    const THEM: PersonId = PersonId(2);

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    fn leaving(s: &str) -> LeavingForm {
        LeavingForm { left_on: s.into() }
    }

    #[test]
    fn nobody_removes_their_own_administrator_role() {
        let error = check_admin_change(ME, ME, true, false, 3).unwrap_err();
        assert!(error.message.contains("your own administrator role"));
    }

    #[test]
    fn the_last_administrator_keeps_the_role() {
        let error = check_admin_change(ME, THEM, true, false, 0).unwrap_err();
        assert!(error.message.contains("at least one administrator"));
        assert!(check_admin_change(ME, THEM, true, false, 1).is_ok());
    }

    #[test]
    fn giving_or_keeping_the_role_is_always_allowed() {
        assert!(check_admin_change(ME, ME, true, true, 0).is_ok());
        assert!(check_admin_change(ME, THEM, false, true, 0).is_ok());
        assert!(check_admin_change(ME, THEM, false, false, 0).is_ok());
    }

    #[test]
    fn a_leaver_is_marked_on_or_after_their_last_day() {
        let today = day("2026-12-07");
        assert_eq!(
            check_leaving(&leaving("2026-12-07"), ME, THEM, false, 0, today),
            Ok(today)
        );
        assert_eq!(
            check_leaving(&leaving("2026-08-31"), ME, THEM, false, 0, today),
            Ok(day("2026-08-31"))
        );
        let future = check_leaving(&leaving("2026-12-08"), ME, THEM, false, 0, today);
        assert!(future.unwrap_err().message.contains("future"));
    }

    #[test]
    fn a_leaving_day_must_be_a_real_date() {
        let today = day("2026-12-07");
        for raw in ["", "31/08/2026", "2026-02-30"] {
            let error = check_leaving(&leaving(raw), ME, THEM, false, 0, today).unwrap_err();
            assert_eq!(error.field, "left_on", "{raw}");
        }
    }

    #[test]
    fn nobody_marks_themselves_or_the_last_administrator_as_a_leaver() {
        let today = day("2026-12-07");
        assert!(check_leaving(&leaving("2026-12-01"), ME, ME, false, 5, today).is_err());
        assert!(check_leaving(&leaving("2026-12-01"), ME, THEM, true, 0, today).is_err());
        assert!(check_leaving(&leaving("2026-12-01"), ME, THEM, true, 1, today).is_ok());
    }
}
