//! The public page that checks an Open Badge credential file: pasted, checked once on the
//! server, and the verdict shown at an address no one can guess (so it reads the same with
//! or without JavaScript, and no one can make a link that claims a good result).

use crate::error::AppError;
use crate::model::{CredentialCheck, CredentialVerdict};
use crate::ui::components::{ErrorPage, ErrorSummary, Field, field_message};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// Where credentials are checked.
pub const CHECK: &str = "/credentials/check";

/// Checks a pasted credential and shows the verdict at its own address.
#[server(prefix = "/api", endpoint = "check_credential")]
pub async fn check_credential(credential: String) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let seal = crate::request::seal()?;
    let base = crate::request::base_url()?;
    let check = crate::db::recognition::badge::check(&db, &seal, &base, &credential).await?;
    let token = crate::request::kept()?.keep_check(check);
    leptos_axum::redirect(&format!("{CHECK}?result={token}#verdict"));
    Ok(())
}

/// The verdict kept under `result`.
#[server(prefix = "/api", endpoint = "credential_check")]
pub async fn get_credential_check(result: String) -> Result<CredentialCheck, AppError> {
    crate::request::kept()?
        .kept_check(&result)
        .ok_or_else(|| {
            AppError::Gone(
                "This check has expired: results are kept for fifteen minutes. Paste the credential again."
                    .to_owned(),
            )
        })
}

#[component]
pub fn CheckCredentialPage() -> impl IntoView {
    let query = use_query_map();
    let result = move || query.with(|q| q.get("result").filter(|r| !r.is_empty()));
    let found = Resource::new_blocking(result, |result| async move {
        match result {
            Some(result) => Some(get_credential_check(result).await),
            None => None,
        }
    });
    let check = ServerAction::<CheckCredential>::new();
    view! {
        <Title text="Check a credential" />
        <h1>"Check a credential"</h1>
        <p class="lead">
            "Someone has given you an award from this trust as an Open Badge (a .json file)? Paste it here to check that the trust issued it, that nobody has changed it since, and that the award still stands."
        </p>
        <Transition fallback=|| {
            view! { <p class="loading">"Checking…"</p> }
        }>
            {move || Suspend::new(async move {
                match found.await {
                    None => ().into_any(),
                    Some(Ok(found)) => view! { <Verdict found /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
        {move || {
            let error = check.value().get_untracked().and_then(Result::err);
            view! { <CheckForm error /> }
        }}
    }
}

#[component]
fn CheckForm(error: Option<AppError>) -> impl IntoView {
    let message = Signal::stored(field_message(error.as_ref(), "credential"));
    view! {
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <form method="post" action=CheckCredential::PATH class="form panel" novalidate>
            <Field
                id="credential"
                label="The credential"
                hint="Open the .json file in a text editor, copy all of it and paste it here. Nothing you paste is kept."
                message
            >
                <textarea
                    id="credential"
                    name="credential"
                    rows="10"
                    class="textarea textarea--code"
                    spellcheck="false"
                ></textarea>
            </Field>
            <button type="submit" class="button">
                "Check the credential"
            </button>
        </form>
    }
}

#[component]
fn Verdict(found: CredentialCheck) -> impl IntoView {
    let CredentialCheck { verdict, award } = found;
    let (class, heading, detail) = match verdict {
        CredentialVerdict::Genuine => (
            "panel verdict verdict--genuine",
            "This credential is genuine.".to_owned(),
            "The trust issued it, nobody has changed it since, and the award still stands."
                .to_owned(),
        ),
        CredentialVerdict::Withdrawn(when) => (
            "panel verdict verdict--withdrawn",
            "This credential was issued, but its award no longer stands.".to_owned(),
            when,
        ),
        CredentialVerdict::NotGenuine(why) => (
            "panel verdict verdict--withdrawn",
            "This credential is not genuine.".to_owned(),
            why,
        ),
        CredentialVerdict::Unreadable(why) => (
            "panel verdict verdict--withdrawn",
            "This could not be checked.".to_owned(),
            why,
        ),
    };
    view! {
        <section class=class id="verdict" aria-labelledby="verdict-heading" tabindex="-1">
            <h2 id="verdict-heading">{heading}</h2>
            <p>{detail}</p>
            {award
                .map(|award| {
                    view! {
                        <dl class="facts">
                            <div>
                                <dt>"Awarded to"</dt>
                                <dd>{award.holder}</dd>
                            </div>
                            <div>
                                <dt>"Award"</dt>
                                <dd>{award.award}</dd>
                            </div>
                            <div>
                                <dt>"Given by"</dt>
                                <dd>{award.trust_name}</dd>
                            </div>
                            <div>
                                <dt>"On"</dt>
                                <dd>{award.awarded_on}</dd>
                            </div>
                        </dl>
                    }
                })}
        </section>
    }
}
