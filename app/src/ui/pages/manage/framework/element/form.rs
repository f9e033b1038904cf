//! The element form: strand, code, title, summary and description, then each level's
//! descriptors for everyone and tailored to each role category.

use super::SaveElement;
use super::markdown::MarkdownField;
use crate::domain::RoleCategory;
use crate::domain::framework::edit::descriptor_field;
use crate::domain::framework::{ElementDoc, FrameworkDocument, LevelDoc, descriptor_for, rank_at};
use crate::error::AppError;
use crate::model::ElementEditor;
use crate::ui::components::{ErrorSummary, Field, field_message};
use crate::ui::pages::manage::framework::{HOME, SavedNotice, version_path};
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;
use std::sync::Arc;

/// The element being edited and its strand's id; for a new element, an empty one in the
/// strand asked for (or the first).
fn element_and_strand(
    document: &FrameworkDocument,
    element: Option<&str>,
    strand: Option<String>,
) -> (ElementDoc, String) {
    let current = element.and_then(|id| {
        document.strands.iter().find_map(|s| {
            s.elements
                .iter()
                .find(|e| e.id.as_deref() == Some(id))
                .map(|e| (e.clone(), s.id.clone().unwrap_or_default()))
        })
    });
    current.unwrap_or_else(|| {
        let known = |s: &String| {
            document
                .strands
                .iter()
                .any(|d| d.id.as_deref() == Some(s.as_str()))
        };
        let strand = strand
            .filter(known)
            .or_else(|| document.strands.first().and_then(|s| s.id.clone()))
            .unwrap_or_default();
        let empty = ElementDoc {
            id: None,
            code: String::new(),
            title: String::new(),
            summary: String::new(),
            description: String::new(),
            descriptors: Vec::new(),
        };
        (empty, strand)
    })
}

/// What the form's fields need besides their own words: the saved previews and the latest
/// attempt's messages, by field name.
#[derive(Clone)]
struct Shown {
    previews: Arc<Vec<(String, String)>>,
    error: Option<AppError>,
}

impl Shown {
    fn preview(&self, field: &str) -> Option<String> {
        self.previews
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, html)| html.clone())
    }

    fn message(&self, field: &str) -> Option<String> {
        field_message(self.error.as_ref(), field)
    }
}

