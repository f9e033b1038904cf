//! Administrators keep the people: adding someone, changing their record and line manager,
//! marking leavers. Every change is in the person's audit trail; line management stays a
//! tree; there is always an administrator; nobody else may change anything.

use crate::common::*;
use crate::evidence::submitted_entry;
use app::db::entities::{notification, org_change, person};
use app::db::{evidence, people};
use app::domain::people::{LeavingForm, PersonForm};
use app::domain::{PersonId, PersonStatus};
use app::error::AppError;
use app::model::PeopleFilter;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// The form as it shows `email`'s record now.
async fn form_of(app: &TestApp, email: &str) -> (PersonId, PersonForm) {
    let admin = user(app, ADMIN).await;
    let id = user(app, email).await.actor.id;
    let editor = people::editor(&app.db, &admin, Some(id), now())
        .await
        .expect("editor");
    let p = editor.person.expect("person");
    let has = |r: app::domain::AccessRole| p.roles.contains(&r).then(|| "on".to_owned());
    let form = PersonForm {
        name: p.name.clone(),
        email: p.email.clone(),
        employee_number: p.employee_number.clone(),
        job_title: p.job_title.clone(),
        academy: p
            .academy
            .map_or_else(|| "central".to_owned(), |a| a.to_string()),
        role_category: p.role_category.code().to_owned(),
        line_manager: p.line_manager_email.clone(),
        administrator: has(app::domain::AccessRole::Administrator),
        hr: has(app::domain::AccessRole::Hr),
        pd_lead: has(app::domain::AccessRole::AcademyPdLead),
    };
    (id, form)
}

async fn trail(app: &TestApp, id: PersonId) -> Vec<(String, String, String)> {
    let mut rows = org_change::Entity::find()
        .filter(org_change::Column::PersonId.eq(id.0))
        .all(&app.db)
        .await
        .expect("trail");
    rows.sort_by_key(|c| c.id);
    rows.into_iter()
        .map(|c| (c.field, c.from_value, c.to_value))
        .collect()
}

fn message(err: AppError, field: &str) -> String {
    match err {
        AppError::Validation(errors) => {
            errors
                .into_iter()
                .find(|e| e.field == field)
                .unwrap_or_else(|| panic!("no message for {field}"))
                .message
        }
        other => panic!("expected a message for {field}, got {other:?}"),
    }
}

