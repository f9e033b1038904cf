//! Awards as Open Badges 3.0 over HTTP: the holder downloads a signed credential, anyone reads
//! the trust's issuer profile and checks a credential file, and a changed or withdrawn one says
//! so.

use super::{add_rule, connector, now, verify};
use crate::common::*;
use crate::evidence::submitted_entry;
use app::db::recognition::awards;
use app::domain::PersonId;
use app::model::GiveForm;
use serde_json::Value;

/// Gives Sam an award by hand and returns its id.
async fn sams_award(app: &TestApp) -> app::domain::AwardId {
    let hr = user(app, HR).await;
    let form = GiveForm {
        people: STAFF.into(),
        name: "Trust mentor".into(),
        citation: "For mentoring three early-career teachers.".into(),
        group_name: String::new(),
    };
    awards::give(&app.db, &hr, &form, now())
        .await
        .expect("gives");
    let staff = user(app, STAFF).await;
    awards::held_by(&app.db, PersonId(staff.actor.id.0), false)
        .await
        .expect("held")[0]
        .id
}

async fn download(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (u16, Option<String>, String) {
    let response = client.get(app.url(path)).send().await.expect("answers");
    let status = response.status().as_u16();
    let disposition = header(&response, "content-disposition").map(str::to_owned);
    (status, disposition, response.text().await.expect("body"))
}

/// Checks `text` as anyone would, on the public page, without JavaScript: returns the page the
/// check leads to.
async fn check(app: &TestApp, text: &str) -> String {
    let client = app.client();
    let (status, to) = app
        .post_form(
            &client,
            "check_credential",
            "/credentials/check",
            &[("credential", text)],
        )
        .await;
    assert_eq!(status, 302);
    let to = to.expect("goes to the verdict");
    assert!(to.starts_with("/credentials/check?result="), "{to}");
    let (status, body) = app.get(&client, &to).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_holder_downloads_a_signed_open_badge_that_anyone_can_check() {
    let app = TestApp::spawn().await;
    let id = sams_award(&app).await;
    let path = format!("/awards/{id}/credential.json");

    let (status, disposition, body) = download(&app, &app.signed_in(STAFF).await, &path).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        disposition.as_deref(),
        Some(
            "attachment; filename=\"award-trust-mentor.json\"; filename*=UTF-8''award-trust-mentor.json"
        )
    );
    let credential: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(credential["type"][1], "OpenBadgeCredential");
    assert_eq!(
        credential["credentialSubject"]["achievement"]["name"],
        "Trust mentor"
    );
    assert_eq!(credential["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    let issuer_id = credential["issuer"]["id"]
        .as_str()
        .expect("issuer")
        .to_owned();
    assert!(issuer_id.ends_with("/credentials/issuer"), "{issuer_id}");

    // The issuer profile, public and readable from any page, publishes the key that signed it.
    let response = app
        .client()
        .get(app.url("/credentials/issuer"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(header(&response, "access-control-allow-origin"), Some("*"));
    let profile: Value = response.json().await.expect("JSON");
    assert_eq!(
        profile["assertionMethod"][0]["id"],
        credential["proof"]["verificationMethod"]
    );
    assert!(
        profile["assertionMethod"][0]["publicKeyMultibase"]
            .as_str()
            .is_some_and(|k| k.starts_with("z6Mk"))
    );

    // HR may download it too; anyone else is told it does not exist.
    assert_eq!(download(&app, &app.signed_in(HR).await, &path).await.0, 200);
    assert_eq!(
        download(&app, &app.signed_in(MANAGER).await, &path).await.0,
        404
    );
    assert_eq!(download(&app, &app.client(), &path).await.0, 303);

    let page = check(&app, &body).await;
    assert!(page.contains("This credential is genuine."), "{page}");
    assert!(page.contains("Sam Staff") && page.contains("Trust mentor"));

    let tampered = body.replace("For mentoring three", "For mentoring thirty");
    assert_ne!(tampered, body);
    let page = check(&app, &tampered).await;
    assert!(page.contains("This credential is not genuine."), "{page}");
    assert!(
        !page.contains("Sam Staff"),
        "a forgery learns nothing of the holder"
    );

    let page = check(&app, "{ \"not\": \"a credential\" }").await;
    assert!(page.contains("This could not be checked."), "{page}");

    // Withdrawn: no new credential, and the one already handed out says so.
    awards::withdraw(
        &app.db,
        &user(&app, HR).await,
        id,
        "Given by mistake.",
        now(),
    )
    .await
    .expect("withdraws");
    assert_eq!(
        download(&app, &app.signed_in(STAFF).await, &path).await.0,
        410
    );
    let page = check(&app, &body).await;
    assert!(page.contains("its award no longer stands"), "{page}");
    assert!(page.contains("Withdrawn on"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_pasted_is_refused_with_a_message_and_a_guessed_result_finds_nothing() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let (status, to) = app
        .post_form(
            &client,
            "check_credential",
            "/credentials/check",
            &[("credential", "  ")],
        )
        .await;
    assert_eq!(status, 302);
    assert!(to.is_some_and(|to| to.contains("__err=")));
    let (status, body) = app
        .get(
            &client,
            "/credentials/check?result=00000000000000000000000000000000",
        )
        .await;
    assert_eq!(status, 410, "{body}");
    assert!(body.contains("This check has expired"), "{body}");
    let (status, body) = app.get(&client, "/credentials/check").await;
    assert_eq!(status, 200);
    assert!(body.contains("Check the credential"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_milestones_achievement_is_public_once_someone_holds_it() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let (staff, manager, hr) = (
        user(&app, STAFF).await,
        user(&app, MANAGER).await,
        user(&app, HR).await,
    );
    let rule = add_rule(&app, &hr, &connector()).await;
    let path = format!("/credentials/achievements/{}", rule.0);
    let (status, _) = app.get(&app.client(), &path).await;
    assert_eq!(status, 404, "a milestone no one holds is HR's draft");

    let entry = submitted_entry(&app, &staff).await;
    verify(&app, &manager, entry).await;
    let (status, body) = app.get(&app.client(), &path).await;
    assert_eq!(status, 200, "{body}");
    let achievement: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(achievement["name"], "Trust connector");
    assert_eq!(
        achievement["description"],
        "For working **beyond your own academy**."
    );
    assert!(
        achievement["criteria"]["narrative"]
            .as_str()
            .is_some_and(|c| c.contains("other than their own")),
        "{achievement}"
    );

    // The holder's credential names the same achievement.
    let id = awards::held_by(&app.db, PersonId(staff.actor.id.0), false)
        .await
        .expect("held")[0]
        .id;
    let (status, _, body) = download(
        &app,
        &app.signed_in(STAFF).await,
        &format!("/awards/{id}/credential.json"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let credential: Value = serde_json::from_str(&body).expect("JSON");
    assert!(
        credential["credentialSubject"]["achievement"]["id"]
            .as_str()
            .is_some_and(|id| id.ends_with(&path)),
        "{credential}"
    );
}
