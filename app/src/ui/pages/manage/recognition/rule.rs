//! One milestone: its form (what it asks, by kind), who would meet it today, applying it to the
//! evidence already verified, and retiring or restoring it.

use super::RECOGNITION;
use super::kinds::KindFields;
use crate::domain::RuleId;
use crate::domain::recognition::{COLOURS, RuleForm, RuleKind};
use crate::error::AppError;
use crate::model::{RuleChoices, RuleEditor, RulePreview};
use crate::ui::components::{ErrorSummary, Field, Loaded, field_message};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// `id` is a rule's id, or `new`.
#[server(prefix = "/api", endpoint = "rule_editor")]
pub async fn get_rule_editor(id: String) -> Result<RuleEditor, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let id = match id.as_str() {
        "new" => None,
        id => Some(id.parse::<RuleId>().map_err(|_| AppError::NotFound)?),
    };
    crate::db::recognition::rules::editor(&db, &user, id).await
}

/// Adds (no `id`) or changes a milestone, then shows it with its preview.
#[server(prefix = "/api", endpoint = "save_rule")]
pub async fn save_rule(id: Option<RuleId>, rule: RuleForm, colour: String) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let saved =
        crate::db::recognition::rules::save(&db, &user, id, &rule, &colour, chrono::Utc::now())
            .await?;
    leptos_axum::redirect(&format!(
        "{RECOGNITION}/rules/{saved}?done=saved#preview-heading"
    ));
    Ok(())
}

/// Awards the milestone to everyone whose verified evidence already meets it.
#[server(prefix = "/api", endpoint = "apply_rule")]
pub async fn apply_rule(id: RuleId) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let (awarded, emails) =
        crate::db::recognition::rules::apply(&db, &user, id, chrono::Utc::now()).await?;
    crate::request::mailer()?.send_later(emails);
    leptos_axum::redirect(&format!(
        "{RECOGNITION}/rules/{id}?done=applied&awarded={awarded}#preview-heading"
    ));
    Ok(())
}

/// Retires (`active=false`) or restores a milestone.
#[server(prefix = "/api", endpoint = "set_rule_active")]
pub async fn set_rule_active(id: RuleId, active: bool) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::recognition::rules::set_active(&db, &user, id, active, chrono::Utc::now()).await?;
    let done = if active { "restored" } else { "retired" };
    leptos_axum::redirect(&format!("{RECOGNITION}/rules/{id}?done={done}"));
    Ok(())
}

#[component]
pub fn RulePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let editor = Resource::new_blocking(id, get_rule_editor);
    let save = ServerAction::<SaveRule>::new();
    let apply = ServerAction::<ApplyRule>::new();
    let query = use_query_map();
    view! {
        <Title text="Milestone" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=editor
                    view=move |editor| {
                        let error = save.value().get_untracked().and_then(Result::err);
                        let apply_error = apply.value().get_untracked().and_then(Result::err);
                        let done = query.with_untracked(|q| (q.get("done"), q.get("awarded")));
                        view! { <Rule editor error apply_error done /> }
                    }
                />
            }
        })}
    }
}

/// What was just done, in a sentence.
fn done_notice(done: Option<String>, awarded: Option<String>) -> Option<String> {
    let done = done?;
    Some(match done.as_str() {
        "applied" => match awarded.as_deref() {
            Some("0") | None => "Nobody new met it: no awards were given.".to_owned(),
            Some("1") => "Awarded to 1 person, dated the day they first met it.".to_owned(),
            Some(n) => format!("Awarded to {n} people, each dated the day they first met it."),
        },
        "retired" => "Milestone retired: it awards nobody new. Awards it gave stay.".to_owned(),
        "restored" => "Milestone restored: verifications that meet it award it again.".to_owned(),
        _ => "Milestone saved. From now on, verifications that meet it award it.".to_owned(),
    })
}

#[component]
fn Rule(
    editor: RuleEditor,
    error: Option<AppError>,
    apply_error: Option<AppError>,
    done: (Option<String>, Option<String>),
) -> impl IntoView {
    let RuleEditor {
        id,
        form,
        colour,
        active,
        choices,
        preview,
    } = editor;
    let heading = if id.is_some() {
        form.name.clone()
    } else {
        "Add a milestone".to_owned()
    };
    view! {
        <Title text=heading.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=RECOGNITION>"Recognition"</a>
        </nav>
        <h1>{heading}</h1>
        {done_notice(done.0, done.1)
            .map(|m| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>{m}</p>
                    </div>
                }
            })}
        {apply_error.map(|error| view! { <ErrorSummary error /> })}
        {id.zip(preview).map(|(id, preview)| view! { <Preview id preview active /> })}
        <RuleFormView id form colour choices error />
        {id.map(|id| view! { <Retire id active /> })}
    }
}

