//! Recognition: the milestones a trust sets, when a person's verified evidence first meets
//! one, and the awards that follow — given automatically when a verification makes a rule true,
//! or by hand by HR, to one person or a group.
//!
//! Pure: a rule is judged against a person's verified entries and the shape of the framework,
//! so every rule kind is tested here without a database.

pub mod badge;
mod judge;
pub mod report;
mod rule;

pub use judge::{FrameworkShape, VerifiedEntry, first_met};
pub use rule::{COLOURS, LevelScope, MAX_DESCRIPTION, MAX_NAME, ParsedRule, RuleForm, RuleKind};

#[cfg(test)]
mod tests;
