//! An award's certificate, to print (A4 landscape), and the public page its link leads to,
//! which says whether the award is genuine and still stands.

use crate::domain::AwardId;
use crate::error::AppError;
use crate::model::{CertificateView, VerificationView};
use crate::ui::components::{ErrorPage, Loaded};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Where an award's certificate is.
pub fn certificate_href(id: AwardId) -> String {
    format!("/awards/{id}/certificate")
}

#[server(prefix = "/api", endpoint = "certificate")]
pub async fn get_certificate(id: AwardId) -> Result<CertificateView, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let mut certificate = crate::db::recognition::certificate::certificate(&db, &user, id).await?;
    // Printed, the link must be whole.
    certificate.verify_path = format!(
        "{}{}",
        crate::request::mailer()?.base_url(),
        certificate.verify_path
    );
    Ok(certificate)
}

#[server(prefix = "/api", endpoint = "verify_award")]
pub async fn verify_award(token: String) -> Result<VerificationView, AppError> {
    let db = crate::request::db()?;
    crate::db::recognition::certificate::verify(&db, &token).await
}

#[component]
pub fn CertificatePage() -> impl IntoView {
    let id = crate::ui::pages::id_param::<AwardId>("id");
    let certificate =
        Resource::new_blocking(id, |id| crate::ui::pages::load_id(id, get_certificate));
    view! {
        <Title text="Certificate" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=certificate
                    view=move |certificate| view! { <Certificate certificate /> }
                />
            }
        })}
    }
}

#[component]
fn Certificate(certificate: CertificateView) -> impl IntoView {
    let CertificateView {
        trust_name,
        award,
        verify_path,
    } = certificate;
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    view! {
        <Title text=format!("Certificate: {}", award.name) />
        <p class="no-print certificate-tools">
            <a href="/portfolio#awards">"Back to your portfolio"</a>
            <Show
                when=move || interactive.get()
                fallback=|| view! { <span>"Print it with your browser's Print command."</span> }
            >
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        if let Some(window) = web_sys::window() {
                            window.print().ok();
                        }
                    }
                >
                    "Print the certificate"
                </button>
            </Show>
        </p>
        <article class="certificate" style=format!("--award-colour: {}", award.colour)>
            <p class="certificate__trust">{trust_name}</p>
            <h1 class="certificate__title">"Certificate of recognition"</h1>
            <p class="certificate__lead">"This certifies that"</p>
            <p class="certificate__holder">{award.person_name}</p>
            <p class="certificate__lead">"has been awarded"</p>
            <p class="certificate__award">{award.name}</p>
            {(!award.group_name.is_empty())
                .then(|| {
                    view! {
                        <p class="certificate__group">{format!("With {}", award.group_name)}</p>
                    }
                })}
            <div class="prose certificate__citation" inner_html=award.citation_html></div>
            <p class="certificate__date">{award.awarded_on}</p>
            <p class="certificate__verify">
                "Check this certificate at " <a href=verify_path.clone()>{verify_path.clone()}</a>
            </p>
        </article>
    }
}

#[component]
pub fn VerifyAwardPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let found = Resource::new_blocking(token, verify_award);
    view! {
        <Title text="Check an award" />
        <Transition fallback=|| {
            view! { <p class="loading">"Checking…"</p> }
        }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(found) => view! { <Verified found /> }.into_any(),
                    Err(AppError::NotFound) => {
                        view! {
                            <ErrorPage error=AppError::Gone(
                                "No award has this link. Check it was copied whole: it is on the certificate, under the date."
                                    .to_owned(),
                            ) />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Verified(found: VerificationView) -> impl IntoView {
    let VerificationView {
        trust_name,
        holder,
        award,
        awarded_on,
        withdrawn,
    } = found;
    let (class, verdict) = match &withdrawn {
        None => (
            "panel verdict verdict--genuine",
            "This award is genuine.".to_owned(),
        ),
        Some(when) => (
            "panel verdict verdict--withdrawn",
            format!("This award was given, but it no longer stands. {when}"),
        ),
    };
    view! {
        <h1>"Check an award"</h1>
        <section class=class aria-labelledby="verdict-heading">
            <h2 id="verdict-heading">{verdict}</h2>
            <dl class="facts">
                <div>
                    <dt>"Awarded to"</dt>
                    <dd>{holder}</dd>
                </div>
                <div>
                    <dt>"Award"</dt>
                    <dd>{award}</dd>
                </div>
                <div>
                    <dt>"Given by"</dt>
                    <dd>{trust_name}</dd>
                </div>
                <div>
                    <dt>"On"</dt>
                    <dd>{awarded_on}</dd>
                </div>
            </dl>
        </section>
        <p>
            "Handed this award as an Open Badge (a .json file)? "
            <a href=super::CHECK>"Check the credential file"</a>
            " to be sure nobody has changed it."
        </p>
    }
}
