//! Recording an entry and taking it through its lifecycle, with its timeline; concurrent
//! decisions, stale forms and bad input.

use super::*;
use crate::common::*;
use app::db::entities::{evidence_entry, evidence_event, notification};
use app::db::evidence::{self, Decision, Levels};
use app::domain::evidence::{EvidenceAction as A, EvidenceStatus as S};
use app::error::AppError;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_is_recorded_submitted_returned_resubmitted_and_verified_with_its_timeline() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let manager = user(&app, MANAGER).await;

    let id = evidence::save(&app.db, &staff, None, 0, &form(), now())
        .await
        .expect("saves a draft");
    assert_eq!(entry(&app, id).await.status, "draft");
    let acted = evidence::act(&app.db, &staff, &Decision::new(id, 0, A::Submit), now())
        .await
        .expect("submits");
    assert_eq!(acted.status, S::Submitted);
    let email = acted.email.expect("the manager is e-mailed");
    assert_eq!(email.to_address, MANAGER);
    assert!(
        email.body.contains(&format!("{{base}}/evidence/{id}")),
        "{}",
        email.body
    );

    let queue = evidence::queue(&app.db, &manager, now())
        .await
        .expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].owner, "Sam Staff");

    // Returning it needs a comment.
    let err = evidence::act(
        &app.db,
        &manager,
        &Decision::new(id, 1, A::RequestChanges).with_comment(" "),
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(err), ["comment"]);
    evidence::act(
        &app.db,
        &manager,
        &Decision::new(id, 1, A::RequestChanges).with_comment("Say which academy's staff you led."),
        now(),
    )
    .await
    .expect("returns it");

    let mut changed = form();
    changed.what_done = "Led Kingsmead's staff meeting on whole-class feedback.".into();
    evidence::save(&app.db, &staff, Some(id), 2, &changed, now())
        .await
        .expect("edits");
    evidence::act(&app.db, &staff, &Decision::new(id, 3, A::Submit), now())
        .await
        .expect("resubmits");

    let levels: Levels = [("B2".to_owned(), 2)].into_iter().collect();
    evidence::act(
        &app.db,
        &manager,
        &Decision::new(id, 4, A::Verify).with_levels(levels.clone()),
        now(),
    )
    .await
    .expect("verifies");

    let view = evidence::view(&app.db, &staff, id, now())
        .await
        .expect("view");
    assert_eq!(view.status, S::Verified);
    assert!(view.actions.is_empty(), "a verified entry is locked");
    let b2 = view.claims.iter().find(|c| c.code == "B2").expect("B2");
    assert_eq!((b2.claimed, b2.verified), (3, Some(2)));
    let s5 = view.claims.iter().find(|c| c.code == "S5").expect("S5");
    assert_eq!(
        s5.verified,
        Some(2),
        "unchanged claims are confirmed as claimed"
    );
    let steps: Vec<&str> = view.timeline.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        steps,
        [
            "Started the entry",
            "Submitted for verification",
            "Asked for changes",
            "Submitted for verification",
            "Verified"
        ]
    );
    assert_eq!(
        view.timeline[2].comment,
        "Say which academy's staff you led."
    );
    assert_eq!(view.co_leaders, ["Olu Other"]);
    assert_eq!(view.links, ["https://trust.example/slides/feedback"]);
    assert_eq!(view.timeline[4].who, "Mina Manager");
    assert_eq!(
        view.timeline[4].level_changes,
        ["B2: claimed Academy, verified at Team"]
    );
    assert!(view.what_done_html.contains("Kingsmead"));

    // The verifier heard of each submission, the owner of each decision.
    let count = |person: i64| {
        notification::Entity::find()
            .filter(notification::Column::PersonId.eq(person))
            .count(&app.db)
    };
    assert_eq!(count(manager.actor.id.0).await.expect("count"), 2);
    assert_eq!(count(staff.actor.id.0).await.expect("count"), 2);
    use app::db::notifications;
    use app::db::org::header;
    let list = notifications::list(&app.db, &staff).await.expect("list");
    assert_eq!(
        list[0].message,
        "Mina Manager verified “Led a staff meeting on feedback at Kingsmead”."
    );
    assert_eq!(list[0].href, Some(format!("/evidence/{id}")));
    assert_eq!(
        header(&app.db, Some(staff.actor.id.0))
            .await
            .expect("header")
            .unread,
        2
    );
    notifications::mark_all_read(&app.db, &staff, now())
        .await
        .expect("reads");
    assert_eq!(
        header(&app.db, Some(staff.actor.id.0))
            .await
            .expect("header")
            .unread,
        0
    );
    assert_eq!(
        header(&app.db, Some(manager.actor.id.0))
            .await
            .expect("header")
            .unread,
        2,
        "only one's own are marked read"
    );

    // And the trail cannot be rewritten by acting again.
    let err = evidence::act(&app.db, &staff, &Decision::new(id, 5, A::Withdraw), now())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_verifications_at_once_exactly_one_wins() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let manager = user(&app, MANAGER).await;
    let id = submitted_entry(&app, &staff).await;

    let verify = Decision::new(id, 1, A::Verify);
    let decline = Decision::new(id, 1, A::Decline).with_comment("Not cross-school enough");
    let (a, b) = tokio::join!(
        evidence::act(&app.db, &manager, &verify, now()),
        evidence::act(&app.db, &manager, &decline, now()),
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} {b:?}"
    );
    let decisions = evidence_event::Entity::find()
        .filter(evidence_event::Column::EntryId.eq(id.0))
        .filter(evidence_event::Column::Action.is_in(["verify", "decline"]))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(decisions, 1);

    // Someone still looking at the old revision is told it changed, and nothing happens.
    let err = evidence::act(&app.db, &manager, &Decision::new(id, 1, A::Verify), now())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_from_a_stale_form_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let id = evidence::save(&app.db, &staff, None, 0, &form(), now())
        .await
        .expect("saves");
    let mut first = form();
    first.title = "First tab".into();
    evidence::save(&app.db, &staff, Some(id), 0, &first, now())
        .await
        .expect("first tab saves");
    let mut second = form();
    second.title = "Second tab".into();
    let err = evidence::save(&app.db, &staff, Some(id), 0, &second, now())
        .await
        .unwrap_err();
    match err {
        AppError::Conflict(message) => assert!(message.contains("changed by someone else")),
        other => panic!("{other:?}"),
    }
    assert_eq!(entry(&app, id).await.title, "First tab");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_message_by_each_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let before = evidence_entry::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    let mut bad = form();
    bad.started_on = "2026-03-12".into();
    bad.ended_on = "2026-03-01".into();
    bad.hours = "-2".into();
    bad.people_reached = "lots".into();
    bad.claims = vec![("Z9".into(), 1), ("B2".into(), 9)];
    bad.places = vec![AcademyId(999)];
    bad.activity_type = Some(ActivityTypeId(12345));
    bad.co_leaders = "nobody@elsewhere.example".into();
    bad.links = "javascript:alert(1)".into();
    let err = evidence::save(&app.db, &staff, None, 0, &bad, now())
        .await
        .unwrap_err();
    assert_eq!(
        fields(err),
        [
            "activity_type",
            "ended_on",
            "places",
            "hours",
            "people_reached",
            "claims",
            "claim-B2",
            "co_leaders",
            "links"
        ]
    );
    let mut future = form();
    future.started_on = (now() + chrono::Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let err = evidence::save(&app.db, &staff, None, 0, &future, now())
        .await
        .unwrap_err();
    assert_eq!(fields(err), ["started_on"]);
    assert_eq!(
        evidence_entry::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        before
    );

    // Only at home is saved as a draft, but cannot be submitted, and says why.
    let mut home = form();
    home.places = vec![AcademyId(1)];
    let id = evidence::save(&app.db, &staff, None, 0, &home, now())
        .await
        .expect("a draft may be anything");
    let err = evidence::act(&app.db, &staff, &Decision::new(id, 0, A::Submit), now())
        .await
        .unwrap_err();
    assert_eq!(fields(err), ["places"]);
    assert_eq!(entry(&app, id).await.status, "draft");
}
