//! Evidence of cross-school activity: my evidence, the form to record or change an entry,
//! the entry page (check your answers, submit, the timeline) and the verifier's queue and
//! decision.

use super::with_user;
use crate::domain::evidence::{EvidenceAction, EvidenceStatus};
use crate::error::AppError;
use crate::model::{EntryEditor, EntrySummary, EntryView, EvidenceList, FileView};
use crate::ui::components::url_error;
use crate::ui::components::{ErrorPage, ErrorSummary, field_message};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;
use server_fn::codec::{MultipartData, MultipartFormData};
use std::collections::HashMap;

#[server(prefix = "/api", endpoint = "my_evidence")]
pub async fn get_my_evidence(
    status: String,
    year: String,
    q: String,
) -> Result<EvidenceList, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let status = EvidenceStatus::from_code(&status);
    let year = Some(year.as_str()).filter(|y| !y.is_empty());
    crate::db::services::evidence::mine(&db, &user, status, year, &q, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "evidence_entry")]
pub async fn get_entry(id: i64) -> Result<EntryView, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::services::evidence::view(&db, &user, id, chrono::Utc::now()).await
}

/// `id` 0 for a new entry.
#[server(prefix = "/api", endpoint = "evidence_editor")]
pub async fn get_editor(id: i64) -> Result<EntryEditor, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let id = (id != 0).then_some(id);
    crate::db::services::evidence::editor(&db, &user, id, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "verification_queue")]
pub async fn get_queue() -> Result<Vec<EntrySummary>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::services::evidence::queue(&db, &user, chrono::Utc::now()).await
}

/// Saves the evidence form. `places` and `claims` arrive as `places[<academy id>]=on` and
/// `claims[<element code>]=<level>`.
#[server(prefix = "/api", endpoint = "save_evidence")]
#[allow(clippy::too_many_arguments)]
pub async fn save_entry(
    id: i64,
    revision: i32,
    activity_type: String,
    title: String,
    started_on: String,
    ended_on: String,
    places: Option<HashMap<String, String>>,
    trust_wide: Option<String>,
    hours: String,
    people_reached: String,
    what_done: String,
    reflection: String,
    claims: Option<HashMap<String, String>>,
    co_leaders: Option<String>,
    links: Option<String>,
) -> Result<(), AppError> {
    use crate::model::EntryForm;
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let activity_type = match activity_type.trim() {
        "" => None,
        text => Some(text.parse::<i64>().map_err(|_| {
            AppError::field("activity_type", "Choose one of the activity types listed")
        })?),
    };
    let mut places: Vec<i64> = places
        .unwrap_or_default()
        .keys()
        .map(|k| k.parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::field("places", "Choose academies from the list"))?;
    places.sort_unstable();
    let mut claimed = Vec::new();
    for (code, level) in claims.unwrap_or_default() {
        match level.trim() {
            "" => {}
            rank => claimed.push((
                code.clone(),
                rank.parse::<u32>().map_err(|_| {
                    AppError::field(&format!("claim-{code}"), "Choose one of the levels")
                })?,
            )),
        }
    }
    claimed.sort();
    let form = EntryForm {
        activity_type,
        title,
        started_on,
        ended_on,
        places,
        trust_wide: trust_wide.is_some(),
        hours,
        people_reached,
        what_done,
        reflection,
        claims: claimed,
        co_leaders: co_leaders.unwrap_or_default(),
        links: links.unwrap_or_default(),
    };
    let saved = crate::request::with_error_status(
        crate::db::services::evidence::save(
            &db,
            &user,
            (id != 0).then_some(id),
            revision,
            &form,
            chrono::Utc::now(),
        )
        .await,
    )?;
    leptos_axum::redirect(&format!("/evidence/{saved}?done=saved"));
    Ok(())
}

