//! The demo trust seeds quickly into an empty database, and refuses a database with people.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::{Application, Settings, demo};
use std::collections::HashMap;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_seeds_an_empty_database_and_refuses_to_seed_it_twice() {
    // A server with no test trust in it: the demo goes in first.
    let url = crate::common::fresh_database_url().await;
    let vars: HashMap<&str, String> = [
        ("DATABASE_URL", url),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:0".to_owned()),
    ]
    .into_iter()
    .collect();
    let settings = Settings::from_lookup(|k| vars.get(k).cloned()).expect("settings");
    let app = Application::build(settings).await.expect("builds");

    let summary = demo::seed(&app.db).await.expect("seeds");
    assert_eq!(summary.academies, 22);
    let people = app::db::entities::person::Entity::find()
        .count(&app.db)
        .await
        .expect("counts");
    assert_eq!(usize::try_from(people).expect("a count"), summary.people);
    assert!(people > 1_800);
    let entries = app::db::entities::evidence_entry::Entity::find()
        .count(&app.db)
        .await
        .expect("counts");
    assert_eq!(usize::try_from(entries).expect("a count"), summary.entries);
    assert!(entries > 2_000, "{entries}");
    // Written entries read back through the service like any other.
    let staff = app::db::entities::person::Entity::find()
        .filter(app::db::entities::person::Column::Email.eq("staff@waymark.test"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("staff");
    let staff = app::db::auth::current_user(&app.db, staff)
        .await
        .expect("user");
    let mine = app::db::evidence::mine(&app.db, &staff, None, None, "", chrono::Utc::now())
        .await
        .expect("lists");
    assert!(mine.entries.len() >= 5);
    for entry in &mine.entries {
        app::db::evidence::view(&app.db, &staff, entry.id, chrono::Utc::now())
            .await
            .expect("every entry opens");
    }

    // The wall is alive: every milestone has holders, and many of them chose to be shown.
    let rules = app::db::recognition::rules::list(&app.db, &hr(&app).await)
        .await
        .expect("rules");
    assert!(rules.len() >= 5);
    for rule in &rules {
        assert!(rule.awarded > 0, "{} awarded nobody", rule.name);
    }
    let wall = app::db::recognition::wall::wall(&app.db, &staff, &Default::default())
        .await
        .expect("wall");
    assert!(wall.awards.total > 50, "{}", wall.awards.total);
    assert!(!wall.on_wall, "the demo teacher opts in for themselves");

    let again = demo::seed(&app.db).await;
    assert!(matches!(again, Err(demo::DemoError::NotEmpty(_))));

    // The fixed sign-ins work with the demo password.
    let session = app::db::auth::sign_in(
        &app.db,
        "manager@waymark.test",
        demo::DEMO_PASSWORD,
        None,
        None,
        chrono::Utc::now(),
    )
    .await
    .expect("the demo manager signs in");
    let idle = app::domain::session::DEFAULT_IDLE;
    let user = app::db::auth::session_user(&app.db, &session.token, idle, chrono::Utc::now())
        .await
        .expect("loads")
        .expect("signed in");
    assert!(user.user.actor.is_line_manager());
    assert_eq!(user.header.trust_name, server::demo::TRUST_NAME);
}

async fn hr(app: &Application) -> app::model::CurrentUser {
    let hr = app::db::entities::person::Entity::find()
        .filter(app::db::entities::person::Column::Email.eq("hr@waymark.test"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("hr");
    app::db::auth::current_user(&app.db, hr)
        .await
        .expect("user")
}
