//! The people of the trust as administrators keep them: what a person form must say, what a
//! change alters for the audit trail, and the rules that keep the organisation whole (always an
//! administrator, nobody demoting themselves, leavers marked on or after their last day).

mod form;
pub mod getting_in;
mod rules;

pub use form::{
    CENTRAL, MAX_EMPLOYEE_NUMBER, MAX_JOB_TITLE, PersonDetails, PersonFacts, PersonForm, changes,
};
pub use rules::{LeavingForm, check_admin_change, check_leaving};
