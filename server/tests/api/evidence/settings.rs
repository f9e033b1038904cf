//! Evidence settings: activity types and cover for an absent manager.

use super::*;
use crate::common::*;
use app::db::evidence::{self, Decision};
use app::domain::evidence::EvidenceAction as A;

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
