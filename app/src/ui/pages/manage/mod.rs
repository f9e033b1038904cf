//! Administering the framework: the list of versions, importing, and (in the submodules) the
//! draft editor, the element and pathway editors and the changes page. Every form posts to a
//! server function, so all of it works before the WebAssembly loads.

pub mod editor;
pub mod element;
pub mod evidence_settings;
pub mod pathway;

use super::with_user;
#[cfg(feature = "ssr")]
use crate::domain::framework::TargetDoc;
use crate::domain::framework::VersionStatus;
#[cfg(feature = "ssr")]
use crate::domain::framework_edit::{Direction, Edit};
#[cfg(feature = "ssr")]
use crate::domain::{FieldError, RoleCategory};
use crate::error::AppError;
use crate::model::{VersionChanges, VersionInfo};
use crate::ui::components::{ErrorPage, ErrorSummary, url_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;
use server_fn::codec::{MultipartData, MultipartFormData};
use std::collections::HashMap;

/// Where the framework is administered.
pub const HOME: &str = "/manage/framework";

pub fn version_path(version: i64) -> String {
    format!("{HOME}/{version}")
}

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
    leptos_axum::redirect(&format!("{}?saved=started", version_path(id)));
    Ok(())
}

/// The largest framework file accepted for import.
#[cfg(feature = "ssr")]
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// Imports a framework file (the JSON that export writes) as a new draft.
#[server(prefix = "/api", endpoint = "import_framework", input = MultipartFormData)]
pub async fn import_framework(data: MultipartData) -> Result<(), AppError> {
    use crate::db::framework::{ImportError, import};
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::domain::authorize(&user.actor, crate::domain::Action::ManageFramework)?;
    let mut data = data.into_inner().ok_or(AppError::Internal)?;
    let mut bytes = Vec::new();
    while let Ok(Some(mut field)) = data.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        while let Ok(Some(chunk)) = field.chunk().await {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > MAX_IMPORT_BYTES {
                return Err(AppError::field(
                    "file",
                    "The file is larger than 5 MB, which is far bigger than any framework",
                ));
            }
        }
    }
    if bytes.is_empty() {
        return Err(AppError::field(
            "file",
            "Choose a framework file (.json) to import",
        ));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(AppError::field(
            "file",
            "The file is not a text file: choose a framework exported as JSON",
        ));
    };
    match import(&db, &user, &text, chrono::Utc::now()).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("{}?saved=imported", version_path(id)));
            Ok(())
        }
        Err(ImportError::Unreadable(why)) => Err(AppError::field(
            "file",
            format!("The file is not a framework export: {why}"),
        )),
        Err(ImportError::Invalid(problems)) => Err(AppError::Validation(
            problems
                .iter()
                .take(50)
                .map(|p| FieldError::new("file", p.to_string()))
                .collect(),
        )),
        Err(ImportError::App(err)) => Err(err),
    }
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
async fn apply(version: i64, edit: Edit) -> Result<Option<String>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::edit(&db, &user, version, edit).await
}

#[cfg(feature = "ssr")]
fn optional_id(id: String) -> Option<String> {
    Some(id.trim().to_owned()).filter(|id| !id.is_empty())
}

