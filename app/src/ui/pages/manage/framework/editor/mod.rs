//! One version's page: for a draft, everything about it can be changed here or from here;
//! published and retired versions are shown as the record they are.

use super::edits::{MoveItem, RemoveItem, SaveDetails, SaveLevel, SaveStrand};
use super::versions::{DeleteDraft, PublishVersion, SetConsultation};
use super::{HOME, SavedNotice, StatusTag, version_path};
use crate::domain::VersionId;
use crate::domain::framework::VersionStatus;
use crate::error::AppError;
use crate::model::DraftEditor;
use crate::ui::components::{ErrorSummary, Loaded, field_message};
use crate::ui::pages::consultation::FeedbackReceived;
use crate::ui::pages::{id_param, load_id, with_user};
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

mod controls;
mod details;
mod levels;
mod pathways;
mod strands;

use details::Details;
use levels::Levels;
use pathways::Pathways;
use strands::Strands;

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
