//! The framework's versions: the list, starting a draft, publishing, consultation windows
//! and deleting a draft.

use super::{HOME, SavedNotice, StatusTag, version_path};
use crate::domain::VersionId;
use crate::domain::framework::VersionStatus;
use crate::error::AppError;
use crate::model::VersionInfo;
use crate::ui::components::{ErrorSummary, Loaded};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

#[server(prefix = "/api", endpoint = "framework_versions")]
pub async fn get_versions() -> Result<Vec<VersionInfo>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::versions(&db, &user, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "start_draft")]
pub async fn start_draft() -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let id = crate::db::framework::admin::start_draft(&db, &user, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("{}?saved=started", version_path(VersionId(id))));
    Ok(())
}

#[server(prefix = "/api", endpoint = "publish_framework")]
pub async fn publish_version(version: VersionId) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::publish(&db, &user, version, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("{}?saved=published", version_path(version)));
    Ok(())
}

/// Opens (or changes the closing date of) a consultation, or with `close` set, closes it.
#[server(prefix = "/api", endpoint = "framework_consultation")]
pub async fn set_consultation(
    version: VersionId,
    closes: Option<String>,
    close: Option<String>,
) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let closes = match (&close, &closes) {
        (Some(_), _) => None,
        (None, Some(date)) if !date.trim().is_empty() => Some(date.as_str()),
        (None, _) => return Err(AppError::field("closes", "Enter a closing date")),
    };
    crate::db::framework::admin::set_consultation(&db, &user, version, closes, chrono::Utc::now())
        .await?;
    let saved = if close.is_some() {
        "consultation-closed"
    } else {
        "consultation"
    };
    leptos_axum::redirect(&format!(
        "{}?saved={saved}#consultation",
        version_path(version)
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "delete_framework_draft")]
pub async fn delete_draft(version: VersionId) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::delete_draft(&db, &user, version).await?;
    leptos_axum::redirect(&format!("{HOME}?saved=deleted"));
    Ok(())
}

#[component]
pub fn ManageFrameworkPage() -> impl IntoView {
    let versions = Resource::new_blocking(|| (), |_| get_versions());
    let start = ServerAction::<StartDraft>::new();
    view! {
        <Title text="Manage the framework" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=versions
                    view=move |list| {
                        let error = start.value().get_untracked().and_then(Result::err);
                        view! { <Versions list error /> }.into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn Versions(list: Vec<VersionInfo>, error: Option<AppError>) -> impl IntoView {
    let drafts = list
        .iter()
        .filter(|v| v.status == VersionStatus::Draft)
        .count();
    view! {
        <h1>"Manage the framework"</h1>
        <p class="lead">
            "Change the framework in a draft, consult staff on it, then publish it. Published versions are never changed, so evidence recorded against them keeps its meaning."
        </p>
        <SavedNotice />
        {error.map(|error| view! { <ErrorSummary error /> })}
        <div class="actions">
            <form method="post" action=StartDraft::PATH class="inline-form">
                <button type="submit" class="button">
                    "Start a new draft"
                </button>
            </form>
            <a class="button button--secondary" href=format!("{HOME}/import")>
                "Import a framework"
            </a>
        </div>
        {(drafts > 0)
            .then(|| {
                view! {
                    <p class="muted">
                        {if drafts == 1 {
                            "There is a draft in progress below.".to_owned()
                        } else {
                            format!("There are {drafts} drafts in progress below.")
                        }}
                    </p>
                }
            })}
        <h2>"Versions"</h2>
        {if list.is_empty() {
            view! { <p>"There are no versions yet. Start a draft or import a framework."</p> }
                .into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">
                            "Framework versions, newest first"
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">"Version"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Created"</th>
                                <th scope="col">"Published"</th>
                                <th scope="col">"Consultation"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|v| {
                                    let consultation = match (
                                        v.consultation_open,
                                        v.consultation_closes.clone(),
                                    ) {
                                        (true, Some(date)) => format!("Open until {date}"),
                                        (false, Some(date)) => format!("Closed {date}"),
                                        _ => "—".to_owned(),
                                    };
                                    view! {
                                        <tr>
                                            <td>
                                                <a href=version_path(v.id)>{v.name.clone()}</a>
                                            </td>
                                            <td>
                                                <StatusTag status=v.status />
                                            </td>
                                            <td>{v.created.clone()}</td>
                                            <td>
                                                {v.published.clone().unwrap_or_else(|| "—".to_owned())}
                                            </td>
                                            <td>{consultation}</td>
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
    }
}
