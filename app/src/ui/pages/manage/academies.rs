//! Academies (administrators): the trust's academies, to add, rename, set the phase and short
//! name of, and close when one leaves the trust, each with its change history.

use crate::domain::academy::{AcademyForm, MAX_NAME, MAX_SHORT_NAME};
use crate::domain::{AcademyId, AcademyPhase};
use crate::error::AppError;
use crate::model::{AcademyEditor, AcademyRecord};
use crate::ui::components::{ErrorSummary, Field, Loaded, OrgHistory, Table, field_message};
use crate::ui::pages::{load_id, with_user};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// Where the academies live.
pub const ACADEMIES: &str = "/manage/academies";

#[server(prefix = "/api", endpoint = "academies")]
pub async fn get_academies() -> Result<Vec<AcademyRecord>, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::academies::list(&db, &user).await
}

/// The academy form; `id` is `None` to add one.
#[server(prefix = "/api", endpoint = "academy_editor")]
pub async fn get_academy(id: Option<AcademyId>) -> Result<AcademyEditor, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::academies::editor(&db, &user, id).await
}

/// Adds an academy (no `id`) or changes one, then shows the list.
#[server(prefix = "/api", endpoint = "save_academy")]
pub async fn save_academy(id: Option<AcademyId>, academy: AcademyForm) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let saved = crate::db::academies::save(&db, &user, id, &academy, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("{ACADEMIES}/{saved}?done=saved"));
    Ok(())
}

/// Closes (`closed=true`) or reopens an academy.
#[server(prefix = "/api", endpoint = "set_academy_closed")]
pub async fn set_academy_closed(id: AcademyId, closed: bool) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::academies::set_closed(&db, &user, id, closed, chrono::Utc::now()).await?;
    let done = if closed { "closed" } else { "reopened" };
    leptos_axum::redirect(&format!("{ACADEMIES}/{id}?done={done}"));
    Ok(())
}

#[component]
pub fn AcademiesPage() -> impl IntoView {
    let academies = Resource::new_blocking(|| (), |()| get_academies());
    view! {
        <Title text="Academies" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=academies
                    view=move |academies| view! { <Academies academies /> }
                />
            }
        })}
    }
}

#[component]
fn Academies(academies: Vec<AcademyRecord>) -> impl IntoView {
    let open = academies.iter().filter(|a| a.closed_on.is_none()).count();
    view! {
        <h1>"Academies"</h1>
        <p class="lead">
            {format!(
                "{open} open {}. A closed academy keeps its history and still shows on the evidence recorded there.",
                if open == 1 { "academy" } else { "academies" },
            )}
        </p>
        <p>
            <a class="button" href=format!("{ACADEMIES}/new")>
                "Add an academy"
            </a>
        </p>
        <Table
            caption="Academies of the trust"
            columns=vec!["Academy", "Short name", "Phase", "Staff", "Status"]
            numeric=&["Staff"]
        >
            {academies
                .into_iter()
                .map(|a| {
                    view! {
                        <tr class=("row--retired", a.closed_on.is_some())>
                            <td>
                                <a href=format!("{ACADEMIES}/{}", a.id)>{a.name}</a>
                            </td>
                            <td>{a.short_name}</td>
                            <td>{a.phase.label()}</td>
                            <td class="numeric">{a.staff.to_string()}</td>
                            <td>{status(a.closed_on.as_deref())}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
}

/// "Open", or when it closed.
fn status(closed_on: Option<&str>) -> String {
    closed_on.map_or_else(|| "Open".to_owned(), |day| format!("Closed on {day}"))
}

#[component]
pub fn AcademyPage() -> impl IntoView {
    // `new` adds an academy; an address naming no academy is "not found".
    let params = leptos_router::hooks::use_params_map();
    let key = move || {
        params.with(|p| match p.get("id").as_deref() {
            Some("new") => Some(None),
            Some(id) => id.parse::<AcademyId>().ok().map(Some),
            None => None,
        })
    };
    let editor = Resource::new_blocking(key, |key| load_id(key, get_academy));
    let save = ServerAction::<SaveAcademy>::new();
    let close = ServerAction::<SetAcademyClosed>::new();
    let query = use_query_map();
    view! {
        <Title text="Academy" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=editor
                    view=move |editor| {
                        let error = save.value().get_untracked().and_then(Result::err);
                        let close_error = close.value().get_untracked().and_then(Result::err);
                        let done = query.with_untracked(|q| q.get("done"));
                        view! { <AcademyView editor error close_error done /> }
                    }
                />
            }
        })}
    }
}

#[component]
fn AcademyView(
    editor: AcademyEditor,
    error: Option<AppError>,
    close_error: Option<AppError>,
    done: Option<String>,
) -> impl IntoView {
    let AcademyEditor { academy, history } = editor;
    let heading = academy
        .as_ref()
        .map_or_else(|| "Add an academy".to_owned(), |a| a.name.clone());
    let notice = done.map(|d| match d.as_str() {
        "closed" => "Academy closed. It is no longer offered for new evidence.",
        "reopened" => "Academy reopened.",
        _ => "Academy saved.",
    });
    let closing = academy.as_ref().map(|a| {
        view! { <CloseSection academy=a.clone() error=close_error.clone() /> }
    });
    let history = academy
        .is_some()
        .then(|| view! { <OrgHistory history caption="Changes to this academy" /> });
    view! {
        <Title text=heading.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href=ACADEMIES>"Academies"</a>
        </nav>
        <h1>{heading}</h1>
        {notice
            .map(|m| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>{m}</p>
                    </div>
                }
            })}
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <AcademyForm academy=academy.clone() error />
        {closing}
        {history}
    }
}

