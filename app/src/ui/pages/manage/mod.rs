//! What administrators manage: the academies, the framework and the evidence settings.

pub mod academies;
pub mod evidence;
pub mod framework;