/// Takes a lifecycle action (`submit`, `withdraw`, `verify`, `request_changes`, `decline`).
/// `levels` carries the verifier's level for each claim: `levels[<code>]=<rank>`.
#[server(prefix = "/api", endpoint = "evidence_action")]
pub async fn entry_action(
    id: i64,
    revision: i32,
    action: String,
    comment: Option<String>,
    levels: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let action: EvidenceAction = serde_json::from_value(serde_json::Value::String(action.clone()))
        .map_err(|_| AppError::NotFound)?;
    let mut chosen = crate::db::services::evidence::Levels::new();
    for (code, level) in levels.unwrap_or_default() {
        let rank = level
            .parse::<u32>()
            .map_err(|_| AppError::field(&format!("level-{code}"), "Choose a level"))?;
        chosen.insert(code, rank);
    }
    let acted = crate::db::services::evidence::act(
        &db,
        &user,
        id,
        revision,
        action,
        comment.as_deref().unwrap_or_default(),
        &chosen,
        chrono::Utc::now(),
    )
    .await?;
    crate::request::mailer()?.send_later(acted.email.into_iter().collect());
    let done = serde_json::to_value(action)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    leptos_axum::redirect(&format!("/evidence/{id}?done={done}"));
    Ok(())
}

/// Adds a supporting file to an entry (a multipart form: `id`, `revision`, then `file`).
#[server(prefix = "/api", endpoint = "add_evidence_file", input = MultipartFormData)]
pub async fn add_file(data: MultipartData) -> Result<(), AppError> {
    use crate::domain::files::MAX_FILE_BYTES;
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let files = crate::request::files()?;
    let mut data = data.into_inner().ok_or(AppError::Internal)?;
    let (mut id, mut revision) = (None, None);
    let (mut name, mut bytes, mut size) = (String::new(), Vec::new(), 0usize);
    while let Ok(Some(mut field)) = data.next_field().await {
        match field.name() {
            Some("id") => {
                id = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.trim().parse::<i64>().ok())
            }
            Some("revision") => {
                revision = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.trim().parse::<i32>().ok());
            }
            Some("file") => {
                name = field.file_name().unwrap_or_default().to_owned();
                while let Ok(Some(chunk)) = field.chunk().await {
                    size += chunk.len();
                    if size > MAX_FILE_BYTES {
                        // Enough to know it is too big; the rest is not read.
                        break;
                    }
                    bytes.extend_from_slice(&chunk);
                }
                break;
            }
            _ => {}
        }
    }
    let (Some(id), Some(revision)) = (id, revision) else {
        return Err(AppError::NotFound);
    };
    crate::db::services::evidence_files::add(
        &db,
        files.as_ref(),
        &user,
        id,
        revision,
        &name,
        size,
        &bytes,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/evidence/{id}?done=file-added#files-heading"));
    Ok(())
}

/// Removes a supporting file from an entry.
#[server(prefix = "/api", endpoint = "remove_evidence_file")]
pub async fn remove_file(id: i64, revision: i32, file: i64) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let files = crate::request::files()?;
    crate::db::services::evidence_files::remove(
        &db,
        files.as_ref(),
        &user,
        id,
        revision,
        file,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/evidence/{id}?done=file-removed#files-heading"));
    Ok(())
}

/// Deletes a draft for good.
#[server(prefix = "/api", endpoint = "delete_evidence")]
pub async fn delete_entry(id: i64, revision: i32) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let files = crate::request::files()?;
    crate::db::services::evidence::delete(
        &db,
        files.as_ref(),
        &user,
        id,
        revision,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect("/evidence?done=deleted");
    Ok(())
}

/// A status as a coloured tag.
#[component]
pub fn EvidenceTag(status: EvidenceStatus) -> impl IntoView {
    let class = format!("tag tag--{}", status.code().replace('_', "-"));
    view! { <span class=class>{status.label()}</span> }
}