#[component]
pub(super) fn ElementForm(
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
    let (el, strand_id) = element_and_strand(&document, element.as_deref(), strand);
    let heading = if element.is_some() {
        format!("Edit {} {}", el.code, el.title)
    } else {
        "Add an element".to_owned()
    };
    let shown = Shown {
        previews: Arc::new(previews),
        error: error.clone(),
    };
    let draft = format!("{}#strands", version_path(v));
    let strands: Vec<(String, String)> = document
        .strands
        .iter()
        .map(|s| (s.id.clone().unwrap_or_default(), s.name.clone()))
        .collect();
    let descriptors = Arc::new(el.descriptors.clone());
    view! {
        <Title text=heading.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=HOME>"Manage the framework"</a>
            " › "
            <a href=draft.clone()>{version.name.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        <SavedNotice />
        {error.map(|error| view! { <ErrorSummary error /> })}
        <form method="post" action=SaveElement::PATH class="form" novalidate>
            <input type="hidden" name="version" value=v.to_string() />
            <input type="hidden" name="id" value=element.unwrap_or_default() />
            <StrandSelect strands chosen=strand_id />
            <Words el=el.clone() shown=shown.clone() />

            <h2>"Descriptors"</h2>
            <p class="muted">
                "What this element looks like at each level. Every level needs a descriptor for everyone before the version can be published; tailored wording for a role category is optional and replaces it for those staff."
            </p>
            {document
                .levels
                .into_iter()
                .enumerate()
                .map(|(i, level)| {
                    view! {
                        <LevelDescriptors
                            rank=rank_at(i)
                            level
                            descriptors=descriptors.clone()
                            shown=shown.clone()
                        />
                    }
                })
                .collect_view()}
            <div class="actions">
                <button type="submit" class="button">
                    "Save element"
                </button>
                <a class="button button--quiet" href=draft>
                    "Back to the draft"
                </a>
            </div>
        </form>
    }
}

/// Which strand the element belongs to.
#[component]
fn StrandSelect(strands: Vec<(String, String)>, chosen: String) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field__label" for="strand">
                "Strand"
            </label>
            <select class="select" id="strand" name="element[strand]">
                {strands
                    .into_iter()
                    .map(|(id, name)| {
                        let selected = id == chosen;
                        view! {
                            <option value=id selected=selected>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The element's code, title, one-line summary and description.
#[component]
fn Words(el: ElementDoc, shown: Shown) -> impl IntoView {
    let message = |field: &str| Signal::stored(shown.message(field));
    let invalid = |field: &str| shown.message(field).is_some().then_some("true");
    let (code_invalid, title_invalid, summary_invalid) =
        (invalid("code"), invalid("title"), invalid("summary"));
    view! {
        <Field
            id="code"
            label="Code"
            hint="One to three capital letters and a number, like A1 or S12. Unique in this version."
            message=message("code")
        >
            <input
                class="input input--wide"
                type="text"
                id="code"
                name="element[code]"
                value=el.code
                maxlength="6"
                aria-invalid=code_invalid
                aria-describedby="code-hint"
            />
        </Field>
        <Field id="title" label="Title" message=message("title")>
            <input
                class="input input--wide"
                type="text"
                id="title"
                name="element[title]"
                value=el.title
                maxlength="120"
                aria-invalid=title_invalid
            />
        </Field>
        <Field
            id="summary"
            label="One-line summary"
            hint="Shown with the title wherever the element is listed."
            message=message("summary")
        >
            <input
                class="input input--wide"
                type="text"
                id="summary"
                name="element[summary]"
                value=el.summary
                maxlength="300"
                aria-invalid=summary_invalid
                aria-describedby="summary-hint"
            />
        </Field>
        <MarkdownField
            id="description".to_owned()
            name="element[description]".to_owned()
            label="Description".to_owned()
            hint="Markdown. What this element is about and why it matters.".to_owned()
            value=el.description
            saved_html=shown.preview("description")
            error=shown.message("description")
            rows=5
        />
    }
}

/// A level's descriptor for everyone, and the wording tailored to each role category (folded
/// away unless some is written).
#[component]
fn LevelDescriptors(
    rank: u32,
    level: LevelDoc,
    descriptors: Arc<Vec<crate::domain::framework::DescriptorDoc>>,
    shown: Shown,
) -> impl IntoView {
    let general_field = descriptor_field(rank, None);
    let general = descriptor_for(&descriptors, rank, None)
        .map(|d| d.body.clone())
        .unwrap_or_default();
    let has_tailored = descriptors
        .iter()
        .any(|d| d.level == rank && d.role_category.is_some());
    let tailored = RoleCategory::ALL
        .iter()
        .map(|c| {
            let field = descriptor_field(rank, Some(*c));
            let body = descriptors
                .iter()
                .find(|d| d.level == rank && d.role_category == Some(*c))
                .map(|d| d.body.clone())
                .unwrap_or_default();
            view! {
                <MarkdownField
                    id=field.clone()
                    name=format!("element[descriptors][{field}]")
                    label=format!("For {}", c.label())
                    hint="Leave empty to use the wording for everyone.".to_owned()
                    value=body
                    saved_html=shown.preview(&field)
                    error=shown.message(&field)
                    rows=3
                />
            }
        })
        .collect_view();
    view! {
        <fieldset class="fieldset level-descriptors">
            <legend>{format!("Level {rank}: {}", level.name)}</legend>
            <MarkdownField
                id=general_field.clone()
                name=format!("element[descriptors][{general_field}]")
                label="For everyone".to_owned()
                hint=String::new()
                value=general
                saved_html=shown.preview(&general_field)
                error=shown.message(&general_field)
                rows=4
            />
            <details class="tailored" open=has_tailored>
                <summary>{format!("Tailored wording at {}", level.name)}</summary>
                {tailored}
            </details>
        </fieldset>
    }
}
