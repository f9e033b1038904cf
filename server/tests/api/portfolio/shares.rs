//! Who may see a portfolio; share links; all my data.

use super::*;
use crate::common::*;
use app::domain::PersonId;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portfolio_is_seen_only_by_those_allowed_and_anyone_else_gets_not_found() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    entry(
        &app,
        "Network meeting",
        &this_year_date(),
        &[("B2", 2)],
        true,
    )
    .await;
    let sam = user(&app, STAFF).await.actor.id.0;
    let people = [
        (STAFF, true),
        (MANAGER, true),
        (HEAD, true),
        (HOME_PD_LEAD, true),
        (HR, true),
        (ADMIN, true),
        (PD_LEAD, false),
        (OTHER_ACADEMY_TEACHER, false),
    ];
    for (email, sees) in people {
        let who = user(&app, email).await;
        let got = portfolio::portfolio(
            &app.db,
            &app.kept,
            &who,
            Some(PersonId(sam)),
            &PortfolioFilters::default(),
            now(),
        )
        .await;
        match (sees, got) {
            (true, Ok(p)) => assert_eq!(p.all_time.activities, 1, "{email}"),
            (false, Err(AppError::NotFound)) => {}
            (sees, other) => panic!("{email} (sees: {sees}) got {other:?}"),
        }
        let client = app.signed_in(email).await;
        let (status, _) = app.get(&client, &format!("/portfolio/{sam}")).await;
        assert_eq!(
            status,
            if sees { 200 } else { 404 },
            "{email} opens the page"
        );
    }
    // Someone who does not exist is not found either.
    let hr = app.signed_in(HR).await;
    assert_eq!(app.get(&hr, "/portfolio/999999").await.0, 404);
}

