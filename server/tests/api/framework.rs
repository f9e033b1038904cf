//! The leadership framework through HTTP and its services: reading, searching, tailored
//! descriptors, pathways, export/import round trip, and who may see drafts.

use crate::common::*;
use app::db::entities::framework_version;
use app::db::framework::{self, ImportError};
use app::domain::framework::{FrameworkDocument, VersionStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_read_the_framework_at_a_glance_and_search_it() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let client = app.signed_in(STAFF).await;

    let (status, body) = app.get(&client, "/framework").await;
    assert_eq!(status, 200);
    assert!(body.contains("Meridian Leadership Framework 2025"));
    assert!(body.contains("Moral purpose"));
    assert!(body.contains("Facilitating professional learning"));

    let (_, body) = app.get(&client, "/framework?q=coach").await;
    assert!(body.contains("Developing others"), "{body}");
    assert!(!body.contains("Moral purpose"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_element_shows_the_viewers_own_variant_by_default_and_the_others_on_request() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;

    // HR's role category is Enabling Education, which has tailored descriptors on A1.
    let hr = app.signed_in(HR).await;
    let (status, body) = app.get(&hr, "/framework/A1").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("makes learning possible"),
        "the Enabling variant: {body}"
    );
    assert!(body.contains("For Enabling Education"));

    let (_, body) = app.get(&hr, "/framework/A1?for=all").await;
    assert!(body.contains("Explains how your own work, whatever your role"));
    assert!(!body.contains("makes learning possible"));

    // A class teacher sees the descriptors for everyone.
    let staff = app.signed_in(STAFF).await;
    let (_, body) = app.get(&staff, "/framework/A1").await;
    assert!(body.contains("Explains how your own work, whatever your role"));

    let (status, _) = app.get(&staff, "/framework/Z9").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_in_the_framework_is_rendered_safely() {
    let app = TestApp::spawn().await;
    let mut doc: FrameworkDocument =
        serde_json::from_str(server::demo::FRAMEWORK_JSON).expect("json");
    doc.strands[0].elements[0].description =
        "**Bold** <script>alert('x')</script> [x](javascript:alert(1))".into();
    framework::insert_document(&app.db, &doc, VersionStatus::Published, chrono::Utc::now())
        .await
        .expect("inserted");
    let client = app.signed_in(STAFF).await;
    let (_, body) = app.get(&client, "/framework/A1").await;
    assert!(body.contains("<strong>Bold</strong>"));
    assert!(body.contains("&lt;script&gt;"));
    assert!(!body.contains("<script>alert"));
    assert!(!body.contains("javascript:alert"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_follows_and_stops_following_a_pathway() {
    let app = TestApp::spawn().await;
    let (published, _) = with_framework(&app).await;
    let pathway = app::db::entities::pathway::Entity::find()
        .filter(app::db::entities::pathway::Column::VersionId.eq(published))
        .one(&app.db)
        .await
        .expect("query")
        .expect("a pathway");
    let client = app.signed_in(STAFF).await;
    let page = format!("/pathways/{}", pathway.id);

    let (status, body) = app.get(&client, &page).await;
    assert_eq!(status, 200);
    assert!(body.contains("Follow this pathway"));

    for (follow, expect) in [("true", "Stop following"), ("false", "Follow this pathway")] {
        let response = client
            .post(app.url("/api/follow_pathway"))
            .header("accept", "text/html")
            .header("origin", &app.address)
            .header("referer", app.url(&page))
            .form(&[("id", pathway.id.to_string().as_str()), ("follow", follow)])
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status().as_u16(), 302);
        let (_, body) = app.get(&client, &page).await;
        assert!(body.contains(expect), "after follow={follow}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_and_import_round_trip_exactly() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = app.signed_in(ADMIN).await;
    let response = admin
        .get(app.url("/framework.json"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("meridian-leadership-framework-2025.json"))
    );
    let exported = response.text().await.expect("body");

    let admin_user = user(&app, ADMIN).await;
    let id = framework::import(&app.db, &admin_user, &exported, chrono::Utc::now())
        .await
        .map_err(|e| format!("{e:?}"))
        .expect("imports");
    let imported = framework_version::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("v");
    assert_eq!(imported.status, "draft", "an import is always a draft");
    let again = framework::load_document(&app.db, &imported)
        .await
        .expect("loads");
    let original: FrameworkDocument = serde_json::from_str(&exported).expect("json");
    // Imported beside the version it came from, it is a new version of it: a new version
    // identifier, and everything else (items' identifiers included) exactly as exported.
    assert_ne!(again.id, original.id);
    assert_eq!(
        FrameworkDocument { id: None, ..again },
        FrameworkDocument {
            id: None,
            ..original
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_import_says_where_it_is_wrong_and_writes_nothing() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = user(&app, ADMIN).await;
    let before = framework_version::Entity::find()
        .count(&app.db)
        .await
        .expect("count");

    let mut doc: FrameworkDocument =
        serde_json::from_str(server::demo::FRAMEWORK_JSON).expect("json");
    doc.strands[1].elements[2].code = "A1".into();
    doc.strands[0].elements[0].descriptors[0].level = 9;
    let json = serde_json::to_string(&doc).expect("json");
    match framework::import(&app.db, &admin, &json, chrono::Utc::now()).await {
        Err(ImportError::Invalid(problems)) => {
            let places: Vec<_> = problems.iter().map(|p| p.at.as_str()).collect();
            assert!(
                places.contains(&"strands[1].elements[2].code"),
                "{problems:?}"
            );
            assert!(
                places.contains(&"strands[0].elements[0].descriptors[0].level"),
                "{problems:?}"
            );
        }
        other => panic!("expected problems, got {other:?}"),
    }
    match framework::import(&app.db, &admin, "{\"format\": ", chrono::Utc::now()).await {
        Err(ImportError::Unreadable(message)) => assert!(message.contains("line 1"), "{message}"),
        other => panic!("expected unreadable, got {other:?}"),
    }
    let after = framework_version::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(before, after, "nothing half-imported");
}

/// Roles × actions on the framework: reading the published version, reading a draft that is
/// not open for consultation, reading a draft that is, and importing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_may_do_what_with_the_framework() {
    let app = TestApp::spawn().await;
    let (published, draft) = with_framework(&app).await;
    let now = chrono::Utc::now();
    let json = serde_json::to_string(
        &serde_json::from_str::<FrameworkDocument>(server::demo::FRAMEWORK_JSON).expect("json"),
    )
    .expect("json");

    // (who, may read a closed draft, may import)
    let matrix = [
        (STAFF, false, false),
        (MANAGER, false, false),
        (HR, false, false),
        (PD_LEAD, false, false),
        (ADMIN, true, true),
    ];
    for (email, read_closed_draft, may_import) in matrix {
        let person = user(&app, email).await;
        let client = app.signed_in(email).await;

        let (status, _) = app
            .get(&client, &format!("/framework.json?version={published}"))
            .await;
        assert_eq!(status, 200, "{email} reads the published framework");

        let (status, body) = app
            .get(&client, &format!("/framework.json?version={draft}"))
            .await;
        assert_eq!(
            status == 200,
            read_closed_draft,
            "{email} reading a closed draft"
        );
        if !read_closed_draft {
            assert_eq!(status, 404, "a hidden draft is not hinted at");
            assert!(!body.contains("secret draft"));
        }

        let imported = framework::import(&app.db, &person, &json, now).await;
        assert_eq!(imported.is_ok(), may_import, "{email} importing");
        if !may_import {
            assert!(matches!(
                imported,
                Err(ImportError::App(app::error::AppError::Forbidden))
            ));
        }
    }

    // Opening consultation lets everyone read the draft.
    framework_version::ActiveModel {
        id: Set(draft),
        consultation_closes_at: Set(Some(now + chrono::Duration::days(7))),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .expect("opens consultation");
    let client = app.signed_in(STAFF).await;
    let (status, body) = app
        .get(&client, &format!("/framework.json?version={draft}"))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("secret draft"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_give_consultation_feedback_and_administrators_read_it_by_element() {
    use app::db::entities::{consultation_feedback, element};
    let app = TestApp::spawn().await;
    let (_, draft) = with_framework(&app).await;
    let now = chrono::Utc::now();
    let set_closing = |closes: chrono::DateTime<chrono::Utc>| framework_version::ActiveModel {
        id: Set(draft),
        consultation_closes_at: Set(Some(closes)),
        ..Default::default()
    };
    set_closing(now + chrono::Duration::days(7))
        .update(&app.db)
        .await
        .expect("opens");
    let a2 = element::Entity::find()
        .filter(element::Column::VersionId.eq(draft))
        .filter(element::Column::Code.eq("A2"))
        .one(&app.db)
        .await
        .expect("q")
        .expect("A2");

    let staff = app.signed_in(STAFF).await;
    let (_, body) = app.get(&staff, "/framework").await;
    assert!(body.contains("is open for consultation until"), "{body}");
    let (status, body) = app.get(&staff, "/consultation").await;
    assert_eq!(status, 200);
    assert!(body.contains("Have your say"));
    assert!(
        !body.contains("Feedback received"),
        "only administrators read everyone's feedback"
    );

    let send = |client: reqwest::Client, element: String, text: &'static str| {
        let app_url = app.url("/api/send_feedback");
        let origin = app.address.clone();
        let referer = app.url("/consultation");
        async move {
            client
                .post(app_url)
                .header("accept", "text/html")
                .header("origin", origin)
                .header("referer", referer)
                .form(&[
                    ("version", draft.to_string()),
                    ("element", element),
                    ("body", text.to_owned()),
                ])
                .send()
                .await
                .expect("answers")
        }
    };
    let response = send(
        staff.clone(),
        a2.id.to_string(),
        "Please add examples for office staff.",
    )
    .await;
    assert_eq!(location(&response).as_deref(), Some("/consultation?sent=1"));
    let (_, body) = app.get(&staff, "/consultation?sent=1").await;
    assert!(body.contains("Your feedback has been recorded"));
    assert!(body.contains("Please add examples for office staff."));

    // Empty feedback is refused with a message and changes nothing.
    let response = send(staff.clone(), String::new(), "   ").await;
    let back = location(&response).expect("sent back");
    let (_, body) = app.get(&staff, back.trim_start_matches(&app.address)).await;
    assert!(body.contains("Enter your feedback"), "{body}");
    assert_eq!(
        consultation_feedback::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        1
    );

    // Staff cannot read the grouped feedback, even by asking the server directly.
    let response = staff
        .post(app.url("/api/consultation"))
        .header("origin", &app.address)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let json = response.text().await.expect("body");
    assert!(json.contains("\"received\":null"), "{json}");

    let admin = app.signed_in(ADMIN).await;
    let (_, body) = app.get(&admin, "/consultation").await;
    assert!(body.contains("Feedback received"));
    assert!(body.contains("A2 Growth and curiosity (1)"), "{body}");
    assert!(body.contains("Sam Staff"));

    // Once closed, no more feedback goes in.
    set_closing(now - chrono::Duration::minutes(1))
        .update(&app.db)
        .await
        .expect("closes");
    let response = send(staff.clone(), String::new(), "Too late?").await;
    assert_ne!(location(&response).as_deref(), Some("/consultation?sent=1"));
    assert_eq!(
        consultation_feedback::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        1
    );
    let (_, body) = app.get(&staff, "/consultation").await;
    assert!(body.contains("There is no consultation open"));
}
