//! The leadership framework as staff read it: the strands at a glance, each element's ladder
//! of levels, and the pathways they can follow.

use super::with_user;
use crate::domain::RoleCategory;
use crate::domain::{PathwayId, StrandId};
use crate::error::AppError;
use crate::model::{ElementView, FrameworkOverview, PathwaySummary, PathwayView};
use crate::ui::components::{ErrorPage, Loaded};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// The published framework, narrowed by `q` (words) and `strand` (an id).
#[server(prefix = "/api", endpoint = "framework")]
pub async fn get_framework(
    q: String,
    strand: Option<StrandId>,
) -> Result<Option<FrameworkOverview>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::framework::overview(&db, &user, &q, strand, chrono::Utc::now()).await
}

/// One element; `variant` is a role category code, `all` for the descriptors for everyone,
/// or empty for the viewer's own role category.
#[server(prefix = "/api", endpoint = "element")]
pub async fn get_element(code: String, variant: String) -> Result<ElementView, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let variant = match variant.as_str() {
        "" => None,
        "all" => Some(None),
        code => Some(Some(
            RoleCategory::from_code(code).ok_or(AppError::NotFound)?,
        )),
    };
    crate::db::framework::element_view(&db, &user, &code, variant, chrono::Utc::now()).await
}

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

#[component]
pub fn ElementPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        (
            params.with(|p| p.get("code").unwrap_or_default()),
            query.with(|q| q.get("for").unwrap_or_default()),
        )
    });
    let element = Resource::new_blocking(
        move || key.get(),
        |(code, variant)| get_element(code, variant),
    );
    view! {
        {with_user(move |user| {
            let own = user.role_category;
            view! {
                <Loaded
                    resource=element
                    transition=true
                    view=move |element| view! { <Element element own /> }
                />
            }
        })}
    }
}

#[component]
fn Element(element: ElementView, own: RoleCategory) -> impl IntoView {
    let code = element.code.clone();
    let showing = element.showing;
    // Offer "for everyone", the viewer's own category, and every category with a variant.
    let mut choices: Vec<Option<RoleCategory>> = vec![None, Some(own)];
    for c in &element.variants {
        if *c != own {
            choices.push(Some(*c));
        }
    }
    let choice_links = choices
        .into_iter()
        .map(|choice| {
            let label = match choice {
                None => "Everyone".to_owned(),
                Some(c) if c == own => format!("{} (you)", c.label()),
                Some(c) => c.label().to_owned(),
            };
            let href = format!(
                "/framework/{}?for={}",
                code,
                choice.map(|c| c.code()).unwrap_or("all")
            );
            let current = (choice == showing).then_some("page");
            view! {
                <li>
                    <a href=href aria-current=current>
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} {}", element.code, element.title) />
        <p class="breadcrumbs">
            <a href="/framework">"Leadership framework"</a>
            " › "
            {element.strand.clone()}
        </p>
        <h1>
            <span class="code">{element.code.clone()}</span>
            " "
            {element.title.clone()}
        </h1>
        <p class="lead">{element.summary.clone()}</p>
        <div class="prose" inner_html=element.description_html.clone()></div>

        <h2 id="ladder-heading">"What it looks like at each level"</h2>
        <nav class="variant-switch" aria-label="Descriptors for">
            <span class="variant-switch__label">"Descriptors for:"</span>
            <ul>{choice_links}</ul>
        </nav>
        <ol class="ladder" aria-labelledby="ladder-heading">
            {element
                .rungs
                .into_iter()
                .map(|rung| {
                    view! {
                        <li class="ladder__rung">
                            <div class="ladder__level">
                                <span class="ladder__rank">{format!("Level {}", rung.rank)}</span>
                                <h3 class="ladder__name">{rung.level.clone()}</h3>
                                <p class="ladder__reach">{rung.level_description.clone()}</p>
                            </div>
                            <div class="ladder__descriptor">
                                {rung
                                    .tailored_for
                                    .map(|c| {
                                        view! { <p class="tag">{format!("For {}", c.label())}</p> }
                                    })}
                                {match rung.descriptor_html {
                                    Some(html) => {
                                        view! { <div class="prose" inner_html=html></div> }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <p class="muted">
                                                "No descriptor has been written for this level yet."
                                            </p>
                                        }
                                            .into_any()
                                    }
                                }}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
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
