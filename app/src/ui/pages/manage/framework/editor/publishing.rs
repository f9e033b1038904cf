//! What a draft's page offers besides its contents: publishing it (or what stops that),
//! opening it to staff for consultation, and deleting it.

use crate::domain::VersionId;
use crate::error::AppError;
use crate::model::VersionInfo;
use crate::ui::components::{Field, field_message};
use crate::ui::pages::manage::framework::versions::{DeleteDraft, PublishVersion, SetConsultation};
use leptos::prelude::*;
use server_fn::ServerFn;

/// Publishing the draft, or the list of what must be put right first.
#[component]
pub(super) fn Publish(version: VersionId, problems: Vec<String>) -> impl IntoView {
    let body = if problems.is_empty() {
        view! {
            <p>
                "This draft is complete. Publishing makes it the framework everyone reads and retires the current version."
            </p>
            <form method="post" action=PublishVersion::PATH class="inline-form">
                <input type="hidden" name="version" value=version.to_string() />
                <button type="submit" class="button">
                    "Publish this version"
                </button>
            </form>
        }
            .into_any()
    } else {
        let count = problems.len();
        let things = if count == 1 { "thing is" } else { "things are" };
        view! {
            <p>{format!("This draft cannot be published until {count} {things} put right:")}</p>
            <ul class="problem-list">
                {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="panel" id="publish" aria-labelledby="publish-heading">
            <h2 id="publish-heading">"Publish"</h2>
            {body}
        </section>
    }
}

/// Where the staff consultation stands, in a sentence.
fn consultation_state(version: &VersionInfo) -> String {
    match (version.consultation_open, version.consultation_closes.clone()) {
        (true, Some(date)) => format!(
            "Open until the end of {date}. Staff see a notice and can send feedback on any element or the whole."
        ),
        (false, Some(date)) => format!("The consultation closed on {date}."),
        _ => "Not open. While it is open, every member of staff can read this draft and send feedback."
            .to_owned(),
    }
}

/// Opening the draft to staff for feedback until a date, changing the date, or closing it.
#[component]
pub(super) fn Consultation(
    version: VersionInfo,
    feedback: u64,
    error: Option<AppError>,
) -> impl IntoView {
    let message = field_message(error.as_ref(), "closes");
    let described = if message.is_some() {
        "closes-hint closes-error"
    } else {
        "closes-hint"
    };
    let invalid = message.is_some().then_some("true");
    let open = version.consultation_open;
    let closes = version.consultation_closes_input.clone().filter(|_| open);
    let responses = if feedback == 1 {
        "response"
    } else {
        "responses"
    };
    view! {
        <section class="panel" id="consultation" aria-labelledby="consultation-heading">
            <h2 id="consultation-heading">"Staff consultation"</h2>
            <p>
                {consultation_state(&version)} " " {format!("{feedback} {responses} so far.")}
                {(feedback > 0)
                    .then(|| {
                        view! {
                            " "
                            <a href="#received-heading">"Read the feedback"</a>
                        }
                    })}
            </p>
            <form method="post" action=SetConsultation::PATH class="form" novalidate>
                <input type="hidden" name="version" value=version.id.to_string() />
                <Field
                    id="closes"
                    label="Closing date"
                    hint="Feedback is accepted until the end of this day."
                    message=Signal::stored(message)
                >
                    <input
                        class="input input--date"
                        type="date"
                        id="closes"
                        name="closes"
                        value=closes
                        aria-invalid=invalid
                        aria-describedby=described
                    />
                </Field>
                <div class="actions">
                    <button type="submit" class="button button--secondary">
                        {if open { "Change the closing date" } else { "Open for consultation" }}
                    </button>
                    {open
                        .then(|| {
                            view! {
                                <button
                                    type="submit"
                                    name="close"
                                    value="1"
                                    class="button button--quiet"
                                >
                                    "Close the consultation now"
                                </button>
                            }
                        })}
                </div>
            </form>
        </section>
    }
}

/// Deleting the draft, behind a confirmation.
#[component]
pub(super) fn DeleteSection(version: VersionId) -> impl IntoView {
    view! {
        <section class="panel panel--danger" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete this draft"</h2>
            <details class="confirm">
                <summary>"Delete this draft…"</summary>
                <p>
                    "The draft, its changes and any consultation feedback on it are deleted for good. The published framework is not affected."
                </p>
                <form method="post" action=DeleteDraft::PATH class="inline-form">
                    <input type="hidden" name="version" value=version.to_string() />
                    <button type="submit" class="button button--danger">
                        "Yes, delete this draft"
                    </button>
                </form>
            </details>
        </section>
    }
}
