//! Awards given by hand and withdrawn, who may give them, certificates and their public check,
//! and HR's numbers and CSV.

use super::{connector, now};
use crate::common::*;
use app::db::entities::award;
use app::db::recognition::{awards, rules};
use app::domain::PersonId;
use app::error::AppError;
use app::model::GiveForm;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_hr_and_administrators_set_milestones_and_give_or_withdraw_awards() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let give = GiveForm {
        people: format!("{STAFF}\n{OTHER_ACADEMY_TEACHER}"),
        name: "SEND think tank".into(),
        citation: "For a year of the trust's SEND think tank.".into(),
        group_name: "the SEND think tank".into(),
    };
    for who in [STAFF, MANAGER, PD_LEAD] {
        let someone = user(&app, who).await;
        assert!(matches!(
            rules::save(&app.db, &someone, None, &connector(), "#00703c", now()).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            awards::give(&app.db, &someone, &give, now()).await,
            Err(AppError::Forbidden)
        ));
    }
    // Over HTTP too.
    let client = app.signed_in(MANAGER).await;
    let (status, back_to) = app
        .post_form(
            &client,
            "give_award",
            "/manage/recognition",
            &[
                ("award[people]", STAFF),
                ("award[name]", "Self-made"),
                ("award[citation]", "For nothing."),
            ],
        )
        .await;
    // Without JavaScript the refusal goes back to the form to be shown there.
    assert_eq!(status, 302);
    assert!(back_to.is_some_and(|to| to.contains("__err=")));
    assert_eq!(
        award::Entity::find().count(&app.db).await.expect("count"),
        0
    );

    let admin = user(&app, ADMIN).await;
    let emails = awards::give(&app.db, &admin, &give, now())
        .await
        .expect("gives");
    assert_eq!(emails.len(), 2, "a group award reaches everyone in it");
    let held = awards::held_by(&app.db, PersonId(user(&app, STAFF).await.actor.id.0), false)
        .await
        .expect("held");
    assert_eq!(held[0].group_name, "the SEND think tank");
    assert!(!held[0].automatic);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_award_for_someone_unknown_or_gone_gives_nothing_to_anyone() {
    let app = TestApp::spawn().await;
    let hr = user(&app, HR).await;
    for (people, message) in [
        (
            format!("{STAFF}\nnobody@test.example"),
            "Nobody in the trust has the e-mail address nobody@test.example",
        ),
        (format!("{STAFF}, {LEFT}"), "has left the trust"),
        (
            "not an address".to_owned(),
            "“not an address” is not an e-mail address",
        ),
        (
            String::new(),
            "Enter the e-mail address of each person receiving it",
        ),
    ] {
        let form = GiveForm {
            people,
            name: "Thanks".into(),
            citation: "For help.".into(),
            group_name: String::new(),
        };
        match awards::give(&app.db, &hr, &form, now()).await {
            Err(AppError::Validation(errors)) => {
                assert!(errors[0].message.contains(message), "{}", errors[0].message);
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    assert_eq!(
        award::Entity::find().count(&app.db).await.expect("count"),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_award_stays_on_the_record_with_its_reason() {
    let app = TestApp::spawn().await;
    let hr = user(&app, HR).await;
    let staff = user(&app, STAFF).await;
    let form = GiveForm {
        people: STAFF.into(),
        name: "Trust training lead".into(),
        citation: "For leading the trust training day.".into(),
        group_name: String::new(),
    };
    awards::give(&app.db, &hr, &form, now())
        .await
        .expect("gives");
    let id = awards::held_by(&app.db, PersonId(staff.actor.id.0), false)
        .await
        .expect("held")[0]
        .id;
    assert!(matches!(
        awards::withdraw(&app.db, &hr, id, "  ", now()).await,
        Err(AppError::Validation(_))
    ));
    awards::withdraw(&app.db, &hr, id, "Given to the wrong person.", now())
        .await
        .expect("withdraws");
    assert!(matches!(
        awards::withdraw(&app.db, &hr, id, "Again.", now()).await,
        Err(AppError::Conflict(_))
    ));
    let person = PersonId(staff.actor.id.0);
    assert!(
        awards::held_by(&app.db, person, false)
            .await
            .expect("held")
            .is_empty()
    );
    let all = awards::held_by(&app.db, person, true).await.expect("held");
    let withdrawn = all[0].withdrawn.clone().expect("marked withdrawn");
    assert!(
        withdrawn.ends_with(": Given to the wrong person."),
        "{withdrawn}"
    );
    // The database itself refuses to forget it.
    let deleted = app
        .db
        .execute_unprepared(&format!("DELETE FROM award WHERE id = {id}"))
        .await;
    assert!(deleted.is_err(), "awards are never deleted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_is_for_its_holder_and_hr_and_its_link_tells_anyone_whether_it_stands() {
    use app::db::recognition::certificate;
    let app = TestApp::spawn().await;
    let (hr, staff, manager) = (
        user(&app, HR).await,
        user(&app, STAFF).await,
        user(&app, MANAGER).await,
    );
    let form = GiveForm {
        people: STAFF.into(),
        name: "Trust mentor".into(),
        citation: "For mentoring three early-career teachers.".into(),
        group_name: String::new(),
    };
    awards::give(&app.db, &hr, &form, now())
        .await
        .expect("gives");
    let id = awards::held_by(&app.db, PersonId(staff.actor.id.0), false)
        .await
        .expect("held")[0]
        .id;
    let mine = certificate::certificate(&app.db, &staff, id)
        .await
        .expect("the holder's");
    assert_eq!(mine.award.person_name, "Sam Staff");
    certificate::certificate(&app.db, &hr, id)
        .await
        .expect("HR's too");
    assert!(matches!(
        certificate::certificate(&app.db, &manager, id).await,
        Err(AppError::NotFound)
    ));

    // Anyone with the link may check it, without signing in.
    let token = mine
        .verify_path
        .rsplit('/')
        .next()
        .expect("token")
        .to_owned();
    assert_eq!(token.len(), 32);
    let (status, body) = app.get(&app.client(), &mine.verify_path).await;
    assert_eq!(status, 200);
    assert!(body.contains("This award is genuine."), "{body}");
    assert!(body.contains("Trust mentor") && body.contains("Sam Staff"));
    let (status, body) = app
        .get(
            &app.client(),
            "/awards/verify/00000000000000000000000000000000",
        )
        .await;
    assert_eq!(status, 410);
    assert!(body.contains("No award has this link"), "{body}");

    awards::withdraw(&app.db, &hr, id, "Given by mistake.", now())
        .await
        .expect("withdraws");
    let found = certificate::verify(&app.db, &token)
        .await
        .expect("still found");
    assert!(found.withdrawn.is_some());
    assert!(matches!(
        certificate::certificate(&app.db, &staff, id).await,
        Err(AppError::Gone(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_counts_the_awards_that_stand_and_downloads_every_award_as_csv() {
    use app::db::recognition::report;
    let app = TestApp::spawn().await;
    let hr = user(&app, HR).await;
    let form = GiveForm {
        people: format!("{STAFF}\n{OTHER_ACADEMY_TEACHER}"),
        name: "=Reading champions".into(),
        citation: "For the trust reading week.".into(),
        group_name: "the reading group".into(),
    };
    awards::give(&app.db, &hr, &form, now())
        .await
        .expect("gives");
    let counts = report::counts(&app.db, &hr, now()).await.expect("counts");
    assert_eq!(counts.by_award[0].name, "=Reading champions");
    assert_eq!(
        (counts.by_award[0].this_year, counts.by_award[0].all_time),
        (2, 2)
    );
    assert_eq!(counts.by_academy.len(), 2, "two academies");
    assert!(matches!(
        report::counts(&app.db, &user(&app, STAFF).await, now()).await,
        Err(AppError::Forbidden)
    ));

    let client = app.signed_in(HR).await;
    let response = client
        .get(app.url("/manage/recognition/awards.csv"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/csv"))
    );
    let text = response.text().await.expect("text");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("Award,Holder,E-mail,Academy"),
        "{text}"
    );
    assert_eq!(lines.len(), 3, "a heading and two awards: {text}");
    assert!(
        lines[1].starts_with("'=Reading champions,"),
        "no formula: {text}"
    );

    let staff = app.signed_in(STAFF).await;
    let (status, _) = app.get(&staff, "/manage/recognition/awards.csv").await;
    assert_eq!(status, 403);
}
