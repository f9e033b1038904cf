//! One entry: check your answers, submit or withdraw, the files, delete a draft and the
//! timeline; for the verifier, the decision.

use super::EvidenceTag;
use super::api::{EntryAction, get_entry};
use super::decision::Decision;
use super::delete::{DeleteDraft, DeleteEntry};
use super::entry_id;
use super::files::{AddFile, FilesSection, RemoveFile};
use crate::domain::EntryId;
use crate::domain::FieldError;
use crate::domain::evidence::EvidenceAction;
use crate::error::AppError;
use crate::model::{ClaimView, EntryView, EventView};
use crate::ui::components::{ErrorSummary, Loaded, url_error};
use crate::ui::pages::{load_id, with_user};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn EntryPage() -> impl IntoView {
    let id = entry_id();
    let entry = Resource::new_blocking(id, |id| load_id(id, get_entry));
    let action = ServerAction::<EntryAction>::new();
    let query = use_query_map();
    // Errors from the plain forms (files, delete) come back in the address.
    let url_errors = StoredValue::new((
        url_error::<AppError>(AddFile::PATH).or_else(|| url_error::<AppError>(RemoveFile::PATH)),
        url_error::<AppError>(DeleteEntry::PATH),
    ));
    let page = move |entry: EntryView| {
        let (file_error, delete_error) = url_errors.get_value();
        let error = action
            .value()
            .get_untracked()
            .and_then(Result::err)
            .or(delete_error);
        let done = query.with_untracked(|q| q.get("done"));
        view! { <Entry entry error file_error done /> }
    };
    view! {
        <Title text="Evidence" />
        {with_user(move |_| view! { <Loaded resource=entry view=page /> })}
    }
}

/// What to say after `done` (from the address), for someone who may `submit` the entry.
fn done_notice(done: &str, submit: bool) -> &'static str {
    match done {
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
    let (edit, submit, decide) = (
        may(EvidenceAction::Edit),
        may(EvidenceAction::Submit),
        may(EvidenceAction::Verify),
    );
    let notice = done.map(|d| done_notice(&d, submit));
    let (id, revision) = (entry.id, entry.revision);
    let title = if entry.title.is_empty() {
        "Untitled entry".to_owned()
    } else {
        entry.title.clone()
    };
    let owner = match &entry.owner_academy {
        Some(academy) => format!("{}, {academy}", entry.owner),
        None => entry.owner.clone(),
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
        <p class="entry-meta">
            <EvidenceTag status=entry.status />
            " "
            {owner}
        </p>
        {notice
            .map(|m| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>{m}</p>
                    </div>
                }
            })}
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <Answers entry=entry.clone() checking=submit editable=edit />
        <Claims claims=entry.claims.clone() />
        <FilesSection id revision files=entry.files.clone() editable=edit error=file_error />
        {submit
            .then(|| {
                view! { <SubmitPanel id revision problems=entry.submission_problems.clone() /> }
            })}
        {may(EvidenceAction::Withdraw)
            .then(|| {
                view! {
                    <LifecycleButton
                        id
                        revision
                        action=EvidenceAction::Withdraw
                        label="Withdraw it to make changes"
                        secondary=true
                    />
                }
            })}
        {decide
            .then(|| {
                view! {
                    <Decision
                        id
                        revision
                        claims=entry.claims.clone()
                        levels=entry.levels.clone()
                        error
                    />
                }
            })}
        {may(EvidenceAction::Delete).then(|| view! { <DeleteDraft id revision /> })}
        <Timeline events=entry.timeline />
    }
}