async fn openings(app: &TestApp) -> u64 {
    share_opening::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_share_link_shows_verified_evidence_without_sign_in_until_it_is_withdrawn_or_expires() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    entry(
        &app,
        "Verified network meeting",
        &this_year_date(),
        &[("B2", 2)],
        true,
    )
    .await;
    entry(
        &app,
        "Still waiting",
        &this_year_date(),
        &[("S5", 1)],
        false,
    )
    .await;
    let staff = app.signed_in(STAFF).await;

    // Bad input first.
    for (days, says) in [("0", "from 1 to 365 days"), ("many", "whole number")] {
        let (_, to) = app
            .post_form(
                &staff,
                "create_share_link",
                "/portfolio/share",
                &[("label", "Panel"), ("days", days)],
            )
            .await;
        let (_, page) = app.get(&staff, &to.expect("back")).await;
        assert!(page.contains(says), "{days}: {says}");
    }
    assert_eq!(
        share_link::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );

    let (_, to) = app
        .post_form(
            &staff,
            "create_share_link",
            "/portfolio/share",
            &[("label", "Interview panel"), ("days", "")],
        )
        .await;
    let to = to.expect("to the new link");
    assert_eq!(
        to, "/portfolio/share?done=made",
        "the token is not in the address"
    );
    let (_, page) = app.get(&staff, &to).await;
    let token = page
        .split("/shared/")
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
        })
        .expect("the link is shown");
    assert_eq!(token.len(), 64, "256 bits, hex");
    let (_, again) = app.get(&staff, &to).await;
    assert!(!again.contains(&token), "shown once");
    assert!(again.contains("shown only once"));
    let link = share_link::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("link");
    assert_ne!(link.token_hash, token, "only a hash is kept");
    let days = (link.expires_at - link.created_at).num_days();
    assert_eq!(days, 30, "thirty days unless chosen");

    // A stranger without an account opens it.
    let stranger = app.client();
    let (status, page) = app.get(&stranger, &format!("/shared/{token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Verified network meeting"));
    assert!(!page.contains("Still waiting"), "only verified evidence");
    assert!(!page.contains("waiting</span>"), "nothing pending shown");
    assert!(!page.contains("/evidence/"), "no links into the app");
    assert_eq!(openings(&app).await, 1, "the opening is recorded");
    let (_, page) = app.get(&staff, "/portfolio/share").await;
    assert!(
        page.contains("Interview panel") && page.contains("1 time, last on"),
        "listed with its openings"
    );

    // A token that does not exist, or is not even a token, is plainly not there.
    let (status, page) = app
        .get(&stranger, &format!("/shared/{}", "0".repeat(64)))
        .await;
    assert_eq!(status, 410);
    assert!(page.contains("does not lead anywhere"));
    let (status, page) = app.get(&stranger, "/shared/not-a-token").await;
    assert_eq!(status, 410);
    assert!(page.contains("does not lead anywhere"));

    // Someone else cannot withdraw it; the owner can.
    let manager = app.signed_in(MANAGER).await;
    let id = link.id.to_string();
    let (_, to) = app
        .post_form(
            &manager,
            "revoke_share_link",
            "/portfolio/share",
            &[("id", &id)],
        )
        .await;
    assert!(to.is_some_and(|t| t.contains("__err=")));
    assert_eq!(app.get(&stranger, &format!("/shared/{token}")).await.0, 200);
    let (_, to) = app
        .post_form(
            &staff,
            "revoke_share_link",
            "/portfolio/share",
            &[("id", &id)],
        )
        .await;
    assert_eq!(to.as_deref(), Some("/portfolio/share?done=withdrawn"));
    let (status, page) = app.get(&stranger, &format!("/shared/{token}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("withdrew this link"), "says so plainly");
    assert!(!page.contains("Verified network meeting"));
    assert_eq!(openings(&app).await, 3, "refused openings are recorded too");
    let refused = share_opening::Entity::find()
        .filter(share_opening::Column::Served.eq(false))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(refused, 1);

    // An expired link says when it expired.
    let sam = user(&app, STAFF).await;
    let token = sharing::create(&app.db, &sam, "Old", "1", now() - chrono::Duration::days(3))
        .await
        .expect("made");
    let (status, page) = app.get(&stranger, &format!("/shared/{token}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("This link expired on"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_my_data_downloads_as_one_json_file_of_my_own_records() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let id = entry(
        &app,
        "Network meeting",
        &this_year_date(),
        &[("B2", 2)],
        true,
    )
    .await;
    let sam = user(&app, STAFF).await;
    sharing::create(&app.db, &sam, "Panel", "", now())
        .await
        .expect("link");
    let staff = app.signed_in(STAFF).await;
    let response = staff
        .get(app.url("/portfolio/my-data.json"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment"))
    );
    let data: serde_json::Value = response.json().await.expect("json");
    assert_eq!(data["person"]["email"], STAFF);
    assert_eq!(data["evidence"][0]["id"], id.0);
    assert_eq!(data["evidence"][0]["claims"][0]["element"], "B2");
    let trail = data["evidence"][0]["audit_trail"]
        .as_array()
        .expect("trail");
    assert!(
        trail
            .iter()
            .any(|e| e["action"] == "verify" && e["by"] == "Mina Manager")
    );
    assert!(!data["notifications"].as_array().expect("list").is_empty());
    assert_eq!(data["share_links"][0]["label"], "Panel");
    for key in ["consultation_feedback", "pathways_followed"] {
        assert!(data[key].is_array(), "{key}");
    }
    // Only one's own: the manager's download has none of Sam's evidence.
    let manager = app.signed_in(MANAGER).await;
    let data: serde_json::Value = manager
        .get(app.url("/portfolio/my-data.json"))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(data["evidence"].as_array().map(Vec::len), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_link_opened_again_and_again_is_written_down_once_an_hour() {
    let app = TestApp::spawn().await;
    let sam = user(&app, STAFF).await;
    let start = now();
    let token = sharing::create(&app.db, &sam, "Panel", "30", start)
        .await
        .expect("made");
    let links = sharing::list(&app.db, &sam, start).await.expect("lists");
    sharing::revoke(&app.db, &sam, links[0].id, start)
        .await
        .expect("withdrawn");
    let filters = app::model::PortfolioFilters::default();
    let refused = || {
        share_opening::Entity::find()
            .filter(share_opening::Column::Served.eq(false))
            .count(&app.db)
    };
    for minute in 0..50 {
        let at = start + chrono::Duration::minutes(minute);
        let err = sharing::open(&app.db, &app.kept, &token, &filters, at)
            .await
            .expect_err("withdrawn");
        assert!(err.to_string().contains("withdrew this link"));
    }
    assert_eq!(
        refused().await.expect("count"),
        1,
        "fifty refusals in an hour: one row"
    );
    let later = start + chrono::Duration::minutes(70);
    sharing::open(&app.db, &app.kept, &token, &filters, later)
        .await
        .expect_err("withdrawn");
    assert_eq!(refused().await.expect("count"), 2, "and another an hour on");
    let listed = sharing::list(&app.db, &sam, later).await.expect("lists");
    assert_eq!(listed[0].openings, 2, "counted by the database");
}
