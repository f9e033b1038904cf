//! Signing in with a provider that is set up: a known person is let in and linked, Google
//! keeps to the trust's domain, and a provider that is not set up or not answering says so.

use super::provider::{self, FakeProvider, Plan};
use super::*;
use app::db::entities::sso_identity;
use sea_orm::{EntityTrait, PaginatorTrait};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_person_signs_in_with_microsoft_and_their_account_is_linked() {
    let provider = FakeProvider::start().await;
    let app = microsoft_app(&provider).await;
    let (_, page) = app.get(&app.client(), "/sign-in").await;
    assert!(
        page.contains("Sign in with Microsoft"),
        "the button is shown"
    );
    assert!(!page.contains("Sign in with Google"), "only what is set up");

    let started = start(&app, &provider, "microsoft", "/portfolio").await;
    let to = answer(
        &app,
        &provider,
        "microsoft",
        &started,
        Plan::for_email("Staff@Test.Example"),
    )
    .await;
    assert_eq!(to, "/portfolio", "back where they were going");
    assert!(signed_in(&app, &started.browser).await);
    let (_, home) = app.get(&started.browser, "/").await;
    assert!(home.contains("Sam"), "as Sam");
    assert_eq!(
        sso_identity::Entity::find()
            .count(&app.db)
            .await
            .expect("counts"),
        1
    );

    // Next time the account itself is recognised, whatever e-mail it now carries.
    let again = start(&app, &provider, "microsoft", "/").await;
    let mut plan = Plan::for_email("Staff@Test.Example");
    plan.email = Some("sam.renamed@test.example".into());
    assert_eq!(
        answer(&app, &provider, "microsoft", &again, plan).await,
        "/"
    );
    assert!(signed_in(&app, &again.browser).await);
}

/// Starts a sign-in, answers it with `plan`, and checks it was refused with `reason`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn google_lets_in_only_the_trusts_workspace_domain() {
    let provider = FakeProvider::start().await;
    let settings = provider.google_settings("test.example");
    let pairs: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::spawn_with(&pairs).await;
    let in_domain = |domain: Option<&str>| {
        let mut plan = Plan::for_email(STAFF);
        plan.tenant = None;
        plan.domain = domain.map(Into::into);
        plan
    };
    for (domain, to) in [
        (None, "/sign-in?refused=other-domain"),
        (Some("gmail.com"), "/sign-in?refused=other-domain"),
        (Some("test.example"), "/"),
    ] {
        let started = start(&app, &provider, "google", "/").await;
        let answered = answer(&app, &provider, "google", &started, in_domain(domain)).await;
        assert_eq!(answered, to, "{domain:?}");
    }
    // The provider is told which domain to offer.
    let started = app
        .client()
        .get(app.url("/sign-in/google"))
        .send()
        .await
        .expect("answers");
    assert!(location(&started).is_some_and(|to| to.contains("hd=test.example")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_not_set_up_is_not_offered() {
    let app = TestApp::spawn().await;
    let (_, page) = app.get(&app.client(), "/sign-in").await;
    assert!(!page.contains("Sign in with Microsoft"));
    let (status, _) = app.get(&app.client(), "/sign-in/microsoft").await;
    assert_eq!(status, 404);
    let (status, _) = app.get(&app.client(), "/sign-in/okta").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_provider_is_a_plain_message_not_an_error_page() {
    // Nothing listens on the issuer's port.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let issuer = format!("http://{}", closed.local_addr().expect("bound"));
    drop(closed);
    let app = TestApp::spawn_with(&[
        ("WAYMARK_MICROSOFT_TENANT_ID", provider::TENANT),
        ("WAYMARK_MICROSOFT_CLIENT_ID", provider::CLIENT_ID),
        ("WAYMARK_MICROSOFT_CLIENT_SECRET", provider::CLIENT_SECRET),
        ("WAYMARK_MICROSOFT_ISSUER", &issuer),
    ])
    .await;
    let response = app
        .client()
        .get(app.url("/sign-in/microsoft"))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        location(&response).as_deref(),
        Some("/sign-in?refused=unavailable")
    );
}
