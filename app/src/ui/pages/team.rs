//! "My team": a line manager's direct reports.

use super::with_user;
use crate::error::AppError;
use crate::model::PersonSummary;
use crate::ui::components::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

/// The signed-in person's direct reports.
#[server(prefix = "/api", endpoint = "team")]
pub async fn get_team() -> Result<Vec<PersonSummary>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::people::team(&db, &user).await
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let team = Resource::new_blocking(|| (), |_| get_team());
    view! {
        <Title text="My team" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=team
                    loading="Loading your team…"
                    view=move |people| view! { <Team people /> }
                />
            }
        })}
    }
}

#[component]
fn Team(people: Vec<PersonSummary>) -> impl IntoView {
    let count = people.len();
    view! {
        <h1>"My team"</h1>
        <p class="lead">
            {format!("You line-manage {count} {}.", if count == 1 { "person" } else { "people" })}
        </p>
        <super::people::PeopleTable people caption="Your direct reports" />
    }
}