#[server(prefix = "/api", endpoint = "save_framework_details")]
pub async fn save_details(version: i64, name: String, description: String) -> Result<(), AppError> {
    apply(version, Edit::Details { name, description }).await?;
    leptos_axum::redirect(&format!("{}?saved=details#details", version_path(version)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_level")]
pub async fn save_level(
    version: i64,
    id: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    let prefix = format!("level-{}", if id.is_empty() { "new" } else { &id });
    let edit = Edit::SaveLevel {
        id: optional_id(id),
        name,
        description,
    };
    apply(version, edit)
        .await
        .map_err(|e| prefixed(e, &prefix))?;
    leptos_axum::redirect(&format!("{}?saved=levels#levels", version_path(version)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_strand")]
pub async fn save_strand(
    version: i64,
    id: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    let prefix = format!("strand-{}", if id.is_empty() { "new" } else { &id });
    let edit = Edit::SaveStrand {
        id: optional_id(id),
        name,
        description,
    };
    apply(version, edit)
        .await
        .map_err(|e| prefixed(e, &prefix))?;
    leptos_axum::redirect(&format!("{}?saved=strands#strands", version_path(version)));
    Ok(())
}

/// Saves an element; `descriptors` maps `descriptor-<level>-<all|category>` to Markdown.
#[server(prefix = "/api", endpoint = "save_element")]
#[allow(clippy::too_many_arguments)]
pub async fn save_element(
    version: i64,
    id: String,
    strand: String,
    code: String,
    title: String,
    summary: String,
    description: String,
    descriptors: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::domain::framework::DescriptorDoc;
    use crate::domain::framework_edit::ElementFields;
    let mut list = Vec::new();
    for (field, body) in descriptors.unwrap_or_default() {
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
        list.push(DescriptorDoc {
            level,
            role_category,
            body,
        });
    }
    let saved = apply(
        version,
        Edit::SaveElement {
            id: optional_id(id),
            fields: ElementFields {
                strand,
                code,
                title,
                summary,
                description,
                descriptors: list,
            },
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

/// Saves a pathway; `categories` holds the ticked role categories (`categories[leading]=on`),
/// `targets` maps element codes to a level rank (empty: not in the pathway).
#[server(prefix = "/api", endpoint = "save_pathway")]
pub async fn save_pathway(
    version: i64,
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

#[server(prefix = "/api", endpoint = "remove_framework_item")]
pub async fn remove_item(version: i64, kind: String, id: String) -> Result<(), AppError> {
    let kind = parse_kind(&kind)?;
    let edit = match kind {
        "level" => Edit::RemoveLevel { id },
        "strand" => Edit::RemoveStrand { id },
        "element" => Edit::RemoveElement { id },
        _ => Edit::RemovePathway { id },
    };
    apply(version, edit).await.map_err(unfielded)?;
    let section = if kind == "element" { "strands" } else { kind };
    leptos_axum::redirect(&format!(
        "{}?saved=removed#{section}s",
        version_path(version)
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "move_framework_item")]
pub async fn move_item(
    version: i64,
    kind: String,
    id: String,
    direction: String,
) -> Result<(), AppError> {
    let kind = parse_kind(&kind)?;
    let direction = match direction.as_str() {
        "up" => Direction::Up,
        "down" => Direction::Down,
        _ => return Err(AppError::NotFound),
    };
    let anchor = format!("{kind}-{id}");
    let edit = match kind {
        "level" => Edit::MoveLevel { id, direction },
        "strand" => Edit::MoveStrand { id, direction },
        "element" => Edit::MoveElement { id, direction },
        _ => Edit::MovePathway { id, direction },
    };
    apply(version, edit).await.map_err(unfielded)?;
    leptos_axum::redirect(&format!("{}#{anchor}", version_path(version)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "publish_framework")]
pub async fn publish_version(version: i64) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::publish(&db, &user, version, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("{}?saved=published", version_path(version)));
    Ok(())
}

/// Opens (or changes the closing date of) a consultation, or with `close` set, closes it.
#[server(prefix = "/api", endpoint = "framework_consultation")]
pub async fn set_consultation(
    version: i64,
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
pub async fn delete_draft(version: i64) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::delete_draft(&db, &user, version).await?;
    leptos_axum::redirect(&format!("{HOME}?saved=deleted"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "framework_changes")]
pub async fn get_changes(version: i64) -> Result<VersionChanges, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::admin::changes(&db, &user, version, chrono::Utc::now()).await
}

/// Renders Markdown exactly as staff will see it (the editors' live preview).
#[server(prefix = "/api", endpoint = "preview_markdown")]
pub async fn preview_markdown(text: String) -> Result<String, AppError> {
    let user = crate::request::user()?;
    crate::db::framework::admin::preview(&user, &text)
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

#[component]
pub fn ManageFrameworkPage() -> impl IntoView {
    let versions = Resource::new_blocking(|| (), |_| get_versions());
    let start = ServerAction::<StartDraft>::new();
    view! {
        <Title text="Manage the framework" />
        {with_user(move |_| view! {
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match versions.await {
                        Ok(list) => {
                            let error = start.value().get_untracked().and_then(Result::err);
                            view! { <Versions list error /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
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
            <form method="post" action="/api/start_draft" class="inline-form">
                <button type="submit" class="button">"Start a new draft"</button>
            </form>
            <a class="button button--secondary" href=format!("{HOME}/import")>"Import a framework"</a>
        </div>
        {(drafts > 0).then(|| view! {
            <p class="muted">
                {if drafts == 1 { "There is a draft in progress below.".to_owned() } else { format!("There are {drafts} drafts in progress below.") }}
            </p>
        })}
        <h2>"Versions"</h2>
        {if list.is_empty() {
            view! { <p>"There are no versions yet. Start a draft or import a framework."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">"Framework versions, newest first"</caption>
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
                            {list.into_iter().map(|v| {
                                let consultation = match (v.consultation_open, v.consultation_closes.clone()) {
                                    (true, Some(date)) => format!("Open until {date}"),
                                    (false, Some(date)) => format!("Closed {date}"),
                                    _ => "—".to_owned(),
                                };
                                view! {
                                    <tr>
                                        <td><a href=version_path(v.id)>{v.name.clone()}</a></td>
                                        <td><StatusTag status=v.status /></td>
                                        <td>{v.created.clone()}</td>
                                        <td>{v.published.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                        <td>{consultation}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <Title text="Import a framework" />
        {with_user(move |_| {
            let error = url_error::<AppError>(ImportFramework::PATH);
            let messages: Vec<String> = error
                .as_ref()
                .map(|e| match e.field_errors() {
                    [] => vec![e.to_string()],
                    fields => fields.iter().map(|f| f.message.clone()).collect(),
                })
                .unwrap_or_default();
            let has_error = !messages.is_empty();
            view! {
                <nav class="breadcrumbs" aria-label="Breadcrumbs">
                    <a href=HOME>"Manage the framework"</a>
                </nav>
                <h1>"Import a framework"</h1>
                <p class="lead">
                    "Upload a framework file exported from Waymark (the “Download as JSON” link). It becomes a new draft you can check, change and publish. A file with anything wrong in it is refused whole, with a list of where."
                </p>
                {has_error.then(|| view! {
                    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                        <h2 class="error-summary__title" id="error-summary-title">"The file could not be imported"</h2>
                        <ul class="error-summary__list">
                            {messages.iter().map(|m| view! { <li><a href="#file">{m.clone()}</a></li> }).collect_view()}
                        </ul>
                    </div>
                })}
                <form method="post" action="/api/import_framework" enctype="multipart/form-data" class="form panel">
                    <div class="field" class:field--error=has_error>
                        <label class="field__label" for="file">"Framework file"</label>
                        <p class="field__hint" id="file-hint">"A .json file of up to 5 MB."</p>
                        <input class="input" type="file" id="file" name="file" accept=".json,application/json"
                            aria-describedby="file-hint" aria-invalid=has_error.then_some("true") />
                    </div>
                    <button type="submit" class="button">"Import as a new draft"</button>
                </form>
            }
        })}
    }
}

/// What a draft changes from the published version.
#[component]
pub fn ChangesPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let changes = Resource::new_blocking(id, get_changes);
    view! {
        <Title text="What changed" />
        {with_user(move |_| view! {
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match changes.await {
                        Ok(changes) => view! { <Changes changes /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
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
            None => view! {
                <p class="lead">"There is no other published version to compare this one with."</p>
            }.into_any(),
            Some(published) if groups.is_empty() => view! {
                <p class="lead">{format!("{} is the same as {published}.", version.name)}</p>
            }.into_any(),
            Some(published) => view! {
                <p class="lead">{format!("How {} differs from the published {published}.", version.name)}</p>
                {groups.into_iter().map(|g| view! {
                    <section class="changes" aria-labelledby=format!("changes-{}", g.heading.to_lowercase())>
                        <h2 id=format!("changes-{}", g.heading.to_lowercase())>{g.heading.clone()}</h2>
                        <ul class="change-list">
                            {g.changes.into_iter().map(|c| view! {
                                <li class="change">
                                    <span class=format!("tag change__kind change__kind--{}", c.kind.label().to_lowercase())>{c.kind.label()}</span>
                                    " "<strong>{c.subject}</strong>
                                    {(!c.details.is_empty()).then(|| view! {
                                        <ul class="change__details">
                                            {c.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                                        </ul>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }).collect_view()}
            }.into_any(),
        }}
    }
}
