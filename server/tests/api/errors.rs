//! Every server function answers a failure with the status that describes it, and a plain
//! form post is sent back to its page with the message instead.

use crate::common::*;
use app::error::AppError;

/// Calls a server function as the hydrated page's `fetch` does (no `Accept: text/html`).
async fn call(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> (u16, AppError) {
    let response = client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("origin", &app.address)
        .form(fields)
        .send()
        .await
        .expect("answers");
    let status = response.status().as_u16();
    let body = response.text().await.expect("body");
    let error = serde_json::from_str(&body).unwrap_or_else(|_| panic!("an error, not {body}"));
    (status, error)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_function_answers_each_failure_with_its_own_status() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = app.signed_in(STAFF).await;

    let (status, error) = call(&app, &staff, "evidence_entry", &[("id", "999999")]).await;
    assert_eq!((status, error), (404, AppError::NotFound));

    let (status, error) = call(&app, &staff, "framework_versions", &[]).await;
    assert_eq!((status, error), (403, AppError::Forbidden));

    let blank = [("entry[revision]", "0"), ("entry[title]", "  ")];
    let (status, error) = call(&app, &staff, "save_evidence", &blank).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = error
        .field_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["title"]);

    let (status, error) = call(
        &app,
        &staff,
        "evidence_action",
        &[("id", "1"), ("revision", "0"), ("action", "approve")],
    )
    .await;
    assert_eq!((status, error), (404, AppError::NotFound));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_form_post_that_fails_is_sent_back_to_its_page_with_the_message() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = app.signed_in(STAFF).await;
    let blank = [("entry[revision]", "0"), ("entry[title]", "")];
    let (status, location) = app
        .post_form(&staff, "save_evidence", "/evidence/new", &blank)
        .await;
    assert!(matches!(status, 302 | 303), "{status}");
    let location = location.expect("back to the form");
    assert!(location.contains("/evidence/new"), "{location}");
    let (status, page) = app.get(&staff, &location).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Enter a title"),
        "the page says what is wrong"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_evidence_form_posts_its_fields_by_their_names_and_saves_a_draft() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = app.signed_in(STAFF).await;
    let fields = [
        ("entry[revision]", "0"),
        ("entry[activity_type]", ""),
        ("entry[title]", "Coached a colleague at Kingsmead"),
        ("entry[started_on]", "2026-03-12"),
        ("entry[places][2]", "on"),
        ("entry[hours]", "1.5"),
        ("entry[claims][B2]", "3"),
        ("entry[claims][S5]", ""),
    ];
    let (status, location) = app
        .post_form(&staff, "save_evidence", "/evidence/new", &fields)
        .await;
    assert_eq!(status, 302);
    let location = location.expect("to the entry");
    assert!(location.ends_with("?done=saved"), "{location}");
    let (status, page) = app.get(&staff, &location).await;
    assert_eq!(status, 200);
    assert!(page.contains("Coached a colleague at Kingsmead"));
    assert!(page.contains("1.5 hours"));
    assert!(page.contains("B2"));
    assert!(
        !page.contains("S5 "),
        "a level left at “Not shown” is no claim"
    );
}
