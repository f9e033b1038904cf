//! Editing one pathway of a draft: its name, who it suits, and a target level for each
//! element it covers.

use super::{HOME, version_path};
use crate::domain::RoleCategory;
use crate::domain::VersionId;
use crate::domain::framework::{FrameworkDocument, TargetDoc, rank_at};
use crate::error::AppError;
use crate::model::PathwayEditor;
use crate::ui::components::{ErrorSummary, Field, FieldMessage, Loaded, Table, field_message};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[cfg(feature = "ssr")]
use super::{apply, optional_id};
#[cfg(feature = "ssr")]
use crate::domain::framework::edit::Edit;
use server_fn::ServerFn;
use std::collections::HashMap;
/// Saves a pathway; `categories` holds the ticked role categories (`categories[leading]=on`),
/// `targets` maps element codes to a level rank (empty: not in the pathway).
#[server(prefix = "/api", endpoint = "save_pathway")]
pub async fn save_pathway(
    version: VersionId,
    id: String,
    name: String,
    description: String,
    categories: Option<HashMap<String, String>>,
    targets: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    let role_categories = categories
        .unwrap_or_default()
        .keys()
        .filter_map(|c| RoleCategory::from_code(c))
        .collect();
    let mut list = Vec::new();
    for (element, level) in targets.unwrap_or_default() {
        match level.trim() {
            "" => {}
            rank => list.push(TargetDoc {
                level: rank
                    .parse()
                    .map_err(|_| AppError::field(&format!("target-{element}"), "Choose a level"))?,
                element,
            }),
        }
    }
    apply(
        version,
        Edit::SavePathway {
            id: optional_id(id),
            name,
            description,
            role_categories,
            targets: list,
        },
    )
    .await?;
    leptos_axum::redirect(&format!(
        "{}?saved=pathways#pathways",
        version_path(version)
    ));
    Ok(())
}

/// `pathway` is a pathway's identifier, or `new`.
#[server(prefix = "/api", endpoint = "pathway_editor")]
pub async fn get_pathway_editor(
    version: VersionId,
    pathway: String,
) -> Result<PathwayEditor, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let pathway = (pathway != "new").then_some(pathway);
    crate::db::framework::admin::pathway_editor(
        &db,
        &user,
        version,
        pathway.as_deref(),
        chrono::Utc::now(),
    )
    .await
}

