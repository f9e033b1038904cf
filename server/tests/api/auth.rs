//! Signing in and out through HTTP, as a browser would, against a real database.

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_right_password_starts_a_session_and_the_home_page_greets_the_person() {
    let app = TestApp::spawn().await;
    let client = app.client();

    let response = app.sign_in(&client, STAFF, PASSWORD).await;

    assert_eq!(response.status().as_u16(), 302);
    assert_eq!(location(&response).as_deref(), Some("/"));
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie")
        .to_owned();
    assert!(cookie.starts_with("waymark_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP must not get a Secure cookie: {cookie}"
    );

    let (status, body) = app.get(&client, "/").await;
    assert_eq!(status, 200);
    assert!(body.contains("Welcome, Sam"), "{body}");
    assert!(body.contains("Class Teacher"));
    assert!(body.contains("Ashgrove Primary Academy"));
    assert!(body.contains("Mina Manager"), "the line manager is shown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e_mail_addresses_match_whatever_their_case() {
    let app = TestApp::spawn().await;
    let response = app
        .sign_in(&app.client(), " Staff@Test.Example ", PASSWORD)
        .await;
    assert_eq!(location(&response).as_deref(), Some("/"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_an_unknown_e_mail_get_the_same_plain_message() {
    let app = TestApp::spawn().await;
    for (email, password) in [
        (STAFF, "not the password"),
        ("nobody@test.example", PASSWORD),
    ] {
        let client = app.client();
        let response = app.sign_in(&client, email, password).await;
        assert!(
            response.headers().get("set-cookie").is_none(),
            "no session for {email}"
        );
        let back = location(&response).expect("sent back to the form");
        assert!(back.starts_with(&app.url("/sign-in")), "{back}");

        let (status, body) = app
            .get(&client, back.trim_start_matches(&app.address))
            .await;
        assert_eq!(status, 200);
        assert!(
            body.contains("The e-mail address or password is not right"),
            "{email}: {body}"
        );
        let (_, home) = app.get(&client, "/").await;
        assert!(!home.contains("Welcome"), "still signed out");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_who_has_left_the_trust_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let response = app.sign_in(&app.client(), LEFT, PASSWORD).await;
    assert!(response.headers().get("set-cookie").is_none());
    assert_ne!(location(&response).as_deref(), Some("/"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_form_says_what_is_missing() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = app.sign_in(&client, "", "").await;
    let back = location(&response).expect("sent back");
    let (_, body) = app
        .get(&client, back.trim_start_matches(&app.address))
        .await;
    assert!(body.contains("Enter your e-mail address"), "{body}");
    assert!(body.contains("Enter your password"));
    assert!(
        body.contains("href=\"#email\""),
        "the summary links to the field"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_account_for_a_while_even_with_the_right_password() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        app.sign_in(&app.client(), STAFF, "guess").await;
    }
    let client = app.client();
    let response = app.sign_in(&client, STAFF, PASSWORD).await;
    assert!(
        response.headers().get("set-cookie").is_none(),
        "no session while throttled"
    );
    let back = location(&response).expect("sent back");
    let (_, body) = app
        .get(&client, back.trim_start_matches(&app.address))
        .await;
    assert!(body.contains("Too many sign-in attempts"), "{body}");

    // Other accounts are not affected by one account's failures.
    let other = app.sign_in(&app.client(), MANAGER, PASSWORD).await;
    assert_eq!(location(&other).as_deref(), Some("/"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_kills_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = app.sign_in(&client, STAFF, PASSWORD).await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("cookie")
        .to_owned();

    let out = client
        .post(app.url("/api/sign_out"))
        .header("accept", "text/html")
        .header("origin", &app.address)
        .send()
        .await
        .expect("sign-out answers");
    assert_eq!(location(&out).as_deref(), Some("/sign-in?signed_out=1"));

    // Replaying the old cookie, as a thief might, gets nowhere.
    let replay = app
        .client()
        .get(app.url("/"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("answers");
    assert_eq!(replay.status().as_u16(), 303);
    assert_eq!(location(&replay).as_deref(), Some("/sign-in"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_again_replaces_the_session_id() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let first = app.sign_in(&client, STAFF, PASSWORD).await;
    let first_cookie = first
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("cookie")
        .to_owned();
    let second = app.sign_in(&client, STAFF, PASSWORD).await;
    let second_cookie = second
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("cookie")
        .to_owned();
    assert_ne!(first_cookie, second_cookie);

    let old = app
        .client()
        .get(app.url("/"))
        .header("cookie", &first_cookie)
        .send()
        .await
        .expect("answers");
    assert_eq!(
        old.status().as_u16(),
        303,
        "the old session id no longer works"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_visitors_are_sent_to_sign_in_and_brought_back_afterwards() {
    let app = TestApp::spawn().await;
    let client = app.client();

    let home = client.get(app.url("/")).send().await.expect("answers");
    assert_eq!(home.status().as_u16(), 303);
    assert_eq!(location(&home).as_deref(), Some("/sign-in"));

    let people = client
        .get(app.url("/people?q=sam"))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        location(&people).as_deref(),
        Some("/sign-in?next=/people%3Fq%3Dsam")
    );

    let (status, body) = app.get(&client, "/sign-in?next=/people%3Fq%3Dsam").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("value=\"/people?q=sam\""),
        "the form carries where to go next"
    );

    let response = client
        .post(app.url("/api/sign_in"))
        .header("accept", "text/html")
        .header("origin", &app.address)
        .form(&[
            ("email", HR),
            ("password", PASSWORD),
            ("next", "/people?q=sam"),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(location(&response).as_deref(), Some("/people?q=sam"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_never_sends_people_to_another_site() {
    let app = TestApp::spawn().await;
    let response = app
        .client()
        .post(app.url("/api/sign_in"))
        .header("accept", "text/html")
        .header("origin", &app.address)
        .form(&[
            ("email", STAFF),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(location(&response).as_deref(), Some("/"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_server_function_calls_are_refused() {
    let app = TestApp::spawn().await;
    let response = app
        .client()
        .post(app.url("/api/team"))
        .header("origin", &app.address)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_posted_from_another_site_is_refused_and_starts_no_session() {
    let app = TestApp::spawn().await;
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = app
            .client()
            .post(app.url("/api/sign_in"))
            .header("accept", "text/html")
            .header(header, value)
            .form(&[("email", STAFF), ("password", PASSWORD), ("next", "/")])
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status().as_u16(), 403, "{header}: {value}");
        assert!(response.headers().get("set-cookie").is_none());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_sign_out_cannot_end_someone_elses_session() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(STAFF).await;
    let response = client
        .post(app.url("/api/sign_out"))
        .header("accept", "text/html")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 403);
    let (status, body) = app.get(&client, "/").await;
    assert_eq!(status, 200);
    assert!(body.contains("Welcome, Sam"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cookies_are_secure_when_the_site_is_served_over_https() {
    let app = TestApp::spawn_with(&[("WAYMARK_TRUST_PROXY", "true")]).await;
    let response = app
        .client()
        .post(app.url("/api/sign_in"))
        .header("accept", "text/html")
        .header("origin", &app.address)
        .header("x-forwarded-proto", "https")
        .form(&[("email", STAFF), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .expect("answers");
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.starts_with("__Host-waymark_session="), "{cookie}");
}
