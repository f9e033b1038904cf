//! What administrators manage: the academies, the people, the framework and the evidence
//! settings, and how staff sign in.

pub mod academies;
pub mod evidence;
pub mod framework;
pub mod people;
pub mod recognition;
pub mod sign_in;
