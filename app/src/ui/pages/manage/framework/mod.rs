//! Administering the framework: the list of versions, importing, the draft editor, the
//! element and pathway editors and the changes page. Every form posts to a server function,
//! so all of it works before the WebAssembly loads.

pub mod changes;
pub mod editor;
pub mod edits;
pub mod element;
pub mod import;
pub mod pathway;
pub mod versions;

#[cfg(feature = "ssr")]
use crate::domain::FieldError;
use crate::domain::VersionId;
use crate::domain::framework::VersionStatus;
#[cfg(feature = "ssr")]
use crate::domain::framework::edit::Edit;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where the framework is administered.
pub const HOME: &str = "/manage/framework";

pub fn version_path(version: VersionId) -> String {
    format!("{HOME}/{version}")
}

#[cfg(feature = "ssr")]
/// Which list an item belongs to, as the move and remove forms name it.
fn parse_kind(kind: &str) -> Result<&'static str, AppError> {
    ["level", "strand", "element", "pathway"]
        .into_iter()
        .find(|k| *k == kind)
        .ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
/// Field messages from an inline form, renamed to that form's fields (`level-<id>-name`).
fn prefixed(err: AppError, prefix: &str) -> AppError {
    match err {
        AppError::Validation(errors) => AppError::Validation(
            errors
                .into_iter()
                .map(|e| FieldError::new(&format!("{prefix}-{}", e.field), e.message))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(feature = "ssr")]
/// Messages that belong to no field shown on the page (refused removals).
fn unfielded(err: AppError) -> AppError {
    match err {
        AppError::Validation(errors) => AppError::Conflict(
            errors
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
                .join(". "),
        ),
        other => other,
    }
}

#[cfg(feature = "ssr")]
async fn apply(version: VersionId, edit: Edit) -> Result<Option<String>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::edit(&db, &user, version, edit).await
}

#[cfg(feature = "ssr")]
fn optional_id(id: String) -> Option<String> {
    Some(id.trim().to_owned()).filter(|id| !id.is_empty())
}

/// A version's status as a tag.
#[component]
pub fn StatusTag(status: VersionStatus) -> impl IntoView {
    let class = match status {
        VersionStatus::Published => "tag",
        VersionStatus::Draft => "tag tag--draft",
        VersionStatus::Retired => "tag tag--quiet",
    };
    view! { <span class=class>{status.label()}</span> }
}

/// The "your change was saved" banner, from the `saved` query parameter.
#[component]
pub fn SavedNotice() -> impl IntoView {
    let query = use_query_map();
    let message = query
        .with_untracked(|q| q.get("saved"))
        .map(|what| match what.as_str() {
            "started" => "Your new draft is ready. It is a copy of the published version.",
            "imported" => "The framework was imported as a new draft.",
            "published" => {
                "Published. Everyone now reads this version; the previous one is retired."
            }
            "consultation" => {
                "The consultation is open. Staff will see a notice on the framework page."
            }
            "consultation-closed" => "The consultation is closed.",
            "deleted" => "The draft was deleted.",
            "removed" => "Removed.",
            _ => "Your changes have been saved.",
        });
    message.map(|m| {
        view! {
            <div class="notice notice--success" role="status">
                <p>{m}</p>
            </div>
        }
    })
}
