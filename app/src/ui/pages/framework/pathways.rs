//! Pathways: the routes through the framework a person can choose to follow.

use crate::domain::PathwayId;
use crate::error::AppError;
use crate::model::{PathwaySummary, PathwayView};
use crate::ui::components::{ErrorPage, Loaded};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

#[server(prefix = "/api", endpoint = "pathways")]
pub async fn get_pathways() -> Result<Vec<PathwaySummary>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::pathways(&db, &user, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "pathway")]
pub async fn get_pathway(id: PathwayId) -> Result<PathwayView, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::pathway_view(&db, &user, id, chrono::Utc::now()).await
}

/// Follows (`follow = true`) or stops following a pathway.
#[server(prefix = "/api", endpoint = "follow_pathway")]
pub async fn follow_pathway(id: PathwayId, follow: bool) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::set_following(&db, &user, id, follow, chrono::Utc::now()).await
}

#[component]
pub fn PathwaysPage() -> impl IntoView {
    let pathways = Resource::new_blocking(|| (), |_| get_pathways());
    view! {
        <Title text="Pathways" />
        {with_user(move |user| {
            let own = user.role_category;
            view! {
                <h1>"Pathways"</h1>
                <p class="lead">
                    "A pathway is a set of framework elements, each with a level to aim for. Follow the ones that fit where you want to grow."
                </p>
                <Transition fallback=|| {
                    view! { <p class="loading">"Loading pathways…"</p> }
                }>
                    {move || Suspend::new(async move {
                        match pathways.await {
                            Ok(list) if list.is_empty() => {
                                view! {
                                    <p>
                                        "There are no pathways yet. They appear when the trust publishes its framework."
                                    </p>
                                }
                                    .into_any()
                            }
                            Ok(list) => {
                                view! {
                                    <ul class="card-grid">
                                        {list
                                            .into_iter()
                                            .map(|p| {
                                                let suits_you = p.role_categories.contains(&own);
                                                view! {
                                                    <li class="card">
                                                        <h2 class="card__title card__title--h2">
                                                            <A href=format!("/pathways/{}", p.id)>{p.name.clone()}</A>
                                                        </h2>
                                                        <p>{p.description.clone()}</p>
                                                        <p class="card__meta">
                                                            {format!(
                                                                "{} {}",
                                                                p.targets,
                                                                if p.targets == 1 { "element" } else { "elements" },
                                                            )}
                                                            {suits_you
                                                                .then(|| {
                                                                    view! {
                                                                        <span class="tag tag--quiet">"Suits your role"</span>
                                                                    }
                                                                })}
                                                            {p
                                                                .following
                                                                .then(|| view! { <span class="tag">"Following"</span> })}
                                                        </p>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
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
pub fn PathwayPage() -> impl IntoView {
    let params = use_params_map();
    let pathway = Resource::new_blocking(
        move || params.with(|p| p.get("id").and_then(|id| id.parse::<PathwayId>().ok())),
        |id| async move {
            match id {
                Some(id) => get_pathway(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=pathway
                    transition=true
                    view=move |pathway| view! { <Pathway pathway /> }
                />
            }
        })}
    }
}

#[component]
fn Pathway(pathway: PathwayView) -> impl IntoView {
    let summary = pathway.summary;
    let following = summary.following;
    let suits = summary
        .role_categories
        .iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <Title text=summary.name.clone() />
        <p class="breadcrumbs">
            <a href="/pathways">"Pathways"</a>
        </p>
        <h1>{summary.name.clone()}</h1>
        <div class="prose lead" inner_html=pathway.description_html></div>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"Suits"</dt>
                <dd>{suits}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"You"</dt>
                <dd>{if following { "Following this pathway" } else { "Not following" }}</dd>
            </div>
        </dl>
        // A plain form post: the server sends the browser back to this page, which then shows
        // the new state, with or without JavaScript.
        <form method="post" action=FollowPathway::PATH class="follow-form">
            <input type="hidden" name="id" value=summary.id.to_string() />
            <input type="hidden" name="follow" value=(!following).to_string() />
            <button
                type="submit"
                class=if following { "button button--secondary" } else { "button" }
            >
                {if following { "Stop following" } else { "Follow this pathway" }}
            </button>
        </form>

        <h2>"Elements and target levels"</h2>
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">
                    "Elements in this pathway and the level to aim for"
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Element"</th>
                        <th scope="col">"Strand"</th>
                        <th scope="col">"Target level"</th>
                    </tr>
                </thead>
                <tbody>
                    {pathway
                        .targets
                        .into_iter()
                        .map(|t| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!(
                                            "/framework/{}",
                                            t.code,
                                        )>{format!("{} {}", t.code, t.title)}</a>
                                    </th>
                                    <td>{t.strand}</td>
                                    <td>{format!("{} · {}", t.level_rank, t.level)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
