//! The small controls every list in the editor uses: move up or down, remove (confirmed
//! first), and the name-and-description forms that change or add a level or a strand.

use crate::domain::VersionId;
use crate::error::AppError;
use crate::ui::components::{Field, field_message};
use crate::ui::pages::manage::framework::edits::{MoveItem, RemoveItem};
use leptos::prelude::*;
use server_fn::ServerFn;

/// Hidden fields and a pair of buttons that move an item up or down its list.
#[component]
pub(super) fn MoveButtons(
    version: VersionId,
    kind: &'static str,
    id: String,
    label: String,
    first: bool,
    last: bool,
) -> impl IntoView {
    view! {
        <form method="post" action=MoveItem::PATH class="inline-form move-buttons">
            <input type="hidden" name="version" value=version.to_string() />
            <input type="hidden" name="kind" value=kind />
            <input type="hidden" name="id" value=id />
            <button
                type="submit"
                name="direction"
                value="up"
                class="button button--quiet button--small"
                disabled=first
            >
                "Up"
                <span class="visually-hidden">{format!(": move {label} up")}</span>
            </button>
            <button
                type="submit"
                name="direction"
                value="down"
                class="button button--quiet button--small"
                disabled=last
            >
                "Down"
                <span class="visually-hidden">{format!(": move {label} down")}</span>
            </button>
        </form>
    }
}

/// A removal that asks first: the button only appears once the person opens the disclosure.
#[component]
pub(super) fn RemoveButton(
    version: VersionId,
    kind: &'static str,
    id: String,
    label: String,
    warning: String,
) -> impl IntoView {
    view! {
        <details class="confirm">
            <summary>"Remove"<span class="visually-hidden">{format!(" {label}")}</span></summary>
            <p>{warning}</p>
            <form method="post" action=RemoveItem::PATH class="inline-form">
                <input type="hidden" name="version" value=version.to_string() />
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="id" value=id />
                <button type="submit" class="button button--danger button--small">
                    {format!("Yes, remove {label}")}
                </button>
            </form>
        </details>
    }
}

/// Whether the latest attempt has a message for any field whose id starts with `prefix`
/// (so the form it belongs to opens again).
fn has_errors(error: Option<&AppError>, prefix: &str) -> bool {
    error.is_some_and(|e| e.field_errors().iter().any(|f| f.field.starts_with(prefix)))
}

/// A level's or a strand's name-and-description form, folded away under `summary` (followed by
/// `label` for screen readers) unless the latest attempt needs correcting.
#[component]
pub(super) fn EditItem(
    version: VersionId,
    action: &'static str,
    kind: &'static str,
    id: String,
    name: String,
    description: String,
    summary: &'static str,
    label: String,
    submit: String,
    error: Option<AppError>,
) -> impl IntoView {
    let open = has_errors(error.as_ref(), &format!("{kind}-{id}-"));
    view! {
        <details class="add" open=open>
            <summary>{summary} <span class="visually-hidden">{format!(" {label}")}</span></summary>
            <NameForm version action kind id name description submit error />
        </details>
    }
}

/// The form that adds a level or a strand, folded away under `summary`.
#[component]
pub(super) fn AddItem(
    version: VersionId,
    action: &'static str,
    kind: &'static str,
    summary: &'static str,
    submit: &'static str,
    error: Option<AppError>,
) -> impl IntoView {
    let open = has_errors(error.as_ref(), &format!("{kind}-new-"));
    view! {
        <details class="add" open=open>
            <summary>{summary}</summary>
            <NameForm
                version
                action
                kind
                id=String::new()
                name=String::new()
                description=String::new()
                submit=submit.to_owned()
                error
            />
        </details>
    }
}

/// A name-and-description form for a level or a strand (`id` empty to add one).
#[component]
fn NameForm(
    version: VersionId,
    action: &'static str,
    /// "level" or "strand": the prefix of the fields' ids.
    kind: &'static str,
    id: String,
    name: String,
    description: String,
    submit: String,
    error: Option<AppError>,
) -> impl IntoView {
    let key = format!("{kind}-{}", if id.is_empty() { "new" } else { &id });
    let name_id = format!("{key}-name");
    let description_id = format!("{key}-description");
    let name_error = field_message(error.as_ref(), &name_id);
    let description_error = field_message(error.as_ref(), &description_id);
    let name_invalid = name_error.is_some().then_some("true");
    view! {
        <form method="post" action=action class="form form--compact" novalidate>
            <input type="hidden" name="version" value=version.to_string() />
            <input type="hidden" name="id" value=id />
            <Field id=name_id.clone() label="Name" message=Signal::stored(name_error)>
                <input
                    class="input"
                    type="text"
                    id=name_id
                    name="name"
                    value=name
                    maxlength="120"
                    aria-invalid=name_invalid
                />
            </Field>
            <Field
                id=description_id.clone()
                label="Description"
                message=Signal::stored(description_error)
            >
                <textarea
                    class="textarea"
                    id=description_id
                    name="description"
                    rows="2"
                    inner_html=crate::ui::components::textarea_text(&description)
                ></textarea>
            </Field>
            <button type="submit" class="button button--secondary button--small">
                {submit}
            </button>
        </form>
    }
}
