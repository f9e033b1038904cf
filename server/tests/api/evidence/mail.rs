//! E-mail to the verifier and the owner.

use super::*;
use crate::common::*;
use app::db::evidence::{self};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e_mail_tells_the_verifier_of_a_submission_and_the_owner_of_the_decision() {
    let mut sink = crate::common::smtp::Sink::start().await;
    let app = TestApp::spawn_with(&[
        ("SMTP_URL", sink.url.as_str()),
        ("WAYMARK_MAIL_FROM", "Waymark <waymark@trust.example>"),
        ("WAYMARK_BASE_URL", "https://waymark.trust.example"),
    ])
    .await;
    with_framework(&app).await;
    let staff_user = user(&app, STAFF).await;
    let id = evidence::save(&app.db, &staff_user, None, 0, &form(), now())
        .await
        .expect("draft");
    let staff = app.signed_in(STAFF).await;
    let from = format!("/evidence/{id}");
    let (_, to) = app
        .post_form(
            &staff,
            "evidence_action",
            &from,
            &[
                ("id", &id.to_string()),
                ("revision", "0"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(
        to.as_deref(),
        Some(format!("/evidence/{id}?done=submit").as_str())
    );

    let mail = sink.next().await;
    assert_eq!(mail.to, [format!("<{MANAGER}>")]);
    assert_eq!(mail.from, "<waymark@trust.example>");
    assert!(mail.data.contains("Subject: To verify:"), "{}", mail.data);
    assert!(
        mail.data
            .contains(&format!("https://waymark.trust.example/evidence/{id}")),
        "{}",
        mail.data
    );

    let manager = app.signed_in(MANAGER).await;
    let (_, to) = app
        .post_form(
            &manager,
            "evidence_action",
            &from,
            &[
                ("id", &id.to_string()),
                ("revision", "1"),
                ("action", "request_changes"),
                ("comment", "Please say which academy's staff you led."),
            ],
        )
        .await;
    assert!(to.is_some_and(|t| t.ends_with("done=request_changes")));
    let mail = sink.next().await;
    assert_eq!(mail.to, [format!("<{STAFF}>")]);
    assert!(mail.data.contains("Changes asked for"), "{}", mail.data);
    assert!(
        mail.data.contains("which academy"),
        "the comment travels: {}",
        mail.data
    );

    // A refused action sends nothing.
    app.post_form(
        &manager,
        "evidence_action",
        &from,
        &[
            ("id", &id.to_string()),
            ("revision", "2"),
            ("action", "verify"),
        ],
    )
    .await;
    assert!(
        sink.nothing_within(500).await,
        "no e-mail for a refused action"
    );
}

// ---------------------------------------------------------------------------------------------
// Evidence settings: activity types and cover for an absent manager.
