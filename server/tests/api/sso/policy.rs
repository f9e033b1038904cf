//! Administrators require trust accounts for everyone, once single sign-on works for them;
//! then passwords, resets, old password links and invitations follow.

use super::provider::{FakeProvider, Plan};
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_switch_passwords_off_only_once_sso_works_for_them() {
    let provider = FakeProvider::start().await;
    let app = microsoft_app(&provider).await;
    let admin = app.signed_in(ADMIN).await;
    let require = |client: &reqwest::Client| {
        let client = client.clone();
        let url = app.url("/api/set_sso_required");
        let origin = app.address.clone();
        let referer = app.url("/manage/sign-in");
        async move {
            client
                .post(url)
                .header("origin", origin)
                .header("referer", referer)
                .form(&[("required", "true")])
                .send()
                .await
                .expect("answers")
        }
    };
    // Staff may not.
    let staff = app.signed_in(STAFF).await;
    assert_eq!(require(&staff).await.status().as_u16(), 403);
    // Not before the administrator has signed in with Microsoft themselves.
    let refused = require(&admin).await;
    assert_eq!(refused.status().as_u16(), 409);
    assert!(
        refused
            .text()
            .await
            .expect("text")
            .contains("yourself first")
    );
    assert!(
        !app::db::auth::sso::sso_required(&app.db)
            .await
            .expect("reads")
    );

    let started = start(&app, &provider, "microsoft", "/").await;
    assert_eq!(
        answer(
            &app,
            &provider,
            "microsoft",
            &started,
            Plan::for_email(ADMIN)
        )
        .await,
        "/"
    );
    let done = require(&started.browser).await;
    assert!(
        done.status().is_success() || done.status().is_redirection(),
        "{}",
        done.status()
    );
    assert!(
        app::db::auth::sso::sso_required(&app.db)
            .await
            .expect("reads")
    );

    // Passwords are refused now, for sign-in and for resets, with a plain message.
    let client = app.client();
    let response = app.sign_in(&client, STAFF, PASSWORD).await;
    assert!(response.headers().get("set-cookie").is_none(), "no session");
    let back = location(&response).expect("sent back to the form");
    let (_, page) = app
        .get(&client, back.trim_start_matches(&app.address))
        .await;
    assert!(page.contains("not Waymark passwords"), "{page}");
    assert!(!signed_in(&app, &client).await);
    let (status, _) = app
        .post_form(
            &client,
            "request_password_reset",
            "/forgot-password",
            &[("email", STAFF)],
        )
        .await;
    assert_eq!(status, 302, "sent back with the message");
    let (_, page) = app.get(&app.client(), "/sign-in").await;
    assert!(page.contains("Sign in with Microsoft"));
    assert!(!page.contains("id=\"password\""), "no password field");
    let (_, settings) = app.get(&started.browser, "/manage/sign-in").await;
    assert!(settings.contains("Passwords are refused"));

    // An invitation now tells them to sign in with their trust account; no password link.
    let admin_user = user(&app, ADMIN).await;
    let mail = app::db::getting_in::invite(
        &app.db,
        &admin_user,
        app::domain::PersonId(4),
        chrono::Utc::now(),
    )
    .await
    .expect("invites");
    assert!(mail.body.contains("{base}/sign-in"), "{}", mail.body);
    assert!(!mail.body.contains("/password/"), "{}", mail.body);
    // And a password link sent before cannot be used.
    let form = app::domain::people::getting_in::NewPasswordForm {
        password: "a long new password for sam".into(),
        confirm: "a long new password for sam".into(),
    };
    let refused =
        app::db::getting_in::set_password(&app.db, "any-token", &form, chrono::Utc::now())
            .await
            .expect_err("refused");
    assert!(matches!(refused, app::error::AppError::PasswordsOff));
}