#[component]
pub fn MyEvidencePage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get("status").unwrap_or_default(),
                q.get("year").unwrap_or_default(),
                q.get("q").unwrap_or_default(),
            )
        })
    });
    let list = Resource::new_blocking(
        move || filters.get(),
        |(status, year, q)| get_my_evidence(status, year, q),
    );
    view! {
        <Title text="My evidence" />
        {with_user(move |_| view! {
            <Transition fallback=|| view! { <p class="loading">"Loading your evidence…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => {
                            let (status, year, q) = filters.get_untracked();
                            let deleted = query.with_untracked(|q| q.get("done")).as_deref() == Some("deleted");
                            view! { <MyEvidence list status year q deleted /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Transition>
        })}
    }
}

#[component]
fn MyEvidence(
    list: EvidenceList,
    status: String,
    year: String,
    q: String,
    deleted: bool,
) -> impl IntoView {
    let EvidenceList {
        entries,
        academic_years,
        total,
    } = list;
    let shown = entries.len();
    view! {
        <h1>"My evidence"</h1>
        <p class="lead">"The leadership you have done beyond your own academy, and where each piece of evidence has got to."</p>
        {deleted.then(|| view! { <div class="notice notice--success" role="status"><p>"The draft has been deleted."</p></div> })}
        <p><a class="button" href="/evidence/new">"Record an activity"</a></p>
        {if total == 0 {
            view! {
                <div class="panel">
                    <h2>"Nothing recorded yet"</h2>
                    <p>"Led a staff meeting at another academy, coached a colleague elsewhere, or delivered training for the trust? Record it, claim the parts of the framework it shows, and your line manager will verify it."</p>
                </div>
            }.into_any()
        } else {
            view! {
                <Form method="GET" action="/evidence" attr:class="search-form" attr:role="search">
                    <div class="field">
                        <label class="field__label" for="q">"Search"</label>
                        <input class="input" id="q" name="q" type="search" value=q.clone() />
                    </div>
                    <div class="field">
                        <label class="field__label" for="status">"Status"</label>
                        <select class="select" id="status" name="status">
                            <option value="" selected=status.is_empty()>"Any status"</option>
                            {EvidenceStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.code() selected=status == s.code()>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label class="field__label" for="year">"Academic year"</label>
                        <select class="select" id="year" name="year">
                            <option value="" selected=year.is_empty()>"Any year"</option>
                            {academic_years.into_iter().map(|y| {
                                let selected = y == year;
                                view! { <option value=y.clone() selected=selected>{y.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button button--secondary">"Filter"</button>
                </Form>
                <h2 class="results-heading" aria-live="polite">
                    {if shown == total { format!("{total} {}", if total == 1 { "entry" } else { "entries" }) } else { format!("{shown} of {total} entries") }}
                </h2>
                {if entries.is_empty() {
                    view! { <p>"No entries match. Try another status or year."</p> }.into_any()
                } else {
                    view! { <EntryTable entries caption="My evidence" show_owner=false /> }.into_any()
                }}
            }.into_any()
        }}
    }
}

#[component]
fn EntryTable(
    entries: Vec<EntrySummary>,
    caption: &'static str,
    show_owner: bool,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        {show_owner.then(|| view! { <th scope="col">"Who"</th> })}
                        <th scope="col">"Activity"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">{if show_owner { "Waiting" } else { "Status" }}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            {show_owner.then(|| view! { <td>{e.owner.clone()}</td> })}
                            <td>
                                <A href=format!("/evidence/{}", e.id)>{if e.title.is_empty() { "Untitled".to_owned() } else { e.title.clone() }}</A>
                                <span class="table__secondary">{e.activity.clone()}</span>
                            </td>
                            <td>{e.date.clone()}</td>
                            <td>
                                {if show_owner {
                                    let days = e.waiting_days.unwrap_or(0);
                                    view! { <span>{match days { 0 => "Today".to_owned(), 1 => "1 day".to_owned(), n => format!("{n} days") }}</span> }.into_any()
                                } else {
                                    view! { <EvidenceTag status=e.status /> }.into_any()
                                }}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn VerifyQueuePage() -> impl IntoView {
    let queue = Resource::new_blocking(|| (), |_| get_queue());
    view! {
        <Title text="To verify" />
        {with_user(move |_| view! {
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(entries) => view! {
                            <h1>"To verify"</h1>
                            <p class="lead">"Evidence your team has submitted, oldest first. Judge each against the framework's descriptors for the levels claimed."</p>
                            {if entries.is_empty() {
                                view! { <p class="panel">"Nothing is waiting for you. When someone you line-manage submits evidence, it appears here."</p> }.into_any()
                            } else {
                                view! { <EntryTable entries caption="Evidence waiting for verification" show_owner=true /> }.into_any()
                            }}
                        }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        })}
    }
}

fn entry_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0))
}

#[component]
pub fn EntryPage() -> impl IntoView {
    let id = entry_id();
    let entry = Resource::new_blocking(id, get_entry);
    let action = ServerAction::<EntryAction>::new();
    let query = use_query_map();
    // Errors from the plain forms (files, delete) come back in the address.
    let url_errors = StoredValue::new((
        url_error::<AppError>(AddFile::PATH).or_else(|| url_error::<AppError>(RemoveFile::PATH)),
        url_error::<AppError>(DeleteEntry::PATH),
    ));
    view! {
        <Title text="Evidence" />
        {with_user(move |_| view! {
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match entry.await {
                        Ok(entry) => {
                            let (file_error, delete_error) = url_errors.get_value();
                            let error = action
                                .value()
                                .get_untracked()
                                .and_then(Result::err)
                                .or(delete_error);
                            let done = query.with_untracked(|q| q.get("done"));
                            view! { <Entry entry error file_error done /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        })}
    }
}

#[component]
fn Entry(
    entry: EntryView,
    error: Option<AppError>,
    file_error: Option<AppError>,
    done: Option<String>,
) -> impl IntoView {
    let may = |a: EvidenceAction| entry.actions.contains(&a);
    let edit = may(EvidenceAction::Edit);
    let submit = may(EvidenceAction::Submit);
    let withdraw_ok = may(EvidenceAction::Withdraw);
    let decide = may(EvidenceAction::Verify);
    let notice = done.map(|d| match d.as_str() {
        "saved" if submit => "Saved. Check your answers below, then submit it for verification.",
        "saved" => "Saved.",
        "submit" => "Submitted. Your line manager has been told.",
        "withdraw" => "Withdrawn. It is a draft again, so you can change it.",
        "verify" => "Verified. The owner has been told.",
        "request_changes" => "Returned with your comments. The owner has been told.",
        "decline" => "Declined. The owner has been told.",
        "file-added" => "File added.",
        "file-removed" => "File removed.",
        _ => "Done.",
    });
    let comment_error = field_message(error.as_ref(), "comment");
    let id = entry.id;
    let revision = entry.revision.to_string();
    let title = if entry.title.is_empty() {
        "Untitled entry".to_owned()
    } else {
        entry.title.clone()
    };
    let row = |label: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{label}</dt>
                <dd>{if value.is_empty() { "Not given".to_owned() } else { value }}</dd>
            </div>
        }
    };
    view! {
        <Title text=title.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            {if decide {
                view! { <a href="/verify">"To verify"</a> }.into_any()
            } else {
                view! { <a href="/evidence">"My evidence"</a> }.into_any()
            }}
        </nav>
        <h1>{title}</h1>
        <p class="entry-meta"><EvidenceTag status=entry.status />" "{format!("{}{}", entry.owner, entry.owner_academy.clone().map(|a| format!(", {a}")).unwrap_or_default())}</p>
        {notice.map(|m| view! { <div class="notice notice--success" role="status"><p>{m}</p></div> })}
        {error.clone().map(|error| view! { <ErrorSummary error /> })}

        <section aria-labelledby="answers-heading">
            <h2 id="answers-heading">{if submit { "Check your answers" } else { "The activity" }}</h2>
            <dl class="summary-list">
                {row("Activity", entry.activity.clone())}
                {row("Date", entry.dates.clone())}
                {row("Where", entry.places.join(", "))}
                {row("Hours", entry.hours.clone().unwrap_or_default())}
                {row("People reached", entry.people_reached.map(|p| p.to_string()).unwrap_or_default())}
                {(!entry.co_leaders.is_empty()).then(|| row("Led with", entry.co_leaders.join(", ")))}
                {(!entry.links.is_empty()).then(|| view! {
                    <div class="summary-list__row">
                        <dt>"Links"</dt>
                        <dd>
                            <ul class="link-list">
                                {entry.links.iter().map(|url| view! {
                                    <li><a href=url.clone() rel="noopener noreferrer nofollow">{url.clone()}</a></li>
                                }).collect_view()}
                            </ul>
                        </dd>
                    </div>
                })}
            </dl>
            <h3>"What was done"</h3>
            <div class="prose" inner_html=entry.what_done_html.clone()></div>
            <h3>"Reflection and impact"</h3>
            <div class="prose" inner_html=entry.reflection_html.clone()></div>
            {edit.then(|| view! { <p><a class="button button--secondary" href=format!("/evidence/{id}/edit")>"Change the entry"</a></p> })}
        </section>

        <section aria-labelledby="claims-heading">
            <h2 id="claims-heading">"What it shows"</h2>
            {if entry.claims.is_empty() {
                view! { <p>"No elements of the framework claimed yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="claim-list">
                        {entry.claims.iter().map(|c| view! {
                            <li class="claim">
                                <p class="claim__title">
                                    <span class="code">{c.code.clone()}</span>" "<strong>{c.title.clone()}</strong>
                                    " — claimed at "<strong>{c.claimed_name.clone()}</strong>
                                    {c.verified_name.clone().map(|v| view! { ", verified at "<strong>{v}</strong> })}
                                </p>
                                {c.descriptor_html.clone().map(|html| view! {
                                    <div class="claim__descriptor">
                                        <p class="preview__label">{format!("The framework at {}", c.claimed_name)}</p>
                                        <div class="prose" inner_html=html></div>
                                    </div>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <FilesSection id revision=entry.revision files=entry.files.clone() editable=edit error=file_error />

        {submit.then(|| {
            let problems = entry.submission_problems.clone();
            view! {
                <section class="panel" aria-labelledby="submit-heading">
                    <h2 id="submit-heading">"Submit for verification"</h2>
                    {if problems.is_empty() {
                        view! {
                            <p>"Your line manager will check it against the framework. You can withdraw it until they decide."</p>
                            <form method="post" action="/api/evidence_action" class="inline-form">
                                <input type="hidden" name="id" value=id.to_string() />
                                <input type="hidden" name="revision" value=revision.clone() />
                                <input type="hidden" name="action" value="submit" />
                                <button type="submit" class="button">"Submit for verification"</button>
                            </form>
                        }.into_any()
                    } else {
                        view! {
                            <p>"Before it can be submitted:"</p>
                            <ul class="problem-list">
                                {problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                            </ul>
                            <p><a href=format!("/evidence/{id}/edit")>"Change the entry"</a></p>
                        }.into_any()
                    }}
                </section>
            }
        })}

        {withdraw_ok.then(|| view! {
            <form method="post" action="/api/evidence_action" class="inline-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="revision" value=revision.clone() />
                <input type="hidden" name="action" value="withdraw" />
                <button type="submit" class="button button--secondary">"Withdraw it to make changes"</button>
            </form>
        })}

        {decide.then(|| {
            let levels = entry.levels.clone();
            view! {
                <section class="panel" aria-labelledby="decide-heading">
                    <h2 id="decide-heading">"Your decision"</h2>
                    <form method="post" action="/api/evidence_action" class="form" novalidate>
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="revision" value=revision.clone() />
                        {(!entry.claims.is_empty()).then(|| view! {
                            <fieldset class="fieldset">
                                <legend>"Levels shown"</legend>
                                <p class="field__hint">"Confirm each claimed level, or choose the level the evidence shows."</p>
                                {entry.claims.iter().map(|c| {
                                    let field = format!("level-{}", c.code);
                                    view! {
                                        <div class="field field--inline">
                                            <label class="field__label" for=field.clone()>{format!("{} {}", c.code, c.title)}</label>
                                            <select class="select" id=field name=format!("levels[{}]", c.code)>
                                                {levels.iter().enumerate().map(|(i, name)| {
                                                    let rank = i as u32 + 1;
                                                    view! { <option value=rank.to_string() selected=rank == c.claimed>{name.clone()}</option> }
                                                }).collect_view()}
                                            </select>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        })}
                        <div class="field" class:field--error=comment_error.is_some()>
                            <label class="field__label" for="comment">"Comment"</label>
                            <p class="field__hint" id="comment-hint">"Needed when you ask for changes or decline, so they know what to do next."</p>
                            {comment_error.clone().map(|m| view! { <p class="field__error" id="comment-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                            <textarea class="textarea" id="comment" name="comment" rows="3"
                                aria-invalid=comment_error.is_some().then_some("true")
                                aria-describedby=if comment_error.is_some() { "comment-hint comment-error" } else { "comment-hint" }></textarea>
                        </div>
                        <div class="actions">
                            <button type="submit" name="action" value="verify" class="button">"Verify"</button>
                            <button type="submit" name="action" value="request_changes" class="button button--secondary">"Ask for changes"</button>
                            <button type="submit" name="action" value="decline" class="button button--quiet">"Decline"</button>
                        </div>
                    </form>
                </section>
            }
        })}

        {may(EvidenceAction::Delete).then(|| view! {
            <section class="panel panel--danger" aria-labelledby="delete-heading">
                <h2 id="delete-heading">"Delete this draft"</h2>
                <details class="confirm">
                    <summary>"Delete this draft…"</summary>
                    <p>"The draft and its files are deleted for good. Entries you have submitted are kept on your record and cannot be deleted."</p>
                    <form method="post" action="/api/delete_evidence" class="inline-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="revision" value=revision.clone() />
                        <button type="submit" class="button button--danger">"Yes, delete this draft"</button>
                    </form>
                </details>
            </section>
        })}

        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <ol class="timeline">
                {entry.timeline.into_iter().map(|e| view! {
                    <li class="timeline__item">
                        <p class="timeline__what"><strong>{e.what}</strong>" by "{e.who}<span class="timeline__when">{e.when}</span></p>
                        {(!e.comment.is_empty()).then(|| view! { <blockquote class="timeline__comment">{e.comment.clone()}</blockquote> })}
                        {(!e.level_changes.is_empty()).then(|| view! {
                            <ul class="timeline__levels">{e.level_changes.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The entry's supporting files: downloads for everyone who may see it; adding and
/// removing for whoever may change it.
#[component]
fn FilesSection(
    id: i64,
    revision: i32,
    files: Vec<FileView>,
    editable: bool,
    error: Option<AppError>,
) -> impl IntoView {
    use crate::domain::files::{ACCEPT, MAX_FILES};
    let message = error.map(|e| match e.field_errors() {
        [] => e.to_string(),
        fields => fields
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join(". "),
    });
    let full = files.len() >= MAX_FILES;
    let revision = revision.to_string();
    view! {
        <section aria-labelledby="files-heading">
            <h2 id="files-heading">"Supporting files"</h2>
            {if files.is_empty() {
                view! { <p>{if editable { "No files yet. Slides, handouts, agendas or photos help your line manager verify the activity." } else { "No files." }}</p> }.into_any()
            } else {
                view! {
                    <ul class="file-list">
                        {files.into_iter().map(|f| {
                            let label = f.name.clone();
                            view! {
                                <li class="file-list__item">
                                    <a href=f.url.clone() download=f.name.clone() rel="external">{f.name.clone()}</a>
                                    <span class="file-list__meta">{format!("{}, {}", f.kind, f.size)}</span>
                                    {editable.then(|| view! {
                                        <details class="confirm">
                                            <summary>"Remove"<span class="visually-hidden">{format!(" {label}")}</span></summary>
                                            <p>{format!("Remove “{label}” from this entry?")}</p>
                                            <form method="post" action="/api/remove_evidence_file" class="inline-form">
                                                <input type="hidden" name="id" value=id.to_string() />
                                                <input type="hidden" name="revision" value=revision.clone() />
                                                <input type="hidden" name="file" value=f.id.to_string() />
                                                <button type="submit" class="button button--danger button--small">{format!("Yes, remove {label}")}</button>
                                            </form>
                                        </details>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(editable && !full).then(|| {
                let has_error = message.is_some();
                view! {
                    <form method="post" action="/api/add_evidence_file" enctype="multipart/form-data" class="form panel panel--quiet">
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="revision" value=revision.clone() />
                        <div class="field" class:field--error=has_error>
                            <label class="field__label" for="file">"Add a file"</label>
                            <p class="field__hint" id="file-hint">{format!("A PDF, an image, an office document or a text file of up to 10 MB; up to {MAX_FILES} files.")}</p>
                            {message.clone().map(|m| view! { <p class="field__error" id="file-error" role="alert"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                            <input class="input" type="file" id="file" name="file" accept=ACCEPT
                                aria-describedby=if has_error { "file-hint file-error" } else { "file-hint" }
                                aria-invalid=has_error.then_some("true") />
                        </div>
                        <button type="submit" class="button button--secondary">"Upload the file"</button>
                    </form>
                }
            })}
            {(editable && full).then(|| view! {
                {message.clone().map(|m| view! { <p class="field__error" id="file-error" role="alert"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                <p>{format!("This entry has {MAX_FILES} files, the most it can have. Remove one to add another.")}</p>
            })}
        </section>
    }
}

#[component]
pub fn EntryFormPage() -> impl IntoView {
    let id = entry_id();
    let editor = Resource::new_blocking(id, get_editor);
    let save = ServerAction::<SaveEntry>::new();
    view! {
        <Title text="Record an activity" />
        {with_user(move |_| view! {
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match editor.await {
                        Ok(editor) => view! { <EntryFormView editor save /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        })}
    }
}

#[component]
fn EntryFormView(editor: EntryEditor, save: ServerAction<SaveEntry>) -> impl IntoView {
    let EntryEditor {
        id,
        revision,
        form,
        activity_types,
        academies,
        home_academy,
        elements,
        levels,
    } = editor;
    // Messages follow the latest attempt; the form's own fields keep what was typed.
    let error = move || save.value().get().and_then(Result::err);
    let message = move |field: &'static str| move || field_message(error().as_ref(), field);
    let error_line = move |field: &'static str| {
        move || {
            field_message(error().as_ref(), field).map(|m| {
                view! { <p class="field__error" id=format!("{field}-error")><span class="visually-hidden">"Error: "</span>{m}</p> }
            })
        }
    };
    let heading = if id.is_some() {
        "Change the entry"
    } else {
        "Record an activity"
    };
    let claimed: HashMap<String, u32> = form.claims.iter().cloned().collect();
    // The chosen type's description follows the choice once the page is interactive.
    let chosen_type = RwSignal::new(form.activity_type);
    let about_types = StoredValue::new(activity_types.clone());
    view! {
        <Title text=heading />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href="/evidence">"My evidence"</a>
        </nav>
        <h1>{heading}</h1>
        <p class="lead">"Leadership beyond your own academy: where you led, what you did and what it shows. You can save it as a draft and come back to it."</p>
        {move || error().map(|error| view! { <ErrorSummary error /> })}
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id.unwrap_or(0).to_string() />
            <input type="hidden" name="revision" value=revision.to_string() />
            <div class="field" class:field--error=move || message("activity_type")().is_some()>
                <label class="field__label" for="activity_type">"Type of activity"</label>
                {error_line("activity_type")}
                <select class="select" id="activity_type" name="activity_type" aria-describedby="activity-type-about"
                    on:change=move |ev| chosen_type.set(event_target_value(&ev).parse::<i64>().ok())>
                    <option value="" selected=form.activity_type.is_none()>"Choose…"</option>
                    {activity_types.iter().map(|(tid, name, _)| view! {
                        <option value=tid.to_string() selected=form.activity_type == Some(*tid)>{name.clone()}</option>
                    }).collect_view()}
                </select>
                <p class="field__hint field__hint--after" id="activity-type-about" aria-live="polite">{move || {
                    let chosen = chosen_type.get();
                    about_types.with_value(|types| {
                        types.iter().find(|(t, _, _)| Some(*t) == chosen).map(|(_, _, about)| about.clone())
                    })
                }}</p>
            </div>
            <div class="field" class:field--error=move || message("title")().is_some()>
                <label class="field__label" for="title">"Title"</label>
                <p class="field__hint" id="title-hint">"For example: Led Kingsmead's staff meeting on whole-class feedback."</p>
                {error_line("title")}
                <input class="input input--wide" type="text" id="title" name="title" value=form.title.clone() maxlength="200" aria-describedby="title-hint" />
            </div>
            <div class="field-row">
                <div class="field" class:field--error=move || message("started_on")().is_some()>
                    <label class="field__label" for="started_on">"Date"</label>
                    {error_line("started_on")}
                    <input class="input input--date" type="date" id="started_on" name="started_on" value=form.started_on.clone() />
                </div>
                <div class="field" class:field--error=move || message("ended_on")().is_some()>
                    <label class="field__label" for="ended_on">"End date (for a series)"</label>
                    {error_line("ended_on")}
                    <input class="input input--date" type="date" id="ended_on" name="ended_on" value=form.ended_on.clone() />
                </div>
            </div>
            <fieldset class="fieldset" id="places" class:field--error=move || message("places")().is_some()>
                <legend>"Where it happened"</legend>
                <p class="field__hint">"Choose every academy involved. Your own academy can be one of them, but at least one must be elsewhere, or trust-wide."</p>
                {error_line("places")}
                <div class="checkbox">
                    <input type="checkbox" id="trust_wide" name="trust_wide" value="on" checked=form.trust_wide />
                    <label for="trust_wide">"Trust-wide / online"</label>
                </div>
                <div class="checkbox-columns">
                    {academies.iter().map(|(aid, name)| {
                        let field = format!("place-{aid}");
                        let label = if home_academy == Some(*aid) { format!("{name} (your academy)") } else { name.clone() };
                        view! {
                            <div class="checkbox">
                                <input type="checkbox" id=field.clone() name=format!("places[{aid}]") value="on" checked=form.places.contains(aid) />
                                <label for=field>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field-row">
                <div class="field" class:field--error=move || message("hours")().is_some()>
                    <label class="field__label" for="hours">"Hours"</label>
                    <p class="field__hint" id="hours-hint">"Including preparation, to the nearest quarter hour."</p>
                    {error_line("hours")}
                    <input class="input input--short" type="text" inputmode="decimal" id="hours" name="hours" value=form.hours.clone() aria-describedby="hours-hint" />
                </div>
                <div class="field" class:field--error=move || message("people_reached")().is_some()>
                    <label class="field__label" for="people_reached">"People reached"</label>
                    <p class="field__hint" id="people-hint">"Roughly how many colleagues took part."</p>
                    {error_line("people_reached")}
                    <input class="input input--short" type="text" inputmode="numeric" id="people_reached" name="people_reached" value=form.people_reached.clone() aria-describedby="people-hint" />
                </div>
            </div>
            <div class="field" class:field--error=move || message("what_done")().is_some()>
                <label class="field__label" for="what_done">"What you did"</label>
                <p class="field__hint" id="what-hint">"Markdown. What you led, with whom, and how."</p>
                {error_line("what_done")}
                <textarea class="textarea" id="what_done" name="what_done" rows="6" aria-describedby="what-hint">{form.what_done.clone()}</textarea>
            </div>
            <div class="field" class:field--error=move || message("reflection")().is_some()>
                <label class="field__label" for="reflection">"Reflection and impact"</label>
                <p class="field__hint" id="reflection-hint">"Markdown. What changed as a result, and what you learned."</p>
                {error_line("reflection")}
                <textarea class="textarea" id="reflection" name="reflection" rows="5" aria-describedby="reflection-hint">{form.reflection.clone()}</textarea>
            </div>
            <div class="field" class:field--error=move || message("co_leaders")().is_some()>
                <label class="field__label" for="co_leaders">"Co-leaders (optional)"</label>
                <p class="field__hint" id="co-leaders-hint">"The work e-mail addresses of anyone in the trust who led it with you, one per line."</p>
                {error_line("co_leaders")}
                <textarea class="textarea" id="co_leaders" name="co_leaders" rows="2" aria-describedby="co-leaders-hint">{form.co_leaders.clone()}</textarea>
            </div>
            <div class="field" class:field--error=move || message("links")().is_some()>
                <label class="field__label" for="links">"Links to supporting material (optional)"</label>
                <p class="field__hint" id="links-hint">"Slides, resources or write-ups, one web address per line."</p>
                {error_line("links")}
                <textarea class="textarea" id="links" name="links" rows="2" aria-describedby="links-hint">{form.links.clone()}</textarea>
            </div>
            <fieldset class="fieldset" id="claims" class:field--error=move || message("claims")().is_some()>
                <legend>"What it shows"</legend>
                <p class="field__hint">"The elements of the framework this activity demonstrates, and the level of reach it shows for each."</p>
                {error_line("claims")}
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">"Level claimed for each element"</caption>
                        <thead>
                            <tr><th scope="col">"Element"</th><th scope="col">"Level shown"</th></tr>
                        </thead>
                        <tbody>
                            {elements.iter().map(|(code, title, strand)| {
                                let field = format!("claim-{code}");
                                let chosen = claimed.get(code).copied();
                                view! {
                                    <tr>
                                        <td><label for=field.clone()><span class="code">{code.clone()}</span>" "{title.clone()}</label><span class="table__secondary">{strand.clone()}</span></td>
                                        <td>
                                            <select class="select" id=field name=format!("claims[{code}]")>
                                                <option value="" selected=chosen.is_none()>"Not shown"</option>
                                                {levels.iter().enumerate().map(|(i, name)| {
                                                    let rank = i as u32 + 1;
                                                    view! { <option value=rank.to_string() selected=chosen == Some(rank)>{name.clone()}</option> }
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }.into_any()
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </fieldset>
            <div class="actions">
                <button type="submit" class="button">"Save and check"</button>
                <a class="button button--quiet" href=id.map_or("/evidence".to_owned(), |id| format!("/evidence/{id}"))>"Cancel"</a>
            </div>
        </ActionForm>
    }
}
