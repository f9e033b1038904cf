//! People: the staff directory (search the people you may see, by name, e-mail, job title,
//! academy, role category and, for HR and administrators, leavers) and each person's record.

pub mod record;

use super::with_user;
use crate::domain::{AccessRole, PersonStatus, RoleCategory};
use crate::error::AppError;
use crate::model::{AcademySummary, CENTRAL_TEAM, CurrentUser, Page, PeopleFilter, PersonSummary};
use crate::ui::components::{Loaded, Pager};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// One page of the directory, and the academies to filter by.
#[server(prefix = "/api", endpoint = "people")]
pub async fn get_people(
    filter: PeopleFilter,
) -> Result<(Page<PersonSummary>, Vec<AcademySummary>), AppError> {
    use crate::db::people;
    let (db, user) = crate::request::db_and_user()?;
    let found = people::directory(&db, &user, &filter).await?;
    let academies = people::academies(&db, &user).await?;
    Ok((found, academies))
}

/// The address of `filter`'s results at `page`: `/people?q=…&academy=…&category=…&status=…`.
fn href(filter: &PeopleFilter, page: u64) -> String {
    let mut params = vec![format!("page={page}")];
    if !filter.q.is_empty() {
        params.push(format!("q={}", crate::url::encode_query_value(&filter.q)));
    }
    if let Some(academy) = filter.academy {
        params.push(format!("academy={academy}"));
    }
    if let Some(category) = filter.category {
        params.push(format!("category={}", category.code()));
    }
    if filter.no_password {
        params.push("status=no_password".to_owned());
    } else if filter.status != PersonStatus::Active {
        params.push(format!("status={}", filter.status.code()));
    }
    format!("/people?{}", params.join("&"))
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| {
        query.with(|q| PeopleFilter {
            q: q.get("q").unwrap_or_default().trim().to_owned(),
            academy: q.get("academy").and_then(|a| a.parse().ok()),
            category: q.get("category").and_then(|c| RoleCategory::from_code(&c)),
            no_password: q.get("status").as_deref() == Some("no_password"),
            status: q
                .get("status")
                .and_then(|s| PersonStatus::from_code(&s))
                .unwrap_or(PersonStatus::Active),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        })
    });
    let results = Resource::new_blocking(move || search.get(), get_people);
    view! {
        <Title text="People" />
        {with_user(move |user| {
            view! {
                <Loaded
                    resource=results
                    loading="Loading people…"
                    transition=true
                    view=move |(page, academies)| {
                        let viewer = user.clone();
                        view! { <Directory search=search.get_untracked() page academies viewer /> }
                            .into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn Directory(
    search: PeopleFilter,
    page: Page<PersonSummary>,
    academies: Vec<AcademySummary>,
    viewer: CurrentUser,
) -> impl IntoView {
    let one_academy = academies.len() == 1;
    let admin = viewer.actor.has_role(AccessRole::Administrator);
    let whole_trust = !one_academy;
    let records =
        viewer.actor.has_role(AccessRole::Hr) || viewer.actor.has_role(AccessRole::Administrator);
    let leavers = search.status == PersonStatus::Left;
    let no_password = search.no_password;
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
        (_, n) if leavers => format!("{n} {}", if n == 1 { "leaver" } else { "leavers" }),
        (_, n) if no_password => format!(
            "{n} {} not set a password yet",
            if n == 1 { "person has" } else { "people have" }
        ),
        (_, n) => format!("{n} {}", if n == 1 { "person" } else { "people" }),
    };
    let page_count = page.page_count();
    let filter = search.clone();
    let current_page = page.page;
    let empty = page.items.is_empty();
    view! {
        <h1>"People"</h1>
        {admin
            .then(|| {
                view! {
                    <p>
                        <a class="button" href=crate::ui::pages::manage::people::NEW_PERSON>
                            "Add a person"
                        </a>
                        " "
                        <a
                            class="button button--secondary"
                            href=crate::ui::pages::manage::people::import::IMPORT
                        >
                            "Import staff from a CSV file"
                        </a>
                        " "
                        <a
                            class="button button--secondary"
                            href=crate::ui::pages::manage::sign_in::SIGN_IN_SETTINGS
                        >
                            "Sign-in settings"
                        </a>
                    </p>
                }
            })}
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
                                        let label = if a.closed {
                                            format!("{} (closed)", a.name)
                                        } else {
                                            format!("{} ({})", a.name, a.staff)
                                        };
                                        view! {
                                            <option value=a.id.to_string() selected=selected>
                                                {label}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <div class="field">
                <label class="field__label" for="category">
                    "Role category"
                </label>
                <select class="select" id="category" name="category">
                    <option value="" selected=search.category.is_none()>
                        "All role categories"
                    </option>
                    {RoleCategory::ALL
                        .iter()
                        .map(|c| {
                            view! {
                                <option value=c.code() selected=search.category == Some(*c)>
                                    {c.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {whole_trust
                .then(|| {
                    view! {
                        <div class="field">
                            <label class="field__label" for="status">
                                "Status"
                            </label>
                            <select class="select" id="status" name="status">
                                <option value="active" selected=!leavers && !no_password>
                                    "Working here"
                                </option>
                                <option value="left" selected=leavers>
                                    "Left the trust"
                                </option>
                                {admin
                                    .then(|| {
                                        view! {
                                            <option value="no_password" selected=no_password>
                                                "Not yet set a password"
                                            </option>
                                        }
                                    })}
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
                <PeopleTable people=page.items caption="People" records />
                <Pager page=current_page count=page_count href=move |p| href(&filter, p) />
            }
                .into_any()
        }}
    }
}

/// A table of people, shared by the directory and "My team".
#[component]
pub fn PeopleTable(
    people: Vec<PersonSummary>,
    caption: &'static str,
    /// Link each name to the person's record (for HR and administrators) rather than to their
    /// portfolio.
    #[prop(optional)]
    records: bool,
) -> impl IntoView {
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
                            let (href, goes_to) = if records {
                                (format!("/people/{}", p.id), ": record")
                            } else {
                                (format!("/portfolio/{}", p.id), ": portfolio")
                            };
                            let secondary = match &p.left_on {
                                Some(day) => format!("{} · left on {day}", p.email),
                                None => p.email.clone(),
                            };
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=href>
                                            {p.name}<span class="visually-hidden">{goes_to}</span>
                                        </a>
                                        <span class="table__secondary">{secondary}</span>
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
