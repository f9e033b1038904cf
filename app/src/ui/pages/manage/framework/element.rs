//! Editing one element of a draft: its code, words and strand, and its descriptor at every
//! level, for everyone and tailored to each role category, each with a preview rendered by
//! the server exactly as staff will read it.

use super::edits::PreviewMarkdown;
use super::{HOME, SavedNotice, version_path};
use crate::domain::RoleCategory;
use crate::domain::VersionId;
use crate::domain::framework::edit::descriptor_field;
use crate::domain::framework::{ElementDoc, descriptor_for};
use crate::error::AppError;
use crate::model::ElementEditor;
use crate::ui::components::{ErrorSummary, Loaded, field_message};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[cfg(feature = "ssr")]
use super::{apply, optional_id};
#[cfg(feature = "ssr")]
use crate::domain::framework::edit::Edit;
use server_fn::ServerFn;
use std::collections::HashMap;

/// The element form as the browser posts it: `element[code]`, `element[title]`…, and each
/// descriptor as `element[descriptors][descriptor-<level>-<all|category>]`.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct PostedElement {
    #[serde(default)]
    pub strand: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    pub descriptors: Option<HashMap<String, String>>,
}

#[cfg(feature = "ssr")]
impl PostedElement {
    /// The descriptors the form carried, read from their field names; unknown names are ignored.
    fn descriptor_docs(
        descriptors: HashMap<String, String>,
    ) -> Vec<crate::domain::framework::DescriptorDoc> {
        let mut list = Vec::new();
        for (field, body) in descriptors {
            let mut parts = field.splitn(3, '-');
            let (Some("descriptor"), Some(level), Some(category)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Ok(level) = level.parse::<u32>() else {
                continue;
            };
            let role_category = match category {
                "all" => None,
                code => match RoleCategory::from_code(code) {
                    Some(c) => Some(c),
                    None => continue,
                },
            };
            list.push(crate::domain::framework::DescriptorDoc {
                level,
                role_category,
                body,
            });
        }
        list
    }

    fn into_fields(self) -> crate::domain::framework::edit::ElementFields {
        crate::domain::framework::edit::ElementFields {
            strand: self.strand,
            code: self.code,
            title: self.title,
            summary: self.summary,
            description: self.description,
            descriptors: Self::descriptor_docs(self.descriptors.unwrap_or_default()),
        }
    }
}

/// Saves an element of draft `version`; `id` is the element's identifier, empty for a new one.
#[server(prefix = "/api", endpoint = "save_element")]
pub async fn save_element(
    version: VersionId,
    id: String,
    element: PostedElement,
) -> Result<(), AppError> {
    let saved = apply(
        version,
        Edit::SaveElement {
            id: optional_id(id),
            fields: element.into_fields(),
        },
    )
    .await?;
    leptos_axum::redirect(&format!(
        "{}/elements/{}?saved=1",
        version_path(version),
        saved.unwrap_or_default()
    ));
    Ok(())
}

/// `element` is an element's identifier, or `new`.
#[server(prefix = "/api", endpoint = "element_editor")]
pub async fn get_element_editor(
    version: VersionId,
    element: String,
) -> Result<ElementEditor, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let element = (element != "new").then_some(element);
    crate::db::framework::admin::element_editor(
        &db,
        &user,
        version,
        element.as_deref(),
        chrono::Utc::now(),
    )
    .await
}

