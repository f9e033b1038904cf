//! The evidence form: record an activity, or change a draft or returned entry.

mod choices;

use super::api::{SaveEntry, get_editor};
use super::entry_id;
use crate::domain::ActivityTypeId;
use crate::error::AppError;
use crate::model::{EntryEditor, EntryForm};
use crate::ui::components::{ErrorSummary, Field, Loaded, field_message};
use crate::ui::pages::with_user;
use choices::{ClaimsField, PlacesField};
use leptos::prelude::*;
use leptos_meta::Title;

/// The name a form control posts under: a field of the server function's `entry` argument.
fn name(field: &str) -> String {
    format!("entry[{field}]")
}

/// The name of one of a field's keyed values: `entry[places][12]`.
fn keyed(field: &str, key: impl std::fmt::Display) -> String {
    format!("entry[{field}][{key}]")
}

#[component]
pub fn EntryFormPage() -> impl IntoView {
    let id = entry_id();
    let editor = Resource::new_blocking(id, get_editor);
    let save = ServerAction::<SaveEntry>::new();
    view! {
        <Title text="Record an activity" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=editor
                    view=move |editor| view! { <EntryFormView editor save /> }
                />
            }
        })}
    }
}

/// The latest attempt's message for each field; the form's own fields keep what was typed.
#[derive(Clone, Copy)]
struct Messages(ServerAction<SaveEntry>);

impl Messages {
    fn error(self) -> Option<AppError> {
        self.0.value().get().and_then(Result::err)
    }

    fn of(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || field_message(self.error().as_ref(), field))
    }
}

#[component]
fn EntryFormView(editor: EntryEditor, save: ServerAction<SaveEntry>) -> impl IntoView {
    let EntryEditor {
        id,
        revision,
        form,
        activity_types,
        academies,
        home_academy,
        elements,
        levels,
    } = editor;
    let messages = Messages(save);
    let heading = if id.is_some() {
        "Change the entry"
    } else {
        "Record an activity"
    };
    let cancel = id.map_or("/evidence".to_owned(), |id| format!("/evidence/{id}"));
    view! {
        <Title text=heading />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href="/evidence">"My evidence"</a>
        </nav>
        <h1>{heading}</h1>
        <p class="lead">
            "Leadership beyond your own academy: where you led, what you did and what it shows. You can save it as a draft and come back to it."
        </p>
        {move || messages.error().map(|error| view! { <ErrorSummary error /> })}
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            {id.map(|id| view! { <input type="hidden" name=name("id") value=id.to_string() /> })}
            <input type="hidden" name=name("revision") value=revision.to_string() />
            <ActivityTypeField chosen=form.activity_type types=activity_types messages />
            <WhatAndWhen form=form.clone() messages />
            <PlacesField form=form.clone() academies home_academy messages />
            <Accounts form=form.clone() messages />
            <ClaimsField claims=form.claims elements levels messages />
            <div class="actions">
                <button type="submit" class="button">
                    "Save and check"
                </button>
                <a class="button button--quiet" href=cancel>
                    "Cancel"
                </a>
            </div>
        </ActionForm>
    }
}

