//! Single sign-on against a fake OpenID provider whose tokens the tests write: a person the
//! trust knows is signed in and their account linked; every token that should not be believed
//! (wrong audience, wrong issuer, expired, signed by another key, an old nonce, a used answer,
//! another tenant or domain, an unverified e-mail) is refused with a plain message and no
//! session; nobody is registered by signing in; and administrators can switch passwords off.

mod provider;

use crate::common::*;
use app::db::entities::sso_identity;
use provider::{FakeProvider, Plan};
use sea_orm::{EntityTrait, PaginatorTrait};

/// A sign-in started at Waymark: its browser, and what it sent the provider.
struct Started {
    browser: reqwest::Client,
    state: String,
    nonce: String,
    challenge: String,
}

async fn start(app: &TestApp, provider: &FakeProvider, which: &str, next: &str) -> Started {
    let browser = app.client();
    let response = browser
        .get(app.url(&format!("/sign-in/{which}?next={next}")))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 303, "off to the provider");
    let to = location(&response).expect("a redirect");
    assert!(
        to.starts_with(&format!("{}/authorize?", provider.issuer)),
        "{to}"
    );
    let url = reqwest::Url::parse(&to).expect("an address");
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(query.get("response_type").map(String::as_str), Some("code"));
    assert_eq!(
        query.get("code_challenge_method").map(String::as_str),
        Some("S256")
    );
    // WAYMARK_BASE_URL, then the provider's own callback route.
    assert!(
        query["redirect_uri"].ends_with(&format!("/sign-in/{which}/callback")),
        "{}",
        query["redirect_uri"]
    );
    Started {
        browser,
        state: query["state"].clone(),
        nonce: query["nonce"].clone(),
        challenge: query["code_challenge"].clone(),
    }
}

/// The provider answers the sign-in with `plan`; returns where Waymark sends the browser.
async fn answer(
    app: &TestApp,
    provider: &FakeProvider,
    which: &str,
    started: &Started,
    plan: Plan,
) -> String {
    let code = hex_id();
    provider.will_answer(&code, plan, &started.nonce, &started.challenge);
    let response = started
        .browser
        .get(app.url(&format!(
            "/sign-in/{which}/callback?code={code}&state={}",
            started.state
        )))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 303);
    location(&response).expect("a redirect")
}

async fn signed_in(app: &TestApp, browser: &reqwest::Client) -> bool {
    app.get(browser, "/").await.0 == 200
}

async fn microsoft_app(provider: &FakeProvider) -> TestApp {
    let settings = provider.microsoft_settings();
    let pairs: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    TestApp::spawn_with(&pairs).await
}

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_switch_passwords_off_only_once_sso_works_for_them() {
    let provider = FakeProvider::start().await;
    let app = microsoft_app(&provider).await;
    let admin = app.signed_in(ADMIN).await;
    let require = |client: &reqwest::Client| {
        let client = client.clone();
        let url = app.url("/api/set_sso_required");
        let origin = app.address.clone();
        let referer = app.url("/manage/sign-in");
        async move {
            client
                .post(url)
                .header("origin", origin)
                .header("referer", referer)
                .form(&[("required", "true")])
                .send()
                .await
                .expect("answers")
        }
    };
    // Staff may not.
    let staff = app.signed_in(STAFF).await;
    assert_eq!(require(&staff).await.status().as_u16(), 403);
    // Not before the administrator has signed in with Microsoft themselves.
    let refused = require(&admin).await;
    assert_eq!(refused.status().as_u16(), 409);
    assert!(
        refused
            .text()
            .await
            .expect("text")
            .contains("yourself first")
    );
    assert!(
        !app::db::auth::sso::sso_required(&app.db)
            .await
            .expect("reads")
    );

    let started = start(&app, &provider, "microsoft", "/").await;
    assert_eq!(
        answer(
            &app,
            &provider,
            "microsoft",
            &started,
            Plan::for_email(ADMIN)
        )
        .await,
        "/"
    );
    let done = require(&started.browser).await;
    assert!(
        done.status().is_success() || done.status().is_redirection(),
        "{}",
        done.status()
    );
    assert!(
        app::db::auth::sso::sso_required(&app.db)
            .await
            .expect("reads")
    );

    // Passwords are refused now, for sign-in and for resets, with a plain message.
    let client = app.client();
    let response = app.sign_in(&client, STAFF, PASSWORD).await;
    assert!(response.headers().get("set-cookie").is_none(), "no session");
    let back = location(&response).expect("sent back to the form");
    let (_, page) = app
        .get(&client, back.trim_start_matches(&app.address))
        .await;
    assert!(page.contains("not Waymark passwords"), "{page}");
    assert!(!signed_in(&app, &client).await);
    let (status, _) = app
        .post_form(
            &client,
            "request_password_reset",
            "/forgot-password",
            &[("email", STAFF)],
        )
        .await;
    assert_eq!(status, 302, "sent back with the message");
    let (_, page) = app.get(&app.client(), "/sign-in").await;
    assert!(page.contains("Sign in with Microsoft"));
    assert!(!page.contains("id=\"password\""), "no password field");
    let (_, settings) = app.get(&started.browser, "/manage/sign-in").await;
    assert!(settings.contains("Passwords are refused"));

    // An invitation now tells them to sign in with their trust account; no password link.
    let admin_user = user(&app, ADMIN).await;
    let mail = app::db::getting_in::invite(
        &app.db,
        &admin_user,
        app::domain::PersonId(4),
        chrono::Utc::now(),
    )
    .await
    .expect("invites");
    assert!(mail.body.contains("{base}/sign-in"), "{}", mail.body);
    assert!(!mail.body.contains("/password/"), "{}", mail.body);
    // And a password link sent before cannot be used.
    let form = app::domain::people::getting_in::NewPasswordForm {
        password: "a long new password for sam".into(),
        confirm: "a long new password for sam".into(),
    };
    let refused =
        app::db::getting_in::set_password(&app.db, "any-token", &form, chrono::Utc::now())
            .await
            .expect_err("refused");
    assert!(matches!(refused, app::error::AppError::PasswordsOff));
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