/// Who meets the milestone today, and the button that awards those who do not hold it yet.
#[component]
fn Preview(id: RuleId, preview: RulePreview, active: bool) -> impl IntoView {
    let RulePreview {
        sentence,
        people,
        not_yet,
        names,
    } = preview;
    let meets = match people {
        0 => "Nobody meets it today.".to_owned(),
        1 => "1 person meets it today.".to_owned(),
        n => format!("{n} people meet it today."),
    };
    let more = u64::try_from(names.len()).map_or(0, |shown| people.saturating_sub(shown));
    view! {
        <section class="panel" aria-labelledby="preview-heading">
            <h2 id="preview-heading">"Who meets it"</h2>
            <p>
                <strong>{sentence}</strong>
            </p>
            <p>{meets}</p>
            {(!names.is_empty())
                .then(|| {
                    view! {
                        <p class="muted">
                            {names.join(", ")} {(more > 0).then(|| format!(" and {more} more"))}
                        </p>
                    }
                })}
            {(active && not_yet > 0)
                .then(|| {
                    let label = if not_yet == 1 {
                        "Award it to the 1 person who does not hold it yet".to_owned()
                    } else {
                        format!("Award it to the {not_yet} people who do not hold it yet")
                    };
                    view! {
                        <form method="post" action=ApplyRule::PATH class="inline-form">
                            <input type="hidden" name="id" value=id.to_string() />
                            <button type="submit" class="button">
                                {label}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}

/// Retiring or restoring a saved milestone.
#[component]
fn Retire(id: RuleId, active: bool) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="retire-heading">
            <h2 id="retire-heading">
                {if active { "Retire this milestone" } else { "Restore this milestone" }}
            </h2>
            <p>
                {if active {
                    "A retired milestone awards nobody new. The awards it gave stay with their holders."
                } else {
                    "Restored, it awards everyone whose next verification meets it."
                }}
            </p>
            <form method="post" action=SetRuleActive::PATH class="inline-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="active" value=(!active).to_string() />
                <button type="submit" class="button button--secondary">
                    {if active { "Retire it" } else { "Restore it" }}
                </button>
            </form>
        </section>
    }
}

/// The milestone's form: its name, description and colour, and what it asks (every kind's
/// fields, the chosen kind's read).
#[component]
fn RuleFormView(
    id: Option<RuleId>,
    form: RuleForm,
    colour: String,
    choices: RuleChoices,
    error: Option<AppError>,
) -> impl IntoView {
    let message = |field: &str| Signal::stored(field_message(error.as_ref(), field));
    let kind = form.kind.clone();
    let (name, description) = (form.name.clone(), form.description.clone());
    view! {
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <form method="post" action=SaveRule::PATH class="form rule-form" novalidate>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <Field
                id="name"
                label="Name"
                hint="As people will read it on their award, like “Trust connector”."
                message=message("name")
            >
                <input
                    class="input input--wide"
                    type="text"
                    id="name"
                    name="rule[name]"
                    value=name
                    maxlength="120"
                    aria-describedby="name-hint"
                />
            </Field>
            <Field
                id="description"
                label="Description"
                hint="Markdown. What it recognises: it appears with every award it gives."
                message=message("description")
            >
                <textarea
                    class="textarea"
                    id="description"
                    name="rule[description]"
                    rows="3"
                    aria-describedby="description-hint"

                    inner_html=crate::ui::components::textarea_text(&description)
                ></textarea>
            </Field>
            <fieldset class="fieldset" id="colour">
                <legend>"Colour"</legend>
                <div class="radio-row">
                    {COLOURS
                        .iter()
                        .map(|(value, name)| {
                            let field = format!("colour-{}", name.to_lowercase());
                            view! {
                                <div class="radio">
                                    <input
                                        type="radio"
                                        id=field.clone()
                                        name="colour"
                                        value=*value
                                        checked=colour == *value
                                    />
                                    <label for=field>
                                        <span
                                            class="swatch"
                                            style=format!("background: {value}")
                                        ></span>
                                        {*name}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <fieldset class="fieldset" id="kind">
                <legend>"What it asks for"</legend>
                <p class="field__hint">"Then fill in the questions for the kind you chose."</p>
                {RuleKind::CHOICES
                    .iter()
                    .map(|(code, label)| {
                        let field = format!("kind-{code}");
                        view! {
                            <div class="radio">
                                <input
                                    type="radio"
                                    id=field.clone()
                                    name="rule[kind]"
                                    value=*code
                                    checked=kind == *code
                                />
                                <label for=field>{*label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <KindFields form choices error=error.clone() />
            <div class="actions">
                <button type="submit" class="button">
                    "Save the milestone"
                </button>
                <a class="button button--quiet" href=RECOGNITION>
                    "Back to recognition"
                </a>
            </div>
        </form>
    }
}
