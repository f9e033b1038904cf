//! The sign-in page's single sign-on parts: the "Sign in with Microsoft / Google" links (plain
//! links to the server's own routes, so they work before the WebAssembly loads), why a sign-in
//! was refused, and the page for someone Waymark does not know.

use crate::domain::sso::{Provider, Refusal};
use crate::error::AppError;
use crate::model::SignInOptions;
use crate::url::encode_query_value;
use leptos::prelude::*;
use leptos_meta::Title;

/// How people may sign in here.
#[server(prefix = "/api", endpoint = "sign_in_options")]
pub async fn get_sign_in_options() -> Result<SignInOptions, AppError> {
    let db = crate::request::db()?;
    let offered = use_context::<crate::model::SsoOffer>().unwrap_or_default();
    let required = crate::db::auth::sso::sso_required(&db).await?;
    Ok(SignInOptions {
        // Passwords are refused only while a provider is there to sign in with instead.
        passwords: !required || offered.0.is_empty(),
        providers: offered.0,
    })
}

/// The provider links, with `next` carried through the provider and back.
#[component]
pub fn ProviderLinks(providers: Vec<Provider>, next: String) -> impl IntoView {
    let query = if next == "/" {
        String::new()
    } else {
        format!("?next={}", encode_query_value(&next))
    };
    view! {
        <ul class="sso-list" aria-label="Sign in with your trust account">
            {providers
                .into_iter()
                .map(|provider| {
                    let href = format!("{}{query}", provider.start_path());
                    view! {
                        <li>
                            // `rel="external"`: a full page load, which the client-side router
                            // would otherwise try to handle itself.
                            <a
                                class=format!("button button--sso button--sso-{}", provider.code())
                                href=href
                                rel="external"
                            >
                                <span class="sso-mark" aria-hidden="true">
                                    {provider.label().chars().next()}
                                </span>
                                {format!("Sign in with {}", provider.label())}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Why the provider's answer did not sign the person in (from `?refused=`).
#[component]
pub fn RefusalNotice(code: Option<String>) -> impl IntoView {
    code.map(|code| {
        let message = Refusal::from_code(&code)
            .map(Refusal::message)
            .unwrap_or("You have not been signed in. Please try again.");
        view! {
            <div class="error-summary" role="alert">
                <h2 class="error-summary__title">"You are not signed in"</h2>
                <p>{message}</p>
            </div>
        }
    })
}

/// Someone the provider vouched for, but who is not (or no longer) on Waymark.
#[component]
pub fn NotKnownPage() -> impl IntoView {
    view! {
        <Title text="Ask your administrator" />
        <div class="narrow">
            <h1>"Ask your administrator"</h1>
            <p class="lead">
                "You signed in with your trust account, but Waymark has no one active with that account."
            </p>
            <p>
                "Waymark does not create accounts by itself. Your trust's Waymark administrator adds staff, usually from the staff list. Ask them to check that you are on it, with the e-mail address of the account you used."
            </p>
            <p>
                "If you have left the trust, your Waymark record is closed and cannot be signed in to."
            </p>
            <p class="link-after-form">
                <a href="/sign-in">"Back to sign in"</a>
            </p>
        </div>
    }
}
