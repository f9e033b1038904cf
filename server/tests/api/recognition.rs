//! Recognition against a real database: milestones awarding themselves when a verification
//! meets them (once, however many verifications race), rules previewed and applied to evidence
//! already verified, awards given by hand and withdrawn, and the wall showing only those who
//! chose to appear on it.

use crate::common::*;
use crate::evidence::submitted_entry;
use app::db::entities::{award, notification};
use app::db::evidence::{self, Decision};
use app::db::recognition::{awards, rules, wall};
use app::domain::evidence::EvidenceAction as A;
use app::domain::recognition::RuleForm;
use app::domain::{EntryId, PersonId, RuleId};
use app::error::AppError;
use app::model::{CurrentUser, GiveForm, WallFilters};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// "1 verified activity at 1 academy other than their own": Sam's first verified entry meets it.
fn connector() -> RuleForm {
    RuleForm {
        name: "Trust connector".into(),
        description: "For working **beyond your own academy**.".into(),
        kind: "cross_school".into(),
        activities: "1".into(),
        academies: "1".into(),
        ..RuleForm::default()
    }
}

async fn add_rule(app: &TestApp, hr: &CurrentUser, form: &RuleForm) -> RuleId {
    rules::save(&app.db, hr, None, form, "#00703c", now())
        .await
        .expect("saves the milestone")
}

async fn verify(app: &TestApp, manager: &CurrentUser, id: EntryId) -> evidence::Acted {
    evidence::act(&app.db, manager, &Decision::new(id, 1, A::Verify), now())
        .await
        .expect("verifies")
}

async fn awards_of(app: &TestApp, person: i64) -> Vec<award::Model> {
    award::Entity::find()
        .filter(award::Column::PersonId.eq(person))
        .all(&app.db)
        .await
        .expect("awards")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verification_that_meets_a_milestone_awards_it_once_and_tells_the_holder() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let (staff, manager, hr) = (
        user(&app, STAFF).await,
        user(&app, MANAGER).await,
        user(&app, HR).await,
    );
    add_rule(&app, &hr, &connector()).await;
    let first = submitted_entry(&app, &staff).await;
    let acted = verify(&app, &manager, first).await;
    assert_eq!(acted.awards.len(), 1, "one award, one e-mail");
    assert_eq!(acted.awards[0].to_address, STAFF);
    assert!(acted.awards[0].subject.contains("Trust connector"));
    let held = awards_of(&app, staff.actor.id.0).await;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].awarded_on, now().date_naive());
    assert_eq!(held[0].given_by, None);
    let told = notification::Entity::find()
        .filter(notification::Column::PersonId.eq(staff.actor.id.0))
        .filter(notification::Column::Kind.eq("award"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(told, 1);

    // Another verification meets it again, but it is already held.
    let second = submitted_entry(&app, &staff).await;
    assert!(verify(&app, &manager, second).await.awards.is_empty());
    assert_eq!(awards_of(&app, staff.actor.id.0).await.len(), 1);

    // Their portfolio shows it.
    let held = awards::held_by(&app.db, PersonId(staff.actor.id.0), false)
        .await
        .expect("held");
    assert_eq!(held[0].name, "Trust connector");
    assert!(
        held[0]
            .citation_html
            .contains("<strong>beyond your own academy</strong>")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_verifications_at_once_still_award_once() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let (staff, manager, hr) = (
        user(&app, STAFF).await,
        user(&app, MANAGER).await,
        user(&app, HR).await,
    );
    add_rule(&app, &hr, &connector()).await;
    let (a, b) = (
        submitted_entry(&app, &staff).await,
        submitted_entry(&app, &staff).await,
    );
    let (verify_a, verify_b) = (
        Decision::new(a, 1, A::Verify),
        Decision::new(b, 1, A::Verify),
    );
    let (one, two) = tokio::join!(
        evidence::act(&app.db, &manager, &verify_a, now()),
        evidence::act(&app.db, &manager, &verify_b, now()),
    );
    let given = one.expect("verifies").awards.len() + two.expect("verifies").awards.len();
    assert_eq!(given, 1);
    assert_eq!(awards_of(&app, staff.actor.id.0).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_milestone_is_previewed_then_applied_to_evidence_already_verified() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let (staff, manager, hr) = (
        user(&app, STAFF).await,
        user(&app, MANAGER).await,
        user(&app, HR).await,
    );
    let id = submitted_entry(&app, &staff).await;
    assert!(
        verify(&app, &manager, id).await.awards.is_empty(),
        "no milestones yet"
    );
    let rule = add_rule(&app, &hr, &connector()).await;
    let editor = rules::editor(&app.db, &hr, Some(rule))
        .await
        .expect("editor");
    let preview = editor.preview.expect("a saved rule has a preview");
    assert_eq!((preview.people, preview.not_yet), (1, 1));
    assert_eq!(preview.names, ["Sam Staff"]);
    assert!(
        preview.sentence.starts_with("1 verified activity"),
        "{}",
        preview.sentence
    );

    let (awarded, emails) = rules::apply(&app.db, &hr, rule, now())
        .await
        .expect("applies");
    assert_eq!((awarded, emails.len()), (1, 1));
    let held = awards_of(&app, staff.actor.id.0).await;
    let verified_on = evidence_decided_on(&app, id).await;
    assert_eq!(
        held[0].awarded_on, verified_on,
        "dated the day it was first met"
    );
    let (again, _) = rules::apply(&app.db, &hr, rule, now())
        .await
        .expect("applies");
    assert_eq!(again, 0, "nobody is awarded twice");

    // A retired rule cannot be applied, and awards nobody new.
    rules::set_active(&app.db, &hr, rule, false, now())
        .await
        .expect("retires");
    assert!(matches!(
        rules::apply(&app.db, &hr, rule, now()).await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(
        awards_of(&app, staff.actor.id.0).await.len(),
        1,
        "its award stays"
    );
}

async fn evidence_decided_on(app: &TestApp, id: EntryId) -> chrono::NaiveDate {
    crate::evidence::entry(app, id)
        .await
        .decided_at
        .expect("decided")
        .date_naive()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_milestone_with_a_bad_field_is_refused_with_each_message_and_saves_nothing() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let hr = user(&app, HR).await;
    let bad = RuleForm {
        name: " ".into(),
        academies: "lots".into(),
        ..connector()
    };
    let fields = match rules::save(&app.db, &hr, None, &bad, "#00703c", now()).await {
        Err(AppError::Validation(errors)) => {
            errors.into_iter().map(|e| e.field).collect::<Vec<_>>()
        }
        other => panic!("expected field errors, got {other:?}"),
    };
    assert_eq!(fields, ["name", "academies"]);
    let pathway = RuleForm {
        kind: "pathway".into(),
        pathway: "not-a-pathway".into(),
        ..connector()
    };
    assert!(matches!(
        rules::save(&app.db, &hr, None, &pathway, "#00703c", now()).await,
        Err(AppError::Validation(e)) if e[0].field == "pathway"
    ));
    assert!(matches!(
        rules::save(&app.db, &hr, None, &connector(), "pink", now()).await,
        Err(AppError::Validation(e)) if e[0].field == "colour"
    ));
    assert!(rules::list(&app.db, &hr).await.expect("list").is_empty());
}

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