#[component]
pub fn PathwayEditorPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("id").and_then(|s| s.parse::<VersionId>().ok()),
                p.get("pathway").unwrap_or_default(),
            )
        })
    };
    let editor = Resource::new_blocking(key, |(version, pathway)| {
        crate::ui::pages::load_id(version, |version| get_pathway_editor(version, pathway))
    });
    let save = ServerAction::<SavePathway>::new();
    view! {
        <Title text="Edit a pathway" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=editor
                    view=move |editor| {
                        let error = save.value().get_untracked().and_then(Result::err);
                        view! { <PathwayForm editor error /> }.into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn PathwayForm(editor: PathwayEditor, error: Option<AppError>) -> impl IntoView {
    let PathwayEditor {
        version,
        document,
        pathway,
    } = editor;
    let v = version.id;
    let current = pathway
        .as_ref()
        .and_then(|id| {
            document
                .pathways
                .iter()
                .find(|p| p.id.as_deref() == Some(id.as_str()))
        })
        .cloned();
    let heading = current.as_ref().map_or_else(
        || "Add a pathway".to_owned(),
        |p| format!("Edit {}", p.name),
    );
    let name_error = field_message(error.as_ref(), "name");
    let name_invalid = name_error.is_some().then_some("true");
    let (name, description, categories, targets) = current
        .map(|p| (p.name, p.description, p.role_categories, p.targets))
        .unwrap_or_default();
    let draft = format!("{}#pathways", version_path(v));
    view! {
        <Title text=heading.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=HOME>"Manage the framework"</a>
            " › "
            <a href=draft.clone()>{version.name.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <form method="post" action=SavePathway::PATH class="form" novalidate>
            <input type="hidden" name="version" value=v.to_string() />
            <input type="hidden" name="id" value=pathway.clone().unwrap_or_default() />
            <Field id="name" label="Name" message=Signal::stored(name_error)>
                <input
                    class="input"
                    type="text"
                    id="name"
                    name="name"
                    value=name
                    maxlength="120"
                    aria-invalid=name_invalid
                />
            </Field>
            <Field
                id="description"
                label="Description"
                hint="Markdown. Who it is for and what following it involves."
                message=Signal::stored(None::<String>)
            >
                <textarea
                    class="textarea"
                    id="description"
                    name="description"
                    rows="4"
                    aria-describedby="description-hint"

                    inner_html=crate::ui::components::textarea_text(&description)
                ></textarea>
            </Field>
            <Suits categories />
            <Targets document targets error />
            <div class="actions">
                <button type="submit" class="button">
                    "Save pathway"
                </button>
                <a class="button button--quiet" href=draft>
                    "Back to the draft"
                </a>
            </div>
        </form>
    }
}

/// The role categories a pathway suits (none: everyone).
#[component]
fn Suits(categories: Vec<RoleCategory>) -> impl IntoView {
    view! {
        <fieldset class="fieldset">
            <legend>"Suits"</legend>
            <p class="field__hint">
                "Staff in these role categories see it marked as suiting them. Tick none if it suits everyone."
            </p>
            {RoleCategory::ALL
                .iter()
                .map(|c| {
                    let id = format!("category-{}", c.code());
                    view! {
                        <div class="checkbox">
                            <input
                                type="checkbox"
                                id=id.clone()
                                name=format!("categories[{}]", c.code())
                                value="on"
                                checked=categories.contains(c)
                            />
                            <label for=id>{c.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A target level (or none) for each element of the framework.
#[component]
fn Targets(
    document: FrameworkDocument,
    targets: Vec<TargetDoc>,
    error: Option<AppError>,
) -> impl IntoView {
    let message = field_message(error.as_ref(), "targets");
    let levels: Vec<String> = document.levels.iter().map(|l| l.name.clone()).collect();
    let rows = document
        .strands
        .iter()
        .flat_map(|s| s.elements.iter())
        .map(|e| {
            let chosen = targets
                .iter()
                .find(|t| t.element == e.code)
                .map(|t| t.level);
            let message = field_message(error.as_ref(), &format!("target-{}", e.code));
            view! {
                <TargetRow
                    code=e.code.clone()
                    title=e.title.clone()
                    levels=levels.clone()
                    chosen
                    message
                />
            }
        })
        .collect_view();
    let invalid = message.is_some();
    view! {
        <fieldset class="fieldset" id="targets" class=("field--error", invalid)>
            <legend>"Targets"</legend>
            <p class="field__hint">"For each element the pathway covers, the level to reach."</p>
            <FieldMessage message id="targets-error" />
            <Table caption="Target level for each element" columns=vec!["Element", "Target level"]>
                {rows}
            </Table>
        </fieldset>
    }
}

/// One element's target level.
#[component]
fn TargetRow(
    code: String,
    title: String,
    levels: Vec<String>,
    chosen: Option<u32>,
    message: Option<String>,
) -> impl IntoView {
    let field = format!("target-{code}");
    let options = levels
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let rank = rank_at(i);
            view! {
                <option value=rank.to_string() selected=chosen == Some(rank)>
                    {name}
                </option>
            }
        })
        .collect_view();
    view! {
        <tr>
            <td>
                <label for=field.clone()>
                    <span class="code">{code.clone()}</span>
                    " "
                    {title}
                </label>
            </td>
            <td>
                <FieldMessage message id=format!("{field}-error") />
                <select class="select" id=field name=format!("targets[{code}]")>
                    <option value="" selected=chosen.is_none()>
                        "Not in this pathway"
                    </option>
                    {options}
                </select>
            </td>
        </tr>
    }
}
