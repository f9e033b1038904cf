//! Evidence of cross-school activity against a real database: recording, the lifecycle with
//! its audit trail and notifications, concurrent decisions, bad input, and who may do what.

mod common;

use app::db::entities::{evidence_entry, evidence_event, notification, verification_delegate};
use app::db::services::evidence::{self, Levels};
use app::domain::evidence::{EvidenceAction as A, EvidenceStatus as S};
use app::error::AppError;
use app::model::{CurrentUser, EntryForm};
use common::*;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Kingsmead is not Sam's academy (Sam is at Ashgrove, id 1).
const KINGSMEAD: i64 = 2;

fn form() -> EntryForm {
    EntryForm {
        activity_type: Some(1),
        title: "Led a staff meeting on feedback at Kingsmead".into(),
        started_on: "2026-03-12".into(),
        ended_on: String::new(),
        places: vec![KINGSMEAD],
        trust_wide: false,
        hours: "1.5".into(),
        people_reached: "24".into(),
        what_done: "Led the meeting on **whole-class feedback**.".into(),
        reflection: "Next time I would share the slides first.".into(),
        claims: vec![("B2".into(), 3), ("S5".into(), 2)],
        co_leaders: OTHER_ACADEMY_TEACHER.to_uppercase(),
        links: "https://trust.example/slides/feedback".into(),
    }
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

async fn entry(app: &TestApp, id: i64) -> evidence_entry::Model {
    evidence_entry::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("entry")
}

async fn submitted_entry(app: &TestApp, staff: &CurrentUser) -> i64 {
    let id = evidence::save(&app.db, staff, None, 0, &form(), now())
        .await
        .expect("saves");
    evidence::act(&app.db, staff, id, 0, A::Submit, "", &Levels::new(), now())
        .await
        .expect("submits");
    id
}

fn fields(err: AppError) -> Vec<String> {
    match err {
        AppError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

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
    let acted = evidence::act(&app.db, &staff, id, 0, A::Submit, "", &Levels::new(), now())
        .await
        .expect("submits");
    assert_eq!(acted.status, S::Submitted);
    let email = acted.email.expect("the manager is e-mailed");
    assert_eq!(email.to_address, MANAGER);
    assert!(email.body.contains(&format!("{{base}}/evidence/{id}")), "{}", email.body);

    let queue = evidence::queue(&app.db, &manager, now())
        .await
        .expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].owner, "Sam Staff");

    // Returning it needs a comment.
    let err = evidence::act(
        &app.db,
        &manager,
        id,
        1,
        A::RequestChanges,
        " ",
        &Levels::new(),
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(err), ["comment"]);
    evidence::act(
        &app.db,
        &manager,
        id,
        1,
        A::RequestChanges,
        "Say which academy's staff you led.",
        &Levels::new(),
        now(),
    )
    .await
    .expect("returns it");

    let mut changed = form();
    changed.what_done = "Led Kingsmead's staff meeting on whole-class feedback.".into();
    evidence::save(&app.db, &staff, Some(id), 2, &changed, now())
        .await
        .expect("edits");
    evidence::act(&app.db, &staff, id, 3, A::Submit, "", &Levels::new(), now())
        .await
        .expect("resubmits");

    let levels: Levels = [("B2".to_owned(), 2)].into_iter().collect();
    evidence::act(&app.db, &manager, id, 4, A::Verify, "", &levels, now())
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
    use app::db::services::notifications;
    let list = notifications::list(&app.db, &staff).await.expect("list");
    assert_eq!(
        list[0].message,
        "Mina Manager verified “Led a staff meeting on feedback at Kingsmead”."
    );
    assert_eq!(list[0].href, Some(format!("/evidence/{id}")));
    assert_eq!(
        notifications::unread(&app.db, staff.actor.id.0)
            .await
            .expect("unread"),
        2
    );
    notifications::mark_all_read(&app.db, &staff, now())
        .await
        .expect("reads");
    assert_eq!(
        notifications::unread(&app.db, staff.actor.id.0)
            .await
            .expect("unread"),
        0
    );
    assert_eq!(
        notifications::unread(&app.db, manager.actor.id.0)
            .await
            .expect("unread"),
        2,
        "only one's own are marked read"
    );

    // And the trail cannot be rewritten by acting again.
    let err = evidence::act(
        &app.db,
        &staff,
        id,
        5,
        A::Withdraw,
        "",
        &Levels::new(),
        now(),
    )
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

    let none = Levels::new();
    let (a, b) = tokio::join!(
        evidence::act(&app.db, &manager, id, 1, A::Verify, "", &none, now()),
        evidence::act(
            &app.db,
            &manager,
            id,
            1,
            A::Decline,
            "Not cross-school enough",
            &none,
            now()
        ),
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} {b:?}"
    );
    let decisions = evidence_event::Entity::find()
        .filter(evidence_event::Column::EntryId.eq(id))
        .filter(evidence_event::Column::Action.is_in(["verify", "decline"]))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(decisions, 1);

    // Someone still looking at the old revision is told it changed, and nothing happens.
    let err = evidence::act(&app.db, &manager, id, 1, A::Verify, "", &none, now())
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
    bad.places = vec![999];
    bad.activity_type = Some(12345);
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
    home.places = vec![1];
    let id = evidence::save(&app.db, &staff, None, 0, &home, now())
        .await
        .expect("a draft may be anything");
    let err = evidence::act(&app.db, &staff, id, 0, A::Submit, "", &Levels::new(), now())
        .await
        .unwrap_err();
    assert_eq!(fields(err), ["places"]);
    assert_eq!(entry(&app, id).await.status, "draft");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_may_do_what_with_an_entry() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let draft = evidence::save(&app.db, &staff, None, 0, &form(), now())
        .await
        .expect("draft");
    let submitted = submitted_entry(&app, &staff).await;

    // Ada (an administrator) stands in for Mina while she is away.
    let delegate = user(&app, OTHER_ACADEMY_TEACHER).await;
    verification_delegate::Entity::insert(verification_delegate::ActiveModel {
        manager_id: sea_orm::ActiveValue::Set(user(&app, MANAGER).await.actor.id.0),
        delegate_id: sea_orm::ActiveValue::Set(delegate.actor.id.0),
        until: sea_orm::ActiveValue::Set(now() + chrono::Duration::days(7)),
        set_by: sea_orm::ActiveValue::Set(user(&app, ADMIN).await.actor.id.0),
    })
    .exec(&app.db)
    .await
    .expect("delegate");

    use Outcome::*;
    // (who, sees a submitted entry, may decide on it)
    let people = [
        (STAFF, true, false),
        (MANAGER, true, true),
        (OTHER_ACADEMY_TEACHER, true, true), // the delegate
        (HEAD, true, false),
        (HOME_PD_LEAD, true, false),
        (HR, true, false),
        (ADMIN, true, false),
        (PD_LEAD, false, false), // another academy's lead and another team's manager
        (LEFT, false, false),
    ];
    for (email, sees, decides) in people {
        let who = user(&app, email).await;
        let owner = email == STAFF;

        let viewed = evidence::view(&app.db, &who, draft, now()).await;
        let expected = if owner { Ok } else { NotFound };
        assert_eq!(
            outcome(viewed.map(|_| ())),
            expected,
            "{email} views a draft"
        );

        let viewed = evidence::view(&app.db, &who, submitted, now()).await;
        let expected = if sees { Ok } else { NotFound };
        assert_eq!(
            outcome(viewed.map(|_| ())),
            expected,
            "{email} views a submission"
        );

        let edited = evidence::save(&app.db, &who, Some(draft), 0, &form(), now()).await;
        let expected = if owner { Ok } else { NotFound };
        assert_eq!(
            outcome(edited.map(|_| ())),
            expected,
            "{email} edits a draft"
        );

        // Those who may not decide are refused for real; those who may are offered it.
        for action in [A::Verify, A::RequestChanges, A::Decline] {
            let expected = match (sees, decides) {
                (false, _) => NotFound,
                (true, false) => Forbidden,
                (true, true) => Ok,
            };
            let tried = if decides {
                offered(&app, &who, submitted, action).await
            } else {
                let taken = evidence::act(
                    &app.db,
                    &who,
                    submitted,
                    1,
                    action,
                    "A reason",
                    &Levels::new(),
                    now(),
                )
                .await;
                outcome(taken.map(|_| ()))
            };
            assert_eq!(tried, expected, "{email} {action:?}");
        }
    }
    // The submission is still waiting: nothing above took effect.
    assert_eq!(entry(&app, submitted).await.status, "submitted");
}

fn outcome(result: Result<(), AppError>) -> Outcome {
    match result {
        Ok(()) => Outcome::Ok,
        Err(AppError::NotFound) => Outcome::NotFound,
        Err(AppError::Forbidden) => Outcome::Forbidden,
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Ok,
    NotFound,
    Forbidden,
}

/// Whether the entry page offers `who` the `action`, leaving the entry as it is.
async fn offered(app: &TestApp, who: &CurrentUser, id: i64, action: A) -> Outcome {
    match evidence::view(&app.db, who, id, now()).await {
        Err(AppError::NotFound) => Outcome::NotFound,
        Err(other) => panic!("{other:?}"),
        Ok(view) if view.actions.contains(&action) => Outcome::Ok,
        Ok(_) => Outcome::Forbidden,
    }
}
