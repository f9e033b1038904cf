//! What administrators manage: the academies, the people, the framework and the evidence
//! settings.

pub mod academies;
pub mod evidence;
pub mod framework;
pub mod people;
pub mod recognition;
