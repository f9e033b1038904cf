//! One version's page: for a draft, everything about it can be changed here or from here;
//! published and retired versions are shown as the record they are.

use super::edits::{MoveItem, RemoveItem, SaveDetails, SaveLevel, SaveStrand};
use super::versions::{DeleteDraft, PublishVersion, SetConsultation};
use super::{HOME, SavedNotice, StatusTag, version_path};
use crate::domain::VersionId;
use crate::domain::framework::{FrameworkDocument, VersionStatus};
use crate::error::AppError;
use crate::model::DraftEditor;
use crate::ui::components::{ErrorSummary, Loaded, field_message};
use crate::ui::pages::consultation::FeedbackReceived;
use crate::ui::pages::{id_param, load_id, with_user};
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

#[server(prefix = "/api", endpoint = "framework_editor")]
pub async fn get_editor(version: VersionId) -> Result<DraftEditor, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::editor(&db, &user, version, chrono::Utc::now()).await
}

#[component]
pub fn EditorPage() -> impl IntoView {
    let id = id_param::<VersionId>("id");
    let editor = Resource::new_blocking(id, |id| load_id(id, get_editor));
    // Every form on the page; whichever failed (without JavaScript, via the address) says so.
    let details = ServerAction::<SaveDetails>::new();
    let level = ServerAction::<SaveLevel>::new();
    let strand = ServerAction::<SaveStrand>::new();
    let remove = ServerAction::<RemoveItem>::new();
    let moved = ServerAction::<MoveItem>::new();
    let publish = ServerAction::<PublishVersion>::new();
    let consultation = ServerAction::<SetConsultation>::new();
    let delete = ServerAction::<DeleteDraft>::new();
    view! {
        <Title text="Framework version" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=editor
                    view=move |editor| {
                        let error = [
                            details.value().get_untracked(),
                            level.value().get_untracked(),
                            strand.value().get_untracked(),
                            remove.value().get_untracked(),
                            moved.value().get_untracked(),
                            publish.value().get_untracked(),
                            consultation.value().get_untracked(),
                            delete.value().get_untracked(),
                        ]
                            .into_iter()
                            .flatten()
                            .find_map(Result::err);
                        view! { <Editor editor error /> }.into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn Editor(editor: DraftEditor, error: Option<AppError>) -> impl IntoView {
    let DraftEditor {
        version,
        document,
        description_html,
        publish_problems,
        changes,
        feedback,
        feedback_groups,
    } = editor;
    let v = version.id;
    let editable = version.status == VersionStatus::Draft;
    let error_ref = error.clone();
    let strand_count = document.strands.len();
    view! {
        <Title text=version.name.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=HOME>"Manage the framework"</a>
        </nav>
        <h1>{version.name.clone()}" "<StatusTag status=version.status /></h1>
        <p class="lead">
            {match version.status {
                VersionStatus::Draft => {
                    format!(
                        "A draft, started {}. Staff cannot see it unless you open it for consultation.",
                        version.created,
                    )
                }
                VersionStatus::Published => {
                    format!(
                        "The version everyone reads, published {}.",
                        version.published.clone().unwrap_or_default(),
                    )
                }
                VersionStatus::Retired => {
                    format!(
                        "Retired {}. Evidence recorded against it keeps its meaning.",
                        version.retired.clone().unwrap_or_default(),
                    )
                }
            }}
        </p>
        <SavedNotice />
        {error.map(|error| view! { <ErrorSummary error /> })}
        <p class="downloads">
            <a href=format!("/framework.json?version={v}") download>
                "Download as JSON"
            </a>
            <a href=format!("/framework.case.json?version={v}") download>
                "Download as a CASE 1.1 package"
            </a>
            {(version.status != VersionStatus::Published)
                .then(|| {
                    view! {
                        <a href=format!(
                            "{}/changes",
                            version_path(v),
                        )>
                            {match changes {
                                0 => "No changes from the published version".to_owned(),
                                1 => "See the 1 change from the published version".to_owned(),
                                n => format!("See the {n} changes from the published version"),
                            }}
                        </a>
                    }
                })}
        </p>

        {editable
            .then(|| {
                let problems = publish_problems.clone();
                let closes_error = field_message(error_ref.as_ref(), "closes");
                view! {
                    <section class="panel" id="publish" aria-labelledby="publish-heading">
                        <h2 id="publish-heading">"Publish"</h2>
                        {if problems.is_empty() {
                            view! {
                                <p>
                                    "This draft is complete. Publishing makes it the framework everyone reads and retires the current version."
                                </p>
                                <form method="post" action=PublishVersion::PATH class="inline-form">
                                    <input type="hidden" name="version" value=v.to_string() />
                                    <button type="submit" class="button">
                                        "Publish this version"
                                    </button>
                                </form>
                            }
                                .into_any()
                        } else {
                            let count = problems.len();
                            view! {
                                <p>
                                    {format!(
                                        "This draft cannot be published until {} {} put right:",
                                        count,
                                        if count == 1 { "thing is" } else { "things are" },
                                    )}
                                </p>
                                <ul class="problem-list">
                                    {problems
                                        .into_iter()
                                        .map(|p| view! { <li>{p}</li> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }}
                    </section>

                    <section class="panel" id="consultation" aria-labelledby="consultation-heading">
                        <h2 id="consultation-heading">"Staff consultation"</h2>
                        <p>
                            {match (
                                version.consultation_open,
                                version.consultation_closes.clone(),
                            ) {
                                (true, Some(date)) => {
                                    format!(
                                        "Open until the end of {date}. Staff see a notice and can send feedback on any element or the whole.",
                                    )
                                }
                                (false, Some(date)) => format!("The consultation closed on {date}."),
                                _ => {
                                    "Not open. While it is open, every member of staff can read this draft and send feedback."
                                        .to_owned()
                                }
                            }} " "
                            {format!(
                                "{feedback} {} so far.",
                                if feedback == 1 { "response" } else { "responses" },
                            )}
                            {(feedback > 0)
                                .then(|| {
                                    view! {
                                        " "
                                        <a href="#received-heading">"Read the feedback"</a>
                                    }
                                })}
                        </p>
                        <form method="post" action=SetConsultation::PATH class="form" novalidate>
                            <input type="hidden" name="version" value=v.to_string() />
                            <div class="field" class=("field--error", closes_error.is_some())>
                                <label class="field__label" for="closes">
                                    "Closing date"
                                </label>
                                <p class="field__hint" id="closes-hint">
                                    "Feedback is accepted until the end of this day."
                                </p>
                                {closes_error
                                    .clone()
                                    .map(|m| {
                                        view! {
                                            <p class="field__error" id="closes-error">
                                                <span class="visually-hidden">"Error: "</span>
                                                {m}
                                            </p>
                                        }
                                    })}
                                <input
                                    class="input input--date"
                                    type="date"
                                    id="closes"
                                    name="closes"
                                    value=version
                                        .consultation_closes_input
                                        .clone()
                                        .filter(|_| version.consultation_open)
                                    aria-invalid=closes_error.is_some().then_some("true")
                                    aria-describedby=if closes_error.is_some() {
                                        "closes-hint closes-error"
                                    } else {
                                        "closes-hint"
                                    }
                                />
                            </div>
                            <div class="actions">
                                <button type="submit" class="button button--secondary">
                                    {if version.consultation_open {
                                        "Change the closing date"
                                    } else {
                                        "Open for consultation"
                                    }}
                                </button>
                                {version
                                    .consultation_open
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
                    .into_any()
            })}

        {view! {
            <Details
                version=v
                editable
                document=document.clone()
                description_html
                error=error_ref.clone()
            />
        }
            .into_any()}
        {view! { <Levels version=v editable document=document.clone() error=error_ref.clone() /> }
            .into_any()}
        {view! {
            <Strands
                version=v
                editable
                document=document.clone()
                error=error_ref.clone()
                strand_count
            />
        }
            .into_any()}
        {view! { <Pathways version=v editable document /> }.into_any()}

        {(!feedback_groups.is_empty())
            .then(|| view! { <FeedbackReceived groups=feedback_groups /> }.into_any())}

        {editable
            .then(|| {
                view! {
                    <section class="panel panel--danger" aria-labelledby="delete-heading">
                        <h2 id="delete-heading">"Delete this draft"</h2>
                        <details class="confirm">
                            <summary>"Delete this draft…"</summary>
                            <p>
                                "The draft, its changes and any consultation feedback on it are deleted for good. The published framework is not affected."
                            </p>
                            <form method="post" action=DeleteDraft::PATH class="inline-form">
                                <input type="hidden" name="version" value=v.to_string() />
                                <button type="submit" class="button button--danger">
                                    "Yes, delete this draft"
                                </button>
                            </form>
                        </details>
                    </section>
                }
                    .into_any()
            })}
    }
}

/// Hidden fields and a pair of buttons that move an item up or down its list.
#[component]
fn MoveButtons(
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
fn RemoveButton(
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

#[component]
fn Details(
    version: VersionId,
    editable: bool,
    document: FrameworkDocument,
    description_html: String,
    error: Option<AppError>,
) -> impl IntoView {
    let name_error = field_message(error.as_ref(), "name");
    let description_error = field_message(error.as_ref(), "description");
    view! {
        <section id="details" aria-labelledby="details-heading">
            <h2 id="details-heading">"Name and introduction"</h2>
            {if editable {
                view! {
                    <form method="post" action=SaveDetails::PATH class="form panel" novalidate>
                        <input type="hidden" name="version" value=version.to_string() />
                        <div class="field" class=("field--error", name_error.is_some())>
                            <label class="field__label" for="name">
                                "Name"
                            </label>
                            {name_error
                                .clone()
                                .map(|m| {
                                    view! {
                                        <p class="field__error" id="name-error">
                                            <span class="visually-hidden">"Error: "</span>
                                            {m}
                                        </p>
                                    }
                                })}
                            <input
                                class="input"
                                type="text"
                                id="name"
                                name="name"
                                value=document.name.clone()
                                maxlength="240"
                                aria-invalid=name_error.is_some().then_some("true")
                            />
                        </div>
                        <div class="field" class=("field--error", description_error.is_some())>
                            <label class="field__label" for="description">
                                "Introduction"
                            </label>
                            <p class="field__hint">
                                "Markdown. Shown to staff above the framework."
                            </p>
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
                            <textarea class="textarea" id="description" name="description" rows="4">
                                {document.description.clone()}
                            </textarea>
                        </div>
                        <button type="submit" class="button button--secondary">
                            "Save name and introduction"
                        </button>
                    </form>
                }
                    .into_any()
            } else {
                view! { <div class="prose" inner_html=description_html></div> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Levels(
    version: VersionId,
    editable: bool,
    document: FrameworkDocument,
    error: Option<AppError>,
) -> impl IntoView {
    let count = document.levels.len();
    view! {
        <section id="levels" aria-labelledby="levels-heading">
            <h2 id="levels-heading">"Levels"</h2>
            <p class="muted">
                "In order, from the first step to the widest reach. Every element needs a descriptor at every level."
            </p>
            <ol class="edit-list">
                {document
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let id = l.id.clone().unwrap_or_default();
                        let label = format!("level {}", l.name);
                        view! {
                            <li class="edit-list__item" id=format!("level-{id}")>
                                <p class="edit-list__text">
                                    <strong>{l.name.clone()}</strong>
                                    " — "
                                    {l.description.clone()}
                                </p>
                                {if editable {
                                    let has_error = error
                                        .as_ref()
                                        .is_some_and(|e| {
                                            e.field_errors()
                                                .iter()
                                                .any(|f| f.field.starts_with(&format!("level-{id}-")))
                                        });
                                    view! {
                                        <details class="add" open=has_error>
                                            <summary>
                                                "Edit"
                                                <span class="visually-hidden">{format!(" {label}")}</span>
                                            </summary>
                                            <NameForm
                                                version
                                                action=SaveLevel::PATH
                                                kind="level"
                                                id=id.clone()
                                                name=l.name.clone()
                                                description=l.description.clone()
                                                submit=format!("Save level {}", i + 1)
                                                error=error.clone()
                                            />
                                        </details>
                                        <div class="edit-list__tools">
                                            <MoveButtons
                                                version
                                                kind="level"
                                                id=id.clone()
                                                label=label.clone()
                                                first=i == 0
                                                last=i + 1 == count
                                            />
                                            {(count > 1)
                                                .then(|| {
                                                    view! {
                                                        <RemoveButton
                                                            version
                                                            kind="level"
                                                            id=id.clone()
                                                            label=label.clone()
                                                            warning="Every descriptor at this level, and every pathway target set at it, is removed with it."
                                                                .to_owned()
                                                        />
                                                    }
                                                })}
                                        </div>
                                    }
                                        .into_any()
                                } else {
                                    ().into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {editable
                .then(|| {
                    view! {
                        <details
                            class="add"
                            open=error
                                .as_ref()
                                .is_some_and(|e| {
                                    e.field_errors()
                                        .iter()
                                        .any(|f| f.field.starts_with("level-new-"))
                                })
                        >
                            <summary>"Add a level"</summary>
                            <NameForm
                                version
                                action=SaveLevel::PATH
                                kind="level"
                                id=String::new()
                                name=String::new()
                                description=String::new()
                                submit="Add level".to_owned()
                                error=error.clone()
                            />
                        </details>
                    }
                })}
        </section>
    }
}

#[component]
fn Strands(
    version: VersionId,
    editable: bool,
    document: FrameworkDocument,
    error: Option<AppError>,
    strand_count: usize,
) -> impl IntoView {
    let levels = document.levels.len();
    view! {
        <section id="strands" aria-labelledby="strands-heading">
            <h2 id="strands-heading">"Strands and elements"</h2>
            {document
                .strands
                .iter()
                .enumerate()
                .map(|(s, strand)| {
                    let id = strand.id.clone().unwrap_or_default();
                    let element_count = strand.elements.len();
                    let strand_label = format!("strand {}", strand.name);
                    view! {
                        <section
                            class="panel strand-editor"
                            id=format!("strand-{id}")
                            aria-labelledby=format!("strand-{id}-heading")
                        >
                            <h3 id=format!("strand-{id}-heading")>{strand.name.clone()}</h3>
                            {editable
                                .then(|| {
                                    view! {
                                        <details
                                            class="add"
                                            open=error
                                                .as_ref()
                                                .is_some_and(|e| {
                                                    e.field_errors()
                                                        .iter()
                                                        .any(|f| f.field.starts_with(&format!("strand-{id}-")))
                                                })
                                        >
                                            <summary>
                                                "Rename or describe"
                                                <span class="visually-hidden">
                                                    {format!(" {}", strand.name)}
                                                </span>
                                            </summary>
                                            <NameForm
                                                version
                                                action=SaveStrand::PATH
                                                kind="strand"
                                                id=id.clone()
                                                name=strand.name.clone()
                                                description=strand.description.clone()
                                                submit=format!("Save {}", strand.name)
                                                error=error.clone()
                                            />
                                        </details>
                                        <div class="edit-list__tools">
                                            <MoveButtons
                                                version
                                                kind="strand"
                                                id=id.clone()
                                                label=strand_label.clone()
                                                first=s == 0
                                                last=s + 1 == strand_count
                                            />
                                            {(element_count == 0 && strand_count > 1)
                                                .then(|| {
                                                    view! {
                                                        <RemoveButton
                                                            version
                                                            kind="strand"
                                                            id=id.clone()
                                                            label=strand_label.clone()
                                                            warning="The strand has no elements, so nothing else changes."
                                                                .to_owned()
                                                        />
                                                    }
                                                })}
                                        </div>
                                    }
                                })}
                            {if strand.elements.is_empty() {
                                view! { <p class="muted">"No elements in this strand yet."</p> }
                                    .into_any()
                            } else {
                                view! {
                                    <div class="table-wrap">
                                        <table class="table">
                                            <caption class="visually-hidden">
                                                {format!("Elements of {}", strand.name)}
                                            </caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">"Code"</th>
                                                    <th scope="col">"Element"</th>
                                                    <th scope="col">"Descriptors"</th>
                                                    {editable
                                                        .then(|| {
                                                            view! {
                                                                <th scope="col">
                                                                    <span class="visually-hidden">"Actions"</span>
                                                                </th>
                                                            }
                                                        })}
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {strand
                                                    .elements
                                                    .iter()
                                                    .enumerate()
                                                    .map(|(e, element)| {
                                                        let eid = element.id.clone().unwrap_or_default();
                                                        let general = (1..=u32::try_from(levels)
                                                            .unwrap_or(u32::MAX))
                                                            .filter(|l| {
                                                                element
                                                                    .descriptors
                                                                    .iter()
                                                                    .any(|d| d.level == *l && d.role_category.is_none())
                                                            })
                                                            .count();
                                                        let tailored = element
                                                            .descriptors
                                                            .iter()
                                                            .filter(|d| d.role_category.is_some())
                                                            .count();
                                                        let label = format!("{} {}", element.code, element.title);
                                                        view! {
                                                            <tr id=format!("element-{eid}")>
                                                                <td>
                                                                    <span class="code">{element.code.clone()}</span>
                                                                </td>
                                                                <td>
                                                                    {if editable {
                                                                        view! {
                                                                            <a href=format!(
                                                                                "{}/elements/{eid}",
                                                                                version_path(version),
                                                                            )>{element.title.clone()}</a>
                                                                        }
                                                                            .into_any()
                                                                    } else {
                                                                        view! { <span>{element.title.clone()}</span> }.into_any()
                                                                    }}
                                                                    <span class="table__secondary">
                                                                        {element.summary.clone()}
                                                                    </span>
                                                                </td>
                                                                <td class:incomplete=general
                                                                    < levels>
                                                                    {format!("{general} of {levels} levels")}
                                                                    {(tailored > 0)
                                                                        .then(|| {
                                                                            view! {
                                                                                <span class="table__secondary">
                                                                                    {format!("{tailored} tailored")}
                                                                                </span>
                                                                            }
                                                                        })}
                                                                </td>
                                                                {editable
                                                                    .then(|| {
                                                                        view! {
                                                                            <td class="edit-list__tools">
                                                                                <MoveButtons
                                                                                    version
                                                                                    kind="element"
                                                                                    id=eid.clone()
                                                                                    label=label.clone()
                                                                                    first=e == 0
                                                                                    last=e + 1 == element_count
                                                                                />
                                                                                <RemoveButton
                                                                                    version
                                                                                    kind="element"
                                                                                    id=eid.clone()
                                                                                    label=label.clone()
                                                                                    warning="Its descriptors and pathway targets go with it. Consultation feedback about it is kept."
                                                                                        .to_owned()
                                                                                />
                                                                            </td>
                                                                        }
                                                                    })}
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            }}
                            {editable
                                .then(|| {
                                    view! {
                                        <p>
                                            <a
                                                class="button button--secondary button--small"
                                                href=format!(
                                                    "{}/elements/new?strand={id}",
                                                    version_path(version),
                                                )
                                            >
                                                {format!("Add an element to {}", strand.name)}
                                            </a>
                                        </p>
                                    }
                                })}
                        </section>
                    }
                })
                .collect_view()}
            {editable
                .then(|| {
                    view! {
                        <details
                            class="add"
                            open=error
                                .as_ref()
                                .is_some_and(|e| {
                                    e.field_errors()
                                        .iter()
                                        .any(|f| f.field.starts_with("strand-new-"))
                                })
                        >
                            <summary>"Add a strand"</summary>
                            <NameForm
                                version
                                action=SaveStrand::PATH
                                kind="strand"
                                id=String::new()
                                name=String::new()
                                description=String::new()
                                submit="Add strand".to_owned()
                                error=error.clone()
                            />
                        </details>
                    }
                })}
        </section>
    }
}

#[component]
fn Pathways(version: VersionId, editable: bool, document: FrameworkDocument) -> impl IntoView {
    let count = document.pathways.len();
    view! {
        <section id="pathways" aria-labelledby="pathways-heading">
            <h2 id="pathways-heading">"Pathways"</h2>
            {if document.pathways.is_empty() {
                view! { <p class="muted">"No pathways yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="edit-list">
                        {document
                            .pathways
                            .iter()
                            .enumerate()
                            .map(|(i, p)| {
                                let id = p.id.clone().unwrap_or_default();
                                let label = format!("pathway {}", p.name);
                                view! {
                                    <li
                                        class="edit-list__item edit-list__item--row"
                                        id=format!("pathway-{id}")
                                    >
                                        <span>
                                            {if editable {
                                                view! {
                                                    <a href=format!(
                                                        "{}/pathways/{id}",
                                                        version_path(version),
                                                    )>{p.name.clone()}</a>
                                                }
                                                    .into_any()
                                            } else {
                                                view! { <strong>{p.name.clone()}</strong> }.into_any()
                                            }}
                                            <span class="table__secondary">
                                                {format!("{} targets", p.targets.len())}
                                            </span>
                                        </span>
                                        {editable
                                            .then(|| {
                                                view! {
                                                    <span class="edit-list__tools">
                                                        <MoveButtons
                                                            version
                                                            kind="pathway"
                                                            id=id.clone()
                                                            label=label.clone()
                                                            first=i == 0
                                                            last=i + 1 == count
                                                        />
                                                        <RemoveButton
                                                            version
                                                            kind="pathway"
                                                            id=id.clone()
                                                            label=label.clone()
                                                            warning="People following it stop following it when this version is published."
                                                                .to_owned()
                                                        />
                                                    </span>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {editable
                .then(|| {
                    view! {
                        <p>
                            <a
                                class="button button--secondary button--small"
                                href=format!("{}/pathways/new", version_path(version))
                            >
                                "Add a pathway"
                            </a>
                        </p>
                    }
                })}
        </section>
    }
}
