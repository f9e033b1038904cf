//! Evidence of cross-school activity against a real database: recording, the lifecycle with
//! its audit trail and notifications, concurrent decisions, bad input, and who may do what.

mod common;

use app::db::entities::{evidence_entry, evidence_event, notification, verification_delegate};
use app::db::evidence::files;
use app::db::evidence::{self, Decision, Levels};
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
    evidence::act(&app.db, staff, &Decision::new(id, 0, A::Submit), now())
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
        .filter(evidence_event::Column::EntryId.eq(id))
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
    let err = evidence::act(&app.db, &staff, &Decision::new(id, 0, A::Submit), now())
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
    let store = app::storage::DiskStore::new(&app.files_dir);
    let with_file = |id: i64| {
        let (app, store, staff) = (&app, &store, &staff);
        async move {
            let upload = files::Upload {
                entry: id,
                revision: 0,
                name: "plan.pdf".to_owned(),
                size: PDF.len(),
                bytes: PDF.to_vec(),
            };
            files::add(&app.db, store, staff, &upload, now())
                .await
                .expect("file added");
            file_rows(app, id).await[0].id
        }
    };
    let draft = evidence::save(&app.db, &staff, None, 0, &form(), now())
        .await
        .expect("draft");
    let draft_file = with_file(draft).await;
    let submitted = evidence::save(&app.db, &staff, None, 0, &form(), now())
        .await
        .expect("saved");
    let submitted_file = with_file(submitted).await;
    evidence::act(
        &app.db,
        &staff,
        &Decision::new(submitted, 1, A::Submit),
        now(),
    )
    .await
    .expect("submits");

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

        let got = files::download(&app.db, &store, &who, draft, draft_file, now()).await;
        let expected = if owner { Ok } else { NotFound };
        assert_eq!(
            outcome(got.map(|_| ())),
            expected,
            "{email} downloads a draft's file"
        );
        let got = files::download(&app.db, &store, &who, submitted, submitted_file, now()).await;
        let expected = if sees { Ok } else { NotFound };
        assert_eq!(
            outcome(got.map(|_| ())),
            expected,
            "{email} downloads a submission's file"
        );

        if !owner {
            let deleted = evidence::delete(&app.db, &store, &who, draft, 1, now()).await;
            assert_eq!(
                outcome(deleted.map(|_| ())),
                NotFound,
                "{email} deletes a draft"
            );
            let removed = files::remove(&app.db, &store, &who, draft, 1, draft_file, now()).await;
            assert_eq!(
                outcome(removed.map(|_| ())),
                NotFound,
                "{email} removes a draft's file"
            );
            for action in [A::Submit, A::Withdraw] {
                let taken =
                    evidence::act(&app.db, &who, &Decision::new(submitted, 2, action), now()).await;
                let expected = if sees { Forbidden } else { NotFound };
                assert_eq!(outcome(taken.map(|_| ())), expected, "{email} {action:?}");
            }
        }

        let edited = evidence::save(&app.db, &who, Some(draft), 1, &form(), now()).await;
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
                    &Decision::new(submitted, 2, action).with_comment("A reason"),
                    now(),
                )
                .await;
                outcome(taken.map(|_| ()))
            };
            assert_eq!(tried, expected, "{email} {action:?}");
        }
    }
    // The submission is still waiting and both files are there: nothing above took effect.
    assert_eq!(entry(&app, submitted).await.status, "submitted");
    assert_eq!(app.stored_files(), 2);
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

// ---------------------------------------------------------------------------------------------
// Supporting files, deleting drafts, e-mail.

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

/// Uploads a file to the entry as the browser's form does; returns where it redirects.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    revision: i32,
    name: &str,
    bytes: Vec<u8>,
) -> String {
    let form = reqwest::multipart::Form::new()
        .text("id", id.to_string())
        .text("revision", revision.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str("application/octet-stream")
                .expect("mime"),
        );
    let response = client
        .post(app.url("/api/add_evidence_file"))
        .header("accept", "text/html")
        .header("origin", &app.address)
        .header("referer", app.url(&format!("/evidence/{id}")))
        .multipart(form)
        .send()
        .await
        .expect("answers");
    location(&response).expect("redirects")
}

