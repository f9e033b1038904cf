//! Sign-in settings (administrators): which single sign-on this server offers, how many
//! people have used it, and whether passwords are still accepted.

use crate::domain::sso::{Provider, may_require_sso};
use crate::error::AppError;
use crate::ui::components::{ErrorSummary, Loaded};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use server_fn::ServerFn;

/// Where the settings live.
pub const SIGN_IN_SETTINGS: &str = "/manage/sign-in";

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInSettings {
    pub providers: Vec<Provider>,
    pub sso_required: bool,
    /// The administrator looking has signed in with a provider.
    pub you_have_linked: bool,
    /// People who have signed in with a provider, out of all active people.
    pub linked_people: u64,
    pub active_people: u64,
}

#[server(prefix = "/api", endpoint = "sign_in_settings")]
pub async fn get_sign_in_settings() -> Result<SignInSettings, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::domain::authorize(&user.actor, crate::domain::Action::ManageOrganisation)?;
    let offered = use_context::<crate::model::SsoOffer>().unwrap_or_default();
    let (linked_people, active_people) = crate::db::auth::sso::linked_counts(&db).await?;
    Ok(SignInSettings {
        providers: offered.0,
        sso_required: crate::db::auth::sso::sso_required(&db).await?,
        you_have_linked: !crate::db::auth::sso::linked_providers(&db, user.actor.id)
            .await?
            .is_empty(),
        linked_people,
        active_people,
    })
}

/// Requires single sign-on for everyone (`required=true`), or accepts passwords again.
#[server(prefix = "/api", endpoint = "set_sso_required")]
pub async fn set_sso_required(required: bool) -> Result<(), AppError> {
    use crate::db::auth::sso;
    let (db, user) = crate::request::db_and_user()?;
    crate::domain::authorize(&user.actor, crate::domain::Action::ManageOrganisation)?;
    if required {
        let offered = use_context::<crate::model::SsoOffer>().unwrap_or_default();
        let linked = !sso::linked_providers(&db, user.actor.id).await?.is_empty();
        may_require_sso(&offered.0, linked)
            .map_err(|why| AppError::Conflict(why.message().into()))?;
    }
    sso::set_sso_required(&db, required).await?;
    tracing::info!(by = user.actor.id.0, required, "sign-in policy changed");
    let done = if required { "required" } else { "passwords" };
    leptos_axum::redirect(&format!("{SIGN_IN_SETTINGS}?done={done}"));
    Ok(())
}

#[component]
pub fn SignInSettingsPage() -> impl IntoView {
    let settings = Resource::new_blocking(|| (), |()| get_sign_in_settings());
    let set = ServerAction::<SetSsoRequired>::new();
    let query = use_query_map();
    view! {
        <Title text="Sign-in settings" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=settings
                    view=move |settings| {
                        let error = set.value().get_untracked().and_then(Result::err);
                        let done = query.with_untracked(|q| q.get("done"));
                        view! { <Settings settings error done /> }.into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn Settings(
    settings: SignInSettings,
    error: Option<AppError>,
    done: Option<String>,
) -> impl IntoView {
    let notice = done.map(|d| match d.as_str() {
        "required" => "Passwords are off: everyone signs in with their trust account.",
        _ => "Passwords are accepted again, as well as trust accounts.",
    });
    let offered = if settings.providers.is_empty() {
        "None is set up on this server. The README says how to register Waymark with Microsoft Entra ID or Google Workspace.".to_owned()
    } else {
        let names: Vec<_> = settings.providers.iter().map(|p| p.label()).collect();
        format!("Set up on this server: {}.", names.join(" and "))
    };
    let used = format!(
        "{} of {} people have signed in with their trust account.",
        crate::domain::text::count(settings.linked_people),
        crate::domain::text::count(settings.active_people)
    );
    let (state, button, value) = if settings.sso_required {
        (
            "Everyone signs in with their trust account. Passwords are refused.",
            "Accept passwords again",
            "false",
        )
    } else {
        (
            "People can sign in with their trust account or with a Waymark password.",
            "Require trust accounts for everyone",
            "true",
        )
    };
    let blocked = (!settings.sso_required)
        .then(|| may_require_sso(&settings.providers, settings.you_have_linked).err())
        .flatten();
    view! {
        <h1>"Sign-in settings"</h1>
        <p class="lead">"How staff sign in to Waymark."</p>
        {notice
            .map(|m| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>{m}</p>
                    </div>
                }
            })}
        {error.map(|error| view! { <ErrorSummary error /> })}
        <section aria-labelledby="sso-heading">
            <h2 id="sso-heading">"Single sign-on"</h2>
            <p>{offered}</p>
            <p>{used}</p>
        </section>
        <section aria-labelledby="passwords-heading">
            <h2 id="passwords-heading">"Passwords"</h2>
            <p>{state}</p>
            {(!settings.sso_required)
                .then(|| {
                    view! {
                        <p>
                            "When trust accounts are required, nobody can sign in or reset a password with Waymark's own passwords, administrators included. Someone who leaves the trust's Microsoft or Google directory can no longer sign in."
                        </p>
                    }
                })}
            {blocked.map(|why| view! { <p class="field__hint">{why.message()}</p> })}
            <form method="post" action=SetSsoRequired::PATH class="form">
                <input type="hidden" name="required" value=value />
                <button
                    type="submit"
                    class=if settings.sso_required { "button button--secondary" } else { "button" }
                >
                    {button}
                </button>
            </form>
        </section>
    }
}