/// The activity as recorded: "Check your answers" while it can be submitted.
#[component]
fn Answers(entry: EntryView, checking: bool, editable: bool) -> impl IntoView {
    let row = |label: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{label}</dt>
                <dd>{if value.is_empty() { "Not given".to_owned() } else { value }}</dd>
            </div>
        }
    };
    let links = (!entry.links.is_empty()).then(|| {
        view! {
            <div class="summary-list__row">
                <dt>"Links"</dt>
                <dd>
                    <ul class="link-list">
                        {entry
                            .links
                            .iter()
                            .map(|url| {
                                view! {
                                    <li>
                                        <a href=url.clone() rel="noopener noreferrer nofollow">
                                            {url.clone()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </dd>
            </div>
        }
    });
    view! {
        <section aria-labelledby="answers-heading">
            <h2 id="answers-heading">
                {if checking { "Check your answers" } else { "The activity" }}
            </h2>
            <dl class="summary-list">
                {row("Activity", entry.activity)} {row("Date", entry.dates)}
                {row("Where", entry.places.join(", "))}
                {row("Hours", entry.hours.unwrap_or_default())}
                {row(
                    "People reached",
                    entry.people_reached.map(|p| p.to_string()).unwrap_or_default(),
                )}
                {(!entry.co_leaders.is_empty())
                    .then(|| row("Led with", entry.co_leaders.join(", ")))} {links}
            </dl>
            <h3>"What was done"</h3>
            <div class="prose" inner_html=entry.what_done_html></div>
            <h3>"Reflection and impact"</h3>
            <div class="prose" inner_html=entry.reflection_html></div>
            {editable
                .then(|| {
                    view! {
                        <p>
                            <a
                                class="button button--secondary"
                                href=format!("/evidence/{}/edit", entry.id)
                            >
                                "Change the entry"
                            </a>
                        </p>
                    }
                })}
        </section>
    }
}

/// The elements the entry claims to show, each beside the framework's descriptor.
#[component]
fn Claims(claims: Vec<ClaimView>) -> impl IntoView {
    let list = if claims.is_empty() {
        view! { <p>"No elements of the framework claimed yet."</p> }.into_any()
    } else {
        view! {
            <ul class="claim-list">
                {claims
                    .into_iter()
                    .map(|c| {
                        view! {
                            <li class="claim">
                                <p class="claim__title">
                                    <span class="code">{c.code}</span>
                                    " "
                                    <strong>{c.title}</strong>
                                    " — claimed at "
                                    <strong>{c.claimed_name.clone()}</strong>
                                    {c
                                        .verified_name
                                        .map(|v| {
                                            view! {
                                                ", verified at "
                                                <strong>{v}</strong>
                                            }
                                        })}
                                </p>
                                {c
                                    .descriptor_html
                                    .map(|html| {
                                        view! {
                                            <div class="claim__descriptor">
                                                <p class="preview__label">
                                                    {format!("The framework at {}", c.claimed_name)}
                                                </p>
                                                <div class="prose" inner_html=html></div>
                                            </div>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="claims-heading">
            <h2 id="claims-heading">"What it shows"</h2>
            {list}
        </section>
    }
}

/// A one-button form that takes `action` on the entry as it was at `revision`.
#[component]
pub(super) fn LifecycleButton(
    id: EntryId,
    revision: i32,
    action: EvidenceAction,
    label: &'static str,
    #[prop(optional)] secondary: bool,
) -> impl IntoView {
    let class = if secondary {
        "button button--secondary"
    } else {
        "button"
    };
    view! {
        <form method="post" action=EntryAction::PATH class="inline-form">
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="revision" value=revision.to_string() />
            <input type="hidden" name="action" value=action.code() />
            <button type="submit" class=class>
                {label}
            </button>
        </form>
    }
}

/// Submitting for verification, or what stops it.
#[component]
fn SubmitPanel(id: EntryId, revision: i32, problems: Vec<FieldError>) -> impl IntoView {
    let body = if problems.is_empty() {
        view! {
            <p>
                "Your line manager will check it against the framework. You can withdraw it until they decide."
            </p>
            <LifecycleButton
                id
                revision
                action=EvidenceAction::Submit
                label="Submit for verification"
            />
        }
        .into_any()
    } else {
        view! {
            <p>"Before it can be submitted:"</p>
            <ul class="problem-list">
                {problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
            </ul>
            <p>
                <a href=format!("/evidence/{id}/edit")>"Change the entry"</a>
            </p>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="submit-heading">
            <h2 id="submit-heading">"Submit for verification"</h2>
            {body}
        </section>
    }
}

/// Every step in the entry's life, oldest first.
#[component]
fn Timeline(events: Vec<EventView>) -> impl IntoView {
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <ol class="timeline">
                {events
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li class="timeline__item">
                                <p class="timeline__what">
                                    <strong>{e.what}</strong>
                                    " by "
                                    {e.who}
                                    <span class="timeline__when">{e.when}</span>
                                </p>
                                {(!e.comment.is_empty())
                                    .then(|| {
                                        view! {
                                            <blockquote class="timeline__comment">
                                                {e.comment.clone()}
                                            </blockquote>
                                        }
                                    })}
                                {(!e.level_changes.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul class="timeline__levels">
                                                {e
                                                    .level_changes
                                                    .into_iter()
                                                    .map(|l| view! { <li>{l}</li> })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