#[component]
pub fn ElementEditorPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("id").and_then(|s| s.parse::<VersionId>().ok()),
                p.get("element").unwrap_or_default(),
            )
        })
    };
    let editor = Resource::new_blocking(key, |(version, element)| {
        crate::ui::pages::load_id(version, |version| get_element_editor(version, element))
    });
    let save = ServerAction::<SaveElement>::new();
    let query = use_query_map();
    view! {
        <Title text="Edit an element" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=editor
                    view=move |editor| {
                        let error = save.value().get_untracked().and_then(Result::err);
                        let strand = query.with_untracked(|q| q.get("strand"));
                        view! { <ElementForm editor error strand /> }.into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn ElementForm(
    editor: ElementEditor,
    error: Option<AppError>,
    strand: Option<String>,
) -> impl IntoView {
    let ElementEditor {
        version,
        document,
        element,
        previews,
    } = editor;
    let v = version.id;
    let current: Option<(String, ElementDoc)> = element.as_ref().and_then(|id| {
        document.strands.iter().find_map(|s| {
            s.elements
                .iter()
                .find(|e| e.id.as_deref() == Some(id.as_str()))
                .map(|e| (s.id.clone().unwrap_or_default(), e.clone()))
        })
    });
    let (strand_id, el) = match current {
        Some((s, e)) => (s, e),
        None => (
            strand
                .filter(|s| {
                    document
                        .strands
                        .iter()
                        .any(|d| d.id.as_deref() == Some(s.as_str()))
                })
                .or_else(|| document.strands.first().and_then(|s| s.id.clone()))
                .unwrap_or_default(),
            ElementDoc {
                id: None,
                code: String::new(),
                title: String::new(),
                summary: String::new(),
                description: String::new(),
                descriptors: Vec::new(),
            },
        ),
    };
    let heading = if element.is_some() {
        format!("Edit {} {}", el.code, el.title)
    } else {
        "Add an element".to_owned()
    };
    let preview_of = move |field: &str| {
        previews
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, html)| html.clone())
    };
    let message = |field: &str| field_message(error.as_ref(), field);
    let text_field = |id: &'static str,
                      label: &'static str,
                      hint: &'static str,
                      value: String,
                      max: &'static str| {
        let err = message(id);
        view! {
            <div class="field" class=("field--error", err.is_some())>
                <label class="field__label" for=id>
                    {label}
                </label>
                {(!hint.is_empty())
                    .then(|| {
                        view! {
                            <p class="field__hint" id=format!("{id}-hint")>
                                {hint}
                            </p>
                        }
                    })}
                {err
                    .clone()
                    .map(|m| {
                        view! {
                            <p class="field__error" id=format!("{id}-error")>
                                <span class="visually-hidden">"Error: "</span>
                                {m}
                            </p>
                        }
                    })}
                <input
                    class="input input--wide"
                    type="text"
                    id=id
                    name=format!("element[{id}]")
                    value=value
                    maxlength=max
                    aria-invalid=err.is_some().then_some("true")
                    aria-describedby=(!hint.is_empty()).then(|| format!("{id}-hint"))
                />
            </div>
        }
    };
    view! {
        <Title text=heading.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=HOME>"Manage the framework"</a>
            " › "
            <a href=format!("{}#strands", version_path(v))>{version.name.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        <SavedNotice />
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <form method="post" action=SaveElement::PATH class="form" novalidate>
            <input type="hidden" name="version" value=v.to_string() />
            <input type="hidden" name="id" value=element.clone().unwrap_or_default() />
            <div class="field">
                <label class="field__label" for="strand">
                    "Strand"
                </label>
                <select class="select" id="strand" name="element[strand]">
                    {document
                        .strands
                        .iter()
                        .map(|s| {
                            let id = s.id.clone().unwrap_or_default();
                            let selected = id == strand_id;
                            view! {
                                <option value=id selected=selected>
                                    {s.name.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {text_field(
                "code",
                "Code",
                "One to three capital letters and a number, like A1 or S12. Unique in this version.",
                el.code.clone(),
                "6",
            )}
            {text_field("title", "Title", "", el.title.clone(), "120")}
            {text_field(
                "summary",
                "One-line summary",
                "Shown with the title wherever the element is listed.",
                el.summary.clone(),
                "300",
            )}
            <MarkdownField
                id="description".to_owned()
                name="element[description]".to_owned()
                label="Description".to_owned()
                hint="Markdown. What this element is about and why it matters.".to_owned()
                value=el.description.clone()
                saved_html=preview_of("description")
                error=message("description")
                rows=5
            />

            <h2>"Descriptors"</h2>
            <p class="muted">
                "What this element looks like at each level. Every level needs a descriptor for everyone before the version can be published; tailored wording for a role category is optional and replaces it for those staff."
            </p>
            {document
                .levels
                .iter()
                .enumerate()
                .map(|(i, level)| {
                    let rank = crate::domain::framework::rank_at(i);
                    let general_field = descriptor_field(rank, None);
                    let general = descriptor_for(&el.descriptors, rank, None)
                        .map(|d| d.body.clone())
                        .unwrap_or_default();
                    let has_tailored = el
                        .descriptors
                        .iter()
                        .any(|d| d.level == rank && d.role_category.is_some());
                    view! {
                        <fieldset class="fieldset level-descriptors">
                            <legend>{format!("Level {rank}: {}", level.name)}</legend>
                            <MarkdownField
                                id=general_field.clone()
                                name=format!("element[descriptors][{general_field}]")
                                label="For everyone".to_owned()
                                hint=String::new()
                                value=general
                                saved_html=preview_of(&general_field)
                                error=message(&general_field)
                                rows=4
                            />
                            <details class="tailored" open=has_tailored>
                                <summary>{format!("Tailored wording at {}", level.name)}</summary>
                                {RoleCategory::ALL
                                    .iter()
                                    .map(|c| {
                                        let field = descriptor_field(rank, Some(*c));
                                        let body = el
                                            .descriptors
                                            .iter()
                                            .find(|d| d.level == rank && d.role_category == Some(*c))
                                            .map(|d| d.body.clone())
                                            .unwrap_or_default();
                                        view! {
                                            <MarkdownField
                                                id=field.clone()
                                                name=format!("element[descriptors][{field}]")
                                                label=format!("For {}", c.label())
                                                hint="Leave empty to use the wording for everyone."
                                                    .to_owned()
                                                value=body
                                                saved_html=preview_of(&field)
                                                error=message(&field)
                                                rows=3
                                            />
                                        }
                                    })
                                    .collect_view()}
                            </details>
                        </fieldset>
                    }
                })
                .collect_view()}
            <div class="actions">
                <button type="submit" class="button">
                    "Save element"
                </button>
                <a class="button button--quiet" href=format!("{}#strands", version_path(v))>
                    "Back to the draft"
                </a>
            </div>
        </form>
    }
}

/// A Markdown text box with its preview: the saved text as staff will read it, and once the
/// page is interactive, a button that renders what is in the box now (on the server).
#[component]
fn MarkdownField(
    id: String,
    name: String,
    label: String,
    hint: String,
    value: String,
    saved_html: Option<String>,
    error: Option<String>,
    rows: u32,
) -> impl IntoView {
    let text = RwSignal::new(value.clone());
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let preview = ServerAction::<PreviewMarkdown>::new();
    let live = move || preview.value().get().and_then(Result::ok);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [
        (!hint.is_empty()).then(|| hint_id.clone()),
        error.is_some().then(|| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let has_saved = saved_html.is_some();
    let saved = saved_html.unwrap_or_default();
    view! {
        <div class="field markdown-field" class=("field--error", error.is_some())>
            <label class="field__label" for=id.clone()>
                {label.clone()}
            </label>
            {(!hint.is_empty())
                .then(|| {
                    view! {
                        <p class="field__hint" id=hint_id.clone()>
                            {hint.clone()}
                        </p>
                    }
                })}
            {error
                .clone()
                .map(|m| {
                    view! {
                        <p class="field__error" id=error_id.clone()>
                            <span class="visually-hidden">"Error: "</span>
                            {m}
                        </p>
                    }
                })}
            <textarea
                class="textarea"
                id=id.clone()
                name=name
                rows=rows
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
                on:input:target=move |ev| text.set(ev.target().value())
            >
                {value}
            </textarea>
            <Show when=move || interactive.get()>
                <button
                    type="button"
                    class="button button--quiet button--small"
                    on:click=move |_| {
                        preview
                            .dispatch(PreviewMarkdown {
                                text: text.get_untracked(),
                            });
                    }
                >
                    "Preview"
                    <span class="visually-hidden">{format!(" {label}")}</span>
                </button>
            </Show>
            {move || match live() {
                Some(html) => {
                    view! {
                        <div class="preview" aria-live="polite">
                            <p class="preview__label">"Preview"</p>
                            <div class="prose" inner_html=html></div>
                        </div>
                    }
                        .into_any()
                }
                None if has_saved => {
                    view! {
                        <div class="preview">
                            <p class="preview__label">"As staff read it now"</p>
                            <div class="prose" inner_html=saved.clone()></div>
                        </div>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
        </div>
    }
}
