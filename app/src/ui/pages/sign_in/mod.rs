//! Signing in and out. Both are plain HTML form posts (with or without JavaScript), so the
//! browser always reloads into the new session and no page keeps a stale view of who is in.
//! Microsoft and Google sign-in are in [`sso`].

mod sso;
pub use sso::NotKnownPage;

use crate::error::AppError;
use crate::ui::Session;
use crate::ui::components::{ErrorSummary, Field, field_message};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// Checks the e-mail and password, starts a session and sends the browser on to `next`.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::db::auth;
    use crate::request;

    let db = request::db()?;
    let session = auth::sign_in(
        &db,
        &email,
        &password,
        request::client_address()?,
        request::session_token()?.as_deref(),
        chrono::Utc::now(),
    )
    .await?;
    let cookie = request::session_cookie(
        Some(&session.token),
        auth::SESSION_LIFETIME.num_seconds(),
        request::secure_cookies()?,
    );
    request::set_cookie(&cookie)?;
    leptos_axum::redirect(crate::domain::safe_next_path(
        next.as_deref().unwrap_or("/"),
    ));
    Ok(())
}

/// Ends the session on the server and clears the cookie.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::db::auth;
    use crate::request;

    if let Some(token) = request::session_token()? {
        auth::sign_out(&request::db()?, &token).await?;
    }
    request::set_cookie(&request::session_cookie(
        None,
        0,
        request::secure_cookies()?,
    ))?;
    leptos_axum::redirect("/sign-in?signed_out=1");
    Ok(())
}

/// Ends every one of the signed-in person's sessions, on every device (this one too).
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::request;
    let (db, user) = request::db_and_user()?;
    let ended = crate::db::auth::end_sessions(&db, user.actor.id).await?;
    tracing::info!(
        person = user.actor.id.0,
        sessions = ended,
        "signed out everywhere"
    );
    request::set_cookie(&request::session_cookie(
        None,
        0,
        request::secure_cookies()?,
    ))?;
    leptos_axum::redirect("/sign-in?signed_out=everywhere");
    Ok(())
}

/// The sign-in page. Someone already signed in is sent home.
#[component]
pub fn SignInPage() -> impl IntoView {
    let Session(session) = expect_context::<Session>();
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let options = Resource::new(|| (), |_| sso::get_sign_in_options());

    view! {
        <Title text="Sign in" />
        <Suspense>
            {move || Suspend::new(async move {
                let signed_in = matches!(session.await, Ok(info) if info.user.is_some());
                if signed_in {
                    return view! { <Redirect path="/" /> }.into_any();
                }
                let options = match options.await {
                    Ok(options) => options,
                    Err(error) => return view! { <ErrorSummary error /> }.into_any(),
                };
                let error = action.value().get_untracked().and_then(Result::err);
                let next = query.with_untracked(|q| q.get("next")).unwrap_or_else(|| "/".into());
                let signed_out = query.with_untracked(|q| q.get("signed_out"));
                let password_set = query.with_untracked(|q| q.get("password_set")).is_some();
                let refused = query.with_untracked(|q| q.get("refused"));
                view! { <SignInForm error next signed_out password_set refused options /> }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn SignInForm(
    error: Option<AppError>,
    next: String,
    signed_out: Option<String>,
    password_set: bool,
    refused: Option<String>,
    options: crate::model::SignInOptions,
) -> impl IntoView {
    let crate::model::SignInOptions {
        providers,
        passwords,
    } = options;
    let lead = match (providers.is_empty(), passwords) {
        (true, _) => "Use your trust e-mail address and your Waymark password.",
        (false, true) => "Use your trust account, or your e-mail address and Waymark password.",
        (false, false) => "Use your trust account.",
    };
    let has_providers = !providers.is_empty();
    let email_error = field_message(error.as_ref(), "email");
    let password_error = field_message(error.as_ref(), "password");
    view! {
        <div class="narrow">
            {signed_out
                .map(|how| {
                    let said = if how == "everywhere" {
                        "You have signed out on every device."
                    } else {
                        "You have signed out."
                    };
                    view! {
                        <div class="notice notice--success" role="status">
                            <p>{said}</p>
                        </div>
                    }
                })}
            {password_set
                .then(|| {
                    view! {
                        <div class="notice notice--success" role="status">
                            <p>"Your password is set. Sign in with it now."</p>
                        </div>
                    }
                })} <sso::RefusalNotice code=refused />
            {error.map(|error| view! { <ErrorSummary error /> })} <h1>"Sign in"</h1>
            <p class="lead">{lead}</p>
            {has_providers.then(|| view! { <sso::ProviderLinks providers next=next.clone() /> })}
            {(has_providers && passwords)
                .then(|| {
                    view! {
                        <p class="or-divider">
                            <span>"or with your password"</span>
                        </p>
                    }
                })}
            {passwords
                .then(|| {
                    view! {
                        <form method="post" action=SignIn::PATH class="form" novalidate>
                            <input type="hidden" name="next" value=next />
                            <Field
                                id="email"
                                label="E-mail address"
                                message=Signal::stored(email_error.clone())
                            >
                                <input
                                    class="input"
                                    id="email"
                                    name="email"
                                    type="email"
                                    autocomplete="username"
                                    spellcheck="false"
                                    required
                                    aria-invalid=email_error.is_some().then_some("true")
                                    aria-describedby=email_error.is_some().then_some("email-error")
                                />
                            </Field>
                            <Field
                                id="password"
                                label="Password"
                                message=Signal::stored(password_error.clone())
                            >
                                <input
                                    class="input"
                                    id="password"
                                    name="password"
                                    type="password"
                                    autocomplete="current-password"
                                    required
                                    aria-invalid=password_error.is_some().then_some("true")
                                    aria-describedby=password_error
                                        .is_some()
                                        .then_some("password-error")
                                />
                            </Field>
                            <button type="submit" class="button">
                                "Sign in"
                            </button>
                        </form>
                    }
                })}
            {passwords
                .then(|| {
                    view! {
                        <p class="link-after-form">
                            <a href=super::password::FORGOT>"Forgot your password?"</a>
                        </p>
                    }
                })}
        </div>
    }
}