#[component]
fn AcademyForm(academy: Option<AcademyRecord>, error: Option<AppError>) -> impl IntoView {
    let (name, short_name, phase) = academy
        .as_ref()
        .map(|a| (a.name.clone(), a.short_name.clone(), Some(a.phase)))
        .unwrap_or_default();
    let message = |field: &str| field_message(error.as_ref(), field);
    view! {
        <form method="post" action=SaveAcademy::PATH class="form" novalidate>
            {academy
                .as_ref()
                .map(|a| view! { <input type="hidden" name="id" value=a.id.to_string() /> })}
            <Field id="name" label="Name" message=message("name")>
                <input
                    class="input input--wide"
                    type="text"
                    id="name"
                    name="academy[name]"
                    value=name
                    maxlength=MAX_NAME.to_string()
                    autocomplete="off"
                />
            </Field>
            <Field
                id="short_name"
                label="Short name (optional)"
                hint="Where space is tight, for example “Ashgrove” for Ashgrove Primary Academy."
                message=message("short_name")
            >
                <input
                    class="input"
                    type="text"
                    id="short_name"
                    name="academy[short_name]"
                    value=short_name
                    maxlength=MAX_SHORT_NAME.to_string()
                    aria-describedby="short_name-hint"
                    autocomplete="off"
                />
            </Field>
            <Field id="phase" label="Phase" message=message("phase")>
                <select class="select" id="phase" name="academy[phase]">
                    {phase.is_none().then(|| view! { <option value="">"Choose a phase"</option> })}
                    {AcademyPhase::ALL
                        .iter()
                        .map(|p| {
                            view! {
                                <option value=p.code() selected=phase == Some(*p)>
                                    {p.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Field>
            <div class="actions">
                <button type="submit" class="button">
                    "Save academy"
                </button>
                <a class="button button--quiet" href=ACADEMIES>
                    "Back to academies"
                </a>
            </div>
        </form>
    }
}

/// Closing an academy, confirmed first; or reopening a closed one.
#[component]
fn CloseSection(academy: AcademyRecord, error: Option<AppError>) -> impl IntoView {
    let closed = academy.closed_on.is_some();
    let explain = if closed {
        format!(
            "{} is {}.",
            academy.name,
            status(academy.closed_on.as_deref()).to_lowercase()
        )
    } else {
        format!(
            "Close {} when it leaves the trust. Its history stays, and evidence recorded there still shows it; staff can no longer choose it for new evidence.",
            academy.name,
        )
    };
    view! {
        <section aria-labelledby="status-heading" class="panel">
            <h2 id="status-heading">{if closed { "Closed" } else { "Close this academy" }}</h2>
            {error.map(|error| view! { <ErrorSummary error /> })}
            <p>{explain}</p>
            {if closed {
                view! {
                    <form method="post" action=SetAcademyClosed::PATH class="inline-form">
                        <input type="hidden" name="id" value=academy.id.to_string() />
                        <input type="hidden" name="closed" value="false" />
                        <button type="submit" class="button button--secondary">
                            "Reopen this academy"
                        </button>
                    </form>
                }
                    .into_any()
            } else {
                view! {
                    <details class="confirm">
                        <summary>"Close this academy…"</summary>
                        <p>{format!("Close {}? You can reopen it later.", academy.name)}</p>
                        <form method="post" action=SetAcademyClosed::PATH class="inline-form">
                            <input type="hidden" name="id" value=academy.id.to_string() />
                            <input type="hidden" name="closed" value="true" />
                            <button type="submit" class="button button--danger">
                                "Yes, close it"
                            </button>
                        </form>
                    </details>
                }
                    .into_any()
            }}
        </section>
    }
}
