//! Text people wrote, put back into a form's `<textarea>`, stays text: it can never close the
//! textarea and run as part of the page.

use crate::common::*;
use crate::evidence::form;
use app::db::evidence;

const ATTACK: &str = "</textarea><script>window.owned = 1</script><textarea>";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_that_closes_a_textarea_is_served_as_text() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let mut entry = form();
    entry.what_done = format!("Led the meeting. {ATTACK}");
    entry.reflection = "<b>& more</b>".to_owned();
    let id = evidence::save(&app.db, &staff, None, 0, &entry, chrono::Utc::now())
        .await
        .expect("saves");
    let client = app.signed_in(STAFF).await;
    let (status, body) = app.get(&client, &format!("/evidence/{id}/edit")).await;
    assert_eq!(status, 200, "{body}");
    assert!(!body.contains("<script>window.owned"), "{body}");
    assert!(
        body.contains("&lt;/textarea&gt;&lt;script&gt;window.owned = 1&lt;/script&gt;"),
        "the text is still there, escaped: {body}"
    );
    assert!(body.contains("&lt;b&gt;&amp; more&lt;/b&gt;"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrators_editor_serves_a_hostile_description_as_text() {
    use app::db::evidence::settings;
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = user(&app, ADMIN).await;
    let form = app::model::ActivityTypeForm {
        name: "Judged a debate".to_owned(),
        description: format!("Judged a round. {ATTACK}"),
        needs_host: true,
        suggested: Vec::new(),
    };
    let id = settings::save_activity_type(&app.db, &admin, None, &form)
        .await
        .expect("saves");
    let client = app.signed_in(ADMIN).await;
    let (status, body) = app
        .get(&client, &format!("/manage/evidence/types/{id}"))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(!body.contains("<script>window.owned"), "{body}");
    assert!(body.contains("Judged a round. &lt;/textarea&gt;"), "{body}");
}
