//! Administrators keep the academies: adding, renaming, closing and reopening, every change
//! in the organisation's audit trail, and nobody else allowed to.

use crate::common::*;
use app::db::academies;
use app::db::entities::{academy, org_change};
use app::domain::AcademyId;
use app::domain::academy::AcademyForm;
use app::error::AppError;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn form(name: &str, short_name: &str, phase: &str) -> AcademyForm {
    AcademyForm {
        name: name.into(),
        short_name: short_name.into(),
        phase: phase.into(),
    }
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

async fn trail(app: &TestApp, id: AcademyId) -> Vec<(String, String, String)> {
    let mut rows = org_change::Entity::find()
        .filter(org_change::Column::AcademyId.eq(id.0))
        .all(&app.db)
        .await
        .expect("trail");
    rows.sort_by_key(|c| c.id);
    rows.into_iter()
        .map(|c| (c.field, c.from_value, c.to_value))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_adds_and_renames_an_academy_and_the_trail_keeps_each_change() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    let id = academies::save(
        &app.db,
        &admin,
        None,
        &form(" Brookfield  School ", "", "special"),
        now(),
    )
    .await
    .expect("adds");
    assert_eq!(
        trail(&app, id).await,
        [
            ("Name".into(), String::new(), "Brookfield School".into()),
            ("Phase".into(), String::new(), "Special".into()),
        ]
    );
    let same = form("Brookfield School", "", "special");
    academies::save(&app.db, &admin, Some(id), &same, now())
        .await
        .expect("saves unchanged");
    assert_eq!(
        trail(&app, id).await.len(),
        2,
        "saving nothing new records nothing"
    );
    let renamed = form("Brookfield Academy", "Brookfield", "special");
    academies::save(&app.db, &admin, Some(id), &renamed, now())
        .await
        .expect("renames");
    let changes = trail(&app, id).await;
    assert_eq!(
        changes[2..],
        [
            (
                "Name".into(),
                "Brookfield School".into(),
                "Brookfield Academy".into()
            ),
            ("Short name".into(), String::new(), "Brookfield".into()),
        ]
    );
    let editor = academies::editor(&app.db, &admin, Some(id))
        .await
        .expect("editor");
    assert_eq!(editor.history.len(), 4);
    assert_eq!(
        editor.history[0].who, admin.name,
        "newest first, with who did it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_or_taken_name_is_refused_with_a_message_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    let before = academy::Entity::find().count(&app.db).await.expect("count");
    match academies::save(
        &app.db,
        &admin,
        None,
        &form("kingsmead academy", "", "secondary"),
        now(),
    )
    .await
    {
        Err(AppError::Validation(errors)) => {
            assert_eq!(errors[0].field, "name");
            assert_eq!(
                errors[0].message,
                "Another academy is already called kingsmead academy"
            );
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    match academies::save(&app.db, &admin, None, &form("", "", "college"), now()).await {
        Err(AppError::Validation(errors)) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["name", "phase"]);
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    assert_eq!(
        academy::Entity::find().count(&app.db).await.expect("count"),
        before
    );
    assert_eq!(
        org_change::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_academy_with_staff_cannot_close_and_an_empty_one_closes_and_reopens() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    match academies::set_closed(&app.db, &admin, AcademyId(1), true, now()).await {
        Err(AppError::Conflict(message)) => assert!(
            message.contains("still work at Ashgrove Primary Academy"),
            "{message}"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    let empty = academies::save(
        &app.db,
        &admin,
        None,
        &form("Fernhill Infants", "", "primary"),
        now(),
    )
    .await
    .expect("adds");
    academies::set_closed(&app.db, &admin, empty, true, now())
        .await
        .expect("closes");
    let list = academies::list(&app.db, &admin).await.expect("list");
    let last = list.last().expect("academies");
    assert_eq!(last.id, empty, "closed academies come last");
    assert!(last.closed_on.is_some());

    // Staff recording evidence are no longer offered it.
    let staff = user(&app, STAFF).await;
    let editor = app::db::evidence::editor(&app.db, &staff, None, now())
        .await
        .expect("editor");
    assert!(!editor.academies.iter().any(|(id, _)| *id == empty));
    // Nor can a request made by hand name it.
    let mut named = crate::evidence::form();
    named.places = vec![crate::evidence::KINGSMEAD, empty];
    match app::db::evidence::save(&app.db, &staff, None, 0, &named, now()).await {
        Err(AppError::Validation(errors)) => {
            assert!(errors.iter().any(|e| e.field == "places"), "{errors:?}");
        }
        other => panic!("expected a field error, got {other:?}"),
    }

    academies::set_closed(&app.db, &admin, empty, false, now())
        .await
        .expect("reopens");
    let status: Vec<String> = trail(&app, empty)
        .await
        .into_iter()
        .filter(|(field, _, _)| field == "Status")
        .map(|(_, from, to)| format!("{from} -> {to}"))
        .collect();
    assert_eq!(status.len(), 2);
    assert!(status[0].starts_with("Open -> Closed on "), "{status:?}");
    assert!(status[1].ends_with(" -> Open"), "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_keep_the_academies_whatever_the_page_shows() {
    let app = TestApp::spawn().await;
    for email in [HR, STAFF, MANAGER, PD_LEAD] {
        let who = user(&app, email).await;
        assert!(matches!(
            academies::list(&app.db, &who).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            academies::save(
                &app.db,
                &who,
                Some(AcademyId(2)),
                &form("Mine now", "", "primary"),
                now()
            )
            .await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            academies::set_closed(&app.db, &who, AcademyId(2), true, now()).await,
            Err(AppError::Forbidden)
        ));
        // And through the server, as a browser would post it.
        let client = app.signed_in(email).await;
        let (status, _) = app.get(&client, "/manage/academies").await;
        assert_eq!(status, 403, "{email}");
        let (_, location) = app
            .post_form(
                &client,
                "save_academy",
                "/manage/academies/2",
                &[
                    ("id", "2"),
                    ("academy[name]", "Hijacked"),
                    ("academy[short_name]", ""),
                    ("academy[phase]", "primary"),
                ],
            )
            .await;
        assert!(location.is_some_and(|l| l.contains("__err=")), "{email}");
    }
    let kingsmead = academy::Entity::find_by_id(2)
        .one(&app.db)
        .await
        .expect("query")
        .expect("academy");
    assert_eq!(kingsmead.name, "Kingsmead Academy");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_academy_form_posts_without_javascript_and_an_unknown_academy_is_not_found() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(ADMIN).await;
    let (status, location) = app
        .post_form(
            &client,
            "save_academy",
            "/manage/academies/new",
            &[
                ("academy[name]", "Riverside Academy"),
                ("academy[short_name]", "Riverside"),
                ("academy[phase]", "secondary"),
            ],
        )
        .await;
    assert_eq!(status, 302);
    let location = location.expect("redirects");
    assert!(
        location.starts_with("/manage/academies/") && location.ends_with("?done=saved"),
        "{location}"
    );
    let (status, body) = app.get(&client, &location).await;
    assert_eq!(status, 200);
    assert!(body.contains("Academy saved."));
    assert!(body.contains("Riverside Academy"));
    let (status, body) = app.get(&client, "/manage/academies").await;
    assert_eq!(status, 200);
    assert!(body.contains("Riverside Academy"));
    for missing in ["/manage/academies/999", "/manage/academies/nonsense"] {
        let (status, _) = app.get(&client, missing).await;
        assert_eq!(status, 404, "{missing}");
    }
}
