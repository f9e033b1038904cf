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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bulletin_lists_the_recent_awards_of_people_on_the_wall_by_award() {
    use app::db::recognition::bulletin;
    let app = TestApp::spawn().await;
    let hr = user(&app, HR).await;
    let staff = user(&app, STAFF).await;
    let form = GiveForm {
        people: format!("{STAFF}\n{MANAGER}"),
        name: "Peer review team".into(),
        citation: "For the spring peer reviews.".into(),
        group_name: "the peer review team".into(),
    };
    awards::give(&app.db, &hr, &form, now())
        .await
        .expect("gives");
    let today = now().date_naive();
    let read = |weeks: Option<u32>, academy: Option<app::domain::AcademyId>| {
        let db = app.db.clone();
        async move {
            bulletin::bulletin(&db, academy, weeks, today)
                .await
                .expect("bulletin")
        }
    };
    let empty = read(None, None).await;
    assert!(empty.groups.is_empty(), "nobody has chosen the wall yet");
    assert_eq!(empty.weeks, 4, "four weeks unless chosen");

    wall::set_on_wall(&app.db, &staff, true, now())
        .await
        .expect("opts in");
    let shown = read(Some(1), None).await;
    assert_eq!(shown.weeks, 1);
    assert_eq!(shown.groups.len(), 1);
    assert_eq!(shown.groups[0].award, "Peer review team");
    let people: Vec<&str> = shown.groups[0]
        .awards
        .iter()
        .map(|a| a.person_name.as_str())
        .collect();
    assert_eq!(people, ["Sam Staff"], "only those on the wall");
    assert_eq!(shown.more, 0);

    // An academy narrows it; a number of weeks not offered falls back to four.
    let elsewhere = read(Some(99), Some(app::domain::AcademyId(2))).await;
    assert_eq!(elsewhere.weeks, 4);
    assert!(elsewhere.groups.is_empty());
    // Awards older than the weeks chosen are left out.
    let later = today + chrono::Days::new(8);
    let next_week = bulletin::bulletin(&app.db, None, Some(1), later)
        .await
        .expect("bulletin");
    assert!(next_week.groups.is_empty());

    // Over HTTP, for anyone signed in.
    let client = app.signed_in(OTHER_ACADEMY_TEACHER).await;
    let (status, body) = app.get(&client, "/celebrate/bulletin?weeks=2").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Celebrating our colleagues") && body.contains("Sam Staff"));
    assert!(!body.contains("Mina Manager"), "{body}");
}
