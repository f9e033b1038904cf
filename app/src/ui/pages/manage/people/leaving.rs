//! Marking a leaver (confirmed first, with their last day), or bringing one back.

use super::{MarkLeaver, MarkReturned};
use crate::domain::PersonStatus;
use crate::model::PersonRecord;
use crate::ui::components::{ErrorSummary, FieldMessage, field_message};
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub fn LeavingSection(
    person: PersonRecord,
    leave: ServerAction<MarkLeaver>,
    today: String,
) -> impl IntoView {
    let error = leave.value().get_untracked().and_then(Result::err);
    let date_message = field_message(error.as_ref(), "left_on");
    // A message about the date sits by the date; anything else goes in a summary.
    let other_error = error.filter(|e| e.field_errors().is_empty());
    if person.status == PersonStatus::Left {
        let day = person.left_on.unwrap_or_default();
        return view! {
            <section aria-labelledby="leaving-heading" class="panel">
                <h2 id="leaving-heading">"Left the trust"</h2>
                <p>
                    {format!(
                        "{} left on {day}. They cannot sign in; their evidence and decisions stay.",
                        person.name,
                    )}
                </p>
                <form method="post" action=MarkReturned::PATH class="inline-form">
                    <input type="hidden" name="id" value=person.id.to_string() />
                    <button type="submit" class="button button--secondary">
                        "They have returned"
                    </button>
                </form>
            </section>
        }
        .into_any();
    }
    let open = date_message.is_some() || other_error.is_some();
    let date_wrong = date_message.is_some();
    view! {
        <section aria-labelledby="leaving-heading" class="panel">
            <h2 id="leaving-heading">"Leaving the trust"</h2>
            {other_error.map(|error| view! { <ErrorSummary error /> })}
            <p>
                {format!(
                    "When {} leaves, they can no longer sign in and are signed out at once. Their evidence, decisions and history stay. Anyone who reports to them moves to their line manager, with any submissions waiting.",
                    person.name,
                )}
            </p>
            <details class="confirm" open=open>
                <summary>"Mark as a leaver…"</summary>
                <form method="post" action=MarkLeaver::PATH class="form">
                    <input type="hidden" name="id" value=person.id.to_string() />
                    <div class="field" class=("field--error", date_wrong)>
                        <label class="field__label" for="left_on">
                            "Their last day"
                        </label>
                        <FieldMessage message=date_message id="left_on-error" />
                        <input
                            class="input"
                            type="date"
                            id="left_on"
                            name="leaving[left_on]"
                            value=today.clone()
                            max=today
                        />
                    </div>
                    <button type="submit" class="button button--danger">
                        {format!("Yes, {} has left", person.name)}
                    </button>
                </form>
            </details>
        </section>
    }
    .into_any()
}
