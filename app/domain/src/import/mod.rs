//! Staff import: reading the CSV a trust's HR or MIS system exports, matching its rows to the
//! people Waymark knows (on employee number, then e-mail address), and planning what applying
//! it would do — people to add, changes field by field, leavers, people missing from the file —
//! with every row that has a problem and why. Pure: the plan is worked out from a snapshot
//! of the trust, and the server applies it in one transaction.

mod columns;
mod plan;
#[cfg(feature = "server")]
mod read;
mod row;

pub use columns::{Column, Mapping};
pub use plan::{
    KnownAcademy, KnownPerson, Leaver, ManagerRef, NewPerson, Plan, Snapshot, StaffDetails, Update,
    plan,
};
#[cfg(feature = "server")]
pub use read::{MAX_BYTES, MAX_ROWS, Table, read};
pub use row::{RowProblem, parse_date};
