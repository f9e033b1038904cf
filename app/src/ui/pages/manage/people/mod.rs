//! People (administrators): add someone, change their record (academy, job title, role
//! category, line manager, access roles), and mark a leaver or bring them back. Every change
//! lands in the person's audit trail, which their record page shows.

mod form;
pub mod import;
mod leaving;

use crate::domain::PersonId;
use crate::domain::people::{LeavingForm, PersonForm};
use crate::error::AppError;
use crate::model::PersonEditor;
use crate::ui::components::Loaded;
use crate::ui::pages::people::record::record_href;
use crate::ui::pages::{load_id, with_user};
use leptos::prelude::*;
use leptos_meta::Title;

/// Where an administrator adds a person.
pub const NEW_PERSON: &str = "/manage/people/new";

/// Where an administrator changes `person`'s record.
pub fn edit_href(person: PersonId) -> String {
    format!("/manage/people/{person}")
}

/// The person form; `id` is `None` to add someone.
#[server(prefix = "/api", endpoint = "person_editor")]
pub async fn get_person_editor(id: Option<PersonId>) -> Result<PersonEditor, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::people::editor(&db, &user, id, chrono::Utc::now()).await
}

/// Adds a person (no `id`) or changes one, then shows their record.
#[server(prefix = "/api", endpoint = "save_person")]
pub async fn save_person(id: Option<PersonId>, person: PersonForm) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let saved = crate::db::people::save(&db, &user, id, &person, chrono::Utc::now()).await?;
    let done = match id {
        None => "done=added".to_owned(),
        Some(_) => format!("done=saved&n={}", saved.moved),
    };
    leptos_axum::redirect(&format!("{}?{done}", record_href(saved.id)));
    Ok(())
}

/// Marks someone as having left the trust on the day given.
#[server(prefix = "/api", endpoint = "mark_leaver")]
pub async fn mark_leaver(id: PersonId, leaving: LeavingForm) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let reports =
        crate::db::people::mark_left(&db, &user, id, &leaving, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("{}?done=left&n={reports}", record_href(id)));
    Ok(())
}

/// Sends someone an invitation to set their password (again, replacing the last link).
#[server(prefix = "/api", endpoint = "send_invitation")]
pub async fn send_invitation(id: PersonId) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let email = crate::db::getting_in::invite(&db, &user, id, chrono::Utc::now()).await?;
    crate::request::mailer()?.send_later(vec![email]);
    leptos_axum::redirect(&format!("{}?done=invited", record_href(id)));
    Ok(())
}

/// Signs someone out on every device (administrators): a lost laptop, a shared computer left
/// signed in.
#[server(prefix = "/api", endpoint = "end_sessions")]
pub async fn end_sessions(id: PersonId) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::domain::authorize(&user.actor, crate::domain::Action::ManageOrganisation)?;
    let ended = crate::db::auth::end_sessions(&db, id).await?;
    tracing::info!(
        by = user.actor.id.0,
        person = id.0,
        sessions = ended,
        "an administrator ended someone's sessions"
    );
    leptos_axum::redirect(&format!("{}?done=ended&n={ended}", record_href(id)));
    Ok(())
}

/// Marks a leaver as working for the trust again.
#[server(prefix = "/api", endpoint = "mark_returned")]
pub async fn mark_returned(id: PersonId) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::people::mark_returned(&db, &user, id, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("{}?done=returned", record_href(id)));
    Ok(())
}

#[component]
pub fn PersonEditorPage() -> impl IntoView {
    // `new` adds a person; an address naming no one is "not found".
    let params = leptos_router::hooks::use_params_map();
    let key = move || {
        params.with(|p| match p.get("id").as_deref() {
            Some("new") => Some(None),
            Some(id) => id.parse::<PersonId>().ok().map(Some),
            None => None,
        })
    };
    let editor = Resource::new_blocking(key, |key| load_id(key, get_person_editor));
    let save = ServerAction::<SavePerson>::new();
    let leave = ServerAction::<MarkLeaver>::new();
    view! {
        <Title text="Person" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=editor
                    view=move |editor| {
                        let PersonEditor { person, academies, today } = editor;
                        let heading = person
                            .as_ref()
                            .map_or_else(
                                || "Add a person".to_owned(),
                                |p| format!("Change {}’s record", p.name),
                            );
                        let back = person
                            .as_ref()
                            .map_or_else(|| "/people".to_owned(), |p| record_href(p.id));
                        let leaving = person
                            .clone()
                            .map(|person| view! { <leaving::LeavingSection person leave today /> });
                        view! {
                            <Title text=heading.clone() />
                            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                                <a href="/people">"People"</a>
                            </nav>
                            <h1>{heading}</h1>
                            <form::PersonFormView person academies save back />
                            {leaving}
                        }
                    }
                />
            }
        })}
    }
}
