//! One activity type's page: add one, or change its name, description, whether it needs a
//! host academy and the elements it suggests.

use super::SETTINGS;
use crate::error::AppError;
use crate::model::ActivityTypeView;
use crate::ui::components::{ErrorSummary, Field, FieldMessage, Loaded, field_message};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;
use std::collections::HashMap;

/// One activity type and the elements it may suggest; `id` is `new` to add one.
#[server(prefix = "/api", endpoint = "activity_type")]
pub async fn get_activity_type(
    id: String,
) -> Result<(Option<ActivityTypeView>, Vec<(String, String)>), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let settings = crate::db::evidence::settings::settings(&db, &user, chrono::Utc::now()).await?;
    let found = match id.as_str() {
        "new" => None,
        id => Some(
            crate::db::evidence::settings::activity_type(
                &db,
                &user,
                id.parse().map_err(|_| AppError::NotFound)?,
            )
            .await?,
        ),
    };
    Ok((found, settings.elements))
}

/// Adds or changes an activity type; `suggested` holds the ticked elements
/// (`suggested[B2]=on`).
#[server(prefix = "/api", endpoint = "save_activity_type")]
pub async fn save_activity_type(
    id: String,
    name: String,
    description: String,
    needs_host: Option<String>,
    suggested: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let id = match id.trim() {
        "" | "new" => None,
        id => Some(
            id.parse::<crate::domain::ActivityTypeId>()
                .map_err(|_| AppError::NotFound)?,
        ),
    };
    let form = crate::model::ActivityTypeForm {
        name,
        description,
        needs_host: needs_host.is_some(),
        suggested: suggested.unwrap_or_default().into_keys().collect(),
    };
    crate::db::evidence::settings::save_activity_type(&db, &user, id, &form).await?;
    leptos_axum::redirect(&format!("{SETTINGS}?done=type-saved#types-heading"));
    Ok(())
}

#[component]
pub fn ActivityTypePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let found = Resource::new_blocking(id, get_activity_type);
    let save = ServerAction::<SaveActivityType>::new();
    view! {
        <Title text="Activity type" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=found
                    view=move |(current, elements)| {
                        let error = save.value().get_untracked().and_then(Result::err);
                        view! { <ActivityTypeFormView current elements error /> }.into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn ActivityTypeFormView(
    current: Option<ActivityTypeView>,
    elements: Vec<(String, String)>,
    error: Option<AppError>,
) -> impl IntoView {
    let heading = current.as_ref().map_or_else(
        || "Add an activity type".to_owned(),
        |t| format!("Change “{}”", t.name),
    );
    let name_error = field_message(error.as_ref(), "name");
    let description_error = field_message(error.as_ref(), "description");
    let suggested_error = field_message(error.as_ref(), "suggested");
    let id = current
        .as_ref()
        .map_or_else(|| "new".to_owned(), |t| t.id.to_string());
    let (name, description, needs_host, suggested) = current
        .map(|t| (t.name, t.description, t.needs_host, t.suggested))
        .unwrap_or_default();
    view! {
        <Title text=heading.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=SETTINGS>"Evidence settings"</a>
        </nav>
        <h1>{heading}</h1>
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <form method="post" action=SaveActivityType::PATH class="form" novalidate>
            <input type="hidden" name="id" value=id />
            <Field
                id="name"
                label="Name"
                hint="As staff will read it, for example “Led a staff meeting at another academy”."
                message=Signal::stored(name_error.clone())
            >
                <input
                    class="input"
                    type="text"
                    id="name"
                    name="name"
                    value=name
                    maxlength="120"
                    aria-describedby=if name_error.is_some() {
                        "name-hint name-error"
                    } else {
                        "name-hint"
                    }
                    aria-invalid=name_error.is_some().then_some("true")
                />
            </Field>
            <Field
                id="description"
                label="Description"
                hint="One or two sentences that help staff choose it."
                message=Signal::stored(description_error.clone())
            >
                <textarea
                    class="textarea"
                    id="description"
                    name="description"
                    rows="3"
                    aria-describedby=if description_error.is_some() {
                        "description-hint description-error"
                    } else {
                        "description-hint"
                    }
                    aria-invalid=description_error.is_some().then_some("true")

                    inner_html=crate::ui::components::textarea_text(&description)
                ></textarea>
            </Field>
            <div class="checkbox">
                <input
                    type="checkbox"
                    id="needs_host"
                    name="needs_host"
                    value="on"
                    checked=needs_host
                />
                <label for="needs_host">
                    "Happens at a host academy (it cannot be recorded as trust-wide or online only)"
                </label>
            </div>
            <fieldset
                class="fieldset"
                id="suggested"
                class=("field--error", suggested_error.is_some())
            >
                <legend>"Suggested elements"</legend>
                <p class="field__hint">
                    "The parts of the framework this kind of activity usually shows. Staff see them as a hint and still choose for themselves."
                </p>
                <FieldMessage message=suggested_error.clone() id="suggested-error" />
                {if elements.is_empty() {
                    view! {
                        <p>"No framework is published yet, so there is nothing to suggest."</p>
                    }
                        .into_any()
                } else {
                    view! {
                        <div class="checkbox-columns">
                            {elements
                                .into_iter()
                                .map(|(code, title)| {
                                    let field = format!("suggest-{code}");
                                    let checked = suggested.contains(&code);
                                    view! {
                                        <div class="checkbox">
                                            <input
                                                type="checkbox"
                                                id=field.clone()
                                                name=format!("suggested[{code}]")
                                                value="on"
                                                checked=checked
                                            />
                                            <label for=field>
                                                <span class="code">{code.clone()}</span>
                                                " "
                                                {title}
                                            </label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                        .into_any()
                }}
            </fieldset>
            <div class="actions">
                <button type="submit" class="button">
                    "Save activity type"
                </button>
                <a class="button button--quiet" href=SETTINGS>
                    "Cancel"
                </a>
            </div>
        </form>
    }
}
