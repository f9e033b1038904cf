//! Share links: the owner makes them, sees who opened them and withdraws them.

use crate::domain::ShareId;
use crate::error::AppError;
use crate::model::{ShareLinks, ShareView};
use crate::ui::components::{ErrorSummary, FieldMessage, Loaded, Table, field_message};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The cookie that carries a new link's token from making it to the page that shows it: never
/// in the address, where it would stay in the browser's history and in logs.
#[cfg(feature = "ssr")]
const NEW_LINK_COOKIE: &str = "waymark_new_share";

#[cfg(feature = "ssr")]
fn new_link_cookie(token: Option<&str>) -> Result<String, AppError> {
    Ok(crate::request::cookie(
        NEW_LINK_COOKIE,
        token,
        "/portfolio/share",
        "Strict",
        300,
        crate::request::secure_cookies()?,
    ))
}

/// The owner's links, and the token of the link just made, if any: read once from its cookie,
/// which is cleared as it is read.
#[server(prefix = "/api", endpoint = "share_links")]
pub async fn get_shares() -> Result<ShareLinks, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let links = crate::db::portfolio::sharing::list(&db, &user, chrono::Utc::now()).await?;
    let new_token = crate::request::request_cookie(NEW_LINK_COOKIE)?
        .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()));
    if new_token.is_some() {
        crate::request::set_cookie(&new_link_cookie(None)?)?;
    }
    Ok(ShareLinks { links, new_token })
}

/// Makes a share link and shows it, once.
#[server(prefix = "/api", endpoint = "create_share_link")]
pub async fn create_share(label: String, days: String) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let token =
        crate::db::portfolio::sharing::create(&db, &user, &label, &days, chrono::Utc::now())
            .await?;
    crate::request::set_cookie(&new_link_cookie(Some(&token))?)?;
    leptos_axum::redirect("/portfolio/share?done=made");
    Ok(())
}

#[server(prefix = "/api", endpoint = "revoke_share_link")]
pub async fn revoke_share(id: ShareId) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::portfolio::sharing::revoke(&db, &user, id, chrono::Utc::now()).await?;
    leptos_axum::redirect("/portfolio/share?done=withdrawn");
    Ok(())
}

/// The owner's share links: make one, see who opened them, withdraw them.
#[component]
pub fn SharePage() -> impl IntoView {
    let shares = Resource::new_blocking(|| (), |()| get_shares());
    let create = ServerAction::<CreateShare>::new();
    let revoke = ServerAction::<RevokeShare>::new();
    let query = use_query_map();
    let page = move |shares: ShareLinks| {
        let error = create
            .value()
            .get_untracked()
            .and_then(Result::err)
            .or_else(|| revoke.value().get_untracked().and_then(Result::err));
        let done = query.with_untracked(|q| q.get("done"));
        let ShareLinks { links, new_token } = shares;
        view! { <Shares shares=links error new=new_token done /> }
    };
    view! {
        <Title text="Share your portfolio" />
        {with_user(move |_| view! { <Loaded resource=shares view=page /> })}
    }
}

