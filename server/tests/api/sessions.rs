//! Sessions that end when they should: after a spell without use as well as at their absolute
//! end, everywhere at once when their person asks or an administrator does, and over HTTPS
//! only from the host-only cookie.

use crate::common::*;
use app::db::auth;
use chrono::Duration;

/// Sam's id in the test trust.
const SAM: i64 = 4;

async fn session_at(app: &TestApp, token: &str, now: chrono::DateTime<chrono::Utc>) -> bool {
    auth::session_user(&app.db, token, Duration::minutes(30), now)
        .await
        .expect("reads")
        .is_some()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_after_thirty_minutes_unused_and_lasts_while_in_use() {
    let app = TestApp::spawn().await;
    let start = chrono::Utc::now();
    let session = auth::sign_in(&app.db, STAFF, PASSWORD, None, None, start)
        .await
        .expect("signs in");
    // Used every 29 minutes, it lasts (each use is written down).
    let mut now = start;
    for _ in 0..4 {
        now += Duration::minutes(29);
        assert!(
            session_at(&app, &session.token, now).await,
            "in use at {now}"
        );
    }
    // Thirty minutes after its last use, it has ended, and stays ended.
    now += Duration::minutes(30);
    assert!(!session_at(&app, &session.token, now).await);
    assert!(!session_at(&app, &session.token, now - Duration::minutes(5)).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_session_still_ends_twelve_hours_after_signing_in() {
    let app = TestApp::spawn().await;
    let start = chrono::Utc::now();
    let session = auth::sign_in(&app.db, STAFF, PASSWORD, None, None, start)
        .await
        .expect("signs in");
    let mut now = start;
    while now + Duration::minutes(20) < start + Duration::hours(12) {
        now += Duration::minutes(20);
        assert!(session_at(&app, &session.token, now).await);
    }
    assert!(!session_at(&app, &session.token, start + Duration::hours(12)).await);
}

async fn signed_in_still(app: &TestApp, client: &reqwest::Client) -> bool {
    let (status, _) = app.get(client, "/").await;
    status == 200
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_everywhere_ends_every_device_and_only_that_persons() {
    let app = TestApp::spawn().await;
    let (laptop, phone) = (app.signed_in(STAFF).await, app.signed_in(STAFF).await);
    let colleague = app.signed_in(MANAGER).await;
    let (status, to) = app
        .post_form(
            &laptop,
            "sign_out_everywhere",
            &format!("/people/{SAM}"),
            &[],
        )
        .await;
    assert_eq!(status, 302);
    assert_eq!(to.as_deref(), Some("/sign-in?signed_out=everywhere"));
    assert!(!signed_in_still(&app, &laptop).await);
    assert!(!signed_in_still(&app, &phone).await, "the other device too");
    assert!(signed_in_still(&app, &colleague).await, "nobody else");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_sign_someone_else_out_everywhere() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in(STAFF).await;
    let id = SAM.to_string();
    for who in [MANAGER, HR] {
        let client = app.signed_in(who).await;
        let (status, to) = app
            .post_form(
                &client,
                "end_sessions",
                &format!("/people/{SAM}"),
                &[("id", &id)],
            )
            .await;
        assert_eq!(status, 302);
        assert!(
            to.is_some_and(|to| to.contains("__err=")),
            "{who} is refused"
        );
        assert!(signed_in_still(&app, &staff).await);
    }
    let admin = app.signed_in(ADMIN).await;
    let (status, to) = app
        .post_form(
            &admin,
            "end_sessions",
            &format!("/people/{SAM}"),
            &[("id", &id)],
        )
        .await;
    assert_eq!(status, 302);
    assert_eq!(
        to.as_deref(),
        Some(format!("/people/{SAM}?done=ended&n=1").as_str())
    );
    assert!(!signed_in_still(&app, &staff).await);
    assert!(signed_in_still(&app, &admin).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_the_cookie_is_host_only_and_a_planted_one_is_not_honoured() {
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
    let cookie = header(&response, "set-cookie").expect("cookie").to_owned();
    assert!(cookie.starts_with("__Host-waymark_session="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain="), "{cookie}");
    let token = cookie
        .trim_start_matches("__Host-waymark_session=")
        .split(';')
        .next()
        .expect("token")
        .to_owned();
    let home = |cookie: String| {
        let client = app.client();
        let url = app.url("/");
        async move {
            client
                .get(url)
                .header("x-forwarded-proto", "https")
                .header("cookie", cookie)
                .send()
                .await
                .expect("answers")
                .status()
                .as_u16()
        }
    };
    assert_eq!(home(format!("__Host-waymark_session={token}")).await, 200);
    // The same token under the unprefixed name, as a sibling domain could plant it.
    assert_eq!(home(format!("waymark_session={token}")).await, 303);
}
