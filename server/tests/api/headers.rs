//! Defence in depth on every answer: pages run only the scripts that carry their own nonce
//! (a Content-Security-Policy with a new nonce each time), nothing may frame them, any other
//! HTML runs no script at all, and over HTTPS browsers are told to stay on HTTPS.

use crate::common::*;

fn policy(response: &reqwest::Response) -> String {
    header(response, "content-security-policy")
        .expect("a Content-Security-Policy")
        .to_owned()
}

/// The nonce a policy allows scripts with.
fn nonce_of(policy: &str) -> String {
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_allows_only_the_scripts_carrying_its_own_nonce() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(STAFF).await;
    let mut nonces = Vec::new();
    for path in ["/", "/portfolio", "/evidence/new", "/no-such-page"] {
        let response = client.get(app.url(path)).send().await.expect("answers");
        let policy = policy(&response);
        assert!(
            policy.contains("'strict-dynamic' 'wasm-unsafe-eval'"),
            "{path}: {policy}"
        );
        for must in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(must), "{path}: {must}");
        }
        let script_src = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .expect("script-src");
        assert!(
            !script_src.contains("unsafe-inline"),
            "{path}: {script_src}"
        );
        let nonce = nonce_of(&policy);
        let html = response.text().await.expect("html");
        let scripts = html.matches("<script").count();
        let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
        assert!(scripts > 0, "{path} has its hydration scripts");
        assert_eq!(
            scripts, with_nonce,
            "{path}: every script carries the nonce"
        );
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 4, "a new nonce for every answer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_transport_security_is_sent_only_over_https() {
    let plain = TestApp::spawn().await;
    let response = plain
        .client()
        .get(plain.url("/sign-in"))
        .send()
        .await
        .expect("answers");
    assert_eq!(header(&response, "strict-transport-security"), None);
    drop(plain);

    let secure = TestApp::spawn_with(&[("WAYMARK_SECURE_COOKIES", "true")]).await;
    let response = secure
        .client()
        .get(secure.url("/sign-in"))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        header(&response, "strict-transport-security"),
        Some("max-age=31536000")
    );
}