#[component]
fn Shares(
    shares: Vec<ShareView>,
    error: Option<AppError>,
    new: Option<String>,
    done: Option<String>,
) -> impl IntoView {
    let label_error = field_message(error.as_ref(), "label");
    let days_error = field_message(error.as_ref(), "days");
    let origin = {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>()
                .and_then(|p| {
                    p.headers
                        .get(http::header::HOST)
                        .and_then(|h| h.to_str().ok())
                        .map(str::to_owned)
                })
                .filter(|h| {
                    h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                })
                .map(|h| {
                    let secure = crate::request::secure_cookies().unwrap_or(false);
                    format!("{}://{h}", if secure { "https" } else { "http" })
                })
                .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        }
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href="/portfolio">"Your portfolio"</a>
        </nav>
        <h1>"Share your portfolio"</h1>
        <p class="lead">
            "A share link shows your verified evidence, read-only, to anyone who has it: an interview panel, say. They do not need to sign in. Nothing waiting for verification, and none of your drafts, is shown."
        </p>
        {(done.as_deref() == Some("withdrawn"))
            .then(|| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>"Link withdrawn. Anyone opening it is told it no longer works."</p>
                    </div>
                }
            })}
        {(done.as_deref() == Some("made") && new.is_none())
            .then(|| {
                view! {
                    <div class="notice" role="status">
                        <p>
                            "Your link was made. For your safety it is shown only once; if you did not copy it, withdraw it below and make another."
                        </p>
                    </div>
                }
            })}
        {new
            .map(|token| {
                let link = format!("{origin}/shared/{token}");
                view! {
                    <div class="notice notice--success" role="status">
                        <p>
                            <strong>"Your new link"</strong>
                        </p>
                        <p>
                            <a class="share-link" href=format!("/shared/{token}") rel="noreferrer">
                                {link.clone()}
                            </a>
                        </p>
                        <p>
                            "Copy it now: for your safety it is not shown again. You can withdraw it at any time below."
                        </p>
                    </div>
                }
            })}
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <form method="post" action=CreateShare::PATH class="form panel" novalidate>
            <h2>"Make a link"</h2>
            <div class="field" class=("field--error", label_error.is_some())>
                <label class="field__label" for="label">
                    "Who is it for? (optional)"
                </label>
                <p class="field__hint" id="label-hint">
                    "So you can tell your links apart, for example “Interview panel at Kingsmead”."
                </p>
                <FieldMessage message=label_error.clone() id="label-error" />
                <input
                    class="input"
                    type="text"
                    id="label"
                    name="label"
                    maxlength="120"
                    aria-describedby="label-hint"
                    aria-invalid=label_error.is_some().then_some("true")
                />
            </div>
            <div class="field" class=("field--error", days_error.is_some())>
                <label class="field__label" for="days">
                    "Works for (days)"
                </label>
                <p class="field__hint" id="days-hint">
                    "From 1 to 365 days."
                </p>
                <FieldMessage message=days_error.clone() id="days-error" />
                <input
                    class="input input--short"
                    type="number"
                    id="days"
                    name="days"
                    value="30"
                    min="1"
                    max="365"
                    inputmode="numeric"
                    aria-describedby="days-hint"
                    aria-invalid=days_error.is_some().then_some("true")
                />
            </div>
            <button type="submit" class="button">
                "Make the link"
            </button>
        </form>

        <section aria-labelledby="links-heading">
            <h2 id="links-heading">"Your links"</h2>
            {if shares.is_empty() {
                view! { <p>"You have not shared your portfolio yet."</p> }.into_any()
            } else {
                view! {
                    <Table
                        caption="Your share links"
                        columns=vec!["For", "Made", "Works until", "Status", "Opened", ""]
                    >
                        {shares.into_iter().map(|s| view! { <ShareRow s /> }).collect_view()}
                    </Table>
                }
                    .into_any()
            }}
        </section>
    }
}

/// "Not yet", or how often and when last a link was opened.
fn openings(count: u32, last: Option<String>) -> String {
    match (count, last) {
        (0, _) => "Not yet".to_owned(),
        (n, Some(last)) => format!(
            "{n} {}, last on {last}",
            if n == 1 { "time" } else { "times" }
        ),
        (n, None) => format!("{n} times"),
    }
}

/// One share link, with a confirmed "Withdraw" while it works.
#[component]
fn ShareRow(s: ShareView) -> impl IntoView {
    let withdraw = s.active.then(|| {
        view! {
            <details class="confirm">
                <summary>
                    "Withdraw"
                    <span class="visually-hidden">{format!(" the link for {}", s.label)}</span>
                </summary>
                <p>"Anyone opening it will be told it no longer works."</p>
                <form method="post" action=RevokeShare::PATH class="inline-form">
                    <input type="hidden" name="id" value=s.id.to_string() />
                    <button type="submit" class="button button--danger button--small">
                        "Yes, withdraw it"
                    </button>
                </form>
            </details>
        }
    });
    view! {
        <tr>
            <td>{s.label.clone()}</td>
            <td>{s.created}</td>
            <td>{s.expires}</td>
            <td>{s.status}</td>
            <td>{openings(s.openings, s.last_opened)}</td>
            <td>{withdraw}</td>
        </tr>
    }
}
