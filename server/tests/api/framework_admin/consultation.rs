//! Consultation windows on a draft.

use super::*;
use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultation_opens_with_a_future_closing_date_and_closes_on_request() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = app.signed_in(ADMIN).await;
    let staff = app.signed_in(STAFF).await;
    let draft = start_draft(&app, &admin).await;
    let v = draft.to_string();
    let page = format!("/manage/framework/{draft}");

    let (_, location) = app
        .post_form(
            &admin,
            "framework_consultation",
            &page,
            &[("version", &v), ("closes", "2020-01-01")],
        )
        .await;
    let location = location.expect("back");
    assert!(location.contains("__err="));
    let (_, body) = app.get(&admin, &location).await;
    assert!(
        body.contains("The closing date must be in the future"),
        "{body}"
    );
    let (_, body) = app.get(&staff, "/consultation").await;
    assert!(body.contains("no consultation open"));

    let closes = (chrono::Utc::now() + chrono::Duration::days(14))
        .format("%Y-%m-%d")
        .to_string();
    let (status, _) = app
        .post_form(
            &admin,
            "framework_consultation",
            &page,
            &[("version", &v), ("closes", &closes)],
        )
        .await;
    assert_eq!(status, 302);
    let (_, body) = app.get(&staff, "/consultation").await;
    assert!(body.contains("Have your say"), "{body}");

    // Feedback about an element that is later removed from the draft is kept.
    let s1 = element::Entity::find()
        .filter(element::Column::VersionId.eq(draft))
        .filter(element::Column::Code.eq("S1"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("S1");
    app.post_form(
        &staff,
        "send_feedback",
        "/consultation",
        &[
            ("version", &v),
            ("element", &s1.id.to_string()),
            ("body", "Too long."),
        ],
    )
    .await;
    app.post_form(
        &admin,
        "remove_framework_item",
        &page,
        &[("version", &v), ("kind", "element"), ("id", &s1.uuid)],
    )
    .await;
    let kept = consultation_feedback::Entity::find()
        .filter(consultation_feedback::Column::VersionId.eq(draft))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].element_id, None);
    assert!(kept[0].body.contains("About S1"), "{}", kept[0].body);

    app.post_form(
        &admin,
        "framework_consultation",
        &page,
        &[("version", &v), ("close", "1")],
    )
    .await;
    let (_, body) = app.get(&staff, "/consultation").await;
    assert!(body.contains("no consultation open"));
}
