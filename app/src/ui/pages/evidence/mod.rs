//! Evidence of cross-school activity: my evidence, the form to record or change an entry,
//! the entry page (check your answers, submit, the timeline) and the verifier's queue and
//! decision.

mod api;
mod decision;
mod delete;
mod entry;
mod files;
mod form;
mod list;
mod queue;

pub use entry::EntryPage;
pub use form::EntryFormPage;
pub use list::MyEvidencePage;
pub use queue::VerifyQueuePage;

use crate::domain::EntryId;
use crate::domain::evidence::EvidenceStatus;
use leptos::prelude::*;

/// A status as a coloured tag.
#[component]
pub fn EvidenceTag(status: EvidenceStatus) -> impl IntoView {
    let class = format!("tag tag--{}", status.code().replace('_', "-"));
    view! { <span class=class>{status.label()}</span> }
}

/// The entry named in the address (`/evidence/:id`), if it names one.
fn entry_id() -> impl Fn() -> Option<EntryId> + Copy + Send + Sync + 'static {
    super::id_param("id")
}
