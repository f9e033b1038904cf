//! The small controls every list in the editor uses: move up or down, remove (confirmed
//! first), and the name-and-description form of a level or a strand.

use crate::domain::VersionId;
use crate::error::AppError;
use crate::ui::components::field_message;
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

/// A name-and-description form for a level or a strand (`id` empty to add one).
#[component]
pub(super) fn NameForm(
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
    view! {
        <form method="post" action=action class="form form--compact" novalidate>
            <input type="hidden" name="version" value=version.to_string() />
            <input type="hidden" name="id" value=id />
            <div class="field" class=("field--error", name_error.is_some())>
                <label class="field__label" for=name_id.clone()>
                    "Name"
                </label>
                {name_error
                    .clone()
                    .map(|m| {
                        view! {
                            <p class="field__error">
                                <span class="visually-hidden">"Error: "</span>
                                {m}
                            </p>
                        }
                    })}
                <input
                    class="input"
                    type="text"
                    id=name_id
                    name="name"
                    value=name
                    maxlength="120"
                    aria-invalid=name_error.is_some().then_some("true")
                />
            </div>
            <div class="field" class=("field--error", description_error.is_some())>
                <label class="field__label" for=description_id.clone()>
                    "Description"
                </label>
                {description_error
                    .clone()
                    .map(|m| {
                        view! {
                            <p class="field__error">
                                <span class="visually-hidden">"Error: "</span>
                                {m}
                            </p>
                        }
                    })}
                <textarea class="textarea" id=description_id name="description" rows="2">
                    {description}
                </textarea>
            </div>
            <button type="submit" class="button button--secondary button--small">
                {submit}
            </button>
        </form>
    }
}
