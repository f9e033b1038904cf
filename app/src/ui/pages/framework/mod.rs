//! The leadership framework as staff read it: the strands at a glance (here), each element's
//! ladder of levels (`element.rs`), and the pathways they can follow (`pathways.rs`).

mod element;
mod pathways;

pub use element::ElementPage;
pub use pathways::{PathwayPage, PathwaysPage};

use super::with_user;
use crate::domain::StrandId;
use crate::error::AppError;
use crate::model::FrameworkOverview;
use crate::ui::components::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The published framework, narrowed by `q` (words) and `strand` (an id).
#[server(prefix = "/api", endpoint = "framework")]
pub async fn get_framework(
    q: String,
    strand: Option<StrandId>,
) -> Result<Option<FrameworkOverview>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::overview(
        &db,
        &crate::request::kept()?,
        &user,
        &q,
        strand,
        chrono::Utc::now(),
    )
    .await
}

#[component]
pub fn FrameworkPage() -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get("q").unwrap_or_default().trim().to_owned(),
                q.get("strand").and_then(|s| s.parse::<StrandId>().ok()),
            )
        })
    });
    let framework =
        Resource::new_blocking(move || search.get(), |(q, strand)| get_framework(q, strand));
    view! {
        <Title text="Leadership framework" />
        {with_user(move |_| {
            view! {
                <Transition fallback=|| {
                    view! { <p class="loading">"Loading the framework…"</p> }
                }>
                    {move || Suspend::new(async move {
                        match framework.await {
                            Ok(Some(overview)) => {
                                let (q, strand) = search.get_untracked();
                                view! { <Framework overview q strand /> }.into_any()
                            }
                            Ok(None) => {
                                view! {
                                    <h1>"Leadership framework"</h1>
                                    <p class="lead">
                                        "The trust has not published its leadership framework yet."
                                    </p>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorPage error /> }.into_any(),
                        }
                    })}
                </Transition>
            }
        })}
    }
}

#[component]
fn Framework(overview: FrameworkOverview, q: String, strand: Option<StrandId>) -> impl IntoView {
    let all_strands = overview.strands.clone();
    let filtered = !q.is_empty() || strand.is_some();
    let heading = match overview.matches {
        0 => "No elements match".to_owned(),
        1 => "1 element".to_owned(),
        n => format!("{n} elements"),
    };
    view! {
        <h1>{overview.name.clone()}</h1>
        <p class="lead">
            "What leadership looks like across the trust, for every role: attitudes, behaviours and skills, each described level by level."
        </p>
        <p class="downloads">
            <a href="/framework.json" download>
                "Download as JSON"
            </a>
            <a href="/framework.case.json" download>
                "Download as a CASE 1.1 package"
            </a>
        </p>
        {overview
            .consultation
            .clone()
            .map(|c| {
                view! {
                    <div class="notice" role="region" aria-label="Consultation">
                        <p>
                            <strong>
                                {format!("{} is open for consultation until {}.", c.name, c.closes)}
                            </strong>
                            " "
                            <a href="/consultation">"Read the draft and have your say"</a>
                        </p>
                    </div>
                }
            })}

        <section aria-labelledby="levels-heading">
            <h2 id="levels-heading">"Levels"</h2>
            <ol class="levels">
                {overview
                    .levels
                    .iter()
                    .map(|l| {
                        view! {
                            <li class="levels__item">
                                <span class="levels__name">{l.name.clone()}</span>
                                <span class="levels__description">{l.description.clone()}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>

        <Form method="GET" action="/framework" attr:class="search-form" attr:role="search">
            <div class="field">
                <label class="field__label" for="q">
                    "Search the framework"
                </label>
                <input class="input" id="q" name="q" type="search" value=q.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="strand">
                    "Strand"
                </label>
                <select class="select" id="strand" name="strand">
                    <option value="" selected=strand.is_none()>
                        "All strands"
                    </option>
                    {all_strands
                        .iter()
                        .map(|s| {
                            view! {
                                <option value=s.id.to_string() selected=strand == Some(s.id)>
                                    {s.name.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">
                "Search"
            </button>
        </Form>

        {filtered
            .then(|| {
                view! {
                    <p class="results-heading" role="status">
                        {heading}
                        " · "
                        <a href="/framework">"Clear search"</a>
                    </p>
                }
            })}

        {overview
            .strands
            .into_iter()
            .filter(|s| !s.elements.is_empty())
            .map(|s| {
                let heading_id = format!("strand-{}", s.id);
                let labelled_by = heading_id.clone();
                view! {
                    <section class="strand" aria-labelledby=labelled_by>
                        <h2 id=heading_id>{s.name}</h2>
                        <p>{s.description}</p>
                        <ul class="card-grid">
                            {s
                                .elements
                                .into_iter()
                                .map(|e| {
                                    view! {
                                        <li class="card">
                                            <h3 class="card__title">
                                                <a href=format!("/framework/{}", e.code)>
                                                    <span class="code">{e.code.clone()}</span>
                                                    " "
                                                    {e.title}
                                                </a>
                                            </h3>
                                            <p>{e.summary}</p>
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
}
