//! Exactly one published framework version, whatever happens at once: the database holds it
//! (a partial unique index), so two publishes racing on PostgreSQL cannot both win.

use super::*;
use app::db::framework;
use app::domain::VersionId;
use app::domain::framework::{FrameworkDocument, VersionStatus};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn published_count(app: &TestApp) -> u64 {
    framework_version::Entity::find()
        .filter(framework_version::Column::Status.eq("published"))
        .count(&app.db)
        .await
        .expect("counts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_drafts_published_at_once_leave_exactly_one_published() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = user(&app, ADMIN).await;
    let doc: FrameworkDocument =
        serde_json::from_str(server::demo::FRAMEWORK_JSON).expect("demo json");
    for round in 0..10 {
        let now = chrono::Utc::now();
        let mut drafts = Vec::new();
        for name in ["A", "B"] {
            let mut draft = doc.clone();
            draft.name = format!("Round {round} draft {name}");
            drafts.push(
                framework::insert_document(&app.db, &draft, VersionStatus::Draft, now)
                    .await
                    .expect("draft"),
            );
        }
        // Each on its own task, so both run at once on the runtime's two threads.
        let publish = |draft: i64| {
            let (db, admin) = (app.db.clone(), admin.clone());
            tokio::spawn(async move {
                framework::admin::publish(&db, &admin, VersionId(draft), now).await
            })
        };
        let (a, b) = (publish(drafts[0]), publish(drafts[1]));
        let (a, b) = (a.await.expect("runs"), b.await.expect("runs"));
        for result in [&a, &b] {
            if let Err(err) = result {
                assert!(
                    err.to_string().contains("published at the same moment"),
                    "a plain refusal, not a failure: {err}"
                );
            }
        }
        assert!(a.is_ok() || b.is_ok(), "one of them is published");
        assert_eq!(published_count(&app).await, 1, "round {round}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_itself_refuses_a_second_published_version() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let doc: FrameworkDocument =
        serde_json::from_str(server::demo::FRAMEWORK_JSON).expect("demo json");
    let second =
        framework::insert_document(&app.db, &doc, VersionStatus::Published, chrono::Utc::now())
            .await;
    assert!(second.is_err(), "a second published version is refused");
    assert_eq!(published_count(&app).await, 1);
}
