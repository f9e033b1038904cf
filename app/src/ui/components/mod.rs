//! Pieces shared by pages: error summaries and pages, a field's message, a loaded resource,
//! tables.

mod errors;
mod field;
mod loaded;
mod table;

pub use errors::{ErrorPage, ErrorSummary, field_message, url_error};
pub use field::{Field, FieldMessage};
pub use loaded::Loaded;
pub use table::Table;