async fn file_rows(app: &TestApp, id: i64) -> Vec<app::db::entities::evidence_file::Model> {
    use app::db::entities::evidence_file;
    evidence_file::Entity::find()
        .filter(evidence_file::Column::EntryId.eq(id))
        .all(&app.db)
        .await
        .expect("files")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_is_added_to_a_draft_and_downloaded_only_by_those_who_may_see_the_entry() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff_user = user(&app, STAFF).await;
    let id = evidence::save(&app.db, &staff_user, None, 0, &form(), now())
        .await
        .expect("draft");
    let staff = app.signed_in(STAFF).await;

    let to = upload(&app, &staff, id, 0, "Feedback slides.pdf", PDF.to_vec()).await;
    assert_eq!(to, format!("/evidence/{id}?done=file-added#files-heading"));
    let rows = file_rows(&app, id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].file_name, "Feedback slides.pdf");
    assert_eq!(rows[0].content_type, "application/pdf");
    assert!(
        !rows[0].storage_key.contains("slides"),
        "stored under a key of ours"
    );
    assert_eq!(app.stored_files(), 1);
    assert_eq!(
        entry(&app, id).await.revision,
        1,
        "a new file is a change to the entry"
    );

    let (_, page) = app.get(&staff, &format!("/evidence/{id}")).await;
    assert!(
        page.contains("Feedback slides.pdf") && page.contains("PDF, 59 bytes"),
        "{page}"
    );
    let url = format!("/evidence/{id}/files/{}", rows[0].id);
    let response = staff.get(app.url(&url)).send().await.expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "application/pdf");
    assert!(header("content-disposition").starts_with("attachment;"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(response.bytes().await.expect("body").as_ref(), PDF);

    // A draft is the owner's alone: its file too.
    let manager = app.signed_in(MANAGER).await;
    assert_eq!(app.get(&manager, &url).await.0, 404);

    // Submitted, the line manager may download it; someone at another academy may not.
    evidence::act(
        &app.db,
        &staff_user,
        &Decision::new(id, 1, A::Submit),
        now(),
    )
    .await
    .expect("submits");
    assert_eq!(app.get(&manager, &url).await.0, 200);
    let outsider = app.signed_in(PD_LEAD).await;
    assert_eq!(app.get(&outsider, &url).await.0, 404);
    // A file id of another entry, or none, under this entry is not found either.
    assert_eq!(
        app.get(&manager, &format!("/evidence/{id}/files/999"))
            .await
            .0,
        404
    );
    // Without signing in, the sign-in page.
    let anonymous = app.client();
    let response = anonymous.get(app.url(&url)).send().await.expect("answers");
    assert!(
        location(&response).is_some_and(|l| l.starts_with("/sign-in")),
        "{:?}",
        response.status()
    );

    // Once submitted, files cannot be added by the owner or anyone else.
    let to = upload(&app, &staff, id, 2, "more.pdf", PDF.to_vec()).await;
    assert!(to.contains("__err="), "{to}");
    let to = upload(&app, &manager, id, 2, "more.pdf", PDF.to_vec()).await;
    assert!(to.contains("__err="), "{to}");
    assert_eq!(file_rows(&app, id).await.len(), 1);
    assert_eq!(app.stored_files(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_files_are_refused_with_a_plain_message_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff_user = user(&app, STAFF).await;
    let id = evidence::save(&app.db, &staff_user, None, 0, &form(), now())
        .await
        .expect("draft");
    let staff = app.signed_in(STAFF).await;

    let mut too_big = PDF.to_vec();
    too_big.resize(10 * 1024 * 1024 + 1, b' ');
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "slides.pdf",
            b"MZ\x90\0\x03\0\0\0\x04\0".to_vec(),
            "does not contain a PDF",
        ),
        (
            "../../etc/cron.d/evil.pdf",
            PDF.to_vec(),
            "points into folders",
        ),
        ("setup.exe", b"MZ\x90\0".to_vec(), "not a kind of file"),
        ("page.html", b"<html>".to_vec(), "not a kind of file"),
        (
            "notes.txt",
            b"<script>alert(1)</script>".to_vec(),
            "does not contain a text file",
        ),
        ("big.pdf", too_big, "larger than 10 MB"),
        ("empty.pdf", Vec::new(), "is empty"),
    ];
    for (name, bytes, says) in cases {
        let to = upload(&app, &staff, id, 0, name, bytes).await;
        assert!(to.contains("__err="), "{name}: {to}");
        let (_, page) = app.get(&staff, &to).await;
        assert!(page.contains(says), "{name}: expected “{says}” in the page");
        assert!(
            page.contains(r#"id="file-error""#),
            "{name}: next to the field"
        );
    }
    // A stale revision: someone changed the entry since the page was loaded.
    let to = upload(&app, &staff, id, 7, "fine.pdf", PDF.to_vec()).await;
    let (_, page) = app.get(&staff, &to).await;
    assert!(page.contains("changed by someone else"), "{page}");

    assert!(file_rows(&app, id).await.is_empty());
    assert_eq!(app.stored_files(), 0);
    assert_eq!(entry(&app, id).await.revision, 0, "nothing changed");

    // Ten files at most.
    for n in 0..10 {
        upload(&app, &staff, id, n, &format!("part {n}.pdf"), PDF.to_vec()).await;
    }
    let to = upload(&app, &staff, id, 10, "eleven.pdf", PDF.to_vec()).await;
    let (_, page) = app.get(&staff, &to).await;
    assert!(page.contains("up to 10 files"), "{page}");
    assert_eq!(file_rows(&app, id).await.len(), 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_file_and_a_deleted_draft_leave_nothing_behind() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff_user = user(&app, STAFF).await;
    let id = evidence::save(&app.db, &staff_user, None, 0, &form(), now())
        .await
        .expect("draft");
    let staff = app.signed_in(STAFF).await;
    upload(&app, &staff, id, 0, "one.pdf", PDF.to_vec()).await;
    upload(&app, &staff, id, 1, "two.pdf", PDF.to_vec()).await;
    assert_eq!(app.stored_files(), 2);
    let first = file_rows(&app, id).await[0].id;

    // Someone else cannot remove it, nor delete the draft.
    let manager = app.signed_in(MANAGER).await;
    let from = format!("/evidence/{id}");
    let first_text = first.to_string();
    let (_, to) = app
        .post_form(
            &manager,
            "remove_evidence_file",
            &from,
            &[
                ("id", &id.to_string()),
                ("revision", "2"),
                ("file", &first_text),
            ],
        )
        .await;
    assert!(to.is_some_and(|t| t.contains("__err=")));
    let (_, to) = app
        .post_form(
            &manager,
            "delete_evidence",
            &from,
            &[("id", &id.to_string()), ("revision", "2")],
        )
        .await;
    assert!(to.is_some_and(|t| t.contains("__err=")));
    assert_eq!(app.stored_files(), 2);

    let (_, to) = app
        .post_form(
            &staff,
            "remove_evidence_file",
            &from,
            &[
                ("id", &id.to_string()),
                ("revision", "2"),
                ("file", &first_text),
            ],
        )
        .await;
    assert_eq!(
        to.as_deref(),
        Some(format!("/evidence/{id}?done=file-removed#files-heading").as_str())
    );
    assert_eq!(file_rows(&app, id).await.len(), 1);
    assert_eq!(app.stored_files(), 1);

    // Deleting with an old revision is refused; with the current one it goes, files and all.
    let (_, to) = app
        .post_form(
            &staff,
            "delete_evidence",
            &from,
            &[("id", &id.to_string()), ("revision", "2")],
        )
        .await;
    let (_, page) = app.get(&staff, &to.expect("back")).await;
    assert!(page.contains("changed by someone else"), "{page}");
    let (_, to) = app
        .post_form(
            &staff,
            "delete_evidence",
            &from,
            &[("id", &id.to_string()), ("revision", "3")],
        )
        .await;
    assert_eq!(to.as_deref(), Some("/evidence?done=deleted"));
    assert!(
        evidence_entry::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .expect("query")
            .is_none()
    );
    assert_eq!(app.stored_files(), 0);
    assert!(file_rows(&app, id).await.is_empty());

    // A submitted entry stays on the record.
    let submitted = submitted_entry(&app, &staff_user).await;
    let err = evidence::delete(
        &app.db,
        &app::storage::DiskStore::new(&app.files_dir),
        &staff_user,
        submitted,
        1,
        now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e_mail_tells_the_verifier_of_a_submission_and_the_owner_of_the_decision() {
    let mut sink = common::smtp::Sink::start().await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_adds_changes_retires_and_restores_an_activity_type() {
    use app::db::evidence::settings;
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = app.signed_in(ADMIN).await;
    let from = "/manage/evidence/types/new";

    let good = [
        ("id", "new"),
        ("name", "  Led a  subject network meeting "),
        (
            "description",
            "Chaired a meeting of a trust subject network.",
        ),
        ("needs_host", "on"),
        ("suggested[S5]", "on"),
        ("suggested[B2]", "on"),
    ];
    let (_, to) = app
        .post_form(&admin, "save_activity_type", from, &good)
        .await;
    assert_eq!(
        to.as_deref(),
        Some("/manage/evidence?done=type-saved#types-heading")
    );
    let (status, page) = app.get(&admin, "/manage/evidence").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Led a subject network meeting"),
        "spaces tidied"
    );
    let settings = settings::settings(&app.db, &user(&app, ADMIN).await, now())
        .await
        .expect("settings");
    let added = settings
        .activity_types
        .iter()
        .find(|t| t.name == "Led a subject network meeting")
        .expect("added");
    assert!(added.needs_host);
    assert_eq!(added.suggested, ["B2", "S5"], "in the framework's order");

    // Staff see it with its description and what it usually shows.
    let staff = user(&app, STAFF).await;
    let editor = evidence::editor(&app.db, &staff, None, now())
        .await
        .expect("editor");
    let (_, _, about) = editor
        .activity_types
        .iter()
        .find(|(id, _, _)| *id == added.id)
        .expect("offered");
    assert!(
        about.contains("Often shows: B2") && about.contains("where it took place"),
        "{about}"
    );

    // Bad input: a name already used (whatever its case), no description, an unknown element.
    let bad = [
        ("id", "new"),
        ("name", "led a subject network meeting"),
        ("description", " "),
        ("suggested[Z9]", "on"),
    ];
    let (_, to) = app
        .post_form(&admin, "save_activity_type", from, &bad)
        .await;
    let (_, page) = app.get(&admin, &to.expect("back")).await;
    for says in [
        "There is already an activity type called",
        "Describe the activity",
        "Z9 is not an element of the published framework",
    ] {
        assert!(page.contains(says), "{says}");
    }

    // Retired, staff no longer see it or may save with it; restored, they do.
    let id = added.id.to_string();
    let (_, to) = app
        .post_form(
            &admin,
            "set_activity_type_active",
            "/manage/evidence",
            &[("id", &id), ("active", "false")],
        )
        .await;
    assert_eq!(
        to.as_deref(),
        Some("/manage/evidence?done=type-retired#types-heading")
    );
    let editor = evidence::editor(&app.db, &staff, None, now())
        .await
        .expect("editor");
    assert!(!editor.activity_types.iter().any(|(t, _, _)| *t == added.id));
    let mut with_retired = form();
    with_retired.activity_type = Some(added.id);
    let err = evidence::save(&app.db, &staff, None, 0, &with_retired, now())
        .await
        .unwrap_err();
    assert_eq!(fields(err), ["activity_type"]);
    app.post_form(
        &admin,
        "set_activity_type_active",
        "/manage/evidence",
        &[("id", &id), ("active", "true")],
    )
    .await;
    evidence::save(&app.db, &staff, None, 0, &with_retired, now())
        .await
        .expect("restored and usable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_activity_that_needs_a_host_cannot_be_submitted_as_trust_wide_only() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    // Type 1, "Led a staff meeting at another academy", needs a host academy.
    let mut online = form();
    online.places = vec![];
    online.trust_wide = true;
    let id = evidence::save(&app.db, &staff, None, 0, &online, now())
        .await
        .expect("a draft may say anything");
    let err = evidence::act(&app.db, &staff, &Decision::new(id, 0, A::Submit), now())
        .await
        .unwrap_err();
    assert!(
        err.field_errors()
            .iter()
            .any(|e| e.field == "places" && e.message.contains("where it took place")),
        "{err:?}"
    );
    assert_eq!(entry(&app, id).await.status, "draft");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cover_for_an_absent_manager_is_arranged_checked_and_ended() {
    use app::db::evidence::settings;
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    submitted_entry(&app, &staff).await;
    let admin = app.signed_in(ADMIN).await;
    let cover_by = user(&app, HOME_PD_LEAD).await;
    assert!(
        evidence::queue(&app.db, &cover_by, now())
            .await
            .expect("queue")
            .is_empty()
    );

    let until = (now() + chrono::Duration::days(14))
        .format("%Y-%m-%d")
        .to_string();
    let past = (now() - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let too_far = (now() + chrono::Duration::days(400))
        .format("%Y-%m-%d")
        .to_string();
    let cases: [(&str, &str, &str, &[&str]); 4] = [
        (
            "nobody@test.example",
            HOME_PD_LEAD,
            &until,
            &["Nobody in the trust has"],
        ),
        (
            STAFF,
            HOME_PD_LEAD,
            &past,
            &["does not line-manage anyone", "cannot be in the past"],
        ),
        (
            MANAGER,
            MANAGER,
            &too_far,
            &["someone other than the manager", "up to a year"],
        ),
        (
            MANAGER,
            LEFT,
            "31/02/2027",
            &["has left the trust", "a real date"],
        ),
    ];
    for (manager, delegate, date, says) in cases {
        let (_, to) = app
            .post_form(
                &admin,
                "set_delegate",
                "/manage/evidence",
                &[
                    ("manager", manager),
                    ("delegate", delegate),
                    ("until", date),
                ],
            )
            .await;
        let (_, page) = app.get(&admin, &to.expect("back")).await;
        for message in says {
            assert!(
                page.contains(message),
                "{manager}/{delegate}/{date}: {message}"
            );
        }
    }
    assert!(
        settings::settings(&app.db, &user(&app, ADMIN).await, now())
            .await
            .expect("settings")
            .delegates
            .is_empty(),
        "nothing arranged by bad input"
    );

    let (_, to) = app
        .post_form(
            &admin,
            "set_delegate",
            "/manage/evidence",
            &[
                ("manager", MANAGER),
                ("delegate", HOME_PD_LEAD),
                ("until", &until),
            ],
        )
        .await;
    assert_eq!(
        to.as_deref(),
        Some("/manage/evidence?done=cover-set#cover-heading")
    );
    let queue = evidence::queue(&app.db, &cover_by, now())
        .await
        .expect("queue");
    assert_eq!(
        queue.len(),
        1,
        "the person covering sees Mina's team's submission"
    );
    let (_, page) = app.get(&admin, "/manage/evidence").await;
    assert!(
        page.contains("Paz") || page.contains("Mina Manager"),
        "listed"
    );

    let manager_id = user(&app, MANAGER).await.actor.id.0.to_string();
    let (_, to) = app
        .post_form(
            &admin,
            "end_delegate",
            "/manage/evidence",
            &[("manager", &manager_id)],
        )
        .await;
    assert_eq!(
        to.as_deref(),
        Some("/manage/evidence?done=cover-ended#cover-heading")
    );
    assert!(
        evidence::queue(&app.db, &cover_by, now())
            .await
            .expect("queue")
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_change_evidence_settings() {
    use app::db::evidence::settings;
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = user(&app, ADMIN).await;
    let before = settings::settings(&app.db, &admin, now())
        .await
        .expect("settings");
    let until = (now() + chrono::Duration::days(14))
        .format("%Y-%m-%d")
        .to_string();
    for email in [STAFF, MANAGER, HR, HOME_PD_LEAD, HEAD] {
        let client = app.signed_in(email).await;
        let (status, _) = app.get(&client, "/manage/evidence").await;
        assert_eq!(status, 403, "{email} reads the settings page");
        let (status, _) = app.get(&client, "/manage/evidence/types/1").await;
        assert_eq!(status, 403, "{email} reads an activity type");
        let posts: [(&str, Vec<(&str, &str)>); 4] = [
            (
                "save_activity_type",
                vec![("id", "1"), ("name", "Renamed"), ("description", "Changed")],
            ),
            (
                "set_activity_type_active",
                vec![("id", "1"), ("active", "false")],
            ),
            (
                "set_delegate",
                vec![
                    ("manager", MANAGER),
                    ("delegate", HR),
                    ("until", until.as_str()),
                ],
            ),
            ("end_delegate", vec![("manager", "3")]),
        ];
        for (endpoint, fields) in posts {
            let (_, to) = app
                .post_form(&client, endpoint, "/manage/evidence", &fields)
                .await;
            assert!(
                to.is_some_and(|t| t.contains("__err=")),
                "{email} {endpoint}"
            );
        }
    }
    let after = settings::settings(&app.db, &admin, now())
        .await
        .expect("settings");
    assert_eq!(before, after, "nothing changed");
}
