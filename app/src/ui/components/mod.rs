//! Pieces shared by pages: error summaries and pages, a field's message, a loaded resource,
//! tables and the links between their pages, the organisation's audit trail.

mod choice_filter;
mod errors;
mod field;
mod loaded;
mod pager;
mod table;
mod textarea;
mod trail;

pub use choice_filter::ChoiceFilter;
pub use errors::{ErrorPage, ErrorSummary, field_message, url_error};
pub use field::{Field, FieldMessage};
pub use loaded::Loaded;
pub use pager::Pager;
pub use table::Table;
pub use textarea::textarea_text;
pub use trail::OrgHistory;
