//! What is refused: tokens that should not be believed, answers used twice or brought to
//! another browser, people Waymark does not know, a record linked to another account — each
//! with a plain message, no session, and one escaped line in the log.

use super::provider::{FakeProvider, Plan};
use super::*;
use app::db::entities::sso_identity;
use sea_orm::{EntityTrait, PaginatorTrait};

async fn refused_with(app: &TestApp, provider: &FakeProvider, plan: Plan, reason: &str) {
    let started = start(app, provider, "microsoft", "/").await;
    let to = answer(app, provider, "microsoft", &started, plan.clone()).await;
    assert_eq!(to, format!("/sign-in?refused={reason}"), "{plan:?}");
    assert!(!signed_in(app, &started.browser).await, "{plan:?}");
    let (_, page) = app.get(&started.browser, &to).await;
    assert!(page.contains("You are not signed in"), "{plan:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_that_should_not_be_believed_are_refused_and_sign_no_one_in() {
    let provider = FakeProvider::start().await;
    let app = microsoft_app(&provider).await;
    let good = || Plan::for_email(STAFF);

    let mut wrong_audience = good();
    wrong_audience.audience = "some-other-app".into();
    refused_with(&app, &provider, wrong_audience, "bad-token").await;

    let mut wrong_issuer = good();
    wrong_issuer.issuer = Some("https://login.example.test/elsewhere".into());
    refused_with(&app, &provider, wrong_issuer, "bad-token").await;

    let mut expired = good();
    expired.expires_in = -600;
    refused_with(&app, &provider, expired, "bad-token").await;

    let mut forged = good();
    forged.impostor = true;
    refused_with(&app, &provider, forged, "bad-token").await;

    // A token from an earlier sign-in (its nonce) brought back to a new one.
    let earlier = start(&app, &provider, "microsoft", "/").await;
    let mut replayed = good();
    replayed.nonce = Some(earlier.nonce.clone());
    refused_with(&app, &provider, replayed, "bad-token").await;

    let mut other_tenant = good();
    other_tenant.tenant = Some("someone-elses-tenant".into());
    refused_with(&app, &provider, other_tenant, "other-tenant").await;

    let mut unverified = good();
    unverified.email_verified = Some(false);
    refused_with(&app, &provider, unverified, "no-verified-email").await;

    let mut unsaid = good();
    unsaid.email_verified = None;
    refused_with(&app, &provider, unsaid, "no-verified-email").await;

    assert_eq!(
        sso_identity::Entity::find()
            .count(&app.db)
            .await
            .expect("counts"),
        0,
        "no account was linked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_works_once_and_only_in_the_browser_that_asked() {
    let provider = FakeProvider::start().await;
    let app = microsoft_app(&provider).await;

    // Brought to another browser (someone else's sign-in pushed onto you): refused.
    let started = start(&app, &provider, "microsoft", "/").await;
    let code = hex_id();
    provider.will_answer(
        &code,
        Plan::for_email(STAFF),
        &started.nonce,
        &started.challenge,
    );
    let callback = app.url(&format!(
        "/sign-in/microsoft/callback?code={code}&state={}",
        started.state
    ));
    let stranger = app.client();
    let response = stranger.get(&callback).send().await.expect("answers");
    assert_eq!(
        location(&response).as_deref(),
        Some("/sign-in?refused=stale")
    );
    assert!(!signed_in(&app, &stranger).await);

    // The right browser, once.
    let started = start(&app, &provider, "microsoft", "/").await;
    let to = answer(
        &app,
        &provider,
        "microsoft",
        &started,
        Plan::for_email(STAFF),
    )
    .await;
    assert_eq!(to, "/");
    // The same answer again (the cookie is set once more, as a copy of the browser would be).
    let code = hex_id();
    provider.will_answer(
        &code,
        Plan::for_email(STAFF),
        &started.nonce,
        &started.challenge,
    );
    let copy = app.client();
    let response = copy
        .get(app.url(&format!(
            "/sign-in/microsoft/callback?code={code}&state={}",
            started.state
        )))
        .header("cookie", format!("waymark_sso={}", started.state))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        location(&response).as_deref(),
        Some("/sign-in?refused=stale")
    );
    assert!(!signed_in(&app, &copy).await);

    // Cancelled at the provider.
    let started = start(&app, &provider, "microsoft", "/").await;
    let response = started
        .browser
        .get(app.url(&format!(
            "/sign-in/microsoft/callback?error=access_denied&state={}",
            started.state
        )))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        location(&response).as_deref(),
        Some("/sign-in?refused=cancelled")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_is_registered_and_a_leaver_is_not_let_in() {
    let provider = FakeProvider::start().await;
    let app = microsoft_app(&provider).await;
    let people = app::db::entities::person::Entity::find()
        .count(&app.db)
        .await
        .expect("counts");
    for email in ["stranger@test.example", LEFT] {
        let started = start(&app, &provider, "microsoft", "/").await;
        let to = answer(
            &app,
            &provider,
            "microsoft",
            &started,
            Plan::for_email(email),
        )
        .await;
        assert_eq!(to, "/ask-your-administrator", "{email}");
        assert!(!signed_in(&app, &started.browser).await);
        let (status, page) = app.get(&started.browser, &to).await;
        assert_eq!(status, 200);
        assert!(page.contains("Ask your administrator"));
    }
    let after = app::db::entities::person::Entity::find()
        .count(&app.db)
        .await
        .expect("counts");
    assert_eq!(people, after);
    assert_eq!(
        sso_identity::Entity::find()
            .count(&app.db)
            .await
            .expect("counts"),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_linked_to_one_account_is_not_signed_in_to_by_another() {
    let provider = FakeProvider::start().await;
    let app = microsoft_app(&provider).await;
    let first = start(&app, &provider, "microsoft", "/").await;
    assert_eq!(
        answer(&app, &provider, "microsoft", &first, Plan::for_email(STAFF)).await,
        "/"
    );
    let second = start(&app, &provider, "microsoft", "/").await;
    let mut other = Plan::for_email(STAFF);
    other.subject = "a-different-account".into();
    let to = answer(&app, &provider, "microsoft", &second, other).await;
    assert_eq!(to, "/sign-in?refused=other-account");
    assert!(!signed_in(&app, &second.browser).await);
}

/// Everything logged in this test process from the first call on.
fn captured_log() -> std::sync::Arc<std::sync::Mutex<Vec<u8>>> {
    use std::sync::{Arc, Mutex, OnceLock};
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log: Arc<Mutex<Vec<u8>>> = Arc::default();
        struct Into(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Into {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.lock().expect("lock").extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let writer = log.clone();
        tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || Into(writer.clone()))
            .try_init()
            .ok();
        log
    })
    .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_logged_one_line_each_whatever_the_token_says() {
    let log = captured_log();
    let provider = FakeProvider::start().await;
    let app = microsoft_app(&provider).await;
    let forged = "x\r\n2026-12-07T00:00:00Z  INFO signed in person=1@test.example";
    let mut plan = Plan::for_email(forged);
    plan.subject = "forger".into();
    let started = start(&app, &provider, "microsoft", "/").await;
    assert_eq!(
        answer(&app, &provider, "microsoft", &started, plan).await,
        "/ask-your-administrator"
    );
    let mut other = Plan::for_email(STAFF);
    other.tenant = Some("elsewhere".into());
    let started = start(&app, &provider, "microsoft", "/").await;
    answer(&app, &provider, "microsoft", &started, other).await;

    let text = String::from_utf8(log.lock().expect("lock").clone()).expect("utf-8");
    assert!(
        text.lines()
            .any(|l| l.contains("single sign-on refused") && l.contains("other-tenant")),
        "{text}"
    );
    let unknown: Vec<_> = text
        .lines()
        .filter(|l| {
            l.contains("nobody active has this account") && l.contains("person=1@test.example")
        })
        .collect();
    assert_eq!(unknown.len(), 1, "{text}");
    assert!(
        unknown[0].contains("\\r\\n"),
        "the line breaks are written escaped: {}",
        unknown[0]
    );
    assert!(
        !text
            .lines()
            .any(|l| l.to_lowercase().starts_with("2026-12-07t00:00:00z")),
        "no forged line"
    );
}
