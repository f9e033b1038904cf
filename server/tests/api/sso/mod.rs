//! Single sign-on against a fake OpenID provider whose tokens the tests write: a person the
//! trust knows is signed in and their account linked; every token that should not be believed
//! (wrong audience, wrong issuer, expired, signed by another key, an old nonce, a used answer,
//! another tenant or domain, an unverified e-mail) is refused with a plain message and no
//! session; nobody is registered by signing in; and administrators can switch passwords off.

mod policy;
mod provider;
mod refusals;
mod signing_in;

use crate::common::*;
use provider::{FakeProvider, Plan};

/// A sign-in started at Waymark: its browser, and what it sent the provider.
pub(super) struct Started {
    pub browser: reqwest::Client,
    pub state: String,
    pub nonce: String,
    pub challenge: String,
}

pub(super) async fn start(
    app: &TestApp,
    provider: &FakeProvider,
    which: &str,
    next: &str,
) -> Started {
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
pub(super) async fn answer(
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

pub(super) async fn signed_in(app: &TestApp, browser: &reqwest::Client) -> bool {
    app.get(browser, "/").await.0 == 200
}

pub(super) async fn microsoft_app(provider: &FakeProvider) -> TestApp {
    let settings = provider.microsoft_settings();
    let pairs: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    TestApp::spawn_with(&pairs).await
}
