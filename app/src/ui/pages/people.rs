//! The staff directory: search the people you may see, by name, e-mail, job title or academy.

use super::with_user;
use crate::domain::AcademyId;
use crate::error::AppError;
use crate::model::{AcademySummary, CENTRAL_TEAM, Page, PersonSummary};
use crate::ui::components::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// One page of the directory, and the academies to filter by.
#[server(prefix = "/api", endpoint = "people")]
pub async fn get_people(
    q: String,
    academy: Option<AcademyId>,
    page: u64,
) -> Result<(Page<PersonSummary>, Vec<AcademySummary>), AppError> {
    use crate::db::people;
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let found = people::directory(&db, &user, &q, academy, page).await?;
    let academies = people::academies(&db, &user).await?;
    Ok((found, academies))
}

/// The search as given in the address: `?q=…&academy=…&page=…`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Search {
    q: String,
    academy: Option<AcademyId>,
    page: u64,
}

impl Search {
    fn href(&self, page: u64) -> String {
        let mut params = vec![format!("page={page}")];
        if !self.q.is_empty() {
            params.push(format!("q={}", crate::url::encode_query_value(&self.q)));
        }
        if let Some(academy) = self.academy {
            params.push(format!("academy={academy}"));
        }
        format!("/people?{}", params.join("&"))
    }
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| {
        query.with(|q| Search {
            q: q.get("q").unwrap_or_default().trim().to_owned(),
            academy: q.get("academy").and_then(|a| a.parse().ok()),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        })
    });
    let results =
        Resource::new_blocking(move || search.get(), |s| get_people(s.q, s.academy, s.page));
    view! {
        <Title text="People" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=results
                    loading="Loading people…"
                    transition=true
                    view=move |(page, academies)| {
                        view! { <Directory search=search.get_untracked() page academies /> }
                            .into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn Directory(
    search: Search,
    page: Page<PersonSummary>,
    academies: Vec<AcademySummary>,
) -> impl IntoView {
    let one_academy = academies.len() == 1;
    let heading = match (&search.q, page.total) {
        (q, 0) if !q.is_empty() => format!("No one matches “{q}”"),
        (q, n) if !q.is_empty() => format!(
            "{n} {} “{q}”",
            if n == 1 {
                "person matches"
            } else {
                "people match"
            }
        ),
        (_, n) => format!("{n} {}", if n == 1 { "person" } else { "people" }),
    };
    let previous = (page.page > 1).then(|| search.href(page.page - 1));
    let next = (page.page < page.page_count()).then(|| search.href(page.page + 1));
    let page_count = page.page_count();
    let current_page = page.page;
    let empty = page.items.is_empty();
    view! {
        <h1>"People"</h1>
        <Form method="GET" action="/people" attr:class="search-form" attr:role="search">
            <div class="field">
                <label class="field__label" for="q">
                    "Name, e-mail or job title"
                </label>
                <input class="input" id="q" name="q" type="search" value=search.q.clone() />
            </div>
            {(!one_academy)
                .then(|| {
                    view! {
                        <div class="field">
                            <label class="field__label" for="academy">
                                "Academy"
                            </label>
                            <select class="select" id="academy" name="academy">
                                <option value="" selected=search.academy.is_none()>
                                    "All academies"
                                </option>
                                {academies
                                    .iter()
                                    .map(|a| {
                                        let selected = search.academy == Some(a.id);
                                        view! {
                                            <option value=a.id.to_string() selected=selected>
                                                {format!("{} ({})", a.name, a.staff)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <button type="submit" class="button">
                "Search"
            </button>
        </Form>

        <h2 class="results-heading" aria-live="polite">
            {heading}
        </h2>
        {if empty {
            view! { <p>"Check the spelling, or search for part of a name or job title."</p> }
                .into_any()
        } else {
            view! {
                <PeopleTable people=page.items caption="People" />
                <nav class="pagination" aria-label="Pages of results">
                    {previous
                        .map(|href| {
                            view! {
                                <a href=href rel="prev">
                                    "Previous"
                                    <span class="visually-hidden">" page"</span>
                                </a>
                            }
                        })}
                    <span>{format!("Page {current_page} of {page_count}")}</span>
                    {next
                        .map(|href| {
                            view! {
                                <a href=href rel="next">
                                    "Next"
                                    <span class="visually-hidden">" page"</span>
                                </a>
                            }
                        })}
                </nav>
            }
                .into_any()
        }}
    }
}

/// A table of people, shared by the directory and "My team".
#[component]
pub fn PeopleTable(people: Vec<PersonSummary>, caption: &'static str) -> impl IntoView {
    if people.is_empty() {
        return view! { <p class="empty">"No one to show."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Job title"</th>
                        <th scope="col">"Academy"</th>
                        <th scope="col">"Role category"</th>
                        <th scope="col" class="numeric">
                            "Reports"
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {people
                        .into_iter()
                        .map(|p| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!(
                                            "/portfolio/{}",
                                            p.id,
                                        )>
                                            {p.name}<span class="visually-hidden">": portfolio"</span>
                                        </a>
                                        <span class="table__secondary">{p.email}</span>
                                    </th>
                                    <td>{p.job_title}</td>
                                    <td>
                                        {p.academy_name.unwrap_or_else(|| CENTRAL_TEAM.to_owned())}
                                    </td>
                                    <td>{p.role_category.label()}</td>
                                    <td class="numeric">{p.direct_reports}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
