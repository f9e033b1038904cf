//! What administrators manage: the framework and the evidence settings.

pub mod evidence;
pub mod framework;
