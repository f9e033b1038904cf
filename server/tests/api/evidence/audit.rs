//! The audit trail cannot be lost: an entry once submitted is never deleted (withdrawing keeps
//! it), and the database itself refuses to change or delete the trail's rows or what they
//! point at, whatever code tries.

use super::*;
use crate::common::*;
use app::db::evidence::{self, Decision};
use app::domain::evidence::EvidenceAction as A;
use app::error::AppError;
use sea_orm::ConnectionTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_entry_is_a_draft_again_but_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let store = app::storage::DiskStore::new(&app.files_dir);
    let staff = user(&app, STAFF).await;
    let id = submitted_entry(&app, &staff).await;
    evidence::act(&app.db, &staff, &Decision::new(id, 1, A::Withdraw), now())
        .await
        .expect("withdraws");
    let view = evidence::view(&app.db, &staff, id, now())
        .await
        .expect("view");
    assert!(
        !view.actions.contains(&A::Delete),
        "no delete button is offered"
    );
    let err = evidence::delete(&app.db, &store, &staff, id, 2, now())
        .await
        .unwrap_err();
    match err {
        AppError::Conflict(message) => {
            assert!(message.contains("stays on your record"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(entry(&app, id).await.status, "draft");

    // A draft never submitted is still the owner's to delete, with the steps of its drafting.
    let draft = evidence::save(&app.db, &staff, None, 0, &form(), now())
        .await
        .expect("saves");
    evidence::delete(&app.db, &store, &staff, draft, 0, now())
        .await
        .expect("deletes a draft");
}

/// Runs `sql` straight at the database, as a careless script or a bug might.
async fn raw(app: &TestApp, sql: &str) -> Result<(), String> {
    app.db
        .execute_unprepared(sql)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_refuses_to_change_or_lose_the_trail() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let id = submitted_entry(&app, &staff).await;
    // An organisation change to try on.
    let admin = user(&app, ADMIN).await;
    app::db::academies::set_closed(&app.db, &admin, app::domain::AcademyId(3), true, now())
        .await
        .ok();
    let academy = app::domain::academy::AcademyForm {
        name: "Trail Test Academy".into(),
        short_name: String::new(),
        phase: "primary".into(),
    };
    app::db::academies::save(&app.db, &admin, None, &academy, now())
        .await
        .expect("an academy, and a change in the trail");

    for sql in [
        format!("UPDATE evidence_event SET comment = 'rewritten' WHERE entry_id = {id}"),
        format!("DELETE FROM evidence_event WHERE entry_id = {id}"),
        format!("DELETE FROM evidence_entry WHERE id = {id}"),
        // Sam Staff acted on the trail (submitted): deleting them would take it away.
        "DELETE FROM person WHERE id = 4".to_owned(),
        "UPDATE org_change SET to_value = 'rewritten'".to_owned(),
        "DELETE FROM org_change".to_owned(),
    ] {
        let refused = raw(&app, &sql).await;
        assert!(refused.is_err(), "the database allowed: {sql}");
    }
    assert_eq!(entry(&app, id).await.status, "submitted");
    let trail = evidence::view(&app.db, &staff, id, now())
        .await
        .expect("view");
    assert!(trail.timeline.len() >= 2, "the timeline is whole");
}
