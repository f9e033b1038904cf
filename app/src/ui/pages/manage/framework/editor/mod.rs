//! One version's page: for a draft, everything about it can be changed here or from here;
//! published and retired versions are shown as the record they are.

use super::edits::{MoveItem, RemoveItem, SaveDetails, SaveLevel, SaveStrand};
use super::versions::{DeleteDraft, PublishVersion, SetConsultation};
use super::{HOME, SavedNotice, StatusTag, version_path};
use crate::domain::VersionId;
use crate::domain::framework::VersionStatus;
use crate::error::AppError;
use crate::model::{DraftEditor, VersionInfo};
use crate::ui::components::{ErrorSummary, Loaded};
use crate::ui::pages::consultation::FeedbackReceived;
use crate::ui::pages::{id_param, load_id, with_user};
use leptos::prelude::*;
use leptos_meta::Title;

mod controls;
mod details;
mod levels;
mod pathways;
mod publishing;
mod strands;

use details::Details;
use levels::Levels;
use pathways::Pathways;
use publishing::{Consultation, DeleteSection, Publish};
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

/// What a version is, in a sentence under its name.
fn standing(version: &VersionInfo) -> String {
    match version.status {
        VersionStatus::Draft => format!(
            "A draft, started {}. Staff cannot see it unless you open it for consultation.",
            version.created,
        ),
        VersionStatus::Published => format!(
            "The version everyone reads, published {}.",
            version.published.clone().unwrap_or_default(),
        ),
        VersionStatus::Retired => format!(
            "Retired {}. Evidence recorded against it keeps its meaning.",
            version.retired.clone().unwrap_or_default(),
        ),
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
    let strand_count = document.strands.len();
    let changes_link = (version.status != VersionStatus::Published).then(|| {
        let text = match changes {
            0 => "No changes from the published version".to_owned(),
            1 => "See the 1 change from the published version".to_owned(),
            n => format!("See the {n} changes from the published version"),
        };
        view! { <a href=format!("{}/changes", version_path(v))>{text}</a> }
    });
    let draft_panels = editable.then(|| {
        view! {
            <Publish version=v problems=publish_problems />
            <Consultation version=version.clone() feedback error=error.clone() />
        }
    });
    view! {
        <Title text=version.name.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=HOME>"Manage the framework"</a>
        </nav>
        <h1>{version.name.clone()}" "<StatusTag status=version.status /></h1>
        <p class="lead">{standing(&version)}</p>
        <SavedNotice />
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <p class="downloads">
            <a href=format!("/framework.json?version={v}") download>
                "Download as JSON"
            </a>
            <a href=format!("/framework.case.json?version={v}") download>
                "Download as a CASE 1.1 package"
            </a>
            {changes_link}
        </p>
        {draft_panels}
        <Details
            version=v
            editable
            document=document.clone()
            description_html
            error=error.clone()
        />
        <Levels version=v editable document=document.clone() error=error.clone() />
        <Strands version=v editable document=document.clone() error=error.clone() strand_count />
        <Pathways version=v editable document />
        {(!feedback_groups.is_empty())
            .then(|| view! { <FeedbackReceived groups=feedback_groups /> })}
        {editable.then(|| view! { <DeleteSection version=v /> })}
    }
}
