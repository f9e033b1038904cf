//! The wall for the staff bulletin: the last few weeks' awards, grouped by award, as a clean
//! page to print or to copy into a newsletter. Only people who chose the wall appear.

use super::WALL;
use crate::domain::AcademyId;
use crate::error::AppError;
use crate::model::{BulletinGroup, BulletinView};
use crate::ui::components::{ChoiceFilter, Loaded};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where the bulletin is.
pub const BULLETIN: &str = "/celebrate/bulletin";

#[server(prefix = "/api", endpoint = "bulletin")]
pub async fn get_bulletin(
    academy: Option<AcademyId>,
    weeks: Option<u32>,
) -> Result<BulletinView, AppError> {
    let (db, _user) = crate::request::db_and_user()?;
    let today = chrono::Utc::now().date_naive();
    crate::db::recognition::bulletin::bulletin(&db, academy, weeks, today).await
}

#[component]
pub fn BulletinPage() -> impl IntoView {
    let query = use_query_map();
    let chosen = move || {
        query.with(|q| {
            (
                q.get("academy").and_then(|a| a.parse::<AcademyId>().ok()),
                q.get("weeks").and_then(|w| w.parse::<u32>().ok()),
            )
        })
    };
    let bulletin = Resource::new_blocking(chosen, |(academy, weeks)| get_bulletin(academy, weeks));
    view! {
        <Title text="For the staff bulletin" />
        {with_user(move |_| {
            view! {
                <Loaded resource=bulletin view=move |bulletin| view! { <Bulletin bulletin /> } />
            }
        })}
    }
}

#[component]
fn Bulletin(bulletin: BulletinView) -> impl IntoView {
    let BulletinView {
        trust_name,
        weeks,
        week_choices,
        from,
        to,
        academies,
        academy,
        academy_name,
        groups,
        more,
    } = bulletin;
    let people: usize = groups.iter().map(|g| g.awards.len()).sum();
    let whose = academy_name.map_or_else(|| trust_name.clone(), |a| format!("{a}, {trust_name}"));
    let body = if groups.is_empty() {
        view! {
            <p class="empty">
                "No awards in these weeks among colleagues who appear on the wall. Choose more weeks, or another academy."
            </p>
        }
        .into_any()
    } else {
        groups
            .into_iter()
            .enumerate()
            .map(|(n, group)| view! { <Group group n /> })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="no-print bulletin-tools">
            <p>
                <a href=WALL>"Back to the wall"</a>
            </p>
            <p>
                "A page to print, or to copy into the staff bulletin. It shows only colleagues who have chosen to appear on the wall."
            </p>
            <form
                method="get"
                action=BULLETIN
                class="filters"
                aria-label="Choose the bulletin's weeks and academy"
            >
                <div class="field field--inline">
                    <label class="field__label" for="weeks">
                        "Awards from"
                    </label>
                    <select class="select" id="weeks" name="weeks">
                        {week_choices
                            .into_iter()
                            .map(|w| {
                                let label = match w {
                                    1 => "the last week".to_owned(),
                                    13 => "the last term (13 weeks)".to_owned(),
                                    n => format!("the last {n} weeks"),
                                };
                                view! {
                                    <option value=w.to_string() selected=w == weeks>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <ChoiceFilter
                    id="academy"
                    label="Academy"
                    every="Every academy"
                    choices=academies.into_iter().map(|(id, name)| (id.to_string(), name)).collect()
                    chosen=academy.map(|a| a.to_string())
                />
                <button type="submit" class="button button--secondary">
                    "Show"
                </button>
            </form>
        </div>
        <article class="bulletin">
            <p class="bulletin__masthead">{whose}</p>
            <h1>"Celebrating our colleagues"</h1>
            <p class="bulletin__period">
                {format!("Awards and milestones from {from} to {to}")}
                {(people > 0)
                    .then(|| {
                        format!(
                            ": {people} {} to celebrate.",
                            if people == 1 { "award" } else { "awards" },
                        )
                    })}
            </p>
            {body}
            {(more > 0)
                .then(|| {
                    view! {
                        <p class="bulletin__more">
                            {format!(
                                "And {more} more: choose fewer weeks or one academy to see them all.",
                            )}
                        </p>
                    }
                })}
        </article>
    }
}

#[component]
fn Group(group: BulletinGroup, n: usize) -> impl IntoView {
    let BulletinGroup {
        award,
        colour,
        awards,
    } = group;
    // A milestone's awards share its description: said once, with the names in columns.
    let shared = awards
        .first()
        .map(|first| first.citation_html.clone())
        .filter(|c| awards.iter().all(|a| &a.citation_html == c));
    let list_class = if shared.is_some() {
        "bulletin__list bulletin__list--names"
    } else {
        "bulletin__list"
    };
    let show_citations = shared.is_none();
    view! {
        <section
            class="bulletin__group"
            style=format!("--award-colour: {colour}")
            aria-labelledby=format!("award-{n}")
        >
            <h2 id=format!("award-{n}")>{award}</h2>
            {shared
                .map(|citation| {
                    view! { <div class="prose bulletin__citation" inner_html=citation></div> }
                })}
            <ul class=list_class>
                {awards
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li>
                                <p class="bulletin__who">
                                    <strong>{a.person_name}</strong>
                                    {format!(", {}", a.workplace)}
                                    {(!a.group_name.is_empty())
                                        .then(|| format!(", with {}", a.group_name))}
                                    <span class="bulletin__date">
                                        {format!(" · {}", a.awarded_on)}
                                    </span>
                                </p>
                                {show_citations
                                    .then(|| {
                                        view! {
                                            <div class="prose" inner_html=a.citation_html></div>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
