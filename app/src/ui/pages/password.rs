//! Setting a password from a link (an invitation, or a reset), and asking for a reset link
//! when a password is forgotten. Open to anyone: the link is the key.

use crate::domain::people::getting_in::{MIN_PASSWORD, NewPasswordForm};
use crate::error::AppError;
use crate::model::PasswordLinkView;
use crate::ui::components::{ErrorPage, ErrorSummary, Field, field_message};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// Where a forgotten password is reset from.
pub const FORGOT: &str = "/forgot-password";

/// Sends a reset link to the address, if it belongs to someone working for the trust. The
/// answer is the same either way.
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let mail = crate::db::getting_in::request_reset(&db, &email, chrono::Utc::now()).await?;
    crate::request::mailer()?.send_later(mail.into_iter().collect());
    leptos_axum::redirect(&format!("{FORGOT}?sent=1"));
    Ok(())
}

/// What the link `token` is for, if it still works.
#[server(prefix = "/api", endpoint = "password_link")]
pub async fn get_password_link(token: String) -> Result<PasswordLinkView, AppError> {
    let db = crate::request::db()?;
    crate::db::getting_in::link(&db, &token, chrono::Utc::now()).await
}

/// Sets the password the link `token` allows, then asks them to sign in with it.
#[server(prefix = "/api", endpoint = "set_password")]
pub async fn set_new_password(token: String, password: NewPasswordForm) -> Result<(), AppError> {
    let db = crate::request::db()?;
    crate::db::getting_in::set_password(&db, &token, &password, chrono::Utc::now()).await?;
    leptos_axum::redirect("/sign-in?password_set=1");
    Ok(())
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("sent").is_some());
    view! {
        <Title text="Forgot your password?" />
        <div class="narrow">
            {move || {
                if sent() {
                    view! {
                        <h1>"Check your e-mail"</h1>
                        <div class="notice notice--success" role="status">
                            <p>
                                "If that address belongs to someone in the trust, we have sent it a link to choose a new password. The link works for an hour."
                            </p>
                        </div>
                        <p class="link-after-form">
                            <a href="/sign-in">"Back to sign in"</a>
                        </p>
                    }
                        .into_any()
                } else {
                    let error = action.value().get_untracked().and_then(Result::err);
                    let message = field_message(error.as_ref(), "email");
                    view! {
                        {error.map(|error| view! { <ErrorSummary error /> })}
                        <h1>"Forgot your password?"</h1>
                        <p class="lead">
                            "Enter your trust e-mail address and we will send you a link to choose a new one."
                        </p>
                        <form
                            method="post"
                            action=RequestPasswordReset::PATH
                            class="form"
                            novalidate
                        >
                            <Field
                                id="email"
                                label="E-mail address"
                                message=Signal::derive(move || message.clone())
                            >
                                <input
                                    class="input"
                                    id="email"
                                    name="email"
                                    type="email"
                                    autocomplete="username"
                                    spellcheck="false"
                                />
                            </Field>
                            <button type="submit" class="button">
                                "Send me a link"
                            </button>
                        </form>
                        <p class="link-after-form">
                            <a href="/sign-in">"Back to sign in"</a>
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
pub fn PasswordLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let link = Resource::new_blocking(token, get_password_link);
    let action = ServerAction::<SetNewPassword>::new();
    view! {
        <Title text="Choose your password" />
        <Suspense fallback=|| {
            view! { <p class="loading">"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                match link.await {
                    Ok(view) => {
                        let error = action.value().get_untracked().and_then(Result::err);
                        view! { <PasswordForm link=view token=token() error /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PasswordForm(link: PasswordLinkView, token: String, error: Option<AppError>) -> impl IntoView {
    let password_message = field_message(error.as_ref(), "password");
    let confirm_message = field_message(error.as_ref(), "confirm");
    let (heading, lead) = if link.invitation {
        (
            format!("Welcome to Waymark, {}", link.first_name),
            "Choose a password to sign in with. You will use it with your e-mail address.",
        )
    } else {
        (
            format!("Choose a new password, {}", link.first_name),
            "Your old password stops working, and you are signed out everywhere else.",
        )
    };
    view! {
        <div class="narrow">
            {error.map(|error| view! { <ErrorSummary error /> })} <h1>{heading}</h1>
            <p class="lead">{lead}</p>
            <form method="post" action=SetNewPassword::PATH class="form" novalidate>
                <input type="hidden" name="token" value=token />
                // For password managers: whose password this is.
                <input type="hidden" name="username" autocomplete="username" value=link.email />
                <Field
                    id="password"
                    label="New password"
                    hint="At least 12 characters. A few words you will remember work well; no rules about symbols or numbers."
                    message=Signal::derive(move || password_message.clone())
                >
                    <input
                        class="input"
                        id="password"
                        name="password[password]"
                        type="password"
                        autocomplete="new-password"
                        minlength=MIN_PASSWORD.to_string()
                        aria-describedby="password-hint"
                    />
                </Field>
                <Field
                    id="confirm"
                    label="Type it again"
                    message=Signal::derive(move || confirm_message.clone())
                >
                    <input
                        class="input"
                        id="confirm"
                        name="password[confirm]"
                        type="password"
                        autocomplete="new-password"
                    />
                </Field>
                <button type="submit" class="button">
                    "Set my password"
                </button>
            </form> <p class="field__hint">{format!("This link works until {}.", link.expires)}</p>
        </div>
    }
}
