//! What a version changes from the published one.

use super::{HOME, version_path};
use crate::domain::VersionId;
use crate::error::AppError;
use crate::model::VersionChanges;
use crate::ui::components::Loaded;
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;

#[server(prefix = "/api", endpoint = "framework_changes")]
pub async fn get_changes(version: VersionId) -> Result<VersionChanges, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::changes(&db, &user, version, chrono::Utc::now()).await
}

#[component]
pub fn ChangesPage() -> impl IntoView {
    let id = crate::ui::pages::id_param::<VersionId>("id");
    let changes = Resource::new_blocking(id, |id| crate::ui::pages::load_id(id, get_changes));
    view! {
        <Title text="What changed" />
        {with_user(move |_| {
            view! { <Loaded resource=changes view=move |changes| view! { <Changes changes /> } /> }
        })}
    }
}

#[component]
fn Changes(changes: VersionChanges) -> impl IntoView {
    let VersionChanges {
        version,
        against,
        groups,
    } = changes;
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=HOME>"Manage the framework"</a>
            " › "
            <a href=version_path(version.id)>{version.name.clone()}</a>
        </nav>
        <h1>"What changed"</h1>
        {match against {
            None => {
                view! {
                    <p class="lead">
                        "There is no other published version to compare this one with."
                    </p>
                }
                    .into_any()
            }
            Some(published) if groups.is_empty() => {
                view! {
                    <p class="lead">{format!("{} is the same as {published}.", version.name)}</p>
                }
                    .into_any()
            }
            Some(published) => {
                view! {
                    <p class="lead">
                        {format!("How {} differs from the published {published}.", version.name)}
                    </p>
                    {groups
                        .into_iter()
                        .map(|g| {
                            view! {
                                <section
                                    class="changes"
                                    aria-labelledby=format!("changes-{}", g.heading.to_lowercase())
                                >
                                    <h2 id=format!(
                                        "changes-{}",
                                        g.heading.to_lowercase(),
                                    )>{g.heading.clone()}</h2>
                                    <ul class="change-list">
                                        {g
                                            .changes
                                            .into_iter()
                                            .map(|c| {
                                                view! {
                                                    <li class="change">
                                                        <span class=format!(
                                                            "tag change__kind change__kind--{}",
                                                            c.kind.label().to_lowercase(),
                                                        )>{c.kind.label()}</span>
                                                        " "
                                                        <strong>{c.subject}</strong>
                                                        {(!c.details.is_empty())
                                                            .then(|| {
                                                                view! {
                                                                    <ul class="change__details">
                                                                        {c
                                                                            .details
                                                                            .into_iter()
                                                                            .map(|d| view! { <li>{d}</li> })
                                                                            .collect_view()}
                                                                    </ul>
                                                                }
                                                            })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </section>
                            }
                        })
                        .collect_view()}
                }
                    .into_any()
            }
        }}
    }
}
