//! Giving an award by hand: to one person, or a group at once ("group accreditation"), with a
//! citation in Markdown.

#[cfg(feature = "ssr")]
use super::RECOGNITION;
use crate::error::AppError;
use crate::model::GiveForm;
use crate::ui::components::{ErrorSummary, Field, field_message};
use leptos::prelude::*;
use server_fn::ServerFn;

/// Gives the award the form describes to everyone it names, then tells each of them.
#[server(prefix = "/api", endpoint = "give_award")]
pub async fn give_award(award: GiveForm) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let emails =
        crate::db::recognition::awards::give(&db, &user, &award, chrono::Utc::now()).await?;
    crate::request::mailer()?.send_later(emails);
    leptos_axum::redirect(&format!("{RECOGNITION}?done=given#awards-heading"));
    Ok(())
}

#[component]
pub(super) fn GiveAwardForm(error: Option<AppError>) -> impl IntoView {
    let open = error.is_some();
    let message = |field: &str| Signal::stored(field_message(error.as_ref(), field));
    view! {
        <section class="panel" aria-labelledby="give-heading">
            <h2 id="give-heading">"Give an award"</h2>
            <p>
                "To one person, or to a whole group at once — a think tank, a trust community — for work no milestone counts."
            </p>
            <details class="add" open=open>
                <summary>"Give an award by hand"</summary>
                {error.clone().map(|error| view! { <ErrorSummary error /> })}
                <form method="post" action=GiveAward::PATH class="form" novalidate>
                    <Field
                        id="people"
                        label="Who receives it"
                        hint="One e-mail address per line. Give it to a whole group (a think tank, a trust community) by listing everyone."
                        message=message("people")
                    >
                        <textarea
                            class="textarea"
                            id="people"
                            name="award[people]"
                            rows="3"
                            aria-describedby="people-hint"
                        ></textarea>
                    </Field>
                    <Field id="name" label="Award" message=message("name")>
                        <input
                            class="input input--wide"
                            type="text"
                            id="name"
                            name="award[name]"
                            maxlength="120"
                        />
                    </Field>
                    <Field
                        id="group_name"
                        label="Group (optional)"
                        hint="For a group award: shown with it, like “the SEND think tank”."
                        message=message("group_name")
                    >
                        <input
                            class="input input--wide"
                            type="text"
                            id="group_name"
                            name="award[group_name]"
                            maxlength="120"
                            aria-describedby="group_name-hint"
                        />
                    </Field>
                    <Field
                        id="citation"
                        label="Citation"
                        hint="Markdown. What it recognises, in a sentence or two: it appears with the award."
                        message=message("citation")
                    >
                        <textarea
                            class="textarea"
                            id="citation"
                            name="award[citation]"
                            rows="4"
                            aria-describedby="citation-hint"
                        ></textarea>
                    </Field>
                    <button type="submit" class="button">
                        "Give the award"
                    </button>
                </form>
            </details>
        </section>
    }
}
