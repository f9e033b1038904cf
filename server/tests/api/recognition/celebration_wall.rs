//! The celebration wall shows only the people who chose to appear on it.

use super::now;
use crate::common::*;
use app::db::recognition::{awards, wall};
use app::domain::PersonId;
use app::model::{CurrentUser, GiveForm, WallFilters};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wall_shows_only_people_who_chose_to_appear_on_it() {
    let app = TestApp::spawn().await;
    let hr = user(&app, HR).await;
    let staff = user(&app, STAFF).await;
    let manager = user(&app, MANAGER).await;
    let form = GiveForm {
        people: format!("{STAFF}\n{MANAGER}"),
        name: "Peer review team".into(),
        citation: "For the spring peer reviews.".into(),
        group_name: String::new(),
    };
    awards::give(&app.db, &hr, &form, now())
        .await
        .expect("gives");
    let shown = |reader: CurrentUser| {
        let db = app.db.clone();
        async move {
            wall::wall(&db, &reader, &WallFilters::default())
                .await
                .expect("wall")
        }
    };
    let page = shown(manager.clone()).await;
    assert_eq!(page.awards.total, 0, "nobody has chosen to appear yet");
    assert!(!page.on_wall);

    wall::set_on_wall(&app.db, &staff, true, now())
        .await
        .expect("opts in");
    let page = shown(manager.clone()).await;
    assert_eq!(page.awards.total, 1);
    assert_eq!(page.awards.items[0].person_name, "Sam Staff");
    assert!(shown(staff.clone()).await.on_wall);

    // Narrowed to another academy, nothing; to Sam's, Sam.
    let elsewhere = WallFilters {
        academy: Some(app::domain::AcademyId(2)),
        ..WallFilters::default()
    };
    let page = wall::wall(&app.db, &manager, &elsewhere)
        .await
        .expect("wall");
    assert_eq!(page.awards.total, 0);

    wall::set_on_wall(&app.db, &staff, false, now())
        .await
        .expect("opts out");
    assert_eq!(
        shown(manager).await.awards.total,
        0,
        "gone from the wall at once"
    );
    // Their portfolio still has it.
    let held = awards::held_by(&app.db, PersonId(staff.actor.id.0), false)
        .await
        .expect("held");
    assert_eq!(held.len(), 1);
}
