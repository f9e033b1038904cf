//! Getting in: an invitation e-mailed to a new person, the link that sets their password, and
//! a forgotten password reset. Links work once, expire, are kept hashed, and a reset never
//! says whether an address exists.

use crate::common::smtp::Sink;
use crate::common::*;
use app::db::entities::{password_link, session};
use app::db::getting_in;
use app::domain::PersonId;
use app::domain::people::getting_in::NewPasswordForm;
use app::error::AppError;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

const NEW_PASSWORD: &str = "wobbly lighthouse marmalade";

fn form(password: &str) -> NewPasswordForm {
    NewPasswordForm {
        password: password.into(),
        confirm: password.into(),
    }
}

/// The token in a link `{base}/password/{token}` inside an e-mail body (as sent, its long
/// lines may be folded with quoted-printable soft breaks).
fn token_in(body: &str) -> String {
    let body = body.replace("=\r\n", "");
    let start = body.find("/password/").expect("a link") + "/password/".len();
    body[start..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_person_follows_the_link_sets_a_password_and_signs_in() {
    let mut sink = Sink::start().await;
    let app = TestApp::spawn_with(&[
        ("SMTP_URL", sink.url.as_str()),
        ("WAYMARK_BASE_URL", "https://waymark.trust.example"),
    ])
    .await;
    // Nia has no password yet.
    let admin = user(&app, ADMIN).await;
    let form_new = app::domain::people::PersonForm {
        name: "Nia New".into(),
        email: "nia@test.example".into(),
        job_title: "Teacher".into(),
        academy: "1".into(),
        role_category: "delivering".into(),
        ..Default::default()
    };
    let nia = app::db::people::save(&app.db, &admin, None, &form_new, now())
        .await
        .expect("adds")
        .id;
    // Administrators find who has not set a password yet.
    let waiting = app::db::people::directory(
        &app.db,
        &admin,
        &app::model::PeopleFilter {
            no_password: true,
            ..Default::default()
        },
    )
    .await
    .expect("directory");
    let names: Vec<&str> = waiting.items.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Nia New"]);
    let client = app.signed_in(ADMIN).await;
    let (status, to) = app
        .post_form(
            &client,
            "send_invitation",
            &format!("/people/{nia}"),
            &[("id", &nia.to_string())],
        )
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (302, Some(format!("/people/{nia}?done=invited").as_str()))
    );
    let mail = sink.next().await;
    assert_eq!(mail.to, ["<nia@test.example>"]);
    assert!(
        mail.data
            .replace("=\r\n", "")
            .contains("https://waymark.trust.example/password/"),
        "{}",
        mail.data
    );
    let token = token_in(&mail.data);
    // Only a hash is kept.
    let kept = password_link::Entity::find()
        .all(&app.db)
        .await
        .expect("links");
    assert!(kept.iter().all(|l| l.id != token && l.id.len() == 64));

    // The link's page greets them; a common password is refused; a good one is set.
    let visitor = app.client();
    let (status, page) = app.get(&visitor, &format!("/password/{token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Welcome to Waymark, Nia"), "{page}");
    let (status, _) = app
        .post_form(
            &visitor,
            "set_password",
            &format!("/password/{token}"),
            &[
                ("token", &token),
                ("password[password]", "password1234"),
                ("password[confirm]", "password1234"),
            ],
        )
        .await;
    assert_ne!(status, 200);
    let (status, to) = app
        .post_form(
            &visitor,
            "set_password",
            &format!("/password/{token}"),
            &[
                ("token", &token),
                ("password[password]", NEW_PASSWORD),
                ("password[confirm]", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (302, Some("/sign-in?password_set=1"))
    );
    let signed_in = app
        .sign_in(&app.client(), "nia@test.example", NEW_PASSWORD)
        .await;
    assert_eq!(location(&signed_in).as_deref(), Some("/"));

    // The link is spent.
    let (status, page) = app.get(&visitor, &format!("/password/{token}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("already been used"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_reset_by_a_link_that_ends_every_other_session() {
    let mut sink = Sink::start().await;
    let app = TestApp::spawn_with(&[("SMTP_URL", sink.url.as_str())]).await;
    let elsewhere = app.signed_in(STAFF).await;
    assert_eq!(app.get(&elsewhere, "/").await.0, 200);

    let visitor = app.client();
    let (status, to) = app
        .post_form(
            &visitor,
            "request_password_reset",
            "/forgot-password",
            &[("email", "STAFF@test.example")],
        )
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (302, Some("/forgot-password?sent=1"))
    );
    let mail = sink.next().await;
    assert_eq!(mail.to, [format!("<{STAFF}>")]);
    let token = token_in(&mail.data);

    // An address nobody has gets the same answer, and no e-mail.
    let (status, to) = app
        .post_form(
            &visitor,
            "request_password_reset",
            "/forgot-password",
            &[("email", "nobody@test.example")],
        )
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (302, Some("/forgot-password?sent=1"))
    );
    assert!(sink.nothing_within(500).await);

    getting_in::set_password(&app.db, &token, &form(NEW_PASSWORD), now())
        .await
        .expect("sets");
    assert_eq!(
        app.get(&elsewhere, "/").await.0,
        303,
        "signed out everywhere"
    );
    let signed_in = app.sign_in(&app.client(), STAFF, NEW_PASSWORD).await;
    assert_eq!(location(&signed_in).as_deref(), Some("/"));
    let old = app.sign_in(&app.client(), STAFF, PASSWORD).await;
    assert_ne!(
        location(&old).as_deref(),
        Some("/"),
        "the old password no longer works"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_that_are_expired_reused_or_tampered_with_are_refused_plainly() {
    let app = TestApp::spawn().await;
    let mail = getting_in::request_reset(&app.db, STAFF, now())
        .await
        .expect("asks")
        .expect("an e-mail");
    let token = token_in(&mail.body);
    // Tampered: one character changed.
    let mut tampered = token.clone();
    let last = if tampered.ends_with('0') { "1" } else { "0" };
    tampered.replace_range(tampered.len() - 1.., last);
    let err = getting_in::set_password(&app.db, &tampered, &form(NEW_PASSWORD), now())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Gone(m) if m.contains("not one Waymark sent")));
    // Expired: an hour and a minute later.
    let later = now() + chrono::Duration::minutes(61);
    let err = getting_in::set_password(&app.db, &token, &form(NEW_PASSWORD), later)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Gone(m) if m.contains("expired")));
    // Used once, then refused.
    getting_in::set_password(&app.db, &token, &form(NEW_PASSWORD), now())
        .await
        .expect("sets");
    let err = getting_in::set_password(&app.db, &token, &form("another long passphrase"), now())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Gone(m) if m.contains("already been used")));
    // A newer link replaces an older one.
    let first = getting_in::request_reset(&app.db, STAFF, now())
        .await
        .expect("asks")
        .expect("mail");
    let second = getting_in::request_reset(&app.db, STAFF, now())
        .await
        .expect("asks")
        .expect("mail");
    assert!(
        getting_in::link(&app.db, &token_in(&first.body), now())
            .await
            .is_err()
    );
    assert!(
        getting_in::link(&app.db, &token_in(&second.body), now())
            .await
            .is_ok()
    );
    // A leaver's link does not work.
    let leaver = getting_in::request_reset(&app.db, LEFT, now())
        .await
        .expect("asks");
    assert!(leaver.is_none(), "nothing is sent to someone who has left");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_invite_and_never_someone_who_has_left() {
    let app = TestApp::spawn().await;
    for who in [HR, MANAGER, STAFF] {
        let actor = user(&app, who).await;
        assert!(matches!(
            getting_in::invite(&app.db, &actor, PersonId(4), now()).await,
            Err(AppError::Forbidden)
        ));
    }
    let admin = user(&app, ADMIN).await;
    assert!(matches!(
        getting_in::invite(&app.db, &admin, PersonId(7), now()).await,
        Err(AppError::Conflict(_))
    ));
    let mail = getting_in::invite(&app.db, &admin, PersonId(4), now())
        .await
        .expect("invites");
    assert!(mail.body.contains("7 days"));
    // The record page shows the invitation to administrators.
    let page = app::db::people::page(&app.db, &admin, PersonId(4))
        .await
        .expect("page");
    assert!(
        page.invitation
            .expect("shown to administrators")
            .invited
            .is_some()
    );
    let own = app::db::people::page(&app.db, &user(&app, STAFF).await, PersonId(4))
        .await
        .expect("page");
    assert!(own.invitation.is_none());
    // Setting a password through an invitation ends sessions too.
    let _ = app.signed_in(STAFF).await;
    let sessions = || {
        session::Entity::find()
            .filter(session::Column::PersonId.eq(4))
            .count(&app.db)
    };
    assert_eq!(sessions().await.expect("count"), 1);
    getting_in::set_password(&app.db, &token_in(&mail.body), &form(NEW_PASSWORD), now())
        .await
        .expect("sets");
    assert_eq!(sessions().await.expect("count"), 0);
}
