//! Staff consultation on a draft framework: read the draft, leave feedback on an element or
//! the whole; administrators read the feedback grouped by element.

use super::with_user;
use crate::domain::VersionId;
use crate::error::AppError;
use crate::model::{ConsultationView, FeedbackGroup};
use crate::ui::components::{ErrorPage, ErrorSummary, Field, field_message};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[server(prefix = "/api", endpoint = "consultation")]
pub async fn get_consultation() -> Result<Option<ConsultationView>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::consultation_view(&db, &user, chrono::Utc::now()).await
}

/// Records feedback; `element` is an element id, or empty for the framework as a whole.
#[server(prefix = "/api", endpoint = "send_feedback")]
pub async fn send_feedback(
    version: VersionId,
    element: String,
    body: String,
) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let element = match element.trim() {
        "" => None,
        id => Some(
            id.parse::<i64>()
                .map_err(|_| AppError::field("element", "Choose an element of this draft"))?,
        ),
    };
    crate::db::framework::leave_feedback(&db, &user, version, element, &body, chrono::Utc::now())
        .await?;
    leptos_axum::redirect("/consultation?sent=1");
    Ok(())
}

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let consultation = Resource::new_blocking(|| (), |_| get_consultation());
    let send = ServerAction::<SendFeedback>::new();
    let query = use_query_map();
    view! {
        <Title text="Consultation" />
        {with_user(move |_| {
            view! {
                <Suspense fallback=|| {
                    view! { <p class="loading">"Loading…"</p> }
                }>
                    {move || Suspend::new(async move {
                        match consultation.await {
                            Ok(Some(view)) => {
                                let error = send.value().get_untracked().and_then(Result::err);
                                let sent = query.with_untracked(|q| q.get("sent")).is_some();
                                view! { <Consultation view error sent /> }.into_any()
                            }
                            Ok(None) => {
                                view! {
                                    <h1>"Consultation"</h1>
                                    <p class="lead">
                                        "There is no consultation open at the moment."
                                    </p>
                                    <p>
                                        <a href="/framework">"Read the current framework"</a>
                                    </p>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorPage error /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        })}
    }
}

#[component]
fn Consultation(view: ConsultationView, error: Option<AppError>, sent: bool) -> impl IntoView {
    let body_error = field_message(error.as_ref(), "body");
    let element_error = field_message(error.as_ref(), "element");
    let version = view.notice.version_id;
    view! {
        <h1>{format!("Have your say: {}", view.notice.name)}</h1>
        <p class="lead">
            {format!(
                "This draft is open for consultation until {}. Read it, then tell the framework team what works and what should change.",
                view.notice.closes,
            )}
        </p>
        {sent
            .then(|| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>"Thank you. Your feedback has been recorded."</p>
                    </div>
                }
            })}
        {error.map(|error| view! { <ErrorSummary error /> })}

        <section aria-labelledby="feedback-heading" class="panel">
            <h2 id="feedback-heading">"Send feedback"</h2>
            <form method="post" action=SendFeedback::PATH class="form" novalidate>
                <input type="hidden" name="version" value=version.to_string() />
                <Field
                    id="element"
                    label="What is your feedback about?"
                    message=Signal::stored(element_error.clone())
                >
                    <select
                        class="select"
                        id="element"
                        name="element"
                        aria-describedby=element_error.is_some().then_some("element-error")
                    >
                        <option value="">"The framework as a whole"</option>
                        {view
                            .element_choices
                            .into_iter()
                            .map(|(id, label)| {
                                view! { <option value=id.to_string()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </Field>
                <Field
                    id="body"
                    label="Your feedback"
                    hint="Up to 2,000 characters. The framework team reads every response."
                    message=Signal::stored(body_error.clone())
                >
                    <textarea
                        class="textarea"
                        id="body"
                        name="body"
                        rows="5"
                        maxlength="2000"
                        aria-invalid=body_error.is_some().then_some("true")
                        aria-describedby=if body_error.is_some() {
                            "body-hint body-error"
                        } else {
                            "body-hint"
                        }
                    ></textarea>
                </Field>
                <button type="submit" class="button">
                    "Send feedback"
                </button>
            </form>
        </section>

        {(!view.mine.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="mine-heading">
                        <h2 id="mine-heading">"Your feedback so far"</h2>
                        <ul class="feedback-list">
                            {view
                                .mine
                                .into_iter()
                                .map(|f| {
                                    view! {
                                        <li class="feedback">
                                            <p class="feedback__about">
                                                {f.about}<span class="feedback__when">{f.when}</span>
                                            </p>
                                            <p class="feedback__body">{f.body}</p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}

        {view.received.map(|groups| view! { <FeedbackReceived groups /> })}

        <section aria-labelledby="draft-heading">
            <h2 id="draft-heading">"The draft"</h2>
            {view
                .strands
                .into_iter()
                .map(|s| {
                    view! {
                        <h3>{s.name}</h3>
                        <ul class="draft-list">
                            {s
                                .elements
                                .into_iter()
                                .map(|e| {
                                    view! {
                                        <li>
                                            <span class="code">{e.code}</span>
                                            " "
                                            <strong>{e.title}</strong>
                                            " — "
                                            {e.summary}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// For administrators: every response, grouped by what it is about, with counts.
#[component]
pub fn FeedbackReceived(groups: Vec<FeedbackGroup>) -> impl IntoView {
    view! {
        <section aria-labelledby="received-heading">
            <h2 id="received-heading">"Feedback received"</h2>
            {if groups.is_empty() {
                view! { <p>"No feedback yet."</p> }.into_any()
            } else {
                groups
                    .into_iter()
                    .map(|g| {
                        let count = g.items.len();
                        view! {
                            <details class="feedback-group" open>
                                <summary>{format!("{} ({count})", g.about)}</summary>
                                <ul class="feedback-list">
                                    {g
                                        .items
                                        .into_iter()
                                        .map(|f| {
                                            view! {
                                                <li class="feedback">
                                                    <p class="feedback__about">
                                                        {f.from}<span class="feedback__when">{f.when}</span>
                                                    </p>
                                                    <p class="feedback__body">{f.body}</p>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}