/// The type of activity; its description follows the choice once the page is interactive.
#[component]
fn ActivityTypeField(
    chosen: Option<ActivityTypeId>,
    types: Vec<(ActivityTypeId, String, String)>,
    messages: Messages,
) -> impl IntoView {
    let current = RwSignal::new(chosen);
    let about_types = StoredValue::new(types.clone());
    let about = move || {
        let chosen = current.get();
        about_types.with_value(|types| {
            types
                .iter()
                .find(|(t, _, _)| Some(*t) == chosen)
                .map(|(_, _, about)| about.clone())
        })
    };
    view! {
        <Field id="activity_type" label="Type of activity" message=messages.of("activity_type")>
            <select
                class="select"
                id="activity_type"
                name=name("activity_type")
                aria-describedby="activity-type-about"
                on:change=move |ev| {
                    current.set(event_target_value(&ev).parse::<ActivityTypeId>().ok())
                }
            >
                <option value="" selected=chosen.is_none()>
                    "Choose…"
                </option>
                {types
                    .into_iter()
                    .map(|(tid, name, _)| {
                        view! {
                            <option value=tid.to_string() selected=chosen == Some(tid)>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field__hint field__hint--after" id="activity-type-about" aria-live="polite">
                {about}
            </p>
        </Field>
    }
}

/// The title, the dates and the hours and people reached.
#[component]
fn WhatAndWhen(form: EntryForm, messages: Messages) -> impl IntoView {
    view! {
        <Field
            id="title"
            label="Title"
            hint="For example: Led Kingsmead's staff meeting on whole-class feedback."
            message=messages.of("title")
        >
            <input
                class="input input--wide"
                type="text"
                id="title"
                name=name("title")
                value=form.title
                maxlength="200"
                aria-describedby="title-hint"
            />
        </Field>
        <div class="field-row">
            <Field id="started_on" label="Date" message=messages.of("started_on")>
                <input
                    class="input input--date"
                    type="date"
                    id="started_on"
                    name=name("started_on")
                    value=form.started_on
                />
            </Field>
            <Field id="ended_on" label="End date (for a series)" message=messages.of("ended_on")>
                <input
                    class="input input--date"
                    type="date"
                    id="ended_on"
                    name=name("ended_on")
                    value=form.ended_on
                />
            </Field>
        </div>
        <div class="field-row">
            <Field
                id="hours"
                label="Hours"
                hint="Including preparation, to the nearest quarter hour."
                message=messages.of("hours")
            >
                <input
                    class="input input--short"
                    type="text"
                    inputmode="decimal"
                    id="hours"
                    name=name("hours")
                    value=form.hours
                    aria-describedby="hours-hint"
                />
            </Field>
            <Field
                id="people_reached"
                label="People reached"
                hint="Roughly how many colleagues took part."
                message=messages.of("people_reached")
            >
                <input
                    class="input input--short"
                    type="text"
                    inputmode="numeric"
                    id="people_reached"
                    name=name("people_reached")
                    value=form.people_reached
                    aria-describedby="people_reached-hint"
                />
            </Field>
        </div>
    }
}

/// The Markdown accounts of what was done and what came of it, co-leaders and links.
#[component]
fn Accounts(form: EntryForm, messages: Messages) -> impl IntoView {
    view! {
        <Field
            id="what_done"
            label="What you did"
            hint="Markdown. What you led, with whom, and how."
            message=messages.of("what_done")
        >
            <textarea
                class="textarea"
                id="what_done"
                name=name("what_done")
                rows="6"
                aria-describedby="what_done-hint"

                inner_html=crate::ui::components::textarea_text(&form.what_done)
            ></textarea>
        </Field>
        <Field
            id="reflection"
            label="Reflection and impact"
            hint="Markdown. What changed as a result, and what you learned."
            message=messages.of("reflection")
        >
            <textarea
                class="textarea"
                id="reflection"
                name=name("reflection")
                rows="5"
                aria-describedby="reflection-hint"

                inner_html=crate::ui::components::textarea_text(&form.reflection)
            ></textarea>
        </Field>
        <Field
            id="co_leaders"
            label="Co-leaders (optional)"
            hint="The work e-mail addresses of anyone in the trust who led it with you, one per line."
            message=messages.of("co_leaders")
        >
            <textarea
                class="textarea"
                id="co_leaders"
                name=name("co_leaders")
                rows="2"
                aria-describedby="co_leaders-hint"

                inner_html=crate::ui::components::textarea_text(&form.co_leaders)
            ></textarea>
        </Field>
        <Field
            id="links"
            label="Links to supporting material (optional)"
            hint="Slides, resources or write-ups, one web address per line."
            message=messages.of("links")
        >
            <textarea
                class="textarea"
                id="links"
                name=name("links")
                rows="2"
                aria-describedby="links-hint"

                inner_html=crate::ui::components::textarea_text(&form.links)
            ></textarea>
        </Field>
    }
}