fn new_person() -> PersonForm {
    PersonForm {
        name: "Nia New".into(),
        email: "Nia.New@test.example".into(),
        employee_number: "E900".into(),
        job_title: "Teacher of Science".into(),
        academy: "1".into(),
        role_category: "delivering".into(),
        line_manager: MANAGER.into(),
        ..PersonForm::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_adds_a_person_and_the_trail_records_what_they_were_given() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    let saved = people::save(&app.db, &admin, None, &new_person(), now())
        .await
        .expect("adds");
    let row = person::Entity::find_by_id(saved.id.0)
        .one(&app.db)
        .await
        .expect("query")
        .expect("added");
    assert_eq!(row.email, "nia.new@test.example");
    assert_eq!(row.line_manager_id, Some(3));
    assert_eq!(row.password_hash, None, "they set a password themselves");
    let fields: Vec<String> = trail(&app, saved.id)
        .await
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(
        fields,
        [
            "Name",
            "E-mail address",
            "Employee number",
            "Job title",
            "Works at",
            "Role category",
            "Line manager"
        ]
    );

    // The same e-mail address or employee number again is refused, and nothing is added.
    let again = people::save(&app.db, &admin, None, &new_person(), now())
        .await
        .unwrap_err();
    assert_eq!(
        message(again, "email"),
        "Someone else already has the e-mail address nia.new@test.example"
    );
    let number = PersonForm {
        email: "other.new@test.example".into(),
        ..new_person()
    };
    let err = people::save(&app.db, &admin, None, &number, now())
        .await
        .unwrap_err();
    assert_eq!(
        message(err, "employee_number"),
        "Nia New already has the employee number E900"
    );

    // A manager who has left, or who does not exist, cannot be chosen.
    for (manager, expected) in [
        (
            LEFT,
            "No one working for the trust has the e-mail address left@test.example",
        ),
        (
            "nobody@test.example",
            "No one working for the trust has the e-mail address nobody@test.example",
        ),
    ] {
        let form = PersonForm {
            email: "third@test.example".into(),
            employee_number: String::new(),
            line_manager: manager.into(),
            ..new_person()
        };
        let err = people::save(&app.db, &admin, None, &form, now())
            .await
            .unwrap_err();
        assert_eq!(message(err, "line_manager"), expected);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_change_people_and_hr_reads_the_trail() {
    let app = TestApp::spawn().await;
    let (id, form) = form_of(&app, STAFF).await;
    for who in [HR, MANAGER, PD_LEAD, STAFF] {
        let actor = user(&app, who).await;
        assert!(matches!(
            people::save(&app.db, &actor, Some(id), &form, now()).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            people::save(&app.db, &actor, None, &new_person(), now()).await,
            Err(AppError::Forbidden)
        ));
        let leaving = LeavingForm {
            left_on: "2026-01-01".into(),
        };
        assert!(matches!(
            people::mark_left(&app.db, &actor, id, &leaving, now()).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            people::editor(&app.db, &actor, Some(id), now()).await,
            Err(AppError::Forbidden)
        ));
    }
    // The record and its trail: the person, HR and administrators; not their manager.
    for who in [STAFF, HR, ADMIN] {
        let reader = user(&app, who).await;
        people::page(&app.db, &reader, id).await.expect("reads");
    }
    for who in [MANAGER, PD_LEAD, OTHER_ACADEMY_TEACHER] {
        let reader = user(&app, who).await;
        assert!(matches!(
            people::page(&app.db, &reader, id).await,
            Err(AppError::Forbidden)
        ));
    }
    // Over HTTP too: the server function refuses HR.
    let hr = app.signed_in(HR).await;
    let (status, _) = app
        .post_form(
            &hr,
            "save_person",
            "/manage/people/new",
            &[
                ("person[name]", "Sly Hire"),
                ("person[email]", "sly@test.example"),
                ("person[job_title]", "Teacher"),
                ("person[academy]", "1"),
                ("person[role_category]", "delivering"),
            ],
        )
        .await;
    assert_ne!(status, 200);
    let sly = person::Entity::find()
        .filter(person::Column::Email.eq("sly@test.example"))
        .one(&app.db)
        .await
        .expect("query");
    assert!(sly.is_none(), "nothing was added");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_manager_change_that_makes_a_loop_is_refused() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    // Hana Head ← Mina Manager ← Sam Staff.
    let (head, mut form) = form_of(&app, HEAD).await;
    form.line_manager = STAFF.into();
    let err = people::save(&app.db, &admin, Some(head), &form, now())
        .await
        .unwrap_err();
    assert_eq!(
        message(err, "line_manager"),
        "Sam Staff already reports to this person (directly or further down the line), so they cannot also be their line manager"
    );
    form.line_manager = HEAD.into();
    let err = people::save(&app.db, &admin, Some(head), &form, now())
        .await
        .unwrap_err();
    assert_eq!(
        message(err, "line_manager"),
        "Nobody can be their own line manager"
    );
    let row = person::Entity::find_by_id(head.0)
        .one(&app.db)
        .await
        .expect("query")
        .expect("head");
    assert_eq!(row.line_manager_id, None, "nothing changed");

    let page = people::page(&app.db, &admin, user(&app, STAFF).await.actor.id)
        .await
        .expect("record");
    let chain: Vec<&str> = page.chain.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(chain, ["Mina Manager", "Hana Head"]);
    let page = people::page(&app.db, &admin, PersonId(3))
        .await
        .expect("record");
    let reports: Vec<&str> = page.reports.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(reports, ["Sam Staff"], "leavers are not shown as reports");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_line_manager_takes_over_the_waiting_submissions_and_is_told() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    submitted_entry(&app, &staff).await;
    let admin = user(&app, ADMIN).await;
    let (id, mut form) = form_of(&app, STAFF).await;
    form.line_manager = HEAD.into();
    let saved = people::save(&app.db, &admin, Some(id), &form, now())
        .await
        .expect("moves");
    assert_eq!(saved.moved, 1);
    let head = user(&app, HEAD).await;
    let manager = user(&app, MANAGER).await;
    assert_eq!(
        evidence::queue(&app.db, &head, now())
            .await
            .expect("queue")
            .len(),
        1
    );
    assert!(
        evidence::queue(&app.db, &manager, now())
            .await
            .expect("queue")
            .is_empty()
    );
    assert_eq!(
        trail(&app, id).await,
        [
            (
                "Line manager".into(),
                "Mina Manager".into(),
                "Hana Head".into()
            ),
            (
                "Waiting submissions".into(),
                "1 waiting for Mina Manager".into(),
                "1 waiting for Hana Head".into()
            ),
        ]
    );
    let told = notification::Entity::find()
        .filter(notification::Column::PersonId.eq(8))
        .filter(notification::Column::Kind.eq("new_reports"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the new manager is told");
    assert!(
        told.message
            .contains("1 of their submissions waits for you"),
        "{}",
        told.message
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn there_is_always_an_administrator_and_nobody_demotes_themselves() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    let (me, mut mine) = form_of(&app, ADMIN).await;
    mine.administrator = None;
    let err = people::save(&app.db, &admin, Some(me), &mine, now())
        .await
        .unwrap_err();
    assert!(message(err, "administrator").contains("your own administrator role"));

    // Make HR an administrator too: then either may remove the other's role.
    let (hr, mut hr_form) = form_of(&app, HR).await;
    hr_form.administrator = Some("on".into());
    people::save(&app.db, &admin, Some(hr), &hr_form, now())
        .await
        .expect("promotes");
    let hari = user(&app, HR).await;
    people::save(&app.db, &hari, Some(me), &mine, now())
        .await
        .expect("another administrator may remove the role while one remains");
    // Now Hari is the only one: Ada (no longer an administrator) cannot act, and Hari cannot
    // remove his own role.
    let ada = user(&app, ADMIN).await;
    assert!(matches!(
        people::save(&app.db, &ada, Some(hr), &hr_form, now()).await,
        Err(AppError::Forbidden)
    ));
    hr_form.administrator = None;
    let err = people::save(&app.db, &hari, Some(hr), &hr_form, now())
        .await
        .unwrap_err();
    assert!(message(err, "administrator").contains("your own administrator role"));
    let roles: Vec<String> = trail(&app, me).await.into_iter().map(|c| c.2).collect();
    assert_eq!(roles, [""], "Ada's trail: the role went, to nothing");
    // Nor can the last one be marked as a leaver.
    let err = people::mark_left(
        &app.db,
        &user(&app, HR).await,
        hr,
        &LeavingForm {
            left_on: "2026-01-01".into(),
        },
        now(),
    )
    .await
    .unwrap_err();
    assert!(message(err, "left_on").contains("yourself"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leaver_is_signed_out_at_once_and_their_reports_move_up_the_line() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    submitted_entry(&app, &staff).await;
    let manager_client = app.signed_in(MANAGER).await;
    assert_eq!(app.get(&manager_client, "/verify").await.0, 200);

    let admin = user(&app, ADMIN).await;
    let future = LeavingForm {
        left_on: (now().date_naive() + chrono::Days::new(1)).to_string(),
    };
    let err = people::mark_left(&app.db, &admin, PersonId(3), &future, now())
        .await
        .unwrap_err();
    assert!(message(err, "left_on").contains("future"));

    let today = LeavingForm {
        left_on: now().date_naive().to_string(),
    };
    let moved = people::mark_left(&app.db, &admin, PersonId(3), &today, now())
        .await
        .expect("marks the leaver");
    assert_eq!(moved, 1, "Sam Staff reported to Mina");
    // Signed out at once: the next page asks to sign in.
    let (status, _) = app.get(&manager_client, "/verify").await;
    assert_eq!(status, 303);
    let signed_in = app.sign_in(&app.client(), MANAGER, PASSWORD).await;
    assert_ne!(
        location(&signed_in).as_deref(),
        Some("/"),
        "cannot sign in again"
    );

    let head = user(&app, HEAD).await;
    assert_eq!(
        evidence::queue(&app.db, &head, now())
            .await
            .expect("queue")
            .len(),
        1,
        "the waiting submission went to the leaver's own manager"
    );
    assert_eq!(
        trail(&app, staff.actor.id).await[0],
        (
            "Line manager".into(),
            "Mina Manager".into(),
            "Hana Head".into()
        )
    );
    let status = trail(&app, PersonId(3)).await;
    assert_eq!(status.last().map(|c| c.0.as_str()), Some("Status"));

    // HR finds the leaver among leavers; a PD lead never sees leavers.
    let hr = user(&app, HR).await;
    let leavers = people::directory(
        &app.db,
        &hr,
        &PeopleFilter {
            status: PersonStatus::Left,
            ..PeopleFilter::default()
        },
    )
    .await
    .expect("directory");
    let names: Vec<&str> = leavers.items.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Lee Left", "Mina Manager"]);
    let lead = user(&app, HOME_PD_LEAD).await;
    let seen = people::directory(
        &app.db,
        &lead,
        &PeopleFilter {
            status: PersonStatus::Left,
            ..PeopleFilter::default()
        },
    )
    .await
    .expect("directory");
    assert!(seen.items.iter().all(|p| p.left_on.is_none()));

    // Marking them again is refused; bringing them back is recorded.
    assert!(matches!(
        people::mark_left(&app.db, &admin, PersonId(3), &today, now()).await,
        Err(AppError::Conflict(_))
    ));
    people::mark_returned(&app.db, &admin, PersonId(3), now())
        .await
        .expect("returns");
    let last = trail(&app, PersonId(3)).await.pop().expect("a change");
    assert_eq!((last.0.as_str(), last.2.as_str()), ("Status", "Active"));
}
