//! The UI: the HTML shell, the router, and every page.

mod components;
mod layout;
mod pages;

use crate::error::AppError;
use crate::model::SessionInfo;
use leptos::prelude::*;
use leptos_meta::{Link, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The whole HTML document the server sends.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Every page's scripts must carry this response's nonce (see `csp`).
    #[cfg(feature = "ssr")]
    crate::csp::set_page_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Who is looking, loaded once per page and shared by the header and the pages.
#[derive(Clone, Copy)]
pub struct Session(pub Resource<Result<SessionInfo, AppError>>);

/// The trust's name and the signed-in person, if any.
#[server(prefix = "/api", endpoint = "session")]
pub async fn get_session() -> Result<SessionInfo, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::optional_user()?;
    // Someone signed in has theirs read with their session.
    let header = match crate::request::header()? {
        Some(header) => header,
        None => crate::db::org::header(&db, user.as_ref().map(|u| u.actor.id.0)).await?,
    };
    Ok(SessionInfo {
        trust_name: header.trust_name,
        user,
        unread: header.unread,
    })
}

/// The app: the header, the page for the current address, and the footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let session = Resource::new_blocking(|| (), |_| get_session());
    provide_context(Session(session));
    // Effects run only in the browser, once the page has hydrated: mark the page so that
    // browser tests (and curious people) can tell the interactive version is live.
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/waymark.css" />
        <Link rel="icon" href="/favicon.ico" />
        <Title formatter=|title: String| {
            if title.is_empty() { "Waymark".to_owned() } else { format!("{title} – Waymark") }
        } />
        <Router>
            <a class="skip-link" href="#main">
                "Skip to main content"
            </a>
            <layout::Header />
            <main id="main" class="page" tabindex="-1">
                // Every route waits for its data before sending HTML, so pages are complete
                // without JavaScript.
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/sign-in")
                        view=pages::sign_in::SignInPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/ask-your-administrator")
                        view=pages::sign_in::NotKnownPage
                    />
                    <Route
                        path=path!("/manage/sign-in")
                        view=pages::manage::sign_in::SignInSettingsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/forgot-password")
                        view=pages::password::ForgotPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/password/:token")
                        view=pages::password::PasswordLinkPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/framework")
                        view=pages::framework::FrameworkPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/framework/:code")
                        view=pages::framework::ElementPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/consultation")
                        view=pages::consultation::ConsultationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/pathways")
                        view=pages::framework::PathwaysPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/pathways/:id")
                        view=pages::framework::PathwayPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/team") view=pages::team::TeamPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/people")
                        view=pages::people::PeoplePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/people/:id")
                        view=pages::people::record::PersonRecordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/evidence")
                        view=pages::evidence::MyEvidencePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/evidence/new")
                        view=pages::evidence::EntryFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/evidence/:id")
                        view=pages::evidence::EntryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/evidence/:id/edit")
                        view=pages::evidence::EntryFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/portfolio")
                        view=pages::portfolio::PortfolioPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/portfolio/share")
                        view=pages::portfolio::SharePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/portfolio/:id")
                        view=pages::portfolio::PortfolioPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/shared/:token")
                        view=pages::portfolio::SharedPortfolioPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/notifications")
                        view=pages::notifications::NotificationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/verify")
                        view=pages::evidence::VerifyQueuePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/framework")
                        view=pages::manage::framework::versions::ManageFrameworkPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/framework/import")
                        view=pages::manage::framework::import::ImportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/framework/:id")
                        view=pages::manage::framework::editor::EditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/framework/:id/changes")
                        view=pages::manage::framework::changes::ChangesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/framework/:id/elements/:element")
                        view=pages::manage::framework::element::ElementEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/framework/:id/pathways/:pathway")
                        view=pages::manage::framework::pathway::PathwayEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/academies")
                        view=pages::manage::academies::AcademiesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/academies/:id")
                        view=pages::manage::academies::AcademyPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/people/import")
                        view=pages::manage::people::import::ImportStartPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/people/import/:id")
                        view=pages::manage::people::import::ImportPreviewPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/people/:id")
                        view=pages::manage::people::PersonEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/evidence")
                        view=pages::manage::evidence::EvidenceSettingsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/evidence/types/:id")
                        view=pages::manage::evidence::ActivityTypePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/celebrate")
                        view=pages::recognition::WallPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/celebrate/bulletin")
                        view=pages::recognition::BulletinPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/credentials/check")
                        view=pages::recognition::CheckCredentialPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/awards/:id/certificate")
                        view=pages::recognition::CertificatePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/awards/verify/:token")
                        view=pages::recognition::VerifyAwardPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/recognition")
                        view=pages::manage::recognition::RecognitionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/manage/recognition/rules/:id")
                        view=pages::manage::recognition::RulePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <layout::Footer />
        </Router>
    }
}
